//! Schema migrations: one numbered step per change, applied in order, each
//! in its own transaction, the number of the last one applied kept in the
//! database (SQLite: `PRAGMA user_version`; PostgreSQL: the one-row table
//! `embargo_schema`). Both backends share the step numbers: a store at
//! version 6 has the same tables on either.
//!
//! A later feature (portfolios, alerts, audit log, download state) adds its
//! tables by appending a step to [`MIGRATIONS`]; a step once released is
//! never edited. A step's tables use plain types (`TEXT`, `INTEGER`) and
//! no engine-specific syntax; on PostgreSQL `INTEGER` becomes `BIGINT`
//! (SQLite's integers are 64-bit) and nothing else changes. Triggers are
//! written once per engine (`sqlite` and `postgres` parts of a step).

use std::path::Path;

use rusqlite::Connection;

use crate::StoreError;
use crate::db::{Backend, Db, params};
use crate::sqlite;

/// One schema change.
struct Migration {
    /// Schema version the database has once this step is applied.
    version: u32,
    /// The portable statements, run as one batch.
    sql: &'static str,
    /// Statements only SQLite runs, after `sql`.
    sqlite: &'static str,
    /// Statements only PostgreSQL runs, after `sql`.
    postgres: &'static str,
}

impl Migration {
    /// The statements of this step for `backend`.
    fn statements(&self, backend: Backend) -> String {
        match backend {
            Backend::Sqlite => format!("{}\n{}", self.sql, self.sqlite),
            Backend::Postgres => {
                format!(
                    "{}\n{}",
                    self.sql.replace(" INTEGER", " BIGINT"),
                    self.postgres
                )
            }
        }
    }
}

/// Every schema change, oldest first; `version` runs 1, 2, 3, … without gaps.
const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        sql: LIST_VERSIONS,
        sqlite: "",
        postgres: "",
    },
    Migration {
        version: 2,
        sql: MONITORING,
        sqlite: MONITORING_SQLITE,
        postgres: MONITORING_POSTGRES,
    },
    Migration {
        version: 3,
        sql: UPDATE_STATE,
        sqlite: "",
        postgres: "",
    },
    Migration {
        version: 4,
        sql: FILE_RECORDS,
        sqlite: "",
        postgres: "",
    },
    Migration {
        version: 5,
        sql: PUBLICATION_AND_ACTIVATION,
        sqlite: "",
        postgres: PUBLICATION_AND_ACTIVATION_POSTGRES,
    },
    Migration {
        version: 6,
        sql: API_KEYS,
        sqlite: API_KEYS_SQLITE,
        postgres: API_KEYS_POSTGRES,
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

/// Step 2: monitored portfolios, monitoring runs, alerts, analyst
/// decisions and the audit log.
///
/// * `portfolio_records` is keyed by (portfolio, reference): adding a record
///   again with the same reference replaces it. `query` is the record's
///   query as JSON, `content_hash` the SHA-256 of that JSON.
/// * An `alerts` row is one raising of a (portfolio, record, entity) pair;
///   `fingerprint` hashes the evidence (record content, entity body, matched
///   name). A pair is raised again only when its fingerprint changes.
/// * `monitoring_runs`, `alerts`, `alert_decisions` and `audit_log` are
///   append-only: the triggers refuse every update and delete, so a
///   decision is superseded by a newer one, never overwritten. (Triggers are
///   the one engine-specific part of this step: [`MONITORING_SQLITE`],
///   [`MONITORING_POSTGRES`].)
/// * Scores and thresholds are kept as text (`0.900`), like every other
///   number that is not a count or key.
const MONITORING: &str = "
CREATE TABLE portfolios (
    id          TEXT PRIMARY KEY,
    created_at  TEXT NOT NULL
);

CREATE TABLE portfolio_records (
    portfolio_id  TEXT NOT NULL REFERENCES portfolios (id),
    reference     TEXT NOT NULL,
    query         TEXT NOT NULL,
    content_hash  TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    PRIMARY KEY (portfolio_id, reference)
);

CREATE TABLE monitoring_runs (
    id            INTEGER PRIMARY KEY,
    portfolio_id  TEXT NOT NULL REFERENCES portfolios (id),
    started_at    TEXT NOT NULL,
    finished_at   TEXT NOT NULL,
    trigger_kind  TEXT NOT NULL,
    lists         TEXT NOT NULL,
    threshold     TEXT NOT NULL,
    records       INTEGER NOT NULL,
    matches       INTEGER NOT NULL,
    new_alerts    INTEGER NOT NULL
);

CREATE INDEX monitoring_runs_by_portfolio ON monitoring_runs (portfolio_id);

CREATE TABLE alerts (
    id            INTEGER PRIMARY KEY,
    run_id        INTEGER NOT NULL REFERENCES monitoring_runs (id),
    portfolio_id  TEXT NOT NULL,
    reference     TEXT NOT NULL,
    entity_id     TEXT NOT NULL,
    fingerprint   TEXT NOT NULL,
    raised_at     TEXT NOT NULL,
    score         TEXT NOT NULL,
    record_name   TEXT NOT NULL,
    entity_name   TEXT NOT NULL,
    matched_name  TEXT NOT NULL,
    result        TEXT NOT NULL
);

CREATE INDEX alerts_by_pair ON alerts (portfolio_id, reference, entity_id);

CREATE TABLE alert_decisions (
    id          INTEGER PRIMARY KEY,
    alert_id    INTEGER NOT NULL REFERENCES alerts (id),
    decision    TEXT NOT NULL,
    note        TEXT NOT NULL,
    decided_by  TEXT NOT NULL,
    decided_at  TEXT NOT NULL
);

CREATE INDEX alert_decisions_by_alert ON alert_decisions (alert_id);

CREATE TABLE audit_log (
    id       INTEGER PRIMARY KEY,
    at       TEXT NOT NULL,
    kind     TEXT NOT NULL,
    actor    TEXT NOT NULL,
    summary  TEXT NOT NULL,
    detail   TEXT NOT NULL
);

CREATE INDEX audit_log_by_time ON audit_log (at);
";

/// Step 2 on SQLite: the append-only triggers.
const MONITORING_SQLITE: &str = "
CREATE TRIGGER monitoring_runs_no_update BEFORE UPDATE ON monitoring_runs
BEGIN SELECT RAISE(ABORT, 'monitoring runs are append-only'); END;
CREATE TRIGGER monitoring_runs_no_delete BEFORE DELETE ON monitoring_runs
BEGIN SELECT RAISE(ABORT, 'monitoring runs are append-only'); END;
CREATE TRIGGER alerts_no_update BEFORE UPDATE ON alerts
BEGIN SELECT RAISE(ABORT, 'alerts are append-only'); END;
CREATE TRIGGER alerts_no_delete BEFORE DELETE ON alerts
BEGIN SELECT RAISE(ABORT, 'alerts are append-only'); END;
CREATE TRIGGER alert_decisions_no_update BEFORE UPDATE ON alert_decisions
BEGIN SELECT RAISE(ABORT, 'decisions are append-only: record a new one'); END;
CREATE TRIGGER alert_decisions_no_delete BEFORE DELETE ON alert_decisions
BEGIN SELECT RAISE(ABORT, 'decisions are append-only: record a new one'); END;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
";

/// Step 2 on PostgreSQL: the append-only triggers, one function raising
/// the message each trigger passes it. `TRUNCATE`, which skips row
/// triggers, is refused too.
const MONITORING_POSTGRES: &str = "
CREATE FUNCTION embargo_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'restrict_violation';
END
$$;
CREATE TRIGGER monitoring_runs_append_only BEFORE UPDATE OR DELETE ON monitoring_runs
FOR EACH ROW EXECUTE FUNCTION embargo_refuse_change('monitoring runs are append-only');
CREATE TRIGGER monitoring_runs_no_truncate BEFORE TRUNCATE ON monitoring_runs
FOR EACH STATEMENT EXECUTE FUNCTION embargo_refuse_change('monitoring runs are append-only');
CREATE TRIGGER alerts_append_only BEFORE UPDATE OR DELETE ON alerts
FOR EACH ROW EXECUTE FUNCTION embargo_refuse_change('alerts are append-only');
CREATE TRIGGER alerts_no_truncate BEFORE TRUNCATE ON alerts
FOR EACH STATEMENT EXECUTE FUNCTION embargo_refuse_change('alerts are append-only');
CREATE TRIGGER alert_decisions_append_only BEFORE UPDATE OR DELETE ON alert_decisions
FOR EACH ROW EXECUTE FUNCTION embargo_refuse_change('decisions are append-only: record a new one');
CREATE TRIGGER alert_decisions_no_truncate BEFORE TRUNCATE ON alert_decisions
FOR EACH STATEMENT EXECUTE FUNCTION embargo_refuse_change('decisions are append-only: record a new one');
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
FOR EACH ROW EXECUTE FUNCTION embargo_refuse_change('the audit log is append-only');
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
FOR EACH STATEMENT EXECUTE FUNCTION embargo_refuse_change('the audit log is append-only');
";

/// Step 3: what `embargo update` remembers between runs.
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

/// Step 4: how many records each file of a version held (rows of an OFAC
/// CSV file, records of an XML or JSON-lines file), so that the next import
/// can refuse a file that lost most of its rows (see `completeness`).
/// Versions imported before this step have no rows here and are not
/// compared file by file.
const FILE_RECORDS: &str = "
CREATE TABLE version_file_records (
    version_id  INTEGER NOT NULL REFERENCES versions (id),
    role        TEXT NOT NULL,
    records     INTEGER NOT NULL,
    PRIMARY KEY (version_id, role)
);
";

/// Step 5: every version's publication date and where it came from, and
/// an explicit active version per source.
///
/// * `versions.published_at`: the publication as a day (`2024-05-03`) or
///   a moment (RFC 3339, UTC); `published_from` says how it is known
///   (`file`, `option`, `last-modified`, `file-modified`, `import-time`;
///   see `PublicationOrigin`). Versions stored before this step keep the
///   date their files stated, else get their import time, marked
///   `import-time`.
/// * `sources.active_version`: the version screened against. Until this
///   step it was the last import; it stays so for existing stores (a
///   migration never changes what is screened). From now on an import
///   activates a version only when it is not older than the active one,
///   decided inside the import's write transaction.
const PUBLICATION_AND_ACTIVATION: &str = "
ALTER TABLE versions ADD COLUMN published_at TEXT;
ALTER TABLE versions ADD COLUMN published_from TEXT NOT NULL DEFAULT 'import-time';

UPDATE versions SET published_at = published, published_from = 'file'
WHERE published IS NOT NULL AND length(published) = 10;

UPDATE versions SET published_at = imported_at, published_from = 'import-time'
WHERE published_at IS NULL;

ALTER TABLE sources ADD COLUMN active_version INTEGER REFERENCES versions (id);

UPDATE sources SET active_version = (
    SELECT v.id FROM versions v
    WHERE v.source_id = sources.id
      AND v.sequence = (SELECT MAX(w.sequence) FROM versions w WHERE w.source_id = sources.id)
);
";

/// Step 5 on PostgreSQL: every change of a source's active version is
/// announced on the `embargo_lists` channel, delivered when its
/// transaction commits, so that every `embargo serve` replica on the store
/// reloads at once (see `Store::list_changes`).
const PUBLICATION_AND_ACTIVATION_POSTGRES: &str = "
CREATE FUNCTION embargo_announce_lists() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('embargo_lists', NEW.id);
    RETURN NULL;
END
$$;
CREATE TRIGGER sources_announce AFTER INSERT OR UPDATE OF active_version ON sources
FOR EACH ROW EXECUTE FUNCTION embargo_announce_lists();
";

/// Step 6: the API keys of the HTTP server (see `keys`).
///
/// * `digest` is the SHA-256 (hex) of the key's secret; the secret itself
///   is never stored.
/// * A key is revoked by setting `revoked_at` and `revoked_by`; rows are
///   never deleted and no other column changes, so a name always means the
///   one key it was given to.
const API_KEYS: &str = "
CREATE TABLE api_keys (
    name        TEXT PRIMARY KEY,
    role        TEXT NOT NULL,
    digest      TEXT NOT NULL UNIQUE,
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    revoked_at  TEXT,
    revoked_by  TEXT
);
";

/// Step 6 on SQLite: rows are never deleted, only revoked.
const API_KEYS_SQLITE: &str = "
CREATE TRIGGER api_keys_no_delete BEFORE DELETE ON api_keys
BEGIN SELECT RAISE(ABORT, 'api_keys rows are never deleted: revoke the key'); END;
CREATE TRIGGER api_keys_only_revoked BEFORE UPDATE OF name, role, digest, created_at, created_by ON api_keys
BEGIN SELECT RAISE(ABORT, 'api_keys rows only change when revoked'); END;
";

/// Step 6 on PostgreSQL: rows are never deleted, only revoked.
const API_KEYS_POSTGRES: &str = "
CREATE TRIGGER api_keys_no_delete BEFORE DELETE ON api_keys
FOR EACH ROW EXECUTE FUNCTION embargo_refuse_change('api_keys rows are never deleted: revoke the key');
CREATE TRIGGER api_keys_no_truncate BEFORE TRUNCATE ON api_keys
FOR EACH STATEMENT EXECUTE FUNCTION embargo_refuse_change('api_keys rows are never deleted: revoke the key');
CREATE TRIGGER api_keys_only_revoked BEFORE UPDATE OF name, role, digest, created_at, created_by ON api_keys
FOR EACH ROW EXECUTE FUNCTION embargo_refuse_change('api_keys rows only change when revoked');
";

/// The schema version this build creates and understands.
pub(crate) fn latest_version() -> u32 {
    MIGRATIONS.last().map_or(0, |migration| migration.version)
}

/// Fails when the SQLite file was written by a newer build, before
/// anything is changed in it.
pub(crate) fn ensure_not_newer(connection: &Connection, path: &Path) -> Result<(), StoreError> {
    let found =
        sqlite::schema_version(connection).map_err(|error| sqlite::opening_error(error, path))?;
    ensure_supported(found, path)
}

/// Fails with [`StoreError::NewerSchema`] when `found` is past this build.
pub(crate) fn ensure_supported(found: u32, path: &Path) -> Result<(), StoreError> {
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

/// The schema version of the database (0 for an empty one).
pub(crate) fn schema_version(db: &Db) -> Result<u32, StoreError> {
    match db {
        Db::Sqlite(connection) => Ok(sqlite::schema_version(connection)?),
        Db::Postgres(_) => {
            let exists: bool = db.query_row(
                "SELECT to_regclass('embargo_schema') IS NOT NULL",
                (),
                |row| row.get(0),
            )?;
            if !exists {
                return Ok(0);
            }
            let version: Option<u32> =
                db.query_opt("SELECT version FROM embargo_schema", (), |row| row.get(0))?;
            Ok(version.unwrap_or(0))
        }
    }
}

/// Records the schema version inside the migration's transaction.
fn set_schema_version(db: &Db, version: u32) -> Result<(), StoreError> {
    match db {
        Db::Sqlite(connection) => {
            connection.pragma_update(None, "user_version", version)?;
        }
        Db::Postgres(_) => {
            db.execute_batch(
                "CREATE TABLE IF NOT EXISTS embargo_schema (
                     id INTEGER PRIMARY KEY CHECK (id = 1),
                     version BIGINT NOT NULL)",
            )?;
            db.execute(
                "INSERT INTO embargo_schema (id, version) VALUES (1, ?1) \
                 ON CONFLICT (id) DO UPDATE SET version = excluded.version",
                params![version],
            )?;
        }
    }
    Ok(())
}

/// Applies every step the database lacks. An up-to-date database costs one
/// read and takes no lock; otherwise each step re-reads the version under
/// the write lock, so two processes opening a new store at once apply each
/// step exactly once.
pub(crate) fn migrate(db: &mut Db, path: &Path) -> Result<(), StoreError> {
    if schema_version(db)? == latest_version() {
        return Ok(());
    }
    for migration in MIGRATIONS {
        apply_if_missing(db, migration, path)?;
    }
    Ok(())
}

/// Applies one step unless the database already has it.
fn apply_if_missing(db: &mut Db, migration: &Migration, path: &Path) -> Result<(), StoreError> {
    let backend = db.backend();
    let transaction = db.begin_write()?;
    let current = schema_version(&transaction)?;
    ensure_supported(current, path)?;
    if current >= migration.version {
        return Ok(());
    }
    transaction.execute_batch(&migration.statements(backend))?;
    set_schema_version(&transaction, migration.version)?;
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

    /// A store written before step 4 (schema 3): the last import stays
    /// active, a stated publication date is kept as `file`, a missing one
    /// becomes the import time, marked `import-time`.
    #[test]
    fn a_schema_3_store_keeps_its_active_version_and_gets_publication_dates() {
        let connection = Connection::open_in_memory().unwrap();
        for migration in &MIGRATIONS[..3] {
            connection
                .execute_batch(&migration.statements(Backend::Sqlite))
                .unwrap();
        }
        connection
            .execute_batch(
                "INSERT INTO sources VALUES ('ofac-sdn', 'ofac-sdn', '2025-01-01T00:00:00.000Z');
                 INSERT INTO sources VALUES ('un', 'un', '2025-01-01T00:00:00.000Z');
                 INSERT INTO versions VALUES (1, 'ofac-sdn', 1, 'ofac-sdn', NULL, 'a',
                     '2025-01-01T10:00:00.000Z', 5);
                 INSERT INTO versions VALUES (2, 'ofac-sdn', 2, 'ofac-sdn', '2023-05-19', 'b',
                     '2025-01-02T10:00:00.000Z', 4);
                 INSERT INTO versions VALUES (3, 'un', 1, 'un', '2026-02-27', 'c',
                     '2026-03-01T08:00:00.000Z', 3);",
            )
            .unwrap();
        connection.pragma_update(None, "user_version", 3).unwrap();
        let mut db = Db::Sqlite(connection);

        migrate(&mut db, Path::new(":memory:")).unwrap();
        let Db::Sqlite(connection) = db else {
            unreachable!()
        };

        let rows: Vec<(i64, String, String)> = connection
            .prepare("SELECT id, published_at, published_from FROM versions ORDER BY id")
            .unwrap()
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(
            rows,
            [
                (1, "2025-01-01T10:00:00.000Z".into(), "import-time".into()),
                (2, "2023-05-19".into(), "file".into()),
                (3, "2026-02-27".into(), "file".into()),
            ]
        );
        let active: Vec<(String, i64)> = connection
            .prepare("SELECT id, active_version FROM sources ORDER BY id")
            .unwrap()
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(active, [("ofac-sdn".into(), 2), ("un".into(), 3)]);
    }

    #[test]
    fn migrating_twice_changes_nothing() {
        let mut db = Db::Sqlite(Connection::open_in_memory().unwrap());
        let path = Path::new(":memory:");
        migrate(&mut db, path).unwrap();
        migrate(&mut db, path).unwrap();
        assert_eq!(schema_version(&db).unwrap(), latest_version());
    }
}
