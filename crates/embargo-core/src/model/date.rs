//! Partial dates and date specifications (exact, year-only, ranges, circa),
//! as lists publish birth and establishment dates. Their JSON form (ISO
//! 8601 strings) is in `iso_json.rs`.

use std::fmt;

/// A date known to the year, the month or the day.
///
/// Ordering compares year, then month, then day, a missing part sorting
/// before any present one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    /// Year (four digits in practice).
    pub year: i32,
    /// Month 1–12, when known.
    pub month: Option<u8>,
    /// Day 1–31, when known (only with a month).
    pub day: Option<u8>,
}

/// Why a date text could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "not a date: {text:?} (expected e.g. 1965-04-25, 25 Apr 1965, Apr 1965, 1965, circa 1970 or 1964 to 1966)"
)]
pub struct DateParseError {
    /// The text that was given.
    pub text: String,
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn month_number(word: &str) -> Option<u8> {
    let lower = word.trim_end_matches('.').to_ascii_lowercase();
    if lower.len() < 3 {
        return None;
    }
    let position = MONTHS.iter().position(|m| lower.starts_with(m))?;
    let full_names = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    // Accept "Apr", "April", "Sept" but not "Aprilx".
    (full_names[position].starts_with(lower.as_str())).then_some(position as u8 + 1)
}

fn year_number(word: &str) -> Option<i32> {
    (word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()))
        .then(|| word.parse().ok())
        .flatten()
        .filter(|year| (1000..=2999).contains(year))
}

fn small_number(word: &str, max: u8) -> Option<u8> {
    if word.is_empty() || word.len() > 2 || !word.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    word.parse().ok().filter(|n| (1..=max).contains(n))
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl PartialDate {
    /// A year-only date.
    pub fn year(year: i32) -> PartialDate {
        PartialDate {
            year,
            month: None,
            day: None,
        }
    }

    /// A full date, checked for a real calendar day.
    pub fn ymd(year: i32, month: u8, day: u8) -> Option<PartialDate> {
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month)).then_some(
            PartialDate {
                year,
                month: Some(month),
                day: Some(day),
            },
        )
    }

    /// A date from the separate fields lists give: a year with, where
    /// known, a month and a day. A full date must be a real calendar day
    /// (`None` otherwise); a month alone must be 1 to 12, else the year
    /// alone is kept.
    pub fn from_fields(year: i32, month: Option<u8>, day: Option<u8>) -> Option<PartialDate> {
        match (month, day) {
            (Some(month), Some(day)) => PartialDate::ymd(year, month, day),
            (Some(month), None) if (1..=12).contains(&month) => Some(PartialDate {
                year,
                month: Some(month),
                day: None,
            }),
            _ => Some(PartialDate::year(year)),
        }
    }

    /// Parses an ISO 8601 calendar date at its precision and nothing else:
    /// `1965-04-25`, `1965-04` or `1965` (four-digit year, two-digit month
    /// and day, a real calendar day). The strict reader of embargo's own
    /// JSON; [`PartialDate::parse`] reads what lists and users write.
    pub(crate) fn parse_iso(text: &str) -> Result<PartialDate, DateParseError> {
        let error = || DateParseError {
            text: text.to_string(),
        };
        let digits = |part: &str, len: usize| {
            (part.len() == len && part.bytes().all(|b| b.is_ascii_digit()))
                .then(|| part.parse::<u16>().ok())
                .flatten()
        };
        let mut parts = text.split('-');
        let year = parts
            .next()
            .and_then(|part| digits(part, 4))
            .map(i32::from)
            .ok_or_else(error)?;
        let month = parts.next().map(|part| digits(part, 2));
        let day = parts.next().map(|part| digits(part, 2));
        if parts.next().is_some() {
            return Err(error());
        }
        let small = |n: Option<u16>| n.and_then(|n| u8::try_from(n).ok());
        match (month, day) {
            (None, _) => Ok(PartialDate::year(year)),
            (Some(month), None) => match small(month) {
                Some(month) if (1..=12).contains(&month) => Ok(PartialDate {
                    year,
                    month: Some(month),
                    day: None,
                }),
                _ => Err(error()),
            },
            (Some(month), Some(day)) => match (small(month), small(day)) {
                (Some(month), Some(day)) => PartialDate::ymd(year, month, day).ok_or_else(error),
                _ => Err(error()),
            },
        }
    }

    /// Parses one date in the forms lists and users write: ISO
    /// (`1965-04-25`, `1965-04`, `1965`), OFAC (`25 Apr 1965`, `Apr 1965`),
    /// `25/04/1965` (day first) and `April 25, 1965`.
    pub fn parse(text: &str) -> Result<PartialDate, DateParseError> {
        let error = || DateParseError {
            text: text.to_string(),
        };
        let trimmed = text.trim().trim_end_matches('.');
        // ISO forms, possibly followed by a time ("1965-04-25T00:00:00").
        let iso = trimmed.split('T').next().unwrap_or(trimmed);
        let dashed: Vec<&str> = iso.split('-').collect();
        if dashed.len() <= 3 && year_number(dashed[0]).is_some() && dashed.len() > 1 {
            let year = year_number(dashed[0]).ok_or_else(error)?;
            let month = small_number(dashed[1], 12).ok_or_else(error)?;
            return match dashed.get(2) {
                None => Ok(PartialDate {
                    year,
                    month: Some(month),
                    day: None,
                }),
                Some(day) => {
                    let day = small_number(day, 31).ok_or_else(error)?;
                    PartialDate::ymd(year, month, day).ok_or_else(error)
                }
            };
        }
        let slashed: Vec<&str> = trimmed.split(['/', '.']).collect();
        if slashed.len() == 3 {
            let day = small_number(slashed[0], 31).ok_or_else(error)?;
            let month = small_number(slashed[1], 12).ok_or_else(error)?;
            let year = year_number(slashed[2]).ok_or_else(error)?;
            return PartialDate::ymd(year, month, day).ok_or_else(error);
        }
        let words: Vec<&str> = trimmed
            .split([' ', ','])
            .filter(|word| !word.is_empty())
            .collect();
        match words.as_slice() {
            [year] => year_number(year).map(PartialDate::year).ok_or_else(error),
            [month, year] => {
                let month = month_number(month).ok_or_else(error)?;
                let year = year_number(year).ok_or_else(error)?;
                Ok(PartialDate {
                    year,
                    month: Some(month),
                    day: None,
                })
            }
            [first, second, year] => {
                let year = year_number(year).ok_or_else(error)?;
                let (day, month) = match (small_number(first, 31), month_number(second)) {
                    (Some(day), Some(month)) => (day, month),
                    _ => {
                        let month = month_number(first).ok_or_else(error)?;
                        let day = small_number(second, 31).ok_or_else(error)?;
                        (day, month)
                    }
                };
                PartialDate::ymd(year, month, day).ok_or_else(error)
            }
            _ => Err(error()),
        }
    }
}

impl fmt::Display for PartialDate {
    /// ISO 8601 form at the known precision: `1965-04-25`, `1965-04`, `1965`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(month) = self.month {
            write!(f, "-{month:02}")?;
            if let Some(day) = self.day {
                write!(f, "-{day:02}")?;
            }
        }
        Ok(())
    }
}

/// A date as a list states it: one date, or a range, possibly approximate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DateSpec {
    /// The date, or the start of the range.
    pub from: PartialDate,
    /// The inclusive end of a range (`1964 to 1966`), if one.
    pub to: Option<PartialDate>,
    /// True for `circa`/`approximately`.
    pub circa: bool,
}

impl DateSpec {
    /// One exact date at whatever precision it has.
    pub fn on(date: PartialDate) -> DateSpec {
        DateSpec {
            from: date,
            to: None,
            circa: false,
        }
    }

    /// Parses a date, `circa DATE`, `approximately DATE`, `DATE to DATE` or
    /// `DATE - DATE` (years).
    pub fn parse(text: &str) -> Result<DateSpec, DateParseError> {
        let trimmed = text.trim().trim_end_matches('.');
        let lower = trimmed.to_ascii_lowercase();
        for prefix in [
            "circa ",
            "approximately ",
            "approx. ",
            "approx ",
            "ca. ",
            "about ",
        ] {
            if lower.starts_with(prefix) {
                let mut spec = DateSpec::parse(&trimmed[prefix.len()..])?;
                spec.circa = true;
                return Ok(spec);
            }
        }
        for separator in [" to ", " - ", "–"] {
            if let Some(at) = lower.find(separator) {
                let from = PartialDate::parse(&trimmed[..at])?;
                let to = PartialDate::parse(&trimmed[at + separator.len()..])?;
                return Ok(DateSpec {
                    from: from.min(to),
                    to: Some(from.max(to)),
                    circa: false,
                });
            }
        }
        PartialDate::parse(trimmed).map(DateSpec::on)
    }

    /// The first and last year this specification admits, widening `circa`
    /// by `circa_years` on each side.
    pub fn year_span(&self, circa_years: i32) -> (i32, i32) {
        let last = self.to.map_or(self.from.year, |to| to.year);
        let slack = if self.circa { circa_years } else { 0 };
        (self.from.year - slack, last + slack)
    }
}

impl fmt::Display for DateSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.circa {
            f.write_str("circa ")?;
        }
        write!(f, "{}", self.from)?;
        if let Some(to) = self.to {
            write!(f, " to {to}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> String {
        PartialDate::parse(text)
            .map(|d| d.to_string())
            .unwrap_or_else(|e| e.to_string())
    }

    #[test]
    fn parses_the_forms_lists_use() {
        assert_eq!(date("25 Apr 1965"), "1965-04-25");
        assert_eq!(date("1965-04-25"), "1965-04-25");
        assert_eq!(date("1965-04-25T00:00:00"), "1965-04-25");
        assert_eq!(date("Apr 1965"), "1965-04");
        assert_eq!(date("1965"), "1965");
        assert_eq!(date("25/04/1965"), "1965-04-25");
        assert_eq!(date("April 25, 1965"), "1965-04-25");
        assert_eq!(date("08 Jan 1984."), "1984-01-08");
        assert_eq!(date("1965-04"), "1965-04");
    }

    #[test]
    fn rejects_impossible_dates() {
        assert!(PartialDate::parse("31 Feb 1965").is_err());
        assert!(PartialDate::parse("1965-13-01").is_err());
        assert!(PartialDate::parse("yesterday").is_err());
        assert!(PartialDate::parse("").is_err());
        assert!(PartialDate::parse("65").is_err());
        assert!(PartialDate::parse("Aprilx 1965").is_err());
    }

    #[test]
    fn parses_ranges_and_circa() {
        let range = DateSpec::parse("1964 to 1966").unwrap();
        assert_eq!(range.year_span(0), (1964, 1966));
        assert_eq!(range.to_string(), "1964 to 1966");
        let circa = DateSpec::parse("circa 1970").unwrap();
        assert!(circa.circa);
        assert_eq!(circa.year_span(2), (1968, 1972));
        assert_eq!(
            DateSpec::parse("1966 - 1964").unwrap().year_span(0),
            (1964, 1966)
        );
    }

    #[test]
    fn leap_years() {
        assert!(PartialDate::ymd(2000, 2, 29).is_some());
        assert!(PartialDate::ymd(1900, 2, 29).is_none());
    }
}
