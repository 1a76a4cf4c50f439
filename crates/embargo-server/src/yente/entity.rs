//! An entity in yente's shape (`id`, `caption`, `schema`, FtM
//! `properties`, `datasets`, `referents`, `target`, `first_seen`,
//! `last_seen`, `last_change`), built from every served copy of it (see
//! `crate::grouping`), and the grouping of ranked results into one result
//! per real-world entity.
//!
//! Dates: embargo keeps list versions, not a crawler's sightings, so
//! `last_seen` is the publication date of the newest served version
//! holding a copy (the import date when the publication date is unknown);
//! `first_seen` is the publication of the earliest kept version that lists
//! a copy, `last_change` that of the version from which a copy's record is
//! as served (`embargo_store::EntityHistory`); `null` for the demo list.

use std::collections::{BTreeMap, HashMap, HashSet};

use embargo_core::matching::ScreenMatch;
use embargo_core::model::Entity;
use embargo_store::PublishedAt;
use serde::Serialize;

use super::datasets::dataset_name;
use super::properties::{ftm_schema, keep_schema_properties};
use crate::ftm;
use crate::reload::Snapshot;

/// The topics of every served entity: all served lists are sanctions lists.
pub const TOPICS: &[&str] = &["sanction"];

/// One entity, yente's shape.
#[derive(Debug, Serialize)]
pub struct YenteEntity<'a> {
    /// The id of the copy that represents the group (the best-scoring one
    /// in results).
    pub id: &'a str,
    /// Its primary name.
    pub caption: &'a str,
    /// FtM schema (`Person`, `Organization`, `Vessel`, `Airplane`,
    /// `LegalEntity`).
    pub schema: &'static str,
    /// FtM properties of every copy, merged, values deduplicated.
    pub properties: BTreeMap<&'static str, Vec<String>>,
    /// The dataset of each copy.
    pub datasets: Vec<&'a str>,
    /// The ids of the other copies (each retrievable at `/entities/{id}`).
    pub referents: Vec<&'a str>,
    /// Always true: every served entity is a sanctions target.
    pub target: bool,
    /// Not known to embargo: always `null`.
    pub first_seen: Option<String>,
    /// Publication date of the newest served list version holding a copy.
    pub last_seen: Option<String>,
    /// Not known to embargo: always `null`.
    pub last_change: Option<String>,
}

/// A store date as yente writes its dates: `2024-05-03T00:00:00` for a
/// day, to the second for a moment (UTC).
pub fn yente_time(at: PublishedAt) -> String {
    match at {
        PublishedAt::Day(day) => format!("{}T00:00:00", day.format("%Y-%m-%d")),
        PublishedAt::Moment(moment) => moment.format("%Y-%m-%dT%H:%M:%S").to_string(),
    }
}

/// When an entity was first listed and last changed, in yente's form:
/// `(first_seen, last_change)`, the earliest first listing and the latest
/// change over `members` (copies of one entity); `None` where unknown.
pub fn seen_and_changed(
    snapshot: &Snapshot,
    members: &[&Entity],
) -> (Option<String>, Option<String>) {
    let known = || members.iter().filter_map(|m| snapshot.history.get(&m.id));
    let first = known().map(|h| h.first_seen).min_by(|a, b| a.compare(b));
    let last = known().map(|h| h.last_change).max_by(|a, b| a.compare(b));
    (first.map(yente_time), last.map(yente_time))
}

/// Source id → the served version's date (`2024-05-03T00:00:00`).
pub type ListDates = HashMap<String, String>;

/// The date of each served source's active version: its publication
/// date, else its import time.
pub fn list_dates(snapshot: &Snapshot) -> ListDates {
    snapshot
        .screener
        .lists()
        .iter()
        .filter_map(|list| {
            let summary = snapshot.sources.iter().find(|s| s.id == list.source)?;
            let version = summary
                .versions
                .iter()
                .find(|v| v.label() == list.version)?;
            let date = match version.published {
                Some(date) => format!("{date}T00:00:00"),
                None => version.imported_at.format("%Y-%m-%dT%H:%M:%S").to_string(),
            };
            Some((list.source.clone(), date))
        })
        .collect()
}

/// The copies of the entity at `at` within `scope` (all sources when
/// `None`), `at` first.
pub fn copies_in_scope(snapshot: &Snapshot, at: u32, scope: Option<&[String]>) -> Vec<u32> {
    let entities = snapshot.screener.entities();
    let mut copies = vec![at];
    if let Some(group) = snapshot.groups.copies(at) {
        copies.extend(group.iter().copied().filter(|&other| {
            other != at
                && entities.get(other as usize).is_some_and(|entity| {
                    scope.is_none_or(|sources| sources.iter().any(|s| s == entity.source()))
                })
        }));
    }
    copies
}

/// The yente view of the entity at `copies[0]` with its other copies.
pub fn yente_entity<'a>(
    snapshot: &'a Snapshot,
    copies: &[u32],
    dates: &ListDates,
) -> Option<YenteEntity<'a>> {
    let entities = snapshot.screener.entities();
    let members: Vec<&'a Entity> = copies
        .iter()
        .filter_map(|&at| entities.get(at as usize))
        .collect();
    let lead = *members.first()?;
    let mut properties: BTreeMap<&'static str, Vec<String>> = BTreeMap::new();
    for member in &members {
        for (name, values) in ftm::entity_properties(member) {
            let slot = properties.entry(name).or_default();
            for value in values {
                if !slot.contains(&value) {
                    slot.push(value);
                }
            }
        }
    }
    properties.insert("topics", TOPICS.iter().map(|t| t.to_string()).collect());
    keep_schema_properties(lead.schema, &mut properties);
    let mut datasets: Vec<&str> = Vec::new();
    for member in &members {
        let name = dataset_name(member.source());
        if !datasets.contains(&name) {
            datasets.push(name);
        }
    }
    let last_seen = members
        .iter()
        .filter_map(|member| dates.get(member.source()))
        .max()
        .cloned();
    let (first_seen, last_change) = seen_and_changed(snapshot, &members);
    Some(YenteEntity {
        id: &lead.id,
        caption: lead.caption(),
        schema: ftm_schema(lead.schema),
        properties,
        datasets,
        referents: members.iter().skip(1).map(|m| m.id.as_str()).collect(),
        target: true,
        first_seen,
        last_seen,
        last_change,
    })
}

/// Ranked results (best first) grouped into one per real-world entity:
/// each group led by its best-scoring copy, with the positions of its
/// copies within `scope`; lower-scoring copies are folded into it.
pub fn group_results(
    snapshot: &Snapshot,
    results: Vec<ScreenMatch>,
    scope: Option<&[String]>,
) -> Vec<(ScreenMatch, Vec<u32>)> {
    let mut seen_groups: HashSet<u32> = HashSet::new();
    let mut grouped = Vec::with_capacity(results.len());
    for result in results {
        if let Some(group) = snapshot.groups.group(result.entity)
            && !seen_groups.insert(group)
        {
            continue;
        }
        let copies = copies_in_scope(snapshot, result.entity, scope);
        grouped.push((result, copies));
    }
    grouped
}

/// A score as yente writes it: three decimals, without the 32-bit noise
/// (`0.92999995` → `0.93`): the model's one rounding rule.
pub use embargo_core::model::round_score;
