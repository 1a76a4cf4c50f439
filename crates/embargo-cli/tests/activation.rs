//! Which version of a list is active: the newest
//! publication, not the last arrival. An older publication imported later
//! is kept as history; `--activate` and `embargo activate` change the
//! active version on purpose, in the audit log; concurrent imports cannot
//! reorder activation. The real OFAC files need `EMBARGO_TEST_DATA`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::{Command, Output};

use embargo_testkit::require_data;
use serde_json::Value;

/// Entities of the OFAC SDN publications in the shared data.
const SDN_2024_05: u64 = 14_965;
const SDN_2023_05_19: u64 = 12_538;
const SDN_2021_07: u64 = 8_976;

fn embargo(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_embargo"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("run embargo")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn ok(output: &Output) -> &Output {
    assert_eq!(
        output.status.code(),
        Some(0),
        "stdout: {}\nstderr: {}",
        text(&output.stdout),
        text(&output.stderr)
    );
    output
}

fn json(output: &Output) -> Value {
    serde_json::from_slice(&ok(output).stdout).expect("JSON output")
}

/// (label, entity count) of the active version of `source`.
fn active(db: &Path, source: &str) -> (String, u64) {
    let lists = json(&embargo(db, &["lists", "--json"]));
    let source = lists
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["source"] == source)
        .unwrap_or_else(|| panic!("no {source} in {lists}"));
    let versions = source["versions"].as_array().unwrap();
    let active: Vec<&Value> = versions.iter().filter(|v| v["active"] == true).collect();
    assert_eq!(active.len(), 1, "{source}");
    (
        active[0]["version"].as_str().unwrap().to_string(),
        active[0]["entities"].as_u64().unwrap(),
    )
}

/// The user name of this process's account, as `id -un` prints it.
fn os_user() -> String {
    let output = Command::new("id").arg("-un").output().unwrap();
    text(&output.stdout).trim().to_string()
}

#[test]
fn an_older_publication_is_kept_as_history_and_activated_only_on_purpose() {
    let sdn_2024 = require_data!("ofac/2024-05");
    let sdn_2023 = require_data!("ofac/history/sdn-2023-05-19.csv");
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("embargo.db");

    ok(&embargo(
        &db,
        &[
            "import",
            sdn_2024.to_str().unwrap(),
            "--published",
            "2024-05-03",
        ],
    ));
    assert_eq!(active(&db, "ofac-sdn"), ("v1".to_string(), SDN_2024_05));

    // The 2023 file states its date in its name: older, so kept as history.
    let older = embargo(
        &db,
        &["import", sdn_2023.to_str().unwrap(), "--format", "table"],
    );
    let stdout = text(&ok(&older).stdout);
    assert!(stdout.contains("2023-05-19"), "{stdout}");
    assert!(stdout.contains("older than the active v1"), "{stdout}");
    assert!(stdout.contains("not activated"), "{stdout}");
    assert!(stdout.contains("embargo activate ofac-sdn v2"), "{stdout}");
    assert_eq!(active(&db, "ofac-sdn"), ("v1".to_string(), SDN_2024_05));
    let lists = json(&embargo(&db, &["lists", "--json"]));
    let versions = &lists[0]["versions"];
    assert_eq!(versions[0]["published"], "2024-05-03");
    assert_eq!(versions[0]["published_from"], "option");
    assert_eq!(versions[1]["published"], "2023-05-19");
    assert_eq!(versions[1]["published_from"], "file");
    // Screening still runs against 2024-05.
    let screened = json(&embargo(&db, &["screen", "Kim Sang-man", "--json"]));
    assert_eq!(screened["lists"][0]["version"], "v1");

    // Rolling back explicitly, audited with who did it.
    let rollback = embargo(
        &db,
        &[
            "activate",
            "ofac-sdn",
            "v2",
            "--note",
            "checking 2023",
            "--format",
            "table",
        ],
    );
    let stdout = text(&ok(&rollback).stdout);
    assert!(stdout.contains("v2"), "{stdout}");
    assert_eq!(active(&db, "ofac-sdn"), ("v2".to_string(), SDN_2023_05_19));
    let forward = embargo(&db, &["activate", "ofac-sdn", "2024-05-03"]);
    ok(&forward);
    assert_eq!(active(&db, "ofac-sdn"), ("v1".to_string(), SDN_2024_05));
    let audit = json(&embargo(&db, &["audit", "--json"]));
    let activations: Vec<&Value> = audit
        .as_array()
        .unwrap()
        .iter()
        .filter(|entry| entry["kind"] == "activation")
        .collect();
    assert_eq!(activations.len(), 2, "{audit}");
    assert_eq!(activations[0]["actor"], os_user());
    assert_eq!(activations[0]["detail"]["version"], "v2");
    assert_eq!(activations[0]["detail"]["previous"], "v1");
    assert_eq!(activations[0]["detail"]["note"], "checking 2023");
    assert_eq!(activations[1]["detail"]["version"], "v1");
    let imports: Vec<&Value> = audit
        .as_array()
        .unwrap()
        .iter()
        .filter(|entry| entry["kind"] == "import")
        .collect();
    assert_eq!(imports[0]["detail"]["activated"], true);
    assert_eq!(imports[1]["detail"]["activated"], false);

    // Unknown versions and sources are errors naming them.
    let unknown = embargo(&db, &["activate", "ofac-sdn", "v9"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(text(&unknown.stderr).contains("v9"));
    let unknown = embargo(&db, &["activate", "nope", "v1"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(text(&unknown.stderr).contains("nope"));

    // --activate forces an older publication in, with a warning.
    let other = tempfile::tempdir().unwrap();
    let db = other.path().join("embargo.db");
    ok(&embargo(
        &db,
        &[
            "import",
            sdn_2024.to_str().unwrap(),
            "--published",
            "2024-05-03",
        ],
    ));
    // The 2023 file comes without its aliases and addresses files, which
    // the active 2024 set has: the version it would replace is compared,
    // so activating it also takes --force.
    let refused = embargo(&db, &["import", sdn_2023.to_str().unwrap(), "--activate"]);
    assert_eq!(refused.status.code(), Some(2));
    let stderr = text(&refused.stderr);
    assert!(stderr.contains("aliases file"), "{stderr}");
    assert!(stderr.contains("--force"), "{stderr}");
    assert_eq!(active(&db, "ofac-sdn"), ("v1".to_string(), SDN_2024_05));
    let forced = embargo(
        &db,
        &[
            "import",
            sdn_2023.to_str().unwrap(),
            "--activate",
            "--force",
        ],
    );
    let stderr = text(&ok(&forced).stderr);
    assert!(stderr.contains("warning"), "{stderr}");
    assert!(stderr.contains("older"), "{stderr}");
    assert_eq!(active(&db, "ofac-sdn"), ("v2".to_string(), SDN_2023_05_19));
}

#[test]
fn a_date_the_files_contradict_is_refused() {
    let sdn_2023 = require_data!("ofac/history/sdn-2023-05-19.csv");
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("embargo.db");
    let output = embargo(
        &db,
        &[
            "import",
            sdn_2023.to_str().unwrap(),
            "--published",
            "2024-01-01",
        ],
    );
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("2023-05-19") && stderr.contains("2024-01-01"),
        "{stderr}"
    );
    let bad = embargo(
        &db,
        &[
            "import",
            sdn_2023.to_str().unwrap(),
            "--published",
            "May 2023",
        ],
    );
    assert_eq!(bad.status.code(), Some(2));
    assert!(text(&bad.stderr).contains("--published"));
}

/// Two `embargo import` processes started together on one store, several
/// times over: whichever commits last, the newer publication is active.
#[test]
fn concurrent_imports_always_leave_the_newer_publication_active() {
    const TRIALS: usize = 3;
    let sdn_2021 = require_data!("ofac/2021-07");
    let sdn_2024 = require_data!("ofac/2024-05");
    for trial in 0..TRIALS {
        let folder = tempfile::tempdir().unwrap();
        let db = folder.path().join("embargo.db");
        ok(&embargo(&db, &["init"]));
        let spawn = |path: &Path, published: &str| {
            Command::new(env!("CARGO_BIN_EXE_embargo"))
                .arg("--db")
                .arg(&db)
                .args(["import", path.to_str().unwrap(), "--published", published])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        };
        // Alternate which one starts first.
        let (first, second) = if trial % 2 == 0 {
            (
                spawn(&sdn_2024, "2024-05-03"),
                spawn(&sdn_2021, "2021-07-01"),
            )
        } else {
            (
                spawn(&sdn_2021, "2021-07-01"),
                spawn(&sdn_2024, "2024-05-03"),
            )
        };
        for child in [first, second] {
            ok(&child.wait_with_output().unwrap());
        }
        let (_, entities) = active(&db, "ofac-sdn");
        assert_eq!(entities, SDN_2024_05, "trial {trial}");
        let lists = json(&embargo(&db, &["lists", "--json"]));
        let counts: Vec<u64> = lists[0]["versions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v["entities"].as_u64().unwrap())
            .collect();
        assert!(counts.contains(&SDN_2021_07), "trial {trial}: {counts:?}");
    }
}
