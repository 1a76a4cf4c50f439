//! The UK readers on the real files: the whole OFSI Consolidated List of
//! 27 April 2020 (legacy CSV, Windows-1252) and the first 133 designations
//! of the FCDO UK Sanctions List XML of 26 March 2026; screening names of
//! the OFSI list against OFAC, UN and UK together; cut copies refused.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::HashSet;

use embargo_core::matching::{ListVersion, Query, ScreenOptions, Screener};
use embargo_core::model::{Entity, IdKind, NameQuality, Schema};
use embargo_core::sources::{self, SourceFormat};

const OFSI: &str = "uk/ofsi-conlist-2020-04-27.csv";
const FCDO: &str = "uk/fcdo-uk-sanctions-list-2026-03-26-excerpt.xml";

fn load(path: &std::path::Path) -> Vec<Entity> {
    let mut entities = Vec::new();
    for files in sources::detect(&[path.to_path_buf()]).unwrap() {
        let source_id = files.format.default_source_id(files.primary());
        sources::parse(&files, &source_id, &mut |entity| {
            entities.push(entity);
            Ok(())
        })
        .unwrap_or_else(|error| panic!("{error}"));
    }
    entities
}

#[test]
fn ofsi_2020_imports_whole() {
    let path = embargo_testkit::require_data!(OFSI);
    let files = sources::detect(std::slice::from_ref(&path)).unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].format, SourceFormat::UkCsv);
    let (entities, meta) = common::parse_file(SourceFormat::UkCsv, "uk", &path).unwrap();
    // Counts from the provenance notes: 2,114 groups (1,523 individuals,
    // 591 entities) in 9,492 rows.
    assert_eq!(entities.len(), 2_114);
    assert_eq!(meta.records[0].records, 9_492);
    assert_eq!(
        meta.published.map(|d| d.to_string()).as_deref(),
        Some("2020-04-27")
    );
    let persons = entities
        .iter()
        .filter(|e| e.schema == Schema::Person)
        .count();
    assert_eq!((persons, entities.len() - persons), (1_523, 591));
    let ids: HashSet<&str> = entities.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids.len(), 2_114);
    // Group 13349 (the first 16 rows of the file, checked by hand): eight
    // distinct name variations, the `Prime Alias` AL-HABABI, Nayef Salam
    // Muhammad Ujaym; years of birth 1980 and 1981, Qatari passport 592667,
    // UN Ref QDe.004, two nationalities.
    let qahtani = entities.iter().find(|e| e.id == "uk:13349").unwrap();
    assert_eq!(qahtani.caption(), "Nayef Salam Muhammad Ujaym AL-HABABI");
    assert_eq!(qahtani.names.len(), 8);
    assert!(
        qahtani
            .names
            .iter()
            .any(|n| n.full == "Sheikh Farooq AL-QAHTANI")
    );
    let years: Vec<i32> = qahtani.birth_dates.iter().map(|d| d.from.year).collect();
    assert_eq!(years, [1980, 1981]);
    assert!(qahtani.birth_dates.iter().all(|d| d.from.month.is_none()));
    assert_eq!(qahtani.identifiers[0].kind, IdKind::Passport);
    assert_eq!(qahtani.identifiers[0].value, "592667");
    assert_eq!(qahtani.un_reference(), Some("QDe.004"));
    let nationalities: Vec<&str> = qahtani
        .nationalities
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(nationalities, ["Saudi Arabia", "Qatar"]);
    // Every row's name is on its group's entity: names at least one per
    // group, and more names than groups overall.
    let names: usize = entities.iter().map(|e| e.names.len()).sum();
    assert!(names > 2_114 * 2, "{names}");
    // Windows-1252 right quotes became U+2019.
    assert!(
        entities
            .iter()
            .any(|e| e.remarks.iter().any(|r| r.contains('\u{2019}')))
    );
}

#[test]
fn fcdo_excerpt_imports_133_designations_with_un_references() {
    let path = embargo_testkit::require_data!(FCDO);
    let (entities, meta) = common::parse_file(SourceFormat::UkXml, "uk", &path).unwrap();
    assert_eq!(entities.len(), 133);
    assert_eq!(
        meta.published.map(|d| d.to_string()).as_deref(),
        Some("2026-03-26")
    );
    let persons = entities
        .iter()
        .filter(|e| e.schema == Schema::Person)
        .count();
    assert_eq!((persons, entities.len() - persons), (128, 5));
    assert_eq!(entities[0].id, "uk:AFG0001");
    assert_eq!(entities[132].id, "uk:AFG0133");
    let with_reference = entities
        .iter()
        .filter(|e| e.un_reference().is_some())
        .count();
    assert_eq!(with_reference, 133);
    let non_latin = entities
        .iter()
        .filter(|e| {
            e.names
                .iter()
                .any(|n| n.script.as_deref() == Some("Arabic"))
        })
        .count();
    assert_eq!(non_latin, 133);
    let passports = entities
        .iter()
        .filter(|e| e.identifiers.iter().any(|i| i.kind == IdKind::Passport))
        .count();
    assert_eq!(passports, 40);
    let with_dob = entities
        .iter()
        .filter(|e| !e.birth_dates.is_empty())
        .count();
    assert_eq!(with_dob, 128);
    let akhund = entities
        .iter()
        .find(|e| e.caption() == "MOHAMMAD HASSAN AKHUND")
        .unwrap();
    let years: Vec<i32> = akhund.birth_dates.iter().map(|d| d.from.year).collect();
    assert_eq!(
        years,
        [1945, 1946, 1947, 1948, 1949, 1950, 1955, 1956, 1957, 1958]
    );
    assert!(akhund.birth_dates.iter().all(|d| d.from.month.is_none()));
    let passports: Vec<&str> = akhund
        .identifiers
        .iter()
        .map(|i| i.value.as_str())
        .collect();
    assert_eq!(passports, ["P04581926"]);
    // The same designation on the UN list: its reference number is the
    // UN entity's id.
    let un = load(&embargo_testkit::require_data!(
        "un/consolidated-2026-02-27.xml"
    ));
    let reference = akhund.un_reference().unwrap();
    let on_un = un
        .iter()
        .find(|e| e.un_reference() == Some(reference))
        .unwrap();
    assert!(on_un.caption().contains("AKHUND"), "{}", on_un.caption());
    let weak = entities
        .iter()
        .flat_map(|e| &e.names)
        .filter(|n| n.quality == NameQuality::Weak)
        .count();
    assert_eq!(weak, 25);
}

#[test]
fn ofsi_names_find_the_uk_entry_next_to_ofac_and_un() {
    let data = embargo_testkit::require_data!("");
    let lists = ["ofac/2024-05", "un/consolidated-2026-02-27.xml", OFSI];
    let entities: Vec<Entity> = lists
        .iter()
        .flat_map(|list| load(&data.join(list)))
        .collect();
    let versions = lists
        .iter()
        .map(|list| ListVersion {
            source: (*list).into(),
            version: "test".into(),
        })
        .collect();
    let screener = Screener::new(entities, versions);
    for name in [
        "Saddam Hussein Al-Tikriti",
        "Uday Saddam Hussein Al-Tikriti",
    ] {
        let results = screener.screen(&Query::name(name), &ScreenOptions::default());
        let sources: HashSet<&str> = results
            .iter()
            .take(10)
            .map(|r| screener.entity(r).source())
            .collect();
        for source in ["uk", "ofac-sdn"] {
            assert!(sources.contains(source), "{name}: {sources:?}");
        }
    }
}

#[test]
fn cut_copies_of_the_real_files_are_refused() {
    let path = embargo_testkit::require_data!(OFSI);
    let bytes = std::fs::read(&path).unwrap();
    let (message, _file) = common::error_for(SourceFormat::UkCsv, "uk", &bytes[..bytes.len() / 2]);
    assert!(
        message.contains("the file is cut or corrupted (after group"),
        "{message}"
    );
    let path = embargo_testkit::require_data!(FCDO);
    let bytes = std::fs::read(&path).unwrap();
    let (message, _file) = common::error_for(SourceFormat::UkXml, "uk", &bytes[..bytes.len() / 2]);
    assert!(message.contains(": record AFG"), "{message}");
    assert!(message.contains("truncated"), "{message}");
}
