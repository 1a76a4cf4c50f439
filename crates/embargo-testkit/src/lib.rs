//! Test helpers shared by every embargo crate.
//!
//! Tests that need the real official list files read them from the folder
//! named by the `EMBARGO_TEST_DATA` environment variable (CI points it at
//! `../shared/data`). Without the variable such tests skip with a message,
//! so a fresh clone's test suite passes, except in CI (`CI=true`), where
//! a missing variable fails them; with it, a missing file is a failure,
//! never a silent skip.

use std::path::{Path, PathBuf};

pub mod postgres;

/// Name of the environment variable that points at the real test data.
pub const TEST_DATA_VAR: &str = "EMBARGO_TEST_DATA";

/// The workspace root: relative `EMBARGO_TEST_DATA` paths (CI uses
/// `../shared/data`) are taken from there, whichever crate's directory
/// cargo runs a test in.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

/// The real-data folder, or `None` (after printing why the calling test is
/// skipped) when `EMBARGO_TEST_DATA` is unset or empty. A relative path is
/// resolved against [`workspace_root`].
///
/// # Panics
/// When the variable is set but does not name a folder: a CI
/// misconfiguration must fail loudly.
pub fn data_dir() -> Option<PathBuf> {
    match std::env::var_os(TEST_DATA_VAR) {
        Some(value) if !value.is_empty() => {
            let dir = workspace_root().join(PathBuf::from(value));
            assert!(
                dir.is_dir(),
                "{TEST_DATA_VAR}={} is not a folder",
                dir.display()
            );
            Some(dir)
        }
        _ => {
            assert!(
                !in_ci(),
                "{CI_VAR} is set but {TEST_DATA_VAR} is not: the real-data tests would check \
                 nothing (set {TEST_DATA_VAR} to the shared data folder)"
            );
            eprintln!("skipped: set {TEST_DATA_VAR} to the shared data folder to run this test");
            None
        }
    }
}

/// Name of the environment variable CI services set (to `true`).
pub const CI_VAR: &str = "CI";

/// True when the tests run in CI (`CI` set to anything but empty,
/// `false` or `0`): there a test must not skip for want of its data or
/// tools, since a skipped test looks like a passed one.
pub fn in_ci() -> bool {
    std::env::var(CI_VAR).is_ok_and(|value| !matches!(value.as_str(), "" | "false" | "0"))
}

/// A file or folder inside the real-data folder, or `None` when the folder
/// is not configured (the test should return early).
///
/// # Panics
/// When the data folder is configured but `relative` does not exist in it.
pub fn data_path(relative: &str) -> Option<PathBuf> {
    let path = data_dir()?.join(relative);
    assert!(
        path.exists(),
        "{} is missing from {TEST_DATA_VAR}",
        path.display()
    );
    Some(path)
}

/// Returns early from the calling test when the real data is not
/// configured; otherwise evaluates to the path of `relative` inside it.
///
/// ```ignore
/// let sdn = embargo_testkit::require_data!("ofac/2024-05");
/// ```
#[macro_export]
macro_rules! require_data {
    ($relative:expr) => {
        match $crate::data_path($relative) {
            Some(path) => path,
            None => return,
        }
    };
}

/// A small deterministic random generator (xorshift) started from `seed`
/// (not zero): each call returns a number below its argument. For tests
/// that want varied but repeatable input.
pub fn random_below(seed: u64) -> impl FnMut(u64) -> u64 {
    let mut state = seed;
    move |below: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % below
    }
}

/// `length` deterministic bytes that look like nothing in particular: the
/// random file a parser must refuse cleanly.
pub fn noise(length: usize) -> Vec<u8> {
    let mut next = random_below(0x9E37_79B9_7F4A_7C15);
    (0..length).map(|_| next(256) as u8).collect()
}

/// Cuts the file at `path` after its first `lines` lines (a line break
/// ends each; a file with fewer lines is left whole): a list file
/// truncated at a line break, as a broken download leaves it.
pub fn keep_lines(path: &Path, lines: usize) -> std::io::Result<()> {
    let bytes = std::fs::read(path)?;
    let end = bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .nth(lines.saturating_sub(1))
        .map_or(bytes.len(), |(at, _)| at + 1);
    let end = if lines == 0 { 0 } else { end };
    std::fs::write(path, &bytes[..end])
}
