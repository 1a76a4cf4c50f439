//! `GET /healthz` (the process answers) and `GET /readyz` (a store's lists,
//! or the demo list asked for with `--demo`, are loaded and served).

use axum::Json;
use axum::extract::State;
use serde::Serialize;
use utoipa::ToSchema;

use crate::AppState;
use crate::errors::ApiError;

/// Liveness.
#[derive(Debug, Serialize, ToSchema)]
pub struct Health {
    /// `ok`.
    pub status: &'static str,
}

/// Readiness.
#[derive(Debug, Serialize, ToSchema)]
pub struct Ready {
    /// `ready`.
    pub status: &'static str,
    /// Number of the served snapshot (1 for the first load).
    pub generation: u64,
    /// Entities served.
    pub entities: usize,
}

/// The process is up.
#[utoipa::path(get, path = "/healthz", security(()), responses((status = 200, description = "The server is up", body = Health)))]
pub async fn healthz() -> Json<Health> {
    Json(Health { status: "ok" })
}

/// The lists are loaded; 503 until then, while the store holds no list,
/// and while only the bundled demo list is served without `--demo`.
#[utoipa::path(
    get,
    path = "/readyz",
    security(()),
    responses(
        (status = 200, description = "Lists are served", body = Ready),
        (status = 503, description = "Lists still loading, none in the store, or only the \
                                      bundled demo list served without --demo",
         body = crate::errors::ErrorBody),
    )
)]
pub async fn readyz(State(state): State<AppState>) -> Result<Json<Ready>, ApiError> {
    let snapshot = state
        .lists()
        .readiness()
        .map_err(|why| ApiError::unavailable(why.to_string()))?;
    Ok(Json(Ready {
        status: "ready",
        generation: snapshot.generation,
        entities: snapshot.screener.entities().len(),
    }))
}
