//! Tests of the custom list reader: columns, types, names, dates,
//! identifiers, delimiters and the errors each malformed row gets.

use super::*;
use crate::model::NamePartKind;

fn parse_text(text: &str) -> Result<Vec<Entity>, SourceError> {
    let mut found = Vec::new();
    parse_reader(
        text.as_bytes(),
        Path::new("list.csv"),
        "custom-t",
        &mut |entity| {
            found.push(entity);
            Ok(())
        },
    )?;
    Ok(found)
}

fn error(text: &str) -> String {
    parse_text(text).unwrap_err().to_string()
}

#[test]
fn minimal_file() {
    let found = parse_text("id,name\n1,ACME TRADING LLC\n").unwrap();
    assert_eq!(found[0].id, "custom-t:1");
    assert_eq!(found[0].caption(), "ACME TRADING LLC");
    assert_eq!(found[0].schema, Schema::Other);
}

#[test]
fn header_names_fold_case_spaces_and_dashes() {
    assert_eq!(column_named("Weak Aliases"), Some(Column::WeakAliases));
    assert_eq!(column_named("birth-date"), Some(Column::BirthDate));
    assert_eq!(column_named(" ID "), Some(Column::Id));
    assert_eq!(column_named("alias"), Some(Column::Aliases));
    assert_eq!(column_named("aliasses"), None);
}

#[test]
fn unknown_and_missing_columns_are_errors() {
    let message = error("id,name,aliasses\n1,A,B\n");
    assert!(
        message.starts_with("list.csv:1: unknown column \"aliasses\""),
        "{message}"
    );
    assert!(error("id,aliases\n1,B\n").contains("no `name` column"));
    assert!(error("id,name,Name\n1,A,B\n").contains("appears twice"));
}

#[test]
fn delimiters_follow_the_header() {
    assert_eq!(header_delimiter(b"id;name;aliases\n"), b';');
    assert_eq!(header_delimiter(b"id\tname\n"), b'\t');
    assert_eq!(header_delimiter(b"id,name\n"), b',');
    let found = parse_text("id;name;aliases\r\n7;ACME;\"A1;A2\"\r\n").unwrap();
    assert_eq!(found[0].names.len(), 3);
    let found = parse_text("\u{feff}id\tname\n7\tACME\n").unwrap();
    assert_eq!(found[0].caption(), "ACME");
}

#[test]
fn persons_and_alias_qualities() {
    let text = "id,name,type,aliases,weak_aliases,former_names\n\
                43377,\"KIM, Sang Man\",person,\"KIM, Sangman\",SM,\"KIM, S\"\n";
    let person = &parse_text(text).unwrap()[0];
    assert_eq!(person.schema, Schema::Person);
    assert_eq!(person.names[0].part(NamePartKind::Family), Some("KIM"));
    let qualities: Vec<NameQuality> = person.names.iter().map(|n| n.quality).collect();
    assert_eq!(
        qualities,
        [
            NameQuality::Primary,
            NameQuality::Strong,
            NameQuality::Weak,
            NameQuality::Former
        ]
    );
}

#[test]
fn types() {
    assert_eq!(entry_type("vessel"), Ok(Schema::Vessel));
    assert_eq!(entry_type("Individual"), Ok(Schema::Person));
    assert_eq!(entry_type(""), Ok(Schema::Other));
    assert!(entry_type("persn").is_err());
    let message = error("id,name,type\n1,A,persn\n");
    assert!(
        message.starts_with("list.csv:2: column type: unknown type \"persn\""),
        "{message}"
    );
}

#[test]
fn dates_genders_and_countries() {
    let text = "id,name,birth_date,gender,nationality,country\n\
                1,A,25 Apr 1965; circa 1970,M,Korea, North;RU\n";
    let message = error(text);
    assert!(
        message.contains("column nationality: \"Korea\" is not a recognized"),
        "{message}"
    );
    assert!(error("id,name\n1,A,B\n").starts_with("list.csv:2: 3 fields where the header has 2"));
    let text = "id,name,birth_date,gender,nationality,country\n\
                1,A,25 Apr 1965; circa 1970,M,\"Korea, North\",RU\n";
    let person = &parse_text(text).unwrap()[0];
    assert_eq!(person.birth_dates.len(), 2);
    assert!(person.birth_dates[1].circa);
    assert_eq!(person.gender, Some(Gender::Male));
    assert_eq!(person.nationalities[0].code.as_deref(), Some("KP"));
    assert_eq!(
        person.addresses[0]
            .country
            .as_ref()
            .unwrap()
            .code
            .as_deref(),
        Some("RU")
    );
    assert!(
        error("id,name,birth_date\n1,A,1965-13-01\n")
            .starts_with("list.csv:2: column birth_date: not a date")
    );
    assert!(
        error("id,name,country\n1,A,Rusia\n").contains("\"Rusia\" is not a recognized country")
    );
}

#[test]
fn addresses_split_country_and_city() {
    let address = parse_address("Hyongjesan-Guyok, Pyongyang, Korea, North");
    assert_eq!(address.street.as_deref(), Some("Hyongjesan-Guyok"));
    assert_eq!(address.city.as_deref(), Some("Pyongyang"));
    assert_eq!(address.country.and_then(|c| c.code).as_deref(), Some("KP"));
    let address = parse_address("Shenyang, China");
    assert_eq!(address.city.as_deref(), Some("Shenyang"));
    assert_eq!(address.street, None);
    let address = parse_address("Russia");
    assert_eq!(address.country.and_then(|c| c.code).as_deref(), Some("RU"));
    assert_eq!(address.city, None);
    let address = parse_address("12 Main Street, Springfield");
    assert_eq!(address.country, None);
    assert_eq!(address.street.as_deref(), Some("12 Main Street"));
}

#[test]
fn identifiers_and_wallets() {
    let Ok(Identified::Id(passport)) = parse_identifier("passport:109420132 (Korea, North)") else {
        panic!("not a passport");
    };
    assert_eq!(passport.value, "109420132");
    assert_eq!(passport.country.and_then(|c| c.code).as_deref(), Some("KP"));
    assert_eq!(
        parse_identifier("xbt:1D6gG9iKEhPitTcWRJiniuj1jYM2hNeAfJ"),
        Ok(Identified::Wallet(Wallet {
            currency: "XBT".to_string(),
            address: "1D6gG9iKEhPitTcWRJiniuj1jYM2hNeAfJ".to_string()
        }))
    );
    let Ok(Identified::Id(site)) = parse_identifier("website:https://example.com") else {
        panic!("not a website");
    };
    assert_eq!(
        (site.kind, site.value.as_str()),
        (IdKind::Website, "https://example.com")
    );
    let Ok(Identified::Id(other)) = parse_identifier("other:AB (12)") else {
        panic!("not an identifier");
    };
    assert_eq!(other.value, "AB (12)");
    assert!(
        parse_identifier("pasport:1")
            .unwrap_err()
            .contains("unknown identifier kind")
    );
    assert!(parse_identifier("109420132").is_err());
}

#[test]
fn ids_must_be_present_and_unique() {
    assert!(
        error("id,name\n1,A\n2,B\n1,C\n")
            .starts_with("list.csv:4: id \"1\" already used on line 2")
    );
    assert!(error("id,name\n,A\n").starts_with("list.csv:2: empty id"));
    assert!(error("id,name\n1,\n").contains("empty name"));
}

#[test]
fn a_file_cut_inside_a_quoted_cell_is_an_error() {
    let message = error("id,name,notes\n1,A,\"ok\"\n2,B,\"cut her");
    assert!(
        message.starts_with("list.csv:3: the file ends inside a quoted cell"),
        "{message}"
    );
    let found = parse_text("id,name,notes\n1,A,\"say \"\"hi\"\"\"\n").unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].remarks, ["say \"hi\""]);
}

#[test]
fn blank_rows_are_skipped() {
    let found = parse_text("id,name\n\n1,A\n,\n").unwrap();
    assert_eq!(found.len(), 1);
    assert!(error("id,name\n,\n").contains("no entries below the header"));
    assert!(error("id,name\n").contains("no entries below the header"));
    assert!(error("id,name\n1,A").starts_with("list.csv:2: the last row has no line break"));
    let found = parse_text("id,name\r1,A\r").unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!((found[0].native_id(), found[0].caption()), ("1", "A"));
}

#[test]
fn empty_and_binary_inputs_are_errors() {
    assert!(error("").contains("empty file"));
    assert!(error("\u{feff}\n").contains("empty file"));
    let bytes = b"\xef\xbb\xbfid,name\n1,\xff\xfe\n";
    let result = parse_reader(&bytes[..], Path::new("b.csv"), "x", &mut |_| Ok(()));
    assert_eq!(
        result.unwrap_err().to_string(),
        "b.csv:2: byte 0xff at byte offset 13 is not UTF-8 text; convert the file to UTF-8 \
         (it may be Latin-1 or Windows-1252)"
    );
}
