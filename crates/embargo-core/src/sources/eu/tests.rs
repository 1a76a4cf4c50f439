//! Tests of the EU FSF XML reader on a fixture written for it that uses
//! every element of the XML 1.1 schema, and its errors for cut or broken
//! files.

use crate::sources::test_support::{self, names_and_qualities};

use crate::model::{Entity, IdKind, NameQuality, Schema};
use crate::sources::{self, ListMeta, SourceError, SourceFormat};

fn parse_bytes(
    bytes: &[u8],
) -> (
    Result<(Vec<Entity>, ListMeta), SourceError>,
    tempfile::NamedTempFile,
) {
    test_support::parse_bytes(SourceFormat::EuXml, Some("eu"), bytes)
}

const EU: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<export xmlns="http://eu.europa.ec/fpi/fsd/export" generationDate="2024-05-06T10:00:00.000+02:00" globalFileId="1">
    <sanctionEntity designationDetails="Listed for testing" unitedNationId="QDi.999" euReferenceNumber="EU.1.2" logicalId="10" designationDate="2011-03-04">
        <remark>First remark</remark>
        <regulation regulationType="regulation" organisationType="council" publicationDate="2011-03-05" entryIntoForceDate="2011-03-05" numberTitle="1/2011 (OJ L1)" programme="TST" logicalId="1">
            <publicationUrl>http://example.invalid/1</publicationUrl>
        </regulation>
        <subjectType code="person" classificationCode="P"/>
        <nameAlias firstName="Jean" middleName="" lastName="Essai" wholeName="Jean Essai" function="" title="" nameLanguage="FR" strong="true" regulationLanguage="en" logicalId="2"/>
        <nameAlias firstName="John" middleName="Q" lastName="Test" wholeName="John Q Test" function="Minister" gender="M" title="Dr" nameLanguage="" strong="true" regulationLanguage="en" logicalId="3">
            <regulationSummary regulationType="regulation" publicationDate="2011-03-05" numberTitle="1/2011 (OJ L1)" publicationUrl="http://example.invalid/1"/>
            <remark>alias remark</remark>
        </nameAlias>
        <nameAlias firstName="" middleName="" lastName="" wholeName="Джон Тест" nameLanguage="RU" strong="false" logicalId="4"/>
        <citizenship region="" countryIso2Code="IQ" countryDescription="IRAQ" logicalId="5"/>
        <citizenship countryIso2Code="00" countryDescription="UNKNOWN" logicalId="6"/>
        <birthdate circa="false" calendarType="GREGORIAN" city="Tikrit" birthdate="1937-04-28" dayOfMonth="28" monthOfYear="4" year="1937" countryIso2Code="IQ" countryDescription="IRAQ" logicalId="7"/>
        <birthdate circa="true" year="1940" logicalId="8"/>
        <birthdate yearRangeFrom="1950" yearRangeTo="1952" logicalId="9"/>
        <identification diplomatic="false" knownExpired="true" knownFalse="false" reportedLost="false" revokedByIssuer="false" issuedBy="Ministry" issuedDate="2001-01-01" validFrom="" validTo="2011-01-01" latinNumber="" nameOnDocument="" number="A123 456" region="" countryIso2Code="IQ" countryDescription="IRAQ" identificationTypeCode="passport" identificationTypeDescription="National passport" logicalId="11">
            <remark>passport remark</remark>
        </identification>
        <identification number="99-1" identificationTypeCode="regnumber" identificationTypeDescription="Registration Number" logicalId="12"/>
        <address city="Baghdad" street="1 Main St" poBox="77" zipCode="10001" region="Baghdad" place="" asAtListingTime="true" countryIso2Code="IQ" countryDescription="IRAQ" logicalId="13">
            <contactInfo key="EMAIL" value="a@example.invalid"/>
        </address>
    </sanctionEntity>
    <sanctionEntity euReferenceNumber="EU.3.4" logicalId="20">
        <subjectType code="enterprise" classificationCode="E"/>
        <nameAlias wholeName="ACME &amp; SONS" strong="true" logicalId="21"/>
        <regulation programme="TST" publicationDate="2012-01-01"/>
    </sanctionEntity>
</export>
"#;

#[test]
fn every_schema_element_is_mapped() {
    let (result, _file) = parse_bytes(EU.as_bytes());
    let (entities, meta) = result.unwrap();
    assert_eq!(
        meta.published.map(|d| d.to_string()).as_deref(),
        Some("2024-05-06")
    );
    assert_eq!(entities.len(), 2);
    let person = &entities[0];
    assert_eq!(person.id, "eu:EU.1.2");
    assert_eq!(person.schema, Schema::Person);
    let names = names_and_qualities(person);
    assert_eq!(
        names,
        [
            ("John Q Test", NameQuality::Primary),
            ("Jean Essai", NameQuality::Strong),
            ("Джон Тест", NameQuality::Weak),
        ]
    );
    assert_eq!(person.names[1].language.as_deref(), Some("FR"));
    assert_eq!(person.names[2].script.as_deref(), Some("Cyrillic"));
    assert_eq!(person.un_reference(), Some("QDi.999"));
    assert_eq!(person.titles, ["Minister", "Dr"]);
    assert_eq!(person.programs, ["TST"]);
    assert_eq!(
        person.listed_on.map(|d| d.to_string()).as_deref(),
        Some("2011-03-04")
    );
    assert_eq!(person.citizenships.len(), 1);
    assert_eq!(person.citizenships[0].code.as_deref(), Some("IQ"));
    let dates: Vec<(String, Option<String>, bool)> = person
        .birth_dates
        .iter()
        .map(|d| (d.from.to_string(), d.to.map(|t| t.to_string()), d.circa))
        .collect();
    assert_eq!(
        dates,
        [
            ("1937-04-28".to_string(), None, false),
            ("1940".to_string(), None, true),
            ("1950".to_string(), Some("1952".to_string()), false),
        ]
    );
    assert_eq!(person.birth_places, ["Tikrit, IRAQ"]);
    let passport = &person.identifiers[0];
    assert_eq!(
        (passport.kind, passport.value.as_str()),
        (IdKind::Passport, "A123 456")
    );
    let note = passport.note.as_deref().unwrap_or("");
    assert!(
        note.contains("issued by Ministry")
            && note.contains("knownExpired")
            && note.contains("passport remark"),
        "{note}"
    );
    assert_eq!(person.identifiers[1].kind, IdKind::Registration);
    assert_eq!(person.identifiers[2].kind, IdKind::Email);
    let address = &person.addresses[0];
    assert_eq!(address.city.as_deref(), Some("Baghdad"));
    assert_eq!(address.postal_code.as_deref(), Some("10001"));
    assert!(
        address
            .note
            .as_deref()
            .unwrap_or("")
            .contains("P.O. Box 77")
    );
    for remark in [
        "First remark",
        "Listed for testing",
        "alias remark",
        "Regulation 1/2011 (OJ L1)",
    ] {
        assert!(
            person.remarks.iter().any(|r| r == remark),
            "{remark}: {:?}",
            person.remarks
        );
    }
    let company = &entities[1];
    assert_eq!(company.schema, Schema::Organization);
    assert_eq!(company.caption(), "ACME & SONS");
    assert_eq!(
        company.listed_on.map(|d| d.to_string()).as_deref(),
        Some("2012-01-01")
    );
}

#[test]
fn cut_or_broken_files_are_refused_with_line_and_record() {
    let cut = &EU[..EU.find("<identification number=\"99-1\"").unwrap()];
    let (result, file) = parse_bytes(cut.as_bytes());
    let message = result.unwrap_err().to_string();
    let path = file.path().display().to_string();
    assert!(message.starts_with(&format!("{path}:")), "{message}");
    assert!(
        message.contains("record EU.1.2: the file ends inside <sanctionEntity>: truncated"),
        "{message}"
    );
    let broken = EU.replace(
        "<remark>First remark</remark>",
        "<remark>First remark</remarks>",
    );
    let (result, _file) = parse_bytes(broken.as_bytes());
    let message = result.unwrap_err().to_string();
    assert!(
        message.contains(":4: record EU.1.2: not well-formed XML"),
        "{message}"
    );
    let no_name = EU.replace("wholeName=\"ACME &amp; SONS\"", "wholeName=\"\"");
    let (result, _file) = parse_bytes(no_name.as_bytes());
    let message = result.unwrap_err().to_string();
    assert!(
        message.contains(":28: record EU.3.4: no nameAlias with a name"),
        "{message}"
    );
    let wrong_root = EU
        .replace("<export ", "<exports ")
        .replace("</export>", "</exports>");
    let (result, _file) = parse_bytes(wrong_root.as_bytes());
    assert!(
        result
            .unwrap_err()
            .to_string()
            .contains("root element is <exports>, expected <export>")
    );
}

#[test]
fn detected_from_content() {
    assert_eq!(
        sources::detect::sniff_bytes(EU.as_bytes(), true),
        sources::detect::Content::List(SourceFormat::EuXml)
    );
}
