//! The server against real clients from PyPI, installed into a virtual
//! environment under cargo's scratch folder (`CARGO_TARGET_TMPDIR`):
//!
//! * nomenklatura's yente enricher (OpenSanctions' own client for the
//!   yente API) matching FtM entities against a real server over the
//!   real OFAC and UN lists;
//! * `openapi-spec-validator` on `/openapi.json`.
//!
//! Without Python, pip or the network these tests print why and pass,
//! except in CI (`CI=true`), where they fail: a skipped test there would
//! look like a passed one.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

use common::{TestServer, fast_config, import, store_path};
use serde_json::Value;

/// The packages the tests install.
const PACKAGES: &[&str] = &["nomenklatura", "openapi-spec-validator"];

/// Serializes the venv's creation between the tests of this binary.
static VENV: Mutex<()> = Mutex::new(());

/// The virtual environment with [`PACKAGES`], made once; `None` (after
/// saying why) when it cannot be made outside CI.
fn venv() -> Option<PathBuf> {
    let _guard = VENV
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("pypi-clients-venv");
    let marker = dir.join("installed.txt");
    if std::fs::read_to_string(&marker).is_ok_and(|text| text == PACKAGES.join(" ")) {
        return Some(dir);
    }
    let made = Command::new("python3")
        .args(["-m", "venv"])
        .arg(&dir)
        .status()
        .map_err(|error| format!("python3 -m venv: {error}"))
        .and_then(|status| {
            status
                .success()
                .then_some(())
                .ok_or_else(|| format!("python3 -m venv exited with {status}"))
        })
        .and_then(|()| {
            let status = Command::new(dir.join("bin/pip"))
                .args(["install", "--quiet", "--disable-pip-version-check"])
                .args(PACKAGES)
                .status()
                .map_err(|error| format!("pip: {error}"))?;
            status
                .success()
                .then_some(())
                .ok_or_else(|| format!("pip install {} exited with {status}", PACKAGES.join(" ")))
        });
    match made {
        Ok(()) => {
            std::fs::write(&marker, PACKAGES.join(" ")).unwrap();
            Some(dir)
        }
        Err(why) => {
            assert!(
                !embargo_testkit::in_ci(),
                "CI: the PyPI clients could not be installed: {why}"
            );
            eprintln!("skipped: the PyPI clients could not be installed ({why})");
            None
        }
    }
}

/// Drives nomenklatura's yente enricher: matches each FtM entity given
/// on standard input (one JSON object a line), expands the first match,
/// and prints `{entity id: {"matches": [...], "expanded": [...]}}`.
const ENRICH_SCRIPT: &str = r#"
import json, sys
from followthemoney import StatementEntity
from followthemoney.dataset import Dataset
from nomenklatura.cache import Cache
from nomenklatura.db import make_session
from nomenklatura.enrich import make_enricher

api, key = sys.argv[1], sys.argv[2]
dataset = Dataset.make({"name": "embargo_test", "title": "embargo test"})
cache = Cache(make_session(), dataset, create=True)
config = {"type": "nomenklatura.enrich.yente:YenteEnricher", "api": api,
          "api_key": key, "cache_days": 0}
enricher = make_enricher(dataset, cache, config)
out = {}
for line in sys.stdin:
    entity = StatementEntity.from_data(dataset, json.loads(line))
    matches = list(enricher.match(entity))
    expanded = list(enricher.expand(entity, matches[0])) if matches else []
    out[entity.id] = {
        "matches": [{"id": m.id, "caption": m.caption, "schema": m.schema.name,
                     "birthDate": m.get("birthDate"), "datasets": sorted(m.datasets)}
                    for m in matches],
        "expanded": [e.id for e in expanded],
    }
print(json.dumps(out))
"#;

fn run_python(venv: &Path, script: &str, args: &[&str], stdin: &str, dir: &Path) -> String {
    use std::io::Write;
    let path = dir.join("script.py");
    std::fs::write(&path, script).unwrap();
    let mut child = Command::new(venv.join("bin/python"))
        .arg(&path)
        .args(args)
        .env(
            "NOMENKLATURA_DB_URL",
            format!("sqlite:///{}", dir.join("nk.db").display()),
        )
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "python failed: {stderr}");
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn nomenklatura_yente_enricher_finds_kim_sang_man_and_putin() {
    let sdn = embargo_testkit::require_data!("ofac/2024-05");
    let un = embargo_testkit::require_data!("un/consolidated-2026-02-27.xml");
    let Some(venv) = venv() else { return };
    let dir = tempfile::tempdir().unwrap();
    let db = store_path(dir.path());
    import(&db, &[sdn]);
    import(&db, &[un]);
    let server = TestServer::start(&db, fast_config());
    let entities = [
        serde_json::json!({"id": "q-kim", "schema": "Person", "properties": {
            "name": ["Kim Sang-man"], "address": ["Pyongyang, North Korea"],
            "birthPlace": ["Pyongyang"], "topics": ["sanction"]}}),
        serde_json::json!({"id": "q-putin", "schema": "Person", "properties": {
            "name": ["Vladimir Putin"]}}),
    ];
    let stdin: String = entities.iter().map(|e| format!("{e}\n")).collect();
    let api = format!("{}/", server.base);
    let key = server.key.clone().unwrap();
    let printed = run_python(&venv, ENRICH_SCRIPT, &[&api, &key], &stdin, dir.path());
    let out: Value = serde_json::from_str(printed.trim()).unwrap();
    let kim = out["q-kim"]["matches"].as_array().unwrap();
    assert!(!kim.is_empty(), "{out}");
    assert_eq!(kim[0]["id"], "ofac-sdn:43377", "{out}");
    assert_eq!(kim[0]["caption"], "KIM, Sang Man", "{out}");
    assert_eq!(kim[0]["schema"], "Person");
    assert_eq!(kim[0]["birthDate"], serde_json::json!(["1965-04-25"]));
    assert_eq!(out["q-kim"]["expanded"][0], "ofac-sdn:43377", "{out}");
    let putin = out["q-putin"]["matches"].as_array().unwrap();
    assert!(!putin.is_empty(), "{out}");
    assert!(
        putin[0]["caption"]
            .as_str()
            .unwrap()
            .to_uppercase()
            .contains("PUTIN"),
        "{out}"
    );
}

#[test]
fn openapi_document_validates() {
    let Some(venv) = venv() else { return };
    let server = TestServer::start_demo(fast_config());
    let (status, document) = server.get_text("/openapi.json");
    assert_eq!(status, 200);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("openapi.json");
    std::fs::write(&path, &document).unwrap();
    let output = Command::new(venv.join("bin/openapi-spec-validator"))
        .arg(&path)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("OK"), "{stdout}");
    // The yente and reconciliation routes are in it.
    for path in [
        "/match/{dataset}",
        "/search/{dataset}",
        "/catalog",
        "/reconcile/{dataset}",
    ] {
        assert!(document.contains(&format!("\"{path}\"")), "{path} missing");
    }
}
