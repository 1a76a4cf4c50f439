//! The 2023 designations on the hand-built list: their press spellings, what
//! must not match them, secondary evidence, identifiers and explanations.

use super::*;

#[test]
fn press_spellings_of_the_2023_designations_find_their_entities() {
    let screener = screener();
    for (name, id) in [
        ("Kim Sang-man", "t:43377"),
        ("Kim Sang Man", "t:43377"),
        ("Kim Sangman", "t:43377"),
        ("Kim Sang Maa", "t:43377"),
        ("Gim Sang Man", "t:43377"),
        ("김상만", "t:43377"),
        ("Jinyong IT Cooperation Company", "t:43379"),
        ("Jinryong IT Cooperation Company", "t:43379"),
        ("Chinyong Information Technology Cooperation Co.", "t:43379"),
        ("Pyongyang Automation University", "t:43336"),
        ("Lazarus Group", "t:27307"),
        ("Reconnaissance General Bureau", "t:12210"),
    ] {
        assert_eq!(top(&screener, name).as_deref(), Some(id), "{name}");
    }
}

#[test]
fn a_shared_common_word_alone_is_not_a_hit() {
    let screener = screener();
    for name in ["Kim", "Kim Min Jun", "Mining Company", "Company", "Sang"] {
        let found = hits(&screener, &Query::name(name));
        assert!(found.is_empty(), "{name} found {found:?}");
    }
}

#[test]
fn unlisted_officials_find_nothing() {
    let screener = screener();
    for name in ["Brian Nelson", "Anthony Blinken", "Andy Jassy"] {
        assert!(hits(&screener, &Query::name(name)).is_empty(), "{name}");
    }
}

#[test]
fn schema_is_respected() {
    let screener = screener();
    let person = Query::name("Sang Man").with_type("person").unwrap();
    assert!(!hits(&screener, &person).contains(&"t:7".to_string()));
    let vessel = Query::name("Sang Man").with_type("vessel").unwrap();
    assert_eq!(hits(&screener, &vessel), ["t:7"]);
    let emma = Query::name("Emma Daniels").with_type("person").unwrap();
    assert!(hits(&screener, &emma).is_empty());
}

#[test]
fn digits_are_meaningful() {
    let screener = screener();
    assert!(hits(&screener, &Query::name("Belletech Corp")).is_empty());
    assert_eq!(top(&screener, "11420 Corporation").as_deref(), Some("t:6"));
}

#[test]
fn secondary_evidence_moves_the_score() {
    let screener = screener();
    let score = |query: Query| {
        screener
            .screen(
                &query,
                &ScreenOptions {
                    threshold: 0.0,
                    limit: 1,
                },
            )
            .first()
            .map(|r| r.score)
            .unwrap_or(0.0)
    };
    let plain = score(Query::name("Kim Sang Man"));
    let same_dob = score(
        Query::name("Kim Sang Man")
            .with_birth_date("1965-04-25")
            .unwrap(),
    );
    let other_dob = score(
        Query::name("Kim Sang Man")
            .with_birth_date("1990-01-01")
            .unwrap(),
    );
    let same_country = score(Query::name("Kim Sang Man").with_country("kp").unwrap());
    let other_country = score(Query::name("Kim Sang Man").with_country("Japan").unwrap());
    assert!(
        same_dob > plain && plain > other_dob,
        "{same_dob} {plain} {other_dob}"
    );
    assert!(same_country > plain && plain > other_country);
    assert!(plain < 1.0, "a bare exact name leaves room for evidence");
}

#[test]
fn an_identical_identifier_or_wallet_is_decisive() {
    let screener = screener();
    let mut query = Query::name("Somebody Else");
    query.identifiers.push("1094 20132".into());
    let results = screener.screen(&query, &ScreenOptions::default());
    assert_eq!(results.len(), 1);
    assert_eq!(results[0].score, 1.0);
    let mut query = Query::default();
    query
        .wallets
        .push("97B1043ABD9E6FC31681635166D430A458D14F9C".into());
    let results = screener.screen(&query, &ScreenOptions::default());
    assert_eq!(screener.entity(&results[0]).id, "t:43377");
    assert_eq!(results[0].score, 1.0);
}

#[test]
fn transliterations_and_romanizations_meet() {
    let screener = screener();
    assert_eq!(top(&screener, "Владимир Путин").as_deref(), Some("t:9"));
    assert_eq!(top(&screener, "V. V. Putin").as_deref(), Some("t:9"));
    assert_eq!(
        top(&screener, "Mohammed Abdulrahman").as_deref(),
        Some("t:8")
    );
    assert_eq!(
        top(&screener, "Muhammad Abd al-Rahman").as_deref(),
        Some("t:8")
    );
}

#[test]
fn explanations_say_which_name_and_words_matched() {
    let screener = screener();
    let results = screener.screen(&Query::name("Kim Sang Maa"), &ScreenOptions::default());
    let explanation = &results[0].explanation;
    assert_eq!(
        explanation.matched_name, "KIM, Sangman",
        "the joined alias aligns best"
    );
    let summary = explanation.summary();
    assert!(summary.contains("kim=kim"), "{summary}");
    assert!(
        summary.contains("sang maa~sangman joined/split 0.86"),
        "{summary}"
    );
    let results = screener.screen(&Query::name("Lazarux Group"), &ScreenOptions::default());
    let summary = results[0].explanation.summary();
    assert!(
        summary.starts_with("LAZARUS GROUP (primary name)"),
        "{summary}"
    );
    assert!(summary.contains("lazarux~lazarus typo 0.86"), "{summary}");
}

#[test]
fn results_are_deterministic() {
    let screener = screener();
    let query = Query::name("Kim");
    let options = ScreenOptions {
        threshold: 0.0,
        limit: 100,
    };
    let first = screener.screen(&query, &options);
    for _ in 0..5 {
        assert_eq!(screener.screen(&query, &options), first);
    }
}
