//! The store's guarantees on both backends: every test here runs once on
//! an SQLite file and once on a private PostgreSQL cluster (skipped with a
//! message when PostgreSQL is not installed, failed in CI).
//!
//! Covered: schema creation and version, imports (versions, content
//! addressing, activation by publication date, a failed import leaving
//! nothing), the append-only tables enforced by the database itself,
//! decisions never overwritten, the audit log, API keys, update state,
//! writers in several threads, and a process killed at random moments of
//! an import.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use embargo_core::matching::{Query, ScreenOptions};
use embargo_core::model::{Entity, Name, NameQuality, Schema};
use embargo_core::sources::{FileRole, ListFile, ListFiles, SourceError, SourceFormat};
use embargo_store::{
    AlertFilter, AuditKind, Decision, ImportRequest, PortfolioRecord, Role, RunTrigger, Store,
    StoreError, VersionSelector, load_screener,
};
use embargo_testkit::postgres::PgCluster;

use crate::fixtures::{entities, import, parse_publication, write_publication};

const CHILD_MODE: &str = "EMBARGO_BACKEND_TEST_CHILD";
const CHILD_STORE: &str = "EMBARGO_BACKEND_TEST_STORE";
const CHILD_FOLDER: &str = "EMBARGO_BACKEND_TEST_FOLDER";

/// One store to run a scenario on, with what keeps it alive.
struct Target {
    /// `sqlite` or `postgres`.
    backend: &'static str,
    /// The file path or URL.
    location: String,
    /// Folder for publication files (and the SQLite file).
    folder: tempfile::TempDir,
    _cluster: Option<PgCluster>,
}

impl Target {
    fn create(&self) -> Store {
        Store::open_or_create(&self.location)
            .unwrap_or_else(|error| panic!("{}: {error}", self.backend))
    }

    fn open(&self) -> Store {
        Store::open(&self.location).unwrap_or_else(|error| panic!("{}: {error}", self.backend))
    }

    fn folder(&self) -> &Path {
        self.folder.path()
    }

    /// Runs raw SQL outside the store (as a person with database access
    /// would), returning the database's error message if refused.
    fn raw(&self, sql: &str) -> Result<(), String> {
        if self.backend == "sqlite" {
            let connection = rusqlite::Connection::open(&self.location).unwrap();
            connection
                .execute_batch(sql)
                .map_err(|error| error.to_string())
        } else {
            let mut client = postgres::Client::connect(&self.location, postgres::NoTls).unwrap();
            client.batch_execute(sql).map_err(|error| {
                error
                    .as_db_error()
                    .map_or_else(|| error.to_string(), |db| db.message().to_string())
            })
        }
    }
}

/// An SQLite target and, when PostgreSQL is installed, a PostgreSQL one.
fn targets() -> Vec<Target> {
    let folder = tempfile::tempdir().unwrap();
    let mut targets = vec![Target {
        backend: "sqlite",
        location: folder.path().join("store.db").display().to_string(),
        folder,
        _cluster: None,
    }];
    if let Some(cluster) = PgCluster::start() {
        targets.push(Target {
            backend: "postgres",
            location: cluster.new_database(),
            folder: tempfile::tempdir().unwrap(),
            _cluster: Some(cluster),
        });
    }
    targets
}

fn listed(native: &str, schema: Schema, name: &str) -> Entity {
    Entity::new(
        format!("test-list:{native}"),
        schema,
        Name::from_last_first(name, NameQuality::Primary),
    )
}

fn customers() -> Vec<PortfolioRecord> {
    [
        ("C-1", "Ivan Aleksandrovich Petrovsky"),
        ("C-2", "Margaret Thornbury"),
    ]
    .into_iter()
    .map(|(reference, name)| PortfolioRecord {
        reference: reference.to_string(),
        query: Query::name(name),
    })
    .collect()
}

#[test]
fn a_new_store_has_the_current_schema_and_open_creates_nothing() {
    for target in targets() {
        if target.backend == "postgres" {
            assert!(matches!(
                Store::open(&target.location),
                Err(StoreError::NoStore { .. })
            ));
        }
        let store = target.create();
        assert_eq!(
            store.schema_version().unwrap(),
            Store::supported_schema_version(),
            "{}",
            target.backend
        );
        assert_eq!(store.is_postgres(), target.backend == "postgres");
        drop(store);
        let store = target.open();
        assert!(store.sources().unwrap().is_empty());
    }
}

#[test]
fn imports_are_versioned_content_addressed_and_activated_by_date() {
    for target in targets() {
        let mut store = target.create();
        let first = entities("ofac-sdn", 300);
        let files = write_publication(target.folder(), "list-2023-05-19.jsonl", &first);
        let v1 = import(&mut store, "ofac-sdn", &files).unwrap();
        assert!(v1.is_activated(), "{}", target.backend);
        assert!(
            !import(&mut store, "ofac-sdn", &files)
                .unwrap()
                .is_imported()
        );

        let mut second = first.clone();
        second.truncate(290);
        let files = write_publication(target.folder(), "list-2023-05-23.jsonl", &second);
        let v2 = import(&mut store, "ofac-sdn", &files).unwrap();
        assert_eq!(v2.version().sequence, 2);
        let older = write_publication(target.folder(), "list-2023-01-02.jsonl", &first[..295]);
        let v3 = import(&mut store, "ofac-sdn", &older).unwrap();
        assert!(
            !v3.is_activated(),
            "an older publication is kept as history"
        );

        let stats = store.stats().unwrap();
        assert_eq!(stats.versions, 3);
        assert_eq!(stats.entity_bodies, 300, "bodies stored once");
        assert_eq!(stats.version_entities, 300 + 290 + 295);
        assert_eq!(stats.active_entities, 290);
        let active = store.active_version("ofac-sdn").unwrap().unwrap();
        assert_eq!(active.sequence, 2);
        assert_eq!(store.entities(active.id).unwrap().len(), 290);
        assert_eq!(
            load_screener(&store).unwrap().screener.entities().len(),
            290
        );
        let entity = store.entity(&second[0].id).unwrap().unwrap();
        assert_eq!(entity.entity, second[0]);

        let report = store
            .activate(
                "ofac-sdn",
                &VersionSelector::Sequence(1),
                "ann",
                Some("roll back"),
            )
            .unwrap();
        assert!(report.is_rollback());
        assert_eq!(
            store.active_version("ofac-sdn").unwrap().unwrap().sequence,
            1
        );
        let from = store
            .version("ofac-sdn", &VersionSelector::Sequence(1))
            .unwrap();
        let to = store
            .version("ofac-sdn", &VersionSelector::Sequence(2))
            .unwrap();
        assert_eq!(store.diff(&from, &to).unwrap().removed.len(), 10);
        assert_eq!(store.sources().unwrap()[0].versions.len(), 3);
    }
}

#[test]
fn a_failed_import_leaves_nothing() {
    for target in targets() {
        let mut store = target.create();
        let files = write_publication(target.folder(), "v1.jsonl", &entities("un", 100));
        import(&mut store, "un", &files).unwrap();
        let before = store.stats().unwrap();
        let doomed = write_publication(target.folder(), "v2.jsonl", &entities("un", 2000));
        let mut handed = 0;
        let outcome = store.import(ImportRequest::new("un", &doomed), |sink| {
            parse_publication(&doomed, &mut |entity| {
                handed += 1;
                if handed > 1500 {
                    return Err(SourceError::malformed(Path::new("v2.jsonl"), 1501, "cut"));
                }
                sink(entity)
            })
        });
        assert!(
            matches!(outcome, Err(StoreError::Parse(_))),
            "{}",
            target.backend
        );
        let after = store.stats().unwrap();
        assert_eq!(
            (after.versions, after.entity_bodies, after.version_entities),
            (
                before.versions,
                before.entity_bodies,
                before.version_entities
            ),
            "{}",
            target.backend
        );
        let duplicate = vec![entities("un", 1)[0].clone(), entities("un", 1)[0].clone()];
        let files = write_publication(target.folder(), "dup.jsonl", &duplicate);
        assert!(matches!(
            import(&mut store, "un", &files),
            Err(StoreError::DuplicateEntity { .. })
        ));
        assert_eq!(store.stats().unwrap().versions, before.versions);
    }
}

#[test]
fn alerts_decisions_and_audit_are_append_only_in_the_database() {
    for target in targets() {
        let mut store = target.create();
        store.add_records("bank", &customers(), "tester").unwrap();
        let list = [listed(
            "1",
            Schema::Person,
            "PETROVSKY, Ivan Aleksandrovich",
        )];
        let files = write_publication(target.folder(), "list.jsonl", &list);
        import(&mut store, "test-list", &files).unwrap();
        let reports = store
            .monitor(
                None,
                RunTrigger::Manual,
                &ScreenOptions::default(),
                "tester",
            )
            .unwrap();
        assert_eq!(reports[0].new_alerts.len(), 1, "{}", target.backend);
        let alert = reports[0].new_alerts[0];
        store
            .decide(alert, Decision::TruePositive, "looked alike", "ann")
            .unwrap();
        store
            .decide(alert, Decision::FalsePositive, "other birth date", "bob")
            .unwrap();
        let alerts = store.alerts(&AlertFilter::default()).unwrap();
        assert_eq!(alerts[0].decisions.len(), 2, "both decisions kept");
        assert_eq!(alerts[0].decisions[0].decision, Decision::TruePositive);

        for (sql, message) in [
            ("UPDATE alert_decisions SET note = 'x'", "append-only"),
            ("DELETE FROM alert_decisions", "append-only"),
            ("UPDATE alerts SET score = '1.000'", "append-only"),
            ("DELETE FROM alerts", "append-only"),
            ("DELETE FROM monitoring_runs", "append-only"),
            ("UPDATE audit_log SET actor = 'x'", "append-only"),
            ("DELETE FROM audit_log", "append-only"),
        ] {
            let refused = target.raw(sql).expect_err(sql);
            assert!(
                refused.contains(message),
                "{}: {sql}: {refused}",
                target.backend
            );
        }
        if target.backend == "postgres" {
            let refused = target.raw("TRUNCATE audit_log CASCADE").unwrap_err();
            assert!(refused.contains("append-only"), "{refused}");
        }
        let kinds: Vec<String> = store
            .audit(None)
            .unwrap()
            .into_iter()
            .map(|e| e.kind)
            .collect();
        assert!(
            kinds
                .iter()
                .any(|kind| kind == AuditKind::Decision.as_str()),
            "{kinds:?}"
        );
        assert!(
            kinds.iter().any(|kind| kind == AuditKind::Import.as_str()),
            "{kinds:?}"
        );
    }
}

#[test]
fn keys_and_update_state_round_trip() {
    for target in targets() {
        let mut store = target.create();
        let key = store.add_api_key("ci-bot", Role::Screen, "ann").unwrap();
        assert!(store.add_api_key("ci-bot", Role::Admin, "ann").is_err());
        let active = store.active_api_keys().unwrap();
        assert_eq!(active.len(), 1, "{}", target.backend);
        store.revoke_api_key("ci-bot", "ann").unwrap();
        assert!(store.active_api_keys().unwrap().is_empty());
        assert!(target.raw("DELETE FROM api_keys").is_err());
        drop(key);

        let at = chrono::Utc::now();
        store
            .record_update_attempt("un", at, Some("timeout"))
            .unwrap();
        store.record_update_attempt("un", at, None).unwrap();
        let state = store.update_state("un").unwrap().unwrap();
        assert!(state.last_error.is_none() && state.last_success.is_some());
    }
}

#[test]
fn writers_in_several_threads_queue_on_the_store() {
    for target in targets() {
        drop(target.create());
        let writers: Vec<_> = ["ofac-sdn", "un", "eu"]
            .into_iter()
            .map(|source| {
                let (location, folder) = (target.location.clone(), target.folder().to_path_buf());
                thread::spawn(move || {
                    let mut store = Store::open_or_create(&location).unwrap();
                    for step in 0..3 {
                        let list = entities(source, 400 + step);
                        let name = format!("{source}-{step}.jsonl");
                        let files = write_publication(&folder, &name, &list);
                        import(&mut store, source, &files).unwrap();
                    }
                    let mut other = Store::open(&location).unwrap();
                    other
                        .add_records(&format!("p-{source}"), &customers(), source)
                        .unwrap();
                })
            })
            .collect();
        for writer in writers {
            writer.join().unwrap();
        }
        let store = target.open();
        assert_eq!(store.stats().unwrap().versions, 9, "{}", target.backend);
        assert_eq!(store.portfolios().unwrap().len(), 3);
    }
}

/// Entities of each publication the killed child imports.
const KILLED_IMPORT_SIZE: usize = 20_000;

/// Kills an importing process (`kill -9`) at varied moments, 12 times:
/// every version the store then holds is whole, an interrupted import
/// left nothing, and the store takes the next import.
#[test]
fn an_import_killed_at_any_moment_leaves_no_partial_version() {
    for target in targets() {
        let mut store = target.create();
        let base = write_publication(target.folder(), "base.jsonl", &entities("ofac-sdn", 200));
        import(&mut store, "ofac-sdn", &base).unwrap();
        drop(store);
        // One import left to finish says how long a whole one takes.
        let list = entities("ofac-sdn", KILLED_IMPORT_SIZE - 1);
        write_publication(target.folder(), "round-99.jsonl", &list);
        let started = Instant::now();
        let status = child_import(&target.location, target.folder(), 99)
            .wait()
            .unwrap();
        assert!(
            status.success(),
            "{}: the timing import failed",
            target.backend
        );
        let whole = started.elapsed();
        let mut interrupted = 0;
        for round in 0..12u64 {
            let list = entities("ofac-sdn", KILLED_IMPORT_SIZE + round as usize);
            write_publication(target.folder(), &format!("round-{round}.jsonl"), &list);
            let before = target.open().stats().unwrap();
            let mut child = child_import(&target.location, target.folder(), round);
            // From early in the import to a little past its usual end.
            thread::sleep(whole.mul_f64((round as f64 + 1.0) / 11.0));
            child.kill().ok();
            child.wait().unwrap();
            let store = target.open();
            let after = store.stats().unwrap();
            if after.versions == before.versions {
                interrupted += 1;
                assert_eq!(after.version_entities, before.version_entities);
                assert_eq!(after.entity_bodies, before.entity_bodies);
            }
            for version in store.versions("ofac-sdn").unwrap() {
                let mut seen = 0;
                store.for_each_entity(version.id, |_| seen += 1).unwrap();
                assert_eq!(
                    seen, version.entity_count,
                    "{} round {round}",
                    target.backend
                );
            }
        }
        eprintln!(
            "{}: a whole import took {whole:?}; {interrupted} of 12 killed imports interrupted",
            target.backend
        );
        assert!(
            interrupted >= 3,
            "{}: only {interrupted} interrupted",
            target.backend
        );
        let mut store = target.open();
        let next = entities("ofac-sdn", KILLED_IMPORT_SIZE + 100);
        let next = write_publication(target.folder(), "next.jsonl", &next);
        assert!(import(&mut store, "ofac-sdn", &next).unwrap().is_imported());
    }
}

/// Starts this test binary again as a child importing a large publication.
fn child_import(location: &str, folder: &Path, round: u64) -> std::process::Child {
    Command::new(std::env::current_exe().unwrap())
        .args([
            "--ignored",
            "--exact",
            "backends::child_entry",
            "--nocapture",
        ])
        .env(CHILD_MODE, round.to_string())
        .env(CHILD_STORE, location)
        .env(CHILD_FOLDER, folder)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// Child side of [`an_import_killed_at_any_moment_leaves_no_partial_version`].
#[test]
#[ignore = "run by the kill test as a child process"]
fn child_entry() {
    let (Ok(round), Some(location), Some(folder)) = (
        std::env::var(CHILD_MODE),
        std::env::var_os(CHILD_STORE),
        std::env::var_os(CHILD_FOLDER),
    ) else {
        return;
    };
    let files = ListFiles {
        format: SourceFormat::Custom,
        files: vec![ListFile {
            role: FileRole::Primary,
            path: PathBuf::from(folder).join(format!("round-{round}.jsonl")),
        }],
    };
    let mut store = Store::open(&location).unwrap();
    import(&mut store, "ofac-sdn", &files).unwrap();
}

/// A store with a bit of everything: versions, a portfolio, alerts,
/// decisions, keys, update state.
fn populate(store: &mut Store, folder: &Path) {
    let files = write_publication(folder, "list-2023-05-19.jsonl", &entities("ofac-sdn", 150));
    import(store, "ofac-sdn", &files).unwrap();
    let files = write_publication(folder, "list-2023-05-23.jsonl", &entities("ofac-sdn", 160));
    import(store, "ofac-sdn", &files).unwrap();
    store.add_records("bank", &customers(), "tester").unwrap();
    let list = [listed(
        "1",
        Schema::Person,
        "PETROVSKY, Ivan Aleksandrovich",
    )];
    let files = write_publication(folder, "list.jsonl", &list);
    import(store, "test-list", &files).unwrap();
    let reports = store
        .monitor(
            None,
            RunTrigger::Manual,
            &ScreenOptions::default(),
            "tester",
        )
        .unwrap();
    let alert = reports[0].new_alerts[0];
    store
        .decide(alert, Decision::FalsePositive, "no", "ann")
        .unwrap();
    store.add_api_key("bot", Role::Screen, "ann").unwrap();
    store.revoke_api_key("bot", "ann").unwrap();
    store
        .record_update_attempt("un", chrono::Utc::now(), Some("timeout"))
        .unwrap();
}

/// SQLite → PostgreSQL → SQLite gives back the very same file content;
/// a copy into a store that is not empty is refused.
#[test]
fn a_store_copied_to_postgres_and_back_is_the_same() {
    let targets = targets();
    let sqlite = &targets[0];
    let mut original = sqlite.create();
    populate(&mut original, sqlite.folder());
    let middle_location = match targets.get(1) {
        Some(postgres) => postgres.location.clone(),
        None => sqlite.folder().join("middle.db").display().to_string(),
    };
    let mut middle = Store::open_or_create(&middle_location).unwrap();
    let there = original.copy_to(&mut middle).unwrap();
    assert!(there.rows() > 300, "{there:?}");
    let back_path = sqlite.folder().join("back.db");
    let mut back = Store::open_or_create(&back_path).unwrap();
    let back_again = middle.copy_to(&mut back).unwrap();
    assert_eq!(there, back_again, "counts and hashes agree both ways");
    drop((original, back));
    assert_eq!(
        crate::support::dump(Path::new(&sqlite.location)),
        crate::support::dump(&back_path)
    );
    let mut again = Store::open(&back_path).unwrap();
    assert!(matches!(
        middle.copy_to(&mut again),
        Err(StoreError::CopyTargetNotEmpty { .. })
    ));
    let alerts = middle.alerts(&AlertFilter::default()).unwrap();
    assert_eq!(alerts[0].decisions.len(), 1);
    assert_eq!(
        middle
            .active_version("ofac-sdn")
            .unwrap()
            .unwrap()
            .entity_count,
        160
    );
}

/// On PostgreSQL an activation is announced to listeners when it commits,
/// and a job runs in one process at a time.
#[test]
fn postgres_announces_list_changes_and_locks_jobs() {
    for target in targets().into_iter().filter(|t| t.backend == "postgres") {
        let mut store = target.create();
        let mut changes = store
            .list_changes()
            .unwrap()
            .expect("a PostgreSQL listener");
        assert!(!changes.wait(Duration::from_millis(50)).unwrap());
        let files = write_publication(target.folder(), "v1.jsonl", &entities("un", 10));
        import(&mut store, "un", &files).unwrap();
        let started = Instant::now();
        assert!(changes.wait(Duration::from_secs(5)).unwrap());
        assert!(started.elapsed() < Duration::from_secs(1));

        let held = store.lock_job("update").unwrap();
        let other = target.open();
        assert!(matches!(
            other.lock_job("update"),
            Err(StoreError::JobRunning { job: "update" })
        ));
        assert!(other.lock_job("watch run").is_ok(), "other jobs are free");
        drop(held);
        assert!(other.lock_job("update").is_ok());
    }
    let sqlite = Store::open_in_memory().unwrap();
    assert!(sqlite.list_changes().unwrap().is_none());
}
