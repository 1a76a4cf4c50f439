//! When a version was published and how that is known: what decides which
//! version of a source is active (the newest publication, not the last
//! import).
//!
//! A publication date is a day (stated by the files, or given by the user
//! as a date) or a moment (a download's `Last-Modified`, the files'
//! modification time, the import time). Two publications compare by their
//! moments when both have one, else by their days.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use embargo_core::model::PartialDate;
use embargo_core::sources::ListFiles;
use serde::Serialize;

use crate::StoreError;

/// Where a version's publication date comes from, most trusted first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PublicationOrigin {
    /// Stated by the publication's files: the UN list's `dateGenerated`, a
    /// date in the file name (`sdn-2023-05-19.csv`).
    File,
    /// Given by the user (`embargo import --published DATE`).
    Option,
    /// The `Last-Modified` of the download (`embargo update`).
    LastModified,
    /// The newest modification time of the imported files.
    FileModified,
    /// Not known: the time of the import (versions imported before
    /// publication dates were recorded, or files without a modification
    /// time).
    ImportTime,
}

impl PublicationOrigin {
    /// Every origin, in the order of [`PublicationOrigin::as_str`].
    pub const ALL: [PublicationOrigin; 5] = [
        PublicationOrigin::File,
        PublicationOrigin::Option,
        PublicationOrigin::LastModified,
        PublicationOrigin::FileModified,
        PublicationOrigin::ImportTime,
    ];

    /// The origin as stored and printed in JSON (`file`, `option`,
    /// `last-modified`, `file-modified`, `import-time`).
    pub fn as_str(self) -> &'static str {
        match self {
            PublicationOrigin::File => "file",
            PublicationOrigin::Option => "option",
            PublicationOrigin::LastModified => "last-modified",
            PublicationOrigin::FileModified => "file-modified",
            PublicationOrigin::ImportTime => "import-time",
        }
    }

    /// The origin named `text` ([`PublicationOrigin::as_str`]).
    pub fn parse(text: &str) -> Option<PublicationOrigin> {
        Self::ALL.into_iter().find(|origin| origin.as_str() == text)
    }

    /// A few words for people: `stated in the files`, `given with
    /// --published`, ...
    pub fn describe(self) -> &'static str {
        match self {
            PublicationOrigin::File => "stated in the files",
            PublicationOrigin::Option => "given with --published",
            PublicationOrigin::LastModified => "the download's Last-Modified",
            PublicationOrigin::FileModified => "the files' modification time",
            PublicationOrigin::ImportTime => "unknown; the import time",
        }
    }
}

impl fmt::Display for PublicationOrigin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// When a publication appeared: a whole day, or a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PublishedAt {
    /// A day, with no time (a date stated in the files or given as a date).
    Day(NaiveDate),
    /// A moment (a `Last-Modified` header, a file's modification time).
    Moment(DateTime<Utc>),
}

impl PublishedAt {
    /// The day (in UTC for a moment).
    pub fn day(&self) -> NaiveDate {
        match self {
            PublishedAt::Day(day) => *day,
            PublishedAt::Moment(moment) => moment.date_naive(),
        }
    }

    /// The day as a [`PartialDate`], the type of [`crate::VersionInfo::published`].
    pub fn partial_date(&self) -> Option<PartialDate> {
        let day = self.day();
        let month = u8::try_from(chrono::Datelike::month(&day)).ok()?;
        let date = u8::try_from(chrono::Datelike::day(&day)).ok()?;
        PartialDate::ymd(chrono::Datelike::year(&day), month, date)
    }

    /// The day of a full [`PartialDate`] (year, month and day); `None` for
    /// a partial one.
    pub fn from_partial_date(date: PartialDate) -> Option<PublishedAt> {
        let day = NaiveDate::from_ymd_opt(date.year, u32::from(date.month?), u32::from(date.day?))?;
        Some(PublishedAt::Day(day))
    }

    /// Orders two publications: by their moments when both have one, else
    /// by their days (a day and a moment on that day are equal).
    pub fn compare(&self, other: &PublishedAt) -> Ordering {
        match (self, other) {
            (PublishedAt::Moment(a), PublishedAt::Moment(b)) => a.cmp(b),
            _ => self.day().cmp(&other.day()),
        }
    }
}

impl fmt::Display for PublishedAt {
    /// `2024-05-03` for a day, `2024-05-03T14:02:11.000Z` for a moment: the
    /// stored form, which [`PublishedAt::from_str`] reads back.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PublishedAt::Day(day) => write!(f, "{}", day.format("%Y-%m-%d")),
            PublishedAt::Moment(moment) => {
                f.write_str(&moment.to_rfc3339_opts(SecondsFormat::Millis, true))
            }
        }
    }
}

impl FromStr for PublishedAt {
    type Err = String;

    /// Reads a date (`2024-05-03`) or an RFC 3339 time
    /// (`2024-05-03T14:02:11Z`, `2024-05-03T16:02:11+02:00`).
    fn from_str(text: &str) -> Result<PublishedAt, String> {
        let text = text.trim();
        if let Ok(day) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            return Ok(PublishedAt::Day(day));
        }
        DateTime::parse_from_rfc3339(text)
            .map(|moment| PublishedAt::Moment(moment.with_timezone(&Utc)))
            .map_err(|_| {
                format!(
                    "{text:?} is not a date (2024-05-03) or an RFC 3339 time (2024-05-03T14:00:00Z)"
                )
            })
    }
}

impl Serialize for PublishedAt {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// A version's publication: when, and how that is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Publication {
    /// When it was published.
    pub at: PublishedAt,
    /// How that is known.
    #[serde(rename = "from")]
    pub origin: PublicationOrigin,
}

impl Publication {
    /// A publication at `at`, known from `origin`.
    pub fn new(at: PublishedAt, origin: PublicationOrigin) -> Publication {
        Publication { at, origin }
    }

    /// True when this publication is strictly older than `other` (see
    /// [`PublishedAt::compare`]); a publication of the same day or moment
    /// is not older.
    pub fn is_older_than(&self, other: &Publication) -> bool {
        self.at.compare(&other.at) == Ordering::Less
    }

    /// The publication date as a user reads it, with its origin:
    /// `2024-05-03 (given with --published)`.
    pub fn describe(&self) -> String {
        format!("{} ({})", self.at.day(), self.origin.describe())
    }
}

/// A new version's publication, from what is known, most trusted first:
/// the date the files state (`stated`, from the parser), the date the
/// caller gives (`given`: `--published`, a download's `Last-Modified`),
/// the files' newest modification time, and the import time.
///
/// A date given with `--published` ([`PublicationOrigin::Option`]) that
/// falls on another day than the stated one is an error
/// ([`StoreError::PublicationConflict`]); a `Last-Modified` is only a
/// fallback and yields to the stated date silently.
pub(crate) fn resolve(
    source_id: &str,
    stated: Option<PartialDate>,
    given: Option<Publication>,
    files: &ListFiles,
    imported_at: DateTime<Utc>,
) -> Result<Publication, StoreError> {
    let stated = stated.and_then(PublishedAt::from_partial_date);
    match (stated, given) {
        (Some(stated), Some(given))
            if given.origin == PublicationOrigin::Option && given.at.day() != stated.day() =>
        {
            Err(StoreError::PublicationConflict {
                source_id: source_id.to_string(),
                stated: stated.to_string(),
                given: given.at.to_string(),
            })
        }
        (Some(stated), _) => Ok(Publication::new(stated, PublicationOrigin::File)),
        (None, Some(given)) => Ok(given),
        (None, None) => Ok(match files_modified(files) {
            Some(moment) => {
                Publication::new(PublishedAt::Moment(moment), PublicationOrigin::FileModified)
            }
            None => Publication::new(
                PublishedAt::Moment(imported_at),
                PublicationOrigin::ImportTime,
            ),
        }),
    }
}

/// The newest modification time of the files, when every one has one.
fn files_modified(files: &ListFiles) -> Option<DateTime<Utc>> {
    files
        .files
        .iter()
        .map(|file| {
            let modified = std::fs::metadata(&file.path).ok()?.modified().ok()?;
            Some(DateTime::<Utc>::from(modified))
        })
        .collect::<Option<Vec<_>>>()?
        .into_iter()
        .max()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> PublishedAt {
        text.parse().unwrap()
    }

    #[test]
    fn days_and_moments_round_trip() {
        for text in ["2024-05-03", "2024-05-03T14:02:11.000Z"] {
            assert_eq!(at(text).to_string(), text);
        }
        assert_eq!(
            at("2024-05-03T16:02:11+02:00").to_string(),
            "2024-05-03T14:02:11.000Z"
        );
        for bad in ["", "May 2024", "2024-05", "2024-02-30", "yesterday"] {
            let error = bad.parse::<PublishedAt>().unwrap_err();
            assert!(error.contains("not a date"), "{bad:?}: {error}");
        }
    }

    #[test]
    fn moments_compare_exactly_and_days_by_day() {
        use Ordering::{Equal, Greater, Less};
        let cases = [
            ("2023-05-19", "2024-05-03", Less),
            ("2024-05-03T10:00:00Z", "2024-05-03T09:00:00Z", Greater),
            ("2024-05-03", "2024-05-03T23:59:00Z", Equal),
            ("2024-05-04", "2024-05-03T23:59:00Z", Greater),
            ("2024-05-03", "2024-05-03", Equal),
        ];
        for (a, b, expected) in cases {
            assert_eq!(at(a).compare(&at(b)), expected, "{a} vs {b}");
            assert_eq!(at(b).compare(&at(a)), expected.reverse(), "{b} vs {a}");
        }
    }

    #[test]
    fn only_a_strictly_older_publication_is_older() {
        let old = Publication::new(at("2023-05-19"), PublicationOrigin::File);
        let new = Publication::new(at("2024-05-03"), PublicationOrigin::Option);
        assert!(old.is_older_than(&new));
        assert!(!new.is_older_than(&old));
        assert!(!new.is_older_than(&new));
    }

    #[test]
    fn origins_round_trip() {
        for origin in PublicationOrigin::ALL {
            assert_eq!(PublicationOrigin::parse(origin.as_str()), Some(origin));
        }
        assert_eq!(PublicationOrigin::parse("guess"), None);
    }

    fn files(folder: &std::path::Path, names: &[&str]) -> ListFiles {
        use embargo_core::sources::{FileRole, ListFile, SourceFormat};
        ListFiles {
            format: SourceFormat::Custom,
            files: names
                .iter()
                .map(|name| {
                    let path = folder.join(name);
                    std::fs::write(&path, "x").unwrap();
                    ListFile {
                        role: FileRole::Primary,
                        path,
                    }
                })
                .collect(),
        }
    }

    #[test]
    fn the_stated_date_wins_and_a_contradicting_option_is_refused() {
        let folder = tempfile::tempdir().unwrap();
        let files = files(folder.path(), &["a.csv"]);
        let now = Utc::now();
        let stated = PartialDate::ymd(2023, 5, 19);
        let option = |text: &str| Some(Publication::new(at(text), PublicationOrigin::Option));
        let last_modified = Some(Publication::new(
            at("2023-05-20T08:00:00Z"),
            PublicationOrigin::LastModified,
        ));

        let file = resolve("s", stated, None, &files, now).unwrap();
        assert_eq!(
            file,
            Publication::new(at("2023-05-19"), PublicationOrigin::File)
        );
        assert_eq!(
            resolve("s", stated, option("2023-05-19"), &files, now).unwrap(),
            file
        );
        assert_eq!(
            resolve("s", stated, last_modified, &files, now).unwrap(),
            file
        );
        let error = resolve("s", stated, option("2024-01-01"), &files, now).unwrap_err();
        assert!(
            error.to_string().contains("2023-05-19") && error.to_string().contains("2024-01-01"),
            "{error}"
        );
        // A partial stated date orders nothing: the given one is used.
        let year = Some(PartialDate::year(2023));
        assert_eq!(
            resolve("s", year, option("2024-01-01"), &files, now)
                .unwrap()
                .origin,
            PublicationOrigin::Option
        );
    }

    #[test]
    fn without_a_date_the_files_modification_time_is_used() {
        let folder = tempfile::tempdir().unwrap();
        let files = files(folder.path(), &["a.csv", "b.csv"]);
        let now = Utc::now() + chrono::Duration::days(1);
        let publication = resolve("s", None, None, &files, now).unwrap();
        assert_eq!(publication.origin, PublicationOrigin::FileModified);
        assert!(matches!(publication.at, PublishedAt::Moment(m) if m < now));
        let mut gone = files.clone();
        gone.files[1].path = folder.path().join("vanished.csv");
        let publication = resolve("s", None, None, &gone, now).unwrap();
        assert_eq!(
            publication,
            Publication::new(PublishedAt::Moment(now), PublicationOrigin::ImportTime)
        );
    }

    #[test]
    fn partial_dates_convert_only_when_whole() {
        let day = PartialDate::ymd(2023, 5, 19).unwrap();
        let published = PublishedAt::from_partial_date(day).unwrap();
        assert_eq!(published.to_string(), "2023-05-19");
        assert_eq!(published.partial_date(), Some(day));
        assert_eq!(
            PublishedAt::from_partial_date(PartialDate::year(2023)),
            None
        );
    }
}
