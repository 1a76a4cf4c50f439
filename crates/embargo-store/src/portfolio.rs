//! Monitored portfolios: named sets of records (customers, vendors) that are
//! screened again whenever a list changes.
//!
//! A record is kept by its reference: adding a record whose reference the
//! portfolio already holds replaces it. Each record's query is stored as
//! JSON with the SHA-256 of that JSON, which alerts use to notice that a
//! record changed.

use crate::db::{Db, params};
use chrono::{DateTime, Utc};
use embargo_core::matching::Query;
use embargo_core::model::{DateSpec, Gender, Schema};
use serde::{Deserialize, Serialize};
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::audit::{self, AuditKind, NewEntry};
use crate::clock::{parse_timestamp, timestamp_now};
use crate::queries::to_count;
use crate::{Store, StoreError};

/// One record to monitor.
#[derive(Debug, Clone, PartialEq)]
pub struct PortfolioRecord {
    /// The caller's own reference (customer number); unique in a portfolio.
    pub reference: String,
    /// What to screen.
    pub query: Query,
}

/// A record as stored, with the hash of its content.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredRecord {
    /// The record.
    pub record: PortfolioRecord,
    /// SHA-256 (hex) of the stored query JSON: changes exactly when the
    /// record's content does.
    pub content_hash: String,
}

/// What [`Store::add_records`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct AddedRecords {
    /// Records whose reference was new.
    pub added: usize,
    /// Records that replaced a different record with the same reference.
    pub updated: usize,
    /// Records identical to the one already stored.
    pub unchanged: usize,
}

/// A portfolio as `embargo watch list` shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PortfolioSummary {
    /// Its name.
    pub name: String,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// Number of records.
    pub records: usize,
    /// When it was last screened, if ever.
    pub last_run: Option<DateTime<Utc>>,
    /// Alerts raised on it in all runs.
    pub alerts: usize,
}

/// A [`Query`] as stored: the same fields, read back without re-parsing.
#[derive(Serialize, Deserialize)]
struct StoredQuery {
    name: String,
    schema: Option<Schema>,
    birth_dates: Vec<DateSpec>,
    countries: Vec<String>,
    gender: Option<Gender>,
    identifiers: Vec<String>,
    wallets: Vec<String>,
}

impl From<&Query> for StoredQuery {
    fn from(query: &Query) -> StoredQuery {
        let Query {
            name,
            schema,
            birth_dates,
            countries,
            gender,
            identifiers,
            wallets,
        } = query.clone();
        StoredQuery {
            name,
            schema,
            birth_dates,
            countries,
            gender,
            identifiers,
            wallets,
        }
    }
}

impl From<StoredQuery> for Query {
    fn from(stored: StoredQuery) -> Query {
        let StoredQuery {
            name,
            schema,
            birth_dates,
            countries,
            gender,
            identifiers,
            wallets,
        } = stored;
        Query {
            name,
            schema,
            birth_dates,
            countries,
            gender,
            identifiers,
            wallets,
        }
    }
}

impl Store {
    /// Adds records to the portfolio `name` (created when new), replacing
    /// those whose reference it already holds. All or nothing: one
    /// transaction, with its audit entry.
    pub fn add_records(
        &mut self,
        name: &str,
        records: &[PortfolioRecord],
        actor: &str,
    ) -> Result<AddedRecords, StoreError> {
        ensure_valid_name(name)?;
        let transaction = self.connection.begin_write()?;
        let now = timestamp_now();
        transaction.execute(
            "INSERT INTO portfolios (id, created_at) VALUES (?1, ?2) \
             ON CONFLICT (id) DO NOTHING",
            params![name, now],
        )?;
        let mut outcome = AddedRecords::default();
        for record in records {
            upsert_record(&transaction, name, record, &now, &mut outcome)?;
        }
        audit::append(&transaction, portfolio_entry(name, actor, outcome))?;
        transaction.commit()?;
        Ok(outcome)
    }

    /// Every portfolio, by name.
    pub fn portfolios(&self) -> Result<Vec<PortfolioSummary>, StoreError> {
        let mut statement = self.connection.prepare_cached(
            "SELECT p.id, p.created_at, \
               (SELECT COUNT(*) FROM portfolio_records r WHERE r.portfolio_id = p.id), \
               (SELECT MAX(m.finished_at) FROM monitoring_runs m WHERE m.portfolio_id = p.id), \
               (SELECT COUNT(*) FROM alerts a WHERE a.portfolio_id = p.id) \
             FROM portfolios p ORDER BY p.id",
        )?;
        let rows = statement
            .query_map((), |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, i64>(2)?,
                    row.get::<_, Option<String>>(3)?,
                    row.get::<_, i64>(4)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter()
            .map(|(name, created_at, records, last_run, alerts)| {
                Ok(PortfolioSummary {
                    name,
                    created_at: parse_timestamp(&created_at)?,
                    records: to_count(records)?,
                    last_run: last_run.as_deref().map(parse_timestamp).transpose()?,
                    alerts: to_count(alerts)?,
                })
            })
            .collect()
    }

    /// The records of portfolio `name`, by reference; an error when there
    /// is no such portfolio.
    pub fn portfolio_records(&self, name: &str) -> Result<Vec<StoredRecord>, StoreError> {
        if !portfolio_exists(&self.connection, name)? {
            return Err(StoreError::UnknownPortfolio(name.to_string()));
        }
        let mut statement = self.connection.prepare_cached(
            "SELECT reference, query, content_hash FROM portfolio_records \
             WHERE portfolio_id = ?1 ORDER BY reference",
        )?;
        let rows = statement
            .query_map([name], |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, String>(2)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter()
            .map(|(reference, query, content_hash)| {
                let stored: StoredQuery = serde_json::from_str(&query).map_err(|error| {
                    StoreError::Damaged(format!("record {reference} of {name}: {error}"))
                })?;
                Ok(StoredRecord {
                    record: PortfolioRecord {
                        reference,
                        query: stored.into(),
                    },
                    content_hash,
                })
            })
            .collect()
    }
}

/// True when the store holds a portfolio called `name`.
pub(crate) fn portfolio_exists(connection: &Db, name: &str) -> Result<bool, StoreError> {
    Ok(connection
        .query_opt("SELECT 1 FROM portfolios WHERE id = ?1", [name], |_| Ok(()))?
        .is_some())
}

/// A portfolio name is not empty and holds no control character.
fn ensure_valid_name(name: &str) -> Result<(), StoreError> {
    if name.trim().is_empty() || name.chars().any(char::is_control) {
        return Err(StoreError::InvalidPortfolioName(name.to_string()));
    }
    Ok(())
}

/// Inserts or replaces one record, counting what happened.
fn upsert_record(
    connection: &Db,
    portfolio: &str,
    record: &PortfolioRecord,
    now: &str,
    outcome: &mut AddedRecords,
) -> Result<(), StoreError> {
    let json = serde_json::to_string(&StoredQuery::from(&record.query))
        .map_err(|error| StoreError::Damaged(format!("record {}: {error}", record.reference)))?;
    let hash = hex::encode(Sha256::digest(json.as_bytes()));
    let previous: Option<String> = connection.query_opt(
        "SELECT content_hash FROM portfolio_records \
             WHERE portfolio_id = ?1 AND reference = ?2",
        params![portfolio, record.reference],
        |row| row.get(0),
    )?;
    match previous {
        Some(known) if known == hash => {
            outcome.unchanged += 1;
            return Ok(());
        }
        Some(_) => outcome.updated += 1,
        None => outcome.added += 1,
    }
    connection.execute(
        "INSERT INTO portfolio_records (portfolio_id, reference, query, content_hash, updated_at) \
         VALUES (?1, ?2, ?3, ?4, ?5) \
         ON CONFLICT (portfolio_id, reference) DO UPDATE SET \
         query = excluded.query, content_hash = excluded.content_hash, \
         updated_at = excluded.updated_at",
        params![portfolio, record.reference, json, hash, now],
    )?;
    Ok(())
}

/// The audit entry of one [`Store::add_records`].
fn portfolio_entry<'a>(name: &str, actor: &'a str, outcome: AddedRecords) -> NewEntry<'a> {
    NewEntry {
        kind: AuditKind::Portfolio,
        actor,
        summary: format!(
            "portfolio {name}: {} added, {} updated, {} unchanged",
            outcome.added, outcome.updated, outcome.unchanged
        ),
        detail: json!({ "portfolio": name, "records": outcome }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(reference: &str, name: &str) -> PortfolioRecord {
        PortfolioRecord {
            reference: reference.to_string(),
            query: Query::name(name),
        }
    }

    #[test]
    fn records_round_trip_with_every_field() {
        let mut store = Store::open_in_memory().unwrap();
        let query = Query::name("Kim Sang-man")
            .with_birth_date("circa 1965")
            .and_then(|q| q.with_country("North Korea"))
            .and_then(|q| q.with_gender("m"))
            .and_then(|q| q.with_type("person"))
            .unwrap();
        let full = PortfolioRecord {
            reference: "C-1".to_string(),
            query,
        };
        store
            .add_records("bank", std::slice::from_ref(&full), "t")
            .unwrap();
        let stored = store.portfolio_records("bank").unwrap();
        assert_eq!(stored.len(), 1);
        assert_eq!(stored[0].record, full);
        assert_eq!(stored[0].content_hash.len(), 64);
    }

    #[test]
    fn same_reference_replaces_the_record() {
        let mut store = Store::open_in_memory().unwrap();
        let first = store
            .add_records("bank", &[record("1", "A"), record("2", "B")], "t")
            .unwrap();
        assert_eq!(first.added, 2);
        let second = store
            .add_records("bank", &[record("1", "A"), record("2", "C")], "t")
            .unwrap();
        assert_eq!((second.added, second.updated, second.unchanged), (0, 1, 1));
        let names: Vec<String> = store
            .portfolio_records("bank")
            .unwrap()
            .into_iter()
            .map(|stored| stored.record.query.name)
            .collect();
        assert_eq!(names, ["A", "C"]);
        let summary = &store.portfolios().unwrap()[0];
        assert_eq!((summary.name.as_str(), summary.records), ("bank", 2));
        assert_eq!(store.audit(None).unwrap().len(), 2);
    }

    #[test]
    fn unknown_portfolios_and_bad_names_are_errors() {
        let mut store = Store::open_in_memory().unwrap();
        assert!(matches!(
            store.portfolio_records("nope"),
            Err(StoreError::UnknownPortfolio(_))
        ));
        assert!(matches!(
            store.add_records(" ", &[], "t"),
            Err(StoreError::InvalidPortfolioName(_))
        ));
    }
}
