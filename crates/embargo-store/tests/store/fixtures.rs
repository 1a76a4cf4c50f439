//! Hand-built entities and publications for the store's tests and
//! benchmark: small, exact and independent of the list parsers.
//!
//! A publication here is one JSON-lines file of serialized [`Entity`]
//! values, read back by [`parse_publication`], a small streaming parser
//! that reports bad lines the way real parsers do (`file:line: message`).

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::Path;

use embargo_core::model::{
    Address, Country, DateSpec, Entity, IdKind, Identifier, Link, Name, NameQuality, PartialDate,
    Schema, VesselInfo, Wallet,
};
use embargo_core::sources::{
    EntitySink, FileRole, ListFile, ListFiles, ListMeta, SourceError, SourceFormat,
    date_in_file_name,
};
use embargo_store::{ImportOutcome, ImportRequest, Store, StoreError};

const SURNAMES: [&str; 8] = [
    "KIM",
    "AL-RASHID",
    "IVANOV",
    "HOSSEINI",
    "GARCIA LOPEZ",
    "PAK",
    "NASRALLAH",
    "CHEN",
];
const GIVEN_NAMES: [&str; 8] = [
    "Sang Man",
    "Ahmad Yusuf",
    "Dmitri Sergeyevich",
    "Reza",
    "Maria Elena",
    "Il Su",
    "Hassan",
    "Wei",
];
const COUNTRIES: [&str; 6] = [
    "Korea, North",
    "Iran",
    "Russia",
    "Syria",
    "Venezuela",
    "China",
];
const PROGRAMS: [&str; 5] = ["SDGT", "DPRK3", "IRGC", "RUSSIA-EO14024", "CYBER2"];

/// A plausible listed entity of `source` with native id `number`: a person,
/// organization or vessel (by `number % 3`) with aliases, dates, countries,
/// identifiers, an address and remarks, about the size of an OFAC entry.
pub fn entity(source: &str, number: usize) -> Entity {
    match number % 3 {
        0 => person(source, number),
        1 => organization(source, number),
        _ => vessel(source, number),
    }
}

/// `count` entities of `source`, native ids 1 to `count`.
pub fn entities(source: &str, count: usize) -> Vec<Entity> {
    (1..=count).map(|number| entity(source, number)).collect()
}

fn pick<T: Copy>(items: &[T], number: usize) -> T {
    items[number % items.len()]
}

fn id(source: &str, number: usize) -> String {
    format!("{source}:{number}")
}

fn person(source: &str, number: usize) -> Entity {
    let surname = pick(&SURNAMES, number);
    let given = pick(&GIVEN_NAMES, number / 8);
    let primary =
        Name::from_last_first(format!("{surname}, {given} {number}"), NameQuality::Primary);
    let mut entity = Entity::new(id(source, number), Schema::Person, primary);
    entity.add_name(Name::new(format!("{given} {surname}"), NameQuality::Strong));
    entity.add_name(Name::new(format!("ABU {number}"), NameQuality::Weak));
    entity.titles.push("Colonel".to_string());
    let year = 1940 + (number % 60) as i32;
    let birth = PartialDate::ymd(year, 1 + (number % 12) as u8, 1 + (number % 28) as u8);
    entity.birth_dates.extend(birth.map(DateSpec::on));
    entity
        .birth_places
        .push("Pyongyang, Korea, North".to_string());
    let country = Country::from_text(pick(&COUNTRIES, number));
    entity.nationalities.push(country.clone());
    entity.identifiers.push(Identifier {
        country: Some(country.clone()),
        note: Some(format!("issued {number} Jan 2015 expires 2025")),
        ..Identifier::new(IdKind::Passport, format!("P{number:08}"))
    });
    entity.addresses.push(address(number, country));
    entity.programs.push(pick(&PROGRAMS, number).to_string());
    entity.listed_on = PartialDate::ymd(2010 + (number % 14) as i32, 5, 23);
    entity
        .remarks
        .push(format!("Linked To: FRONT COMPANY {number}."));
    entity
}

fn organization(source: &str, number: usize) -> Entity {
    let name = format!("{} TRADING CO. LTD {number}", pick(&SURNAMES, number));
    let primary = Name::new(name.clone(), NameQuality::Primary);
    let mut entity = Entity::new(id(source, number), Schema::Organization, primary);
    entity.add_name(Name::new(format!("{name} LLC"), NameQuality::Strong));
    entity.add_name(Name::new(
        format!("GENERAL IMPORT {number}"),
        NameQuality::Former,
    ));
    entity
        .established
        .push(DateSpec::on(PartialDate::year(1990 + (number % 30) as i32)));
    let country = Country::from_text(pick(&COUNTRIES, number));
    entity.addresses.push(address(number, country.clone()));
    entity.identifiers.push(Identifier {
        country: Some(country),
        label: Some("Registration ID".to_string()),
        ..Identifier::new(IdKind::Registration, format!("{number:010}"))
    });
    entity.identifiers.push(Identifier::new(
        IdKind::Website,
        format!("www.trading{number}.example"),
    ));
    entity.wallets.push(Wallet {
        currency: "XBT".to_string(),
        address: format!("bc1q{number:034}"),
    });
    entity.programs.push(pick(&PROGRAMS, number).to_string());
    entity.links.push(Link {
        relation: "Linked To".to_string(),
        name: format!(
            "{}, {}",
            pick(&SURNAMES, number + 1),
            pick(&GIVEN_NAMES, number)
        ),
        id: Some(id(source, number + 1)),
    });
    entity
}

fn vessel(source: &str, number: usize) -> Entity {
    let primary = Name::new(format!("OCEAN STAR {number}"), NameQuality::Primary);
    let mut entity = Entity::new(id(source, number), Schema::Vessel, primary);
    entity.add_name(Name::new(
        format!("SEA PEARL {number}"),
        NameQuality::Former,
    ));
    entity.vessel = Some(VesselInfo {
        vessel_type: Some("Crude Oil Tanker".to_string()),
        flag: Some(Country::from_text(pick(&COUNTRIES, number))),
        tonnage: Some(format!("{}", 20_000 + number)),
        gross_registered_tonnage: Some(format!("{}", 30_000 + number)),
        owner: Some(format!("SHIPPING LINE {number}")),
    });
    entity.identifiers.push(Identifier::new(
        IdKind::Imo,
        format!("{}", 9_000_000 + number),
    ));
    entity.identifiers.push(Identifier::new(
        IdKind::Mmsi,
        format!("{}", 613_000_000 + number),
    ));
    entity.programs.push(pick(&PROGRAMS, number).to_string());
    entity
}

fn address(number: usize, country: Country) -> Address {
    Address {
        street: Some(format!("{number} Harbour Road, Building {}", number % 40)),
        city: Some("Port City".to_string()),
        postal_code: Some(format!("{:05}", number % 100_000)),
        country: Some(country),
        ..Address::default()
    }
}

/// Writes `entities` as one JSON-lines publication `file_name` in `folder`.
pub fn write_publication(folder: &Path, file_name: &str, entities: &[Entity]) -> ListFiles {
    let path = folder.join(file_name);
    let mut out = BufWriter::new(File::create(&path).expect("create publication"));
    for entity in entities {
        serde_json::to_writer(&mut out, entity).expect("serialize entity");
        out.write_all(b"\n").expect("write publication");
    }
    out.flush().expect("flush publication");
    ListFiles {
        format: SourceFormat::Custom,
        files: vec![ListFile {
            role: FileRole::Primary,
            path,
        }],
    }
}

/// Streams a publication written by [`write_publication`] into `sink`; the
/// publication date comes from the file name (`list-2023-05-23.jsonl`).
pub fn parse_publication(
    files: &ListFiles,
    sink: &mut EntitySink<'_>,
) -> Result<ListMeta, SourceError> {
    let path = files.primary();
    let reader = BufReader::new(File::open(path).map_err(|error| SourceError::io(path, error))?);
    let mut entity_count = 0;
    for (index, line) in reader.lines().enumerate() {
        let line = line.map_err(|error| SourceError::io(path, error))?;
        let entity: Entity = serde_json::from_str(&line)
            .map_err(|error| SourceError::malformed(path, index as u64 + 1, error.to_string()))?;
        sink(entity)?;
        entity_count += 1;
    }
    Ok(ListMeta {
        published: date_in_file_name(path),
        entity_count,
        ..ListMeta::default()
    })
}

/// Imports a publication written by [`write_publication`] as a version of
/// `source_id`.
pub fn import(
    store: &mut Store,
    source_id: &str,
    files: &ListFiles,
) -> Result<ImportOutcome, StoreError> {
    store.import(ImportRequest::new(source_id, files), |sink| {
        parse_publication(files, sink)
    })
}
