//! Screening behaviour on a small hand-built list: every rule of the
//! matcher with a real-world example, and the index agreeing with the
//! brute-force reference. One module per kind of rule; the list and the
//! helpers are here.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test fixtures are ours, not input

use embargo_core::matching::{Query, ScreenOptions, Screener};
use embargo_core::model::{
    Country, DateSpec, Entity, IdKind, Identifier, Name, NameQuality, Schema, Wallet,
};

mod arabic_and_hebrew_script;
mod designations;
mod east_asian_scripts;
mod organizations;
mod person_names;

fn entity(id: &str, schema: Schema, primary: &str, aliases: &[(&str, NameQuality)]) -> Entity {
    let person = schema == Schema::Person;
    let name = |text: &str, quality| {
        if person {
            Name::from_last_first(text, quality)
        } else {
            Name::new(text, quality)
        }
    };
    let mut entity = Entity::new(id, schema, name(primary, NameQuality::Primary));
    for (alias, quality) in aliases {
        entity.add_name(name(alias, *quality));
    }
    entity
}

fn list() -> Vec<Entity> {
    let mut kim = entity(
        "t:43377",
        Schema::Person,
        "KIM, Sang Man",
        &[("KIM, Sangman", NameQuality::Strong)],
    );
    kim.birth_dates
        .push(DateSpec::parse("25 Apr 1965").unwrap());
    kim.nationalities.push(Country::from_text("Korea, North"));
    kim.identifiers
        .push(Identifier::new(IdKind::Passport, "109420132"));
    kim.wallets.push(Wallet {
        currency: "ETH".into(),
        address: "0x97b1043abd9e6fc31681635166d430a458d14f9c".into(),
    });
    let mut kim_jong_un = entity("t:20157", Schema::Person, "KIM, Jong Un", &[]);
    kim_jong_un
        .birth_dates
        .push(DateSpec::parse("08 Jan 1984").unwrap());
    vec![
        kim,
        kim_jong_un,
        entity("t:1", Schema::Person, "KIM, Il Sung", &[]),
        entity("t:2", Schema::Person, "KIM, Yong Chol", &[]),
        entity("t:3", Schema::Person, "PAK, Sang Man", &[]),
        entity(
            "t:43379",
            Schema::Organization,
            "CHINYONG INFORMATION TECHNOLOGY COOPERATION COMPANY",
            &[],
        ),
        entity(
            "t:43336",
            Schema::Organization,
            "PYONGYANG UNIVERSITY OF AUTOMATION",
            &[("MIRIM COLLEGE", NameQuality::Weak)],
        ),
        entity(
            "t:12210",
            Schema::Organization,
            "RECONNAISSANCE GENERAL BUREAU",
            &[("RGB", NameQuality::Weak)],
        ),
        entity("t:27307", Schema::Organization, "LAZARUS GROUP", &[]),
        entity(
            "t:4",
            Schema::Organization,
            "KOREA MINING DEVELOPMENT TRADING COMPANY",
            &[],
        ),
        entity("t:5", Schema::Organization, "EMMA LLC", &[]),
        entity("t:6", Schema::Organization, "11420 CORP.", &[]),
        entity("t:7", Schema::Vessel, "SANG MAN", &[]),
        entity("t:8", Schema::Person, "MUHAMMAD, Abdul Rahman", &[]),
        entity("t:9", Schema::Person, "PUTIN, Vladimir Vladimirovich", &[]),
    ]
}

fn screener() -> Screener {
    Screener::new(list(), Vec::new())
}

/// Ids of the results for `query` at the default options, best first.
fn hits(screener: &Screener, query: &Query) -> Vec<String> {
    let results = screener.screen(query, &ScreenOptions::default());
    let exhaustive = screener.screen_exhaustive(query, &ScreenOptions::default());
    assert_eq!(
        results, exhaustive,
        "index and brute force disagree on {query:?}"
    );
    results
        .iter()
        .map(|r| screener.entity(r).id.clone())
        .collect()
}

fn top(screener: &Screener, name: &str) -> Option<String> {
    hits(screener, &Query::name(name)).into_iter().next()
}

/// A screener over a few people, for single pair comparisons.
fn people() -> Screener {
    Screener::new(
        vec![
            entity("p:chang", Schema::Person, "CHANG, Ping Yun", &[]),
            entity("p:luk", Schema::Person, "LUKASHENKA, Alyaksandr", &[]),
            entity("p:kim", Schema::Person, "KIM, Song", &[]),
            entity("p:garcia", Schema::Person, "GARCIA, Ismael", &[]),
            entity("p:other", Schema::Person, "PETROV, Ivan", &[]),
        ],
        Vec::new(),
    )
}
