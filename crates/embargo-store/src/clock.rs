//! Time as the store writes and reads it: RFC 3339 text in UTC with
//! milliseconds, one format for every table.

use chrono::{DateTime, SecondsFormat, Utc};

use crate::StoreError;

/// The current time as stored.
pub(crate) fn timestamp_now() -> String {
    timestamp(Utc::now())
}

/// A time as stored: RFC 3339, UTC, milliseconds.
pub(crate) fn timestamp(time: DateTime<Utc>) -> String {
    time.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// Parses a stored RFC 3339 timestamp.
pub(crate) fn parse_timestamp(text: &str) -> Result<DateTime<Utc>, StoreError> {
    DateTime::parse_from_rfc3339(text)
        .map(|time| time.with_timezone(&Utc))
        .map_err(|error| StoreError::Damaged(format!("timestamp {text:?}: {error}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_read_back_to_the_millisecond() {
        let text = timestamp_now();
        assert!(text.ends_with('Z'), "{text}");
        let time = parse_timestamp(&text).map(timestamp);
        assert_eq!(time.ok().as_deref(), Some(text.as_str()));
        assert!(parse_timestamp("yesterday").is_err());
    }
}
