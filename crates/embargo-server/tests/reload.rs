//! Hot reload and graceful shutdown, against a real server and store:
//! a version imported while requests run is swapped in without a failed
//! request, `/lists` shows the switch, and a request in flight when the
//! server is told to stop still gets its answer.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::net::TcpStream;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use common::{TestServer, fast_config, import, match_body, write_custom_list};
use serde_json::{Value, json};

/// Polls `/lists` until its generation reaches `generation`.
fn wait_for_generation(server: &TestServer, generation: u64) -> Value {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let (status, lists) = server.get("/lists");
        assert_eq!(status, 200, "{lists}");
        if lists["generation"].as_u64().unwrap() >= generation {
            return lists;
        }
        assert!(
            Instant::now() < deadline,
            "no reload to generation {generation}: {lists}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn imported_versions_are_swapped_in_while_requests_keep_answering() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::kim_store(dir.path());
    let server = Arc::new(TestServer::start(&db, fast_config()));
    let (_, before) = server.get("/lists");
    assert_eq!(before["bundled_demo"], false);
    assert_eq!(
        before["serving"],
        json!([{"source": "custom-watch", "version": "v1"}])
    );

    let running = Arc::new(AtomicBool::new(true));
    let hammer = {
        let (server, running) = (Arc::clone(&server), Arc::clone(&running));
        std::thread::spawn(move || {
            let body = match_body("Person", json!({"name": ["Kim Sang-man"]}));
            let mut statuses = Vec::new();
            while running.load(Ordering::Relaxed) {
                let (status, response) = server.post_json("/match", &body);
                assert!(
                    response["responses"]["q1"]["results"].is_array(),
                    "{response}"
                );
                statuses.push(status);
            }
            statuses
        })
    };

    let csv = write_custom_list(
        dir.path(),
        "watchlist.csv",
        &[("W-1", "MUSTERMANN, Erika", "1964-08-12")],
    );
    import(&db, std::slice::from_ref(&csv));
    let lists = wait_for_generation(&server, 2);
    assert_eq!(lists["bundled_demo"], false);
    assert_eq!(
        lists["serving"],
        json!([
            {"source": "custom-watch", "version": "v1"},
            {"source": "custom-watchlist", "version": "v1"}
        ])
    );
    let (_, found) = server.get("/search?q=Erika%20Mustermann");
    assert_eq!(found["results"][0]["id"], "custom-watchlist:W-1", "{found}");

    write_custom_list(
        dir.path(),
        "watchlist.csv",
        &[
            ("W-1", "MUSTERMANN, Erika", "1964-08-12"),
            ("W-2", "MUSTERFRAU, Gabi", "1970-01-01"),
        ],
    );
    import(&db, &[csv]);
    let lists = wait_for_generation(&server, 3);
    let versions = &lists["sources"][1]["versions"];
    assert_eq!(versions[0]["serving"], false);
    assert_eq!(versions[1]["serving"], true);
    assert_eq!(versions[1]["entities"], 2);
    let (_, found) = server.get("/search?q=Gabi%20Musterfrau");
    assert_eq!(found["results"][0]["id"], "custom-watchlist:W-2", "{found}");

    running.store(false, Ordering::Relaxed);
    let statuses = hammer.join().unwrap();
    assert!(!statuses.is_empty());
    assert!(
        statuses.iter().all(|&s| s == 200),
        "a request failed during a swap: {statuses:?}"
    );
    let (_, metrics) = server.get_text("/metrics");
    assert!(
        metrics.lines().any(|l| l == "embargo_list_reloads_total 2"),
        "{metrics}"
    );
    assert!(metrics.lines().any(|l| l == "embargo_list_version_info{source=\"custom-watchlist\",version=\"v2\"} 1"));
}

#[test]
fn reload_now_swaps_without_waiting_for_the_poller() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::kim_store(dir.path());
    let config = embargo_server::ServerConfig {
        poll_interval: Duration::from_secs(3600),
        ..fast_config()
    };
    let server = TestServer::start(&db, config);
    let csv = write_custom_list(
        dir.path(),
        "now.csv",
        &[("N-1", "QUICKLY, Swapped", "1980")],
    );
    import(&db, &[csv]);
    let outcome = server.state.lists().reload_blocking().unwrap();
    assert_eq!(outcome, embargo_server::ReloadOutcome::Swapped(2));
    let (_, lists) = server.get("/lists");
    assert_eq!(lists["serving"][0]["source"], "custom-now");
}

/// Each served snapshot holds the scanner of the default threshold, built
/// with it and shared by every `/scan`; a reload brings a new one over
/// the new lists.
#[test]
fn the_default_scanner_comes_with_each_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::kim_store(dir.path());
    let config = embargo_server::ServerConfig {
        poll_interval: Duration::from_secs(3600),
        ..fast_config()
    };
    let server = TestServer::start(&db, config);
    let first = server.state.lists().serving().unwrap();
    let scanner = first.scanner(0.7);
    assert_eq!(scanner.threshold(), 0.7);
    let (status, response) = server.post("/scan", "text/plain", "Paid to Kim Sang-man.");
    assert_eq!(status, 200, "{response}");
    assert_eq!(response["count"], 1, "{response}");
    assert!(
        Arc::ptr_eq(&scanner, &first.scanner(0.7)),
        "one scanner per snapshot"
    );

    let csv = write_custom_list(
        dir.path(),
        "now.csv",
        &[("N-1", "QUICKLY, Swapped", "1980")],
    );
    import(&db, &[csv]);
    let outcome = server.state.lists().reload_blocking().unwrap();
    assert_eq!(outcome, embargo_server::ReloadOutcome::Swapped(2));
    let second = server.state.lists().serving().unwrap();
    assert!(
        !Arc::ptr_eq(&scanner, &second.scanner(0.7)),
        "a new scanner for new lists"
    );
    assert_eq!(
        second.scanner(0.7).scan("Paid to Swapped Quickly.").len(),
        1
    );
}

/// The server follows the store's active versions, so importing
/// an older publication never swaps the served lists; `embargo activate`
/// (here `Store::activate`) rolls them back, and the server follows.
#[test]
fn an_older_publication_is_not_swapped_in_but_a_deliberate_rollback_is() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::store_path(dir.path());
    let config = embargo_server::ServerConfig {
        poll_interval: Duration::from_secs(3600),
        ..fast_config()
    };
    let newer = write_custom_list(
        dir.path(),
        "watch.csv",
        &[
            ("W-1", "MUSTERMANN, Erika", "1964-08-12"),
            ("W-2", "MUSTERFRAU, Gabi", "1970-01-01"),
        ],
    );
    assert_eq!(
        common::import_published(&db, &[newer], Some("2024-05-03")),
        [true]
    );
    let server = TestServer::start(&db, config);
    let older_dir = dir.path().join("older");
    std::fs::create_dir(&older_dir).unwrap();
    let older = write_custom_list(
        &older_dir,
        "watch.csv",
        &[("W-1", "MUSTERMANN, Erika", "1964-08-12")],
    );

    assert_eq!(
        common::import_published(&db, &[older], Some("2023-05-19")),
        [false]
    );
    let lists = server.state.lists();
    assert_eq!(
        lists.reload_blocking().unwrap(),
        embargo_server::ReloadOutcome::Unchanged
    );
    let (_, served) = server.get("/lists");
    assert_eq!(served["generation"], 1);
    assert_eq!(served["entities"], 2);
    assert_eq!(
        served["serving"],
        json!([{"source": "custom-watch", "version": "v1"}])
    );
    let versions = &served["sources"][0]["versions"];
    assert_eq!(versions[1]["active"], false, "{served}");
    assert_eq!(versions[1]["published"], "2023-05-19");
    assert_eq!(versions[1]["published_from"], "option");

    let mut store = embargo_store::Store::open(&db).unwrap();
    let rollback = store
        .activate("custom-watch", &"v2".parse().unwrap(), "ann", Some("test"))
        .unwrap();
    assert!(rollback.is_rollback());
    assert_eq!(
        lists.reload_blocking().unwrap(),
        embargo_server::ReloadOutcome::Swapped(2)
    );
    let (_, served) = server.get("/lists");
    assert_eq!(
        served["serving"],
        json!([{"source": "custom-watch", "version": "v2"}])
    );
    assert_eq!(served["entities"], 1);
}

#[test]
fn a_request_in_flight_at_shutdown_is_answered() {
    let dir = tempfile::tempdir().unwrap();
    let mut server = TestServer::start(&common::kim_store(dir.path()), fast_config());
    let body = match_body("Person", json!({"name": ["Kim Sang-man"]}));
    let address = server.address;
    let key = server.key.clone();
    // The server asks for the body once it has read the head: the request
    // is then in flight. Shut down, wait until new connections are
    // refused (shutdown has begun), and only then send the body.
    let (status, response) =
        common::post_expecting_continue(address, key.as_deref(), "/match", &body, || {
            server.request_stop();
            let deadline = std::time::Instant::now() + Duration::from_secs(10);
            while TcpStream::connect(address).is_ok() {
                assert!(
                    std::time::Instant::now() < deadline,
                    "still accepting 10 s after the stop"
                );
                std::thread::sleep(Duration::from_millis(10));
            }
        });
    assert_eq!(status, 200, "{response}");
    assert!(response.contains("KIM, Sang Man"), "{response}");
    drop(server);
    assert!(
        TcpStream::connect(address).is_err(),
        "still accepting after shutdown"
    );
}
