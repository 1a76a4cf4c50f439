//! `embargo evaluate --pairs`: the real binary on a tiny pairs file whose
//! metrics are computed by hand (against the bundled demo list), on
//! malformed files, and on the committed hand-written pairs against real
//! lists when `EMBARGO_TEST_DATA` is set.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;
use tempfile::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_embargo");

fn run(db: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap()
}

/// `embargo ARGS…` with no store configured at all (no --db, no
/// EMBARGO_DB, an empty data folder): the bundled demo list.
fn run_without_store(dir: &TempDir, args: &[&str]) -> Output {
    Command::new(BIN)
        .env_remove("EMBARGO_DB")
        .env("HOME", dir.path())
        .env("XDG_DATA_HOME", dir.path().join("data"))
        .args(args)
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn json_of(output: &Output) -> Value {
    assert!(output.status.success(), "failed: {}", text(&output.stderr));
    serde_json::from_slice(&output.stdout).unwrap()
}

fn number(value: &Value) -> f64 {
    value
        .as_f64()
        .unwrap_or_else(|| panic!("{value} is not a number"))
}

fn close(value: &Value, expected: f64) {
    let actual = number(value);
    assert!(
        (actual - expected).abs() < 1e-6,
        "{actual} is not {expected}"
    );
}

/// The same identical name twice scores "high", the same two unrelated
/// names score "low" (both always equal, as the pairs are equal).
const IDENTICAL: &str = "Ri Yong Gil,Ri Yong Gil,Person";
const UNRELATED: &str = "Ri Yong Gil,Maria Fernandez Lopez,Person";

/// Group `g`: matches high, high, low; non-matches low, low, high.
/// Group `p`: matches only, high and low. Line 6 is malformed.
fn tiny_file(dir: &TempDir) -> PathBuf {
    let lines = [
        "name1,name2,schema,is_match,group".to_string(),
        format!("{IDENTICAL},true,g"),
        format!("{IDENTICAL},yes,g"),
        format!("{UNRELATED},1,g"),
        format!("{UNRELATED},false,g"),
        "Ri Yong Gil,Ri Yong Gil,Person,perhaps,g".to_string(),
        format!("{UNRELATED},no,g"),
        format!("{IDENTICAL},0,g"),
        format!("{IDENTICAL},true,p"),
        format!("{UNRELATED},true,p"),
    ];
    let path = dir.path().join("tiny.csv");
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    path
}

#[test]
fn metrics_of_a_tiny_file_are_those_computed_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    let pairs = tiny_file(&dir);
    let output = run_without_store(
        &dir,
        &[
            "evaluate",
            "--pairs",
            pairs.to_str().unwrap(),
            "--json",
            "--misses",
            "1",
        ],
    );
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("tiny.csv: skipped line 6: is_match \"perhaps\""),
        "{stderr}"
    );
    assert!(stderr.contains("bundled demo list"), "{stderr}");
    let report = json_of(&output);
    assert_eq!(report["lists"][0]["source"], "demo");
    assert_eq!(report["skipped"][0]["line"], 6);
    // The two scores, read from the misses: the worst false positive is a
    // non-match with the identical names, the worst false negative a
    // match with the unrelated ones.
    let high = number(&report["false_positives"][0]["score"]);
    let low = number(&report["false_negatives"][0]["score"]);
    assert!(high >= 0.7 && low < 0.7, "high {high}, low {low}");
    assert_eq!(
        report["false_negatives"].as_array().unwrap().len(),
        1,
        "--misses 1 bounds the list"
    );
    // each miss says how its words aligned
    assert_eq!(
        report["false_positives"][0]["why"],
        "ri=ri, yong=yong, gil=gil"
    );
    let why = report["false_negatives"][0]["why"].as_str().unwrap_or("");
    assert!(
        why.contains("not in list name: ri yong gil")
            && why.contains("not in query: maria fernandez lopez"),
        "{why}"
    );
    assert_eq!(report["threshold"], 0.7);

    let groups = report["groups"].as_array().unwrap();
    assert_eq!(groups.len(), 2);
    let g = &groups[0];
    assert_eq!(g["group"], "g");
    assert_eq!(
        (g["pairs"].as_u64(), g["positives"].as_u64()),
        (Some(6), Some(3))
    );
    // At 0.7: TP 2, FN 1, FP 1, TN 2.
    let at = &g["at_threshold"];
    assert_eq!(at["true_positives"], 2);
    assert_eq!(at["false_negatives"], 1);
    assert_eq!(at["false_positives"], 1);
    assert_eq!(at["true_negatives"], 2);
    for metric in ["precision", "recall", "f1", "accuracy"] {
        close(&at[metric], 2.0 / 3.0);
    }
    // AUC: each high match beats two lows and ties one high (2.5 each);
    // the low match ties two lows (1): 6 of 9.
    close(&g["roc_auc"], 6.0 / 9.0);
    // F1 is 2/3 at both scores; the higher threshold is reported.
    close(&g["best_f1"]["threshold"], high);
    close(&g["best_f1"]["f1"], 2.0 / 3.0);

    let p = &groups[1];
    assert_eq!(p["group"], "p");
    assert_eq!(p["negatives"], 0);
    assert!(p["roc_auc"].is_null(), "no non-matches, no AUC");
    close(&p["at_threshold"]["precision"], 1.0);
    close(&p["at_threshold"]["recall"], 0.5);
    close(&p["best_f1"]["threshold"], low);
    close(&p["best_f1"]["f1"], 1.0);

    // All 8 pairs: TP 3, FN 2, FP 1, TN 2; 3 high and 2 low matches
    // against 2 low and 1 high non-matches: 6 wins and 7 ties of 15.
    let overall = &report["overall"];
    assert_eq!(overall["group"], "overall");
    assert_eq!(overall["pairs"], 8);
    close(&overall["at_threshold"]["precision"], 0.75);
    close(&overall["at_threshold"]["recall"], 0.6);
    close(&overall["at_threshold"]["f1"], 6.0 / 9.0);
    close(&overall["at_threshold"]["accuracy"], 5.0 / 8.0);
    close(&overall["roc_auc"], 9.5 / 15.0);

    // The table names every group and the misses.
    let output = run_without_store(
        &dir,
        &[
            "evaluate",
            "--pairs",
            pairs.to_str().unwrap(),
            "--misses",
            "--format",
            "table",
        ],
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    let table = text(&output.stdout);
    for needle in [
        "lists: demo bundled",
        "overall",
        "0.667",
        "worst false negatives",
        "Maria Fernandez Lopez",
    ] {
        assert!(table.contains(needle), "no {needle:?} in\n{table}");
    }
}

#[test]
fn strict_mode_and_bad_files_fail_naming_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let pairs = tiny_file(&dir);
    let db = dir.path().join("store.db");
    let output = run(
        &db,
        &["evaluate", "--pairs", pairs.to_str().unwrap(), "--strict"],
    );
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("tiny.csv:6: is_match \"perhaps\""),
        "{stderr}"
    );

    let headless = dir.path().join("headless.csv");
    std::fs::write(&headless, "a,b,c\nx,y,z\n").unwrap();
    let output = run(&db, &["evaluate", "--pairs", headless.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("headless.csv:1: header: no \"name1\" column"),
        "{stderr}"
    );

    let output = run(
        &db,
        &[
            "evaluate",
            "--pairs",
            pairs.to_str().unwrap(),
            "--positives",
            pairs.to_str().unwrap(),
        ],
    );
    assert_eq!(output.status.code(), Some(2), "--pairs is its own mode");
    assert!(text(&output.stderr).contains("cannot be used with"));
}

fn in_unit_range(value: &Value, what: &str) {
    if value.is_null() {
        return;
    }
    let number = number(value);
    assert!(
        (0.0..=1.0).contains(&number),
        "{what} = {number} is outside 0 to 1"
    );
}

#[test]
fn handwritten_pairs_against_real_lists() {
    let sdn = embargo_testkit::require_data!("ofac/2024-05");
    let un = embargo_testkit::require_data!("un/consolidated-2026-02-27.xml");
    let handwritten = embargo_testkit::workspace_root().join("tools/pairs/handwritten.csv");
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store.db");
    for list in [&sdn, &un] {
        let output = run(&db, &["import", list.to_str().unwrap()]);
        assert!(output.status.success(), "{}", text(&output.stderr));
    }
    let mut reader = csv::Reader::from_path(&handwritten).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let mut groups: Vec<String> = rows.iter().map(|row| row[4].to_string()).collect();
    groups.sort();
    groups.dedup();
    assert!(rows.len() >= 150, "{} hand-written pairs", rows.len());

    let output = run(
        &db,
        &[
            "evaluate",
            "--pairs",
            handwritten.to_str().unwrap(),
            "--json",
            "--misses",
            "5",
        ],
    );
    let report = json_of(&output);
    assert_eq!(report["skipped"].as_array().unwrap().len(), 0);
    let mut lists: Vec<&str> = report["lists"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|l| l["source"].as_str())
        .collect();
    lists.sort_unstable();
    assert_eq!(lists, ["ofac-sdn", "un"]);
    assert_eq!(report["overall"]["pairs"], rows.len());
    let reported: Vec<&str> = report["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["group"].as_str().unwrap())
        .collect();
    assert_eq!(reported, groups);
    let all = report["groups"]
        .as_array()
        .unwrap()
        .iter()
        .chain([&report["overall"]]);
    let mut counted = 0;
    for group in all {
        let name = group["group"].as_str().unwrap();
        let pairs = group["pairs"].as_u64().unwrap();
        assert_eq!(
            group["positives"].as_u64().unwrap() + group["negatives"].as_u64().unwrap(),
            pairs
        );
        if name != "overall" {
            counted += pairs;
        }
        for metric in ["precision", "recall", "f1", "accuracy"] {
            in_unit_range(&group["at_threshold"][metric], metric);
            in_unit_range(&group["best_f1"][metric], metric);
        }
        in_unit_range(&group["best_f1"]["threshold"], "best threshold");
        in_unit_range(&group["roc_auc"], "roc_auc");
        assert!(
            group["at_threshold"]["accuracy"].is_number(),
            "{name} has pairs, so an accuracy"
        );
    }
    assert_eq!(counted, rows.len() as u64);
    for miss in report["false_negatives"]
        .as_array()
        .unwrap()
        .iter()
        .chain(report["false_positives"].as_array().unwrap())
    {
        in_unit_range(&miss["score"], "score");
    }
    assert!(report["false_negatives"].as_array().unwrap().len() <= 5);
    // Something is decided right: not every score sits on one side.
    assert!(number(&report["overall"]["roc_auc"]) > 0.5);
}

#[test]
fn features_file_has_one_row_per_pair_with_its_evidence() {
    let dir = tempfile::tempdir().unwrap();
    let pairs = tiny_file(&dir);
    let features = dir.path().join("features.csv");
    let output = run_without_store(
        &dir,
        &[
            "evaluate",
            "--pairs",
            pairs.to_str().unwrap(),
            "--features",
            features.to_str().unwrap(),
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let written = std::fs::read_to_string(&features).unwrap();
    let mut lines = written.lines();
    assert_eq!(
        lines.next(),
        Some(
            "name1,name2,schema,is_match,group,score,coverage,family_disagrees,\
             partial_given_name,typo_share,initial_share,single_word,family_alone_factor"
        )
    );
    let rows: Vec<&str> = lines.collect();
    // 8 pairs read (line 6 is skipped as malformed)
    assert_eq!(rows.len(), 8, "{written}");
    // identical names: the whole of both names, nothing against
    assert_eq!(
        rows[0],
        "Ri Yong Gil,Ri Yong Gil,Person,true,g,1.0,1.0,0,0,0.0,0.0,0,"
    );
    // unrelated names share nothing
    assert!(
        rows[2].starts_with("Ri Yong Gil,Maria Fernandez Lopez,Person,true,g,0.0,"),
        "{}",
        rows[2]
    );
}

#[test]
fn features_need_pairs() {
    let dir = tempfile::tempdir().unwrap();
    let output = run_without_store(&dir, &["evaluate", "--features", "out.csv"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("--pairs"));
}
