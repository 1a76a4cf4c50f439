//! `/alerts`, `/alerts/{id}/decision` and `/audit` against a real server
//! on 127.0.0.1 over a real store file holding a custom list, a monitored
//! portfolio and its alerts; and the audit trail of API screenings.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{
    TestServer, assert_error, fast_config, import, match_body, store_path, write_custom_list,
};
use embargo_core::matching::{Query, ScreenOptions};
use embargo_store::{PortfolioRecord, RunTrigger, Store};
use serde_json::{Value, json};

/// A store with a custom list of two people and a portfolio naming both,
/// monitored once: two open alerts.
fn store_with_alerts(dir: &std::path::Path) -> std::path::PathBuf {
    let db = store_path(dir);
    let list = write_custom_list(
        dir,
        "watch.csv",
        &[
            ("p1", "Ivan Sergeyevich Petrov", "1970-03-02"),
            ("p2", "Maria Gonzalez Ortega", "1981-11-20"),
        ],
    );
    import(&db, &[list]);
    let mut store = Store::open(&db).unwrap();
    let records = [
        ("c-1", "Ivan Sergeyevich Petrov"),
        ("c-2", "Maria Gonzalez Ortega"),
    ]
    .map(|(reference, name)| PortfolioRecord {
        reference: reference.to_string(),
        query: Query::name(name),
    });
    store.add_records("customers", &records, "tester").unwrap();
    store
        .monitor(
            None,
            RunTrigger::Manual,
            &ScreenOptions::default(),
            "tester",
        )
        .unwrap();
    db
}

#[test]
fn alerts_are_listed_filtered_and_decided() {
    let dir = tempfile::tempdir().unwrap();
    let db = store_with_alerts(dir.path());
    let server = TestServer::start(&db, fast_config());
    let (status, all) = server.get("/alerts");
    assert_eq!(status, 200, "{all}");
    assert_eq!(all["count"], 2, "{all}");
    let first = all["alerts"][0]["id"].as_i64().unwrap();
    assert_eq!(all["alerts"][0]["status"], "open");
    assert_eq!(server.get("/alerts?portfolio=customers").1["count"], 2);
    let body = json!({"as": "false-positive", "note": "different birth date"});
    let (status, decided) =
        server.post_json(&format!("/alerts/{first}/decision"), &body.to_string());
    assert_eq!(status, 200, "{decided}");
    assert_eq!(decided["decision"], "false-positive");
    assert_eq!(decided["decided_by"], "admin");
    let (_, open) = server.get("/alerts?status=open");
    assert_eq!(open["count"], 1, "{open}");
    let (_, fp) = server.get("/alerts?status=false-positive&portfolio=customers");
    assert_eq!(fp["alerts"][0]["id"], first);
    assert_eq!(
        fp["alerts"][0]["decisions"][0]["note"],
        "different birth date"
    );
    // The decision is in the audit log, and `since` filters by time.
    let (status, audit) = server.get("/audit?since=2000-01-01");
    assert_eq!(status, 200, "{audit}");
    let kinds: Vec<&str> = audit["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert!(kinds.contains(&"decision"), "{kinds:?}");
    assert!(kinds.contains(&"import"), "{kinds:?}");
    assert_eq!(server.get("/audit?since=2999-01-01").1["count"], 0);
    let (status, openapi) = server.get("/openapi.json");
    assert_eq!(status, 200);
    for path in ["/alerts", "/alerts/{id}/decision", "/audit"] {
        assert!(openapi["paths"][path].is_object(), "OpenAPI lacks {path}");
    }
}

#[test]
fn bad_record_requests_get_json_errors() {
    let dir = tempfile::tempdir().unwrap();
    let db = store_with_alerts(dir.path());
    let server = TestServer::start(&db, fast_config());
    let decide = |id: &str, body: Value| {
        server.post_json(&format!("/alerts/{id}/decision"), &body.to_string())
    };
    let good = json!({"as": "true-positive", "note": "same person"});
    assert_error(&decide("999", good.clone()), 404, "999");
    assert_error(&decide("abc", good), 400, "path");
    assert_error(
        &decide("1", json!({"as": "maybe", "note": "x"})),
        400,
        "as: \"maybe\"",
    );
    assert_error(
        &decide("1", json!({"as": "true-positive", "note": " "})),
        400,
        "note",
    );
    assert_error(&decide("1", json!({"as": "true-positive"})), 422, "note");
    assert_error(
        &server.get("/alerts?status=pending"),
        400,
        "status: \"pending\"",
    );
    assert_error(&server.get("/alerts?portfolio=nobody"), 400, "nobody");
    assert_error(
        &server.get("/audit?since=yesterday"),
        400,
        "since: \"yesterday\"",
    );
    assert_error(&server.get("/audit?until=2020-01-01"), 400, "query string");
}

/// Entries of the audit log written by the API.
fn api_screenings(db: &std::path::Path) -> Vec<Value> {
    let store = Store::open(db).unwrap();
    store
        .audit(None)
        .unwrap()
        .into_iter()
        .filter(|e| e.kind == "screening" && e.detail["channel"] == "api")
        .map(|e| e.detail)
        .collect()
}

#[test]
fn api_screenings_are_audited_and_flushed_on_shutdown() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::kim_store(dir.path());
    let server = TestServer::start(&db, fast_config());
    let calls = 25;
    for _ in 0..calls {
        let body = match_body("Person", json!({"name": ["Kim Sang-man"]}));
        assert_eq!(server.post_json("/match", &body).0, 200);
    }
    server.get("/search?q=Kim%20Sang-man");
    server.post("/scan", "text/plain", "Paid to Kim Sang-man.");
    // Shutting down writes whatever is still queued.
    server.stop();
    let logged = api_screenings(&db);
    let endpoint = |name: &str| {
        logged
            .iter()
            .filter(|d| d["input"]["endpoint"] == name)
            .count()
    };
    assert_eq!(endpoint("/match"), calls);
    assert_eq!(endpoint("/search"), 1);
    assert_eq!(endpoint("/scan"), 1);
    let first = &logged[0];
    assert_eq!(first["lists"][0]["source"], "custom-watch");
    assert_eq!(
        first["input"]["queries"]["q1"]["properties"]["name"][0],
        "Kim Sang-man"
    );
    assert_eq!(first["results"]["q1"][0]["id"], "custom-watch:K-1");
    assert!(first["engine_version"].is_string());
}

#[test]
fn audit_endpoint_shows_the_callers_own_screenings() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(&common::kim_store(dir.path()), fast_config());
    for _ in 0..3 {
        let body = match_body("Person", json!({"name": ["Kim Sang-man"]}));
        server.post_json("/match", &body);
    }
    let (status, audit) = server.get("/audit");
    assert_eq!(status, 200, "{audit}");
    let api = audit["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["detail"]["channel"] == "api")
        .count();
    assert_eq!(api, 3, "{audit}");
    let (_, metrics) = server.get_text("/metrics");
    assert!(
        metrics
            .lines()
            .any(|l| l == "embargo_audit_written_total 3"),
        "{metrics}"
    );
    assert!(
        metrics
            .lines()
            .any(|l| l == "embargo_audit_dropped_total 0")
    );
}

#[test]
fn decisions_need_an_analyst_key_and_are_recorded_under_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let db = store_with_alerts(dir.path());
    let teller = common::add_key(&db, "teller", embargo_store::Role::Screen);
    let alice = common::add_key(&db, "alice", embargo_store::Role::Analyst);
    let server = TestServer::start(&db, fast_config());
    let id = server.get("/alerts").1["alerts"][0]["id"].as_i64().unwrap();
    let path = format!("/alerts/{id}/decision");
    let claim = json!({"as": "false-positive", "note": "not them", "by": "anonymous"}).to_string();

    assert_error(&server.post_json_with(&path, &claim, None), 401, "API key");
    assert_error(
        &server.post_json_with(&path, &claim, Some(&teller)),
        403,
        "key teller has role screen; this needs role analyst",
    );
    assert_error(
        &server.post_json_with(&path, &claim, Some(&alice)),
        400,
        "by: decisions are recorded in the name of the API key that sends them (alice)",
    );
    let (_, still_open) = server.get("/alerts?status=open");
    assert_eq!(still_open["count"], 2, "a refused decision was recorded");

    let plain = json!({"as": "false-positive", "note": "not them"}).to_string();
    let (status, decided) = server.post_json_with(&path, &plain, Some(&alice));
    assert_eq!(status, 200, "{decided}");
    assert_eq!(decided["decided_by"], "alice");
    let (_, alerts) = server.get("/alerts?status=false-positive");
    assert_eq!(alerts["alerts"][0]["decisions"][0]["decided_by"], "alice");

    // Screenings and the decision name their keys in the audit log; an
    // analyst may not read it, an admin may.
    let body = match_body("Person", json!({"name": ["Kim Sang-man"]}));
    server.post_json_with("/match", &body, Some(&teller));
    let (status, text) = server.get_with("/audit", Some(&alice), &[]);
    assert_error(
        &(status, serde_json::from_str(&text).unwrap()),
        403,
        "this needs role admin",
    );
    let (status, audit) = server.get("/audit");
    assert_eq!(status, 200, "{audit}");
    let entries = audit["entries"].as_array().unwrap();
    let by = |kind: &str, actor: &str| {
        entries
            .iter()
            .any(|e| e["kind"] == kind && e["actor"] == actor)
    };
    assert!(by("decision", "alice"), "{audit}");
    assert!(by("screening", "teller"), "{audit}");
    assert!(
        !entries.iter().any(|e| e["actor"] == "anonymous"),
        "{audit}"
    );
}
