//! The monitoring acceptance scenario through the `embargo`
//! binary on a real store file: a portfolio watched across the OFAC
//! publications of 19 and 23 May 2023 (needs `EMBARGO_TEST_DATA`), plus
//! the audit trail of single screenings (no real data needed).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Output};

use embargo_testkit::require_data;
use serde_json::Value;

/// Rows of `negatives_us.csv` put in the portfolio.
const NEGATIVE_ROWS: usize = 1000;

/// Runs `embargo --db DB ARGS…`, failing the test on exit status 2.
fn embargo(db: &Path, args: &[&str]) -> Output {
    let output = Command::new(env!("CARGO_BIN_EXE_embargo"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("USER", "analyst")
        .output()
        .expect("run embargo");
    assert_ne!(
        output.status.code(),
        Some(2),
        "embargo {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// Runs a command with `--json` and parses its output.
fn embargo_json(db: &Path, args: &[&str]) -> Value {
    let mut args = args.to_vec();
    args.push("--json");
    let output = embargo(db, &args);
    serde_json::from_slice(&output.stdout).expect("JSON output")
}

/// Every alert, as `embargo alerts --json` prints them.
fn alerts(db: &Path) -> Vec<Value> {
    embargo_json(db, &["alerts"])
        .as_array()
        .expect("alert array")
        .clone()
}

/// (reference, entity id) of alerts with an id above `after`.
fn alerts_since(db: &Path, after: i64, reference: &str) -> Vec<String> {
    alerts(db)
        .iter()
        .filter(|alert| alert["id"].as_i64().unwrap() > after && alert["reference"] == reference)
        .map(|alert| alert["entity_id"].as_str().unwrap().to_string())
        .collect()
}

fn highest_alert(db: &Path) -> i64 {
    alerts(db)
        .iter()
        .filter_map(|alert| alert["id"].as_i64())
        .max()
        .unwrap_or(0)
}

/// Copies the header and the first `rows` rows of `source` to `target`.
fn copy_head(source: &Path, target: &Path, rows: usize) {
    let reader = BufReader::new(std::fs::File::open(source).unwrap());
    let mut out = std::fs::File::create(target).unwrap();
    for line in reader.lines().take(rows + 1) {
        writeln!(out, "{}", line.unwrap()).unwrap();
    }
}

/// New alerts of the runs a `watch run --json` printed.
fn new_alert_count(runs: &Value) -> usize {
    runs.as_array()
        .unwrap()
        .iter()
        .map(|run| run["new_alerts"].as_array().unwrap().len())
        .sum()
}

#[test]
fn portfolio_is_alerted_once_on_the_23_may_2023_designations() {
    let history = require_data!("ofac/history");
    let negatives = require_data!("screening-sets/negatives_us.csv");
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("embargo.db");
    let customers = folder.path().join("customers.csv");
    std::fs::write(
        &customers,
        "ref,name\nC-1,Jinyong IT Cooperation Company\nC-2,Kim Sang-man\n",
    )
    .unwrap();
    let sample = folder.path().join("negatives.csv");
    copy_head(&negatives, &sample, NEGATIVE_ROWS);
    let path = |p: &Path| p.to_str().unwrap().to_string();

    // Only init, import and update create a store.
    embargo(&db, &["init"]);
    embargo(
        &db,
        &[
            "watch",
            "add",
            "--name",
            "bank",
            "--input",
            &path(&customers),
        ],
    );
    embargo(
        &db,
        &["watch", "add", "--name", "bank", "--input", &path(&sample)],
    );
    let portfolios = embargo_json(&db, &["watch", "list"]);
    assert_eq!(portfolios[0]["records"], NEGATIVE_ROWS + 2);

    // First import: the five designations are not listed yet.
    let first = embargo(
        &db,
        &[
            "import",
            &path(&history.join("sdn-2023-05-19.csv")),
            "--format",
            "table",
        ],
    );
    assert!(String::from_utf8_lossy(&first.stdout).contains("portfolio bank: run 1"));
    for reference in ["C-1", "C-2"] {
        assert_eq!(alerts_since(&db, 0, reference), Vec::<String>::new());
    }
    let before = highest_alert(&db);

    // Second import: one new alert each, from the primary names.
    let second = embargo(
        &db,
        &[
            "import",
            &path(&history.join("sdn-2023-05-23.csv")),
            "--format",
            "table",
        ],
    );
    assert!(String::from_utf8_lossy(&second.stdout).contains("portfolio bank: run 2"));
    let kim = alerts_since(&db, before, "C-2");
    assert_eq!(kim, ["ofac-sdn:43377"]);
    let jinyong = alerts_since(&db, before, "C-1");

    // A further run without changes raises nothing.
    let rerun = embargo_json(&db, &["watch", "run"]);
    assert_eq!(new_alert_count(&rerun), 0);

    // A false positive is suppressed in the next run and leaves the open
    // queue; the decision is in the audit log.
    let kim_alert = alerts(&db)
        .into_iter()
        .find(|alert| alert["reference"] == "C-2")
        .unwrap();
    let id = kim_alert["id"].as_i64().unwrap().to_string();
    embargo(
        &db,
        &[
            "alerts",
            "decide",
            &id,
            "--as",
            "false-positive",
            "--note",
            "born 1990, not the listed man",
        ],
    );
    let next = embargo_json(&db, &["watch", "run"]);
    assert_eq!(new_alert_count(&next), 0);
    let open = embargo_json(&db, &["alerts", "--status", "open"]);
    assert!(
        open.as_array()
            .unwrap()
            .iter()
            .all(|alert| alert["reference"] != "C-2")
    );
    let decided = embargo_json(&db, &["alerts", "--status", "false-positive"]);
    assert_eq!(decided.as_array().unwrap().len(), 1);
    // `USER` says "analyst", but without --by the account is recorded.
    assert_eq!(decided[0]["decisions"][0]["decided_by"], os_user());

    let audit = embargo_json(&db, &["audit"]);
    let kinds: Vec<&str> = audit
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| entry["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "portfolio",
            "portfolio",
            "import",
            "screening",
            "import",
            "screening",
            "screening",
            "decision",
            "screening"
        ]
    );
    let second_run = &audit[5]["detail"];
    assert_eq!(second_run["lists"][0]["version"], "v2");
    assert_eq!(second_run["input"]["records"], NEGATIVE_ROWS + 2);
    assert!(second_run["engine_version"].is_string());

    // Checked last so that the rest of the scenario is verified whatever
    // the matcher makes of this name: the hit must come from the primary
    // name CHINYONG INFORMATION TECHNOLOGY COOPERATION COMPANY.
    assert_eq!(
        jinyong,
        ["ofac-sdn:43379"],
        "Jinyong IT Cooperation Company must raise exactly one alert on 43379 after the second import"
    );
}

/// The user name of this process's account, as `id -un` prints it.
fn os_user() -> String {
    let output = Command::new("id").arg("-un").output().expect("run id");
    String::from_utf8_lossy(&output.stdout).trim().to_string()
}

/// Writes a small custom list (the 23 May 2023 designee among others) and
/// imports it into `db`, creating the store.
fn import_watchlist(folder: &Path, db: &Path) {
    let list = folder.join("watchlist.csv");
    std::fs::write(
        &list,
        "id,type,name,birth_date,nationality\n\
         W-1,person,\"KIM, Sang Man\",1965-04-25,KP\n\
         W-2,person,\"MUSTERMANN, Erika\",1964-08-12,DE\n",
    )
    .unwrap();
    embargo(db, &["import", list.to_str().unwrap()]);
}

#[test]
fn single_screenings_are_audited_with_lists_threshold_and_results() {
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("embargo.db");
    import_watchlist(folder.path(), &db);

    embargo(&db, &["screen", "Kim Sang Man", "--threshold", "0.8"]);

    let audit = embargo_json(&db, &["audit"]);
    let kinds: Vec<&str> = audit
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| entry["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["import", "screening"]);
    let screening = &audit[1];
    let detail = &screening["detail"];
    assert_eq!(screening["actor"], os_user());
    assert_eq!(detail["channel"], "single");
    assert_eq!(detail["input"]["name"], "Kim Sang Man");
    assert_eq!(detail["lists"][0]["source"], "custom-watchlist");
    assert_eq!(detail["lists"][0]["version"], "v1");
    assert!((detail["threshold"].as_f64().unwrap() - 0.8).abs() < 1e-6);
    assert_eq!(detail["results"][0]["id"], "custom-watchlist:W-1");
    let later = embargo_json(&db, &["audit", "--since", "2999-01-01"]);
    assert_eq!(later.as_array().unwrap().len(), 0);
}

/// A decision without `--by` names the operating-system
/// account (not `unknown`, whatever `USER` says), and the command says so.
#[test]
fn a_decision_without_by_records_the_operating_system_user() {
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("embargo.db");
    import_watchlist(folder.path(), &db);
    let customers = folder.path().join("customers.csv");
    std::fs::write(&customers, "ref,name,dob\nC-1,Kim Sang-man,1965-04-25\n").unwrap();
    embargo(
        &db,
        &[
            "watch",
            "add",
            "--name",
            "bank",
            "--input",
            customers.to_str().unwrap(),
        ],
    );
    embargo(&db, &["watch", "run"]);
    let alert = alerts(&db)[0]["id"].as_i64().unwrap().to_string();

    for user in [None, Some("")] {
        let mut command = Command::new(env!("CARGO_BIN_EXE_embargo"));
        command.arg("--db").arg(&db).args([
            "alerts",
            "decide",
            &alert,
            "--as",
            "true-positive",
            "--note",
            "same birth date",
        ]);
        match user {
            None => command.env_remove("USER").env_remove("USERNAME"),
            Some(value) => command.env("USER", value),
        };
        let output = command.output().unwrap();
        assert_eq!(output.status.code(), Some(0), "{output:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(&os_user()), "{stderr}");
        assert!(stderr.contains("--by"), "{stderr}");
    }
    let decisions = &alerts(&db)[0]["decisions"];
    assert_eq!(decisions.as_array().unwrap().len(), 2, "{decisions}");
    for decision in decisions.as_array().unwrap() {
        assert_eq!(decision["decided_by"], os_user());
        assert_ne!(decision["decided_by"], "unknown");
    }
    // With --by, the name given is recorded and nothing is said.
    let named = Command::new(env!("CARGO_BIN_EXE_embargo"))
        .arg("--db")
        .arg(&db)
        .args(["alerts", "decide", &alert, "--as", "false-positive"])
        .args(["--note", "other person", "--by", "ann"])
        .output()
        .unwrap();
    assert_eq!(named.status.code(), Some(0), "{named:?}");
    assert!(named.stderr.is_empty(), "{named:?}");
    assert_eq!(alerts(&db)[0]["decisions"][2]["decided_by"], "ann");
}

/// Three import processes and screening processes (each writing the audit
/// log) at once on one store: every command succeeds and every write is
/// in the log exactly once.
#[test]
fn processes_importing_and_screening_at_once_share_the_store() {
    const SCREENINGS: usize = 6;
    let history = require_data!("ofac/history");
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("embargo.db");
    let customers = folder.path().join("customers.csv");
    std::fs::write(&customers, "ref,name\nC-2,Kim Sang-man\n").unwrap();
    let customers = customers.to_str().unwrap().to_string();
    // A first list, so that screening has something to run against (a
    // store without lists is an error, not the demo list).
    embargo(
        &db,
        &[
            "import",
            history.join("sdn-2023-05-19.csv").to_str().unwrap(),
        ],
    );
    embargo(
        &db,
        &["watch", "add", "--name", "bank", "--input", &customers],
    );

    let importer = {
        let (db, history) = (db.clone(), history.clone());
        std::thread::spawn(move || {
            for file in ["sdn-2023-05-23.csv", "sdn-2024-05-03.csv"] {
                let path = history.join(file);
                embargo(&db, &["import", path.to_str().unwrap()]);
            }
        })
    };
    for _ in 0..SCREENINGS {
        embargo(&db, &["screen", "Kim Sang Man"]);
    }
    importer.join().unwrap();

    let audit = embargo_json(&db, &["audit"]);
    let count = |kind: &str, channel: Option<&str>| {
        audit
            .as_array()
            .unwrap()
            .iter()
            .filter(|entry| entry["kind"] == kind)
            .filter(|entry| channel.is_none_or(|c| entry["detail"]["channel"] == c))
            .count()
    };
    assert_eq!(count("import", None), 3);
    assert_eq!(count("screening", Some("single")), SCREENINGS);
    // The portfolio was added after the first import: re-screened by the
    // two imports made while the screenings ran.
    assert_eq!(count("screening", Some("monitoring")), 2);
    let kim = alerts_since(&db, 0, "C-2");
    // KIM, Sang Man is the same in all later publications: one alert only.
    assert_eq!(kim, ["ofac-sdn:43377"]);
    let lists = embargo_json(&db, &["lists"]);
    assert_eq!(lists[0]["versions"].as_array().unwrap().len(), 3);
}
