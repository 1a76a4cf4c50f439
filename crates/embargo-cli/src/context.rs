//! What commands share: opening the store the user chose and loading the
//! active lists into a screener.

use std::path::PathBuf;

use anyhow::{Context, Result};
use embargo_store::{LoadedLists, Store, default_db_path, load_screener};

use crate::cli::GlobalArgs;

/// Opens the store named by `--db`, `$EMBARGO_DB` or the platform default.
pub fn open_store(global: &GlobalArgs) -> Result<Store> {
    let path = store_path(global)?;
    Store::open(&path).with_context(|| format!("opening store {}", path.display()))
}

/// The store path named by `--db`, `$EMBARGO_DB` or the platform default.
pub fn store_path(global: &GlobalArgs) -> Result<PathBuf> {
    match &global.db {
        Some(path) => Ok(path.clone()),
        None => default_db_path().context("no store path: pass --db or set EMBARGO_DB"),
    }
}

/// Loads the active lists (or the bundled demo, with a notice on standard
/// error).
pub fn load_lists(store: &Store) -> Result<LoadedLists> {
    let loaded = load_screener(store).context("loading the active lists")?;
    if loaded.bundled_demo {
        eprintln!("{}", embargo_store::DEMO_NOTICE);
    }
    Ok(loaded)
}

/// Who the audit log names for this command: `explicit` when given, else
/// the logged-in user, else `unknown`.
pub fn actor(explicit: Option<&str>) -> String {
    explicit
        .map(str::to_string)
        .or_else(|| std::env::var("USER").ok())
        .or_else(|| std::env::var("USERNAME").ok())
        .filter(|name| !name.trim().is_empty())
        .unwrap_or_else(|| "unknown".to_string())
}
