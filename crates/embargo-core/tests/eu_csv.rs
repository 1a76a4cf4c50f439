//! The EU FSF CSV 1.1 reader against the EU XML reader: the same file in
//! both layouts gives the same entities. No real EU CSV file was
//! available, so the CSV is written at test time by `eu_csv_writer` (an
//! independent writer of the documented layout): from the project's
//! fictional XML fixture, and from the real XML excerpt of 15 April 2020
//! with `EMBARGO_TEST_DATA` (7 entries, 47 record rows). Also the errors of
//! cut or broken copies, and any prefix of a file read or refused without
//! a panic. The fictional fixture leaves out what the CSV layout cannot
//! say (a weak alias: the layout has no strength column; an address's
//! `contactInfo` elements), which the XML reader's own tests cover.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
mod eu_csv_writer;

use std::path::{Path, PathBuf};

use embargo_core::model::Entity;
use embargo_core::sources::{self, ListMeta, SourceFormat};

/// The project's fictional FSF XML fixture: two entries, every element.
fn fictional_xml() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/eu/fictional-fsf-1.1.xml")
}

/// Reads `xml` with the XML reader, and its CSV 1.1 form with the CSV
/// reader (from a temporary file, detected from its content).
fn both_ways(xml: &Path) -> ((Vec<Entity>, ListMeta), (Vec<Entity>, ListMeta)) {
    let from_xml = common::parse_file(SourceFormat::EuXml, "eu", xml).unwrap();
    let csv = eu_csv_writer::csv_from_xml(&std::fs::read_to_string(xml).unwrap());
    let file = common::temp_file(csv.as_bytes());
    let path = file.path().to_path_buf();
    let files = sources::detect(std::slice::from_ref(&path)).unwrap();
    assert_eq!(files[0].format, SourceFormat::EuCsv);
    let from_csv = common::parse_file(SourceFormat::EuCsv, "eu", &path).unwrap();
    (from_xml, from_csv)
}

/// The entities of both readers are equal, field by field.
fn assert_same(from_xml: &[Entity], from_csv: &[Entity]) {
    assert!(!from_xml.is_empty());
    assert_eq!(from_csv.len(), from_xml.len());
    for (csv, xml) in from_csv.iter().zip(from_xml) {
        assert_eq!(csv, xml, "{} differs between CSV and XML", xml.id);
    }
}

#[test]
fn the_fictional_fixture_reads_the_same_in_both_layouts() {
    let ((from_xml, xml_meta), (from_csv, csv_meta)) = both_ways(&fictional_xml());
    assert_eq!(csv_meta.published, xml_meta.published);
    assert_eq!(
        csv_meta.published.map(|d| d.to_string()).as_deref(),
        Some("2024-05-06")
    );
    // 4 names, 2 citizenships, 3 birth dates, 2 identifications and an
    // address, the citizenships written after everything else.
    assert_eq!(csv_meta.records[0].records, 12);
    assert_same(&from_xml, &from_csv);
    let ids: Vec<&str> = from_csv.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["eu:EU.1.2", "eu:EU.3.4"]);
    let person = &from_csv[0];
    assert_eq!(person.names.len(), 3);
    assert_eq!(person.un_reference(), Some("QDi.999"));
    assert_eq!(person.birth_dates.len(), 3);
    assert!(!person.citizenships.is_empty());
}

#[test]
fn the_real_excerpt_reads_the_same_in_both_layouts() {
    let xml = embargo_testkit::require_data!("eu/fsf-xml-1.1-excerpt-2020-04-15.xml");
    let ((from_xml, xml_meta), (from_csv, csv_meta)) = both_ways(&xml);
    assert_eq!(csv_meta.published, xml_meta.published);
    // 29 name rows, 11 birth date rows, 7 citizenship rows.
    assert_eq!(csv_meta.records[0].records, 47);
    assert_eq!(from_csv.len(), 7);
    assert_same(&from_xml, &from_csv);
    let names: usize = from_csv.iter().map(|e| e.names.len()).sum();
    assert_eq!(names, 23);
}

/// The fictional fixture's CSV text, without its byte-order mark.
fn fixture_text() -> String {
    let xml = std::fs::read_to_string(fictional_xml()).unwrap();
    eu_csv_writer::csv_from_xml(&xml)
        .trim_start_matches('\u{feff}')
        .to_string()
}

#[test]
fn cut_and_broken_copies_are_refused_with_line_row_and_column() {
    let text = fixture_text();
    // Cut inside a quoted field (a `Function` holding the delimiter).
    let quote = text.find("\"Minister;").unwrap();
    let (message, _file) =
        common::error_for(SourceFormat::EuCsv, "eu", &text.as_bytes()[..quote + 5]);
    assert!(message.contains("ends inside a quoted field"), "{message}");
    // Cut inside a row: fewer fields than the header.
    let lines: Vec<&str> = text.split("\r\n").collect();
    let cut = format!("{}\r\n{}\r\n{}", lines[0], lines[1], &lines[2][..30]);
    let (message, _file) = common::error_for(SourceFormat::EuCsv, "eu", cut.as_bytes());
    assert!(
        message.contains(":3: row 2: ") && message.contains("field(s), the header 118"),
        "{message}"
    );
    // A row without its logical id.
    let row = lines[3].replacen(";10;", ";;", 1);
    let broken = format!("{}\r\n{}\r\n{}\r\n{row}\r\n", lines[0], lines[1], lines[2]);
    let (message, _file) = common::error_for(SourceFormat::EuCsv, "eu", broken.as_bytes());
    assert!(
        message.contains(":4: row 3: column Entity_LogicalId is empty"),
        "{message}"
    );
    // Two reference numbers for one logical id.
    let row = lines[2].replacen("EU.1.2", "EU.1.3", 1);
    let broken = format!("{}\r\n{}\r\n{row}\r\n", lines[0], lines[1]);
    let (message, _file) = common::error_for(SourceFormat::EuCsv, "eu", broken.as_bytes());
    assert!(
        message.contains(":3: row 2: column Entity_EU_ReferenceNumber is \"EU.1.3\""),
        "{message}"
    );
    // An entry whose rows give no name: named by its first row.
    let header = lines[0];
    let birth = lines
        .iter()
        .find(|line| line.contains(";1937-04-28;"))
        .unwrap();
    let broken = format!("{header}\r\n{birth}\r\n");
    let (message, _file) = common::error_for(SourceFormat::EuCsv, "eu", broken.as_bytes());
    assert!(
        message.contains(":2: row 1: entry 10 (EU.1.2): no nameAlias with a name"),
        "{message}"
    );
    // A header without the logical id column, and a header alone.
    let renamed = text.replacen("Entity_LogicalId", "Entity_Id", 1);
    let (message, _file) = common::error_for(SourceFormat::EuCsv, "eu", renamed.as_bytes());
    assert!(
        message.contains("no `Entity_LogicalId` column"),
        "{message}"
    );
    let (message, _file) = common::error_for(
        SourceFormat::EuCsv,
        "eu",
        format!("{header}\r\n").as_bytes(),
    );
    assert!(message.contains("no row"), "{message}");
}

#[test]
fn any_prefix_of_the_fixture_is_read_or_refused_without_panic() {
    let bytes = fixture_text().into_bytes();
    assert!(bytes.len() > 1000);
    for end in (0..bytes.len()).step_by(37) {
        let file = common::temp_file(&bytes[..end]);
        let _ = common::parse_file(SourceFormat::EuCsv, "eu", file.path());
    }
}
