//! `embargo activate SOURCE VERSION`: make another stored version of a
//! list the active one, to roll back to an earlier publication or forward
//! again, entered in the audit log with who did it and why; then the
//! monitored portfolios are screened against it.

use anyhow::{Context, Result};
use embargo_store::{ActivationReport, VersionInfo, VersionSelector};
use serde::Serialize;

use crate::Outcome;
use crate::cli::{ActivateArgs, GlobalArgs};
use crate::commands::import::rescreen;
use crate::context::{actor, open_store};
use crate::outln;
use crate::output::{Format, print_report};

/// The outcome as printed with `--json`.
#[derive(Serialize)]
struct ActivateOutput {
    source: String,
    version: String,
    published: String,
    published_from: String,
    previous: String,
    changed: bool,
    rollback: bool,
    by: String,
}

/// Runs `embargo activate`.
pub fn run(global: &GlobalArgs, args: ActivateArgs) -> Result<Outcome> {
    let format = global.report_format("activate")?;
    let selector: VersionSelector = args.version.parse()?;
    let mut store = open_store(global)?;
    let by = actor(args.by.as_deref());
    let report = store
        .activate(&args.source, &selector, &by, args.note.as_deref())
        .with_context(|| format!("activating {} {}", args.source, args.version))?;
    if report.changed() && args.by.is_none() {
        embargo_core::errln!(
            "embargo: note: activation recorded as made by {by:?}, the operating-system user; pass --by NAME to name someone else"
        );
    }
    if format == Format::Table {
        print_outcome(&report, &by)?;
    } else {
        print_report(&output(&report, &by), format)?;
    }
    if report.changed() {
        rescreen(&mut store, format)?;
    }
    Ok(Outcome::Success)
}

fn output(report: &ActivationReport, by: &str) -> ActivateOutput {
    ActivateOutput {
        source: report.version.source_id.clone(),
        version: report.version.label(),
        published: report.version.publication.at.to_string(),
        published_from: report.version.publication.origin.to_string(),
        previous: report.previous.label(),
        changed: report.changed(),
        rollback: report.is_rollback(),
        by: by.to_string(),
    }
}

/// `v2 (published 2023-05-19, stated in the files)`.
fn describe(version: &VersionInfo) -> String {
    format!(
        "{} (published {}, {})",
        version.label(),
        version.publication.at.day(),
        version.publication.origin.describe()
    )
}

fn print_outcome(report: &ActivationReport, by: &str) -> Result<()> {
    let source = &report.version.source_id;
    if !report.changed() {
        outln!(
            "{source}: {} is already the active version; nothing changed",
            describe(&report.version)
        )?;
        return Ok(());
    }
    let what = if report.is_rollback() {
        "rolled back to an older publication"
    } else {
        "activated"
    };
    outln!(
        "{source}: {what}: {} is now active, replacing {} (by {by}, in the audit log)",
        describe(&report.version),
        describe(&report.previous)
    )?;
    Ok(())
}
