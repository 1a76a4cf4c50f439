//! Embedded store of every version of every sanctions list embargo reads.
//!
//! # Model
//! * A **source** is one list (`ofac-sdn`, `un`, `custom-blocklist`).
//! * A **version** is one publication of a source, numbered 1, 2, 3, … per
//!   source in import order, with its format, publication date and where
//!   that date came from ([`Publication`]), content hash (SHA-256 over the
//!   files' own SHA-256s in role order), import time, entity count and
//!   files. A source's **active** version, the one screened against, is
//!   its newest *publication*, not its last import: an older publication
//!   imported later is kept as history unless activated on purpose
//!   ([`Store::activate`], [`ImportRequest::force_activation`]).
//! * **Entities** are stored content-addressed: each distinct entity JSON
//!   body once, keyed by the SHA-256 of its canonical JSON, and one
//!   (version, entity id, body hash) row per entity per version. An entity
//!   unchanged across versions costs one small row per version, and the
//!   difference between two versions is a comparison of their (id, hash)
//!   pairs ([`Store::version_entity_hashes`]).
//!
//! # Opening
//! [`Store::open`] opens an existing store and creates nothing;
//! [`Store::open_or_create`] (for `init`, `import`, `update`) creates the
//! file but never its folder. [`StoreLocation`] says which store a command
//! uses (`--db`, `EMBARGO_DB`, the platform default) and refuses URLs this
//! build cannot open.
//!
//! # Imports
//! [`Store::import`] hashes the files first and does nothing more when they
//! are those of a stored version; otherwise it runs the caller's parser
//! with a sink writing into one transaction, committed only when the parser
//! succeeds. The same transaction decides whether the new version becomes
//! active. A failing parse, a duplicate entity id, an I/O error or a crash
//! leaves no trace. Before the commit every import checks the publication
//! is whole (module `completeness`): a file the parser doubts, or a list or
//! file that shrank past the allowed share against the active version it
//! is to replace, is refused unless forced ([`ImportChecks`]).
//!
//! # Concurrency
//! The file runs in SQLite's write-ahead-log mode with a busy timeout: any
//! number of [`Store`] handles, in one process or several, may read and
//! import at once; readers see the last committed state and writers queue.
//!
//! # Monitoring, alerts and audit
//! A **portfolio** holds records (customers) kept by reference
//! ([`Store::add_records`]). [`Store::monitor`] screens them against the
//! active lists and raises an [`Alert`] for each (record, entity) pair that
//! is new or whose evidence (record content, entity data, matched name)
//! changed; [`Store::decide`] appends an analyst's [`Decision`]. Every
//! screening, import, decision and portfolio change is appended to the
//! audit log ([`Store::audit`]), in the same transaction as the change it
//! records. [`Store::diff`] compares two versions of a list.
//!
//! # API keys
//! The HTTP server's keys ([`Store::add_api_key`], [`Store::revoke_api_key`])
//! are kept as SHA-256 digests of random 256-bit secrets, each with a
//! unique name and a [`Role`]; creating and revoking one is audited.
//!
//! # Portability
//! All SQL of embargo lives in this crate, and it is kept plain so that a
//! PostgreSQL backend can be added without touching callers:
//! * `TEXT` and `INTEGER` columns only (hashes as hex, dates and timestamps
//!   as ISO 8601 text);
//! * keys assigned by the store (`MAX + 1` under the write lock) rather than
//!   by autoincrement;
//! * upserts written `ON CONFLICT … DO`, which both engines accept;
//! * parameters numbered `?1`, `?2`, which a PostgreSQL driver needs
//!   rewritten to `$1`, `$2` (a mechanical change).
//!
//! What cannot be written portably (recognizing the file, journal mode,
//! busy timeout, foreign key switch, the schema version number, lock-taking
//! transactions) is confined to the one module `sqlite`. Schema changes are
//! numbered migration steps (module `migrations`) that later features
//! append to.

mod activation;
mod alerts;
mod audit;
mod clock;
mod completeness;
mod copy;
mod db;
mod diff;
mod error;
mod hashing;
mod history;
mod import;
mod keys;
mod migrations;
mod monitor;
mod paths;
mod portfolio;
mod publication;
mod queries;
mod replicas;
mod screening;
mod selector;
mod sqlite;
mod store;
mod update_state;
mod version;

pub use activation::{Activation, ActivationReport};
pub use alerts::{Alert, AlertFilter, AlertStatus, Decision, DecisionRecord};
pub use audit::{
    AuditEntry, AuditKind, ENGINE_VERSION, ScreeningAudit, ScreeningChannel, parse_since,
};
pub use completeness::{DEFAULT_MAX_SHRINK, Finding, ImportChecks, MIN_RECORDS_COMPARED};
pub use copy::CopyReport;
pub use db::postgres::{is_postgres_url, redact_url};
pub use diff::{EntityChange, EntitySummary, FieldChange, VersionDiff, field_changes};
pub use error::StoreError;
pub use history::EntityHistory;
pub use import::{ImportOutcome, ImportRequest};
pub use keys::{
    ActiveKey, ApiKeyInfo, KeyError, NewApiKey, Role, SECRET_PREFIX, check_key_name, secret_digest,
};
pub use monitor::{RunReport, RunTrigger};
pub use paths::{DB_PATH_VAR, StoreLocation, StoreOrigin, default_db_path, store_path};
pub use portfolio::{AddedRecords, PortfolioRecord, PortfolioSummary, StoredRecord};
pub use publication::{Publication, PublicationOrigin, PublishedAt};
pub use replicas::{JobLock, ListChanges};
pub use screening::{BUNDLED_VERSION, DEMO_DESCRIPTION, LoadedLists, demo_lists, load_screener};
pub use selector::{MIN_HASH_PREFIX, VersionSelector};
pub use store::{Store, store_name};
pub use update_state::{DownloadValidators, UpdateState};
pub use version::{FileInfo, SourceSummary, StoreStats, StoredEntity, VersionId, VersionInfo};
