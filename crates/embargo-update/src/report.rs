//! What an update did, per source: the shape `embargo update --json`
//! prints and the server's `/lists` can show.

use chrono::{DateTime, Utc};
use embargo_store::{UpdateState, VersionInfo};
use serde::Serialize;

/// The outcome of one update run.
#[derive(Debug, Clone, Serialize)]
pub struct UpdateReport {
    /// One entry per source asked for, in configuration order.
    pub sources: Vec<SourceReport>,
}

impl UpdateReport {
    /// True when no source failed.
    pub fn all_ok(&self) -> bool {
        self.sources.iter().all(|source| source.status.is_ok())
    }

    /// True when at least one source got a new active version (a screener
    /// built before the run is now out of date).
    pub fn changed(&self) -> bool {
        self.sources
            .iter()
            .any(|source| source.status == Status::Updated)
    }

    /// The sources that failed.
    pub fn failures(&self) -> impl Iterator<Item = &SourceReport> {
        self.sources.iter().filter(|source| !source.status.is_ok())
    }
}

/// What happened to one source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// A new version was imported and is now active.
    Updated,
    /// The download did not become active: it is an older publication
    /// than the active version (a stale mirror?), stored as history, or
    /// it is a stored version that is not the active one. The active
    /// version stays; `reason` says which.
    NotActivated,
    /// The server said the files did not change (HTTP 304).
    NotModified,
    /// The files were downloaded but are byte for byte those of the active
    /// version; no version was added.
    SameContent,
    /// The update failed; the active version (if any) stays active.
    Failed,
    /// Offline: nothing was fetched; the report shows the stored state.
    Offline,
}

impl Status {
    /// Everything but a failure or an older publication (the list could
    /// not be brought up to date either way).
    pub fn is_ok(self) -> bool {
        !matches!(self, Status::Failed | Status::NotActivated)
    }
}

/// One source after the run.
#[derive(Debug, Clone, Serialize)]
pub struct SourceReport {
    /// The source id (`ofac-sdn`).
    pub source: String,
    /// What happened.
    pub status: Status,
    /// Why it failed, for [`Status::Failed`], or why the download was not
    /// activated, for [`Status::NotActivated`].
    pub reason: Option<String>,
    /// The version active after the run.
    pub active: Option<ActiveVersion>,
    /// The version that was active before, when a new one replaced it.
    pub replaced: Option<String>,
    /// Bytes downloaded in this run.
    pub downloaded_bytes: u64,
    /// When an update was last attempted (this run, unless offline).
    pub last_attempt: Option<DateTime<Utc>>,
    /// When an update last succeeded.
    pub last_success: Option<DateTime<Utc>>,
    /// Why the last attempt failed, if it did.
    pub last_error: Option<String>,
    /// The parser's remarks on a newly imported version.
    pub notices: Vec<String>,
}

impl SourceReport {
    /// A report for `source` with the stored state filled in.
    pub(crate) fn new(
        source: &str,
        status: Status,
        active: Option<&VersionInfo>,
        state: Option<UpdateState>,
    ) -> SourceReport {
        let state = state.unwrap_or_else(|| UpdateState {
            source_id: source.to_string(),
            last_attempt: None,
            last_success: None,
            last_error: None,
        });
        SourceReport {
            source: source.to_string(),
            status,
            reason: None,
            active: active.map(ActiveVersion::from),
            replaced: None,
            downloaded_bytes: 0,
            last_attempt: state.last_attempt,
            last_success: state.last_success,
            last_error: state.last_error,
            notices: Vec::new(),
        }
    }

    /// Seconds since the last success at `now`: how stale the list may be.
    pub fn age_seconds(&self, now: DateTime<Utc>) -> Option<i64> {
        self.last_success.map(|at| (now - at).num_seconds())
    }
}

/// The active version of a source, as reported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActiveVersion {
    /// `v3`.
    pub version: String,
    /// Entities in it.
    pub entities: usize,
    /// Publication date, when known.
    pub published: Option<String>,
    /// When it was imported.
    pub imported_at: DateTime<Utc>,
    /// Its content hash (hex).
    pub content_hash: String,
}

impl From<&VersionInfo> for ActiveVersion {
    fn from(version: &VersionInfo) -> ActiveVersion {
        ActiveVersion {
            version: version.label(),
            entities: version.entity_count,
            published: version.published.map(|date| date.to_string()),
            imported_at: version.imported_at,
            content_hash: version.content_hash.clone(),
        }
    }
}
