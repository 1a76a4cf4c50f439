//! The FollowTheMoney parser on the real OpenSanctions exports, a
//! hand-written fixture, and bad input.

mod common;

use std::fs::File;
use std::path::{Path, PathBuf};

use embargo_core::model::{Entity, IdKind, NamePartKind, NameQuality, Schema};
use embargo_core::sources::{ListMeta, SourceError, SourceFormat, ftm};

fn parse(path: &Path) -> Result<(Vec<Entity>, ListMeta), SourceError> {
    common::parse_file(SourceFormat::FollowTheMoney, "ftm-test", path)
}

fn error_for(bytes: &[u8]) -> String {
    common::error_for(SourceFormat::FollowTheMoney, "ftm-test", bytes).0
}

fn parse_ok(path: &Path) -> (Vec<Entity>, ListMeta) {
    parse(path).unwrap_or_else(|error| panic!("{error}"))
}

fn count(entities: &[Entity], schema: Schema) -> usize {
    entities
        .iter()
        .filter(|entity| entity.schema == schema)
        .count()
}

#[test]
fn every_real_export_imports() {
    let folder = embargo_testkit::require_data!("ftm");
    // (file, persons, organizations, notices), counted from the files'
    // schema fields: `Payment` is neither screened nor read into a
    // screened entity; the one `Address` of yente-t1 is referred to by no
    // entity of that file (its two `addressEntity` values name neither its
    // id nor its referents); every other `Address`, `Sanction`, `Passport`
    // and relationship names an entity of its file, but the one `Passport` of
    // yente-zala has no number.
    let skipped_payments: &[&str] = &[
        "skipped 290 Payment (not persons, organizations, vessels or aircraft, nor entities about them)",
    ];
    let expected: [(&str, usize, usize, &[&str]); 3] = [
        (
            "yente-parteispenden.ftm.json",
            22,
            56 + 18,
            skipped_payments,
        ),
        (
            "yente-t1.ftm.json",
            4,
            2,
            &[
                "left out 1 Address: no number, or naming no person, organization, vessel or aircraft of the file",
            ],
        ),
        (
            "yente-zala.ftm.json",
            6,
            11,
            &[
                "left out 1 Passport (no number): no number, or naming no person, organization, vessel or aircraft of the file",
            ],
        ),
    ];
    let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
        .unwrap_or_else(|error| panic!("{error}"))
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .collect();
    files.sort();
    assert_eq!(files.len(), expected.len(), "every file in ftm/ is covered");
    for (path, (name, persons, organizations, notice)) in files.iter().zip(expected) {
        assert!(path.ends_with(name), "{}", path.display());
        let (entities, meta) = parse_ok(path);
        assert_eq!(count(&entities, Schema::Person), persons, "{name}");
        assert_eq!(
            count(&entities, Schema::Organization),
            organizations,
            "{name}"
        );
        assert_eq!(meta.entity_count, persons + organizations, "{name}");
        assert_eq!(meta.notices, notice, "{name}");
        assert!(
            entities
                .iter()
                .all(|e| e.id.starts_with("ftm-test:") && !e.caption().is_empty())
        );
    }
}

#[test]
fn known_person_in_full() {
    let path = embargo_testkit::require_data!("ftm/yente-t1.ftm.json");
    let (entities, _) = parse_ok(&path);
    let kuzmenko = entities
        .iter()
        .find(|e| e.id == "ftm-test:NK-2Ka3UvopqbpZmVDFjWd4LA")
        .unwrap_or_else(|| panic!("Kuzmenko missing"));
    assert_eq!(kuzmenko.caption(), "Vitaly Yurievich KUZMENKO");
    assert_eq!(kuzmenko.names[0].part(NamePartKind::Given), Some("Vitaly"));
    assert_eq!(
        kuzmenko.names[0].part(NamePartKind::Family),
        Some("KUZMENKO")
    );
    let strong: Vec<&str> = kuzmenko
        .names
        .iter()
        .filter(|n| n.quality == NameQuality::Strong)
        .map(|n| n.full.as_str())
        .collect();
    assert_eq!(strong, ["Vitalij Kuzmenko", "Виталий Юрьевич КУЗЬМЕНКО"]);
    assert_eq!(kuzmenko.birth_dates[0].to_string(), "1971-01-22");
    assert_eq!(kuzmenko.nationalities[0].code.as_deref(), Some("RU"));
    assert_eq!(kuzmenko.identifiers[0].kind, IdKind::TaxId);
    assert_eq!(kuzmenko.identifiers[0].value, "366510784303");
    assert_eq!(
        kuzmenko.titles,
        ["General Director of JSC 163 Armor Repair Plant"]
    );
    assert_eq!(kuzmenko.programs, ["sanction"]);
    assert_eq!(
        kuzmenko.listed_on.map(|d| d.to_string()).as_deref(),
        Some("2024-02-23")
    );
    assert_eq!(
        kuzmenko.remarks,
        ["The plant is part of the High Precision Systems holding company of Rostec"]
    );
}

#[test]
fn fixture_with_vessel_aircraft_and_skipped_schemas() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ftm/mixed.ftm.json");
    let (entities, meta) = parse_ok(&path);
    let schemas: Vec<Schema> = entities.iter().map(|e| e.schema).collect();
    assert_eq!(schemas, [Schema::Person, Schema::Vessel, Schema::Aircraft]);
    assert_eq!(
        meta.notices,
        [
            "left out 1 Address: no number, or naming no person, organization, vessel or aircraft of the file"
        ]
    );
    assert_eq!(entities[0].programs, ["sanction", "RUSSIA-EO14024"]);
    let person = &entities[0];
    assert_eq!(person.names[0].part(NamePartKind::Given), Some("Ivan"));
    assert_eq!(person.birth_dates[0].to_string(), "1970-05");
    assert_eq!(person.identifiers[0].kind, IdKind::Passport);
    let vessel = &entities[1];
    let info = vessel
        .vessel
        .as_ref()
        .unwrap_or_else(|| panic!("no vessel info"));
    assert_eq!(
        info.flag.as_ref().and_then(|c| c.code.as_deref()),
        Some("PA")
    );
    let kinds: Vec<IdKind> = vessel.identifiers.iter().map(|i| i.kind).collect();
    assert_eq!(kinds, [IdKind::Imo, IdKind::Mmsi]);
    let plane = &entities[2];
    assert_eq!(plane.identifiers[0].kind, IdKind::Aircraft);
    assert_eq!(plane.names[1].quality, NameQuality::Weak);
}

#[test]
fn reader_and_file_agree() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ftm/mixed.ftm.json");
    let file = File::open(&path).unwrap_or_else(|error| panic!("{error}"));
    let mut from_reader = Vec::new();
    ftm::parse_reader(file, &path, "ftm-test", &mut |entity| {
        from_reader.push(entity);
        Ok(())
    })
    .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(from_reader, parse_ok(&path).0);
}

#[test]
fn truncated_export_is_an_error_naming_the_line() {
    let path = embargo_testkit::require_data!("ftm/yente-zala.ftm.json");
    let bytes = std::fs::read(path).unwrap_or_else(|error| panic!("{error}"));
    let lines: Vec<usize> = bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .map(|(at, _)| at)
        .collect();
    // Cut in the middle of line 41.
    let cut = (lines[39] + lines[40]) / 2;
    let message = error_for(&bytes[..cut]);
    assert!(
        message.contains(":41: not a FollowTheMoney entity"),
        "{message}"
    );
}

#[test]
fn empty_random_and_foreign_files_are_errors() {
    assert!(error_for(b"").contains("empty file"));
    assert!(error_for(b"\n\n  \n").contains("empty file"));
    let message = error_for(&embargo_testkit::noise(2048));
    assert!(
        message.contains(":1: byte 0x") && message.contains(" is not UTF-8 text"),
        "{message}"
    );
    let message = error_for(b"<?xml version=\"1.0\"?>\n<CONSOLIDATED_LIST/>\n");
    assert!(
        message.contains(":1: not a FollowTheMoney entity"),
        "{message}"
    );
    let message = error_for(b"id,name\n1,ACME\n");
    assert!(
        message.contains(":1: not a FollowTheMoney entity"),
        "{message}"
    );
    let message = error_for(b"{\"id\":\"a\",\"properties\":{}}\n");
    assert!(message.contains("missing field `schema`"), "{message}");
}
