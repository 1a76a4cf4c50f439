//! `embargo export --format ftm` checked by FollowTheMoney's own tools:
//! the `followthemoney` package from PyPI is installed into a venv under
//! cargo's test scratch folder (`CARGO_TARGET_TMPDIR`), and its
//! `ftm validate` re-reads and cleans every exported entity. Without
//! python3 or PyPI the tests skip with a message, except in CI
//! (`CI=true`), where that is a failure. The OFAC 2024-05 + UN export
//! needs `EMBARGO_TEST_DATA`; the round trip of a hand-written FtM file
//! does not.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use serde_json::Value;

fn embargo(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_embargo"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("run embargo")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn ok(output: Output) -> Output {
    assert_eq!(
        output.status.code(),
        Some(0),
        "stdout: {}\nstderr: {}",
        text(&output.stdout),
        text(&output.stderr)
    );
    output
}

/// The `ftm` command of a venv holding `followthemoney` from PyPI,
/// installed once per test run; `None` (after saying why) when it cannot
/// be installed outside CI.
fn ftm_tool() -> Option<PathBuf> {
    static TOOL: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    let tool = TOOL.get_or_init(install_ftm);
    match tool {
        Ok(path) => Some(path.clone()),
        Err(why) => {
            assert!(
                !embargo_testkit::in_ci(),
                "FollowTheMoney's tools are needed in CI: {why}"
            );
            eprintln!("skipped: cannot install followthemoney from PyPI: {why}");
            None
        }
    }
}

fn install_ftm() -> Result<PathBuf, String> {
    let venv = Path::new(env!("CARGO_TARGET_TMPDIR")).join("ftm-venv");
    let tool = venv.join("bin").join("ftm");
    if tool.exists() {
        return Ok(tool);
    }
    let run = |command: &mut Command| -> Result<(), String> {
        let output = command
            .output()
            .map_err(|error| format!("{command:?}: {error}"))?;
        if output.status.success() {
            Ok(())
        } else {
            Err(format!("{command:?}: {}", text(&output.stderr)))
        }
    };
    run(Command::new("python3").args(["-m", "venv"]).arg(&venv))?;
    run(Command::new(venv.join("bin").join("pip")).args([
        "install",
        "--quiet",
        "--disable-pip-version-check",
        "followthemoney",
    ]))?;
    tool.exists()
        .then(|| tool.clone())
        .ok_or_else(|| format!("{} missing after install", tool.display()))
}

/// The entities of a JSON-lines file.
fn lines(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

/// `ftm validate` of `input`: it must succeed; returns what it wrote.
fn validate(ftm: &Path, input: &Path) -> Vec<Value> {
    let output = input.with_extension("validated.json");
    let run = Command::new(ftm)
        .args(["validate", "-i"])
        .arg(input)
        .arg("-o")
        .arg(&output)
        .output()
        .unwrap();
    assert!(run.status.success(), "ftm validate: {}", text(&run.stderr));
    lines(&output)
}

/// Property → values of an entity.
fn properties(entity: &Value) -> BTreeMap<String, Vec<String>> {
    serde_json::from_value(entity["properties"].clone()).unwrap()
}

fn key(entity: &Value) -> (String, String) {
    (
        entity["id"].as_str().unwrap().to_string(),
        entity["schema"].as_str().unwrap().to_string(),
    )
}

#[test]
fn ofac_and_un_export_validates_with_followthemoney() {
    let ofac = embargo_testkit::require_data!("ofac/2024-05");
    let un = embargo_testkit::require_data!("un/consolidated-2026-02-27.xml");
    let Some(ftm) = ftm_tool() else { return };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store.db");
    ok(embargo(&db, &["init"]));
    ok(embargo(&db, &["import", ofac.to_str().unwrap()]));
    ok(embargo(&db, &["import", un.to_str().unwrap()]));
    let out = dir.path().join("export.ftm.json");
    let run = ok(embargo(
        &db,
        &["export", "--format", "ftm", "-o", out.to_str().unwrap()],
    ));
    let written = lines(&out);
    // 14,965 SDN entries and 1,003 UN entries, each with its related
    // entities.
    assert!(
        text(&run.stderr).contains("exported 15968 entities as"),
        "{}",
        text(&run.stderr)
    );
    assert!(written.len() > 15_968 * 2, "{} lines", written.len());
    let cleaned = validate(&ftm, &out);
    assert_eq!(cleaned.len(), written.len());
    let mut by_schema: BTreeMap<String, usize> = BTreeMap::new();
    for (before, after) in written.iter().zip(&cleaned) {
        assert_eq!(key(before), key(after));
        assert_eq!(before["datasets"], after["datasets"], "{}", before["id"]);
        let (kept, required) = (properties(after), properties(before));
        // FtM keeps every property its schema requires.
        for property in [
            "name", "entity", "holder", "number", "subject", "object", "owner", "asset",
        ] {
            if required.contains_key(property) {
                assert!(
                    kept.contains_key(property),
                    "{}: {property} dropped",
                    before["id"]
                );
            }
        }
        *by_schema.entry(key(before).1).or_default() += 1;
    }
    for schema in [
        "Person",
        "Organization",
        "Vessel",
        "Airplane",
        "Sanction",
        "Address",
        "Passport",
        "Identification",
        "CryptoWallet",
        "UnknownLink",
    ] {
        assert!(
            by_schema.get(schema).is_some_and(|n| *n > 0),
            "no {schema}: {by_schema:?}"
        );
    }
    // KIM Sang Man and everything written beside him pass FtM's cleaning
    // unchanged.
    let kim: Vec<(&Value, &Value)> = written
        .iter()
        .zip(&cleaned)
        .filter(|(before, _)| {
            before["id"]
                .as_str()
                .is_some_and(|id| id.starts_with("ofac-sdn-43377"))
        })
        .collect();
    assert!(kim.len() >= 4, "{kim:?}");
    for (before, after) in kim {
        assert_eq!(properties(before), properties(after), "{}", before["id"]);
    }
}

#[test]
fn ftm_file_round_trips_through_import_and_export() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../embargo-core/tests/fixtures/ftm/round-trip.ftm.json");
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store.db");
    ok(embargo(&db, &["init"]));
    let import = |path: &Path, name: &str| {
        ok(embargo(
            &db,
            &[
                "import",
                "--source",
                "ftm",
                "--name",
                name,
                path.to_str().unwrap(),
            ],
        ));
    };
    import(&fixture, "first");
    let first = dir.path().join("first.ftm.json");
    ok(embargo(
        &db,
        &["export", "--source", "first", "-o", first.to_str().unwrap()],
    ));
    import(&first, "second");
    let second = dir.path().join("second.ftm.json");
    ok(embargo(
        &db,
        &[
            "export",
            "--source",
            "second",
            "-o",
            second.to_str().unwrap(),
        ],
    ));
    let (first_text, second_text) = (
        std::fs::read_to_string(&first).unwrap(),
        std::fs::read_to_string(&second).unwrap(),
    );
    // 5 screened entities; Anna: an address, two documents, a wallet, a
    // sanction, a link; Boris: two links; ACME: a document, two links.
    assert_eq!(first_text.lines().count(), 16, "{first_text}");
    assert_eq!(first_text, second_text);
    let Some(ftm) = ftm_tool() else { return };
    let written = lines(&first);
    let cleaned = validate(&ftm, &first);
    assert_eq!(written.len(), cleaned.len());
    for (before, after) in written.iter().zip(&cleaned) {
        assert_eq!(key(before), key(after));
        assert_eq!(properties(before), properties(after), "{}", before["id"]);
    }
}
