//! `POST /match/{dataset}`: yente's matching endpoint. Each query is
//! screened like embargo's own `/match`, restricted to the dataset's
//! sources and the filters of [`super::scope`]; results that are copies
//! of one entity on several lists come back as one (see
//! `crate::grouping`), in yente's result shape with embargo's explanation
//! beside yente's `explanations`.

use std::collections::BTreeMap;

use axum::Extension;
use axum::extract::{RawQuery, State};
use axum::response::Response;
use embargo_core::matching::{DEFAULT_THRESHOLD, Explanation, ListVersion, ScreenMatch};
use serde::Serialize;
use serde_json::json;

use super::catalog::Matcher;
use super::entity::{YenteEntity, group_results, list_dates, round_score, yente_entity};
use super::explain::{FeatureExplanation, explanations, feature_scores};
use super::params::RawParams;
use super::query::{PreparedYenteQuery, YenteMatchRequest, YenteQuery, prepare};
use super::scope::Scope;
use crate::AppState;
use crate::audit::ApiScreening;
use crate::auth::Caller;
use crate::errors::{ApiError, ApiJson, ApiPath};
use crate::reload::Snapshot;
use crate::routes::matching::Total;
use crate::screening::{Options, audit_results, run_blocking, screen, to_json, unit};

/// Largest `limit` yente accepts, and so embargo.
pub const MAX_LIMIT: usize = 500;
/// Results per query unless told otherwise (yente's default).
pub const DEFAULT_LIMIT: usize = 5;

/// One result: the entity in yente's shape with the score and both
/// explanations.
#[derive(Debug, Serialize)]
pub struct YenteResult<'a> {
    /// The entity, every copy merged.
    #[serde(flatten)]
    pub entity: YenteEntity<'a>,
    /// Score in `[0, 1]`, three decimals.
    pub score: f64,
    /// Each feature's part of the score, three decimals.
    pub features: BTreeMap<&'static str, f64>,
    /// Whether the score reaches the threshold.
    #[serde(rename = "match")]
    pub is_match: bool,
    /// yente's explanation shape.
    pub explanations: BTreeMap<&'static str, FeatureExplanation>,
    /// The listed name that matched.
    pub matched_name: &'a str,
    /// embargo's explanation: word alignment and features.
    pub explanation: &'a Explanation,
    /// The explanation in one line.
    pub summary: String,
}

/// The results of one query.
#[derive(Debug, Serialize)]
struct QueryResponse<'a> {
    status: u16,
    results: Vec<YenteResult<'a>>,
    total: Total,
    query: &'a YenteQuery,
    ignored_properties: &'a [String],
}

/// The response body.
#[derive(Debug, Serialize)]
struct MatchResponse<'a> {
    responses: BTreeMap<&'a str, QueryResponse<'a>>,
    matcher: Matcher,
    limit: usize,
    threshold: f64,
    cutoff: f64,
    dataset: &'a str,
    lists: &'a [ListVersion],
    ignored: BTreeMap<String, String>,
}

/// Screens each query against one dataset, yente's way.
#[utoipa::path(
    post,
    path = "/match/{dataset}",
    tag = "yente",
    params(
        ("dataset" = String, Path, description = "Dataset: `default`, `sanctions` or a list (`us_ofac_sdn`, `ofac-sdn`, ...); see /catalog"),
        ("limit" = Option<usize>, Query, description = "Most results per query (default 5, at most 500)"),
        ("threshold" = Option<f32>, Query, description = "Score from which a result is a match (default 0.7)"),
        ("cutoff" = Option<f32>, Query, description = "Lowest score returned (default: the threshold)"),
        ("algorithm" = Option<String>, Query, description = "One of /algorithms (`best` and `default` name embargo's)"),
        ("include_dataset" = Option<Vec<String>>, Query, description = "Only these datasets (repeatable)"),
        ("exclude_dataset" = Option<Vec<String>>, Query, description = "Not these datasets (repeatable)"),
        ("exclude_schema" = Option<Vec<String>>, Query, description = "Not these schemata (repeatable)"),
        ("exclude_entity_ids" = Option<Vec<String>>, Query, description = "Not these entities (repeatable)"),
        ("topics" = Option<Vec<String>>, Query, description = "Only entities with one of these topics (all served ones are `sanction`)"),
        ("fuzzy" = Option<bool>, Query, description = "Accepted; no effect (reported under `ignored`)"),
        ("changed_since" = Option<String>, Query, description = "Only entities whose record changed on or after this date (by the store's versions; an entity with no known history is kept)"),
    ),
    request_body = YenteMatchRequest,
    responses(
        (status = 200, description = "Results per query, in yente's shape", content_type = "application/json"),
        (status = 400, description = "Malformed request, naming the field", body = crate::errors::ErrorBody),
        (status = 404, description = "No such dataset", body = crate::errors::ErrorBody),
        (status = 503, description = "Lists still loading", body = crate::errors::ErrorBody),
    )
)]
pub async fn match_dataset(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath(dataset): ApiPath<String>,
    RawQuery(query_string): RawQuery,
    ApiJson(request): ApiJson<YenteMatchRequest>,
) -> Result<Response, ApiError> {
    let limits = *state.limits();
    let mut params = RawParams::parse(query_string.as_deref().unwrap_or(""))?;
    let threshold = unit(
        "threshold",
        params
            .take_parsed("threshold", "a number")?
            .unwrap_or(DEFAULT_THRESHOLD),
    )?;
    let cutoff = unit(
        "cutoff",
        params
            .take_parsed("cutoff", "a number")?
            .unwrap_or(threshold),
    )?;
    let limit: usize = params
        .take_parsed("limit", "a whole number")?
        .unwrap_or(DEFAULT_LIMIT);
    if limit == 0 || limit > MAX_LIMIT {
        return Err(ApiError::bad_request(format!(
            "limit: {limit} is outside 1 to {MAX_LIMIT}"
        )));
    }
    let prepared = prepare_all(&request, &limits)?;
    let audit_state = state.clone();
    run_blocking(&state, move |snapshot, metrics, budget| {
        let scope = Scope::read(&dataset, &mut params, &snapshot)?;
        let mut ignored = scope.ignored.clone();
        ignored.extend(params.leftover());
        if request.weights.is_some() {
            ignored.insert(
                "weights".to_string(),
                "embargo has one scoring rule; weights are not applied".to_string(),
            );
        }
        if request.config.is_some() {
            ignored.insert(
                "config".to_string(),
                "embargo's matcher takes no configuration; not applied".to_string(),
            );
        }
        for field in request.other.keys() {
            ignored.insert(
                field.clone(),
                "not a field embargo knows; ignored".to_string(),
            );
        }
        let options = Options {
            threshold,
            cutoff,
            // Copies fold into one result and filters drop some: ask for
            // more than the limit.
            limit: (limit * 2 + scope.exclude_ids.len()).min(2 * MAX_LIMIT),
            lists: scope.lists(),
        };
        let mut found = Vec::with_capacity(prepared.len());
        for (key, query) in &prepared {
            let results = screen(
                &snapshot,
                &query.prepared.queries(),
                &options,
                metrics,
                budget,
            )?;
            found.push((key.as_str(), ranked(&snapshot, &scope, results, limit)));
        }
        let dates = list_dates(&snapshot);
        let mut responses = BTreeMap::new();
        for ((key, grouped), (_, query)) in found.iter().zip(&prepared) {
            let echo = request.queries.get(*key);
            let results: Vec<YenteResult> = grouped
                .iter()
                .filter_map(|(result, copies)| {
                    yente_result(&snapshot, result, copies, &dates, threshold)
                })
                .collect();
            let total = Total {
                value: results.len(),
                relation: "eq",
            };
            if let Some(echo) = echo {
                responses.insert(
                    *key,
                    QueryResponse {
                        status: 200,
                        results,
                        total,
                        query: echo,
                        ignored_properties: &query.ignored_properties,
                    },
                );
            }
        }
        audit_state.audit().record(ApiScreening {
            actor: caller.actor().to_string(),
            input: json!({"endpoint": "/match/{dataset}", "dataset": dataset,
                          "queries": request.queries, "sources": scope.sources}),
            lists: snapshot.screener.lists().to_vec(),
            threshold,
            results: found
                .iter()
                .map(|(key, grouped)| {
                    let leads: Vec<ScreenMatch> =
                        grouped.iter().map(|(result, _)| result.clone()).collect();
                    (key.to_string(), audit_results(&snapshot, &leads, threshold))
                })
                .collect::<serde_json::Map<_, _>>()
                .into(),
            result_count: found.iter().map(|(_, grouped)| grouped.len()).sum(),
        });
        to_json(&MatchResponse {
            responses,
            matcher: Matcher::embargo(),
            limit,
            threshold: round_score(threshold),
            cutoff: round_score(cutoff),
            dataset: &dataset,
            lists: snapshot.screener.lists(),
            ignored,
        })
    })
    .await
}

/// Filters ranked results by the scope, folds copies together and keeps
/// the best `limit`.
pub fn ranked(
    snapshot: &Snapshot,
    scope: &Scope,
    results: Vec<ScreenMatch>,
    limit: usize,
) -> Vec<(ScreenMatch, Vec<u32>)> {
    let kept: Vec<ScreenMatch> = results
        .into_iter()
        .filter(|result| scope.keeps(snapshot.screener.entity(result), snapshot))
        .collect();
    let mut grouped = group_results(snapshot, kept, scope.source_filter());
    grouped.truncate(limit);
    grouped
}

/// One result in yente's shape.
pub fn yente_result<'a>(
    snapshot: &'a Snapshot,
    result: &'a ScreenMatch,
    copies: &[u32],
    dates: &super::entity::ListDates,
    threshold: f32,
) -> Option<YenteResult<'a>> {
    let entity = yente_entity(snapshot, copies, dates)?;
    Some(YenteResult {
        entity,
        score: round_score(result.score),
        features: feature_scores(&result.explanation),
        is_match: result.score >= threshold,
        explanations: explanations(&result.explanation),
        matched_name: &result.explanation.matched_name,
        explanation: &result.explanation,
        summary: result.explanation.summary(),
    })
}

/// Checks the batch and prepares every query, failing on the first bad
/// one.
fn prepare_all(
    request: &YenteMatchRequest,
    limits: &crate::Limits,
) -> Result<Vec<(String, PreparedYenteQuery)>, ApiError> {
    crate::ftm::prepare_batch(&request.queries, limits, prepare)
}
