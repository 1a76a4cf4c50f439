//! Names in Arabic and Hebrew script against their romanizations: consonant
//! skeletons, the article, compounds written as one or apart.

use super::*;

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

/// Arabic letters whose romanizations the lists write more ways than one:
/// ta marbuta, silent in a word alone and the `t` of a construct (`عصبة
/// الأنصار`, ASBAT AL-ANSAR), and `ظ`, written `th` in Iraqi names
/// (`كاظم`, KATHIM), through the index as by brute force; a `t` the
/// script does not write is another name.
#[test]
fn ta_marbuta_and_iraqi_th_meet_their_romanizations() {
    let screener = Screener::new(
        vec![
            entity("o:asbat", Schema::Organization, "ASBAT AL-ANSAR", &[]),
            entity("p:kathim", Schema::Person, "KATHIM, Rashid Taan", &[]),
            entity("p:other", Schema::Person, "PETROV, Ivan", &[]),
        ],
        Vec::new(),
    );
    let organization = Some(Schema::Organization);
    let score = screener.compare_names("عصبة الأنصار", "ASBAT AL-ANSAR", organization);
    assert!(score >= 0.75, "{score}");
    assert_eq!(top(&screener, "عصبة الأنصار").as_deref(), Some("o:asbat"));
    assert_eq!(
        top(&screener, "رشيد طعان كاظم").as_deref(),
        Some("p:kathim")
    );
    let score = screener.compare_names("عصب الأنصار", "ASBAT AL-ANSAR", organization);
    assert!(score < 0.7, "{score}");
}

/// An organization's name in Arabic script meets the English name the
/// lists give through the meaning of its common words (`الجماعة`, group;
/// `المسلحة`, armed), through the index as by brute force; its own words
/// must still agree (`شبکه حقانی`, the Haqqani network, is not another
/// network).
#[test]
fn common_words_of_an_organization_in_arabic_script_are_translated() {
    let screener = Screener::new(
        vec![
            entity("o:gia", Schema::Organization, "ARMED ISLAMIC GROUP", &[]),
            entity("o:hqn", Schema::Organization, "HAQQANI NETWORK", &[]),
            entity("o:other", Schema::Organization, "ZARQAWI NETWORK", &[]),
        ],
        Vec::new(),
    );
    assert_eq!(
        top(&screener, "الجماعة الاسلامية المسلحة").as_deref(),
        Some("o:gia")
    );
    assert_eq!(
        hits(&screener, &Query::name("شبکه حقانی")),
        vec!["o:hqn".to_string()]
    );
}

/// `شركة`, `شرکت` (company) in an organization's name in Arabic script is
/// the legal form the lists write in English: it pairs with `COMPANY` and
/// weighs as a form, through the index as by brute force.
#[test]
fn company_in_arabic_script_is_a_legal_form() {
    let listed = "NATIONAL IRAQI OIL COMPANY";
    let screener = Screener::new(
        vec![
            entity("o:oil", Schema::Organization, listed, &[]),
            entity("o:other", Schema::Organization, "ZARQAWI NETWORK", &[]),
        ],
        Vec::new(),
    );
    let organization = Some(Schema::Organization);
    let persian = screener.compare_names("شرکت ملی نفت عراق", listed, organization);
    let arabic = screener.compare_names("شركة نفط عراق", listed, organization);
    // 0.68 when the form was read as a word of the body's own
    assert!(persian >= 0.8, "{persian}");
    assert!(arabic >= 0.65, "{arabic}");
    assert_eq!(
        top(&screener, "شرکت ملی نفت عراق").as_deref(),
        Some("o:oil")
    );
}

/// A name joined to Allah is written as one word or two, with the vowel
/// between them `u`, `a` or `o` (`Vorelullah`, `VOREL ALLAH`,
/// `Vorelollah`), through the index as by brute force; another name
/// before Allah is another name.
#[test]
fn a_name_joined_to_allah_meets_it_written_apart() {
    let screener = Screener::new(
        vec![
            entity("o:vorel", Schema::Organization, "VOREL ALLAH", &[]),
            entity("p:kastor", Schema::Person, "KASTOR ALLAH, Jon", &[]),
            entity("o:other", Schema::Organization, "VORELIA TRADING", &[]),
        ],
        Vec::new(),
    );
    for written in ["Vorelullah", "Vorelallah", "Vorelollah"] {
        assert_eq!(
            top(&screener, written).as_deref(),
            Some("o:vorel"),
            "{written}"
        );
    }
    assert_eq!(
        top(&screener, "Jon Kastorullah").as_deref(),
        Some("p:kastor")
    );
    assert!(hits(&screener, &Query::name("Vorkelullah")).is_empty());
}
