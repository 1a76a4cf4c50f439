//! `embargo update` end to end: the binary, a source address given by an
//! environment variable, settings from a configuration file, a local HTTP
//! server on 127.0.0.1 serving the real UN list, exit statuses and output.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Command, Output};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// Serves `body` at `/consolidated.xml`, or HTTP 500 once `failing` is
/// set, to every request; returns the base address.
fn serve(body: Arc<Vec<u8>>, failing: Arc<AtomicBool>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let mut stream = stream.unwrap();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            while reader.read_line(&mut line).unwrap_or(0) > 0 && line != "\r\n" {
                line.clear();
            }
            if failing.load(Ordering::SeqCst) {
                let _ = stream.write_all(
                    b"HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                );
                continue;
            }
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&body);
        }
    });
    base
}

fn embargo(db: &Path, config: &Path, url: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_embargo"))
        .arg("--db")
        .arg(db)
        .arg("update")
        .arg("--config")
        .arg(config)
        .args(args)
        .env("EMBARGO_SOURCE_UN_URL", url)
        .env_remove("HTTP_PROXY")
        .env_remove("HTTPS_PROXY")
        .env_remove("ALL_PROXY")
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn update_then_same_content_then_failure_keeps_the_list() {
    let path = embargo_testkit::require_data!("un/consolidated-2026-02-27.xml");
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("embargo.db");
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        "[download]\nretries = 1\nretry_delay_ms = 10\nread_timeout_secs = 5\n",
    )
    .unwrap();
    let failing = Arc::new(AtomicBool::new(false));
    let base = serve(Arc::new(std::fs::read(path).unwrap()), Arc::clone(&failing));
    let url = format!("{base}/consolidated.xml");

    let first = embargo(&db, &config, &url, &["un", "--format", "table"]);
    assert!(first.status.success(), "{first:?}");
    assert!(
        stdout(&first).contains("un: updated: v1, 1,003 entities, published 2026-02-27"),
        "{}",
        stdout(&first)
    );

    let second = embargo(&db, &config, &url, &["un", "--format", "table"]);
    assert!(second.status.success(), "{second:?}");
    assert!(
        stdout(&second).contains("same content"),
        "{}",
        stdout(&second)
    );

    failing.store(true, Ordering::SeqCst);
    let third = embargo(&db, &config, &url, &["un", "--json"]);
    assert_eq!(third.status.code(), Some(2));
    let report: serde_json::Value = serde_json::from_slice(&third.stdout).unwrap();
    let un = &report["sources"][0];
    assert_eq!(un["status"], "failed");
    assert!(un["reason"].as_str().unwrap().contains("HTTP 500"));
    assert_eq!(un["active"]["version"], "v1");
    let stderr = String::from_utf8_lossy(&third.stderr);
    assert!(stderr.contains("could not be updated (un)"), "{stderr}");

    let offline = embargo(
        &db,
        &config,
        "http://127.0.0.1:9/unused",
        &["--offline", "--format", "table"],
    );
    assert!(offline.status.success());
    let text = stdout(&offline);
    assert!(text.contains("un: v1, 1,003 entities"), "{text}");
    assert!(text.contains("last error: "), "{text}");
    assert!(text.contains("ofac-sdn: no version imported"), "{text}");
}

#[test]
fn unknown_source_and_bad_config_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("embargo.db");
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        // `eu` is a built-in source: an unknown name here.
        "[sources.nowhere]\nurl = \"https://example.org/eu.xml\"\n",
    )
    .unwrap();
    let output = embargo(&db, &config, "http://127.0.0.1:9/x", &["un"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("unknown source"), "{stderr}");

    std::fs::write(&config, "").unwrap();
    let output = embargo(&db, &config, "http://127.0.0.1:9/x", &["nowhere"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("no source named \"nowhere\""), "{stderr}");
}

/// A list change brought by `embargo update` screens the monitored
/// portfolios again, as an import does: the customer on the new list
/// raises an alert without anyone running `embargo watch run`.
#[test]
fn an_update_that_changes_a_list_screens_the_portfolios_again() {
    let path = embargo_testkit::require_data!("un/consolidated-2026-02-27.xml");
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("embargo.db");
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "[download]\nretries = 1\nretry_delay_ms = 10\n").unwrap();
    let customers = dir.path().join("customers.csv");
    std::fs::write(&customers, "ref,name\nC-1,Eric Badege\nC-2,Anna Schmidt\n").unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_embargo"))
            .arg("--db")
            .arg(&db)
            .args(args)
            .output()
            .unwrap()
    };
    assert!(run(&["init"]).status.success());
    let added = run(&[
        "watch",
        "add",
        "--name",
        "bank",
        "--input",
        customers.to_str().unwrap(),
    ]);
    assert!(added.status.success(), "{added:?}");
    let base = serve(
        Arc::new(std::fs::read(path).unwrap()),
        Arc::new(AtomicBool::new(false)),
    );

    let updated = embargo(
        &db,
        &config,
        &format!("{base}/consolidated.xml"),
        &["un", "--format", "table"],
    );

    assert!(updated.status.success(), "{updated:?}");
    let text = stdout(&updated);
    assert!(
        text.contains("portfolio bank: run 1 screened 2 records"),
        "{text}"
    );
    let alerts = run(&["alerts", "--json"]);
    let alerts: serde_json::Value = serde_json::from_slice(&alerts.stdout).unwrap();
    let alerts = alerts.as_array().unwrap();
    assert_eq!(alerts.len(), 1, "{alerts:?}");
    assert_eq!(alerts[0]["reference"], "C-1", "{alerts:?}");
    assert_eq!(alerts[0]["entity_id"], "un:CDi.001", "{alerts:?}");
}
