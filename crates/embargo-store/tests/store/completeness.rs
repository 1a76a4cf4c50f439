//! Every import checks the publication is whole: the real OFAC 2024-05 set
//! with one companion file cut short (in a temporary copy) is refused
//! naming that file, and so is a list or file that shrank past the allowed
//! share against the active version; `force` imports it with the findings
//! as notices. A refused import leaves the store as it was.

use std::path::{Path, PathBuf};

use embargo_core::sources::{self, ListFiles};
use embargo_store::{Finding, ImportChecks, ImportOutcome, ImportRequest, Store, StoreError};
use tempfile::TempDir;

use crate::fixtures::{entities, import, write_publication};

/// A copy of the real 2024-05 set in a new temporary folder.
fn copy_of_2024_05() -> Option<TempDir> {
    let source = embargo_testkit::data_path("ofac/2024-05")?;
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(&source).unwrap() {
        let path = entry.unwrap().path();
        let copy = dir.path().join(path.file_name().unwrap());
        std::fs::write(&copy, std::fs::read(&path).unwrap()).unwrap();
    }
    Some(dir)
}

/// Keeps the first `lines` lines of `path`.
fn keep_lines(path: &Path, lines: usize) {
    embargo_testkit::keep_lines(path, lines).unwrap();
}

fn files_in(path: &Path) -> ListFiles {
    let mut sets = sources::detect(&[path.to_path_buf()]).unwrap();
    assert_eq!(sets.len(), 1);
    sets.remove(0)
}

fn import_ofac(
    store: &mut Store,
    path: &Path,
    checks: ImportChecks,
) -> Result<ImportOutcome, StoreError> {
    let files = files_in(path);
    let request = ImportRequest::new("ofac-sdn", &files).checks(checks);
    store.import(request, |sink| sources::parse(&files, "ofac-sdn", sink))
}

fn new_store() -> (TempDir, Store) {
    let folder = tempfile::tempdir().unwrap();
    let store = Store::open_or_create(folder.path().join("embargo.db")).unwrap();
    (folder, store)
}

fn forced() -> ImportChecks {
    ImportChecks {
        force: true,
        ..ImportChecks::default()
    }
}

#[test]
fn cut_companion_files_are_refused_by_name_into_an_empty_store() {
    let Some(_) = copy_of_2024_05() else {
        eprintln!("skipped: EMBARGO_TEST_DATA is not set");
        return;
    };
    for (name, lines) in [("alt.csv", 100), ("add.csv", 100), ("sdn_comments.csv", 10)] {
        let dir = copy_of_2024_05().unwrap();
        let cut: PathBuf = dir.path().join(name);
        keep_lines(&cut, lines);
        let (_folder, mut store) = new_store();
        let error = import_ofac(&mut store, dir.path(), ImportChecks::default()).unwrap_err();
        let message = error.to_string();
        assert!(
            message
                .starts_with("ofac-sdn: the publication looks incomplete, so nothing was imported"),
            "{message}"
        );
        assert!(
            message.contains(&format!("{}: ", cut.display())),
            "{name}: {message}"
        );
        assert!(message.contains("use --force"), "{message}");
        assert!(
            store.active_versions().unwrap().is_empty(),
            "{name}: nothing stored"
        );

        let outcome = import_ofac(&mut store, dir.path(), forced()).unwrap();
        let ImportOutcome::Imported {
            version, notices, ..
        } = outcome
        else {
            panic!("{name}: forced import did nothing");
        };
        assert_eq!(version.entity_count, 14_965);
        assert!(
            notices.iter().any(|notice| notice.starts_with(&format!(
                "imported with --force although incomplete: {}",
                cut.display()
            ))),
            "{name}: {notices:?}"
        );
    }
}

#[test]
fn companion_that_shrank_against_the_active_version_is_refused() {
    let Some(whole) = copy_of_2024_05() else {
        eprintln!("skipped: EMBARGO_TEST_DATA is not set");
        return;
    };
    let (_folder, mut store) = new_store();
    import_ofac(&mut store, whole.path(), ImportChecks::default()).unwrap();

    // Every other alias row gone: the rows still reach the last entity,
    // so only the comparison with the active version can tell.
    let thinned = copy_of_2024_05().unwrap();
    let alt = thinned.path().join("alt.csv");
    let text = std::fs::read(&alt).unwrap();
    let kept: Vec<u8> = text
        .split_inclusive(|&b| b == b'\n')
        .enumerate()
        .filter(|(at, _)| at % 2 == 0)
        .flat_map(|(_, line)| line.iter().copied())
        .collect();
    std::fs::write(&alt, kept).unwrap();
    let error = import_ofac(&mut store, thinned.path(), ImportChecks::default()).unwrap_err();
    let StoreError::Incomplete { findings, .. } = &error else {
        panic!("{error}");
    };
    assert_eq!(
        findings,
        &[Finding::Shrunk {
            what: "records in alt.csv".to_string(),
            previous: 18_018,
            new: 9_009,
            max_shrink: 0.2,
        }]
    );
    assert_eq!(store.versions("ofac-sdn").unwrap().len(), 1);
}

#[test]
fn primary_file_alone_after_a_whole_set_is_refused() {
    let Some(whole) = copy_of_2024_05() else {
        eprintln!("skipped: EMBARGO_TEST_DATA is not set");
        return;
    };
    let (_folder, mut store) = new_store();
    import_ofac(&mut store, whole.path(), ImportChecks::default()).unwrap();
    // The same sdn.csv, without its companions, copied after the whole set
    // (so a newer publication by its modification time, which would
    // replace the active version).
    let later = tempfile::tempdir().unwrap();
    let alone = later.path().join("sdn.csv");
    std::fs::copy(whole.path().join("sdn.csv"), &alone).unwrap();
    let message = import_ofac(&mut store, &alone, ImportChecks::default())
        .unwrap_err()
        .to_string();
    assert!(
        message.contains(
            "0 records in the aliases file (none given; the active version has one) against \
             18018 in the active version, a drop of 100.0 %"
        ),
        "{message}"
    );
    assert!(
        message.contains("0 records in the addresses file"),
        "{message}"
    );
    assert!(
        !message.contains("comments file"),
        "19 comment rows are too few to compare: {message}"
    );
}

#[test]
fn every_import_refuses_a_list_that_lost_most_entities() {
    let (folder, mut store) = new_store();
    let full = write_publication(folder.path(), "a.jsonl", &entities("src", 100));
    import(&mut store, "src", &full).unwrap();
    let small = write_publication(folder.path(), "b.jsonl", &entities("src", 79));
    let error = import(&mut store, "src", &small).unwrap_err().to_string();
    assert!(
        error.ends_with(
            "79 entities against 100 in the active version, a drop of 21.0 % (more than the 20 % \
             allowed)"
        ),
        "{error}"
    );
    let within = write_publication(folder.path(), "c.jsonl", &entities("src", 80));
    assert!(import(&mut store, "src", &within).unwrap().is_imported());
}
