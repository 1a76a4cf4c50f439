//! `embargo evaluate --pairs FILE`: the matcher measured on labelled name
//! pairs, each query name scored against one listed name with the word
//! statistics of the lists in the store.

use std::fs::File;
use std::path::Path;

use anyhow::{Context, Result, bail};
use embargo_core::evaluation::features::write_features;
use embargo_core::evaluation::metrics::{GroupMetrics, ThresholdMetrics};
use embargo_core::evaluation::pairs::{
    PairRowError, PairsReport, PairsSettings, ScoredPair, evaluate_pairs, read_pairs,
};
use embargo_core::matching::ListVersion;
use serde::Serialize;

use crate::Outcome;
use crate::cli::GlobalArgs;
use crate::context::{ScreeningLists, screening_lists};
use crate::outln;
use crate::output::{Format, print_report as print_json_report, table, thousands};

/// What `--json` prints.
#[derive(Serialize)]
struct PairsOutput<'a> {
    /// The pairs file.
    file: String,
    /// Lists whose word statistics the scores used.
    lists: &'a [ListVersion],
    /// Malformed rows skipped.
    skipped: &'a [PairRowError],
    /// The measures.
    #[serde(flatten)]
    report: &'a PairsReport,
}

/// What `embargo evaluate --pairs` was asked for.
pub struct PairsOptions<'a> {
    /// The threshold the measures are taken at.
    pub threshold: f32,
    /// How many misses of each kind to list.
    pub misses: usize,
    /// Stop at the first malformed row.
    pub strict: bool,
    /// Where to write each pair's evidence, if anywhere.
    pub features: Option<&'a Path>,
    /// The output format.
    pub format: Format,
}

/// Runs the pairs mode of `embargo evaluate`.
pub fn run(global: &GlobalArgs, path: &Path, options: &PairsOptions) -> Result<Outcome> {
    let PairsOptions {
        threshold,
        misses,
        strict,
        features,
        format,
    } = *options;
    let label = path.display().to_string();
    let file = File::open(path).with_context(|| format!("opening {label}"))?;
    let pairs = read_pairs(file, &label, strict)?;
    for row in &pairs.skipped {
        embargo_core::errln!("{label}: skipped {row}");
    }
    if pairs.pairs.is_empty() {
        bail!("{label}: no pairs to evaluate");
    }
    let ScreeningLists { loaded, .. } = screening_lists(global)?;
    let screener = &loaded.screener;
    if let Some(out) = features {
        let shown = out.display();
        let file = File::create(out).with_context(|| format!("creating {shown}"))?;
        write_features(
            &pairs.pairs,
            |pair| screener.compare_names_coverage(&pair.name1, &pair.name2, pair.schema),
            std::io::BufWriter::new(file),
        )
        .with_context(|| format!("writing {shown}"))?;
    }
    let settings = PairsSettings { threshold, misses };
    let mut report = evaluate_pairs(&pairs.pairs, &settings, |pair| {
        screener.compare_names(&pair.name1, &pair.name2, pair.schema)
    });
    for miss in report
        .false_negatives
        .iter_mut()
        .chain(report.false_positives.iter_mut())
    {
        miss.why = screener
            .explain_names(&miss.name1, &miss.name2, miss.schema)
            .map(|alignment| alignment.summary());
    }
    if format != Format::Table {
        print_json_report(
            &PairsOutput {
                file: label,
                lists: screener.lists(),
                skipped: &pairs.skipped,
                report: &report,
            },
            format,
        )?;
    } else {
        let lists: Vec<String> = screener
            .lists()
            .iter()
            .map(|l| format!("{} {}", l.source, l.version))
            .collect();
        outln!("lists: {}", lists.join(", "))?;
        outln!(
            "pairs: {label} ({} read, {} skipped)",
            thousands(pairs.pairs.len()),
            thousands(pairs.skipped.len())
        )?;
        print_report(&report)?;
    }
    Ok(Outcome::Success)
}

/// A share with three decimals, or `-` when undefined.
fn rate(value: Option<f64>) -> String {
    value.map_or_else(|| "-".to_string(), |v| format!("{v:.3}"))
}

fn group_row(group: &GroupMetrics) -> Vec<String> {
    let at: &ThresholdMetrics = &group.at_threshold;
    let best = group.best_f1.as_ref();
    vec![
        group.group.clone(),
        thousands(group.pairs),
        thousands(group.positives),
        thousands(group.negatives),
        rate(at.precision),
        rate(at.recall),
        rate(at.f1),
        rate(at.accuracy),
        best.map_or_else(|| "-".to_string(), |b| format!("{:.3}", b.threshold)),
        rate(best.and_then(|b| b.precision)),
        rate(best.and_then(|b| b.recall)),
        rate(best.and_then(|b| b.f1)),
        rate(group.roc_auc),
    ]
}

fn print_report(report: &PairsReport) -> Result<()> {
    outln!(
        "threshold: {:.2} (P precision, R recall, acc accuracy there; best F1 over all \
         thresholds; AUC: ROC area, exact)\n",
        report.threshold
    )?;
    let mut out = table(&[
        "group",
        "pairs",
        "match",
        "non",
        "P",
        "R",
        "F1",
        "acc",
        "best-F1 at",
        "P there",
        "R there",
        "best F1",
        "AUC",
    ]);
    for group in &report.groups {
        out.add_row(group_row(group));
    }
    out.add_row(group_row(&report.overall));
    outln!("{out}")?;
    print_misses(
        &format!(
            "worst false negatives (matches scored below {:.2})",
            report.threshold
        ),
        &report.false_negatives,
    )?;
    print_misses(
        &format!(
            "worst false positives (non-matches scored {:.2} or more)",
            report.threshold
        ),
        &report.false_positives,
    )?;
    Ok(())
}

fn print_misses(title: &str, pairs: &[ScoredPair]) -> Result<()> {
    if pairs.is_empty() {
        return Ok(());
    }
    outln!("\n{title}:")?;
    for pair in pairs {
        let schema = pair.schema.map_or("any", |s| s.as_str());
        outln!(
            "  {:.3}  line {} [{}] {:?} vs {:?} ({schema})",
            pair.score,
            pair.line,
            pair.group,
            pair.name1,
            pair.name2
        )?;
        if let Some(why) = &pair.why {
            outln!("         {why}")?;
        }
    }
    Ok(())
}
