//! Unit tests of the UK readers on small fixtures written for them: the
//! FCDO XML mapping, the OFSI CSV in both layouts, grouping by Group ID,
//! Windows-1252, and the errors for cut or corrupted files.

use crate::sources::test_support::{self, names_and_qualities};

use crate::model::{Entity, IdKind, NameQuality, Schema};
use crate::sources::{self, ListMeta, SourceError, SourceFormat};

fn parse_bytes(
    format: SourceFormat,
    bytes: &[u8],
) -> (
    Result<(Vec<Entity>, ListMeta), SourceError>,
    tempfile::NamedTempFile,
) {
    test_support::parse_bytes(format, Some("uk"), bytes)
}

const FCDO: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<Designations xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <DateGenerated>26/03/2026</DateGenerated>
  <Designation>
    <LastUpdated>12/01/2022</LastUpdated>
    <DateDesignated>23/02/2001</DateDesignated>
    <UniqueID>TST0001</UniqueID>
    <OFSIGroupID>900</OFSIGroupID>
    <UNReferenceNumber>TAi.999</UNReferenceNumber>
    <Names>
      <Name><Name1>ALPHA</Name1><Name2>BETA</Name2><Name6>GAMMA</Name6><NameType>Primary Name</NameType></Name>
      <Name><Name6>Gama Alfa</Name6><NameType>Alias</NameType><AliasStrength>Low quality a.k.a</AliasStrength></Name>
      <Name><Name6>Alfa Beta Gamma</Name6><NameType>Primary Name Variation</NameType></Name>
    </Names>
    <NonLatinNames><NonLatinName><NameNonLatinScript>ألفا</NameNonLatinScript><NonLatinScriptType>Arabic</NonLatinScriptType><NonLatinScriptLanguage>Pashto</NonLatinScriptLanguage></NonLatinName></NonLatinNames>
    <RegimeName>Test Regime &amp; Co</RegimeName>
    <IndividualEntityShip>Individual</IndividualEntityShip>
    <DesignationSource>UN</DesignationSource>
    <SanctionsImposedIndicators><AssetFreeze>true</AssetFreeze><TravelBan>false</TravelBan></SanctionsImposedIndicators>
    <OtherInformation>Some remark.</OtherInformation>
    <Titles><Title>Maulavi</Title></Titles>
    <Addresses><Address><AddressLine1>1 Road</AddressLine1><AddressLine5>Kabul</AddressLine5><AddressCountry>Afghanistan</AddressCountry></Address></Addresses>
    <IndividualDetails><Individual>
      <DOBs><DOB>dd/mm/1945</DOB><DOB>03/04/1950</DOB></DOBs>
      <Nationalities><Nationality>Afghanistan</Nationality></Nationalities>
      <Genders><Gender>Male</Gender></Genders>
      <BirthDetails><Location><TownOfBirth>Kandahar</TownOfBirth><CountryOfBirth>Afghanistan</CountryOfBirth></Location></BirthDetails>
      <PassportDetails><Passport><PassportNumber>P123456</PassportNumber><PassportAdditionalInformation>issued 2024</PassportAdditionalInformation></Passport>
        <Passport><PassportNumber>P123456</PassportNumber></Passport></PassportDetails>
      <NationalIdentifierDetails><NationalIdentifier><NationalIdentifierNumber>4210</NationalIdentifierNumber></NationalIdentifier></NationalIdentifierDetails>
    </Individual></IndividualDetails>
  </Designation>
  <Designation>
    <UniqueID>TST0002</UniqueID>
    <Names><Name><Name6>SEA STAR</Name6><NameType>Primary Name</NameType></Name></Names>
    <IndividualEntityShip>Ship</IndividualEntityShip>
    <ShipDetails><Ship><IMONumbers><IMONumber>9187629</IMONumber></IMONumbers></Ship></ShipDetails>
  </Designation>
</Designations>"#;

#[test]
fn fcdo_designations_map_every_field() {
    let (result, _file) = parse_bytes(SourceFormat::UkXml, FCDO.as_bytes());
    let (entities, meta) = result.unwrap();
    assert_eq!(
        meta.published.map(|d| d.to_string()).as_deref(),
        Some("2026-03-26")
    );
    assert_eq!(entities.len(), 2);
    let person = &entities[0];
    assert_eq!(person.id, "uk:TST0001");
    assert_eq!(person.schema, Schema::Person);
    assert_eq!(person.caption(), "ALPHA BETA GAMMA");
    let names = names_and_qualities(person);
    assert_eq!(
        names,
        [
            ("ALPHA BETA GAMMA", NameQuality::Primary),
            ("Gama Alfa", NameQuality::Weak),
            ("Alfa Beta Gamma", NameQuality::Strong),
            ("ألفا", NameQuality::Strong),
        ]
    );
    assert_eq!(person.names[3].script.as_deref(), Some("Arabic"));
    assert_eq!(person.names[3].language.as_deref(), Some("Pashto"));
    assert_eq!(person.un_reference(), Some("TAi.999"));
    assert_eq!(person.programs, ["Test Regime & Co"]);
    assert_eq!(
        person.listed_on.map(|d| d.to_string()).as_deref(),
        Some("2001-02-23")
    );
    let dobs: Vec<String> = person
        .birth_dates
        .iter()
        .map(|d| d.from.to_string())
        .collect();
    assert_eq!(dobs, ["1945", "1950-04-03"]);
    assert_eq!(person.birth_places, ["Kandahar, Afghanistan"]);
    assert_eq!(person.nationalities[0].code.as_deref(), Some("AF"));
    let ids: Vec<(IdKind, &str)> = person
        .identifiers
        .iter()
        .map(|i| (i.kind, i.value.as_str()))
        .collect();
    assert_eq!(
        ids,
        [(IdKind::Passport, "P123456"), (IdKind::NationalId, "4210")]
    );
    assert_eq!(person.titles, ["Maulavi"]);
    assert_eq!(person.addresses[0].city.as_deref(), Some("Kabul"));
    assert!(
        person.remarks.contains(&"OFSI Group ID 900".to_string()),
        "{:?}",
        person.remarks
    );
    assert!(
        person
            .remarks
            .contains(&"Sanction imposed: AssetFreeze".to_string())
    );
    assert!(!person.remarks.iter().any(|r| r.contains("TravelBan")));
    let ship = &entities[1];
    assert_eq!(ship.schema, Schema::Vessel);
    assert_eq!(ship.identifiers[0].kind, IdKind::Imo);
    assert_eq!(ship.identifiers[0].value, "9187629");
}

#[test]
fn fcdo_cut_or_corrupted_files_are_refused_with_line_and_record() {
    let cut = &FCDO[..FCDO.find("<Genders>").unwrap()];
    let (result, file) = parse_bytes(SourceFormat::UkXml, cut.as_bytes());
    let message = result.unwrap_err().to_string();
    let path = file.path().display().to_string();
    assert!(message.starts_with(&format!("{path}:")), "{message}");
    assert!(message.contains("record TST0001"), "{message}");
    assert!(message.contains("truncated"), "{message}");
    // Cut between two records: the root is never closed.
    let between = &FCDO[..FCDO.find("  <Designation>\n    <UniqueID>TST0002").unwrap()];
    let (result, _file) = parse_bytes(SourceFormat::UkXml, between.as_bytes());
    let message = result.unwrap_err().to_string();
    assert!(message.contains("ends inside <Designations>"), "{message}");
    // A broken tag.
    let broken = FCDO.replace(
        "<Titles><Title>Maulavi</Title>",
        "<Titles><Title>Maulavi</Titel>",
    );
    let (result, _file) = parse_bytes(SourceFormat::UkXml, broken.as_bytes());
    let message = result.unwrap_err().to_string();
    assert!(
        message.contains(":21: record TST0001: not well-formed XML"),
        "{message}"
    );
}

/// A legacy OFSI CSV: Windows-1252 (0x92 is a right quote), CRLF, a
/// `Last Updated` line; group 7 has its rows apart.
fn legacy_csv() -> Vec<u8> {
    let mut bytes = b"Last Updated,27/04/2020\r\n".to_vec();
    bytes.extend_from_slice(b"Name 6,Name 1,Name 2,Name 3,Name 4,Name 5,Title,DOB,Town of Birth,Country of Birth,Nationality,Passport Details,NI Number,Position,Address 1,Address 2,Address 3,Address 4,Address 5,Address 6,Post/Zip Code,Country,Other Information,Group Type,Alias Type,Regime,Listed On,Last Updated,Group ID\r\n");
    bytes.extend_from_slice(b"DOE,John,,,,,Dr,00/00/1980,Town,Iraq,1) Iraq 2) Jordan,Passport No: 592667 (issued 2007).,,Minister,,,,,,,,,UN Ref IQi.001. O\x92Brien said.,Individual,Prime Alias,Iraq,01/04/2016,01/04/2016,7\r\n");
    bytes.extend_from_slice(b"ACME TRADING,,,,,,,,,,,,,,1 Street,,,,Baghdad,,100,Iraq,,Entity,Prime Alias,Iraq,02/05/2003,02/05/2003,8\r\n");
    bytes.extend_from_slice(
        b"DOE,Jon,,,,,,00/00/1981,,,,,,,,,,,,,,,,Individual,AKA,Iraq,01/04/2016,01/04/2016,7\r\n",
    );
    bytes
}

#[test]
fn ofsi_rows_are_grouped_by_group_id() {
    let (result, _file) = parse_bytes(SourceFormat::UkCsv, &legacy_csv());
    let (entities, meta) = result.unwrap();
    assert_eq!(
        meta.published.map(|d| d.to_string()).as_deref(),
        Some("2020-04-27")
    );
    assert_eq!(meta.records[0].records, 3);
    let ids: Vec<&str> = entities.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["uk:7", "uk:8"]);
    let person = &entities[0];
    let names: Vec<&str> = person.names.iter().map(|n| n.full.as_str()).collect();
    assert_eq!(names, ["John DOE", "Jon DOE"]);
    assert_eq!(person.birth_dates.len(), 2);
    assert_eq!(person.nationalities.len(), 2);
    assert_eq!(person.identifiers[0].value, "592667");
    assert_eq!(person.un_reference(), Some("IQi.001"));
    assert!(
        person.remarks.iter().any(|r| r.contains("O\u{2019}Brien")),
        "{:?}",
        person.remarks
    );
    assert_eq!(entities[1].schema, Schema::Organization);
    assert_eq!(entities[1].addresses[0].city.as_deref(), Some("Baghdad"));
}

#[test]
fn ofsi_2022_layout_reads_refs_qualities_and_scripts() {
    let csv = "Last Updated,01/02/2024\n\
Name 6,Name 1,Name 2,Name 3,Name 4,Name 5,Title,Name Non-Latin Script,Non-Latin Script Type,Non-Latin Script Language,DOB,Town of Birth,Country of Birth,Nationality,Passport Number,Passport Details,National Identification Number,National Identification Details,Position,Address 1,Address 2,Address 3,Address 4,Address 5,Address 6,Post/Zip Code,Country,Other Information,Group Type,Alias Type,Alias Quality,Regime,Listed On,UK Sanctions List Date Designated,Last Updated,Group ID,UK Sanctions List Ref,IMO number\n\
IVANOV,Ivan,,,,,,Иван Иванов,Cyrillic,Russian,dd/mm/1970,,,Russia,123,valid,,,,,,,,,,,,,Individual,Primary Name,,Russia,15/03/2022,15/03/2022,15/03/2022,15000,RUS0001,\n\
IVANOFF,Ivan,,,,,,,,,dd/mm/1970,,,Russia,,,,,,,,,,,,,,,Individual,Alias,Low,Russia,15/03/2022,15/03/2022,15/03/2022,15000,RUS0001,\n\
SEA STAR,,,,,,,,,,,,,,,,,,,,,,,,,,,,Ship,Primary Name,,Russia,15/03/2022,15/03/2022,15/03/2022,15001,RUS0002,9187629\n";
    let (result, _file) = parse_bytes(SourceFormat::UkCsv, csv.as_bytes());
    let (entities, _) = result.unwrap();
    let ids: Vec<&str> = entities.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["uk:RUS0001", "uk:RUS0002"]);
    let person = &entities[0];
    let names: Vec<(&str, NameQuality, Option<&str>)> = person
        .names
        .iter()
        .map(|n| (n.full.as_str(), n.quality, n.script.as_deref()))
        .collect();
    assert_eq!(
        names,
        [
            ("Ivan IVANOV", NameQuality::Primary, None),
            ("Иван Иванов", NameQuality::Strong, Some("Cyrillic")),
            ("Ivan IVANOFF", NameQuality::Weak, None),
        ]
    );
    assert!(person.remarks.contains(&"OFSI Group ID 15000".to_string()));
    assert!(
        person
            .remarks
            .iter()
            .any(|r| r.starts_with("UK Sanctions List Date Designated: "))
    );
    assert_eq!(entities[1].schema, Schema::Vessel);
    assert_eq!(entities[1].identifiers[0].kind, IdKind::Imo);
}

#[test]
fn ofsi_cut_or_corrupted_files_are_refused_with_line_and_group() {
    let bytes = legacy_csv();
    let cut = &bytes[..bytes.len() - 20];
    let (result, file) = parse_bytes(SourceFormat::UkCsv, cut);
    let message = result.unwrap_err().to_string();
    let path = file.path().display().to_string();
    assert_eq!(
        message,
        format!(
            "{path}:5: row has 27 field(s), the header 29: the file is cut or corrupted (after \
             group 8)"
        )
    );
    let no_group =
        String::from_utf8_lossy(&bytes).replace(",01/04/2016,7\r\nACME", ",01/04/2016,\r\nACME");
    let (result, _file) = parse_bytes(SourceFormat::UkCsv, no_group.as_bytes());
    let message = result.unwrap_err().to_string();
    assert!(message.contains(":3: row without Group ID"), "{message}");
}

#[test]
fn uk_formats_are_detected_from_content() {
    let detect = |bytes: &[u8]| sources::detect::sniff_bytes(bytes, true);
    assert_eq!(
        detect(FCDO.as_bytes()),
        sources::detect::Content::List(SourceFormat::UkXml)
    );
    assert_eq!(
        detect(&legacy_csv()),
        sources::detect::Content::List(SourceFormat::UkCsv)
    );
    // Published in UTF-16 (with its byte-order mark): detected and read.
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in FCDO.encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    assert_eq!(
        detect(&utf16),
        sources::detect::Content::List(SourceFormat::UkXml)
    );
    let (result, _file) = parse_bytes(SourceFormat::UkXml, &utf16);
    assert_eq!(result.unwrap().0.len(), 2);
}
