//! FollowTheMoney entities as JSON lines (OpenSanctions exports, and
//! `embargo export --format ftm`): one entity per line,
//! `{"id", "schema", "datasets", "properties": {"name": [...], ...}}`.
//!
//! * Schemas: `Person`; `Organization`, `Company`, `LegalEntity`,
//!   `PublicBody` as organizations; `Vessel`; `Airplane` as aircraft
//!   (`table::thing_schema`). Their properties map to model fields
//!   through the one FtM property table ([`crate::ftm::table`]).
//! * The entities FtM keeps beside them are read into them
//!   (`related`): `Sanction` (programs, listing date), `Address` (through
//!   `addressEntity`), `Identification` and `Passport`, `CryptoWallet` (by
//!   `holder`), and the relationship schemata of
//!   [`table::RELATIONS`] (`Ownership`, `Family`, `Associate`,
//!   `UnknownLink`, ...) as links. Each entity keeps its `datasets`. Any
//!   other schema (`Payment`, ...) is skipped and counted in a notice per
//!   schema, never silently; so is a related entity that names no entity
//!   of the file.
//! * Names: the `caption` when it is one of the `name` values, else the
//!   first `name`, is the primary name; the other names and `alias` are
//!   strong, `weakAlias` and `abbreviation` weak, `previousName` former.
//! * Every property the table does not map to a field is kept as a remark
//!   `property: value`, except bookkeeping ([`Field::Ignored`]).
//! * An id seen twice in one file is an error: OpenSanctions exports hold
//!   one line per entity. Aggregate fragment streams first.
//!
//! Related entities may come before or after the entity they belong to, so
//! the file's screened entities are held until its end and then handed to
//! the sink in file order (as the OFAC reader holds its list to resolve
//! links).
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

mod related;

use std::collections::{BTreeMap, HashMap};
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use serde::Deserialize;

use super::encoding::NotUtf8;
use super::limits::is_usable_name;
use super::{EntitySink, FileRecords, FileRole, ListFiles, ListMeta, SourceError};
use crate::ftm::table::{self, Field};
use crate::model::{
    Address, Country, DateSpec, Entity, Gender, Identifier, Name, NamePart, NameQuality,
    PartialDate, Schema, VesselInfo, Wallet, country_name,
};

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

/// A screened entity of the file, with what waits for the related
/// entities: its `addressEntity` references and `address` texts.
#[derive(Debug)]
struct Thing {
    entity: Entity,
    address_refs: Vec<String>,
    address_texts: Vec<String>,
    /// Positions in `entity.identifiers` already completed by an
    /// `Identification`: a second one with the same number is a second
    /// document.
    completed: Vec<usize>,
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
    let mut things: Vec<Thing> = Vec::new();
    let mut thing_index: HashMap<String, usize> = HashMap::new();
    let mut others: Vec<FtmRecord> = Vec::new();
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
        if let Some(schema) = table::thing_schema(&record.schema) {
            let ftm_id = record.id.clone();
            let thing = map_record(record, schema, source_id).map_err(malformed)?;
            thing_index.insert(ftm_id, things.len());
            things.push(thing);
        } else if related::is_related(&record.schema) {
            others.push(record);
        } else {
            *skipped.entry(record.schema.clone()).or_default() += 1;
        }
    }
    if records == 0 {
        return Err(SourceError::invalid(
            label,
            "empty file: no FollowTheMoney entities",
        ));
    }
    let unattached = related::attach(&mut things, &thing_index, others, source_id);
    meta.notices.extend(skipped_notice(&skipped));
    meta.notices.extend(related::unattached_notice(&unattached));
    meta.records.push(FileRecords {
        role: FileRole::Primary,
        path: label.to_path_buf(),
        records,
    });
    if things.is_empty() {
        let skipped = meta.notices.join("; ");
        return Err(SourceError::invalid(
            label,
            format!("no person, organization, vessel or aircraft in the file ({skipped})"),
        ));
    }
    for thing in things {
        sink(thing.entity)?;
        meta.entity_count += 1;
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
    datasets: Vec<String>,
    /// Former ids of the entity (OpenSanctions `referents`): references
    /// may use them.
    #[serde(default)]
    referents: Vec<String>,
    #[serde(default)]
    properties: BTreeMap<String, Vec<String>>,
}

impl FtmRecord {
    /// The first non-blank value of `property`, trimmed.
    fn first(&self, property: &str) -> Option<&str> {
        self.values(property).next()
    }

    /// The non-blank values of `property`, trimmed.
    fn values<'a>(&'a self, property: &str) -> impl Iterator<Item = &'a str> + 'a {
        self.properties
            .get(property)
            .into_iter()
            .flatten()
            .map(|value| value.trim())
            .filter(|value| !value.is_empty())
    }
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
        "skipped {} (not persons, organizations, vessels or aircraft, nor entities about them)",
        counts.join(", ")
    ))
}

/// Turns one record into an entity.
fn map_record(mut record: FtmRecord, schema: Schema, source_id: &str) -> Result<Thing, String> {
    let names = record.properties.remove("name").unwrap_or_default();
    let primary = primary_name(&record, &names, schema)
        .ok_or_else(|| format!("{} entity {:?} has no name", record.schema, record.id))?;
    let mut thing = Thing {
        entity: Entity::new(format!("{source_id}:{}", record.id), schema, primary),
        address_refs: Vec::new(),
        address_texts: Vec::new(),
        completed: Vec::new(),
    };
    for name in names {
        thing.entity.add_name(Name::new(name, NameQuality::Strong));
    }
    thing.entity.datasets = std::mem::take(&mut record.datasets);
    for (property, values) in &record.properties {
        for value in values
            .iter()
            .map(|value| value.trim())
            .filter(|v| !v.is_empty())
        {
            apply_property(&mut thing, property, value);
        }
    }
    Ok(thing)
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

/// The name-part properties of the table (`firstName`, `secondName`,
/// `middleName`, `fatherName`, `lastName`) as name parts, in the table's
/// order. Each property may list several spellings (often in several
/// scripts): the first that occurs in `full` is taken, so the parts
/// describe the primary name; without a full name, the first of each.
fn name_parts(properties: &BTreeMap<String, Vec<String>>, full: Option<&str>) -> Vec<NamePart> {
    let full = full.map(str::to_lowercase);
    let fits = |value: &str| {
        !value.is_empty()
            && full
                .as_deref()
                .is_none_or(|full| full.contains(&value.to_lowercase()))
    };
    table::PROPERTIES
        .iter()
        .filter_map(|property| {
            let Field::NamePart(kind) = property.field else {
                return None;
            };
            let value = properties
                .get(property.name)?
                .iter()
                .map(|value| value.trim())
                .find(|value| fits(value))?;
            Some(NamePart {
                kind,
                value: value.to_string(),
            })
        })
        .collect()
}

/// Applies one property value to the entity, through the table; a
/// property the table does not know is kept as a remark.
fn apply_property(thing: &mut Thing, property: &str, value: &str) {
    let Some(row) = table::property(property) else {
        thing.entity.remarks.push(format!("{property}: {value}"));
        return;
    };
    let entity = &mut thing.entity;
    match row.field {
        Field::Name => entity.add_name(Name::new(value, NameQuality::Strong)),
        Field::Alias(quality) => entity.add_name(Name::new(value, quality)),
        Field::NamePart(_) | Field::Ignored => {}
        Field::BirthDate => push_date(entity, property, value, |e| &mut e.birth_dates),
        Field::Established => push_date(entity, property, value, |e| &mut e.established),
        Field::BirthPlace => push_unique(&mut entity.birth_places, value.to_string()),
        Field::BirthCountry => {
            let place = country_name(value).unwrap_or(value).to_string();
            push_unique(&mut entity.birth_places, place);
        }
        Field::Gender => match Gender::parse(value) {
            Some(gender) => entity.gender = Some(gender),
            None => entity.remarks.push(format!("{property}: {value}")),
        },
        Field::Title => push_unique(&mut entity.titles, value.to_string()),
        Field::Nationality => push_country(&mut entity.nationalities, value),
        Field::Citizenship => push_country(&mut entity.citizenships, value),
        Field::Country => add_country_address(entity, value),
        Field::Address => thing.address_texts.push(value.to_string()),
        Field::AddressEntity => thing.address_refs.push(value.to_string()),
        Field::Identifier(kind, label) => add_identifier(
            entity,
            Identifier {
                label: label.map(str::to_string),
                ..Identifier::new(kind, table::model_identifier(kind, value))
            },
        ),
        Field::Wallet => push_wallet(entity, wallet(value)),
        Field::Program => push_unique(&mut entity.programs, value.to_string()),
        Field::ListingDate => listing_date(entity, property, value),
        Field::Note => entity.remarks.push(value.to_string()),
        Field::Flag | Field::VehicleType | Field::Tonnage | Field::GrossTonnage => {
            apply_vessel(entity, row.field, property, value)
        }
    }
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

/// The listing date: the earliest given; kept as a remark when it is not
/// a date.
fn listing_date(entity: &mut Entity, property: &str, value: &str) {
    match PartialDate::parse(value) {
        Ok(date) => entity.listed_on = Some(entity.listed_on.map_or(date, |d| d.min(date))),
        Err(_) => entity.remarks.push(format!("{property}: {value}")),
    }
}

/// Pushes `value` unless the list already holds it.
fn push_unique(list: &mut Vec<String>, value: String) {
    if !list.contains(&value) {
        list.push(value);
    }
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

/// Adds an identifier unless one of its kind with the same number is
/// known.
fn add_identifier(entity: &mut Entity, identifier: Identifier) {
    let normalized = identifier.normalized();
    if !entity
        .identifiers
        .iter()
        .any(|known| known.kind == identifier.kind && known.normalized() == normalized)
    {
        entity.identifiers.push(identifier);
    }
}

/// Adds a wallet unless the same address in the same currency is known.
fn push_wallet(entity: &mut Entity, wallet: Wallet) {
    let normalized = wallet.normalized();
    if !entity
        .wallets
        .iter()
        .any(|known| known.currency == wallet.currency && known.normalized() == normalized)
    {
        entity.wallets.push(wallet);
    }
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

/// Vessel and aircraft particulars; on other schemata a remark.
fn apply_vessel(entity: &mut Entity, field: Field, property: &str, value: &str) {
    if !matches!(entity.schema, Schema::Vessel | Schema::Aircraft) {
        entity.remarks.push(format!("{property}: {value}"));
        return;
    }
    let text = Some(value.to_string());
    let vessel = entity.vessel.get_or_insert_with(VesselInfo::default);
    match field {
        Field::Flag => vessel.flag = Some(ftm_country(value)),
        Field::VehicleType => vessel.vessel_type = text,
        Field::Tonnage => vessel.tonnage = text,
        _ => vessel.gross_registered_tonnage = text,
    }
}

#[cfg(test)]
mod tests;
