//! The batch progress bar: bytes of input read against the file size
//! (hence the ETA), with rows and rows per second as its message. Drawn
//! on standard error, and only when that is a terminal.

use std::io::{IsTerminal, Read};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A reader that counts the bytes read through it.
pub struct CountingReader<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R> CountingReader<R> {
    /// Wraps `inner`; the count starts at zero.
    pub fn new(inner: R) -> CountingReader<R> {
        CountingReader {
            inner,
            count: Arc::new(AtomicU64::new(0)),
        }
    }

    /// A handle on the running count, readable from another thread.
    pub fn counter(&self) -> Arc<AtomicU64> {
        Arc::clone(&self.count)
    }
}

impl<R: Read> Read for CountingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let read = self.inner.read(buf)?;
        self.count.fetch_add(read as u64, Ordering::Relaxed);
        Ok(read)
    }
}

/// Progress of a batch on the terminal (or nothing).
pub struct Progress {
    bar: Option<ProgressBar>,
    bytes: Arc<AtomicU64>,
    started: Instant,
}

impl Progress {
    /// A bar over `total` bytes (a spinner when the size is unknown), shown
    /// only when `visible` and standard error is a terminal.
    pub fn new(total: Option<u64>, bytes: Arc<AtomicU64>, visible: bool) -> Progress {
        let bar = (visible && std::io::stderr().is_terminal()).then(|| bar(total));
        Progress {
            bar,
            bytes,
            started: Instant::now(),
        }
    }

    /// Moves the bar to the bytes read so far and shows the row count.
    pub fn update(&self, rows: u64) {
        let Some(bar) = &self.bar else { return };
        bar.set_position(self.bytes.load(Ordering::Relaxed));
        let seconds = self.started.elapsed().as_secs_f64();
        let rate = if seconds > 0.0 {
            rows as f64 / seconds
        } else {
            0.0
        };
        bar.set_message(format!("{rows} rows, {rate:.0} rows/s"));
    }

    /// Prints a line on standard error without breaking the bar.
    pub fn println(&self, line: &str) {
        match &self.bar {
            Some(bar) => bar.println(line),
            None => embargo_core::errln!("{line}"),
        }
    }

    /// Removes the bar.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

fn bar(total: Option<u64>) -> ProgressBar {
    let (bar, template) = match total {
        Some(total) => (
            ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr()),
            "{elapsed_precise} {wide_bar} {percent:>3}% {msg} ETA {eta}",
        ),
        None => (
            ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()),
            "{spinner} {elapsed_precise} {bytes} read, {msg}",
        ),
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style);
    }
    bar
}
