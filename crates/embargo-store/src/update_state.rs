//! What `embargo update` remembers between runs: per source, when an
//! update was last attempted, last succeeded and why it last failed; per
//! download URL, the validators (`ETag`, `Last-Modified`) of the copy last
//! imported, for conditional requests.
//!
//! These rows are bookkeeping beside the list versions: writing them never
//! touches a version, and a version is never activated by them.

use crate::db::{Row, params};
use chrono::{DateTime, SecondsFormat, Utc};

use crate::clock::parse_timestamp;
use crate::{Store, StoreError};

/// The update history of one source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpdateState {
    /// The source (`ofac-sdn`).
    pub source_id: String,
    /// When an update of the source was last attempted.
    pub last_attempt: Option<DateTime<Utc>>,
    /// When an update last succeeded: the list was found current or a new
    /// version was activated.
    pub last_success: Option<DateTime<Utc>>,
    /// Why the last attempt failed; `None` when it succeeded.
    pub last_error: Option<String>,
}

/// The validators a server sent with the copy of one URL that was last
/// imported (or confirmed unchanged).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DownloadValidators {
    /// The URL downloaded.
    pub url: String,
    /// The `ETag` response header, as sent.
    pub etag: Option<String>,
    /// The `Last-Modified` response header, as sent.
    pub last_modified: Option<String>,
    /// SHA-256 (lower-case hex) of the bytes downloaded.
    pub sha256: String,
}

impl Store {
    /// The update history of `source_id`, or `None` when no update of it was
    /// ever attempted.
    pub fn update_state(&self, source_id: &str) -> Result<Option<UpdateState>, StoreError> {
        let row = self.connection.query_opt(
            "SELECT source_id, last_attempt, last_success, last_error \
                 FROM update_state WHERE source_id = ?1",
            [source_id],
            read_state_row,
        )?;
        row.map(StateRow::into_state).transpose()
    }

    /// The update history of every source ever updated, by source id.
    pub fn update_states(&self) -> Result<Vec<UpdateState>, StoreError> {
        let mut statement = self.connection.prepare(
            "SELECT source_id, last_attempt, last_success, last_error \
             FROM update_state ORDER BY source_id",
        )?;
        let rows = statement
            .query_map((), read_state_row)?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter().map(StateRow::into_state).collect()
    }

    /// Records an update attempt of `source_id` made at `at`: a success
    /// (`error` is `None`) sets the last success and clears the last error;
    /// a failure keeps the last success and records `error`.
    pub fn record_update_attempt(
        &mut self,
        source_id: &str,
        at: DateTime<Utc>,
        error: Option<&str>,
    ) -> Result<(), StoreError> {
        let at = format_timestamp(at);
        let success = error.is_none().then_some(at.as_str());
        self.connection.execute(
            "INSERT INTO update_state (source_id, last_attempt, last_success, last_error) \
             VALUES (?1, ?2, ?3, ?4) \
             ON CONFLICT (source_id) DO UPDATE SET last_attempt = excluded.last_attempt, \
             last_success = COALESCE(excluded.last_success, update_state.last_success), \
             last_error = excluded.last_error",
            params![source_id, at, success, error],
        )?;
        Ok(())
    }

    /// The validators saved for `url`, if any.
    pub fn download_validators(&self, url: &str) -> Result<Option<DownloadValidators>, StoreError> {
        self.connection.query_opt(
            "SELECT url, etag, last_modified, sha256 FROM download_validators WHERE url = ?1",
            [url],
            |row| {
                Ok(DownloadValidators {
                    url: row.get(0)?,
                    etag: row.get(1)?,
                    last_modified: row.get(2)?,
                    sha256: row.get(3)?,
                })
            },
        )
    }

    /// Saves (replacing) the validators of every URL of one publication, in
    /// one transaction.
    pub fn save_download_validators(
        &mut self,
        validators: &[DownloadValidators],
    ) -> Result<(), StoreError> {
        let now = format_timestamp(Utc::now());
        let transaction = self.connection.begin_write()?;
        {
            let mut upsert = transaction.prepare_cached(
                "INSERT INTO download_validators (url, etag, last_modified, sha256, saved_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5) \
                 ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, \
                 last_modified = excluded.last_modified, sha256 = excluded.sha256, \
                 saved_at = excluded.saved_at",
            )?;
            for entry in validators {
                upsert.execute(params![
                    entry.url,
                    entry.etag,
                    entry.last_modified,
                    entry.sha256,
                    now
                ])?;
            }
        }
        transaction.commit()?;
        Ok(())
    }
}

/// One `update_state` row as stored.
struct StateRow {
    source_id: String,
    last_attempt: Option<String>,
    last_success: Option<String>,
    last_error: Option<String>,
}

impl StateRow {
    /// Parses the timestamps.
    fn into_state(self) -> Result<UpdateState, StoreError> {
        Ok(UpdateState {
            source_id: self.source_id,
            last_attempt: self
                .last_attempt
                .as_deref()
                .map(parse_timestamp)
                .transpose()?,
            last_success: self
                .last_success
                .as_deref()
                .map(parse_timestamp)
                .transpose()?,
            last_error: self.last_error,
        })
    }
}

/// Reads the columns selected by [`Store::update_state`].
fn read_state_row(row: &Row<'_>) -> Result<StateRow, StoreError> {
    Ok(StateRow {
        source_id: row.get(0)?,
        last_attempt: row.get(1)?,
        last_success: row.get(2)?,
        last_error: row.get(3)?,
    })
}

/// A timestamp as stored: RFC 3339, UTC, milliseconds.
fn format_timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

#[cfg(test)]
mod tests {
    use chrono::TimeDelta;

    use super::*;

    #[test]
    fn a_failure_keeps_the_last_success() {
        let mut store = Store::open_in_memory().unwrap();
        assert_eq!(store.update_state("un").unwrap(), None);
        let first = Utc::now();
        store.record_update_attempt("un", first, None).unwrap();
        let second = first + TimeDelta::seconds(60);
        store
            .record_update_attempt("un", second, Some("HTTP 500"))
            .unwrap();
        let state = store.update_state("un").unwrap().unwrap();
        assert_eq!(state.last_error.as_deref(), Some("HTTP 500"));
        assert_eq!(
            state.last_attempt.map(|t| t.timestamp_millis()),
            Some(second.timestamp_millis())
        );
        assert_eq!(
            state.last_success.map(|t| t.timestamp_millis()),
            Some(first.timestamp_millis())
        );
        store.record_update_attempt("un", second, None).unwrap();
        let state = store.update_state("un").unwrap().unwrap();
        assert_eq!(state.last_error, None);
        assert_eq!(store.update_states().unwrap().len(), 1);
    }

    #[test]
    fn validators_are_replaced_per_url() {
        let mut store = Store::open_in_memory().unwrap();
        let mut entry = DownloadValidators {
            url: "https://example.org/sdn.csv".to_string(),
            etag: Some("\"a\"".to_string()),
            last_modified: None,
            sha256: "00".to_string(),
        };
        store
            .save_download_validators(std::slice::from_ref(&entry))
            .unwrap();
        entry.etag = Some("\"b\"".to_string());
        store
            .save_download_validators(std::slice::from_ref(&entry))
            .unwrap();
        assert_eq!(
            store.download_validators(&entry.url).unwrap(),
            Some(entry.clone())
        );
        assert_eq!(store.download_validators("https://other").unwrap(), None);
    }
}
