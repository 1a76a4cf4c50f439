//! The yente-compatible API against a real server on 127.0.0.1: yente's
//! requests accepted (what embargo cannot honour reported, not refused),
//! yente's response fields, datasets and the catalog, one result for the
//! copies of one entity on several lists, CORS and compression; and the
//! real OFAC and UN lists when `EMBARGO_TEST_DATA` is set.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::Duration;

use common::{TestServer, assert_error, fast_config, import, store_path, write_custom_list};
use embargo_server::ServerConfig;
use serde_json::{Value, json};

fn demo_server() -> TestServer {
    TestServer::start_demo(fast_config())
}

/// What nomenklatura's enricher sends: every matchable property.
fn kim_query() -> String {
    json!({"queries": {"entity": {"id": "mine-1", "schema": "Person", "properties": {
        "name": ["Kim Sang-man"], "address": ["Pyongyang"], "birthPlace": ["Pyongyang"],
        "topics": ["sanction"], "title": ["Mr"], "position": ["Banker"],
        "wikidataId": ["Q1"], "birthDate": ["1965"]}}}})
    .to_string()
}

#[test]
fn match_dataset_accepts_what_yente_clients_send() {
    let server = demo_server();
    let (status, body) = server.post_json(
        "/match/default?fuzzy=false&algorithm=best&limit=3&exclude_dataset=nothing_here",
        &kim_query(),
    );
    // An unknown dataset name is still a 404 (yente does the same).
    assert_error(
        &(status, body),
        404,
        "dataset \"nothing_here\" is not served",
    );
    let (status, body) = server.post_json(
        "/match/default?fuzzy=false&algorithm=best&limit=3&unheard_of=1",
        &kim_query(),
    );
    assert_eq!(status, 200, "{body}");
    let response = &body["responses"]["entity"];
    assert_eq!(response["status"], 200);
    assert_eq!(response["query"]["id"], "mine-1");
    assert_eq!(
        response["query"]["properties"]["birthPlace"],
        json!(["Pyongyang"])
    );
    assert_eq!(
        response["ignored_properties"],
        json!([
            "address",
            "birthPlace",
            "position",
            "title",
            "topics",
            "wikidataId"
        ])
    );
    assert!(
        body["ignored"]["fuzzy"]
            .as_str()
            .unwrap()
            .contains("no effect")
    );
    assert!(body["ignored"]["unheard_of"].is_string(), "{body}");
    assert_eq!(body["matcher"]["name"], "embargo");
    assert_eq!(body["limit"], 3);
    let results = response["results"].as_array().unwrap();
    assert!(!results.is_empty() && results.len() <= 3, "{body}");
    assert_eq!(response["total"]["value"], results.len());
    let top = &results[0];
    assert_eq!(top["id"], "demo:43377");
    assert_eq!(top["caption"], "KIM, Sang Man");
    assert_eq!(top["schema"], "Person");
    assert_eq!(top["datasets"], json!(["demo"]));
    assert_eq!(top["referents"], json!([]));
    assert_eq!(top["target"], true);
    assert_eq!(top["match"], true);
    assert!(top["first_seen"].is_null() && top["last_change"].is_null());
    // The bundled demo list has no publication date.
    assert!(top["last_seen"].is_null(), "{top}");
    assert_eq!(top["properties"]["topics"], json!(["sanction"]));
    assert!(top["properties"].get("listingDate").is_none(), "{top}");
    // Scores carry three decimals at most, with no float noise.
    for result in results {
        let score = result["score"].as_f64().unwrap();
        assert_eq!((score * 1000.0).round() / 1000.0, score, "{score}");
    }
    let name = &top["explanations"]["name"];
    assert!(
        name["detail"].as_str().is_some_and(|d| !d.is_empty()),
        "{top}"
    );
    assert_eq!(name["candidate"], "KIM, Sang Man");
    assert!(name["query"].as_str().unwrap().contains("kim"), "{top}");
    assert!(top["explanations"]["birth_date"]["score"].as_f64().unwrap() > 0.0);
    assert_eq!(top["explanation"]["matched_name"], "KIM, Sang Man");
}

#[test]
fn match_dataset_refuses_malformed_requests_naming_the_field() {
    let server = demo_server();
    let body = kim_query();
    assert_error(
        &server.post_json("/match/default?algorithm=magic", &body),
        400,
        "algorithm: \"magic\"",
    );
    assert_error(
        &server.post_json("/match/default?limit=501", &body),
        400,
        "limit: 501",
    );
    assert_error(
        &server.post_json("/match/default?limit=lots", &body),
        400,
        "limit: \"lots\"",
    );
    assert_error(
        &server.post_json("/match/default?fuzzy=maybe", &body),
        400,
        "fuzzy",
    );
    assert_error(
        &server.post_json("/match/default?threshold=2", &body),
        400,
        "threshold",
    );
    assert_error(
        &server.post_json("/match/default?changed_since=yesterday", &body),
        400,
        "changed_since",
    );
    assert_error(
        &server.post_json("/match/default", "{\"queries\": "),
        400,
        "request body",
    );
    let (status, _) = server.post_json(
        "/match/default",
        &json!({"queries": {"q": {"schema": "Person", "properties": {"name": 5}}}}).to_string(),
    );
    assert!((400..500).contains(&status), "{status}");
    let (status, _) = server.post_json(
        "/match/default",
        &json!({"queries": {"q": {"properties": {"name": "x"}}}, "weights": "heavy"}).to_string(),
    );
    assert!((400..500).contains(&status), "{status}");
    assert_error(
        &server.post_json("/match/default", &json!({"queries": {}}).to_string()),
        400,
        "no query",
    );
    // Accepted and reported: weights, config, unknown fields.
    let (status, response) = server.post_json(
        "/match/sanctions?changed_since=2024-01-01",
        &json!({"queries": {"q": {"properties": {"name": "Kim Sang Man"}}},
                "weights": {"name_literal_match": 0.5}, "config": {"x": 1}, "extra": true})
        .to_string(),
    );
    assert_eq!(status, 200, "{response}");
    for field in ["weights", "config", "extra"] {
        assert!(
            response["ignored"][field].is_string(),
            "{field}: {response}"
        );
    }
    // changed_since is applied, and the demo list has no version history:
    // an entity whose history is unknown is kept, never hidden.
    assert!(response["ignored"]["changed_since"].is_null(), "{response}");
    assert_eq!(
        response["responses"]["q"]["results"][0]["id"], "demo:43377",
        "{response}"
    );
}

/// first_seen and last_change come from the store's versions, and
/// changed_since keeps the entities whose record changed on or after it.
#[test]
fn first_seen_last_change_and_changed_since_follow_the_versions() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::store_path(dir.path());
    let rows_january = [
        ("W-1", "MUSTERMANN, Erika", "1964"),
        ("W-2", "MUSTERFRAU, Gabi", "1970"),
    ];
    // March: Gabi's record changes (another birth year); Erika's does not.
    let rows_march = [
        ("W-1", "MUSTERMANN, Erika", "1964"),
        ("W-2", "MUSTERFRAU, Gabi", "1971"),
    ];
    let january = common::write_custom_list(dir.path(), "watch.csv", &rows_january);
    assert_eq!(
        common::import_published(&db, &[january], Some("2024-01-15")),
        [true]
    );
    let march = common::write_custom_list(dir.path(), "watch.csv", &rows_march);
    assert_eq!(
        common::import_published(&db, &[march], Some("2024-03-01")),
        [true]
    );
    let server = TestServer::start(&db, fast_config());
    let query = |name: &str| {
        json!({"queries": {"q": {"schema": "Person", "properties": {"name": [name]}}}}).to_string()
    };
    let (status, erika) = server.post_json("/match/default", &query("Erika Mustermann"));
    assert_eq!(status, 200, "{erika}");
    let result = &erika["responses"]["q"]["results"][0];
    assert_eq!(result["id"], "custom-watch:W-1", "{erika}");
    assert_eq!(result["first_seen"], "2024-01-15T00:00:00", "{result}");
    assert_eq!(result["last_change"], "2024-01-15T00:00:00", "{result}");
    assert_eq!(result["last_seen"], "2024-03-01T00:00:00", "{result}");
    let (_, gabi) = server.post_json("/match/default", &query("Gabi Musterfrau"));
    let result = &gabi["responses"]["q"]["results"][0];
    assert_eq!(result["first_seen"], "2024-01-15T00:00:00", "{result}");
    assert_eq!(result["last_change"], "2024-03-01T00:00:00", "{result}");
    // Changed since February: Gabi is, Erika is not.
    let since = "/match/default?changed_since=2024-02-01";
    let (_, erika) = server.post_json(since, &query("Erika Mustermann"));
    assert_eq!(erika["responses"]["q"]["results"], json!([]), "{erika}");
    let (_, gabi) = server.post_json(since, &query("Gabi Musterfrau"));
    assert_eq!(
        gabi["responses"]["q"]["results"][0]["id"], "custom-watch:W-2",
        "{gabi}"
    );
    // The entity view says the same.
    let (_, entity) = server.get("/entities/custom-watch:W-2");
    assert_eq!(entity["last_change"], "2024-03-01T00:00:00", "{entity}");
}

#[test]
fn datasets_filters_and_the_catalog() {
    let server = demo_server();
    let (status, catalog) = server.get("/catalog");
    assert_eq!(status, 200, "{catalog}");
    let datasets = catalog["datasets"].as_array().unwrap();
    let names: Vec<&str> = datasets
        .iter()
        .map(|d| d["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["default", "sanctions", "demo"]);
    let demo = &datasets[2];
    assert_eq!(demo["type"], "source");
    assert_eq!(demo["version"], "bundled");
    assert_eq!(demo["entity_count"], 8);
    assert_eq!(datasets[0]["children"], json!(["demo"]));
    let (_, algorithms) = server.get("/algorithms");
    assert_eq!(algorithms["best"], "embargo");
    assert_eq!(algorithms["algorithms"][0]["name"], "embargo");
    let (status, manifest) = server.get("/manifest");
    assert_eq!(status, 200, "{manifest}");
    assert_eq!(manifest["served"], json!(["demo"]));
    let body = kim_query();
    let (_, none) = server.post_json("/match/demo?exclude_schema=Person", &body);
    assert_eq!(none["responses"]["entity"]["total"]["value"], 0, "{none}");
    let (_, none) = server.post_json("/match/demo?exclude_entity_ids=demo:43377", &body);
    let ids: Vec<&str> = none["responses"]["entity"]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert!(!ids.contains(&"demo:43377"), "{none}");
    let (_, none) = server.post_json("/match/default?topics=role.pep", &body);
    assert_eq!(none["responses"]["entity"]["total"]["value"], 0, "{none}");
    let (_, some) = server.post_json("/match/default?topics=sanction&topics=role.pep", &body);
    assert_eq!(
        some["responses"]["entity"]["results"][0]["id"],
        "demo:43377"
    );
    assert_error(&server.get("/catalog/x"), 404, "/catalog/x");
}

#[test]
fn search_dataset_answers_in_yente_shape() {
    let server = demo_server();
    let (status, body) =
        server.get("/search/default?q=Kim+Sang+Man&limit=1&fuzzy=true&countries=kp");
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["limit"], 1);
    assert_eq!(body["offset"], 0);
    let total = body["total"]["value"].as_u64().unwrap();
    assert!(total >= 1, "{body}");
    assert_eq!(body["results"].as_array().unwrap().len(), 1);
    assert_eq!(body["results"][0]["id"], "demo:43377");
    assert_eq!(body["facets"]["datasets"]["values"][0]["name"], "demo");
    assert_eq!(body["facets"]["datasets"]["values"][0]["count"], total);
    let (_, page) = server.get(&format!(
        "/search/default?q=Kim+Sang+Man&limit=1&offset={total}"
    ));
    assert_eq!(page["results"], json!([]), "{page}");
    assert_error(&server.get("/search/default"), 400, "q:");
    assert_error(
        &server.get("/search/default?q=Kim&schema=Spaceship"),
        400,
        "schema",
    );
    assert_error(&server.get("/search/nowhere?q=Kim"), 404, "nowhere");
}

#[test]
fn copies_on_two_lists_are_one_result_each_still_retrievable() {
    let dir = tempfile::tempdir().unwrap();
    let db = store_path(dir.path());
    let rows = [
        ("K-1", "KIM, Sang Man", "1965-04-25"),
        ("Q-1", "QUARTERMAIN, Allan", "1950-01-01"),
    ];
    import(&db, &[write_custom_list(dir.path(), "watch.csv", &rows)]);
    let copy = [
        ("77", "Kim Sang Man", "1965"),
        ("78", "QUARTERMAIN, Allan", "1990"),
    ];
    import(&db, &[write_custom_list(dir.path(), "other.csv", &copy)]);
    let server = TestServer::start(&db, fast_config());
    let body =
        json!({"queries": {"q": {"schema": "Person", "properties": {"name": ["Kim Sang-man"]}}}});
    let (status, response) = server.post_json("/match/default", &body.to_string());
    assert_eq!(status, 200, "{response}");
    let results = response["responses"]["q"]["results"].as_array().unwrap();
    assert_eq!(results.len(), 1, "{response}");
    let ids = [
        results[0]["id"].as_str().unwrap(),
        results[0]["referents"][0].as_str().unwrap(),
    ];
    let mut sorted = ids;
    sorted.sort_unstable();
    assert_eq!(
        sorted,
        ["custom-other:77", "custom-watch:K-1"],
        "{response}"
    );
    let mut datasets: Vec<&str> = results[0]["datasets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d.as_str().unwrap())
        .collect();
    datasets.sort_unstable();
    assert_eq!(datasets, ["custom-other", "custom-watch"]);
    let today = chrono::Utc::now().format("%Y-").to_string();
    assert!(
        results[0]["last_seen"]
            .as_str()
            .unwrap()
            .starts_with(&today),
        "{response}"
    );
    // One list alone: its copy, no referents from outside it.
    let (_, one) = server.post_json("/match/custom-other", &body.to_string());
    let only = &one["responses"]["q"]["results"];
    assert_eq!(only[0]["id"], "custom-other:77", "{one}");
    assert_eq!(only[0]["referents"], json!([]));
    // Each copy is retrievable and names the other.
    let (status, entity) = server.get("/entities/custom-other:77?nested=true");
    assert_eq!(status, 200, "{entity}");
    assert_eq!(entity["referents"], json!(["custom-watch:K-1"]));
    assert_eq!(entity["target"], true);
    // Same name, different birth years: two people.
    let allan = json!({"queries": {"q": {"schema": "Person", "properties": {"name": ["Allan Quartermain"]}}}});
    let (_, two) = server.post_json("/match/default", &allan.to_string());
    assert_eq!(two["responses"]["q"]["total"]["value"], 2, "{two}");
    // embargo's own /match keeps one result per listed entity.
    let (_, own) = server.post_json("/match", &body.to_string());
    assert_eq!(own["responses"]["q"]["total"]["value"], 2, "{own}");
    // /updatez checks the store now (admin).
    let (status, update) = server.post_json("/updatez", "{}");
    assert_eq!(status, 200, "{update}");
    assert_eq!(update["outcome"], "unchanged");
}

/// `GET path` with headers → (status, response headers, body bytes).
fn raw_get(
    server: &TestServer,
    path: &str,
    headers: &[(&str, &str)],
) -> (u16, ureq::http::HeaderMap, Vec<u8>) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(30)))
        .build()
        .into();
    let mut request = agent.get(&format!("{}{path}", server.base));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let mut response = request.call().unwrap();
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let body = response.body_mut().read_to_vec().unwrap();
    (status, headers, body)
}

#[test]
fn cors_is_off_by_default_and_follows_the_configured_origins() {
    let server = demo_server();
    let origin = [("origin", "https://app.example")];
    let (status, headers, _) = raw_get(&server, "/catalog", &origin);
    assert_eq!(status, 200);
    assert!(headers.get("access-control-allow-origin").is_none());
    drop(server);
    let config = ServerConfig {
        cors_origins: vec!["https://app.example".to_string()],
        ..fast_config()
    };
    let server = TestServer::start_demo(config);
    let (_, headers, _) = raw_get(&server, "/catalog", &origin);
    assert_eq!(
        headers.get("access-control-allow-origin").unwrap(),
        "https://app.example"
    );
    let (_, headers, _) = raw_get(&server, "/catalog", &[("origin", "https://evil.example")]);
    assert!(headers.get("access-control-allow-origin").is_none());
    assert!(embargo_server::check_cors_origins(&["https://a.example:8443".to_string()]).is_ok());
    assert!(embargo_server::check_cors_origins(&["*".to_string()]).is_ok());
    for bad in [
        "app.example",
        "https://a.example/path",
        "ftp://a.example",
        "https://",
    ] {
        assert!(
            embargo_server::check_cors_origins(&[bad.to_string()]).is_err(),
            "{bad}"
        );
    }
}

#[test]
fn responses_are_compressed_when_asked() {
    let server = demo_server();
    let (status, headers, gzip) = raw_get(&server, "/openapi.json", &[("accept-encoding", "gzip")]);
    assert_eq!(status, 200);
    assert_eq!(headers.get("content-encoding").unwrap(), "gzip");
    assert_eq!(&gzip[..2], &[0x1f, 0x8b], "not a gzip stream");
    let (_, headers, brotli) = raw_get(&server, "/openapi.json", &[("accept-encoding", "br")]);
    assert_eq!(headers.get("content-encoding").unwrap(), "br");
    let (_, headers, plain) = raw_get(&server, "/openapi.json", &[]);
    assert!(headers.get("content-encoding").is_none());
    assert!(gzip.len() < plain.len() / 3 && brotli.len() < plain.len() / 3);
    serde_json::from_slice::<Value>(&plain).unwrap();
}

#[test]
fn real_un_designations_and_their_ofac_copies_are_grouped() {
    let sdn = embargo_testkit::require_data!("ofac/2024-05");
    let un = embargo_testkit::require_data!("un/consolidated-2026-02-27.xml");
    let dir = tempfile::tempdir().unwrap();
    let db = store_path(dir.path());
    import(&db, &[sdn]);
    import(&db, &[un]);
    let server = TestServer::start(&db, fast_config());
    let snapshot = server.state.snapshot().unwrap();
    let groups = &snapshot.groups;
    let entities = snapshot.screener.entities();
    let cross_list = groups
        .iter()
        .filter(|members| {
            let sources: std::collections::BTreeSet<&str> = members
                .iter()
                .map(|&at| entities[at as usize].source())
                .collect();
            sources.len() == members.len()
        })
        .count();
    eprintln!(
        "{} groups over {} entities, {cross_list} of copies on distinct lists",
        groups.len(),
        entities.len()
    );
    assert!(groups.len() >= 100, "{} groups", groups.len());
    assert_eq!(
        cross_list,
        groups.len(),
        "a group holds two entities of one list"
    );
    for (query, ofac, un) in [
        ("KIM JONG SIK", "ofac-sdn:23214", "un:KPi.066"),
        ("RI JE-SON", "ofac-sdn:12216", "un:KPi.002"),
    ] {
        let body = json!({"queries": {"q": {"schema": "Person", "properties": {"name": [query]}}}});
        let (status, response) = server.post_json("/match/sanctions", &body.to_string());
        assert_eq!(status, 200, "{response}");
        let results = response["responses"]["q"]["results"].as_array().unwrap();
        let grouped: Vec<&Value> = results
            .iter()
            .filter(|r| r["id"] == ofac || r["id"] == un)
            .collect();
        assert_eq!(grouped.len(), 1, "{query}: {response}");
        let mut copies = vec![grouped[0]["id"].as_str().unwrap()];
        copies.extend(
            grouped[0]["referents"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r.as_str().unwrap()),
        );
        copies.sort_unstable();
        assert_eq!(copies, [ofac, un], "{query}");
        let mut datasets: Vec<&str> = grouped[0]["datasets"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d.as_str().unwrap())
            .collect();
        datasets.sort_unstable();
        assert_eq!(datasets, ["un_sc_sanctions", "us_ofac_sdn"]);
        for id in [ofac, un] {
            let (status, _) = server.get(&format!("/entities/{id}"));
            assert_eq!(status, 200, "{id}");
        }
    }
    let (_, catalog) = server.get("/catalog");
    let names: Vec<&str> = catalog["datasets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["default", "sanctions", "us_ofac_sdn", "un_sc_sanctions"]
    );
    assert_eq!(catalog["datasets"][2]["entity_count"], 14965);
    let updated = catalog["datasets"][2]["updated_at"].as_str().unwrap();
    assert!(
        chrono::NaiveDateTime::parse_from_str(updated, "%Y-%m-%dT%H:%M:%S").is_ok(),
        "{updated}"
    );
    // Both names of a list work in a path.
    let body = json!({"queries": {"q": {"properties": {"name": ["Kim Sang Man"]}}}});
    for dataset in ["us_ofac_sdn", "ofac-sdn"] {
        let (_, response) = server.post_json(&format!("/match/{dataset}"), &body.to_string());
        assert_eq!(
            response["responses"]["q"]["results"][0]["id"], "ofac-sdn:43377",
            "{dataset}"
        );
    }
}
