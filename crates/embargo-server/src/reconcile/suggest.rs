//! The reconciliation service's suggest and propose routes:
//! `/reconcile/{dataset}/suggest/entity?prefix=` (names starting with the
//! prefix, then screening hits for it), `.../suggest/property`,
//! `.../suggest/type` and `.../extend/propose`.

use axum::Json;
use axum::extract::{RawQuery, State};
use axum::response::Response;
use serde_json::{Value, json};

use super::queries::default_types;
use crate::AppState;
use crate::errors::{ApiError, ApiPath};
use crate::ftm;
use crate::routes::search::SEARCH_CUTOFF;
use crate::screening::{Options, run_blocking, screen, to_json};
use crate::yente::datasets::{dataset_name, resolve};
use crate::yente::entity::group_results;
use crate::yente::params::RawParams;
use crate::yente::properties::{all_properties, ftm_schema};
use crate::yente::scope::Scope;

/// Most suggestions.
pub const MAX_SUGGESTIONS: usize = 20;
/// Suggestions unless `limit` says.
pub const DEFAULT_SUGGESTIONS: usize = 10;

/// The prefix and limit of a suggest request.
fn prefix_and_limit(params: &mut RawParams, max_chars: usize) -> Result<(String, usize), ApiError> {
    let prefix = params.take("prefix").unwrap_or_default();
    ftm::check_lengths("prefix", std::iter::once(prefix.as_str()), max_chars)?;
    let limit: usize = params
        .take_parsed("limit", "a whole number")?
        .unwrap_or(DEFAULT_SUGGESTIONS)
        .clamp(1, MAX_SUGGESTIONS);
    Ok((prefix.trim().to_string(), limit))
}

fn suggestions(prefix: &str, result: Vec<Value>) -> Value {
    json!({"code": "/api/status/ok", "status": "200 OK", "prefix": prefix, "result": result})
}

/// Entities for a name being typed: names starting with the prefix
/// first, then what screening the prefix as a name finds.
#[utoipa::path(
    get,
    path = "/reconcile/{dataset}/suggest/entity",
    tag = "reconcile",
    params(
        ("dataset" = String, Path, description = "Dataset; see /catalog"),
        ("prefix" = String, Query, description = "The start of a name"),
        ("limit" = Option<usize>, Query, description = "Most suggestions (default 10, at most 20)"),
    ),
    responses(
        (status = 200, description = "Suggested entities", content_type = "application/json"),
        (status = 404, description = "No such dataset", body = crate::errors::ErrorBody),
    )
)]
pub async fn suggest_entity(
    State(state): State<AppState>,
    ApiPath(dataset): ApiPath<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let mut params = RawParams::parse(query.as_deref().unwrap_or(""))?;
    let (prefix, limit) = prefix_and_limit(&mut params, state.limits().max_chars)?;
    run_blocking(&state, move |snapshot, metrics, budget| {
        let scope = Scope::read(&dataset, &mut params, &snapshot)?;
        if prefix.is_empty() {
            return to_json(&suggestions(&prefix, Vec::new()));
        }
        let folded = prefix.to_lowercase();
        let mut found: Vec<u32> = Vec::new();
        for (at, entity) in (0u32..).zip(snapshot.screener.entities()) {
            if found.len() == limit {
                break;
            }
            let starts = entity
                .names
                .iter()
                .any(|name| name.full.to_lowercase().starts_with(&folded));
            if starts && scope.keeps(entity, &snapshot) {
                found.push(at);
            }
        }
        if found.len() < limit {
            budget.check()?;
            let query = embargo_core::matching::Query::name(prefix.as_str());
            if query.check_limits().is_ok() {
                let options = Options {
                    threshold: SEARCH_CUTOFF,
                    cutoff: SEARCH_CUTOFF,
                    limit: limit * 2,
                    lists: scope.lists(),
                };
                let results = screen(&snapshot, &[query], &options, metrics, budget)?;
                let kept = results
                    .into_iter()
                    .filter(|r| scope.keeps(snapshot.screener.entity(r), &snapshot))
                    .collect();
                for (result, _) in group_results(&snapshot, kept, scope.source_filter()) {
                    if found.len() < limit && !found.contains(&result.entity) {
                        found.push(result.entity);
                    }
                }
            }
        }
        let entities = snapshot.screener.entities();
        let result = found
            .iter()
            .filter_map(|&at| entities.get(at as usize))
            .map(|entity| {
                json!({
                    "id": entity.id,
                    "name": entity.caption(),
                    "type": [{"id": ftm_schema(entity.schema), "name": ftm_schema(entity.schema)}],
                    "description": dataset_name(entity.source()),
                })
            })
            .collect();
        to_json(&suggestions(&prefix, result))
    })
    .await
}

/// FtM properties whose name contains the prefix.
#[utoipa::path(
    get,
    path = "/reconcile/{dataset}/suggest/property",
    tag = "reconcile",
    params(
        ("dataset" = String, Path, description = "Dataset; see /catalog"),
        ("prefix" = String, Query, description = "Part of a property name"),
    ),
    responses(
        (status = 200, description = "Suggested properties", content_type = "application/json"),
        (status = 404, description = "No such dataset", body = crate::errors::ErrorBody),
    )
)]
pub async fn suggest_property(
    State(state): State<AppState>,
    ApiPath(dataset): ApiPath<String>,
    RawQuery(query): RawQuery,
) -> Result<Json<Value>, ApiError> {
    let properties = all_properties()
        .into_iter()
        .map(|name| json!({"id": name, "name": name}))
        .collect();
    suggest_among(&state, &dataset, query.as_deref(), properties)
}

/// Types (FtM schemata) whose name contains the prefix.
#[utoipa::path(
    get,
    path = "/reconcile/{dataset}/suggest/type",
    tag = "reconcile",
    params(
        ("dataset" = String, Path, description = "Dataset; see /catalog"),
        ("prefix" = String, Query, description = "Part of a type name"),
    ),
    responses(
        (status = 200, description = "Suggested types", content_type = "application/json"),
        (status = 404, description = "No such dataset", body = crate::errors::ErrorBody),
    )
)]
pub async fn suggest_type(
    State(state): State<AppState>,
    ApiPath(dataset): ApiPath<String>,
    RawQuery(query): RawQuery,
) -> Result<Json<Value>, ApiError> {
    suggest_among(&state, &dataset, query.as_deref(), default_types())
}

/// The suggestions among `candidates` (objects with an `id`) whose id
/// contains the request's prefix, case aside, at most its `limit`.
fn suggest_among(
    state: &AppState,
    dataset: &str,
    query: Option<&str>,
    candidates: Vec<Value>,
) -> Result<Json<Value>, ApiError> {
    let mut params = RawParams::parse(query.unwrap_or(""))?;
    let (prefix, limit) = prefix_and_limit(&mut params, state.limits().max_chars)?;
    let snapshot = state.snapshot()?;
    resolve(dataset, &snapshot)?;
    let folded = prefix.to_lowercase();
    let result = candidates
        .into_iter()
        .filter(|candidate| {
            candidate["id"]
                .as_str()
                .is_some_and(|id| id.to_lowercase().contains(&folded))
        })
        .take(limit)
        .collect();
    Ok(Json(suggestions(&prefix, result)))
}

/// The properties a data extension may ask for.
#[utoipa::path(
    get,
    path = "/reconcile/{dataset}/extend/propose",
    tag = "reconcile",
    params(
        ("dataset" = String, Path, description = "Dataset; see /catalog"),
        ("type" = Option<String>, Query, description = "A type (FtM schema)"),
    ),
    responses(
        (status = 200, description = "Properties to extend by", content_type = "application/json"),
        (status = 404, description = "No such dataset", body = crate::errors::ErrorBody),
    )
)]
pub async fn propose_properties(
    State(state): State<AppState>,
    ApiPath(dataset): ApiPath<String>,
    RawQuery(query): RawQuery,
) -> Result<Json<Value>, ApiError> {
    let mut params = RawParams::parse(query.as_deref().unwrap_or(""))?;
    let snapshot = state.snapshot()?;
    resolve(&dataset, &snapshot)?;
    let wanted = params
        .take("type")
        .unwrap_or_else(|| "LegalEntity".to_string());
    let schema = ftm::query_schema(&wanted)
        .map_err(|detail| ApiError::bad_request(format!("type: {detail}")))?;
    let properties: Vec<Value> = all_properties()
        .into_iter()
        .filter(|name| {
            schema.is_none_or(|schema| crate::yente::properties::has_property(schema, name))
        })
        .map(|name| json!({"id": name, "name": name}))
        .chain([json!({"id": "datasets", "name": "datasets"})])
        .collect();
    Ok(Json(json!({"type": wanted, "properties": properties})))
}
