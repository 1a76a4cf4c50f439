//! UK list dates: `dd/mm/yyyy`, with `dd`, `mm` or `00` for an unknown
//! day or month (`dd/mm/1945`, `00/00/1980` are the year only,
//! `dd/08/1979` a month), or a bare year; other wordings (`circa 1958`)
//! go through [`DateSpec::parse`].

use crate::model::{DateSpec, PartialDate};

/// A UK date as a partial date, `None` when it is not one.
pub(super) fn uk_date(text: &str) -> Option<PartialDate> {
    let text = text.trim();
    let parts: Vec<&str> = text.split('/').map(str::trim).collect();
    match parts.as_slice() {
        [day, month, year] => {
            let year = year_of(year)?;
            let month = known(month, 12)?;
            let day = known(day, 31)?;
            match (month, day) {
                (Some(month), Some(day)) => PartialDate::ymd(year, month, day),
                (Some(month), None) => Some(PartialDate {
                    year,
                    month: Some(month),
                    day: None,
                }),
                (None, _) => Some(PartialDate::year(year)),
            }
        }
        [year] => year_of(year).map(PartialDate::year),
        _ => None,
    }
}

/// A UK date of birth as a date specification: [`uk_date`], else the
/// general wordings.
pub(super) fn uk_birth_date(text: &str) -> Option<DateSpec> {
    uk_date(text)
        .map(DateSpec::on)
        .or_else(|| DateSpec::parse(text).ok())
}

/// A four-digit year.
fn year_of(text: &str) -> Option<i32> {
    (text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
        .filter(|year| (1000..=2999).contains(year))
}

/// A day or month: `Some(None)` when the file says it is unknown (`dd`,
/// `mm`, `00`, empty), `None` when it is not a number in range.
fn known(text: &str, max: u8) -> Option<Option<u8>> {
    let lower = text.to_ascii_lowercase();
    if lower.is_empty() || lower == "dd" || lower == "mm" || lower.bytes().all(|b| b == b'0') {
        return Some(None);
    }
    let number: u8 = lower.parse().ok()?;
    (1..=max).contains(&number).then_some(Some(number))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_dates() {
        let shown = |text: &str| uk_date(text).map(|d| d.to_string());
        assert_eq!(shown("dd/mm/1945").as_deref(), Some("1945"));
        assert_eq!(shown("00/00/1980").as_deref(), Some("1980"));
        assert_eq!(shown("dd/08/1979").as_deref(), Some("1979-08"));
        assert_eq!(shown("01/08/1979").as_deref(), Some("1979-08-01"));
        assert_eq!(shown("1971").as_deref(), Some("1971"));
        assert_eq!(shown("31/02/1971"), None);
        assert_eq!(shown("32/01/1971"), None);
        assert_eq!(shown("xx"), None);
        let circa = uk_birth_date("circa 1958").map(|spec| (spec.from.year, spec.circa));
        assert_eq!(circa, Some((1958, true)));
    }
}
