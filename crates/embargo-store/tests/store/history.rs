//! `Store::diff` on the real OFAC history files (needs
//! `EMBARGO_TEST_DATA`): the five designations of 23 May 2023, and a year
//! of changes checked against a brute-force comparison of whole entities.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use embargo_core::model::Entity;
use embargo_core::sources;
use embargo_store::{ImportRequest, Store, VersionDiff, VersionInfo};
use embargo_testkit::require_data;

/// Imports one history file as a version of the source it is detected as.
fn import_file(store: &mut Store, path: &Path) -> VersionInfo {
    let mut sets = sources::detect(&[path.to_path_buf()]).unwrap();
    assert_eq!(sets.len(), 1);
    let files = sets.remove(0);
    let source_id = files.format.default_source_id(files.primary());
    assert_eq!(source_id, "ofac-sdn");
    let request = ImportRequest::new(&source_id, &files);
    let outcome = store
        .import(request, |sink| sources::parse(&files, &source_id, sink))
        .unwrap();
    assert!(outcome.is_imported());
    outcome.version().clone()
}

fn ids<'a>(entities: impl Iterator<Item = &'a String>) -> BTreeSet<String> {
    entities.cloned().collect()
}

#[test]
fn the_23_may_2023_designations_are_exactly_five_additions() {
    let history = require_data!("ofac/history");
    let folder = tempfile::tempdir().unwrap();
    let mut store = Store::open_or_create(folder.path().join("h.db")).unwrap();
    let old = import_file(&mut store, &history.join("sdn-2023-05-19.csv"));
    let new = import_file(&mut store, &history.join("sdn-2023-05-23.csv"));

    let diff = store.diff(&old, &new).unwrap();

    let mut names: Vec<&str> = diff.added.iter().map(|e| e.name.as_str()).collect();
    names.sort_unstable();
    assert_eq!(
        names,
        [
            "110TH RESEARCH CENTER",
            "CHINYONG INFORMATION TECHNOLOGY COOPERATION COMPANY",
            "KIM, Sang Man",
            "PYONGYANG UNIVERSITY OF AUTOMATION",
            "TECHNICAL RECONNAISSANCE BUREAU",
        ]
    );
    let added: Vec<&str> = diff.added.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(
        added,
        [
            "ofac-sdn:43336",
            "ofac-sdn:43337",
            "ofac-sdn:43338",
            "ofac-sdn:43377",
            "ofac-sdn:43379"
        ]
    );
    assert!(diff.removed.is_empty(), "{:?}", diff.removed);
    assert!(diff.changed.is_empty(), "{:?}", diff.changed);
}

/// Every entity of a version, by id.
fn all_entities(store: &Store, version: &VersionInfo) -> BTreeMap<String, Entity> {
    store
        .entities(version.id)
        .unwrap()
        .into_iter()
        .map(|entity| (entity.id.clone(), entity))
        .collect()
}

/// Added, removed and changed ids found by comparing decoded entities.
fn brute_force(
    before: &BTreeMap<String, Entity>,
    after: &BTreeMap<String, Entity>,
) -> [BTreeSet<String>; 3] {
    let added = ids(after.keys().filter(|id| !before.contains_key(*id)));
    let removed = ids(before.keys().filter(|id| !after.contains_key(*id)));
    let changed = ids(after
        .iter()
        .filter(|(id, entity)| before.get(*id).is_some_and(|old| old != *entity))
        .map(|(id, _)| id));
    [added, removed, changed]
}

fn diff_ids(diff: &VersionDiff) -> [BTreeSet<String>; 3] {
    [
        ids(diff.added.iter().map(|e| &e.id)),
        ids(diff.removed.iter().map(|e| &e.id)),
        ids(diff.changed.iter().map(|c| &c.entity.id)),
    ]
}

#[test]
fn a_year_of_changes_matches_a_brute_force_comparison() {
    let history = require_data!("ofac/history");
    let folder = tempfile::tempdir().unwrap();
    let mut store = Store::open_or_create(folder.path().join("h.db")).unwrap();
    let old = import_file(&mut store, &history.join("sdn-2023-05-23.csv"));
    let new = import_file(&mut store, &history.join("sdn-2024-05-03.csv"));

    let diff = store.diff(&old, &new).unwrap();
    let before = all_entities(&store, &old);
    let after = all_entities(&store, &new);
    let expected = brute_force(&before, &after);

    let found = diff_ids(&diff);
    for (kind, (found, expected)) in ["added", "removed", "changed"]
        .iter()
        .zip(found.iter().zip(&expected))
    {
        assert_eq!(found.len(), expected.len(), "{kind} count");
        assert_eq!(found, expected, "{kind} ids");
    }
    assert_eq!(
        old.entity_count + diff.added.len() - diff.removed.len(),
        new.entity_count
    );
    assert!(!diff.added.is_empty() && !diff.changed.is_empty());
    for change in &diff.changed {
        assert!(
            !change.fields.is_empty(),
            "{} has no field change",
            change.entity.id
        );
    }
    eprintln!(
        "2023-05-23 → 2024-05-03: {} added, {} removed, {} changed",
        diff.added.len(),
        diff.removed.len(),
        diff.changed.len()
    );
}
