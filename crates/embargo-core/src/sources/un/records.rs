//! Mapping one `INDIVIDUAL` or `ENTITY` record to an [`Entity`]: id,
//! primary name and its parts, aliases (with the birth details some carry),
//! program, gender, titles, nationalities, places of birth, addresses and
//! remarks; each child element is dispatched by [`apply_element`]. Dates
//! are read in `dates`, documents in `documents`.

use super::dates::{add_birth_date, apply_date_of_birth, listed_on};
use super::documents::apply_document;
use super::element::Element;
use crate::model::{
    Address, Country, DateSpec, Entity, Gender, Name, NamePart, NamePartKind, NameQuality, Schema,
};
use crate::sources::limits::is_usable_name;

/// Elements of a record that carry no information for screening.
const BOOKKEEPING: &[&str] = &["VERSIONNUM", "SORT_KEY", "SORT_KEY_LAST_MOD", "LIST_TYPE"];

/// Turns one record into an entity. Errors are messages; the caller adds
/// file, line and reference number.
pub(super) fn map_record(
    record: &Element,
    schema: Schema,
    source_id: &str,
    notices: &mut Vec<String>,
) -> Result<Entity, String> {
    let reference = record
        .text_of("REFERENCE_NUMBER")
        .ok_or("record has no REFERENCE_NUMBER")?;
    let primary = primary_name(record, schema).ok_or(
        "record has no name (FIRST_NAME to FOURTH_NAME are empty or hold no letter or digit)",
    )?;
    let mut entity = Entity::new(format!("{source_id}:{reference}"), schema, primary);
    for child in &record.children {
        apply_element(&mut entity, child, notices)?;
    }
    if let Some(dataid) = record.text_of("DATAID") {
        entity.remarks.insert(0, format!("DATAID {dataid}"));
    }
    Ok(entity)
}

/// The primary name: `FIRST_NAME` .. `FOURTH_NAME` joined by spaces, with
/// their parts for persons.
pub(super) fn primary_name(record: &Element, schema: Schema) -> Option<Name> {
    const PARTS: [(&str, NamePartKind); 4] = [
        ("FIRST_NAME", NamePartKind::First),
        ("SECOND_NAME", NamePartKind::Second),
        ("THIRD_NAME", NamePartKind::Third),
        ("FOURTH_NAME", NamePartKind::Fourth),
    ];
    let parts: Vec<NamePart> = PARTS
        .iter()
        .filter_map(|(element, kind)| {
            record.text_of(element).map(|value| NamePart {
                kind: *kind,
                value: value.to_string(),
            })
        })
        .collect();
    let full = parts
        .iter()
        .map(|part| part.value.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    if !is_usable_name(&full) {
        return None;
    }
    let mut name = Name::new(full, NameQuality::Primary);
    if schema == Schema::Person {
        name.parts = parts;
    }
    Some(name)
}

/// Applies one child element of a record to the entity.
fn apply_element(
    entity: &mut Entity,
    element: &Element,
    notices: &mut Vec<String>,
) -> Result<(), String> {
    match element.name.as_str() {
        "DATAID" | "REFERENCE_NUMBER" | "FIRST_NAME" | "SECOND_NAME" | "THIRD_NAME"
        | "FOURTH_NAME" => {}
        name if BOOKKEEPING.contains(&name) => {}
        "NAME_ORIGINAL_SCRIPT" => add_original_script(entity, &element.text),
        "UN_LIST_TYPE" => add_program(entity, &element.text),
        "LISTED_ON" => entity.listed_on = listed_on(&element.text)?,
        "GENDER" => apply_gender(entity, &element.text),
        "COMMENTS1" => add_remark(entity, &element.text),
        "TITLE" | "DESIGNATION" => add_titles(entity, element),
        "NATIONALITY" => add_nationalities(entity, element),
        "LAST_DAY_UPDATED" => add_last_updated(entity, element),
        "INDIVIDUAL_ALIAS" | "ENTITY_ALIAS" => apply_alias(entity, element, notices)?,
        "INDIVIDUAL_ADDRESS" | "ENTITY_ADDRESS" => entity.addresses.extend(address(element)),
        "INDIVIDUAL_DATE_OF_BIRTH" => apply_date_of_birth(entity, element)?,
        "INDIVIDUAL_PLACE_OF_BIRTH" => add_birth_place(entity, place_of_birth(element)),
        "INDIVIDUAL_DOCUMENT" => apply_document(entity, element),
        other => add_unknown(entity, other, element),
    }
    Ok(())
}

/// `NAME_ORIGINAL_SCRIPT`: a strong alias in the original script.
fn add_original_script(entity: &mut Entity, text: &str) {
    if !text.is_empty() {
        entity.add_name(Name::new(text, NameQuality::Strong));
    }
}

/// `UN_LIST_TYPE`: the sanctions regime (`DPRK`, `Al-Qaida`).
fn add_program(entity: &mut Entity, text: &str) {
    if !text.is_empty() && !entity.programs.iter().any(|known| known == text) {
        entity.programs.push(text.to_string());
    }
}

/// `GENDER`: `Male` or `Female`; anything else is kept as a remark.
fn apply_gender(entity: &mut Entity, text: &str) {
    match Gender::parse(text) {
        Some(gender) => entity.gender = Some(gender),
        None if !text.is_empty() => entity.remarks.push(format!("Gender: {text}")),
        None => {}
    }
}

/// A remark, unless empty.
fn add_remark(entity: &mut Entity, text: &str) {
    if !text.is_empty() {
        entity.remarks.push(text.to_string());
    }
}

/// `TITLE` and `DESIGNATION` values: titles.
fn add_titles(entity: &mut Entity, element: &Element) {
    for value in element.children_named("VALUE") {
        if !value.text.is_empty() && !entity.titles.contains(&value.text) {
            entity.titles.push(value.text.clone());
        }
    }
}

/// `NATIONALITY` values: nationalities.
fn add_nationalities(entity: &mut Entity, element: &Element) {
    for value in element.children_named("VALUE") {
        if !value.text.is_empty() {
            entity.nationalities.push(Country::from_text(&value.text));
        }
    }
}

/// `LAST_DAY_UPDATED` values: one remark `Last updated 2016-10-13, ...`.
fn add_last_updated(entity: &mut Entity, element: &Element) {
    let dates: Vec<&str> = element
        .children_named("VALUE")
        .map(|value| value.text.as_str())
        .filter(|text| !text.is_empty())
        .collect();
    if !dates.is_empty() {
        entity
            .remarks
            .push(format!("Last updated {}", dates.join(", ")));
    }
}

/// An element this parser does not know: its text is kept as a remark so
/// that a new field of the list is never dropped.
fn add_unknown(entity: &mut Entity, name: &str, element: &Element) {
    let mut texts: Vec<&str> = Vec::new();
    if !element.text.is_empty() {
        texts.push(&element.text);
    }
    texts.extend(
        element
            .children
            .iter()
            .map(|child| child.text.as_str())
            .filter(|text| !text.is_empty()),
    );
    if !texts.is_empty() {
        entity.remarks.push(format!("{name}: {}", texts.join("; ")));
    }
}

/// The quality of an alias from its `QUALITY` text: `Good` and `a.k.a.`
/// strong, `Low` weak, `f.k.a.` former. `None` for any other wording.
pub(super) fn alias_quality(text: &str) -> Option<NameQuality> {
    match text.to_ascii_lowercase().as_str() {
        "good" | "a.k.a." | "aka" | "" => Some(NameQuality::Strong),
        "low" => Some(NameQuality::Weak),
        "f.k.a." | "fka" => Some(NameQuality::Former),
        _ => None,
    }
}

/// `INDIVIDUAL_ALIAS` / `ENTITY_ALIAS`: an alias with its quality. The
/// date and place of birth some aliases carry are added to the entity's
/// own, and a remark ties them to the alias.
pub(super) fn apply_alias(
    entity: &mut Entity,
    element: &Element,
    notices: &mut Vec<String>,
) -> Result<(), String> {
    let Some(alias) = element.text_of("ALIAS_NAME") else {
        return Ok(());
    };
    let quality_text = element.text_of("QUALITY").unwrap_or("");
    let quality = alias_quality(quality_text).unwrap_or_else(|| {
        notices.push(format!(
            "{}: alias quality {quality_text:?} not recognized, taken as a strong alias",
            entity.id
        ));
        NameQuality::Strong
    });
    entity.add_name(Name::new(alias, quality));
    if let Some(note) = element.text_of("NOTE") {
        entity.remarks.push(format!("alias {alias}: {note}"));
    }
    apply_alias_birth(entity, alias, element)
}

/// The date, city and country of birth given with an alias.
fn apply_alias_birth(entity: &mut Entity, alias: &str, element: &Element) -> Result<(), String> {
    let date = element.text_of("DATE_OF_BIRTH");
    let place: Vec<&str> = ["CITY_OF_BIRTH", "COUNTRY_OF_BIRTH"]
        .iter()
        .filter_map(|name| element.text_of(name))
        .collect();
    if let Some(date) = date {
        let spec = DateSpec::parse(date)
            .map_err(|error| format!("DATE_OF_BIRTH of alias {alias}: {error}"))?;
        add_birth_date(entity, spec);
    }
    if !place.is_empty() {
        add_birth_place(entity, Some(place.join(", ")));
    }
    if date.is_some() || !place.is_empty() {
        let mut facts: Vec<String> = date.map(|d| format!("born {d}")).into_iter().collect();
        if !place.is_empty() {
            facts.push(format!("in {}", place.join(", ")));
        }
        entity
            .remarks
            .push(format!("alias {alias} used with {}", facts.join(" ")));
    }
    Ok(())
}

/// Adds a place of birth unless empty or already known.
fn add_birth_place(entity: &mut Entity, place: Option<String>) {
    if let Some(place) = place
        && !entity.birth_places.contains(&place)
    {
        entity.birth_places.push(place);
    }
}

/// `INDIVIDUAL_PLACE_OF_BIRTH`: its parts joined (`Kaesong, Democratic
/// People's Republic of Korea`), `None` when all are empty.
pub(super) fn place_of_birth(element: &Element) -> Option<String> {
    let parts: Vec<&str> = ["STREET", "CITY", "STATE_PROVINCE", "COUNTRY", "NOTE"]
        .iter()
        .filter_map(|name| element.text_of(name))
        .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// `INDIVIDUAL_ADDRESS` / `ENTITY_ADDRESS`; `None` when empty.
pub(super) fn address(element: &Element) -> Option<Address> {
    let text = |name: &str| element.text_of(name).map(str::to_string);
    let address = Address {
        street: text("STREET"),
        city: text("CITY"),
        region: text("STATE_PROVINCE"),
        postal_code: text("ZIP_CODE"),
        country: element.text_of("COUNTRY").map(Country::from_text),
        note: text("NOTE"),
    };
    (!address.is_empty()).then_some(address)
}
