//! A real OFAC file set with one companion file cut short (in a temporary
//! copy): cut inside a line it is an error naming file and line; cut at a
//! line break it parses, and the file is put in doubt by name. Every real
//! set as published is whole and raises no doubt.

// Helpers outside #[test] functions panic too: a failure is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use embargo_core::sources::{self, ListFiles, ListMeta, SourceError};

/// Copies the files of `set` (under the test data's `ofac/`) into a new
/// temporary folder.
fn copy_of(set: &str) -> tempfile::TempDir {
    let source = embargo_testkit::data_path(&format!("ofac/{set}")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(&source).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    dir
}

fn parse(folder: &Path) -> Result<ListMeta, SourceError> {
    let mut sets = sources::detect(&[folder.to_path_buf()]).unwrap();
    assert_eq!(sets.len(), 1);
    let files: ListFiles = sets.remove(0);
    sources::parse(&files, "ofac-sdn", &mut |_| Ok(()))
}

/// Keeps the first `lines` lines of `path`.
fn keep_lines(path: &Path, lines: usize) {
    embargo_testkit::keep_lines(path, lines).unwrap();
}

/// Keeps the first `bytes` bytes of `path`.
fn keep_bytes(path: &Path, bytes: usize) {
    let all = std::fs::read(path).unwrap();
    std::fs::write(path, &all[..bytes]).unwrap();
}

fn doubts(meta: &ListMeta) -> Vec<String> {
    meta.doubts.iter().map(ToString::to_string).collect()
}

#[test]
fn first_100_lines_of_alt_csv_are_in_doubt() {
    let _data = embargo_testkit::require_data!("ofac/2024-05");
    let dir = copy_of("2024-05");
    let alt: PathBuf = dir.path().join("alt.csv");
    keep_lines(&alt, 100);
    let meta = parse(dir.path()).unwrap();
    assert_eq!(
        doubts(&meta),
        [format!(
            "{}: the rows of alt.csv stop at ent_num 4697 (line 100), yet 14,875 of the 14,965 \
             entities of sdn.csv come after it, while before it no more than 10 entities in a \
             row lack a row: the file looks cut short",
            alt.display()
        )]
    );
}

#[test]
fn first_100_lines_of_add_csv_are_in_doubt() {
    let _data = embargo_testkit::require_data!("ofac/2024-05");
    let dir = copy_of("2024-05");
    let add = dir.path().join("add.csv");
    keep_lines(&add, 100);
    let doubts = doubts(&parse(dir.path()).unwrap());
    assert_eq!(doubts.len(), 1, "{doubts:?}");
    assert!(
        doubts[0].starts_with(&format!("{}: the rows of add.csv stop at", add.display())),
        "{doubts:?}"
    );
}

#[test]
fn cut_sdn_comments_csv_is_in_doubt() {
    let _data = embargo_testkit::require_data!("ofac/2024-05");
    let dir = copy_of("2024-05");
    let comments = dir.path().join("sdn_comments.csv");
    keep_lines(&comments, 10);
    let doubts = doubts(&parse(dir.path()).unwrap());
    assert_eq!(doubts.len(), 1, "{doubts:?}");
    assert!(
        doubts[0].starts_with(&format!(
            "{}: the remarks of 8 entities in sdn.csv stop mid-item, cut at 1,000 characters, \
             and this file holds no continuation for them (ent_num ",
            comments.display()
        )),
        "{doubts:?}"
    );
}

#[test]
fn cut_inside_the_last_field_of_a_line_is_an_error_naming_the_line() {
    let _data = embargo_testkit::require_data!("ofac/2024-05");
    let dir = copy_of("2024-05");
    let alt = dir.path().join("alt.csv");
    // Line 5000 ends `...",-0- \r\n`: cut after `-0`, it still has five
    // fields and no open quote.
    let bytes = std::fs::read(&alt).unwrap();
    let line_end = bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .nth(4999)
        .unwrap()
        .0;
    assert_eq!(&bytes[line_end - 5..=line_end], b"-0- \r\n");
    keep_bytes(&alt, line_end - 3);
    let error = parse(dir.path()).unwrap_err().to_string();
    assert_eq!(
        error,
        format!(
            "{}:5000: the file ends inside this record, without the line break that ends every \
             line of an OFAC file: it is truncated",
            alt.display()
        )
    );
}

#[test]
fn random_cuts_of_each_companion_are_refused_or_in_doubt() {
    let _data = embargo_testkit::require_data!("ofac/2024-05");
    let mut below = embargo_testkit::random_below(22);
    for name in ["alt.csv", "add.csv", "sdn_comments.csv"] {
        let length =
            std::fs::metadata(embargo_testkit::data_path(&format!("ofac/2024-05/{name}")).unwrap())
                .unwrap()
                .len();
        for _ in 0..10 {
            let dir = copy_of("2024-05");
            let path = dir.path().join(name);
            // Anywhere in the first 90 %: the last rows of a file may be
            // lost without a trace when their entities are few.
            let cut = below(length * 9 / 10) as usize + 1;
            keep_bytes(&path, cut);
            match parse(dir.path()) {
                Err(error) => assert!(
                    error.to_string().starts_with(&path.display().to_string()),
                    "{error}"
                ),
                Ok(meta) => {
                    let doubts = doubts(&meta);
                    assert!(
                        doubts
                            .iter()
                            .any(|doubt| doubt.starts_with(&path.display().to_string())),
                        "{name} cut at byte {cut} accepted without doubt"
                    );
                }
            }
        }
    }
}

#[test]
fn every_real_set_is_whole() {
    let _data = embargo_testkit::require_data!("ofac");
    for set in [
        "2021-07",
        "2024-05",
        "consolidated-2025-12",
        "history/sdn-2023-05-19.csv",
        "history/sdn-2023-05-23.csv",
        "history/sdn-2024-05-03.csv",
    ] {
        let path = embargo_testkit::data_path(&format!("ofac/{set}")).unwrap();
        let meta = parse(&path).unwrap_or_else(|error| panic!("{set}: {error}"));
        assert!(meta.doubts.is_empty(), "{set}: {:?}", meta.doubts);
        let companions = meta.records.len() - 1;
        let expected = if set.starts_with("history") { 0 } else { 3 };
        assert_eq!(companions, expected, "{set}: {:?}", meta.records);
        assert_eq!(meta.records[0].records, meta.entity_count, "{set}");
    }
}
