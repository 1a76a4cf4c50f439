//! Queries over a store holding three versions of one list and one of
//! another: listing, version selectors, entity lookups, diffs.

use embargo_core::model::{Name, NameQuality, PartialDate};
use embargo_store::{Store, StoreError, VersionInfo, VersionSelector};
use tempfile::TempDir;

use crate::fixtures::{entities, entity, import, write_publication};

/// `ofac-sdn` v1 (2023-05-19, entities 1–40), v2 (2023-05-23, 1–45), v3
/// (2024-05-03: 1–45 less 7, 10 renamed); `un` v1 (no date in its file
/// name, 12 entities).
struct Fixture {
    _folder: TempDir,
    store: Store,
    sdn: Vec<VersionInfo>,
}

fn fixture() -> Fixture {
    let folder = tempfile::tempdir().unwrap();
    std::fs::create_dir(folder.path().join("db")).unwrap();
    let mut store = Store::open_or_create(folder.path().join("db/embargo.db")).unwrap();
    let mut v3 = entities("ofac-sdn", 45);
    v3.retain(|entity| entity.id != "ofac-sdn:7");
    v3[8].names[0] = Name::new("RENAMED", NameQuality::Primary); // ofac-sdn:10
    let publications = [
        ("sdn-2023-05-19.jsonl", entities("ofac-sdn", 40)),
        ("sdn-2023-05-23.jsonl", entities("ofac-sdn", 45)),
        ("sdn-2024-05-03.jsonl", v3),
    ];
    let sdn = publications
        .iter()
        .map(|(name, list)| {
            let files = write_publication(folder.path(), name, list);
            import(&mut store, "ofac-sdn", &files)
                .unwrap()
                .version()
                .clone()
        })
        .collect();
    let un = write_publication(folder.path(), "un.jsonl", &entities("un", 12));
    import(&mut store, "un", &un).unwrap();
    Fixture {
        _folder: folder,
        store,
        sdn,
    }
}

fn select(store: &Store, source: &str, text: &str) -> Result<u32, StoreError> {
    let selector: VersionSelector = text.parse()?;
    store
        .version(source, &selector)
        .map(|version| version.sequence)
}

#[test]
fn sources_lists_every_source_with_its_versions() {
    let Fixture { store, .. } = fixture();

    let sources = store.sources().unwrap();

    let ids: Vec<&str> = sources.iter().map(|source| source.id.as_str()).collect();
    assert_eq!(ids, ["ofac-sdn", "un"]);
    let sdn = &sources[0];
    assert_eq!(sdn.format, "custom");
    let sequences: Vec<u32> = sdn
        .versions
        .iter()
        .map(|version| version.sequence)
        .collect();
    assert_eq!(sequences, [1, 2, 3]);
    let counts: Vec<usize> = sdn
        .versions
        .iter()
        .map(|version| version.entity_count)
        .collect();
    assert_eq!(counts, [40, 45, 44]);
    assert_eq!(sdn.active().map(|version| version.sequence), Some(3));
    assert_eq!(sources[1].versions.len(), 1);
    // No date in the un file: it is dated by its modification time.
    let un = &sources[1].versions[0];
    assert_eq!(
        un.publication.origin,
        embargo_store::PublicationOrigin::FileModified
    );
    assert_eq!(un.published, un.publication.at.partial_date());
    assert_eq!(sdn.versions[2].files[0].name, "sdn-2024-05-03.jsonl");
}

#[test]
fn active_versions_are_the_newest_of_each_source() {
    let Fixture { store, sdn, .. } = fixture();

    let active = store.active_versions().unwrap();

    let names: Vec<(&str, u32)> = active
        .iter()
        .map(|version| (version.source_id.as_str(), version.sequence))
        .collect();
    assert_eq!(names, [("ofac-sdn", 3), ("un", 1)]);
    assert_eq!(active[0], sdn[2]);
    assert_eq!(
        store.active_version("ofac-sdn").unwrap().as_ref(),
        Some(&sdn[2])
    );
    assert_eq!(store.active_version("eu").unwrap(), None);
    assert_eq!(store.stats().unwrap().active_entities, 44 + 12);
}

#[test]
fn selectors_name_versions_by_number_date_and_hash() {
    let Fixture { store, sdn, .. } = fixture();

    assert_eq!(select(&store, "ofac-sdn", "2").unwrap(), 2);
    assert_eq!(select(&store, "ofac-sdn", "v2").unwrap(), 2);
    assert_eq!(select(&store, "ofac-sdn", "2023-05-23").unwrap(), 2);
    assert_eq!(select(&store, "ofac-sdn", "latest").unwrap(), 3);
    let prefix = &sdn[0].content_hash[..8];
    assert_eq!(select(&store, "ofac-sdn", prefix).unwrap(), 1);
    let upper = sdn[1].content_hash[..10].to_ascii_uppercase();
    assert_eq!(select(&store, "ofac-sdn", &upper).unwrap(), 2);
    assert_eq!(
        store
            .version(
                "ofac-sdn",
                &VersionSelector::Published(PartialDate::ymd(2024, 5, 3).unwrap())
            )
            .unwrap(),
        sdn[2]
    );
}

#[test]
fn unknown_ambiguous_and_malformed_selectors_are_clear_errors() {
    let Fixture {
        mut store, _folder, ..
    } = fixture();
    // A corrected re-publication on the same day makes the date ambiguous.
    let mut corrected = entities("ofac-sdn", 45);
    corrected.push(entity("ofac-sdn", 46));
    let files = write_publication(_folder.path(), "sdn-2023-05-23-b.jsonl", &corrected);
    import(&mut store, "ofac-sdn", &files).unwrap();

    let ambiguous = select(&store, "ofac-sdn", "2023-05-23").unwrap_err();
    assert_eq!(
        ambiguous.to_string(),
        "2023-05-23 matches several versions of ofac-sdn (v2, v4); name one by its number"
    );
    let missing = select(&store, "ofac-sdn", "v9").unwrap_err();
    assert_eq!(missing.to_string(), "ofac-sdn has no version v9");
    let no_date = select(&store, "ofac-sdn", "2020-01-01").unwrap_err();
    assert!(matches!(no_date, StoreError::NoSuchVersion { .. }));
    let no_hash = select(&store, "ofac-sdn", "ffffff0000").unwrap_err();
    assert!(matches!(no_hash, StoreError::NoSuchVersion { .. }));
    let unknown_source = select(&store, "eu-fsf", "1").unwrap_err();
    assert_eq!(
        unknown_source.to_string(),
        "no list named \"eu-fsf\" in the store"
    );
    let malformed = select(&store, "ofac-sdn", "abc").unwrap_err();
    assert!(matches!(malformed, StoreError::InvalidSelector { .. }));
    assert!(malformed.to_string().contains("at least 6 hex digits"));
}

#[test]
fn entity_comes_from_the_active_version_of_its_source() {
    let Fixture { store, sdn, .. } = fixture();

    let renamed = store.entity("ofac-sdn:10").unwrap().unwrap();
    assert_eq!(renamed.entity.caption(), "RENAMED");
    assert_eq!(renamed.version, sdn[2]);
    let unchanged = store.entity("un:3").unwrap().unwrap();
    assert_eq!(unchanged.entity, entity("un", 3));
    assert_eq!(unchanged.version.source_id, "un");

    assert!(
        store.entity("ofac-sdn:7").unwrap().is_none(),
        "delisted in v3"
    );
    assert!(store.entity("ofac-sdn:999").unwrap().is_none());
}

#[test]
fn entities_of_a_version_round_trip_in_id_order() {
    let Fixture { store, sdn, .. } = fixture();

    let stored = store.entities(sdn[0].id).unwrap();

    let mut expected = entities("ofac-sdn", 40);
    expected.sort_by(|a, b| a.id.cmp(&b.id));
    assert!(stored == expected);
    let mut visited = 0;
    store.for_each_entity(sdn[1].id, |_| visited += 1).unwrap();
    assert_eq!(visited, 45);
}

#[test]
fn active_entities_cover_every_source() {
    let Fixture { store, .. } = fixture();

    let active = store.active_entities().unwrap();

    assert_eq!(active.len(), 44 + 12);
    assert_eq!(
        active
            .iter()
            .filter(|entity| entity.source() == "un")
            .count(),
        12
    );
    assert!(active.iter().all(|entity| entity.id != "ofac-sdn:7"));
}

#[test]
fn entity_hashes_of_two_versions_give_the_diff() {
    let Fixture { store, sdn, .. } = fixture();

    let v2 = store.version_entity_hashes(sdn[1].id).unwrap();
    let v3 = store.version_entity_hashes(sdn[2].id).unwrap();

    let removed: Vec<&String> = v2.keys().filter(|id| !v3.contains_key(*id)).collect();
    let changed: Vec<&String> = v3
        .iter()
        .filter(|(id, hash)| v2.get(*id).is_some_and(|old| old != *hash))
        .map(|(id, _)| id)
        .collect();
    assert_eq!(removed, ["ofac-sdn:7"]);
    assert_eq!(changed, ["ofac-sdn:10"]);
    let old_body = store.entity_body(&v2["ofac-sdn:10"]).unwrap().unwrap();
    assert_eq!(old_body, entity("ofac-sdn", 10));
    assert_eq!(store.entity_body("00").unwrap(), None);
}
