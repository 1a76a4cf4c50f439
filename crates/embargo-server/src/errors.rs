//! Errors: the JSON body every failed request gets, the extractors that
//! turn axum's plain-text rejections into it, and the server's own
//! start-up errors.
//!
//! Every 4xx or 5xx response of the server has the shape
//! `{"status": 400, "error": "bad_request", "detail": "what was wrong"}`;
//! [`json_errors`] rewrites the few responses produced outside the
//! handlers (unknown path, wrong method, body too large, panic) into it.

use axum::body::{Body, to_bytes};
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::{HeaderValue, StatusCode, header, request::Parts};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde::de::DeserializeOwned;
use utoipa::ToSchema;

/// Most bytes of a plain-text error body copied into the JSON `detail`.
const MAX_DETAIL_BYTES: usize = 4096;

/// A failed request: its status and what went wrong, sent as JSON.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{status}: {detail}")]
pub struct ApiError {
    /// The HTTP status.
    pub status: StatusCode,
    /// What went wrong, naming the field or value at fault.
    pub detail: String,
}

/// The JSON body of every error response.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    /// The HTTP status code.
    pub status: u16,
    /// Short machine-readable kind (`bad_request`, `not_found`, ...).
    pub error: String,
    /// What went wrong, in words, naming the field or value at fault.
    pub detail: String,
}

impl ApiError {
    /// A 400 Bad Request.
    pub fn bad_request(detail: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, detail)
    }

    /// A 404 Not Found.
    pub fn not_found(detail: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, detail)
    }

    /// A 503 Service Unavailable (lists still loading).
    pub fn unavailable(detail: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::SERVICE_UNAVAILABLE, detail)
    }

    /// A 500 Internal Server Error.
    pub fn internal(detail: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, detail)
    }

    /// An error with any status.
    pub fn new(status: StatusCode, detail: impl Into<String>) -> ApiError {
        ApiError {
            status,
            detail: detail.into(),
        }
    }

    /// The body sent for this error.
    pub fn body(&self) -> ErrorBody {
        ErrorBody {
            status: self.status.as_u16(),
            error: error_kind(self.status),
            detail: self.detail.clone(),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, axum::Json(self.body())).into_response()
    }
}

/// `bad_request` for 400, `payload_too_large` for 413, ...
fn error_kind(status: StatusCode) -> String {
    status
        .canonical_reason()
        .unwrap_or("error")
        .to_ascii_lowercase()
        .replace([' ', '-'], "_")
}

/// A JSON request body, refused with a JSON [`ApiError`] naming the
/// problem (syntax error with line and column, missing or mistyped field,
/// wrong content type, body too large).
#[derive(Debug, Clone, Copy, Default)]
pub struct ApiJson<T>(pub T);

impl<T, S> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(request, state).await {
            Ok(axum::Json(value)) => Ok(ApiJson(value)),
            Err(rejection) => Err(json_rejection(&rejection)),
        }
    }
}

fn json_rejection(rejection: &JsonRejection) -> ApiError {
    let detail = match rejection {
        JsonRejection::JsonDataError(_) | JsonRejection::JsonSyntaxError(_) => {
            format!("request body: {}", rejection.body_text())
        }
        JsonRejection::MissingJsonContentType(_) => {
            "request body: send JSON with `Content-Type: application/json`".to_string()
        }
        _ => format!("request body: {}", rejection.body_text()),
    };
    ApiError::new(rejection.status(), detail)
}

/// Query-string parameters, refused with a JSON [`ApiError`] naming the
/// parameter at fault.
#[derive(Debug, Clone, Copy, Default)]
pub struct ApiQuery<T>(pub T);

impl<T, S> FromRequestParts<S> for ApiQuery<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        check_query_utf8(parts.uri.query().unwrap_or(""))?;
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(value)) => Ok(ApiQuery(value)),
            Err(rejection) => Err(query_rejection(&rejection)),
        }
    }
}

/// Refuses a query string whose names or values are not UTF-8 once
/// percent-decoded (`?q=%FF%FE`): the form decoder would replace the
/// bytes with U+FFFD and screen a name nobody sent.
pub fn check_query_utf8(query: &str) -> Result<(), ApiError> {
    for pair in query.split('&').filter(|pair| !pair.is_empty()) {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        let decoded_name = percent_encoding::percent_decode_str(name).decode_utf8();
        let shown = percent_encoding::percent_decode_str(name).decode_utf8_lossy();
        let bad_part = if decoded_name.is_err() {
            Some("name")
        } else if percent_encoding::percent_decode_str(value)
            .decode_utf8()
            .is_err()
        {
            Some("value")
        } else {
            None
        };
        if let Some(part) = bad_part {
            return Err(ApiError::bad_request(format!(
                "query string: the {part} of parameter {shown:?} is not UTF-8 once \
                 percent-decoded; percent-encode text as UTF-8"
            )));
        }
    }
    Ok(())
}

fn query_rejection(rejection: &QueryRejection) -> ApiError {
    ApiError::new(
        rejection.status(),
        format!("query string: {}", rejection.body_text()),
    )
}

/// A path parameter, refused with a JSON [`ApiError`].
#[derive(Debug, Clone)]
pub struct ApiPath<T>(pub T);

impl<T, S> FromRequestParts<S> for ApiPath<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(value)) => Ok(ApiPath(value)),
            Err(rejection) => Err(path_rejection(&rejection)),
        }
    }
}

fn path_rejection(rejection: &PathRejection) -> ApiError {
    ApiError::new(
        rejection.status(),
        format!("path: {}", rejection.body_text()),
    )
}

/// Middleware: turns any error response that is not JSON already (axum's
/// 404 and 405, the body-limit layer's 413, the panic layer's 500) into
/// an [`ErrorBody`], keeping its text as the detail.
pub async fn json_errors(request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_string();
    let response = next.run(request).await;
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) || is_json(&response) {
        return response;
    }
    let text = match to_bytes(response.into_body(), MAX_DETAIL_BYTES).await {
        Ok(bytes) => String::from_utf8_lossy(&bytes).trim().to_string(),
        Err(_) => String::new(),
    };
    let detail = match (status, text.is_empty()) {
        (StatusCode::NOT_FOUND, _) => format!("no such page or endpoint: {path}"),
        (StatusCode::METHOD_NOT_ALLOWED, _) => format!("{method} is not allowed on {path}"),
        (StatusCode::PAYLOAD_TOO_LARGE, _) => format!("request body too large for {path}"),
        (_, true) => status.canonical_reason().unwrap_or("error").to_string(),
        (_, false) => text,
    };
    ApiError::new(status, detail).into_response()
}

fn is_json(response: &Response) -> bool {
    response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("application/json"))
}

/// The response the panic layer sends: a JSON 500 that says nothing of
/// the panic's content.
pub fn panic_response(_panic: Box<dyn std::any::Any + Send + 'static>) -> Response<Body> {
    let mut response = ApiError::internal("the server failed on this request").into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Why the server could not start or reload.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    /// The store could not be opened or read.
    #[error(transparent)]
    Store(#[from] embargo_store::StoreError),
    /// A background task failed to run to completion.
    #[error("background task failed: {0}")]
    Task(String),
    /// Binding or serving failed.
    #[error("network: {0}")]
    Io(#[from] std::io::Error),
    /// The TLS certificate or key could not be used.
    #[error(transparent)]
    Tls(#[from] crate::tls::TlsError),
    /// No API key exists and reads are not open: nothing could be called.
    #[error(
        "no API key in the store {}: create one with `embargo --db {} keys add NAME --role admin` \
         (it prints the secret to send as `Authorization: Bearer SECRET`), or start with --open-read \
         to serve screening and list reading without a key (alerts, decisions and the audit log \
         always need one)",
        embargo_store::store_name(db),
        embargo_store::store_name(db)
    )]
    NoKeys {
        /// The store file.
        db: std::path::PathBuf,
    },
    /// A CORS origin that is not `*` nor `http(s)://host[:port]`.
    #[error(
        "--cors-origin {0:?}: give `*` or an origin as browsers send it, \
         `https://host` or `http://host:port` (no path)"
    )]
    CorsOrigin(String),
}
