//! Benchmarks of the store on real files: importing a 15,000-entity
//! publication (the size of the OFAC SDN list), loading every active
//! entity, looking one up, and the query behind `embargo lists`.
//!
//! Run with `cargo bench -p embargo-store`. Product targets: parse+import
//! of the 15k-entity OFAC set under 2 s, `embargo lists` under 100 ms.

// Setup failures in a benchmark should panic with their reason.
#![allow(clippy::expect_used)]

#[allow(dead_code)]
#[path = "../tests/store/fixtures.rs"]
mod fixtures;

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use embargo_core::model::{Entity, Name, NameQuality};
use embargo_core::sources::ListFiles;
use embargo_store::{ImportRequest, Store};
use tempfile::TempDir;

/// The `embargo` binary's allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Entities in the OFAC-sized publication.
const LIST_SIZE: usize = 15_000;

/// A new store file in its own temporary folder.
fn fresh_store() -> (TempDir, Store) {
    let folder = tempfile::tempdir().expect("temp folder");
    let store = Store::open_or_create(folder.path().join("bench.db")).expect("open store");
    (folder, store)
}

/// Hands `entities` to the store as a publication of `files`.
fn import_prepared(store: &mut Store, files: &ListFiles, entities: Vec<Entity>) {
    store
        .import(ImportRequest::new("ofac-sdn", files), |sink| {
            let entity_count = entities.len();
            for entity in entities {
                sink(entity)?;
            }
            Ok(embargo_core::sources::ListMeta {
                entity_count,
                ..Default::default()
            })
        })
        .expect("import");
}

/// `list` with one entity in a hundred renamed: a typical next publication.
fn next_publication(list: &[Entity]) -> Vec<Entity> {
    let mut next = list.to_vec();
    for entity in next.iter_mut().step_by(100) {
        entity.add_name(Name::new("NEW ALIAS", NameQuality::Strong));
    }
    next
}

fn imports(c: &mut Criterion) {
    let folder = tempfile::tempdir().expect("temp folder");
    let list = fixtures::entities("ofac-sdn", LIST_SIZE);
    let files = fixtures::write_publication(folder.path(), "sdn.jsonl", &list);
    let next = next_publication(&list);
    let next_files = fixtures::write_publication(folder.path(), "sdn-next.jsonl", &next);
    let mut group = c.benchmark_group("import");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(8));

    group.bench_function("15k entities, parse + store", |b| {
        b.iter_batched(
            fresh_store,
            |(_folder, mut store)| {
                fixtures::import(&mut store, "ofac-sdn", &files).expect("import")
            },
            BatchSize::PerIteration,
        );
    });
    group.bench_function("15k entities, store only", |b| {
        b.iter_batched(
            || (fresh_store(), list.clone()),
            |((_folder, mut store), entities)| import_prepared(&mut store, &files, entities),
            BatchSize::PerIteration,
        );
    });
    group.bench_function("15k entities, next version (1% changed), store only", |b| {
        b.iter_batched(
            || {
                let (folder, mut store) = fresh_store();
                import_prepared(&mut store, &files, list.clone());
                ((folder, store), next.clone())
            },
            |((_folder, mut store), entities)| import_prepared(&mut store, &next_files, entities),
            BatchSize::PerIteration,
        );
    });
    group.bench_function("15k entities, unchanged re-import", |b| {
        let (_folder, mut store) = fresh_store();
        fixtures::import(&mut store, "ofac-sdn", &files).expect("import");
        b.iter(|| fixtures::import(&mut store, "ofac-sdn", &files).expect("re-import"));
    });
    group.finish();
}

/// A store like a user's after a while: OFAC SDN (15k entities, 3
/// versions), UN (1,000), and four smaller lists of 10 versions each.
fn populated_store(folder: &Path) -> Store {
    let mut store = Store::open_or_create(folder.join("bench.db")).expect("open store");
    let mut sdn = fixtures::entities("ofac-sdn", LIST_SIZE);
    for step in 0..3 {
        sdn = next_publication(&sdn);
        let files = fixtures::write_publication(folder, &format!("sdn-{step}.jsonl"), &sdn);
        fixtures::import(&mut store, "ofac-sdn", &files).expect("import sdn");
    }
    let un = fixtures::entities("un", 1000);
    let files = fixtures::write_publication(folder, "un.jsonl", &un);
    fixtures::import(&mut store, "un", &files).expect("import un");
    for source in ["ofac-cons", "custom-a", "custom-b", "ftm-c"] {
        for step in 0..10 {
            let list = fixtures::entities(source, 200 + step);
            let files =
                fixtures::write_publication(folder, &format!("{source}-{step}.jsonl"), &list);
            fixtures::import(&mut store, source, &files).expect("import small list");
        }
    }
    store
}

fn queries(c: &mut Criterion) {
    let folder = tempfile::tempdir().expect("temp folder");
    let store = populated_store(folder.path());
    let path = store.path().to_path_buf();
    let mut group = c.benchmark_group("query");
    group.sample_size(20);

    group.bench_function("active entities (16.8k, 6 sources)", |b| {
        b.iter(|| black_box(store.active_entities().expect("load")).len());
    });
    group.bench_function("lists: sources() (6 sources, 44 versions)", |b| {
        b.iter(|| black_box(store.sources().expect("sources")).len());
    });
    group.bench_function("lists: open + sources()", |b| {
        b.iter(|| {
            let store = Store::open_or_create(&path).expect("open");
            black_box(store.sources().expect("sources")).len()
        });
    });
    group.bench_function("active entity history (16.8k, 44 versions)", |b| {
        b.iter(|| black_box(store.active_entity_history().expect("history")).len());
    });
    group.bench_function("entity(id)", |b| {
        b.iter(|| black_box(store.entity("ofac-sdn:7777").expect("lookup")).is_some());
    });
    group.finish();
}

criterion_group!(benches, imports, queries);
criterion_main!(benches);
