//! The UN parser on the real consolidated list of 27 February 2026.

use std::path::{Path, PathBuf};
use std::time::Instant;

use embargo_core::model::{Entity, IdKind, NamePartKind, NameQuality, Schema};
use embargo_core::sources::{FileRole, ListFile, ListFiles, ListMeta, SourceFormat, un};

fn un_files(path: &Path) -> ListFiles {
    ListFiles {
        format: SourceFormat::UnConsolidated,
        files: vec![ListFile {
            role: FileRole::Primary,
            path: path.to_path_buf(),
        }],
    }
}

fn parse_all(path: PathBuf) -> (Vec<Entity>, ListMeta) {
    let mut entities = Vec::new();
    let started = Instant::now();
    let meta = un::parse(&un_files(&path), "un", &mut |entity| {
        entities.push(entity);
        Ok(())
    })
    .unwrap_or_else(|error| panic!("{error}"));
    eprintln!(
        "parsed {} entities in {:?}",
        entities.len(),
        started.elapsed()
    );
    (entities, meta)
}

fn find<'a>(entities: &'a [Entity], id: &str) -> &'a Entity {
    entities
        .iter()
        .find(|entity| entity.id == id)
        .unwrap_or_else(|| panic!("{id} missing"))
}

fn names(entity: &Entity, quality: NameQuality) -> Vec<&str> {
    entity
        .names
        .iter()
        .filter(|name| name.quality == quality)
        .map(|name| name.full.as_str())
        .collect()
}

#[test]
fn counts_individuals_entities_and_aliases() {
    let path = embargo_testkit::require_data!("un/consolidated-2026-02-27.xml");
    let (entities, meta) = parse_all(path);
    let persons = entities
        .iter()
        .filter(|e| e.schema == Schema::Person)
        .count();
    let organizations = entities
        .iter()
        .filter(|e| e.schema == Schema::Organization)
        .count();
    assert_eq!((persons, organizations), (730, 273));
    assert_eq!(meta.entity_count, 1003);
    assert_eq!(
        meta.published.map(|d| d.to_string()).as_deref(),
        Some("2026-02-27")
    );
    assert!(meta.notices.is_empty(), "{:?}", meta.notices);
    let mut ids: Vec<&str> = entities.iter().map(|e| e.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 1003, "REFERENCE_NUMBERs are unique");
    // Counted independently from the XML: distinct non-empty alias names
    // per record by QUALITY, and original-script names.
    let count = |quality| {
        entities
            .iter()
            .map(|e| names(e, quality).len())
            .sum::<usize>()
    };
    assert_eq!(count(NameQuality::Weak), 615);
    assert_eq!(count(NameQuality::Former), 18);
    assert_eq!(count(NameQuality::Strong), 2108 + 377);
    assert!(
        entities
            .iter()
            .all(|e| !e.programs.is_empty() && e.listed_on.is_some())
    );
    assert!(
        entities
            .iter()
            .all(|e| e.remarks.iter().any(|r| r.starts_with("DATAID ")))
    );
}

#[test]
fn dprk_individual_with_passport_in_full() {
    let path = embargo_testkit::require_data!("un/consolidated-2026-02-27.xml");
    let (entities, _) = parse_all(path);
    let paek = find(&entities, "un:KPi.006");
    assert_eq!(paek.schema, Schema::Person);
    assert_eq!(paek.caption(), "PAEK CHANG-HO");
    assert_eq!(paek.names[0].part(NamePartKind::First), Some("PAEK"));
    assert_eq!(paek.names[0].part(NamePartKind::Second), Some("CHANG-HO"));
    assert_eq!(
        names(paek, NameQuality::Strong),
        ["Pak Chang-Ho", "Paek Ch'ang-Ho"]
    );
    assert_eq!(paek.birth_dates.len(), 1);
    assert_eq!(paek.birth_dates[0].to_string(), "1964-06-18");
    assert_eq!(
        paek.birth_places,
        ["Kaesong, Democratic People's Republic of Korea"]
    );
    assert_eq!(paek.nationalities[0].code.as_deref(), Some("KP"));
    assert_eq!(
        paek.titles,
        [
            "Senior official and head of the satellite control center of Korean Committee for Space Technology"
        ]
    );
    // The list gives the passport three times (French, Spanish, English
    // labels); it is one passport.
    assert_eq!(paek.identifiers.len(), 1);
    let passport = &paek.identifiers[0];
    assert_eq!(
        (passport.kind, passport.value.as_str()),
        (IdKind::Passport, "381420754")
    );
    assert_eq!(
        passport.note.as_deref(),
        Some("issued 2011-12-07; Expires on 7 Dec. 2016")
    );
    assert_eq!(paek.programs, ["DPRK"]);
    assert_eq!(
        paek.listed_on.map(|d| d.to_string()).as_deref(),
        Some("2013-01-22")
    );
    assert_eq!(paek.remarks[0], "DATAID 690747");
    assert!(
        paek.addresses.is_empty(),
        "the empty <COUNTRY/> address is skipped"
    );

    let ra = find(&entities, "un:KPi.008");
    assert_eq!(ra.identifiers.len(), 1);
    assert_eq!(ra.identifiers[0].value, "645120196");
    assert_eq!(
        ra.identifiers[0]
            .country
            .as_ref()
            .and_then(|c| c.code.as_deref()),
        Some("KP")
    );
    assert_eq!(ra.birth_dates[0].to_string(), "1954-06-04");
}

#[test]
fn between_dated_records() {
    let path = embargo_testkit::require_data!("un/consolidated-2026-02-27.xml");
    let (entities, _) = parse_all(path);
    let kim = find(&entities, "un:KPi.066");
    assert_eq!(kim.caption(), "KIM JONG SIK");
    assert_eq!(kim.birth_dates[0].to_string(), "1967 to 1969");
    assert_eq!(kim.birth_dates[0].year_span(0), (1967, 1969));
    assert_eq!(names(kim, NameQuality::Strong), ["Kim Cho’ng-sik"]);
    assert_eq!(kim.country_codes(), ["KP"]);
    let ntaganda = find(&entities, "un:CDi.030");
    assert_eq!(ntaganda.birth_dates[0].to_string(), "1973 to 1974");
    assert_eq!(
        names(ntaganda, NameQuality::Weak),
        ["Lydia", "Terminator", "Tango Romeo", "Romeo", "Major"]
    );
    assert!(
        ntaganda
            .remarks
            .contains(&"alias Tango Romeo: Call sign".to_string())
    );
    // Counted independently from the XML: 30 records have a BETWEEN date
    // (31 elements); 109 have an APPROXIMATELY date, one of which (LYi.022)
    // only says "30-35 years old" (kept as a remark), and 7 more have a
    // BETWEEN range noted "Approximately".
    let with = |test: fn(&embargo_core::model::DateSpec) -> bool| {
        entities
            .iter()
            .filter(|e| e.birth_dates.iter().any(test))
            .count()
    };
    assert_eq!(with(|d| d.to.is_some()), 30);
    assert_eq!(with(|d| d.circa), 108 + 7);
    let libyan = find(&entities, "un:LYi.022");
    assert!(libyan.birth_dates.is_empty());
    assert!(libyan.remarks.contains(&"DOB 30-35 years old".to_string()));
    let taliban = find(&entities, "un:TAi.002");
    let dates: Vec<String> = taliban
        .birth_dates
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(dates, ["circa 1955 to 1958", "circa 1945 to 1950"]);
}

#[test]
fn entity_record_and_time_zoned_listing_date() {
    let path = embargo_testkit::require_data!("un/consolidated-2026-02-27.xml");
    let (entities, _) = parse_all(path);
    let komid = find(&entities, "un:KPe.001");
    assert_eq!(komid.schema, Schema::Organization);
    assert_eq!(
        komid.caption(),
        "KOREA MINING DEVELOPMENT TRADING CORPORATION"
    );
    assert!(komid.names[0].parts.is_empty());
    assert!(names(komid, NameQuality::Strong).contains(&"\"KOMID\""));
    assert_eq!(komid.addresses[0].city.as_deref(), Some("Pyongyang"));
    assert_eq!(
        komid.addresses[0].street.as_deref(),
        Some("Central District")
    );
    // LISTED_ON "2015-04-07-04:00" carries a time zone.
    let zoned = find(&entities, "un:QDi.352");
    assert_eq!(
        zoned.listed_on.map(|d| d.to_string()).as_deref(),
        Some("2015-04-07")
    );
}
