//! The US trade readers on the real files: the Consolidated Screening
//! List sample (with its C1 control characters) and the Denied Persons
//! List; cut copies refused.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::{HashMap, HashSet};

use embargo_core::sources::{self, SourceFormat};

const CSL: &str = "us-trade/csl-sample.csv";
const DPL: &str = "us-trade/dpl.txt";

#[test]
fn csl_sample_imports_every_row_with_its_sub_list() {
    let path = embargo_testkit::require_data!(CSL);
    let files = sources::detect(std::slice::from_ref(&path)).unwrap();
    assert_eq!(files[0].format, SourceFormat::UsCsl);
    let (entities, _) = common::parse_file(SourceFormat::UsCsl, "us-csl", &path).unwrap();
    // 115 rows (Python csv), 9 sub-lists: SDN 28, SSI 26, EL 22, PLC 13,
    // DTC 10, DPL 8, UVL 4, ISN 3, CAP 1.
    assert_eq!(entities.len(), 115);
    let mut per_list: HashMap<&str, usize> = HashMap::new();
    for entity in &entities {
        let list = entity.sublist.as_deref().unwrap();
        let abbreviation = list.split_once('(').unwrap().1.split_once(')').unwrap().0;
        *per_list.entry(abbreviation).or_default() += 1;
    }
    let expected: HashMap<&str, usize> = [
        ("SDN", 28),
        ("SSI", 26),
        ("EL", 22),
        ("PLC", 13),
        ("DTC", 10),
        ("DPL", 8),
        ("UVL", 4),
        ("ISN", 3),
        ("CAP", 1),
    ]
    .into_iter()
    .collect();
    assert_eq!(per_list, expected);
    let ids: HashSet<&str> = entities.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids.len(), 115);
    // The rows holding U+0092 (a right quote as the publisher wrote it)
    // are imported with it.
    let with_c1 = entities
        .iter()
        .filter(|e| serde_json::to_string(e).unwrap().contains('\u{92}'))
        .count();
    assert_eq!(with_c1, 2);
}

#[test]
fn dpl_imports_every_row() {
    let path = embargo_testkit::require_data!(DPL);
    let files = sources::detect(std::slice::from_ref(&path)).unwrap();
    assert_eq!(files[0].format, SourceFormat::UsDpl);
    let (entities, meta) = common::parse_file(SourceFormat::UsDpl, "us-dpl", &path).unwrap();
    // A header and 546 rows (Python csv, tab-separated; no final newline).
    assert_eq!(entities.len(), 546);
    assert!(meta.published.is_some());
    assert_eq!(entities[0].caption(), "ADRIAN MANUEL HERNANDEZ");
    assert_eq!(
        entities[0].listed_on.map(|d| d.to_string()).as_deref(),
        Some("2017-10-16")
    );
}

#[test]
fn cut_copies_are_refused() {
    for (format, relative) in [(SourceFormat::UsCsl, CSL), (SourceFormat::UsDpl, DPL)] {
        let path = embargo_testkit::require_data!(relative);
        let bytes = std::fs::read(&path).unwrap();
        let cut = &bytes[..bytes.len() / 2];
        let (message, _file) = common::error_for(format, format.name(), cut);
        assert!(message.contains("cut or corrupted"), "{message}");
    }
}
