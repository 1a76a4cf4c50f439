//! The custom-list parser on the documented example, hand-written
//! fixtures, the bundled demo file and bad input.

mod common;

use std::path::{Path, PathBuf};

use embargo_core::model::{Entity, IdKind, NamePartKind, NameQuality, Schema};
use embargo_core::sources::{ListMeta, SourceError, SourceFormat, custom, demo_entities};

fn parse(path: &Path) -> Result<(Vec<Entity>, ListMeta), SourceError> {
    common::parse_file(SourceFormat::Custom, "custom-test", path)
}

fn error_for(bytes: &[u8]) -> String {
    common::error_for(SourceFormat::Custom, "custom-test", bytes).0
}

fn manifest_path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

fn parse_text(text: &str) -> Result<Vec<Entity>, SourceError> {
    let mut entities = Vec::new();
    custom::parse_reader(
        text.as_bytes(),
        Path::new("list.csv"),
        "custom-test",
        &mut |entity| {
            entities.push(entity);
            Ok(())
        },
    )?;
    Ok(entities)
}

/// The ```csv example of docs/custom-list-format.md.
fn documented_example() -> String {
    let doc = std::fs::read_to_string(manifest_path("../../docs/custom-list-format.md"))
        .unwrap_or_else(|error| panic!("{error}"));
    let start = doc
        .find("```csv\n")
        .unwrap_or_else(|| panic!("no csv example"))
        + 7;
    let length = doc[start..]
        .find("```")
        .unwrap_or_else(|| panic!("unclosed example"));
    doc[start..start + length].to_string()
}

#[test]
fn documented_example_parses_as_described() {
    let entities = parse_text(&documented_example()).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(entities.len(), 3);
    let kim = &entities[0];
    assert_eq!(
        (kim.id.as_str(), kim.schema),
        ("custom-test:C-0001", Schema::Person)
    );
    assert_eq!(kim.names[0].part(NamePartKind::Family), Some("KIM"));
    assert_eq!(kim.birth_dates[0].to_string(), "1965-04-25");
    assert_eq!(kim.nationalities[0].code.as_deref(), Some("KP"));
    assert_eq!(kim.country_codes(), ["KP", "RU"]);
    assert_eq!(
        kim.identifiers[0]
            .country
            .as_ref()
            .and_then(|c| c.code.as_deref()),
        Some("KP")
    );
    assert_eq!(kim.wallets.len(), 2);
    let acme = &entities[1];
    assert_eq!(acme.names[2].quality, NameQuality::Weak);
    assert_eq!(
        acme.addresses.len(),
        1,
        "AE is already the address's country"
    );
    assert_eq!(acme.addresses[0].city.as_deref(), Some("Dubai"));
    assert_eq!(
        acme.addresses[0].street.as_deref(),
        Some("Office 12, Al Fahidi Street")
    );
    let kinds: Vec<IdKind> = acme.identifiers.iter().map(|i| i.kind).collect();
    assert_eq!(kinds, [IdKind::Registration, IdKind::Email]);
    let vessel = &entities[2];
    assert_eq!(vessel.schema, Schema::Vessel);
    assert_eq!(vessel.remarks, ["Reported by correspondent bank"]);
}

#[test]
fn semicolon_file_with_bom_and_crlf() {
    let path = manifest_path("tests/fixtures/custom/blocklist-semicolon.csv");
    let (entities, meta) = parse(&path).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(meta.entity_count, 3);
    let doe = &entities[0];
    assert_eq!(doe.id, "custom-test:B-1");
    let names: Vec<(&str, NameQuality)> = doe
        .names
        .iter()
        .map(|n| (n.full.as_str(), n.quality))
        .collect();
    assert_eq!(
        names,
        [
            ("DOE, John", NameQuality::Primary),
            ("DOE, Johnny", NameQuality::Strong),
            ("JD", NameQuality::Weak)
        ]
    );
    assert_eq!(
        doe.addresses[0].one_line(),
        "1 Main Street, Springfield, United States"
    );
    assert_eq!(doe.identifiers[0].value, "X123");
    assert_eq!(doe.identifiers[1].kind, IdKind::Email);
    assert_eq!(doe.programs, ["FRAUD"]);
    assert_eq!(
        doe.listed_on.map(|d| d.to_string()).as_deref(),
        Some("2024-03-01")
    );
    assert_eq!(
        entities[1].remarks,
        ["Reported by correspondent, \"urgent\""]
    );
    assert_eq!(entities[1].country_codes(), ["PA"]);
    assert_eq!(
        entities[2].schema,
        Schema::Other,
        "an empty type is not guessed"
    );
}

#[test]
fn bundled_demo_file_parses_like_the_embedded_copy() {
    let path = manifest_path("src/sources/demo.csv");
    let (entities, _) = parse(&path).unwrap_or_else(|error| panic!("{error}"));
    let demo = demo_entities().unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(entities.len(), 8);
    for (file, embedded) in entities.iter().zip(&demo) {
        assert_eq!(file.native_id(), embedded.native_id());
        assert_eq!(file.names, embedded.names);
        assert_eq!(file.wallets, embedded.wallets);
    }
    assert!(demo.iter().all(|entity| entity.source() == "demo"));
}

#[test]
fn cut_copies_are_errors_unless_cut_between_rows() {
    let path = manifest_path("tests/fixtures/custom/blocklist-semicolon.csv");
    let bytes = std::fs::read(path).unwrap_or_else(|error| panic!("{error}"));
    let mut accepted = Vec::new();
    for cut in 0..bytes.len() {
        let file = common::temp_file(&bytes[..cut]);
        if let Ok((entities, _)) = parse(file.path()) {
            accepted.push((cut, entities.len()));
        }
    }
    // A copy cut right after each row's CR (before its LF) holds that many
    // whole rows: those are accepted with their row counts (so the check
    // below has cases).
    let line_ends: Vec<usize> = bytes
        .iter()
        .enumerate()
        .filter(|&(_, &b)| b == b'\n')
        .map(|(at, _)| at)
        .collect();
    assert_eq!(line_ends.len(), 4, "header and three rows");
    for (cut, rows) in [(line_ends[1], 1), (line_ends[2], 2), (line_ends[3], 3)] {
        assert!(
            accepted.contains(&(cut, rows)),
            "a copy cut at byte {cut} holds {rows} whole rows: accepted {accepted:?}"
        );
    }
    // Every row ends with a quoted notes cell: a copy is accepted only when
    // it holds whole rows (cut after the closing quote, the CR or the LF).
    for (cut, rows) in accepted {
        let kept = &bytes[..cut];
        let whole = kept.ends_with(b"\"") || kept.ends_with(b"\"\r") || kept.ends_with(b"\r\n");
        assert!(
            whole,
            "a copy cut at byte {cut} was accepted with {rows} rows"
        );
    }
}

#[test]
fn errors_name_file_line_and_column() {
    let message = error_for(b"id,name,type\n1,A,person\n2,B,persn\n");
    assert!(
        message.contains(":3: column type: unknown type \"persn\""),
        "{message}"
    );
    let message = error_for(b"id,name,identifiers\n1,A,pasport:123\n");
    assert!(
        message.contains(":2: column identifiers: unknown identifier kind \"pasport\""),
        "{message}"
    );
    let message = error_for("id,nom\n1,A\n".as_bytes());
    assert!(message.contains(":1: unknown column \"nom\""), "{message}");
}

#[test]
fn empty_random_and_foreign_files_are_errors() {
    assert!(error_for(b"").contains("empty file"));
    error_for(&embargo_testkit::noise(2048));
    let message = error_for(b"<?xml version=\"1.0\"?>\n<CONSOLIDATED_LIST/>\n");
    assert!(message.contains(":1: unknown column"), "{message}");
    let message = error_for(b"{\"id\":\"a\",\"schema\":\"Person\",\"properties\":{}}\n");
    assert!(message.contains(":1: unknown column"), "{message}");
}

#[test]
fn real_files_of_other_formats_are_refused() {
    let dpl = embargo_testkit::require_data!("us-trade/dpl.txt");
    let message = parse(&dpl).map(|_| ()).unwrap_err().to_string();
    assert!(
        message.contains("dpl.txt:1: unknown column \"Street_Address\""),
        "{message}"
    );
    let sdn = embargo_testkit::require_data!("ofac/2024-05/sdn.csv");
    let message = parse(&sdn).map(|_| ()).unwrap_err().to_string();
    assert!(
        message.contains("sdn.csv:1: unknown column \"36\""),
        "{message}"
    );
    let people =
        embargo_testkit::require_data!("screening-sets/positives_us_congress_untreated.csv");
    let message = parse(&people).map(|_| ()).unwrap_err().to_string();
    assert!(
        message.contains(":1: unknown column \"full_name\""),
        "{message}"
    );
}
