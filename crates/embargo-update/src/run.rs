//! Updating one source: fetch its files into a staging folder, verify
//! them, import them as a new version in one transaction, remember the
//! validators. Any failure leaves the store's versions as they were.

use std::path::Path;

use embargo_core::sources::{self, ListFile, ListFiles};
use embargo_store::{
    Activation, DownloadValidators, ImportChecks, ImportOutcome, ImportRequest, Publication,
    PublicationOrigin, PublishedAt, Store, VersionInfo,
};

use crate::config::{SourceConfig, SourceFile, VerifySettings};
use crate::fetch::{Download, FetchError, Fetched, Fetcher};
use crate::report::Status;
use crate::verify::{self, StagedFile, VerifyError};
use crate::{UpdateError, UpdateOptions};

/// What one source's update produced, before the state is recorded.
pub(crate) struct SourceRun {
    /// What happened.
    pub status: Status,
    /// Why it failed.
    pub reason: Option<String>,
    /// The version replaced by a new one.
    pub replaced: Option<String>,
    /// Bytes downloaded.
    pub downloaded_bytes: u64,
    /// The parser's remarks.
    pub notices: Vec<String>,
}

/// A failure that leaves the source as it was.
#[derive(Debug, thiserror::Error)]
enum RunFailure {
    #[error(transparent)]
    Fetch(#[from] FetchError),
    #[error(transparent)]
    Verify(#[from] VerifyError),
    #[error("{0}")]
    Import(String),
}

/// Fetches, verifies and imports one source. `Err` only for store failures
/// outside the import (the caller stops); a failed download, check or
/// parse is a [`Status::Failed`] run.
pub(crate) fn update_source(
    store: &mut Store,
    fetcher: &Fetcher,
    source: &SourceConfig,
    verify: &VerifySettings,
    options: &UpdateOptions,
    staging_root: &Path,
) -> Result<SourceRun, UpdateError> {
    let active = store.active_version(&source.id)?;
    let previous = conditional_validators(store, source, active.as_ref())?;
    let staging = tempfile::Builder::new()
        .prefix(".embargo-update-")
        .tempdir_in(staging_root)
        .map_err(|error| UpdateError::Staging {
            path: staging_root.to_path_buf(),
            message: error.to_string(),
        })?;
    let outcome = fetch_all(fetcher, source, previous.as_deref(), staging.path())
        .map_err(RunFailure::from)
        .and_then(|downloads| match downloads {
            None => Ok(not_modified()),
            Some(downloads) => {
                activate(store, source, verify, options, active.as_ref(), &downloads)
            }
        });
    drop(staging);
    Ok(outcome.unwrap_or_else(|failure| SourceRun {
        status: Status::Failed,
        reason: Some(failure.to_string()),
        replaced: None,
        downloaded_bytes: 0,
        notices: Vec::new(),
    }))
}

/// The run of a source whose server answered 304 for every file.
fn not_modified() -> SourceRun {
    SourceRun {
        status: Status::NotModified,
        reason: None,
        replaced: None,
        downloaded_bytes: 0,
        notices: Vec::new(),
    }
}

/// The validators to make the requests conditional with, one per file in
/// file order: only when the source has an active version and every file
/// has saved validators whose SHA-256 is that of the active version's file
/// in the same role (so a 304 means "the active version is current").
fn conditional_validators(
    store: &Store,
    source: &SourceConfig,
    active: Option<&VersionInfo>,
) -> Result<Option<Vec<DownloadValidators>>, UpdateError> {
    let Some(active) = active else {
        return Ok(None);
    };
    let mut all = Vec::with_capacity(source.files.len());
    for file in &source.files {
        let Some(saved) = store.download_validators(&file.url)? else {
            return Ok(None);
        };
        let matches_active = active
            .files
            .iter()
            .any(|stored| stored.role == file.role.name() && stored.sha256 == saved.sha256);
        if !matches_active || (saved.etag.is_none() && saved.last_modified.is_none()) {
            return Ok(None);
        }
        all.push(saved);
    }
    Ok(Some(all))
}

/// Downloads every file of the source into `staging`. `None` when every
/// conditional request answered 304; files answered 304 while others
/// changed are fetched again without condition, so the set is complete.
fn fetch_all(
    fetcher: &Fetcher,
    source: &SourceConfig,
    previous: Option<&[DownloadValidators]>,
    staging: &Path,
) -> Result<Option<Vec<(SourceFile, Download)>>, FetchError> {
    let mut fetched = Vec::with_capacity(source.files.len());
    for (at, file) in source.files.iter().enumerate() {
        let condition = previous.and_then(|all| all.get(at));
        let dest = staging.join(&file.file_name);
        fetched.push((file, fetcher.fetch(&file.url, condition, &dest)?));
    }
    if fetched
        .iter()
        .all(|(_, outcome)| *outcome == Fetched::NotModified)
    {
        return Ok(None);
    }
    let mut downloads = Vec::with_capacity(fetched.len());
    for (file, outcome) in fetched {
        let download = match outcome {
            Fetched::Downloaded(download) => download,
            Fetched::NotModified => {
                let dest = staging.join(&file.file_name);
                match fetcher.fetch(&file.url, None, &dest)? {
                    Fetched::Downloaded(download) => download,
                    Fetched::NotModified => unreachable_not_modified(&file.url)?,
                }
            }
        };
        downloads.push((file.clone(), download));
    }
    Ok(Some(downloads))
}

/// An unconditional request cannot be answered 304; a server that does
/// so anyway is broken.
fn unreachable_not_modified(url: &str) -> Result<Download, FetchError> {
    Err(FetchError::Status {
        url: url.to_string(),
        status: 304,
    })
}

/// Verifies the downloaded set and imports it; saves the validators once
/// the import (or the finding that nothing changed) is committed.
fn activate(
    store: &mut Store,
    source: &SourceConfig,
    verify: &VerifySettings,
    options: &UpdateOptions,
    active: Option<&VersionInfo>,
    downloads: &[(SourceFile, Download)],
) -> Result<SourceRun, RunFailure> {
    let staged: Vec<StagedFile<'_>> = downloads
        .iter()
        .map(|(file, download)| StagedFile {
            role: file.role,
            url: &file.url,
            path: &download.path,
            bytes: download.bytes,
            last_modified: download.validators.last_modified.as_deref(),
        })
        .collect();
    verify::check_structure(source.format, &staged)?;
    verify::check_same_publication(&staged, verify.max_publication_skew)?;
    let outcome = import(store, source, verify, options, downloads)?;
    let validators: Vec<DownloadValidators> = downloads
        .iter()
        .map(|(_, download)| download.validators.clone())
        .collect();
    // The list is committed by now: failing to remember the validators
    // only costs a full download next time, so it is a notice.
    let saved = store.save_download_validators(&validators).err().map(|error| {
        format!("could not save the download validators ({error}); the next update downloads in full")
    });
    let downloaded_bytes = downloads.iter().map(|(_, download)| download.bytes).sum();
    let mut run = match outcome {
        ImportOutcome::Imported {
            notices,
            activation: Activation::KeptAsHistory { active: kept },
            version,
        } => SourceRun {
            status: Status::NotActivated,
            reason: Some(format!(
                "the download (published {}) is older than the active {} (published {}): stored as {}, not activated",
                version.publication.describe(),
                kept.label(),
                kept.publication.describe(),
                version.label()
            )),
            replaced: None,
            downloaded_bytes,
            notices,
        },
        ImportOutcome::Imported { notices, .. } => SourceRun {
            status: Status::Updated,
            reason: None,
            replaced: active.map(VersionInfo::label),
            downloaded_bytes,
            notices,
        },
        ImportOutcome::Unchanged { version } if !version.active => SourceRun {
            status: Status::NotActivated,
            reason: Some(format!(
                "the download is the stored {} (same files, published {}), which is not the active version; `embargo activate {} {}` to use it",
                version.label(),
                version.publication.describe(),
                version.source_id,
                version.label()
            )),
            replaced: None,
            downloaded_bytes,
            notices: Vec::new(),
        },
        ImportOutcome::Unchanged { .. } => SourceRun {
            status: Status::SameContent,
            reason: None,
            replaced: None,
            downloaded_bytes,
            notices: Vec::new(),
        },
    };
    run.notices.extend(saved);
    Ok(run)
}

/// Parses the files inside the store's import transaction; the store's
/// completeness checks (a file cut short, a list or file shrunk past
/// `max_shrink` against the active version) refuse the publication unless
/// forced.
fn import(
    store: &mut Store,
    source: &SourceConfig,
    verify: &VerifySettings,
    options: &UpdateOptions,
    downloads: &[(SourceFile, Download)],
) -> Result<ImportOutcome, RunFailure> {
    let files = ListFiles {
        format: source.format,
        files: downloads
            .iter()
            .map(|(file, download)| ListFile {
                role: file.role,
                path: download.path.clone(),
            })
            .collect(),
    };
    // The newest Last-Modified of the set dates the publication when its
    // files state no date (the OFAC CSV files do not).
    let published = downloads
        .iter()
        .filter_map(|(_, download)| download.validators.last_modified.as_deref())
        .filter_map(verify::http_date)
        .max()
        .map(|moment| {
            Publication::new(PublishedAt::Moment(moment), PublicationOrigin::LastModified)
        });
    let checks = ImportChecks {
        max_shrink: verify.max_shrink,
        force: options.force,
    };
    let request = ImportRequest::new(&source.id, &files)
        .published(published)
        .checks(checks);
    store
        .import(request, |sink| sources::parse(&files, &source.id, sink))
        .map_err(|error| RunFailure::Import(error.to_string()))
}
