//! The OFAC parser on small hand-written file sets and on broken input:
//! every broken file gives an error naming the file (and the line, where
//! there is one), never a panic.

// Helpers outside #[test] functions panic too: a failure is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::path::{Path, PathBuf};

use embargo_core::model::{Entity, Gender, IdKind, NameQuality, Schema};
use embargo_core::sources::{
    FileRole, ListFile, ListFiles, ListMeta, SourceError, SourceFormat, ofac,
};

const NULL: &str = "-0- ";

fn fixture(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/ofac")
        .join(relative)
}

/// The OFAC files in `dir`, recognized by name.
fn files_in(dir: &Path) -> ListFiles {
    let mut files: Vec<ListFile> = Vec::new();
    let mut format = SourceFormat::OfacSdn;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        if let Some((file_format, role)) = ofac::standard_role(&name) {
            format = file_format;
            files.push(ListFile { role, path });
        }
    }
    files.sort_by_key(|file| file.role);
    ListFiles { format, files }
}

fn parse(files: &ListFiles) -> Result<(ListMeta, Vec<Entity>), SourceError> {
    let mut entities = Vec::new();
    let meta = ofac::parse(files, "ofac-sdn", &mut |entity| {
        entities.push(entity);
        Ok(())
    })?;
    Ok((meta, entities))
}

/// A file set of `(role, file name, content)` written to a temporary folder.
fn temp_set(parts: &[(FileRole, &str, &[u8])]) -> (tempfile::TempDir, ListFiles) {
    let dir = tempfile::tempdir().unwrap();
    let files = parts
        .iter()
        .map(|&(role, name, content)| {
            let path = dir.path().join(name);
            std::fs::File::create(&path)
                .unwrap()
                .write_all(content)
                .unwrap();
            ListFile { role, path }
        })
        .collect();
    let files = ListFiles {
        format: SourceFormat::OfacSdn,
        files,
    };
    (dir, files)
}

fn sdn_only(content: &[u8]) -> (tempfile::TempDir, ListFiles) {
    temp_set(&[(FileRole::Primary, "sdn.csv", content)])
}

fn sdn_row(ent_num: &str, name: &str, sdn_type: &str, remarks: &str) -> String {
    let nulls = [NULL; 7].join(",");
    format!("{ent_num},\"{name}\",{sdn_type},\"SDGT\",{nulls},{remarks}\r\n")
}

fn error_of(files: &ListFiles) -> String {
    match parse(files) {
        Ok((meta, _)) => panic!("parsed {} entities from broken input", meta.entity_count),
        Err(error) => error.to_string(),
    }
}

fn by_id<'a>(entities: &'a [Entity], id: &str) -> &'a Entity {
    entities
        .iter()
        .find(|entity| entity.id == id)
        .unwrap_or_else(|| panic!("no entity {id}"))
}

#[test]
fn small_set_reads_every_file() {
    let (meta, entities) = parse(&files_in(&fixture("small"))).unwrap();
    assert_eq!(meta.entity_count, 4);
    assert_eq!(entities.len(), 4);
    assert_eq!(meta.published, None);
    assert_eq!(
        meta.notices,
        ["add.csv: 1 row has every field null (-0-) and add no address"]
    );
    let ids: Vec<&str> = entities.iter().map(|entity| entity.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "ofac-sdn:101",
            "ofac-sdn:102",
            "ofac-sdn:103",
            "ofac-sdn:104"
        ]
    );
}

#[test]
fn small_set_person() {
    let (_, entities) = parse(&files_in(&fixture("small"))).unwrap();
    let doe = by_id(&entities, "ofac-sdn:101");
    assert_eq!(doe.schema, Schema::Person);
    assert_eq!(doe.programs, ["SDGT", "IRAN"]);
    let names: Vec<(&str, NameQuality)> = doe
        .names
        .iter()
        .map(|name| (name.full.as_str(), name.quality))
        .collect();
    assert_eq!(
        names,
        [
            ("DOE, John Quincy", NameQuality::Primary),
            ("DOE, Jack", NameQuality::Strong),
            ("DOE, Johnny", NameQuality::Weak),
        ]
    );
    let births: Vec<String> = doe.birth_dates.iter().map(ToString::to_string).collect();
    assert_eq!(births, ["1970-01-01", "1971"]);
    assert_eq!(doe.birth_places, ["Springfield, Iran"]);
    assert_eq!(doe.nationalities[0].code.as_deref(), Some("IR"));
    assert_eq!(doe.gender, Some(Gender::Male));
    let passport = &doe.identifiers[0];
    assert_eq!(
        (passport.kind, passport.value.as_str()),
        (IdKind::Passport, "A1234567")
    );
    assert_eq!(
        passport.note.as_deref(),
        Some("issued 02 Feb 2015 expires 01 Feb 2025")
    );
    assert_eq!(doe.links[0].id.as_deref(), Some("ofac-sdn:102"));
    assert_eq!(doe.remarks, ["Member of the Example Council"]);
    assert_eq!(doe.addresses[0].one_line(), "1 Main Street, Tehran, Iran");
}

#[test]
fn small_set_organization_with_continued_remarks() {
    let (_, entities) = parse(&files_in(&fixture("small"))).unwrap();
    let acme = by_id(&entities, "ofac-sdn:102");
    let names: Vec<&str> = acme.names.iter().map(|name| name.full.as_str()).collect();
    assert_eq!(
        names,
        [
            "ACME TRADING CO.",
            "ACME OLD CO., LTD.",
            "ACME NEW CO.",
            "ACME; THE TRADERS"
        ]
    );
    assert_eq!(acme.names[1].quality, NameQuality::Former);
    assert_eq!(acme.established[0].to_string(), "2001");
    let wallets: Vec<(&str, &str)> = acme
        .wallets
        .iter()
        .map(|wallet| (wallet.currency.as_str(), wallet.address.as_str()))
        .collect();
    assert_eq!(
        wallets,
        [
            ("XBT", "1AcmeExampleAddressXYZ"),
            ("ETH", "0x00000000000000000000000000000000000000aa"),
        ]
    );
    assert_eq!(acme.links[0].name, "DOE, John Quincy");
    assert_eq!(acme.links[0].id.as_deref(), Some("ofac-sdn:101"));
    assert_eq!(acme.addresses[0].note.as_deref(), Some("as of 2020"));
    assert!(acme.remarks.is_empty(), "{:?}", acme.remarks);
}

#[test]
fn small_set_vessel() {
    let (_, entities) = parse(&files_in(&fixture("small"))).unwrap();
    let ship = by_id(&entities, "ofac-sdn:103");
    assert_eq!(ship.schema, Schema::Vessel);
    let vessel = ship.vessel.as_ref().unwrap();
    assert_eq!(vessel.flag.as_ref().unwrap().code.as_deref(), Some("PA"));
    assert_eq!(vessel.tonnage.as_deref(), Some("1,000"));
    assert_eq!(vessel.owner.as_deref(), Some("ACME TRADING CO."));
    let ids: Vec<(IdKind, &str)> = ship
        .identifiers
        .iter()
        .map(|id| (id.kind, id.value.as_str()))
        .collect();
    assert_eq!(ids, [(IdKind::CallSign, "9XYZ"), (IdKind::Imo, "9187629")]);
    assert_eq!(ship.remarks, ["Former Vessel Flag Malta"]);
    assert!(ship.addresses.is_empty());
}

#[test]
fn companions_are_optional_and_their_absence_is_told() {
    let mut files = files_in(&fixture("small"));
    files.files.retain(|file| file.role == FileRole::Primary);
    let (meta, entities) = parse(&files).unwrap();
    assert_eq!(entities.len(), 4);
    assert_eq!(meta.notices.len(), 4, "{:?}", meta.notices);
    assert_eq!(
        meta.notices[0],
        "no alt.csv given: strong aliases not loaded"
    );
    assert_eq!(meta.notices[1], "no add.csv given: addresses not loaded");
    assert!(meta.notices[2].starts_with("no sdn_comments.csv given"));
    assert!(
        meta.notices[3].contains("remarks of 1 entity end mid-item"),
        "{}",
        meta.notices[3]
    );
    let acme = by_id(&entities, "ofac-sdn:102");
    assert_eq!(
        acme.remarks,
        ["Digital Currency Address - XBT 1AcmeExampleAddre"],
        "the cut wallet stays a remark"
    );
}

#[test]
fn consolidated_names_in_notices() {
    let (_dir, mut files) = temp_set(&[(
        FileRole::Primary,
        "cons_prim.csv",
        sdn_row("1", "X", NULL, NULL).as_bytes(),
    )]);
    files.format = SourceFormat::OfacConsolidated;
    let (meta, _) = parse(&files).unwrap();
    assert_eq!(
        meta.notices[0],
        "no cons_alt.csv given: strong aliases not loaded"
    );
}

#[test]
fn dated_primary_file_gives_the_publication_date() {
    let (_dir, files) = temp_set(&[(
        FileRole::Primary,
        "sdn-2023-05-23.csv",
        sdn_row("1", "X", NULL, NULL).as_bytes(),
    )]);
    let (meta, _) = parse(&files).unwrap();
    assert_eq!(
        meta.published.map(|date| date.to_string()).as_deref(),
        Some("2023-05-23")
    );
}

#[test]
fn alias_of_unknown_entity_names_file_and_line() {
    let error = error_of(&files_in(&fixture("unknown-ent-num")));
    assert!(
        error.ends_with(
            "alt.csv:2: ent_num 999 is not in sdn.csv: are the files from different publications?"
        ),
        "{error}"
    );
}

#[test]
fn empty_files_are_invalid() {
    let (_dir, files) = sdn_only(b"");
    let error = parse(&files).unwrap_err();
    assert!(matches!(error, SourceError::Invalid { .. }), "{error}");
    assert!(
        error.to_string().ends_with("sdn.csv: the file is empty"),
        "{error}"
    );
    let (_dir, files) = sdn_only(b"\r\n\x1a");
    assert!(error_of(&files).ends_with("sdn.csv: the file holds no entities"));
    let sdn = sdn_row("1", "X", NULL, NULL);
    let (_dir, files) = temp_set(&[
        (FileRole::Primary, "sdn.csv", sdn.as_bytes()),
        (FileRole::Aliases, "alt.csv", b""),
    ]);
    assert!(error_of(&files).ends_with("alt.csv: the file is empty"));
}

#[test]
fn random_bytes_are_a_clean_error() {
    for length in [1usize, 7, 100, 4096, 65_536] {
        let bytes = embargo_testkit::noise(length);
        let (_dir, files) = sdn_only(&bytes);
        let error = error_of(&files);
        assert!(error.contains("sdn.csv"), "{error}");
    }
}

#[test]
fn truncated_file_names_the_cut_record() {
    let whole = format!(
        "{}{}",
        sdn_row("1", "A", NULL, "\"DOB 1960.\""),
        sdn_row("2", "B", NULL, "\"DOB 1961; POB Somewhere.\"")
    );
    let cut_in_quotes = &whole.as_bytes()[..whole.len() - 12];
    let (_dir, files) = sdn_only(cut_in_quotes);
    let error = error_of(&files);
    assert!(
        error.ends_with(
            "sdn.csv:2: the file ends inside a quoted field of this record: it is truncated"
        ),
        "{error}"
    );
    let cut_between_fields = &whole.as_bytes()[..whole.find("2,\"B\"").unwrap() + 6];
    let (_dir, files) = sdn_only(cut_between_fields);
    let error = error_of(&files);
    assert!(
        error.contains("sdn.csv:2: the file ends inside this record (3 of 12 columns"),
        "{error}"
    );
}

#[test]
fn malformed_rows_name_the_line() {
    let cases: [(String, &str); 5] = [
        (
            format!(
                "{}{}",
                sdn_row("1", "A", NULL, NULL),
                sdn_row("1", "B", NULL, NULL)
            ),
            "sdn.csv:2: ent_num 1 appears twice (first on line 1)",
        ),
        (
            sdn_row("1", "A", "\"person\"", NULL),
            "sdn.csv:1: unknown SDN_Type \"person\" (expected individual, vessel, aircraft or -0-)",
        ),
        (
            sdn_row("1x", "A", NULL, NULL),
            "sdn.csv:1: ent_num must be a number, found \"1x\"",
        ),
        (
            format!("{}1,\"A\",-0-\r\n", sdn_row("2", "B", NULL, NULL)),
            "sdn.csv:2: expected 12 columns, found 3",
        ),
        (
            sdn_row("1", "-0-", NULL, NULL),
            "sdn.csv:1: entity 1 has no name",
        ),
    ];
    for (content, expected) in cases {
        let (_dir, files) = sdn_only(content.as_bytes());
        let error = error_of(&files);
        assert!(error.ends_with(expected), "{error}\nexpected: {expected}");
    }
}

#[test]
fn companion_files_are_checked_too() {
    let sdn = sdn_row("1", "A", NULL, NULL);
    let cases: [(FileRole, &str, &str, &str); 3] = [
        (
            FileRole::Aliases,
            "alt.csv",
            "1,1,\"aka\"\r\n",
            "alt.csv:1: expected 5 columns, found 3",
        ),
        (
            FileRole::Aliases,
            "alt.csv",
            "1,1,\"alias\",\"B\",-0- \r\n",
            "alt.csv:1: alias type must be aka, fka or nka, found \"alias\"",
        ),
        (
            FileRole::Comments,
            "sdn_comments.csv",
            "1,\"x\"\r\n2,\"y\"\r\n",
            "sdn_comments.csv:2: ent_num 2 is not in sdn.csv: are the files from different publications?",
        ),
    ];
    for (role, name, content, expected) in cases {
        let (_dir, files) = temp_set(&[
            (FileRole::Primary, "sdn.csv", sdn.as_bytes()),
            (role, name, content.as_bytes()),
        ]);
        let error = error_of(&files);
        assert!(error.ends_with(expected), "{error}\nexpected: {expected}");
    }
}

#[test]
fn other_formats_are_named() {
    let (_dir, files) = sdn_only(b"<?xml version=\"1.0\"?>\r\n<CONSOLIDATED_LIST/>\r\n");
    assert!(error_of(&files).ends_with("sdn.csv:1: this is XML, not an OFAC legacy CSV file"));
    let (_dir, files) = sdn_only(b"{\"id\": \"x\", \"schema\": \"Person\"}\n");
    assert!(error_of(&files).ends_with("sdn.csv:1: this is JSON, not an OFAC legacy CSV file"));
}

#[test]
fn windows_1252_text_is_decoded_and_told() {
    let mut content = b"1,\"P\xc9REZ, Jos\xe9\",\"individual\",\"SDGT\",".to_vec();
    content.extend_from_slice(format!("{},{NULL}\r\n", [NULL; 7].join(",")).as_bytes());
    let (_dir, files) = sdn_only(&content);
    let (meta, entities) = parse(&files).unwrap();
    assert_eq!(entities[0].caption(), "PÉREZ, José");
    assert_eq!(
        meta.notices[0],
        "sdn.csv: 1 field was not valid UTF-8 and read as Windows-1252 (Latin-1), the first \
         byte 0xc9 on line 1 at byte offset 4"
    );
}

#[test]
fn files_need_a_primary_and_an_ofac_format() {
    let (_dir, mut files) = sdn_only(sdn_row("1", "A", NULL, NULL).as_bytes());
    files.format = SourceFormat::UnConsolidated;
    assert!(error_of(&files).contains("the OFAC parser cannot read the un format"));
    files.format = SourceFormat::OfacSdn;
    files.files[0].role = FileRole::Aliases;
    assert!(error_of(&files).contains("no primary file (sdn.csv) given"));
}

#[test]
fn one_file_per_role() {
    let sdn = sdn_row("1", "A", NULL, NULL);
    let (_dir, files) = temp_set(&[
        (FileRole::Primary, "sdn.csv", sdn.as_bytes()),
        (FileRole::Aliases, "alt.csv", b"1,1,\"aka\",\"B\",-0- \r\n"),
        (
            FileRole::Aliases,
            "alt-2.csv",
            b"1,2,\"aka\",\"C\",-0- \r\n",
        ),
    ]);
    let error = error_of(&files);
    assert!(
        error.contains("alt-2.csv: a second aliases file besides "),
        "{error}"
    );
}

#[test]
fn sink_errors_stop_the_parse() {
    let files = files_in(&fixture("small"));
    let mut seen = 0;
    let result = ofac::parse(&files, "ofac-sdn", &mut |entity| {
        seen += 1;
        Err(SourceError::Sink {
            entity: entity.id,
            message: "disk full".to_string(),
        })
    });
    assert_eq!(seen, 1);
    assert_eq!(
        result.unwrap_err().to_string(),
        "storing entity ofac-sdn:101: disk full"
    );
}
