//! Keeping the official lists current: `embargo update` and the server's
//! background refresh.
//!
//! For each configured source ([`config`], defaults in [`sources`]) an
//! update
//! 1. downloads every file of the publication into a staging folder next
//!    to the store ([`fetch`]): conditionally (`If-None-Match`,
//!    `If-Modified-Since`) when the active version is the copy last
//!    downloaded, streamed to disk, with timeouts, a size limit and retries
//!    with exponential backoff;
//! 2. checks the files ([`verify`]): structure, one publication;
//! 3. imports them with [`embargo_store::Store::import`], whose transaction
//!    also covers the full parse and the entity-count check: the new
//!    version becomes active at the commit or not at all, and only when it
//!    is not an older publication than the active version (dated by the
//!    files, else by the newest `Last-Modified` of the download; an older
//!    one is stored as history and reported [`Status::NotActivated`], as
//!    is a download identical to a stored version that is not active);
//! 4. records the attempt (last attempt, last success, last error) and the
//!    validators in the store.
//!
//! A failure at any step leaves the previously active version active and
//! no trace of the new one; the staging folder is deleted.
//!
//! # From a server
//! [`refresh_store`] opens its own store handle, so it can run on a
//! background thread while request handlers read the same file (SQLite
//! WAL: readers are not blocked). A refresher thread does:
//!
//! ```no_run
//! # use std::time::Duration;
//! # let db = std::path::PathBuf::from("embargo.db");
//! let config = embargo_update::UpdateConfig::load(None)?;
//! std::thread::spawn(move || loop {
//!     std::thread::sleep(Duration::from_secs(6 * 3600));
//!     match embargo_update::refresh_store(&db, &config) {
//!         Ok(report) if report.changed() => { /* reload the screener */ }
//!         Ok(_) => {}
//!         Err(error) => embargo_core::errln!("list refresh: {error}"),
//!     }
//! });
//! # Ok::<(), embargo_update::ConfigError>(())
//! ```
//!
//! The per-source state it records is what `/lists` and `/metrics` show
//! ([`embargo_store::Store::update_states`]).

pub mod config;
pub mod fetch;
pub mod report;
mod run;
pub mod sources;
pub mod verify;

use std::path::{Path, PathBuf};

use embargo_core::matching::ScreenOptions;
use embargo_core::sources::SourceFormat;
use embargo_store::{RunTrigger, Store, StoreError};

pub use config::{ConfigError, DownloadSettings, SourceConfig, UpdateConfig, VerifySettings};
pub use fetch::FetchError;
pub use report::{ActiveVersion, SourceReport, Status, UpdateReport};
pub use verify::VerifyError;

/// What to update and how.
#[derive(Debug, Clone, Default)]
pub struct UpdateOptions {
    /// Source ids or format names (`ofac-sdn`, `sdn`, `un`); empty for every
    /// configured source.
    pub sources: Vec<String>,
    /// Report the stored state without any network access.
    pub offline: bool,
    /// Accept a publication that shrank by more than the configured share.
    pub force: bool,
    /// Draw a progress bar on standard error when it is a terminal.
    pub progress: bool,
}

/// Why an update run could not proceed at all (a source's own failure is
/// reported in its [`SourceReport`] instead).
#[derive(Debug, thiserror::Error)]
pub enum UpdateError {
    /// A requested source is not configured.
    #[error("no source named {name:?} (known: {known})")]
    UnknownSource {
        /// The name given.
        name: String,
        /// The configured source ids.
        known: String,
    },
    /// The store failed outside an import.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The staging folder could not be created.
    #[error("{}: cannot create a staging folder for downloads: {message}", path.display())]
    Staging {
        /// The folder it was to be created in.
        path: PathBuf,
        /// What the operating system said.
        message: String,
    },
    /// The HTTP client could not be set up.
    #[error(transparent)]
    Fetch(#[from] FetchError),
}

/// Updates the requested sources of `store` (see the crate documentation)
/// and reports on each. Sources are updated one after the other; one
/// source's failure does not stop the others.
pub fn update(
    store: &mut Store,
    config: &UpdateConfig,
    options: &UpdateOptions,
) -> Result<UpdateReport, UpdateError> {
    let selected = select_sources(config, &options.sources)?;
    if options.offline {
        return offline_report(store, &selected);
    }
    // One update at a time across every process sharing a PostgreSQL
    // store (replicas of `embargo serve` with --refresh, cron jobs).
    let _only_update = store.lock_job("update")?;
    let fetcher = fetch::Fetcher::new(&config.download, options.progress)?;
    let staging_root = staging_root(store.path());
    let mut reports = Vec::with_capacity(selected.len());
    for source in selected {
        let started = chrono::Utc::now();
        let outcome = run::update_source(
            store,
            &fetcher,
            source,
            &config.verify,
            options,
            &staging_root,
        )?;
        store.record_update_attempt(&source.id, started, outcome.reason.as_deref())?;
        let active = store.active_version(&source.id)?;
        let mut report = SourceReport::new(
            &source.id,
            outcome.status,
            active.as_ref(),
            store.update_state(&source.id)?,
        );
        report.reason = outcome.reason;
        report.replaced = outcome.replaced;
        report.downloaded_bytes = outcome.downloaded_bytes;
        report.notices = outcome.notices;
        reports.push(report);
    }
    Ok(UpdateReport { sources: reports })
}

/// Updates every configured source of the store at `db_path` through a
/// handle of its own, without progress bars: what a server's background
/// refresher calls (see the crate documentation). Check
/// [`UpdateReport::changed`] to know whether to reload the screener.
///
/// When a list changed, the monitored portfolios are screened again
/// against the new versions (as after `embargo import`), so that a list
/// change raises its alerts without anyone running `embargo watch run`.
pub fn refresh_store(db_path: &Path, config: &UpdateConfig) -> Result<UpdateReport, UpdateError> {
    let mut store = Store::open_or_create(db_path)?;
    let report = update(&mut store, config, &UpdateOptions::default())?;
    if report.changed() && !store.portfolios()?.is_empty() {
        store.monitor(
            None,
            RunTrigger::Import,
            &ScreenOptions::default(),
            UPDATE_ACTOR,
        )?;
    }
    Ok(report)
}

/// Who the audit log names for the monitoring runs of a scheduled update.
const UPDATE_ACTOR: &str = "embargo update";

/// The configured sources named by `names` (ids or format names), in
/// configuration order; every source when `names` is empty.
fn select_sources<'c>(
    config: &'c UpdateConfig,
    names: &[String],
) -> Result<Vec<&'c SourceConfig>, UpdateError> {
    if names.is_empty() {
        return Ok(config.sources.iter().collect());
    }
    let mut wanted = Vec::with_capacity(names.len());
    for name in names {
        let found = config.source(name).or_else(|| {
            let format = SourceFormat::parse(name)?;
            config.sources.iter().find(|source| source.format == format)
        });
        match found {
            Some(source) => wanted.push(source.id.as_str()),
            None => {
                let known: Vec<&str> = config.sources.iter().map(|s| s.id.as_str()).collect();
                return Err(UpdateError::UnknownSource {
                    name: name.clone(),
                    known: known.join(", "),
                });
            }
        }
    }
    Ok(config
        .sources
        .iter()
        .filter(|source| wanted.contains(&source.id.as_str()))
        .collect())
}

/// The stored state of the selected sources, without network access.
fn offline_report(store: &Store, selected: &[&SourceConfig]) -> Result<UpdateReport, UpdateError> {
    let mut reports = Vec::with_capacity(selected.len());
    for source in selected {
        let active = store.active_version(&source.id)?;
        reports.push(SourceReport::new(
            &source.id,
            Status::Offline,
            active.as_ref(),
            store.update_state(&source.id)?,
        ));
    }
    Ok(UpdateReport { sources: reports })
}

/// Where staging folders are made: the store's folder, so the downloads
/// are on the same disk; the system temporary folder for an in-memory or
/// PostgreSQL store.
fn staging_root(db_path: &Path) -> PathBuf {
    if db_path.to_str().is_some_and(embargo_store::is_postgres_url) {
        // A PostgreSQL store has no folder of its own.
        return std::env::temp_dir();
    }
    match db_path.parent() {
        Some(folder) if db_path != Path::new(":memory:") => {
            if folder.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                folder.to_path_buf()
            }
        }
        _ => std::env::temp_dir(),
    }
}
