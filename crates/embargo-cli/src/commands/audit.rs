//! `embargo audit`: export the append-only audit log (screenings, imports,
//! portfolio changes, decisions), all of it or from a date on.

use anyhow::{Context, Result, anyhow};
use chrono::{DateTime, Utc};
use embargo_store::AuditEntry;

use crate::Outcome;
use crate::cli::{AuditArgs, GlobalArgs};
use crate::context::open_store;
use crate::outln;
use crate::output::{Format, print_records, time};

/// Runs `embargo audit`.
pub fn run(global: &GlobalArgs, args: AuditArgs) -> Result<Outcome> {
    let since = args.since.as_deref().map(parse_since).transpose()?;
    let format = global.output_format(Format::Tsv);
    let store = open_store(global)?;
    let entries = store.audit(since).context("reading the audit log")?;
    if format == Format::Table && entries.is_empty() {
        outln!("the audit log is empty")?;
    } else {
        print_entries(&entries, format)?;
    }
    Ok(Outcome::Success)
}

/// `2026-01-31` (midnight UTC) or an RFC 3339 time.
fn parse_since(text: &str) -> Result<DateTime<Utc>> {
    embargo_store::parse_since(text).map_err(|message| anyhow!("--since {message}"))
}

/// The entries as records: in CSV and TSV the details are one JSON text.
fn print_entries(entries: &[AuditEntry], format: Format) -> Result<()> {
    let header: &[&str] = if format == Format::Table {
        &["#", "time (UTC)", "kind", "by", "what"]
    } else {
        &["id", "at", "kind", "actor", "summary", "detail"]
    };
    print_records(format, entries, header, |entry| {
        let mut row = vec![
            entry.id.to_string(),
            time(&entry.at, format),
            entry.kind.clone(),
            entry.actor.clone(),
            entry.summary.clone(),
        ];
        if format != Format::Table {
            row.push(entry.detail.to_string());
        }
        row
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The forms accepted are the store's (tested there); the command
    /// passes them through and names its option in the error.
    #[test]
    fn since_passes_the_store_forms_and_names_the_option() {
        assert_eq!(
            parse_since("2026-01-31T09:30:00+01:00")
                .unwrap()
                .to_rfc3339(),
            "2026-01-31T08:30:00+00:00"
        );
        let message = parse_since("yesterday").unwrap_err().to_string();
        assert!(
            message.starts_with("--since ") && message.contains("yesterday"),
            "{message}"
        );
    }
}
