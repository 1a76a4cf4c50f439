//! The Python-free part of embargo-py: rows fed to a `RowStream` come
//! back in input order with the results of `embargo screen --input` on the
//! same rows as a JSON-lines file (the batch pipeline run directly), and
//! list files load as a screener or fail naming the file.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use embargo_core::batch::{self, BatchError, BatchOptions, RowSink};
use embargo_core::matching::{ScreenMatch, ScreenOptions, Screener};
use embargo_core::records::{ColumnMap, Record, RecordReader, RowError};
use embargo_py::lists::{ListsError, from_files};
use embargo_py::stream::{RowEvent, RowStream, StreamOptions};
use serde_json::{Map, Value, json};

fn demo() -> Arc<Screener> {
    Arc::new(embargo_store::demo_lists().unwrap().screener)
}

/// Rows with results, without, malformed, with a reference and without.
fn rows(count: usize) -> Vec<Map<String, Value>> {
    let names = [
        json!({"name": "Kim Sang Man", "dob": "1965"}),
        json!({"full_name": "Lazarus Group", "ref": "C-7"}),
        json!({"name": ""}),
        json!({"name": "Jane Doe", "country": "France"}),
        json!({"name": "Pyongyang University of Automation", "type": "organization"}),
        json!({"name": "Kim Jong Un", "dob": "someday"}),
    ];
    (0..count)
        .map(|at| names[at % names.len()].as_object().unwrap().clone())
        .collect()
}

/// One line per row: what the CLI's batch would say of it.
fn describe(screener: &Screener, event: &RowEvent) -> String {
    match event {
        RowEvent::Screened(record, matches) => {
            let results: Vec<String> = matches
                .iter()
                .map(|m| format!("{} {}", screener.view(m).id, m.score))
                .collect();
            format!(
                "{} {} {} {:?} [{}]",
                record.row,
                record.reference,
                record.query.name,
                record.warnings,
                results.join(", ")
            )
        }
        RowEvent::Rejected(row) => format!("{} rejected: {}", row.row, row.message),
    }
}

struct Collect<'a> {
    screener: &'a Screener,
    lines: Vec<String>,
}

impl RowSink for Collect<'_> {
    fn screened(
        &mut self,
        _: &Screener,
        record: &Record,
        matches: &[ScreenMatch],
    ) -> Result<(), BatchError> {
        let event = RowEvent::Screened(record.clone(), matches.to_vec());
        self.lines.push(describe(self.screener, &event));
        Ok(())
    }

    fn rejected(&mut self, row: &RowError) -> Result<(), BatchError> {
        let event = RowEvent::Rejected(row.clone());
        self.lines.push(describe(self.screener, &event));
        Ok(())
    }
}

/// Feeds `rows` as a caller does (only while there is room), collecting
/// every event.
fn stream(
    screener: &Arc<Screener>,
    rows: &[Map<String, Value>],
    jobs: usize,
    first_row: u64,
) -> Vec<String> {
    let unnumbered: Vec<(&Map<String, Value>, Option<u64>)> =
        rows.iter().map(|row| (row, None)).collect();
    stream_numbered(screener, &unnumbered, jobs, first_row)
}

/// As `stream`, each row fed with the number given beside it.
fn stream_numbered(
    screener: &Arc<Screener>,
    rows: &[(&Map<String, Value>, Option<u64>)],
    jobs: usize,
    first_row: u64,
) -> Vec<String> {
    let options = StreamOptions {
        batch: BatchOptions::new(ScreenOptions::default(), jobs),
        columns: ColumnMap::default(),
        first_row,
    };
    let mut stream = RowStream::start(Arc::clone(screener), options);
    let mut lines = Vec::new();
    let mut next = rows.iter();
    loop {
        while let Some(event) = stream.try_next() {
            lines.push(describe(screener, &event));
        }
        if stream.wants_input() {
            match next.next() {
                Some((row, number)) => stream.feed(row, *number).unwrap(),
                None => stream.end_input(),
            }
            continue;
        }
        match stream.next_blocking().unwrap() {
            Some(event) => lines.push(describe(screener, &event)),
            None => break,
        }
    }
    lines
}

#[test]
fn a_stream_gives_the_batch_results_in_input_order() {
    let screener = demo();
    let rows = rows(5_000);
    let text: String = rows
        .iter()
        .map(|row| format!("{}\n", Value::Object(row.clone())))
        .collect();
    let records =
        RecordReader::new(text.as_bytes(), "rows.jsonl", None, ColumnMap::default()).unwrap();
    let mut sink = Collect {
        screener: &screener,
        lines: Vec::new(),
    };
    let options = BatchOptions::new(ScreenOptions::default(), 2);
    batch::run(
        &screener,
        records,
        &options,
        &AtomicBool::new(false),
        &mut sink,
    )
    .unwrap();
    assert_eq!(sink.lines.len(), rows.len());
    assert!(sink.lines.iter().any(|line| line.contains("demo:43377")));
    assert!(sink.lines.iter().any(|line| line.contains("rejected")));
    assert!(sink.lines.iter().any(|line| line.contains("not a date")));

    for jobs in [1, 2] {
        let streamed = stream(&screener, &rows, jobs, 1);
        assert_eq!(streamed, sink.lines, "jobs {jobs}");
    }
}

#[test]
fn a_slice_numbers_its_rows_as_the_whole_input() {
    let screener = demo();
    let rows = rows(12);
    let whole = stream(&screener, &rows, 2, 1);
    let tail = stream(&screener, &rows[6..], 2, 7);
    assert_eq!(tail.len(), 6);
    assert_eq!(tail, whole[6..]);
}

#[test]
fn rows_fed_out_of_order_carry_the_numbers_they_were_fed_with() {
    // As a Spark partition after a shuffle: the rows of a larger input in
    // another order, each with its place in that input.
    let screener = demo();
    let rows = rows(24);
    let whole = stream(&screener, &rows, 2, 1);
    let shuffled: Vec<(&Map<String, Value>, Option<u64>)> = (0..rows.len())
        .rev()
        .filter(|at| at % 4 != 3)
        .map(|at| (&rows[at], Some(at as u64 + 1)))
        .collect();
    let streamed = stream_numbered(&screener, &shuffled, 2, 1);
    let expected: Vec<String> = (0..rows.len())
        .rev()
        .filter(|at| at % 4 != 3)
        .map(|at| whole[at].clone())
        .collect();
    assert_eq!(streamed, expected);
    // Rows of a reference keep it; a malformed row is renumbered too.
    assert!(streamed.iter().any(|line| line.starts_with("14 C-7 ")));
    assert!(streamed.iter().any(|line| line.starts_with("21 rejected")));
}

#[test]
fn no_rows_is_no_results_and_no_error() {
    assert!(stream(&demo(), &[], 2, 1).is_empty());
}

#[test]
fn a_dropped_stream_stops_its_threads() {
    let screener = demo();
    let options = StreamOptions {
        batch: BatchOptions::new(ScreenOptions::default(), 2),
        columns: ColumnMap::default(),
        first_row: 1,
    };
    let mut stream = RowStream::start(Arc::clone(&screener), options);
    for row in rows(100) {
        stream.feed(&row, None).unwrap();
    }
    drop(stream);
    // The screener is shared with the pipeline's threads until they end.
    for _ in 0..200 {
        if Arc::strong_count(&screener) == 1 {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(25));
    }
    panic!("the pipeline still holds the screener");
}

#[test]
fn list_files_load_or_fail_naming_the_file() {
    assert!(matches!(from_files(&[]), Err(ListsError::NoFiles)));
    let dir = std::env::temp_dir().join(format!("embargo-py-lists-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let list = dir.join("my-list.csv");
    std::fs::write(
        &list,
        "id,type,name,aliases,programs\nP-1,person,Ivan Testovich Petrov,,TEST\n",
    )
    .unwrap();
    let screener = from_files(std::slice::from_ref(&list)).unwrap();
    assert_eq!(screener.entities().len(), 1);
    assert_eq!(screener.lists().len(), 1);
    let results = screener.screen(
        &embargo_core::matching::Query::name("Ivan Petrov"),
        &ScreenOptions::default(),
    );
    assert_eq!(results.len(), 1);

    // The same list name in two folders: one source, two publications.
    let other = dir.join("other");
    std::fs::create_dir_all(&other).unwrap();
    std::fs::copy(&list, other.join("my-list.csv")).unwrap();
    let twice = from_files(&[list.clone(), other.join("my-list.csv")]);
    let error = twice.expect_err("two publications of one list").to_string();
    assert!(error.contains("two publications"), "{error}");
    let missing: PathBuf = dir.join("absent.csv");
    let error = from_files(&[missing]).err().unwrap().to_string();
    assert!(error.contains("absent.csv"), "{error}");
    std::fs::remove_dir_all(&dir).unwrap();
}
