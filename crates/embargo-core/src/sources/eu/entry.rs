//! One EU `sanctionEntity` (an element tree, from the XML or assembled
//! from CSV rows) as an [`Entity`]; the rules are in the `eu` module
//! comment.
//!
//! Identical alias texts (the EU repeats an alias under each regulation
//! that lists it) are kept once.

use crate::model::{
    Address, Country, DateSpec, Entity, Gender, IdKind, Identifier, ListReference, Name, NamePart,
    NamePartKind, NameQuality, PartialDate, Schema,
};
use crate::sources::published::push_unique;
use crate::sources::xml_tree::Node;

/// Maps one entry; `Err` says what makes it unusable (no name).
pub(crate) fn map_entry(node: &Node, source_id: &str) -> Result<Entity, String> {
    let native = node
        .attr("euReferenceNumber")
        .or_else(|| node.attr("logicalId"))
        .ok_or("no euReferenceNumber or logicalId")?;
    let aliases: Vec<&Node> = node.children_named("nameAlias").collect();
    let primary = primary_alias(&aliases).ok_or("no nameAlias with a name")?;
    let schema = node
        .child("subjectType")
        .map_or(Schema::Organization, subject_schema);
    let mut entity = Entity::new(
        format!("{source_id}:{native}"),
        schema,
        Name::new("", NameQuality::Primary),
    );
    entity.names.clear();
    if let Some(name) = alias_name(aliases[primary]) {
        entity.names.push(Name {
            quality: NameQuality::Primary,
            ..name
        });
    }
    for (position, alias) in aliases.iter().enumerate() {
        if position != primary
            && let Some(name) = alias_name(alias)
        {
            entity.add_name(name);
        }
        for key in ["function", "title"] {
            if let Some(value) = alias.attr(key) {
                push_unique(&mut entity.titles, value);
            }
        }
        if let Some(gender) = alias.attr("gender").and_then(Gender::parse) {
            entity.gender = Some(gender);
        }
        remarks_of(alias, &mut entity);
    }
    if let Some(un) = node.attr("unitedNationId") {
        entity.add_reference(ListReference::un(un));
    }
    if let Some(details) = node.attr("designationDetails") {
        push_unique(&mut entity.remarks, details);
    }
    entity.listed_on = node.attr("designationDate").and_then(iso_date);
    for child in &node.children {
        match child.name.as_str() {
            "remark" => push_unique(&mut entity.remarks, &child.text),
            "regulation" => regulation(child, &mut entity, node.attr("designationDate").is_none()),
            "citizenship" => {
                if let Some(country) = country(child)
                    && !entity.citizenships.contains(&country)
                {
                    entity.citizenships.push(country);
                }
            }
            "birthdate" => birth_date(child, &mut entity),
            "identification" => identification(child, &mut entity),
            "address" => address(child, &mut entity),
            _ => {}
        }
    }
    Ok(entity)
}

/// The index of the primary alias: the first without language that has a
/// last name, else the one without language with the most words (the
/// first of equals: a full name rather than a short `Abu Ahmad`), else the
/// first with a name.
fn primary_alias(aliases: &[&Node]) -> Option<usize> {
    let named = |alias: &&Node| alias_name(alias).is_some();
    let english = |alias: &&Node| alias.attr("nameLanguage").is_none();
    let words =
        |alias: &&Node| alias_name(alias).map_or(0, |name| name.full.split_whitespace().count());
    let most_words = aliases
        .iter()
        .enumerate()
        .filter(|(_, a)| named(a) && english(a))
        .fold(None, |best: Option<(usize, usize)>, (i, a)| match best {
            Some((_, count)) if count >= words(a) => best,
            _ => Some((i, words(a))),
        })
        .map(|(i, _)| i);
    aliases
        .iter()
        .position(|a| named(a) && english(a) && a.attr("lastName").is_some())
        .or(most_words)
        .or_else(|| aliases.iter().position(named))
}

/// A `nameAlias` as a name (strong unless `strong="false"`), with parts,
/// language and script.
fn alias_name(alias: &Node) -> Option<Name> {
    let parts: Vec<NamePart> = [
        ("firstName", NamePartKind::Given),
        ("middleName", NamePartKind::Middle),
        ("lastName", NamePartKind::Family),
    ]
    .into_iter()
    .filter_map(|(key, kind)| {
        alias.attr(key).map(|value| NamePart {
            kind,
            value: value.to_string(),
        })
    })
    .collect();
    let full = match alias.attr("wholeName") {
        Some(whole) => whole.to_string(),
        None => parts
            .iter()
            .map(|part| part.value.as_str())
            .collect::<Vec<_>>()
            .join(" "),
    };
    if full.trim().is_empty() {
        return None;
    }
    let quality = match alias.attr("strong") {
        Some(strong) if strong.eq_ignore_ascii_case("false") => NameQuality::Weak,
        _ => NameQuality::Strong,
    };
    let mut name = Name::new(full, quality);
    name.parts = if parts.len() >= 2 { parts } else { Vec::new() };
    name.language = alias.attr("nameLanguage").map(str::to_string);
    Some(name.with_detected_script())
}

/// The schema a `subjectType` gives.
fn subject_schema(subject: &Node) -> Schema {
    let code = subject
        .attr("code")
        .or_else(|| subject.attr("classificationCode"))
        .unwrap_or("")
        .to_ascii_lowercase();
    match code.as_str() {
        "person" | "p" => Schema::Person,
        "vessel" | "v" => Schema::Vessel,
        "aircraft" => Schema::Aircraft,
        _ => Schema::Organization,
    }
}

/// A `regulation`: its programme, and its publication date as listing date
/// (the earliest) when `use_date`.
fn regulation(node: &Node, entity: &mut Entity, use_date: bool) {
    if let Some(programme) = node.attr("programme") {
        push_unique(&mut entity.programs, programme);
    }
    if use_date && let Some(date) = node.attr("publicationDate").and_then(iso_date) {
        entity.listed_on = Some(entity.listed_on.map_or(date, |known| known.min(date)));
    }
    if let Some(title) = node.attr("numberTitle") {
        push_unique(&mut entity.remarks, &format!("Regulation {title}"));
    }
}

/// A country from `countryIso2Code` and `countryDescription` (`00` /
/// `UNKNOWN` is none).
fn country(node: &Node) -> Option<Country> {
    let code = node
        .attr("countryIso2Code")
        .filter(|code| code.len() == 2 && *code != "00");
    let description = node
        .attr("countryDescription")
        .filter(|d| !d.eq_ignore_ascii_case("unknown"));
    match (code, description) {
        (None, None) => None,
        (code, description) => {
            let name = description.or(code).unwrap_or_default();
            let mut country = Country::from_text(name);
            if let Some(code) = code {
                country.code = Some(code.to_ascii_uppercase());
            }
            Some(country)
        }
    }
}

/// An ISO date `YYYY-MM-DD` (a time after it is ignored).
fn iso_date(text: &str) -> Option<PartialDate> {
    PartialDate::parse(text.get(..10).unwrap_or(text)).ok()
}

/// A `birthdate`: the date at the precision given, a year range, circa;
/// and its place.
fn birth_date(node: &Node, entity: &mut Entity) {
    let number = |key: &str| node.attr(key).and_then(|v| v.parse::<i32>().ok());
    let from = node.attr("birthdate").and_then(iso_date).or_else(|| {
        let year = number("year")?;
        let month = number("monthOfYear").and_then(|m| u8::try_from(m).ok());
        let day = number("dayOfMonth").and_then(|d| u8::try_from(d).ok());
        PartialDate::from_fields(year, month, day)
    });
    let range_from = number("yearRangeFrom").map(PartialDate::year);
    let range_to = number("yearRangeTo").map(PartialDate::year);
    let spec = match (from, range_from, range_to) {
        (Some(date), _, _) => Some(DateSpec::on(date)),
        (None, Some(start), end) => Some(DateSpec {
            from: start,
            to: end,
            circa: false,
        }),
        (None, None, Some(end)) => Some(DateSpec::on(end)),
        (None, None, None) => None,
    };
    if let Some(mut spec) = spec {
        spec.circa = node
            .attr("circa")
            .is_some_and(|c| c.eq_ignore_ascii_case("true"));
        if !entity.birth_dates.contains(&spec) {
            entity.birth_dates.push(spec);
        }
    }
    let country = country(node).map(|c| c.name);
    let place: Vec<&str> = [node.attr("place"), node.attr("city"), node.attr("region")]
        .into_iter()
        .flatten()
        .chain(country.as_deref())
        .collect();
    if !place.is_empty() {
        push_unique(&mut entity.birth_places, &place.join(", "));
    }
}

/// An `identification` as an identifier; its issuer, dates and flags go
/// into the note.
fn identification(node: &Node, entity: &mut Entity) {
    let Some(number) = node.attr("number").or_else(|| node.attr("latinNumber")) else {
        if let Some(description) = node.attr("identificationTypeDescription") {
            push_unique(&mut entity.remarks, &format!("{description} (no number)"));
        }
        return;
    };
    let code = node
        .attr("identificationTypeCode")
        .unwrap_or("")
        .to_ascii_lowercase();
    let kind = match code.as_str() {
        "passport" => IdKind::Passport,
        "id" | "nationalid" => IdKind::NationalId,
        "tax" | "taxid" | "fiscalcode" => IdKind::TaxId,
        "regnumber" | "registration" => IdKind::Registration,
        "imo" => IdKind::Imo,
        _ => IdKind::Other,
    };
    let mut identifier = Identifier::new(kind, number);
    identifier.country = country(node);
    identifier.label = node
        .attr("identificationTypeDescription")
        .map(str::to_string);
    let mut notes: Vec<String> = Vec::new();
    for (key, label) in [
        ("issuedBy", "issued by"),
        ("issuedDate", "issued"),
        ("validFrom", "valid from"),
        ("validTo", "valid to"),
        ("nameOnDocument", "name on document"),
        ("region", "region"),
    ] {
        if let Some(value) = node.attr(key) {
            notes.push(format!("{label} {value}"));
        }
    }
    for flag in [
        "diplomatic",
        "knownExpired",
        "knownFalse",
        "reportedLost",
        "revokedByIssuer",
    ] {
        if node
            .attr(flag)
            .is_some_and(|v| v.eq_ignore_ascii_case("true"))
        {
            notes.push(flag.to_string());
        }
    }
    notes.extend(node.texts_of("remark").map(str::to_string));
    identifier.note = (!notes.is_empty()).then(|| notes.join("; "));
    entity.add_identifier(identifier);
}

/// An `address`, with its contact information and remarks as note.
fn address(node: &Node, entity: &mut Entity) {
    let street: Vec<&str> = node.attr("street").into_iter().collect();
    let mut notes: Vec<String> = Vec::new();
    if let Some(po_box) = node.attr("poBox") {
        notes.push(format!("P.O. Box {po_box}"));
    }
    if let Some(place) = node.attr("place") {
        notes.push(place.to_string());
    }
    if node
        .attr("asAtListingTime")
        .is_some_and(|v| v.eq_ignore_ascii_case("true"))
    {
        notes.push("as at listing time".to_string());
    }
    for contact in node.children_named("contactInfo") {
        if let (Some(key), Some(value)) = (contact.attr("key"), contact.attr("value")) {
            notes.push(format!("{key}: {value}"));
            let kind = match key.to_ascii_lowercase().as_str() {
                "email" => Some(IdKind::Email),
                "phone" | "fax" => Some(IdKind::Phone),
                "web" | "website" => Some(IdKind::Website),
                _ => None,
            };
            if let Some(kind) = kind {
                entity.add_identifier(Identifier::new(kind, value));
            }
        }
    }
    notes.extend(node.texts_of("remark").map(str::to_string));
    let address = Address {
        street: (!street.is_empty()).then(|| street.join(", ")),
        city: node.attr("city").map(str::to_string),
        region: node.attr("region").map(str::to_string),
        postal_code: node.attr("zipCode").map(str::to_string),
        country: country(node),
        note: (!notes.is_empty()).then(|| notes.join("; ")),
    };
    if !address.is_empty() && !entity.addresses.contains(&address) {
        entity.addresses.push(address);
    }
}

/// The `remark`s inside an alias.
fn remarks_of(node: &Node, entity: &mut Entity) {
    for remark in node.texts_of("remark") {
        push_unique(&mut entity.remarks, remark);
    }
}
