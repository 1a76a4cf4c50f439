//! The shared harness of the CLI tests: a temporary home with no store
//! configured (no `EMBARGO_DB`, no `EMBARGO_CONFIG`, platform folders
//! inside it), a store made by importing a small hand-written custom list,
//! the real `embargo` binary run in it, and helpers to read its output
//! (text, JSON, JSON lines, TSV) and to run it into a pipe whose reader
//! goes away.

#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;
use tempfile::TempDir;

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_embargo");

/// A small watch list in embargo's custom format (hand-written): a person
/// with a passport, a person with an approximate birth year, one with a
/// range, and a company.
pub const WATCHLIST: &str = "\
id,type,name,aliases,birth_date,nationality,identifiers,programs
P-1,person,\"KIM, Sang Man\",\"KIM, Sangman\",1965-04-25,KP,passport:PX7730021,DPRK4
P-2,person,\"MUSTERMANN, Erika\",,circa 1964,DE,,FRAUD
P-3,person,\"ZAKHAROV, Aleksandr Vyacheslavovich\",,1971 to 1973,RU,,FRAUD
O-1,organization,ACME TRADING LLC,,,,,FRAUD
";

/// A temporary home and, in it, the store `embargo.db`.
pub struct Env {
    dir: TempDir,
}

impl Env {
    /// A home with nothing in it (no store yet).
    pub fn new() -> Env {
        Env {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    /// A home whose store holds [`WATCHLIST`] as source `custom-watch`.
    pub fn with_watchlist() -> Env {
        let env = Env::new();
        env.import_list("watchlist.csv", WATCHLIST);
        env
    }

    /// `name` inside the home.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// The store's path.
    pub fn db(&self) -> PathBuf {
        self.path("embargo.db")
    }

    /// Writes `text` to `name` in the home; returns its path.
    pub fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.path(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    /// Imports `text` (custom format) as source `custom-watch`, checking
    /// that it worked.
    pub fn import_list(&self, file: &str, text: &str) -> Output {
        let path = self.write(file, text);
        let output = self.run(&[
            "import",
            "--source",
            "custom",
            "--name",
            "custom-watch",
            arg(&path),
            "--json",
        ]);
        assert_eq!(code(&output), 0, "import: {}", self::text(&output.stderr));
        output
    }

    /// `embargo` with the home's environment and no store named.
    pub fn bare(&self) -> Command {
        let mut command = Command::new(BIN);
        command
            .current_dir(self.dir.path())
            .env_remove("EMBARGO_DB")
            .env_remove("EMBARGO_CONFIG")
            .env("HOME", self.dir.path())
            .env("XDG_DATA_HOME", self.path("data"))
            .env("XDG_CONFIG_HOME", self.path("config"))
            .env("NO_COLOR", "1");
        command
    }

    /// `embargo --db STORE` with the home's environment.
    pub fn command(&self) -> Command {
        let mut command = self.bare();
        command.arg("--db").arg(self.db());
        command
    }

    /// Runs `embargo --db STORE ARGS` to its end, standard output piped.
    pub fn run(&self, args: &[&str]) -> Output {
        self.command().args(args).output().unwrap()
    }

    /// Runs `embargo --db STORE ARGS` with `input` on standard input.
    pub fn run_with_input(&self, args: &[&str], input: &str) -> Output {
        with_input(self.command().args(args), input)
    }
}

/// Runs `command` with `input` written to its standard input (from a
/// thread, so a large input cannot block on a full pipe).
pub fn with_input(command: &mut Command, input: &str) -> Output {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_string();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(input.as_bytes());
    });
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap();
    output
}

/// Runs `command` into a pipe whose reader reads `keep` bytes (0: none)
/// and then closes it, as `head -c` does; returns what was read and the
/// exit status and standard error.
pub fn into_closed_pipe(command: &mut Command, keep: usize) -> (Vec<u8>, Output) {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut read = vec![0u8; keep];
    stdout.read_exact(&mut read).unwrap();
    drop(stdout);
    let output = child.wait_with_output().unwrap();
    (read, output)
}

/// Asserts that a command whose output was closed early stopped the way
/// grep does: exit status 0 (not 101, Rust's panic status, nor 2), and
/// no panic or error on standard error.
pub fn assert_quiet_stop(what: &str, output: &Output) {
    let stderr = text(&output.stderr);
    assert!(!stderr.contains("panicked"), "{what}: {stderr}");
    assert!(!stderr.contains("Broken pipe"), "{what}: {stderr}");
    assert!(!stderr.contains("error"), "{what}: {stderr}");
    assert_eq!(code(output), 0, "{what}: {stderr}");
}

/// Lossy UTF-8 text.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The exit status (-1 when killed by a signal).
pub fn code(output: &Output) -> i32 {
    output.status.code().unwrap_or(-1)
}

/// Standard output as one JSON document.
pub fn json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|error| {
        panic!(
            "not JSON ({error}): {}\nstderr: {}",
            text(&output.stdout),
            text(&output.stderr)
        )
    })
}

/// Standard output as JSON lines.
pub fn json_lines(output: &Output) -> Vec<Value> {
    text(&output.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect()
}

/// Standard output as TSV: the header, then each row's fields (every row
/// checked to have as many fields as the header).
pub fn tsv(output: &Output) -> (Vec<String>, Vec<Vec<String>>) {
    let out = text(&output.stdout);
    let mut lines = out.lines();
    let header: Vec<String> = lines
        .next()
        .unwrap_or_else(|| panic!("no header: {}", text(&output.stderr)))
        .split('\t')
        .map(str::to_string)
        .collect();
    let rows: Vec<Vec<String>> = lines
        .map(|line| line.split('\t').map(str::to_string).collect())
        .collect();
    for row in &rows {
        assert_eq!(row.len(), header.len(), "{header:?} vs {row:?}");
    }
    (header, rows)
}

/// A path as a command-line argument.
pub fn arg(path: &Path) -> &str {
    path.to_str().unwrap()
}
