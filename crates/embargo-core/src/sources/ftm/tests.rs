//! Unit tests of the FollowTheMoney reader.

use super::*;
use crate::ftm::table::thing_schema;
use crate::model::{IdKind, NamePartKind};
use crate::sources::test_support::names_and_qualities;

fn entities(text: &str) -> Result<(Vec<Entity>, ListMeta), SourceError> {
    let mut found = Vec::new();
    let meta = parse_reader(
        text.as_bytes(),
        Path::new("t.json"),
        "ftm-t",
        &mut |entity| {
            found.push(entity);
            Ok(())
        },
    )?;
    Ok((found, meta))
}

fn one(properties: &str) -> Entity {
    let line = format!(r#"{{"id":"x","schema":"Person","properties":{properties}}}"#);
    let (mut found, _) = entities(&line).unwrap();
    found.remove(0)
}

#[test]
fn schemas_map_or_skip() {
    assert_eq!(thing_schema("Company"), Some(Schema::Organization));
    assert_eq!(thing_schema("PublicBody"), Some(Schema::Organization));
    assert_eq!(thing_schema("Airplane"), Some(Schema::Aircraft));
    assert_eq!(thing_schema("Sanction"), None);
}

#[test]
fn caption_is_primary_and_other_names_strong() {
    let line = r#"{"id":"a","caption":"B","schema":"Company","properties":{"name":["A","B"],"alias":["C"],"weakAlias":["D"],"previousName":["E"]}}"#;
    let (found, _) = entities(line).unwrap();
    let names = names_and_qualities(&found[0]);
    assert_eq!(
        names,
        vec![
            ("B", NameQuality::Primary),
            ("A", NameQuality::Strong),
            ("C", NameQuality::Strong),
            ("E", NameQuality::Former),
            ("D", NameQuality::Weak),
        ]
    );
    assert_eq!(found[0].id, "ftm-t:a");
}

#[test]
fn person_name_parts() {
    let person = one(
        r#"{"name":["Ivan Petrovich Sidorov"],"firstName":["Ivan"],"fatherName":["Petrovich"],"lastName":["Sidorov"]}"#,
    );
    assert_eq!(person.names[0].part(NamePartKind::Given), Some("Ivan"));
    assert_eq!(
        person.names[0].part(NamePartKind::Patronymic),
        Some("Petrovich")
    );
    assert_eq!(person.names[0].part(NamePartKind::Family), Some("Sidorov"));
    assert!(person.remarks.is_empty());
}

#[test]
fn name_parts_follow_the_primary_name() {
    let person = one(
        r#"{"name":["Vitaly KUZMENKO"],"firstName":["Виталий","Vitaly"],"lastName":["КУЗЬМЕНКО","Kuzmenko"]}"#,
    );
    assert_eq!(person.names[0].part(NamePartKind::Given), Some("Vitaly"));
    assert_eq!(person.names[0].part(NamePartKind::Family), Some("Kuzmenko"));
}

#[test]
fn same_identifier_under_two_properties_is_kept_once() {
    let person = one(r#"{"name":["X"],"innCode":["1831"],"taxNumber":["1831"]}"#);
    assert_eq!(person.identifiers.len(), 1);
    assert_eq!(person.identifiers[0].label.as_deref(), Some("INN"));
}

#[test]
fn name_from_parts_when_no_name() {
    let person = one(r#"{"firstName":["Ivan"],"lastName":["Sidorov"]}"#);
    assert_eq!(person.caption(), "Ivan Sidorov");
}

#[test]
fn countries_dates_and_identifiers() {
    let person = one(
        r#"{"name":["X"],"nationality":["ru"],"citizenship":["by"],"country":["ru"],"birthDate":["1965-04-25"],"birthCountry":["ru"],"gender":["male"],"innCode":["183116181362"],"passportNumber":["089132114"]}"#,
    );
    assert_eq!(person.nationalities[0].code.as_deref(), Some("RU"));
    assert_eq!(person.nationalities[0].name, "Russia");
    assert_eq!(person.citizenships[0].code.as_deref(), Some("BY"));
    assert_eq!(person.addresses[0].country.as_ref().unwrap().name, "Russia");
    assert_eq!(person.birth_dates[0].to_string(), "1965-04-25");
    assert_eq!(person.birth_places, vec!["Russia"]);
    assert_eq!(person.gender, Some(Gender::Male));
    assert_eq!(person.identifiers[0].kind, IdKind::TaxId);
    assert_eq!(person.identifiers[0].label.as_deref(), Some("INN"));
    assert_eq!(person.identifiers[1].kind, IdKind::Passport);
}

#[test]
fn listing_programs_and_remarks() {
    let person = one(
        r#"{"name":["X"],"topics":["sanction"],"programId":["GB-RUS"],"createdAt":["2024-01-31"],"listingDate":["2022-03-01"],"notes":["n"],"legalForm":["LLC"],"addressEntity":["addr-1"]}"#,
    );
    assert_eq!(person.programs, vec!["GB-RUS", "sanction"]);
    assert_eq!(person.listed_on.unwrap().to_string(), "2022-03-01");
    assert_eq!(person.remarks, vec!["legalForm: LLC", "n"]);
}

#[test]
fn vessels_get_particulars() {
    let line = r#"{"id":"v","schema":"Vessel","properties":{"name":["SEA"],"imoNumber":["9187629"],"flag":["kp"],"type":["Tanker"]}}"#;
    let (found, _) = entities(line).unwrap();
    let vessel = found[0].vessel.as_ref().unwrap();
    assert_eq!(vessel.flag.as_ref().unwrap().code.as_deref(), Some("KP"));
    assert_eq!(vessel.vessel_type.as_deref(), Some("Tanker"));
    assert_eq!(found[0].identifiers[0].kind, IdKind::Imo);
}

#[test]
fn wallets_split_currency() {
    assert_eq!(wallet("XBT 1abc").currency, "XBT");
    assert_eq!(wallet("0xabc").address, "0xabc");
}

#[test]
fn skipped_schemas_are_counted() {
    let text = "{\"id\":\"s1\",\"schema\":\"Sanction\",\"properties\":{}}\n\n{\"id\":\"s2\",\"schema\":\"Sanction\",\"properties\":{}}\n{\"id\":\"a\",\"schema\":\"Address\",\"properties\":{}}\n{\"id\":\"p\",\"schema\":\"Person\",\"properties\":{\"name\":[\"P\"]}}\n";
    let (found, meta) = entities(text).unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(
        meta.notices,
        vec![
            "left out 1 Address, 2 Sanction: no number, or naming no person, organization, vessel or aircraft of the file"
        ]
    );
    let only_relations = "{\"id\":\"s1\",\"schema\":\"Sanction\",\"properties\":{}}\n";
    let error = entities(only_relations).unwrap_err().to_string();
    assert!(
        error.contains("no person, organization, vessel or aircraft"),
        "{error}"
    );
}

#[test]
fn malformed_lines_name_their_line() {
    let text =
        "{\"id\":\"a\",\"schema\":\"Person\",\"properties\":{\"name\":[\"A\"]}}\n{\"id\":\"b\",\n";
    let error = entities(text).unwrap_err().to_string();
    assert!(
        error.starts_with("t.json:2: not a FollowTheMoney entity"),
        "{error}"
    );
}

#[test]
fn repeated_ids_are_errors() {
    let line = "{\"id\":\"a\",\"schema\":\"Person\",\"properties\":{\"name\":[\"A\"]}}\n";
    let error = entities(&line.repeat(2)).unwrap_err().to_string();
    assert!(
        error.contains("t.json:2: entity id \"a\" already on line 1"),
        "{error}"
    );
}

#[test]
fn nameless_things_are_errors() {
    let error = entities("{\"id\":\"a\",\"schema\":\"Company\",\"properties\":{}}").unwrap_err();
    assert!(
        error
            .to_string()
            .contains("t.json:1: Company entity \"a\" has no name")
    );
}

#[test]
fn empty_input_is_an_error() {
    assert!(entities("").unwrap_err().to_string().contains("empty file"));
}
