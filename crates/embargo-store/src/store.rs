//! The [`Store`] handle: opening a database file and bringing its schema up
//! to date.

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use crate::{StoreError, migrations, sqlite};

/// Label used as the path of an in-memory store in messages.
const IN_MEMORY: &str = ":memory:";

/// An open embargo database.
///
/// One handle is one connection: use it from one thread at a time (it is
/// `Send`, not `Sync`). Any number of handles, in this process or others,
/// may open the same file; readers never wait, writers queue.
#[derive(Debug)]
pub struct Store {
    pub(crate) connection: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens the existing database at `path`, applying any schema
    /// migration it lacks.
    ///
    /// Creates nothing: a missing file is [`StoreError::NoStore`] (a
    /// mistyped path must not become a new, empty store; see
    /// [`Store::open_or_create`]). Fails without touching the file when it
    /// is not an SQLite database ([`StoreError::NotADatabase`]) or was
    /// written by a newer embargo ([`StoreError::NewerSchema`]).
    pub fn open(path: impl AsRef<Path>) -> Result<Store, StoreError> {
        let path = path.as_ref();
        if !path.exists() {
            return Err(StoreError::NoStore {
                path: path.to_path_buf(),
            });
        }
        Store::open_file(path, sqlite::open_existing_file(path)?)
    }

    /// Opens the database at `path`, creating the file (and an empty
    /// store in it) when missing: what `embargo init`, `import` and
    /// `update` do. The folder must exist: it is never created
    /// ([`StoreError::NoFolder`]).
    pub fn open_or_create(path: impl AsRef<Path>) -> Result<Store, StoreError> {
        let path = path.as_ref();
        ensure_parent_folder(path)?;
        Store::open_file(path, sqlite::open_file(path)?)
    }

    /// Checks, configures and migrates a freshly opened file.
    fn open_file(path: &Path, mut connection: Connection) -> Result<Store, StoreError> {
        migrations::ensure_not_newer(&connection, path)?;
        sqlite::configure_file_connection(&connection)
            .map_err(|error| sqlite::opening_error(error, path))?;
        migrations::migrate(&mut connection, path)?;
        Ok(Store {
            connection,
            path: path.to_path_buf(),
        })
    }

    /// A fresh store in memory, gone when dropped. For tests and one-off
    /// runs.
    pub fn open_in_memory() -> Result<Store, StoreError> {
        let mut connection = sqlite::open_in_memory()?;
        let path = Path::new(IN_MEMORY);
        sqlite::enable_foreign_keys(&connection)?;
        migrations::migrate(&mut connection, path)?;
        Ok(Store {
            connection,
            path: path.to_path_buf(),
        })
    }

    /// The database file (`:memory:` for an in-memory store).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The newest schema version this build creates and understands (the
    /// number of its last migration step).
    pub fn supported_schema_version() -> u32 {
        migrations::latest_version()
    }

    /// The schema version of the database (the number of the last migration
    /// applied).
    pub fn schema_version(&self) -> Result<u32, StoreError> {
        Ok(sqlite::schema_version(&self.connection)?)
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
