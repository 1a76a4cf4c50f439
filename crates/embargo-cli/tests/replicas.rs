//! Two `embargo serve` replicas on one PostgreSQL store, as a bank runs
//! them behind a load balancer: a list imported through the CLI becomes
//! active on both within a second of the moment each could have it (by
//! the store's notification, the periodic check being set far longer),
//! neither fails a request while it swaps its index, and a decision posted
//! to one is read back from the other at once.
//!
//! "Could have it": a replica serves a new version once it has read and
//! indexed it, which takes the time `embargo_list_load_seconds` reports
//! (about 0.3 s for the SDN list alone on a 2-core machine; see the
//! `load_screener` bench of `embargo-store`). Here the two replicas, the
//! importing process's re-screening of its portfolio and the request load
//! share the test machine's cores, so that time varies from run to run;
//! the test holds each replica to it plus [`PROPAGATION_LIMIT`], and to
//! [`SWAP_LIMIT`] in all.
//!
//! Needs PostgreSQL (a private cluster on 127.0.0.1, see
//! `embargo_testkit::postgres`) and the real OFAC files; skips with a
//! message without either, except in CI.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant, SystemTime};

use embargo_testkit::postgres::PgCluster;
use embargo_testkit::require_data;
use serde_json::{Value, json};

/// The longest a replica may take to serve a version after its import
/// committed, beyond the time it spent reading and indexing it.
const PROPAGATION_LIMIT: Duration = Duration::from_secs(1);

/// The longest a replica may take to serve a version after its import
/// committed, in all: far below the periodic check (a minute here), so
/// only the notification can explain it.
const SWAP_LIMIT: Duration = Duration::from_secs(10);

/// `embargo --db DB ARGS…`, which must succeed.
fn embargo(db: &str, args: &[&str]) -> Output {
    let output = Command::new(env!("CARGO_BIN_EXE_embargo"))
        .args(["--db", db])
        .args(args)
        .output()
        .unwrap();
    assert!(output.status.success(), "embargo {args:?}: {output:?}");
    output
}

/// A running `embargo serve`, killed when dropped.
struct Replica {
    child: Child,
    base: String,
}

impl Replica {
    /// Starts a replica on a free port; the periodic check is set to a
    /// minute so that only the store's notification can explain a swap
    /// within the second.
    fn start(db: &str) -> Replica {
        let mut child = Command::new(env!("CARGO_BIN_EXE_embargo"))
            .args(["--db", db, "serve", "--listen", "127.0.0.1:0"])
            .args(["--poll-interval", "60"])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let (sender, receiver) = mpsc::channel();
        let mut stderr = BufReader::new(child.stderr.take().unwrap());
        // Reads the address, then drains standard error so the server
        // never blocks on a full pipe.
        std::thread::spawn(move || {
            let mut line = String::new();
            while stderr.read_line(&mut line).is_ok_and(|read| read > 0) {
                if let Some(url) = line.split_whitespace().find(|w| w.starts_with("http://")) {
                    let _sent = sender.send(url.trim_end_matches('/').to_string());
                }
                line.clear();
            }
            let _rest = stderr.read_to_string(&mut line);
        });
        let base = receiver
            .recv_timeout(Duration::from_secs(60))
            .expect("the replica never said where it listens");
        Replica { child, base }
    }
}

impl Drop for Replica {
    fn drop(&mut self) {
        let _killed = self.child.kill();
        let _waited = self.child.wait();
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(30)))
        .build()
        .into()
}

/// `GET base+path` with the key → (status, JSON body).
fn get(base: &str, path: &str, key: &str) -> Result<(u16, Value), String> {
    let response = agent()
        .get(format!("{base}{path}"))
        .header("Authorization", format!("Bearer {key}"))
        .call();
    status_and_json(response)
}

/// `POST base+path` of `body` with the key → (status, JSON body).
fn post(base: &str, path: &str, key: &str, body: &Value) -> Result<(u16, Value), String> {
    let response = agent()
        .post(format!("{base}{path}"))
        .header("Authorization", format!("Bearer {key}"))
        .send_json(body);
    status_and_json(response)
}

/// A response's status and JSON body, or what went wrong, as text.
fn status_and_json(
    response: Result<ureq::http::Response<ureq::Body>, ureq::Error>,
) -> Result<(u16, Value), String> {
    let mut response = response.map_err(|error| error.to_string())?;
    let status = response.status().as_u16();
    let body = response
        .body_mut()
        .read_json()
        .map_err(|error| error.to_string())?;
    Ok((status, body))
}

/// The OFAC SDN version a replica serves, if any.
fn served_version(base: &str, key: &str) -> Option<String> {
    let (status, lists) = get(base, "/lists", key).ok()?;
    if status != 200 {
        return None;
    }
    lists["serving"]
        .as_array()?
        .iter()
        .find(|served| served["source"] == "ofac-sdn")
        .and_then(|served| served["version"].as_str())
        .map(str::to_string)
}

/// How long the replica took to build the snapshot it serves, from its
/// `embargo_list_load_seconds` metric.
fn load_seconds(base: &str, key: &str) -> Duration {
    let text = agent()
        .get(format!("{base}/metrics"))
        .header("Authorization", format!("Bearer {key}"))
        .call()
        .unwrap()
        .body_mut()
        .read_to_string()
        .unwrap();
    let seconds: f64 = text
        .lines()
        .find_map(|line| line.strip_prefix("embargo_list_load_seconds "))
        .and_then(|value| value.parse().ok())
        .unwrap_or_else(|| panic!("no embargo_list_load_seconds in the metrics:\n{text}"));
    Duration::from_secs_f64(seconds)
}

/// Waits until every replica serves `version`; returns when each first
/// did (system time, to compare with the store's audit times).
fn wait_for_version(replicas: &[Replica], key: &str, version: &str) -> Vec<SystemTime> {
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut seen: Vec<Option<SystemTime>> = vec![None; replicas.len()];
    while seen.iter().any(Option::is_none) {
        assert!(
            Instant::now() < deadline,
            "replicas never all served {version}: {seen:?}"
        );
        for (replica, when) in replicas.iter().zip(seen.iter_mut()) {
            if when.is_none() && served_version(&replica.base, key).as_deref() == Some(version) {
                *when = Some(SystemTime::now());
            }
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    seen.into_iter().flatten().collect()
}

/// Requests and failures of the load.
#[derive(Default)]
struct Load {
    requests: AtomicU64,
    failures: AtomicU64,
    first_failure: std::sync::Mutex<Option<String>>,
}

/// Pause between two requests of one load thread: a steady load (about a
/// thousand requests a second from two threads) that leaves the replicas'
/// index builds some of the test machine's two cores, as their own
/// machines would in production.
const LOAD_PAUSE: Duration = Duration::from_millis(1);

/// `/match` requests across the replicas, round robin, until `stop`.
fn run_load(bases: Vec<String>, key: String, load: Arc<Load>, stop: Arc<AtomicBool>) {
    let body = json!({"queries": {"q": {
        "schema": "Person",
        "properties": {"name": ["Kim Sang Man"]},
    }}});
    let mut turn = 0usize;
    while !stop.load(Ordering::Relaxed) {
        let base = &bases[turn % bases.len()];
        turn += 1;
        let outcome = post(base, "/match", &key, &body);
        load.requests.fetch_add(1, Ordering::Relaxed);
        let failure = match outcome {
            Ok((200, _)) => None,
            Ok((status, body)) => Some(format!("{base}: status {status}: {body}")),
            Err(error) => Some(format!("{base}: {error}")),
        };
        if let Some(failure) = failure {
            load.failures.fetch_add(1, Ordering::Relaxed);
            let mut first = load.first_failure.lock().unwrap();
            first.get_or_insert(failure);
        }
        std::thread::sleep(LOAD_PAUSE);
    }
}

/// When the store's audit log says `ofac-sdn` `version` was imported.
fn imported_at(db: &str, version: &str) -> SystemTime {
    let audit: Value = serde_json::from_slice(&embargo(db, &["audit", "--format", "json"]).stdout)
        .expect("audit JSON");
    let summary = format!("imported ofac-sdn {version} ");
    let entry = audit
        .as_array()
        .unwrap()
        .iter()
        .find(|entry| {
            entry["kind"] == "import"
                && entry["summary"]
                    .as_str()
                    .is_some_and(|text| text.starts_with(&summary))
        })
        .unwrap_or_else(|| panic!("no audit entry for {version}: {audit}"));
    let at = chrono::DateTime::parse_from_rfc3339(entry["at"].as_str().unwrap()).unwrap();
    SystemTime::from(at)
}

/// The id of the open alert on customer `reference`, through a replica.
fn alert_on(base: &str, key: &str, reference: &str) -> Value {
    let (status, alerts) = get(base, "/alerts", key).unwrap();
    assert_eq!(status, 200, "{alerts}");
    alerts["alerts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|alert| alert["reference"] == reference)
        .cloned()
        .unwrap_or_else(|| panic!("no alert on {reference}: {alerts}"))
}

#[test]
fn two_replicas_on_postgres_swap_lists_within_a_second_and_share_decisions() {
    let history = require_data!("ofac/history");
    let Some(cluster) = PgCluster::start() else {
        return;
    };
    let db = cluster.new_database();
    let folder = tempfile::tempdir().unwrap();
    let customers = folder.path().join("customers.csv");
    std::fs::write(&customers, "ref,name\nC-1,Kim Sang-man\n").unwrap();
    let file = |name: &str| -> String {
        let path: &Path = &history.join(name);
        path.to_str().unwrap().to_string()
    };

    embargo(&db, &["init"]);
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
    embargo(&db, &["import", &file("sdn-2023-05-19.csv")]);
    let key_output = embargo(&db, &["keys", "add", "ops", "--role", "admin"]);
    let key = String::from_utf8(key_output.stdout)
        .unwrap()
        .trim()
        .to_string();

    let replicas = [Replica::start(&db), Replica::start(&db)];
    wait_for_version(&replicas, &key, "v1");

    let load = Arc::new(Load::default());
    let stop = Arc::new(AtomicBool::new(false));
    let bases: Vec<String> = replicas.iter().map(|r| r.base.clone()).collect();
    let workers: Vec<_> = (0..2)
        .map(|_| {
            let (bases, key, load, stop) = (
                bases.clone(),
                key.clone(),
                Arc::clone(&load),
                Arc::clone(&stop),
            );
            std::thread::spawn(move || run_load(bases, key, load, stop))
        })
        .collect();
    std::thread::sleep(Duration::from_millis(300));

    // The 23 May 2023 designations, imported by a third process.
    embargo(&db, &["import", &file("sdn-2023-05-23.csv")]);
    let swapped = wait_for_version(&replicas, &key, "v2");
    let committed = imported_at(&db, "v2");
    for (replica, when) in replicas.iter().zip(&swapped) {
        let delay = when.duration_since(committed).unwrap_or_default();
        let load = load_seconds(&replica.base, &key);
        eprintln!(
            "{} served v2 {delay:?} after the import committed, {load:?} of it reading and \
             indexing the lists",
            replica.base
        );
        assert!(
            delay <= load + PROPAGATION_LIMIT,
            "{} took {delay:?} to serve v2, {load:?} of it loading",
            replica.base
        );
        assert!(
            delay <= SWAP_LIMIT,
            "{} took {delay:?} to serve v2",
            replica.base
        );
    }
    // Keep the load on a little after the swap, then stop it.
    std::thread::sleep(Duration::from_millis(300));
    stop.store(true, Ordering::Relaxed);
    for worker in workers {
        worker.join().unwrap();
    }
    let requests = load.requests.load(Ordering::Relaxed);
    let failures = load.failures.load(Ordering::Relaxed);
    eprintln!("{requests} /match requests across both replicas, {failures} failed");
    assert!(
        requests >= 20,
        "too little load to mean anything: {requests}"
    );
    assert_eq!(
        failures,
        0,
        "first failure: {:?}",
        load.first_failure.lock().unwrap()
    );

    // Both replicas find the new designation.
    let query = json!({"queries": {"q": {
        "schema": "Person",
        "properties": {"name": ["Kim Sang Man"]},
    }}});
    for replica in &replicas {
        let (status, answer) = post(&replica.base, "/match", &key, &query).unwrap();
        assert_eq!(status, 200);
        let ids: Vec<&str> = answer["responses"]["q"]["results"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|result| result["id"].as_str())
            .collect();
        assert!(
            ids.contains(&"ofac-sdn:43377"),
            "{}: {answer}",
            replica.base
        );
    }

    // A decision through one replica is read back through the other.
    let alert = alert_on(&replicas[0].base, &key, "C-1");
    let id = alert["id"].as_i64().unwrap();
    let decision = json!({"as": "false-positive", "note": "born 1990, a namesake"});
    let (status, body) = post(
        &replicas[0].base,
        &format!("/alerts/{id}/decision"),
        &key,
        &decision,
    )
    .unwrap();
    assert_eq!(status, 200, "{body}");
    let seen = alert_on(&replicas[1].base, &key, "C-1");
    let decisions = seen["decisions"].as_array().unwrap();
    assert_eq!(decisions.len(), 1, "{seen}");
    assert_eq!(decisions[0]["decision"], "false-positive", "{seen}");
    assert_eq!(decisions[0]["decided_by"], "ops", "{seen}");
}
