//! Scheduled list updates (`serve --refresh-every`): the refresher runs
//! the update on its schedule and swaps the served lists when it reports a
//! change, without waiting for the store poll; `/lists` and `/metrics`
//! show each source's update history. Real server on 127.0.0.1, real
//! store file; the update here imports a new version of a custom list and
//! records the attempt as `embargo update` does.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use common::{TestServer, fast_config, import, store_path, write_custom_list};
use embargo_server::{ServerConfig, refresh};
use embargo_store::Store;

#[test]
fn a_scheduled_update_swaps_the_served_version_without_restart() {
    let dir = tempfile::tempdir().unwrap();
    let db = store_path(dir.path());
    let rows = [("p1", "Ivan Sergeyevich Petrov", "1970-03-02")];
    import(&db, &[write_custom_list(dir.path(), "watch.csv", &rows)]);
    // Polling the store once an hour: only the refresher can swap soon.
    let config = ServerConfig {
        poll_interval: Duration::from_secs(3600),
        ..fast_config()
    };
    let server = TestServer::start(&db, config);
    let (_, before) = server.get("/lists");
    assert_eq!(before["serving"][0]["version"], "v1", "{before}");
    let runs = Arc::new(AtomicU32::new(0));
    let counted = Arc::clone(&runs);
    let folder = dir.path().to_path_buf();
    let update_db = db.clone();
    let update = move || {
        // The second run publishes a new version; the others find none.
        let run = counted.fetch_add(1, Ordering::SeqCst) + 1;
        let changed = run == 2;
        if changed {
            let more = [
                ("p1", "Ivan Sergeyevich Petrov", "1970-03-02"),
                ("p2", "Maria Gonzalez Ortega", "1981-11-20"),
            ];
            import(
                &update_db,
                &[write_custom_list(&folder, "watch.csv", &more)],
            );
        }
        let mut store = Store::open(&update_db).unwrap();
        store
            .record_update_attempt("watch", chrono::Utc::now(), None)
            .unwrap();
        Ok(changed)
    };
    let (stop, stopped) = mpsc::channel();
    let refresher = refresh::spawn_refresher(
        Arc::clone(server.state.lists()),
        Duration::from_millis(150),
        Box::new(update),
        stopped,
    )
    .unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    let after = loop {
        let (_, lists) = server.get("/lists");
        if lists["serving"][0]["version"] == "v2" {
            break lists;
        }
        assert!(Instant::now() < deadline, "never swapped: {lists}");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(runs.load(Ordering::SeqCst) >= 2);
    assert_eq!(after["generation"], 2, "{after}");
    assert_eq!(after["entities"], 2);
    let update = &after["updates"][0];
    assert_eq!(update["source"], "watch", "{after}");
    assert!(update["last_success"].is_string() && update["last_error"].is_null());
    assert!(update["age_seconds"].as_i64().unwrap() >= 0);
    let (_, metrics) = server.get_text("/metrics");
    for prefix in [
        "embargo_list_update_last_success_timestamp_seconds{source=\"watch\"} ",
        "embargo_list_update_age_seconds{source=\"watch\"} ",
        "embargo_list_update_failing{source=\"watch\"} 0",
    ] {
        assert!(
            metrics.lines().any(|l| l.starts_with(prefix)),
            "{prefix}\n{metrics}"
        );
    }
    drop(stop);
    refresher.join().unwrap();
}

#[test]
fn a_failed_update_keeps_the_served_lists() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::kim_store(dir.path());
    let server = TestServer::start(&db, fast_config());
    let lists = server.state.lists();
    refresh::run_once(lists, &|| Err("mirror unreachable".to_string()));
    assert_eq!(lists.current().unwrap().generation, 1);
    assert_eq!(lists.failures(), 0);
}
