//! Small lists for the scan module's tests, and helpers that scan a text
//! against them.

pub(super) use crate::matching::{ListVersion, Screener};
pub(super) use crate::model::{Entity, Name, NameQuality, Schema, Wallet};
pub(super) use crate::scan::Scanner;

pub(super) fn entity(id: &str, schema: Schema, names: &[(&str, NameQuality)]) -> Entity {
    let name = |text: &str, quality| {
        if schema == Schema::Person {
            Name::from_last_first(text, quality)
        } else {
            Name::new(text, quality)
        }
    };
    let mut entity = Entity::new(id, schema, name(names[0].0, names[0].1));
    for (alias, quality) in &names[1..] {
        entity.add_name(name(alias, *quality));
    }
    entity
}

pub(super) fn screener() -> Screener {
    use NameQuality::{Primary, Strong, Weak};
    let mut kim = entity("t:kim", Schema::Person, &[("KIM, Sang Man", Primary)]);
    kim.wallets.push(Wallet {
        currency: "XBT".into(),
        address: "1D6gG9iKEhPitTcWRJiniuj1jYM2hNeAfJ".into(),
    });
    let entities = vec![
        kim,
        entity("t:kju", Schema::Person, &[("KIM, Jong Un", Primary)]),
        entity("t:pak", Schema::Person, &[("PAK, Sang Man", Primary)]),
        entity(
            "t:rgb",
            Schema::Organization,
            &[("RECONNAISSANCE GENERAL BUREAU", Primary), ("RGB", Weak)],
        ),
        entity(
            "t:chinyong",
            Schema::Organization,
            &[
                (
                    "CHINYONG INFORMATION TECHNOLOGY COOPERATION COMPANY",
                    Primary,
                ),
                ("JINYONG IT COOPERATION COMPANY", Strong),
            ],
        ),
        entity(
            "t:lazarus",
            Schema::Organization,
            &[("LAZARUS GROUP", Primary), ("ZINC", Weak)],
        ),
        entity("t:hamas", Schema::Organization, &[("HAMAS", Primary)]),
        entity("t:ship", Schema::Vessel, &[("GLORY", Primary)]),
        entity("t:it", Schema::Organization, &[("IT", Strong)]),
        entity("t:korea", Schema::Organization, &[("KOREA", Strong)]),
        entity("t:lopez", Schema::Person, &[("LOPEZ, Luis", Primary)]),
        entity("t:park", Schema::Person, &[("PARK, Luisa Maria", Primary)]),
    ];
    Screener::new(entities, Vec::<ListVersion>::new())
}

pub(super) fn found(text: &str) -> Vec<(String, String)> {
    found_by(&screener(), text)
}

/// The text and entity id of each mention `screener` finds in `text`.
pub(super) fn found_by(screener: &Screener, text: &str) -> Vec<(String, String)> {
    found_with(&Scanner::new(screener, 0.7), text)
}

pub(super) fn found_with(scanner: &Scanner<&Screener>, text: &str) -> Vec<(String, String)> {
    scanner
        .scan(text)
        .iter()
        .map(|m| {
            let view = scanner.view(text, m);
            (view.text.to_string(), view.result.id.to_string())
        })
        .collect()
}

pub(super) fn pair(text: &str, id: &str) -> (String, String) {
    (text.to_string(), id.to_string())
}

pub(super) fn daras_and_datana() -> Screener {
    Screener::new(
        vec![
            entity(
                "t:daras",
                Schema::Person,
                &[("DARAS, Ali", NameQuality::Primary)],
            ),
            entity(
                "t:datana",
                Schema::Organization,
                &[("DATANA", NameQuality::Primary)],
            ),
        ],
        Vec::<ListVersion>::new(),
    )
}
