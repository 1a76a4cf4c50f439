//! Name matching cost against OFAC SDN + consolidated + UN: one screening
//! query and one pair comparison.
//!
//! Run with `EMBARGO_TEST_DATA=../shared/data cargo bench -p embargo-core
//! --bench matching`. Product targets: a query's median under 50 µs and
//! its 99th percentile under 1 ms (`embargo evaluate` prints the
//! distribution over the 100,000 screening-set names); one pair
//! comparison under 5 µs.
//!
//! * `match/screen-person`: a person's name in Latin letters, with a typo.
//! * `match/screen-hanja`: a name in Han characters, screened in its
//!   pinyin and Sino-Korean readings.
//! * `match/screen-org`: an organization's name with a legal form.
//! * `match/compare-pair`: [`Screener::compare_names`] on a person pair
//!   (`Ali Khamenei` against `KHAMENEI, Ali Husseini`).
//! * `match/compare-org-pair`: the same on an organization pair.
//! * `screen/*`: one query (the screener's memos warm) for a few query
//!   shapes: `person_exact`, `person_hangul`, `person_typo`,
//!   `organization`, `common_name`.
//! * `screen/negatives_rotating`: 1,000 different unlisted people's names
//!   of the `negatives_global` screening set in turn, the mix a customer
//!   file gives.
//!
//! Loading these lists from a store and building the index is measured
//! by `embargo-store`'s `load_screener` bench.

// Setup failures in a benchmark should panic with their reason.
#![allow(clippy::expect_used)]

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use embargo_core::matching::{Query, ScreenOptions, Screener};
use embargo_core::model::Schema;
use embargo_core::records::{ColumnMap, RecordReader};

/// The `embargo` binary's allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "support/scan_inputs.rs"]
#[allow(dead_code)] // the scan bench uses the text builders
mod scan_inputs;

fn matching(c: &mut Criterion) {
    let Some(data) = scan_inputs::data_dir() else {
        eprintln!("EMBARGO_TEST_DATA is not set: skipping the matching bench");
        return;
    };
    let screener = scan_inputs::screener(&data);
    let options = ScreenOptions::default();
    let mut group = c.benchmark_group("match");
    for (label, name) in [
        ("screen-person", "Aleksandr Vyacheslavovich Zaharov"),
        ("screen-hanja", "金正恩"),
        ("screen-org", "Neftyanaya Kompaniya Rosneft PAO"),
    ] {
        let query = Query::name(name);
        group.bench_function(label, |b| {
            b.iter(|| black_box(screener.screen(black_box(&query), &options)))
        });
    }
    group.bench_function("compare-pair", |b| {
        b.iter(|| {
            black_box(screener.compare_names(
                black_box("Ali Khamenei"),
                black_box("KHAMENEI, Ali Husseini"),
                Some(Schema::Person),
            ))
        })
    });
    group.bench_function("compare-org-pair", |b| {
        b.iter(|| {
            black_box(screener.compare_names(
                black_box("Chinyong IT Cooperation Co."),
                black_box("CHINYONG INFORMATION TECHNOLOGY COOPERATION COMPANY"),
                Some(Schema::Organization),
            ))
        })
    });
    group.finish();
    screen_shapes(c, &screener, &data);
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

/// The `screen` group: query shapes, and unlisted names in rotation.
fn screen_shapes(c: &mut Criterion, screener: &Screener, data: &Path) {
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
    let negatives = negative_queries(data, 1_000);
    assert!(!negatives.is_empty(), "no names in negatives_global.csv");
    let mut next = 0;
    group.bench_function("negatives_rotating", |b| {
        b.iter(|| {
            next = (next + 1) % negatives.len();
            black_box(screener.screen(&negatives[next], &options))
        })
    });
    group.finish();
}

criterion_group!(benches, matching);
criterion_main!(benches);
