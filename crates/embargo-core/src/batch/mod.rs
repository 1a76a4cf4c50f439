//! Batch screening: a whole file of records against one [`Screener`],
//! streaming, in parallel, with output in input order.
//!
//! The pipeline has three stages:
//!
//! 1. a reader thread turns the [`RecordReader`] into chunks of
//!    [`BatchOptions::chunk_rows`] rows;
//! 2. [`BatchOptions::jobs`] worker threads screen whole chunks;
//! 3. the calling thread puts finished chunks back in input order and hands
//!    every row to a [`RowSink`] (the output file, a rejects file, a
//!    progress bar, an HTTP response...).
//!
//! Memory is bounded whatever the file size: the reader may only be
//! [`BatchOptions::in_flight`] chunks ahead of the sink. Output order and
//! content do not depend on the number of jobs.
//!
//! Stopping: setting the `cancel` flag makes the reader stop at the next
//! row; rows already read are still screened and handed to the sink in
//! order, so the output is complete up to a row boundary.

pub mod output;
pub mod summary;

use std::collections::BTreeMap;
use std::io::Read;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, SyncSender, channel, sync_channel};
use std::sync::{Mutex, PoisonError};
use std::thread;
use std::time::Instant;

use crate::matching::{ScreenMatch, ScreenOptions, Screener};
use crate::model::Schema;
use crate::records::{Record, RecordReader, RecordsError, RowError};

pub use output::{OUTPUT_COLUMNS, OutputFormat, OutputRow, RejectsWriter, ResultWriter, tsv_field};
pub use summary::BatchSummary;

/// Rows per chunk handed to a worker unless the caller says otherwise.
pub const DEFAULT_CHUNK_ROWS: usize = 256;

/// How a batch runs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BatchOptions {
    /// Threshold and per-row limit of results.
    pub screen: ScreenOptions,
    /// Worker threads screening in parallel (at least 1).
    pub jobs: usize,
    /// Rows per chunk (at least 1).
    pub chunk_rows: usize,
    /// Type screened for rows that give none (`None`: any type).
    pub default_schema: Option<Schema>,
}

impl BatchOptions {
    /// Options with `jobs` workers and the default chunk size.
    pub fn new(screen: ScreenOptions, jobs: usize) -> BatchOptions {
        BatchOptions {
            screen,
            jobs: jobs.max(1),
            chunk_rows: DEFAULT_CHUNK_ROWS,
            default_schema: None,
        }
    }

    /// Chunks that may be read but not yet handed to the sink: enough to
    /// keep every worker busy while the sink catches up, few enough to
    /// bound memory.
    pub fn in_flight(&self) -> usize {
        self.jobs.max(1) * 3 + 1
    }
}

/// Why a batch stopped before the end of its input.
#[derive(Debug, thiserror::Error)]
pub enum BatchError {
    /// The input as a whole cannot be read any further (I/O error, broken
    /// CSV structure).
    #[error(transparent)]
    Input(#[from] RecordsError),
    /// Writing the output failed.
    #[error("{label}: cannot write: {source}")]
    Output {
        /// The output (file path, or `-`).
        label: String,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// A malformed row in a strict run.
    #[error("{0} (stopped: --strict)")]
    Strict(RowError),
    /// A worker failed unexpectedly while screening a chunk.
    #[error("screening rows from line {line} failed: {message}")]
    Worker {
        /// First line of the chunk.
        line: u64,
        /// The failure.
        message: String,
    },
}

/// Receives every row of a batch, in input order, on the thread that
/// called [`run`].
pub trait RowSink {
    /// A row that was screened, with its results (possibly none).
    fn screened(
        &mut self,
        screener: &Screener,
        record: &Record,
        matches: &[ScreenMatch],
    ) -> Result<(), BatchError>;

    /// A malformed row. Returning an error stops the batch (strict mode).
    fn rejected(&mut self, row: &RowError) -> Result<(), BatchError>;

    /// Called after each chunk and at the end: a good moment to flush.
    fn flush(&mut self) -> Result<(), BatchError> {
        Ok(())
    }
}

/// One row read from the input.
type Item = Result<Record, RowError>;

struct Chunk {
    seq: u64,
    items: Vec<Item>,
}

/// A row after screening.
enum Screened {
    Row(Record, Vec<ScreenMatch>),
    Rejected(RowError),
}

struct Done {
    seq: u64,
    rows: Result<Vec<Screened>, BatchError>,
}

/// Screens every record of `records` with `screener` and hands the rows to
/// `sink` in input order. Stops early when `cancel` is set (the summary
/// says so), when the input breaks, or when the sink returns an error; in
/// every case the rows handed to the sink form a prefix of the input.
pub fn run<R: Read + Send>(
    screener: &Screener,
    records: RecordReader<R>,
    options: &BatchOptions,
    cancel: &AtomicBool,
    sink: &mut dyn RowSink,
) -> Result<BatchSummary, BatchError> {
    let started = Instant::now();
    let stop = AtomicBool::new(false);
    let (chunk_tx, chunk_rx) = sync_channel::<Chunk>(options.jobs.max(1));
    let (done_tx, done_rx) = channel::<Done>();
    let (token_tx, token_rx) = sync_channel::<()>(options.in_flight());
    for _ in 0..options.in_flight() {
        // The channel has room for every token: this cannot block or fail.
        let _ = token_tx.send(());
    }
    let chunk_rx = Mutex::new(chunk_rx);
    let mut summary = BatchSummary::default();
    let (read_result, written) = thread::scope(|scope| {
        let stop = &stop;
        let reader = scope.spawn(move || {
            read_chunks(
                records,
                options.chunk_rows,
                cancel,
                stop,
                &chunk_tx,
                &token_rx,
            )
        });
        for _ in 0..options.jobs.max(1) {
            let done_tx = done_tx.clone();
            let chunk_rx = &chunk_rx;
            scope.spawn(move || screen_chunks(screener, options, chunk_rx, &done_tx));
        }
        drop(done_tx);
        let written = write_in_order(screener, &done_rx, &token_tx, sink, &mut summary);
        if written.is_err() {
            stop.store(true, Ordering::SeqCst);
        }
        drop(token_tx);
        // Drain so the reader and workers can finish.
        while done_rx.recv().is_ok() {}
        let read_result = reader.join().unwrap_or_else(|_| {
            Err(BatchError::Worker {
                line: 0,
                message: "the reader thread failed".to_string(),
            })
        });
        (read_result, written)
    });
    summary.elapsed = started.elapsed();
    // Flush what was written whatever happened: the output stays a valid
    // prefix of the full result.
    let flushed = sink.flush();
    written?;
    let complete = read_result?;
    flushed?;
    summary.interrupted = !complete && cancel.load(Ordering::SeqCst);
    Ok(summary)
}

/// The reader stage: chunks of rows until the end (`Ok(true)`), a fatal
/// error, a cancellation or a stop request (`Ok(false)`).
fn read_chunks<R: Read>(
    mut records: RecordReader<R>,
    chunk_rows: usize,
    cancel: &AtomicBool,
    stop: &AtomicBool,
    chunks: &SyncSender<Chunk>,
    tokens: &Receiver<()>,
) -> Result<bool, BatchError> {
    let halted = || cancel.load(Ordering::SeqCst) || stop.load(Ordering::SeqCst);
    for seq in 0.. {
        if tokens.recv().is_err() || halted() {
            return Ok(false);
        }
        let mut items = Vec::with_capacity(chunk_rows.max(1));
        let mut fatal = None;
        let mut at_end = false;
        while items.len() < chunk_rows.max(1) && !halted() {
            match records.next_record() {
                None => {
                    at_end = true;
                    break;
                }
                Some(Ok(item)) => items.push(item),
                Some(Err(error)) => {
                    fatal = Some(error);
                    break;
                }
            }
        }
        let halted_now = items.len() < chunk_rows.max(1) && !at_end;
        if !items.is_empty() && chunks.send(Chunk { seq, items }).is_err() {
            return Ok(false);
        }
        if let Some(error) = fatal {
            return Err(error.into());
        }
        if at_end || halted_now {
            return Ok(at_end);
        }
    }
    Ok(true)
}

/// The worker stage: screens chunks until the reader is done.
fn screen_chunks(
    screener: &Screener,
    options: &BatchOptions,
    chunks: &Mutex<Receiver<Chunk>>,
    done: &Sender<Done>,
) {
    loop {
        let next = chunks.lock().unwrap_or_else(PoisonError::into_inner).recv();
        let Ok(chunk) = next else { return };
        let first_line = match chunk.items.first() {
            Some(Ok(record)) => record.line,
            Some(Err(row)) => row.line,
            None => 0,
        };
        let rows = catch_unwind(AssertUnwindSafe(|| {
            screen_items(screener, options, chunk.items)
        }))
        .map_err(|panic| BatchError::Worker {
            line: first_line,
            message: panic_message(panic.as_ref()),
        });
        if done
            .send(Done {
                seq: chunk.seq,
                rows,
            })
            .is_err()
        {
            return;
        }
    }
}

fn screen_items(screener: &Screener, options: &BatchOptions, items: Vec<Item>) -> Vec<Screened> {
    items
        .into_iter()
        .map(|item| match item {
            Ok(mut record) => {
                if record.query.schema.is_none() {
                    record.query.schema = options.default_schema;
                }
                let matches = screener.screen(&record.query, &options.screen);
                Screened::Row(record, matches)
            }
            Err(row) => Screened::Rejected(row),
        })
        .collect()
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|text| (*text).to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unexpected failure".to_string())
}

/// The writer stage: puts chunks back in order and hands their rows to the
/// sink, returning a token to the reader for each chunk written.
fn write_in_order(
    screener: &Screener,
    done: &Receiver<Done>,
    tokens: &SyncSender<()>,
    sink: &mut dyn RowSink,
    summary: &mut BatchSummary,
) -> Result<(), BatchError> {
    let mut pending: BTreeMap<u64, Result<Vec<Screened>, BatchError>> = BTreeMap::new();
    let mut next = 0;
    while let Ok(finished) = done.recv() {
        pending.insert(finished.seq, finished.rows);
        while let Some(rows) = pending.remove(&next) {
            for row in rows? {
                summary.count(&row_outcome(&row));
                match &row {
                    Screened::Row(record, matches) => sink.screened(screener, record, matches)?,
                    Screened::Rejected(error) => sink.rejected(error)?,
                }
            }
            sink.flush()?;
            next += 1;
            // The reader may have finished and dropped its receiver.
            let _ = tokens.try_send(());
        }
    }
    Ok(())
}

/// What [`BatchSummary::count`] needs to know about a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowOutcome {
    /// Screened, with this many results and this many warnings.
    Screened {
        /// Results reported for the row.
        results: usize,
        /// Fields left out of the query as unreadable.
        warnings: usize,
    },
    /// Malformed and not screened.
    Rejected,
}

fn row_outcome(row: &Screened) -> RowOutcome {
    match row {
        Screened::Row(record, matches) => RowOutcome::Screened {
            results: matches.len(),
            warnings: record.warnings.len(),
        },
        Screened::Rejected(_) => RowOutcome::Rejected,
    }
}
