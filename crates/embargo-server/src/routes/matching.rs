//! `POST /match`: a batch of structured queries in the shape of the
//! OpenSanctions screening API (`{"queries": {"q1": {"schema": "Person",
//! "properties": {"name": [...], ...}}}}`), each answered with ranked,
//! explained results.

use std::collections::BTreeMap;

use axum::Extension;
use axum::extract::State;
use axum::response::Response;
use embargo_core::matching::ListVersion;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use serde_json::json;

use crate::audit::ApiScreening;
use crate::auth::Caller;
use crate::errors::{ApiError, ApiJson, ApiQuery};
use crate::ftm::{self, EntityExample, PreparedQuery};
use crate::screening::{
    MatchResult, Options, RawOptions, audit_results, match_result, run_blocking, screen, to_json,
};
use crate::{AppState, Limits};

/// The request body.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MatchRequest {
    /// Query key (any string, echoed in the response) → entity to screen.
    pub queries: BTreeMap<String, EntityExample>,
}

/// Query-string parameters.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct MatchParams {
    /// Score from which a result is a match (default 0.7).
    pub threshold: Option<f32>,
    /// Lowest score returned (default: the threshold).
    pub cutoff: Option<f32>,
    /// Most results per query (default 10).
    pub limit: Option<usize>,
    /// Comma-separated source ids to screen against (default: all).
    pub lists: Option<String>,
    /// Accepted for compatibility with OpenSanctions clients; embargo has
    /// one algorithm.
    pub algorithm: Option<String>,
}

/// The response body.
#[derive(Debug, Serialize, ToSchema)]
pub struct MatchResponse<'a> {
    /// Query key → its results.
    pub responses: BTreeMap<&'a str, QueryResponse<'a>>,
    /// The threshold applied.
    pub threshold: f32,
    /// The cutoff applied.
    pub cutoff: f32,
    /// The limit applied.
    pub limit: usize,
    /// The list versions screened against.
    #[schema(value_type = Vec<Object>)]
    pub lists: &'a [ListVersion],
}

/// The results of one query.
#[derive(Debug, Serialize, ToSchema)]
pub struct QueryResponse<'a> {
    /// Always 200: a bad query fails the whole request with a 400.
    pub status: u16,
    /// Best first.
    pub results: Vec<MatchResult<'a>>,
    /// Number of results.
    pub total: Total,
}

/// A result count, as the OpenSanctions API writes it.
#[derive(Debug, Serialize, ToSchema)]
pub struct Total {
    /// The count.
    pub value: usize,
    /// Always `eq`.
    pub relation: &'static str,
}

/// Screens each query against the served lists.
#[utoipa::path(
    post,
    path = "/match",
    params(MatchParams),
    request_body = MatchRequest,
    responses(
        (status = 200, description = "Results per query", body = MatchResponse),
        (status = 400, description = "Malformed request, naming the field", body = crate::errors::ErrorBody),
        (status = 413, description = "Body too large", body = crate::errors::ErrorBody),
        (status = 503, description = "Lists still loading", body = crate::errors::ErrorBody),
    )
)]
pub async fn match_entities(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiQuery(params): ApiQuery<MatchParams>,
    ApiJson(request): ApiJson<MatchRequest>,
) -> Result<Response, ApiError> {
    let limits = *state.limits();
    let prepared = prepare_all(&request, &limits)?;
    let audit_state = state.clone();
    run_blocking(&state, move |snapshot, metrics, budget| {
        let raw = RawOptions {
            threshold: params.threshold,
            cutoff: params.cutoff,
            limit: params.limit,
            lists: params.lists.as_deref(),
        };
        let options = Options::check(&raw, 1.0, limits.max_results, &snapshot)?;
        let found: Vec<(&str, Vec<_>)> = prepared
            .iter()
            .map(|(key, query)| {
                let results = screen(&snapshot, &query.queries(), &options, metrics, budget)?;
                Ok((key.as_str(), results))
            })
            .collect::<Result<_, ApiError>>()?;
        let responses = found
            .iter()
            .map(|(key, results)| {
                let results: Vec<MatchResult> = results
                    .iter()
                    .map(|r| match_result(&snapshot, r, options.threshold))
                    .collect();
                let total = Total {
                    value: results.len(),
                    relation: "eq",
                };
                (
                    *key,
                    QueryResponse {
                        status: 200,
                        results,
                        total,
                    },
                )
            })
            .collect();
        audit_state.audit().record(ApiScreening {
            actor: caller.actor().to_string(),
            input: json!({"endpoint": "/match", "queries": request.queries, "options": options}),
            lists: snapshot.screener.lists().to_vec(),
            threshold: options.threshold,
            results: found
                .iter()
                .map(|(key, results)| {
                    (
                        key.to_string(),
                        audit_results(&snapshot, results, options.threshold),
                    )
                })
                .collect::<serde_json::Map<_, _>>()
                .into(),
            result_count: found.iter().map(|(_, results)| results.len()).sum(),
        });
        to_json(&MatchResponse {
            responses,
            threshold: options.threshold,
            cutoff: options.cutoff,
            limit: options.limit,
            lists: snapshot.screener.lists(),
        })
    })
    .await
}

/// Checks the batch and prepares every query, failing on the first bad
/// one.
fn prepare_all(
    request: &MatchRequest,
    limits: &Limits,
) -> Result<Vec<(String, PreparedQuery)>, ApiError> {
    crate::ftm::prepare_batch(&request.queries, limits, ftm::prepare)
}
