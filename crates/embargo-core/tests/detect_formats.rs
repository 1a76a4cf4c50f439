//! Format detection after the EU CSV and SECO formats joined: every real
//! one-file list and every fixture is still detected as the format it was
//! detected as before, the new formats are detected from their content
//! (with or without byte-order mark), and files that merely look like them
//! are not.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod eu_csv_writer;

use std::path::Path;

use embargo_core::sources::detect::{Content, sniff_bytes};
use embargo_core::sources::{SourceFormat, detect};

fn format_of(path: &Path) -> SourceFormat {
    let found = detect(&[path.to_path_buf()]).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(found.len(), 1, "{}", path.display());
    found[0].format
}

#[test]
fn real_lists_keep_their_formats() {
    let root = embargo_testkit::require_data!("");
    for (relative, format) in [
        (
            "un/consolidated-2026-02-27.xml",
            SourceFormat::UnConsolidated,
        ),
        ("ftm/yente-zala.ftm.json", SourceFormat::FollowTheMoney),
        ("uk/ofsi-conlist-2020-04-27.csv", SourceFormat::UkCsv),
        (
            "uk/fcdo-uk-sanctions-list-2026-03-26-excerpt.xml",
            SourceFormat::UkXml,
        ),
        ("eu/fsf-xml-1.1-excerpt-2020-04-15.xml", SourceFormat::EuXml),
        ("us-trade/csl-sample.csv", SourceFormat::UsCsl),
        ("us-trade/dpl.txt", SourceFormat::UsDpl),
        ("ofac/2024-05", SourceFormat::OfacSdn),
    ] {
        assert_eq!(format_of(&root.join(relative)), format, "{relative}");
    }
}

#[test]
fn fixtures_keep_their_formats_and_the_new_ones_are_detected() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for (relative, format) in [
        ("custom/blocklist-semicolon.csv", SourceFormat::Custom),
        ("ftm/mixed.ftm.json", SourceFormat::FollowTheMoney),
        ("ch/seco-fixture.xml", SourceFormat::ChXml),
    ] {
        assert_eq!(format_of(&fixtures.join(relative)), format, "{relative}");
    }
}

#[test]
fn an_eu_csv_in_the_published_layout_is_detected() {
    let xml = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/eu/fictional-fsf-1.1.xml"),
    )
    .unwrap();
    let csv = eu_csv_writer::csv_from_xml(&xml);
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), csv).unwrap();
    assert_eq!(format_of(file.path()), SourceFormat::EuCsv);
}

#[test]
fn new_formats_from_their_heads_and_lookalikes_are_not_them() {
    let eu = "fileGenerationDate;Entity_LogicalId;NameAlias_WholeName\n15/04/2020;13;A\n";
    let eu_list = Content::List(SourceFormat::EuCsv);
    assert_eq!(sniff_bytes(eu.as_bytes(), true), eu_list);
    let bom = format!("\u{feff}{eu}");
    assert_eq!(sniff_bytes(bom.as_bytes(), true), eu_list);
    // An institution's own list that happens to keep an EU id column is
    // still a custom list.
    let custom = "id,name,Entity_LogicalId\n1,A,13\n";
    assert_eq!(sniff_bytes(custom.as_bytes(), true), Content::CustomCsv);
    let seco = "<?xml version=\"1.0\"?>\n<swiss-sanctions-list date=\"2024-05-06\">";
    assert_eq!(
        sniff_bytes(seco.as_bytes(), false),
        Content::List(SourceFormat::ChXml)
    );
    assert_eq!(
        sniff_bytes(b"<swiss-list/>", true),
        Content::OtherXml("swiss-list".to_string())
    );
    // The EU XML is still the EU XML, the UK CSV still the UK CSV.
    let eu_xml = "<export xmlns=\"http://eu.europa.ec/fpi/fsd/export\"><sanctionEntity/>";
    assert_eq!(
        sniff_bytes(eu_xml.as_bytes(), false),
        Content::List(SourceFormat::EuXml)
    );
    let ofsi = "Last Updated,27/04/2020\nName 6,Name 1,Group ID\n";
    assert_eq!(
        sniff_bytes(ofsi.as_bytes(), true),
        Content::List(SourceFormat::UkCsv)
    );
}

#[test]
fn format_names_of_the_new_formats() {
    assert_eq!(SourceFormat::parse("eu-csv"), Some(SourceFormat::EuCsv));
    assert_eq!(SourceFormat::parse("seco"), Some(SourceFormat::ChXml));
    assert_eq!(SourceFormat::EuCsv.list_id(), Some("eu"));
    assert_eq!(SourceFormat::ChXml.list_id(), Some("ch"));
    assert_eq!(
        SourceFormat::ChXml.default_source_id(Path::new("consolidated-list.xml")),
        "ch"
    );
}
