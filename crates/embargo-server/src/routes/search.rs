//! `GET /search?q=&type=&dob=&country=&limit=`: free-text name search for
//! people typing in a box (the web UI's search page uses it). Returns
//! near misses down to a lower cutoff than `/match`, each flagged with
//! `match`.

use axum::Extension;
use axum::extract::State;
use axum::response::Response;
use embargo_core::matching::{ListVersion, Query};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use serde_json::json;

use crate::AppState;
use crate::audit::ApiScreening;
use crate::auth::Caller;
use crate::errors::{ApiError, ApiQuery};
use crate::ftm;
use crate::screening::{
    MatchResult, Options, RawOptions, audit_results, match_result, run_blocking, screen, to_json,
};

/// Lowest score `/search` returns unless told otherwise.
pub const SEARCH_CUTOFF: f32 = 0.5;

/// Query-string parameters.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// The name, in any script and order.
    pub q: Option<String>,
    /// `person`, `organization`, `vessel`, `aircraft` or `any` (default).
    #[serde(rename = "type")]
    #[param(rename = "type")]
    pub schema: Option<String>,
    /// Date of birth or incorporation (`1965-04-25`, `25 Apr 1965`, `1965`).
    pub dob: Option<String>,
    /// Country: ISO code or name.
    pub country: Option<String>,
    /// Score from which a result is a match (default 0.7).
    pub threshold: Option<f32>,
    /// Lowest score returned (default 0.5).
    pub cutoff: Option<f32>,
    /// Most results (default 10).
    pub limit: Option<usize>,
    /// Comma-separated source ids to search (default: all).
    pub lists: Option<String>,
}

/// The response body.
#[derive(Debug, Serialize, ToSchema)]
pub struct SearchResponse<'a> {
    /// The query as understood.
    #[schema(value_type = Object)]
    pub query: &'a Query,
    /// The threshold applied.
    pub threshold: f32,
    /// The cutoff applied.
    pub cutoff: f32,
    /// Best first.
    pub results: Vec<MatchResult<'a>>,
    /// The list versions searched.
    #[schema(value_type = Vec<Object>)]
    pub lists: &'a [ListVersion],
}

/// Searches the served lists for a name.
#[utoipa::path(
    get,
    path = "/search",
    params(SearchParams),
    responses(
        (status = 200, description = "Ranked results", body = SearchResponse),
        (status = 400, description = "Bad parameter, named", body = crate::errors::ErrorBody),
        (status = 503, description = "Lists still loading", body = crate::errors::ErrorBody),
    )
)]
pub async fn search(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiQuery(params): ApiQuery<SearchParams>,
) -> Result<Response, ApiError> {
    let limits = *state.limits();
    let query = build_query(&params, limits.max_chars)?;
    let audit_state = state.clone();
    run_blocking(&state, move |snapshot, metrics, budget| {
        let raw = RawOptions {
            threshold: params.threshold,
            cutoff: params.cutoff,
            limit: params.limit,
            lists: params.lists.as_deref(),
        };
        let options = Options::check(&raw, SEARCH_CUTOFF, limits.max_results, &snapshot)?;
        let results = screen(
            &snapshot,
            std::slice::from_ref(&query),
            &options,
            metrics,
            budget,
        )?;
        audit_state.audit().record(ApiScreening {
            actor: caller.actor().to_string(),
            input: json!({"endpoint": "/search", "query": query, "options": options}),
            lists: snapshot.screener.lists().to_vec(),
            threshold: options.threshold,
            results: audit_results(&snapshot, &results, options.threshold),
            result_count: results.len(),
        });
        to_json(&SearchResponse {
            query: &query,
            threshold: options.threshold,
            cutoff: options.cutoff,
            results: results
                .iter()
                .map(|r| match_result(&snapshot, r, options.threshold))
                .collect(),
            lists: snapshot.screener.lists(),
        })
    })
    .await
}

/// The query the parameters describe, each bad one named.
fn build_query(params: &SearchParams, max_chars: usize) -> Result<Query, ApiError> {
    let texts = [
        ("q", &params.q),
        ("type", &params.schema),
        ("dob", &params.dob),
        ("country", &params.country),
    ];
    for (name, value) in texts {
        ftm::check_lengths(name, value.as_deref().into_iter(), max_chars)?;
    }
    let name = params.q.as_deref().unwrap_or("").trim();
    if name.is_empty() {
        return Err(ApiError::bad_request("q: give a name to search for"));
    }
    let mut query = Query::name(name);
    if let Some(schema) = nonempty(&params.schema) {
        query.schema = ftm::query_schema(schema).map_err(ApiError::bad_request)?;
    }
    if let Some(dob) = nonempty(&params.dob) {
        query = query
            .with_birth_date(dob)
            .map_err(|e| ApiError::bad_request(format!("dob: {e}")))?;
    }
    if let Some(country) = nonempty(&params.country) {
        query = query
            .with_country(country)
            .map_err(|e| ApiError::bad_request(e.to_string()))?;
    }
    query.check_limits().map_err(|error| {
        let text = error.to_string();
        ApiError::bad_request(format!("q: {}", text.trim_start_matches("name: ")))
    })?;
    Ok(query)
}

fn nonempty(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}
