//! Which store a command uses: `--db`, else `$EMBARGO_DB`, else the
//! platform's data folder; and how a store path may be written.
//!
//! A path the user typed (the flag or the variable) is taken as it is: the
//! store must exist there, or be created there by a command that creates
//! stores, and its folder is never created (a typo must not become a new,
//! empty store). Only the platform default's folder, which embargo owns,
//! is created when a store is first made there.
//!
//! A store may also be named by a `file://` URL of a local file, or be a
//! PostgreSQL database named by a `postgres://` (or `postgresql://`) URL,
//! kept as written in [`StoreLocation::path`] and shown with its password
//! replaced by `***`. Any other `scheme://` (MySQL, a remote file) is
//! refused, naming it, rather than taken for a file name.

use std::ffi::{OsStr, OsString};
use std::fmt;
use std::path::{Path, PathBuf};

use directories::ProjectDirs;

use crate::{Store, StoreError};

/// Environment variable naming the database file.
pub const DB_PATH_VAR: &str = "EMBARGO_DB";

/// File name of the database inside the data folder.
const DB_FILE_NAME: &str = "embargo.db";

/// Who named the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoreOrigin {
    /// The `--db` flag.
    Flag,
    /// The `EMBARGO_DB` environment variable.
    Environment,
    /// Nobody: the platform's data folder.
    PlatformDefault,
}

impl fmt::Display for StoreOrigin {
    /// `--db`, `EMBARGO_DB` or `the default location`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            StoreOrigin::Flag => "--db",
            StoreOrigin::Environment => DB_PATH_VAR,
            StoreOrigin::PlatformDefault => "the default location",
        })
    }
}

/// Where the store is and who said so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreLocation {
    /// The database file, or the `postgres://` URL of a PostgreSQL store
    /// (which may hold a password: show it with [`StoreLocation::name`]).
    pub path: PathBuf,
    /// Who named it.
    pub origin: StoreOrigin,
}

impl StoreLocation {
    /// The store named by `flag` (the `--db` value), else by
    /// `$EMBARGO_DB` when set and not empty, else `embargo.db` in the
    /// platform's data folder for embargo (`~/.local/share/embargo/` on
    /// Linux, `~/Library/Application Support/embargo/` on macOS,
    /// `%APPDATA%\embargo\data\` on Windows). Fails on a URL this build
    /// cannot open ([`StoreError::UnsupportedUrl`]).
    pub fn resolve(flag: Option<&OsStr>) -> Result<StoreLocation, StoreError> {
        let data_folder =
            ProjectDirs::from("", "", "embargo").map(|dirs| dirs.data_dir().to_path_buf());
        resolve_from(flag, std::env::var_os(DB_PATH_VAR), data_folder.as_deref())
    }

    /// True when no store is configured at all: neither `--db` nor
    /// `EMBARGO_DB` names one and there is none at the default location.
    /// Only then is the bundled demo list screened against.
    pub fn is_unconfigured(&self) -> bool {
        self.origin == StoreOrigin::PlatformDefault && !self.path.exists()
    }

    /// True for a PostgreSQL store.
    pub fn is_postgres(&self) -> bool {
        self.path.to_str().is_some_and(crate::is_postgres_url)
    }

    /// The store as it may be shown: the file path, or the URL with its
    /// password replaced by `***`.
    pub fn name(&self) -> String {
        crate::store_name(&self.path)
    }

    /// Opens the store, which must exist ([`StoreError::NoStore`]
    /// otherwise; nothing is created).
    pub fn open(&self) -> Result<Store, StoreError> {
        Store::open(&self.path)
    }

    /// Opens the store, creating it when missing (for `init`, `import`
    /// and `update`). The folder must exist ([`StoreError::NoFolder`]),
    /// except the platform default's, which is created.
    pub fn open_or_create(&self) -> Result<Store, StoreError> {
        if self.origin == StoreOrigin::PlatformDefault {
            create_parent_folder(&self.path)?;
        }
        Store::open_or_create(&self.path)
    }
}

impl fmt::Display for StoreLocation {
    /// `/tmp/x.db (from --db)`, `postgres://u:***@h/db (from EMBARGO_DB)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (from {})", self.name(), self.origin)
    }
}

/// The database path: `$EMBARGO_DB` when set and not empty, else
/// `embargo.db` in the platform's data folder (see
/// [`StoreLocation::resolve`], which also takes `--db`).
pub fn default_db_path() -> Result<PathBuf, StoreError> {
    StoreLocation::resolve(None).map(|location| location.path)
}

/// The rule of [`StoreLocation::resolve`], given the flag, the variable's
/// value and the data folder.
fn resolve_from(
    flag: Option<&OsStr>,
    variable: Option<OsString>,
    data_folder: Option<&Path>,
) -> Result<StoreLocation, StoreError> {
    if let Some(text) = flag {
        return Ok(StoreLocation {
            path: store_path(text)?,
            origin: StoreOrigin::Flag,
        });
    }
    match variable {
        Some(value) if !value.is_empty() => Ok(StoreLocation {
            path: store_path(&value)?,
            origin: StoreOrigin::Environment,
        }),
        _ => data_folder
            .map(|folder| StoreLocation {
                path: folder.join(DB_FILE_NAME),
                origin: StoreOrigin::PlatformDefault,
            })
            .ok_or(StoreError::NoDataFolder),
    }
}

/// A store path as the user wrote it: a file path, a `file://` URL of a
/// local file, or a `postgres://` URL (kept as written). Any other
/// `scheme://` is refused.
pub fn store_path(text: &OsStr) -> Result<PathBuf, StoreError> {
    // A path that is not UTF-8 cannot be a URL.
    let Some(utf8) = text.to_str() else {
        return Ok(PathBuf::from(text));
    };
    let Some(scheme) = url_scheme(utf8) else {
        return Ok(PathBuf::from(text));
    };
    let unsupported = || StoreError::UnsupportedUrl {
        text: utf8.to_string(),
        scheme: scheme.to_ascii_lowercase(),
    };
    if crate::is_postgres_url(utf8) {
        return Ok(PathBuf::from(utf8));
    }
    if !scheme.eq_ignore_ascii_case("file") {
        return Err(unsupported());
    }
    let url = url::Url::parse(utf8).map_err(|_| unsupported())?;
    if url.query().is_some() || url.fragment().is_some() {
        return Err(unsupported());
    }
    // `to_file_path` refuses a host other than `localhost` (a file on
    // another machine) and decodes `%20` and the like.
    url.to_file_path().map_err(|()| unsupported())
}

/// The scheme of `text` when it starts like a URL (`scheme://`): a letter,
/// then letters, digits, `+`, `-` or `.`.
fn url_scheme(text: &str) -> Option<&str> {
    let (scheme, _) = text.split_once("://")?;
    let mut chars = scheme.chars();
    let first = chars.next()?;
    let valid = first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then_some(scheme)
}

/// Creates the folder `path` goes in, if it has one and it is missing.
fn create_parent_folder(path: &Path) -> Result<(), StoreError> {
    match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => {
            std::fs::create_dir_all(folder).map_err(|source| StoreError::CreateFolder {
                path: folder.to_path_buf(),
                source,
            })
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(flag: Option<&str>, variable: Option<&str>) -> Result<StoreLocation, StoreError> {
        resolve_from(
            flag.map(OsStr::new),
            variable.map(OsString::from),
            Some(Path::new("/data/embargo")),
        )
    }

    #[test]
    fn flag_wins_over_variable_and_variable_over_data_folder() {
        let flag = resolve(Some("/a.db"), Some("/b.db")).unwrap();
        assert_eq!(flag.path, PathBuf::from("/a.db"));
        assert_eq!(flag.origin, StoreOrigin::Flag);
        let variable = resolve(None, Some("/b.db")).unwrap();
        assert_eq!(variable.path, PathBuf::from("/b.db"));
        assert_eq!(variable.origin, StoreOrigin::Environment);
    }

    #[test]
    fn empty_or_absent_variable_means_data_folder() {
        for variable in [None, Some("")] {
            let location = resolve(None, variable).unwrap();
            assert_eq!(location.path, PathBuf::from("/data/embargo/embargo.db"));
            assert_eq!(location.origin, StoreOrigin::PlatformDefault);
        }
    }

    #[test]
    fn no_data_folder_is_an_error() {
        assert!(matches!(
            resolve_from(None, None, None),
            Err(StoreError::NoDataFolder)
        ));
    }

    #[test]
    fn urls_other_than_local_files_are_refused_naming_the_scheme() {
        for (text, scheme) in [
            ("mysql://root@localhost/x", "mysql"),
            ("sqlite:///tmp/x.db", "sqlite"),
            ("file://server/share/x.db", "file"),
            ("file:///tmp/x.db?mode=ro", "file"),
        ] {
            for via_variable in [false, true] {
                let outcome = if via_variable {
                    resolve(None, Some(text))
                } else {
                    resolve(Some(text), None)
                };
                match outcome {
                    Err(StoreError::UnsupportedUrl { text: t, scheme: s }) => {
                        assert_eq!((t.as_str(), s.as_str()), (text, scheme));
                    }
                    other => panic!("{text}: {other:?}"),
                }
            }
        }
        let message = store_path(OsStr::new("mysql://h/db"))
            .unwrap_err()
            .to_string();
        assert!(message.contains("mysql:// stores are not supported"));
    }

    #[test]
    fn local_file_urls_and_plain_paths_are_paths() {
        let cases = [
            ("file:///tmp/my%20store.db", "/tmp/my store.db"),
            ("file://localhost/tmp/x.db", "/tmp/x.db"),
            ("relative/x.db", "relative/x.db"),
            ("C:\\embargo\\x.db", "C:\\embargo\\x.db"),
            ("./postgres://x", "./postgres://x"),
            ("x:y.db", "x:y.db"),
            ("postgres://u@h/db", "postgres://u@h/db"),
            ("PostgreSQL://h:5433/db", "PostgreSQL://h:5433/db"),
        ];
        for (text, path) in cases {
            if cfg!(windows) && text.starts_with("file:") {
                continue;
            }
            assert_eq!(
                store_path(OsStr::new(text)).unwrap(),
                PathBuf::from(path),
                "{text}"
            );
        }
    }
}
