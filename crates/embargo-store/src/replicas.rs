//! What several processes sharing one PostgreSQL store need beyond the
//! store's transactions: hearing at once that the active lists changed
//! ([`Store::list_changes`]), and running a job such as `embargo update`
//! or `embargo watch run` in one process at a time ([`Store::lock_job`]).
//!
//! Both use a connection of their own, so the store's connection stays
//! free for its transactions. On an SQLite store there are no replicas to
//! tell: [`Store::list_changes`] is `None` (servers poll the file), and a
//! job lock guards nothing more than SQLite's write lock already does.

use std::time::Duration;

use sha2::{Digest, Sha256};

use crate::db::Db;
use crate::db::postgres::{self as pg, LISTS_CHANNEL, PgConn};
use crate::{Store, StoreError};

/// Notifications of list changes on a PostgreSQL store: a connection
/// listening on the channel every change of a source's active version is
/// announced on (by a trigger, when its transaction commits).
#[derive(Debug)]
pub struct ListChanges {
    connection: PgConn,
}

impl ListChanges {
    /// Waits up to `timeout` for a change; true when one (or several)
    /// came, false on timeout.
    pub fn wait(&mut self, timeout: Duration) -> Result<bool, StoreError> {
        self.connection.wait_for_notification(timeout)
    }
}

/// A job held in one process at a time across every process sharing the
/// store (a PostgreSQL session advisory lock), released when dropped or
/// when the process dies.
#[derive(Debug)]
pub struct JobLock {
    /// The connection holding the lock (`None` on SQLite).
    _connection: Option<PgConn>,
}

impl Store {
    /// Notifications of list changes, on a new connection; `None` for an
    /// SQLite store.
    pub fn list_changes(&self) -> Result<Option<ListChanges>, StoreError> {
        let Some(url) = self.postgres_url() else {
            return Ok(None);
        };
        let connection = PgConn::new(pg::connect(url)?);
        connection.batch(&format!("LISTEN {LISTS_CHANNEL}"))?;
        Ok(Some(ListChanges { connection }))
    }

    /// Takes the lock of `job` (`update`, `watch run`), or fails with
    /// [`StoreError::JobRunning`] when another process holds it. On an
    /// SQLite store it always succeeds.
    pub fn lock_job(&self, job: &'static str) -> Result<JobLock, StoreError> {
        let Some(url) = self.postgres_url() else {
            return Ok(JobLock { _connection: None });
        };
        let connection = PgConn::new(pg::connect(url)?);
        let db = Db::Postgres(Box::new(connection));
        let taken: bool =
            db.query_row("SELECT pg_try_advisory_lock(?1)", [job_key(job)], |row| {
                row.get(0)
            })?;
        if !taken {
            return Err(StoreError::JobRunning { job });
        }
        let Db::Postgres(connection) = db else {
            return Err(StoreError::Damaged("backend changed".into()));
        };
        Ok(JobLock {
            _connection: Some(*connection),
        })
    }

    /// The URL of a PostgreSQL store.
    fn postgres_url(&self) -> Option<&str> {
        match self.connection {
            Db::Postgres(_) => self.path().to_str(),
            Db::Sqlite(_) => None,
        }
    }
}

/// The advisory lock key of a job: the first 8 bytes of the SHA-256 of
/// `embargo job <name>`, so that keys of other applications sharing the
/// database are not met by chance.
fn job_key(job: &str) -> i64 {
    let digest = Sha256::digest(format!("embargo job {job}").as_bytes());
    let mut bytes = [0u8; 8];
    bytes.copy_from_slice(&digest[..8]);
    i64::from_be_bytes(bytes)
}
