//! The OpenRefine reconciliation API against a real server on 127.0.0.1,
//! driven the way OpenRefine drives it: the service manifest, a batch of
//! queries posted as a form, suggest, data extension.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{TestServer, assert_error, fast_config, import, store_path};
use embargo_server::{AccessConfig, ServerConfig};
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use serde_json::{Value, json};

/// A form body `name=<value percent-encoded>`.
fn form(name: &str, value: &Value) -> String {
    format!(
        "{name}={}",
        utf8_percent_encode(&value.to_string(), NON_ALPHANUMERIC)
    )
}

fn post_form(server: &TestServer, path: &str, body: &str) -> (u16, Value) {
    server.post(path, "application/x-www-form-urlencoded", body)
}

#[test]
fn openrefine_session_on_the_demo_list() {
    let server = TestServer::start_demo(fast_config());
    let (status, manifest) = server.get("/reconcile");
    assert_eq!(status, 200, "{manifest}");
    assert_eq!(manifest["versions"], json!(["0.2"]));
    let service = manifest["suggest"]["entity"]["service_url"]
        .as_str()
        .unwrap();
    assert_eq!(service, format!("{}/reconcile/default", server.base));
    assert_eq!(
        manifest["view"]["url"],
        format!("{}/entities/{{{{id}}}}", server.base)
    );
    assert!(
        manifest["defaultTypes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["id"] == "Person")
    );
    let queries = json!({
        "q0": {"query": "Kim Sang Man", "type": "Person", "limit": 3,
               "properties": [{"pid": "birthDate", "v": "1965-04-25"}, {"pid": "address", "v": ["Pyongyang"]}]},
        "q1": {"query": "Jane Austen", "type": "Person"},
        "q2": {"query": ""},
    });
    let (status, answers) = post_form(&server, "/reconcile/default", &form("queries", &queries));
    assert_eq!(status, 200, "{answers}");
    let kim = &answers["q0"]["result"];
    assert_eq!(kim[0]["id"], "demo:43377", "{answers}");
    assert_eq!(kim[0]["name"], "KIM, Sang Man");
    assert_eq!(kim[0]["match"], true);
    assert_eq!(kim[0]["type"][0]["id"], "Person");
    let score = kim[0]["score"].as_f64().unwrap();
    assert!(score > 90.0 && score <= 100.0, "{score}");
    assert_eq!(answers["q1"]["result"], json!([]), "{answers}");
    assert_eq!(answers["q2"]["result"], json!([]));
    // The same batch by GET.
    let (_, by_get) = server.get(&format!("/reconcile?{}", form("queries", &queries)));
    assert_eq!(by_get["q0"]["result"][0]["id"], "demo:43377");
    // Suggest while typing, property suggest, type suggest, propose, extend.
    let (_, suggested) = server.get("/reconcile/default/suggest/entity?prefix=KIM%2C+Sa");
    assert_eq!(suggested["result"][0]["id"], "demo:43377", "{suggested}");
    let (_, properties) = server.get("/reconcile/default/suggest/property?prefix=birth");
    let ids: Vec<&str> = properties["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["birthCountry", "birthDate", "birthPlace"]);
    let (_, types) = server.get("/reconcile/default/suggest/type?prefix=vess");
    assert_eq!(types["result"][0]["id"], "Vessel");
    let (_, proposed) = server.get("/reconcile/default/extend/propose?type=Person");
    assert!(
        proposed["properties"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["id"] == "nationality")
    );
    let extend = json!({"ids": ["demo:43377", "demo:nobody"], "properties": [{"id": "birthDate"}, {"id": "datasets"}]});
    let (status, rows) = post_form(&server, "/reconcile/default", &form("extend", &extend));
    assert_eq!(status, 200, "{rows}");
    assert_eq!(
        rows["rows"]["demo:43377"]["birthDate"],
        json!([{"str": "1965-04-25"}])
    );
    assert_eq!(
        rows["rows"]["demo:43377"]["datasets"],
        json!([{"str": "demo"}])
    );
    assert_eq!(rows["rows"]["demo:nobody"]["birthDate"], json!([]));
    assert_eq!(rows["meta"][0]["id"], "birthDate");
    // Malformed batches are refused, naming the problem.
    assert_error(
        &post_form(&server, "/reconcile/default", "queries=%7Bnot+json"),
        400,
        "queries:",
    );
    assert_error(
        &post_form(
            &server,
            "/reconcile/default",
            &form("queries", &json!({"q0": {"query": 5}})),
        ),
        400,
        "queries:",
    );
    assert_error(&server.get("/reconcile/elsewhere"), 404, "elsewhere");
}

#[test]
fn openrefine_reconciles_kim_sang_man_against_the_real_lists() {
    let sdn = embargo_testkit::require_data!("ofac/2024-05");
    let un = embargo_testkit::require_data!("un/consolidated-2026-02-27.xml");
    let dir = tempfile::tempdir().unwrap();
    let db = store_path(dir.path());
    import(&db, &[sdn]);
    import(&db, &[un]);
    // OpenRefine sends no key: a server open for reading, as it would be
    // run for it.
    let config = ServerConfig {
        access: AccessConfig {
            open_read: true,
            ..AccessConfig::default()
        },
        ..fast_config()
    };
    let server = TestServer::start_without_key(&db, config);
    let (status, manifest) = server.get("/reconcile/sanctions");
    assert_eq!(status, 200, "{manifest}");
    let service = manifest["suggest"]["entity"]["service_url"]
        .as_str()
        .unwrap()
        .to_string();
    let path = service.trim_start_matches(&server.base).to_string();
    assert_eq!(path, "/reconcile/sanctions");
    let queries = json!({
        "q0": {"query": "Kim Sang Man", "type": "Person", "type_strict": "should"},
        "q1": {"query": "Vladimir Putin", "type": "Person"},
        "q2": {"query": "Korea Kwangson Banking Corp", "type": "Organization"},
    });
    let (status, answers) = post_form(&server, &path, &form("queries", &queries));
    assert_eq!(status, 200, "{answers}");
    assert_eq!(
        answers["q0"]["result"][0]["id"], "ofac-sdn:43377",
        "{answers}"
    );
    assert_eq!(answers["q0"]["result"][0]["match"], true, "{answers}");
    assert!(
        answers["q1"]["result"][0]["name"]
            .as_str()
            .unwrap()
            .to_uppercase()
            .contains("PUTIN"),
        "{answers}"
    );
    assert!(
        !answers["q2"]["result"].as_array().unwrap().is_empty(),
        "{answers}"
    );
    let (_, suggested) = server.get(&format!("{path}/suggest/entity?prefix=KIM%2C+Sang"));
    let ids: Vec<&str> = suggested["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"ofac-sdn:43377"), "{suggested}");
}
