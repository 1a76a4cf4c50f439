//! Import speed of the EU, UK and US trade list readers on the real files.
//!
//! Run with `EMBARGO_TEST_DATA=../shared/data cargo bench -p embargo-core
//! --bench import_lists`. Product target: the whole OFSI Consolidated
//! List of 27 April 2020 (legacy CSV, Windows-1252, 9,492 rows, 2,114
//! targets) read in under 1 s on 2 cores.
//!
//! * `import/uk-ofsi-2020`: detect the format, decode, parse and group the
//!   whole OFSI file into entities (through `sources::parse`, with the
//!   entry checks), the sink counting them: what `embargo import` costs
//!   before the store.
//! * `import/uk-fcdo-excerpt`: the same for the FCDO UK Sanctions List XML
//!   excerpt (133 designations, 514 KB).
//!
//! Without `EMBARGO_TEST_DATA` the benches measure nothing (a message
//! says so).

// Setup failures in a benchmark should panic with their reason.
#![allow(clippy::expect_used)]

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{Criterion, criterion_group, criterion_main};
use embargo_core::sources;

/// The file `relative` inside the real-data folder, when configured.
fn data_file(relative: &str) -> Option<PathBuf> {
    let folder = std::env::var_os("EMBARGO_TEST_DATA").filter(|v| !v.is_empty())?;
    let folder = PathBuf::from(folder);
    let folder = if folder.is_relative() {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../..")
            .join(folder)
    } else {
        folder
    };
    Some(folder.join(relative))
}

/// Detects and parses `path`, returning the number of entities.
fn import(path: &Path) -> usize {
    let mut count = 0usize;
    for files in sources::detect(&[path.to_path_buf()]).expect("detect") {
        let source = files.format.default_source_id(files.primary());
        sources::parse(&files, &source, &mut |entity| {
            black_box(&entity);
            count += 1;
            Ok(())
        })
        .expect("parse");
    }
    count
}

fn bench_imports(c: &mut Criterion) {
    let cases = [
        (
            "import/uk-ofsi-2020",
            "uk/ofsi-conlist-2020-04-27.csv",
            2_114,
        ),
        (
            "import/uk-fcdo-excerpt",
            "uk/fcdo-uk-sanctions-list-2026-03-26-excerpt.xml",
            133,
        ),
    ];
    for (name, relative, expected) in cases {
        let Some(path) = data_file(relative) else {
            eprintln!("{name}: set EMBARGO_TEST_DATA to the shared data folder to measure it");
            continue;
        };
        assert_eq!(import(&path), expected, "{name}");
        c.bench_function(name, |b| b.iter(|| import(black_box(&path))));
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench_imports
}
criterion_main!(benches);
