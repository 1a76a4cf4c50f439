//! Compares the bench's pairs of names many times over, for instruction
//! counts of [`Screener::compare_names`] alone (the `match/compare-*`
//! benches measure time, which this machine's noise blurs):
//!
//! ```text
//! cargo build --release -p embargo-core --example pair_profile
//! EMBARGO_TEST_DATA=../shared/data valgrind --tool=callgrind \
//!     --collect-atstart=no --toggle-collect='pair_profile::compare_many*' \
//!     target/release/examples/pair_profile [person|org] [PAIRS]
//! ```
//!
//! Divide the collected instructions by the pairs (2,000 by default).

// A profiling tool: setup failures should stop it with their reason.
#![allow(clippy::expect_used)]

#[path = "../benches/support/scan_inputs.rs"]
#[allow(dead_code)] // the scan bench uses the text builders
mod scan_inputs;

use std::hint::black_box;

use embargo_core::matching::Screener;
use embargo_core::model::Schema;

/// The pairs of the `match/compare-pair` and `match/compare-org-pair`
/// benches, each with a second spelling of the query so that memos of the
/// last word looked up do not make every comparison the same.
const PAIRS: [(&str, [&str; 2], &str, Schema); 2] = [
    (
        "person",
        ["Ali Khamenei", "Ali Khamenei Husseini"],
        "KHAMENEI, Ali Husseini",
        Schema::Person,
    ),
    (
        "org",
        [
            "Chinyong IT Cooperation Co.",
            "Chinyong I.T. Cooperation Company",
        ],
        "CHINYONG INFORMATION TECHNOLOGY COOPERATION COMPANY",
        Schema::Organization,
    ),
];

/// Compares `count` pairs; the function the profiler collects in.
#[inline(never)]
fn compare_many(
    screener: &Screener,
    queries: [&str; 2],
    listed: &str,
    schema: Schema,
    count: usize,
) -> f32 {
    (0..count)
        .map(|n| screener.compare_names(black_box(queries[n % 2]), black_box(listed), Some(schema)))
        .sum()
}

fn main() {
    let mut args = std::env::args().skip(1);
    let which = args.next().unwrap_or_else(|| "org".to_string());
    let count: usize = args
        .next()
        .map_or(2000, |n| n.parse().expect("PAIRS is a number"));
    let Some((_, queries, listed, schema)) = PAIRS.iter().find(|(name, ..)| *name == which) else {
        eprintln!("usage: pair_profile [person|org] [PAIRS]");
        std::process::exit(2);
    };
    let data = scan_inputs::data_dir().expect("EMBARGO_TEST_DATA names the shared data folder");
    let screener = scan_inputs::screener(&data);
    compare_many(&screener, *queries, listed, *schema, 100);
    let total = compare_many(&screener, *queries, listed, *schema, count);
    println!(
        "{count} {which} pairs compared (mean score {:.3})",
        total / count as f32
    );
}
