//! Alerts raised by monitoring runs and the analysts' decisions on them.
//!
//! An alert is one raising of a (portfolio, record reference, entity id)
//! pair with an evidence **fingerprint** (the record's content, the entity's
//! listed data and the name that matched). A pair is raised again only when
//! its fingerprint changes, so a decided pair stays quiet until the record
//! or the entity's listed data changes, and then comes back as a new alert.
//!
//! Decisions are appended, never changed: a later decision on the same
//! alert supersedes the earlier one, and both stay readable. Each decision
//! is committed on its own with its audit entry.

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;

use crate::db::{Db, params};
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::{Value, json};

use crate::audit::{self, AuditKind, NewEntry};
use crate::clock::{parse_timestamp, timestamp_now};
use crate::{Store, StoreError};

/// An analyst's verdict on an alert.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Decision {
    /// The record is the listed entity.
    TruePositive,
    /// The record is not the listed entity; the pair stays quiet until its
    /// evidence changes.
    FalsePositive,
}

impl Decision {
    /// `true-positive` or `false-positive`.
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::TruePositive => "true-positive",
            Decision::FalsePositive => "false-positive",
        }
    }
}

impl FromStr for Decision {
    type Err = String;

    fn from_str(text: &str) -> Result<Decision, String> {
        match text.trim().to_ascii_lowercase().as_str() {
            "true-positive" | "tp" | "true_positive" => Ok(Decision::TruePositive),
            "false-positive" | "fp" | "false_positive" => Ok(Decision::FalsePositive),
            _ => Err(format!(
                "{text:?} is not a decision: use true-positive or false-positive"
            )),
        }
    }
}

impl fmt::Display for Decision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where an alert stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AlertStatus {
    /// No decision yet.
    Open,
    /// Latest decision: true positive.
    TruePositive,
    /// Latest decision: false positive.
    FalsePositive,
    /// A newer alert was raised for the same pair because its evidence
    /// changed; decide on that one.
    Superseded,
}

impl AlertStatus {
    /// `open`, `true-positive`, `false-positive` or `superseded`.
    pub fn as_str(self) -> &'static str {
        match self {
            AlertStatus::Open => "open",
            AlertStatus::TruePositive => "true-positive",
            AlertStatus::FalsePositive => "false-positive",
            AlertStatus::Superseded => "superseded",
        }
    }
}

impl FromStr for AlertStatus {
    type Err = String;

    fn from_str(text: &str) -> Result<AlertStatus, String> {
        match text.trim().to_ascii_lowercase().as_str() {
            "open" => Ok(AlertStatus::Open),
            "true-positive" => Ok(AlertStatus::TruePositive),
            "false-positive" => Ok(AlertStatus::FalsePositive),
            "superseded" => Ok(AlertStatus::Superseded),
            _ => Err(format!(
                "{text:?} is not a status: use open, true-positive, false-positive or superseded"
            )),
        }
    }
}

/// One recorded decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DecisionRecord {
    /// Its key.
    pub id: i64,
    /// The alert decided on.
    pub alert_id: i64,
    /// The verdict.
    pub decision: Decision,
    /// The analyst's reasoning.
    pub note: String,
    /// Who decided.
    pub decided_by: String,
    /// When.
    pub decided_at: DateTime<Utc>,
}

/// One alert with its decisions, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Alert {
    /// Its key, for `embargo alerts decide`.
    pub id: i64,
    /// The monitoring run that raised it.
    pub run_id: i64,
    /// The portfolio.
    pub portfolio: String,
    /// The record's reference.
    pub reference: String,
    /// The listed entity.
    pub entity_id: String,
    /// When it was raised.
    pub raised_at: DateTime<Utc>,
    /// The match score.
    #[serde(serialize_with = "embargo_core::model::serialize_score")]
    pub score: f32,
    /// The record's name.
    pub record_name: String,
    /// The entity's primary name.
    pub entity_name: String,
    /// The listed name that matched.
    pub matched_name: String,
    /// Hash of the evidence: record content, entity data, matched name.
    pub fingerprint: String,
    /// The full result as `embargo screen --json` prints it.
    pub result: Value,
    /// Where it stands.
    pub status: AlertStatus,
    /// Every decision on it, oldest first; the last one counts.
    pub decisions: Vec<DecisionRecord>,
}

/// Which alerts [`Store::alerts`] returns.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AlertFilter {
    /// Only alerts with this status.
    pub status: Option<AlertStatus>,
    /// Only alerts of this portfolio.
    pub portfolio: Option<String>,
}

impl Store {
    /// The alerts `filter` selects, oldest first.
    pub fn alerts(&self, filter: &AlertFilter) -> Result<Vec<Alert>, StoreError> {
        let mut decisions = load_decisions(&self.connection)?;
        let newest = newest_alert_per_pair(&self.connection)?;
        let rows = load_alert_rows(&self.connection)?;
        let mut alerts = Vec::new();
        for row in rows {
            if filter
                .portfolio
                .as_ref()
                .is_some_and(|wanted| *wanted != row.portfolio)
            {
                continue;
            }
            let decided = decisions.remove(&row.id).unwrap_or_default();
            let alert = row.into_alert(decided, &newest)?;
            if filter.status.is_none_or(|wanted| wanted == alert.status) {
                alerts.push(alert);
            }
        }
        Ok(alerts)
    }

    /// The alert with key `id`.
    pub fn alert(&self, id: i64) -> Result<Alert, StoreError> {
        self.alerts(&AlertFilter::default())?
            .into_iter()
            .find(|alert| alert.id == id)
            .ok_or(StoreError::UnknownAlert(id))
    }

    /// Records a decision on alert `alert_id`, superseding any earlier one,
    /// with its audit entry, in one transaction. A superseded alert is
    /// refused: its pair has a newer alert with different evidence.
    pub fn decide(
        &mut self,
        alert_id: i64,
        decision: Decision,
        note: &str,
        decided_by: &str,
    ) -> Result<DecisionRecord, StoreError> {
        let transaction = self.connection.begin_write()?;
        ensure_decidable(&transaction, alert_id)?;
        let id: i64 = transaction.query_row(
            "SELECT COALESCE(MAX(id), 0) + 1 FROM alert_decisions",
            (),
            |row| row.get(0),
        )?;
        let now = timestamp_now();
        transaction.execute(
            "INSERT INTO alert_decisions (id, alert_id, decision, note, decided_by, decided_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![id, alert_id, decision.as_str(), note, decided_by, now],
        )?;
        audit::append(
            &transaction,
            decision_entry(alert_id, decision, note, decided_by),
        )?;
        transaction.commit()?;
        Ok(DecisionRecord {
            id,
            alert_id,
            decision,
            note: note.to_string(),
            decided_by: decided_by.to_string(),
            decided_at: parse_timestamp(&now)?,
        })
    }
}

/// Fails unless alert `alert_id` exists and is the newest of its pair.
fn ensure_decidable(connection: &Db, alert_id: i64) -> Result<(), StoreError> {
    let newer: Option<Option<i64>> = connection.query_opt(
        "SELECT (SELECT MAX(b.id) FROM alerts b WHERE b.portfolio_id = a.portfolio_id \
               AND b.reference = a.reference AND b.entity_id = a.entity_id AND b.id > a.id) \
             FROM alerts a WHERE a.id = ?1",
        [alert_id],
        |row| row.get(0),
    )?;
    match newer {
        None => Err(StoreError::UnknownAlert(alert_id)),
        Some(Some(newer)) => Err(StoreError::AlertSuperseded {
            alert: alert_id,
            newer,
        }),
        Some(None) => Ok(()),
    }
}

/// The audit entry of one decision.
fn decision_entry<'a>(
    alert_id: i64,
    decision: Decision,
    note: &str,
    decided_by: &'a str,
) -> NewEntry<'a> {
    NewEntry {
        kind: AuditKind::Decision,
        actor: decided_by,
        summary: format!("alert {alert_id} decided {decision}"),
        detail: json!({ "alert": alert_id, "decision": decision, "note": note }),
    }
}

/// The latest fingerprint raised for a (portfolio, reference, entity)
/// pair, if it was ever raised.
pub(crate) fn latest_fingerprint(
    connection: &Db,
    portfolio: &str,
    reference: &str,
    entity_id: &str,
) -> Result<Option<String>, StoreError> {
    let mut statement = connection.prepare_cached(
        "SELECT fingerprint FROM alerts WHERE portfolio_id = ?1 AND reference = ?2 \
         AND entity_id = ?3 ORDER BY id DESC LIMIT 1",
    )?;
    statement.query_opt(params![portfolio, reference, entity_id], |row| row.get(0))
}

/// An `alerts` row as stored.
struct AlertRow {
    id: i64,
    run_id: i64,
    portfolio: String,
    reference: String,
    entity_id: String,
    fingerprint: String,
    raised_at: String,
    score: String,
    record_name: String,
    entity_name: String,
    matched_name: String,
    result: String,
}

impl AlertRow {
    /// The alert, its status worked out from its decisions and whether it
    /// is the newest of its pair.
    fn into_alert(
        self,
        decisions: Vec<DecisionRecord>,
        newest: &HashMap<(String, String, String), i64>,
    ) -> Result<Alert, StoreError> {
        let damaged = |what: &str| StoreError::Damaged(format!("alert {}: {what}", self.id));
        let pair = (
            self.portfolio.clone(),
            self.reference.clone(),
            self.entity_id.clone(),
        );
        let status = if newest.get(&pair).is_some_and(|&newest| newest != self.id) {
            AlertStatus::Superseded
        } else {
            match decisions.last().map(|record| record.decision) {
                None => AlertStatus::Open,
                Some(Decision::TruePositive) => AlertStatus::TruePositive,
                Some(Decision::FalsePositive) => AlertStatus::FalsePositive,
            }
        };
        Ok(Alert {
            raised_at: parse_timestamp(&self.raised_at)?,
            score: self.score.parse().map_err(|_| damaged("score"))?,
            result: serde_json::from_str(&self.result).map_err(|_| damaged("result"))?,
            id: self.id,
            run_id: self.run_id,
            portfolio: self.portfolio,
            reference: self.reference,
            entity_id: self.entity_id,
            record_name: self.record_name,
            entity_name: self.entity_name,
            matched_name: self.matched_name,
            fingerprint: self.fingerprint,
            status,
            decisions,
        })
    }
}

/// Every alert row, oldest first.
fn load_alert_rows(connection: &Db) -> Result<Vec<AlertRow>, StoreError> {
    let mut statement = connection.prepare_cached(
        "SELECT id, run_id, portfolio_id, reference, entity_id, fingerprint, raised_at, score, \
         record_name, entity_name, matched_name, result FROM alerts ORDER BY id",
    )?;
    let rows = statement
        .query_map((), |row| {
            Ok(AlertRow {
                id: row.get(0)?,
                run_id: row.get(1)?,
                portfolio: row.get(2)?,
                reference: row.get(3)?,
                entity_id: row.get(4)?,
                fingerprint: row.get(5)?,
                raised_at: row.get(6)?,
                score: row.get(7)?,
                record_name: row.get(8)?,
                entity_name: row.get(9)?,
                matched_name: row.get(10)?,
                result: row.get(11)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// The newest alert id of every pair.
fn newest_alert_per_pair(
    connection: &Db,
) -> Result<HashMap<(String, String, String), i64>, StoreError> {
    let mut statement = connection.prepare_cached(
        "SELECT portfolio_id, reference, entity_id, MAX(id) FROM alerts \
         GROUP BY portfolio_id, reference, entity_id",
    )?;
    let pairs = statement
        .query_map((), |row| {
            Ok(((row.get(0)?, row.get(1)?, row.get(2)?), row.get(3)?))
        })?
        .collect::<Result<HashMap<_, _>, _>>()?;
    Ok(pairs)
}

/// Every decision, by alert, oldest first.
fn load_decisions(connection: &Db) -> Result<HashMap<i64, Vec<DecisionRecord>>, StoreError> {
    let mut statement = connection.prepare_cached(
        "SELECT id, alert_id, decision, note, decided_by, decided_at FROM alert_decisions \
         ORDER BY id",
    )?;
    let rows = statement
        .query_map((), |row| {
            Ok((
                row.get::<_, i64>(0)?,
                row.get::<_, i64>(1)?,
                row.get::<_, String>(2)?,
                row.get::<_, String>(3)?,
                row.get::<_, String>(4)?,
                row.get::<_, String>(5)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let mut by_alert: HashMap<i64, Vec<DecisionRecord>> = HashMap::new();
    for (id, alert_id, decision, note, decided_by, decided_at) in rows {
        let decision = decision
            .parse()
            .map_err(|message| StoreError::Damaged(format!("decision {id}: {message}")))?;
        by_alert.entry(alert_id).or_default().push(DecisionRecord {
            id,
            alert_id,
            decision,
            note,
            decided_by,
            decided_at: parse_timestamp(&decided_at)?,
        });
    }
    Ok(by_alert)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decisions_and_statuses_parse() {
        assert_eq!("fp".parse(), Ok(Decision::FalsePositive));
        assert_eq!("True-Positive".parse(), Ok(Decision::TruePositive));
        assert!("maybe".parse::<Decision>().is_err());
        assert_eq!("open".parse(), Ok(AlertStatus::Open));
        assert!("closed".parse::<AlertStatus>().is_err());
    }

    #[test]
    fn deciding_an_unknown_alert_is_an_error() {
        let mut store = Store::open_in_memory().unwrap();
        assert!(matches!(
            store.decide(7, Decision::FalsePositive, "x", "t"),
            Err(StoreError::UnknownAlert(7))
        ));
    }
}
