//! Imports: unchanged re-imports, new versions sharing bodies, and every way
//! an import can fail leaving the store exactly as it was.

use std::collections::BTreeSet;
use std::path::PathBuf;

use embargo_core::model::{Name, NameQuality, PartialDate};
use embargo_core::sources::{FileRole, ListFile, ListFiles, ListMeta, SourceError, SourceFormat};
use embargo_store::{ImportOutcome, ImportRequest, Store, StoreError};
use tempfile::TempDir;

use crate::fixtures::{self, entities, entity, import, write_publication};
use crate::support::{dump, row_count};

/// A temporary folder with a store file in it.
fn store_in_temp_folder() -> (TempDir, PathBuf, Store) {
    let folder = tempfile::tempdir().expect("temp folder");
    let path = folder.path().join("embargo.db");
    let store = Store::open_or_create(&path).expect("open store");
    (folder, path, store)
}

#[test]
fn reimporting_identical_files_is_unchanged_without_parsing() {
    let (folder, _path, mut store) = store_in_temp_folder();
    let files = write_publication(folder.path(), "sdn.jsonl", &entities("ofac-sdn", 50));
    let first = import(&mut store, "ofac-sdn", &files).unwrap();
    assert!(first.is_imported());
    assert_eq!(first.version().sequence, 1);
    assert_eq!(first.version().entity_count, 50);
    let stats = store.stats().unwrap();

    // Same bytes under another name: still the same publication.
    let copy = write_publication(folder.path(), "copy.jsonl", &entities("ofac-sdn", 50));
    let mut parsed = false;
    let again = store
        .import(ImportRequest::new("ofac-sdn", &copy), |_sink| {
            parsed = true;
            Ok(ListMeta::default())
        })
        .unwrap();

    assert!(!parsed, "an unchanged publication must not be parsed");
    assert_eq!(
        again,
        ImportOutcome::Unchanged {
            version: first.version().clone()
        }
    );
    assert_eq!(store.stats().unwrap(), stats);
}

#[test]
fn second_publication_is_version_two_and_shares_unchanged_bodies() {
    let (folder, _path, mut store) = store_in_temp_folder();
    let old = entities("ofac-sdn", 100);
    let mut new = old.clone();
    new[4].add_name(Name::new("NEW ALIAS", NameQuality::Strong)); // ofac-sdn:5 changed
    new.pop(); // ofac-sdn:100 delisted
    new.push(entity("ofac-sdn", 101)); // ofac-sdn:101 designated

    let v1 = import(
        &mut store,
        "ofac-sdn",
        &write_publication(folder.path(), "a.jsonl", &old),
    );
    let v2 = import(
        &mut store,
        "ofac-sdn",
        &write_publication(folder.path(), "b.jsonl", &new),
    );
    let (v1, v2) = (v1.unwrap(), v2.unwrap());

    assert_eq!(v2.version().sequence, 2);
    assert_ne!(v1.version().content_hash, v2.version().content_hash);
    let stats = store.stats().unwrap();
    assert_eq!(stats.versions, 2);
    assert_eq!(stats.version_entities, 200);
    assert_eq!(stats.entity_bodies, 102, "98 unchanged bodies stored once");
    assert_eq!(stats.active_entities, 100);

    let before = store.version_entity_hashes(v1.version().id).unwrap();
    let after = store.version_entity_hashes(v2.version().id).unwrap();
    let changed: BTreeSet<&str> = before
        .iter()
        .filter(|(id, hash)| after.get(*id).is_some_and(|new_hash| new_hash != *hash))
        .map(|(id, _)| id.as_str())
        .collect();
    assert_eq!(changed, BTreeSet::from(["ofac-sdn:5"]));
    assert!(!after.contains_key("ofac-sdn:100"));
    assert!(!before.contains_key("ofac-sdn:101"));
}

#[test]
fn returning_to_older_content_is_a_new_version_without_new_bodies() {
    let (folder, _path, mut store) = store_in_temp_folder();
    let a = write_publication(folder.path(), "a-2023-05-19.jsonl", &entities("un", 20));
    let b = write_publication(folder.path(), "b-2023-05-23.jsonl", &entities("un", 21));
    import(&mut store, "un", &a).unwrap();
    import(&mut store, "un", &b).unwrap();
    let bodies = store.stats().unwrap().entity_bodies;

    // A later publication with the content of the first one.
    let c = write_publication(folder.path(), "c-2023-06-01.jsonl", &entities("un", 20));
    let back = import(&mut store, "un", &c).unwrap();

    assert!(back.is_imported() && back.is_activated());
    assert_eq!(back.version().sequence, 3);
    assert_eq!(
        back.version().content_hash,
        import(&mut store, "un", &a).unwrap().version().content_hash
    );
    assert_eq!(store.stats().unwrap().entity_bodies, bodies);
}

#[test]
fn reimporting_an_older_stored_publication_is_unchanged() {
    let (folder, _path, mut store) = store_in_temp_folder();
    let a = write_publication(folder.path(), "a-2023-05-19.jsonl", &entities("un", 20));
    let b = write_publication(folder.path(), "b-2023-05-23.jsonl", &entities("un", 21));
    import(&mut store, "un", &a).unwrap();
    import(&mut store, "un", &b).unwrap();
    let stats = store.stats().unwrap();

    // The same files, same date: the stored v1, not a new version.
    let again = import(&mut store, "un", &a).unwrap();

    assert_eq!(
        again,
        ImportOutcome::Unchanged {
            version: store.versions("un").unwrap()[0].clone()
        }
    );
    assert_eq!(store.stats().unwrap(), stats);
    assert_eq!(store.active_version("un").unwrap().unwrap().sequence, 2);
}

#[test]
fn failing_parse_after_1000_entities_leaves_the_store_unchanged() {
    let (folder, path, mut store) = store_in_temp_folder();
    let v1 = write_publication(folder.path(), "v1.jsonl", &entities("ofac-sdn", 300));
    import(&mut store, "ofac-sdn", &v1).unwrap();
    let before = dump(&path);
    let counts_before = [
        row_count(&path, "versions"),
        row_count(&path, "entity_bodies"),
    ];

    let files = write_publication(folder.path(), "v2.jsonl", &entities("ofac-sdn", 1));
    let failure = SourceError::malformed(&files.files[0].path, 1001, "unterminated quote");
    let message = failure.to_string();
    let result = store.import(ImportRequest::new("ofac-sdn", &files), |sink| {
        for number in 1..=1000 {
            sink(entity("ofac-sdn", number + 5000))?;
        }
        Err(failure)
    });

    match result {
        Err(error @ StoreError::Parse(_)) => assert_eq!(error.to_string(), message),
        other => panic!("expected the parser's error, got {other:?}"),
    }
    assert!(message.ends_with("v2.jsonl:1001: unterminated quote"));
    assert_eq!(dump(&path), before);
    let counts_after = [
        row_count(&path, "versions"),
        row_count(&path, "entity_bodies"),
    ];
    assert_eq!(counts_after, counts_before);
}

#[test]
fn malformed_line_in_a_file_reports_file_and_line_and_stores_nothing() {
    let (folder, path, mut store) = store_in_temp_folder();
    let files = write_publication(folder.path(), "list.jsonl", &entities("custom-x", 1200));
    let mut text = std::fs::read_to_string(files.primary()).unwrap();
    text.push_str("{\"id\": \"custom-x:9999\", \"schema\": \n");
    std::fs::write(files.primary(), text).unwrap();
    let before = dump(&path);

    let error = import(&mut store, "custom-x", &files).unwrap_err();

    let text = error.to_string();
    assert!(matches!(
        error,
        StoreError::Parse(SourceError::Malformed { line: 1201, .. })
    ));
    assert!(text.contains("list.jsonl:1201: "), "{text}");
    assert_eq!(dump(&path), before);
    assert!(store.sources().unwrap().is_empty());
}

#[test]
fn duplicate_entity_id_is_refused_and_nothing_is_stored() {
    let (folder, path, mut store) = store_in_temp_folder();
    let mut list = entities("ofac-sdn", 10);
    list.push(entity("ofac-sdn", 3));
    let files = write_publication(folder.path(), "dup.jsonl", &list);
    let before = dump(&path);

    let error = import(&mut store, "ofac-sdn", &files).unwrap_err();

    match &error {
        StoreError::DuplicateEntity {
            source_id,
            entity_id,
        } => assert_eq!(
            (source_id.as_str(), entity_id.as_str()),
            ("ofac-sdn", "ofac-sdn:3")
        ),
        other => panic!("expected a duplicate, got {other:?}"),
    }
    assert_eq!(dump(&path), before);
    assert!(
        store.sources().unwrap().is_empty(),
        "no half-created source"
    );
}

#[test]
fn refusal_ignored_by_the_parser_still_fails_the_import() {
    let (folder, path, mut store) = store_in_temp_folder();
    let files = write_publication(folder.path(), "x.jsonl", &entities("un", 2));
    let before = dump(&path);

    let result = store.import(ImportRequest::new("un", &files), |sink| {
        let refused = sink(entity("ofac-sdn", 1));
        assert!(matches!(refused, Err(SourceError::Sink { .. })));
        // Every later entity is refused too.
        assert!(sink(entity("un", 2)).is_err());
        Ok(ListMeta::default())
    });

    assert!(
        matches!(result, Err(StoreError::ForeignEntity { .. })),
        "{result:?}"
    );
    assert_eq!(dump(&path), before);
}

#[test]
fn published_date_comes_from_the_parser() {
    let (folder, _path, mut store) = store_in_temp_folder();
    let files = write_publication(
        folder.path(),
        "sdn-2023-05-23.jsonl",
        &entities("ofac-sdn", 5),
    );

    let outcome = import(&mut store, "ofac-sdn", &files).unwrap();

    assert_eq!(outcome.version().published, PartialDate::ymd(2023, 5, 23));
    assert_eq!(outcome.version().format, "custom");
    let file = &outcome.version().files[0];
    assert_eq!(file.name, "sdn-2023-05-23.jsonl");
    assert_eq!(file.file_role(), Some(FileRole::Primary));
    assert_eq!(file.size, std::fs::metadata(files.primary()).unwrap().len());
}

#[test]
fn unreadable_file_fails_before_parsing() {
    let (folder, path, mut store) = store_in_temp_folder();
    let files = ListFiles {
        format: SourceFormat::OfacSdn,
        files: vec![ListFile {
            role: FileRole::Primary,
            path: folder.path().join("missing.csv"),
        }],
    };
    let before = dump(&path);

    let error = fixtures::import(&mut store, "ofac-sdn", &files).unwrap_err();

    assert!(matches!(error, StoreError::ReadFile { .. }), "{error:?}");
    assert!(error.to_string().contains("missing.csv: cannot read"));
    assert_eq!(dump(&path), before);
}

#[test]
fn import_without_files_is_refused() {
    let mut store = Store::open_in_memory().unwrap();
    let files = ListFiles {
        format: SourceFormat::Custom,
        files: Vec::new(),
    };
    let error = import(&mut store, "custom-x", &files).unwrap_err();
    assert!(matches!(error, StoreError::NoFiles { .. }));
}

#[test]
fn fifteen_thousand_entities_import_and_read_back() {
    let (folder, _path, mut store) = store_in_temp_folder();
    let list = entities("ofac-sdn", 15_000);
    let files = write_publication(folder.path(), "sdn.jsonl", &list);

    let outcome = import(&mut store, "ofac-sdn", &files).unwrap();

    assert_eq!(outcome.version().entity_count, 15_000);
    let mut stored = store.active_entities().unwrap();
    let mut expected = list;
    stored.sort_by(|a, b| a.id.cmp(&b.id));
    expected.sort_by(|a, b| a.id.cmp(&b.id));
    assert!(stored == expected, "entities differ after the round trip");
}
