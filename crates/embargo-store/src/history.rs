//! When each entity of the active versions first appeared on its list and
//! when its record last changed, read from the versions the store keeps:
//! what yente calls `first_seen` and `last_change`.
//!
//! A source's versions are put in publication order (the order that
//! decides activation; ties by import sequence), and only those up to the
//! active one count: a newer version kept but not activated has not
//! happened yet for what is served. An entity's first version is the
//! earliest that lists it; its record last changed at the start of the
//! unbroken run of versions, ending at the active one, that list it with
//! the very record it has now (a version without it, or with another
//! record, breaks the run: a listing removed and restored counts as a
//! change).
//!
//! Records are compared by their stored hashes, so two versions imported
//! by embargo releases that store an entity differently (a new field in
//! the model) show a change at the first version of the newer release.
//!
//! Built only on the store's public reads, so it holds for every backend.

use std::cmp::Ordering;
use std::collections::HashMap;

use crate::{PublishedAt, Store, StoreError, VersionId, VersionInfo};

/// The history of one served entity on its list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EntityHistory {
    /// The publication of the earliest version that lists it.
    pub first_seen: PublishedAt,
    /// That version.
    pub first_version: VersionId,
    /// The publication of the version from which its record is as it is
    /// now.
    pub last_change: PublishedAt,
    /// That version.
    pub changed_in: VersionId,
}

impl Store {
    /// Entity id → its history, for every entity of every source's active
    /// version (see the module comment).
    pub fn active_entity_history(&self) -> Result<HashMap<String, EntityHistory>, StoreError> {
        let mut histories = HashMap::new();
        for active in self.active_versions()? {
            let versions = versions_up_to(self.versions(&active.source_id)?, &active);
            source_history(self, &versions, &mut histories)?;
        }
        Ok(histories)
    }
}

/// The versions of a source in publication order (ties by sequence), up to
/// and including `active`.
fn versions_up_to(mut versions: Vec<VersionInfo>, active: &VersionInfo) -> Vec<VersionInfo> {
    versions.sort_by(publication_order);
    match versions.iter().position(|version| version.id == active.id) {
        Some(at) => {
            versions.truncate(at + 1);
            versions
        }
        None => vec![active.clone()],
    }
}

/// Publication order, ties by import sequence.
fn publication_order(a: &VersionInfo, b: &VersionInfo) -> Ordering {
    a.publication
        .at
        .compare(&b.publication.at)
        .then(a.sequence.cmp(&b.sequence))
}

/// Adds the history of every entity of the last of `versions` (the active
/// one) to `histories`.
fn source_history(
    store: &Store,
    versions: &[VersionInfo],
    histories: &mut HashMap<String, EntityHistory>,
) -> Result<(), StoreError> {
    let Some(active) = versions.last() else {
        return Ok(());
    };
    let current = store.version_entity_hashes(active.id)?;
    // Per entity: the earliest version listing it, and where its unbroken
    // run of the current record starts (None once broken).
    let mut first_seen: HashMap<&str, usize> = HashMap::with_capacity(current.len());
    let mut run_start: HashMap<&str, Option<usize>> = HashMap::with_capacity(current.len());
    for (at, version) in versions.iter().enumerate() {
        let hashes = if version.id == active.id {
            None
        } else {
            Some(store.version_entity_hashes(version.id)?)
        };
        for (id, hash) in &current {
            let listed = hashes.as_ref().map_or(Some(hash), |h| h.get(id));
            if listed.is_some() {
                first_seen.entry(id.as_str()).or_insert(at);
            }
            let same = listed == Some(hash);
            let start = run_start.entry(id.as_str()).or_insert(None);
            match (same, *start) {
                (true, None) => *start = Some(at),
                (false, _) => *start = None,
                (true, Some(_)) => {}
            }
        }
    }
    for id in current.keys() {
        let first = first_seen.get(id.as_str()).copied();
        let start = run_start.get(id.as_str()).copied().flatten();
        if let (Some(first), Some(start)) = (first, start)
            && let (Some(first), Some(start)) = (versions.get(first), versions.get(start))
        {
            histories.insert(
                id.clone(),
                EntityHistory {
                    first_seen: first.publication.at,
                    first_version: first.id,
                    last_change: start.publication.at,
                    changed_in: start.id,
                },
            );
        }
    }
    Ok(())
}
