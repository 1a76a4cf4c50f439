//! The evidence behind each labelled pair's name score, written as CSV for
//! fitting a score model (`tools/calibrate/fit.py`).
//!
//! One row per pair: the pair as read, the name score the matcher gives
//! (before the 0.95 scale of [`crate::matching::NAME_SCALE`]), and every
//! feature of [`crate::matching::name_evidence::NameEvidence`]. A pair whose
//! names have no words to compare has empty evidence columns.

use std::io::Write;

use serde::Serialize;

use super::pairs::Pair;
use crate::matching::score::Coverage;

/// One row of the features file.
#[derive(Debug, Serialize)]
struct FeatureRow<'a> {
    name1: &'a str,
    name2: &'a str,
    schema: &'a str,
    is_match: bool,
    group: &'a str,
    score: f32,
    coverage: Option<f32>,
    family_disagrees: Option<u8>,
    partial_given_name: Option<u8>,
    typo_share: Option<f32>,
    initial_share: Option<f32>,
    single_word: Option<u8>,
    family_alone_factor: Option<f32>,
}

/// Writes one features row per pair of `pairs`, scored by `compare`, to
/// `out`; returns how many pairs had evidence.
pub fn write_features<W: Write>(
    pairs: &[Pair],
    compare: impl Fn(&Pair) -> Option<Coverage>,
    out: W,
) -> Result<usize, csv::Error> {
    let mut writer = csv::Writer::from_writer(out);
    let mut with_evidence = 0;
    for pair in pairs {
        let coverage = compare(pair);
        with_evidence += usize::from(coverage.is_some());
        let evidence = coverage.map(|c| c.evidence);
        writer.serialize(FeatureRow {
            name1: &pair.name1,
            name2: &pair.name2,
            schema: pair.schema.map_or("", |s| s.as_str()),
            is_match: pair.is_match,
            group: &pair.group,
            score: coverage.map_or(0.0, |c| c.score),
            coverage: evidence.map(|e| e.coverage),
            family_disagrees: evidence.map(|e| u8::from(e.family_disagrees)),
            partial_given_name: evidence.map(|e| u8::from(e.partial_given_name)),
            typo_share: evidence.map(|e| e.typo_share),
            initial_share: evidence.map(|e| e.initial_share),
            single_word: evidence.map(|e| u8::from(e.single_word)),
            family_alone_factor: coverage.and_then(|c| c.family_alone_factor),
        })?;
    }
    writer.flush()?;
    Ok(with_evidence)
}
