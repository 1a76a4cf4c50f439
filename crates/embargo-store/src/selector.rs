//! Naming one version of a source the way users do: `3`, `v3`,
//! `2023-05-23`, `active` (or `latest`), or the first hex digits of its
//! content hash.

use std::fmt;
use std::str::FromStr;

use embargo_core::model::PartialDate;

use crate::{StoreError, VersionInfo};

/// Fewest hex digits accepted as a content hash prefix.
pub const MIN_HASH_PREFIX: usize = 6;

/// How a user names a version of a source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VersionSelector {
    /// By sequence number: `3` or `v3`. Numbers of six digits or more need
    /// the `v`, since `123456` reads as a hash prefix.
    Sequence(u32),
    /// By publication date, `2023-05-23`.
    Published(PartialDate),
    /// By the first hex digits (at least [`MIN_HASH_PREFIX`]) of the content
    /// hash, lower case.
    HashPrefix(String),
    /// The active version: `active` or `latest`. (The active version is
    /// the newest publication unless another was activated on purpose; it
    /// need not be the last import.)
    Latest,
}

impl FromStr for VersionSelector {
    type Err = StoreError;

    fn from_str(text: &str) -> Result<VersionSelector, StoreError> {
        let lower = text.trim().to_ascii_lowercase();
        parse_latest(&lower)
            .or_else(|| parse_sequence(&lower))
            .or_else(|| parse_hash_prefix(&lower))
            .or_else(|| parse_published(&lower))
            .ok_or_else(|| StoreError::InvalidSelector {
                text: text.to_string(),
            })
    }
}

/// `latest` or `active`.
fn parse_latest(text: &str) -> Option<VersionSelector> {
    matches!(text, "latest" | "active").then_some(VersionSelector::Latest)
}

/// `v` and digits, or fewer than [`MIN_HASH_PREFIX`] digits alone.
fn parse_sequence(text: &str) -> Option<VersionSelector> {
    let digits = match text.strip_prefix('v') {
        Some(digits) => digits,
        None if text.len() < MIN_HASH_PREFIX => text,
        None => return None,
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().map(VersionSelector::Sequence)
}

/// At least [`MIN_HASH_PREFIX`] hex digits.
fn parse_hash_prefix(text: &str) -> Option<VersionSelector> {
    (text.len() >= MIN_HASH_PREFIX && text.bytes().all(|b| b.is_ascii_hexdigit()))
        .then(|| VersionSelector::HashPrefix(text.to_string()))
}

/// A full ISO date `YYYY-MM-DD`.
fn parse_published(text: &str) -> Option<VersionSelector> {
    let bytes = text.as_bytes();
    let iso_shaped = bytes.len() == 10 && bytes[4] == b'-' && bytes[7] == b'-';
    if !iso_shaped {
        return None;
    }
    PartialDate::parse(text)
        .ok()
        .filter(|date| date.day.is_some())
        .map(VersionSelector::Published)
}

impl fmt::Display for VersionSelector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            VersionSelector::Sequence(sequence) => write!(f, "v{sequence}"),
            VersionSelector::Published(date) => write!(f, "{date}"),
            VersionSelector::HashPrefix(prefix) => f.write_str(prefix),
            VersionSelector::Latest => f.write_str("active"),
        }
    }
}

impl VersionSelector {
    /// True when `version` is one this selector names.
    fn matches(&self, version: &VersionInfo) -> bool {
        match self {
            VersionSelector::Sequence(sequence) => version.sequence == *sequence,
            VersionSelector::Published(date) => version.published == Some(*date),
            VersionSelector::HashPrefix(prefix) => version.content_hash.starts_with(prefix),
            VersionSelector::Latest => false,
        }
    }
}

/// The one version of `versions` (all versions of `source_id`, ascending)
/// that `selector` names; an error when none or several match.
pub(crate) fn select_version(
    source_id: &str,
    versions: Vec<VersionInfo>,
    selector: &VersionSelector,
) -> Result<VersionInfo, StoreError> {
    let no_such_version = || StoreError::NoSuchVersion {
        source_id: source_id.to_string(),
        selector: selector.to_string(),
    };
    if *selector == VersionSelector::Latest {
        return versions
            .into_iter()
            .find(|version| version.active)
            .ok_or_else(no_such_version);
    }
    let mut matching: Vec<VersionInfo> = versions
        .into_iter()
        .filter(|version| selector.matches(version))
        .collect();
    match matching.len() {
        0 => Err(no_such_version()),
        1 => matching.pop().ok_or_else(no_such_version),
        _ => Err(StoreError::AmbiguousVersion {
            source_id: source_id.to_string(),
            selector: selector.to_string(),
            matches: matching.iter().map(|version| version.sequence).collect(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use chrono::Utc;

    use super::*;
    use crate::VersionId;

    fn parse(text: &str) -> Result<VersionSelector, StoreError> {
        text.parse()
    }

    #[test]
    fn numbers_are_sequences() {
        assert_eq!(parse("3").unwrap(), VersionSelector::Sequence(3));
        assert_eq!(parse("v3").unwrap(), VersionSelector::Sequence(3));
        assert_eq!(parse(" V12 ").unwrap(), VersionSelector::Sequence(12));
        assert_eq!(
            parse("v123456").unwrap(),
            VersionSelector::Sequence(123_456)
        );
    }

    #[test]
    fn six_hex_digits_are_a_hash_prefix() {
        assert_eq!(
            parse("ABCdef12").unwrap(),
            VersionSelector::HashPrefix("abcdef12".to_string())
        );
        assert_eq!(
            parse("123456").unwrap(),
            VersionSelector::HashPrefix("123456".to_string())
        );
    }

    #[test]
    fn iso_dates_are_publication_dates() {
        let date = PartialDate::ymd(2023, 5, 23).unwrap();
        assert_eq!(
            parse("2023-05-23").unwrap(),
            VersionSelector::Published(date)
        );
        assert_eq!(parse("2023-05-23").unwrap().to_string(), "2023-05-23");
    }

    #[test]
    fn anything_else_is_refused() {
        for text in [
            "",
            "v",
            "vx",
            "abc",
            "abcde",
            "2023-02-30",
            "23 May 2023",
            "v-1",
            "xyzxyzxyz",
        ] {
            let error = parse(text).unwrap_err();
            assert!(
                matches!(error, StoreError::InvalidSelector { .. }),
                "{text:?} gave {error:?}"
            );
        }
    }

    fn version(sequence: u32, published: Option<&str>, hash: &str) -> VersionInfo {
        VersionInfo {
            id: VersionId(i64::from(sequence)),
            source_id: "s".to_string(),
            sequence,
            format: "custom".to_string(),
            published: published.map(|text| PartialDate::parse(text).unwrap()),
            publication: crate::Publication::new(
                published.unwrap_or("2020-01-01").parse().unwrap(),
                crate::PublicationOrigin::File,
            ),
            active: sequence == 2,
            content_hash: hash.to_string(),
            imported_at: Utc::now(),
            entity_count: 0,
            files: Vec::new(),
        }
    }

    fn versions() -> Vec<VersionInfo> {
        vec![
            version(1, Some("2023-05-19"), "aaaaaa11"),
            version(2, Some("2023-05-23"), "aaaaaa22"),
            version(3, Some("2023-05-23"), "bbbbbb33"),
        ]
    }

    fn pick(text: &str) -> Result<u32, StoreError> {
        select_version("s", versions(), &parse(text)?).map(|version| version.sequence)
    }

    #[test]
    fn selects_one_version() {
        assert_eq!(pick("v2").unwrap(), 2);
        assert_eq!(pick("2023-05-19").unwrap(), 1);
        assert_eq!(pick("bbbbbb").unwrap(), 3);
        assert_eq!(pick("aaaaaa2").unwrap(), 2);
        // The active version, which need not be the last import.
        assert_eq!(pick("latest").unwrap(), 2);
        assert_eq!(pick("active").unwrap(), 2);
    }

    #[test]
    fn ambiguity_names_the_candidates() {
        match pick("2023-05-23").unwrap_err() {
            StoreError::AmbiguousVersion { matches, .. } => assert_eq!(matches, vec![2, 3]),
            other => panic!("unexpected {other:?}"),
        }
        assert!(matches!(
            pick("aaaaaa").unwrap_err(),
            StoreError::AmbiguousVersion { .. }
        ));
    }

    #[test]
    fn unknown_versions_are_errors() {
        for text in ["v4", "2024-01-01", "cccccc"] {
            let error = pick(text).unwrap_err();
            assert!(
                matches!(error, StoreError::NoSuchVersion { .. }),
                "{text:?}"
            );
            assert!(error.to_string().starts_with("s has no version "));
        }
    }
}
