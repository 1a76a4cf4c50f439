//! Text scanning throughput against OFAC SDN + consolidated + UN, on the
//! five news reports of the 23 May 2023 designations.
//!
//! Run with `EMBARGO_TEST_DATA=../shared/data cargo bench -p embargo-core
//! --bench scan`. Product target: at least 10 MB/s of text per core.
//!
//! * `scan/mixed-1MiB`: one call on about 1 MiB made of the five reports
//!   repeated in rotation with their paragraphs shuffled — the word and
//!   span caches of one call see the same names many times, as in a long
//!   document that keeps naming the same parties.
//! * `scan/each-report`: the five reports scanned one call each, every
//!   call starting with empty caches: the cost of a short, fresh document.
//! * `scan/fresh-1MiB`: one call on about 1 MiB of text that does not
//!   repeat: template sentences of a news or payment style, each naming
//!   a different person of the `negatives_*` screening sets (synthetic
//!   people listed nowhere) with their place of birth, nationality and
//!   date of birth, with a paragraph of the news reports after every
//!   forty sentences. The screener's memoized similar-word lookups are
//!   cleared before every iteration (outside the timing), so every word
//!   is analysed as if never seen: the cost of a fresh document.
//! * `scan/fresh-8MiB`: `fresh-1MiB` at eight times the size (one call,
//!   memo cleared first): a large file of messages, where the words seen
//!   earlier in the file are cheaper later; the 100,000 people of the
//!   negatives sets are enough for about 12 MiB without repeating one.
//! * `scan/each-report-cold`: `each-report` with the similar-word memo
//!   cleared before every iteration.
//! * `scan/build-scanner`: choosing every listed name's anchors (once per
//!   screener and threshold).
//!
//! Before measuring, the phase profile of one scan of each input is
//! printed (word analysis, span proposal, verification, exact lookups).

// Setup failures in a benchmark should panic with their reason.
#![allow(clippy::expect_used)]

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use embargo_core::matching::{ListVersion, Screener};
use embargo_core::model::Entity;
use embargo_core::scan::Scanner;
use embargo_core::sources;

/// The `embargo` binary's allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Size of the mixed text.
const MIXED_BYTES: usize = 1 << 20;

fn data_dir() -> Option<PathBuf> {
    let value = std::env::var_os("EMBARGO_TEST_DATA")?;
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    Some(root.join(value))
}

fn load(path: &Path, source: &str, entities: &mut Vec<Entity>) {
    for files in sources::detect(&[path.to_path_buf()]).expect("detect list files") {
        sources::parse(&files, source, &mut |entity| {
            entities.push(entity);
            Ok(())
        })
        .expect("parse list");
    }
}

fn screener(data: &Path) -> Screener {
    let mut entities = Vec::new();
    load(&data.join("ofac/2024-05"), "ofac-sdn", &mut entities);
    load(
        &data.join("ofac/consolidated-2025-12"),
        "ofac-cons",
        &mut entities,
    );
    load(
        &data.join("un/consolidated-2026-02-27.xml"),
        "un",
        &mut entities,
    );
    let lists = ["ofac-sdn", "ofac-cons", "un"]
        .iter()
        .map(|source| ListVersion {
            source: source.to_string(),
            version: "bench".to_string(),
        })
        .collect();
    Screener::new(entities, lists)
}

fn reports(data: &Path) -> Vec<String> {
    (1..=5)
        .map(|n| {
            std::fs::read_to_string(data.join(format!("news/article-{n}.txt")))
                .expect("news report")
        })
        .collect()
}

/// The non-blank paragraphs of the reports.
fn paragraphs(reports: &[String]) -> Vec<&str> {
    reports
        .iter()
        .flat_map(|r| r.split("\n\n"))
        .filter(|p| !p.trim().is_empty())
        .collect()
}

/// About `size` bytes of the reports' paragraphs, in rotation, each round
/// in a different order.
fn mixed_text(reports: &[String], size: usize) -> String {
    let paragraphs = paragraphs(reports);
    let mut text = String::with_capacity(size + 4096);
    let mut round = 0usize;
    while text.len() < size {
        let step = 1 + 2 * (round % 7);
        for k in 0..paragraphs.len() {
            let at = (k * step + round) % paragraphs.len();
            text.push_str(paragraphs[at]);
            text.push_str("\n\n");
        }
        round += 1;
    }
    text
}

/// Sentences of news and payment-message style around one person.
const TEMPLATES: [&str; 12] = [
    "{name}, who was born in {place} on {date}, told reporters that the shipment had left the port two weeks earlier.",
    "According to a statement from the {nationality} embassy, {name} met local officials in {place} last month.",
    "The invoice was signed by {name} ({nationality}) and paid on {date} through a correspondent account.",
    "Payment ref. {date}: transfer to {name}, {place}, for consulting services rendered.",
    "In an interview, {name} said the company would continue to operate in {place} despite the new rules.",
    "Police in {place} said {name}, a {nationality} citizen, was released without charge on {date}.",
    "{name} has served on the board since {date} and previously worked for a logistics firm in {place}.",
    "Shareholders approved the appointment of {name} as chief financial officer at the meeting held in {place}.",
    "The court heard that {name} had travelled from {place} with a {nationality} passport issued on {date}.",
    "Beneficiary: {name}; address: {place}; nationality: {nationality}; date of birth: {date}.",
    "Local media reported that {name} donated the land for a new school in {place}.",
    "Neither {name} nor the lawyers representing the family in {place} responded to requests for comment.",
];

/// The people of the negatives screening sets: `(full name, place of
/// birth, nationality, date of birth)`.
fn negatives(data: &Path) -> Vec<[String; 4]> {
    let mut people = Vec::new();
    for file in ["negatives_global.csv", "negatives_us.csv"] {
        let path = data.join("screening-sets").join(file);
        let mut reader = csv::Reader::from_path(&path).expect("negatives set");
        for record in reader.records() {
            let record = record.expect("negatives row");
            let field = |at: usize| record.get(at).unwrap_or_default().to_string();
            people.push([field(0), field(6), field(7), field(5)]);
        }
    }
    people
}

/// About `size` bytes that never repeat a sentence: each person of the
/// negatives sets once, in a template chosen by position, interleaved
/// (stride 7919, a prime) so the two sets mix; a news paragraph after
/// every forty sentences.
fn fresh_text(people: &[[String; 4]], reports: &[String], size: usize) -> String {
    let paragraphs = paragraphs(reports);
    let mut text = String::with_capacity(size + 4096);
    let mut sentence = 0usize;
    while text.len() < size && sentence < people.len() {
        let [name, place, nationality, date] = &people[(sentence * 7919) % people.len()];
        let line = TEMPLATES[sentence % TEMPLATES.len()]
            .replace("{name}", name)
            .replace("{place}", place)
            .replace("{nationality}", nationality)
            .replace("{date}", date);
        text.push_str(&line);
        text.push(if sentence % 5 == 4 { '\n' } else { ' ' });
        sentence += 1;
        if sentence.is_multiple_of(40) {
            text.push('\n');
            text.push_str(paragraphs[(sentence / 40) % paragraphs.len()]);
            text.push_str("\n\n");
        }
    }
    text
}

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
    let forget = || screener.index().vocabulary.clear_cache();
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
    group.finish();
}

criterion_group!(benches, bench_scan);
criterion_main!(benches);
