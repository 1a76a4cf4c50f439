//! How many results a screening returns and from what score: the one
//! place where a threshold and a limit given by a user (a CLI flag, an
//! HTTP parameter) are checked.

use thiserror::Error;

/// Threshold at which a result is reported unless the caller says
/// otherwise. Calibrated with `embargo evaluate` on the screening sets.
pub const DEFAULT_THRESHOLD: f32 = 0.7;
/// Default number of results per query.
pub const DEFAULT_LIMIT: usize = 10;

/// How many results to return and from what score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScreenOptions {
    /// Lowest score reported.
    pub threshold: f32,
    /// Most results reported.
    pub limit: usize,
}

impl Default for ScreenOptions {
    fn default() -> Self {
        ScreenOptions {
            threshold: DEFAULT_THRESHOLD,
            limit: DEFAULT_LIMIT,
        }
    }
}

impl ScreenOptions {
    /// The options a user gave, each checked ([`check_threshold`], a limit
    /// of at least 1); the defaults for what was not given.
    pub fn new(threshold: Option<f32>, limit: Option<usize>) -> Result<ScreenOptions, OptionError> {
        let threshold = check_threshold(threshold.unwrap_or(DEFAULT_THRESHOLD))?;
        let limit = limit.unwrap_or(DEFAULT_LIMIT);
        if limit == 0 {
            return Err(OptionError::Limit);
        }
        Ok(ScreenOptions { threshold, limit })
    }
}

/// A threshold (or any score bound) must lie in `[0, 1]`; NaN does not.
pub fn check_threshold(threshold: f32) -> Result<f32, OptionError> {
    if (0.0..=1.0).contains(&threshold) {
        Ok(threshold)
    } else {
        Err(OptionError::Threshold(threshold))
    }
}

/// A screening option out of its range. The messages name the value, not
/// the flag or field: the caller adds that (`--threshold`, `cutoff`).
#[derive(Debug, Clone, Copy, PartialEq, Error)]
pub enum OptionError {
    /// A score bound outside `[0, 1]`.
    #[error("{0} is outside 0 to 1")]
    Threshold(f32),
    /// A limit of 0.
    #[error("must be at least 1")]
    Limit,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_are_checked_and_defaulted() {
        assert_eq!(ScreenOptions::new(None, None), Ok(ScreenOptions::default()));
        assert_eq!(
            ScreenOptions::new(Some(0.85), Some(3)),
            Ok(ScreenOptions {
                threshold: 0.85,
                limit: 3
            })
        );
        assert_eq!(
            ScreenOptions::new(Some(1.5), None),
            Err(OptionError::Threshold(1.5))
        );
        assert_eq!(ScreenOptions::new(None, Some(0)), Err(OptionError::Limit));
        assert!(check_threshold(f32::NAN).is_err());
        assert_eq!(check_threshold(0.0), Ok(0.0));
        assert_eq!(check_threshold(1.0), Ok(1.0));
        assert_eq!(
            OptionError::Threshold(-0.5).to_string(),
            "-0.5 is outside 0 to 1"
        );
    }
}
