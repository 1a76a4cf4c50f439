//! The append-only audit log: every screening (single name, batch file,
//! API call, monitoring run), every import, every deliberate change of a
//! list's active version, every analyst decision and
//! every change to a monitored portfolio, with its time, who did it and
//! what it concerned.
//!
//! Rows are only ever inserted: the schema's triggers refuse any update or
//! delete of `audit_log`, and this module offers no way to ask for one.
//! An entry belonging to another write (an import, a run, a decision) is
//! appended inside that write's transaction, so the two are committed
//! together or not at all.

use crate::db::{Db, params};
use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use embargo_core::matching::ListVersion;
use serde::Serialize;
use serde_json::{Value, json};

use crate::clock::{parse_timestamp, timestamp_now};
use crate::{Store, StoreError};

/// Version of the screening engine recorded with every screening.
pub const ENGINE_VERSION: &str = env!("CARGO_PKG_VERSION");

/// What an audit entry records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AuditKind {
    /// A screening of one name, a batch, an API request or a monitoring run.
    Screening,
    /// A new version of a list.
    Import,
    /// A version of a list made active on purpose (`embargo activate`).
    Activation,
    /// An analyst's decision on an alert.
    Decision,
    /// Records added to or updated in a monitored portfolio.
    Portfolio,
    /// An API key created or revoked.
    Key,
}

impl AuditKind {
    /// The kind as stored and printed (`screening`, `import`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            AuditKind::Screening => "screening",
            AuditKind::Import => "import",
            AuditKind::Activation => "activation",
            AuditKind::Decision => "decision",
            AuditKind::Portfolio => "portfolio",
            AuditKind::Key => "key",
        }
    }
}

/// How a screening was asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ScreeningChannel {
    /// `embargo screen NAME`.
    Single,
    /// A file of records.
    Batch,
    /// A request to the HTTP API.
    Api,
    /// A monitoring run over a portfolio.
    Monitoring,
}

impl ScreeningChannel {
    /// The channel as stored and printed (`single`, `batch`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            ScreeningChannel::Single => "single",
            ScreeningChannel::Batch => "batch",
            ScreeningChannel::Api => "api",
            ScreeningChannel::Monitoring => "monitoring",
        }
    }
}

/// One screening to record with [`Store::record_screening`].
#[derive(Debug, Clone)]
pub struct ScreeningAudit<'a> {
    /// How it was asked for.
    pub channel: ScreeningChannel,
    /// Who asked (a user name, an API key's label, `embargo`).
    pub actor: &'a str,
    /// What was screened: the query (as `embargo screen --json` prints it),
    /// or a description of the input file.
    pub input: Value,
    /// The list versions screened against.
    pub lists: &'a [ListVersion],
    /// The threshold applied.
    pub threshold: f32,
    /// What was found (result views, or per-record summaries for a batch).
    pub results: Value,
    /// Number of results, for the one-line summary.
    pub result_count: usize,
}

/// One entry of the audit log, as [`Store::audit`] returns it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditEntry {
    /// Position in the log: 1, 2, 3, … in the order entries were written.
    pub id: i64,
    /// When it was written.
    pub at: DateTime<Utc>,
    /// What it records.
    pub kind: String,
    /// Who did it.
    pub actor: String,
    /// One line for people.
    pub summary: String,
    /// Everything else, as JSON (query, list versions, engine version,
    /// threshold, results; or version, files; or alert, decision, note).
    pub detail: Value,
}

/// An entry about to be appended.
pub(crate) struct NewEntry<'a> {
    /// What it records.
    pub kind: AuditKind,
    /// Who did it.
    pub actor: &'a str,
    /// One line for people.
    pub summary: String,
    /// The rest.
    pub detail: Value,
}

impl Store {
    /// Appends a screening to the audit log, with the engine version, and
    /// returns the entry's id. Each call is its own transaction.
    pub fn record_screening(&mut self, screening: &ScreeningAudit<'_>) -> Result<i64, StoreError> {
        let transaction = self.connection.begin_write()?;
        let id = append(&transaction, screening_entry(screening))?;
        transaction.commit()?;
        Ok(id)
    }

    /// Appends many screenings to the audit log in one transaction (all or
    /// none), for writers that collect them (the server's API audit);
    /// returns how many were written.
    pub fn record_screenings(
        &mut self,
        screenings: &[ScreeningAudit<'_>],
    ) -> Result<usize, StoreError> {
        let transaction = self.connection.begin_write()?;
        for screening in screenings {
            append(&transaction, screening_entry(screening))?;
        }
        transaction.commit()?;
        Ok(screenings.len())
    }

    /// The audit log from `since` on (everything when `None`), oldest
    /// first.
    pub fn audit(&self, since: Option<DateTime<Utc>>) -> Result<Vec<AuditEntry>, StoreError> {
        let since = since.map_or_else(String::new, |time| {
            time.to_rfc3339_opts(SecondsFormat::Millis, true)
        });
        let mut statement = self.connection.prepare_cached(
            "SELECT id, at, kind, actor, summary, detail FROM audit_log \
             WHERE at >= ?1 ORDER BY id",
        )?;
        let rows = statement
            .query_map([since], |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, String>(2)?,
                    row.get::<_, String>(3)?,
                    row.get::<_, String>(4)?,
                    row.get::<_, String>(5)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter()
            .map(|(id, at, kind, actor, summary, detail)| {
                Ok(AuditEntry {
                    id,
                    at: parse_timestamp(&at)?,
                    kind,
                    actor,
                    summary,
                    detail: serde_json::from_str(&detail).map_err(|error| {
                        StoreError::Damaged(format!("audit entry {id}: {error}"))
                    })?,
                })
            })
            .collect()
    }
}

/// Reads the start of an audit export: a date (`2026-01-31`, midnight
/// UTC) or an RFC 3339 time (`2026-01-31T09:00:00Z`); the error says
/// which forms are accepted.
pub fn parse_since(text: &str) -> Result<DateTime<Utc>, String> {
    if let Ok(time) = DateTime::parse_from_rfc3339(text.trim()) {
        return Ok(time.with_timezone(&Utc));
    }
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .ok()
        .and_then(|date| date.and_hms_opt(0, 0, 0))
        .map(|time| time.and_utc())
        .ok_or_else(|| {
            format!(
                "{text:?} is not a date (2026-01-31) or an RFC 3339 time (2026-01-31T09:00:00Z)"
            )
        })
}

/// The log entry for a screening.
pub(crate) fn screening_entry<'a>(screening: &ScreeningAudit<'a>) -> NewEntry<'a> {
    NewEntry {
        kind: AuditKind::Screening,
        actor: screening.actor,
        summary: format!(
            "{} screening: {} result(s) at threshold {:.2}",
            screening.channel.as_str(),
            screening.result_count,
            screening.threshold
        ),
        detail: json!({
            "channel": screening.channel,
            "input": screening.input,
            "lists": screening.lists,
            "engine_version": ENGINE_VERSION,
            "threshold": embargo_core::model::round_score(screening.threshold),
            "results": screening.results,
        }),
    }
}

/// Appends one entry inside the caller's write transaction; returns its id.
pub(crate) fn append(connection: &Db, entry: NewEntry<'_>) -> Result<i64, StoreError> {
    let detail = serde_json::to_string(&entry.detail)
        .map_err(|error| StoreError::Damaged(format!("audit detail: {error}")))?;
    // Cached statements: the server appends one entry per API screening,
    // and parsing the SQL again each time cost more than the insert.
    let id: i64 = connection
        .prepare_cached("SELECT COALESCE(MAX(id), 0) + 1 FROM audit_log")?
        .query_row((), |row| row.get(0))?;
    connection
        .prepare_cached(
            "INSERT INTO audit_log (id, at, kind, actor, summary, detail) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![
            id,
            timestamp_now(),
            entry.kind.as_str(),
            entry.actor,
            entry.summary,
            detail
        ])?;
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn screening(lists: &[ListVersion]) -> ScreeningAudit<'_> {
        ScreeningAudit {
            channel: ScreeningChannel::Single,
            actor: "tester",
            input: json!({"name": "Kim Sang-man"}),
            lists,
            threshold: 0.7,
            results: json!([{"id": "ofac-sdn:43377", "score": 0.9}]),
            result_count: 1,
        }
    }

    #[test]
    fn screenings_are_logged_with_engine_version_and_lists() {
        let mut store = Store::open_in_memory().unwrap();
        let lists = vec![ListVersion {
            source: "ofac-sdn".to_string(),
            version: "v2".to_string(),
        }];
        let id = store.record_screening(&screening(&lists)).unwrap();
        let log = store.audit(None).unwrap();
        assert_eq!(log.len(), 1);
        assert_eq!(log[0].id, id);
        assert_eq!(log[0].kind, "screening");
        assert_eq!(log[0].detail["engine_version"], ENGINE_VERSION);
        assert_eq!(log[0].detail["lists"][0]["version"], "v2");
        assert_eq!(log[0].detail["channel"], "single");
        assert!(log[0].summary.contains("1 result(s)"));
    }

    #[test]
    fn since_takes_dates_and_times() {
        assert_eq!(
            parse_since("2026-01-31").unwrap().to_rfc3339(),
            "2026-01-31T00:00:00+00:00"
        );
        assert_eq!(
            parse_since("2026-01-31T09:30:00+01:00")
                .unwrap()
                .to_rfc3339(),
            "2026-01-31T08:30:00+00:00"
        );
        assert!(parse_since("yesterday").unwrap_err().contains("yesterday"));
    }

    #[test]
    fn many_screenings_are_written_in_one_go() {
        let mut store = Store::open_in_memory().unwrap();
        let batch = vec![screening(&[]); 3];
        assert_eq!(store.record_screenings(&batch).unwrap(), 3);
        let ids: Vec<i64> = store.audit(None).unwrap().iter().map(|e| e.id).collect();
        assert_eq!(ids, [1, 2, 3]);
    }

    #[test]
    fn since_keeps_later_entries_only() {
        let mut store = Store::open_in_memory().unwrap();
        store.record_screening(&screening(&[])).unwrap();
        let later = Utc::now() + chrono::Duration::seconds(5);
        assert_eq!(store.audit(Some(later)).unwrap().len(), 0);
        let earlier = Utc::now() - chrono::Duration::seconds(5);
        assert_eq!(store.audit(Some(earlier)).unwrap().len(), 1);
    }

    #[test]
    fn the_log_refuses_updates_and_deletes() {
        let mut store = Store::open_in_memory().unwrap();
        store.record_screening(&screening(&[])).unwrap();
        let update = store
            .connection
            .execute("UPDATE audit_log SET summary = 'x'", ());
        let delete = store.connection.execute("DELETE FROM audit_log", ());
        for outcome in [update, delete] {
            let message = outcome.unwrap_err().to_string();
            assert!(message.contains("append-only"), "{message}");
        }
        assert_eq!(store.audit(None).unwrap().len(), 1);
    }
}
