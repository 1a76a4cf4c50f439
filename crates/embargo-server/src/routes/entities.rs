//! `GET /entities/{id}`: one served entity with every field, the list
//! version it comes from, its links and the entities linking to it, and
//! yente's fields: `referents` (its copies on other lists, see
//! `crate::grouping`), `target`, `first_seen`, `last_seen`,
//! `last_change`. yente's `nested` parameter is accepted: links are
//! always given (`links`, `linked_from`).

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::State;
use embargo_core::model::{Entity, Schema};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::AppState;
use crate::errors::{ApiError, ApiPath, ApiQuery};
use crate::ftm;
use crate::reload::Snapshot;

/// The response body.
#[derive(Debug, Serialize, ToSchema)]
pub struct EntityResponse {
    /// Entity id.
    pub id: String,
    /// Primary name.
    pub caption: String,
    /// Type.
    #[schema(value_type = String)]
    pub schema: Schema,
    /// The list it comes from.
    pub datasets: Vec<String>,
    /// FollowTheMoney-style properties.
    #[schema(value_type = BTreeMap<String, Vec<String>>)]
    pub properties: BTreeMap<&'static str, Vec<String>>,
    /// The entity in embargo's own model, every field.
    #[schema(value_type = Object)]
    pub entity: Entity,
    /// The list version served.
    pub list: ListRef,
    /// Links the list states, resolved to served entities where possible.
    pub links: Vec<LinkView>,
    /// Served entities whose links point here.
    pub linked_from: Vec<LinkView>,
    /// Ids of the same entity's copies on other served lists.
    pub referents: Vec<String>,
    /// Always true: every served entity is a sanctions target.
    pub target: bool,
    /// Not known to embargo: always `null`.
    pub first_seen: Option<String>,
    /// Publication date of the served list version holding it.
    pub last_seen: Option<String>,
    /// Not known to embargo: always `null`.
    pub last_change: Option<String>,
}

/// Query-string parameters (yente's).
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EntityParams {
    /// Accepted for yente clients (`true`, `false`, any case): links are
    /// always included.
    #[param(value_type = Option<bool>)]
    pub nested: Option<String>,
}

/// Which version of which list.
#[derive(Debug, Serialize, ToSchema)]
pub struct ListRef {
    /// Source id.
    pub source: String,
    /// Version label (`v3`, `bundled`).
    pub version: Option<String>,
    /// Publication date, when known.
    pub published: Option<String>,
}

/// One link between entities.
#[derive(Debug, Serialize, ToSchema)]
pub struct LinkView {
    /// The relation as the list words it.
    pub relation: String,
    /// The other entity's name as written in the list.
    pub name: String,
    /// The other entity's id, when known.
    pub id: Option<String>,
    /// Whether that id is served (so `/entities/{id}` finds it).
    pub served: bool,
}

/// One entity by id.
#[utoipa::path(
    get,
    path = "/entities/{id}",
    params(("id" = String, Path, description = "Entity id, e.g. ofac-sdn:43377"), EntityParams),
    responses(
        (status = 200, description = "The entity, its list version and links", body = EntityResponse),
        (status = 404, description = "No such entity", body = crate::errors::ErrorBody),
        (status = 503, description = "Lists still loading", body = crate::errors::ErrorBody),
    )
)]
pub async fn entity(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
    ApiQuery(params): ApiQuery<EntityParams>,
) -> Result<Json<EntityResponse>, ApiError> {
    if let Some(nested) = &params.nested {
        crate::yente::params::parse_bool("nested", nested)?;
    }
    let snapshot = state.snapshot()?;
    let entity = snapshot.entity(&id).ok_or_else(|| {
        ApiError::not_found(format!(
            "no entity {id:?} in the served lists (ids look like ofac-sdn:43377 or un:KPi.066)"
        ))
    })?;
    Ok(Json(describe(&snapshot, entity)))
}

fn describe(snapshot: &Snapshot, entity: &Entity) -> EntityResponse {
    let links = entity
        .links
        .iter()
        .map(|link| LinkView {
            relation: link.relation.clone(),
            name: link.name.clone(),
            served: link
                .id
                .as_deref()
                .is_some_and(|id| snapshot.entity(id).is_some()),
            id: link.id.clone(),
        })
        .collect();
    let linked_from = snapshot
        .linked_from(&entity.id)
        .flat_map(|other| {
            other
                .links
                .iter()
                .filter(|link| link.id.as_deref() == Some(entity.id.as_str()))
                .map(|link| LinkView {
                    relation: link.relation.clone(),
                    name: other.caption().to_string(),
                    id: Some(other.id.clone()),
                    served: true,
                })
        })
        .collect();
    let referents = snapshot
        .position(&entity.id)
        .map(|at| crate::yente::entity::copies_in_scope(snapshot, at, None))
        .unwrap_or_default()
        .iter()
        .skip(1)
        .filter_map(|&at| snapshot.screener.entities().get(at as usize))
        .map(|copy| copy.id.clone())
        .collect();
    let last_seen = crate::yente::entity::list_dates(snapshot)
        .get(entity.source())
        .cloned();
    let (first_seen, last_change) = crate::yente::entity::seen_and_changed(snapshot, &[entity]);
    EntityResponse {
        id: entity.id.clone(),
        caption: entity.caption().to_string(),
        schema: entity.schema,
        datasets: vec![entity.source().to_string()],
        properties: ftm::entity_properties(entity),
        list: list_ref(snapshot, entity.source()),
        links,
        linked_from,
        referents,
        target: true,
        first_seen,
        last_seen,
        last_change,
        entity: entity.clone(),
    }
}

/// The served version of `source`, with its publication date.
fn list_ref(snapshot: &Snapshot, source: &str) -> ListRef {
    let version = snapshot
        .screener
        .lists()
        .iter()
        .find(|list| list.source == source)
        .map(|list| list.version.clone());
    let published = snapshot
        .sources
        .iter()
        .find(|summary| summary.id == source)
        .and_then(|summary| summary.versions.iter().find(|v| Some(v.label()) == version))
        .and_then(|v| v.published.map(|date| date.to_string()));
    ListRef {
        source: source.to_string(),
        version,
        published,
    }
}
