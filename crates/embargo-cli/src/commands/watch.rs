//! `embargo watch`: monitored portfolios. `add` stores records, `run`
//! screens them against the active lists and raises alerts for new or
//! changed matches, `list` shows the portfolios. `embargo import` runs the
//! portfolios itself after storing a new list version.

use std::collections::HashSet;
use std::fs::File;

use anyhow::{Context, Result, bail};
use embargo_core::records::{ColumnMap, RecordReader, RowError};
use embargo_store::{PortfolioRecord, RunReport, RunTrigger, Store};

use crate::Outcome;
use crate::cli::{GlobalArgs, WatchAddArgs, WatchArgs, WatchCommand, WatchListArgs, WatchRunArgs};
use crate::context::{actor, open_store};
use crate::flags::screen_options;
use crate::outln;
use crate::output::{Format, print_records, print_report, thousands, time};

/// Bad rows listed before the rest are only counted.
const SHOWN_ROW_ERRORS: usize = 10;

/// Runs `embargo watch`.
pub fn run(global: &GlobalArgs, args: WatchArgs) -> Result<Outcome> {
    match args.command {
        WatchCommand::Add(args) => add(global, args),
        WatchCommand::Run(args) => run_now(global, args),
        WatchCommand::List(args) => list(global, args),
    }
}

/// `embargo watch add`.
fn add(global: &GlobalArgs, args: WatchAddArgs) -> Result<Outcome> {
    let format = global.report_format("watch add")?;
    let records = read_records(&args)?;
    let mut store = open_store(global)?;
    let outcome = store
        .add_records(&args.name, &records, &actor(None))
        .with_context(|| format!("adding records to portfolio {}", args.name))?;
    if format == Format::Table {
        outln!(
            "portfolio {}: {} added, {} updated, {} unchanged",
            args.name,
            thousands(outcome.added),
            thousands(outcome.updated),
            thousands(outcome.unchanged)
        )?;
    } else {
        print_report(&outcome, format)?;
    }
    Ok(Outcome::Success)
}

/// Reads every record of `--input`. Malformed rows and references given
/// twice are errors unless `--skip-invalid` says to leave them out.
fn read_records(args: &WatchAddArgs) -> Result<Vec<PortfolioRecord>> {
    let label = args.input.display().to_string();
    let columns = ColumnMap::parse(args.columns.as_deref().unwrap_or_default())?;
    let file = File::open(&args.input).with_context(|| format!("opening {label}"))?;
    let reader = RecordReader::new(file, &label, None, columns)?;
    let mut records = Vec::new();
    let mut bad: Vec<RowError> = Vec::new();
    let mut seen = HashSet::new();
    for item in reader {
        match item? {
            Ok(record) if !seen.insert(record.reference.clone()) => bad.push(RowError {
                line: record.line,
                row: record.row,
                message: format!("reference {:?} appears twice in the file", record.reference),
                raw: String::new(),
            }),
            Ok(record) => records.push(PortfolioRecord {
                reference: record.reference,
                query: record.query,
            }),
            Err(row) => bad.push(row),
        }
    }
    report_bad_rows(&label, &bad, args.skip_invalid)?;
    Ok(records)
}

/// Lists the bad rows on standard error; fails unless they may be skipped.
fn report_bad_rows(label: &str, bad: &[RowError], skip: bool) -> Result<()> {
    for row in bad.iter().take(SHOWN_ROW_ERRORS) {
        embargo_core::errln!("{label}: {row}");
    }
    if bad.len() > SHOWN_ROW_ERRORS {
        embargo_core::errln!(
            "{label}: … and {} more bad rows",
            bad.len() - SHOWN_ROW_ERRORS
        );
    }
    if !bad.is_empty() && !skip {
        bail!(
            "{label}: {} bad row(s); nothing was stored (fix them, or pass --skip-invalid to store the others)",
            bad.len()
        );
    }
    Ok(())
}

/// `embargo watch run`.
fn run_now(global: &GlobalArgs, args: WatchRunArgs) -> Result<Outcome> {
    let options = screen_options(args.threshold, None)?;
    let format = global.report_format("watch run")?;
    let mut store = open_store(global)?;
    // One run at a time across every process sharing a PostgreSQL store.
    let _only_run = store.lock_job("watch run")?;
    let reports = store
        .monitor(
            args.name.as_deref(),
            RunTrigger::Manual,
            &options,
            &actor(None),
        )
        .context("monitoring run")?;
    if format != Format::Table {
        print_report(&reports, format)?;
    } else if reports.is_empty() {
        outln!("no portfolio to run; add one with `embargo watch add --name NAME --input FILE`")?;
    } else {
        print_runs(&reports)?;
    }
    Ok(Outcome::Success)
}

/// Re-screens every portfolio after an import; `None` when there is none.
pub fn rescreen_after_import(store: &mut Store) -> Result<Option<Vec<RunReport>>> {
    if store.portfolios()?.is_empty() {
        return Ok(None);
    }
    let options = screen_options(None, None)?;
    let reports = store
        .monitor(None, RunTrigger::Import, &options, &actor(None))
        .context("re-screening portfolios after the import")?;
    Ok(Some(reports))
}

/// One line per run: records, matches, new alerts.
pub fn print_runs(reports: &[RunReport]) -> Result<()> {
    for report in reports {
        outln!(
            "portfolio {}: run {} screened {} records, {} matches, {} new alert(s)",
            report.portfolio,
            report.run_id,
            thousands(report.records),
            thousands(report.matches),
            report.new_alerts.len()
        )?;
    }
    if reports.iter().any(|report| !report.new_alerts.is_empty()) {
        outln!("review them with `embargo alerts --status open`")?;
    }
    Ok(())
}

/// `embargo watch list`.
fn list(global: &GlobalArgs, _args: WatchListArgs) -> Result<Outcome> {
    let format = global.output_format(Format::Tsv);
    let store = open_store(global)?;
    let portfolios = store.portfolios()?;
    if format == Format::Table && portfolios.is_empty() {
        outln!("no portfolio; add one with `embargo watch add --name NAME --input FILE`")?;
        return Ok(Outcome::Success);
    }
    let header: &[&str] = if format == Format::Table {
        &["portfolio", "records", "alerts", "last run", "created"]
    } else {
        &["name", "records", "alerts", "last_run", "created_at"]
    };
    print_records(format, &portfolios, header, |portfolio| {
        let count = |n: usize| {
            if format == Format::Table {
                thousands(n)
            } else {
                n.to_string()
            }
        };
        let never = if format == Format::Table { "never" } else { "" };
        vec![
            portfolio.name.clone(),
            count(portfolio.records),
            count(portfolio.alerts),
            portfolio
                .last_run
                .map_or_else(|| never.to_string(), |at| time(&at, format)),
            time(&portfolio.created_at, format),
        ]
    })?;
    Ok(Outcome::Success)
}
