//! The EU FSF XML reader on the real excerpt of 15 April 2020 (the first
//! 7 entries of the publication), and a cut copy of it refused.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use embargo_core::model::{NameQuality, Schema};
use embargo_core::sources::{self, SourceFormat};

const EU: &str = "eu/fsf-xml-1.1-excerpt-2020-04-15.xml";

#[test]
fn eu_excerpt_imports_7_persons_and_29_names() {
    let path = embargo_testkit::require_data!(EU);
    let files = sources::detect(std::slice::from_ref(&path)).unwrap();
    assert_eq!(files[0].format, SourceFormat::EuXml);
    let (entities, meta) = common::parse_file(SourceFormat::EuXml, "eu", &path).unwrap();
    assert_eq!(
        meta.published.map(|d| d.to_string()).as_deref(),
        Some("2020-04-15")
    );
    // Counts from the provenance notes: 7 persons, 29 nameAlias, 11
    // birthdate and 7 citizenship elements, programme IRQ.
    assert_eq!(entities.len(), 7);
    assert!(entities.iter().all(|e| e.schema == Schema::Person));
    // The 29 nameAlias elements hold 23 distinct texts (checked by hand:
    // EU.42.11 repeats Abu Ahmad and Abu Brays three times and Izzat
    // Ibrahim al-Duri twice under other regulations); each text is kept once.
    let names: usize = entities.iter().map(|e| e.names.len()).sum();
    assert_eq!(names, 23);
    let duri = entities.iter().find(|e| e.id == "eu:EU.42.11").unwrap();
    assert_eq!(duri.caption(), "Izzat Ibrahim al-Duri");
    assert_eq!(duri.names.len(), 5);
    // Of the 11 birthdate elements, 9 give a date; two (EU.22.9, EU.42.11)
    // give only a place (checked by hand), kept as birth places.
    let births: usize = entities.iter().map(|e| e.birth_dates.len()).sum();
    assert_eq!(births, 9);
    let majid = entities.iter().find(|e| e.id == "eu:EU.22.9").unwrap();
    assert_eq!(majid.birth_places.len(), 2);
    let citizenships: usize = entities.iter().map(|e| e.citizenships.len()).sum();
    assert_eq!(citizenships, 7);
    assert!(entities.iter().all(|e| e.programs == ["IRQ"]));
    // EU.27.28, checked by hand: Saddam Hussein Al-Tikriti, born 1937-04-28
    // in al-Awja, near Tikrit, citizen of Iraq; aliases Abou Ali (FR) and
    // Abu Ali.
    let saddam = entities.iter().find(|e| e.id == "eu:EU.27.28").unwrap();
    assert_eq!(saddam.caption(), "Saddam Hussein Al-Tikriti");
    assert_eq!(saddam.birth_dates[0].from.to_string(), "1937-04-28");
    assert_eq!(saddam.citizenships[0].code.as_deref(), Some("IQ"));
    assert!(saddam.birth_places[0].starts_with("al-Awja, near Tikrit"));
    let french = saddam.names.iter().find(|n| n.full == "Abou Ali").unwrap();
    assert_eq!(
        (french.quality, french.language.as_deref()),
        (NameQuality::Strong, Some("FR"))
    );
    // The 6 aliases left out repeat an alias of EU.42.11 in text, language
    // (none), script, strength and gender, and differ only in `function`
    // (checked by hand): nothing a screener matches on is lost, and every
    // function is kept as a title.
    let functions = [
        "Vice Chairman, Revolutionary Command Council",
        "Deputy Secretary, Ba'th Party Regional Command",
        "Deputy Commander-in-Chief of Iraqi Military",
    ];
    assert!(
        functions.iter().all(|f| duri.titles.iter().any(|t| t == f)),
        "{:?}",
        duri.titles
    );
    let spanish = duri
        .names
        .iter()
        .find(|n| n.full == "Izzat Ibrahim Al-Duri")
        .unwrap();
    assert_eq!(spanish.language.as_deref(), Some("ES"));
    // The excerpt gives no UN reference (`unitedNationId=""`): none is made up.
    assert!(entities.iter().all(|e| e.un_reference().is_none()));
}

#[test]
fn cut_copy_of_the_eu_excerpt_is_refused() {
    let path = embargo_testkit::require_data!(EU);
    let bytes = std::fs::read(&path).unwrap();
    let (message, _file) = common::error_for(SourceFormat::EuXml, "eu", &bytes[..bytes.len() / 2]);
    // The cut falls inside EU.11.43's attributes (checked by hand).
    assert!(message.contains(": record EU.11.43: "), "{message}");
}
