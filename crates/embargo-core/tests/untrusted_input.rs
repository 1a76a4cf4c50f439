//! List files built to break the parsers: nesting far beyond any real
//! list, fields of megabytes, names made of control characters, more names
//! than any entry has, bytes that are not UTF-8. Each gives an error naming
//! file, line (and byte offset) or record, or a note naming the record and
//! field; never a crash.

// Helpers outside #[test] functions panic too: a failure is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use embargo_core::model::MAX_NAMES_PER_ENTITY;
use embargo_core::sources::detect::sniff;
use embargo_core::sources::limits::{MAX_NAME_BYTES, MAX_NESTING_DEPTH, MAX_TEXT_BYTES};
use embargo_core::sources::{FileRole, ListFile, ListFiles, SourceFormat};

/// A UN list holding one record whose body (after its reference number)
/// is `body`, on line 4.
fn un_list(body: &str) -> Vec<u8> {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <CONSOLIDATED_LIST dateGenerated=\"2026-02-27T00:00:00Z\">\n<INDIVIDUALS>\n\
         <INDIVIDUAL><DATAID>1</DATAID><REFERENCE_NUMBER>KPi.1</REFERENCE_NUMBER>{body}\
         </INDIVIDUAL>\n</INDIVIDUALS>\n<ENTITIES/>\n</CONSOLIDATED_LIST>\n"
    )
    .into_bytes()
}

#[test]
fn un_record_nested_200000_deep_is_an_error_not_a_stack_overflow() {
    let depth = 200_000;
    let body = format!(
        "<FIRST_NAME>KIM</FIRST_NAME>{}{}",
        "<X>".repeat(depth),
        "</X>".repeat(depth)
    );
    let bytes = un_list(&body);
    assert!(bytes.len() > 1_400_000, "a 1.4 MB file as filed");
    let (message, _file) = common::error_for(SourceFormat::UnConsolidated, "un", &bytes);
    // The root, INDIVIDUALS and INDIVIDUAL are open: the 30th <X> is one
    // too many.
    let head = "<INDIVIDUAL><DATAID>1</DATAID><REFERENCE_NUMBER>KPi.1</REFERENCE_NUMBER>\
                <FIRST_NAME>KIM</FIRST_NAME>";
    let offset = bytes
        .windows(head.len())
        .position(|w| w == head.as_bytes())
        .unwrap()
        + head.len()
        + 3 * (MAX_NESTING_DEPTH - 3);
    assert!(
        message.ends_with(&format!(
            ":4: record KPi.1: elements nested more than {MAX_NESTING_DEPTH} deep (the UN list \
             nests 5 deep): not the UN list's structure (byte offset {offset})"
        )),
        "{message}"
    );
}

#[test]
fn un_containers_nested_deep_outside_any_record_are_an_error() {
    let depth = 200_000;
    let mut bytes = b"<?xml version=\"1.0\"?>\n<CONSOLIDATED_LIST>\n".to_vec();
    bytes.extend("<A>".repeat(depth).bytes());
    bytes.extend("</A>".repeat(depth).bytes());
    bytes.extend(b"</CONSOLIDATED_LIST>\n");
    let (message, _file) = common::error_for(SourceFormat::UnConsolidated, "un", &bytes);
    assert!(
        message.contains(":3: elements nested more than 32 deep"),
        "{message}"
    );
}

#[test]
fn un_record_with_more_elements_than_any_real_one_is_an_error() {
    let body = format!(
        "<FIRST_NAME>KIM</FIRST_NAME>{}",
        "<INDIVIDUAL_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>A</ALIAS_NAME></INDIVIDUAL_ALIAS>"
            .repeat(2_000)
    );
    let (message, _file) = common::error_for(SourceFormat::UnConsolidated, "un", &un_list(&body));
    assert!(
        message.contains(":4: record KPi.1: the record holds more than 2,000 elements"),
        "{message}"
    );
}

#[test]
fn ftm_deep_nesting_is_an_error_or_skipped_never_a_crash() {
    let deep = format!("{}{}", "[".repeat(200_000), "]".repeat(200_000));
    let in_properties =
        format!("{{\"id\":\"a\",\"schema\":\"Person\",\"properties\":{{\"name\":{deep}}}}}\n");
    let (message, _file) = common::error_for(
        SourceFormat::FollowTheMoney,
        "ftm",
        in_properties.as_bytes(),
    );
    assert!(
        message.contains(":1: not a FollowTheMoney entity: invalid type: sequence"),
        "{message}"
    );
    // An unknown field is skipped without recursion, however deep.
    let unknown = format!(
        "{{\"id\":\"a\",\"schema\":\"Person\",\"properties\":{{\"name\":[\"Kim\"]}},\"x\":{deep}}}\n"
    );
    let file = common::temp_file(unknown.as_bytes());
    let (entities, _) =
        common::parse_file(SourceFormat::FollowTheMoney, "ftm", file.path()).unwrap();
    assert_eq!(entities[0].caption(), "Kim");
}

#[test]
fn oversize_alias_and_remark_are_left_out_with_a_note_naming_record_and_field() {
    let alias = "A".repeat(10 * 1024 * 1024);
    let note = "n".repeat(MAX_TEXT_BYTES + 1);
    let text = format!("id,name,aliases,notes\nC1,Kim Jong,{alias};Kim Il,{note}\n");
    let file = common::temp_file(text.as_bytes());
    let (entities, meta) = common::parse_file(SourceFormat::Custom, "custom", file.path()).unwrap();
    let names: Vec<&str> = entities[0].names.iter().map(|n| n.full.as_str()).collect();
    assert_eq!(names, ["Kim Jong", "Kim Il"]);
    assert!(entities[0].remarks.is_empty());
    assert_eq!(
        meta.notices,
        [format!(
            "left out 2 values longer than allowed (names, name parts, identifiers and wallet \
             addresses {} bytes, other text {} bytes): custom:C1 strong alias of 10,485,760 \
             bytes, custom:C1 remark of 65,537 bytes",
            "4,096", "65,536"
        )]
    );
    assert_eq!(MAX_NAME_BYTES, 4096);
}

#[test]
fn oversize_primary_name_is_an_error_naming_the_record() {
    let name = "B".repeat(MAX_NAME_BYTES + 1);
    let line = format!(
        "{{\"id\":\"big\",\"schema\":\"Person\",\"properties\":{{\"name\":[\"{name}\"]}}}}\n"
    );
    let (message, _file) = common::error_for(SourceFormat::FollowTheMoney, "ftm", line.as_bytes());
    assert!(
        message.ends_with(
            ": ftm:big: the primary name has 4,097 bytes, more than the 4,096 a name may have"
        ),
        "{message}"
    );
}

#[test]
fn names_past_the_cap_are_left_out_with_a_note() {
    let aliases: Vec<String> = (0..MAX_NAMES_PER_ENTITY + 200)
        .map(|n| format!("\"Alias {n}\""))
        .collect();
    let line = format!(
        "{{\"id\":\"many\",\"schema\":\"Organization\",\"properties\":{{\"name\":[\"Many\"],\
         \"alias\":[{}]}}}}\n",
        aliases.join(",")
    );
    let file = common::temp_file(line.as_bytes());
    let (entities, meta) =
        common::parse_file(SourceFormat::FollowTheMoney, "ftm", file.path()).unwrap();
    assert_eq!(entities[0].names.len(), MAX_NAMES_PER_ENTITY);
    assert_eq!(
        meta.notices,
        [
            "kept the first 1,000 names of 1 entity listing more, left out the rest: ftm:many \
          (201 more)"
        ]
    );
}

#[test]
fn name_of_nul_bytes_is_an_error_naming_the_line_in_every_format() {
    let ftm = b"{\"id\":\"a\",\"schema\":\"Person\",\"properties\":{\"name\":[\"Kim\"]}}\n\
                {\"id\":\"b\",\"schema\":\"Person\",\"properties\":{\"name\":[\"\\u0000\\u0000\"]}}\n";
    let (message, _file) = common::error_for(SourceFormat::FollowTheMoney, "ftm", ftm);
    assert!(
        message.ends_with(":2: Person entity \"b\" has no name"),
        "{message}"
    );

    let custom = b"id,name\n1,Kim\n2,\x00\x00\n";
    let (message, _file) = common::error_for(SourceFormat::Custom, "custom", custom);
    assert!(
        message.ends_with(r#":3: entry "2" has no name: "\0\0" has no letter or digit"#),
        "{message}"
    );

    let un = un_list("<FIRST_NAME>\u{1}\u{1}</FIRST_NAME>");
    let (message, _file) = common::error_for(SourceFormat::UnConsolidated, "un", &un);
    assert!(
        message.contains(
            ":4: record KPi.1: record has no name (FIRST_NAME to FOURTH_NAME are \
                          empty or hold no letter or digit)"
        ),
        "{message}"
    );

    let null = "-0- ";
    let sdn = format!(
        "1,\"\0\0\",\"individual\",\"SDGT\",{}\r\n",
        [null; 8].join(",")
    );
    let (message, _file) = common::error_for(SourceFormat::OfacSdn, "ofac-sdn", sdn.as_bytes());
    assert!(
        message.ends_with(r#":1: entity 1 has no name: "\0\0" has no letter or digit"#),
        "{message}"
    );
}

#[test]
fn alias_of_control_characters_or_white_space_is_left_out_with_a_note() {
    let text = "id,name,aliases,weak_aliases\nC1,Kim Jong,\u{0}\u{0};Kim Il,\u{7} \t\n";
    let file = common::temp_file(text.as_bytes());
    let (entities, meta) = common::parse_file(SourceFormat::Custom, "custom", file.path()).unwrap();
    let names: Vec<&str> = entities[0].names.iter().map(|n| n.full.as_str()).collect();
    assert_eq!(names, ["Kim Jong", "Kim Il"]);
    assert_eq!(
        meta.notices,
        [
            r#"left out 2 aliases with no letter or digit (empty, white space, control characters or punctuation only): custom:C1 strong alias "\0\0", custom:C1 weak alias "\u{7}""#
        ]
    );
}

/// 20 KiB of valid text, so that the bad byte lies past what format
/// detection reads.
fn padding_lines(make_line: impl Fn(usize) -> String) -> (String, usize) {
    let mut text = String::new();
    let mut lines = 0;
    while text.len() < 20 * 1024 {
        text.push_str(&make_line(lines));
        lines += 1;
    }
    (text, lines)
}

/// Offset of the one 0xE9 byte.
fn bad_byte_at(bytes: &[u8]) -> usize {
    bytes.iter().position(|&b| b == 0xe9).unwrap()
}

#[test]
fn encoding_errors_name_line_and_byte_offset_in_every_format() {
    // FollowTheMoney: the bad byte on the line after the padding.
    let (ftm, lines) = padding_lines(|n| {
        format!(
            "{{\"id\":\"p{n}\",\"schema\":\"Person\",\"properties\":{{\"name\":[\"P {n}\"]}}}}\n"
        )
    });
    let mut bytes = ftm.into_bytes();
    bytes.extend(
        b"{\"id\":\"bad\",\"schema\":\"Person\",\"properties\":{\"name\":[\"Jos\xe9\"]}}\n",
    );
    let offset = bad_byte_at(&bytes);
    let (message, _file) = common::error_for(SourceFormat::FollowTheMoney, "ftm", &bytes);
    assert!(
        message.ends_with(&format!(
            ":{}: byte 0xe9 at byte offset {offset} is not UTF-8 text; convert the file to UTF-8 \
             (it may be Latin-1 or Windows-1252)",
            lines + 1
        )),
        "{message}"
    );

    // Custom CSV.
    let (padding, lines) = padding_lines(|n| format!("{n},Person {n}\n"));
    let mut bytes = format!("id,name\n{padding}").into_bytes();
    bytes.extend(b"bad,Jos\xe9\n");
    let offset = bad_byte_at(&bytes);
    let (message, _file) = common::error_for(SourceFormat::Custom, "custom", &bytes);
    assert!(
        message.ends_with(&format!(
            ":{}: byte 0xe9 at byte offset {offset} is not UTF-8 text; convert the file to UTF-8 \
             (it may be Latin-1 or Windows-1252)",
            lines + 2
        )),
        "{message}"
    );

    // UN XML.
    let (padding, lines) = padding_lines(|n| format!("<COMMENTS1>padding {n}</COMMENTS1>\n"));
    let mut bytes = un_list(&format!(
        "<FIRST_NAME>KIM</FIRST_NAME>\n{padding}<COMMENTS1>"
    ));
    let cut = bytes
        .windows(b"</INDIVIDUAL>".len())
        .position(|w| w == b"</INDIVIDUAL>")
        .unwrap();
    let tail = bytes.split_off(cut);
    bytes.extend(b"Jos\xe9</COMMENTS1>");
    bytes.extend(tail);
    let offset = bad_byte_at(&bytes);
    let (message, _file) = common::error_for(SourceFormat::UnConsolidated, "un", &bytes);
    assert!(
        message.ends_with(&format!(
            ":{}: byte 0xe9 at byte offset {offset} is not UTF-8 text; convert the file to UTF-8 \
             (it may be Latin-1 or Windows-1252)",
            lines + 5
        )),
        "{message}"
    );

    // Format detection reads the first 16 KiB.
    let file = common::temp_file(b"id,name\n1,Kim\n2,Jos\xe9\n");
    let described = sniff(file.path()).unwrap().describe();
    assert_eq!(
        described,
        "binary data, not UTF-8 text (byte 0xe9 at byte offset 19, line 3, is not UTF-8)"
    );
}

#[test]
fn set_of_files_is_checked_whatever_the_entry_point() {
    // `sources::parse` applies the entry checks to OFAC sets too.
    let dir = tempfile::tempdir().unwrap();
    let null = "-0- ";
    let sdn = format!(
        "1,\"KIM, Jong\",\"individual\",\"DPRK\",{}\r\n",
        [null; 8].join(",")
    );
    let alt = format!(
        "1,1,\"aka\",\"{}\",-0- \r\n1,2,\"aka\",\"\u{0}\",-0- \r\n",
        "K".repeat(5000)
    );
    std::fs::write(dir.path().join("sdn.csv"), sdn).unwrap();
    std::fs::write(dir.path().join("alt.csv"), alt).unwrap();
    let files = ListFiles {
        format: SourceFormat::OfacSdn,
        files: vec![
            ListFile {
                role: FileRole::Primary,
                path: dir.path().join("sdn.csv"),
            },
            ListFile {
                role: FileRole::Aliases,
                path: dir.path().join("alt.csv"),
            },
        ],
    };
    let mut entities = Vec::new();
    let meta = embargo_core::sources::parse(&files, "ofac-sdn", &mut |entity| {
        entities.push(entity);
        Ok(())
    })
    .unwrap();
    assert_eq!(entities[0].names.len(), 1);
    let notes = meta.notices.join("\n");
    assert!(
        notes.contains("ofac-sdn:1 strong alias of 5,000 bytes"),
        "{notes}"
    );
    assert!(notes.contains(r#"ofac-sdn:1 strong alias "\0""#), "{notes}");
}
