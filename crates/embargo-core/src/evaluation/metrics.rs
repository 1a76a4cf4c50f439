//! Metrics of a match/non-match decision on scored, labelled items.
//!
//! A pair is called a match when its score is at or above the threshold,
//! as screening reports results at or above its threshold. From the four
//! counts of that decision come precision, recall, F1 and accuracy; the
//! best-F1 threshold is found by trying every distinct score as the
//! threshold; ROC AUC is computed exactly from ranks (the Mann–Whitney
//! statistic, ties counted half), not by sampling thresholds.
//!
//! A metric whose denominator is zero (precision with nothing called a
//! match, recall without positives, AUC without positives or without
//! negatives) is `None`, never a made-up 0 or 1.

use serde::Serialize;

/// One scored item: its score and whether it truly is a match.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scored {
    /// The score (0 to 1; never NaN).
    pub score: f32,
    /// The label.
    pub is_match: bool,
}

/// The four counts of the decision "a score at or above the threshold is
/// a match".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Confusion {
    /// Matches scored at or above the threshold.
    pub true_positives: usize,
    /// Non-matches scored at or above the threshold.
    pub false_positives: usize,
    /// Non-matches scored below the threshold.
    pub true_negatives: usize,
    /// Matches scored below the threshold.
    pub false_negatives: usize,
}

/// `part / whole`, or `None` when `whole` is 0.
fn share(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

impl Confusion {
    /// Counts the decision at `threshold` over `items`.
    pub fn at(items: &[Scored], threshold: f32) -> Confusion {
        let mut counts = Confusion::default();
        for item in items {
            match (item.is_match, item.score >= threshold) {
                (true, true) => counts.true_positives += 1,
                (true, false) => counts.false_negatives += 1,
                (false, true) => counts.false_positives += 1,
                (false, false) => counts.true_negatives += 1,
            }
        }
        counts
    }

    /// Items counted.
    pub fn total(&self) -> usize {
        self.true_positives + self.false_positives + self.true_negatives + self.false_negatives
    }

    /// Share of the items called a match that are matches; `None` when
    /// nothing was called a match.
    pub fn precision(&self) -> Option<f64> {
        share(
            self.true_positives,
            self.true_positives + self.false_positives,
        )
    }

    /// Share of the matches called a match; `None` without matches.
    pub fn recall(&self) -> Option<f64> {
        share(
            self.true_positives,
            self.true_positives + self.false_negatives,
        )
    }

    /// Harmonic mean of precision and recall, as `2TP / (2TP + FP + FN)`:
    /// 0 when something was called wrongly but nothing rightly; `None`
    /// when there were no matches and none was called.
    pub fn f1(&self) -> Option<f64> {
        share(
            2 * self.true_positives,
            2 * self.true_positives + self.false_positives + self.false_negatives,
        )
    }

    /// Share of items decided rightly; `None` without items.
    pub fn accuracy(&self) -> Option<f64> {
        share(self.true_positives + self.true_negatives, self.total())
    }
}

/// The decision's quality at one threshold.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ThresholdMetrics {
    /// Lowest score called a match.
    #[serde(serialize_with = "crate::model::serialize_score")]
    pub threshold: f32,
    /// The counts.
    #[serde(flatten)]
    pub counts: Confusion,
    /// See [`Confusion::precision`].
    pub precision: Option<f64>,
    /// See [`Confusion::recall`].
    pub recall: Option<f64>,
    /// See [`Confusion::f1`].
    pub f1: Option<f64>,
    /// See [`Confusion::accuracy`].
    pub accuracy: Option<f64>,
}

impl ThresholdMetrics {
    /// The metrics of `counts`, counted at `threshold`.
    pub(crate) fn from_counts(threshold: f32, counts: Confusion) -> ThresholdMetrics {
        ThresholdMetrics {
            threshold,
            counts,
            precision: counts.precision(),
            recall: counts.recall(),
            f1: counts.f1(),
            accuracy: counts.accuracy(),
        }
    }

    /// The metrics of `items` at `threshold`.
    pub fn at(items: &[Scored], threshold: f32) -> ThresholdMetrics {
        ThresholdMetrics::from_counts(threshold, Confusion::at(items, threshold))
    }
}

/// The threshold with the highest F1, trying each distinct score (the
/// highest such threshold when several tie); `None` without matches.
pub fn best_f1(items: &[Scored]) -> Option<ThresholdMetrics> {
    let positives = items.iter().filter(|item| item.is_match).count();
    if positives == 0 {
        return None;
    }
    let negatives = items.len() - positives;
    let mut sorted: Vec<Scored> = items.to_vec();
    sorted.sort_by(|a, b| b.score.total_cmp(&a.score));
    let mut best: Option<(f64, ThresholdMetrics)> = None;
    let (mut true_positives, mut false_positives) = (0, 0);
    let mut at = 0;
    while at < sorted.len() {
        let threshold = sorted[at].score;
        // Everything tied at this score is called a match together.
        while at < sorted.len() && sorted[at].score == threshold {
            if sorted[at].is_match {
                true_positives += 1;
            } else {
                false_positives += 1;
            }
            at += 1;
        }
        let counts = Confusion {
            true_positives,
            false_positives,
            true_negatives: negatives - false_positives,
            false_negatives: positives - true_positives,
        };
        let f1 = counts.f1().unwrap_or(0.0);
        if best.as_ref().is_none_or(|(best_f1, _)| f1 > *best_f1) {
            best = Some((f1, ThresholdMetrics::from_counts(threshold, counts)));
        }
    }
    best.map(|(_, metrics)| metrics)
}

/// Area under the ROC curve: the probability that a random match scores
/// above a random non-match, a tie counting half. Computed exactly from
/// the ranks of all scores (tied scores share their average rank); `None`
/// unless there are both matches and non-matches.
pub fn roc_auc(items: &[Scored]) -> Option<f64> {
    let positives = items.iter().filter(|item| item.is_match).count();
    let negatives = items.len() - positives;
    if positives == 0 || negatives == 0 {
        return None;
    }
    let mut sorted: Vec<Scored> = items.to_vec();
    sorted.sort_by(|a, b| a.score.total_cmp(&b.score));
    let mut positive_rank_sum = 0.0_f64;
    let mut start = 0;
    while start < sorted.len() {
        let mut end = start;
        while end < sorted.len() && sorted[end].score == sorted[start].score {
            end += 1;
        }
        // Ranks start + 1 ..= end (1-based), averaged over the tie.
        let average_rank = (start + 1 + end) as f64 / 2.0;
        let tied_positives = sorted[start..end].iter().filter(|i| i.is_match).count();
        positive_rank_sum += average_rank * tied_positives as f64;
        start = end;
    }
    let (p, n) = (positives as f64, negatives as f64);
    let wins = positive_rank_sum - p * (p + 1.0) / 2.0;
    Some(wins / (p * n))
}

/// Every measure of one group of items.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupMetrics {
    /// The group's name.
    pub group: String,
    /// Items in the group.
    pub pairs: usize,
    /// Of those, matches.
    pub positives: usize,
    /// Of those, non-matches.
    pub negatives: usize,
    /// The decision at the threshold reported on.
    pub at_threshold: ThresholdMetrics,
    /// The best-F1 threshold (see [`best_f1`]).
    pub best_f1: Option<ThresholdMetrics>,
    /// See [`roc_auc`].
    pub roc_auc: Option<f64>,
}

impl GroupMetrics {
    /// Measures `items` as the group `group`, at `threshold`.
    pub fn measure(group: &str, items: &[Scored], threshold: f32) -> GroupMetrics {
        let positives = items.iter().filter(|item| item.is_match).count();
        GroupMetrics {
            group: group.to_string(),
            pairs: items.len(),
            positives,
            negatives: items.len() - positives,
            at_threshold: ThresholdMetrics::at(items, threshold),
            best_f1: best_f1(items),
            roc_auc: roc_auc(items),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(positives: &[f32], negatives: &[f32]) -> Vec<Scored> {
        let label = |is_match| move |&score: &f32| Scored { score, is_match };
        positives
            .iter()
            .map(label(true))
            .chain(negatives.iter().map(label(false)))
            .collect()
    }

    fn close(actual: Option<f64>, expected: f64) {
        let actual = actual.unwrap_or_else(|| panic!("undefined, expected {expected}"));
        assert!(
            (actual - expected).abs() < 1e-9,
            "{actual} is not {expected}"
        );
    }

    /// Matches 0.9, 0.8, 0.4; non-matches 0.8, 0.3, 0.1 (one tie across
    /// the labels at 0.8).
    fn mixed() -> Vec<Scored> {
        items(&[0.9, 0.8, 0.4], &[0.8, 0.3, 0.1])
    }

    #[test]
    fn counts_and_rates_at_a_threshold() {
        let metrics = ThresholdMetrics::at(&mixed(), 0.5);
        assert_eq!(
            metrics.counts,
            Confusion {
                true_positives: 2,
                false_positives: 1,
                true_negatives: 2,
                false_negatives: 1,
            }
        );
        close(metrics.precision, 2.0 / 3.0);
        close(metrics.recall, 2.0 / 3.0);
        close(metrics.f1, 2.0 / 3.0);
        close(metrics.accuracy, 4.0 / 6.0);
        // A score equal to the threshold is a match, as in screening.
        assert_eq!(Confusion::at(&mixed(), 0.8).true_positives, 2);
        assert_eq!(Confusion::at(&mixed(), 0.8).false_positives, 1);
    }

    #[test]
    fn auc_counts_ties_half() {
        // Ranks ascending: 0.1 → 1, 0.3 → 2, 0.4 → 3, the two 0.8 → 4.5,
        // 0.9 → 6. Matches' rank sum 13.5, minus 3·4/2 = 7.5 wins of 9.
        close(roc_auc(&mixed()), 7.5 / 9.0);
        // Everything tied: a coin toss.
        close(roc_auc(&items(&[0.5, 0.5], &[0.5])), 0.5);
        close(roc_auc(&items(&[0.9, 0.7], &[0.2, 0.1])), 1.0);
        close(roc_auc(&items(&[0.2], &[0.3, 0.9])), 0.0);
        // Ties inside one label do not matter: 0.6 beats 0.5 twice, and
        // the 0.5 ties with the 0.5 twice.
        close(roc_auc(&items(&[0.6, 0.5], &[0.5, 0.5])), 3.0 / 4.0);
    }

    #[test]
    fn best_f1_tries_every_distinct_score() {
        // At 0.9: TP 1 FP 0 FN 2 → F1 2/4; at 0.8: TP 2 FP 1 FN 1 → 4/6;
        // at 0.4: TP 3 FP 1 → 6/7; at 0.3: 6/8; at 0.1: 6/9.
        let best = best_f1(&mixed()).unwrap();
        assert_eq!(best.threshold, 0.4);
        close(best.f1, 6.0 / 7.0);
        close(best.precision, 0.75);
        close(best.recall, 1.0);
        assert_eq!(best.counts.true_negatives, 2);
        // Equal F1 at 0.9 (2/3: TP 1, FN 1) and at 0.5 (2/3: TP 2, FP 2):
        // the higher threshold wins.
        let tie = best_f1(&items(&[0.9, 0.5], &[0.5, 0.5])).unwrap();
        assert_eq!(tie.threshold, 0.9);
        close(tie.f1, 2.0 / 3.0);
    }

    #[test]
    fn an_all_positive_group_has_no_auc() {
        let group = GroupMetrics::measure("titles", &items(&[0.9, 0.6], &[]), 0.7);
        assert_eq!((group.pairs, group.positives, group.negatives), (2, 2, 0));
        close(group.at_threshold.precision, 1.0);
        close(group.at_threshold.recall, 0.5);
        close(group.at_threshold.f1, 2.0 / 3.0);
        close(group.at_threshold.accuracy, 0.5);
        assert_eq!(group.roc_auc, None);
        let best = group.best_f1.unwrap();
        assert_eq!(best.threshold, 0.6);
        close(best.f1, 1.0);
    }

    #[test]
    fn an_all_negative_group_has_no_recall() {
        let group = GroupMetrics::measure("hard", &items(&[], &[0.8, 0.2]), 0.7);
        let at = &group.at_threshold;
        close(at.precision, 0.0);
        assert_eq!(at.recall, None);
        close(at.f1, 0.0);
        close(at.accuracy, 0.5);
        assert_eq!(group.best_f1, None);
        assert_eq!(group.roc_auc, None);
        // Nothing called a match: no precision either, and F1 is undefined.
        let quiet = ThresholdMetrics::at(&items(&[], &[0.2]), 0.7);
        assert_eq!((quiet.precision, quiet.f1), (None, None));
        close(quiet.accuracy, 1.0);
    }

    #[test]
    fn an_empty_group_has_no_metrics() {
        let group = GroupMetrics::measure("empty", &[], 0.7);
        assert_eq!((group.pairs, group.positives, group.negatives), (0, 0, 0));
        assert_eq!(group.at_threshold.counts, Confusion::default());
        let at = &group.at_threshold;
        assert_eq!(
            (at.precision, at.recall, at.f1, at.accuracy),
            (None, None, None, None)
        );
        assert_eq!((group.best_f1, group.roc_auc), (None, None));
    }
}
