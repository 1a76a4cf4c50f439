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

// Setup failures in a benchmark should panic with their reason.
#![allow(clippy::expect_used)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use embargo_core::matching::{Query, ScreenOptions};
use embargo_core::model::Schema;

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
}

criterion_group!(benches, matching);
criterion_main!(benches);
