//! `embargo screen --address` and `embargo scan` end to end: the real
//! binary on a real store file holding OFAC SDN `2024-05`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn embargo(db: &Path, args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_embargo"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.unwrap_or("").as_bytes()).unwrap();
    drop(input);
    child.wait_with_output().unwrap()
}

fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn addresses_and_text_are_screened_against_an_imported_list() {
    let sdn = embargo_testkit::require_data!("ofac/2024-05");
    let news = embargo_testkit::require_data!("news/article-1.txt");
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("embargo.db");
    let imported = embargo(&db, &["import", sdn.to_str().unwrap()], None);
    assert!(imported.status.success(), "{imported:?}");

    // Listed ETH address of KIM, Sang Man, upper case and without 0x.
    let hit = embargo(
        &db,
        &[
            "screen",
            "--address",
            "97B1043ABD9E6FC31681635166D430A458D14F9C",
            "--json",
        ],
        None,
    );
    assert_eq!(hit.status.code(), Some(0), "{hit:?}");
    let report = json(&hit);
    let first = &report["results"][0];
    assert_eq!(first["id"], "ofac-sdn:43377");
    assert_eq!(first["score"], 1.0);
    let detail = first["explanation"]["features"][0]["detail"]
        .as_str()
        .unwrap();
    assert!(detail.starts_with("ETH address 0x97b1043abd9e6fc31681635166d430a458d14f9c"));

    let miss = embargo(
        &db,
        &[
            "screen",
            "--address",
            "0x97b1043abd9e6fc31681635166d430a458d14f9d",
        ],
        None,
    );
    assert_eq!(miss.status.code(), Some(1), "{miss:?}");

    let scanned = embargo(&db, &["scan", news.to_str().unwrap(), "--json"], None);
    assert_eq!(scanned.status.code(), Some(0), "{scanned:?}");
    let report = json(&scanned);
    let mentions = report["files"][0]["mentions"].as_array().unwrap();
    let kim = mentions
        .iter()
        .find(|m| m["id"] == "ofac-sdn:43377")
        .expect("Kim Sang Maa found");
    assert_eq!(kim["text"], "Kim Sang Maa");
    assert_eq!(
        (kim["line"].as_u64(), kim["column"].as_u64()),
        (Some(17), Some(9))
    );

    let human = embargo(
        &db,
        &["scan", "-"],
        Some("Funds went to the Lazarus Group.\n"),
    );
    assert_eq!(human.status.code(), Some(0), "{human:?}");
    let out = String::from_utf8(human.stdout).unwrap();
    assert!(
        out.starts_with("-:1:19: ofac-sdn:27307 LAZARUS GROUP 0.90"),
        "{out}"
    );
    assert!(out.contains("[Lazarus Group]"), "{out}");

    let nothing = embargo(
        &db,
        &["scan", "-"],
        Some("Brian Nelson spoke in Washington."),
    );
    assert_eq!(nothing.status.code(), Some(1), "{nothing:?}");

    let latin1 = folder.path().join("memo.txt");
    std::fs::write(&latin1, b"Caf\xe9 Lazarus Group").unwrap();
    let refused = embargo(&db, &["scan", latin1.to_str().unwrap()], None);
    assert_eq!(refused.status.code(), Some(2));
    let error = String::from_utf8(refused.stderr).unwrap();
    assert!(error.contains("memo.txt: line 1: not UTF-8"), "{error}");
}
