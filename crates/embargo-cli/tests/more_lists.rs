//! The EU, UK and US trade lists from the command line:
//! `embargo import` detects each real file, `lists` and `show` name the
//! publisher and publication date, and `screen --list eu,uk` keeps only
//! the results of those lists. Needs `EMBARGO_TEST_DATA`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::{Command, Output};

use embargo_testkit::require_data;
use serde_json::Value;

fn embargo(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_embargo"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("run embargo")
}

fn ok(output: Output) -> String {
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert_eq!(
        output.status.code(),
        Some(0),
        "stdout: {stdout}\nstderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

#[test]
fn import_lists_show_and_screen_by_list() {
    let data = require_data!("");
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("embargo.db");
    for relative in [
        "uk/ofsi-conlist-2020-04-27.csv",
        "eu/fsf-xml-1.1-excerpt-2020-04-15.xml",
        "us-trade/csl-sample.csv",
        "un/consolidated-2026-02-27.xml",
    ] {
        let path = data.join(relative);
        ok(embargo(&db, &["import", path.to_str().unwrap()]));
    }
    let lists: Value = serde_json::from_str(&ok(embargo(&db, &["lists", "--json"]))).unwrap();
    let rows = lists.as_array().unwrap();
    assert_eq!(rows.len(), 4);
    let row = |source: &str| rows.iter().find(|r| r["source"] == source).unwrap().clone();
    let uk = row("uk");
    assert!(uk["publisher"].as_str().unwrap().contains("OFSI"), "{uk}");
    assert_eq!(uk["versions"][0]["published"], "2020-04-27");
    assert_eq!(uk["versions"][0]["entities"], 2_114);
    let eu = row("eu");
    assert!(
        eu["publisher"]
            .as_str()
            .unwrap()
            .contains("European Commission"),
        "{eu}"
    );
    assert_eq!(eu["versions"][0]["published"], "2020-04-15");
    assert!(
        row("us-csl")["publisher"]
            .as_str()
            .unwrap()
            .contains("trade.gov")
    );
    let table = ok(embargo(&db, &["lists", "--format", "table"]));
    assert!(
        table.contains("Office of Financial Sanctions Implementation"),
        "{table}"
    );

    let shown = ok(embargo(&db, &["show", "eu:EU.27.28", "--format", "table"]));
    assert!(shown.contains("Saddam Hussein Al-Tikriti"), "{shown}");
    assert!(shown.contains("published 2020-04-15"), "{shown}");
    assert!(
        shown.contains("publisher:    European Commission"),
        "{shown}"
    );

    let screen = |lists: &str| -> Vec<String> {
        let output = ok(embargo(
            &db,
            &[
                "screen",
                "Saddam Hussein Al-Tikriti",
                "--list",
                lists,
                "--json",
            ],
        ));
        let report: Value = serde_json::from_str(&output).unwrap();
        report["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_string())
            .collect()
    };
    let ids = screen("eu,uk");
    assert!(!ids.is_empty());
    assert!(ids.iter().any(|id| id == "eu:EU.27.28"), "{ids:?}");
    assert!(ids.iter().any(|id| id.starts_with("uk:")), "{ids:?}");
    assert!(
        ids.iter()
            .all(|id| id.starts_with("eu:") || id.starts_with("uk:")),
        "{ids:?}"
    );
    let un_only = screen("un");
    assert!(!un_only.is_empty());
    assert!(
        un_only.iter().all(|id| id.starts_with("un:")),
        "{un_only:?}"
    );
    let unknown = embargo(&db, &["screen", "Saddam", "--list", "nope"]);
    assert_ne!(unknown.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("\"nope\" is not an active list"));
}
