//! `POST /scan`: mentions of listed entities inside free text (payment
//! messages, invoices, news). The text comes as `text/plain` (threshold in
//! the query string) or as JSON `{"text": "...", "threshold": 0.8}`; each
//! mention comes back with its byte offsets, line and column, the matched
//! listed name and the result fields `/match` uses.
//!
//! The scanner comes from the served snapshot ([`crate::reload::Snapshot::scanner`]):
//! one per threshold for the served list versions, the default
//! threshold's built with the snapshot on every (re)load, kept until the
//! next reload with its memos of words, typo searches and verified spans,
//! so a request pays for scanning its text only.

use axum::Extension;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::Response;
use embargo_core::matching::{DEFAULT_THRESHOLD, ListVersion};
use embargo_core::scan::{MentionView, decode_text};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::{IntoParams, ToSchema};

use crate::AppState;
use crate::audit::ApiScreening;
use crate::auth::Caller;
use crate::errors::{ApiError, ApiQuery};
use crate::screening::{run_blocking, to_json, unit};

/// The JSON request body.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ScanRequest {
    /// The text to scan.
    pub text: String,
    /// Lowest score reported (default 0.7); overrides `?threshold=`.
    pub threshold: Option<f32>,
}

/// Query-string parameters.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ScanParams {
    /// Lowest score reported (default 0.7).
    pub threshold: Option<f32>,
}

/// The response body.
#[derive(Debug, Serialize, ToSchema)]
pub struct ScanResponse<'a> {
    /// The mentions found, in text order: the matched text, `line`,
    /// `column` (1-based, in characters), `start` and `end` (byte
    /// offsets into the UTF-8 text), and the result fields (`id`, `name`,
    /// `matched_name`, `schema`, `score`, `programs`, `explanation`).
    #[schema(value_type = Vec<Object>)]
    pub mentions: Vec<MentionView<'a>>,
    /// Number of mentions.
    pub count: usize,
    /// Bytes of text scanned.
    pub bytes: usize,
    /// The threshold applied.
    pub threshold: f32,
    /// The list versions scanned against.
    #[schema(value_type = Vec<Object>)]
    pub lists: &'a [ListVersion],
}

/// Finds mentions of listed entities in a text.
#[utoipa::path(
    post,
    path = "/scan",
    params(ScanParams),
    request_body(
        content(
            (ScanRequest = "application/json"),
            (String = "text/plain"),
        ),
        description = "The text, as plain UTF-8 text or as a JSON object"
    ),
    responses(
        (status = 200, description = "Mentions in text order", body = ScanResponse),
        (status = 400, description = "Malformed request, naming the problem", body = crate::errors::ErrorBody),
        (status = 413, description = "Body too large", body = crate::errors::ErrorBody),
        (status = 415, description = "Neither text/plain nor JSON", body = crate::errors::ErrorBody),
        (status = 503, description = "Lists still loading", body = crate::errors::ErrorBody),
    )
)]
pub async fn scan(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiQuery(params): ApiQuery<ScanParams>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let (text, body_threshold) = read_text(&headers, body)?;
    let threshold = check_threshold(body_threshold.or(params.threshold))?;
    let audit_state = state.clone();
    run_blocking(&state, move |snapshot, _metrics, budget| {
        let scanner = snapshot.scanner(threshold);
        budget.check()?;
        let mentions = scanner.scan(&text);
        let views: Vec<MentionView> = mentions
            .iter()
            .map(|mention| scanner.view(&text, mention))
            .collect();
        audit_state.audit().record(ApiScreening {
            actor: caller.actor().to_string(),
            input: json!({"endpoint": "/scan", "bytes": text.len(), "text": text}),
            lists: snapshot.screener.lists().to_vec(),
            threshold,
            results: views
                .iter()
                .map(|v| json!({"id": v.result.id, "score": v.result.score, "start": v.span.start, "end": v.span.end}))
                .collect(),
            result_count: views.len(),
        });
        to_json(&ScanResponse {
            count: views.len(),
            mentions: views,
            bytes: text.len(),
            threshold,
            lists: snapshot.screener.lists(),
        })
    })
    .await
}

/// The text and the body's threshold, by content type.
fn read_text(headers: &HeaderMap, body: Bytes) -> Result<(String, Option<f32>), ApiError> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or("text/plain")
        .to_ascii_lowercase();
    let (text, threshold) = if content_type.starts_with("application/json") {
        let request: ScanRequest = serde_json::from_slice(&body)
            .map_err(|error| ApiError::bad_request(format!("request body: {error}")))?;
        (request.text, request.threshold)
    } else if content_type.starts_with("text/plain") {
        let text = decode_text(body.to_vec(), "request body")
            .map_err(|error| ApiError::bad_request(error.to_string()))?;
        (text, None)
    } else {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            format!(
                "request body: send the text as text/plain or as JSON {{\"text\": ...}} \
                 with Content-Type: application/json, not {content_type}"
            ),
        ));
    };
    if text.trim().is_empty() {
        return Err(ApiError::bad_request("text: no text given"));
    }
    Ok((text, threshold))
}

fn check_threshold(threshold: Option<f32>) -> Result<f32, ApiError> {
    unit("threshold", threshold.unwrap_or(DEFAULT_THRESHOLD))
}
