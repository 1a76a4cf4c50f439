//! `embargo store copy` as a user runs it between two SQLite files (the
//! PostgreSQL directions are covered by the store's backend tests): a
//! whole copy that reads back the same, and every refusal (a missing
//! source, a target that already holds a store, a URL this build cannot
//! open) naming the store and leaving the target as it was.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{Env, arg, code, json, text};

/// `embargo --db STORE lists --format json`.
fn lists(env: &Env, db: &std::path::Path) -> serde_json::Value {
    let output = env
        .bare()
        .arg("--db")
        .arg(db)
        .args(["lists", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(code(&output), 0, "{}", text(&output.stderr));
    json(&output)
}

#[test]
fn a_copied_store_reads_back_the_same_and_a_full_target_is_refused() {
    let env = Env::with_watchlist();
    let copy = env.path("copy.db");
    let output = env
        .bare()
        .args([
            "store",
            "copy",
            "--from",
            arg(&env.db()),
            "--to",
            arg(&copy),
        ])
        .output()
        .unwrap();
    assert_eq!(code(&output), 0, "{}", text(&output.stderr));
    let report = json(&output);
    assert!(report["rows"].as_u64().unwrap() > 0, "{report}");
    let tables = report["tables"].as_array().unwrap();
    assert!(
        tables
            .iter()
            .any(|table| table["table"] == "version_entities" && table["rows"].as_u64() > Some(0)),
        "{report}"
    );
    assert_eq!(lists(&env, &copy), lists(&env, &env.db()));

    // A second copy into the same target is refused; the target is kept.
    let again = env
        .bare()
        .args([
            "store",
            "copy",
            "--from",
            arg(&env.db()),
            "--to",
            arg(&copy),
        ])
        .output()
        .unwrap();
    assert_ne!(code(&again), 0);
    let stderr = text(&again.stderr);
    assert!(stderr.contains("not empty"), "{stderr}");
    assert!(stderr.contains(arg(&copy)), "{stderr}");
    assert!(stderr.contains("nothing was written"), "{stderr}");
    assert_eq!(lists(&env, &copy), lists(&env, &env.db()));
}

#[test]
fn a_missing_source_or_an_unsupported_target_is_refused_and_creates_nothing() {
    let env = Env::with_watchlist();
    let missing = env.path("missing.db");
    let target = env.path("target.db");
    let output = env
        .bare()
        .args([
            "store",
            "copy",
            "--from",
            arg(&missing),
            "--to",
            arg(&target),
        ])
        .output()
        .unwrap();
    assert_eq!(code(&output), 2, "{}", text(&output.stderr));
    assert!(text(&output.stderr).contains(arg(&missing)));
    assert!(
        !target.exists(),
        "a target was created for a missing source"
    );

    let output = env
        .bare()
        .args(["store", "copy", "--from", arg(&env.db())])
        .args(["--to", "mysql://root@localhost/embargo"])
        .output()
        .unwrap();
    assert_eq!(code(&output), 2, "{}", text(&output.stderr));
    let stderr = text(&output.stderr);
    assert!(stderr.contains("mysql://"), "{stderr}");
    assert!(stderr.contains("not supported"), "{stderr}");
}
