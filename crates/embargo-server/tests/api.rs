//! API tests against a real server on 127.0.0.1 over a real store file:
//! every endpoint, every kind of bad request, and the real lists when
//! `EMBARGO_TEST_DATA` is set.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;

use common::{TestServer, assert_error, fast_config, first_result, import, match_body, store_path};
use embargo_server::{Limits, ServerConfig};
use serde_json::{Value, json};

/// A server of the bundled demo list, started as `embargo serve --demo`.
fn demo_server() -> TestServer {
    TestServer::start_demo(fast_config())
}

#[test]
fn match_finds_kim_sang_man_with_explanation() {
    let server = demo_server();
    let body = match_body(
        "Person",
        json!({"name": ["Kim Sang-man"], "birthDate": ["1965"], "nationality": ["kp"]}),
    );
    let (status, response) = server.post_json("/match", &body);
    assert_eq!(status, 200, "{response}");
    let q1 = &response["responses"]["q1"];
    assert_eq!(q1["status"], 200);
    assert_eq!(
        q1["total"]["value"],
        q1["results"].as_array().unwrap().len()
    );
    let top = first_result(&response);
    assert_eq!(top["id"], "demo:43377");
    assert_eq!(top["caption"], "KIM, Sang Man");
    assert_eq!(top["schema"], "Person");
    assert_eq!(top["datasets"], json!(["demo"]));
    assert_eq!(top["match"], true);
    assert!(top["score"].as_f64().unwrap() > 0.9);
    assert!(top["features"]["birth_date"].as_f64().unwrap() > 0.0);
    assert!(top["features"]["country"].as_f64().unwrap() > 0.0);
    assert_eq!(top["properties"]["birthDate"], json!(["1965-04-25"]));
    assert_eq!(top["explanation"]["matched_name"], "KIM, Sang Man");
    assert!(
        !top["explanation"]["alignment"]["pairs"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert!(top["summary"].as_str().unwrap().contains("kim=kim"));
    assert_eq!(response["lists"][0]["source"], "demo");
}

#[test]
fn match_answers_every_query_of_a_batch() {
    let server = demo_server();
    let body = json!({"queries": {
        "passport": {"schema": "Person", "properties": {"passportNumber": ["109-420-132"]}},
        "wallet": {"properties": {"cryptoWallet": "0x97B1043ABD9E6FC31681635166D430A458D14F9C"}},
        "company": {"schema": "Company", "properties": {"name": ["Jinyong IT Cooperation Company"]}},
        "nobody": {"schema": "Person", "properties": {"firstName": ["Jane"], "lastName": ["Austen"]}},
    }});
    let (status, response) = server.post_json("/match", &body.to_string());
    assert_eq!(status, 200, "{response}");
    let responses = &response["responses"];
    for key in ["passport", "wallet"] {
        let top = &responses[key]["results"][0];
        assert_eq!(top["id"], "demo:43377", "{key}: {top}");
        assert_eq!(top["score"], 1.0, "{key}");
    }
    assert_eq!(
        responses["passport"]["results"][0]["explanation"]["features"][0]["feature"],
        "identifier"
    );
    assert_eq!(responses["company"]["results"][0]["id"], "demo:43379");
    assert_eq!(responses["nobody"]["total"]["value"], 0);
}

#[test]
fn match_options_threshold_cutoff_limit_and_lists() {
    let server = demo_server();
    let body = match_body("Person", json!({"name": ["Kim Sang"]}));
    let (status, low) = server.post_json("/match?cutoff=0.3&threshold=0.99&limit=2", &body);
    assert_eq!(status, 200, "{low}");
    let results = low["responses"]["q1"]["results"].as_array().unwrap();
    assert!(!results.is_empty() && results.len() <= 2);
    assert!(results.iter().all(|r| r["match"] == false), "{low}");
    assert_eq!(low["cutoff"], 0.3);
    let (status, filtered) = server.post_json("/match?lists=demo", &body);
    assert_eq!(status, 200, "{filtered}");
    assert_error(
        &server.post_json("/match?lists=ofac-sdn", &body),
        400,
        "\"ofac-sdn\" is not a served list",
    );
    assert_error(
        &server.post_json("/match?threshold=1.5", &body),
        400,
        "threshold: 1.5 is outside 0 to 1",
    );
    assert_error(&server.post_json("/match?limit=0", &body), 400, "limit: 0");
    assert_error(
        &server.post_json("/match?limit=1000", &body),
        400,
        "limit: 1000 is outside 1 to 100",
    );
    assert_error(&server.post_json("/match?limit=ten", &body), 400, "limit");
    assert_error(
        &server.post_json("/match?colour=red", &body),
        400,
        "unknown field `colour`",
    );
}

#[test]
fn bad_match_bodies_get_json_errors_naming_the_problem() {
    let server = demo_server();
    assert_error(
        &server.post_json("/match", "{\"queries\": {"),
        400,
        "line 1",
    );
    assert_error(&server.post_json("/match", "[1, 2]"), 422, "request body");
    assert_error(
        &server.post_json("/match", "{}"),
        422,
        "missing field `queries`",
    );
    assert_error(
        &server.post_json("/match", r#"{"queries": {}}"#),
        400,
        "queries: no query given",
    );
    assert_error(
        &server.post("/match", "text/plain", "{}"),
        415,
        "Content-Type: application/json",
    );
    assert_error(
        &server.post_json(
            "/match",
            &match_body("Person", json!({"name": ["x"], "birthDate": ["soon"]})),
        ),
        400,
        "queries.q1.properties.birthDate[0]: birth date",
    );
    assert_error(
        &server.post_json(
            "/match",
            &match_body(
                "Person",
                json!({"name": ["x"], "nationality": ["Atlantis"]}),
            ),
        ),
        400,
        "queries.q1.properties.nationality[0]: country",
    );
    assert_error(
        &server.post_json(
            "/match",
            &match_body("Person", json!({"name": ["x"], "shoeSize": ["9"]})),
        ),
        400,
        "queries.q1.properties.shoeSize: unknown property",
    );
    assert_error(
        &server.post_json("/match", &match_body("Spaceship", json!({"name": ["x"]}))),
        400,
        "queries.q1.schema",
    );
    assert_error(
        &server.post_json("/match", &match_body("Person", json!({"name": [1]}))),
        422,
        "must be a string or a list of strings",
    );
    assert_error(
        &server.post_json("/match", &match_body("Person", json!({"gender": ["male"]}))),
        400,
        "nothing to screen",
    );
}

#[test]
fn limits_on_queries_strings_and_body_size() {
    let config = ServerConfig {
        limits: Limits {
            max_body_bytes: 4096,
            max_queries: 3,
            max_values: 2,
            max_chars: 40,
            max_results: 5,
            ..Limits::default()
        },
        ..fast_config()
    };
    let server = TestServer::start_demo(config);
    let queries: serde_json::Map<String, Value> = (0..4)
        .map(|i| (format!("q{i}"), json!({"properties": {"name": ["Kim"]}})))
        .collect();
    let body = json!({"queries": queries}).to_string();
    assert_error(
        &server.post_json("/match", &body),
        400,
        "4 queries, at most 3 per request",
    );
    let long = "x".repeat(41);
    assert_error(
        &server.post_json("/match", &match_body("Person", json!({"name": [long]}))),
        400,
        "queries.q1.properties.name[0]: 41 characters, at most 40 allowed",
    );
    assert_error(
        &server.post_json(
            "/match",
            &match_body("Person", json!({"name": ["a", "b", "c"]})),
        ),
        400,
        "3 values, at most 2 allowed",
    );
    let huge = match_body("Person", json!({"name": ["y".repeat(5000)]}));
    assert_error(&server.post_json("/match", &huge), 413, "too large");
    assert_error(
        &server.get(&format!("/search?q={}", "z".repeat(41))),
        400,
        "q[0]: 41 characters",
    );
}

#[test]
fn body_over_the_limit_without_content_length_is_refused_as_json() {
    let config = ServerConfig {
        limits: Limits {
            max_body_bytes: 1024,
            ..Limits::default()
        },
        ..fast_config()
    };
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(&common::kim_store(dir.path()), config);
    let mut stream = TcpStream::connect(server.address).unwrap();
    let chunk = "a".repeat(2000);
    let request = format!(
        "POST /match HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n\
         Authorization: Bearer {}\r\n\
         Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n{:x}\r\n{chunk}\r\n0\r\n\r\n",
        server.key.as_deref().unwrap(),
        chunk.len()
    );
    stream.write_all(request.as_bytes()).unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    assert!(response.starts_with("HTTP/1.1 413"), "{response}");
    assert!(response.contains("\"status\":413"), "{response}");
}

#[test]
fn search_ranks_names_typed_in_a_box() {
    let server = demo_server();
    let (status, body) =
        server.get("/search?q=Kim%20Sang-man&type=person&dob=1965&country=North%20Korea");
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["results"][0]["id"], "demo:43377");
    assert_eq!(body["results"][0]["match"], true);
    assert_eq!(body["query"]["countries"], json!(["KP"]));
    assert_eq!(body["cutoff"], 0.5);
    let (_, korean) = server.get("/search?q=%EA%B9%80%EC%83%81%EB%A7%8C");
    assert_eq!(korean["results"][0]["id"], "demo:43377", "{korean}");
    let (_, nothing) = server.get("/search?q=Jane%20Austen&type=person");
    assert_eq!(nothing["results"], json!([]));
    assert_error(&server.get("/search"), 400, "q: give a name");
    assert_error(&server.get("/search?q=%20"), 400, "q: give a name");
    assert_error(
        &server.get("/search?q=Kim&dob=soon"),
        400,
        "dob: birth date",
    );
    assert_error(&server.get("/search?q=Kim&type=spaceship"), 400, "type");
    assert_error(
        &server.get("/search?q=Kim&country=Atlantis"),
        400,
        "country: \"Atlantis\"",
    );
}

#[test]
fn entity_pages_and_lists() {
    let server = demo_server();
    let (status, kim) = server.get("/entities/demo:43377");
    assert_eq!(status, 200, "{kim}");
    assert_eq!(kim["caption"], "KIM, Sang Man");
    assert_eq!(kim["entity"]["id"], "demo:43377");
    assert_eq!(kim["list"]["source"], "demo");
    assert_eq!(kim["list"]["version"], "bundled");
    assert!(
        kim["properties"]["passportNumber"]
            .as_array()
            .unwrap()
            .len()
            >= 3
    );
    assert!(kim["links"].is_array() && kim["linked_from"].is_array());
    assert_error(
        &server.get("/entities/demo:999"),
        404,
        "no entity \"demo:999\"",
    );
    let (status, lists) = server.get("/lists");
    assert_eq!(status, 200, "{lists}");
    assert_eq!(lists["bundled_demo"], true);
    assert_eq!(lists["generation"], 1);
    assert_eq!(
        lists["serving"],
        json!([{"source": "demo", "version": "bundled"}])
    );
    assert_eq!(lists["entities"], 8);
}

#[test]
fn health_readiness_metrics_and_openapi() {
    let server = demo_server();
    assert_eq!(server.get("/healthz"), (200, json!({"status": "ok"})));
    let (status, ready) = server.get("/readyz");
    assert_eq!((status, &ready["status"]), (200, &json!("ready")));
    server.post_json(
        "/match",
        &match_body("Person", json!({"name": ["Kim Sang-man"]})),
    );
    server.get("/nowhere");
    let (status, text) = server.get_text("/metrics");
    assert_eq!(status, 200);
    for line in [
        "embargo_http_requests_total{route=\"/match\",status=\"200\"} 1",
        "embargo_http_requests_total{route=\"unmatched\",status=\"404\"} 1",
        "embargo_http_request_duration_seconds_count{route=\"/match\"} 1",
        "embargo_screening_duration_seconds_count 1",
        "embargo_queries_total 1",
        "embargo_list_version_info{source=\"demo\",version=\"bundled\"} 1",
        "embargo_list_entities 8",
        "embargo_lists_ready 1",
    ] {
        assert!(
            text.lines().any(|l| l == line),
            "metrics lack {line:?}:\n{text}"
        );
    }
    let load_seconds: f64 = text
        .lines()
        .find_map(|l| l.strip_prefix("embargo_list_load_seconds "))
        .and_then(|value| value.parse().ok())
        .unwrap_or_else(|| panic!("no embargo_list_load_seconds:\n{text}"));
    assert!(load_seconds >= 0.0, "{load_seconds}");
    let (status, openapi) = server.get("/openapi.json");
    assert_eq!(status, 200);
    assert!(openapi["openapi"].as_str().unwrap().starts_with("3."));
    for path in [
        "/match",
        "/search",
        "/entities/{id}",
        "/lists",
        "/healthz",
        "/readyz",
        "/metrics",
    ] {
        assert!(openapi["paths"][path].is_object(), "OpenAPI lacks {path}");
    }
    assert!(openapi["components"]["schemas"]["MatchRequest"].is_object());
}

#[test]
fn unknown_paths_and_methods_get_json_errors() {
    // With a key.
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(&common::kim_store(dir.path()), fast_config());
    assert_error(&server.get("/nowhere"), 404, "/nowhere");
    assert_error(&server.get("/match"), 405, "GET is not allowed on /match");
    assert_error(
        &server.post_json("/lists", "{}"),
        405,
        "POST is not allowed on /lists",
    );
    // Without a key: a known route asked with the wrong method is a 405
    // as well, not a request for a key (which would not help).
    for (path, method) in [("/match", "GET"), ("/alerts", "POST"), ("/audit", "POST")] {
        let (status, text) = if method == "GET" {
            server.get_with(path, None, &[])
        } else {
            let response = server.post_json_with(path, "{}", None);
            (response.0, response.1.to_string())
        };
        assert_eq!(status, 405, "{method} {path}: {text}");
        assert!(
            text.contains(&format!("{method} is not allowed on {path}")),
            "{text}"
        );
    }
    // An unknown path stays a 404 without a key too.
    assert_eq!(server.get_with("/nowhere", None, &[]).0, 404);
}

#[test]
fn not_ready_until_the_lists_are_loaded() {
    let dir = tempfile::tempdir().unwrap();
    let config = ServerConfig {
        access: embargo_server::AccessConfig {
            open_read: true,
            ..Default::default()
        },
        ..fast_config()
    };
    let db = common::kim_store(dir.path());
    let state = embargo_server::AppState::open(&db, config).unwrap();
    let server = TestServer::start_unloaded(state.clone());
    assert_eq!(server.get("/healthz").0, 200);
    assert_error(&server.get("/readyz"), 503, "still loading");
    assert_error(
        &server.post_json("/match", &match_body("Person", json!({"name": ["Kim"]}))),
        503,
        "still loading",
    );
    assert_error(&server.get("/lists"), 503, "still loading");
    let outcome = state.lists().reload_blocking().unwrap();
    assert_eq!(outcome, embargo_server::ReloadOutcome::Swapped(1));
    assert_eq!(server.get("/readyz").0, 200);
    assert_eq!(
        state.lists().reload_blocking().unwrap(),
        embargo_server::ReloadOutcome::Unchanged
    );
}

/// A store without lists is not the demo list. Nothing is
/// served and every answer says why, until lists are imported.
#[test]
fn an_empty_store_serves_nothing_until_lists_are_imported() {
    let dir = tempfile::tempdir().unwrap();
    let db = store_path(dir.path());
    drop(embargo_store::Store::open_or_create(&db).unwrap());
    let config = ServerConfig {
        access: embargo_server::AccessConfig {
            open_read: true,
            ..Default::default()
        },
        ..fast_config()
    };
    let state = embargo_server::AppState::open(&db, config).unwrap();
    let server = TestServer::start_unloaded(state.clone());
    assert_eq!(
        state.lists().reload_blocking().unwrap(),
        embargo_server::ReloadOutcome::NoLists
    );
    for response in [
        server.get("/readyz"),
        server.post_json(
            "/match",
            &match_body("Person", json!({"name": ["Kim Sang-man"]})),
        ),
        server.get("/search?q=Kim%20Sang-man"),
        server.get("/lists"),
    ] {
        assert_error(&response, 503, "holds no lists");
        assert!(
            response.1["detail"]
                .as_str()
                .unwrap()
                .contains(db.to_str().unwrap())
        );
    }
    let (_, metrics) = server.get_text("/metrics");
    assert!(
        metrics.lines().any(|l| l == "embargo_lists_ready 0"),
        "{metrics}"
    );

    common::kim_store(dir.path());
    assert_eq!(
        state.lists().reload_blocking().unwrap(),
        embargo_server::ReloadOutcome::Swapped(1)
    );
    assert_eq!(server.get("/readyz").0, 200);
    let (_, found) = server.get("/search?q=Kim%20Sang-man");
    assert_eq!(found["results"][0]["id"], "custom-watch:K-1", "{found}");
}

/// Without a store and without `--demo`, the demo list is served
/// and named in every answer, but the server is not ready: a load balancer
/// must not send real traffic to it.
#[test]
fn the_demo_list_served_without_demo_is_named_and_not_ready() {
    let state = embargo_server::AppState::demo(fast_config(), false).unwrap();
    let server = TestServer::start_unloaded(state.clone());
    assert_eq!(
        state.lists().reload_blocking().unwrap(),
        embargo_server::ReloadOutcome::Swapped(1)
    );
    let (status, ready) = server.get("/readyz");
    assert_eq!(status, 503, "{ready}");
    let detail = ready["detail"].as_str().unwrap();
    assert!(
        detail.contains("bundled demo list") && detail.contains("--demo"),
        "{detail}"
    );

    let (status, matched) = server.post_json(
        "/match",
        &match_body("Person", json!({"name": ["Kim Sang-man"]})),
    );
    assert_eq!(status, 200, "{matched}");
    assert_eq!(
        matched["lists"],
        json!([{"source": "demo", "version": "bundled"}])
    );
    let (_, searched) = server.get("/search?q=Kim%20Sang-man");
    assert_eq!(searched["lists"][0]["source"], "demo");
    let (_, scanned) = server.post("/scan", "text/plain", "Paid to Kim Sang-man.");
    assert_eq!(scanned["lists"][0]["source"], "demo");
    let (_, lists) = server.get("/lists");
    assert_eq!(lists["bundled_demo"], true, "{lists}");
    assert_eq!(lists["updates"], json!([]));
    let (_, metrics) = server.get_text("/metrics");
    assert!(
        metrics.lines().any(|l| l == "embargo_lists_ready 0"),
        "{metrics}"
    );
    // Without a store nothing is recorded: the record routes say so.
    assert_error(&server.get("/alerts"), 503, "no store");
    assert_error(&server.get("/audit"), 503, "no store");
}

#[test]
fn the_web_ui_is_served_offline() {
    let server = demo_server();
    for (path, needle) in [
        ("/", "id=\"search-form\""),
        ("/ui/entity", "id=\"fields\""),
        ("/ui/lists", "id=\"lists-table\""),
        ("/ui/app.js", "function renderExplanation"),
        ("/ui/style.css", ":focus-visible"),
    ] {
        let (status, text) = server.get_text(path);
        assert_eq!(status, 200, "{path}");
        assert!(text.contains(needle), "{path} lacks {needle}");
        assert!(
            !text.contains("https://") && !text.contains("http://"),
            "{path} loads something remote"
        );
    }
}

#[test]
fn real_lists_are_served() {
    let sdn = embargo_testkit::require_data!("ofac/2024-05");
    let un = embargo_testkit::require_data!("un/consolidated-2026-02-27.xml");
    let dir = tempfile::tempdir().unwrap();
    let db = store_path(dir.path());
    import(&db, &[sdn]);
    import(&db, &[un]);
    let server = TestServer::start(&db, fast_config());
    let body = match_body(
        "Person",
        json!({"name": ["Kim Sang-man"], "birthDate": ["1965-04-25"]}),
    );
    let (status, response) = server.post_json("/match", &body);
    assert_eq!(status, 200, "{response}");
    assert_eq!(first_result(&response)["id"], "ofac-sdn:43377");
    assert_eq!(first_result(&response)["datasets"], json!(["ofac-sdn"]));
    let (_, only_un) = server.post_json("/match?lists=un&cutoff=0.3", &body);
    let results = only_un["responses"]["q1"]["results"].as_array().unwrap();
    assert!(!results.is_empty(), "the UN list has results: {only_un}");
    assert!(
        results.iter().all(|r| r["datasets"] == json!(["un"])),
        "{only_un}"
    );
    let (_, lists) = server.get("/lists");
    let serving: Vec<&str> = lists["serving"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["source"].as_str().unwrap())
        .collect();
    assert_eq!(serving, ["ofac-sdn", "un"]);
    assert_eq!(lists["sources"][0]["versions"][0]["entities"], 14965);
    // An entity another one links to shows the link both ways.
    let snapshot = server.state.lists().current().unwrap();
    let (from, target) = snapshot
        .screener
        .entities()
        .iter()
        .find_map(|e| {
            e.links.iter().find_map(|l| {
                l.id.clone()
                    .filter(|id| snapshot.entity(id).is_some())
                    .map(|id| (e.id.clone(), id))
            })
        })
        .expect("some OFAC entity links to another");
    let (status, linked) = server.get(&format!("/entities/{target}"));
    assert_eq!(status, 200);
    assert!(
        linked["linked_from"]
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l["id"] == json!(from)),
        "{linked}"
    );
    let (_, source) = server.get(&format!("/entities/{from}"));
    assert!(
        source["links"]
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l["id"] == json!(target) && l["served"] == true)
    );
}
