//! The web UI: three pages (search, entity, lists) of plain HTML with one
//! stylesheet and one script, embedded in the binary so the UI works
//! offline. The pages read the JSON API from the same origin.

use axum::Router;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;

use crate::AppState;

const INDEX_HTML: &str = include_str!("index.html");
const ENTITY_HTML: &str = include_str!("entity.html");
const LISTS_HTML: &str = include_str!("lists.html");
const APP_JS: &str = include_str!("app.js");
const STYLE_CSS: &str = include_str!("style.css");

/// The UI's routes: `/`, `/ui/entity?id=`, `/ui/lists`, and the assets.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(|| page(INDEX_HTML)))
        .route("/ui/entity", get(|| page(ENTITY_HTML)))
        .route("/ui/lists", get(|| page(LISTS_HTML)))
        .route(
            "/ui/app.js",
            get(|| asset("text/javascript; charset=utf-8", APP_JS)),
        )
        .route(
            "/ui/style.css",
            get(|| asset("text/css; charset=utf-8", STYLE_CSS)),
        )
}

async fn page(html: &'static str) -> impl IntoResponse {
    asset("text/html; charset=utf-8", html).await
}

async fn asset(content_type: &'static str, body: &'static str) -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        body,
    )
}
