//! The store's error type. Every variant says what to do about it where
//! there is something to do; parser errors pass through unchanged.

use std::fmt;
use std::path::PathBuf;

use embargo_core::sources::SourceError;

use crate::completeness::Finding;

/// Why a store operation failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file exists but is not an SQLite database. It was not modified.
    #[error("{}: not an embargo database (not an SQLite file); the file was left untouched", path.display())]
    NotADatabase {
        /// The file.
        path: PathBuf,
    },
    /// The database was written by a newer embargo whose schema this build
    /// does not know. Nothing was changed.
    #[error(
        "{}: written by a newer embargo (schema version {found}, this build knows up to {supported}); upgrade embargo to open it",
        path.display()
    )]
    NewerSchema {
        /// The database file (`:memory:` for an in-memory store).
        path: PathBuf,
        /// Schema version found in the file.
        found: u32,
        /// Newest schema version this build can use.
        supported: u32,
    },
    /// No store at this path. Nothing was created: only `embargo init`,
    /// `import` and `update` create a store ([`crate::Store::open_or_create`]).
    #[error(
        "no embargo store at {}; nothing was created (check the path, or create the store with `embargo init` or `embargo import`)",
        path.display()
    )]
    NoStore {
        /// The path given.
        path: PathBuf,
    },
    /// The folder a new store was to be created in does not exist (or is
    /// not a folder). Folders are never created for a path the user gave.
    #[error(
        "cannot create the store {}: {} is not an existing folder (check the path; embargo creates no folders for it)",
        store.display(),
        folder.display()
    )]
    NoFolder {
        /// The missing folder.
        folder: PathBuf,
        /// The store that was to be created in it.
        store: PathBuf,
    },
    /// A store named by a URL embargo cannot open (`mysql://…`).
    #[error(
        "{text}: {scheme}:// stores are not supported; give the path of an SQLite file or a postgres:// URL"
    )]
    UnsupportedUrl {
        /// The URL as given.
        text: String,
        /// Its scheme, lower case (`postgres`).
        scheme: String,
    },
    /// The PostgreSQL server of a `postgres://` store could not be
    /// reached or refused the connection.
    #[error("cannot connect to the store {store}: {message}")]
    Connect {
        /// The store's URL, its password replaced by `***`.
        store: String,
        /// What the client or server said.
        message: String,
    },
    /// A store copy was asked into a store that already holds rows.
    #[error(
        "cannot copy into {store}: it is not empty (table {table} has rows); copy into a new file or an empty database"
    )]
    CopyTargetNotEmpty {
        /// The target store, as it may be shown.
        store: String,
        /// A table that has rows.
        table: &'static str,
    },
    /// Another process sharing the store runs this job now.
    #[error("another embargo process is running `{job}` on this store; try again when it is done")]
    JobRunning {
        /// The job (`update`, `watch run`).
        job: &'static str,
    },
    /// A store holds no list, so there is nothing to screen against.
    #[error(
        "the store {} holds no lists; import lists with `embargo import PATH` or `embargo update`",
        path.display()
    )]
    NoLists {
        /// The store's file.
        path: PathBuf,
    },
    /// The publication date given for an import contradicts the one the
    /// files state. Nothing was imported.
    #[error(
        "{source_id}: the files state publication date {stated}, but {given} was given; nothing was imported (drop --published, or check the files)"
    )]
    PublicationConflict {
        /// The source being imported.
        source_id: String,
        /// The date the files state.
        stated: String,
        /// The date given.
        given: String,
    },
    /// The folder for the database could not be created.
    #[error("{}: cannot create folder: {source}", path.display())]
    CreateFolder {
        /// The folder.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// A list file could not be read while computing its content hash.
    #[error("{}: cannot read: {source}", path.display())]
    ReadFile {
        /// The file.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// No home or data folder is known, so there is no default database path.
    #[error("no data folder is known for this user; set EMBARGO_DB to the database path")]
    NoDataFolder,
    /// A source id that cannot prefix entity ids.
    #[error("{0:?} cannot name a list: use letters, digits and dashes, no colon or space")]
    InvalidSourceId(String),
    /// An import named no file.
    #[error("import of {source_id}: no file given")]
    NoFiles {
        /// The source being imported.
        source_id: String,
    },
    /// The parser failed; its message (file and line) is kept as it was.
    #[error(transparent)]
    Parse(SourceError),
    /// The same entity id was handed over twice in one publication.
    #[error("{entity_id} appears twice in this publication of {source_id}; nothing was imported")]
    DuplicateEntity {
        /// The source being imported.
        source_id: String,
        /// The repeated entity id.
        entity_id: String,
    },
    /// An entity could not be turned into JSON.
    #[error("cannot encode entity {entity_id} as JSON: {message}; nothing was imported")]
    Encode {
        /// The entity's id.
        entity_id: String,
        /// What the encoder said.
        message: String,
    },
    /// An entity's id does not start with `<source id>:`.
    #[error(
        "entity id {entity_id:?} does not belong to source {source_id} (ids must start with \"{source_id}:\"); nothing was imported"
    )]
    ForeignEntity {
        /// The source being imported.
        source_id: String,
        /// The offending entity id.
        entity_id: String,
    },
    /// No source has this id.
    #[error("no list named {0:?} in the store")]
    UnknownSource(String),
    /// A version selector matched no version of the source.
    #[error("{source_id} has no version {selector}")]
    NoSuchVersion {
        /// The source.
        source_id: String,
        /// The selector as the user wrote it.
        selector: String,
    },
    /// A version selector matched several versions.
    #[error(
        "{selector} matches several versions of {source_id} ({}); name one by its number",
        SequenceList(matches)
    )]
    AmbiguousVersion {
        /// The source.
        source_id: String,
        /// The selector as the user wrote it.
        selector: String,
        /// Sequence numbers of the matching versions, ascending.
        matches: Vec<u32>,
    },
    /// Text that is not a version selector.
    #[error(
        "{text:?} is not a version: expected a number (3 or v3), a publication date (2023-05-23), `latest` or at least 6 hex digits of a content hash"
    )]
    InvalidSelector {
        /// The text given.
        text: String,
    },
    /// No portfolio has this name.
    #[error(
        "no portfolio named {0:?}; add records with `embargo watch add --name NAME --input FILE`"
    )]
    UnknownPortfolio(String),
    /// A portfolio name that is empty or holds control characters.
    #[error("{0:?} cannot name a portfolio: it is empty or holds control characters")]
    InvalidPortfolioName(String),
    /// No alert has this id.
    #[error("no alert {0}; `embargo alerts` lists them")]
    UnknownAlert(i64),
    /// A decision was asked on an alert whose pair has a newer alert.
    #[error(
        "alert {alert} was superseded by alert {newer} (the evidence changed); decide on alert {newer}"
    )]
    AlertSuperseded {
        /// The alert named.
        alert: i64,
        /// The newest alert of the same pair.
        newer: i64,
    },
    /// Monitoring was asked for while the store holds no list.
    #[error(
        "no lists imported: monitoring needs imported lists (it never runs against the bundled demo list); import lists with `embargo import PATH`"
    )]
    NoListsToMonitor,
    /// A diff was asked between versions of two different sources.
    #[error("cannot compare {from} with {to}: they are versions of different lists")]
    DifferentSources {
        /// The first version's source.
        from: String,
        /// The second version's source.
        to: String,
    },
    /// An API key could not be created, found or revoked.
    #[error(transparent)]
    Key(#[from] crate::keys::KeyError),
    /// Stored data this build cannot read back (damaged or hand-edited file).
    #[error("damaged store: {0}")]
    Damaged(String),
    /// The publication looks incomplete (a file cut short, a list or file
    /// that shrank past the allowed share); nothing was imported.
    #[error(
        "{source_id}: the publication looks incomplete, so nothing was imported and the active version, if any, stays (use --force to import it anyway): {}",
        FindingList(findings)
    )]
    Incomplete {
        /// The source being imported.
        source_id: String,
        /// What was found, each naming its file.
        findings: Vec<Finding>,
    },
    /// The database engine reported an error.
    #[error("database error: {0}")]
    Database(#[source] Box<dyn std::error::Error + Send + Sync>),
}

impl From<rusqlite::Error> for StoreError {
    fn from(error: rusqlite::Error) -> StoreError {
        StoreError::Database(Box::new(error))
    }
}

impl From<postgres::Error> for StoreError {
    /// The server's own message when it sent one (the client's `Display`
    /// says only "db error"), else the client's.
    fn from(error: postgres::Error) -> StoreError {
        let message = match error.as_db_error() {
            Some(db) => format!("{}: {}", db.severity(), db.message()),
            None => error.to_string(),
        };
        StoreError::Database(Box::new(PostgresError(message)))
    }
}

/// A PostgreSQL error, as its message.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
struct PostgresError(String);

/// Sequence numbers written `v1, v3` in messages.
struct SequenceList<'a>(&'a [u32]);

/// Findings of the completeness checks, `; `-separated.
struct FindingList<'a>(&'a [Finding]);

impl fmt::Display for FindingList<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, finding) in self.0.iter().enumerate() {
            if index > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{finding}")?;
        }
        Ok(())
    }
}

impl fmt::Display for SequenceList<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, sequence) in self.0.iter().enumerate() {
            if index > 0 {
                f.write_str(", ")?;
            }
            write!(f, "v{sequence}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ambiguous_version_lists_the_matches() {
        let error = StoreError::AmbiguousVersion {
            source_id: "ofac-sdn".to_string(),
            selector: "2023-05-23".to_string(),
            matches: vec![1, 3],
        };
        assert_eq!(
            error.to_string(),
            "2023-05-23 matches several versions of ofac-sdn (v1, v3); name one by its number"
        );
    }

    #[test]
    fn parse_errors_keep_the_parser_message() {
        let source = SourceError::malformed(std::path::Path::new("sdn.csv"), 12, "bad quote");
        let message = source.to_string();
        assert_eq!(StoreError::Parse(source).to_string(), message);
    }
}
