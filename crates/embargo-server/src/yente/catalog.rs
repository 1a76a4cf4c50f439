//! yente's service routes: `GET /catalog` (the datasets a path may name,
//! with versions and dates), `GET /algorithms` (embargo's one scoring
//! algorithm, which `best` and `default` also name), `GET /manifest`
//! (where the served lists come from) and `POST /updatez` (check the
//! store for new list versions now).

use axum::Json;
use axum::extract::State;
use serde::Serialize;
use serde_json::{Value, json};

use super::datasets::{COLLECTIONS, dataset_name, served_sources};
use super::entity::list_dates;
use crate::AppState;
use crate::errors::ApiError;
use crate::reload::ReloadOutcome;

/// The name of embargo's scoring algorithm.
pub const ALGORITHM: &str = "embargo";
/// Names yente clients use for "the server's best or default algorithm".
const ALIASES: &[&str] = &["best", "default"];

/// The algorithm that scored a response.
#[derive(Debug, Clone, Serialize)]
pub struct Matcher {
    /// Its name.
    pub name: &'static str,
    /// What it does.
    pub description: &'static str,
}

impl Matcher {
    /// embargo's matcher.
    pub fn embargo() -> Matcher {
        Matcher {
            name: ALGORITHM,
            description: "Word alignment of transliterated names (any script, any order, typos, \
                          name roles), scaled by alias quality, plus birth date, country, gender \
                          and exact identifier and wallet evidence",
        }
    }
}

/// Refuses an algorithm name `/algorithms` does not list.
pub fn check_algorithm(name: &str) -> Result<(), ApiError> {
    let name = name.trim();
    if name == ALGORITHM || ALIASES.contains(&name) {
        return Ok(());
    }
    Err(ApiError::bad_request(format!(
        "algorithm: {name:?} is not served; algorithms: {ALGORITHM} (also named {})",
        ALIASES.join(", ")
    )))
}

/// The datasets: each served list and the collections over them.
#[utoipa::path(
    get,
    path = "/catalog",
    tag = "yente",
    responses(
        (status = 200, description = "Datasets with versions and dates", content_type = "application/json"),
        (status = 503, description = "Lists still loading", body = crate::errors::ErrorBody),
    )
)]
pub async fn catalog(State(state): State<AppState>) -> Result<Json<Value>, ApiError> {
    let snapshot = state.snapshot()?;
    let dates = list_dates(&snapshot);
    let served = served_sources(&snapshot);
    let mut counts: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for entity in snapshot.screener.entities() {
        *counts.entry(entity.source()).or_default() += 1;
    }
    let mut datasets: Vec<Value> = Vec::new();
    let names: Vec<&str> = served.iter().map(|s| dataset_name(s)).collect();
    let loaded = snapshot.loaded_at.format("%Y-%m-%dT%H:%M:%S").to_string();
    for (name, title) in COLLECTIONS {
        datasets.push(json!({
            "name": name,
            "title": title,
            "type": "collection",
            "load": true,
            "version": format!("generation-{}", snapshot.generation),
            "updated_at": loaded,
            "last_export": loaded,
            "children": names,
            "datasets": names,
            "entity_count": snapshot.screener.entities().len(),
        }));
    }
    for list in snapshot.screener.lists() {
        let name = dataset_name(&list.source);
        let in_collections: Vec<&str> = COLLECTIONS.iter().map(|(c, _)| *c).collect();
        datasets.push(json!({
            "name": name,
            "title": format!("{} ({})", list.source, list.version),
            "type": "source",
            "load": true,
            "embargo_source": list.source,
            "version": list.version,
            "updated_at": dates.get(&list.source),
            "last_export": dates.get(&list.source),
            "collections": in_collections,
            "entity_count": counts.get(list.source.as_str()).copied().unwrap_or(0),
        }));
    }
    let current: Vec<&str> = COLLECTIONS
        .iter()
        .map(|(c, _)| *c)
        .chain(names.iter().copied())
        .collect();
    Ok(Json(json!({
        "datasets": datasets,
        "current": current,
        "outdated": [],
        "index_stale": false,
    })))
}

/// The scoring algorithms a request may name.
#[utoipa::path(
    get,
    path = "/algorithms",
    tag = "yente",
    responses((status = 200, description = "Algorithms, the default and the best", content_type = "application/json"))
)]
pub async fn algorithms() -> Json<Value> {
    let matcher = Matcher::embargo();
    Json(json!({
        "algorithms": [{
            "name": matcher.name,
            "description": matcher.description,
            "features": {
                "name": {"description": "Name alignment score times alias quality", "coefficient": 0.9},
                "birth_date": {"description": "Birth dates agree or contradict", "coefficient": null},
                "country": {"description": "Countries agree or contradict", "coefficient": null},
                "gender": {"description": "Genders contradict", "coefficient": null},
                "identifier": {"description": "An identifier matches exactly", "coefficient": 1.0},
                "wallet": {"description": "A wallet address matches exactly", "coefficient": 1.0},
            },
        }],
        "default": ALGORITHM,
        "best": ALGORITHM,
    }))
}

/// Where the served lists come from.
#[utoipa::path(
    get,
    path = "/manifest",
    tag = "yente",
    responses(
        (status = 200, description = "The served lists and their versions", content_type = "application/json"),
        (status = 503, description = "Lists still loading", body = crate::errors::ErrorBody),
    )
)]
pub async fn manifest(State(state): State<AppState>) -> Result<Json<Value>, ApiError> {
    let snapshot = state.snapshot()?;
    let datasets: Vec<Value> = snapshot
        .sources
        .iter()
        .map(|source| {
            json!({
                "name": dataset_name(&source.id),
                "embargo_source": source.id,
                "format": source.format,
                "active_version": source.active().map(|v| v.label()),
                "versions": source.versions.iter().map(|v| json!({
                    "version": v.label(),
                    "published": v.published.map(|d| d.to_string()),
                    "imported_at": v.imported_at.format("%Y-%m-%dT%H:%M:%S").to_string(),
                    "entity_count": v.entity_count,
                    "active": v.active,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    Ok(Json(json!({
        "catalogs": [],
        "datasets": datasets,
        "bundled_demo": snapshot.bundled_demo,
        "served": served_sources(&snapshot),
        "updates": "`embargo update` or `embargo import`; `embargo serve --refresh-every` schedules them",
    })))
}

/// Checks the store for new active list versions now and serves them.
#[utoipa::path(
    post,
    path = "/updatez",
    tag = "yente",
    responses(
        (status = 200, description = "What the check did", content_type = "application/json"),
        (status = 500, description = "The store could not be read", body = crate::errors::ErrorBody),
    )
)]
pub async fn updatez(State(state): State<AppState>) -> Result<Json<Value>, ApiError> {
    let outcome = state
        .lists()
        .reload_now()
        .await
        .map_err(|error| ApiError::internal(format!("reloading the lists: {error}")))?;
    let (status, generation) = match outcome {
        ReloadOutcome::Unchanged => ("unchanged", None),
        ReloadOutcome::Swapped(generation) => ("swapped", Some(generation)),
        ReloadOutcome::NoLists => ("no lists", None),
    };
    Ok(Json(
        json!({"status": "ok", "outcome": status, "generation": generation}),
    ))
}
