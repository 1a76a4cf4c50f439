//! The two store backends side by side on the real OFAC SDN publication
//! of May 2024 (`ofac/2024-05`, 17k entities): a whole import (parse +
//! store, one transaction) into a new SQLite file and into a new
//! PostgreSQL database of a private cluster on 127.0.0.1.
//!
//! * `backend_import/sqlite`, `backend_import/postgres`. Target: the
//!   PostgreSQL import within 3× the SQLite one.
//!
//! Run with `EMBARGO_TEST_DATA=../shared/data cargo bench -p embargo-store
//! --bench backends`; without the variable, or without PostgreSQL
//! (`initdb`, `pg_ctl`, see `embargo_testkit::postgres`), it says so and
//! measures nothing.

// Setup failures in a benchmark should panic with their reason.
#![allow(clippy::expect_used)]

use std::time::Duration;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use embargo_core::sources::{self, ListFiles};
use embargo_store::{ImportRequest, Store};
use embargo_testkit::postgres::PgCluster;

/// The `embargo` binary's allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Imports `files` as a new version of their default source.
fn import(store: &mut Store, files: &ListFiles) {
    let source_id = files.format.default_source_id(files.primary());
    store
        .import(ImportRequest::new(&source_id, files), |sink| {
            sources::parse(files, &source_id, sink)
        })
        .expect("import list");
}

fn backends(c: &mut Criterion) {
    let Some(data) = embargo_testkit::data_dir() else {
        eprintln!("EMBARGO_TEST_DATA is not set: backends benchmark skipped");
        return;
    };
    let Some(cluster) = PgCluster::start() else {
        eprintln!("backends benchmark skipped");
        return;
    };
    let detected = sources::detect(&[data.join("ofac/2024-05")]).expect("detect list files");
    let [files] = detected.as_slice() else {
        panic!("ofac/2024-05 is not one publication: {detected:?}");
    };
    let folder = tempfile::tempdir().expect("temp folder");
    let mut stores = 0u32;

    let mut group = c.benchmark_group("backend_import");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(15));
    group.bench_function("sqlite", |b| {
        b.iter_batched(
            || {
                stores += 1;
                let path = folder.path().join(format!("bench-{stores}.db"));
                Store::open_or_create(path).expect("create SQLite store")
            },
            |mut store| import(&mut store, files),
            BatchSize::PerIteration,
        );
    });
    group.bench_function("postgres", |b| {
        b.iter_batched(
            || Store::open_or_create(cluster.new_database()).expect("create PostgreSQL store"),
            |mut store| import(&mut store, files),
            BatchSize::PerIteration,
        );
    });
    group.finish();
}

criterion_group!(benches, backends);
criterion_main!(benches);
