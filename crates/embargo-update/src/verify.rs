//! Checks a downloaded publication must pass before it is imported and
//! activated.
//!
//! * **Structure**: every file is non-empty (a companion may hold no row)
//!   and its first bytes are what its role in its format should be (an
//!   HTML error page or a login form served with status 200 is refused).
//! * **One publication**: the `Last-Modified` dates of the files of a set
//!   lie within the configured skew; the OFAC parser then refuses alias,
//!   address and comment rows whose `ent_num` is not in the primary file,
//!   which catches files taken from two different publications.
//! * **Whole and plausible**: the store's completeness checks, which every
//!   import runs inside its transaction after the full parse and before the
//!   commit: a file the parser finds cut short, and a list (or one of its
//!   files) that lost more than the configured share (`max_shrink`) against
//!   the active version, are refused unless forced (see
//!   [`embargo_store::ImportChecks`]).

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Utc};
use embargo_core::sources::detect::{Content, sniff};
use embargo_core::sources::{FileRole, SourceFormat};

/// Why a publication was refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum VerifyError {
    /// A file holds nothing.
    #[error("{url}: the server sent an empty file")]
    Empty {
        /// Where it came from.
        url: String,
    },
    /// A file is not in the expected format.
    #[error("{url}: expected {expected}, got {found}")]
    WrongContent {
        /// Where it came from.
        url: String,
        /// What the role requires.
        expected: String,
        /// What the file is.
        found: String,
    },
    /// The downloaded file could not be read back.
    #[error("{}: cannot read the download: {message}", path.display())]
    Read {
        /// The staging file.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
    /// The files' dates are too far apart to be one publication.
    #[error(
        "the files are not from one publication: {earliest_url} was last modified {earliest}, {latest_url} {latest} (more than {max_hours} h apart)"
    )]
    MixedPublications {
        /// The oldest file.
        earliest_url: String,
        /// Its date.
        earliest: DateTime<Utc>,
        /// The newest file.
        latest_url: String,
        /// Its date.
        latest: DateTime<Utc>,
        /// The allowed skew in hours.
        max_hours: u64,
    },
}

/// One downloaded file, as the checks see it.
#[derive(Debug, Clone, Copy)]
pub struct StagedFile<'a> {
    /// Its role.
    pub role: FileRole,
    /// Where it came from.
    pub url: &'a str,
    /// Where it is.
    pub path: &'a Path,
    /// Its size.
    pub bytes: u64,
    /// The `Last-Modified` header it came with.
    pub last_modified: Option<&'a str>,
}

/// Checks that every file is non-empty and of the content its role in
/// `format` requires.
pub fn check_structure(format: SourceFormat, files: &[StagedFile<'_>]) -> Result<(), VerifyError> {
    for file in files {
        if file.bytes == 0 && file.role == FileRole::Primary {
            return Err(VerifyError::Empty {
                url: file.url.to_string(),
            });
        }
        let content = sniff(file.path).map_err(|error| VerifyError::Read {
            path: file.path.to_path_buf(),
            message: error.to_string(),
        })?;
        let (fits, expected) = expected_content(format, file.role, &content);
        if !fits {
            return Err(VerifyError::WrongContent {
                url: file.url.to_string(),
                expected: expected.to_string(),
                found: content.describe(),
            });
        }
    }
    Ok(())
}

/// Whether `content` fits `role` in `format`, and what would.
fn expected_content(
    format: SourceFormat,
    role: FileRole,
    content: &Content,
) -> (bool, &'static str) {
    match (format, role) {
        (SourceFormat::UnConsolidated, _) => {
            (*content == Content::UnXml, "a UN consolidated list XML")
        }
        (SourceFormat::OfacSdn | SourceFormat::OfacConsolidated, FileRole::Primary) => (
            *content == Content::OfacPrimary,
            "an OFAC primary CSV (12 fields, numeric ent_num)",
        ),
        (SourceFormat::OfacSdn | SourceFormat::OfacConsolidated, _) => (
            matches!(content, Content::OfacCompanion | Content::Empty),
            "an OFAC companion CSV (numeric ent_num first)",
        ),
        (SourceFormat::FollowTheMoney, _) => (
            *content == Content::FollowTheMoney,
            "FollowTheMoney JSON lines",
        ),
        (SourceFormat::Custom, _) => (*content == Content::CustomCsv, "a custom list CSV"),
        (format, _) => (*content == Content::List(format), format.description()),
    }
}

/// Checks that the files' `Last-Modified` dates (where sent) lie within
/// `max_skew` of each other.
pub fn check_same_publication(
    files: &[StagedFile<'_>],
    max_skew: Duration,
) -> Result<(), VerifyError> {
    let dated: Vec<(DateTime<Utc>, &str)> = files
        .iter()
        .filter_map(|file| Some((http_date(file.last_modified?)?, file.url)))
        .collect();
    let (Some(earliest), Some(latest)) = (
        dated.iter().min_by_key(|(date, _)| *date),
        dated.iter().max_by_key(|(date, _)| *date),
    ) else {
        return Ok(());
    };
    let apart = (latest.0 - earliest.0).to_std().unwrap_or_default();
    if apart <= max_skew {
        return Ok(());
    }
    Err(VerifyError::MixedPublications {
        earliest_url: earliest.1.to_string(),
        earliest: earliest.0,
        latest_url: latest.1.to_string(),
        latest: latest.0,
        max_hours: max_skew.as_secs() / 3600,
    })
}

/// An HTTP date (`Tue, 15 Nov 1994 08:12:31 GMT`).
pub fn http_date(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc2822(text.trim())
        .ok()
        .map(|date| date.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_days_apart_are_different_publications() {
        let file = |url, date| StagedFile {
            role: FileRole::Primary,
            url,
            path: Path::new("x"),
            bytes: 1,
            last_modified: Some(date),
        };
        let same = [
            file("a", "Mon, 23 Nov 2026 10:00:00 GMT"),
            file("b", "Mon, 23 Nov 2026 10:05:00 GMT"),
        ];
        let day = Duration::from_secs(24 * 3600);
        assert!(check_same_publication(&same, day).is_ok());
        let apart = [
            file("a", "Mon, 23 Nov 2026 10:00:00 GMT"),
            file("b", "Fri, 20 Nov 2026 10:00:00 GMT"),
        ];
        let error = check_same_publication(&apart, day).unwrap_err();
        assert!(error.to_string().contains("b was last modified"), "{error}");
    }
}
