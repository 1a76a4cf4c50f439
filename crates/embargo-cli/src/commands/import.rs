//! `embargo import`: files in, new versions out; then the monitored
//! portfolios are screened against the new versions.

use std::time::Instant;

use anyhow::{Context, Result, bail};
use embargo_core::sources::{self, ListFiles, SourceFormat};
use embargo_store::{ImportChecks, ImportOutcome, ImportRequest, Store};
use serde::Serialize;

use crate::Outcome;
use crate::cli::{GlobalArgs, ImportArgs};
use crate::commands::watch;
use crate::context::open_store;
use crate::output::{print_json, thousands};

/// What happened to one publication.
#[derive(Debug, Serialize)]
struct ImportReport {
    source: String,
    version: String,
    imported: bool,
    entities: usize,
    published: Option<String>,
    content_hash: String,
    seconds: f64,
    notices: Vec<String>,
}

/// Runs `embargo import`.
pub fn run(global: &GlobalArgs, args: ImportArgs) -> Result<Outcome> {
    let sets = file_sets(&args)?;
    if args.name.is_some() && sets.len() > 1 {
        bail!(
            "--name names one source, but the paths hold {} publications; import them one at a time",
            sets.len()
        );
    }
    let mut store = open_store(global)?;
    let mut reports = Vec::new();
    for files in &sets {
        let source_id = match &args.name {
            Some(name) => name.clone(),
            None => files.format.default_source_id(files.primary()),
        };
        let checks = ImportChecks {
            force: args.force,
            ..ImportChecks::default()
        };
        let report = import_one(&mut store, files, &source_id, checks)?;
        if !args.json {
            print_report(&report);
        }
        reports.push(report);
    }
    if args.json {
        print_json(&reports)?;
    }
    if reports.iter().any(|report| report.imported) {
        rescreen(&mut store, args.json)?;
    }
    Ok(Outcome::Success)
}

/// Re-screens the monitored portfolios against the new versions and says
/// how many alerts that raised (on standard error with `--json`, whose
/// output stays the import reports).
fn rescreen(store: &mut Store, json: bool) -> Result<()> {
    let Some(runs) = watch::rescreen_after_import(store)? else {
        return Ok(());
    };
    if json {
        let new_alerts: usize = runs.iter().map(|run| run.new_alerts.len()).sum();
        eprintln!("monitoring: {new_alerts} new alert(s)");
    } else {
        watch::print_runs(&runs);
    }
    Ok(())
}

/// Groups the paths into publications: by the stated format, or detected.
fn file_sets(args: &ImportArgs) -> Result<Vec<ListFiles>> {
    match &args.source {
        Some(kind) => {
            let format = SourceFormat::parse(kind).with_context(|| {
                let known: Vec<&str> = SourceFormat::ALL.iter().map(|f| f.name()).collect();
                format!(
                    "--source {kind:?} is not a known format ({})",
                    known.join(", ")
                )
            })?;
            Ok(vec![sources::assemble(format, &args.paths)?])
        }
        None => Ok(sources::detect(&args.paths)?),
    }
}

fn import_one(
    store: &mut Store,
    files: &ListFiles,
    source_id: &str,
    checks: ImportChecks,
) -> Result<ImportReport> {
    let started = Instant::now();
    let request = ImportRequest { source_id, files };
    let outcome = store
        .import_with(request, checks, |sink| {
            sources::parse(files, source_id, sink)
        })
        .with_context(|| format!("importing {} as {source_id}", files.primary().display()))?;
    let (imported, notices) = match &outcome {
        ImportOutcome::Imported { notices, .. } => (true, notices.clone()),
        ImportOutcome::Unchanged { .. } => (false, Vec::new()),
    };
    let version = outcome.version();
    Ok(ImportReport {
        source: version.source_id.clone(),
        version: version.label(),
        imported,
        entities: version.entity_count,
        published: version.published.map(|date| date.to_string()),
        content_hash: version.content_hash.clone(),
        seconds: started.elapsed().as_secs_f64(),
        notices,
    })
}

fn print_report(report: &ImportReport) {
    let published = report
        .published
        .as_ref()
        .map(|date| format!(", published {date}"))
        .unwrap_or_default();
    if report.imported {
        println!(
            "{} {}: imported {} entities{published} in {:.2} s",
            report.source,
            report.version,
            thousands(report.entities),
            report.seconds
        );
    } else {
        println!(
            "{} {}: unchanged, same content as the stored version ({} entities{published}); nothing imported",
            report.source,
            report.version,
            thousands(report.entities)
        );
    }
    for notice in &report.notices {
        println!("  note: {notice}");
    }
}
