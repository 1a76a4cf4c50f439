//! Organizations' names: acronyms, generic words, trades, countries,
//! numbers and registration marks.

use super::*;

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

/// A country and a generic word the query adds between the body's own
/// word and its last word cost their share, as they do at the end: they
/// are no middle name (`Velotrans Russian Airlines` for `VELOTRANS`).
#[test]
fn a_country_and_a_generic_word_inside_an_organizations_name_cost_little() {
    let screener = Screener::new(
        vec![
            entity("o:air", Schema::Organization, "VELOTRANS", &[]),
            entity("p:other", Schema::Person, "PETROV, Ivan", &[]),
        ],
        Vec::new(),
    );
    let organization = Some(Schema::Organization);
    let inside = screener.compare_names("Velotrans Russian Airlines", "VELOTRANS", organization);
    let at_end = screener.compare_names("Velotrans Airlines Russia", "VELOTRANS", organization);
    assert!(inside >= 0.7, "{inside}");
    assert!((inside - at_end).abs() < 0.05, "{inside} {at_end}");
}

/// An oil company's form (`NK`, neftyanaya kompaniya, `Oil Company`)
/// names its trade: the trade written without the form meets it, another
/// trade does not, and the form stacked behind another at the front of a
/// name of unknown kind is read as one (`ПАО НК`), through the index as by
/// brute force.
#[test]
fn an_oil_companys_form_names_its_trade() {
    let listed = "KASTORNEFT OIL COMPANY";
    let screener = Screener::new(
        vec![
            entity("o:oil", Schema::Organization, listed, &[]),
            entity(
                "o:nat",
                Schema::Organization,
                "NATIONAL VORELIAN OIL COMPANY",
                &[],
            ),
            entity("p:other", Schema::Person, "PETROV, Ivan", &[]),
        ],
        Vec::new(),
    );
    let organization = Some(Schema::Organization);
    let national = "NATIONAL VORELIAN OIL COMPANY";
    let trade = screener.compare_names("National Vorelian Oil", national, organization);
    let other = screener.compare_names("National Vorelian Gas Company", national, organization);
    assert!(trade >= 0.85, "{trade}");
    assert!(other < trade - 0.15, "{other} {trade}");
    for query in ["PJSC NK Kastorneft", "ПАО НК Касторнефть", "Kastorneft"] {
        assert_eq!(
            hits(&screener, &Query::name(query))
                .first()
                .map(String::as_str),
            Some("o:oil"),
            "{query}"
        );
    }
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

/// An organization's own word stands alone beside words that only say
/// what kind of body it is (`Wagner Group` for `PRIVATE MILITARY COMPANY
/// 'WAGNER'`), through the index as by brute force; not beside a word of
/// a trade (`MAHAN AIR` is not `MAHAN TRAVEL`).
#[test]
fn an_organizations_own_word_stands_alone_beside_its_kind() {
    let listed = "PRIVATE SECURITY SERVICES COMPANY 'VELDRANOX'";
    let screener = Screener::new(
        vec![
            entity("o:veld", Schema::Organization, listed, &[]),
            entity("o:tess", Schema::Organization, "TESSAMIR TRAVEL", &[]),
            // the words that describe it are commoner than its own
            entity("o:korv", Schema::Organization, "KORVANTH PRIVATE BANK", &[]),
            entity(
                "o:marl",
                Schema::Organization,
                "MARLOWIN SECURITY SERVICES",
                &[],
            ),
            entity(
                "o:orse",
                Schema::Organization,
                "ORSELIK SERVICES COMPANY",
                &[],
            ),
            entity(
                "o:dur",
                Schema::Organization,
                "DURANIK PRIVATE SECURITY",
                &[],
            ),
            entity("p:petrov", Schema::Person, "PETROV, Ivan", &[]),
        ],
        Vec::new(),
    );
    let organization = Some(Schema::Organization);
    for query in ["Veldranox Group", "PMC Veldranox", "Veldranox Holding"] {
        let score = screener.compare_names(query, listed, organization);
        assert!(score >= 0.72, "{query} {score}");
        assert_eq!(top(&screener, query).as_deref(), Some("o:veld"), "{query}");
    }
    let trade = screener.compare_names("Tessamir Air", "TESSAMIR TRAVEL", organization);
    assert!(trade < 0.7, "{trade}");
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

/// Acronyms spell a particle or skip it, and may end with the letters of
/// the legal form that ends the name (`PDVSA` for `PETROLEOS DE VENEZUELA,
/// S.A.`, `NIOC` for `NATIONAL IRANIAN OIL COMPANY`, `AQI` for `AL-QAIDA
/// IN IRAQ`), both ways and through the index as by brute force.
#[test]
fn an_acronym_spells_particles_and_an_ending_legal_form_or_skips_them() {
    let portales = "PORTALES DE VORELIA, S.A.";
    let oil = "NATIONAL KASTORIAN OIL COMPANY";
    let screener = Screener::new(
        vec![
            entity("o:portales", Schema::Organization, portales, &[]),
            entity("o:oil", Schema::Organization, oil, &[]),
            entity("o:front", Schema::Organization, "AL-JABHA IN KASTOR", &[]),
            entity("o:pdv", Schema::Organization, "PDVSA", &[]),
        ],
        Vec::new(),
    );
    let organization = Some(Schema::Organization);
    for (acronym, name) in [("PDVSA", portales), ("NKOC", oil), ("NKO", oil)] {
        let score = screener.compare_names(acronym, name, organization);
        assert!(score > 0.0, "{acronym} {score}");
    }
    // a letter neither a word nor the legal form gives
    assert_eq!(screener.compare_names("PDVSX", portales, organization), 0.0);
    // `hits` also checks that the index finds what brute force does.
    assert_eq!(top(&screener, "PDVSA").as_deref(), Some("o:pdv"));
    assert_eq!(top(&screener, "NKOC").as_deref(), Some("o:oil"));
    let spelled = Query::name("Portales de Vorelia SA")
        .with_type("organization")
        .unwrap();
    assert!(hits(&screener, &spelled).contains(&"o:pdv".to_string()));
    assert_eq!(top(&screener, "AJIK").as_deref(), Some("o:front"));
    assert!(
        hits(&screener, &Query::name("AJK")).is_empty(),
        "three letters"
    );
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

/// A word written as its consonants, first and last letters kept
/// (`SHPG` for SHIPPING, `TRDG` for TRADING), is that word, through the
/// index as by brute force; letters out of order, or a vowel of its own,
/// are another word.
#[test]
fn a_word_contracted_to_its_consonants_is_that_word() {
    let screener = Screener::new(
        vec![
            entity(
                "o:ansan",
                Schema::Organization,
                "KOREA ANSAN SHIPPING COMPANY",
                &[],
            ),
            entity("o:other", Schema::Organization, "SIEMENS AG", &[]),
        ],
        Vec::new(),
    );
    assert_eq!(
        top(&screener, "Korea Ansan SHPG Co").as_deref(),
        Some("o:ansan")
    );
    let organization = Some(Schema::Organization);
    let contracted = screener.compare_names(
        "KOREA ANSAN SHPG CO",
        "KOREA ANSAN SHIPPING COMPANY",
        organization,
    );
    let other = screener.compare_names(
        "KOREA ANSAN SGPH CO",
        "KOREA ANSAN SHIPPING COMPANY",
        organization,
    );
    assert!(contracted >= 0.9, "{contracted}");
    assert!(other < 0.7, "{other}");
}

/// Words written as one keep their letters: joining and respelling at
/// once makes another name (`ASIA BRIDGE` is not `SEAPRIDE`, `S-CAPE` not
/// `SAPA`), while a join that only respells as romanizations do stays one
/// name (`TAI LUNG`, `THAILONG`), through the index as by brute force.
#[test]
fn words_written_as_one_keep_their_letters() {
    let screener = Screener::new(
        vec![
            entity("v:seapride", Schema::Vessel, "SEAPRIDE", &[]),
            entity("o:sapa", Schema::Organization, "SAPA", &[]),
            entity("o:thailong", Schema::Organization, "THAILONG HOTEL", &[]),
        ],
        Vec::new(),
    );
    let vessel = Some(Schema::Vessel);
    let organization = Some(Schema::Organization);
    let respelled = screener.compare_names("ASIA BRIDGE", "SEAPRIDE", vessel);
    assert!(respelled < 0.7, "{respelled}");
    let respelled = screener.compare_names("S-CAPE LIMITED", "SAPA", organization);
    assert!(respelled < 0.7, "{respelled}");
    let romanized = screener.compare_names("TAI LUNG HOTEL", "THAILONG HOTEL", organization);
    assert!(romanized >= 0.85, "{romanized}");
    assert!(hits(&screener, &Query::name("Asia Bridge")).is_empty());
    assert_eq!(
        top(&screener, "Tai Lung Hotel").as_deref(),
        Some("o:thailong")
    );
}

/// A common word of an organization's name romanized from Russian,
/// Persian, Arabic or Turkish (`ZAVOD`, `KIMIYA`, `JAYSH`, `LOJISTIK`)
/// meets the English word its translation writes, through the index as
/// by brute force, and still meets its own spellings (`JEYSH`); a word
/// that is a body's own name (`TEJARAT`) has no translation.
#[test]
fn romanized_organization_words_are_their_english_words() {
    let screener = Screener::new(
        vec![
            entity(
                "o:dagdizel",
                Schema::Organization,
                "JOINT STOCK COMPANY DAGDIZEL PLANT",
                &[],
            ),
            entity(
                "o:trigron",
                Schema::Organization,
                "TRIGRON LOJISTIK KARGO LIMITED SIRKETI",
                &[],
            ),
            entity("o:tejarat", Schema::Organization, "BANK TEJARAT", &[]),
            entity(
                "o:walid",
                Schema::Organization,
                "KHALID BIN AL-WALID ARMY",
                &[],
            ),
            entity("o:adl", Schema::Organization, "JAYSH AL-ADL", &[]),
        ],
        Vec::new(),
    );
    assert_eq!(
        top(&screener, "AO Zavod Dagdizel").as_deref(),
        Some("o:dagdizel")
    );
    let organization = Some(Schema::Organization);
    let score = screener.compare_names(
        "TRIGRON CARGO LOGISTICS LTD.",
        "TRIGRON LOJISTIK KARGO LIMITED SIRKETI",
        organization,
    );
    assert!(score >= 0.8, "{score}");
    let score = screener.compare_names("TRADE BANK", "BANK TEJARAT", organization);
    assert!(score < 0.7, "{score}");
    assert_eq!(
        top(&screener, "Jaysh Khalid Ibn al Waleed").as_deref(),
        Some("o:walid")
    );
    assert_eq!(top(&screener, "JEYSH AL-ADL").as_deref(), Some("o:adl"));
}

/// Spanish, Portuguese and French words of armed groups' and companies'
/// names (`EJERCITO`, `FUERZAS ARMADAS REVOLUCIONARIAS`, `NUEVA`,
/// `INVERSIONES`) meet the English words they mean, through the index as
/// by brute force.
#[test]
fn spanish_organization_words_are_their_english_words() {
    let forces = "FUERZAS ARMADAS REVOLUCIONARIAS DE VORELIA";
    let screener = Screener::new(
        vec![
            entity("o:forces", Schema::Organization, forces, &[]),
            entity(
                "o:cartel",
                Schema::Organization,
                "CARTEL DE KASTOR NUEVA GENERACION",
                &[],
            ),
            entity("o:other", Schema::Organization, "VORELIA TRADING LLC", &[]),
        ],
        Vec::new(),
    );
    let organization = Some(Schema::Organization);
    let score = screener.compare_names(
        "Revolutionary Armed Forces of Vorelia",
        forces,
        organization,
    );
    assert!(score >= 0.8, "{score}");
    assert_eq!(
        top(&screener, "Revolutionary Armed Forces of Vorelia").as_deref(),
        Some("o:forces")
    );
    assert_eq!(
        top(&screener, "Kastor New Generation Cartel").as_deref(),
        Some("o:cartel")
    );
}

/// A state body named by what it does alone (`Central Bank`, `The
/// Ministry of Finance`) is no particular state's: it meets no listed
/// body that adds its country, through the index as by brute force. A
/// body's own word (`MELLI`) still names it without the country, and the
/// query that names the country meets it.
#[test]
fn a_state_function_alone_names_no_state_body() {
    let screener = Screener::new(
        vec![
            entity(
                "o:central",
                Schema::Organization,
                "CENTRAL BANK OF IRAN",
                &[],
            ),
            entity(
                "o:finance",
                Schema::Organization,
                "MINISTRY OF FINANCE OF THE RUSSIAN FEDERATION",
                &[],
            ),
            entity("o:velkor", Schema::Organization, "BANK VELKOR IRAN", &[]),
        ],
        Vec::new(),
    );
    for query in ["Central Bank", "The Ministry of Finance", "Bank"] {
        // `hits` also checks that the index finds what brute force does.
        let query = Query::name(query).with_type("organization").unwrap();
        assert!(hits(&screener, &query).is_empty(), "{query:?}");
    }
    assert_eq!(
        top(&screener, "Central Bank of Iran").as_deref(),
        Some("o:central")
    );
    assert_eq!(top(&screener, "Bank Velkor").as_deref(), Some("o:velkor"));
}

/// A country's adjective is its name (`IRANIAN` and `OF IRAN`, `LEBANESE`
/// and `OF LEBANON`), through the index as by brute force; another
/// country's adjective is not.
#[test]
fn a_country_adjective_meets_the_country_name() {
    let listed = "VELKOR SUPPLY AUTHORITY OF LEBANON";
    let screener = Screener::new(
        vec![
            entity("o:velkor", Schema::Organization, listed, &[]),
            entity("o:other", Schema::Organization, "KASTOR TRADING LLC", &[]),
        ],
        Vec::new(),
    );
    let organization = Some(Schema::Organization);
    let query = "Lebanese Velkor Supply Authority";
    let same = screener.compare_names(query, listed, organization);
    let other = screener.compare_names("Syrian Velkor Supply Authority", listed, organization);
    assert!(same >= 0.85, "{same}");
    assert!(other < same, "{other} {same}");
    assert_eq!(top(&screener, query).as_deref(), Some("o:velkor"));
}

/// A single letter of a name meets the same letter on the other side,
/// in a body's name (`T-RUBBER`) as in a person's (`John F Kennedy`): a
/// name written exactly as listed is found at full score.
#[test]
fn the_same_single_letter_pairs_with_itself() {
    let screener = Screener::new(
        vec![
            entity("t:rubber", Schema::Organization, "T-VORELRUB CO., LTD", &[]),
            entity("t:trading", Schema::Organization, "K VORELTRADE LLC", &[]),
            entity("p:kastor", Schema::Person, "KASTOR, Jon F", &[]),
            entity("p:other", Schema::Person, "KASTOR, Jon", &[]),
        ],
        Vec::new(),
    );
    assert_eq!(hits(&screener, &Query::name("T-VORELRUB")), ["t:rubber"]);
    assert_eq!(hits(&screener, &Query::name("K Voreltrade")), ["t:trading"]);
    let person = Some(Schema::Person);
    let exact = screener.compare_names("Jon F Kastor", "KASTOR, Jon F", person);
    let without = screener.compare_names("Jon Kastor", "KASTOR, Jon", person);
    assert!(exact >= without - 0.001, "{exact} {without}");
    let single = |name: &str| screener.compare_names(name, "T-VORELRUB CO., LTD", None);
    assert!(
        single("T-VORELRUB") > single("VORELRUB"),
        "the letter agrees"
    );
}
