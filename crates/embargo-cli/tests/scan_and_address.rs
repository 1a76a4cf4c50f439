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
        &["scan", "-", "--format", "table"],
        Some("Funds went to the Lazarus Group.\n"),
    );
    assert_eq!(human.status.code(), Some(0), "{human:?}");
    let out = String::from_utf8(human.stdout).unwrap();
    assert!(
        out.starts_with("-:1:19: ofac-sdn:27307 LAZARUS GROUP 0.950"),
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

/// `embargo scan` prints as it reads: a long list, a file that turns out
/// not to be UTF-8 halfway, a reader that stops reading.
#[test]
fn scan_streams_long_inputs_and_reports_a_bad_byte_after_what_it_found() {
    let sdn = embargo_testkit::require_data!("ofac/2024-05");
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("embargo.db");
    let imported = embargo(&db, &["import", sdn.to_str().unwrap()], None);
    assert!(imported.status.success(), "{imported:?}");

    // 20,000 mentions on 20,000 lines (one phrase without punctuation,
    // scanned in blocks cut inside it), each printed with its line.
    let list = "Paid to Lazarus Group on Monday\n".repeat(20_000);
    let scanned = embargo(&db, &["scan", "-", "--format", "table"], Some(&list));
    assert_eq!(scanned.status.code(), Some(0), "{:?}", scanned.stderr);
    let out = String::from_utf8(scanned.stdout).unwrap();
    let heads: Vec<&str> = out.lines().filter(|l| l.starts_with("-:")).collect();
    assert_eq!(heads.len(), 20_000);
    for (n, head) in heads.iter().enumerate() {
        assert!(
            head.starts_with(&format!("-:{}:9: ofac-sdn:27307 ", n + 1)),
            "{head}"
        );
    }

    // A bad byte on line 3 of the second file: the first file's mentions
    // and the second's before the byte are printed, then the error, and
    // the JSON document is closed with the file's error.
    let good = folder.path().join("good.txt");
    std::fs::write(&good, "Funds went to the Lazarus Group.\n").unwrap();
    let bad = folder.path().join("bad.txt");
    std::fs::write(
        &bad,
        b"Paid to the Lazarus Group.\n\nCaf\xe9 Lazarus Group\n",
    )
    .unwrap();
    let args = [
        "scan",
        good.to_str().unwrap(),
        bad.to_str().unwrap(),
        "--json",
    ];
    let refused = embargo(&db, &args, None);
    assert_eq!(refused.status.code(), Some(2), "{refused:?}");
    let error = String::from_utf8_lossy(&refused.stderr);
    assert!(error.contains("bad.txt: line 3: not UTF-8"), "{error}");
    let report = json(&refused);
    let files = report["files"].as_array().unwrap();
    assert_eq!(files.len(), 2);
    assert_eq!(files[0]["mentions"].as_array().unwrap().len(), 1);
    assert!(files[0].get("error").is_none());
    assert_eq!(files[1]["mentions"][0]["line"], 1);
    assert!(
        files[1]["error"]
            .as_str()
            .unwrap()
            .contains("line 3: not UTF-8"),
        "{report}"
    );

    // A reader that closes the pipe after the first line: no panic.
    let mut child = Command::new(env!("CARGO_BIN_EXE_embargo"))
        .arg("--db")
        .arg(&db)
        .args(["scan", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all("Paid to Lazarus Group.\n".repeat(200_000).as_bytes());
    });
    let mut first = [0u8; 16];
    std::io::Read::read_exact(child.stdout.as_mut().unwrap(), &mut first).unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(output.status.code(), Some(0), "{stderr}");
}
