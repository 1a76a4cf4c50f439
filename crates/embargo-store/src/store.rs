//! The [`Store`] handle: opening an SQLite file or a PostgreSQL database
//! and bringing its schema up to date.

use std::path::{Path, PathBuf};

use crate::db::postgres::{self as pg, PgConn, is_postgres_url, redact_url};
use crate::db::{Backend, Db};
use crate::{StoreError, migrations, sqlite};

/// Label used as the path of an in-memory store in messages.
const IN_MEMORY: &str = ":memory:";

/// An open embargo database: an SQLite file (the embedded default) or a
/// PostgreSQL database named by a `postgres://` URL.
///
/// One handle is one connection: use it from one thread at a time (it is
/// `Send`, not `Sync`). Any number of handles, in this process or others,
/// may open the same store; readers never wait, writers queue.
#[derive(Debug)]
pub struct Store {
    pub(crate) connection: Db,
    path: PathBuf,
}

impl Store {
    /// Opens the existing store at `path`, applying any schema migration
    /// it lacks. `path` is an SQLite file, or a `postgres://` (or
    /// `postgresql://`) URL of a PostgreSQL database.
    ///
    /// Creates nothing: a missing file, or a database without an embargo
    /// schema, is [`StoreError::NoStore`] (a mistyped path must not become
    /// a new, empty store; see [`Store::open_or_create`]). Fails without
    /// touching the file when it is not an SQLite database
    /// ([`StoreError::NotADatabase`]) or was written by a newer embargo
    /// ([`StoreError::NewerSchema`]).
    pub fn open(path: impl AsRef<Path>) -> Result<Store, StoreError> {
        let path = path.as_ref();
        if let Some(url) = postgres_url(path) {
            return Store::open_postgres(url, false);
        }
        if !path.exists() {
            return Err(StoreError::NoStore {
                path: path.to_path_buf(),
            });
        }
        Store::open_file(path, sqlite::open_existing_file(path)?)
    }

    /// Opens the store at `path`, creating it (an empty store in a new
    /// file, or the schema in an empty PostgreSQL database) when missing:
    /// what `embargo init`, `import` and `update` do. The folder of a file
    /// must exist: it is never created ([`StoreError::NoFolder`]).
    pub fn open_or_create(path: impl AsRef<Path>) -> Result<Store, StoreError> {
        let path = path.as_ref();
        if let Some(url) = postgres_url(path) {
            return Store::open_postgres(url, true);
        }
        ensure_parent_folder(path)?;
        Store::open_file(path, sqlite::open_file(path)?)
    }

    /// Checks, configures and migrates a freshly opened file.
    fn open_file(path: &Path, connection: rusqlite::Connection) -> Result<Store, StoreError> {
        migrations::ensure_not_newer(&connection, path)?;
        sqlite::configure_file_connection(&connection)
            .map_err(|error| sqlite::opening_error(error, path))?;
        let mut connection = Db::Sqlite(connection);
        migrations::migrate(&mut connection, path)?;
        Ok(Store {
            connection,
            path: path.to_path_buf(),
        })
    }

    /// Connects to a PostgreSQL store; without an embargo schema there, it
    /// is created only when `create` is set.
    fn open_postgres(url: &str, create: bool) -> Result<Store, StoreError> {
        let mut connection = Db::Postgres(Box::new(PgConn::new(pg::connect(url)?)));
        let shown = PathBuf::from(redact_url(url));
        let found = migrations::schema_version(&connection)?;
        migrations::ensure_supported(found, &shown)?;
        if found == 0 && !create {
            return Err(StoreError::NoStore { path: shown });
        }
        migrations::migrate(&mut connection, &shown)?;
        Ok(Store {
            connection,
            path: PathBuf::from(url),
        })
    }

    /// A fresh store in memory, gone when dropped. For tests and one-off
    /// runs.
    pub fn open_in_memory() -> Result<Store, StoreError> {
        let connection = sqlite::open_in_memory()?;
        let path = Path::new(IN_MEMORY);
        sqlite::enable_foreign_keys(&connection)?;
        let mut connection = Db::Sqlite(connection);
        migrations::migrate(&mut connection, path)?;
        Ok(Store {
            connection,
            path: path.to_path_buf(),
        })
    }

    /// The database file (`:memory:` for an in-memory store), or the URL
    /// of a PostgreSQL store as given, password included: show
    /// [`Store::name`] instead.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The store as it may be shown: the file path, or the URL with its
    /// password replaced by `***`.
    pub fn name(&self) -> String {
        store_name(&self.path)
    }

    /// True when the store is a PostgreSQL database.
    pub fn is_postgres(&self) -> bool {
        self.connection.backend() == Backend::Postgres
    }

    /// The newest schema version this build creates and understands (the
    /// number of its last migration step).
    pub fn supported_schema_version() -> u32 {
        migrations::latest_version()
    }

    /// The schema version of the database (the number of the last migration
    /// applied).
    pub fn schema_version(&self) -> Result<u32, StoreError> {
        migrations::schema_version(&self.connection)
    }
}

/// The URL in `path` when it names a PostgreSQL store.
fn postgres_url(path: &Path) -> Option<&str> {
    path.to_str().filter(|text| is_postgres_url(text))
}

/// A store path or URL as it may be shown (passwords replaced by `***`).
pub fn store_name(path: &Path) -> String {
    match postgres_url(path) {
        Some(url) => redact_url(url),
        None => path.display().to_string(),
    }
}

/// Fails with [`StoreError::NoFolder`] unless the folder `path` goes in
/// exists (a path without a folder is in the current one).
fn ensure_parent_folder(path: &Path) -> Result<(), StoreError> {
    match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() && !folder.is_dir() => {
            Err(StoreError::NoFolder {
                folder: folder.to_path_buf(),
                store: path.to_path_buf(),
            })
        }
        _ => Ok(()),
    }
}
