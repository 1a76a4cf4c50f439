//! Python environments for the tests of the `embargo` Python package: the
//! wheel built once per test run by the project's own command (maturin
//! from PyPI, in a build venv), fresh venvs it is installed into, and the
//! checks for the tools the tests need. Outside CI a missing tool skips a
//! test with a message; in CI it fails it (`embargo_testkit::in_ci`).
//!
//! Everything lives under the test target's scratch folder
//! (`CARGO_TARGET_TMPDIR/embargo-py`); the wheel's Rust build has a target
//! folder of its own there, so it never waits for the lock of the cargo
//! running the tests, and is incremental from one run to the next
//! (`EMBARGO_PY_TARGET_DIR` names another, e.g. a developer's own target
//! folder whose release build is already there).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use embargo_testkit::{in_ci, workspace_root};

/// The scratch folder of these tests.
pub fn scratch() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("embargo-py")
}

/// The Python interpreter: `EMBARGO_PYTHON`, else `python3`.
pub fn python() -> String {
    std::env::var("EMBARGO_PYTHON").unwrap_or_else(|_| "python3".to_string())
}

/// True when `program args` runs and exits 0.
fn runs(program: &str, args: &[&str]) -> bool {
    Command::new(program)
        .args(args)
        .output()
        .is_ok_and(|output| output.status.success())
}

/// True when the tools are there; otherwise skips (outside CI) or fails
/// (in CI) naming what is missing.
pub fn tools_present(java: bool) -> bool {
    let mut missing = Vec::new();
    let version_ok =
        "import sys, venv, ensurepip; sys.exit(0 if sys.version_info >= (3, 9) else 1)";
    if !runs(&python(), &["-c", version_ok]) {
        missing.push(format!("{} 3.9 or later with venv and pip", python()));
    }
    if java && !runs("java", &["-version"]) {
        missing.push("java (17 or later)".to_string());
    }
    if missing.is_empty() {
        return true;
    }
    assert!(
        !in_ci(),
        "CI is set but {} missing: .ci/run installs them",
        missing.join(" and ")
    );
    eprintln!("skipped: {} not found", missing.join(" and "));
    false
}

/// Runs a command, failing the test with its output unless it succeeds.
pub fn run(command: &mut Command, what: &str) -> Output {
    let output = command
        .output()
        .unwrap_or_else(|error| panic!("{what}: cannot start: {error}"));
    assert!(
        output.status.success(),
        "{what} failed ({}):\n{}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// A new virtual environment at `dir` (any old one removed) with `pip
/// install`ed `packages`.
pub fn fresh_venv(dir: &Path, packages: &[&str]) -> PathBuf {
    if dir.exists() {
        std::fs::remove_dir_all(dir).expect("remove the old venv");
    }
    run(
        Command::new(python()).args(["-m", "venv"]).arg(dir),
        "python -m venv",
    );
    if !packages.is_empty() {
        run(
            Command::new(dir.join("bin/pip"))
                .args(["install", "--quiet", "--disable-pip-version-check"])
                .args(packages),
            &format!("pip install {}", packages.join(" ")),
        );
    }
    dir.to_path_buf()
}

/// The wheel, built once per test process: `maturin build --release` of
/// `crates/embargo-py`, maturin installed from PyPI into a build venv.
pub fn wheel() -> PathBuf {
    static WHEEL: OnceLock<PathBuf> = OnceLock::new();
    WHEEL.get_or_init(build_wheel).clone()
}

fn build_wheel() -> PathBuf {
    let scratch = scratch();
    std::fs::create_dir_all(&scratch).expect("scratch folder");
    let venv = scratch.join("build-venv");
    if !venv.join("bin/maturin").exists() {
        fresh_venv(&venv, &["maturin>=1.9,<2"]);
    }
    let out = scratch.join("wheels");
    if out.exists() {
        std::fs::remove_dir_all(&out).expect("remove old wheels");
    }
    run(
        Command::new(venv.join("bin/maturin"))
            .args(["build", "--release", "--quiet", "--manifest-path"])
            .arg(workspace_root().join("crates/embargo-py/Cargo.toml"))
            .arg("--out")
            .arg(&out)
            .arg("--interpreter")
            .arg(python())
            .env(
                "CARGO_TARGET_DIR",
                std::env::var_os("EMBARGO_PY_TARGET_DIR")
                    .map_or_else(|| scratch.join("cargo-target"), PathBuf::from),
            ),
        "maturin build",
    );
    let wheels: Vec<PathBuf> = std::fs::read_dir(&out)
        .expect("wheels folder")
        .map(|entry| entry.expect("wheel entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "whl"))
        .collect();
    assert_eq!(wheels.len(), 1, "one wheel expected: {wheels:?}");
    let name = wheels[0]
        .file_name()
        .map(|n| n.to_string_lossy().into_owned());
    assert!(
        name.as_deref().is_some_and(|n| n.contains("abi3")),
        "not an abi3 wheel: {name:?}"
    );
    wheels[0].clone()
}

/// Runs `script` with the venv's Python and `args`; its standard output.
pub fn python_in(venv: &Path, script: &str, args: &[&str]) -> String {
    let output = run(
        Command::new(venv.join("bin/python"))
            .arg("-c")
            .arg(script)
            .args(args),
        "python script",
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

/// Runs `embargo --db DB ARGS…`, failing the test unless it exits 0 or 1
/// (nothing found).
pub fn embargo(db: &Path, args: &[&str]) -> Output {
    let output = Command::new(env!("CARGO_BIN_EXE_embargo"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("run embargo");
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "embargo {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// A store with the OFAC SDN list of 23 May 2023 and the UN consolidated
/// list imported, built once per test process.
pub fn store(sdn: &Path, un: &Path) -> PathBuf {
    static STORE: OnceLock<PathBuf> = OnceLock::new();
    STORE
        .get_or_init(|| {
            let db = scratch().join(format!("lists-{}.db", std::process::id()));
            std::fs::create_dir_all(scratch()).expect("scratch folder");
            for list in [sdn, un] {
                embargo(&db, &["import", &list.to_string_lossy()]);
            }
            db
        })
        .clone()
}

/// Batch output lines (JSON lines) as comparable values: `line` left out,
/// sorted.
pub fn batch_rows(text: &str, drop_line: bool) -> Vec<String> {
    let mut rows: Vec<String> = text
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let mut value: serde_json::Value = serde_json::from_str(line).expect("JSON line");
            if drop_line {
                value.as_object_mut().expect("object").remove("line");
            }
            value.to_string()
        })
        .collect();
    rows.sort();
    rows
}
