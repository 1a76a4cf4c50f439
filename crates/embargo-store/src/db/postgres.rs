//! The PostgreSQL connection of a store: connecting from a
//! `postgres://` URL (never naming its password), rewriting `?N`
//! placeholders as `$N`, caching prepared statements, the store-wide write
//! lock and the notification of list changes.
//!
//! The PostgreSQL client's methods take `&mut self`, the store's SQL
//! helpers a shared connection (as SQLite's do); the client sits in a
//! [`RefCell`], borrowed for one statement at a time. A [`Store`](crate::Store)
//! is used from one thread at a time, so the borrow never conflicts.

use std::cell::RefCell;
use std::collections::HashMap;
use std::str::FromStr;
use std::time::Duration;

use postgres::fallible_iterator::FallibleIterator;
use postgres::types::{ToSql, Type};
use postgres::{Client, Config, NoTls, Statement};

use super::{Param, Row};
use crate::StoreError;

/// The key of the transaction-level advisory lock every write transaction
/// takes first, so that writers queue as they do on an SQLite file (keys
/// are assigned `MAX + 1` under this lock). The number spells `embargo!`.
pub(crate) const WRITE_LOCK: i64 = 0x656d_6261_7267_6f21;

/// The channel an activation is announced on (see the `sources` trigger of
/// the PostgreSQL schema).
pub(crate) const LISTS_CHANNEL: &str = "embargo_lists";

/// How long to wait for the server when connecting.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// True when `text` names a PostgreSQL store (`postgres://` or
/// `postgresql://`, any case).
pub fn is_postgres_url(text: &str) -> bool {
    let lower = text.get(..13).unwrap_or(text).to_ascii_lowercase();
    lower.starts_with("postgres://") || lower.starts_with("postgresql://")
}

/// The URL with any password replaced by `***`, for messages.
pub fn redact_url(text: &str) -> String {
    let Some(scheme_end) = text.find("://") else {
        return text.to_string();
    };
    let rest = &text[scheme_end + 3..];
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..authority_end];
    let Some(at) = authority.rfind('@') else {
        return redact_query_password(text);
    };
    let userinfo = &authority[..at];
    let redacted_userinfo = match userinfo.find(':') {
        Some(colon) => format!("{}:***", &userinfo[..colon]),
        None => userinfo.to_string(),
    };
    redact_query_password(&format!(
        "{}://{}{}",
        &text[..scheme_end],
        redacted_userinfo,
        &rest[at..]
    ))
}

/// Hides a `password=` query parameter.
fn redact_query_password(text: &str) -> String {
    let Some(query_start) = text.find('?') else {
        return text.to_string();
    };
    let (base, query) = text.split_at(query_start + 1);
    let parts: Vec<String> = query
        .split('&')
        .map(|part| {
            if part.to_ascii_lowercase().starts_with("password=") {
                "password=***".to_string()
            } else {
                part.to_string()
            }
        })
        .collect();
    format!("{base}{}", parts.join("&"))
}

/// Opens a client for `url`; errors name the URL without its password.
pub(crate) fn connect(url: &str) -> Result<Client, StoreError> {
    let failed = |message: String| StoreError::Connect {
        store: redact_url(url),
        message,
    };
    let mut config = Config::from_str(url).map_err(|error| failed(with_causes(&error)))?;
    if config.get_application_name().is_none() {
        config.application_name("embargo");
    }
    if config.get_connect_timeout().is_none() {
        config.connect_timeout(CONNECT_TIMEOUT);
    }
    config
        .connect(NoTls)
        .map_err(|error| failed(with_causes(&error)))
}

/// An error's message followed by those of its causes ("error connecting
/// to server: Connection refused (os error 111)"): the client's own
/// message alone does not say why.
fn with_causes(error: &dyn std::error::Error) -> String {
    let mut message = error.to_string();
    let mut cause = error.source();
    while let Some(inner) = cause {
        let text = inner.to_string();
        if !message.contains(&text) {
            message.push_str(": ");
            message.push_str(&text);
        }
        cause = inner.source();
    }
    message
}

/// A PostgreSQL connection with its cache of prepared statements.
pub(crate) struct PgConn {
    client: RefCell<Client>,
    /// Prepared statements by (SQL as written, parameter types).
    statements: RefCell<HashMap<(String, Vec<Type>), Statement>>,
}

impl std::fmt::Debug for PgConn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgConn").finish_non_exhaustive()
    }
}

impl PgConn {
    /// Wraps a connected client.
    pub(crate) fn new(client: Client) -> PgConn {
        PgConn {
            client: RefCell::new(client),
            statements: RefCell::new(HashMap::new()),
        }
    }

    /// The client, for one statement.
    fn client(&self) -> Result<std::cell::RefMut<'_, Client>, StoreError> {
        self.client
            .try_borrow_mut()
            .map_err(|_| StoreError::Damaged("PostgreSQL connection used re-entrantly".into()))
    }

    /// The prepared statement for `sql` with these parameter types.
    fn statement(
        &self,
        client: &mut Client,
        sql: &str,
        params: &[Param<'_>],
    ) -> Result<Statement, StoreError> {
        let types: Vec<Type> = params.iter().map(Param::postgres_type).collect();
        let key = (sql.to_string(), types);
        if let Some(statement) = self.statements.borrow().get(&key) {
            return Ok(statement.clone());
        }
        let statement = client.prepare_typed(&translate_placeholders(sql), &key.1)?;
        self.statements.borrow_mut().insert(key, statement.clone());
        Ok(statement)
    }

    /// Runs statements without parameters or results.
    pub(crate) fn batch(&self, sql: &str) -> Result<(), StoreError> {
        Ok(self.client()?.batch_execute(sql)?)
    }

    /// Runs one statement, returning the number of rows it changed.
    pub(crate) fn execute(&self, sql: &str, params: &[Param<'_>]) -> Result<u64, StoreError> {
        let mut client = self.client()?;
        let statement = self.statement(&mut client, sql, params)?;
        let refs: Vec<&(dyn ToSql + Sync)> =
            params.iter().map(|p| p as &(dyn ToSql + Sync)).collect();
        Ok(client.execute(&statement, &refs)?)
    }

    /// Runs a query, handing each row to `visit` as it arrives.
    pub(crate) fn query_each(
        &self,
        sql: &str,
        params: &[Param<'_>],
        visit: &mut dyn FnMut(&Row<'_>) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let mut client = self.client()?;
        let statement = self.statement(&mut client, sql, params)?;
        let mut rows = client.query_raw(&statement, params.iter())?;
        while let Some(row) = rows.next()? {
            visit(&Row::Postgres(&row))?;
        }
        Ok(())
    }

    /// Waits up to `timeout` for a notification on a channel this
    /// connection listens to; true when one (or more) came.
    pub(crate) fn wait_for_notification(&self, timeout: Duration) -> Result<bool, StoreError> {
        let mut client = self.client()?;
        let mut notifications = client.notifications();
        let mut waiting = notifications.timeout_iter(timeout);
        let came = waiting.next()?.is_some();
        drop(waiting);
        // Several notifications in a burst mean one reload.
        let mut pending = notifications.iter();
        while pending.next()?.is_some() {}
        Ok(came)
    }
}

/// Rewrites SQLite's numbered placeholders `?1`, `?2` as PostgreSQL's
/// `$1`, `$2`, and a bare `?` as the next number, leaving quoted text and
/// identifiers alone.
pub(crate) fn translate_placeholders(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut chars = sql.chars().peekable();
    let mut next_bare = 1;
    let mut quote: Option<char> = None;
    while let Some(c) = chars.next() {
        if let Some(open) = quote {
            out.push(c);
            if c == open {
                quote = None;
            }
            continue;
        }
        match c {
            '\'' | '"' => {
                quote = Some(c);
                out.push(c);
            }
            '?' => {
                out.push('$');
                let mut digits = String::new();
                while let Some(d) = chars.peek().copied().filter(char::is_ascii_digit) {
                    digits.push(d);
                    chars.next();
                }
                if digits.is_empty() {
                    out.push_str(&next_bare.to_string());
                    next_bare += 1;
                } else {
                    out.push_str(&digits);
                }
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_become_numbered_dollars() {
        assert_eq!(
            translate_placeholders("SELECT a FROM t WHERE b = ?1 AND c = '?2' AND d = ?12"),
            "SELECT a FROM t WHERE b = $1 AND c = '?2' AND d = $12"
        );
        assert_eq!(translate_placeholders("VALUES (?, ?)"), "VALUES ($1, $2)");
    }

    #[test]
    fn passwords_are_never_shown() {
        assert_eq!(
            redact_url("postgres://alice:s3cret@db.example:5432/embargo"),
            "postgres://alice:***@db.example:5432/embargo"
        );
        assert_eq!(
            redact_url("postgresql://alice@127.0.0.1/embargo?password=x&sslmode=disable"),
            "postgresql://alice@127.0.0.1/embargo?password=***&sslmode=disable"
        );
        assert_eq!(redact_url("postgres://h/db"), "postgres://h/db");
    }

    #[test]
    fn both_schemes_are_recognized() {
        assert!(is_postgres_url("postgres://h/db"));
        assert!(is_postgres_url("PostgreSQL://h/db"));
        assert!(!is_postgres_url("/tmp/postgres.db"));
        assert!(!is_postgres_url("file:///tmp/x.db"));
    }
}
