//! One SECO `target` as an [`Entity`]; the rules are in the `ch` module
//! comment. `Ok(None)` for a target that is no longer listed.

use std::collections::HashMap;

use super::names::name_set;
use crate::model::{
    Address, Country, DateSpec, Entity, Gender, IdKind, Identifier, ListReference, Name,
    NameQuality, PartialDate, Schema,
};
use crate::sources::published::push_unique;
use crate::sources::xml_tree::Node;

/// A `place`: location, area and country, as addresses and places of
/// birth refer to it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Place {
    location: Option<String>,
    area: Option<String>,
    country: Option<Country>,
}

impl Place {
    /// A `place` element (or any element with `location`, `area` and
    /// `country` children).
    pub(super) fn of(node: &Node) -> Place {
        Place {
            location: node.text_of("location").map(str::to_string),
            area: node.text_of("area").map(str::to_string),
            country: node.child("country").and_then(country),
        }
    }

    /// `location, area, country`, the parts given.
    fn describe(&self) -> String {
        [
            self.location.as_deref(),
            self.area.as_deref(),
            self.country.as_ref().map(|c| c.name.as_str()),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ")
    }
}

/// What targets refer to: programs by sanctions-set ssid, places by ssid.
#[derive(Debug, Default)]
pub(super) struct Tables {
    /// Program of each sanctions set.
    pub(super) programs: HashMap<String, String>,
    /// Each place.
    pub(super) places: HashMap<String, Place>,
}

impl Tables {
    /// The place an element's `place-id` names, with the element's own
    /// `location`, `area` or `country` where it gives them.
    fn place_of(&self, node: &Node) -> Place {
        let mut place = node
            .attr("place-id")
            .and_then(|id| self.places.get(id))
            .cloned()
            .unwrap_or_default();
        let own = Place::of(node);
        place.location = own.location.or(place.location);
        place.area = own.area.or(place.area);
        place.country = own.country.or(place.country);
        place
    }
}

/// A `country` element: its text, with its `iso-code`.
fn country(node: &Node) -> Option<Country> {
    let code = node
        .attr("iso-code")
        .filter(|code| code.len() == 2 && code.bytes().all(|b| b.is_ascii_alphabetic()));
    let name = Some(node.text.as_str())
        .filter(|t| !t.is_empty())
        .or(code)?;
    let mut country = Country::from_text(name);
    if let Some(code) = code {
        country.code = Some(code.to_ascii_uppercase());
    }
    Some(country)
}

/// Maps one target; `Ok(None)` when its last modification is `de-listed`,
/// `Err` says what makes it unusable.
pub(super) fn map_target(
    target: &Node,
    source_id: &str,
    tables: &Tables,
) -> Result<Option<Entity>, String> {
    let ssid = target.attr("ssid").ok_or("no ssid")?;
    let modifications: Vec<&Node> = target.children_named("modification").collect();
    if modifications
        .last()
        .is_some_and(|last| last.attr("modification-type") == Some("de-listed"))
    {
        return Ok(None);
    }
    let (node, schema) = if let Some(node) = target.child("individual") {
        (node, Schema::Person)
    } else if let Some(node) = target.child("entity") {
        (node, Schema::Organization)
    } else if let Some(node) = target.child("object") {
        let schema = match node.attr("object-type") {
            Some("vessel") => Schema::Vessel,
            Some("aircraft") => Schema::Aircraft,
            _ => Schema::Other,
        };
        (node, schema)
    } else {
        return Err("no individual, entity or object".to_string());
    };
    let mut entity = Entity::new(
        format!("{source_id}:{ssid}"),
        schema,
        Name::new("", NameQuality::Primary),
    );
    entity.names.clear();
    names(node, &mut entity).ok_or("no name")?;
    if let Some(gender) = node.attr("sex").and_then(Gender::parse) {
        entity.gender = Some(gender);
    }
    listing(target, &modifications, tables, &mut entity);
    for child in &node.children {
        match child.name.as_str() {
            "identity" => identity(child, tables, &mut entity),
            "other-information" => other_information(&child.text, &mut entity),
            "justification" => {
                push_unique(
                    &mut entity.remarks,
                    &format!("Justification: {}", child.text),
                );
            }
            "relation" => {
                if let Some(other) = child.attr("target-id") {
                    let kind = child.attr("relation-type").unwrap_or("related");
                    let text = format!("Relation {kind}: {source_id}:{other}");
                    push_unique(&mut entity.remarks, &text);
                }
            }
            _ => {}
        }
    }
    Ok(Some(entity))
}

/// The names of every identity, the main identity's primary name first.
/// `None` when there is none.
fn names(node: &Node, entity: &mut Entity) -> Option<()> {
    let mut identities: Vec<&Node> = node.children_named("identity").collect();
    // The main identity first (stable: the others keep their order).
    identities.sort_by_key(|identity| identity.attr("main") != Some("true"));
    let sets: Vec<_> = identities
        .iter()
        .flat_map(|identity| within(identity, &["name"]))
        .filter_map(name_set)
        .collect();
    let primary = sets.iter().position(|set| set.primary).unwrap_or(0);
    let first = sets.get(primary)?.names.first()?.clone();
    entity.names.push(Name {
        quality: NameQuality::Primary,
        ..first
    });
    for (position, set) in sets.into_iter().enumerate() {
        for title in &set.titles {
            push_unique(&mut entity.titles, title);
        }
        let skip = usize::from(position == primary);
        for name in set.names.into_iter().skip(skip) {
            entity.add_name(name);
        }
    }
    Some(())
}

/// Program, listing date and UN reference.
fn listing(target: &Node, modifications: &[&Node], tables: &Tables, entity: &mut Entity) {
    let set = target
        .attr("sanctions-set-id")
        .or_else(|| target.text_of("sanctions-set-id"));
    if let Some(program) = set.and_then(|ssid| tables.programs.get(ssid)) {
        push_unique(&mut entity.programs, program);
    }
    let date = |m: &&Node| {
        m.attr("publication-date")
            .or_else(|| m.attr("effective-date"))
            .and_then(|d| PartialDate::parse(d.get(..10).unwrap_or(d)).ok())
    };
    let listed = modifications
        .iter()
        .filter(|m| m.attr("modification-type") == Some("listed"))
        .filter_map(date)
        .min();
    entity.listed_on = listed.or_else(|| modifications.iter().filter_map(date).min());
    for foreign in target.texts_of("foreign-identifier") {
        let un_form = foreign.contains('.')
            && foreign
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'.');
        if un_form {
            entity.add_reference(ListReference::un(foreign));
        } else {
            push_unique(
                &mut entity.remarks,
                &format!("Foreign identifier {foreign}"),
            );
        }
    }
}

/// An `other-information` text: a remark, and an IMO number it states.
fn other_information(text: &str, entity: &mut Entity) {
    let lower = text.to_ascii_lowercase();
    if let Some(at) = lower.find("imo number") {
        let number: String = text
            .get(at + "imo number".len()..)
            .unwrap_or("")
            .trim_start_matches([':', ' '])
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        if number.len() == 7 {
            entity.add_identifier(Identifier::new(IdKind::Imo, number));
        }
    }
    push_unique(&mut entity.remarks, text);
}

/// The elements called one of `names` inside `node`, at any depth (the
/// publisher may group them), in document order, not looking inside the
/// elements found; walked with an explicit stack.
fn within<'a>(node: &'a Node, names: &[&str]) -> Vec<&'a Node> {
    let mut found = Vec::new();
    let mut stack: Vec<&Node> = node.children.iter().rev().collect();
    while let Some(current) = stack.pop() {
        if names.contains(&current.name.as_str()) {
            found.push(current);
        } else {
            stack.extend(current.children.iter().rev());
        }
    }
    found
}

/// Dates, places, nationalities, addresses and documents of an identity.
fn identity(node: &Node, tables: &Tables, entity: &mut Entity) {
    let wanted = [
        "day-month-year",
        "place-of-birth",
        "nationality",
        "address",
        "identification-document",
    ];
    for child in within(node, &wanted) {
        match child.name.as_str() {
            "day-month-year" => birth_date(child, entity),
            "place-of-birth" => {
                let place = tables.place_of(child).describe();
                push_unique(&mut entity.birth_places, &place);
            }
            "nationality" => {
                if let Some(country) = child.child("country").and_then(country)
                    && !entity.nationalities.contains(&country)
                {
                    entity.nationalities.push(country);
                }
            }
            "address" => address(child, tables, entity),
            "identification-document" => document(child, entity),
            _ => {}
        }
    }
}

/// A `day-month-year`: a person's birth date; of anything else, a remark.
fn birth_date(node: &Node, entity: &mut Entity) {
    let number = |key: &str| node.attr(key).and_then(|v| v.parse::<u8>().ok());
    let Some(year) = node.attr("year").and_then(|y| y.parse::<i32>().ok()) else {
        return;
    };
    let date = PartialDate::from_fields(year, number("month"), number("day"));
    let Some(date) = date else { return };
    if entity.schema != Schema::Person {
        push_unique(&mut entity.remarks, &format!("Date {date}"));
        return;
    }
    let spec = DateSpec::on(date);
    if !entity.birth_dates.contains(&spec) {
        entity.birth_dates.push(spec);
    }
}

/// An `address` with its place.
fn address(node: &Node, tables: &Tables, entity: &mut Entity) {
    let place = tables.place_of(node);
    let mut notes: Vec<String> = Vec::new();
    if let Some(care_of) = node.text_of("c-o") {
        notes.push(format!("c/o {care_of}"));
    }
    if let Some(po_box) = node.text_of("p-o-box") {
        notes.push(format!("P.O. Box {po_box}"));
    }
    notes.extend(node.texts_of("remarks").map(str::to_string));
    let address = Address {
        street: node.text_of("address-details").map(str::to_string),
        city: place.location,
        region: place.area,
        postal_code: node.text_of("zip-code").map(str::to_string),
        country: place.country,
        note: (!notes.is_empty()).then(|| notes.join("; ")),
    };
    if !address.is_empty() && !entity.addresses.contains(&address) {
        entity.addresses.push(address);
    }
}

/// An `identification-document` as an identifier; without a number, a
/// remark.
fn document(node: &Node, entity: &mut Entity) {
    let kind_text = node.attr("document-type").unwrap_or("other");
    let Some(number) = node.text_of("number") else {
        push_unique(&mut entity.remarks, &format!("{kind_text} (no number)"));
        return;
    };
    let kind = match kind_text {
        "passport" | "diplomatic-passport" | "travel-document" => IdKind::Passport,
        "id-card" => IdKind::NationalId,
        _ => IdKind::Other,
    };
    let mut identifier = Identifier::new(kind, number);
    identifier.label = Some(kind_text.to_string());
    identifier.country = node.text_of("issuer").map(|issuer| {
        let mut country = Country::from_text(issuer);
        if country.code.is_none() && issuer.len() == 2 {
            country.code = Some(issuer.to_ascii_uppercase());
        }
        country
    });
    let notes: Vec<String> = [
        ("date-of-issue", "issued"),
        ("expiry-date", "expires"),
        ("remark", ""),
    ]
    .into_iter()
    .filter_map(|(element, label)| {
        node.text_of(element).map(|value| match label {
            "" => value.to_string(),
            label => format!("{label} {value}"),
        })
    })
    .collect();
    identifier.note = (!notes.is_empty()).then(|| notes.join("; "));
    entity.add_identifier(identifier);
}
