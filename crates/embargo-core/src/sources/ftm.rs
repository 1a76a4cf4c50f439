//! FollowTheMoney entities as JSON lines (OpenSanctions exports): one
//! entity per line, `{"id", "schema", "properties": {"name": [...], ...}}`.
//!
//! The file is read line by line; each line becomes one [`Entity`] handed
//! to the sink at once.
//!
//! * Schemas: `Person`; `Organization`, `Company`, `LegalEntity`,
//!   `PublicBody` as organizations; `Vessel`; `Airplane` as aircraft.
//!   Every other schema (`Address`, `Sanction`, `Ownership`, `Payment`,
//!   ...) describes something that is not screened by name, or a relation
//!   between entities: such lines are skipped and counted in a notice per
//!   schema, never silently.
//! * Names: the `caption` when it is one of the `name` values, else the
//!   first `name`, is the primary name; the other names and `alias` are
//!   strong, `weakAlias` and `abbreviation` weak, `previousName` former.
//! * Every property this module does not map to a field is kept as a remark
//!   `property: value`, except references to other lines and bookkeeping
//!   ([`IGNORED_PROPERTIES`]).
//! * An id seen twice in one file is an error: OpenSanctions exports hold
//!   one line per entity, and merging fragments would need the whole file in
//!   memory. Aggregate fragment streams first.
//!
//! A malformed line is an error naming the file and the line (and, for
//! bytes that are not UTF-8, the byte offset); blank lines are ignored. A
//! file that yields no entity at all is an error, since loading it would
//! empty the list.
//!
//! Nesting costs nothing: the record's own fields are strings, lists of
//! strings and one map of them, so a deeper value is a type error at its
//! line, and serde_json skips unknown fields without recursing (and caps
//! recursion at 128 levels wherever it does recurse).

use std::collections::{BTreeMap, HashMap};
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use serde::Deserialize;

use super::encoding::NotUtf8;
use super::limits::is_usable_name;
use super::{EntitySink, FileRecords, FileRole, ListFiles, ListMeta, SourceError};
use crate::model::{
    Address, Country, DateSpec, Entity, Gender, IdKind, Identifier, Name, NamePart, NamePartKind,
    NameQuality, PartialDate, Schema, VesselInfo, Wallet, country_name,
};

/// Properties that refer to other lines of the file or record when and
/// where the data was collected; they say nothing about the entity itself.
pub const IGNORED_PROPERTIES: &[&str] = &[
    "addressEntity",
    "modifiedAt",
    "retrievedAt",
    "sourceUrl",
    "publisher",
    "publisherUrl",
    "alephUrl",
    "indexText",
    "proof",
    "wikidataId",
];

/// Parses the FollowTheMoney JSON-lines file named by `files` (its primary
/// file); see [`parse_reader`].
pub fn parse(
    files: &ListFiles,
    source_id: &str,
    sink: &mut EntitySink<'_>,
) -> Result<ListMeta, SourceError> {
    let (file, path) = files.open_primary("FollowTheMoney")?;
    parse_reader(file, path, source_id, sink)
}

/// Parses FollowTheMoney JSON lines from `reader`, naming `label` in
/// errors, handing each person, organization, vessel and aircraft to
/// `sink` with the id `{source_id}:{id}`.
pub fn parse_reader<R: Read>(
    reader: R,
    label: &Path,
    source_id: &str,
    sink: &mut EntitySink<'_>,
) -> Result<ListMeta, SourceError> {
    let mut lines = BufReader::new(reader);
    let mut line = Vec::new();
    let mut line_number = 0u64;
    let mut line_start = 0u64;
    let mut seen: HashMap<String, u64> = HashMap::new();
    let mut skipped: BTreeMap<String, usize> = BTreeMap::new();
    let mut meta = ListMeta::default();
    let mut records = 0usize;
    loop {
        line.clear();
        let read = lines
            .read_until(b'\n', &mut line)
            .map_err(|error| SourceError::io(label, error))?;
        if read == 0 {
            break;
        }
        line_number += 1;
        let malformed = |message: String| SourceError::malformed(label, line_number, message);
        let text = line_text(&line, line_number)
            .map_err(|()| not_utf8(&line, line_start, line_number, label))?;
        line_start += read as u64;
        if text.trim().is_empty() {
            continue;
        }
        let record = parse_line(text).map_err(malformed)?;
        records += 1;
        if let Some(first) = seen.insert(record.id.clone(), line_number) {
            return Err(malformed(format!(
                "entity id {:?} already on line {first}; aggregate entity fragments first",
                record.id
            )));
        }
        let Some(schema) = thing_schema(&record.schema) else {
            *skipped.entry(record.schema.clone()).or_default() += 1;
            continue;
        };
        let entity = map_record(record, schema, source_id).map_err(malformed)?;
        sink(entity)?;
        meta.entity_count += 1;
    }
    if records == 0 {
        return Err(SourceError::invalid(
            label,
            "empty file: no FollowTheMoney entities",
        ));
    }
    meta.notices.extend(skipped_notice(&skipped));
    meta.records.push(FileRecords {
        role: FileRole::Primary,
        path: label.to_path_buf(),
        records,
    });
    if meta.entity_count == 0 {
        let skipped = meta.notices.join("; ");
        return Err(SourceError::invalid(
            label,
            format!("no person, organization, vessel or aircraft in the file ({skipped})"),
        ));
    }
    Ok(meta)
}

/// One line of the file as text, without its line end (and without a
/// byte-order mark on the first line); `Err` when it is not UTF-8.
fn line_text(bytes: &[u8], line_number: u64) -> Result<&str, ()> {
    let text = std::str::from_utf8(bytes).map_err(|_| ())?;
    let text = if line_number == 1 {
        text.strip_prefix('\u{feff}').unwrap_or(text)
    } else {
        text
    };
    Ok(text.trim_end_matches(['\n', '\r']))
}

/// The error for a line that is not UTF-8 text: `bytes` start at byte
/// `start` of the file, on line `line`.
fn not_utf8(bytes: &[u8], start: u64, line: u64, label: &Path) -> SourceError {
    match NotUtf8::find(bytes, start, line, true) {
        Some(not_utf8) => SourceError::not_utf8(label, not_utf8),
        None => SourceError::malformed(label, line, "not UTF-8 text"),
    }
}

/// One FollowTheMoney entity as the file holds it.
#[derive(Debug, Deserialize)]
struct FtmRecord {
    id: String,
    schema: String,
    #[serde(default)]
    caption: Option<String>,
    #[serde(default)]
    properties: BTreeMap<String, Vec<String>>,
}

/// Reads one line as an entity.
fn parse_line(text: &str) -> Result<FtmRecord, String> {
    let record: FtmRecord = serde_json::from_str(text)
        .map_err(|error| format!("not a FollowTheMoney entity: {error}"))?;
    if record.id.trim().is_empty() {
        return Err("entity with an empty id".to_string());
    }
    Ok(record)
}

/// The screened schema a FollowTheMoney schema maps to, `None` for schemas
/// that are skipped.
pub fn thing_schema(schema: &str) -> Option<Schema> {
    match schema {
        "Person" => Some(Schema::Person),
        "Organization" | "Company" | "LegalEntity" | "PublicBody" => Some(Schema::Organization),
        "Vessel" => Some(Schema::Vessel),
        "Airplane" => Some(Schema::Aircraft),
        _ => None,
    }
}

/// The notice counting skipped lines per schema, if any were skipped.
fn skipped_notice(skipped: &BTreeMap<String, usize>) -> Option<String> {
    if skipped.is_empty() {
        return None;
    }
    let counts: Vec<String> = skipped
        .iter()
        .map(|(schema, count)| format!("{count} {schema}"))
        .collect();
    Some(format!(
        "skipped {} (not persons, organizations, vessels or aircraft)",
        counts.join(", ")
    ))
}

/// Turns one record into an entity.
fn map_record(mut record: FtmRecord, schema: Schema, source_id: &str) -> Result<Entity, String> {
    let names = record.properties.remove("name").unwrap_or_default();
    let primary = primary_name(&record, &names, schema)
        .ok_or_else(|| format!("{} entity {:?} has no name", record.schema, record.id))?;
    let mut entity = Entity::new(format!("{source_id}:{}", record.id), schema, primary);
    for name in names {
        entity.add_name(Name::new(name, NameQuality::Strong));
    }
    for (property, values) in &record.properties {
        for value in values
            .iter()
            .map(|value| value.trim())
            .filter(|v| !v.is_empty())
        {
            apply_property(&mut entity, property, value);
        }
    }
    Ok(entity)
}

/// The primary name: the caption when it is one of the names, else the
/// first name, else (for a person) the name parts joined. Name parts are
/// attached to a person's primary name.
fn primary_name(record: &FtmRecord, names: &[String], schema: Schema) -> Option<Name> {
    let caption = record
        .caption
        .as_ref()
        .filter(|caption| names.contains(caption));
    let listed = caption
        .filter(|caption| is_usable_name(caption))
        .or_else(|| names.iter().find(|name| is_usable_name(name)))
        .map(|name| name.trim().to_string());
    let parts = name_parts(&record.properties, listed.as_deref());
    let full = listed.or_else(|| {
        let joined: Vec<&str> = parts.iter().map(|part| part.value.as_str()).collect();
        Some(joined.join(" ")).filter(|full| is_usable_name(full))
    })?;
    let mut name = Name::new(full, NameQuality::Primary);
    if schema == Schema::Person {
        name.parts = parts;
    }
    Some(name)
}

/// `firstName`, `middleName`, `fatherName` and `lastName` as name parts.
/// Each property may list several spellings (often in several scripts):
/// the first that occurs in `full` is taken, so the parts describe the
/// primary name; without a full name, the first of each.
fn name_parts(properties: &BTreeMap<String, Vec<String>>, full: Option<&str>) -> Vec<NamePart> {
    const PARTS: [(&str, NamePartKind); 4] = [
        ("firstName", NamePartKind::Given),
        ("middleName", NamePartKind::Middle),
        ("fatherName", NamePartKind::Patronymic),
        ("lastName", NamePartKind::Family),
    ];
    let full = full.map(str::to_lowercase);
    let fits = |value: &str| {
        !value.is_empty()
            && full
                .as_deref()
                .is_none_or(|full| full.contains(&value.to_lowercase()))
    };
    PARTS
        .iter()
        .filter_map(|(property, kind)| {
            let value = properties
                .get(*property)?
                .iter()
                .map(|value| value.trim())
                .find(|value| fits(value))?;
            Some(NamePart {
                kind: *kind,
                value: value.to_string(),
            })
        })
        .collect()
}

/// Applies one property value to the entity.
fn apply_property(entity: &mut Entity, property: &str, value: &str) {
    if apply_name(entity, property, value)
        || apply_personal(entity, property, value)
        || apply_country(entity, property, value)
        || apply_identifier(entity, property, value)
        || apply_vessel(entity, property, value)
        || apply_listing(entity, property, value)
    {
        return;
    }
    if !IGNORED_PROPERTIES.contains(&property) && !is_name_part(property) {
        entity.remarks.push(format!("{property}: {value}"));
    }
}

/// True for the properties read as name parts by [`name_parts`].
fn is_name_part(property: &str) -> bool {
    matches!(
        property,
        "firstName" | "middleName" | "lastName" | "fatherName"
    )
}

/// The quality of an alias-like property, if it is one.
pub fn alias_quality(property: &str) -> Option<NameQuality> {
    match property {
        "alias" => Some(NameQuality::Strong),
        "weakAlias" | "abbreviation" => Some(NameQuality::Weak),
        "previousName" => Some(NameQuality::Former),
        _ => None,
    }
}

/// `alias`, `weakAlias`, `abbreviation`, `previousName`.
fn apply_name(entity: &mut Entity, property: &str, value: &str) -> bool {
    let Some(quality) = alias_quality(property) else {
        return false;
    };
    entity.add_name(Name::new(value, quality));
    true
}

/// Birth, gender, titles: `birthDate`, `birthPlace`, `birthCountry`,
/// `gender`, `position`, `title`, `incorporationDate`.
fn apply_personal(entity: &mut Entity, property: &str, value: &str) -> bool {
    match property {
        "birthDate" => push_date(entity, property, value, |e| &mut e.birth_dates),
        "incorporationDate" => push_date(entity, property, value, |e| &mut e.established),
        "birthPlace" => push_unique(&mut entity.birth_places, value.to_string()),
        "birthCountry" => {
            let place = country_name(value).unwrap_or(value).to_string();
            push_unique(&mut entity.birth_places, place);
        }
        "gender" => match Gender::parse(value) {
            Some(gender) => entity.gender = Some(gender),
            None => entity.remarks.push(format!("gender: {value}")),
        },
        "position" | "title" => push_unique(&mut entity.titles, value.to_string()),
        _ => return false,
    }
    true
}

/// A date property into the list `field` selects; kept as a remark when
/// it is not a date.
fn push_date(
    entity: &mut Entity,
    property: &str,
    value: &str,
    field: impl Fn(&mut Entity) -> &mut Vec<DateSpec>,
) {
    match DateSpec::parse(value) {
        Ok(spec) => {
            let dates = field(entity);
            if !dates.contains(&spec) {
                dates.push(spec);
            }
        }
        Err(_) => entity.remarks.push(format!("{property}: {value}")),
    }
}

/// Pushes `value` unless the list already holds it.
fn push_unique(list: &mut Vec<String>, value: String) {
    if !list.contains(&value) {
        list.push(value);
    }
}

/// Countries: `nationality`, `citizenship`, and `country`, `jurisdiction`,
/// `mainCountry` (kept as addresses holding only the country, the model's
/// place for where an entity is), `address` (the full text as street).
fn apply_country(entity: &mut Entity, property: &str, value: &str) -> bool {
    match property {
        "nationality" => push_country(&mut entity.nationalities, value),
        "citizenship" => push_country(&mut entity.citizenships, value),
        "country" | "jurisdiction" | "mainCountry" => add_country_address(entity, value),
        "address" => entity.addresses.push(Address {
            street: Some(value.to_string()),
            ..Address::default()
        }),
        _ => return false,
    }
    true
}

/// Pushes a country unless already listed (by code, or name when
/// unresolved).
fn push_country(countries: &mut Vec<Country>, value: &str) {
    let country = ftm_country(value);
    if !countries.contains(&country) {
        countries.push(country);
    }
}

/// A FollowTheMoney country value (ISO code in lower case, `by`) as a
/// country with its English name.
fn ftm_country(value: &str) -> Country {
    let country = Country::from_text(value);
    match country.code.as_deref().and_then(country_name) {
        Some(name) if value.len() == 2 => Country {
            code: country.code.clone(),
            name: name.to_string(),
        },
        _ => country,
    }
}

/// An address holding only a country, unless one with that country exists.
fn add_country_address(entity: &mut Entity, value: &str) {
    let country = ftm_country(value);
    if entity
        .addresses
        .iter()
        .any(|address| address.country.as_ref() == Some(&country))
    {
        return;
    }
    entity.addresses.push(Address {
        country: Some(country),
        ..Address::default()
    });
}

/// The identifier kind and label of an identifier property.
pub fn identifier_kind(property: &str) -> Option<(IdKind, Option<&'static str>)> {
    let kind = match property {
        "idNumber" => (IdKind::NationalId, None),
        "passportNumber" => (IdKind::Passport, None),
        "taxNumber" | "vatCode" => (IdKind::TaxId, None),
        "innCode" => (IdKind::TaxId, Some("INN")),
        "registrationNumber" => (IdKind::Registration, None),
        "ogrnCode" => (IdKind::Registration, Some("OGRN")),
        "leiCode" => (IdKind::Registration, Some("LEI")),
        "imoNumber" => (IdKind::Imo, None),
        "mmsi" => (IdKind::Mmsi, None),
        "callSign" => (IdKind::CallSign, None),
        "email" => (IdKind::Email, None),
        "website" => (IdKind::Website, None),
        "phone" => (IdKind::Phone, None),
        "serialNumber" => (IdKind::Aircraft, None),
        "kppCode" => (IdKind::Other, Some("KPP")),
        "okpoCode" => (IdKind::Other, Some("OKPO")),
        "permId" => (IdKind::Other, Some("PermID")),
        "uniqueEntityId" => (IdKind::Other, Some("UEI")),
        "dunsCode" => (IdKind::Other, Some("DUNS")),
        "swiftBic" => (IdKind::Other, Some("SWIFT/BIC")),
        "icijId" => (IdKind::Other, Some("ICIJ id")),
        _ => return None,
    };
    Some(kind)
}

/// Identifier properties (see [`identifier_kind`]) and wallet addresses
/// (`cryptoWallet`-like properties holding `CURRENCY address`).
fn apply_identifier(entity: &mut Entity, property: &str, value: &str) -> bool {
    if property == "cryptoWallet" || property == "publicKey" {
        entity.wallets.push(wallet(value));
        return true;
    }
    let Some((kind, label)) = identifier_kind(property) else {
        return false;
    };
    let identifier = Identifier {
        label: label.map(str::to_string),
        ..Identifier::new(kind, value)
    };
    let normalized = identifier.normalized();
    if !entity
        .identifiers
        .iter()
        .any(|known| known.kind == kind && known.normalized() == normalized)
    {
        entity.identifiers.push(identifier);
    }
    true
}

/// A wallet from `XBT 1D6g...` (currency first) or a bare address.
fn wallet(value: &str) -> Wallet {
    match value.split_once(' ') {
        Some((currency, address)) if currency.len() <= 6 => Wallet {
            currency: currency.to_ascii_uppercase(),
            address: address.trim().to_string(),
        },
        _ => Wallet {
            currency: String::new(),
            address: value.to_string(),
        },
    }
}

/// Vessel and aircraft particulars: `flag`, `type`, `tonnage`,
/// `grossRegisteredTonnage`.
fn apply_vessel(entity: &mut Entity, property: &str, value: &str) -> bool {
    if !matches!(entity.schema, Schema::Vessel | Schema::Aircraft) {
        return false;
    }
    let text = Some(value.to_string());
    let vessel = entity.vessel.get_or_insert_with(VesselInfo::default);
    match property {
        "flag" => vessel.flag = Some(ftm_country(value)),
        "type" => vessel.vessel_type = text,
        "tonnage" => vessel.tonnage = text,
        "grossRegisteredTonnage" => vessel.gross_registered_tonnage = text,
        _ => {
            if vessel.is_empty() {
                entity.vessel = None;
            }
            return false;
        }
    }
    true
}

/// Listing facts: `topics`, `program`, `programId` as programs;
/// `createdAt`, `listingDate` as the listing date (the earliest);
/// `notes`, `summary`, `description` as remarks.
fn apply_listing(entity: &mut Entity, property: &str, value: &str) -> bool {
    match property {
        "topics" | "program" | "programId" => push_unique(&mut entity.programs, value.to_string()),
        "createdAt" | "listingDate" => match PartialDate::parse(value) {
            Ok(date) => entity.listed_on = Some(entity.listed_on.map_or(date, |d| d.min(date))),
            Err(_) => entity.remarks.push(format!("{property}: {value}")),
        },
        "notes" | "summary" | "description" => entity.remarks.push(value.to_string()),
        _ => return false,
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entities(text: &str) -> Result<(Vec<Entity>, ListMeta), SourceError> {
        let mut found = Vec::new();
        let meta = parse_reader(
            text.as_bytes(),
            Path::new("t.json"),
            "ftm-t",
            &mut |entity| {
                found.push(entity);
                Ok(())
            },
        )?;
        Ok((found, meta))
    }

    fn one(properties: &str) -> Entity {
        let line = format!(r#"{{"id":"x","schema":"Person","properties":{properties}}}"#);
        let (mut found, _) = entities(&line).unwrap();
        found.remove(0)
    }

    #[test]
    fn schemas_map_or_skip() {
        assert_eq!(thing_schema("Company"), Some(Schema::Organization));
        assert_eq!(thing_schema("PublicBody"), Some(Schema::Organization));
        assert_eq!(thing_schema("Airplane"), Some(Schema::Aircraft));
        assert_eq!(thing_schema("Sanction"), None);
    }

    #[test]
    fn caption_is_primary_and_other_names_strong() {
        let line = r#"{"id":"a","caption":"B","schema":"Company","properties":{"name":["A","B"],"alias":["C"],"weakAlias":["D"],"previousName":["E"]}}"#;
        let (found, _) = entities(line).unwrap();
        let names: Vec<(&str, NameQuality)> = found[0]
            .names
            .iter()
            .map(|n| (n.full.as_str(), n.quality))
            .collect();
        assert_eq!(
            names,
            vec![
                ("B", NameQuality::Primary),
                ("A", NameQuality::Strong),
                ("C", NameQuality::Strong),
                ("E", NameQuality::Former),
                ("D", NameQuality::Weak),
            ]
        );
        assert_eq!(found[0].id, "ftm-t:a");
    }

    #[test]
    fn person_name_parts() {
        let person = one(
            r#"{"name":["Ivan Petrovich Sidorov"],"firstName":["Ivan"],"fatherName":["Petrovich"],"lastName":["Sidorov"]}"#,
        );
        assert_eq!(person.names[0].part(NamePartKind::Given), Some("Ivan"));
        assert_eq!(
            person.names[0].part(NamePartKind::Patronymic),
            Some("Petrovich")
        );
        assert_eq!(person.names[0].part(NamePartKind::Family), Some("Sidorov"));
        assert!(person.remarks.is_empty());
    }

    #[test]
    fn name_parts_follow_the_primary_name() {
        let person = one(
            r#"{"name":["Vitaly KUZMENKO"],"firstName":["Виталий","Vitaly"],"lastName":["КУЗЬМЕНКО","Kuzmenko"]}"#,
        );
        assert_eq!(person.names[0].part(NamePartKind::Given), Some("Vitaly"));
        assert_eq!(person.names[0].part(NamePartKind::Family), Some("Kuzmenko"));
    }

    #[test]
    fn same_identifier_under_two_properties_is_kept_once() {
        let person = one(r#"{"name":["X"],"innCode":["1831"],"taxNumber":["1831"]}"#);
        assert_eq!(person.identifiers.len(), 1);
        assert_eq!(person.identifiers[0].label.as_deref(), Some("INN"));
    }

    #[test]
    fn name_from_parts_when_no_name() {
        let person = one(r#"{"firstName":["Ivan"],"lastName":["Sidorov"]}"#);
        assert_eq!(person.caption(), "Ivan Sidorov");
    }

    #[test]
    fn countries_dates_and_identifiers() {
        let person = one(
            r#"{"name":["X"],"nationality":["ru"],"citizenship":["by"],"country":["ru"],"birthDate":["1965-04-25"],"birthCountry":["ru"],"gender":["male"],"innCode":["183116181362"],"passportNumber":["089132114"]}"#,
        );
        assert_eq!(person.nationalities[0].code.as_deref(), Some("RU"));
        assert_eq!(person.nationalities[0].name, "Russia");
        assert_eq!(person.citizenships[0].code.as_deref(), Some("BY"));
        assert_eq!(person.addresses[0].country.as_ref().unwrap().name, "Russia");
        assert_eq!(person.birth_dates[0].to_string(), "1965-04-25");
        assert_eq!(person.birth_places, vec!["Russia"]);
        assert_eq!(person.gender, Some(Gender::Male));
        assert_eq!(person.identifiers[0].kind, IdKind::TaxId);
        assert_eq!(person.identifiers[0].label.as_deref(), Some("INN"));
        assert_eq!(person.identifiers[1].kind, IdKind::Passport);
    }

    #[test]
    fn listing_programs_and_remarks() {
        let person = one(
            r#"{"name":["X"],"topics":["sanction"],"programId":["GB-RUS"],"createdAt":["2024-01-31"],"listingDate":["2022-03-01"],"notes":["n"],"legalForm":["LLC"],"addressEntity":["addr-1"]}"#,
        );
        assert_eq!(person.programs, vec!["GB-RUS", "sanction"]);
        assert_eq!(person.listed_on.unwrap().to_string(), "2022-03-01");
        assert_eq!(person.remarks, vec!["legalForm: LLC", "n"]);
    }

    #[test]
    fn vessels_get_particulars() {
        let line = r#"{"id":"v","schema":"Vessel","properties":{"name":["SEA"],"imoNumber":["9187629"],"flag":["kp"],"type":["Tanker"]}}"#;
        let (found, _) = entities(line).unwrap();
        let vessel = found[0].vessel.as_ref().unwrap();
        assert_eq!(vessel.flag.as_ref().unwrap().code.as_deref(), Some("KP"));
        assert_eq!(vessel.vessel_type.as_deref(), Some("Tanker"));
        assert_eq!(found[0].identifiers[0].kind, IdKind::Imo);
    }

    #[test]
    fn wallets_split_currency() {
        assert_eq!(wallet("XBT 1abc").currency, "XBT");
        assert_eq!(wallet("0xabc").address, "0xabc");
    }

    #[test]
    fn skipped_schemas_are_counted() {
        let text = "{\"id\":\"s1\",\"schema\":\"Sanction\",\"properties\":{}}\n\n{\"id\":\"s2\",\"schema\":\"Sanction\",\"properties\":{}}\n{\"id\":\"a\",\"schema\":\"Address\",\"properties\":{}}\n{\"id\":\"p\",\"schema\":\"Person\",\"properties\":{\"name\":[\"P\"]}}\n";
        let (found, meta) = entities(text).unwrap();
        assert_eq!(found.len(), 1);
        assert_eq!(
            meta.notices,
            vec!["skipped 1 Address, 2 Sanction (not persons, organizations, vessels or aircraft)"]
        );
        let only_relations = "{\"id\":\"s1\",\"schema\":\"Sanction\",\"properties\":{}}\n";
        let error = entities(only_relations).unwrap_err().to_string();
        assert!(
            error.contains("no person, organization, vessel or aircraft"),
            "{error}"
        );
    }

    #[test]
    fn malformed_lines_name_their_line() {
        let text = "{\"id\":\"a\",\"schema\":\"Person\",\"properties\":{\"name\":[\"A\"]}}\n{\"id\":\"b\",\n";
        let error = entities(text).unwrap_err().to_string();
        assert!(
            error.starts_with("t.json:2: not a FollowTheMoney entity"),
            "{error}"
        );
    }

    #[test]
    fn repeated_ids_are_errors() {
        let line = "{\"id\":\"a\",\"schema\":\"Person\",\"properties\":{\"name\":[\"A\"]}}\n";
        let error = entities(&line.repeat(2)).unwrap_err().to_string();
        assert!(
            error.contains("t.json:2: entity id \"a\" already on line 1"),
            "{error}"
        );
    }

    #[test]
    fn nameless_things_are_errors() {
        let error =
            entities("{\"id\":\"a\",\"schema\":\"Company\",\"properties\":{}}").unwrap_err();
        assert!(
            error
                .to_string()
                .contains("t.json:1: Company entity \"a\" has no name")
        );
    }

    #[test]
    fn empty_input_is_an_error() {
        assert!(entities("").unwrap_err().to_string().contains("empty file"));
    }
}
