//! Access and robustness of the server as a network service, against a
//! real server on 127.0.0.1: keys and roles, the `Host` check, TLS, the
//! connection cap, the header timeout, the time budget, and JSON bodies
//! for every refusal, down to the ones hyper answers by itself.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use common::{TestServer, add_key, assert_error, fast_config, kim_store, match_body};
use embargo_server::{AccessConfig, ConnectionLimits, Limits, ServerConfig, ServerError, TlsFiles};
use embargo_store::{Role, Store};
use serde_json::{Value, json};

fn open_read() -> ServerConfig {
    ServerConfig {
        access: AccessConfig {
            open_read: true,
            ..AccessConfig::default()
        },
        ..fast_config()
    }
}

/// Sends `request` as raw bytes on a new connection and reads until the
/// server closes it (at most 20 s) → (status, JSON body).
fn raw_exchange(server: &TestServer, request: &[u8]) -> (u16, Value) {
    let mut stream = TcpStream::connect(server.address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    // The server may answer and close before all of a huge head is sent.
    let _ = stream.write_all(request);
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let text = String::from_utf8_lossy(&answer).to_string();
    let (head, body) = text
        .split_once("\r\n\r\n")
        .unwrap_or_else(|| panic!("no response head in {text:?}"));
    let status: u16 = head[9..12].parse().unwrap();
    assert!(
        head.to_ascii_lowercase()
            .contains("content-type: application/json"),
        "{head}"
    );
    let json = serde_json::from_str(body).unwrap_or_else(|_| panic!("not JSON: {body:?}"));
    (status, json)
}

fn json_of(response: (u16, String)) -> (u16, Value) {
    let (status, text) = response;
    let body = serde_json::from_str(&text).unwrap_or_else(|_| panic!("not JSON: {text:?}"));
    (status, body)
}

#[test]
fn reads_need_a_key_unless_open_read() {
    let dir = tempfile::tempdir().unwrap();
    let db = kim_store(dir.path());
    let server = TestServer::start(&db, fast_config());
    let refused = json_of(server.get_with("/search?q=Kim", None, &[]));
    assert_error(&refused, 401, "API key");
    assert_error(
        &json_of(server.get_with("/search?q=Kim", Some("embargo_00"), &[])),
        401,
        "unknown or revoked",
    );
    let screen = add_key(&db, "teller", Role::Screen);
    // The new key is read at the next poll (100 ms in tests).
    wait_for_status(&server, "/search?q=Kim", Some(&screen), 200);
    assert_eq!(server.get_with("/healthz", None, &[]).0, 200);
    assert_eq!(server.get_with("/", None, &[]).0, 200);
    assert_error(
        &json_of(server.get_with("/alerts", Some(&screen), &[])),
        403,
        "key teller has role screen; this needs role analyst",
    );
    assert_error(
        &json_of(server.get_with("/search?q=Kim", None, &[("x-api-key", "")])),
        401,
        "X-API-Key",
    );
    assert_eq!(
        server
            .get_with("/search?q=Kim", None, &[("x-api-key", &screen)])
            .0,
        200
    );
    drop(server);

    let open = TestServer::start_without_key(&db, open_read());
    assert_eq!(open.get_with("/search?q=Kim", None, &[]).0, 200);
    assert_error(
        &json_of(open.get_with("/alerts", None, &[])),
        401,
        "analyst",
    );
    assert_error(&json_of(open.get_with("/audit", None, &[])), 401, "admin");
    open.stop();
    let actors: Vec<String> = Store::open(&db)
        .unwrap()
        .audit(None)
        .unwrap()
        .into_iter()
        .filter(|entry| entry.kind == "screening")
        .map(|entry| entry.actor)
        .collect();
    assert!(actors.contains(&"teller".to_string()), "{actors:?}");
    assert!(actors.contains(&"anonymous".to_string()), "{actors:?}");
}

/// Repeats `GET path` with `key` until it answers `status` (at most 10 s).
fn wait_for_status(server: &TestServer, path: &str, key: Option<&str>, status: u16) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let (got, body) = server.get_with(path, key, &[]);
        if got == status {
            return;
        }
        assert!(Instant::now() < deadline, "{path}: {got} {body}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_revoked_key_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = kim_store(dir.path());
    let server = TestServer::start(&db, fast_config());
    let key = add_key(&db, "leaver", Role::Analyst);
    wait_for_status(&server, "/alerts", Some(&key), 200);
    Store::open(&db)
        .unwrap()
        .revoke_api_key("leaver", "test")
        .unwrap();
    wait_for_status(&server, "/alerts", Some(&key), 401);
    assert_error(
        &json_of(server.get_with("/alerts", Some(&key), &[])),
        401,
        "unknown or revoked",
    );
}

#[test]
fn a_server_without_keys_refuses_to_start_and_says_how_to_make_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = kim_store(dir.path());
    let state = embargo_server::AppState::open(&db, fast_config()).unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let outcome = runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        embargo_server::serve(listener, state, async {}).await
    });
    let error = outcome.unwrap_err();
    assert!(matches!(error, ServerError::NoKeys { .. }), "{error}");
    let message = error.to_string();
    assert!(message.contains("keys add NAME --role admin"), "{message}");
    assert!(message.contains("--open-read"), "{message}");
}

#[test]
fn foreign_host_names_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(&kim_store(dir.path()), fast_config());
    let refused = json_of(server.get_with("/healthz", None, &[("host", "evil.example")]));
    assert_error(&refused, 421, "\"evil.example\" is not served here");
    let rebinding = server.get_with(
        "/search?q=Kim",
        server.key.as_deref(),
        &[("host", "evil.example:8080")],
    );
    assert_eq!(rebinding.0, 421);
    let port = server.address.port();
    for host in [format!("localhost:{port}"), format!("127.0.0.1:{port}")] {
        assert_eq!(server.get_with("/healthz", None, &[("host", &host)]).0, 200);
    }

    let dir = tempfile::tempdir().unwrap();
    let config = ServerConfig {
        access: AccessConfig {
            allowed_hosts: vec!["screening.example".to_string()],
            ..AccessConfig::default()
        },
        ..fast_config()
    };
    let named = TestServer::start(&kim_store(dir.path()), config);
    let host = [("host", "Screening.Example:443")];
    assert_eq!(named.get_with("/healthz", None, &host).0, 200);
}

#[test]
fn an_expanding_query_is_refused_at_once_with_the_limit_named() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(&kim_store(dir.path()), fast_config());
    let ligatures = "\u{FDFA}".repeat(450);
    let encoded: String = ligatures
        .bytes()
        .map(|byte| format!("%{byte:02X}"))
        .collect();
    assert_error(
        &server.get(&format!("/search?q={encoded}")),
        400,
        "q: more than 500 characters once normalised",
    );
    let body = match_body("Person", json!({"name": ["Kim", ligatures]}));
    assert_error(
        &server.post_json("/match", &body),
        400,
        "queries.q1.properties.name[1]: name: more than 500 characters",
    );
    let words = "ab ".repeat(80);
    assert_error(
        &server.post_json("/match", &match_body("Person", json!({"name": [words]}))),
        400,
        "80 words once normalised, at most 64",
    );
}

#[test]
fn invalid_utf8_in_the_query_string_is_a_json_400() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(&kim_store(dir.path()), fast_config());
    assert_error(
        &server.get("/search?q=%FF%FE"),
        400,
        "parameter \"q\" is not UTF-8",
    );
    assert_error(&server.get("/alerts?%FF=1"), 400, "the name of parameter");
    assert_eq!(server.get("/search?q=%EA%B9%80").0, 200);
}

#[test]
fn oversized_and_malformed_requests_get_json_bodies() {
    let dir = tempfile::tempdir().unwrap();
    let server = TestServer::start(&kim_store(dir.path()), fast_config());
    // Past the URI limit (8 KiB) but within the head limit: the server's 414.
    assert_error(
        &server.get(&format!("/search?q={}", "a".repeat(9000))),
        414,
        "at most 8192 allowed",
    );
    // Past the head limit (32 KiB): hyper's own 431, with a JSON body.
    let long_uri = format!(
        "GET /search?q={} HTTP/1.1\r\nHost: localhost\r\n\r\n",
        "a".repeat(40_000)
    );
    let (status, body) = raw_exchange(&server, long_uri.as_bytes());
    assert_eq!(status, 431, "{body}");
    assert!(
        body["detail"].as_str().unwrap().contains("32768 bytes"),
        "{body}"
    );
    let big_header = format!(
        "GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Big: {}\r\n\r\n",
        "b".repeat(40_000)
    );
    assert_eq!(raw_exchange(&server, big_header.as_bytes()).0, 431);
    let many = (0..120)
        .map(|i| format!("X-H{i}: 1\r\n"))
        .collect::<String>();
    let many_headers = format!("GET /healthz HTTP/1.1\r\nHost: localhost\r\n{many}\r\n");
    assert_eq!(raw_exchange(&server, many_headers.as_bytes()).0, 431);
    let (status, body) = raw_exchange(&server, b"GARBAGE\x01 / HTTP/1.1\r\n\r\n");
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["error"], "bad_request");
    // A good request after a parse error on another connection is served.
    assert_eq!(server.get("/healthz").0, 200);
}

#[test]
fn a_request_past_its_time_budget_is_answered_503() {
    let dir = tempfile::tempdir().unwrap();
    let config = ServerConfig {
        limits: Limits {
            request_timeout: Duration::ZERO,
            ..Limits::default()
        },
        ..fast_config()
    };
    let server = TestServer::start(&kim_store(dir.path()), config);
    let body = match_body("Person", json!({"name": ["Kim Sang-man"]}));
    assert_error(
        &server.post_json("/match", &body),
        503,
        "time budget of 0 s",
    );
    assert_eq!(server.get("/healthz").0, 200);
}

#[test]
fn silent_connections_past_the_cap_do_not_stop_health_checks() {
    let dir = tempfile::tempdir().unwrap();
    let config = ServerConfig {
        connections: ConnectionLimits {
            max_connections: 50,
            header_timeout: Duration::from_millis(500),
            ..ConnectionLimits::default()
        },
        ..fast_config()
    };
    let server = TestServer::start(&kim_store(dir.path()), config);
    let silent: Vec<TcpStream> = (0..60)
        .map(|_| TcpStream::connect(server.address).unwrap())
        .collect();
    // A new connection waits for one of the silent ones to be timed out,
    // then is served.
    assert_eq!(server.get("/healthz").0, 200);
    let (_, metrics) = server.get_text("/metrics");
    let peak: u64 = metrics
        .lines()
        .find_map(|line| line.strip_prefix("embargo_connections_peak "))
        .unwrap()
        .parse()
        .unwrap();
    assert!(peak <= 50, "{peak} connections were open at once");
    assert!(
        metrics
            .lines()
            .any(|line| line == "embargo_connections_limit 50"),
        "{metrics}"
    );
    drop(silent);
}

#[test]
fn a_slow_header_sender_is_cut_off() {
    let dir = tempfile::tempdir().unwrap();
    let config = ServerConfig {
        connections: ConnectionLimits {
            header_timeout: Duration::from_millis(300),
            ..ConnectionLimits::default()
        },
        ..fast_config()
    };
    let server = TestServer::start(&kim_store(dir.path()), config);
    let mut slow = TcpStream::connect(server.address).unwrap();
    slow.write_all(b"GET /healthz HTTP/1.1\r\nHost: local")
        .unwrap();
    slow.set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let mut answer = Vec::new();
    let read = slow.read_to_end(&mut answer);
    assert!(
        read.is_ok(),
        "the connection was still open after 20 s: {read:?}"
    );
    assert!(answer.is_empty(), "{}", String::from_utf8_lossy(&answer));
}

#[test]
fn tls_round_trip_with_a_self_signed_certificate() {
    let dir = tempfile::tempdir().unwrap();
    let certified = rcgen::generate_simple_self_signed(vec!["localhost".to_string()]).unwrap();
    let cert = dir.path().join("cert.pem");
    let key = dir.path().join("key.pem");
    std::fs::write(&cert, certified.cert.pem()).unwrap();
    std::fs::write(&key, certified.signing_key.serialize_pem()).unwrap();
    let config = ServerConfig {
        tls: Some(TlsFiles {
            cert: cert.clone(),
            key: key.clone(),
        }),
        ..fast_config()
    };
    let db = kim_store(dir.path());
    let secret = add_key(&db, "tls-client", Role::Screen);
    let state = embargo_server::AppState::open(&db, config).unwrap();
    let server = TestServer::start_unloaded_serving(state);
    let root = ureq::tls::Certificate::from_der(certified.cert.der()).to_owned();
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .tls_config(
            ureq::tls::TlsConfig::builder()
                .root_certs(ureq::tls::RootCerts::new_with_certs(&[root]))
                .build(),
        )
        .build()
        .into();
    let base = format!("https://localhost:{}", server.address.port());
    let deadline = Instant::now() + Duration::from_secs(60);
    while agent
        .get(&format!("{base}/readyz"))
        .call()
        .map_or(true, |r| r.status() != 200)
    {
        assert!(Instant::now() < deadline, "never ready over TLS");
        std::thread::sleep(Duration::from_millis(50));
    }
    let mut response = agent
        .get(&format!("{base}/search?q=Kim%20Sang-man"))
        .header("authorization", &format!("Bearer {secret}"))
        .call()
        .unwrap();
    assert_eq!(response.status(), 200);
    let text = response.body_mut().read_to_string().unwrap();
    assert!(text.contains("KIM, Sang Man"), "{text}");
    // Plain HTTP to the TLS port is not served.
    let plain = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(20)))
        .build()
        .new_agent()
        .get(&format!(
            "http://127.0.0.1:{}/healthz",
            server.address.port()
        ))
        .call();
    assert!(plain.is_err(), "{plain:?}");
}
