//! `INDIVIDUAL_DOCUMENT`: identity documents become [`Identifier`]s
//! (passport, national id, other), merged when the list repeats one under
//! French and Spanish labels; a document without a number is kept as a
//! remark, never invented.

use super::element::Element;
use crate::model::{Country, Entity, IdKind, Identifier, normalize_identifier};

/// The identifier kind of a `TYPE_OF_DOCUMENT` (in English, French or
/// Spanish as the list writes it).
pub(super) fn document_kind(type_of_document: &str) -> IdKind {
    let lower = type_of_document.to_lowercase();
    if ["passport", "passeport", "pasaporte"]
        .iter()
        .any(|word| lower.contains(word))
    {
        IdKind::Passport
    } else if lower.contains("national identification") {
        IdKind::NationalId
    } else {
        IdKind::Other
    }
}

/// `INDIVIDUAL_DOCUMENT`: an identifier when it has a number, else a
/// remark with whatever it states. Documents repeated under French and
/// Spanish labels are merged into one.
pub(super) fn apply_document(entity: &mut Entity, element: &Element) {
    let type_of_document = element.text_of("TYPE_OF_DOCUMENT").unwrap_or("");
    let kind = document_kind(type_of_document);
    let label = element
        .text_of("TYPE_OF_DOCUMENT2")
        .or((kind == IdKind::Other && !type_of_document.is_empty()).then_some(type_of_document))
        .map(str::to_string);
    let note = document_note(element);
    let Some(number) = element.text_of("NUMBER") else {
        let described: Vec<&str> = [Some(type_of_document), label.as_deref(), note.as_deref()]
            .into_iter()
            .flatten()
            .filter(|text| !text.is_empty())
            .collect();
        if !described.is_empty() {
            entity.remarks.push(described.join(": "));
        }
        return;
    };
    let identifier = Identifier {
        kind,
        value: number.to_string(),
        country: element
            .text_of("ISSUING_COUNTRY")
            .or_else(|| element.text_of("COUNTRY_OF_ISSUE"))
            .map(Country::from_text),
        label,
        note,
    };
    add_identifier(entity, identifier);
}

/// `DATE_OF_ISSUE`, `CITY_OF_ISSUE` and `NOTE` of a document on one line
/// (`issued 2011-12-07; Expires on 7 Dec. 2016`).
fn document_note(element: &Element) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    match (
        element.text_of("DATE_OF_ISSUE"),
        element.text_of("CITY_OF_ISSUE"),
    ) {
        (Some(date), Some(city)) => parts.push(format!("issued {date} in {city}")),
        (Some(date), None) => parts.push(format!("issued {date}")),
        (None, Some(city)) => parts.push(format!("issued in {city}")),
        (None, None) => {}
    }
    parts.extend(element.text_of("NOTE").map(str::to_string));
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// Adds an identifier, merging it into a known one of the same kind and
/// number (filling what the known one lacks).
fn add_identifier(entity: &mut Entity, identifier: Identifier) {
    let normalized = normalize_identifier(identifier.kind, &identifier.value);
    let known = entity
        .identifiers
        .iter_mut()
        .find(|known| known.kind == identifier.kind && known.normalized() == normalized);
    match known {
        Some(known) => {
            known.country = known.country.take().or(identifier.country);
            known.label = known.label.take().or(identifier.label);
            known.note = merge_notes(known.note.take(), identifier.note);
        }
        None => entity.identifiers.push(identifier),
    }
}

/// Two notes on the same document as one, without repeating either.
fn merge_notes(known: Option<String>, new: Option<String>) -> Option<String> {
    match (known, new) {
        (Some(known), Some(new)) if new.contains(&known) => Some(new),
        (Some(known), Some(new)) if known.contains(&new) => Some(known),
        (Some(known), Some(new)) => Some(format!("{known}; {new}")),
        (known, new) => known.or(new),
    }
}
