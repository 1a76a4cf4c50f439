//! Scans one input of the `scan` bench a few times and prints where the
//! time went: for profilers (`perf`, `valgrind --tool=callgrind`), whose
//! figures the bench's many iterations would blur.
//!
//! ```text
//! EMBARGO_TEST_DATA=../shared/data cargo run --release -p embargo-core \
//!     --example scan_profile -- [INPUT] [SCANS]
//! ```
//!
//! `fresh`, `fresh8` and `mixed` are the bench's `fresh-1MiB`,
//! `fresh-8MiB` and `mixed-1MiB` texts, each scan starting with the
//! scanner's memos cleared; `warm` is `mixed` with the memos kept;
//! `stream` is the bench's `fresh-stream`: the lines of 1 MiB of fresh
//! text scanned one by one after another 1 MiB taught the memos (the
//! profile printed is the last line's); `repeat` is the bench's
//! `repeat-20k`, 20,000 lines of `Kim Sang Man` (one party named on every
//! line: the filed case of a scan quadratic in repeated mentions);
//! `large` is 50 MB of fresh-style text and `large-news` 50 MB of the news
//! reports' paragraphs in rotation (many mentions); `file:PATH` is a text
//! file. `write PATH INPUT` writes an input to a file instead, for
//! measuring `embargo scan` on it with `/usr/bin/time -v`. For
//! instruction counts of the scans alone, collect only inside
//! `Scanner::scan_profiled`:
//!
//! ```text
//! valgrind --tool=callgrind --collect-atstart=no \
//!     '--toggle-collect=*Scanner*scan_profiled*' \
//!     target/release/examples/scan_profile fresh 1
//! ```
//!
//! (`'--toggle-collect=*scan_measured*'` counts only the measured
//! documents, leaving out `stream`'s warm-up.)

// A profiling tool: a missing data folder or argument should stop it with
// its reason.
#![allow(clippy::expect_used)]

#[path = "../benches/support/scan_inputs.rs"]
mod scan_inputs;

use std::time::Instant;

use embargo_core::matching::Screener;
use embargo_core::scan::{ScanProfile, Scanner};
use scan_inputs::{
    LARGE_BYTES, MIXED_BYTES, REPEATED_LINE, REPEATED_LINES, data_dir, fresh_text, large_text,
    mixed_text, negatives, repeated_lines, reports, screener, stream_halves,
};

/// The `embargo` binary's allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let data = data_dir().expect("set EMBARGO_TEST_DATA to the shared data folder");
    let mut args = std::env::args().skip(1);
    let input = args.next().unwrap_or_else(|| "fresh".to_string());
    if input == "write" {
        let path = args.next().expect("write PATH INPUT");
        let input = args.next().expect("write PATH INPUT");
        let text = input_text(&data, &input);
        std::fs::write(&path, text).expect("write the input");
        return;
    }
    let scans: usize = args
        .next()
        .map_or(Ok(5), |n| n.parse())
        .expect("SCANS is a number");
    let screener = screener(&data);
    let started = Instant::now();
    let scanner = Scanner::new(&screener, 0.7);
    eprintln!("scanner built in {:?}", started.elapsed());
    let text = input_text(&data, &input);
    let (warm_up, documents) = match input.as_str() {
        "stream" => stream_halves(&text, MIXED_BYTES),
        _ => (Vec::new(), vec![text.as_str()]),
    };
    let measured: usize = documents.iter().map(|document| document.len()).sum();
    let mut times = Vec::with_capacity(scans);
    for _ in 0..scans {
        if input != "warm" {
            scanner.clear_cache();
        }
        for document in &warm_up {
            scanner.scan(document);
        }
        let started = Instant::now();
        let (found, last) = scan_measured(&scanner, &documents);
        let took = started.elapsed();
        eprintln!("{found} mentions in {took:?}: {last:?}");
        times.push(took);
    }
    times.sort_unstable();
    if let (Some(best), Some(median)) = (times.first(), times.get(times.len() / 2)) {
        let rate = |took: &std::time::Duration| measured as f64 / took.as_secs_f64() / 1e6;
        eprintln!(
            "{measured} bytes in {} documents: best {best:?} ({:.2} MB/s), median {median:?} ({:.2} MB/s)",
            documents.len(),
            rate(best),
            rate(median)
        );
    }
}

/// The text of the input named `input`.
fn input_text(data: &std::path::Path, input: &str) -> String {
    let reports = reports(data);
    match input {
        "fresh" => fresh_text(&negatives(data), &reports, MIXED_BYTES),
        "fresh8" => fresh_text(&negatives(data), &reports, 8 * MIXED_BYTES),
        "mixed" | "warm" => mixed_text(&reports, MIXED_BYTES),
        "stream" => fresh_text(&negatives(data), &reports, 2 * MIXED_BYTES),
        "repeat" => repeated_lines(REPEATED_LINE, REPEATED_LINES),
        "large" => large_text(&negatives(data), &reports, LARGE_BYTES),
        "large-news" => mixed_text(&reports, LARGE_BYTES),
        other => match other.strip_prefix("file:") {
            Some(path) => std::fs::read_to_string(path).expect("a UTF-8 text file"),
            None => panic!(
                "unknown input {other}: fresh, fresh8, mixed, warm, stream, repeat, large, \
                 large-news or file:PATH"
            ),
        },
    }
}

/// Scans the measured documents: the mentions found and the last
/// document's profile. A function of its own so that a profiler can count
/// it alone (`--toggle-collect='*scan_measured*'`), without the warm-up.
#[inline(never)]
fn scan_measured(scanner: &Scanner<&Screener>, documents: &[&str]) -> (usize, Option<ScanProfile>) {
    let mut found = 0;
    let mut last = None;
    for document in documents {
        let (mentions, profile) = scanner.scan_profiled(document);
        found += mentions.len();
        last = Some(profile);
    }
    (found, last)
}
