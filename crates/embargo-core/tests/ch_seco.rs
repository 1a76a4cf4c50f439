//! The SECO reader on a fixture written for it
//! (`fixtures/ch/seco-fixture.xml`: fictional targets using every element
//! the reader maps, places written before and after the targets that refer
//! to them), one test per element group, and cut or broken copies of it.
//! No real SECO file was available.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::{Path, PathBuf};

use embargo_core::model::{Entity, Gender, IdKind, NameQuality, Schema};
use embargo_core::sources::{self, ListMeta, SourceFormat};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ch/seco-fixture.xml")
}

fn read() -> (Vec<Entity>, ListMeta) {
    common::parse_file(SourceFormat::ChXml, "ch", &fixture()).unwrap()
}

fn target<'a>(entities: &'a [Entity], id: &str) -> &'a Entity {
    entities.iter().find(|e| e.id == id).unwrap()
}

#[test]
fn targets_detected_read_and_de_listed_left_out() {
    let files = sources::detect(&[fixture()]).unwrap();
    assert_eq!(files[0].format, SourceFormat::ChXml);
    let (entities, meta) = read();
    assert_eq!(
        meta.published.map(|d| d.to_string()).as_deref(),
        Some("2024-05-06")
    );
    // 4 targets in the file; 400's last modification is de-listed.
    assert_eq!(meta.records[0].records, 4);
    let ids: Vec<&str> = entities.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["ch:100", "ch:200", "ch:300"]);
    assert!(
        meta.notices.iter().any(|n| n.starts_with("1 target(s)")),
        "{:?}",
        meta.notices
    );
    let schemas: Vec<Schema> = entities.iter().map(|e| e.schema).collect();
    assert_eq!(
        schemas,
        [Schema::Person, Schema::Organization, Schema::Vessel]
    );
    assert_eq!(entities[0].gender, Some(Gender::Male));
}

#[test]
fn names_parts_spelling_variants_qualities_and_titles() {
    let (entities, _) = read();
    let person = target(&entities, "ch:100");
    let names: Vec<(&str, NameQuality, Option<&str>, Option<&str>)> = person
        .names
        .iter()
        .map(|n| {
            (
                n.full.as_str(),
                n.quality,
                n.language.as_deref(),
                n.script.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        names,
        [
            // The main identity's primary name, the title left out.
            ("Ivan Petrovich Testov", NameQuality::Primary, None, None),
            (
                "Иван Петрович Тестов",
                NameQuality::Strong,
                Some("rus"),
                Some("Cyrillic")
            ),
            // A part without variant in a spelling keeps its value.
            (
                "Ivan Petrovich Testow",
                NameQuality::Strong,
                Some("ger"),
                None
            ),
            ("The Tester", NameQuality::Weak, None, None),
            ("Ivan Oldname", NameQuality::Former, None, None),
            // The other identity's primary name is an alias.
            ("Ivan Second-Identity", NameQuality::Strong, None, None),
        ]
    );
    let parts: Vec<String> = person.names[0]
        .parts
        .iter()
        .map(|p| format!("{:?}={}", p.kind, p.value))
        .collect();
    assert_eq!(
        parts,
        ["Given=Ivan", "Patronymic=Petrovich", "Family=Testov"]
    );
    assert_eq!(person.titles, ["Dr."]);
    let company = target(&entities, "ch:200");
    assert_eq!(company.caption(), "TEST TRADING & SONS LLC");
    assert_eq!(company.names[1].script.as_deref(), Some("Arabic"));
    assert_eq!(company.names[1].language.as_deref(), Some("ara"));
}

#[test]
fn dates_places_and_nationalities() {
    let (entities, _) = read();
    let person = target(&entities, "ch:100");
    let dates: Vec<String> = person
        .birth_dates
        .iter()
        .map(|d| d.from.to_string())
        .collect();
    assert_eq!(dates, ["1937-04-28", "1940", "1941-06"]);
    assert_eq!(person.birth_places, ["Testgrad, Test Oblast, Russia"]);
    assert_eq!(person.nationalities.len(), 1);
    assert_eq!(person.nationalities[0].code.as_deref(), Some("RU"));
    // An organization's date is no birth date.
    let company = target(&entities, "ch:200");
    assert!(company.birth_dates.is_empty());
    assert!(company.remarks.iter().any(|r| r == "Date 2001-02-01"));
}

#[test]
fn addresses_with_their_places() {
    let (entities, _) = read();
    let address = &target(&entities, "ch:100").addresses[0];
    assert_eq!(address.street.as_deref(), Some("1 Main Street"));
    // Place 901 stands after the target in the file.
    assert_eq!(address.city.as_deref(), Some("Testgrad"));
    assert_eq!(address.region, None);
    assert_eq!(address.postal_code.as_deref(), Some("10001"));
    assert_eq!(
        address.country.as_ref().and_then(|c| c.code.as_deref()),
        Some("RU")
    );
    assert_eq!(
        address.note.as_deref(),
        Some("c/o Hotel Test; P.O. Box 77; as of 2020")
    );
    let geneva = &target(&entities, "ch:200").addresses[0];
    assert_eq!(
        (geneva.city.as_deref(), geneva.region.as_deref()),
        (Some("Geneva"), Some("GE"))
    );
}

#[test]
fn identification_documents() {
    let (entities, _) = read();
    let person = target(&entities, "ch:100");
    assert_eq!(person.identifiers.len(), 1);
    let passport = &person.identifiers[0];
    assert_eq!(
        (passport.kind, passport.value.as_str()),
        (IdKind::Passport, "A123456")
    );
    assert_eq!(
        passport.country.as_ref().and_then(|c| c.code.as_deref()),
        Some("RU")
    );
    assert_eq!(
        passport.note.as_deref(),
        Some("issued 2001-01-01; expires 2011-01-01; reported lost")
    );
    // A document without number is a remark.
    assert!(person.remarks.iter().any(|r| r == "id-card (no number)"));
}

#[test]
fn programs_listing_dates_references_and_remarks() {
    let (entities, _) = read();
    let person = target(&entities, "ch:100");
    assert_eq!(person.programs, ["TST-E"]);
    assert_eq!(
        person.listed_on.map(|d| d.to_string()).as_deref(),
        Some("2011-03-05")
    );
    assert_eq!(person.un_reference(), Some("QDi.999"));
    for remark in [
        "Head of testing.",
        "Justification: Listed for testing.",
        "Relation associated-with: ch:200",
    ] {
        assert!(
            person.remarks.iter().any(|r| r == remark),
            "{remark}: {:?}",
            person.remarks
        );
    }
    let company = target(&entities, "ch:200");
    // A program without key: its English name.
    assert_eq!(company.programs, ["Second test programme"]);
    assert_eq!(company.un_reference(), None);
    assert!(
        company
            .remarks
            .iter()
            .any(|r| r == "Foreign identifier none given")
    );
    let vessel = target(&entities, "ch:300");
    // `sanctions-set-id` as a child element.
    assert_eq!(vessel.programs, ["TST-E"]);
    assert_eq!(vessel.identifiers[0].kind, IdKind::Imo);
    assert_eq!(vessel.identifiers[0].value, "9187629");
}

#[test]
fn cut_and_broken_copies_are_refused_with_line_and_target() {
    let text = std::fs::read_to_string(fixture()).unwrap();
    let cut = &text[..text.find("<c-o>").unwrap()];
    let (message, _file) = common::error_for(SourceFormat::ChXml, "ch", cut.as_bytes());
    assert!(
        message.contains("record ssid 100: the file ends inside <address>: truncated"),
        "{message}"
    );
    let no_name = text.replace("<value>SEA TESTER</value>", "<value></value>");
    let (message, _file) = common::error_for(SourceFormat::ChXml, "ch", no_name.as_bytes());
    assert!(message.contains(": target ssid 300: no name"), "{message}");
    let no_kind = text
        .replace("<object object-type=\"vessel\">", "<thing>")
        .replace("</object>", "</thing>");
    let (message, _file) = common::error_for(SourceFormat::ChXml, "ch", no_kind.as_bytes());
    assert!(
        message.contains(": target ssid 300: no individual, entity or object"),
        "{message}"
    );
    let bytes = text.as_bytes();
    for end in (0..bytes.len()).step_by(101) {
        let file = common::temp_file(&bytes[..end]);
        let _ = common::parse_file(SourceFormat::ChXml, "ch", file.path());
    }
}
