//! `/reconcile` and `/reconcile/{dataset}`: the service manifest, query
//! batches and data extension, by `GET` parameters or a `POST` form.

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use embargo_core::matching::DEFAULT_THRESHOLD;
use serde_json::{Value, json};

use super::base_url;
use super::queries::{Batch, check_text, default_types, extend, parse_queries, run_queries};
use crate::AppState;
use crate::errors::{ApiError, ApiPath};
use crate::ftm::FieldLimits;
use crate::screening::{run_blocking, to_json};
use crate::yente::datasets::resolve;
use crate::yente::params::RawParams;
use crate::yente::scope::Scope;

/// Most ids one data extension may ask for.
pub const MAX_EXTEND_IDS: usize = 500;

/// The reconciliation service of the `default` dataset.
#[utoipa::path(
    get,
    path = "/reconcile",
    tag = "reconcile",
    params(
        ("queries" = Option<String>, Query, description = "A batch of queries (JSON); without it, the service manifest"),
        ("extend" = Option<String>, Query, description = "A data extension request (JSON)"),
    ),
    responses(
        (status = 200, description = "Manifest, query results or extension rows", content_type = "application/json"),
        (status = 400, description = "Malformed queries, named", body = crate::errors::ErrorBody),
    )
)]
pub async fn reconcile_default(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let params = RawParams::parse(query.as_deref().unwrap_or(""))?;
    answer(state, "default".to_string(), params, &headers).await
}

/// The same, by a form (`queries=...` or `extend=...`), as OpenRefine
/// posts it.
#[utoipa::path(
    post,
    path = "/reconcile",
    tag = "reconcile",
    request_body(content = String, content_type = "application/x-www-form-urlencoded", description = "`queries=JSON` or `extend=JSON`"),
    responses(
        (status = 200, description = "Query results or extension rows", content_type = "application/json"),
        (status = 400, description = "Malformed queries, named", body = crate::errors::ErrorBody),
    )
)]
pub async fn reconcile_default_form(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
    body: Bytes,
) -> Result<Response, ApiError> {
    let params = form_params(query.as_deref(), &body)?;
    answer(state, "default".to_string(), params, &headers).await
}

/// The reconciliation service of one dataset.
#[utoipa::path(
    get,
    path = "/reconcile/{dataset}",
    tag = "reconcile",
    params(
        ("dataset" = String, Path, description = "Dataset; see /catalog"),
        ("queries" = Option<String>, Query, description = "A batch of queries (JSON); without it, the service manifest"),
        ("extend" = Option<String>, Query, description = "A data extension request (JSON)"),
    ),
    responses(
        (status = 200, description = "Manifest, query results or extension rows", content_type = "application/json"),
        (status = 400, description = "Malformed queries, named", body = crate::errors::ErrorBody),
        (status = 404, description = "No such dataset", body = crate::errors::ErrorBody),
    )
)]
pub async fn reconcile(
    State(state): State<AppState>,
    ApiPath(dataset): ApiPath<String>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let params = RawParams::parse(query.as_deref().unwrap_or(""))?;
    answer(state, dataset, params, &headers).await
}

/// The same, by a form.
#[utoipa::path(
    post,
    path = "/reconcile/{dataset}",
    tag = "reconcile",
    params(("dataset" = String, Path, description = "Dataset; see /catalog")),
    request_body(content = String, content_type = "application/x-www-form-urlencoded", description = "`queries=JSON` or `extend=JSON`"),
    responses(
        (status = 200, description = "Query results or extension rows", content_type = "application/json"),
        (status = 400, description = "Malformed queries, named", body = crate::errors::ErrorBody),
        (status = 404, description = "No such dataset", body = crate::errors::ErrorBody),
    )
)]
pub async fn reconcile_form(
    State(state): State<AppState>,
    ApiPath(dataset): ApiPath<String>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
    body: Bytes,
) -> Result<Response, ApiError> {
    let params = form_params(query.as_deref(), &body)?;
    answer(state, dataset, params, &headers).await
}

/// The query string's parameters followed by the form body's.
fn form_params(query: Option<&str>, body: &[u8]) -> Result<RawParams, ApiError> {
    let body = std::str::from_utf8(body)
        .map_err(|_| ApiError::bad_request("request body: not UTF-8 form data"))?;
    let joined = match query {
        Some(query) if !query.is_empty() => format!("{query}&{body}"),
        _ => body.to_string(),
    };
    RawParams::parse(joined.trim())
}

async fn answer(
    state: AppState,
    dataset: String,
    mut params: RawParams,
    headers: &HeaderMap,
) -> Result<Response, ApiError> {
    let limits = *state.limits();
    let field_limits = FieldLimits {
        max_values: limits.max_values,
        max_chars: limits.max_chars,
    };
    if let Some(queries) = params.take("queries") {
        check_text("queries", &queries, limits.max_body_bytes)?;
        let queries = parse_queries(&queries, limits.max_queries)?;
        return run_blocking(&state, move |snapshot, metrics, budget| {
            let scope = Scope::read(&dataset, &mut params, &snapshot)?;
            let batch = Batch {
                snapshot: &snapshot,
                scope: &scope,
                limits: field_limits,
                threshold: DEFAULT_THRESHOLD,
                metrics,
                budget,
            };
            to_json(&run_queries(&batch, &queries)?)
        })
        .await;
    }
    if let Some(request) = params.take("extend") {
        check_text("extend", &request, limits.max_body_bytes)?;
        return run_blocking(&state, move |snapshot, _, _| {
            let scope = Scope::read(&dataset, &mut params, &snapshot)?;
            to_json(&extend(&snapshot, &scope, &request, MAX_EXTEND_IDS)?)
        })
        .await;
    }
    let snapshot = state.snapshot()?;
    resolve(&dataset, &snapshot)?;
    let base = base_url(headers, state.config().tls.is_some());
    Ok(axum::Json(manifest(&base, &dataset)).into_response())
}

/// The service manifest of `dataset` served at `base`.
pub fn manifest(base: &str, dataset: &str) -> Value {
    let service = format!("{base}/reconcile/{dataset}");
    json!({
        "versions": ["0.2"],
        "name": format!("embargo sanctions screening ({dataset})"),
        "identifierSpace": format!("{base}/entities/"),
        "schemaSpace": "https://followthemoney.tech/explorer/schemata/",
        "view": {"url": format!("{base}/entities/{{{{id}}}}")},
        "preview": {"url": format!("{base}/ui/entity?id={{{{id}}}}"), "width": 430, "height": 300},
        "suggest": {
            "entity": {"service_url": service, "service_path": "/suggest/entity"},
            "type": {"service_url": service, "service_path": "/suggest/type"},
            "property": {"service_url": service, "service_path": "/suggest/property"},
        },
        "extend": {
            "propose_properties": {"service_url": service, "service_path": "/extend/propose"},
            "property_settings": [],
        },
        "defaultTypes": default_types(),
    })
}
