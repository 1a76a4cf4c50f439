//! `GET /search/{dataset}`: yente's search, answered in its shape
//! (`{limit, offset, total, results, facets}`): the name in `q` screened
//! down to `/search`'s lower cutoff, filtered by `schema`, `countries`
//! (screening evidence) and the shared filters of [`super::scope`],
//! copies folded into one result, then paged.

use std::collections::BTreeMap;

use axum::Extension;
use axum::extract::{RawQuery, State};
use axum::response::Response;
use embargo_core::matching::{DEFAULT_THRESHOLD, Query};
use serde::Serialize;
use serde_json::{Value, json};

use super::datasets::dataset_name;
use super::entity::{TOPICS, YenteEntity, list_dates, round_score, yente_entity};
use super::matching::{MAX_LIMIT, ranked};
use super::params::RawParams;
use super::scope::Scope;
use crate::audit::ApiScreening;
use crate::auth::Caller;
use crate::errors::{ApiError, ApiPath};
use crate::routes::matching::Total;
use crate::routes::search::SEARCH_CUTOFF;
use crate::screening::{Options, audit_results, run_blocking, screen, to_json, unit};
use crate::{AppState, ftm};

/// Results per page unless told otherwise.
pub const DEFAULT_LIMIT: usize = 10;
/// Furthest a page may start.
pub const MAX_OFFSET: usize = 1_000;

/// One search result.
#[derive(Debug, Serialize)]
struct SearchResult<'a> {
    #[serde(flatten)]
    entity: YenteEntity<'a>,
    score: f64,
    #[serde(rename = "match")]
    is_match: bool,
}

/// The response body.
#[derive(Debug, Serialize)]
struct SearchResponse<'a> {
    limit: usize,
    offset: usize,
    total: Total,
    results: Vec<SearchResult<'a>>,
    facets: BTreeMap<&'static str, Value>,
    ignored: BTreeMap<String, String>,
}

/// Searches one dataset for a name, yente's way.
#[utoipa::path(
    get,
    path = "/search/{dataset}",
    tag = "yente",
    params(
        ("dataset" = String, Path, description = "Dataset: `default`, `sanctions` or a list; see /catalog"),
        ("q" = String, Query, description = "The name, in any script and order"),
        ("schema" = Option<String>, Query, description = "FtM schema (`Person`, `Company`, `Vessel`, ...)"),
        ("countries" = Option<Vec<String>>, Query, description = "Countries (codes or names, repeatable), used as evidence"),
        ("limit" = Option<usize>, Query, description = "Results per page (default 10, at most 500)"),
        ("offset" = Option<usize>, Query, description = "First result of the page (at most 1000)"),
        ("include_dataset" = Option<Vec<String>>, Query, description = "Only these datasets (repeatable)"),
        ("exclude_dataset" = Option<Vec<String>>, Query, description = "Not these datasets (repeatable)"),
        ("exclude_schema" = Option<Vec<String>>, Query, description = "Not these schemata (repeatable)"),
        ("topics" = Option<Vec<String>>, Query, description = "Only entities with one of these topics"),
        ("fuzzy" = Option<bool>, Query, description = "Accepted; no effect (reported under `ignored`)"),
    ),
    responses(
        (status = 200, description = "A page of results with facets, in yente's shape", content_type = "application/json"),
        (status = 400, description = "Bad parameter, named", body = crate::errors::ErrorBody),
        (status = 404, description = "No such dataset", body = crate::errors::ErrorBody),
        (status = 503, description = "Lists still loading", body = crate::errors::ErrorBody),
    )
)]
pub async fn search_dataset(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    ApiPath(dataset): ApiPath<String>,
    RawQuery(query_string): RawQuery,
) -> Result<Response, ApiError> {
    let limits = *state.limits();
    let mut params = RawParams::parse(query_string.as_deref().unwrap_or(""))?;
    let limit: usize = params
        .take_parsed("limit", "a whole number")?
        .unwrap_or(DEFAULT_LIMIT);
    if limit == 0 || limit > MAX_LIMIT {
        return Err(ApiError::bad_request(format!(
            "limit: {limit} is outside 1 to {MAX_LIMIT}"
        )));
    }
    let offset: usize = params.take_parsed("offset", "a whole number")?.unwrap_or(0);
    if offset > MAX_OFFSET {
        return Err(ApiError::bad_request(format!(
            "offset: {offset} is beyond {MAX_OFFSET}"
        )));
    }
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
            .unwrap_or(SEARCH_CUTOFF.min(threshold)),
    )?;
    let query = build_query(&mut params, limits.max_chars)?;
    let audit_state = state.clone();
    run_blocking(&state, move |snapshot, metrics, budget| {
        let scope = Scope::read(&dataset, &mut params, &snapshot)?;
        let mut ignored = scope.ignored.clone();
        ignored.extend(params.leftover());
        let wanted = offset + limit;
        let options = Options {
            threshold,
            cutoff,
            limit: (wanted * 2 + scope.exclude_ids.len()).min(4 * MAX_LIMIT),
            lists: scope.lists(),
        };
        let results = screen(
            &snapshot,
            std::slice::from_ref(&query),
            &options,
            metrics,
            budget,
        )?;
        let grouped = ranked(&snapshot, &scope, results, usize::MAX);
        let facets = facets(&snapshot, &grouped);
        let dates = list_dates(&snapshot);
        let page: Vec<SearchResult> = grouped
            .iter()
            .skip(offset)
            .take(limit)
            .filter_map(|(result, copies)| {
                Some(SearchResult {
                    entity: yente_entity(&snapshot, copies, &dates)?,
                    score: round_score(result.score),
                    is_match: result.score >= threshold,
                })
            })
            .collect();
        let leads: Vec<_> = grouped.iter().map(|(result, _)| result.clone()).collect();
        audit_state.audit().record(ApiScreening {
            actor: caller.actor().to_string(),
            input: json!({"endpoint": "/search/{dataset}", "dataset": dataset, "query": query,
                          "sources": scope.sources}),
            lists: snapshot.screener.lists().to_vec(),
            threshold,
            results: audit_results(&snapshot, &leads, threshold),
            result_count: leads.len(),
        });
        to_json(&SearchResponse {
            limit,
            offset,
            total: Total {
                value: grouped.len(),
                relation: "eq",
            },
            results: page,
            facets,
            ignored,
        })
    })
    .await
}

/// The query the parameters describe, each bad one named.
fn build_query(params: &mut RawParams, max_chars: usize) -> Result<Query, ApiError> {
    let name = params.take("q").unwrap_or_default();
    ftm::check_lengths("q", std::iter::once(name.as_str()), max_chars)?;
    let name = name.trim();
    if name.is_empty() {
        return Err(ApiError::bad_request("q: give a name to search for"));
    }
    let mut query = Query::name(name);
    if let Some(schema) = params.take("schema") {
        ftm::check_lengths("schema", std::iter::once(schema.as_str()), max_chars)?;
        query.schema = ftm::query_schema(&schema)
            .map_err(|detail| ApiError::bad_request(format!("schema: {detail}")))?;
    }
    for country in params.take_all("countries") {
        ftm::check_lengths("countries", std::iter::once(country.as_str()), max_chars)?;
        query = query
            .with_country(&country)
            .map_err(|error| ApiError::bad_request(format!("countries: {error}")))?;
    }
    query.check_limits().map_err(|error| {
        let text = error.to_string();
        ApiError::bad_request(format!("q: {}", text.trim_start_matches("name: ")))
    })?;
    Ok(query)
}

/// yente's facets over every result (not just the page): datasets,
/// schemata, countries and topics, each `{label, values: [{name, label,
/// count}]}`, most frequent first.
fn facets(
    snapshot: &crate::reload::Snapshot,
    grouped: &[(embargo_core::matching::ScreenMatch, Vec<u32>)],
) -> BTreeMap<&'static str, Value> {
    let entities = snapshot.screener.entities();
    let mut datasets: BTreeMap<String, usize> = BTreeMap::new();
    let mut schemata: BTreeMap<String, usize> = BTreeMap::new();
    let mut countries: BTreeMap<String, usize> = BTreeMap::new();
    for (_, copies) in grouped {
        let members: Vec<_> = copies
            .iter()
            .filter_map(|&at| entities.get(at as usize))
            .collect();
        let mut seen_countries: Vec<String> = Vec::new();
        let mut seen_datasets: Vec<&str> = Vec::new();
        for member in &members {
            let name = dataset_name(member.source());
            if !seen_datasets.contains(&name) {
                seen_datasets.push(name);
            }
            for code in member.country_codes() {
                let code = code.to_ascii_lowercase();
                if !seen_countries.contains(&code) {
                    seen_countries.push(code);
                }
            }
        }
        for name in seen_datasets {
            *datasets.entry(name.to_string()).or_default() += 1;
        }
        for code in seen_countries {
            *countries.entry(code).or_default() += 1;
        }
        if let Some(lead) = members.first() {
            let schema = super::properties::ftm_schema(lead.schema);
            *schemata.entry(schema.to_string()).or_default() += 1;
        }
    }
    let topics: BTreeMap<String, usize> = TOPICS
        .iter()
        .map(|topic| (topic.to_string(), grouped.len()))
        .filter(|(_, count)| *count > 0)
        .collect();
    BTreeMap::from([
        ("datasets", facet("Data sources", datasets)),
        ("schema", facet("Types", schemata)),
        ("countries", facet("Countries", countries)),
        ("topics", facet("Topics", topics)),
    ])
}

fn facet(label: &str, counts: BTreeMap<String, usize>) -> Value {
    let mut values: Vec<(String, usize)> = counts.into_iter().collect();
    values.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    json!({
        "label": label,
        "values": values
            .into_iter()
            .map(|(name, count)| json!({"name": name, "label": name, "count": count}))
            .collect::<Vec<_>>(),
    })
}
