//! Loading the screener from a store holding the real lists: OFAC SDN
//! (2024-05), the OFAC consolidated non-SDN list and the UN consolidated
//! list, as `embargo screen` and the server do at start-up and on every
//! hot reload.
//!
//! * `load_screener/ofac_sdn_cons_un`: reading every active entity from
//!   the store and building the name index.
//!
//! Run with `EMBARGO_TEST_DATA=../shared/data cargo bench -p embargo-store
//! --bench load_screener`; without the variable the benchmark says so and
//! measures nothing. Screening queries against the same lists are
//! measured by `embargo-core`'s `matching` bench (`screen/*`).

// Setup failures in a benchmark should panic with their reason.
#![allow(clippy::expect_used)]

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
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

fn loading(c: &mut Criterion) {
    let Some(data) = embargo_testkit::data_dir() else {
        eprintln!("EMBARGO_TEST_DATA is not set: load_screener benchmark skipped");
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
}

criterion_group!(benches, loading);
criterion_main!(benches);
