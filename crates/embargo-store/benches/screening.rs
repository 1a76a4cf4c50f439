//! Benchmarks of screening against the real lists: OFAC SDN (2024-05),
//! the OFAC consolidated non-SDN list and the UN consolidated list, as
//! `embargo screen` and the server use them.
//!
//! * `load_screener`: reading every active entity from the store and
//!   building the name index (server start-up and hot reload).
//! * `screen/*`: one query, cache warm, for a few query shapes.
//! * `screen/negatives_rotating`: 1,000 different unlisted people's names
//!   in turn, the mix a customer file gives.
//!
//! Run with `EMBARGO_TEST_DATA=../shared/data cargo bench -p embargo-store
//! --bench screening`; without the variable the benchmark says so and
//! measures nothing. Product targets: median query under 50 µs, p99 under
//! 1 ms (the first-pass latencies with a cold cache are reported by
//! `embargo evaluate`).

// Setup failures in a benchmark should panic with their reason.
#![allow(clippy::expect_used)]

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use embargo_core::matching::{Query, ScreenOptions};
use embargo_core::records::{ColumnMap, RecordReader};
use embargo_core::sources;
use embargo_store::{ImportRequest, Store, load_screener};

/// The `embargo` binary's allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The list publications screened against, relative to the data folder.
const LISTS: [&str; 3] = [
    "ofac/2024-05",
    "ofac/consolidated-2025-12",
    "un/consolidated-2026-02-27.xml",
];

/// Imports the benchmark lists into a new store in `folder`.
fn store_with_lists(data: &Path, folder: &Path) -> Store {
    let mut store = Store::open_or_create(folder.join("bench.db")).expect("open store");
    for list in LISTS {
        let paths = vec![data.join(list)];
        for files in sources::detect(&paths).expect("detect list files") {
            let source_id = files.format.default_source_id(files.primary());
            store
                .import(ImportRequest::new(&source_id, &files), |sink| {
                    sources::parse(&files, &source_id, sink)
                })
                .expect("import list");
        }
    }
    store
}

/// The first `count` names of the unlisted-people screening set.
fn negative_queries(data: &Path, count: usize) -> Vec<Query> {
    let path = data.join("screening-sets/negatives_global.csv");
    let file = std::fs::File::open(&path).expect("open negatives");
    RecordReader::new(file, "negatives_global.csv", None, ColumnMap::default())
        .expect("read negatives")
        .filter_map(|row| row.ok().and_then(Result::ok))
        .take(count)
        .map(|record| record.query)
        .collect()
}

fn screening(c: &mut Criterion) {
    let Some(data) = embargo_testkit::data_dir() else {
        eprintln!("EMBARGO_TEST_DATA is not set: screening benchmark skipped");
        return;
    };
    let data: PathBuf = data;
    let folder = tempfile::tempdir().expect("temp folder");
    let store = store_with_lists(&data, folder.path());

    let mut group = c.benchmark_group("load_screener");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    group.bench_function("ofac_sdn_cons_un", |b| {
        b.iter(|| black_box(load_screener(&store).expect("load screener")))
    });
    group.finish();

    let screener = load_screener(&store).expect("load screener").screener;
    let options = ScreenOptions::default();
    let mut group = c.benchmark_group("screen");
    let shapes = [
        ("person_exact", Query::name("Kim Sang-man")),
        ("person_hangul", Query::name("김상만")),
        ("person_typo", Query::name("Kim Sang Maa")),
        (
            "organization",
            Query::name("Jinryong IT Cooperation Company"),
        ),
        ("common_name", Query::name("Mohammed Ali")),
    ];
    for (label, query) in &shapes {
        group.bench_function(*label, |b| {
            b.iter(|| black_box(screener.screen(query, &options)))
        });
    }
    let negatives = negative_queries(&data, 1_000);
    let mut next = 0;
    group.bench_function("negatives_rotating", |b| {
        b.iter(|| {
            next = (next + 1) % negatives.len();
            black_box(screener.screen(&negatives[next], &options))
        })
    });
    group.finish();
}

criterion_group!(benches, screening);
criterion_main!(benches);
