//! The JSON form of dates: ISO 8601 strings at their precision, one rule
//! for every front end (CLI JSON, batch JSON lines, HTTP) and for the store.
//!
//! - A [`PartialDate`] is `"1965-04-25"`, `"1965-04"` or `"1965"`.
//! - A [`DateSpec`] is one string too: an exact date as above; a range as
//!   an ISO 8601 interval of its two ends, `"1964/1966"`; an approximate
//!   date (`circa`) with the ISO 8601-2 approximation mark `~` after each
//!   end, `"1970~"` or `"1964~/1966~"`. FollowTheMoney has no range value
//!   and lists both ends as dates; an interval keeps them together and says
//!   which end is which.
//!
//! Reading accepts these strings and, so that stores and files written
//! before this rule still load, the older object forms
//! (`{"year": 1965, "month": 4}`, `{"from": ..., "to": ..., "circa": true}`).
//! A malformed string is an error naming it.

use std::fmt;

use serde::de::{self, MapAccess, Visitor, value::MapAccessDeserializer};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{DateSpec, PartialDate};

/// The ISO 8601 approximation mark (ISO 8601-2, also EDTF).
const APPROXIMATE: char = '~';

impl DateSpec {
    /// The ISO 8601 form of this date or range (see the module comment):
    /// `1965-04-25`, `1964/1966`, `1970~`.
    pub(crate) fn to_iso(self) -> String {
        let mark = if self.circa { "~" } else { "" };
        match self.to {
            Some(to) => format!("{}{mark}/{to}{mark}", self.from),
            None => format!("{}{mark}", self.from),
        }
    }

    /// Reads the ISO 8601 form [`DateSpec::to_iso`] writes.
    pub(crate) fn parse_iso(text: &str) -> Result<DateSpec, super::DateParseError> {
        let error = || super::DateParseError {
            text: text.to_string(),
        };
        let end = |part: &str| {
            let (date, approximate) = match part.strip_suffix(APPROXIMATE) {
                Some(date) => (date, true),
                None => (part, false),
            };
            PartialDate::parse_iso(date)
                .map(|date| (date, approximate))
                .map_err(|_| error())
        };
        let mut parts = text.split('/');
        let (from, from_circa) = end(parts.next().unwrap_or_default())?;
        let to = parts.next().map(end).transpose()?;
        if parts.next().is_some() {
            return Err(error());
        }
        match to {
            None => Ok(DateSpec {
                from,
                to: None,
                circa: from_circa,
            }),
            Some((to, to_circa)) if from <= to => Ok(DateSpec {
                from,
                to: Some(to),
                circa: from_circa || to_circa,
            }),
            Some(_) => Err(error()),
        }
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl Serialize for DateSpec {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_iso())
    }
}

/// The object form of a [`PartialDate`] written before dates were strings.
#[derive(Deserialize)]
struct DateParts {
    year: i32,
    #[serde(default)]
    month: Option<u8>,
    #[serde(default)]
    day: Option<u8>,
}

impl DateParts {
    /// The date, checked as a parsed one would be.
    fn checked<E: de::Error>(self) -> Result<PartialDate, E> {
        let bad = || E::custom(format!("not a date: {}", self.text()));
        match (self.month, self.day) {
            (None, None) => Ok(PartialDate::year(self.year)),
            (Some(month), None) if (1..=12).contains(&month) => Ok(PartialDate {
                year: self.year,
                month: Some(month),
                day: None,
            }),
            (Some(month), Some(day)) => PartialDate::ymd(self.year, month, day).ok_or_else(bad),
            _ => Err(bad()),
        }
    }

    fn text(&self) -> String {
        format!(
            "year {} month {:?} day {:?}",
            self.year, self.month, self.day
        )
    }
}

/// Reads a [`PartialDate`] from an ISO string or the older object form.
struct PartialDateVisitor;

impl<'de> Visitor<'de> for PartialDateVisitor {
    type Value = PartialDate;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an ISO 8601 date such as \"1965-04-25\", \"1965-04\" or \"1965\"")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<PartialDate, E> {
        PartialDate::parse_iso(text).map_err(E::custom)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<PartialDate, A::Error> {
        DateParts::deserialize(MapAccessDeserializer::new(map))?.checked()
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<PartialDate, D::Error> {
        deserializer.deserialize_any(PartialDateVisitor)
    }
}

/// The object form of a [`DateSpec`] written before dates were strings.
#[derive(Deserialize)]
struct SpecParts {
    from: PartialDate,
    #[serde(default)]
    to: Option<PartialDate>,
    #[serde(default)]
    circa: bool,
}

/// Reads a [`DateSpec`] from an ISO string or the older object form.
struct DateSpecVisitor;

impl<'de> Visitor<'de> for DateSpecVisitor {
    type Value = DateSpec;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(
            "an ISO 8601 date or interval such as \"1965-04-25\", \"1964/1966\" or \"1970~\"",
        )
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<DateSpec, E> {
        DateSpec::parse_iso(text).map_err(E::custom)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<DateSpec, A::Error> {
        let parts = SpecParts::deserialize(MapAccessDeserializer::new(map))?;
        Ok(DateSpec {
            from: parts.from,
            to: parts.to,
            circa: parts.circa,
        })
    }
}

impl<'de> Deserialize<'de> for DateSpec {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<DateSpec, D::Error> {
        deserializer.deserialize_any(DateSpecVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(spec: &str) -> String {
        serde_json::to_string(&DateSpec::parse(spec).unwrap()).unwrap()
    }

    #[test]
    fn dates_are_iso_strings_at_their_precision() {
        assert_eq!(json("25 Apr 1965"), r#""1965-04-25""#);
        assert_eq!(json("Apr 1965"), r#""1965-04""#);
        assert_eq!(json("1965"), r#""1965""#);
        assert_eq!(json("1964 to 1966"), r#""1964/1966""#);
        assert_eq!(json("circa 1970"), r#""1970~""#);
        assert_eq!(json("circa 1964 to 1966"), r#""1964~/1966~""#);
        let date = PartialDate::ymd(2001, 2, 3).unwrap();
        assert_eq!(serde_json::to_string(&date).unwrap(), r#""2001-02-03""#);
    }

    #[test]
    fn iso_strings_read_back() {
        for text in [
            "25 Apr 1965",
            "Apr 1965",
            "1965",
            "1964 to 1966",
            "circa 1970",
            "circa May 1964 to 1966",
        ] {
            let spec = DateSpec::parse(text).unwrap();
            let read: DateSpec = serde_json::from_str(&serde_json::to_string(&spec).unwrap())
                .unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(read, spec, "{text}");
        }
    }

    #[test]
    fn the_older_object_form_still_reads() {
        let spec: DateSpec =
            serde_json::from_str(r#"{"from":{"year":1965,"month":4,"day":25}}"#).unwrap();
        assert_eq!(spec.to_iso(), "1965-04-25");
        let spec: DateSpec =
            serde_json::from_str(r#"{"from":{"year":1964},"to":{"year":1966},"circa":true}"#)
                .unwrap();
        assert_eq!(spec.to_iso(), "1964~/1966~");
        let date: PartialDate = serde_json::from_str(r#"{"year":2020,"month":12}"#).unwrap();
        assert_eq!(date.to_string(), "2020-12");
    }

    #[test]
    fn malformed_dates_are_errors_naming_the_text() {
        for bad in [
            r#""1965-4-25""#,
            r#""25 Apr 1965""#,
            r#""1965-02-30""#,
            r#""1966/1964""#,
            r#""1964/1965/1966""#,
            r#""""#,
            r#""19650""#,
            r#"{"year":1965,"month":13}"#,
            r#"{"year":1965,"day":3}"#,
        ] {
            let error = serde_json::from_str::<DateSpec>(bad)
                .err()
                .map(|e| e.to_string());
            assert!(error.is_some(), "{bad} was accepted");
        }
        let error = serde_json::from_str::<DateSpec>(r#""1965-4-25""#)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(error.contains("\"1965-4-25\""), "{error}");
    }
}
