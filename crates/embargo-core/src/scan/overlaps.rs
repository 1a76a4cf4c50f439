//! Resolving overlapping candidate mentions to the best non-overlapping
//! set.

use crate::matching::ScreenMatch;

/// Candidate results found at one byte range.
pub(super) struct Found {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) results: Vec<ScreenMatch>,
}

/// Keeps the best ranges that do not overlap: highest score first, then
/// the longer range, then the earlier one; returned in text order.
pub(super) fn best_non_overlapping(mut found: Vec<Found>) -> Vec<Found> {
    let score = |f: &Found| f.results.first().map_or(0.0, |r| r.score);
    found.sort_by(|a, b| {
        score(b)
            .total_cmp(&score(a))
            .then((b.end - b.start).cmp(&(a.end - a.start)))
            .then(a.start.cmp(&b.start))
    });
    let mut kept: Vec<Found> = Vec::new();
    for candidate in found {
        if kept
            .iter()
            .all(|k| candidate.end <= k.start || k.end <= candidate.start)
        {
            kept.push(candidate);
        }
    }
    kept.sort_by_key(|f| f.start);
    kept
}

#[cfg(test)]
mod tests {
    use super::super::test_lists::*;

    #[test]
    fn overlapping_spans_keep_the_best() {
        // "Sang Man" alone would be PAK's half; the whole name wins.
        assert_eq!(found("Kim Sang Man"), [pair("Kim Sang Man", "t:kim")]);
    }
}
