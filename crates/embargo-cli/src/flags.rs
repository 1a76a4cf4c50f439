//! Flags several subcommands share, checked once: `--threshold` and
//! `--limit` become [`ScreenOptions`] (the rule itself lives in
//! `embargo_core::matching`, which the server uses too).

use anyhow::{Result, anyhow};
use embargo_core::matching::{OptionError, ScreenOptions};

/// Threshold and limit from the flags, checked; defaults for the rest.
pub fn screen_options(threshold: Option<f32>, limit: Option<usize>) -> Result<ScreenOptions> {
    ScreenOptions::new(threshold, limit).map_err(flag_error)
}

/// A `--threshold` given alone (`embargo evaluate`), checked.
pub fn threshold(threshold: Option<f32>) -> Result<f32> {
    Ok(screen_options(threshold, None)?.threshold)
}

/// The error naming the flag at fault.
fn flag_error(error: OptionError) -> anyhow::Error {
    match error {
        OptionError::Threshold(_) => anyhow!("--threshold {error}"),
        OptionError::Limit => anyhow!("--limit {error}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_the_flag() {
        let error = screen_options(Some(2.0), None).err().map(|e| e.to_string());
        assert_eq!(error.as_deref(), Some("--threshold 2 is outside 0 to 1"));
        let error = screen_options(None, Some(0)).err().map(|e| e.to_string());
        assert_eq!(error.as_deref(), Some("--limit must be at least 1"));
        assert_eq!(threshold(Some(0.5)).ok(), Some(0.5));
    }
}
