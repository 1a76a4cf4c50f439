//! Where the database lives when the user does not say.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use directories::ProjectDirs;

use crate::StoreError;

/// Environment variable naming the database file.
pub const DB_PATH_VAR: &str = "EMBARGO_DB";

/// File name of the database inside the data folder.
const DB_FILE_NAME: &str = "embargo.db";

/// The database path: `$EMBARGO_DB` when set and not empty, else
/// `embargo.db` in the platform's data folder for embargo
/// (`~/.local/share/embargo/embargo.db` on Linux,
/// `~/Library/Application Support/embargo/embargo.db` on macOS,
/// `%APPDATA%\embargo\data\embargo.db` on Windows).
pub fn default_db_path() -> Result<PathBuf, StoreError> {
    let data_folder =
        ProjectDirs::from("", "", "embargo").map(|dirs| dirs.data_dir().to_path_buf());
    db_path_from(std::env::var_os(DB_PATH_VAR), data_folder.as_deref())
}

/// The rule of [`default_db_path`], given the variable's value and the data
/// folder.
fn db_path_from(
    variable: Option<OsString>,
    data_folder: Option<&Path>,
) -> Result<PathBuf, StoreError> {
    match variable {
        Some(value) if !value.is_empty() => Ok(PathBuf::from(value)),
        _ => data_folder
            .map(|folder| folder.join(DB_FILE_NAME))
            .ok_or(StoreError::NoDataFolder),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variable_wins_over_data_folder() {
        let path = db_path_from(Some("/tmp/x.db".into()), Some(Path::new("/data")));
        assert_eq!(path.unwrap(), PathBuf::from("/tmp/x.db"));
    }

    #[test]
    fn empty_or_absent_variable_means_data_folder() {
        for variable in [None, Some(OsString::new())] {
            let path = db_path_from(variable, Some(Path::new("/data/embargo")));
            assert_eq!(path.unwrap(), PathBuf::from("/data/embargo/embargo.db"));
        }
    }

    #[test]
    fn no_data_folder_is_an_error() {
        assert!(matches!(
            db_path_from(None, None),
            Err(StoreError::NoDataFolder)
        ));
    }
}
