//! The limits a server started without options applies, each met at its
//! bound (answered) and one past it (refused with a JSON body naming the
//! limit): what `embargo serve` does when nobody sets a limit.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::Duration;

use common::{TestServer, assert_error, fast_config, match_body};
use embargo_server::{ConnectionLimits, Limits};
use serde_json::{Value, json};

/// A `/match` body of `count` queries, one name each.
fn queries(count: usize) -> String {
    let queries: serde_json::Map<String, Value> = (0..count)
        .map(|i| (format!("q{i}"), json!({"properties": {"name": ["Kim"]}})))
        .collect();
    json!({"queries": queries}).to_string()
}

#[test]
fn the_defaults_are_those_documented() {
    let limits = Limits::default();
    assert_eq!(limits.max_body_bytes, 256 * 1024);
    assert_eq!(limits.max_queries, 100);
    assert_eq!(limits.max_values, 20);
    assert_eq!(limits.max_chars, 500);
    assert_eq!(limits.max_results, 100);
    assert_eq!(limits.max_uri_bytes, 8 * 1024);
    assert_eq!(limits.request_timeout, Duration::from_secs(30));
    let connections = ConnectionLimits::default();
    assert_eq!(connections.max_connections, 512);
    assert_eq!(connections.header_timeout, Duration::from_secs(10));
    assert_eq!(connections.max_head_bytes, 32 * 1024);
}

#[test]
fn queries_values_and_characters_at_and_past_the_default_limits() {
    let server = TestServer::start_demo(fast_config());
    let (status, body) = server.post_json("/match", &queries(100));
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["responses"].as_object().unwrap().len(), 100);
    assert_error(
        &server.post_json("/match", &queries(101)),
        400,
        "101 queries, at most 100 per request",
    );

    let names: Vec<String> = (0..20).map(|i| format!("Kim {i}")).collect();
    let (status, body) = server.post_json("/match", &match_body("Person", json!({"name": names})));
    assert_eq!(status, 200, "{body}");
    let names: Vec<String> = (0..21).map(|i| format!("Kim {i}")).collect();
    assert_error(
        &server.post_json("/match", &match_body("Person", json!({"name": names}))),
        400,
        "21 values, at most 20 allowed",
    );

    let longest = format!("Kim {}", "x".repeat(496));
    let (status, body) =
        server.post_json("/match", &match_body("Person", json!({"name": [longest]})));
    assert_eq!(status, 200, "{body}");
    let too_long = format!("Kim {}", "x".repeat(497));
    assert_error(
        &server.post_json("/match", &match_body("Person", json!({"name": [too_long]}))),
        400,
        "501 characters, at most 500 allowed",
    );
}

#[test]
fn results_and_body_size_at_and_past_the_default_limits() {
    let server = TestServer::start_demo(fast_config());
    let body = match_body("Person", json!({"name": ["Kim Sang-man"]}));
    let (status, response) = server.post_json("/match?limit=100", &body);
    assert_eq!(status, 200, "{response}");
    assert_eq!(
        response["responses"]["q1"]["results"][0]["id"],
        "demo:43377"
    );
    assert_error(
        &server.post_json("/match?limit=101", &body),
        400,
        "limit: 101 is outside 1 to 100",
    );

    // JSON allows white space after the value: the same request padded to
    // exactly the default body limit, then one byte past it.
    let limit = 256 * 1024;
    let padded = format!("{body}{}", " ".repeat(limit - body.len()));
    assert_eq!(padded.len(), limit);
    let (status, response) = server.post_json("/match", &padded);
    assert_eq!(status, 200, "{response}");
    assert_eq!(
        response["responses"]["q1"]["results"][0]["id"],
        "demo:43377"
    );
    // Past the limit the server answers from the announced length, before
    // reading the body: sent only when asked for, so no write races the
    // server's close of the connection.
    let (status, body) = common::post_expecting_continue(
        server.address,
        server.key.as_deref(),
        "/match",
        &format!("{padded} "),
        || panic!("the server asked for a body past its limit"),
    );
    assert_error(
        &(status, serde_json::from_str(&body).unwrap()),
        413,
        "too large",
    );
}
