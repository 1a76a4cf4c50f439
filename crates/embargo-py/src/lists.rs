//! Where a Python screener's lists come from: the active versions of a
//! store, loaded exactly as `embargo screen` loads them
//! ([`embargo_store::load_screener`]), or list files read directly with
//! the parsers `embargo import` uses (format recognized from content).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use embargo_core::matching::{ListVersion, Screener};
use embargo_core::sources::{self, SourceError};
use embargo_store::{StoreError, load_screener};

/// Why lists could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum ListsError {
    /// The store could not be opened or read, or holds no lists.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A list file could not be recognized or read.
    #[error(transparent)]
    Source(#[from] SourceError),
    /// A file parsed to its end but is not whole (a cut companion file).
    #[error("{}: in doubt: {message}; import it into a store with `embargo import --force` to use it anyway", path.display())]
    Doubt {
        /// The file in doubt.
        path: PathBuf,
        /// What was seen.
        message: String,
    },
    /// Two publications of one list were given.
    #[error(
        "two publications of {source_id} given ({first} and {second}): give one file set per list"
    )]
    SameSource {
        /// The source both would be screened as.
        source_id: String,
        /// The first publication's primary file.
        first: String,
        /// The second's.
        second: String,
    },
    /// No file was given.
    #[error("no list file given")]
    NoFiles,
}

/// The screener over the active version of every list in the store at
/// `path`, which must exist (it is never created).
pub fn open_store(path: &Path) -> Result<Screener, ListsError> {
    let store = embargo_store::Store::open(path)?;
    Ok(load_screener(&store)?.screener)
}

/// The screener over the lists in `paths`: each publication's format is
/// recognized from its content ([`sources::detect()`]), its entities get the
/// format's default source id (`ofac-sdn:...`), and its version label is
/// its publication date when the files state one, else `file`.
pub fn from_files(paths: &[PathBuf]) -> Result<Screener, ListsError> {
    if paths.is_empty() {
        return Err(ListsError::NoFiles);
    }
    let publications = sources::detect(paths)?;
    let mut entities = Vec::new();
    let mut lists: Vec<ListVersion> = Vec::new();
    let mut primaries: Vec<String> = Vec::new();
    let mut seen = HashSet::new();
    for files in &publications {
        let source_id = files.format.default_source_id(files.primary());
        let primary = files.primary().display().to_string();
        if !seen.insert(source_id.clone()) {
            let first = lists
                .iter()
                .zip(&primaries)
                .find(|(list, _)| list.source == source_id)
                .map_or_else(String::new, |(_, path)| path.clone());
            return Err(ListsError::SameSource {
                source_id,
                first,
                second: primary,
            });
        }
        let meta = sources::parse(files, &source_id, &mut |entity| {
            entities.push(entity);
            Ok(())
        })?;
        if let Some(doubt) = meta.doubts.into_iter().next() {
            return Err(ListsError::Doubt {
                path: doubt.path,
                message: doubt.message,
            });
        }
        lists.push(ListVersion {
            source: source_id,
            version: meta
                .published
                .map_or_else(|| "file".to_string(), |date| date.to_string()),
        });
        primaries.push(primary);
    }
    Ok(Screener::new(entities, lists))
}
