//! The batch engine against the bundled demo list: output order and
//! content independent of the number of jobs and chunk size, cancellation
//! leaving a prefix, strict stops, broken input after good rows.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::atomic::{AtomicBool, Ordering};

use embargo_core::batch::{self, BatchError, BatchOptions, OutputFormat, ResultWriter, RowSink};
use embargo_core::matching::{ScreenMatch, ScreenOptions, Screener};
use embargo_core::records::{ColumnMap, Record, RecordReader, RowError};
use embargo_core::sources::demo_entities;

fn screener() -> Screener {
    Screener::new(demo_entities().unwrap(), Vec::new())
}

/// `rows` rows cycling through listed names, unlisted names and
/// malformed rows (a missing name, a wrong column count).
fn input(rows: usize) -> String {
    let names = [
        "Kim Sang Man,1965-04-25,kp",
        "Jane Doe,1980,fr",
        ",1970,us",
        "Technical Reconnaissance Bureau,,",
        "KIM Sangman,,",
        "Pyongyang University of Automation,,kp",
        "too,many,columns,here",
        "Ri Jong Won,1981,kp",
    ];
    let mut text = String::from("name,dob,country\n");
    for row in 0..rows {
        text.push_str(names[row % names.len()]);
        text.push('\n');
    }
    text
}

/// Writes results with the library writer and records rejected lines.
struct Collect {
    writer: ResultWriter<Vec<u8>>,
    rejected: Vec<u64>,
    rows: u64,
    cancel_after: Option<(u64, &'static AtomicBool)>,
    strict: bool,
}

impl Collect {
    fn new() -> Collect {
        Collect {
            writer: ResultWriter::new(Vec::new(), OutputFormat::JsonLines, true).unwrap(),
            rejected: Vec::new(),
            rows: 0,
            cancel_after: None,
            strict: false,
        }
    }

    fn output(self) -> String {
        String::from_utf8(self.writer.into_inner().unwrap()).unwrap()
    }
}

impl RowSink for Collect {
    fn screened(
        &mut self,
        screener: &Screener,
        record: &Record,
        matches: &[ScreenMatch],
    ) -> Result<(), BatchError> {
        self.rows += 1;
        if let Some((after, flag)) = self.cancel_after
            && self.rows == after
        {
            flag.store(true, Ordering::SeqCst);
        }
        self.writer.write(screener, record, matches).unwrap();
        Ok(())
    }

    fn rejected(&mut self, row: &RowError) -> Result<(), BatchError> {
        self.rows += 1;
        if self.strict {
            return Err(BatchError::Strict(row.clone()));
        }
        self.rejected.push(row.line);
        Ok(())
    }
}

fn run(
    text: &str,
    jobs: usize,
    chunk_rows: usize,
    sink: &mut Collect,
    cancel: &AtomicBool,
) -> Result<batch::BatchSummary, BatchError> {
    let records = RecordReader::new(text.as_bytes(), "t.csv", None, ColumnMap::default()).unwrap();
    let options = BatchOptions {
        chunk_rows,
        ..BatchOptions::new(ScreenOptions::default(), jobs)
    };
    batch::run(&screener(), records, &options, cancel, sink)
}

#[test]
fn output_is_the_same_for_any_jobs_and_chunk_size() {
    let text = input(1000);
    let mut reference = None;
    for (jobs, chunk_rows) in [(1, 256), (2, 7), (4, 1), (3, 1000)] {
        let mut sink = Collect::new();
        let summary = run(&text, jobs, chunk_rows, &mut sink, &AtomicBool::new(false)).unwrap();
        assert_eq!(summary.rows_read, 1000);
        assert_eq!(summary.rows_rejected, 250);
        assert_eq!(summary.rows_screened, 750);
        assert!(summary.rows_with_results >= 500, "{summary}");
        assert!(!summary.interrupted);
        let rejected = sink.rejected.clone();
        assert_eq!(rejected.len(), 250);
        assert!(rejected.windows(2).all(|w| w[0] < w[1]), "rejects in order");
        let output = sink.output();
        let rows: Vec<u64> = output
            .lines()
            .map(|line| {
                serde_json::from_str::<serde_json::Value>(line).unwrap()["row"]
                    .as_u64()
                    .unwrap()
            })
            .collect();
        assert!(rows.windows(2).all(|w| w[0] <= w[1]), "rows in input order");
        match &reference {
            None => reference = Some(output),
            Some(expected) => assert_eq!(&output, expected, "jobs {jobs}, chunk {chunk_rows}"),
        }
    }
}

#[test]
fn cancelling_leaves_a_complete_prefix() {
    static CANCEL: AtomicBool = AtomicBool::new(false);
    let text = input(20_000);
    let mut sink = Collect::new();
    sink.cancel_after = Some((300, &CANCEL));
    let options_chunk = 50;
    let summary = run(&text, 2, options_chunk, &mut sink, &CANCEL).unwrap();
    assert!(summary.interrupted);
    assert!(summary.rows_read >= 300, "{summary}");
    // At most the chunks in flight beyond the cancelling row are finished.
    let in_flight = BatchOptions::new(ScreenOptions::default(), 2).in_flight() as u64;
    assert!(
        summary.rows_read <= 300 + (in_flight + 2) * options_chunk as u64,
        "{summary}"
    );
    let output = sink.output();
    let rows: Vec<u64> = output
        .lines()
        .map(|line| {
            serde_json::from_str::<serde_json::Value>(line).unwrap()["row"]
                .as_u64()
                .unwrap()
        })
        .collect();
    // Every screened row up to the last one is present (--all): a prefix.
    let mut expected: Vec<u64> = (1..=summary.rows_read)
        .filter(|r| (r - 1) % 8 != 2 && (r - 1) % 8 != 6)
        .collect();
    expected.dedup();
    let mut distinct = rows.clone();
    distinct.dedup();
    assert_eq!(distinct, expected);
}

#[test]
fn a_sink_error_stops_the_batch_after_the_rows_before_it() {
    let text = input(5000);
    let mut sink = Collect::new();
    sink.strict = true;
    let error = run(&text, 2, 16, &mut sink, &AtomicBool::new(false)).unwrap_err();
    assert!(
        matches!(&error, BatchError::Strict(row) if row.line == 4),
        "{error}"
    );
    assert_eq!(
        error.to_string(),
        "line 4: empty name (and no identifier or address to screen) (stopped: --strict)"
    );
    assert_eq!(sink.rows, 3);
    let output = sink.output();
    assert_eq!(
        output.lines().count(),
        2,
        "rows 1 and 2 (row 1 has results, row 2 has none)"
    );
}

/// The text, then a read error (a disk or network failure mid-file).
struct FailingReader {
    data: std::io::Cursor<Vec<u8>>,
}

impl std::io::Read for FailingReader {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self.data.read(buf)? {
            0 => Err(std::io::Error::other("device gone")),
            read => Ok(read),
        }
    }
}

#[test]
fn a_read_failure_is_an_error_after_the_good_rows_are_written() {
    let text = input(600);
    let reader = FailingReader {
        data: std::io::Cursor::new(text.into_bytes()),
    };
    let records = RecordReader::new(reader, "t.csv", None, ColumnMap::default()).unwrap();
    let mut sink = Collect::new();
    let options = BatchOptions {
        chunk_rows: 64,
        ..BatchOptions::new(ScreenOptions::default(), 2)
    };
    let error = batch::run(
        &screener(),
        records,
        &options,
        &AtomicBool::new(false),
        &mut sink,
    )
    .unwrap_err();
    assert!(matches!(error, BatchError::Input(_)), "{error}");
    assert!(error.to_string().contains("device gone"), "{error}");
    assert_eq!(
        sink.rows, 600,
        "every row read before the failure is handed on"
    );
}

#[test]
fn an_unterminated_quote_is_one_malformed_row() {
    let mut text = input(600);
    text.push_str("\"Unterminated quote,1970,fr\nLee,1970,kr\n");
    let mut sink = Collect::new();
    let summary = run(&text, 2, 64, &mut sink, &AtomicBool::new(false)).unwrap();
    // The quoted field runs to the end of the file: one row, one column.
    assert_eq!(summary.rows_read, 601);
    assert_eq!(summary.rows_rejected, 150 + 1);
    assert_eq!(sink.rejected.last(), Some(&602));
}
