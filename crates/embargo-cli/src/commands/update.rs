//! `embargo update`: download the official lists, verify them and activate
//! each changed one as a new version, then screen the monitored portfolios
//! again when a list changed; `--offline` shows the stored state.
//!
//! Exit status 0 when every requested source is current or was updated,
//! 2 (with each failure's reason) when any failed or a download was not
//! activated (an older publication than the active version); the
//! previous version of such a source stays active. The store is created
//! when missing (not its folder, unless it is the default location).

use anyhow::{Context, Result, bail};
use chrono::{DateTime, Utc};
use embargo_update::{SourceReport, Status, UpdateConfig, UpdateOptions, UpdateReport};

use crate::Outcome;
use crate::cli::{GlobalArgs, UpdateArgs};
use crate::commands::import;
use crate::context::{open_or_create_store, open_store};
use crate::outln;
use crate::output::{Format, print_report, thousands};

/// Runs `embargo update`.
pub fn run(global: &GlobalArgs, args: UpdateArgs) -> Result<Outcome> {
    let format = global.report_format("update")?;
    let config = UpdateConfig::load(args.config.as_deref())?;
    // Only a real update creates the store; --offline only looks.
    let mut store = if args.offline {
        open_store(global)?
    } else {
        open_or_create_store(global)?
    };
    let options = UpdateOptions {
        sources: args.sources,
        offline: args.offline,
        force: args.force,
        progress: format == Format::Table,
    };
    let report =
        embargo_update::update(&mut store, &config, &options).context("updating the lists")?;
    if format == Format::Table {
        let now = Utc::now();
        for source in &report.sources {
            print_source(source, now)?;
        }
    } else {
        print_report(&report, format)?;
    }
    if report.changed() {
        // A list change screens the monitored portfolios again, as an
        // import does.
        import::rescreen(&mut store, format)?;
    }
    fail_unless_all_ok(&report)
}

/// Success, or an error naming the sources that failed.
fn fail_unless_all_ok(report: &UpdateReport) -> Result<Outcome> {
    let failed: Vec<&str> = report
        .failures()
        .map(|source| source.source.as_str())
        .collect();
    if failed.is_empty() {
        return Ok(Outcome::Success);
    }
    bail!(
        "{} of {} lists could not be updated ({}); their previous versions stay active",
        failed.len(),
        report.sources.len(),
        failed.join(", ")
    )
}

/// One source's lines of the report.
fn print_source(source: &SourceReport, now: DateTime<Utc>) -> Result<()> {
    let active = describe_active(source);
    match source.status {
        Status::Updated => {
            let replaced = source
                .replaced
                .as_ref()
                .map(|label| format!(", replacing {label}"))
                .unwrap_or_default();
            outln!(
                "{}: updated: {active}{replaced} ({} downloaded)",
                source.source,
                megabytes(source.downloaded_bytes)
            )?;
        }
        Status::NotModified => outln!("{}: up to date (not modified): {active}", source.source)?,
        Status::SameContent => outln!(
            "{}: up to date (same content as the active version): {active}",
            source.source
        )?,
        Status::NotActivated => {
            outln!(
                "{}: NOT ACTIVATED: {}",
                source.source,
                source
                    .reason
                    .as_deref()
                    .unwrap_or("older than the active version")
            )?;
            outln!("  still active: {active}")?;
        }
        Status::Failed => {
            outln!(
                "{}: FAILED: {}",
                source.source,
                source.reason.as_deref().unwrap_or("unknown reason")
            )?;
            outln!("  still active: {active}")?;
        }
        Status::Offline => {
            outln!("{}: {active}", source.source)?;
            print_history(source, now)?;
        }
    }
    for notice in &source.notices {
        outln!("  note: {notice}")?;
    }
    Ok(())
}

/// `v3, 14,965 entities, published 2026-11-23`.
fn describe_active(source: &SourceReport) -> String {
    match &source.active {
        Some(active) => {
            let published = active
                .published
                .as_ref()
                .map(|date| format!(", published {date}"))
                .unwrap_or_default();
            format!(
                "{}, {} entities{published}",
                active.version,
                thousands(active.entities)
            )
        }
        None => "no version imported".to_string(),
    }
}

/// Last attempt, last success (with its age) and last error.
fn print_history(source: &SourceReport, now: DateTime<Utc>) -> Result<()> {
    let when = |at: Option<DateTime<Utc>>| match at {
        Some(at) => format!(
            "{} ({} ago)",
            at.format("%Y-%m-%d %H:%M UTC"),
            age((now - at).num_seconds())
        ),
        None => "never".to_string(),
    };
    outln!("  last attempt: {}", when(source.last_attempt))?;
    outln!("  last success: {}", when(source.last_success))?;
    if let Some(error) = &source.last_error {
        outln!("  last error: {error}")?;
    }
    Ok(())
}

/// `3 h`, `2 d`, `45 s`.
fn age(seconds: i64) -> String {
    if seconds < 120 {
        format!("{} s", seconds.max(0))
    } else if seconds < 7200 {
        format!("{} min", seconds / 60)
    } else if seconds < 172_800 {
        format!("{} h", seconds / 3600)
    } else {
        format!("{} d", seconds / 86_400)
    }
}

/// Bytes as `5.1 MB`.
fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1_000_000.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_read_naturally() {
        assert_eq!(age(45), "45 s");
        assert_eq!(age(600), "10 min");
        assert_eq!(age(3 * 3600), "3 h");
        assert_eq!(age(5 * 86_400), "5 d");
    }
}
