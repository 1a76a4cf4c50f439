//! Opening SQLite files: what the PostgreSQL backend spells differently
//! (its counterpart is `db::postgres`); the SQL elsewhere in the crate
//! runs on both.
//!
//! * recognizing an SQLite file before opening it, so a foreign file is
//!   never written to;
//! * connection settings: WAL journal, busy timeout, foreign keys;
//! * the schema version, kept in `PRAGMA user_version`.

use std::fs::File;
use std::io::Read;
use std::path::Path;
use std::time::{Duration, Instant};

use rusqlite::{Connection, ErrorCode, OpenFlags};

use crate::StoreError;

/// The 16 bytes every SQLite database file starts with.
const FILE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// How long a connection waits for another connection's write lock before
/// giving up. An import holds the lock while its parser runs (about a
/// second for the largest official list), so this leaves a wide margin.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// Pause between two attempts of a statement that fails "busy" at once.
const BUSY_RETRY_PAUSE: Duration = Duration::from_millis(5);

/// Opens (creating if needed) the database file at `path`, refusing a
/// non-empty file that is not an SQLite database without writing to it.
pub(crate) fn open_file(path: &Path) -> Result<Connection, StoreError> {
    ensure_sqlite_file_or_absent(path)?;
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let connection = Connection::open_with_flags(path, flags)?;
    connection.busy_timeout(BUSY_TIMEOUT)?;
    Ok(connection)
}

/// Opens the existing database file at `path` without ever creating it
/// (the file may vanish between the caller's check and this call), with
/// the same checks as [`open_file`].
pub(crate) fn open_existing_file(path: &Path) -> Result<Connection, StoreError> {
    ensure_sqlite_file_or_absent(path)?;
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let connection = Connection::open_with_flags(path, flags).map_err(|error| {
        if error.sqlite_error_code() == Some(ErrorCode::CannotOpen) && !path.exists() {
            StoreError::NoStore {
                path: path.to_path_buf(),
            }
        } else {
            opening_error(error, path)
        }
    })?;
    connection.busy_timeout(BUSY_TIMEOUT)?;
    Ok(connection)
}

/// Opens a private in-memory database.
pub(crate) fn open_in_memory() -> Result<Connection, StoreError> {
    Ok(Connection::open_in_memory()?)
}

/// Fails with [`StoreError::NotADatabase`] when `path` is a non-empty file
/// that does not start with the SQLite header. An absent or empty file is
/// fine: SQLite turns it into a new database.
fn ensure_sqlite_file_or_absent(path: &Path) -> Result<(), StoreError> {
    let mut file = match File::open(path) {
        Ok(file) => file,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(source) => {
            return Err(StoreError::ReadFile {
                path: path.to_path_buf(),
                source,
            });
        }
    };
    let mut header = Vec::with_capacity(FILE_HEADER.len());
    let read = file
        .by_ref()
        .take(FILE_HEADER.len() as u64)
        .read_to_end(&mut header);
    match read {
        Ok(0) => Ok(()),
        Ok(_) if header == FILE_HEADER => Ok(()),
        Ok(_) => Err(StoreError::NotADatabase {
            path: path.to_path_buf(),
        }),
        Err(source) => Err(StoreError::ReadFile {
            path: path.to_path_buf(),
            source,
        }),
    }
}

/// An error met while opening `path`: SQLite's "not a database" (a damaged
/// file the header check let through) becomes [`StoreError::NotADatabase`].
pub(crate) fn opening_error(error: rusqlite::Error, path: &Path) -> StoreError {
    if error.sqlite_error_code() == Some(ErrorCode::NotADatabase) {
        StoreError::NotADatabase {
            path: path.to_path_buf(),
        }
    } else {
        error.into()
    }
}

/// Switches a file database to write-ahead logging (readers never block the
/// writer nor the writer the readers) and turns foreign keys on.
pub(crate) fn configure_file_connection(connection: &Connection) -> rusqlite::Result<()> {
    retry_while_busy(|| enable_write_ahead_log(connection))?;
    enable_foreign_keys(connection)
}

/// Sets the journal mode to WAL unless it already is. The mode is kept in
/// the file, so this writes only the first time.
fn enable_write_ahead_log(connection: &Connection) -> rusqlite::Result<()> {
    let mode: String = connection.pragma_query_value(None, "journal_mode", |row| row.get(0))?;
    if mode.eq_ignore_ascii_case("wal") {
        return Ok(());
    }
    // The pragma answers with the mode now in force; a file system without
    // shared memory keeps the rollback journal, which is slower but as safe.
    let _mode: String =
        connection.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))?;
    Ok(())
}

/// Repeats `attempt` while SQLite answers "busy", for at most
/// [`BUSY_TIMEOUT`]. Changing the journal mode of a file that other
/// connections are opening at the same moment fails at once with "busy"
/// instead of waiting on the busy timeout.
fn retry_while_busy<T>(mut attempt: impl FnMut() -> rusqlite::Result<T>) -> rusqlite::Result<T> {
    let deadline = Instant::now() + BUSY_TIMEOUT;
    loop {
        match attempt() {
            Err(error) if is_busy(&error) && Instant::now() < deadline => {
                std::thread::sleep(BUSY_RETRY_PAUSE);
            }
            outcome => return outcome,
        }
    }
}

/// True when the error is SQLite's "database is locked".
fn is_busy(error: &rusqlite::Error) -> bool {
    error.sqlite_error_code() == Some(ErrorCode::DatabaseBusy)
}

/// Turns foreign key enforcement on (off by default in SQLite).
pub(crate) fn enable_foreign_keys(connection: &Connection) -> rusqlite::Result<()> {
    connection.pragma_update(None, "foreign_keys", true)
}

/// The schema version stored in the file (0 for a new database).
pub(crate) fn schema_version(connection: &Connection) -> Result<u32, rusqlite::Error> {
    connection.pragma_query_value(None, "user_version", |row| row.get(0))
}
