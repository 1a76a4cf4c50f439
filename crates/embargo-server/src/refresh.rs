//! `embargo serve --refresh-every`: a background thread that runs a list
//! update on a schedule and, when the update reports a change, swaps the
//! served lists at once ([`Lists::reload_blocking`]) instead of waiting
//! for the next poll.
//!
//! The update itself is passed in (the binary gives
//! `embargo_update::refresh_store`), so this crate does not depend on the
//! downloader; its per-source state (last attempt, last success, last
//! error) is recorded in the store by the update and shown by `/lists`
//! and `/metrics`.

use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::thread::JoinHandle;
use std::time::Duration;

use crate::reload::{Lists, ReloadOutcome};

/// One update run: `Ok(true)` when a new list version was activated.
pub type RefreshFn = dyn Fn() -> Result<bool, String> + Send + 'static;

/// Runs `refresh` every `every` (the first run after one interval) until
/// `stop` receives a message or is dropped; reloads `lists` after a run
/// that changed something. Failures are printed; the served lists stay.
pub fn spawn_refresher(
    lists: Arc<Lists>,
    every: Duration,
    refresh: Box<RefreshFn>,
    stop: Receiver<()>,
) -> std::io::Result<JoinHandle<()>> {
    std::thread::Builder::new()
        .name("embargo-refresh".to_string())
        .spawn(move || {
            while let Err(RecvTimeoutError::Timeout) = stop.recv_timeout(every) {
                run_once(&lists, refresh.as_ref());
            }
        })
}

/// One scheduled update and, when it changed something, a reload.
pub fn run_once(lists: &Lists, refresh: &RefreshFn) {
    match refresh() {
        Ok(false) => {}
        Ok(true) => match lists.reload_blocking() {
            Ok(ReloadOutcome::Swapped(generation)) => {
                embargo_core::errln!(
                    "embargo serve: list update activated; serving generation {generation}"
                );
            }
            Ok(ReloadOutcome::Unchanged | ReloadOutcome::NoLists) => {}
            Err(error) => {
                embargo_core::errln!("embargo serve: reloading after the update failed: {error}")
            }
        },
        Err(error) => embargo_core::errln!("embargo serve: scheduled list update failed: {error}"),
    }
}

/// Reads `6h`, `30m`, `90s`, `1h30m`, `2d` (a number followed by `d`,
/// `h`, `m` or `s`, repeated); at least one second.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let mut total: u64 = 0;
    let mut number = String::new();
    let bad = || format!("{text:?} is not a duration like 6h, 30m, 90s or 1h30m");
    for c in text.trim().chars() {
        if c.is_ascii_digit() {
            number.push(c);
            continue;
        }
        let unit = match c {
            'd' => 86_400,
            'h' => 3_600,
            'm' => 60,
            's' => 1,
            _ => return Err(bad()),
        };
        let value: u64 = number.parse().map_err(|_| bad())?;
        total = value
            .checked_mul(unit)
            .and_then(|seconds| total.checked_add(seconds))
            .ok_or_else(bad)?;
        number.clear();
    }
    if !number.is_empty() || total == 0 {
        return Err(bad());
    }
    Ok(Duration::from_secs(total))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("6h"), Ok(Duration::from_secs(21_600)));
        assert_eq!(parse_duration("30m"), Ok(Duration::from_secs(1_800)));
        assert_eq!(parse_duration("90s"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_duration("1h30m"), Ok(Duration::from_secs(5_400)));
        assert_eq!(parse_duration("2d"), Ok(Duration::from_secs(172_800)));
        for bad in ["", "6", "h", "0s", "5x", "-1h", "1.5h"] {
            assert!(parse_duration(bad).is_err(), "{bad}");
        }
    }
}
