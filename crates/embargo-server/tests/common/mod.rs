//! Test harness: a real server on 127.0.0.1 (port 0) over a real SQLite
//! store in a temporary folder, and a small HTTP client. The server runs
//! with keys required; [`TestServer::start`] creates an admin key named
//! `admin` that its requests send unless told otherwise.

#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use embargo_core::sources::{self, ListFiles};
use embargo_server::{AppState, ServerConfig};
use embargo_store::{ImportRequest, Publication, PublicationOrigin, Role, Store};
use serde_json::Value;
use tokio::sync::oneshot;

/// A running server; stopped (gracefully) when dropped.
pub struct TestServer {
    pub base: String,
    pub address: SocketAddr,
    pub state: AppState,
    /// The secret its requests send (`Authorization: Bearer`), if any.
    pub key: Option<String>,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

/// Configuration for tests: fast polling, default limits.
pub fn fast_config() -> ServerConfig {
    ServerConfig {
        poll_interval: Duration::from_millis(100),
        ..ServerConfig::default()
    }
}

impl TestServer {
    /// Serves the store at `db` with `embargo_server::serve` (lists loaded
    /// in the background, then polled) and waits until ready.
    pub fn start(db: &Path, config: ServerConfig) -> TestServer {
        let secret = add_key(db, "admin", Role::Admin);
        let mut server = TestServer::start_without_key(db, config);
        server.key = Some(secret);
        server
    }

    /// [`TestServer::start`] without creating a key: requests send none.
    pub fn start_without_key(db: &Path, config: ServerConfig) -> TestServer {
        let state = AppState::open(db, config).unwrap();
        let server = TestServer::spawn(state, true);
        server.wait_ready();
        server
    }

    /// Serves the bundled demo list as `embargo serve --demo` does (ready
    /// with it) and waits until ready.
    pub fn start_demo(config: ServerConfig) -> TestServer {
        let state = AppState::demo(config, true).unwrap();
        let server = TestServer::spawn(state, true);
        server.wait_ready();
        server
    }

    /// Serves `state` with `embargo_server::serve` (TLS, keys and limits as
    /// configured) without waiting for it to be ready.
    pub fn start_unloaded_serving(state: AppState) -> TestServer {
        TestServer::spawn(state, true)
    }

    /// Serves `state` without loading anything (no poller): `/readyz`
    /// answers 503 until the test loads the lists itself.
    pub fn start_unloaded(state: AppState) -> TestServer {
        TestServer::spawn(state, false)
    }

    fn spawn(state: AppState, with_poller: bool) -> TestServer {
        let (address_tx, address_rx) = std::sync::mpsc::channel();
        let (stop, stopped) = oneshot::channel::<()>();
        let served = state.clone();
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
                address_tx.send(listener.local_addr().unwrap()).unwrap();
                let shutdown = async {
                    let _ = stopped.await;
                };
                if with_poller {
                    embargo_server::serve(listener, served, shutdown)
                        .await
                        .unwrap();
                } else {
                    axum::serve(listener, embargo_server::app(served))
                        .with_graceful_shutdown(shutdown)
                        .await
                        .unwrap();
                }
            });
        });
        let address = address_rx.recv().unwrap();
        TestServer {
            base: format!("http://{address}"),
            address,
            state,
            key: None,
            stop: Some(stop),
            thread: Some(thread),
        }
    }

    /// Waits (at most 60 s) for `/readyz` to answer 200.
    pub fn wait_ready(&self) {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if self.get("/readyz").0 == 200 {
                return;
            }
            assert!(Instant::now() < deadline, "server never became ready");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// `GET path` → (status, JSON body).
    pub fn get(&self, path: &str) -> (u16, Value) {
        let (status, text) = self.get_text(path);
        (status, parse(&text))
    }

    /// `GET path` → (status, body text).
    pub fn get_text(&self, path: &str) -> (u16, String) {
        self.get_with(path, self.key.as_deref(), &[])
    }

    /// `GET path` sending `key` (none when `None`) and `headers` →
    /// (status, body text).
    pub fn get_with(
        &self,
        path: &str,
        key: Option<&str>,
        headers: &[(&str, &str)],
    ) -> (u16, String) {
        let mut request = agent().get(&format!("{}{path}", self.base));
        if let Some(key) = key {
            request = request.header("authorization", &format!("Bearer {key}"));
        }
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        read(request.call().unwrap())
    }

    /// `POST path` with a JSON body sent with `key` → (status, JSON body).
    pub fn post_json_with(&self, path: &str, body: &str, key: Option<&str>) -> (u16, Value) {
        let mut request = agent()
            .post(&format!("{}{path}", self.base))
            .header("content-type", "application/json");
        if let Some(key) = key {
            request = request.header("authorization", &format!("Bearer {key}"));
        }
        let (status, text) = read(request.send(body).unwrap());
        (status, parse(&text))
    }

    /// `POST path` with a JSON body → (status, JSON body).
    pub fn post_json(&self, path: &str, body: &str) -> (u16, Value) {
        self.post(path, "application/json", body)
    }

    /// `POST path` with any content type → (status, JSON body).
    pub fn post(&self, path: &str, content_type: &str, body: &str) -> (u16, Value) {
        let mut request = agent()
            .post(&format!("{}{path}", self.base))
            .header("content-type", content_type);
        if let Some(key) = &self.key {
            request = request.header("authorization", &format!("Bearer {key}"));
        }
        let (status, text) = read(request.send(body).unwrap());
        (status, parse(&text))
    }

    /// Stops the server gracefully and waits for it.
    pub fn stop(mut self) {
        self.shutdown();
    }

    /// Tells the server to shut down gracefully, without waiting.
    pub fn request_stop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }

    fn shutdown(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            thread.join().unwrap();
        }
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.shutdown();
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .into()
}

fn read(mut response: ureq::http::Response<ureq::Body>) -> (u16, String) {
    let status = response.status().as_u16();
    let text = response
        .body_mut()
        .with_config()
        .limit(64 * 1024 * 1024)
        .read_to_string()
        .unwrap();
    (status, text)
}

fn parse(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|_| panic!("not JSON: {text}"))
}

/// Creates a key `name` of `role` in the store at `db`; returns its secret.
pub fn add_key(db: &Path, name: &str, role: Role) -> String {
    let mut store = Store::open(db).unwrap();
    store.add_api_key(name, role, "test").unwrap().secret
}

/// `POST path` with raw bytes → (status, JSON body).
pub fn post_bytes(
    server: &TestServer,
    path: &str,
    content_type: &str,
    body: &[u8],
) -> (u16, Value) {
    let mut request = agent()
        .post(&format!("{}{path}", server.base))
        .header("content-type", content_type);
    if let Some(key) = &server.key {
        request = request.header("authorization", &format!("Bearer {key}"));
    }
    let response = request.send(body).unwrap();
    let (status, text) = read(response);
    (status, parse(&text))
}

/// A `/match` body with one query.
pub fn match_body(schema: &str, properties: Value) -> String {
    serde_json::json!({"queries": {"q1": {"schema": schema, "properties": properties}}}).to_string()
}

/// A fresh store file in `dir`.
pub fn store_path(dir: &Path) -> PathBuf {
    dir.join("embargo.db")
}

/// Imports the files at `paths` (format detected) into the store at `db`,
/// creating the store if needed.
pub fn import(db: &Path, paths: &[PathBuf]) {
    import_published(db, paths, None);
}

/// [`import`] with a publication date (`2024-05-03`), as `embargo import
/// --published` gives it; returns whether each publication was activated.
pub fn import_published(db: &Path, paths: &[PathBuf], published: Option<&str>) -> Vec<bool> {
    let mut store = Store::open_or_create(db).unwrap();
    let published =
        published.map(|date| Publication::new(date.parse().unwrap(), PublicationOrigin::Option));
    sources::detect(paths)
        .unwrap()
        .iter()
        .map(|files| import_files(&mut store, files, published))
        .collect()
}

fn import_files(store: &mut Store, files: &ListFiles, published: Option<Publication>) -> bool {
    let source_id = files.format.default_source_id(files.primary());
    store
        .import(
            ImportRequest::new(&source_id, files).published(published),
            |sink| sources::parse(files, &source_id, sink),
        )
        .unwrap()
        .is_activated()
}

/// A store in `dir` holding one custom list, `custom-watch`, with the
/// 23 May 2023 designee KIM Sang Man (`custom-watch:K-1`) and another
/// person: for tests of what a store-backed server records.
pub fn kim_store(dir: &Path) -> PathBuf {
    let db = store_path(dir);
    let list = write_custom_list(
        dir,
        "watch.csv",
        &[
            ("K-1", "KIM, Sang Man", "1965-04-25"),
            ("Q-1", "QUARTERMAIN, Allan", "1950-01-01"),
        ],
    );
    import(&db, &[list]);
    db
}

/// Writes a custom-list CSV named `name` in `dir` with one person per
/// `(id, name, birth date)` row; returns its path.
pub fn write_custom_list(dir: &Path, name: &str, rows: &[(&str, &str, &str)]) -> PathBuf {
    let mut csv = String::from("id,type,name,birth_date,nationality,programs\n");
    for (id, person, born) in rows {
        csv.push_str(&format!("{id},person,\"{person}\",{born},DE,TEST\n"));
    }
    let path = dir.join(name);
    std::fs::write(&path, csv).unwrap();
    path
}

/// The first result of query `q1` in a `/match` response.
pub fn first_result(body: &Value) -> &Value {
    &body["responses"]["q1"]["results"][0]
}

/// Asserts that `response` is a JSON error with this status, a non-empty
/// `error` and a `detail` containing `detail_part`.
pub fn assert_error(response: &(u16, Value), status: u16, detail_part: &str) {
    let (got, body) = response;
    assert_eq!(*got, status, "{body}");
    assert_eq!(body["status"], status, "{body}");
    assert!(
        body["error"].as_str().is_some_and(|e| !e.is_empty()),
        "{body}"
    );
    let detail = body["detail"].as_str().unwrap();
    assert!(
        detail.contains(detail_part),
        "{detail:?} lacks {detail_part:?}"
    );
}

/// `POST /match`-style request over a raw connection that sends its body
/// only when the server asks for it (`Expect: 100-continue`): the server
/// has then read the head and is waiting for the body, which a test can
/// rely on instead of sleeping. `before_body` runs at that point. A server
/// that answers at once (a body over the limit, refused by its announced
/// length) never gets the body, so no write races its close.
/// Returns the final status and body (`Connection: close`, read to the
/// end).
pub fn post_expecting_continue(
    address: SocketAddr,
    key: Option<&str>,
    path: &str,
    body: &str,
    before_body: impl FnOnce(),
) -> (u16, String) {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let authorization = key.map_or(String::new(), |key| {
        format!("Authorization: Bearer {key}\r\n")
    });
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n\
         {authorization}Content-Length: {}\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).unwrap();
    let mut received = Vec::new();
    let (status, rest) = loop {
        let mut chunk = [0u8; 4096];
        let read = stream.read(&mut chunk).unwrap();
        assert!(read > 0, "connection closed before a response");
        received.extend_from_slice(&chunk[..read]);
        if let Some(end) = find(&received, b"\r\n\r\n") {
            break (status_of(&received), received.split_off(end + 4));
        }
    };
    let mut response = if status == 100 {
        before_body();
        stream.write_all(body.as_bytes()).unwrap();
        rest
    } else {
        [received, rest].concat()
    };
    stream.read_to_end(&mut response).unwrap();
    let text = String::from_utf8(response).unwrap();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let chunked = head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked");
    let body = if chunked {
        unchunk(body)
    } else {
        body.to_string()
    };
    (status_of(head.as_bytes()), body)
}

/// Where `needle` first stands in `bytes`.
fn find(bytes: &[u8], needle: &[u8]) -> Option<usize> {
    bytes.windows(needle.len()).position(|w| w == needle)
}

/// The status code of a response head (`HTTP/1.1 200 OK`).
fn status_of(head: &[u8]) -> u16 {
    let text = String::from_utf8_lossy(head);
    text.split_whitespace().nth(1).unwrap().parse().unwrap()
}

/// The payload of a chunked body.
fn unchunk(mut body: &str) -> String {
    let mut payload = String::new();
    while let Some((size, rest)) = body.split_once("\r\n") {
        let size = usize::from_str_radix(size.trim(), 16).unwrap();
        if size == 0 {
            break;
        }
        payload.push_str(&rest[..size]);
        body = &rest[size + 2..];
    }
    payload
}
