//! `embargo evaluate`: model validation on labelled sets (the pairs mode
//! is in [`super::evaluate_pairs`]).

use std::fs::File;
use std::path::Path;

use anyhow::{Context, Result, bail};
use embargo_core::evaluation::{
    EvaluationReport, EvaluationSettings, LabelledSet, evaluate, sweep_chart,
};
use embargo_core::records::{ColumnMap, Record, RecordReader};

use crate::Outcome;
use crate::cli::{EvaluateArgs, GlobalArgs};
use crate::commands::evaluate_pairs;
use crate::context::{ScreeningLists, screening_lists};
use crate::flags;
use crate::outln;
use crate::output::{Format, print_report as print_json_report, table, thousands};

/// Runs `embargo evaluate`.
pub fn run(global: &GlobalArgs, args: EvaluateArgs) -> Result<Outcome> {
    let threshold = flags::threshold(args.threshold)?;
    let format = global.report_format("evaluate")?;
    if let Some(pairs) = &args.pairs {
        let misses = args.misses.unwrap_or(0);
        let options = evaluate_pairs::PairsOptions {
            threshold,
            misses,
            strict: args.strict,
            features: args.features.as_deref(),
            format,
        };
        return evaluate_pairs::run(global, pairs, &options);
    }
    if args.positives.is_empty() && args.negatives.is_empty() {
        bail!(
            "nothing to evaluate: give --positives FILE and/or --negatives FILE, or --pairs FILE"
        );
    }
    let positives = read_sets(&args.positives, args.sample)?;
    let negatives = read_sets(&args.negatives, args.sample)?;
    let reference = match &args.reference {
        Some(path) => Some(read_set(path, None)?.records),
        None => None,
    };
    let ScreeningLists { loaded, .. } = screening_lists(global)?;
    let settings = EvaluationSettings {
        threshold,
        expected_source: args.expected_source.clone(),
        blocking_sample: args.check_blocking,
    };
    let report = evaluate(
        &loaded.screener,
        &positives,
        &negatives,
        reference.as_deref(),
        &settings,
    );
    if let Some(chart) = &args.chart {
        std::fs::write(chart, sweep_chart(&report))
            .with_context(|| format!("writing {}", chart.display()))?;
    }
    if format == Format::Table {
        print_report(&report)?;
    } else {
        print_json_report(&report, format)?;
    }
    Ok(Outcome::Success)
}

fn read_sets(paths: &[std::path::PathBuf], sample: Option<usize>) -> Result<Vec<LabelledSet>> {
    paths.iter().map(|path| read_set(path, sample)).collect()
}

/// Reads a labelled file; malformed rows are reported and skipped.
fn read_set(path: &Path, sample: Option<usize>) -> Result<LabelledSet> {
    let label = path.display().to_string();
    let file = File::open(path).with_context(|| format!("opening {label}"))?;
    let reader = RecordReader::new(file, &label, None, ColumnMap::default())?;
    let mut records: Vec<Record> = Vec::new();
    for item in reader {
        match item? {
            Ok(record) => records.push(record),
            Err(row) => embargo_core::errln!("{label}: skipped {row}"),
        }
        if sample.is_some_and(|limit| records.len() >= limit) {
            break;
        }
    }
    Ok(LabelledSet { label, records })
}

fn percent(value: f32) -> String {
    format!("{:.2}%", value * 100.0)
}

fn print_report(report: &EvaluationReport) -> Result<()> {
    let lists: Vec<String> = report
        .lists
        .iter()
        .map(|l| format!("{} {}", l.source, l.version))
        .collect();
    outln!("lists: {}", lists.join(", "))?;
    outln!("threshold: {:.2}\n", report.threshold)?;
    if !report.positives.is_empty() {
        let mut out = table(&[
            "positives",
            "rows",
            "labelled",
            "found",
            "recall",
            "top result",
        ]);
        for p in &report.positives {
            out.add_row(vec![
                p.file.clone(),
                thousands(p.rows),
                thousands(p.labelled),
                thousands(p.found),
                percent(p.recall),
                thousands(p.top_result),
            ]);
        }
        outln!("{out}")?;
        for p in &report.positives {
            for miss in &p.missed {
                outln!(
                    "  missed {}:{} {:?} (expected {}, best score {:.2})",
                    p.file,
                    miss.line,
                    miss.name,
                    miss.expected.join("/"),
                    miss.score
                )?;
            }
        }
    }
    if !report.negatives.is_empty() {
        let mut out = table(&["negatives", "rows", "alerted", "false-alert rate"]);
        for n in &report.negatives {
            out.add_row(vec![
                n.file.clone(),
                thousands(n.rows),
                thousands(n.alerted),
                percent(n.alert_rate),
            ]);
        }
        outln!("{out}")?;
        outln!(
            "all negatives: {} rows alerted\n",
            percent(report.negative_alert_rate)
        )?;
        for n in &report.negatives {
            for alert in n.worst.iter().take(10) {
                outln!(
                    "  false alert {}:{} {:?} -> {} {:?} ({:.2})",
                    n.file,
                    alert.line,
                    alert.name,
                    alert.entity,
                    alert.matched_name,
                    alert.score
                )?;
            }
        }
    }
    let mut header = vec!["threshold".to_string()];
    header.extend(
        report
            .positives
            .iter()
            .map(|p| format!("recall {}", short(&p.file))),
    );
    header.push("false-alert rate".to_string());
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let mut sweep = table(&header);
    for row in &report.sweep {
        let mut cells = vec![format!("{:.2}", row.threshold)];
        cells.extend(row.recall.iter().map(|r| percent(*r)));
        cells.push(percent(row.alert_rate));
        sweep.add_row(cells);
    }
    outln!("\n{sweep}")?;
    let t = &report.timing;
    outln!(
        "\nper query ({} queries, one thread): median {:.0} µs, p90 {:.0} µs, p99 {:.0} µs, max {:.0} µs, mean {:.0} µs",
        thousands(t.queries),
        t.median_us,
        t.p90_us,
        t.p99_us,
        t.max_us,
        t.mean_us
    )?;
    if let Some(b) = &report.blocking {
        outln!(
            "index vs brute force on {} queries: {} matches by brute force, {} lost by the index ({})",
            thousands(b.queries),
            thousands(b.exhaustive_matches),
            thousands(b.lost),
            percent(b.loss_rate)
        )?;
    }
    Ok(())
}

fn short(file: &str) -> &str {
    Path::new(file)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(file)
}
