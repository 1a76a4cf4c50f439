//! Schema migrations: one numbered step per change, applied in order, each
//! in its own transaction, the number of the last one applied kept in the
//! database (see [`crate::sqlite::schema_version`]).
//!
//! A later feature (portfolios, alerts, audit log, download state) adds its
//! tables by appending a step to [`MIGRATIONS`]; a step once released is
//! never edited. The SQL uses plain types (`TEXT`, `INTEGER`), no
//! autoincrement and no engine-specific syntax, so the same steps can be
//! replayed on PostgreSQL.

use std::path::Path;

use rusqlite::Connection;

use crate::StoreError;
use crate::sqlite;

/// One schema change.
struct Migration {
    /// Schema version the database has once this step is applied.
    version: u32,
    /// The statements, run as one batch.
    sql: &'static str,
}

/// Every schema change, oldest first; `version` runs 1, 2, 3, … without gaps.
const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        sql: LIST_VERSIONS,
    },
    Migration {
        version: 2,
        sql: UPDATE_STATE,
    },
];

/// Step 1: sources, their versions and files, content-addressed entities.
///
/// * `versions.id` is a store-wide key assigned by the store (`MAX + 1`
///   inside the write transaction), `sequence` the per-source number users
///   see (1, 2, 3, …).
/// * `entity_bodies` holds each distinct entity JSON once, keyed by the
///   SHA-256 of its canonical form; `version_entities` says which body each
///   entity id has in each version. An entity unchanged between versions
///   costs one `version_entities` row, not a second body.
const LIST_VERSIONS: &str = "
CREATE TABLE sources (
    id          TEXT PRIMARY KEY,
    format      TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

CREATE TABLE versions (
    id            INTEGER PRIMARY KEY,
    source_id     TEXT NOT NULL REFERENCES sources (id),
    sequence      INTEGER NOT NULL,
    format        TEXT NOT NULL,
    published     TEXT,
    content_hash  TEXT NOT NULL,
    imported_at   TEXT NOT NULL,
    entity_count  INTEGER NOT NULL,
    UNIQUE (source_id, sequence)
);

CREATE INDEX versions_by_content_hash ON versions (content_hash);

CREATE TABLE version_files (
    version_id  INTEGER NOT NULL REFERENCES versions (id),
    position    INTEGER NOT NULL,
    role        TEXT NOT NULL,
    file_name   TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    byte_size   INTEGER NOT NULL,
    PRIMARY KEY (version_id, position)
);

CREATE TABLE entity_bodies (
    hash  TEXT PRIMARY KEY,
    body  TEXT NOT NULL
);

CREATE TABLE version_entities (
    version_id  INTEGER NOT NULL REFERENCES versions (id),
    entity_id   TEXT NOT NULL,
    body_hash   TEXT NOT NULL REFERENCES entity_bodies (hash),
    PRIMARY KEY (version_id, entity_id)
);

CREATE INDEX version_entities_by_entity ON version_entities (entity_id);
";

/// Step 2: what `embargo update` remembers between runs.
///
/// * `update_state`: per source, when an update was last attempted, when
///   one last succeeded (the list was found current or a new version was
///   activated) and why the last attempt failed. No foreign key to
///   `sources`: a first download can fail before the source exists.
/// * `download_validators`: per URL, the `ETag` and `Last-Modified` the
///   server sent with the copy that was last imported or confirmed, and
///   that copy's SHA-256, so a later request can be conditional and a
///   "not modified" answer can be checked against the active version.
const UPDATE_STATE: &str = "
CREATE TABLE update_state (
    source_id     TEXT PRIMARY KEY,
    last_attempt  TEXT,
    last_success  TEXT,
    last_error    TEXT
);

CREATE TABLE download_validators (
    url            TEXT PRIMARY KEY,
    etag           TEXT,
    last_modified  TEXT,
    sha256         TEXT NOT NULL,
    saved_at       TEXT NOT NULL
);
";

/// The schema version this build creates and understands.
pub(crate) fn latest_version() -> u32 {
    MIGRATIONS.last().map_or(0, |migration| migration.version)
}

/// Fails when the database was written by a newer build, before anything
/// is changed in it.
pub(crate) fn ensure_not_newer(connection: &Connection, path: &Path) -> Result<(), StoreError> {
    let found =
        sqlite::schema_version(connection).map_err(|error| sqlite::opening_error(error, path))?;
    ensure_supported(found, path)
}

/// Fails with [`StoreError::NewerSchema`] when `found` is past this build.
fn ensure_supported(found: u32, path: &Path) -> Result<(), StoreError> {
    let supported = latest_version();
    if found > supported {
        return Err(StoreError::NewerSchema {
            path: path.to_path_buf(),
            found,
            supported,
        });
    }
    Ok(())
}

/// Applies every step the database lacks. An up-to-date database costs one
/// read and takes no lock; otherwise each step re-reads the version under
/// the write lock, so two processes opening a new file at once apply each
/// step exactly once.
pub(crate) fn migrate(connection: &mut Connection, path: &Path) -> Result<(), StoreError> {
    if sqlite::schema_version(connection)? == latest_version() {
        return Ok(());
    }
    for migration in MIGRATIONS {
        apply_if_missing(connection, migration, path)?;
    }
    Ok(())
}

/// Applies one step unless the database already has it.
fn apply_if_missing(
    connection: &mut Connection,
    migration: &Migration,
    path: &Path,
) -> Result<(), StoreError> {
    let transaction = sqlite::begin_write(connection)?;
    let current = sqlite::schema_version(&transaction)?;
    ensure_supported(current, path)?;
    if current >= migration.version {
        return Ok(());
    }
    transaction.execute_batch(migration.sql)?;
    sqlite::set_schema_version(&transaction, migration.version)?;
    transaction.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_numbered_without_gaps() {
        for (index, migration) in MIGRATIONS.iter().enumerate() {
            assert_eq!(migration.version as usize, index + 1);
        }
    }

    #[test]
    fn migrating_twice_changes_nothing() {
        let mut connection = Connection::open_in_memory().unwrap();
        let path = Path::new(":memory:");
        migrate(&mut connection, path).unwrap();
        migrate(&mut connection, path).unwrap();
        assert_eq!(
            sqlite::schema_version(&connection).unwrap(),
            latest_version()
        );
    }
}
