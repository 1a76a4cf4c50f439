//! Tests of the EU FSF CSV reader on a small file written for it that
//! uses the columns the excerpt fixture (`tests/eu_csv.rs`) leaves empty:
//! identifications, addresses with contact information, `dd/mm/yyyy`
//! dates, `1` flags, year ranges, a UN reference, an unknown column, and
//! rows repeated as the CSV repeats them.

use crate::model::{Entity, IdKind, NameQuality, Schema};
use crate::sources::{self, SourceFormat, test_support};

fn parse(bytes: &[u8]) -> Result<Vec<Entity>, String> {
    let (result, _file) = test_support::parse_bytes(SourceFormat::EuCsv, Some("eu"), bytes);
    result
        .map(|(entities, _)| entities)
        .map_err(|error| error.to_string())
}

const HEADER: &str = "fileGenerationDate;Entity_LogicalId;Entity_EU_ReferenceNumber;\
Entity_UnitedNationId;Entity_DesignationDate;Entity_SubjectType;\
Entity_SubjectType_ClassificationCode;Entity_Regulation_Programme;\
NameAlias_WholeName;NameAlias_NameLanguage;NameAlias_LogicalId;\
Identification_Number;Identification_TypeCode;Identification_TypeDescription;\
Identification_KnownFalse;Identification_ValidTo;Identification_CountryIso2Code;\
Identification_LogicalId;Address_Street;Address_City;Address_ContactInfo;\
Address_CountryIso2Code;Address_LogicalId;BirthDate_YearRangeFrom;\
BirthDate_YearRangeTo;BirthDate_Circa;BirthDate_LogicalId;Vessel_Flag;\
Identification_ProgrammeDescription";

/// Two entries; the company's rows sit between the person's, the
/// person's name row is repeated.
const ROWS: [&str; 6] = [
    "06/05/2024;10;EU.1.2;QDi.999;04/03/2011;person;P;TST;John Test;;1;;;;;;;;;;;;;;;;;;",
    "06/05/2024;20;EU.3.4;;;enterprise;E;TST;ACME SONS;;5;;;;;;;;1 Main St;Baghdad;\
EMAIL:info@acme.invalid;IQ;6;;;;;Panama;",
    "06/05/2024;10;EU.1.2;QDi.999;04/03/2011;person;P;TST;Джон Тест;RU;2;;;;;;;;;;;;;;;;;;",
    "06/05/2024;10;EU.1.2;QDi.999;04/03/2011;person;P;TST;;;;A123;passport;National passport;\
1;01/01/2011;IQ;3;;;;;;;;;;;TST",
    "06/05/2024;10;EU.1.2;QDi.999;04/03/2011;person;P;TST;;;;;;;;;;;;;;;;1950;1952;1;4;;",
    "06/05/2024;10;EU.1.2;QDi.999;04/03/2011;person;P;TST;John Test;;1;;;;;;;;;;;;;;;;;;",
];

fn file(rows: &[&str]) -> String {
    let mut text = format!("{HEADER}\n");
    for row in rows {
        text.push_str(row);
        text.push('\n');
    }
    text
}

#[test]
fn every_group_of_columns_is_mapped() {
    let entities = parse(file(&ROWS).as_bytes()).unwrap();
    assert_eq!(entities.len(), 2);
    let person = &entities[0];
    assert_eq!(person.id, "eu:EU.1.2");
    assert_eq!(person.schema, Schema::Person);
    let names: Vec<(&str, NameQuality, Option<&str>)> = person
        .names
        .iter()
        .map(|n| (n.full.as_str(), n.quality, n.language.as_deref()))
        .collect();
    assert_eq!(
        names,
        [
            ("John Test", NameQuality::Primary, None),
            ("Джон Тест", NameQuality::Strong, Some("RU")),
        ]
    );
    assert_eq!(person.un_reference(), Some("QDi.999"));
    assert_eq!(
        person.listed_on.map(|d| d.to_string()).as_deref(),
        Some("2011-03-04")
    );
    let passport = &person.identifiers[0];
    assert_eq!(
        (passport.kind, passport.value.as_str()),
        (IdKind::Passport, "A123")
    );
    assert_eq!(passport.label.as_deref(), Some("National passport"));
    assert_eq!(
        passport.country.as_ref().and_then(|c| c.code.as_deref()),
        Some("IQ")
    );
    let note = passport.note.as_deref().unwrap_or("");
    assert!(
        note.contains("valid to 2011-01-01")
            && note.contains("knownFalse")
            && note.contains("programme: TST"),
        "{note}"
    );
    let births: Vec<(String, Option<String>, bool)> = person
        .birth_dates
        .iter()
        .map(|d| (d.from.to_string(), d.to.map(|t| t.to_string()), d.circa))
        .collect();
    assert_eq!(
        births,
        [("1950".to_string(), Some("1952".to_string()), true)]
    );
    let company = &entities[1];
    assert_eq!(company.schema, Schema::Organization);
    assert_eq!(company.caption(), "ACME SONS");
    let address = &company.addresses[0];
    assert_eq!(address.street.as_deref(), Some("1 Main St"));
    assert_eq!(address.city.as_deref(), Some("Baghdad"));
    assert_eq!(
        address.note.as_deref(),
        Some("contact information: EMAIL:info@acme.invalid")
    );
    assert!(company.remarks.iter().any(|r| r == "Vessel_Flag: Panama"));
}

#[test]
fn utf8_bom_crlf_and_comma_separated_copies_read_alike() {
    let plain = parse(file(&ROWS).as_bytes()).unwrap();
    let bom_crlf = format!("\u{feff}{}", file(&ROWS).replace('\n', "\r\n"));
    assert_eq!(parse(bom_crlf.as_bytes()).unwrap(), plain);
    let commas = file(&ROWS).replace(';', ",");
    assert_eq!(parse(commas.as_bytes()).unwrap(), plain);
}

#[test]
fn truncated_malformed_and_binary_input_is_refused_without_panic() {
    let text = file(&ROWS);
    for end in 0..text.len() {
        if text.is_char_boundary(end) {
            let _ = parse(&text.as_bytes()[..end]);
        }
    }
    let message = parse(b"\xff\xfe\x00garbage").unwrap_err();
    assert!(!message.is_empty());
    // Latin-1 `é`: the EU writes UTF-8, so this is an error, not a guess.
    let mut bytes = format!("{HEADER}\n06/05/2024;10;EU.1.2;;;person;P;TST;Jos").into_bytes();
    bytes.push(0xe9);
    let message = parse(&bytes).unwrap_err();
    assert!(message.contains("not UTF-8"), "{message}");
}

#[test]
fn detected_from_the_header() {
    let head = format!("\u{feff}{}", file(&ROWS));
    assert_eq!(
        sources::detect::sniff_bytes(head.as_bytes(), true),
        sources::detect::Content::List(SourceFormat::EuCsv)
    );
}
