//! `embargo serve` as a process: it listens where told, becomes ready,
//! answers, and stops cleanly on SIGTERM.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// `embargo keys add NAME --role ROLE` → the secret it prints.
fn add_key(db: &std::path::Path, name: &str, role: &str) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_embargo"))
        .arg("--db")
        .arg(db)
        .args(["keys", "add", name, "--role", role, "--by", "test"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("shown only now"), "{stderr}");
    String::from_utf8(output.stdout).unwrap().trim().to_string()
}

#[test]
fn serve_answers_and_stops_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let secret = add_key(&dir.path().join("embargo.db"), "ci", "screen");
    assert!(secret.starts_with("embargo_"), "{secret}");
    let mut child = Command::new(env!("CARGO_BIN_EXE_embargo"))
        .arg("--db")
        .arg(dir.path().join("embargo.db"))
        .args(["serve", "--listen", "127.0.0.1:0", "--poll-interval", "0.2"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    stderr.read_line(&mut line).unwrap();
    let base = line
        .split_whitespace()
        .find(|word| word.starts_with("http://"))
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .trim_end_matches('/')
        .to_string();
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let deadline = Instant::now() + Duration::from_secs(30);
    while agent
        .get(&format!("{base}/readyz"))
        .call()
        .map_or(true, |r| r.status() != 200)
    {
        assert!(Instant::now() < deadline, "never ready");
        std::thread::sleep(Duration::from_millis(20));
    }
    let refused = agent
        .get(&format!("{base}/search?q=Kim%20Sang-man"))
        .call()
        .unwrap();
    assert_eq!(refused.status(), 401);
    let mut response = agent
        .get(&format!("{base}/search?q=Kim%20Sang-man"))
        .header("authorization", &format!("Bearer {secret}"))
        .call()
        .unwrap();
    assert_eq!(response.status(), 200);
    assert!(
        response
            .body_mut()
            .read_to_string()
            .unwrap()
            .contains("KIM, Sang Man")
    );

    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    assert!(status.success(), "exit status {status}");
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stderr, &mut rest).unwrap();
    assert!(rest.contains("embargo serve: stopped"), "{rest}");
}

#[test]
fn serve_refuses_a_bad_listen_address() {
    let dir = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_embargo"))
        .arg("--db")
        .arg(dir.path().join("embargo.db"))
        .args(["serve", "--listen", "not-an-address", "--open-read"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("listening on not-an-address"), "{stderr}");
}

#[test]
fn serve_without_any_key_says_how_to_create_one() {
    let dir = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_embargo"))
        .arg("--db")
        .arg(dir.path().join("embargo.db"))
        .args(["serve", "--listen", "127.0.0.1:0"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("no API key"), "{stderr}");
    assert!(stderr.contains("keys add NAME --role admin"), "{stderr}");
    assert!(stderr.contains("--open-read"), "{stderr}");
}

#[test]
fn keys_are_listed_without_secrets_and_revoked() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("embargo.db");
    let secret = add_key(&db, "alice", "analyst");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_embargo"))
            .arg("--db")
            .arg(&db)
            .args(args)
            .output()
            .unwrap()
    };
    let listed = run(&["keys", "list", "--json"]);
    let text = String::from_utf8(listed.stdout).unwrap();
    assert!(
        text.contains("\"alice\"") && text.contains("analyst"),
        "{text}"
    );
    assert!(!text.contains(&secret[8..]), "the secret is listed: {text}");
    assert!(
        run(&["keys", "revoke", "alice", "--by", "test"])
            .status
            .success()
    );
    let again = run(&["keys", "revoke", "alice"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already revoked"));
    let bad_role = run(&["keys", "add", "bob", "--role", "root"]);
    assert!(String::from_utf8_lossy(&bad_role.stderr).contains("--role"));
    let audit = String::from_utf8(run(&["audit"]).stdout).unwrap();
    assert!(audit.contains("API key alice revoked"), "{audit}");
}
