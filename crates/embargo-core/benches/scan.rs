//! Text scanning throughput against OFAC SDN + consolidated + UN, on the
//! five news reports of the 23 May 2023 designations.
//!
//! Run with `EMBARGO_TEST_DATA=../shared/data cargo bench -p embargo-core
//! --bench scan`. Product target: at least 10 MB/s of text per core.
//!
//! * `scan/mixed-1MiB`: one call on about 1 MiB made of the five reports
//!   repeated in rotation with their paragraphs shuffled — the word and
//!   span caches of one call see the same names many times, as in a long
//!   document that keeps naming the same parties (the scanner's memos kept
//!   from iteration to iteration).
//! * `scan/each-report`: the five reports scanned one call each, the
//!   scanner remembering the words of earlier calls: short documents on
//!   one subject.
//! * `scan/fresh-1MiB`: one call on about 1 MiB of text that does not
//!   repeat: template sentences of a news or payment style, each naming
//!   a different person of the `negatives_*` screening sets (synthetic
//!   people listed nowhere) with their place of birth, nationality and
//!   date of birth, with a paragraph of the news reports after every
//!   forty sentences. The scanner's memos (word analyses, the screener's
//!   similar-word lookups) are cleared before every iteration (outside
//!   the timing), so every word is analysed as if never seen: the cost of
//!   a fresh document.
//! * `scan/fresh-8MiB`: `fresh-1MiB` at eight times the size (one call,
//!   memo cleared first, scanned in four blocks of at most 2 MiB): a large
//!   file of messages, where the words seen earlier in the file are
//!   cheaper later; the 100,000 people of the negatives sets are enough
//!   for about 12 MiB without repeating one.
//! * `scan/each-report-cold`: `each-report` with the memos cleared before
//!   every iteration.
//! * `scan/fresh-stream`: the lines of 1 MiB of fresh text (a few
//!   sentences each, 2,000 documents) scanned one call each, after the
//!   lines of another 1 MiB (outside the timing) taught the cleared memos
//!   the words such documents share: a stream of payment messages or
//!   paragraphs, each naming someone new.
//! * `scan/repeat-20k`: 20,000 lines of `Kim Sang Man`, one call, the
//!   memos kept: a document naming one party on every line (one phrase,
//!   scanned in blocks of 64 KiB), where each repeated span must cost as
//!   little as its first (target: under 0.5 s; it took 12 to 20 s when
//!   every span looked the earlier ones up in a list). The
//!   memory of a scan of a large file (target: under 300 MB for 50 MB of
//!   text) is measured with the `scan_profile` example's `large` input
//!   and `/usr/bin/time -v` (see its documentation).
//! * `scan/build-scanner`: choosing every listed name's anchors (once per
//!   screener and threshold).
//!
//! Before measuring, the phase profile of one scan of each input is
//! printed (word analysis, span proposal, verification, exact lookups).
//! The inputs are built in `support/scan_inputs.rs`, which the
//! `scan_profile` example shares: it scans one of them a few times, for a
//! profiler.

// Setup failures in a benchmark should panic with their reason.
#![allow(clippy::expect_used)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use embargo_core::scan::Scanner;

/// The `embargo` binary's allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "support/scan_inputs.rs"]
#[allow(dead_code)] // the `large` input is the scan_profile example's
mod scan_inputs;

use scan_inputs::{
    MIXED_BYTES, REPEATED_LINE, REPEATED_LINES, data_dir, fresh_text, mixed_text, negatives,
    repeated_lines, reports, screener, stream_halves,
};

fn bench_scan(c: &mut Criterion) {
    let Some(data) = data_dir() else {
        eprintln!("skipped: set EMBARGO_TEST_DATA to the shared data folder");
        return;
    };
    let screener = screener(&data);
    let scanner = Scanner::new(&screener, 0.7);
    let reports = reports(&data);
    let mixed = mixed_text(&reports, MIXED_BYTES);
    let people = negatives(&data);
    let fresh = fresh_text(&people, &reports, MIXED_BYTES);
    let fresh_large = fresh_text(&people, &reports, 8 * MIXED_BYTES);
    let (warm_up, stream) = stream_halves(&fresh_large, MIXED_BYTES);
    let repeated = repeated_lines(REPEATED_LINE, REPEATED_LINES);
    let forget = || scanner.clear_cache();
    eprintln!(
        "{} entities, {} names indexed",
        screener.entities().len(),
        screener.index().names.len()
    );
    let (mentions, profile) = scanner.scan_profiled(&mixed);
    eprintln!(
        "mixed {} bytes: {} mentions; {profile:?}",
        mixed.len(),
        mentions.len()
    );
    forget();
    let (mentions, profile) = scanner.scan_profiled(&fresh);
    eprintln!(
        "fresh {} bytes, cold: {} mentions; {profile:?}",
        fresh.len(),
        mentions.len()
    );
    let (mentions, profile) = scanner.scan_profiled(&repeated);
    eprintln!(
        "repeat {} bytes: {} mentions; {profile:?}",
        repeated.len(),
        mentions.len()
    );
    for (n, report) in reports.iter().enumerate() {
        forget();
        let (mentions, profile) = scanner.scan_profiled(report);
        eprintln!(
            "report {} ({} bytes), cold: {} mentions; {profile:?}",
            n + 1,
            report.len(),
            mentions.len()
        );
    }

    let mut group = c.benchmark_group("scan");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    group.bench_function("build-scanner", |b| {
        b.iter(|| black_box(Scanner::new(black_box(&screener), 0.7)))
    });
    group.throughput(Throughput::Bytes(mixed.len() as u64));
    group.bench_function("mixed-1MiB", |b| {
        b.iter(|| black_box(scanner.scan(black_box(&mixed))))
    });
    for (name, text) in [("fresh-1MiB", &fresh), ("fresh-8MiB", &fresh_large)] {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(name, |b| {
            b.iter_batched(
                forget,
                |()| black_box(scanner.scan(black_box(text))),
                BatchSize::PerIteration,
            )
        });
    }
    group.throughput(Throughput::Bytes(repeated.len() as u64));
    group.bench_function("repeat-20k", |b| {
        b.iter(|| black_box(scanner.scan(black_box(&repeated))))
    });
    let total: usize = reports.iter().map(String::len).sum();
    group.throughput(Throughput::Bytes(total as u64));
    group.bench_function("each-report", |b| {
        b.iter(|| {
            for report in &reports {
                black_box(scanner.scan(black_box(report)));
            }
        })
    });
    group.bench_function("each-report-cold", |b| {
        b.iter_batched(
            forget,
            |()| {
                for report in &reports {
                    black_box(scanner.scan(black_box(report)));
                }
            },
            BatchSize::PerIteration,
        )
    });
    let stream_bytes: usize = stream.iter().map(|document| document.len()).sum();
    group.throughput(Throughput::Bytes(stream_bytes as u64));
    group.bench_function("fresh-stream", |b| {
        b.iter_batched(
            || {
                forget();
                for document in &warm_up {
                    scanner.scan(document);
                }
            },
            |()| {
                for document in &stream {
                    black_box(scanner.scan(black_box(document)));
                }
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, bench_scan);
criterion_main!(benches);
