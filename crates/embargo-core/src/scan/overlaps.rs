//! Resolving overlapping candidate mentions to the best non-overlapping
//! set.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::matching::ScreenMatch;

/// Candidate results found at one byte range.
pub(super) struct Found {
    /// Byte offset of the range's first byte.
    pub(super) start: usize,
    /// Byte offset just past its last byte.
    pub(super) end: usize,
    /// The results, best first (shared by every place the same span text
    /// is written).
    pub(super) results: Arc<[ScreenMatch]>,
}

/// Keeps the best ranges that do not overlap: highest score first, then
/// the longer range, then the earlier one; returned in text order. The
/// ranges are never empty (each holds a word or a chunk of text).
///
/// The ranges kept so far are held in text order, where they do not
/// overlap, so their ends ascend with their starts: a candidate overlaps
/// one of them exactly when it overlaps the last one starting before its
/// end, which one lookup finds (n log n, where comparing each candidate
/// with every range kept was quadratic in the mentions of a text naming
/// one party on every line).
pub(super) fn best_non_overlapping(mut found: Vec<Found>) -> Vec<Found> {
    let score = |f: &Found| f.results.first().map_or(0.0, |r| r.score);
    found.sort_by(|a, b| {
        score(b)
            .total_cmp(&score(a))
            .then((b.end - b.start).cmp(&(a.end - a.start)))
            .then(a.start.cmp(&b.start))
    });
    let mut kept: BTreeMap<(usize, usize), Found> = BTreeMap::new();
    for candidate in found {
        let overlaps = kept
            .range(..(candidate.end, 0))
            .next_back()
            .is_some_and(|(&(_, end), _)| end > candidate.start);
        if !overlaps {
            kept.insert((candidate.start, candidate.end), candidate);
        }
    }
    kept.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::super::test_lists::*;
    use super::*;
    use crate::matching::evidence::Feature;

    #[test]
    fn overlapping_spans_keep_the_best() {
        // "Sang Man" alone would be PAK's half; the whole name wins.
        assert_eq!(found("Kim Sang Man"), [pair("Kim Sang Man", "t:kim")]);
    }

    /// The ranges [`best_non_overlapping`] keeps, as the definition reads:
    /// each candidate, best first, compared with every range kept.
    fn kept_by_definition(ranges: &[(usize, usize, f32)]) -> Vec<(usize, usize)> {
        let mut sorted = ranges.to_vec();
        sorted.sort_by(|a, b| {
            b.2.total_cmp(&a.2)
                .then((b.1 - b.0).cmp(&(a.1 - a.0)))
                .then(a.0.cmp(&b.0))
        });
        let mut kept: Vec<(usize, usize)> = Vec::new();
        for (start, end, _) in sorted {
            if kept.iter().all(|&(s, e)| end <= s || e <= start) {
                kept.push((start, end));
            }
        }
        kept.sort_unstable();
        kept
    }

    /// A result of score `score`.
    fn scored(score: f32) -> ScreenMatch {
        let feature = Feature {
            feature: "identifier",
            effect: 0.0,
            detail: String::new(),
        };
        ScreenMatch {
            score,
            ..ScreenMatch::exact(0, feature)
        }
    }

    #[test]
    fn the_kept_ranges_are_those_of_comparing_each_with_every_range_kept() {
        let mut next = embargo_testkit::random_below(0x5EED_0F0B_E7A1);
        for _ in 0..2_000 {
            let count = next(30) as usize;
            let ranges: Vec<(usize, usize, f32)> = (0..count)
                .map(|_| {
                    let start = next(60) as usize;
                    let end = start + 1 + next(8) as usize;
                    (start, end, next(4) as f32 / 4.0)
                })
                .collect();
            let found = ranges
                .iter()
                .map(|&(start, end, score)| Found {
                    start,
                    end,
                    results: Arc::from(vec![scored(score)]),
                })
                .collect();
            let kept: Vec<(usize, usize)> = best_non_overlapping(found)
                .iter()
                .map(|f| (f.start, f.end))
                .collect();
            assert_eq!(kept, kept_by_definition(&ranges), "{ranges:?}");
        }
    }
}
