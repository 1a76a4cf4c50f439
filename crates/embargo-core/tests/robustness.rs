//! Property tests over every reader of outside input: the list parsers
//! (OFAC CSV set, UN XML, FollowTheMoney, custom CSV, EU CSV, SECO XML),
//! format detection, the batch customer-file reader, the tokenizer and
//! transliteration, the date and identifier parsers, the UTF-8 checking
//! reader and the entry checks. Inputs are random bytes and random damage to real-shaped
//! fixtures; the properties are those the fuzz targets (`fuzz/`) check,
//! with a bounded number of cases so that `cargo test` on stable runs them.

// Helpers outside #[test] functions panic too: a failure is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
mod eu_csv_writer;

use std::io::Read;
use std::path::Path;

use embargo_core::matching::tokens::{NameStyle, tokenize};
use embargo_core::matching::translit::to_latin;
use embargo_core::model::{
    DateSpec, Entity, IdKind, Name, NameQuality, PartialDate, Schema, normalize_identifier,
};
use embargo_core::records::{ColumnMap, RecordReader};
use embargo_core::sources::detect::sniff_bytes;
use embargo_core::sources::encoding::{NotUtf8, Utf8Checked};
use embargo_core::sources::limits::{
    EntryChecks, MAX_NAME_BYTES, MAX_NAMES_PER_ENTITY, is_usable_name,
};
use embargo_core::sources::{
    self, FileRole, ListFile, ListFiles, ListMeta, SourceError, SourceFormat,
};
use proptest::prelude::*;

/// Cases per property for readers that go through files.
const FILE_CASES: u32 = 256;
/// Cases per property for in-memory functions.
const CASES: u32 = 1024;

/// The fictional EU XML fixture in the EU's CSV 1.1 layout.
fn eu_csv_fixture() -> Vec<u8> {
    let xml = String::from_utf8(fixture("eu/fictional-fsf-1.1.xml")).unwrap();
    eu_csv_writer::csv_from_xml(&xml).into_bytes()
}

fn fixture(relative: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(relative);
    std::fs::read(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// Damage done to a valid file: bytes overwritten, inserted or removed,
/// then a cut.
#[derive(Debug, Clone)]
enum Damage {
    Overwrite(usize, u8),
    Insert(usize, Vec<u8>),
    Remove(usize, usize),
    Cut(usize),
}

fn damage() -> impl Strategy<Value = Damage> {
    let interesting = prop::sample::select(vec![
        b'"', b',', b'\n', b'\r', b'<', b'>', b'/', b'&', b';', 0x00, 0x1a, 0xe9, 0xff, b'{', b'[',
        b'\\',
    ]);
    prop_oneof![
        (any::<usize>(), interesting.clone()).prop_map(|(at, byte)| Damage::Overwrite(at, byte)),
        (any::<usize>(), prop::collection::vec(interesting, 1..8))
            .prop_map(|(at, bytes)| Damage::Insert(at, bytes)),
        (any::<usize>(), 1usize..64).prop_map(|(at, len)| Damage::Remove(at, len)),
        any::<usize>().prop_map(Damage::Cut),
    ]
}

fn damaged(mut bytes: Vec<u8>, damages: &[Damage]) -> Vec<u8> {
    for damage in damages {
        let len = bytes.len().max(1);
        match damage {
            Damage::Overwrite(at, byte) => {
                if !bytes.is_empty() {
                    bytes[at % len] = *byte;
                }
            }
            Damage::Insert(at, inserted) => {
                let at = at % (bytes.len() + 1);
                bytes.splice(at..at, inserted.iter().copied());
            }
            Damage::Remove(at, count) => {
                let at = at % len;
                let end = (at + count).min(bytes.len());
                if at < end {
                    bytes.drain(at..end);
                }
            }
            Damage::Cut(at) => bytes.truncate(at % (bytes.len() + 1)),
        }
    }
    bytes
}

/// Parses `files` and checks what every outcome must be: an error names a
/// file of the set; a success hands over the entities it counts, each with
/// a usable primary name, an id of the source and at most the names cap,
/// and every doubt names a file of the set.
fn check_parse(files: &ListFiles, source_id: &str) -> Result<ListMeta, SourceError> {
    let mut entities: Vec<Entity> = Vec::new();
    let result = sources::parse(files, source_id, &mut |entity| {
        entities.push(entity);
        Ok(())
    });
    let names_a_file = |text: &str| {
        files
            .files
            .iter()
            .any(|file| text.starts_with(&file.path.display().to_string()))
    };
    match &result {
        Err(error) => assert!(names_a_file(&error.to_string()), "{error}"),
        Ok(meta) => {
            assert_eq!(meta.entity_count, entities.len());
            for entity in &entities {
                assert!(entity.id.starts_with(&format!("{source_id}:")));
                assert!(is_usable_name(entity.caption()), "{entity:?}");
                assert!(entity.names.len() <= MAX_NAMES_PER_ENTITY);
                assert!(
                    entity
                        .names
                        .iter()
                        .all(|name| name.full.len() <= MAX_NAME_BYTES)
                );
            }
            for doubt in &meta.doubts {
                assert!(names_a_file(&doubt.to_string()), "{doubt}");
            }
        }
    }
    result
}

fn one_file(format: SourceFormat, bytes: &[u8]) -> (ListFiles, tempfile::NamedTempFile) {
    let file = common::temp_file(bytes);
    let files = ListFiles {
        format,
        files: vec![ListFile {
            role: FileRole::Primary,
            path: file.path().to_path_buf(),
        }],
    };
    (files, file)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(FILE_CASES))]

    #[test]
    fn un_xml_damaged_or_random(
        damages in prop::collection::vec(damage(), 0..6),
        noise in prop::collection::vec(any::<u8>(), 0..512),
        use_noise in any::<bool>(),
    ) {
        let bytes = if use_noise { noise } else { damaged(fixture("un/small.xml"), &damages) };
        let (files, _file) = one_file(SourceFormat::UnConsolidated, &bytes);
        let _ = check_parse(&files, "un");
    }

    #[test]
    fn ftm_lines_damaged_or_random(
        damages in prop::collection::vec(damage(), 0..6),
        noise in prop::collection::vec(any::<u8>(), 0..512),
        use_noise in any::<bool>(),
    ) {
        let bytes = if use_noise { noise } else { damaged(fixture("ftm/mixed.ftm.json"), &damages) };
        let (files, _file) = one_file(SourceFormat::FollowTheMoney, &bytes);
        let _ = check_parse(&files, "ftm");
    }

    #[test]
    fn custom_csv_damaged_or_random(
        damages in prop::collection::vec(damage(), 0..6),
        noise in prop::collection::vec(any::<u8>(), 0..512),
        use_noise in any::<bool>(),
    ) {
        let bytes = if use_noise {
            noise
        } else {
            damaged(fixture("custom/blocklist-semicolon.csv"), &damages)
        };
        let (files, _file) = one_file(SourceFormat::Custom, &bytes);
        let _ = check_parse(&files, "custom");
    }

    #[test]
    fn eu_csv_damaged_or_random(
        damages in prop::collection::vec(damage(), 0..6),
        noise in prop::collection::vec(any::<u8>(), 0..512),
        use_noise in any::<bool>(),
    ) {
        let bytes = if use_noise {
            noise
        } else {
            damaged(eu_csv_fixture(), &damages)
        };
        let (files, _file) = one_file(SourceFormat::EuCsv, &bytes);
        let _ = check_parse(&files, "eu");
    }

    #[test]
    fn seco_xml_damaged_or_random(
        damages in prop::collection::vec(damage(), 0..6),
        noise in prop::collection::vec(any::<u8>(), 0..512),
        use_noise in any::<bool>(),
    ) {
        let bytes = if use_noise { noise } else { damaged(fixture("ch/seco-fixture.xml"), &damages) };
        let (files, _file) = one_file(SourceFormat::ChXml, &bytes);
        let _ = check_parse(&files, "ch");
    }

    #[test]
    fn ofac_set_with_one_damaged_file(
        which in 0usize..4,
        damages in prop::collection::vec(damage(), 1..6),
    ) {
        let names = ["sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"];
        let roles = [FileRole::Primary, FileRole::Aliases, FileRole::Addresses, FileRole::Comments];
        let dir = tempfile::tempdir().unwrap();
        let mut files = Vec::new();
        for (at, (name, role)) in names.iter().zip(roles).enumerate() {
            let mut bytes = fixture(&format!("ofac/small/{name}"));
            if at == which {
                bytes = damaged(bytes, &damages);
            }
            let path = dir.path().join(name);
            std::fs::write(&path, bytes).unwrap();
            files.push(ListFile { role, path });
        }
        let files = ListFiles { format: SourceFormat::OfacSdn, files };
        let _ = check_parse(&files, "ofac-sdn");
    }

    #[test]
    fn detection_of_any_file(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let file = common::temp_file(&bytes);
        match sources::detect(&[file.path().to_path_buf()]) {
            Ok(sets) => {
                for files in sets {
                    let source_id = files.format.default_source_id(files.primary());
                    let _ = check_parse(&files, &source_id);
                }
            }
            Err(error) => {
                let message = error.to_string();
                prop_assert!(message.starts_with(&file.path().display().to_string()), "{}", message);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    #[test]
    fn sniffing_names_where_bytes_stop_being_text(
        bytes in prop::collection::vec(any::<u8>(), 0..1024),
        complete in any::<bool>(),
    ) {
        let content = sniff_bytes(&bytes, complete);
        let described = content.describe();
        prop_assert!(!described.is_empty());
        if described.starts_with("binary data") {
            prop_assert!(described.contains("byte offset"), "{}", described);
        }
    }

    #[test]
    fn utf8_checked_reader_agrees_with_the_standard_library(
        bytes in prop::collection::vec(any::<u8>(), 0..256),
        chunk in 1usize..17,
    ) {
        struct Chunked<'a>(&'a [u8], usize);
        impl Read for Chunked<'_> {
            fn read(&mut self, buffer: &mut [u8]) -> std::io::Result<usize> {
                let n = self.0.len().min(self.1).min(buffer.len());
                buffer[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let mut out = Vec::new();
        let result = Utf8Checked::new(Chunked(&bytes, chunk)).read_to_end(&mut out);
        match std::str::from_utf8(&bytes) {
            Ok(_) => prop_assert_eq!(out, bytes),
            Err(expected) => {
                let error = result.unwrap_err();
                let found = NotUtf8::from_io(&error).unwrap();
                prop_assert_eq!(found.offset, expected.valid_up_to() as u64);
                let newlines = bytes[..expected.valid_up_to()].iter().filter(|&&b| b == b'\n').count();
                prop_assert_eq!(found.line, newlines as u64 + 1);
            }
        }
    }

    #[test]
    fn batch_reader_reads_any_bytes_to_an_end(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        if let Ok(reader) = RecordReader::new(&bytes[..], "input.csv", None, ColumnMap::default()) {
            let mut last_line = 0;
            for item in reader.take(bytes.len() + 2) {
                match item {
                    Ok(Ok(record)) => {
                        prop_assert!(record.line > last_line);
                        last_line = record.line;
                    }
                    Ok(Err(row)) => prop_assert!(!row.message.is_empty()),
                    Err(_) => break,
                }
            }
        }
    }

    #[test]
    fn tokenizer_and_transliteration_take_any_text(text in any::<String>()) {
        for style in [NameStyle::Person, NameStyle::Organization, NameStyle::Unknown] {
            let _ = tokenize(&text, style);
        }
        let latin = to_latin(&text);
        let _ = tokenize(&latin, NameStyle::Unknown);
    }

    #[test]
    fn dates_that_parse_print_back_the_same(text in any::<String>()) {
        if let Ok(date) = PartialDate::parse(&text) {
            prop_assert_eq!(PartialDate::parse(&date.to_string()).ok(), Some(date));
        }
        let _ = DateSpec::parse(&text);
    }

    #[test]
    fn identifiers_normalize_without_panic(text in any::<String>()) {
        for kind in [IdKind::Passport, IdKind::NationalId, IdKind::TaxId, IdKind::Registration,
                     IdKind::Imo, IdKind::Mmsi, IdKind::CallSign, IdKind::Email,
                     IdKind::Website, IdKind::Phone, IdKind::Aircraft, IdKind::Other] {
            let _ = normalize_identifier(kind, &text);
        }
        let _ = sources::custom::parse_identifier(&text);
        let mut entity = Entity::new("t:1", Schema::Person, Name::new("X", NameQuality::Primary));
        sources::ofac::remarks::apply(&text, &mut entity);
    }

    #[test]
    fn entry_checks_leave_only_usable_names_within_limits(
        names in prop::collection::vec(
            prop_oneof![
                any::<String>(),
                "[\\x00-\\x1f ]{0,4}".prop_map(String::from),
                (1usize..3).prop_map(|n| "A".repeat(MAX_NAME_BYTES + n)),
            ],
            1..40,
        ),
    ) {
        let mut entity = Entity::new(
            "t:1",
            Schema::Person,
            Name::new(names[0].clone(), NameQuality::Primary),
        );
        for name in &names[1..] {
            entity.add_name(Name::new(name.clone(), NameQuality::Strong));
        }
        let primary_ok = is_usable_name(&names[0]) && names[0].len() <= MAX_NAME_BYTES;
        let mut checks = EntryChecks::default();
        match checks.check(&mut entity) {
            Err(message) => {
                prop_assert!(!primary_ok);
                prop_assert!(message.starts_with("t:1: "));
            }
            Ok(()) => {
                prop_assert!(primary_ok);
                for name in &entity.names {
                    prop_assert!(is_usable_name(&name.full));
                    prop_assert!(name.full.len() <= MAX_NAME_BYTES);
                }
            }
        }
    }
}

/// The crash the `query_tokens` fuzz target found (kana, a control
/// character and broken UTF-8): the same fault as the property test's
/// `¤ー`, a kana run that wrote nothing after a space.
#[test]
fn fuzz_crash_of_query_tokens_is_fixed() {
    let bytes: &[u8] = b"\xe3\x82\x7a\xe3\x83\xa0\xe3\x87\x91\xe6\xad\xa3\xe6\xe3\xa9\xbb\x82\x83\xb8\xe3\x83\x83\xa7\xb3\xe3\xe3\x82\xa6\xe3\x83\x1f";
    let text = String::from_utf8_lossy(bytes);
    for style in [
        NameStyle::Person,
        NameStyle::Organization,
        NameStyle::Unknown,
    ] {
        let _ = tokenize(&text, style);
    }
    let latin = to_latin(&text);
    let _ = to_latin(&latin);
}
