//! The UN parser on a hand-written fixture and on bad input: truncated
//! copies of the real list, random bytes, empty files, other formats.

mod common;

use std::path::{Path, PathBuf};

use embargo_core::model::{Entity, IdKind, NameQuality, Schema};
use embargo_core::sources::{ListMeta, SourceError, SourceFormat};

fn parse(path: &Path) -> Result<(Vec<Entity>, ListMeta), SourceError> {
    common::parse_file(SourceFormat::UnConsolidated, "un", path)
}

fn error_for(bytes: &[u8]) -> (String, tempfile::NamedTempFile) {
    common::error_for(SourceFormat::UnConsolidated, "un", bytes)
}

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/un/small.xml")
}

#[test]
fn fixture_maps_every_field() {
    let (entities, meta) = parse(&fixture()).unwrap();
    assert_eq!(
        meta.published.map(|d| d.to_string()).as_deref(),
        Some("2026-01-15")
    );
    assert_eq!(entities.len(), 2);
    let person = &entities[0];
    assert_eq!(person.id, "un:QDi.900");
    assert_eq!(person.schema, Schema::Person);
    let names: Vec<(&str, NameQuality)> = person
        .names
        .iter()
        .map(|n| (n.full.as_str(), n.quality))
        .collect();
    assert_eq!(
        names,
        [
            ("AHMAD TEST EXAMPLE", NameQuality::Primary),
            ("أحمد", NameQuality::Strong),
            ("Ahmed Test", NameQuality::Strong),
            ("Abu Test", NameQuality::Weak),
        ]
    );
    assert_eq!(person.names[0].parts.len(), 3);
    assert_eq!(person.titles, ["Dr.", "Financier"]);
    let dates: Vec<String> = person.birth_dates.iter().map(ToString::to_string).collect();
    assert_eq!(dates, ["1970-03-01", "circa 1971", "1968 to 1972"]);
    assert_eq!(person.birth_places, ["Mosul, Iraq"]);
    let nationalities: Vec<&str> = person
        .nationalities
        .iter()
        .filter_map(|c| c.code.as_deref())
        .collect();
    assert_eq!(nationalities, ["IQ", "JO"]);
    assert_eq!(
        person.addresses[0].one_line(),
        "1 Example Street, Amman, Jordan"
    );
    assert_eq!(person.addresses[0].note.as_deref(), Some("as of 2015"));
    let passport = &person.identifiers[0];
    assert_eq!(
        (passport.kind, passport.value.as_str()),
        (IdKind::Passport, "A1234567")
    );
    assert_eq!(
        passport.country.as_ref().and_then(|c| c.code.as_deref()),
        Some("IQ")
    );
    assert_eq!(passport.note.as_deref(), Some("issued 2010-05-05; expired"));
    assert_eq!(person.identifiers[1].kind, IdKind::NationalId);
    assert_eq!(
        person.listed_on.map(|d| d.to_string()).as_deref(),
        Some("2015-04-07")
    );
    assert_eq!(person.programs, ["Al-Qaida"]);
    assert_eq!(
        person.remarks,
        [
            "DATAID 100",
            "Hard-wrapped comment & more.",
            "Last updated 2016-01-01, 2020-02-02"
        ]
    );
    let company = &entities[1];
    assert_eq!(
        (company.id.as_str(), company.schema),
        ("un:KPe.900", Schema::Organization)
    );
    assert_eq!(company.names[1].quality, NameQuality::Strong);
    assert_eq!(company.names[2].quality, NameQuality::Former);
    assert_eq!(company.country_codes(), ["KP"]);
}

#[test]
fn every_cut_of_the_fixture_is_an_error() {
    let bytes = std::fs::read(fixture()).unwrap();
    let end = bytes.len() - "</CONSOLIDATED_LIST>\n".len();
    for cut in (0..end).step_by(7) {
        let file = common::temp_file(&bytes[..cut]);
        assert!(
            parse(file.path()).is_err(),
            "a copy cut at byte {cut} was accepted"
        );
    }
}

#[test]
fn truncated_real_list_is_an_error_naming_line_and_record() {
    let path = embargo_testkit::require_data!("un/consolidated-2026-02-27.xml");
    let bytes = std::fs::read(path).unwrap();
    // Cut inside KPi.066's listing date: mid-element, mid-record.
    let marker = b"<REFERENCE_NUMBER>KPi.066</REFERENCE_NUMBER>";
    let at = bytes
        .windows(marker.len())
        .position(|w| w == marker)
        .unwrap();
    let cut = at + marker.len() + "\n      <LISTED_ON>2017-1".len();
    let (error, _file) = error_for(&bytes[..cut]);
    let line = bytes[..cut].iter().filter(|&&b| b == b'\n').count() + 1;
    assert!(
        error.contains(&format!(
            ":{line}: record KPi.066: file ends inside <LISTED_ON>: truncated"
        )),
        "{error}"
    );
    assert!(error.contains("truncated"), "{error}");
    // Cut in the middle of a tag name.
    let (error, _file) = error_for(&bytes[..at + 5]);
    assert!(
        error.contains("not well-formed XML") || error.contains("truncated"),
        "{error}"
    );
    // Cut between records: the root is never closed.
    let record_end = b"</INDIVIDUAL>";
    let between = bytes
        .windows(record_end.len())
        .position(|w| w == record_end)
        .unwrap();
    let (error, _file) = error_for(&bytes[..between + record_end.len()]);
    assert!(
        error.contains("file ends inside <INDIVIDUALS>: truncated"),
        "{error}"
    );
    // Many cuts spread over the whole file: every one is an error.
    for cut in (1..bytes.len() - 30).step_by(bytes.len() / 37) {
        let file = common::temp_file(&bytes[..cut]);
        assert!(
            parse(file.path()).is_err(),
            "a copy cut at byte {cut} was accepted"
        );
    }
}

#[test]
fn bad_values_name_the_record() {
    let text = std::fs::read_to_string(fixture()).unwrap();
    // A value error names the line where its record (<ENTITY>) starts.
    let bad = text.replace(
        "<LISTED_ON>2017-08-05</LISTED_ON>",
        "<LISTED_ON>2017-02-30</LISTED_ON>",
    );
    let (error, _file) = error_for(bad.as_bytes());
    assert!(
        error.contains(":86: record KPe.900: LISTED_ON: not a date"),
        "{error}"
    );
    let bad = text.replace("</SECOND_NAME>", "</SECOND>");
    let (error, _file) = error_for(bad.as_bytes());
    assert!(error.contains(":9: not well-formed XML"), "{error}");
    let bad = text.replace("</GENDER>", "</GENDR>");
    let (error, _file) = error_for(bad.as_bytes());
    assert!(
        error.contains(":15: record QDi.900: not well-formed XML"),
        "{error}"
    );
    let bad = text.replace("<REFERENCE_NUMBER>KPe.900</REFERENCE_NUMBER>", "");
    let (error, _file) = error_for(bad.as_bytes());
    assert!(error.contains("record has no REFERENCE_NUMBER"), "{error}");
}

#[test]
fn empty_random_and_foreign_files_are_errors() {
    let (error, _file) = error_for(b"");
    assert!(error.contains("no XML element found"), "{error}");
    let (error, _file) = error_for(b"  \n ");
    assert!(error.contains("no XML element found"), "{error}");
    let random = embargo_testkit::noise(4096);
    error_for(&random);
    let (error, _file) = error_for(b"<?xml version=\"1.0\"?>\n<sdnList><sdnEntry/></sdnList>\n");
    assert!(
        error.contains(":2: root element is <sdnList>, expected <CONSOLIDATED_LIST>"),
        "{error}"
    );
    let (error, _file) = error_for(b"id,name\n1,ACME\n");
    assert!(error.contains("not an XML document"), "{error}");
    let (error, _file) = error_for(b"{\"id\":\"a\",\"schema\":\"Person\",\"properties\":{}}\n");
    assert!(error.contains("not an XML document"), "{error}");
    let (error, _file) =
        error_for(b"<CONSOLIDATED_LIST><INDIVIDUALS/><ENTITIES/></CONSOLIDATED_LIST>");
    assert!(error.contains("no INDIVIDUAL or ENTITY record"), "{error}");
    let (error, _file) = error_for(b"<CONSOLIDATED_LIST/>");
    assert!(error.contains("no INDIVIDUAL or ENTITY record"), "{error}");
    let (error, _file) = error_for(b"<CONSOLIDATED_LIST></CONSOLIDATED_LIST><X/>");
    assert!(
        error.contains("content after </CONSOLIDATED_LIST>"),
        "{error}"
    );
}

#[test]
fn missing_file_is_an_io_error() {
    let error = parse(Path::new("/nonexistent/consolidated.xml")).unwrap_err();
    assert!(matches!(error, SourceError::Io { .. }));
    assert!(
        error
            .to_string()
            .starts_with("/nonexistent/consolidated.xml: cannot read")
    );
}
