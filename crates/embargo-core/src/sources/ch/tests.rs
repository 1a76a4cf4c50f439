//! Tests of the SECO reader on small documents: detection, an empty or
//! wrong file, a file whose every target is de-listed, deep nesting, and
//! bytes that are no XML; the fixture with every element is tested in
//! `tests/ch_seco.rs`.

use crate::model::Entity;
use crate::sources::detect::{Content, sniff_bytes};
use crate::sources::{SourceFormat, test_support};

fn parse(bytes: &[u8]) -> Result<Vec<Entity>, String> {
    let (result, _file) = test_support::parse_bytes(SourceFormat::ChXml, Some("ch"), bytes);
    result
        .map(|(entities, _)| entities)
        .map_err(|error| error.to_string())
}

const ONE: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<swiss-sanctions-list date="2024-05-06">
  <target ssid="1"><entity><identity main="true"><name name-type="primary-name">
    <name-part order="1" name-part-type="whole-name"><value>ONE</value></name-part>
  </name></identity></entity></target>
</swiss-sanctions-list>"#;

#[test]
fn detected_from_the_root_with_or_without_bom() {
    let list = Content::List(SourceFormat::ChXml);
    assert_eq!(sniff_bytes(ONE.as_bytes(), true), list);
    let bom = format!("\u{feff}{ONE}");
    assert_eq!(sniff_bytes(bom.as_bytes(), true), list);
    assert_eq!(parse(bom.as_bytes()).unwrap()[0].id, "ch:1");
}

#[test]
fn empty_wrong_or_de_listed_files_are_refused() {
    let empty = "<swiss-sanctions-list date=\"2024-05-06\"></swiss-sanctions-list>";
    assert!(parse(empty.as_bytes()).unwrap_err().contains("no record"));
    let wrong = ONE.replace("swiss-sanctions-list", "sanctions");
    assert!(
        parse(wrong.as_bytes())
            .unwrap_err()
            .contains("expected <swiss-sanctions-list>")
    );
    let gone = ONE.replace(
        "<target ssid=\"1\">",
        "<target ssid=\"1\"><modification modification-type=\"de-listed\"/>",
    );
    assert!(
        parse(gone.as_bytes())
            .unwrap_err()
            .contains("no listed target")
    );
    let no_ssid = ONE.replace(" ssid=\"1\"", "");
    assert!(
        parse(no_ssid.as_bytes())
            .unwrap_err()
            .contains("target ssid without ssid: no ssid")
    );
}

#[test]
fn deep_nesting_and_noise_are_errors_not_panics() {
    let deep = format!(
        "<swiss-sanctions-list><target ssid=\"1\">{}</target></swiss-sanctions-list>",
        "<a>".repeat(10_000)
    );
    assert!(parse(deep.as_bytes()).unwrap_err().contains("nested"));
    assert!(parse(&[0xff, 0x00, 0x13, 0x37]).is_err());
    for end in 0..ONE.len() {
        let _ = parse(&ONE.as_bytes()[..end]);
    }
}

#[test]
fn identity_elements_are_found_inside_a_grouping_element() {
    // A hypothetical wrapper: the reader does not depend on the elements
    // of an identity being its direct children.
    let grouped = ONE
        .replace("<entity>", "<individual>")
        .replace("</entity>", "</individual>")
        .replace(
            "</name></identity>",
            "</name><group><day-month-year year=\"1960\" month=\"2\"/>\
             <nationality><country iso-code=\"CH\">Switzerland</country></nationality>\
             </group></identity>",
        );
    let person = &parse(grouped.as_bytes()).unwrap()[0];
    assert_eq!(person.birth_dates[0].from.to_string(), "1960-02");
    assert_eq!(person.nationalities[0].code.as_deref(), Some("CH"));
}
