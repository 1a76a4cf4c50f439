//! Screening rows handed over one at a time, through the very pipeline of
//! `embargo screen --input FILE`.
//!
//! A [`RowStream`] runs [`batch::run`] on a thread of its own. Its input is
//! a JSON-lines [`RecordReader`] reading from a channel: each row fed is
//! written as one JSON object line, so its keys are mapped to query fields
//! (and its values read) exactly as the CLI reads a JSON-lines file with
//! the same `--columns`, and every row is screened with the same
//! [`batch::BatchOptions`]. Results come back in input order, one
//! [`RowEvent`] per row fed (rows without results and malformed rows
//! included), so a caller can pair them with what it fed.
//!
//! A row may be fed with a number of its own ([`RowStream::feed`]): its
//! place in a larger input split apart out of order (a Spark partition
//! after a shuffle). Its result then carries that number, as `row` and as
//! the reference of a row without one.
//!
//! Memory is bounded: a caller feeds only while [`RowStream::wants_input`]
//! says so, which keeps at most [`RowStream::window`] rows between feeding
//! and delivery. That window is larger than the rows the batch reader may
//! hold in a partial chunk, so waiting for the next event while the window
//! is full always ends.

use std::collections::VecDeque;
use std::io::Read;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::{self, JoinHandle};

use embargo_core::batch::{self, BatchError, BatchOptions, BatchSummary, RowSink};
use embargo_core::matching::{ScreenMatch, Screener};
use embargo_core::records::{ColumnMap, Record, RecordFormat, RecordReader, RowError};

/// Label of the fed rows in messages.
const LABEL: &str = "rows";

/// How a stream screens.
#[derive(Debug, Clone)]
pub struct StreamOptions {
    /// Threshold, limit, jobs and default type, as for a batch file.
    pub batch: BatchOptions,
    /// Which keys feed which query fields (`--columns`).
    pub columns: ColumnMap,
    /// Number of the first row fed (1 unless the rows are a slice of a
    /// larger input); rows without a reference are referred to by it.
    pub first_row: u64,
}

/// What became of one row fed, in input order.
#[derive(Debug)]
pub enum RowEvent {
    /// Screened: the record read and its results (possibly none).
    Screened(Record, Vec<ScreenMatch>),
    /// Malformed (no name, a field too long...): not screened.
    Rejected(RowError),
}

/// Why a stream failed.
#[derive(Debug, thiserror::Error)]
pub enum StreamError {
    /// The batch pipeline stopped.
    #[error(transparent)]
    Batch(#[from] BatchError),
    /// A row could not be written as a JSON line.
    #[error("row {row}: {message}")]
    Row {
        /// Position of the row among those fed, from 1.
        row: u64,
        /// What went wrong.
        message: String,
    },
    /// The screening thread ended without saying why.
    #[error("the screening thread failed")]
    Thread,
    /// A row was fed after the input was ended.
    #[error("rows fed after the end of the input")]
    Ended,
}

/// Rows screened in the background, fed and collected by the caller.
pub struct RowStream {
    input: Option<Sender<Vec<u8>>>,
    events: Mutex<Receiver<RowEvent>>,
    worker: Option<JoinHandle<Result<BatchSummary, BatchError>>>,
    cancel: Arc<AtomicBool>,
    fed: u64,
    delivered: u64,
    window: u64,
    /// The numbers given to the rows fed and not yet delivered, in order.
    numbers: VecDeque<Option<u64>>,
}

impl RowStream {
    /// Starts the pipeline over `screener`.
    pub fn start(screener: Arc<Screener>, options: StreamOptions) -> RowStream {
        let (input_tx, input_rx) = channel::<Vec<u8>>();
        let (events_tx, events_rx) = channel::<RowEvent>();
        let cancel = Arc::new(AtomicBool::new(false));
        let batch = options.batch;
        let chunk = u64::try_from(batch.chunk_rows.max(1)).unwrap_or(u64::MAX);
        let in_flight = u64::try_from(batch.in_flight()).unwrap_or(u64::MAX);
        let window = in_flight.saturating_add(2).saturating_mul(chunk);
        let stop = Arc::clone(&cancel);
        let worker = thread::spawn(move || {
            let records = RecordReader::new(
                ChannelReader::new(input_rx),
                LABEL,
                Some(RecordFormat::JsonLines),
                options.columns,
            )?
            .starting_at_row(options.first_row);
            let mut sink = EventSink { events: events_tx };
            batch::run(&screener, records, &batch, &stop, &mut sink)
        });
        RowStream {
            input: Some(input_tx),
            events: Mutex::new(events_rx),
            worker: Some(worker),
            cancel,
            fed: 0,
            delivered: 0,
            window,
            numbers: VecDeque::new(),
        }
    }

    /// Most rows fed but not yet delivered.
    pub fn window(&self) -> u64 {
        self.window
    }

    /// True while the input is open and the window has room.
    pub fn wants_input(&self) -> bool {
        self.input.is_some() && self.fed.saturating_sub(self.delivered) < self.window
    }

    /// Feeds one row: its keys and values as a JSON object, and the row
    /// number its result carries (`None`: its place among the rows fed,
    /// counted from [`StreamOptions::first_row`]).
    pub fn feed(
        &mut self,
        row: &serde_json::Map<String, serde_json::Value>,
        number: Option<u64>,
    ) -> Result<(), StreamError> {
        let position = self.fed + 1;
        let input = self.input.as_ref().ok_or(StreamError::Ended)?;
        let mut line = serde_json::to_vec(row).map_err(|error| StreamError::Row {
            row: position,
            message: error.to_string(),
        })?;
        line.push(b'\n');
        // A closed channel means the pipeline stopped; the reason comes
        // with the next event wait.
        let _ = input.send(line);
        self.numbers.push_back(number);
        self.fed = position;
        Ok(())
    }

    /// Ends the input: the rows fed so far are the whole input.
    pub fn end_input(&mut self) {
        self.input = None;
    }

    /// The next event if one is ready.
    pub fn try_next(&mut self) -> Option<RowEvent> {
        // Empty or disconnected: nothing now (the end shows in
        // `next_blocking`).
        let event = self.receiver().try_recv().ok()?;
        Some(self.delivered(event))
    }

    /// Waits for the next event; `None` once every row fed was delivered
    /// and the input ended. Do not wait while the input is open and the
    /// window has room: feed first (see [`RowStream::wants_input`]).
    pub fn next_blocking(&mut self) -> Result<Option<RowEvent>, StreamError> {
        let received = self.receiver().recv();
        match received {
            Ok(event) => Ok(Some(self.delivered(event))),
            Err(_) => {
                self.input = None;
                match self.worker.take().map(JoinHandle::join) {
                    None => Ok(None),
                    Some(Ok(Ok(_summary))) => Ok(None),
                    Some(Ok(Err(error))) => Err(error.into()),
                    Some(Err(_panic)) => Err(StreamError::Thread),
                }
            }
        }
    }

    /// Counts `event` delivered and gives it the number its row was fed
    /// with, if any.
    fn delivered(&mut self, mut event: RowEvent) -> RowEvent {
        self.delivered += 1;
        if let Some(number) = self.numbers.pop_front().flatten() {
            match &mut event {
                RowEvent::Screened(record, _) => record.renumber(number),
                RowEvent::Rejected(row) => row.row = number,
            }
        }
        event
    }

    fn receiver(&self) -> std::sync::MutexGuard<'_, Receiver<RowEvent>> {
        self.events.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Drop for RowStream {
    /// A stream dropped before its end stops the pipeline at a row
    /// boundary; its threads end by themselves.
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::SeqCst);
        self.input = None;
    }
}

/// Hands every row to the stream's event channel.
struct EventSink {
    events: Sender<RowEvent>,
}

impl EventSink {
    fn send(&self, event: RowEvent) -> Result<(), BatchError> {
        self.events.send(event).map_err(|_| BatchError::Output {
            label: LABEL.to_string(),
            source: std::io::Error::new(
                std::io::ErrorKind::BrokenPipe,
                "the results are no longer read",
            ),
        })
    }
}

impl RowSink for EventSink {
    fn screened(
        &mut self,
        _screener: &Screener,
        record: &Record,
        matches: &[ScreenMatch],
    ) -> Result<(), BatchError> {
        self.send(RowEvent::Screened(record.clone(), matches.to_vec()))
    }

    fn rejected(&mut self, row: &RowError) -> Result<(), BatchError> {
        self.send(RowEvent::Rejected(row.clone()))
    }
}

/// A reader over byte blocks received from a channel; the end of input
/// when every sender is gone.
struct ChannelReader {
    blocks: Receiver<Vec<u8>>,
    current: Vec<u8>,
    at: usize,
}

impl ChannelReader {
    fn new(blocks: Receiver<Vec<u8>>) -> ChannelReader {
        ChannelReader {
            blocks,
            current: Vec::new(),
            at: 0,
        }
    }
}

impl Read for ChannelReader {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.at >= self.current.len() {
            match self.blocks.recv() {
                Ok(block) => {
                    self.current = block;
                    self.at = 0;
                }
                Err(_) => return Ok(0),
            }
        }
        let rest = self.current.get(self.at..).unwrap_or_default();
        let count = rest.len().min(buf.len());
        buf[..count].copy_from_slice(&rest[..count]);
        self.at += count;
        Ok(count)
    }
}
