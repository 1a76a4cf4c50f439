//! The end-of-run summary of a batch: rows read, rows with results,
//! malformed rows, time and rate.

use std::fmt;
use std::time::Duration;

use serde::Serialize;

use super::RowOutcome;

/// Counts of one batch run.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct BatchSummary {
    /// Data rows read (screened plus malformed).
    pub rows_read: u64,
    /// Rows screened.
    pub rows_screened: u64,
    /// Rows with at least one result at the threshold.
    pub rows_with_results: u64,
    /// Results reported (one row can have several).
    pub results: u64,
    /// Malformed rows, not screened.
    pub rows_rejected: u64,
    /// Unreadable fields left out of screened rows' queries.
    pub warnings: u64,
    /// Wall-clock time of the run.
    #[serde(serialize_with = "seconds")]
    pub elapsed: Duration,
    /// True when the run was cancelled before the end of its input.
    pub interrupted: bool,
}

fn seconds<S: serde::Serializer>(elapsed: &Duration, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_f64(elapsed.as_secs_f64())
}

impl BatchSummary {
    /// Adds one row.
    pub fn count(&mut self, row: &RowOutcome) {
        self.rows_read += 1;
        match *row {
            RowOutcome::Screened { results, warnings } => {
                self.rows_screened += 1;
                self.results += results as u64;
                self.rows_with_results += u64::from(results > 0);
                self.warnings += warnings as u64;
            }
            RowOutcome::Rejected => self.rows_rejected += 1,
        }
    }

    /// Rows read per second of wall-clock time.
    pub(crate) fn rows_per_second(&self) -> f64 {
        let seconds = self.elapsed.as_secs_f64();
        if seconds > 0.0 {
            self.rows_read as f64 / seconds
        } else {
            0.0
        }
    }
}

impl fmt::Display for BatchSummary {
    /// `100000 rows read, 12 with results (15 results), 3 malformed, 0
    /// warnings in 41.2 s (2427 rows/s)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} rows read, {} with results ({} results), {} malformed, {} warnings in {:.1} s ({:.0} rows/s)",
            self.rows_read,
            self.rows_with_results,
            self.results,
            self.rows_rejected,
            self.warnings,
            self.elapsed.as_secs_f64(),
            self.rows_per_second()
        )?;
        if self.interrupted {
            write!(f, "; interrupted before the end of the input")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_rows_and_rate() {
        let mut summary = BatchSummary::default();
        summary.count(&RowOutcome::Screened {
            results: 2,
            warnings: 1,
        });
        summary.count(&RowOutcome::Screened {
            results: 0,
            warnings: 0,
        });
        summary.count(&RowOutcome::Rejected);
        summary.elapsed = Duration::from_secs(2);
        assert_eq!(summary.rows_read, 3);
        assert_eq!(summary.rows_screened, 2);
        assert_eq!(summary.rows_with_results, 1);
        assert_eq!(summary.results, 2);
        assert_eq!(summary.rows_rejected, 1);
        assert!((summary.rows_per_second() - 1.5).abs() < 1e-9);
        assert_eq!(
            summary.to_string(),
            "3 rows read, 1 with results (2 results), 1 malformed, 1 warnings in 2.0 s (2 rows/s)"
        );
    }
}
