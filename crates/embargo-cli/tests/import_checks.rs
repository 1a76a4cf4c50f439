//! `embargo import` end to end on a real OFAC set whose `alt.csv` was cut
//! to its first 100 lines (in a temporary copy): refused with the file
//! named and a failing exit status, imported with `--force` and a note;
//! and a UN file nested 200,000 deep is an error, not a crash.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::{Command, Output};

fn embargo(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_embargo"))
        .arg("--db")
        .arg(db)
        .arg("import")
        .args(args)
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn cut_alias_file_is_refused_unless_forced() {
    let source = embargo_testkit::require_data!("ofac/2024-05");
    let dir = tempfile::tempdir().unwrap();
    let set = dir.path().join("set");
    std::fs::create_dir(&set).unwrap();
    for name in ["sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"] {
        let bytes = std::fs::read(source.join(name)).unwrap();
        let bytes = if name == "alt.csv" {
            let end = bytes
                .iter()
                .enumerate()
                .filter(|(_, b)| **b == b'\n')
                .nth(99)
                .unwrap()
                .0;
            bytes[..=end].to_vec()
        } else {
            bytes
        };
        std::fs::write(set.join(name), bytes).unwrap();
    }
    let db = dir.path().join("embargo.db");
    let set_arg = set.to_str().unwrap();

    let refused = embargo(&db, &[set_arg]);
    assert!(!refused.status.success());
    let stderr = text(&refused.stderr);
    assert!(
        stderr.contains(&format!(
            "{}: the rows of alt.csv stop at ent_num 4697 (line 100)",
            set.join("alt.csv").display()
        )),
        "{stderr}"
    );
    assert!(stderr.contains("use --force"), "{stderr}");

    let forced = embargo(&db, &["--force", set_arg, "--format", "table"]);
    let stdout = text(&forced.stdout);
    assert!(forced.status.success(), "{}", text(&forced.stderr));
    assert!(
        stdout.contains("ofac-sdn v1: imported 14,965 entities"),
        "{stdout}"
    );
    assert!(
        stdout.contains("note: imported with --force although incomplete: "),
        "{stdout}"
    );
}

#[test]
fn un_xml_nested_200000_deep_is_an_error_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let depth = 200_000;
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CONSOLIDATED_LIST>\n<INDIVIDUALS>\
         <INDIVIDUAL><REFERENCE_NUMBER>KPi.1</REFERENCE_NUMBER><FIRST_NAME>KIM</FIRST_NAME>\
         {}{}</INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>\n",
        "<X>".repeat(depth),
        "</X>".repeat(depth)
    );
    let path = dir.path().join("consolidated.xml");
    std::fs::write(&path, xml).unwrap();
    let output = embargo(&dir.path().join("embargo.db"), &[path.to_str().unwrap()]);
    // A crash would be a signal, with no exit code.
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains(&format!(
            "{}:3: record KPi.1: elements nested more than 32 deep",
            path.display()
        )),
        "{stderr}"
    );
}
