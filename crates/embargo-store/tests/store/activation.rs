//! Which version is active: the newest publication, not
//! the last import. An older publication is kept as history; forcing and
//! [`Store::activate`] change the active version on purpose, audited; two
//! imports at once on one file cannot leave the older one active.

use std::path::Path;
use std::sync::{Arc, Barrier};
use std::thread;
use std::time::{Duration, SystemTime};

use embargo_core::sources::ListFiles;
use embargo_store::{
    Activation, ImportOutcome, ImportRequest, Publication, PublicationOrigin, Store, StoreError,
    VersionSelector,
};

use crate::fixtures::{entities, import, parse_publication, write_publication};
use crate::support::dump;

/// Imports `files` with the request built by `build`.
fn import_with(
    store: &mut Store,
    source: &str,
    files: &ListFiles,
    build: impl FnOnce(ImportRequest<'_>) -> ImportRequest<'_>,
) -> Result<ImportOutcome, StoreError> {
    store.import(build(ImportRequest::new(source, files)), |sink| {
        parse_publication(files, sink)
    })
}

fn selector(text: &str) -> VersionSelector {
    text.parse().unwrap()
}

fn given(date: &str) -> Option<Publication> {
    Some(Publication::new(
        date.parse().unwrap(),
        PublicationOrigin::Option,
    ))
}

fn active_label(store: &Store, source: &str) -> String {
    store.active_version(source).unwrap().unwrap().label()
}

#[test]
fn an_older_publication_imported_later_is_kept_as_history() {
    let folder = tempfile::tempdir().unwrap();
    let mut store = Store::open_or_create(folder.path().join("s.db")).unwrap();
    let newer = write_publication(folder.path(), "sdn-2024-05-03.jsonl", &entities("s", 30));
    let older = write_publication(folder.path(), "sdn-2023-05-19.jsonl", &entities("s", 20));

    let first = import(&mut store, "s", &newer).unwrap();
    assert!(first.is_activated());
    let second = import(&mut store, "s", &older).unwrap();

    assert!(second.is_imported() && !second.is_activated());
    match &second {
        ImportOutcome::Imported {
            activation: Activation::KeptAsHistory { active },
            version,
            ..
        } => {
            assert_eq!(active.label(), "v1");
            assert_eq!(version.label(), "v2");
            assert!(!version.active);
            assert_eq!(version.publication.origin, PublicationOrigin::File);
            assert_eq!(version.publication.at.to_string(), "2023-05-19");
        }
        other => panic!("expected history, got {other:?}"),
    }
    assert_eq!(active_label(&store, "s"), "v1");
    assert_eq!(store.active_entities().unwrap().len(), 30);
    let sources = store.sources().unwrap();
    assert_eq!(sources[0].active().unwrap().label(), "v1");
    assert_eq!(
        store.version("s", &selector("active")).unwrap().label(),
        "v1"
    );

    let log = store.audit(None).unwrap();
    assert_eq!(log[0].detail["activated"], true);
    assert_eq!(log[1].detail["activated"], false);
    assert_eq!(log[1].detail["previous"], "v1");
    assert!(
        log[1].summary.contains("kept as history"),
        "{}",
        log[1].summary
    );

    // The same files again: unchanged, whichever version they are.
    let again = import(&mut store, "s", &older).unwrap();
    assert!(matches!(again, ImportOutcome::Unchanged { ref version } if version.label() == "v2"));
}

#[test]
fn a_newer_or_same_day_publication_becomes_active() {
    let folder = tempfile::tempdir().unwrap();
    let mut store = Store::open_or_create(folder.path().join("s.db")).unwrap();
    let old = write_publication(folder.path(), "l-2023-05-19.jsonl", &entities("s", 3));
    let new = write_publication(folder.path(), "l-2023-05-23.jsonl", &entities("s", 5));
    let correction = write_publication(folder.path(), "l-2023-05-23b.jsonl", &entities("s", 6));

    assert!(import(&mut store, "s", &old).unwrap().is_activated());
    let outcome = import(&mut store, "s", &new).unwrap();
    match outcome {
        ImportOutcome::Imported {
            activation:
                Activation::Activated {
                    replaced: Some(replaced),
                },
            ..
        } => assert_eq!(replaced.label(), "v1"),
        other => panic!("{other:?}"),
    }
    // A second publication of the same day is taken as its correction.
    assert!(import(&mut store, "s", &correction).unwrap().is_activated());
    assert_eq!(active_label(&store, "s"), "v3");
}

#[test]
fn forcing_activates_an_older_publication() {
    let folder = tempfile::tempdir().unwrap();
    let mut store = Store::open_or_create(folder.path().join("s.db")).unwrap();
    let newer = write_publication(folder.path(), "l-2024-05-03.jsonl", &entities("s", 4));
    // Not smaller, so that the completeness checks have nothing to say.
    let older = write_publication(folder.path(), "l-2021-07-01.jsonl", &entities("s", 5));
    import(&mut store, "s", &newer).unwrap();

    let outcome = import_with(&mut store, "s", &older, |r| r.force_activation(true)).unwrap();

    match &outcome {
        ImportOutcome::Imported {
            activation: Activation::Forced { replaced },
            ..
        } => assert_eq!(replaced.label(), "v1"),
        other => panic!("{other:?}"),
    }
    assert_eq!(active_label(&store, "s"), "v2");
    let log = store.audit(None).unwrap();
    assert_eq!(log[1].detail["forced"], true);
}

#[test]
fn activate_rolls_back_and_forward_and_is_audited() {
    let folder = tempfile::tempdir().unwrap();
    let mut store = Store::open_or_create(folder.path().join("s.db")).unwrap();
    let old = write_publication(folder.path(), "l-2023-05-19.jsonl", &entities("s", 3));
    let new = write_publication(folder.path(), "l-2024-05-03.jsonl", &entities("s", 5));
    import(&mut store, "s", &old).unwrap();
    import(&mut store, "s", &new).unwrap();

    let back = store
        .activate("s", &selector("2023-05-19"), "ann", Some("checking"))
        .unwrap();
    assert!(back.changed() && back.is_rollback());
    assert_eq!(
        (back.version.label(), back.previous.label()),
        ("v1".into(), "v2".into())
    );
    assert_eq!(active_label(&store, "s"), "v1");
    assert_eq!(store.active_entities().unwrap().len(), 3);

    // Asking for the version already active changes and logs nothing.
    let entries = store.audit(None).unwrap().len();
    let same = store.activate("s", &selector("v1"), "ann", None).unwrap();
    assert!(!same.changed());
    assert_eq!(store.audit(None).unwrap().len(), entries);

    let forward = store.activate("s", &selector("v2"), "bob", None).unwrap();
    assert!(forward.changed() && !forward.is_rollback());
    assert_eq!(active_label(&store, "s"), "v2");

    let activations: Vec<_> = store
        .audit(None)
        .unwrap()
        .into_iter()
        .filter(|entry| entry.kind == "activation")
        .collect();
    assert_eq!(activations.len(), 2);
    assert_eq!(activations[0].actor, "ann");
    assert_eq!(activations[0].detail["version"], "v1");
    assert_eq!(activations[0].detail["previous"], "v2");
    assert_eq!(activations[0].detail["rollback"], true);
    assert_eq!(activations[0].detail["note"], "checking");
    assert!(activations[0].summary.contains("rolled back"));
    assert_eq!(activations[1].actor, "bob");

    assert!(matches!(
        store.activate("nope", &selector("v1"), "ann", None),
        Err(StoreError::UnknownSource(_))
    ));
    assert!(matches!(
        store.activate("s", &selector("v7"), "ann", None),
        Err(StoreError::NoSuchVersion { .. })
    ));
    assert_eq!(active_label(&store, "s"), "v2");
}

#[test]
fn a_given_date_orders_files_that_state_none_and_must_agree_with_files_that_do() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("s.db");
    let mut store = Store::open_or_create(&path).unwrap();
    let first = write_publication(folder.path(), "first.jsonl", &entities("s", 4));
    let second = write_publication(folder.path(), "second.jsonl", &entities("s", 3));

    import_with(&mut store, "s", &first, |r| {
        r.published(given("2024-05-03"))
    })
    .unwrap();
    let outcome = import_with(&mut store, "s", &second, |r| {
        r.published(given("2023-05-19"))
    })
    .unwrap();
    assert!(!outcome.is_activated());
    assert_eq!(
        outcome.version().publication.origin,
        PublicationOrigin::Option
    );
    assert_eq!(active_label(&store, "s"), "v1");

    let dated = write_publication(folder.path(), "l-2022-01-10.jsonl", &entities("s", 1));
    let before = dump(&path);
    let error = import_with(&mut store, "s", &dated, |r| {
        r.published(given("2022-02-01"))
    })
    .unwrap_err();
    assert!(
        matches!(error, StoreError::PublicationConflict { .. }),
        "{error:?}"
    );
    assert_eq!(dump(&path), before, "a refused import left a trace");
}

#[test]
fn without_any_date_the_files_modification_times_order_versions() {
    let folder = tempfile::tempdir().unwrap();
    let mut store = Store::open_or_create(folder.path().join("s.db")).unwrap();
    let old = write_publication(folder.path(), "old.jsonl", &entities("s", 2));
    let new = write_publication(folder.path(), "new.jsonl", &entities("s", 6));
    let a_year_ago = SystemTime::now() - Duration::from_secs(365 * 24 * 3600);
    std::fs::File::options()
        .write(true)
        .open(old.primary())
        .unwrap()
        .set_modified(a_year_ago)
        .unwrap();

    import(&mut store, "s", &new).unwrap();
    let outcome = import(&mut store, "s", &old).unwrap();

    assert!(!outcome.is_activated());
    assert_eq!(
        outcome.version().publication.origin,
        PublicationOrigin::FileModified
    );
    assert_eq!(active_label(&store, "s"), "v1");
}

/// Imports the publication `file_name` (its date in its name) on its own
/// handle once `start` opens.
fn import_in_thread(
    path: &Path,
    folder: &Path,
    file_name: &'static str,
    size: usize,
    start: &Arc<Barrier>,
) -> thread::JoinHandle<()> {
    let (path, folder, start) = (path.to_path_buf(), folder.to_path_buf(), Arc::clone(start));
    thread::spawn(move || {
        let files = write_publication(&folder, file_name, &entities("s", size));
        let mut store = Store::open(&path).expect("open");
        start.wait();
        import(&mut store, "s", &files).expect("import");
    })
}

/// The race: two imports of two publications at once. Whichever
/// commits last, the newer publication is active, trial after trial (the
/// older one is the larger, so it is often the slower to commit, yet not
/// so much larger that the newer looks cut short).
#[test]
fn concurrent_imports_always_leave_the_newer_publication_active() {
    const TRIALS: usize = 10;
    for trial in 0..TRIALS {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("race.db");
        drop(Store::open_or_create(&path).unwrap());
        let start = Arc::new(Barrier::new(2));
        let older = import_in_thread(&path, folder.path(), "sdn-2021-07-01.jsonl", 3000, &start);
        let newer = import_in_thread(&path, folder.path(), "sdn-2024-05-03.jsonl", 2600, &start);
        older.join().unwrap();
        newer.join().unwrap();

        let store = Store::open(&path).unwrap();
        let versions = store.versions("s").unwrap();
        assert_eq!(versions.len(), 2, "trial {trial}");
        let active = store.active_version("s").unwrap().unwrap();
        assert_eq!(
            active.publication.at.to_string(),
            "2024-05-03",
            "trial {trial}: the older publication is active ({} imported {})",
            active.label(),
            if active.sequence == 2 {
                "last"
            } else {
                "first"
            }
        );
        assert_eq!(
            store.active_entities().unwrap().len(),
            2600,
            "trial {trial}"
        );
    }
}
