//! `POST /scan` against a real server on 127.0.0.1: mentions with byte
//! offsets from plain text and JSON bodies, every kind of bad request, and
//! a news report against the real OFAC list when `EMBARGO_TEST_DATA` is
//! set.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{TestServer, assert_error, fast_config, import, store_path};
use embargo_server::{Limits, ServerConfig};
use serde_json::{Value, json};

/// A server of the bundled demo list, as `embargo serve --demo`.
fn demo_server() -> TestServer {
    TestServer::start_demo(fast_config())
}

fn mention<'a>(response: &'a Value, id: &str) -> &'a Value {
    response["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == id)
        .unwrap_or_else(|| panic!("no mention of {id}: {response}"))
}

#[test]
fn plain_text_mentions_carry_byte_offsets() {
    let server = demo_server();
    let text = "Invoice 7\nPayée à Kim Sang-man pour 40 tonnes d'acier.\n";
    let (status, response) = server.post("/scan", "text/plain; charset=utf-8", text);
    assert_eq!(status, 200, "{response}");
    let found = mention(&response, "demo:43377");
    let start = text.find("Kim Sang-man").unwrap();
    let end = start + "Kim Sang-man".len();
    assert_eq!(found["start"], start, "{found}");
    assert_eq!(found["end"], end, "{found}");
    assert_eq!(found["text"], "Kim Sang-man");
    assert_eq!(found["line"], 2);
    // Columns count characters: "Payée à " is 8 characters, 10 bytes.
    assert_eq!(found["column"], 9);
    assert_eq!(found["name"], "KIM, Sang Man");
    assert!(found["score"].as_f64().unwrap() >= 0.7);
    assert_eq!(
        response["count"],
        response["mentions"].as_array().unwrap().len()
    );
    assert_eq!(response["bytes"], text.len());
    assert_eq!(response["lists"][0]["source"], "demo");
}

#[test]
fn json_bodies_and_thresholds() {
    let server = demo_server();
    let text = "Funds were routed to Kim Sang Man last week.";
    let body = json!({"text": text}).to_string();
    let (status, response) = server.post_json("/scan", &body);
    assert_eq!(status, 200, "{response}");
    let found = mention(&response, "demo:43377");
    assert_eq!(found["start"], text.find("Kim").unwrap());
    assert!((response["threshold"].as_f64().unwrap() - 0.7).abs() < 1e-6);
    // The body's threshold wins over the query string's.
    let strict = json!({"text": text, "threshold": 1.0}).to_string();
    let (_, response) = server.post_json("/scan?threshold=0.5", &strict);
    assert_eq!(response["threshold"], 1.0);
    let (_, response) = server.post("/scan?threshold=0.9", "text/plain", text);
    assert!((response["threshold"].as_f64().unwrap() - 0.9).abs() < 1e-6);
    // Ordinary text mentions nobody.
    let (status, response) = server.post("/scan", "text/plain", "The weather in Berlin is mild.");
    assert_eq!((status, &response["count"]), (200, &json!(0)), "{response}");
}

#[test]
fn bad_scan_requests_get_json_errors() {
    let config = ServerConfig {
        limits: Limits {
            max_body_bytes: 4096,
            ..Limits::default()
        },
        ..fast_config()
    };
    let server = TestServer::start_demo(config);
    assert_error(
        &server.post("/scan", "text/plain", "   \n"),
        400,
        "text: no text",
    );
    assert_error(
        &server.post_json("/scan", r#"{"text": "x", "limit": 3}"#),
        400,
        "limit",
    );
    assert_error(
        &server.post_json("/scan", r#"{"txt": "x"}"#),
        400,
        "request body",
    );
    assert_error(&server.post_json("/scan", "{not json"), 400, "request body");
    assert_error(
        &server.post_json("/scan", r#"{"text": "Kim", "threshold": 1.5}"#),
        400,
        "threshold: 1.5",
    );
    assert_error(
        &server.post("/scan?threshold=-1", "text/plain", "Kim"),
        400,
        "threshold",
    );
    assert_error(
        &server.post("/scan?nope=1", "text/plain", "Kim"),
        400,
        "query string",
    );
    assert_error(
        &server.post("/scan", "application/xml", "<a/>"),
        415,
        "text/plain",
    );
    let big = "Kim Sang-man ".repeat(400);
    assert_error(&server.post("/scan", "text/plain", &big), 413, "too large");
    let (status, openapi) = server.get("/openapi.json");
    assert_eq!(status, 200);
    assert!(
        openapi["paths"]["/scan"]["post"].is_object(),
        "OpenAPI lacks /scan"
    );
}

#[test]
fn latin1_bodies_are_refused_naming_the_line() {
    let server = demo_server();
    let response = common::post_bytes(&server, "/scan", "text/plain", b"ok\nPay\xe9e");
    assert_error(&response, 400, "line 2");
}

#[test]
fn a_news_report_against_the_real_list() {
    let sdn = embargo_testkit::require_data!("ofac/2024-05");
    let news = embargo_testkit::require_data!("news/article-1.txt");
    let dir = tempfile::tempdir().unwrap();
    let db = store_path(dir.path());
    import(&db, &[sdn]);
    let server = TestServer::start(&db, fast_config());
    let text = std::fs::read_to_string(news).unwrap();
    let (status, response) = server.post("/scan", "text/plain", &text);
    assert_eq!(status, 200, "{response}");
    let found = mention(&response, "ofac-sdn:43377");
    let (start, end) = (
        found["start"].as_u64().unwrap() as usize,
        found["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(found["text"].as_str().unwrap(), &text[start..end]);
    assert!(text[start..end].to_lowercase().contains("kim"), "{found}");
}
