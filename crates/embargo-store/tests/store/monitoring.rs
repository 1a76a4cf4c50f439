//! Portfolios, monitoring runs, alerts, decisions and the audit log on a
//! real database file, with small hand-written lists.

use std::path::Path;
use std::sync::{Arc, Barrier};
use std::thread;

use embargo_core::matching::{Query, ScreenOptions};
use embargo_core::model::{Entity, Name, NameQuality, Schema};
use embargo_store::{
    AlertFilter, AlertStatus, Decision, PortfolioRecord, RunTrigger, Store, StoreError,
};
use rusqlite::Connection;

use crate::fixtures::{import, write_publication};
use crate::support::{dump, integrity_check};

const SOURCE: &str = "test-list";

fn listed(native: &str, schema: Schema, name: &str) -> Entity {
    Entity::new(
        format!("{SOURCE}:{native}"),
        schema,
        Name::from_last_first(name, NameQuality::Primary),
    )
}

fn petrov() -> Entity {
    listed("1", Schema::Person, "PETROVSKY, Ivan Aleksandrovich")
}

fn ocean() -> Entity {
    listed("2", Schema::Organization, "OCEAN STAR MARITIME HOLDINGS")
}

fn record(reference: &str, name: &str) -> PortfolioRecord {
    PortfolioRecord {
        reference: reference.to_string(),
        query: Query::name(name),
    }
}

fn customers() -> Vec<PortfolioRecord> {
    vec![
        record("C-1", "Ivan Aleksandrovich Petrovsky"),
        record("C-2", "Ocean Star Maritime Holdings"),
        record("C-3", "Margaret Thornbury"),
    ]
}

/// Imports `entities` as the next version of [`SOURCE`].
fn publish(store: &mut Store, folder: &Path, step: usize, entities: &[Entity]) {
    let files = write_publication(folder, &format!("list-{step}.jsonl"), entities);
    assert!(import(store, SOURCE, &files).unwrap().is_imported());
}

/// Runs the one portfolio; returns the (reference, entity id) of the new
/// alerts.
fn run(store: &mut Store) -> Vec<(String, String)> {
    let reports = store
        .monitor(
            None,
            RunTrigger::Manual,
            &ScreenOptions::default(),
            "tester",
        )
        .unwrap();
    assert_eq!(reports.len(), 1);
    let new: Vec<i64> = reports[0].new_alerts.clone();
    store
        .alerts(&AlertFilter::default())
        .unwrap()
        .into_iter()
        .filter(|alert| new.contains(&alert.id))
        .map(|alert| (alert.reference, alert.entity_id))
        .collect()
}

fn pair(reference: &str, native: &str) -> (String, String) {
    (reference.to_string(), format!("{SOURCE}:{native}"))
}

#[test]
fn alerts_are_raised_once_per_pair_and_again_only_when_evidence_changes() {
    let folder = tempfile::tempdir().unwrap();
    let mut store = Store::open_or_create(folder.path().join("m.db")).unwrap();
    store.add_records("bank", &customers(), "tester").unwrap();

    publish(&mut store, folder.path(), 1, &[petrov()]);
    assert_eq!(run(&mut store), [pair("C-1", "1")]);
    assert_eq!(run(&mut store), [], "a run without changes raises nothing");

    publish(&mut store, folder.path(), 2, &[petrov(), ocean()]);
    assert_eq!(run(&mut store), [pair("C-2", "2")], "only the new entity");

    let mut changed = ocean();
    changed.programs.push("SDGT".to_string());
    publish(&mut store, folder.path(), 3, &[petrov(), changed]);
    assert_eq!(run(&mut store), [pair("C-2", "2")], "entity data changed");

    let superseded = store
        .alerts(&AlertFilter {
            status: Some(AlertStatus::Superseded),
            portfolio: None,
        })
        .unwrap();
    assert_eq!(superseded.len(), 1);
    assert_eq!(superseded[0].reference, "C-2");
    let open = store
        .alerts(&AlertFilter {
            status: Some(AlertStatus::Open),
            portfolio: Some("bank".to_string()),
        })
        .unwrap();
    assert_eq!(open.len(), 2);
    assert!(matches!(
        store.decide(superseded[0].id, Decision::FalsePositive, "old", "ann"),
        Err(StoreError::AlertSuperseded { .. })
    ));
}

#[test]
fn a_false_positive_stays_quiet_until_the_record_changes() {
    let folder = tempfile::tempdir().unwrap();
    let mut store = Store::open_or_create(folder.path().join("m.db")).unwrap();
    store.add_records("bank", &customers(), "tester").unwrap();
    publish(&mut store, folder.path(), 1, &[petrov(), ocean()]);
    run(&mut store);
    let alert = store
        .alerts(&AlertFilter::default())
        .unwrap()
        .into_iter()
        .find(|alert| alert.reference == "C-1")
        .unwrap();

    store
        .decide(alert.id, Decision::TruePositive, "looked alike", "ann")
        .unwrap();
    store
        .decide(alert.id, Decision::FalsePositive, "other birth date", "bob")
        .unwrap();
    assert_eq!(run(&mut store), []);

    let decided = store.alert(alert.id).unwrap();
    assert_eq!(decided.status, AlertStatus::FalsePositive);
    assert_eq!(
        decided.decisions.len(),
        2,
        "decisions are superseded, not lost"
    );
    assert_eq!(decided.decisions[0].decided_by, "ann");

    let moved = PortfolioRecord {
        reference: "C-1".to_string(),
        query: Query::name("Ivan Aleksandrovich Petrovsky")
            .with_country("Cyprus")
            .unwrap(),
    };
    store.add_records("bank", &[moved], "tester").unwrap();
    assert_eq!(run(&mut store), [pair("C-1", "1")], "record changed");
}

#[test]
fn runs_decisions_and_the_audit_log_are_append_only() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("m.db");
    let mut store = Store::open_or_create(&path).unwrap();
    store.add_records("bank", &customers(), "tester").unwrap();
    publish(&mut store, folder.path(), 1, &[petrov()]);
    run(&mut store);
    let alert = store.alerts(&AlertFilter::default()).unwrap()[0].id;
    store
        .decide(alert, Decision::FalsePositive, "namesake", "ann")
        .unwrap();

    let outside = Connection::open(&path).unwrap();
    for statement in [
        "UPDATE alert_decisions SET decision = 'true-positive'",
        "DELETE FROM alert_decisions",
        "UPDATE alerts SET score = '0.1'",
        "DELETE FROM alerts",
        "UPDATE monitoring_runs SET new_alerts = 0",
        "DELETE FROM monitoring_runs",
        "DELETE FROM audit_log",
        "UPDATE audit_log SET actor = 'nobody'",
    ] {
        let error = outside.execute(statement, []).unwrap_err().to_string();
        assert!(error.contains("append-only"), "{statement}: {error}");
    }

    let kinds: Vec<String> = store
        .audit(None)
        .unwrap()
        .into_iter()
        .map(|entry| entry.kind)
        .collect();
    assert_eq!(kinds, ["portfolio", "import", "screening", "decision"]);
    let log = store.audit(None).unwrap();
    assert_eq!(log[2].detail["channel"], "monitoring");
    assert_eq!(log[2].detail["results"][0]["reference"], "C-1");
    assert_eq!(log[2].detail["lists"][0]["version"], "v1");
    assert_eq!(log[3].detail["note"], "namesake");
}

#[test]
fn monitoring_refuses_the_demo_list_and_unknown_portfolios() {
    let mut store = Store::open_in_memory().unwrap();
    store.add_records("bank", &customers(), "tester").unwrap();
    let outcome = store.monitor(None, RunTrigger::Manual, &ScreenOptions::default(), "t");
    assert!(matches!(outcome, Err(StoreError::NoListsToMonitor)));
    let unknown = store.monitor(
        Some("nope"),
        RunTrigger::Manual,
        &ScreenOptions::default(),
        "t",
    );
    assert!(matches!(unknown, Err(StoreError::UnknownPortfolio(_))));
}

/// One thread imports versions while another runs the portfolio and logs
/// screenings, each on its own handle: every write lands whole.
#[test]
fn imports_and_runs_at_once_never_corrupt_the_store() {
    const ROUNDS: usize = 6;
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("busy.db");
    let mut store = Store::open_or_create(&path).unwrap();
    store.add_records("bank", &customers(), "tester").unwrap();
    publish(&mut store, folder.path(), 0, &[petrov()]);
    drop(store);
    let start = Arc::new(Barrier::new(2));

    let importer = {
        let (path, folder, start) = (path.clone(), folder.path().to_path_buf(), start.clone());
        thread::spawn(move || {
            let mut store = Store::open_or_create(&path).unwrap();
            start.wait();
            for step in 1..=ROUNDS {
                let mut entity = ocean();
                entity.programs.push(format!("P{step}"));
                publish(&mut store, &folder, step, &[petrov(), entity]);
            }
        })
    };
    let monitor = {
        let (path, start) = (path.clone(), start.clone());
        thread::spawn(move || {
            let mut store = Store::open_or_create(&path).unwrap();
            start.wait();
            for _ in 0..ROUNDS {
                store
                    .monitor(None, RunTrigger::Import, &ScreenOptions::default(), "t")
                    .unwrap();
            }
        })
    };
    importer.join().unwrap();
    monitor.join().unwrap();

    assert_eq!(integrity_check(&path), "ok");
    let store = Store::open_or_create(&path).unwrap();
    let log = store.audit(None).unwrap();
    let ids: Vec<i64> = log.iter().map(|entry| entry.id).collect();
    assert_eq!(ids, (1..=ids.len() as i64).collect::<Vec<_>>());
    let imports = log.iter().filter(|entry| entry.kind == "import").count();
    let runs = log.iter().filter(|entry| entry.kind == "screening").count();
    assert_eq!((imports, runs), (ROUNDS + 1, ROUNDS));
    // Whatever the interleaving, each pair's newest alert carries the
    // evidence of some version, and no pair was raised twice with the same.
    let alerts = store.alerts(&AlertFilter::default()).unwrap();
    let mut fingerprints: Vec<&str> = alerts.iter().map(|a| a.fingerprint.as_str()).collect();
    fingerprints.sort_unstable();
    let before = fingerprints.len();
    fingerprints.dedup();
    assert_eq!(fingerprints.len(), before);
    assert_eq!(
        alerts.iter().filter(|a| a.reference == "C-1").count(),
        1,
        "petrov never changed"
    );
}

/// A run that fails while writing its alerts leaves no run, no alert and
/// no audit entry behind; the next run raises the alert whole.
#[test]
fn a_run_failing_mid_write_leaves_no_trace() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("m.db");
    let mut store = Store::open_or_create(&path).unwrap();
    store.add_records("bank", &customers(), "tester").unwrap();
    publish(&mut store, folder.path(), 1, &[petrov()]);
    let before = dump(&path);
    let outside = Connection::open(&path).unwrap();
    outside
        .execute_batch(
            "CREATE TRIGGER fail_alerts BEFORE INSERT ON alerts \
             BEGIN SELECT RAISE(ABORT, 'disk on fire'); END;",
        )
        .unwrap();

    let failed = store.monitor(None, RunTrigger::Manual, &ScreenOptions::default(), "t");

    let message = failed.unwrap_err().to_string();
    assert!(message.contains("disk on fire"), "{message}");
    outside.execute_batch("DROP TRIGGER fail_alerts").unwrap();
    assert_eq!(dump(&path), before);
    assert_eq!(run(&mut store), [pair("C-1", "1")]);
}
