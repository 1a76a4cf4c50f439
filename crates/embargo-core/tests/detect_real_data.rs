//! Format detection and assembly on every real file and folder of the
//! shared data, and on hand-made files of unknown formats.

use std::io::Write;
use std::path::{Path, PathBuf};

use embargo_core::sources::{FileRole, ListFiles, SourceFormat, assemble, detect};

fn detect_one(path: &Path) -> ListFiles {
    let mut found = detect(&[path.to_path_buf()]).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(found.len(), 1, "{}: {found:?}", path.display());
    found.remove(0)
}

fn roles(files: &ListFiles) -> Vec<(FileRole, String)> {
    files
        .files
        .iter()
        .map(|file| {
            let name = file
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned());
            (file.role, name.unwrap_or_default())
        })
        .collect()
}

fn detect_error(paths: &[PathBuf]) -> String {
    match detect(paths) {
        Ok(found) => panic!("detected {found:?}"),
        Err(error) => error.to_string(),
    }
}

#[test]
fn ofac_folders_are_complete_file_sets() {
    let folder = embargo_testkit::require_data!("ofac/2024-05");
    let sdn = detect_one(&folder);
    assert_eq!(sdn.format, SourceFormat::OfacSdn);
    let expected = [
        (FileRole::Primary, "sdn.csv"),
        (FileRole::Aliases, "alt.csv"),
        (FileRole::Addresses, "add.csv"),
        (FileRole::Comments, "sdn_comments.csv"),
    ];
    let expected: Vec<(FileRole, String)> = expected
        .iter()
        .map(|(role, name)| (*role, name.to_string()))
        .collect();
    assert_eq!(roles(&sdn), expected);
    let older = embargo_testkit::require_data!("ofac/2021-07");
    assert_eq!(roles(&detect_one(&older)), expected);
    let consolidated = embargo_testkit::require_data!("ofac/consolidated-2025-12");
    let cons = detect_one(&consolidated);
    assert_eq!(cons.format, SourceFormat::OfacConsolidated);
    let names: Vec<(FileRole, String)> = roles(&cons);
    assert_eq!(
        names,
        [
            (FileRole::Primary, "cons_prim.csv".to_string()),
            (FileRole::Aliases, "cons_alt.csv".to_string()),
            (FileRole::Addresses, "cons_add.csv".to_string()),
            (FileRole::Comments, "cons_comments.csv".to_string()),
        ]
    );
}

#[test]
fn ofac_files_given_one_by_one_are_grouped() {
    let folder = embargo_testkit::require_data!("ofac/2024-05");
    let paths = [
        folder.join("alt.csv"),
        folder.join("sdn.csv"),
        folder.join("add.csv"),
    ];
    let found = detect(&paths).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].format, SourceFormat::OfacSdn);
    assert_eq!(found[0].primary(), folder.join("sdn.csv"));
    assert_eq!(found[0].files.len(), 3);
    let message = detect_error(&[folder.join("alt.csv")]);
    assert!(
        message.contains("alt.csv: an OFAC ofac-sdn file without its primary file sdn.csv"),
        "{message}"
    );
    // Two folders are two publications.
    let older = embargo_testkit::require_data!("ofac/2021-07");
    let found =
        detect(&[folder.join("sdn.csv"), older.join("sdn.csv")]).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(found.len(), 2);
}

#[test]
fn history_files_are_sdn_primaries_alone() {
    let path = embargo_testkit::require_data!("ofac/history/sdn-2023-05-19.csv");
    let found = detect_one(&path);
    assert_eq!(found.format, SourceFormat::OfacSdn);
    assert_eq!(
        roles(&found),
        [(FileRole::Primary, "sdn-2023-05-19.csv".to_string())]
    );
    let folder = embargo_testkit::require_data!("ofac/history");
    let names = [
        "sdn-2023-05-19.csv",
        "sdn-2023-05-23.csv",
        "sdn-2024-05-03.csv",
    ];
    let paths: Vec<PathBuf> = names.iter().map(|name| folder.join(name)).collect();
    let found = detect(&paths).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(found.len(), 3, "each dated file is its own publication");
    let message = detect_error(&[folder]);
    assert!(
        message.contains("folder holds 3 files and no OFAC file set"),
        "{message}"
    );
}

#[test]
fn un_and_ftm_files() {
    let un = embargo_testkit::require_data!("un/consolidated-2026-02-27.xml");
    assert_eq!(detect_one(&un).format, SourceFormat::UnConsolidated);
    let folder = embargo_testkit::require_data!("un");
    assert_eq!(detect_one(&folder).format, SourceFormat::UnConsolidated);
    let ftm = embargo_testkit::require_data!("ftm");
    for name in [
        "yente-parteispenden.ftm.json",
        "yente-t1.ftm.json",
        "yente-zala.ftm.json",
    ] {
        assert_eq!(
            detect_one(&ftm.join(name)).format,
            SourceFormat::FollowTheMoney,
            "{name}"
        );
    }
    // Several publications at once keep their order.
    let formats: Vec<SourceFormat> = detect(&[ftm.join("yente-t1.ftm.json"), un.clone()])
        .unwrap_or_else(|error| panic!("{error}"))
        .iter()
        .map(|files| files.format)
        .collect();
    assert_eq!(
        formats,
        [SourceFormat::FollowTheMoney, SourceFormat::UnConsolidated]
    );
}

#[test]
fn unsupported_real_files_are_clear_errors() {
    // The US trade files (CSL, DPL) are lists embargo reads;
    // a screening set is the real file in no list format.
    let set = embargo_testkit::require_data!("screening-sets/negatives_us.csv");
    let message = detect_error(std::slice::from_ref(&set));
    assert!(
        message.starts_with(&format!("{}: unsupported format", set.display())),
        "{message}"
    );
    for format in SourceFormat::ALL {
        assert!(message.contains(format.description()), "{message}");
    }
    for relative in [
        "screening-sets/positives_un_treated.csv",
        "screening-sets/LICENSE-yente-fixtures.txt",
        "news/article-1.txt",
    ] {
        let path = embargo_testkit::require_data!(relative);
        let message = detect_error(&[path]);
        assert!(
            message.contains("unsupported format"),
            "{relative}: {message}"
        );
    }
}

#[test]
fn every_real_file_is_recognized_or_refused_by_name() {
    let root = embargo_testkit::require_data!("");
    let mut pending = vec![root];
    let mut recognized = 0;
    while let Some(folder) = pending.pop() {
        let entries = std::fs::read_dir(&folder).unwrap_or_else(|error| panic!("{error}"));
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
                continue;
            }
            match detect(std::slice::from_ref(&path)) {
                Ok(found) => {
                    assert_eq!(found.len(), 1);
                    recognized += 1;
                }
                Err(error) => {
                    let message = error.to_string();
                    assert!(
                        message.starts_with(&path.display().to_string()),
                        "{message}"
                    );
                }
            }
        }
    }
    // 4 + 4 OFAC SDN primaries and companions, 4 consolidated, 3 history,
    // 1 UN, 3 FollowTheMoney: companions given alone are refused. Then the
    // UK (OFSI CSV, FCDO XML), EU XML and US trade (CSL, DPL) files.
    assert_eq!(recognized, 2 + 1 + 3 + 1 + 3 + 2 + 1 + 2);
}

#[test]
fn assemble_checks_the_stated_format() {
    let un = embargo_testkit::require_data!("un/consolidated-2026-02-27.xml");
    let message = assemble(SourceFormat::OfacSdn, std::slice::from_ref(&un))
        .map(|_| ())
        .unwrap_err()
        .to_string();
    assert!(message.starts_with(&un.display().to_string()), "{message}");
    assert!(
        message.contains("not a file of the OFAC SDN list"),
        "{message}"
    );
    assert!(message.contains("a UN consolidated list XML"), "{message}");
    let folder = embargo_testkit::require_data!("ofac/2024-05");
    let sdn = assemble(SourceFormat::OfacSdn, std::slice::from_ref(&folder))
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(sdn.files.len(), 4);
    let message = assemble(SourceFormat::OfacConsolidated, &[folder])
        .map(|_| ())
        .unwrap_err()
        .to_string();
    assert!(message.contains("not of ofac-cons"), "{message}");
    let history = embargo_testkit::require_data!("ofac/history/sdn-2023-05-23.csv");
    let files = assemble(SourceFormat::OfacSdn, &[history]).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(files.files.len(), 1);
    let files = assemble(SourceFormat::UnConsolidated, std::slice::from_ref(&un))
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(files.primary(), un);
    let ftm = embargo_testkit::require_data!("ftm/yente-t1.ftm.json");
    let message = assemble(SourceFormat::UnConsolidated, std::slice::from_ref(&ftm))
        .map(|_| ())
        .unwrap_err()
        .to_string();
    assert!(
        message.contains("the file holds FollowTheMoney JSON lines"),
        "{message}"
    );
    let files = assemble(SourceFormat::FollowTheMoney, std::slice::from_ref(&ftm))
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(files.format, SourceFormat::FollowTheMoney);
    assert_eq!(files.files.len(), 1);
    assert_eq!(files.primary(), ftm);
    let message = assemble(SourceFormat::Custom, &[un])
        .map(|_| ())
        .unwrap_err()
        .to_string();
    assert!(
        message.contains("not a embargo custom list CSV") || message.contains("custom"),
        "{message}"
    );
    let folder = embargo_testkit::require_data!("ftm");
    let message = assemble(SourceFormat::FollowTheMoney, &[folder])
        .map(|_| ())
        .unwrap_err()
        .to_string();
    assert!(message.contains("one file; 3 files given"), "{message}");
}

#[test]
fn hand_made_files() {
    let folder = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let write = |name: &str, bytes: &[u8]| {
        let path = folder.path().join(name);
        let mut file = std::fs::File::create(&path).unwrap_or_else(|error| panic!("{error}"));
        file.write_all(bytes)
            .unwrap_or_else(|error| panic!("{error}"));
        path
    };
    let custom = write("blocklist.csv", b"id,name\n1,ACME\n");
    assert_eq!(detect_one(&custom).format, SourceFormat::Custom);
    let empty = write("empty.csv", b"");
    assert!(detect_error(&[empty]).contains("empty file"));
    let random = write("random.bin", &[0x00, 0xff, 0x13, 0x37, 0x80, 0x81]);
    let message = detect_error(&[random]);
    assert!(
        message.contains("unsupported format: the file holds binary data"),
        "{message}"
    );
    let xml = write("other.xml", b"<?xml version=\"1.0\"?><sdnList/>");
    let message = detect_error(&[xml]);
    assert!(
        message.contains("XML with root element <sdnList>"),
        "{message}"
    );
    let cons = write(
        "cons_prim-2025.csv",
        b"36,\"X\",-0- ,\"P\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n",
    );
    assert_eq!(detect_one(&cons).format, SourceFormat::OfacConsolidated);
    let alt = write("aliases.csv", b"36,57,\"aka\",\"X\",-0- \r\n");
    assert!(detect_error(&[alt]).contains("looks like an OFAC companion file"));
    let missing = folder.path().join("missing.csv");
    assert!(detect_error(&[missing]).contains("cannot read"));
}
