//! `GET /lists`: the served list versions and every stored version, with
//! publication dates and counts. After a hot reload the new versions show
//! here with a higher `generation`.

use axum::Json;
use axum::extract::State;
use chrono::Utc;
use embargo_store::{SourceSummary, UpdateState, VersionInfo};
use serde::Serialize;
use utoipa::ToSchema;

use crate::AppState;
use crate::errors::ApiError;
use crate::reload::Snapshot;

/// The response body.
#[derive(Debug, Serialize, ToSchema)]
pub struct ListsResponse {
    /// Number of the served snapshot: 1 after the first load, +1 per swap.
    pub generation: u64,
    /// When the served snapshot was built (RFC 3339).
    pub loaded_at: String,
    /// How long building it took, in seconds.
    pub load_seconds: f64,
    /// True when the bundled demo list is served: there is no store, and
    /// these are not the official lists.
    pub bundled_demo: bool,
    /// Entities served.
    pub entities: usize,
    /// The versions served, as `{source, version}`.
    pub serving: Vec<Serving>,
    /// Every stored source with its versions, oldest first, as the store
    /// holds them now (versions kept as history included).
    pub sources: Vec<SourceView>,
    /// The download history of each source ever updated (`embargo update`
    /// or `serve --refresh-every`).
    pub updates: Vec<UpdateView>,
}

/// The update history of one source.
#[derive(Debug, Serialize, ToSchema)]
pub struct UpdateView {
    /// Source id.
    pub source: String,
    /// When an update was last attempted (RFC 3339).
    pub last_attempt: Option<String>,
    /// When an update last succeeded (RFC 3339).
    pub last_success: Option<String>,
    /// Why the last attempt failed, if it did.
    pub last_error: Option<String>,
    /// Seconds since the last success.
    pub age_seconds: Option<i64>,
}

/// One served list version.
#[derive(Debug, Serialize, ToSchema)]
pub struct Serving {
    /// Source id.
    pub source: String,
    /// Version label.
    pub version: String,
}

/// One stored source.
#[derive(Debug, Serialize, ToSchema)]
pub struct SourceView {
    /// Source id.
    pub id: String,
    /// Format name.
    pub format: String,
    /// Versions, oldest first.
    pub versions: Vec<VersionView>,
}

/// One stored version.
#[derive(Debug, Serialize, ToSchema)]
pub struct VersionView {
    /// Label (`v2`).
    pub version: String,
    /// Whether the server screens against it.
    pub serving: bool,
    /// Publication date, when known.
    pub published: Option<String>,
    /// How the publication date is known: `file`, `option`,
    /// `last-modified`, `file-modified` or `import-time` (not known: the
    /// import time orders this version).
    pub published_from: String,
    /// Whether it is its source's active version in the store (the one
    /// served once the server has reloaded).
    pub active: bool,
    /// When it was imported (RFC 3339).
    pub imported_at: String,
    /// Number of entities.
    pub entities: usize,
    /// SHA-256 of its files.
    pub content_hash: String,
}

/// The lists served and stored.
#[utoipa::path(
    get,
    path = "/lists",
    responses(
        (status = 200, description = "Sources and their versions", body = ListsResponse),
        (status = 503, description = "Lists still loading", body = crate::errors::ErrorBody),
    )
)]
pub async fn lists(State(state): State<AppState>) -> Result<Json<ListsResponse>, ApiError> {
    let snapshot = state.snapshot()?;
    // Read from the store now, not from the snapshot: a version imported
    // as history (an older publication) does not swap the served lists, yet
    // is stored.
    let (stored, updates) = if state.lists().has_store() {
        state
            .record_store()
            .run(|store| Ok((store.sources()?, store.update_states()?)))
            .await?
    } else {
        (snapshot.sources.clone(), Vec::new())
    };
    let updates = updates.into_iter().map(update_view).collect();
    Ok(Json(ListsResponse {
        updates,
        generation: snapshot.generation,
        loaded_at: snapshot.loaded_at.to_rfc3339(),
        load_seconds: snapshot.load_seconds,
        bundled_demo: snapshot.bundled_demo,
        entities: snapshot.screener.entities().len(),
        serving: snapshot
            .screener
            .lists()
            .iter()
            .map(|list| Serving {
                source: list.source.clone(),
                version: list.version.clone(),
            })
            .collect(),
        sources: stored
            .iter()
            .map(|source| source_view(&snapshot, source))
            .collect(),
    }))
}

fn update_view(state: UpdateState) -> UpdateView {
    UpdateView {
        age_seconds: state.last_success.map(|at| (Utc::now() - at).num_seconds()),
        source: state.source_id,
        last_attempt: state.last_attempt.map(|at| at.to_rfc3339()),
        last_success: state.last_success.map(|at| at.to_rfc3339()),
        last_error: state.last_error,
    }
}

fn source_view(snapshot: &Snapshot, source: &SourceSummary) -> SourceView {
    SourceView {
        id: source.id.clone(),
        format: source.format.clone(),
        versions: source
            .versions
            .iter()
            .map(|version| version_view(snapshot, version))
            .collect(),
    }
}

fn version_view(snapshot: &Snapshot, version: &VersionInfo) -> VersionView {
    let label = version.label();
    let serving = snapshot
        .screener
        .lists()
        .iter()
        .any(|list| list.source == version.source_id && list.version == label);
    VersionView {
        serving,
        version: label,
        published: version.published.map(|date| date.to_string()),
        published_from: version.publication.origin.to_string(),
        active: version.active,
        imported_at: version.imported_at.to_rfc3339(),
        entities: version.entity_count,
        content_hash: version.content_hash.clone(),
    }
}
