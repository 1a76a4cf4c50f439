//! The store's one database interface over its two backends: an SQLite
//! file (the embedded default) and a PostgreSQL server.
//!
//! The SQL of the store is written once, in SQLite's spelling with
//! numbered `?N` placeholders, over `TEXT` and `INTEGER` columns only;
//! [`Db`] runs it on either backend (the PostgreSQL side rewrites the
//! placeholders, see [`postgres::translate_placeholders`]). What cannot be
//! written once (schema steps with triggers, the schema version, write
//! locks) has one function per backend here, in `sqlite` or in
//! `migrations`.

mod param;
pub(crate) mod postgres;
mod row;

use std::ops::Deref;

pub(crate) use param::{Param, ParamList, Params, ToParam, params, value_tuples};
pub(crate) use row::{Row, Value};

use self::postgres::{PgConn, WRITE_LOCK};
use crate::StoreError;

/// An open connection to either backend.
#[derive(Debug)]
pub(crate) enum Db {
    /// An SQLite file (or in-memory database).
    Sqlite(rusqlite::Connection),
    /// A PostgreSQL database (boxed: its client is several times the
    /// size of an SQLite handle).
    Postgres(Box<PgConn>),
}

/// Which backend a [`Db`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Backend {
    /// SQLite.
    Sqlite,
    /// PostgreSQL.
    Postgres,
}

impl Db {
    /// Which backend this is.
    pub(crate) fn backend(&self) -> Backend {
        match self {
            Db::Sqlite(_) => Backend::Sqlite,
            Db::Postgres(_) => Backend::Postgres,
        }
    }

    /// Runs statements that take no parameters and return nothing.
    pub(crate) fn execute_batch(&self, sql: &str) -> Result<(), StoreError> {
        match self {
            Db::Sqlite(connection) => Ok(connection.execute_batch(sql)?),
            Db::Postgres(connection) => connection.batch(sql),
        }
    }

    /// Runs one statement, returning the number of rows it changed.
    pub(crate) fn execute(&self, sql: &str, params: impl Params) -> Result<usize, StoreError> {
        let values = params.values();
        match self {
            Db::Sqlite(connection) => {
                let mut statement = connection.prepare_cached(sql)?;
                Ok(statement.execute(rusqlite::params_from_iter(values.iter()))?)
            }
            Db::Postgres(connection) => {
                let changed = connection.execute(sql, &values)?;
                Ok(usize::try_from(changed).unwrap_or(usize::MAX))
            }
        }
    }

    /// Runs a query, handing each row to `visit` as it is read (nothing is
    /// collected: a whole list's entities stream through).
    pub(crate) fn query_each(
        &self,
        sql: &str,
        params: impl Params,
        mut visit: impl FnMut(&Row<'_>) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let values = params.values();
        match self {
            Db::Sqlite(connection) => {
                let mut statement = connection.prepare_cached(sql)?;
                let mut rows = statement.query(rusqlite::params_from_iter(values.iter()))?;
                while let Some(row) = rows.next()? {
                    visit(&Row::Sqlite(row))?;
                }
                Ok(())
            }
            Db::Postgres(connection) => connection.query_each(sql, &values, &mut visit),
        }
    }

    /// Every row of a query, each turned into a `T` by `map`.
    pub(crate) fn query_map<T>(
        &self,
        sql: &str,
        params: impl Params,
        mut map: impl FnMut(&Row<'_>) -> Result<T, StoreError>,
    ) -> Result<std::vec::IntoIter<Result<T, StoreError>>, StoreError> {
        let mut out = Vec::new();
        self.query_each(sql, params, |row| {
            out.push(Ok(map(row)?));
            Ok(())
        })?;
        Ok(out.into_iter())
    }

    /// The first row of a query turned into a `T`, or `None` without rows.
    pub(crate) fn query_opt<T>(
        &self,
        sql: &str,
        params: impl Params,
        map: impl FnOnce(&Row<'_>) -> Result<T, StoreError>,
    ) -> Result<Option<T>, StoreError> {
        let mut map = Some(map);
        let mut out = None;
        self.query_each(sql, params, |row| {
            if let Some(map) = map.take() {
                out = Some(map(row)?);
            }
            Ok(())
        })?;
        Ok(out)
    }

    /// The first row of a query, which must return one.
    pub(crate) fn query_row<T>(
        &self,
        sql: &str,
        params: impl Params,
        map: impl FnOnce(&Row<'_>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        self.query_opt(sql, params, map)?
            .ok_or_else(|| StoreError::Damaged(format!("no row from: {sql}")))
    }

    /// Starts a write transaction that holds the store's write lock from
    /// its first statement: writers queue, in this process or any other
    /// (on SQLite the file's lock, on PostgreSQL an advisory lock).
    /// Dropped without [`Tx::commit`], it rolls back.
    pub(crate) fn begin_write(&mut self) -> Result<Tx<'_>, StoreError> {
        match self {
            Db::Sqlite(connection) => {
                connection.execute_batch("BEGIN IMMEDIATE")?;
            }
            Db::Postgres(connection) => {
                connection.batch("BEGIN")?;
                let locked = connection.execute(
                    "SELECT pg_advisory_xact_lock(?1)",
                    &[Param::Int(WRITE_LOCK)],
                );
                if let Err(error) = locked {
                    let _rollback = connection.batch("ROLLBACK");
                    return Err(error);
                }
            }
        }
        Ok(Tx {
            db: self,
            finished: false,
        })
    }
}

impl Db {
    /// Starts a read-only transaction: every query in it sees the store as
    /// of one moment (SQLite: a deferred transaction, whose snapshot is
    /// taken by its first read; PostgreSQL: repeatable read).
    pub(crate) fn begin_read(&mut self) -> Result<Tx<'_>, StoreError> {
        match self {
            Db::Sqlite(connection) => connection.execute_batch("BEGIN DEFERRED")?,
            Db::Postgres(connection) => {
                connection.batch("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")?;
            }
        }
        Ok(Tx {
            db: self,
            finished: false,
        })
    }
}

/// A transaction (see [`Db::begin_write`], [`Db::begin_read`]); reads and writes go
/// through it as through the [`Db`] it derefs to.
#[derive(Debug)]
pub(crate) struct Tx<'a> {
    db: &'a Db,
    finished: bool,
}

impl Tx<'_> {
    /// Makes the transaction's changes permanent.
    pub(crate) fn commit(mut self) -> Result<(), StoreError> {
        self.db.execute_batch("COMMIT")?;
        self.finished = true;
        Ok(())
    }
}

impl Deref for Tx<'_> {
    type Target = Db;
    fn deref(&self) -> &Db {
        self.db
    }
}

impl Drop for Tx<'_> {
    fn drop(&mut self) {
        if !self.finished {
            // Nothing more can be done about a failed rollback: the
            // connection is dropped with the store, which rolls back too.
            let _rollback = self.db.execute_batch("ROLLBACK");
        }
    }
}

/// A statement to run on a [`Db`], named once and run any number of
/// times (each backend caches the prepared form).
#[derive(Debug)]
pub(crate) struct Stmt<'a> {
    db: &'a Db,
    sql: String,
}

impl Db {
    /// The statement `sql`, prepared on first use and cached.
    pub(crate) fn prepare_cached(&self, sql: &str) -> Result<Stmt<'_>, StoreError> {
        Ok(Stmt {
            db: self,
            sql: sql.to_string(),
        })
    }

    /// Same as [`Db::prepare_cached`].
    pub(crate) fn prepare(&self, sql: &str) -> Result<Stmt<'_>, StoreError> {
        self.prepare_cached(sql)
    }
}

impl Stmt<'_> {
    /// See [`Db::execute`].
    pub(crate) fn execute(&mut self, params: impl Params) -> Result<usize, StoreError> {
        self.db.execute(&self.sql, params)
    }

    /// See [`Db::query_map`].
    pub(crate) fn query_map<T>(
        &mut self,
        params: impl Params,
        map: impl FnMut(&Row<'_>) -> Result<T, StoreError>,
    ) -> Result<std::vec::IntoIter<Result<T, StoreError>>, StoreError> {
        self.db.query_map(&self.sql, params, map)
    }

    /// See [`Db::query_row`].
    pub(crate) fn query_row<T>(
        &mut self,
        params: impl Params,
        map: impl FnOnce(&Row<'_>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        self.db.query_row(&self.sql, params, map)
    }

    /// See [`Db::query_opt`].
    pub(crate) fn query_opt<T>(
        &mut self,
        params: impl Params,
        map: impl FnOnce(&Row<'_>) -> Result<T, StoreError>,
    ) -> Result<Option<T>, StoreError> {
        self.db.query_opt(&self.sql, params, map)
    }
}
