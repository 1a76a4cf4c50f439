//! Unit tests of the UN record mapping: names, aliases, dates of birth,
//! documents, addresses and the element tree.

use super::dates::{apply_date_of_birth, date_of_birth, xs_date};
use super::documents::{apply_document, document_kind};
use super::element::{Element, collapse_whitespace};
use super::records::{address, alias_quality, apply_alias, place_of_birth, primary_name};
use crate::model::{Entity, IdKind, Name, NamePartKind, NameQuality, Schema};

fn element(name: &str, children: &[(&str, &str)]) -> Element {
    Element {
        name: name.to_string(),
        text: String::new(),
        children: children
            .iter()
            .map(|(child, text)| Element {
                name: child.to_string(),
                text: text.to_string(),
                children: Vec::new(),
            })
            .collect(),
    }
}

fn person() -> Entity {
    Entity::new("un:X", Schema::Person, Name::new("X", NameQuality::Primary))
}

#[test]
fn primary_name_joins_parts_in_list_order() {
    let record = element(
        "INDIVIDUAL",
        &[
            ("FIRST_NAME", "KIM"),
            ("SECOND_NAME", "JONG SIK"),
            ("THIRD_NAME", ""),
        ],
    );
    let name = primary_name(&record, Schema::Person).unwrap();
    assert_eq!(name.full, "KIM JONG SIK");
    assert_eq!(name.part(NamePartKind::First), Some("KIM"));
    assert_eq!(name.part(NamePartKind::Second), Some("JONG SIK"));
    assert_eq!(name.part(NamePartKind::Third), None);
    let entity = primary_name(
        &element("ENTITY", &[("FIRST_NAME", "KOMID")]),
        Schema::Organization,
    );
    assert!(entity.unwrap().parts.is_empty());
}

#[test]
fn alias_qualities() {
    assert_eq!(alias_quality("Good"), Some(NameQuality::Strong));
    assert_eq!(alias_quality("a.k.a."), Some(NameQuality::Strong));
    assert_eq!(alias_quality("Low"), Some(NameQuality::Weak));
    assert_eq!(alias_quality("f.k.a."), Some(NameQuality::Former));
    assert_eq!(alias_quality("dubious"), None);
}

#[test]
fn empty_alias_is_skipped_and_unknown_quality_noticed() {
    let mut entity = person();
    let mut notices = Vec::new();
    apply_alias(
        &mut entity,
        &element("INDIVIDUAL_ALIAS", &[("QUALITY", ""), ("ALIAS_NAME", "")]),
        &mut notices,
    )
    .unwrap();
    assert_eq!(entity.names.len(), 1);
    apply_alias(
        &mut entity,
        &element(
            "INDIVIDUAL_ALIAS",
            &[("QUALITY", "Odd"), ("ALIAS_NAME", "Y")],
        ),
        &mut notices,
    )
    .unwrap();
    assert_eq!(entity.names[1].quality, NameQuality::Strong);
    assert_eq!(notices.len(), 1);
}

#[test]
fn alias_birth_details_join_the_entity() {
    let mut entity = person();
    let alias = element(
        "INDIVIDUAL_ALIAS",
        &[
            ("QUALITY", "Good"),
            ("ALIAS_NAME", "Lased Ben Heni"),
            ("DATE_OF_BIRTH", "1969-02-05"),
            ("CITY_OF_BIRTH", "Tripoli"),
            ("COUNTRY_OF_BIRTH", "Libya"),
        ],
    );
    apply_alias(&mut entity, &alias, &mut Vec::new()).unwrap();
    assert_eq!(entity.birth_dates[0].to_string(), "1969-02-05");
    assert_eq!(entity.birth_places, vec!["Tripoli, Libya"]);
    assert_eq!(
        entity.remarks,
        vec!["alias Lased Ben Heni used with born 1969-02-05 in Tripoli, Libya"]
    );
}

#[test]
fn dates_of_birth_by_type() {
    let date = |children: &[(&str, &str)]| {
        date_of_birth(&element("INDIVIDUAL_DATE_OF_BIRTH", children))
            .map(|spec| spec.map(|s| s.to_string()))
    };
    assert_eq!(
        date(&[("TYPE_OF_DATE", "EXACT"), ("DATE", "1964-06-18")])
            .unwrap()
            .as_deref(),
        Some("1964-06-18")
    );
    assert_eq!(
        date(&[("TYPE_OF_DATE", "EXACT"), ("YEAR", "1971")])
            .unwrap()
            .as_deref(),
        Some("1971")
    );
    assert_eq!(
        date(&[("TYPE_OF_DATE", "APPROXIMATELY"), ("YEAR", "1966")])
            .unwrap()
            .as_deref(),
        Some("circa 1966")
    );
    assert_eq!(
        date(&[
            ("TYPE_OF_DATE", "BETWEEN"),
            ("FROM_YEAR", "1967"),
            ("TO_YEAR", "1969")
        ])
        .unwrap()
        .as_deref(),
        Some("1967 to 1969")
    );
    assert_eq!(date(&[("TYPE_OF_DATE", "")]).unwrap(), None);
    assert!(date(&[("TYPE_OF_DATE", "EXACT"), ("DATE", "1964-13-18")]).is_err());
    assert!(date(&[("TYPE_OF_DATE", "SOMETIME"), ("YEAR", "1964")]).is_err());
}

#[test]
fn date_of_birth_given_only_as_note() {
    let mut entity = person();
    let dob = element(
        "INDIVIDUAL_DATE_OF_BIRTH",
        &[("TYPE_OF_DATE", "EXACT"), ("NOTE", "Nov. 1973")],
    );
    apply_date_of_birth(&mut entity, &dob).unwrap();
    assert_eq!(entity.birth_dates[0].to_string(), "1973-11");
    let dob = element(
        "INDIVIDUAL_DATE_OF_BIRTH",
        &[("TYPE_OF_DATE", "EXACT"), ("NOTE", "in the 1970s")],
    );
    apply_date_of_birth(&mut entity, &dob).unwrap();
    assert_eq!(entity.remarks, vec!["DOB in the 1970s"]);
}

#[test]
fn approximately_note_makes_a_range_circa() {
    let mut entity = person();
    let dob = element(
        "INDIVIDUAL_DATE_OF_BIRTH",
        &[
            ("TYPE_OF_DATE", "BETWEEN"),
            ("FROM_YEAR", "1955"),
            ("TO_YEAR", "1958"),
            ("NOTE", "Approximately"),
        ],
    );
    apply_date_of_birth(&mut entity, &dob).unwrap();
    assert_eq!(entity.birth_dates[0].to_string(), "circa 1955 to 1958");
    assert!(entity.remarks.is_empty());
}

#[test]
fn document_kinds() {
    assert_eq!(document_kind("Passport"), IdKind::Passport);
    assert_eq!(document_kind("Numéro de passeport"), IdKind::Passport);
    assert_eq!(document_kind("Número de pasaporte"), IdKind::Passport);
    assert_eq!(
        document_kind("National Identification Number"),
        IdKind::NationalId
    );
    assert_eq!(document_kind("Driver's Permit"), IdKind::Other);
}

#[test]
fn documents_repeated_in_other_languages_merge() {
    let mut entity = person();
    for (kind, note) in [
        ("Numéro de passeport", ""),
        ("Passport", "Expires on 7 Dec. 2016"),
    ] {
        let document = element(
            "INDIVIDUAL_DOCUMENT",
            &[
                ("TYPE_OF_DOCUMENT", kind),
                ("NUMBER", "381420754"),
                ("DATE_OF_ISSUE", "2011-12-07"),
                ("NOTE", note),
            ],
        );
        apply_document(&mut entity, &document);
    }
    assert_eq!(entity.identifiers.len(), 1);
    assert_eq!(entity.identifiers[0].kind, IdKind::Passport);
    assert_eq!(
        entity.identifiers[0].note.as_deref(),
        Some("issued 2011-12-07; Expires on 7 Dec. 2016")
    );
}

#[test]
fn document_without_number_is_a_remark() {
    let mut entity = person();
    let document = element(
        "INDIVIDUAL_DOCUMENT",
        &[
            ("TYPE_OF_DOCUMENT", "Passport"),
            ("NOTE", "Tunisian passport number L 191609"),
        ],
    );
    apply_document(&mut entity, &document);
    assert!(entity.identifiers.is_empty());
    assert_eq!(
        entity.remarks,
        vec!["Passport: Tunisian passport number L 191609"]
    );
}

#[test]
fn addresses_and_places_skip_empty_parts() {
    assert!(address(&element("INDIVIDUAL_ADDRESS", &[("COUNTRY", "")])).is_none());
    let found = address(&element(
        "ENTITY_ADDRESS",
        &[
            ("CITY", "Pyongyang"),
            ("COUNTRY", "Democratic People's Republic of Korea"),
        ],
    ))
    .unwrap();
    assert_eq!(found.country.and_then(|c| c.code).as_deref(), Some("KP"));
    let place = place_of_birth(&element(
        "INDIVIDUAL_PLACE_OF_BIRTH",
        &[("CITY", "Kaesong"), ("COUNTRY", "Korea")],
    ));
    assert_eq!(place.as_deref(), Some("Kaesong, Korea"));
}

#[test]
fn xs_dates_lose_their_time_zone() {
    assert_eq!(
        xs_date("2015-04-07-04:00").unwrap().to_string(),
        "2015-04-07"
    );
    assert_eq!(xs_date("2015-04-07Z").unwrap().to_string(), "2015-04-07");
    assert_eq!(
        xs_date("2015-04-07+01:00").unwrap().to_string(),
        "2015-04-07"
    );
    assert_eq!(xs_date("1971").unwrap().to_string(), "1971");
    assert!(xs_date("2015-04-07-04").is_err());
}

#[test]
fn whitespace_is_collapsed() {
    assert_eq!(
        collapse_whitespace(" National Identification\n      Number "),
        "National Identification Number"
    );
}
