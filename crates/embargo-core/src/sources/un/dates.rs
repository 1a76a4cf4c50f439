//! The UN list's dates: `LISTED_ON` and XML Schema dates with a time zone,
//! and `INDIVIDUAL_DATE_OF_BIRTH` as `EXACT` (`DATE` or `YEAR`),
//! `APPROXIMATELY` (circa) or `BETWEEN` (`FROM_YEAR` to `TO_YEAR`), or a
//! date given only as a note.

use super::element::Element;
use crate::model::{DateSpec, Entity, PartialDate};

/// `LISTED_ON`: the listing date (`2017-12-22`).
pub(super) fn listed_on(text: &str) -> Result<Option<PartialDate>, String> {
    if text.is_empty() {
        return Ok(None);
    }
    xs_date(text)
        .map(Some)
        .map_err(|error| format!("LISTED_ON: {error}"))
}

/// An XML Schema date, which may end in a time zone (`2015-04-07-04:00`,
/// `2015-04-07Z`); the zone is dropped.
pub(super) fn xs_date(text: &str) -> Result<PartialDate, crate::model::DateParseError> {
    let without_z = text.strip_suffix('Z').unwrap_or(text);
    let bytes = without_z.as_bytes();
    let zoned = bytes.len() == 16 && matches!(bytes[10], b'+' | b'-') && bytes[13] == b':';
    let date = if zoned { &without_z[..10] } else { without_z };
    PartialDate::parse(date)
}

/// Adds a date of birth unless already known.
pub(super) fn add_birth_date(entity: &mut Entity, spec: DateSpec) {
    if !entity.birth_dates.contains(&spec) {
        entity.birth_dates.push(spec);
    }
}

/// `INDIVIDUAL_DATE_OF_BIRTH`: a date, or a remark when only a note that
/// is not a date is given. A note `Approximately` (which the list puts on
/// some `BETWEEN` ranges) makes the date circa; other notes are remarks.
pub(super) fn apply_date_of_birth(entity: &mut Entity, element: &Element) -> Result<(), String> {
    let note = element.text_of("NOTE");
    let approximately = note.is_some_and(|note| note.eq_ignore_ascii_case("approximately"));
    match date_of_birth(element)? {
        Some(spec) if approximately => add_birth_date(
            entity,
            DateSpec {
                circa: true,
                ..spec
            },
        ),
        Some(spec) => {
            add_birth_date(entity, spec);
            if let Some(note) = note {
                entity.remarks.push(format!("DOB {spec}: {note}"));
            }
        }
        None => match note.map(|text| (text, DateSpec::parse(text))) {
            Some((_, Ok(spec))) => add_birth_date(entity, spec),
            Some((text, Err(_))) => entity.remarks.push(format!("DOB {text}")),
            None => {}
        },
    }
    Ok(())
}

/// The date of a `INDIVIDUAL_DATE_OF_BIRTH` element from `TYPE_OF_DATE`
/// and `DATE`, `YEAR` or `FROM_YEAR`/`TO_YEAR`; `None` when it holds no
/// date.
pub(super) fn date_of_birth(element: &Element) -> Result<Option<DateSpec>, String> {
    let kind = element.text_of("TYPE_OF_DATE").unwrap_or("EXACT");
    let exact = exact_birth_date(element)?;
    match kind.to_ascii_uppercase().as_str() {
        "EXACT" => Ok(exact),
        "APPROXIMATELY" => Ok(exact.map(|spec| DateSpec {
            circa: true,
            ..spec
        })),
        "BETWEEN" => birth_date_range(element).map(|range| range.or(exact)),
        other => Err(format!("date of birth of unknown TYPE_OF_DATE {other:?}")),
    }
}

/// `DATE` (`1964-06-18`) or else `YEAR` (`1971`).
fn exact_birth_date(element: &Element) -> Result<Option<DateSpec>, String> {
    let Some((field, text)) = ["DATE", "YEAR"]
        .iter()
        .find_map(|field| element.text_of(field).map(|text| (*field, text)))
    else {
        return Ok(None);
    };
    xs_date(text)
        .map(|date| Some(DateSpec::on(date)))
        .map_err(|error| format!("date of birth {field}: {error}"))
}

/// `FROM_YEAR` to `TO_YEAR`, both required.
fn birth_date_range(element: &Element) -> Result<Option<DateSpec>, String> {
    let (Some(from), Some(to)) = (element.text_of("FROM_YEAR"), element.text_of("TO_YEAR")) else {
        return Ok(None);
    };
    let year = |text: &str| {
        PartialDate::parse(text).map_err(|error| format!("date of birth BETWEEN: {error}"))
    };
    let (from, to) = (year(from)?, year(to)?);
    Ok(Some(DateSpec {
        from: from.min(to),
        to: Some(from.max(to)),
        circa: false,
    }))
}
