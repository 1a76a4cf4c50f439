//! Screening behaviour on a small hand-built list: every rule of the
//! matcher with a real-world example, and the index agreeing with the
//! brute-force reference.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test fixtures are ours, not input

use embargo_core::matching::{Query, ScreenOptions, Screener};
use embargo_core::model::{
    Country, DateSpec, Entity, IdKind, Identifier, Name, NameQuality, Schema, Wallet,
};

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

#[test]
fn a_missing_patronymic_costs_little() {
    let screener = screener();
    let results = screener.screen(&Query::name("Vladimir Putin"), &ScreenOptions::default());
    assert_eq!(screener.entity(&results[0]).id, "t:9");
    assert!(results[0].score > 0.8, "{}", results[0].score);
}

#[test]
fn acronyms_stand_only_for_organizations_and_never_alone() {
    let screener = Screener::new(
        vec![
            entity("t:bank", Schema::Organization, "DCB", &[]),
            entity("t:plane", Schema::Aircraft, "YK-AKA", &[]),
            entity(
                "t:it",
                Schema::Organization,
                "CHINYONG INFORMATION TECHNOLOGY COOPERATION COMPANY",
                &[],
            ),
        ],
        Vec::new(),
    );
    let query = |name: &str| hits(&screener, &Query::name(name));
    assert!(
        query("Daniel Christian Berg").is_empty(),
        "initials spelling a one-word name"
    );
    assert!(
        query("Yelesen Kuddusi Akar").is_empty(),
        "an aircraft's registration"
    );
    assert!(query("IT").is_empty(), "an acronym on its own");
    assert_eq!(query("Chinyong IT Cooperation Company"), ["t:it"]);
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

/// The syllables of a Chinese or Korean given name are one name: some of
/// them without the others is another name, on either side.
#[test]
fn a_given_name_in_syllables_is_met_whole_or_not_at_all() {
    let screener = people();
    let person = Some(Schema::Person);
    let whole = screener.compare_names("Chang Ping Yun", "CHANG, Ping Yun", person);
    let part = screener.compare_names("Zhang Bing", "CHANG, Ping Yun", person);
    assert!(whole >= 0.85, "{whole}");
    assert!(part < 0.7, "{part}");
    let added = screener.compare_names("Kim Il Sung", "KIM, Song", person);
    assert!(added < 0.7, "{added}");
    // the query's own given name in syllables, met in part, costs as the
    // listed one's does (0.64 without that factor)
    assert!(added < 0.6, "{added}");
}

/// A rare family name alone finds its person when written exactly or as
/// a spelling variant, not misspelt, and not beside a word of its own.
#[test]
fn a_rare_family_name_alone_must_be_all_the_query_says() {
    let screener = people();
    let person = Some(Schema::Person);
    let listed = "LUKASHENKA, Alyaksandr";
    let alone = screener.compare_names("Lukashenka", listed, person);
    let variant = screener.compare_names("Lukaschenka", listed, person);
    let typo = screener.compare_names("Lukashenkq", listed, person);
    let beside = screener.compare_names("Bin Lukashenka", listed, person);
    assert!(alone >= 0.7 && variant >= 0.7, "{alone} {variant}");
    assert!(typo < 0.7, "{typo}");
    assert!(beside < 0.7, "{beside}");
    // one of the commonest surnames is no evidence alone, however rarely
    // the lists write it
    let common = screener.compare_names("Garcia", "GARCIA, Ismael", person);
    assert!(common < 0.7, "{common}");
}

/// A name written in Arabic or Persian script meets its romanizations on
/// consonants: the article read or not, `abd` joined to it, letters that
/// languages romanize differently, long vowels and a final `h` left out;
/// other consonants make another name.
#[test]
fn arabic_script_names_meet_their_romanizations() {
    let screener = people();
    let person = Some(Schema::Person);
    let meets = [
        ("أحمد الحمزي", "AL-HAMZI, Ahmad"),
        ("عمر محمود عثمان", "UTHMAN, Omar Mahmoud"),
        ("عبد الرحمن ولد العامر", "OULD EL AMAR, Abderrahmane"),
        ("عبد القادر لاغوب", "LAAGOUB, Abdelkader"),
        ("شمس الدين", "SHAMSUDDIN"),
        ("معمر القذافي", "GADDAFI, Muammar"),
        ("يحيى حقانی", "HAQQANI, Yahya"),
        ("علی خامنه\u{200C}ای", "KHAMENEI, Ali"),
        ("فیض الله خان نورزی", "NOORZAI, Faizullah Khan"),
    ];
    for (script, romanized) in meets {
        let score = screener.compare_names(script, romanized, person);
        assert!(score >= 0.7, "{script} vs {romanized}: {score}");
    }
    let apart = [
        ("أحمد الحمزي", "AL-HAMZI, Mohammed"),
        ("يحيى حقانی", "HAQQANI, Sirajuddin"),
        ("سليم", "SAMIR"),
    ];
    for (script, romanized) in apart {
        let score = screener.compare_names(script, romanized, person);
        assert!(score < 0.7, "{script} vs {romanized}: {score}");
    }
}

#[test]
fn registration_marks_match_only_as_written() {
    let screener = Screener::new(
        vec![
            entity("t:gol", Schema::Aircraft, "EP-GOL", &[]),
            entity("t:gom", Schema::Aircraft, "EP-GOM", &[]),
            entity("t:goq", Schema::Aircraft, "EP-GOQ", &[]),
            entity("t:aqa", Schema::Aircraft, "YK-AQA", &[]),
            entity("t:vessel", Schema::Vessel, "ADRIAN DARYA 1", &[]),
        ],
        Vec::new(),
    );
    for written in ["EP-GOL", "ep-gol", "EP GOL", "EPGOL"] {
        assert_eq!(
            hits(&screener, &Query::name(written)),
            ["t:gol"],
            "{written}: one character makes another aircraft"
        );
    }
    for other in ["EP-GOX", "EP-GLO", "YK-AQB"] {
        assert!(hits(&screener, &Query::name(other)).is_empty(), "{other}");
    }
    // a vessel's name is words, and a misspelt word still finds it
    assert_eq!(
        top(&screener, "Adrian Daria 1").as_deref(),
        Some("t:vessel")
    );
}

/// An edit that turns one common surname into another is another person,
/// whatever the given name shares: `Johnston` is not `JOHNSON`. A rare
/// word a letter off is still a typo, and an inner vowel a romanization.
#[test]
fn a_typo_that_writes_another_common_surname_is_another_person() {
    let screener = Screener::new(
        vec![
            entity("p:johnson", Schema::Person, "JOHNSON, Anna", &[]),
            entity("p:castro", Schema::Person, "CASTRO, Raul", &[]),
            entity("p:salim", Schema::Person, "SALIM, Mohammed", &[]),
            entity("p:sechin", Schema::Person, "SECHIN, Igor", &[]),
        ],
        Vec::new(),
    );
    let person = Some(Schema::Person);
    for (query, listed) in [
        ("Anna Johnston", "JOHNSON, Anna"),
        ("Raul Castillo", "CASTRO, Raul"),
    ] {
        let score = screener.compare_names(query, listed, person);
        assert!(score < 0.7, "{query}: {score}");
    }
    for (query, listed) in [
        ("Anna Jonhson", "JOHNSON, Anna"),
        ("Mohammed Salem", "SALIM, Mohammed"),
        ("Igor Sechn", "SECHIN, Igor"),
    ] {
        let score = screener.compare_names(query, listed, person);
        assert!(score >= 0.7, "{query}: {score}");
    }
}

/// A name written in Han or Hangul is read character by character: its
/// readings meet listed romanizations whole (exact or a variant
/// romanization), never a letter off, which is another character.
#[test]
fn han_and_hangul_names_meet_whole_readings_only() {
    let screener = Screener::new(
        vec![
            entity("p:chen", Schema::Person, "CHEN, Zhu", &[]),
            entity("p:kim", Schema::Person, "KIM, Yong Chol", &[]),
            entity("p:li", Schema::Person, "LI, Fangwei", &[]),
        ],
        Vec::new(),
    );
    let person = Some(Schema::Person);
    for (query, listed) in [("成 朱", "CHEN, Zhu"), ("병철 김", "KIM, Yong Chol")] {
        let score = screener.compare_names(query, listed, person);
        assert!(score < 0.7, "{query}: {score}");
    }
    for (query, listed) in [
        ("陈 朱", "CHEN, Zhu"),
        ("李方伟", "LI, Fangwei"),
        ("김용철", "KIM, Yong Chol"),
        ("Chen Zhuu", "CHEN, Zhu"),
    ] {
        let score = screener.compare_names(query, listed, person);
        assert!(score >= 0.7, "{query}: {score}");
    }
    assert_eq!(top(&screener, "成 朱"), None);
    assert_eq!(top(&screener, "陈朱").as_deref(), Some("p:chen"));
}

/// A name in Arabic script meets its romanization word for word: a
/// consonant skeleton met in full is all the script can say, and the
/// article of a compound name joined in one word (`نورالدين`) is read or
/// left out as a separate one is. A long vowel the romanization writes
/// and the script does not is another name (`Mahmood` is not `محمد`); a
/// kunya inside a listed name (`Abu Tariq`) is a byname people leave out.
#[test]
fn arabic_script_names_meet_their_romanizations_word_for_word() {
    let screener = Screener::new(
        vec![
            entity(
                "p:hamid",
                Schema::Person,
                "HAMID NOORUDDIN SALIM AL-MANSUR",
                &[],
            ),
            entity("p:mahmood", Schema::Person, "MAHMOOD, Karim", &[]),
            entity(
                "p:karim",
                Schema::Person,
                "KARIM, Salim Hassan Um Tariq",
                &[],
            ),
            entity(
                "p:karim2",
                Schema::Person,
                "KARIM, Salim Hassan Yu Tariq",
                &[],
            ),
            entity("p:other", Schema::Person, "PETROV, Ivan", &[]),
        ],
        Vec::new(),
    );
    let person = Some(Schema::Person);
    let listed = "HAMID NOORUDDIN SALIM AL-MANSUR";
    let whole = screener.compare_names("حامد نورالدين سالم المنصور", listed, person);
    assert!(whole >= 0.8, "{whole}");
    let split = screener.compare_names("حامد نور الدين سالم المنصور", listed, person);
    assert!(split >= 0.75, "{split}");
    let other = screener.compare_names("محمد كريم", "MAHMOOD, Karim", person);
    let same = screener.compare_names("محمود كريم", "MAHMOOD, Karim", person);
    assert!(other < same, "{other} {same}");
    // `Um` (a kunya) costs as a middle name; a syllable `Yu` in full
    let kunya = screener.compare_names("Salim Karim", "KARIM, Salim Hassan Um Tariq", person);
    let given = screener.compare_names("Salim Karim", "KARIM, Salim Hassan Yu Tariq", person);
    assert!(kunya > given + 0.05, "{kunya} {given}");
}

/// Ukrainian and Belarusian forms of East Slavic names meet the Russian
/// ones (`h` for `g`, `ia` for `e`, `au` for `ov`, a Ukrainian final `o`),
/// given names and patronymics alike; a different family name stays
/// another person.
#[test]
fn ukrainian_and_belarusian_forms_meet_russian_ones() {
    let screener = Screener::new(
        vec![
            entity("p:a", Schema::Person, "KOVALENKO, Kyrylo Serhiyovych", &[]),
            entity("p:b", Schema::Person, "MELNIK, Siarhei Yakaulevich", &[]),
            entity("p:c", Schema::Person, "SAVCHUK, Hryhoriy", &[]),
            entity("p:other", Schema::Person, "PETROV, Ivan", &[]),
        ],
        Vec::new(),
    );
    let person = Some(Schema::Person);
    for (query, listed) in [
        (
            "Kirill Sergeevich Kovalenko",
            "KOVALENKO, Kyrylo Serhiyovych",
        ),
        ("Sergei Yakovlevich Melnik", "MELNIK, Siarhei Yakaulevich"),
        ("Grigoriy Savchuk", "SAVCHUK, Hryhoriy"),
    ] {
        let score = screener.compare_names(query, listed, person);
        assert!(score >= 0.8, "{query}: {score}");
    }
    let other = screener.compare_names(
        "Kirill Sergeevich Kovalev",
        "KOVALENKO, Kyrylo Serhiyovych",
        person,
    );
    assert!(other < 0.7, "{other}");
}

/// A person's name with a further name of its own, first or last, that
/// the listed name lacks (`Thomas Lubanga Dyilo` for `LUBANGA, Thomas`)
/// is the listed person with a name the list left out; a further word of
/// an organization's name names another organization (`Siemens Energy AG`
/// is not `SIEMENS AG`).
#[test]
fn a_further_name_of_a_person_costs_less_than_a_further_word_of_a_company() {
    let screener = Screener::new(
        vec![
            entity("p:moreau", Schema::Person, "MOREAU, Thomas", &[]),
            entity("p:other", Schema::Person, "PETROV, Ivan", &[]),
            entity("o:nordwind", Schema::Organization, "NORDWIND AG", &[]),
            entity("o:other", Schema::Organization, "SUDWIND GMBH", &[]),
        ],
        Vec::new(),
    );
    let person = screener.compare_names(
        "Thomas Moreau Delacroix",
        "MOREAU, Thomas",
        Some(Schema::Person),
    );
    assert!(person >= 0.7, "{person}");
    let company = screener.compare_names(
        "Nordwind Energie AG",
        "NORDWIND AG",
        Some(Schema::Organization),
    );
    assert!(company < 0.7, "{company}");
}

/// A Western name written in katakana meets its Latin form once the
/// vowels Japanese adds inside a word are read away (`アレクサンドル`,
/// `arekusandoru`, is Alexander), and still not another family.
#[test]
fn western_names_in_katakana_meet_their_latin_form() {
    let screener = Screener::new(
        vec![
            entity("p:moretti", Schema::Person, "MORETTI, Alexander", &[]),
            entity("p:moreno", Schema::Person, "MORENO, Alexander", &[]),
            entity("p:other", Schema::Person, "PETROV, Ivan", &[]),
        ],
        Vec::new(),
    );
    let person = Some(Schema::Person);
    let same = screener.compare_names("アレクサンドル・モレッティ", "MORETTI, Alexander", person);
    assert!(same >= 0.7, "{same}");
    let other = screener.compare_names("アレクサンドル・モレッティ", "MORENO, Alexander", person);
    assert!(other < 0.7, "{other}");
}

/// A word in Arabic script writing two romanized words as one
/// (`عبدالرحيم`, `ABDUL RAHIM`) meets the pair by consonant skeleton; not
/// where it meets one of the two alone (`السعدي` is ESSAADI of `ALI
/// ESSAADI`, not both).
#[test]
fn an_arabic_compound_written_as_one_meets_its_romanized_words() {
    let screener = Screener::new(
        vec![
            entity("p:rahim", Schema::Person, "ABDUL RAHIM TAKHARI", &[]),
            entity("p:saadi", Schema::Person, "MOUSSA BEN ALI ESSAADI", &[]),
            entity("p:other", Schema::Person, "PETROV, Ivan", &[]),
        ],
        Vec::new(),
    );
    let person = Some(Schema::Person);
    let joined = screener.compare_names("عبدالرحيم تخاري", "ABDUL RAHIM TAKHARI", person);
    assert!(joined >= 0.75, "{joined}");
    assert_eq!(
        top(&screener, "عبدالرحيم تخاري").as_deref(),
        Some("p:rahim")
    );
    let apart = screener.compare_names("موسى بن علي السعدي", "MOUSSA BEN ALI ESSAADI", person);
    assert!(apart >= 0.7, "{apart}");
}

/// The converse: a romanized word writing as one two words that a name in
/// Arabic script writes apart (`ABDULLAH` for `عبد الله`, `NASRULLAH` for
/// `نصر الله`) meets them by skeleton, whichever name is the query, and
/// screening finds the listed name in Arabic script through the index as
/// by brute force.
#[test]
fn a_romanized_compound_meets_arabic_script_words_written_apart() {
    let (romanized, script) = ("Nasrullah Takhari", "نصر الله تخاري");
    let screener = Screener::new(
        vec![
            entity("p:script", Schema::Person, script, &[]),
            entity("p:other", Schema::Person, "PETROV, Ivan", &[]),
        ],
        Vec::new(),
    );
    let person = Some(Schema::Person);
    let listed_script = screener.compare_names(romanized, script, person);
    let query_script = screener.compare_names(script, romanized, person);
    assert!(listed_script >= 0.75, "{listed_script}");
    assert!(query_script >= 0.75, "{query_script}");
    assert_eq!(top(&screener, romanized).as_deref(), Some("p:script"));
}

/// Names in Arabic script against their romanizations, for the ways the
/// two write a name differently: a final `ه` the romanization reads as a
/// consonant (`طه`, Taha), `ز` and `ه` that a romanization writes `zh`,
/// a word of one written consonant (`آغا`, Agha), the article joined in
/// the script and apart in the romanization (`الأزهري`, AL-AZHARI), the
/// particles `بن`/BEN, and a compound of `عبد` written as one
/// (`عبدالحليم`, ABD AL-HALIM; `عبدالحق`, ABDUL HAQ).
#[test]
fn arabic_script_writes_articles_particles_and_compounds_its_own_way() {
    let names = [
        "TAHA SALIM AL-AZHARI",
        "NASIR AGHA",
        "KARIM BEN SALIM BEN YUSUF",
        "SAMIR ABD AL-HALIM",
        "ABDUL HAQ RAHIMI",
    ];
    let screener = Screener::new(
        names
            .iter()
            .enumerate()
            .map(|(at, name)| entity(&format!("p:{at}"), Schema::Person, name, &[]))
            .chain([entity("p:other", Schema::Person, "PETROV, Ivan", &[])])
            .collect(),
        Vec::new(),
    );
    let person = Some(Schema::Person);
    for (script, romanized) in [
        ("طه سالم الأزهري", names[0]),
        ("ناصر آغا", names[1]),
        ("كريم بن سالم بن يوسف", names[2]),
        ("سمير عبدالحليم", names[3]),
        ("عبدالحق رحیمی", names[4]),
    ] {
        let score = screener.compare_names(script, romanized, person);
        assert!(score >= 0.74, "{script} / {romanized}: {score}");
    }
    // a different consonant stays a different name
    let other = screener.compare_names("ناصر آمر", names[1], person);
    assert!(other < 0.7, "{other}");
    let other = screener.compare_names("سمير عبدالكريم", names[3], person);
    assert!(other < 0.7, "{other}");
}

/// Words a listed name gives in parentheses (an acronym, a qualifier) are
/// an aside that a query leaves out at little cost; the same words
/// outside parentheses are part of the name.
#[test]
fn a_listed_aside_in_parentheses_costs_little() {
    let screener = Screener::new(
        vec![
            entity(
                "o:1",
                Schema::Organization,
                "NORTH RIVER TRADING GROUP (NRTG)",
                &[],
            ),
            entity(
                "o:2",
                Schema::Organization,
                "NORTH RIVER TRADING GROUP NRTG",
                &[],
            ),
            entity("p:other", Schema::Person, "PETROV, Ivan", &[]),
        ],
        Vec::new(),
    );
    let organization = Some(Schema::Organization);
    let aside = screener.compare_names(
        "North River Trading Group",
        "NORTH RIVER TRADING GROUP (NRTG)",
        organization,
    );
    let word = screener.compare_names(
        "North River Trading Group",
        "NORTH RIVER TRADING GROUP NRTG",
        organization,
    );
    assert!(aside >= 0.8, "{aside}");
    assert!(aside > word, "{aside} {word}");
    // unbalanced parentheses mark nothing
    let unbalanced = screener.compare_names(
        "North River Trading Group",
        "NORTH RIVER TRADING GROUP (NRTG",
        organization,
    );
    assert!((unbalanced - word).abs() < 1e-6, "{unbalanced} {word}");
}

/// In an Arabic name without parts, a last word after the article is the
/// family or tribal name (a nisba): a rare one alone finds the person,
/// and a different one is a different person. The names after `bin` in
/// a given name are a father's and grandfather's, which cost little.
#[test]
fn a_nisba_is_a_family_name_and_a_bin_chain_costs_little() {
    let listed = "FARID SALIM HAMDAN AL-QURAYSHANI";
    let chain = "BIN QASIR, Walid bin Hamid bin Yusuf";
    let screener = Screener::new(
        vec![
            entity("p:nisba", Schema::Person, listed, &[]),
            entity("p:chain", Schema::Person, chain, &[]),
            entity("p:other", Schema::Person, "PETROV, Ivan", &[]),
        ],
        Vec::new(),
    );
    let person = Some(Schema::Person);
    let alone = screener.compare_names("Qurayshani", listed, person);
    assert!(alone >= 0.7, "{alone}");
    let other_family = screener.compare_names("Farid Salim Hamdan al-Masri", listed, person);
    assert!(other_family < 0.7, "{other_family}");
    let short = screener.compare_names("Walid bin Qasir", chain, person);
    assert!(short >= 0.8, "{short}");
}

/// A generic word of an organization's name (group, agency, complex)
/// that the other name lacks or swaps costs a share of its weight; a word
/// that names the business does not, and a generic word alone finds
/// nothing.
#[test]
fn generic_organization_words_cost_little() {
    let listed = "ZEPHYR MARINE COMPANY";
    let screener = Screener::new(
        vec![
            entity("o:1", Schema::Organization, listed, &[]),
            entity("o:2", Schema::Organization, "ZEPHYR MARINE GROUP", &[]),
            entity("p:other", Schema::Person, "PETROV, Ivan", &[]),
        ],
        Vec::new(),
    );
    let organization = Some(Schema::Organization);
    let swapped = screener.compare_names("Zephyr Marine Agency", listed, organization);
    let other = screener.compare_names("Zephyr Marine Fisheries", listed, organization);
    assert!(swapped >= 0.72, "{swapped}");
    assert!(swapped > other + 0.03, "{swapped} {other}");
    let dropped = screener.compare_names("Zephyr Marine", "ZEPHYR MARINE GROUP", organization);
    assert!(dropped >= 0.74, "{dropped}");
    let alone = screener.compare_names("Group", "ZEPHYR MARINE GROUP", organization);
    assert!(alone < 0.7, "{alone}");
}

/// Vowel sounds written with other letters: the Arabic diphthong `ay`
/// (`Zayd`, `Zeid`), the Russian `ё` (`Pyotr`, `Petr`) and Korean `hee`
/// for `hui`. A screening finds them through the index, as a comparison
/// of the two names does; a different vowel or consonant stays another
/// name.
#[test]
fn vowel_sounds_written_with_other_letters_are_one_name() {
    let screener = Screener::new(
        vec![
            entity("p:zeid", Schema::Person, "ZEID, Khalil", &[]),
            entity("p:petr", Schema::Person, "VOLNOVSKY, Petr", &[]),
            entity("p:fyodor", Schema::Person, "ZAROVNYI, Fyodor", &[]),
            entity("p:hui", Schema::Person, "RYANG, Chol Hui", &[]),
        ],
        Vec::new(),
    );
    for (query, expected) in [
        ("Khalil Zayd", "p:zeid"),
        ("Pyotr Volnovsky", "p:petr"),
        ("Fedor Zarovnyi", "p:fyodor"),
        ("Ryang Chol Hee", "p:hui"),
    ] {
        // `hits` also checks that the index finds what brute force does.
        assert_eq!(top(&screener, query).as_deref(), Some(expected), "{query}");
    }
    let person = Some(Schema::Person);
    let other_vowel = screener.compare_names("Khalil Zayed", "ZEID, Khalil", person);
    let same_sound = screener.compare_names("Khalil Zayd", "ZEID, Khalil", person);
    assert!(
        same_sound > other_vowel + 0.05,
        "{same_sound} {other_vowel}"
    );
    let other_name = screener.compare_names("Peter Volnovsky", "VOLNOVSKY, Petr", person);
    let yo = screener.compare_names("Pyotr Volnovsky", "VOLNOVSKY, Petr", person);
    assert!(yo > other_name, "{yo} {other_name}");
}

/// `Abd al-` before the name it governs is written apart, hyphenated or
/// joined, with the article's vowel heard as a, e, u or i: every writing
/// on either side finds the others, through the index as by brute force.
#[test]
fn abd_al_is_one_prefix_however_it_is_written() {
    let screener = Screener::new(
        vec![
            entity("p:joined", Schema::Person, "WARSALI, Abdulkarim", &[]),
            entity("p:apart", Schema::Person, "TAMBURI, Abd al-Hafiz", &[]),
            entity("p:other", Schema::Person, "WARSALI, Abdulmajid", &[]),
        ],
        Vec::new(),
    );
    for (query, expected) in [
        ("Abd al-Karim Warsali", "p:joined"),
        ("Abd el Karim Warsali", "p:joined"),
        ("Abdelkarim Warsali", "p:joined"),
        ("Abdulhafiz Tamburi", "p:apart"),
        ("Abdelhafiz Tamburi", "p:apart"),
        ("Abdul Hafiz Tamburi", "p:apart"),
    ] {
        // `hits` also checks that the index finds what brute force does.
        assert_eq!(top(&screener, query).as_deref(), Some(expected), "{query}");
    }
}

/// A country an organization's name gives (`OF RUSSIA`, `LEBANESE`, in
/// parentheses) costs little when the other name leaves it out, but two
/// names that each give a country the other lacks are two bodies.
#[test]
fn a_country_left_out_costs_little_and_another_country_in_full() {
    let listed = "PELIKAN KREDIT BANK OF MOLDOVA";
    let branch = "ZORAN TRADING FOUNDATION (KENYA)";
    let screener = Screener::new(
        vec![
            entity("o:bank", Schema::Organization, listed, &[]),
            entity("o:branch", Schema::Organization, branch, &[]),
            entity("o:party", Schema::Organization, "LEBANESE ZORAN PARTY", &[]),
            entity("p:other", Schema::Person, "PETROV, Ivan", &[]),
        ],
        Vec::new(),
    );
    let organization = Some(Schema::Organization);
    let left_out = screener.compare_names("Pelikan Kredit Bank", listed, organization);
    let other_country =
        screener.compare_names("Pelikan Kredit Bank of Georgia", listed, organization);
    let other_word = screener.compare_names("Pelikan Kredit Bank Alpha", listed, organization);
    assert!(left_out >= 0.75, "{left_out}");
    assert!(other_country < 0.7, "{other_country}");
    assert!(left_out > other_word, "{left_out} {other_word}");
    let other_branch =
        screener.compare_names("Zoran Trading Foundation (Tanzania)", branch, organization);
    assert!(other_branch < 0.7, "{other_branch}");
    let adjective = screener.compare_names("Zoran Party", "LEBANESE ZORAN PARTY", organization);
    assert!(adjective >= 0.75, "{adjective}");
}

/// A name of countries' words alone names a country, not a body whose
/// name holds it: `Korea` or `the Democratic People's Republic of` (a span
/// of free text) is not `VORELIAN TRADE BANK OF THE DEMOCRATIC PEOPLE'S
/// REPUBLIC OF KOREA`.
#[test]
fn a_country_never_names_a_body_alone() {
    let listed = "VORELIAN TRADE BANK OF THE DEMOCRATIC PEOPLE'S REPUBLIC OF KOREA";
    let screener = Screener::new(
        vec![
            entity("o:bank", Schema::Organization, listed, &[]),
            entity("p:other", Schema::Person, "PETROV, Ivan", &[]),
        ],
        Vec::new(),
    );
    let organization = Some(Schema::Organization);
    for query in [
        "the Democratic People's Republic of",
        "Korea",
        "Islamic Republic",
    ] {
        let score = screener.compare_names(query, listed, organization);
        assert_eq!(score, 0.0, "{query}");
    }
    let named = screener.compare_names("Vorelian Trade Bank of Korea", listed, organization);
    assert!(named > 0.0, "{named}");
}

/// A family name after two particles is written apart or as one word
/// (`VAN DEN BOSSCHE`, Vandenbossche; `DE LA ROSALES`, Delarosales).
#[test]
fn a_name_after_two_particles_may_be_written_as_one_word() {
    let screener = Screener::new(
        vec![
            entity("p:apart", Schema::Person, "VAN DEN BOSSCHE, Pieter", &[]),
            entity("p:joined", Schema::Person, "DELAROSALES, Ines", &[]),
            entity("p:other", Schema::Person, "BOSSCHE, Karel", &[]),
        ],
        Vec::new(),
    );
    for (query, expected) in [
        ("Pieter Vandenbossche", "p:apart"),
        ("Ines de la Rosales", "p:joined"),
    ] {
        // `hits` also checks that the index finds what brute force does.
        assert_eq!(top(&screener, query).as_deref(), Some(expected), "{query}");
    }
}

/// The Arabic article before a sun letter is written as it sounds
/// (`ad-Din`, `ash-Shabab`, `ur-Rahman`) and `al-Din` after a name is
/// written joined with any vowel (`Nuruddin`, `Nureddine`): each writing
/// finds the others. `US` before an `s` word stays a word.
#[test]
fn assimilated_articles_and_joined_al_din_are_the_article() {
    let screener = Screener::new(
        vec![
            entity("p:din", Schema::Person, "TARKANI, Nur al-Din", &[]),
            entity("p:rahman", Schema::Person, "QALAWI, Zia ur-Rahman", &[]),
            entity("o:us", Schema::Organization, "US STEELWORKS HOLDINGS", &[]),
        ],
        Vec::new(),
    );
    for (query, expected) in [
        ("Nur ad-Din Tarkani", "p:din"),
        ("Nureddine Tarkani", "p:din"),
        ("Nuruddin Tarkani", "p:din"),
        ("Zia al-Rahman Qalawi", "p:rahman"),
        ("Zia ar Rahman Qalawi", "p:rahman"),
        ("US Steelworks Holdings", "o:us"),
    ] {
        // `hits` also checks that the index finds what brute force does.
        assert_eq!(top(&screener, query).as_deref(), Some(expected), "{query}");
    }
}

/// The familiar and national forms of one given name (`Bob` for Robert,
/// `Sasha` for Aleksandr, `Mykola` for Nikolay, `Nacho` for Ignacio) find
/// the listed name on either side, through the index as by brute force;
/// a familiar form of another name does not. Patronymics made from
/// national forms of one name (`Mykolayovych`, `Nikolayevich`) meet.
#[test]
fn forms_of_one_given_name_are_one_name() {
    let screener = Screener::new(
        vec![
            entity("p:robert", Schema::Person, "KELLERMANN, Robert", &[]),
            entity("p:aleksandr", Schema::Person, "ZAVARUYEV, Aleksandr", &[]),
            entity("p:nikolay", Schema::Person, "TRUSHCHENKO, Nikolay", &[]),
            entity("p:nacho", Schema::Person, "NACHO ARREDONDO", &[]),
        ],
        Vec::new(),
    );
    for (query, expected) in [
        ("Bob Kellermann", "p:robert"),
        ("Sasha Zavaruyev", "p:aleksandr"),
        ("Саша Заваруев", "p:aleksandr"),
        ("Mykola Trushchenko", "p:nikolay"),
        ("Ignacio Arredondo", "p:nacho"),
    ] {
        // `hits` also checks that the index finds what brute force does.
        assert_eq!(top(&screener, query).as_deref(), Some(expected), "{query}");
    }
    let person = Some(Schema::Person);
    let familiar = screener.compare_names("Bob Kellermann", "KELLERMANN, Robert", person);
    let other = screener.compare_names("Bill Kellermann", "KELLERMANN, Robert", person);
    assert!(familiar >= 0.8, "{familiar}");
    assert!(other < 0.7, "{other}");
    // a patronymic made from a national form of the father's name
    let listed = "TRUSHCHENKO, Nikolay Nikolayevich";
    let national = screener.compare_names("Mykola Mykolayovych Trushchenko", listed, person);
    let other_father = screener.compare_names("Mykola Petrovych Trushchenko", listed, person);
    assert!(national >= 0.8, "{national}");
    assert!(national > other_father, "{national} {other_father}");
}

/// A name written in Hebrew script meets its romanizations, whose letters
/// Hebrew reads two ways (`ב` b or v, `ו` a vowel or v, `ח` h or ch, the
/// first `י` the English j), and `בן` is a particle as `ben` is, through
/// the index as by brute force.
#[test]
fn hebrew_script_meets_its_romanizations() {
    let screener = Screener::new(
        vec![
            entity("p:avital", Schema::Person, "LEVINTAL, Yaakov", &[]),
            entity("p:chanoch", Schema::Person, "BEN TZUR, Chanoch", &[]),
            entity("p:other", Schema::Person, "LEBANTAL, Yakub", &[]),
        ],
        Vec::new(),
    );
    for (query, expected) in [("יעקב לוינטל", "p:avital"), ("חנוך בן צור", "p:chanoch")]
    {
        // `hits` also checks that the index finds what brute force does.
        assert_eq!(top(&screener, query).as_deref(), Some(expected), "{query}");
    }
}

/// A Chinese name written in one Han word is its surname and its given
/// name (`刘正华`: Liu Zhenghua), so the romanized name with its given name
/// in syllables (`Liu Zheng-hua`) meets it; a name whose Han words are
/// written apart keeps them as written.
#[test]
fn a_han_name_in_one_word_is_its_surname_and_given_name() {
    let screener = Screener::new(
        vec![
            entity("p:han", Schema::Person, "刘正华", &[]),
            entity("p:other", Schema::Person, "ZHENG, Hua", &[]),
        ],
        Vec::new(),
    );
    for query in ["Liu Zheng-hua", "Liu Zheng Hua", "LIU, Zhenghua"] {
        // `hits` also checks that the index finds what brute force does.
        assert_eq!(top(&screener, query).as_deref(), Some("p:han"), "{query}");
    }
}

/// A Western name in katakana loses the vowels Japanese adds inside the
/// consonant cluster that begins a word (`プロホル`, `purohoru`: Prokhor;
/// `スモリン`, `sumorin`: Smolin; `グレブ`, `gurebu`: Gleb), through the
/// index as by brute force.
#[test]
fn katakana_clusters_at_the_start_of_a_word_are_clusters() {
    let screener = Screener::new(
        vec![
            entity("p:smolin", Schema::Person, "SMOLIN, Prokhor", &[]),
            entity("p:strupov", Schema::Person, "STRUPOV, Gleb", &[]),
            entity("p:other", Schema::Person, "SUMORI, Puro", &[]),
        ],
        Vec::new(),
    );
    for (query, expected) in [
        ("プロホル・スモリン", "p:smolin"),
        ("グレブ・ストルポフ", "p:strupov"),
    ] {
        // `hits` also checks that the index finds what brute force does.
        assert_eq!(top(&screener, query).as_deref(), Some(expected), "{query}");
    }
    let person = Some(Schema::Person);
    let score = screener.compare_names("プロホル・スモリン", "SMOLIN, Prokhor", person);
    assert!(score >= 0.75, "{score}");
}

/// A trade that one organization's name adds after the body's own name
/// (`TECHNOLOGIES`, `TRADING`, `INTERNATIONAL`) costs little where the
/// other name leaves it out, written singular or plural, but not where the
/// other name says something else in its place: that is another body.
#[test]
fn a_trade_left_out_costs_little_and_another_word_in_its_place_in_full() {
    let listed = "QUORVEX TECHNOLOGIES CO., LTD.";
    let screener = Screener::new(
        vec![
            entity("o:tech", Schema::Organization, listed, &[]),
            entity(
                "o:mining",
                Schema::Organization,
                "VALDORA GOLD MINING LTD",
                &[],
            ),
            entity("p:other", Schema::Person, "PETROV, Ivan", &[]),
        ],
        Vec::new(),
    );
    let organization = Some(Schema::Organization);
    let left_out = screener.compare_names("Quorvex", listed, organization);
    let singular = screener.compare_names("Quorvex Technology Limited", listed, organization);
    assert!(left_out >= 0.75, "{left_out}");
    assert!(singular >= 0.85, "{singular}");
    let in_place = screener.compare_names(
        "Valdora Gold International",
        "VALDORA GOLD MINING LTD",
        organization,
    );
    let dropped = screener.compare_names("Valdora Gold", "VALDORA GOLD MINING LTD", organization);
    assert!(in_place < 0.7, "{in_place}");
    assert!(dropped > in_place, "{dropped} {in_place}");
    // `hits` also checks that the index finds what brute force does.
    assert_eq!(top(&screener, "Quorvex").as_deref(), Some("o:tech"));
}

/// A Chinese name in Wade–Giles (`Hsieh Tsung-tung`) meets its pinyin
/// (`Xie Zongdong`) and the reverse, its hyphenated syllables joined as
/// pinyin joins them, through the index as by brute force; another
/// syllable stays another name.
#[test]
fn wade_giles_meets_pinyin() {
    let screener = Screener::new(
        vec![
            entity("p:wg", Schema::Person, "HSIEH, Tsung-tung", &[]),
            entity("p:pinyin", Schema::Person, "ZHOU, Xiaoping", &[]),
            entity("p:other", Schema::Person, "XIE, Zhang", &[]),
        ],
        Vec::new(),
    );
    for (query, expected) in [("Xie Zongdong", "p:wg"), ("Chou Hsiao-ping", "p:pinyin")] {
        // `hits` also checks that the index finds what brute force does.
        assert_eq!(top(&screener, query).as_deref(), Some(expected), "{query}");
    }
    let person = Some(Schema::Person);
    let other = screener.compare_names("Xie Zongtang", "HSIEH, Tsung-tung", person);
    assert!(other < 0.7, "{other}");
}

/// An organization's own word standing alone stands for it when it is
/// the rarest word of the listed name (`Garantex` for `GARANTEX EUROPE
/// OU`), however many commoner words it leaves out, through the index as
/// by brute force; a commoner word of the name alone, or the own word
/// beside a word the listed name lacks, does not.
#[test]
fn an_organizations_rarest_word_alone_stands_for_it() {
    let listed = "VELDRANOX BALTIC EUROPE OU";
    let screener = Screener::new(
        vec![
            entity("o:veld", Schema::Organization, listed, &[]),
            entity("o:marl", Schema::Organization, "MARLOWIN BALTIC GMBH", &[]),
            entity("o:tess", Schema::Organization, "TESSAMIR EUROPE SA", &[]),
            entity("o:korv", Schema::Organization, "KORVANTH EUROPE LLC", &[]),
            entity("o:orse", Schema::Organization, "ORSELIK HOLDING", &[]),
            entity("p:petrov", Schema::Person, "PETROV, Ivan", &[]),
            entity("p:duran", Schema::Person, "DURAN, Maria", &[]),
        ],
        Vec::new(),
    );
    let organization = Some(Schema::Organization);
    let own = screener.compare_names("Veldranox", listed, organization);
    let common = screener.compare_names("Europe", listed, organization);
    let more = screener.compare_names("Veldranox Pharma", listed, organization);
    assert!(own >= 0.75, "{own}");
    assert!(common < 0.5, "{common}");
    assert!(more < 0.7, "{more}");
    // `hits` also checks that the index finds what brute force does.
    assert_eq!(top(&screener, "Veldranox").as_deref(), Some("o:veld"));
    assert!(
        hits(&screener, &Query::name("Europe")).is_empty(),
        "a common word alone"
    );
}

/// A query that is only an acronym of four or five letters stands for the
/// organization whose every name word it spells (`IRGC`), through the
/// index as by brute force; three letters spell too many names to match,
/// and an acronym beside another word, or spelling part of a name, does
/// not stand alone.
#[test]
fn an_acronym_alone_stands_for_the_whole_name_it_spells() {
    let guard = "KASTOR REVOLUTIONARY GUARD CORPS";
    let lines = "VORELIAN REPUBLIC OF KASTOR SHIPPING LINES";
    let screener = Screener::new(
        vec![
            entity("o:guard", Schema::Organization, guard, &[]),
            entity("o:lines", Schema::Organization, lines, &[]),
            entity("o:bank", Schema::Organization, "VORELIAN SAVINGS BANK", &[]),
            entity("p:kim", Schema::Person, "KIM, Ryong Gil Chol", &[]),
        ],
        Vec::new(),
    );
    let organization = Some(Schema::Organization);
    let four = screener.compare_names("KRGC", guard, organization);
    let five = screener.compare_names("VRKSL", lines, organization);
    let three = screener.compare_names("VSB", "VORELIAN SAVINGS BANK", organization);
    let part = screener.compare_names("KRG", guard, organization);
    let beside = screener.compare_names("KRGC Holding", guard, organization);
    assert!(four >= 0.7 && five >= 0.7, "{four} {five}");
    assert!(three > 0.0 && three < 0.7, "{three}");
    assert!(part < 0.7 && beside < 0.7, "{part} {beside}");
    // `hits` also checks that the index finds what brute force does.
    assert_eq!(top(&screener, "KRGC").as_deref(), Some("o:guard"));
    assert_eq!(top(&screener, "VRKSL").as_deref(), Some("o:lines"));
    assert!(hits(&screener, &Query::name("VSB")).is_empty());
    // a person's initials are not an acronym
    let person = Query::name("KRGC").with_type("person").unwrap();
    assert!(hits(&screener, &person).is_empty());
}

/// A listed name that is only an acronym (`IRGC`) is met by a query
/// screened as an organization that spells it out, through the index as
/// by brute force; the initials of a person, or of a name of unknown
/// kind, spell it by chance.
#[test]
fn a_listed_acronym_is_met_by_the_name_it_spells() {
    let screener = Screener::new(
        vec![
            entity("o:guard", Schema::Organization, "KRGC", &[]),
            entity("o:bank", Schema::Organization, "VSB", &[]),
            entity("p:other", Schema::Person, "PETROV, Ivan", &[]),
        ],
        Vec::new(),
    );
    let spelled = "Kastor Revolutionary Guard Corps";
    let organization = Some(Schema::Organization);
    let four = screener.compare_names(spelled, "KRGC", organization);
    let three = screener.compare_names("Vorelian Savings Bank", "VSB", organization);
    let unknown = screener.compare_names(spelled, "KRGC", None);
    assert!(four >= 0.7, "{four}");
    assert!(three > 0.0 && three < 0.7, "{three}");
    assert!(unknown < 0.7, "{unknown}");
    let as_organization = |name: &str| Query::name(name).with_type("organization").unwrap();
    // `hits` also checks that the index finds what brute force does.
    assert_eq!(hits(&screener, &as_organization(spelled)), ["o:guard"]);
    assert!(hits(&screener, &as_organization("Vorelian Savings Bank")).is_empty());
    assert!(hits(&screener, &Query::name(spelled)).is_empty());
    let person = Query::name("Kastor Ryong Gil Chol")
        .with_type("person")
        .unwrap();
    assert!(hits(&screener, &person).is_empty());
}

/// The kasra of Arabic and Persian names is written `e` or `i` inside a
/// word (`Kastem`/`Kastim`, `Jaber`/`Jabir`): one name, through the index
/// as by brute force, where two such words used to be two typos.
#[test]
fn the_kasra_written_e_or_i_is_one_name() {
    let listed = "AL-VARIMI, Kastim Jabir";
    let screener = Screener::new(
        vec![
            entity("p:varimi", Schema::Person, listed, &[]),
            entity("p:other", Schema::Person, "PETROV, Ivan", &[]),
        ],
        Vec::new(),
    );
    let person = Some(Schema::Person);
    let both = screener.compare_names("Kastem Jaber", "KASTIM, Jabir", person);
    assert!(both >= 0.8, "{both}");
    assert_eq!(
        top(&screener, "Kastem Jaber al-Varemi").as_deref(),
        Some("p:varimi")
    );
}

/// A title in front of the given names of a name written `FAMILY, Given`
/// is dropped as one in front of a name is (`BARAKZAI, Haji Abdul
/// Sattar`), through the index as by brute force; a family name that is
/// also a title (`SHEIKH`) stays a name.
#[test]
fn a_title_before_the_given_names_is_not_a_name() {
    let titled = "VORANDI, Haji Abdul Kestar";
    let screener = Screener::new(
        vec![
            entity("p:vorandi", Schema::Person, titled, &[]),
            entity("p:sheikh", Schema::Person, "SHEIKH, Kestar Lumio", &[]),
            entity("p:other", Schema::Person, "PETROV, Ivan", &[]),
        ],
        Vec::new(),
    );
    let person = Some(Schema::Person);
    let titled_score = screener.compare_names("Abdul Kestar Vorandi", titled, person);
    let untitled = screener.compare_names("Abdul Kestar Vorandi", "VORANDI, Abdul Kestar", person);
    assert!(
        titled_score >= untitled - 0.001,
        "{titled_score} {untitled}"
    );
    let family = screener.compare_names("Kestar Lumio Sheikh", "SHEIKH, Kestar Lumio", person);
    assert!(family >= 0.85, "{family}");
    // `hits` also checks that the index finds what brute force does.
    assert_eq!(
        top(&screener, "Abdul Kestar Vorandi").as_deref(),
        Some("p:vorandi")
    );
}

/// The letter `و` is read as the `v` of Persian, Urdu and Pashto
/// romanizations (`Javad`, `Vahid`) as well as a vowel or `w`, through
/// the index as by brute force, in both directions.
#[test]
fn persian_vav_meets_v() {
    let screener = Screener::new(
        vec![
            entity("p:kavandi", Schema::Person, "KAVANDI, Vahram", &[]),
            entity("p:script", Schema::Person, "داود ویرانی", &[]),
            entity("p:other", Schema::Person, "PETROV, Ivan", &[]),
        ],
        Vec::new(),
    );
    let person = Some(Schema::Person);
    let score = screener.compare_names("وهرام کاوندی", "KAVANDI, Vahram", person);
    assert!(score >= 0.75, "{score}");
    // `hits` also checks that the index finds what brute force does.
    assert_eq!(top(&screener, "وهرام کاوندی").as_deref(), Some("p:kavandi"));
    assert_eq!(top(&screener, "Davood Virani").as_deref(), Some("p:script"));
}

/// Two organizations or vessels whose names differ by a number are two
/// bodies, however many words they share (`FUND 8` is not `FUND 9`),
/// through the index as by brute force; a number left out costs only its
/// weight.
#[test]
fn a_different_number_is_another_body() {
    let seventy_first = "71ST VORELIAN ARMORED VEHICLE REPAIR PLANT OF THE MINISTRY OF DEFENSE";
    let seventy_second = "72ND VORELIAN ARMORED VEHICLE REPAIR PLANT OF THE MINISTRY OF DEFENSE";
    let screener = Screener::new(
        vec![
            entity("o:71", Schema::Organization, seventy_first, &[]),
            entity("o:72", Schema::Organization, seventy_second, &[]),
            entity("v:3", Schema::Vessel, "KESTREL III", &[]),
            entity("p:other", Schema::Person, "PETROV, Ivan", &[]),
        ],
        Vec::new(),
    );
    let organization = Some(Schema::Organization);
    let other = screener.compare_names(seventy_first, seventy_second, organization);
    assert!(other < 0.7, "{other}");
    let vessel = screener.compare_names("Kestrel II", "KESTREL III", Some(Schema::Vessel));
    assert!(vessel < 0.7, "{vessel}");
    // `hits` also checks that the index finds what brute force does.
    assert_eq!(
        hits(
            &screener,
            &Query::name(seventy_first)
                .with_type("organization")
                .unwrap()
        ),
        ["o:71"]
    );
    let left_out = "Vorelian Armored Vehicle Repair Plant of the Ministry of Defense";
    assert_eq!(
        hits(
            &screener,
            &Query::name(left_out).with_type("organization").unwrap()
        )
        .len(),
        2,
        "a number left out meets both"
    );
}

/// Two patronymics that disagree are two fathers and two people (`Igor
/// Vladimirovich BORISOV` is not `BORISOV, Igor Borisovich`), through the
/// index as by brute force; a patronymic left out still costs little.
#[test]
fn different_patronymics_are_different_people() {
    let listed = "KORVALOV, Igor Petrovich";
    let screener = Screener::new(
        vec![
            entity("p:korvalov", Schema::Person, listed, &[]),
            entity("p:other", Schema::Person, "PETROV, Ivan", &[]),
        ],
        Vec::new(),
    );
    let person = Some(Schema::Person);
    let other_father = screener.compare_names("Igor Semyonovich Korvalov", listed, person);
    let left_out = screener.compare_names("Igor Korvalov", listed, person);
    assert!(other_father < 0.7, "{other_father}");
    assert!(left_out >= 0.8, "{left_out}");
    // `hits` also checks that the index finds what brute force does.
    assert!(hits(&screener, &Query::name("Igor Semyonovich Korvalov")).is_empty());
    assert_eq!(
        top(&screener, "Igor Petrovich Korvalov").as_deref(),
        Some("p:korvalov")
    );
}
