//! The trade.gov Consolidated Screening List CSV: a header row, then one
//! row per listed party; columns found by header name.
//!
//! Mapping: `name` the primary name, `alt_names` (`; `-separated) strong
//! aliases; `type` the schema (`Individual`, `Entity`, `Vessel`,
//! `Aircraft`; empty is an unclassified entry); `source` the sub-list;
//! `programs` (`; `-separated); `title` titles; `addresses`
//! (`; `-separated, a final two-letter part being the country code);
//! `dates_of_birth`, `places_of_birth`, `nationalities`, `citizenships`;
//! `ids` (`country, number, type` items, `; `-separated) identifiers or
//! wallets, items without a number remarks; `start_date` the listing date;
//! `call_sign` and vessel columns the vessel particulars; every other
//! non-empty column a remark `column: value`.

use super::{IdSet, digest_id};
use crate::decode::Fallback;
use crate::model::{
    Address, Country, DateSpec, Entity, IdKind, Identifier, Name, NameQuality, PartialDate, Schema,
    VesselInfo, Wallet,
};
use crate::sources::published::{push_unique, read_primary};
use crate::sources::published_csv::PublishedCsv;
use crate::sources::{EntitySink, ListFiles, ListMeta, SourceError};

/// Parses a Consolidated Screening List CSV.
pub fn parse(
    files: &ListFiles,
    source_id: &str,
    sink: &mut EntitySink<'_>,
) -> Result<ListMeta, SourceError> {
    let (decoded, path) = read_primary(files, "Consolidated Screening List CSV", Fallback::Refuse)?;
    let mut rows =
        PublishedCsv::open(&decoded.text, 0, b',', &path, "Consolidated Screening List")?;
    let headers: Vec<String> = rows
        .headers()
        .iter()
        .map(|h| h.to_ascii_lowercase())
        .collect();
    let name_column = headers.iter().position(|h| h == "name").ok_or_else(|| {
        SourceError::malformed(
            &path,
            1,
            "no `name` column: not a Consolidated Screening List",
        )
    })?;
    let mut meta = ListMeta::default();
    let mut ids = IdSet::default();
    let mut last_id = String::new();
    let mut record = csv::StringRecord::new();
    while rows.next_row(&mut record, || after_record(&last_id))? {
        // The line is computed only for an error (per row, it would make
        // the import quadratic).
        let line = || rows.line_at(record.position());
        let name = record.get(name_column).map(str::trim).unwrap_or("");
        let native = row_id(&headers, &record);
        let id = ids.unique(format!("{source_id}:{native}"));
        if name.is_empty() {
            return Err(SourceError::malformed(
                &path,
                line(),
                format!("record {native}: no name"),
            ));
        }
        let entity = map_row(id.clone(), name, &headers, &record);
        last_id = native;
        sink(entity)?;
        meta.entity_count += 1;
    }
    let records = meta.entity_count;
    meta.finish_primary(&path, records, "no row")
}

/// ` (after record N)`, naming the last record read, for messages.
fn after_record(last_id: &str) -> String {
    if last_id.is_empty() {
        String::new()
    } else {
        format!(" (after record {last_id})")
    }
}

/// The native id of a row: `_id`, else `entity_number`, else the sub-list
/// abbreviation and a digest of name, addresses and start date.
fn row_id(headers: &[String], record: &csv::StringRecord) -> String {
    let get = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .and_then(|i| record.get(i))
            .map(str::trim)
            .unwrap_or("")
    };
    for column in ["_id", "id", "entity_number"] {
        let value = get(column);
        if !value.is_empty() {
            return value.to_string();
        }
    }
    let list = abbreviation(get("source")).to_ascii_lowercase();
    let digest = digest_id(&[
        get("source"),
        get("name"),
        get("addresses"),
        get("start_date"),
    ]);
    if list.is_empty() {
        digest
    } else {
        format!("{list}-{digest}")
    }
}

/// The abbreviation in parentheses of a sub-list name (`EL` in `Entity
/// List (EL) - Bureau of Industry and Security`), or empty.
pub(super) fn abbreviation(source: &str) -> &str {
    source
        .split_once('(')
        .and_then(|(_, rest)| rest.split_once(')'))
        .map(|(inside, _)| inside.trim())
        .filter(|inside| !inside.is_empty() && inside.len() <= 12)
        .unwrap_or("")
}

/// Splits a `; `-separated list.
fn items(text: &str) -> impl Iterator<Item = &str> {
    text.split(';')
        .map(str::trim)
        .filter(|item| !item.is_empty())
}

/// One row as an entity.
fn map_row(id: String, name: &str, headers: &[String], record: &csv::StringRecord) -> Entity {
    let mut entity = Entity::new(
        id,
        Schema::Other,
        Name::new(name, NameQuality::Primary).with_detected_script(),
    );
    let mut vessel = VesselInfo::default();
    for (header, value) in headers.iter().zip(record.iter()) {
        let value = value.trim();
        if value.is_empty() {
            continue;
        }
        match header.as_str() {
            "name" | "_id" | "id" | "entity_number" => {}
            "type" => entity.schema = Schema::parse(value).unwrap_or(Schema::Other),
            "source" => entity.sublist = Some(value.to_string()),
            "programs" => items(value).for_each(|p| push_unique(&mut entity.programs, p)),
            "alt_names" => items(value).for_each(|alias| {
                entity.add_name(Name::new(alias, NameQuality::Strong).with_detected_script())
            }),
            "title" => push_unique(&mut entity.titles, value),
            "addresses" => items(value).for_each(|a| address(a, &mut entity)),
            "dates_of_birth" => items(value).for_each(|date| match DateSpec::parse(date) {
                Ok(spec) => entity.birth_dates.push(spec),
                Err(_) => push_unique(&mut entity.remarks, &format!("DOB {date}")),
            }),
            "places_of_birth" => {
                items(value).for_each(|p| push_unique(&mut entity.birth_places, p))
            }
            "nationalities" => {
                items(value).for_each(|c| entity.nationalities.push(Country::from_text(c)))
            }
            "citizenships" => {
                items(value).for_each(|c| entity.citizenships.push(Country::from_text(c)))
            }
            "ids" => items(value).for_each(|item| identifier(item, &mut entity)),
            "start_date" => match PartialDate::parse(value) {
                Ok(date) => entity.listed_on = Some(date),
                Err(_) => push_unique(&mut entity.remarks, &format!("start_date: {value}")),
            },
            "call_sign" => entity.add_identifier(Identifier::new(IdKind::CallSign, value)),
            "vessel_type" => vessel.vessel_type = Some(value.to_string()),
            "vessel_flag" => vessel.flag = Some(Country::from_text(value)),
            "gross_tonnage" => vessel.tonnage = Some(value.to_string()),
            "gross_registered_tonnage" => vessel.gross_registered_tonnage = Some(value.to_string()),
            "vessel_owner" => vessel.owner = Some(value.to_string()),
            "remarks" => push_unique(&mut entity.remarks, value),
            other => push_unique(&mut entity.remarks, &format!("{other}: {value}")),
        }
    }
    if !vessel.is_empty() {
        entity.vessel = Some(vessel);
    }
    entity
}

/// An address `street, city, state, postal code, CC`: a final two-letter
/// part is the country code, the rest the street line as published.
fn address(text: &str, entity: &mut Entity) {
    let (rest, country) = match text.rsplit_once(',') {
        Some((rest, last))
            if last.trim().len() == 2 && last.trim().bytes().all(|b| b.is_ascii_uppercase()) =>
        {
            (rest.trim(), Some(last.trim()))
        }
        _ => (text.trim(), None),
    };
    let address = Address {
        street: (!rest.is_empty()).then(|| rest.to_string()),
        country: country.map(Country::from_text),
        ..Address::default()
    };
    if !address.is_empty() && !entity.addresses.contains(&address) {
        entity.addresses.push(address);
    }
}

/// One `ids` item: `CC, number, type`, `number, type`; a digital currency
/// address becomes a wallet; an item without a number is a remark.
fn identifier(item: &str, entity: &mut Entity) {
    let parts: Vec<&str> = item.split(',').map(str::trim).collect();
    let (country, number, label) = match parts.as_slice() {
        [country, number, label] if country.len() == 2 => (Some(*country), *number, *label),
        [number, label] => (None, *number, *label),
        _ => (None, "", ""),
    };
    let lower = label.to_ascii_lowercase();
    let contact = lower.contains("website") || lower.contains("email");
    if number.is_empty() || !(contact || number.bytes().any(|b| b.is_ascii_digit())) {
        push_unique(&mut entity.remarks, item);
        return;
    }
    if let Some(currency) = lower
        .starts_with("digital currency address")
        .then(|| label.rsplit(['-', ' ']).next().unwrap_or("").trim())
    {
        entity.wallets.push(Wallet {
            currency: currency.to_string(),
            address: number.to_string(),
        });
        return;
    }
    let kind = if lower.contains("passport") {
        IdKind::Passport
    } else if lower.contains("tax") {
        IdKind::TaxId
    } else if lower.contains("registration") && lower.contains("vessel") {
        IdKind::Imo
    } else if lower.contains("registration")
        || lower.contains("matricula")
        || lower.contains("business")
    {
        IdKind::Registration
    } else if lower.contains("national id")
        || lower.contains("cedula")
        || lower.contains("identification number")
    {
        IdKind::NationalId
    } else if lower.contains("website") {
        IdKind::Website
    } else if lower.contains("email") {
        IdKind::Email
    } else if lower.contains("phone") {
        IdKind::Phone
    } else if lower.contains("mmsi") {
        IdKind::Mmsi
    } else {
        IdKind::Other
    };
    let value = number
        .strip_prefix("IMO ")
        .filter(|_| kind == IdKind::Imo)
        .unwrap_or(number);
    let mut identifier = Identifier::new(kind, value);
    identifier.label = Some(label.to_string());
    identifier.country = country.map(Country::from_text);
    entity.add_identifier(identifier);
}
