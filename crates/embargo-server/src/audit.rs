//! The audit trail of API screenings (`/match`, `/search`, `/scan`),
//! written off the request path.
//!
//! A handler hands its entry to [`AuditWriter::record`], which puts it on a
//! bounded channel and returns at once. One writer thread owns its own
//! store connection and appends what arrives in batches: one transaction
//! per batch, written when [`BATCH_SIZE`] entries are waiting or
//! [`BATCH_WAIT`] has passed since the first of them. On shutdown
//! ([`AuditWriter::close`]) everything queued is written before the
//! thread ends; [`AuditWriter::flush`] writes what is queued now (`/audit`
//! calls it so a client reads its own screenings).
//!
//! When the channel is full (the disk cannot keep up) the entry is
//! **dropped and counted** (`embargo_audit_dropped_total` in `/metrics`,
//! and a warning on standard error at the first drop and every 1,000th):
//! screening answers are never delayed by the audit trail. A batch that
//! fails to be written is counted in `embargo_audit_write_failures_total`
//! with its entries.

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, SyncSender, TrySendError};
use std::sync::{Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use embargo_core::matching::ListVersion;
use embargo_store::{ScreeningAudit, ScreeningChannel, Store};
use serde_json::Value;

/// Entries that may wait in the channel.
pub const QUEUE_CAPACITY: usize = 10_000;
/// Most entries written in one transaction.
pub const BATCH_SIZE: usize = 500;
/// Longest an entry waits for its batch.
pub const BATCH_WAIT: Duration = Duration::from_millis(200);

/// One API screening to record.
#[derive(Debug, Clone)]
pub struct ApiScreening {
    /// Who asked: the API key's name, or `anonymous` for a request
    /// without a key under `--open-read`.
    pub actor: String,
    /// The endpoint and what was asked (`{"endpoint": "/match", ...}`).
    pub input: Value,
    /// The list versions screened against.
    pub lists: Vec<ListVersion>,
    /// The threshold applied.
    pub threshold: f32,
    /// What was found.
    pub results: Value,
    /// Number of results.
    pub result_count: usize,
}

enum Message {
    Entry(Box<ApiScreening>),
    Flush(mpsc::Sender<()>),
}

/// Counters of the audit trail, shown by `/metrics`.
#[derive(Debug, Default)]
pub struct AuditCounters {
    /// Entries committed to the store.
    pub written: AtomicU64,
    /// Entries dropped because the queue was full.
    pub dropped: AtomicU64,
    /// Entries lost because their batch could not be written.
    pub failed: AtomicU64,
}

/// The sending side of the audit trail, and its writer thread.
#[derive(Debug)]
pub struct AuditWriter {
    sender: Mutex<Option<SyncSender<Message>>>,
    thread: Mutex<Option<JoinHandle<()>>>,
    counters: std::sync::Arc<AuditCounters>,
}

impl AuditWriter {
    /// Starts the writer thread over the store at `db` (its own
    /// connection, opened on the thread).
    pub fn start(db: &Path) -> AuditWriter {
        let (sender, receiver) = mpsc::sync_channel(QUEUE_CAPACITY);
        let counters = std::sync::Arc::new(AuditCounters::default());
        let path = db.to_path_buf();
        let written = std::sync::Arc::clone(&counters);
        let thread = std::thread::Builder::new()
            .name("embargo-audit".to_string())
            .spawn(move || write_loop(&path, &receiver, &written))
            .ok();
        AuditWriter {
            sender: Mutex::new(thread.as_ref().map(|_| sender)),
            thread: Mutex::new(thread),
            counters,
        }
    }

    /// A writer that records nothing (no store to write to).
    pub fn disabled() -> AuditWriter {
        AuditWriter {
            sender: Mutex::new(None),
            thread: Mutex::new(None),
            counters: std::sync::Arc::default(),
        }
    }

    /// The counters.
    pub fn counters(&self) -> &AuditCounters {
        &self.counters
    }

    /// Queues one entry without waiting; drops and counts it when the
    /// queue is full or the writer has stopped.
    pub fn record(&self, screening: ApiScreening) {
        let sender = self
            .sender
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        let Some(sender) = sender else {
            return;
        };
        match sender.try_send(Message::Entry(Box::new(screening))) {
            Ok(()) => {}
            Err(TrySendError::Full(_) | TrySendError::Disconnected(_)) => {
                let dropped = self.counters.dropped.fetch_add(1, Ordering::Relaxed);
                if dropped.is_multiple_of(1000) {
                    embargo_core::errln!(
                        "embargo serve: warning: audit queue full, {} API screening(s) not recorded",
                        dropped + 1
                    );
                }
            }
        }
    }

    /// Writes everything queued so far; returns once it is committed (or
    /// the writer has stopped).
    pub fn flush(&self) {
        let sender = self
            .sender
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        if let Some(sender) = sender {
            let (done, wait) = mpsc::channel();
            if sender.send(Message::Flush(done)).is_ok() {
                let _ = wait.recv();
            }
        }
    }

    /// Stops accepting entries, writes what is queued and waits for the
    /// writer thread to end.
    pub fn close(&self) {
        self.sender
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        let thread = self
            .thread
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        if let Some(thread) = thread {
            let _ = thread.join();
        }
    }
}

impl Drop for AuditWriter {
    fn drop(&mut self) {
        self.close();
    }
}

/// The writer thread: batches entries until the channel closes.
fn write_loop(db: &Path, receiver: &Receiver<Message>, counters: &AuditCounters) {
    let mut store = match Store::open(db) {
        Ok(store) => Some(store),
        Err(error) => {
            embargo_core::errln!("embargo serve: audit trail disabled: {error}");
            None
        }
    };
    let mut batch: Vec<ApiScreening> = Vec::new();
    let mut waiters: Vec<mpsc::Sender<()>> = Vec::new();
    let mut deadline: Option<Instant> = None;
    loop {
        let message = match deadline {
            None => receiver.recv().map_err(|_| RecvTimeoutError::Disconnected),
            Some(at) => receiver.recv_timeout(at.saturating_duration_since(Instant::now())),
        };
        let closed = match message {
            Ok(Message::Entry(entry)) => {
                batch.push(*entry);
                deadline.get_or_insert_with(|| Instant::now() + BATCH_WAIT);
                false
            }
            Ok(Message::Flush(done)) => {
                waiters.push(done);
                false
            }
            Err(RecvTimeoutError::Timeout) => false,
            Err(RecvTimeoutError::Disconnected) => true,
        };
        let due = deadline.is_some_and(|at| Instant::now() >= at);
        if closed || due || batch.len() >= BATCH_SIZE || !waiters.is_empty() {
            write_batch(store.as_mut(), &mut batch, counters);
            deadline = None;
            for waiter in waiters.drain(..) {
                let _ = waiter.send(());
            }
        }
        if closed {
            return;
        }
    }
}

/// Appends `batch` in one transaction and empties it.
fn write_batch(store: Option<&mut Store>, batch: &mut Vec<ApiScreening>, counters: &AuditCounters) {
    if batch.is_empty() {
        return;
    }
    let count = batch.len() as u64;
    let entries: Vec<ScreeningAudit> = batch
        .iter_mut()
        .map(|entry| {
            let ApiScreening {
                actor,
                input,
                lists,
                threshold,
                results,
                result_count,
            } = entry;
            ScreeningAudit {
                channel: ScreeningChannel::Api,
                actor: actor.as_str(),
                input: std::mem::take(input),
                lists: lists.as_slice(),
                threshold: *threshold,
                results: std::mem::take(results),
                result_count: *result_count,
            }
        })
        .collect();
    let outcome = match store {
        Some(store) => store.record_screenings(&entries).map_err(|e| e.to_string()),
        None => Err("no store".to_string()),
    };
    drop(entries);
    match outcome {
        Ok(_) => counters.written.fetch_add(count, Ordering::Relaxed),
        Err(error) => {
            embargo_core::errln!("embargo serve: writing {count} audit entries failed: {error}");
            counters.failed.fetch_add(count, Ordering::Relaxed)
        }
    };
    batch.clear();
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn screening(n: usize) -> ApiScreening {
        ApiScreening {
            actor: "tester".to_string(),
            input: json!({"endpoint": "/match", "n": n}),
            lists: Vec::new(),
            threshold: 0.7,
            results: json!([]),
            result_count: 0,
        }
    }

    fn audit_rows(path: &Path) -> u64 {
        let connection = rusqlite::Connection::open(path).unwrap();
        connection
            .query_row(
                "SELECT count(*) FROM audit_log WHERE kind = 'screening'",
                [],
                |row| row.get::<_, i64>(0),
            )
            .map(|count| u64::try_from(count).unwrap())
            .unwrap()
    }

    /// While another connection holds the store's write lock the writer
    /// thread is stuck in its first batch: the queue fills, and what does
    /// not fit is dropped and counted, never waited for.
    #[test]
    fn a_full_queue_drops_and_counts_entries() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("audit.db");
        drop(Store::open_or_create(&path).unwrap());
        let before = audit_rows(&path);
        let blocker = rusqlite::Connection::open(&path).unwrap();
        blocker.execute_batch("BEGIN IMMEDIATE").unwrap();

        let writer = AuditWriter::start(&path);
        // At most one batch leaves the queue before the writer blocks.
        let sent = QUEUE_CAPACITY + BATCH_SIZE + 100;
        for n in 0..sent {
            writer.record(screening(n));
        }
        let dropped = writer.counters().dropped.load(Ordering::Relaxed);
        assert!(dropped >= 100, "{dropped} dropped of {sent}");
        assert!(dropped < sent as u64, "nothing was queued");
        assert_eq!(writer.counters().written.load(Ordering::Relaxed), 0);

        blocker.execute_batch("COMMIT").unwrap();
        writer.flush();
        let written = writer.counters().written.load(Ordering::Relaxed);
        assert_eq!(
            written + dropped,
            sent as u64,
            "every entry written or dropped"
        );
        assert_eq!(writer.counters().failed.load(Ordering::Relaxed), 0);
        writer.close();
        assert_eq!(audit_rows(&path) - before, written);
    }
}
