//! Several handles on one file: threads and processes importing and reading
//! at once, and a process killed in the middle of an import.
//!
//! The process tests run this test binary again as a child
//! ([`child_process_entry`]), told what to do by environment variables.

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Barrier};
use std::thread;

use embargo_core::sources::ListFiles;
use embargo_store::{ImportRequest, Store};

use crate::fixtures::{entities, import, parse_publication, write_publication};
use crate::support::{dump, integrity_check};

const CHILD_MODE: &str = "EMBARGO_STORE_TEST_CHILD";
const CHILD_DB: &str = "EMBARGO_STORE_TEST_DB";
const CHILD_SOURCE: &str = "EMBARGO_STORE_TEST_SOURCE";
const CHILD_FOLDER: &str = "EMBARGO_STORE_TEST_FOLDER";

/// Versions each writer imports, and entities in the first of them.
const VERSIONS_PER_WRITER: usize = 5;
const FIRST_VERSION_SIZE: usize = 2000;

/// Imports [`VERSIONS_PER_WRITER`] growing publications of `source`.
fn import_versions(path: &Path, folder: &Path, source: &str) {
    let mut store = Store::open_or_create(path).expect("writer opens the store");
    for step in 0..VERSIONS_PER_WRITER {
        let list = entities(source, FIRST_VERSION_SIZE + step * 10);
        let files = write_publication(folder, &format!("{source}-{step}.jsonl"), &list);
        let outcome = import(&mut store, source, &files).expect("concurrent import");
        assert_eq!(outcome.version().sequence as usize, step + 1);
    }
}

/// Checks that every version the reader sees is complete.
fn check_versions_are_whole(store: &Store) -> usize {
    let versions = store.active_versions().expect("reader lists versions");
    for version in &versions {
        let mut seen = 0;
        store
            .for_each_entity(version.id, |_| seen += 1)
            .expect("reader loads entities");
        assert_eq!(
            seen,
            version.entity_count,
            "half-visible {}",
            version.label()
        );
    }
    versions.len()
}

#[test]
fn two_writers_and_a_reader_share_one_file() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("shared.db");
    let start = Arc::new(Barrier::new(3));
    let writers_done = Arc::new(AtomicBool::new(false));

    let writers: Vec<_> = ["ofac-sdn", "un"]
        .into_iter()
        .map(|source| {
            let (path, folder, start) = (path.clone(), folder.path().to_path_buf(), start.clone());
            thread::spawn(move || {
                start.wait();
                import_versions(&path, &folder, source);
            })
        })
        .collect();
    let reader = {
        let (path, start, done) = (path.clone(), start.clone(), writers_done.clone());
        thread::spawn(move || {
            start.wait();
            let store = Store::open_or_create(&path).expect("reader opens the store");
            let mut rounds = 0;
            while !done.load(Ordering::Acquire) && rounds < 10_000 {
                check_versions_are_whole(&store);
                rounds += 1;
            }
            rounds
        })
    };
    for writer in writers {
        writer.join().expect("writer thread");
    }
    writers_done.store(true, Ordering::Release);
    let rounds = reader.join().expect("reader thread");

    assert!(rounds > 0);
    let store = Store::open_or_create(&path).unwrap();
    for source in store.sources().unwrap() {
        assert_eq!(source.versions.len(), VERSIONS_PER_WRITER, "{}", source.id);
    }
    assert_eq!(check_versions_are_whole(&store), 2);
    assert_eq!(integrity_check(&path), "ok");
}

#[test]
fn many_handles_open_a_new_file_at_once() {
    for round in 0..10 {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join(format!("new-{round}.db"));
        let start = Arc::new(Barrier::new(8));
        let openers: Vec<_> = (0..8)
            .map(|_| {
                let (path, start) = (path.clone(), start.clone());
                thread::spawn(move || {
                    start.wait();
                    Store::open_or_create(&path).and_then(|store| store.schema_version())
                })
            })
            .collect();
        for opener in openers {
            assert_eq!(
                opener.join().expect("opener thread").unwrap(),
                Store::supported_schema_version()
            );
        }
    }
}

/// Runs this test binary as a child doing `mode` on the database `path`.
fn run_child(mode: &str, path: &Path, source: &str) -> std::process::Child {
    Command::new(std::env::current_exe().expect("test binary path"))
        .args([
            "--ignored",
            "--exact",
            "concurrency::child_process_entry",
            "--nocapture",
        ])
        .env(CHILD_MODE, mode)
        .env(CHILD_DB, path)
        .env(CHILD_SOURCE, source)
        .env(CHILD_FOLDER, path.parent().expect("database folder"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start child process")
}

fn describe(output: &Output) -> String {
    format!(
        "{}\n{}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn two_processes_import_into_one_file() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("shared.db");

    let children = [
        run_child("import", &path, "ofac-sdn"),
        run_child("import", &path, "un"),
    ];
    for child in children {
        let output = child.wait_with_output().unwrap();
        assert!(
            output.status.success(),
            "child failed: {}",
            describe(&output)
        );
    }

    let store = Store::open_or_create(&path).unwrap();
    let sources = store.sources().unwrap();
    assert_eq!(sources.len(), 2);
    for source in &sources {
        assert_eq!(source.versions.len(), VERSIONS_PER_WRITER, "{}", source.id);
    }
    assert_eq!(integrity_check(&path), "ok");
}

#[test]
fn process_killed_mid_import_leaves_no_half_version() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("crash.db");
    let mut store = Store::open_or_create(&path).unwrap();
    let v1 = write_publication(folder.path(), "v1.jsonl", &entities("ofac-sdn", 500));
    import(&mut store, "ofac-sdn", &v1).unwrap();
    drop(store);
    let before = dump(&path);

    let output = run_child("crash", &path, "ofac-sdn")
        .wait_with_output()
        .unwrap();

    assert!(
        !output.status.success(),
        "child should have died: {}",
        describe(&output)
    );
    assert!(
        String::from_utf8_lossy(&output.stdout).contains("aborting after 1000 entities"),
        "{}",
        describe(&output)
    );
    assert_eq!(dump(&path), before);
    assert_eq!(integrity_check(&path), "ok");
    let mut store = Store::open_or_create(&path).unwrap();
    let v2 = write_publication(folder.path(), "v2.jsonl", &entities("ofac-sdn", 501));
    assert_eq!(
        import(&mut store, "ofac-sdn", &v2)
            .unwrap()
            .version()
            .sequence,
        2
    );
}

/// Child side of the process tests; does nothing unless started by them.
#[test]
#[ignore = "run by the process tests as a child process"]
fn child_process_entry() {
    let (Some(mode), Some(path), Some(source), Some(folder)) = (
        std::env::var_os(CHILD_MODE),
        std::env::var_os(CHILD_DB),
        std::env::var(CHILD_SOURCE).ok(),
        std::env::var_os(CHILD_FOLDER),
    ) else {
        return;
    };
    let (path, folder) = (Path::new(&path), Path::new(&folder));
    match mode.to_str() {
        Some("import") => import_versions(path, folder, &source),
        Some("crash") => import_then_abort(path, folder, &source),
        other => panic!("unknown child mode {other:?}"),
    }
}

/// Starts importing 5,000 entities and kills the process after 1,000.
fn import_then_abort(path: &Path, folder: &Path, source: &str) {
    let mut store = Store::open_or_create(path).expect("child opens the store");
    let files: ListFiles = write_publication(folder, "doomed.jsonl", &entities(source, 5000));
    let mut handed = 0;
    let _ = store.import(ImportRequest::new(source, &files), |sink| {
        parse_publication(&files, &mut |item| {
            handed += 1;
            if handed > 1000 {
                println!("aborting after 1000 entities");
                std::process::abort();
            }
            sink(item)
        })
    });
}
