//! Unit tests of the grouping rule on small hand-made entities.

#![allow(clippy::unwrap_used)]

use embargo_core::model::{
    Country, DateSpec, Entity, IdKind, Identifier, Name, NameQuality, Schema,
};

use super::{GroupKey, Groups, group_keys, un_reference};

fn person(id: &str, name: &str, born: &str) -> Entity {
    let mut entity = Entity::new(id, Schema::Person, Name::new(name, NameQuality::Primary));
    if !born.is_empty() {
        entity.birth_dates.push(DateSpec::parse(born).unwrap());
    }
    entity
}

fn with_passport(mut entity: Entity, number: &str) -> Entity {
    entity.identifiers.push(Identifier {
        kind: IdKind::Passport,
        value: number.to_string(),
        country: None,
        label: None,
        note: None,
    });
    entity
}

fn groups_of(entities: &[Entity]) -> Vec<Vec<&str>> {
    let groups = Groups::build(entities);
    groups
        .iter()
        .map(|members| {
            members
                .iter()
                .map(|&at| entities[at as usize].id.as_str())
                .collect()
        })
        .collect()
}

#[test]
fn a_un_designation_and_its_ofac_copy_are_one() {
    let entities = [
        person("ofac-sdn:23214", "KIM, Jong Sik", "1967 to 1969"),
        person("un:KPi.066", "KIM JONG SIK", "1967 to 1969"),
        person("ofac-sdn:1", "KIM, Jong Sik", "1990"),
        person("un:KPi.001", "PAK Il", "1950"),
    ];
    assert_eq!(
        groups_of(&entities),
        vec![vec!["ofac-sdn:23214", "un:KPi.066"]]
    );
    let groups = Groups::build(&entities);
    assert_eq!(groups.copies(1), Some(&[0u32, 1][..]));
    assert_eq!(groups.copies(2), None);
    assert_eq!(groups.group(0), groups.group(1));
}

#[test]
fn same_name_needs_a_shared_fact() {
    let without_date = [
        person("ofac-sdn:1", "RI, Je-Son", ""),
        person("un:KPi.002", "RI JE-SON", "1938"),
    ];
    assert!(groups_of(&without_date).is_empty());
    let mut company_a = Entity::new(
        "ofac-sdn:2",
        Schema::Organization,
        Name::new("Korea Ryonbong General Corporation", NameQuality::Primary),
    );
    let mut company_b = Entity::new(
        "un:KPe.001",
        Schema::Organization,
        Name::new("KOREA RYONBONG GENERAL CORPORATION", NameQuality::Primary),
    );
    assert!(groups_of(&[company_a.clone(), company_b.clone()]).is_empty());
    company_a.nationalities.push(Country::from_text("KP"));
    company_b
        .nationalities
        .push(Country::from_text("North Korea"));
    let both = [company_a, company_b];
    let grouped = groups_of(&both);
    assert_eq!(grouped.len(), 1, "{grouped:?}");
}

#[test]
fn one_list_never_groups_with_itself() {
    let entities = [
        person("ofac-sdn:1", "KIM, Jong Sik", "1967"),
        person("ofac-sdn:2", "KIM JONG SIK", "1967"),
    ];
    assert!(groups_of(&entities).is_empty());
}

#[test]
fn shared_identifier_and_a_name_word_link_different_spellings() {
    let entities = [
        with_passport(person("ofac-sdn:9", "KIM, Sang Man", "1965"), "109420132"),
        with_passport(person("eu:77", "Kim Sang-man", ""), "109 420 132"),
        with_passport(person("uk:5", "Somebody Else", ""), "109420132"),
        with_passport(person("ca:5", "Kim Short", ""), "12345"),
        with_passport(person("au:5", "Kim Short", ""), "12345"),
    ];
    assert_eq!(groups_of(&entities), vec![vec!["ofac-sdn:9", "eu:77"]]);
}

#[test]
fn a_cited_un_reference_links_whatever_the_spelling() {
    let mut copy = person("ofac-sdn:5", "CHOE, Chun Yong", "");
    copy.remarks.push("UN Ref KPi.001.".to_string());
    let entities = [person("un:KPi.001", "CH'OE CH'UN-YONG", ""), copy];
    assert_eq!(groups_of(&entities), vec![vec!["un:KPi.001", "ofac-sdn:5"]]);
    assert!(group_keys(&entities[1]).contains(&GroupKey::UnReference("KPi.001".to_string())));
}

#[test]
fn transitive_copies_form_one_group_and_common_keys_are_skipped() {
    let mut eu = person("eu:1", "Ivan Petrov", "");
    eu.remarks.push("UN ref: QDi.123".to_string());
    let entities = [
        person("un:QDi.123", "IVAN PETROV", "1970"),
        person("ofac-sdn:1", "PETROV, Ivan", "1970"),
        eu,
    ];
    assert_eq!(
        groups_of(&entities),
        vec![vec!["un:QDi.123", "ofac-sdn:1", "eu:1"]]
    );
    let many: Vec<Entity> = (0..8)
        .map(|i| person(&format!("list{i}:1"), "John Smith", "1970"))
        .collect();
    assert!(groups_of(&many).is_empty());
}

#[test]
fn un_reference_shape() {
    assert_eq!(un_reference("KPi.066"), Some("KPi.066"));
    assert_eq!(un_reference("QDe.001."), Some("QDe.001"));
    assert_eq!(un_reference("KPI.066"), None);
    assert_eq!(un_reference("KPi.66"), None);
    assert_eq!(un_reference("é"), None);
}

#[test]
fn a_chain_never_joins_two_entities_of_one_list() {
    let entities = [
        person("ofac-sdn:1", "KIM, Jong Sik", "1967 to 1969"),
        person("un:KPi.066", "KIM JONG SIK", "1967 to 1969"),
        person("ofac-sdn:2", "KIM Jong Sik", "1968"),
    ];
    let grouped = groups_of(&entities);
    assert_eq!(grouped, vec![vec!["ofac-sdn:1", "un:KPi.066"]]);
}

#[test]
fn a_un_reference_recorded_by_the_reader_links_the_copies() {
    let mut uk = person("uk:AFG0001", "AKHUND, Mohammad Hassan", "");
    uk.add_reference(embargo_core::model::ListReference::un("TAi.002"));
    let entities = [person("un:TAi.002", "MOHAMMAD HASSAN AKHUND", ""), uk];
    assert_eq!(groups_of(&entities), vec![vec!["un:TAi.002", "uk:AFG0001"]]);
}
