//! Reconciliation queries and data extension: parsing OpenRefine's JSON,
//! screening each query, and reading properties of entities.

use std::collections::BTreeMap;

use embargo_core::matching::ScreenMatch;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::errors::ApiError;
use crate::ftm::FieldLimits;
use crate::metrics::Metrics;
use crate::reload::Snapshot;
use crate::request_limits::Budget;
use crate::screening::{Options, screen};
use crate::yente::entity::{copies_in_scope, group_results, list_dates, yente_entity};
use crate::yente::properties::ftm_schema;
use crate::yente::query::{YenteQuery, prepare};
use crate::yente::scope::Scope;

/// Results per query unless the query says.
pub const DEFAULT_LIMIT: usize = 5;
/// Most results per query.
pub const MAX_LIMIT: usize = 100;
/// Lowest score a candidate is proposed at.
pub const CUTOFF: f32 = 0.5;
/// How far the first candidate must lead the second to be a sure match.
pub const MATCH_MARGIN: f32 = 0.05;

/// One reconciliation query.
#[derive(Debug, Clone, Deserialize)]
pub struct ReconQuery {
    /// The name to reconcile.
    pub query: String,
    /// A type id (`Person`) or several.
    #[serde(default)]
    pub r#type: Option<TypeOrTypes>,
    /// Most candidates.
    #[serde(default)]
    pub limit: Option<usize>,
    /// Extra columns: property id and value(s).
    #[serde(default)]
    pub properties: Vec<ReconProperty>,
    /// Accepted; types are always applied.
    #[serde(default)]
    pub type_strict: Option<String>,
}

/// `"Person"` or `["Person", "Company"]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum TypeOrTypes {
    /// One type.
    One(String),
    /// Several (the first is used).
    Many(Vec<String>),
}

/// A property value given with a query.
#[derive(Debug, Clone, Deserialize)]
pub struct ReconProperty {
    /// The FtM property (`birthDate`, `country`, ...).
    pub pid: String,
    /// Its value: a string, a number, a list of them, or `{"id": ...}`.
    pub v: Value,
}

/// Parses the `queries` parameter: key → query.
pub fn parse_queries(text: &str, max: usize) -> Result<BTreeMap<String, ReconQuery>, ApiError> {
    let queries: BTreeMap<String, ReconQuery> = serde_json::from_str(text)
        .map_err(|error| ApiError::bad_request(format!("queries: {error}")))?;
    if queries.len() > max {
        return Err(ApiError::bad_request(format!(
            "queries: {} queries, at most {max} per request",
            queries.len()
        )));
    }
    Ok(queries)
}

/// Turns a reconciliation query into a yente query.
fn as_yente(query: &ReconQuery) -> YenteQuery {
    let schema = match &query.r#type {
        Some(TypeOrTypes::One(one)) => Some(one.clone()),
        Some(TypeOrTypes::Many(many)) => many.first().cloned(),
        None => None,
    };
    let mut properties: BTreeMap<String, Vec<String>> = BTreeMap::new();
    properties.insert("name".to_string(), vec![query.query.clone()]);
    for property in &query.properties {
        let values = property_values(&property.v);
        properties
            .entry(property.pid.clone())
            .or_default()
            .extend(values);
    }
    YenteQuery {
        id: None,
        schema,
        properties,
    }
}

/// The strings in a property value (`"x"`, `5`, `["x", "y"]`, `{"id": "x"}`).
fn property_values(value: &Value) -> Vec<String> {
    match value {
        Value::Array(items) => items.iter().filter_map(scalar_value).collect(),
        other => scalar_value(other).into_iter().collect(),
    }
}

/// One value as text: a string, number or boolean, or an object's `id`
/// (else `name`); nothing for lists and nulls.
fn scalar_value(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        Value::Bool(flag) => Some(flag.to_string()),
        Value::Object(map) => map
            .get("id")
            .or_else(|| map.get("name"))
            .and_then(Value::as_str)
            .map(str::to_string),
        Value::Array(_) | Value::Null => None,
    }
}

/// Everything one batch needs.
pub struct Batch<'a> {
    /// The served lists.
    pub snapshot: &'a Snapshot,
    /// Dataset scope.
    pub scope: &'a Scope,
    /// Field limits of one query.
    pub limits: FieldLimits,
    /// Score from which a candidate may be a match.
    pub threshold: f32,
    /// Metrics registry.
    pub metrics: &'a Metrics,
    /// The request's time budget.
    pub budget: &'a Budget,
}

/// Answers every query: key → `{"result": [...]}`.
pub fn run_queries(
    batch: &Batch<'_>,
    queries: &BTreeMap<String, ReconQuery>,
) -> Result<Value, ApiError> {
    let mut answers = serde_json::Map::new();
    let dates = list_dates(batch.snapshot);
    for (key, query) in queries {
        let at = format!("queries.{key}");
        if query.query.trim().is_empty() {
            answers.insert(key.clone(), json!({"result": []}));
            continue;
        }
        let prepared = prepare(&as_yente(query), &at, batch.limits)?;
        let limit = query.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT);
        let options = Options {
            threshold: batch.threshold,
            cutoff: CUTOFF.min(batch.threshold),
            limit: limit * 2,
            lists: batch.scope.lists(),
        };
        let results = screen(
            batch.snapshot,
            &prepared.prepared.queries(),
            &options,
            batch.metrics,
            batch.budget,
        )?;
        let kept: Vec<ScreenMatch> = results
            .into_iter()
            .filter(|r| {
                batch
                    .scope
                    .keeps(batch.snapshot.screener.entity(r), batch.snapshot)
            })
            .collect();
        let mut grouped = group_results(batch.snapshot, kept, batch.scope.source_filter());
        grouped.truncate(limit);
        let second = grouped.get(1).map_or(0.0, |(r, _)| r.score);
        let candidates: Vec<Value> = grouped
            .iter()
            .enumerate()
            .filter_map(|(rank, (result, copies))| {
                let entity = yente_entity(batch.snapshot, copies, &dates)?;
                let sure = rank == 0
                    && result.score >= batch.threshold
                    && result.score - second >= MATCH_MARGIN;
                Some(json!({
                    "id": entity.id,
                    "name": entity.caption,
                    "score": (f64::from(result.score) * 1000.0).round() / 10.0,
                    "match": sure,
                    "type": [{"id": entity.schema, "name": entity.schema}],
                    "description": describe(&entity.datasets, &entity.referents),
                    "features": [{"id": "score", "value": crate::yente::entity::round_score(result.score)}],
                }))
            })
            .collect();
        answers.insert(key.clone(), json!({"result": candidates}));
    }
    Ok(Value::Object(answers))
}

/// One line saying where a candidate is listed.
fn describe(datasets: &[&str], referents: &[&str]) -> String {
    if referents.is_empty() {
        datasets.join(", ")
    } else {
        format!("{} (also {})", datasets.join(", "), referents.join(", "))
    }
}

/// The `extend` request: ids and the properties wanted.
#[derive(Debug, Clone, Deserialize)]
pub struct ExtendRequest {
    /// Entity ids.
    pub ids: Vec<String>,
    /// Properties wanted (`{"id": "birthDate"}`).
    pub properties: Vec<ExtendProperty>,
}

/// A property asked for.
#[derive(Debug, Clone, Deserialize)]
pub struct ExtendProperty {
    /// Its id.
    pub id: String,
}

/// Answers a data extension: `{meta, rows}`.
pub fn extend(
    snapshot: &Snapshot,
    scope: &Scope,
    text: &str,
    max_ids: usize,
) -> Result<Value, ApiError> {
    let request: ExtendRequest = serde_json::from_str(text)
        .map_err(|error| ApiError::bad_request(format!("extend: {error}")))?;
    if request.ids.len() > max_ids {
        return Err(ApiError::bad_request(format!(
            "extend.ids: {} ids, at most {max_ids}",
            request.ids.len()
        )));
    }
    let dates = list_dates(snapshot);
    let meta: Vec<Value> = request
        .properties
        .iter()
        .map(|p| json!({"id": p.id, "name": p.id}))
        .collect();
    let mut rows = serde_json::Map::new();
    for id in &request.ids {
        let mut row = serde_json::Map::new();
        let entity = snapshot.position(id).and_then(|at| {
            let copies = copies_in_scope(snapshot, at, scope.source_filter());
            yente_entity(snapshot, &copies, &dates)
        });
        for property in &request.properties {
            let values: Vec<Value> = match (&entity, property.id.as_str()) {
                (Some(entity), "schema") => vec![json!({"str": entity.schema})],
                (Some(entity), "datasets") => {
                    entity.datasets.iter().map(|d| json!({"str": d})).collect()
                }
                (Some(entity), name) => entity
                    .properties
                    .get(name)
                    .into_iter()
                    .flatten()
                    .map(|value| json!({"str": value}))
                    .collect(),
                (None, _) => Vec::new(),
            };
            row.insert(property.id.clone(), Value::Array(values));
        }
        rows.insert(id.clone(), Value::Object(row));
    }
    Ok(json!({"meta": meta, "rows": rows}))
}

/// The types OpenRefine may reconcile against.
pub fn default_types() -> Vec<Value> {
    use embargo_core::model::Schema;
    [
        Schema::Person,
        Schema::Organization,
        Schema::Vessel,
        Schema::Aircraft,
        Schema::Other,
    ]
    .into_iter()
    .map(|schema| json!({"id": ftm_schema(schema), "name": ftm_schema(schema)}))
    .collect()
}

/// Refuses a parameter longer than `max_bytes`.
pub fn check_text(field: &str, text: &str, max_bytes: usize) -> Result<(), ApiError> {
    if text.len() > max_bytes {
        return Err(ApiError::bad_request(format!(
            "{field}: {} bytes, at most {max_bytes}",
            text.len()
        )));
    }
    Ok(())
}
