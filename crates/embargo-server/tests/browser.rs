//! Browser test: the web UI in headless Chromium, driven through
//! chromedriver's WebDriver protocol (plain JSON over HTTP). Types
//! `Kim Sang-man` into the search box, presses Enter and checks that
//! `KIM, Sang Man` is shown with its explanation, then follows the result
//! to the entity page and opens the lists page.
//!
//! Skips with a message when `chromium` or `chromedriver` is not
//! installed (`.ci/run` installs the Debian packages).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{TestServer, fast_config};
use serde_json::{Value, json};

/// The WebDriver key code of Enter.
const ENTER: &str = "\u{E007}";
/// The key under which WebDriver returns an element reference.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

fn find_program(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| names.iter().map(move |name| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

/// chromedriver on a free loopback port; killed when dropped.
struct Driver {
    child: Child,
    base: String,
    agent: ureq::Agent,
}

impl Driver {
    fn start(program: &PathBuf) -> Driver {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new(program)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(60)))
            .build()
            .into();
        let driver = Driver {
            child,
            base: format!("http://127.0.0.1:{port}"),
            agent,
        };
        let deadline = Instant::now() + Duration::from_secs(30);
        while driver
            .try_get("/status")
            .is_none_or(|s| s["value"]["ready"] != true)
        {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        driver
    }

    fn try_get(&self, path: &str) -> Option<Value> {
        let mut response = self
            .agent
            .get(&format!("{}{path}", self.base))
            .call()
            .ok()?;
        response.body_mut().read_json().ok()
    }

    fn send(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let url = format!("{}{path}", self.base);
        let mut response = match (method, body) {
            ("GET", _) => self.agent.get(&url).call(),
            ("DELETE", _) => self.agent.delete(&url).call(),
            (_, body) => self
                .agent
                .post(&url)
                .send_json(body.unwrap_or_else(|| json!({}))),
        }
        .unwrap();
        let status = response.status().as_u16();
        let value: Value = response.body_mut().read_json().unwrap();
        assert_eq!(status, 200, "WebDriver {method} {path}: {value}");
        value["value"].clone()
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One browser session.
struct Session<'a> {
    driver: &'a Driver,
    id: String,
}

impl<'a> Session<'a> {
    fn new(driver: &'a Driver, chromium: &PathBuf, profile: &std::path::Path) -> Session<'a> {
        let args = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--window-size=1366,900",
        ]
        .iter()
        .map(|a| a.to_string())
        .chain([format!("--user-data-dir={}", profile.display())])
        .collect::<Vec<_>>();
        let capabilities = json!({"capabilities": {"alwaysMatch": {
            "goog:chromeOptions": {"binary": chromium, "args": args}
        }}});
        let value = driver.send("POST", "/session", Some(capabilities));
        Session {
            driver,
            id: value["sessionId"].as_str().unwrap().to_string(),
        }
    }

    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        self.driver
            .send(method, &format!("/session/{}{path}", self.id), body)
    }

    fn open(&self, url: &str) {
        self.call("POST", "/url", Some(json!({"url": url})));
    }

    fn find_all(&self, css: &str) -> Vec<String> {
        let found = self.call(
            "POST",
            "/elements",
            Some(json!({"using": "css selector", "value": css})),
        );
        found
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                e[ELEMENT_KEY]
                    .as_str()
                    .unwrap_or_else(|| panic!("{found}"))
                    .to_string()
            })
            .collect()
    }

    /// Waits (at most 20 s) for an element matching `css` whose text
    /// satisfies `ready`; returns its text.
    fn wait_for_text(&self, css: &str, ready: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            for element in self.find_all(css) {
                let text = self.text(&element);
                if ready(&text) {
                    return text;
                }
            }
            assert!(Instant::now() < deadline, "nothing matching {css} appeared");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn text(&self, element: &str) -> String {
        self.call("GET", &format!("/element/{element}/text"), None)
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    fn active_element(&self) -> String {
        self.call("GET", "/element/active", None)[ELEMENT_KEY]
            .as_str()
            .unwrap()
            .to_string()
    }

    fn type_keys(&self, element: &str, text: &str) {
        self.call(
            "POST",
            &format!("/element/{element}/value"),
            Some(json!({"text": text})),
        );
    }
}

impl Drop for Session<'_> {
    fn drop(&mut self) {
        let url = format!("{}/session/{}", self.driver.base, self.id);
        let _ = self.driver.agent.delete(&url).call();
    }
}

#[test]
fn search_page_shows_kim_sang_man_with_explanation() {
    let (Some(chromium), Some(chromedriver)) = (
        find_program(&["chromium", "chromium-browser", "google-chrome"]),
        find_program(&["chromedriver"]),
    ) else {
        assert!(
            !embargo_testkit::in_ci(),
            "CI is set but chromium or chromedriver is missing: the browser test would check nothing"
        );
        eprintln!(
            "skipped: install chromium and chromedriver (Debian: chromium chromium-driver) to run the browser test"
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let driver = Driver::start(&chromedriver);
    let session = Session::new(&driver, &chromium, &dir.path().join("profile"));

    // A store's server needs a key: without one the page says how to
    // give one, and a key typed in the page is sent.
    let keyed = TestServer::start(&common::kim_store(dir.path()), fast_config());
    session.open(&format!("{}/", keyed.base));
    let search_box = session.find_all("#q").pop().expect("a search box");
    session.type_keys(&search_box, &format!("Kim Sang-man{ENTER}"));
    let refused = session.wait_for_text("#status", |t| t.contains("API key"));
    assert!(refused.contains("“API key” box"), "{refused}");
    let key_box = session.find_all("#api-key").pop().expect("an API key box");
    session.type_keys(&key_box, keyed.key.as_deref().unwrap());
    session.type_keys(&search_box, ENTER);
    session.wait_for_text("#results li.result", |t| t.contains("KIM, Sang Man"));

    // The demo list (no store, no keys): searched at once, and named.
    let server = TestServer::start_demo(fast_config());
    session.open(&format!("{}/", server.base));
    let search_box = session.find_all("#q").pop().expect("a search box");
    assert_eq!(
        session.active_element(),
        search_box,
        "the search box has focus on load"
    );
    session.type_keys(&search_box, &format!("Kim Sang-man{ENTER}"));

    let result = session.wait_for_text("#results li.result", |t| t.contains("KIM, Sang Man"));
    assert!(result.contains("match"), "{result}");
    assert!(
        result.contains("Why:") && result.contains("kim=kim"),
        "no explanation: {result}"
    );
    assert!(result.contains("primary name"), "{result}");
    let status = session.wait_for_text("#status", |t| !t.is_empty());
    assert!(status.contains("for “Kim Sang-man”"), "{status}");
    // The page says the demo list is what was searched.
    session.wait_for_text("#served", |t| t.contains("bundled demo list"));

    let link = session.find_all("#results li.result .caption a").remove(0);
    session.call("POST", &format!("/element/{link}/click"), None);
    let title = session.wait_for_text("#title", |t| t == "KIM, Sang Man");
    assert_eq!(title, "KIM, Sang Man");
    session.wait_for_text("#fields", |t| {
        t.contains("109420132") && t.contains("1965-04-25")
    });

    session.open(&format!("{}/ui/lists", server.base));
    session.wait_for_text("#summary", |t| t.contains("bundled demo list"));
}
