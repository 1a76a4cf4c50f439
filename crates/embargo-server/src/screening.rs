//! What the screening routes share (`/match`, `/search` and `/scan` in
//! [`crate::routes`]): checking threshold, cutoff, limit and list filter,
//! screening a query under each of its names, running the work on the
//! blocking pool under the request's time budget, and the result shape.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Instant;

use axum::http::header;
use axum::response::{IntoResponse, Response};
use embargo_core::matching::{
    DEFAULT_THRESHOLD, Explanation, Query, ScreenMatch, ScreenOptions, check_threshold,
};
use embargo_core::model::Schema;
use embargo_core::model::{round_score, serialize_score};
use serde::Serialize;
use serde_json::{Value, json};
use utoipa::ToSchema;

use crate::errors::ApiError;
use crate::metrics::Metrics;
use crate::reload::Snapshot;
use crate::request_limits::Budget;
use crate::{AppState, ftm};

/// Checked screening options of one request.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Options {
    /// Score from which a result is a match (`match: true`).
    pub threshold: f32,
    /// Lowest score returned (at most `threshold`).
    pub cutoff: f32,
    /// Most results per query.
    pub limit: usize,
    /// Only entities of these sources, when given.
    pub lists: Option<Vec<String>>,
}

/// The raw option parameters of a request.
#[derive(Debug, Clone, Default)]
pub struct RawOptions<'a> {
    /// `threshold`.
    pub threshold: Option<f32>,
    /// `cutoff`.
    pub cutoff: Option<f32>,
    /// `limit`.
    pub limit: Option<usize>,
    /// `lists`, comma-separated source ids.
    pub lists: Option<&'a str>,
}

impl Options {
    /// Checks the parameters against the limits and the served lists;
    /// `default_cutoff` applies when no cutoff is given (capped at the
    /// threshold).
    pub fn check(
        raw: &RawOptions<'_>,
        default_cutoff: f32,
        max_results: usize,
        snapshot: &Snapshot,
    ) -> Result<Options, ApiError> {
        let threshold = unit("threshold", raw.threshold.unwrap_or(DEFAULT_THRESHOLD))?;
        let cutoff = unit(
            "cutoff",
            raw.cutoff.unwrap_or(default_cutoff.min(threshold)),
        )?;
        let limit = raw.limit.unwrap_or(embargo_core::matching::DEFAULT_LIMIT);
        if limit == 0 || limit > max_results {
            return Err(ApiError::bad_request(format!(
                "limit: {limit} is outside 1 to {max_results}"
            )));
        }
        let lists = raw
            .lists
            .map(|text| served_lists(text, snapshot))
            .transpose()?;
        Ok(Options {
            threshold,
            cutoff,
            limit,
            lists,
        })
    }
}

/// A score bound named `name` in the request, checked.
pub fn unit(name: &str, value: f32) -> Result<f32, ApiError> {
    check_threshold(value).map_err(|error| ApiError::bad_request(format!("{name}: {error}")))
}

/// `ofac-sdn,un` → the ids, each of which must be served.
fn served_lists(text: &str, snapshot: &Snapshot) -> Result<Vec<String>, ApiError> {
    let served: Vec<&str> = snapshot
        .screener
        .lists()
        .iter()
        .map(|list| list.source.as_str())
        .collect();
    let wanted: Vec<String> = text
        .split(',')
        .map(str::trim)
        .filter(|id| !id.is_empty())
        .map(str::to_string)
        .collect();
    if wanted.is_empty() {
        return Err(ApiError::bad_request("lists: no list id given"));
    }
    if let Some(unknown) = wanted.iter().find(|id| !served.contains(&id.as_str())) {
        return Err(ApiError::bad_request(format!(
            "lists: {unknown:?} is not a served list (served: {})",
            served.join(", ")
        )));
    }
    Ok(wanted)
}

/// Screens `queries` (one query per name of one entity) and merges their
/// results: each entity once with its best score, best first, at most
/// `options.limit`, only from `options.lists` when given. Stops with the
/// budget's 503 before a query once `budget` is spent.
pub fn screen(
    snapshot: &Snapshot,
    queries: &[Query],
    options: &Options,
    metrics: &Metrics,
    budget: &Budget,
) -> Result<Vec<ScreenMatch>, ApiError> {
    let started = Instant::now();
    let screen_options = ScreenOptions {
        threshold: options.cutoff,
        limit: match options.lists {
            Some(_) => usize::MAX,
            None => options.limit,
        },
    };
    let screener = &snapshot.screener;
    let mut best: BTreeMap<u32, ScreenMatch> = BTreeMap::new();
    for query in queries {
        budget.check()?;
        for result in screener.screen(query, &screen_options) {
            let keep = options
                .lists
                .as_ref()
                .is_none_or(|lists| lists.iter().any(|l| l == screener.entity(&result).source()));
            let better = best
                .get(&result.entity)
                .is_none_or(|known| result.score > known.score);
            if keep && better {
                best.insert(result.entity, result);
            }
        }
    }
    let mut results: Vec<ScreenMatch> = best.into_values().collect();
    results.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| screener.entity(a).id.cmp(&screener.entity(b).id))
    });
    results.truncate(options.limit);
    let matches = results
        .iter()
        .filter(|r| r.score >= options.threshold)
        .count();
    metrics.record_query(started.elapsed(), results.len(), matches);
    Ok(results)
}

/// One result, in the OpenSanctions shape plus embargo's explanation.
#[derive(Debug, Serialize, ToSchema)]
pub struct MatchResult<'a> {
    /// Entity id (`ofac-sdn:43377`).
    pub id: &'a str,
    /// The entity's primary name.
    pub caption: &'a str,
    /// `Person`, `Organization`, `Vessel`, `Aircraft` or `Other`.
    #[schema(value_type = String)]
    pub schema: Schema,
    /// The entity's fields as FollowTheMoney-style properties.
    #[schema(value_type = BTreeMap<String, Vec<String>>)]
    pub properties: BTreeMap<&'static str, Vec<String>>,
    /// The list it comes from.
    #[schema(value_type = Vec<String>)]
    pub datasets: [&'a str; 1],
    /// Its sanctions programs.
    #[schema(value_type = Vec<String>)]
    pub programs: &'a [String],
    /// Score in `[0, 1]`, rounded to 3 decimals.
    #[serde(serialize_with = "serialize_score")]
    pub score: f32,
    /// Whether the score reaches the threshold.
    #[serde(rename = "match")]
    pub is_match: bool,
    /// Contribution of each feature (`name`, `birth_date`, `country`,
    /// `gender`, `identifier`, `wallet`) to the score.
    #[schema(value_type = BTreeMap<String, f32>)]
    #[serde(serialize_with = "serialize_feature_scores")]
    pub features: BTreeMap<&'static str, f32>,
    /// The listed name that matched (empty for identifier-only hits).
    pub matched_name: &'a str,
    /// Why it matched: the word alignment and each feature's effect.
    #[schema(value_type = Object)]
    pub explanation: &'a Explanation,
    /// The explanation in one line for people.
    pub summary: String,
}

/// The result view of `result`, built from the screener's
/// [`ResultView`](embargo_core::matching::ResultView).
pub fn match_result<'a>(
    snapshot: &'a Snapshot,
    result: &'a ScreenMatch,
    threshold: f32,
) -> MatchResult<'a> {
    let view = snapshot.screener.view(result);
    let entity = snapshot.screener.entity(result);
    let mut features: BTreeMap<&'static str, f32> = BTreeMap::new();
    for feature in &view.explanation.features {
        *features.entry(feature.feature).or_default() += feature.effect;
    }
    MatchResult {
        id: view.id,
        caption: view.name,
        schema: view.schema,
        properties: ftm::entity_properties(entity),
        datasets: [entity.source()],
        programs: view.programs,
        score: view.score,
        is_match: view.score >= threshold,
        features,
        matched_name: view.matched_name,
        explanation: view.explanation,
        summary: view.explanation.summary(),
    }
}

/// What the audit log keeps of a query's results: id, score and match
/// flag of each, best first.
pub fn audit_results(snapshot: &Snapshot, results: &[ScreenMatch], threshold: f32) -> Value {
    results
        .iter()
        .map(|result| {
            json!({
                "id": snapshot.screener.entity(result).id,
                "score": result.score,
                "match": result.score >= threshold,
            })
        })
        .collect()
}

/// Runs `work` (screening and serializing) on the blocking pool with the
/// current snapshot under the request's time [`Budget`], and sends its
/// bytes as JSON; a 503 once the budget is spent (the work stops at its
/// next [`Budget::check`]).
pub async fn run_blocking<F>(state: &AppState, work: F) -> Result<Response, ApiError>
where
    F: FnOnce(Arc<Snapshot>, &Metrics, &Budget) -> Result<Vec<u8>, ApiError> + Send + 'static,
{
    let snapshot = state.snapshot()?;
    let budget = Budget::starting_now(state.limits().request_timeout);
    let state = state.clone();
    let task = tokio::task::spawn_blocking(move || work(snapshot, state.metrics(), &budget));
    let body = match tokio::time::timeout(budget.allowed(), task).await {
        Err(_) => return Err(budget.exceeded()),
        Ok(joined) => {
            joined.map_err(|_| ApiError::internal("screening failed on this request"))??
        }
    };
    Ok(([(header::CONTENT_TYPE, "application/json")], body).into_response())
}

/// Serializes a response body.
pub fn to_json(value: &impl Serialize) -> Result<Vec<u8>, ApiError> {
    serde_json::to_vec(value).map_err(|error| ApiError::internal(format!("encoding JSON: {error}")))
}

/// Serializes feature contributions rounded as scores are
/// ([`serialize_score`]).
fn serialize_feature_scores<S: serde::Serializer>(
    features: &BTreeMap<&'static str, f32>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut map = serializer.serialize_map(Some(features.len()))?;
    for (name, effect) in features {
        map.serialize_entry(name, &round_score(*effect))?;
    }
    map.end()
}
