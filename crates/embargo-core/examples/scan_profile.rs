//! Scans one input of the `scan` bench a few times and prints where the
//! time went: for profilers (`perf`, `valgrind --tool=callgrind`), whose
//! figures the bench's many iterations would blur.
//!
//! ```text
//! EMBARGO_TEST_DATA=../shared/data cargo run --release -p embargo-core \
//!     --example scan_profile -- [fresh|fresh8|mixed|warm] [SCANS]
//! ```
//!
//! `fresh`, `fresh8` and `mixed` are the bench's `fresh-1MiB`,
//! `fresh-8MiB` and `mixed-1MiB` texts, each scan starting with the
//! similar-word memo cleared; `warm` is `mixed` with the memo kept. For
//! instruction counts of the scans alone, collect only inside
//! `Scanner::scan_profiled`:
//!
//! ```text
//! valgrind --tool=callgrind --collect-atstart=no \
//!     '--toggle-collect=*Scanner*scan_profiled*' \
//!     target/release/examples/scan_profile fresh 1
//! ```

// A profiling tool: a missing data folder or argument should stop it with
// its reason.
#![allow(clippy::expect_used)]

#[path = "../benches/support/scan_inputs.rs"]
mod scan_inputs;

use std::time::Instant;

use embargo_core::scan::Scanner;
use scan_inputs::{MIXED_BYTES, data_dir, fresh_text, mixed_text, negatives, reports, screener};

/// The `embargo` binary's allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let data = data_dir().expect("set EMBARGO_TEST_DATA to the shared data folder");
    let mut args = std::env::args().skip(1);
    let input = args.next().unwrap_or_else(|| "fresh".to_string());
    let scans: usize = args
        .next()
        .map_or(Ok(5), |n| n.parse())
        .expect("SCANS is a number");
    let screener = screener(&data);
    let started = Instant::now();
    let scanner = Scanner::new(&screener, 0.7);
    eprintln!("scanner built in {:?}", started.elapsed());
    let reports = reports(&data);
    let text = match input.as_str() {
        "fresh" => fresh_text(&negatives(&data), &reports, MIXED_BYTES),
        "fresh8" => fresh_text(&negatives(&data), &reports, 8 * MIXED_BYTES),
        "mixed" | "warm" => mixed_text(&reports, MIXED_BYTES),
        other => panic!("unknown input {other}: fresh, fresh8, mixed or warm"),
    };
    let mut times = Vec::with_capacity(scans);
    for _ in 0..scans {
        if input != "warm" {
            screener.index().vocabulary.clear_cache();
        }
        let started = Instant::now();
        let (mentions, profile) = scanner.scan_profiled(&text);
        let took = started.elapsed();
        eprintln!("{} mentions in {took:?}: {profile:?}", mentions.len());
        times.push(took);
    }
    times.sort_unstable();
    if let (Some(best), Some(median)) = (times.first(), times.get(times.len() / 2)) {
        let rate = |took: &std::time::Duration| text.len() as f64 / took.as_secs_f64() / 1e6;
        eprintln!(
            "{} bytes: best {best:?} ({:.2} MB/s), median {median:?} ({:.2} MB/s)",
            text.len(),
            rate(best),
            rate(median)
        );
    }
}
