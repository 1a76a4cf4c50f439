//! Model validation: measuring the matcher on labelled sets, as regulators
//! expect an institution to do for its screening model.
//!
//! * Positives are people known to be listed. Each row's expected entity
//!   comes from an `expected` column, or from the row of a clean reference
//!   file at the same position whose name equals a listed name (so a file
//!   of perturbed names can be checked against the clean file it was made
//!   from). Recall is the share of rows whose expected entity is among the
//!   results at or above the threshold.
//! * Negatives are people known not to be listed: any result at or above
//!   the threshold is a false alert.
//! * A sweep repeats both measures over thresholds; the per-query time
//!   distribution is measured on the same run (one thread).
//! * The blocking check compares the index with a brute-force comparison
//!   against every name on a sample, counting the matches the index loses.
//! * Pairs ([`pairs`], [`metrics`]): a file of name pairs labelled match or
//!   non-match, each scored name against name; precision, recall, F1,
//!   accuracy, the best-F1 threshold and ROC AUC per group of pairs.
//!
//! The sweep chart lives in `chart`.

mod chart;
pub mod features;
pub mod metrics;
pub mod pairs;

use std::collections::HashMap;
use std::time::Instant;

use serde::Serialize;

use crate::matching::{Query, ScreenMatch, ScreenOptions, Screener, translit};
use crate::records::Record;

pub use chart::sweep_chart;

/// Lowest threshold of the sweep.
pub const SWEEP_FLOOR: f32 = 0.5;
/// Thresholds of the sweep table and chart.
pub(crate) fn sweep_thresholds() -> Vec<f32> {
    (0..=10)
        .map(|step| SWEEP_FLOOR + 0.05 * step as f32)
        .collect()
}
/// Results kept per query during evaluation (the expected entity must be
/// among them).
const EVALUATION_LIMIT: usize = 50;
/// Misses and false alerts listed in the report, per file.
const LISTED_EXAMPLES: usize = 20;

/// A labelled file of positives or negatives.
#[derive(Debug, Clone)]
pub struct LabelledSet {
    /// The file's name, for the report.
    pub label: String,
    /// Its records.
    pub records: Vec<Record>,
}

/// Settings of an evaluation run.
#[derive(Debug, Clone)]
pub struct EvaluationSettings {
    /// Threshold reported on (the sweep covers others).
    pub threshold: f32,
    /// Only entities of this source can be expected (e.g. `un`).
    pub expected_source: Option<String>,
    /// Rows (of all sets together, spread evenly) checked against brute
    /// force; 0 skips the check.
    pub blocking_sample: usize,
}

/// The result of an evaluation.
#[derive(Debug, Clone, Serialize)]
pub struct EvaluationReport {
    /// Threshold reported on.
    #[serde(serialize_with = "crate::model::serialize_score")]
    pub threshold: f32,
    /// Lists the screener held.
    pub lists: Vec<crate::matching::ListVersion>,
    /// One report per positives file.
    pub positives: Vec<PositiveReport>,
    /// One report per negatives file.
    pub negatives: Vec<NegativeReport>,
    /// Share of all negative rows with a false alert at the threshold.
    pub negative_alert_rate: f32,
    /// Recall and false-alert rate at each threshold of the sweep.
    pub sweep: Vec<SweepRow>,
    /// Per-query time distribution over every row.
    pub timing: Timing,
    /// Index versus brute force, when checked.
    pub blocking: Option<BlockingCheck>,
}

/// Recall on one positives file.
#[derive(Debug, Clone, Serialize)]
pub struct PositiveReport {
    /// The file.
    pub file: String,
    /// Rows read.
    pub rows: usize,
    /// Rows whose expected entity is known.
    pub labelled: usize,
    /// Labelled rows whose expected entity scored at or above the threshold.
    pub found: usize,
    /// `found / labelled`.
    pub recall: f32,
    /// Labelled rows whose expected entity was the top result.
    pub top_result: usize,
    /// Some labelled rows that missed, with the expected entity's score.
    pub missed: Vec<Miss>,
}

/// A positive row that did not find its entity.
#[derive(Debug, Clone, Serialize)]
pub struct Miss {
    /// Line in the file.
    pub line: u64,
    /// The name screened.
    pub name: String,
    /// The expected entity ids.
    pub expected: Vec<String>,
    /// The best score any expected entity got (0 when none was returned).
    #[serde(serialize_with = "crate::model::serialize_score")]
    pub score: f32,
}

/// False alerts on one negatives file.
#[derive(Debug, Clone, Serialize)]
pub struct NegativeReport {
    /// The file.
    pub file: String,
    /// Rows read.
    pub rows: usize,
    /// Rows with any result at or above the threshold.
    pub alerted: usize,
    /// `alerted / rows`.
    pub alert_rate: f32,
    /// The highest-scoring false alerts.
    pub worst: Vec<FalseAlert>,
}

/// A negative row that produced a result.
#[derive(Debug, Clone, Serialize)]
pub struct FalseAlert {
    /// Line in the file.
    pub line: u64,
    /// The name screened.
    pub name: String,
    /// The entity it hit.
    pub entity: String,
    /// The listed name that matched.
    pub matched_name: String,
    /// Its score.
    #[serde(serialize_with = "crate::model::serialize_score")]
    pub score: f32,
}

/// One threshold of the sweep.
#[derive(Debug, Clone, Serialize)]
pub struct SweepRow {
    /// The threshold.
    #[serde(serialize_with = "crate::model::serialize_score")]
    pub threshold: f32,
    /// Recall per positives file, in report order.
    pub recall: Vec<f32>,
    /// Share of all negative rows with a result.
    pub alert_rate: f32,
}

/// Per-query screening time, in microseconds.
#[derive(Debug, Clone, Serialize)]
pub struct Timing {
    /// Queries timed.
    pub queries: usize,
    /// Mean.
    pub mean_us: f64,
    /// Median.
    pub median_us: f64,
    /// 90th percentile.
    pub p90_us: f64,
    /// 99th percentile.
    pub p99_us: f64,
    /// Slowest.
    pub max_us: f64,
}

/// Matches found by brute force that the index did not return.
#[derive(Debug, Clone, Serialize)]
pub struct BlockingCheck {
    /// Queries compared.
    pub queries: usize,
    /// (query, entity) pairs at or above the threshold by brute force.
    pub exhaustive_matches: usize,
    /// Of those, pairs the index missed.
    pub lost: usize,
    /// `lost / exhaustive_matches`.
    pub loss_rate: f32,
}

/// Runs an evaluation.
pub fn evaluate(
    screener: &Screener,
    positives: &[LabelledSet],
    negatives: &[LabelledSet],
    reference: Option<&[Record]>,
    settings: &EvaluationSettings,
) -> EvaluationReport {
    let options = ScreenOptions {
        threshold: settings.threshold.min(SWEEP_FLOOR),
        limit: EVALUATION_LIMIT,
    };
    let resolver = ExpectedResolver::new(screener, settings.expected_source.as_deref());
    let mut durations = Vec::new();
    let mut positive_runs = Vec::new();
    for set in positives {
        let expected = resolver.expected_for(set, reference);
        let scores = screen_all(screener, set, &options, &mut durations);
        positive_runs.push((set, expected, scores));
    }
    let mut negative_runs = Vec::new();
    for set in negatives {
        let scores = screen_all(screener, set, &options, &mut durations);
        negative_runs.push((set, scores));
    }
    let negative_rows: usize = negatives.iter().map(|set| set.records.len()).sum();
    let alert_rate_at = |threshold: f32| {
        let alerted: usize = negative_runs
            .iter()
            .map(|(_, runs)| count_alerted(runs, threshold))
            .sum();
        ratio(alerted, negative_rows)
    };
    let sweep = sweep_thresholds()
        .into_iter()
        .map(|threshold| SweepRow {
            threshold,
            recall: positive_runs
                .iter()
                .map(|(_, expected, runs)| recall_at(screener, expected, runs, threshold).recall)
                .collect(),
            alert_rate: alert_rate_at(threshold),
        })
        .collect();
    EvaluationReport {
        threshold: settings.threshold,
        lists: screener.lists().to_vec(),
        positives: positive_runs
            .iter()
            .map(|(set, expected, runs)| {
                let mut report = recall_at(screener, expected, runs, settings.threshold);
                report.file = set.label.clone();
                report.rows = set.records.len();
                report.missed = misses(screener, set, expected, runs, settings.threshold);
                report
            })
            .collect(),
        negatives: negative_runs
            .iter()
            .map(|(set, runs)| negative_report(screener, set, runs, settings.threshold))
            .collect(),
        negative_alert_rate: alert_rate_at(settings.threshold),
        sweep,
        timing: timing(durations),
        blocking: (settings.blocking_sample > 0).then(|| {
            let sets: Vec<&LabelledSet> = positives.iter().chain(negatives).collect();
            blocking_check(
                screener,
                &sets,
                settings.blocking_sample,
                settings.threshold,
            )
        }),
    }
}

fn ratio(part: usize, whole: usize) -> f32 {
    if whole == 0 {
        0.0
    } else {
        part as f32 / whole as f32
    }
}

/// Screens every record, recording each call's duration in microseconds.
fn screen_all(
    screener: &Screener,
    set: &LabelledSet,
    options: &ScreenOptions,
    durations: &mut Vec<f64>,
) -> Vec<Vec<ScreenMatch>> {
    set.records
        .iter()
        .map(|record| {
            let started = Instant::now();
            let results = screener.screen(&record.query, options);
            durations.push(started.elapsed().as_secs_f64() * 1e6);
            results
        })
        .collect()
}

fn count_alerted(runs: &[Vec<ScreenMatch>], threshold: f32) -> usize {
    runs.iter()
        .filter(|results| results.first().is_some_and(|r| r.score >= threshold))
        .count()
}

/// The best score among the expected entities in one row's results.
fn expected_score(
    screener: &Screener,
    expected: &[String],
    results: &[ScreenMatch],
) -> Option<f32> {
    results
        .iter()
        .find(|r| expected.contains(&screener.entity(r).id))
        .map(|r| r.score)
}

fn recall_at(
    screener: &Screener,
    expected: &[Vec<String>],
    runs: &[Vec<ScreenMatch>],
    threshold: f32,
) -> PositiveReport {
    let mut labelled = 0;
    let mut found = 0;
    let mut top_result = 0;
    for (wanted, results) in expected.iter().zip(runs) {
        if wanted.is_empty() {
            continue;
        }
        labelled += 1;
        if expected_score(screener, wanted, results).is_some_and(|s| s >= threshold) {
            found += 1;
        }
        if results
            .first()
            .is_some_and(|r| r.score >= threshold && wanted.contains(&screener.entity(r).id))
        {
            top_result += 1;
        }
    }
    PositiveReport {
        file: String::new(),
        rows: runs.len(),
        labelled,
        found,
        recall: ratio(found, labelled),
        top_result,
        missed: Vec::new(),
    }
}

fn misses(
    screener: &Screener,
    set: &LabelledSet,
    expected: &[Vec<String>],
    runs: &[Vec<ScreenMatch>],
    threshold: f32,
) -> Vec<Miss> {
    set.records
        .iter()
        .zip(expected)
        .zip(runs)
        .filter_map(|((record, wanted), results)| {
            let score = expected_score(screener, wanted, results).unwrap_or(0.0);
            (!wanted.is_empty() && score < threshold).then(|| Miss {
                line: record.line,
                name: record.query.name.clone(),
                expected: wanted.clone(),
                score,
            })
        })
        .take(LISTED_EXAMPLES)
        .collect()
}

fn negative_report(
    screener: &Screener,
    set: &LabelledSet,
    runs: &[Vec<ScreenMatch>],
    threshold: f32,
) -> NegativeReport {
    let mut worst: Vec<FalseAlert> = set
        .records
        .iter()
        .zip(runs)
        .filter_map(|(record, results)| {
            let top = results.first().filter(|r| r.score >= threshold)?;
            Some(FalseAlert {
                line: record.line,
                name: record.query.name.clone(),
                entity: screener.entity(top).id.clone(),
                matched_name: top.explanation.matched_name.clone(),
                score: top.score,
            })
        })
        .collect();
    let alerted = worst.len();
    worst.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.line.cmp(&b.line)));
    worst.truncate(LISTED_EXAMPLES);
    NegativeReport {
        file: set.label.clone(),
        rows: set.records.len(),
        alerted,
        alert_rate: ratio(alerted, set.records.len()),
        worst,
    }
}

fn timing(mut durations: Vec<f64>) -> Timing {
    durations.sort_by(f64::total_cmp);
    let at = |share: f64| -> f64 {
        if durations.is_empty() {
            return 0.0;
        }
        let index = ((durations.len() - 1) as f64 * share).round() as usize;
        durations[index]
    };
    Timing {
        queries: durations.len(),
        mean_us: if durations.is_empty() {
            0.0
        } else {
            durations.iter().sum::<f64>() / durations.len() as f64
        },
        median_us: at(0.5),
        p90_us: at(0.9),
        p99_us: at(0.99),
        max_us: durations.last().copied().unwrap_or(0.0),
    }
}

/// Compares the index with brute force on `sample` rows spread evenly over
/// the sets.
fn blocking_check(
    screener: &Screener,
    sets: &[&LabelledSet],
    sample: usize,
    threshold: f32,
) -> BlockingCheck {
    let all: Vec<&Query> = sets
        .iter()
        .flat_map(|set| set.records.iter().map(|r| &r.query))
        .collect();
    let step = (all.len() / sample.max(1)).max(1);
    let options = ScreenOptions {
        threshold,
        limit: usize::MAX,
    };
    let mut queries = 0;
    let mut exhaustive_matches = 0;
    let mut lost = 0;
    for query in all.iter().step_by(step).take(sample) {
        queries += 1;
        let indexed: Vec<u32> = screener
            .screen(query, &options)
            .iter()
            .map(|r| r.entity)
            .collect();
        for result in screener.screen_exhaustive(query, &options) {
            exhaustive_matches += 1;
            if !indexed.contains(&result.entity) {
                lost += 1;
                eprintln!(
                    "LOST {:?} -> {} {}",
                    query.name,
                    screener.entity(&result).id,
                    result.score
                );
            }
        }
    }
    BlockingCheck {
        queries,
        exhaustive_matches,
        lost,
        loss_rate: ratio(lost, exhaustive_matches),
    }
}

/// Finds the entities a positive row is expected to find.
struct ExpectedResolver<'a> {
    screener: &'a Screener,
    /// Name key → entity ids with a name of that key.
    by_name: HashMap<String, Vec<String>>,
}

/// A name reduced to its transliterated words, sorted: equal for the same
/// name in any order, case, punctuation or script.
fn name_key(name: &str) -> String {
    let latin = translit::to_latin(name);
    let mut words: Vec<&str> = latin.split_whitespace().collect();
    words.sort_unstable();
    words.join(" ")
}

impl<'a> ExpectedResolver<'a> {
    fn new(screener: &'a Screener, source: Option<&str>) -> ExpectedResolver<'a> {
        let mut by_name: HashMap<String, Vec<String>> = HashMap::new();
        for entity in screener.entities() {
            if source.is_some_and(|wanted| entity.source() != wanted) {
                continue;
            }
            for name in &entity.names {
                let ids = by_name.entry(name_key(&name.full)).or_default();
                if !ids.contains(&entity.id) {
                    ids.push(entity.id.clone());
                }
            }
        }
        ExpectedResolver { screener, by_name }
    }

    /// Expected entity ids per row of `set`: its `expected` column if
    /// given, else the entities named exactly by the reference row at the
    /// same position (or by the row itself without a reference).
    fn expected_for(&self, set: &LabelledSet, reference: Option<&[Record]>) -> Vec<Vec<String>> {
        set.records
            .iter()
            .enumerate()
            .map(|(at, record)| {
                if let Some(expected) = &record.expected {
                    let known = self.screener.entities().iter().any(|e| &e.id == expected);
                    return if known {
                        vec![expected.clone()]
                    } else {
                        Vec::new()
                    };
                }
                let name = match reference {
                    Some(reference) => reference.get(at).map_or("", |r| r.query.name.as_str()),
                    None => record.query.name.as_str(),
                };
                self.by_name
                    .get(&name_key(name))
                    .cloned()
                    .unwrap_or_default()
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Entity, Name, NameQuality, Schema};
    use crate::records::{ColumnMap, RecordReader};

    fn records(text: &str) -> Vec<Record> {
        RecordReader::new(text.as_bytes(), "t.csv", None, ColumnMap::default())
            .unwrap()
            .map(|r| r.unwrap().unwrap())
            .collect()
    }

    fn screener() -> Screener {
        let people = [
            ("u:1", "ABDULHAI SALEK"),
            ("u:2", "JANAN AGHA"),
            ("o:9", "SALEK, ABDULHAI"),
        ];
        let entities = people
            .iter()
            .map(|(id, name)| {
                Entity::new(*id, Schema::Person, Name::new(*name, NameQuality::Primary))
            })
            .collect();
        Screener::new(entities, Vec::new())
    }

    #[test]
    fn measures_recall_alerts_and_blocking() {
        let screener = screener();
        let clean = records("full_name\nABDULHAI SALEK\nJANAN AGHA\nNOBODY KNOWN\n");
        let perturbed = records("full_name\nSALEK ABDULHAY\nJANAN AGHAA\nNOBODY KNOWN\n");
        let negatives = records("full_name\nJohn Smith\nJanan Agha\n");
        let settings = EvaluationSettings {
            threshold: 0.7,
            expected_source: Some("u".into()),
            blocking_sample: 10,
        };
        let report = evaluate(
            &screener,
            &[
                LabelledSet {
                    label: "clean".into(),
                    records: clean.clone(),
                },
                LabelledSet {
                    label: "perturbed".into(),
                    records: perturbed,
                },
            ],
            &[LabelledSet {
                label: "neg".into(),
                records: negatives,
            }],
            Some(&clean),
            &settings,
        );
        assert_eq!(
            report.positives[0].labelled, 2,
            "the third row names nobody listed"
        );
        assert_eq!(report.positives[0].found, 2);
        assert_eq!(
            report.positives[1].labelled, 2,
            "labels come from the clean file"
        );
        assert_eq!(report.positives[1].found, 2);
        assert_eq!(report.negatives[0].alerted, 1);
        assert_eq!(report.negatives[0].worst[0].entity, "u:2");
        assert_eq!(report.negative_alert_rate, 0.5);
        assert_eq!(report.sweep.len(), sweep_thresholds().len());
        assert_eq!(report.timing.queries, 8);
        let blocking = report.blocking.clone().unwrap();
        assert_eq!(blocking.lost, 0);
        assert!(blocking.exhaustive_matches >= 4);
        let chart = sweep_chart(&report);
        assert!(chart.starts_with("<svg") && chart.contains("recall: perturbed"));
    }
}
