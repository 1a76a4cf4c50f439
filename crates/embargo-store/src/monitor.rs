//! Monitoring runs: screening every record of a portfolio against the
//! active lists and raising alerts for the (record, entity) pairs that are
//! new or whose evidence changed since they were last raised.
//!
//! Screening happens first, outside any lock; then the run, its alerts and
//! its audit entry are written in one transaction, which reads the pairs'
//! latest fingerprints under the write lock. A crash before the commit
//! leaves no trace of the run, and two runs at once cannot raise the same
//! pair twice.

use crate::db::{Db, params};
use chrono::{DateTime, Utc};
use embargo_core::matching::{ListVersion, ScreenMatch, ScreenOptions, Screener};
use serde::Serialize;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::alerts::latest_fingerprint;
use crate::audit::{self, ScreeningAudit, ScreeningChannel};
use crate::clock::{parse_timestamp, timestamp_now};
use crate::hashing::{body_hash, canonical_json};
use crate::portfolio::portfolio_exists;
use crate::{Store, StoreError, StoredRecord, load_screener};

/// Why a run happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RunTrigger {
    /// Asked for (`embargo watch run`).
    Manual,
    /// A new list version was imported.
    Import,
}

impl RunTrigger {
    /// `manual` or `import`.
    pub fn as_str(self) -> &'static str {
        match self {
            RunTrigger::Manual => "manual",
            RunTrigger::Import => "import",
        }
    }
}

/// What one run of one portfolio did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunReport {
    /// The run's key.
    pub run_id: i64,
    /// The portfolio screened.
    pub portfolio: String,
    /// Why it ran.
    pub trigger: RunTrigger,
    /// When screening started.
    pub started_at: DateTime<Utc>,
    /// When the run was committed.
    pub finished_at: DateTime<Utc>,
    /// The list versions screened against.
    pub lists: Vec<ListVersion>,
    /// The threshold applied.
    #[serde(serialize_with = "embargo_core::model::serialize_score")]
    pub threshold: f32,
    /// Records screened.
    pub records: usize,
    /// (record, entity) pairs at or above the threshold.
    pub matches: usize,
    /// Ids of the alerts this run raised.
    pub new_alerts: Vec<i64>,
}

/// One (record, entity) match with what its alert would hold.
struct Hit {
    reference: String,
    record_name: String,
    entity_id: String,
    entity_name: String,
    matched_name: String,
    score: f32,
    fingerprint: String,
    result: Value,
}

impl Store {
    /// Screens every portfolio (or only `portfolio`) against the active
    /// lists, one run (one transaction) per portfolio. Fails with
    /// [`StoreError::NoListsToMonitor`] when no list is imported.
    pub fn monitor(
        &mut self,
        portfolio: Option<&str>,
        trigger: RunTrigger,
        options: &ScreenOptions,
        actor: &str,
    ) -> Result<Vec<RunReport>, StoreError> {
        let names: Vec<String> = match portfolio {
            Some(name) if portfolio_exists(&self.connection, name)? => vec![name.to_string()],
            Some(name) => return Err(StoreError::UnknownPortfolio(name.to_string())),
            None => self.portfolios()?.into_iter().map(|p| p.name).collect(),
        };
        if names.is_empty() {
            return Ok(Vec::new());
        }
        let loaded = load_screener(self).map_err(|error| match error {
            StoreError::NoLists { .. } => StoreError::NoListsToMonitor,
            other => other,
        })?;
        names
            .iter()
            .map(|name| self.monitor_with(&loaded.screener, name, trigger, options, actor))
            .collect()
    }

    /// Runs portfolio `portfolio` against an already built screener (to
    /// share one screener between several portfolios).
    pub fn monitor_with(
        &mut self,
        screener: &Screener,
        portfolio: &str,
        trigger: RunTrigger,
        options: &ScreenOptions,
        actor: &str,
    ) -> Result<RunReport, StoreError> {
        let started_at = timestamp_now();
        let records = self.portfolio_records(portfolio)?;
        let hits = screen_records(screener, &records, options)?;
        let transaction = self.connection.begin_write()?;
        let fresh = fresh_hits(&transaction, portfolio, &hits)?;
        let run = NewRun {
            portfolio,
            trigger,
            started_at: &started_at,
            lists: screener.lists(),
            threshold: options.threshold,
            records: records.len(),
        };
        let (run_id, finished_at) = insert_run(&transaction, &run, hits.len(), fresh.len())?;
        let new_alerts = insert_alerts(&transaction, run_id, portfolio, &fresh, &finished_at)?;
        audit::append(
            &transaction,
            audit::screening_entry(&run_audit(&run, run_id, actor, &hits)),
        )?;
        transaction.commit()?;
        Ok(RunReport {
            run_id,
            portfolio: portfolio.to_string(),
            trigger,
            started_at: parse_timestamp(&started_at)?,
            finished_at: parse_timestamp(&finished_at)?,
            lists: screener.lists().to_vec(),
            threshold: options.threshold,
            records: records.len(),
            matches: hits.len(),
            new_alerts,
        })
    }
}

/// Screens each record and describes each match.
fn screen_records(
    screener: &Screener,
    records: &[StoredRecord],
    options: &ScreenOptions,
) -> Result<Vec<Hit>, StoreError> {
    let mut hits = Vec::new();
    for stored in records {
        for found in screener.screen(&stored.record.query, options) {
            hits.push(describe_hit(screener, stored, &found)?);
        }
    }
    Ok(hits)
}

/// The alert contents of one match, with its evidence fingerprint.
fn describe_hit(
    screener: &Screener,
    stored: &StoredRecord,
    found: &ScreenMatch,
) -> Result<Hit, StoreError> {
    let entity = screener.entity(found);
    let entity_hash = body_hash(&canonical_json(entity)?);
    let matched_name = found.explanation.matched_name.clone();
    let result = serde_json::to_value(screener.view(found))
        .map_err(|error| StoreError::Damaged(format!("result of {}: {error}", entity.id)))?;
    Ok(Hit {
        fingerprint: fingerprint(&stored.content_hash, &entity_hash, &matched_name),
        reference: stored.record.reference.clone(),
        record_name: stored.record.query.name.clone(),
        entity_id: entity.id.clone(),
        entity_name: entity.caption().to_string(),
        matched_name,
        score: found.score,
        result,
    })
}

/// The evidence of a match: the record's content, the entity's listed data
/// and the name that matched. Any change to one of them changes it.
fn fingerprint(record_hash: &str, entity_hash: &str, matched_name: &str) -> String {
    let evidence = format!("{record_hash}\n{entity_hash}\n{matched_name}");
    hex::encode(Sha256::digest(evidence.as_bytes()))
}

/// The hits whose pair was never raised or was raised with other evidence.
fn fresh_hits<'h>(
    connection: &Db,
    portfolio: &str,
    hits: &'h [Hit],
) -> Result<Vec<&'h Hit>, StoreError> {
    let mut fresh = Vec::new();
    for hit in hits {
        let latest = latest_fingerprint(connection, portfolio, &hit.reference, &hit.entity_id)?;
        if latest.as_deref() != Some(hit.fingerprint.as_str()) {
            fresh.push(hit);
        }
    }
    Ok(fresh)
}

/// What a run row records besides its counts.
struct NewRun<'a> {
    portfolio: &'a str,
    trigger: RunTrigger,
    started_at: &'a str,
    lists: &'a [ListVersion],
    threshold: f32,
    records: usize,
}

/// Inserts the run row; returns its key and finishing time.
fn insert_run(
    connection: &Db,
    run: &NewRun<'_>,
    matches: usize,
    new_alerts: usize,
) -> Result<(i64, String), StoreError> {
    let run_id: i64 = connection.query_row(
        "SELECT COALESCE(MAX(id), 0) + 1 FROM monitoring_runs",
        (),
        |row| row.get(0),
    )?;
    let lists = serde_json::to_string(run.lists)
        .map_err(|error| StoreError::Damaged(format!("run lists: {error}")))?;
    let finished_at = timestamp_now();
    connection.execute(
        "INSERT INTO monitoring_runs (id, portfolio_id, started_at, finished_at, trigger_kind, \
         lists, threshold, records, matches, new_alerts) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            run_id,
            run.portfolio,
            run.started_at,
            finished_at,
            run.trigger.as_str(),
            lists,
            format!("{:.3}", run.threshold),
            count(run.records),
            count(matches),
            count(new_alerts)
        ],
    )?;
    Ok((run_id, finished_at))
}

/// Inserts one alert per fresh hit; returns their keys.
fn insert_alerts(
    connection: &Db,
    run_id: i64,
    portfolio: &str,
    fresh: &[&Hit],
    raised_at: &str,
) -> Result<Vec<i64>, StoreError> {
    let first: i64 =
        connection.query_row("SELECT COALESCE(MAX(id), 0) + 1 FROM alerts", (), |row| {
            row.get(0)
        })?;
    let mut insert = connection.prepare_cached(
        "INSERT INTO alerts (id, run_id, portfolio_id, reference, entity_id, fingerprint, \
         raised_at, score, record_name, entity_name, matched_name, result) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?;
    let mut ids = Vec::with_capacity(fresh.len());
    for (offset, hit) in fresh.iter().enumerate() {
        let id = first + count(offset);
        insert.execute(params![
            id,
            run_id,
            portfolio,
            hit.reference,
            hit.entity_id,
            hit.fingerprint,
            raised_at,
            format!("{:.3}", hit.score),
            hit.record_name,
            hit.entity_name,
            hit.matched_name,
            hit.result.to_string()
        ])?;
        ids.push(id);
    }
    Ok(ids)
}

/// The audit record of a run: the portfolio as input, every match as
/// results.
fn run_audit<'a>(
    run: &NewRun<'a>,
    run_id: i64,
    actor: &'a str,
    hits: &[Hit],
) -> ScreeningAudit<'a> {
    let results: Vec<Value> = hits
        .iter()
        .map(|hit| {
            json!({
                "reference": hit.reference,
                "entity_id": hit.entity_id,
                "score": hit.score,
                "matched_name": hit.matched_name,
            })
        })
        .collect();
    ScreeningAudit {
        channel: ScreeningChannel::Monitoring,
        actor,
        input: json!({
            "portfolio": run.portfolio,
            "run": run_id,
            "trigger": run.trigger,
            "records": run.records,
        }),
        lists: run.lists,
        threshold: run.threshold,
        results: Value::Array(results),
        result_count: hits.len(),
    }
}

/// A count as stored.
fn count(value: usize) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint_changes_with_each_part() {
        let base = fingerprint("r", "e", "KIM, Sang Man");
        assert_eq!(base, fingerprint("r", "e", "KIM, Sang Man"));
        assert_ne!(base, fingerprint("r2", "e", "KIM, Sang Man"));
        assert_ne!(base, fingerprint("r", "e2", "KIM, Sang Man"));
        assert_ne!(base, fingerprint("r", "e", "KIM Sang Man"));
    }
}
