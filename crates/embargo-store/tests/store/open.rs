//! Opening database files: new, existing, foreign, from a newer embargo.

use std::path::Path;

use embargo_store::{Store, StoreError};
use rusqlite::Connection;

use crate::fixtures::{entities, import, write_publication};
use crate::support::table_names;
use embargo_testkit::noise;

fn sidecar_files_exist(path: &Path) -> bool {
    ["-wal", "-shm", "-journal"].iter().any(|suffix| {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        Path::new(&name).exists()
    })
}

#[test]
fn open_or_create_creates_the_file_and_schema_in_wal_mode() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("embargo.db");

    let store = Store::open_or_create(&path).unwrap();

    assert!(path.is_file());
    assert_eq!(store.path(), path);
    assert_eq!(
        store.schema_version().unwrap(),
        Store::supported_schema_version()
    );
    let outside = Connection::open(&path).unwrap();
    let mode: String = outside
        .query_row("PRAGMA journal_mode", [], |row| row.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let tables = table_names(&outside);
    for table in [
        "entity_bodies",
        "sources",
        "version_entities",
        "version_files",
        "versions",
    ] {
        assert!(tables.iter().any(|name| name == table), "{table} missing");
    }
}

/// A mistyped store path must not become a new, empty store.
#[test]
fn open_creates_nothing_and_names_the_missing_store() {
    let folder = tempfile::tempdir().unwrap();
    for path in [
        folder.path().join("typo.db"),
        folder.path().join("no/such/folder/embargo.db"),
    ] {
        let error = Store::open(&path).unwrap_err();
        assert!(matches!(error, StoreError::NoStore { .. }), "{error:?}");
        assert!(error.to_string().contains(path.to_str().unwrap()));
        assert!(!path.exists());
    }
    assert_eq!(std::fs::read_dir(folder.path()).unwrap().count(), 0);
}

/// Creating a store never creates its folder.
#[test]
fn open_or_create_refuses_a_missing_folder_naming_it() {
    let folder = tempfile::tempdir().unwrap();
    let missing = folder.path().join("a/b");
    let path = missing.join("embargo.db");

    let error = Store::open_or_create(&path).unwrap_err();

    match &error {
        StoreError::NoFolder { folder, store } => {
            assert_eq!((folder, store), (&missing, &path));
        }
        other => panic!("expected a missing folder, got {other:?}"),
    }
    assert!(error.to_string().contains(missing.to_str().unwrap()));
    assert!(!folder.path().join("a").exists());
}

#[test]
fn reopening_keeps_every_version() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("embargo.db");
    {
        let mut store = Store::open_or_create(&path).unwrap();
        let files = write_publication(folder.path(), "l.jsonl", &entities("un", 7));
        import(&mut store, "un", &files).unwrap();
    }

    let store = Store::open(&path).unwrap();

    let sources = store.sources().unwrap();
    assert_eq!(sources.len(), 1);
    assert_eq!(sources[0].versions[0].entity_count, 7);
    assert_eq!(store.active_entities().unwrap().len(), 7);
}

#[test]
fn random_bytes_are_refused_and_left_untouched() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("notes.db");
    let bytes = noise(8192);
    std::fs::write(&path, &bytes).unwrap();

    let error = Store::open(&path).unwrap_err();

    assert!(
        matches!(error, StoreError::NotADatabase { .. }),
        "{error:?}"
    );
    assert!(error.to_string().contains("not an embargo database"));
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
    assert!(!sidecar_files_exist(&path));
}

#[test]
fn damaged_file_with_an_sqlite_header_is_refused_and_left_untouched() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("damaged.db");
    let mut bytes = b"SQLite format 3\0".to_vec();
    bytes.extend(noise(8192));
    std::fs::write(&path, &bytes).unwrap();

    let error = Store::open(&path).unwrap_err();

    assert!(
        matches!(error, StoreError::NotADatabase { .. }),
        "{error:?}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
}

#[test]
fn store_of_a_newer_schema_is_refused_and_left_untouched() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("future.db");
    drop(Store::open_or_create(&path).unwrap());
    let future = Connection::open(&path).unwrap();
    future.pragma_update(None, "user_version", 99).unwrap();
    future
        .execute_batch("CREATE TABLE future_feature (id TEXT)")
        .unwrap();
    drop(future);
    let bytes = std::fs::read(&path).unwrap();

    let error = Store::open(&path).unwrap_err();

    match &error {
        StoreError::NewerSchema {
            found, supported, ..
        } => assert_eq!(
            (*found, *supported),
            (99, Store::supported_schema_version())
        ),
        other => panic!("expected a newer schema error, got {other:?}"),
    }
    assert!(error.to_string().contains("upgrade embargo"));
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
}

/// An existing empty file is taken for a new store (SQLite's own rule):
/// it exists, so it was not mistyped.
#[test]
fn empty_file_becomes_a_store() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("empty.db");
    std::fs::write(&path, b"").unwrap();

    let store = Store::open(&path).unwrap();

    assert_eq!(
        store.schema_version().unwrap(),
        Store::supported_schema_version()
    );
}

#[test]
fn a_file_in_place_of_the_folder_is_a_clear_error() {
    let folder = tempfile::tempdir().unwrap();
    let blocker = folder.path().join("file");
    std::fs::write(&blocker, b"x").unwrap();

    let error = Store::open_or_create(blocker.join("embargo.db")).unwrap_err();

    assert!(matches!(error, StoreError::NoFolder { .. }), "{error:?}");
    assert!(error.to_string().contains("not an existing folder"));
}

#[test]
fn in_memory_store_works_like_a_file() {
    let folder = tempfile::tempdir().unwrap();
    let mut store = Store::open_in_memory().unwrap();
    let files = write_publication(folder.path(), "l.jsonl", &entities("un", 3));

    import(&mut store, "un", &files).unwrap();

    assert_eq!(store.active_entities().unwrap().len(), 3);
    assert_eq!(store.path(), Path::new(":memory:"));
}
