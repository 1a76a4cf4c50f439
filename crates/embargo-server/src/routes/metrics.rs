//! `GET /metrics`: the Prometheus text exposition.

use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;

use crate::AppState;

/// Request counts and latency, screening time, results, list versions.
#[utoipa::path(
    get,
    path = "/metrics",
    responses((status = 200, description = "Prometheus text format", content_type = "text/plain"))
)]
pub async fn metrics(State(state): State<AppState>) -> impl IntoResponse {
    let mut text = state.metrics().render(state.lists());
    crate::metrics::render_audit(&mut text, state.audit().counters());
    crate::connections::render_metrics(
        &mut text,
        state.connection_counters(),
        &state.config().connections,
    );
    let updates = state
        .record_store()
        .run(|store| store.update_states())
        .await;
    crate::metrics::render_updates(&mut text, &updates.unwrap_or_default());
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        text,
    )
}
