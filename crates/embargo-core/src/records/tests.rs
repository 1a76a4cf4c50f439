//! Tests of reading records files: CSV and JSON lines, column mapping,
//! encodings, and the rows rejected alone.

use super::*;

fn read(text: &str, columns: &str) -> Vec<Result<Record, RowError>> {
    let columns = ColumnMap::parse(columns).unwrap();
    RecordReader::new(text.as_bytes(), "test.csv", None, columns)
        .unwrap()
        .map(|item| item.unwrap())
        .collect()
}

#[test]
fn reads_the_screening_set_layout() {
    let text = "full_name,first_name,middle_name,last_name,gender,date_of_birth,place_of_birth,nationality\n\
                \"SALEK, ABDULHAI\",,,,,1965,\"Awlyatak Village, Afghanistan\",af\n";
    let records = read(text, "");
    let record = records[0].as_ref().unwrap();
    assert_eq!(record.query.name, "SALEK, ABDULHAI");
    assert_eq!(record.query.countries, ["AF"]);
    assert_eq!(record.query.birth_dates[0].to_string(), "1965");
    assert_eq!(record.reference, "1");
    assert_eq!(record.line, 2);
}

#[test]
fn sniffs_delimiters_and_strips_a_bom() {
    let text = "\u{feff}customer_id;Name;DOB;Country\nC-1;Kim Sang-man;1965-04-25;North Korea\n";
    let records = read(text, "");
    let record = records[0].as_ref().unwrap();
    assert_eq!(record.reference, "C-1");
    assert_eq!(record.query.name, "Kim Sang-man");
    assert_eq!(record.query.countries, ["KP"]);
}

#[test]
fn explicit_mapping_overrides_defaults() {
    let text = "who,born\nKim Sang Man,1965\n";
    let records = read(text, "name=who,dob=born");
    assert_eq!(records[0].as_ref().unwrap().query.birth_dates.len(), 1);
    let error = RecordReader::new(
        text.as_bytes(),
        "t.csv",
        None,
        ColumnMap::parse("name=nope").unwrap(),
    )
    .err()
    .unwrap();
    assert!(
        error.to_string().contains("no column \"nope\" for name"),
        "{error}"
    );
}

#[test]
fn bad_rows_are_errors_with_their_line_and_reading_goes_on() {
    let text = "name,dob\nKim,1965\nonly,two,three\n,1970\nLee,someday\n";
    let records = read(text, "");
    assert_eq!(records.len(), 4);
    assert_eq!(records[0].as_ref().unwrap().query.name, "Kim");
    let wrong_width = records[1].as_ref().unwrap_err();
    assert_eq!(wrong_width.line, 3);
    assert!(
        wrong_width
            .message
            .contains("3 columns where the header has 2")
    );
    let empty = records[2].as_ref().unwrap_err();
    assert_eq!(empty.line, 4);
    assert!(empty.message.contains("empty name"));
    let lee = records[3].as_ref().unwrap();
    assert!(lee.query.birth_dates.is_empty());
    assert_eq!(
        lee.warnings.len(),
        1,
        "an unreadable date is a warning, not a reject"
    );
}

#[test]
fn undecodable_rows_are_rejected_alone() {
    let mut bytes = b"name\nKim\n".to_vec();
    bytes.extend_from_slice(&[b'x'; SNIFF_BYTES]);
    bytes.extend_from_slice(b"\nBad \xff name\nLee\n");
    let records: Vec<_> = RecordReader::new(&bytes[..], "t.csv", None, ColumnMap::default())
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(records.len(), 4);
    assert!(
        records[2]
            .as_ref()
            .unwrap_err()
            .message
            .contains("not UTF-8")
    );
    assert_eq!(records[3].as_ref().unwrap().query.name, "Lee");
}

#[test]
fn other_encodings_are_refused_up_front() {
    let latin1 = b"name\nJos\xe9 Garc\xeda\n";
    let error = RecordReader::new(&latin1[..], "t.csv", None, ColumnMap::default())
        .err()
        .unwrap();
    assert!(error.to_string().contains("line 2: not UTF-8"), "{error}");
    let utf16 = b"\xff\xfen\x00a\x00";
    let error = RecordReader::new(&utf16[..], "t.csv", None, ColumnMap::default())
        .err()
        .unwrap();
    assert!(error.to_string().contains("UTF-16"));
}

#[test]
fn empty_input_and_headerless_input() {
    let error = RecordReader::new(&b""[..], "t.csv", None, ColumnMap::default())
        .err()
        .unwrap();
    assert!(error.to_string().contains("empty"), "{error}");
    let error = RecordReader::new(&b"a,b\n1,2\n"[..], "t.csv", None, ColumnMap::default())
        .err()
        .unwrap();
    assert!(error.to_string().contains("no name column"), "{error}");
    assert!(read("name\n", "").is_empty());
}

#[test]
fn json_lines() {
    let text = "{\"ref\": \"A1\", \"name\": \"Kim Sang Man\", \"birthDate\": [\"1965\"], \"nationality\": \"kp\"}\n\n[1]\n{\"id\": 7, \"address\": \"0xabc\"}\n";
    let records = read(text, "");
    let first = records[0].as_ref().unwrap();
    assert_eq!(first.reference, "A1");
    assert_eq!(first.query.birth_dates.len(), 1);
    assert_eq!(records[1].as_ref().unwrap_err().line, 3);
    let wallet_only = records[2].as_ref().unwrap();
    assert_eq!(wallet_only.reference, "7");
    assert_eq!(wallet_only.query.wallets, ["0xabc"]);
}

#[test]
fn oversized_fields_are_row_errors() {
    let long = "Kim ".repeat(MAX_FIELD_BYTES);
    let text = format!(
        "name,passport\n{long},1\nLee,{}\nPark,2\n",
        "9".repeat(5000)
    );
    let records = read(&text, "");
    let name = records[0].as_ref().unwrap_err();
    assert_eq!(name.line, 2);
    assert!(
        name.message.starts_with("name is 16383 bytes long"),
        "{name}"
    );
    let id = records[1].as_ref().unwrap_err();
    assert!(id.message.starts_with("id is 5000 bytes long"), "{id}");
    assert_eq!(records.len(), 3);
    assert_eq!(records[2].as_ref().unwrap().query.name, "Park");
}

#[test]
fn names_past_the_normalised_limits_are_row_errors() {
    let text = format!("name\n{}\nLee\n", "\u{FDFA}".repeat(450));
    let records = read(&text, "");
    let error = records[0].as_ref().unwrap_err();
    assert!(error.message.contains("at most 500"), "{error}");
    assert_eq!(records.len(), 2);
    assert_eq!(records[1].as_ref().unwrap().query.name, "Lee");
}

#[test]
fn column_spec_errors_name_the_problem() {
    assert!(
        ColumnMap::parse("name")
            .unwrap_err()
            .to_string()
            .contains("not FIELD=COLUMN")
    );
    assert!(
        ColumnMap::parse("colour=x")
            .unwrap_err()
            .to_string()
            .contains("unknown field")
    );
    assert_eq!(Field::parse("birth_date"), Some(Field::BirthDate));
}

#[test]
fn rows_may_be_numbered_from_a_later_first_row() {
    let text = "{\"name\":\"Kim Sang Man\"}\n{\"name\":\"Jane Doe\",\"ref\":\"C-9\"}\n";
    let records: Vec<Record> = RecordReader::new(text.as_bytes(), "-", None, ColumnMap::default())
        .unwrap()
        .starting_at_row(101)
        .map(|item| item.unwrap().unwrap())
        .collect();
    assert_eq!(records.len(), 2);
    assert_eq!(
        (records[0].row, records[0].reference.as_str()),
        (101, "101")
    );
    assert_eq!(
        (records[1].row, records[1].reference.as_str()),
        (102, "C-9")
    );
    // Lines stay those of the stream read.
    assert_eq!((records[0].line, records[1].line), (1, 2));
}

#[test]
fn a_renumbered_record_keeps_a_reference_of_its_own() {
    // A reference column whose value happens to be the row number is
    // still the row's own reference.
    let text = "{\"name\":\"Kim Sang Man\"}\n{\"name\":\"Jane Doe\",\"ref\":\"2\"}\n";
    let mut records: Vec<Record> =
        RecordReader::new(text.as_bytes(), "-", None, ColumnMap::default())
            .unwrap()
            .map(|item| item.unwrap().unwrap())
            .collect();
    assert!(records[0].reference_is_row);
    assert!(!records[1].reference_is_row);
    records[0].renumber(40);
    records[1].renumber(41);
    assert_eq!((records[0].row, records[0].reference.as_str()), (40, "40"));
    assert_eq!((records[1].row, records[1].reference.as_str()), (41, "2"));
}
