//! yente's `explanations` (yente 4 and later): feature name →
//! `{detail, score, query, candidate}`, built from embargo's own
//! explanation, which results carry beside it in full.

use std::collections::BTreeMap;

use embargo_core::matching::Explanation;
use serde::Serialize;

use super::entity::round_score;

/// One feature's part of a score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FeatureExplanation {
    /// What was compared, in words.
    pub detail: String,
    /// What it added to the score (negative for a contradiction).
    pub score: f64,
    /// The query's side, where there is one to show (the matched words).
    pub query: Option<String>,
    /// The listed side (the listed name that matched).
    pub candidate: Option<String>,
}

/// The explanations of one result; features that occur more than once
/// (two identifiers) are summed, their details joined.
pub fn explanations(explanation: &Explanation) -> BTreeMap<&'static str, FeatureExplanation> {
    let mut all: BTreeMap<&'static str, (f32, Vec<String>)> = BTreeMap::new();
    for feature in &explanation.features {
        let slot = all.entry(feature.feature).or_default();
        slot.0 += feature.effect;
        slot.1.push(feature.detail.clone());
    }
    all.into_iter()
        .map(|(name, (effect, details))| {
            let (query, candidate) = if name == "name" {
                let words: Vec<&str> = explanation
                    .alignment
                    .iter()
                    .flat_map(|alignment| {
                        alignment
                            .pairs
                            .iter()
                            .map(|pair| pair.query.as_str())
                            .chain(alignment.unmatched_query.iter().map(String::as_str))
                    })
                    .collect();
                (
                    (!words.is_empty()).then(|| words.join(" ")),
                    Some(explanation.matched_name.clone()),
                )
            } else {
                (None, None)
            };
            let explained = FeatureExplanation {
                detail: details.join("; "),
                score: round_score(effect),
                query,
                candidate,
            };
            (name, explained)
        })
        .collect()
}

/// Each feature's summed effect, rounded (yente's `features`).
pub fn feature_scores(explanation: &Explanation) -> BTreeMap<&'static str, f64> {
    let mut sums: BTreeMap<&'static str, f32> = BTreeMap::new();
    for feature in &explanation.features {
        *sums.entry(feature.feature).or_default() += feature.effect;
    }
    sums.into_iter()
        .map(|(name, effect)| (name, round_score(effect)))
        .collect()
}
