//! The matching model validated on the real lists: OFAC SDN `2024-05`, the
//! OFAC consolidated list and the UN consolidated list, as a user loads
//! them.
//!
//! * The press's spellings of the 23 May 2023 designations find the right
//!   entity first; quoted officials find nothing.
//! * A sample of the labelled screening sets keeps its recall and
//!   false-alert rate, and the candidate index loses nothing against brute
//!   force on a sample, so a regression in the model fails the build. The
//!   full sets are measured by `embargo evaluate` (see the README).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs::File;
use std::path::Path;
use std::sync::OnceLock;

use embargo_core::evaluation::{EvaluationSettings, LabelledSet, evaluate};
use embargo_core::matching::{DEFAULT_THRESHOLD, ListVersion, Query, ScreenOptions, Screener};
use embargo_core::model::{Entity, Schema};
use embargo_core::records::{ColumnMap, RecordReader};
use embargo_core::sources;

/// The lists screened against, relative to the data folder.
const LISTS: [&str; 3] = [
    "ofac/2024-05",
    "ofac/consolidated-2025-12",
    "un/consolidated-2026-02-27.xml",
];

fn load(path: &Path) -> Vec<Entity> {
    let mut entities = Vec::new();
    for files in sources::detect(&[path.to_path_buf()]).unwrap() {
        let source_id = files.format.default_source_id(files.primary());
        sources::parse(&files, &source_id, &mut |entity| {
            entities.push(entity);
            Ok(())
        })
        .unwrap();
    }
    entities
}

/// The screener over the three lists, built once for every test here.
fn screener(data: &Path) -> &'static Screener {
    static SCREENER: OnceLock<Screener> = OnceLock::new();
    SCREENER.get_or_init(|| {
        let entities = LISTS
            .iter()
            .flat_map(|list| load(&data.join(list)))
            .collect();
        let lists = LISTS
            .iter()
            .map(|list| ListVersion {
                source: (*list).into(),
                version: "test".into(),
            })
            .collect();
        Screener::new(entities, lists)
    })
}

fn top_id(screener: &Screener, name: &str) -> Option<String> {
    let results = screener.screen(&Query::name(name), &ScreenOptions::default());
    results.first().map(|r| screener.entity(r).id.clone())
}

#[test]
fn press_spellings_find_their_entity_first() {
    let data = embargo_testkit::require_data!("");
    let screener = screener(&data);
    for (name, expected) in [
        ("Kim Sang-man", "ofac-sdn:43377"),
        ("Kim Sang Maa", "ofac-sdn:43377"),
        ("김상만", "ofac-sdn:43377"),
        ("Jinyong IT Cooperation Company", "ofac-sdn:43379"),
        ("Jinryong IT Cooperation Company", "ofac-sdn:43379"),
        ("Pyongyang Automation University", "ofac-sdn:43336"),
        ("Lazarus Group", "ofac-sdn:27307"),
    ] {
        assert_eq!(top_id(screener, name).as_deref(), Some(expected), "{name}");
    }
}

#[test]
fn quoted_officials_find_nothing() {
    let data = embargo_testkit::require_data!("");
    let screener = screener(&data);
    for name in ["Brian Nelson", "Anthony Blinken", "Andy Jassy"] {
        assert_eq!(top_id(screener, name), None, "{name}");
    }
}

/// The entities `name` screened as `schema` (any when `None`) finds at
/// the default threshold, best first.
fn found(screener: &Screener, name: &str, schema: Option<Schema>) -> Vec<String> {
    let query = Query {
        schema,
        ..Query::name(name)
    };
    let results = screener.screen(&query, &ScreenOptions::default());
    results
        .iter()
        .map(|r| screener.entity(r).id.clone())
        .collect()
}

/// How people really write listed names: a given name and family name
/// without the middle name or second family name, a title before a rare
/// family name, a legal form in another language, digits for letters.
#[test]
fn names_as_people_write_them_find_the_listed_entity() {
    let data = embargo_testkit::require_data!("");
    let screener = screener(&data);
    for (name, schema, expected) in [
        ("Ali Khamenei", Some(Schema::Person), "ofac-sdn:26945"),
        ("Hezbollah", Some(Schema::Organization), "ofac-sdn:4697"),
        ("Ayatollah Khamenei", None, "ofac-sdn:26945"),
        ("President Lukashenko", None, "ofac-sdn:9760"),
        ("NK Rosneft", None, "ofac-cons:17022"),
        ("ПАО НК Роснефть", None, "ofac-cons:17022"),
        ("Neftyanaya Kompaniya Rosneft", None, "ofac-cons:17022"),
        ("Ig0r Sech1n", None, "ofac-sdn:16692"),
        ("Joaquin Guzman", None, "ofac-sdn:6861"),
        ("Ким Чен Ын", None, "ofac-sdn:20157"),
        ("金正恩", None, "ofac-sdn:20157"),
        ("金 正恩", None, "ofac-sdn:20157"),
        ("キム・ジョンウン", None, "ofac-sdn:20157"),
        ("金相萬", None, "ofac-sdn:43377"),
        ("イーゴリ・セーチン", None, "ofac-sdn:16692"),
        ("Lukaschenko", None, "ofac-sdn:9760"),
        ("Łukaszenka", None, "ofac-sdn:9760"),
        ("Lukasjenko", None, "ofac-sdn:9760"),
        ("Rafael Caro", None, "ofac-sdn:6707"),
    ] {
        let ids = found(screener, name, schema);
        assert!(ids.iter().any(|id| id == expected), "{name}: {ids:?}");
    }
    // Two family names, one written: a confident match, not a borderline one.
    let query = Query::name("Joaquin Guzman");
    let results = screener.screen(&query, &ScreenOptions::default());
    let guzman = results
        .iter()
        .find(|r| screener.entity(r).id == "ofac-sdn:6861")
        .unwrap();
    assert!(guzman.score >= 0.8, "{}", guzman.score);
}

/// Different names that share words or letters find nothing.
#[test]
fn different_names_that_look_alike_find_nothing() {
    let data = embargo_testkit::require_data!("");
    let screener = screener(&data);
    for (name, schema) in [
        // Pyongyang and Ryungseng are two listed words, not a typo.
        ("Pyongyang Trading Company", None),
        // A listed given name of one syllable is not one of two.
        ("Kim Il Sung", Some(Schema::Person)),
        // One family shares given names; the family name decides.
        ("Barzan Ibrahim Hasan al-Duri", None),
    ] {
        assert_eq!(
            found(screener, name, schema),
            Vec::<String>::new(),
            "{name}"
        );
    }
}

/// A query with a birth date or gender is a person's, so it never meets
/// a company that shares its words.
#[test]
fn a_query_with_a_birth_date_is_a_person() {
    let data = embargo_testkit::require_data!("");
    let screener = screener(&data);
    let query = Query::name("Feng Sheng").with_birth_date("1980").unwrap();
    let results = screener.screen(&query, &ScreenOptions::default());
    for result in &results {
        assert_eq!(screener.entity(result).schema, Schema::Person);
    }
}

fn labelled(data: &Path, file: &str, rows: usize) -> LabelledSet {
    let path = data.join("screening-sets").join(file);
    let reader =
        RecordReader::new(File::open(&path).unwrap(), file, None, ColumnMap::default()).unwrap();
    let records = reader
        .filter_map(|row| row.unwrap().ok())
        .take(rows)
        .collect();
    LabelledSet {
        label: file.into(),
        records,
    }
}

#[test]
fn a_sample_of_the_screening_sets_keeps_recall_and_false_alert_rate() {
    let data = embargo_testkit::require_data!("");
    let screener = screener(&data);
    let untreated = labelled(&data, "positives_un_untreated.csv", usize::MAX);
    let treated = labelled(&data, "positives_un_treated.csv", usize::MAX);
    let negatives = [
        labelled(&data, "negatives_global.csv", 2_000),
        labelled(&data, "negatives_us.csv", 2_000),
    ];
    let report = evaluate(
        screener,
        &[untreated.clone(), treated],
        &negatives,
        Some(&untreated.records),
        &EvaluationSettings {
            threshold: DEFAULT_THRESHOLD,
            expected_source: Some("un".into()),
            blocking_sample: 60,
        },
    );
    let recall: Vec<f32> = report.positives.iter().map(|p| p.recall).collect();
    assert_eq!(
        recall[0], 1.0,
        "untreated UN positives: {:?}",
        report.positives[0].missed
    );
    assert!(
        recall[1] >= 0.99,
        "treated UN positives: {:?}",
        report.positives[1].missed
    );
    assert!(
        report.negative_alert_rate <= 0.01,
        "false alerts {:.2}%: {:?}",
        report.negative_alert_rate * 100.0,
        report
            .negatives
            .iter()
            .flat_map(|n| &n.worst)
            .take(10)
            .collect::<Vec<_>>()
    );
    let blocking = report.blocking.expect("blocking check");
    assert!(blocking.exhaustive_matches > 0);
    assert_eq!(blocking.lost, 0, "the index lost matches brute force finds");
}
