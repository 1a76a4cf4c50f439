//! `embargo serve` as a process: it listens where told, becomes ready,
//! answers, and stops cleanly on SIGTERM.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, ChildStderr, Command, Stdio};
use std::time::{Duration, Instant};

/// `embargo ARGS…` with no store configured (no --db, no EMBARGO_DB, an
/// empty data folder in `dir`), output piped.
fn without_store(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_embargo"));
    command
        .env_remove("EMBARGO_DB")
        .env("HOME", dir)
        .env("XDG_DATA_HOME", dir.join("data"))
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    command
}

/// The server's base URL, from its first line on standard error.
fn base_url(stderr: &mut BufReader<ChildStderr>) -> String {
    let mut line = String::new();
    loop {
        line.clear();
        stderr.read_line(&mut line).unwrap();
        assert!(!line.is_empty(), "the server said nothing");
        if let Some(url) = line.split_whitespace().find(|w| w.starts_with("http://")) {
            return url.trim_end_matches('/').to_string();
        }
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into()
}

/// `GET url` → (status, body).
fn get(url: &str) -> (u16, String) {
    let mut response = agent().get(url).call().unwrap();
    let status = response.status().as_u16();
    (status, response.body_mut().read_to_string().unwrap())
}

/// Waits (at most 30 s) for the server at `base` to answer at all.
fn wait_until_up(base: &str) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while agent().get(&format!("{base}/healthz")).call().is_err() {
        assert!(Instant::now() < deadline, "never up");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Stops the server with SIGTERM; returns the rest of its standard error.
fn terminate(mut child: Child, mut stderr: BufReader<ChildStderr>) -> String {
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    assert!(status.success(), "exit status {status}");
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stderr, &mut rest).unwrap();
    rest
}

/// A store at `db` holding a one-entry custom list (Kim Sang Man).
fn store_with_a_list(dir: &Path, db: &Path) {
    let list = dir.join("watch.csv");
    std::fs::write(
        &list,
        "id,type,name,birth_date,programs\nK-1,person,\"KIM, Sang Man\",1965-04-25,TEST\n",
    )
    .unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_embargo"))
        .arg("--db")
        .arg(db)
        .arg("import")
        .arg(&list)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
}

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
    let db = dir.path().join("embargo.db");
    store_with_a_list(dir.path(), &db);
    let secret = add_key(&db, "ci", "screen");
    assert!(secret.starts_with("embargo_"), "{secret}");
    let mut child = Command::new(env!("CARGO_BIN_EXE_embargo"))
        .arg("--db")
        .arg(&db)
        .args(["serve", "--listen", "127.0.0.1:0", "--poll-interval", "0.2"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let base = base_url(&mut stderr);
    let agent = agent();
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

    let rest = terminate(child, stderr);
    assert!(rest.contains("embargo serve: stopped"), "{rest}");
}

/// Without any store the demo list is served, named, but the
/// server is not ready; a store named by --db must exist.
#[test]
fn without_a_store_serve_is_not_ready_and_a_mistyped_store_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = without_store(dir.path(), &["serve", "--listen", "127.0.0.1:0"])
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let base = base_url(&mut stderr);
    wait_until_up(&base);
    // Each answer is after the first load, which the search waits for.
    let deadline = Instant::now() + Duration::from_secs(30);
    let (status, found) = loop {
        let (status, body) = get(&format!("{base}/search?q=Kim%20Sang-man"));
        if status != 503 || Instant::now() > deadline {
            break (status, body);
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status, 200, "{found}");
    assert!(found.contains("\"source\":\"demo\""), "{found}");
    let (status, ready) = get(&format!("{base}/readyz"));
    assert_eq!(status, 503, "{ready}");
    assert!(
        ready.contains("bundled demo list") && ready.contains("--demo"),
        "{ready}"
    );
    let rest = terminate(child, stderr);
    assert!(rest.contains("embargo serve: stopped"), "{rest}");
    assert!(!dir.path().join("data").exists(), "serve created a store");

    let typo = dir.path().join("typo.db");
    let output = Command::new(env!("CARGO_BIN_EXE_embargo"))
        .arg("--db")
        .arg(&typo)
        .args(["serve", "--listen", "127.0.0.1:0"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains(typo.to_str().unwrap()), "{stderr}");
    assert!(!typo.exists());
    let both = Command::new(env!("CARGO_BIN_EXE_embargo"))
        .arg("--db")
        .arg(&typo)
        .args(["serve", "--demo"])
        .output()
        .unwrap();
    assert_eq!(both.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&both.stderr).contains("--demo"));
}

#[test]
fn serve_refuses_a_bad_listen_address() {
    let dir = tempfile::tempdir().unwrap();
    let output = without_store(
        dir.path(),
        &["serve", "--demo", "--listen", "not-an-address"],
    )
    .output()
    .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("listening on not-an-address"), "{stderr}");
}

#[test]
fn serve_without_any_key_says_how_to_create_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("embargo.db");
    store_with_a_list(dir.path(), &db);
    let output = Command::new(env!("CARGO_BIN_EXE_embargo"))
        .arg("--db")
        .arg(&db)
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
    store_with_a_list(dir.path(), &db);
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
