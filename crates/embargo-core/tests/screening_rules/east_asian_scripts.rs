//! Names in Han, Hangul, katakana and Myanmar script, and Chinese names in
//! Wade–Giles.

use super::*;

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

/// English spellings of Korean names write `oo` for `u` and `ee` for `i`
/// (`Moon`, `Yoon`): the Hangul name, read `mun`, `yun`, finds them,
/// through the index as by brute force; another vowel stays another name.
#[test]
fn doubled_vowels_of_korean_names_are_one_vowel() {
    let screener = Screener::new(
        vec![
            entity("p:moon", Schema::Person, "MOON, Jae In", &[]),
            entity("p:yoon", Schema::Person, "YOON, Suk Yeol", &[]),
            entity("p:other", Schema::Person, "PETROV, Ivan", &[]),
        ],
        Vec::new(),
    );
    assert_eq!(top(&screener, "문재인").as_deref(), Some("p:moon"));
    assert_eq!(top(&screener, "윤석열").as_deref(), Some("p:yoon"));
    assert_eq!(top(&screener, "Mun Jae-in").as_deref(), Some("p:moon"));
    assert_eq!(top(&screener, "만재인"), None, "man is not mun");
}

/// McCune–Reischauer writes plain initials where Revised Romanization
/// writes voiced ones, `ch` for `j` (`Ho-Chin`, `HO-JIN`; `Cha-hyong`, `JA
/// HYONG`) and `k` for `g`, and `u`, `o` for `eu`, `eo` (`Kun`, `GEUN`):
/// one syllable, through the index as by brute force.
#[test]
fn mccune_reischauer_initials_are_revised_ones() {
    let screener = Screener::new(
        vec![
            entity("p:yun", Schema::Person, "YUN, Ho-Jin", &[]),
            entity("p:ku", Schema::Person, "KU, Ja Hyong", &[]),
            entity("p:bae", Schema::Person, "BAE, Geun Dong", &[]),
            entity("p:other", Schema::Person, "PETROV, Ivan", &[]),
        ],
        Vec::new(),
    );
    assert_eq!(top(&screener, "Ho-Chin YUN").as_deref(), Some("p:yun"));
    assert_eq!(top(&screener, "Cha-hyo'ng KU").as_deref(), Some("p:ku"));
    assert_eq!(top(&screener, "Pae Kun Tong").as_deref(), Some("p:bae"));
    assert!(hits(&screener, &Query::name("Ho-Chan YUN")).is_empty());
    assert!(hits(&screener, &Query::name("Pae Kan Tong")).is_empty());
}

/// A Burmese name in Myanmar script, written without spaces between its
/// syllables, is read syllable by syllable as its romanization writes it
/// (`မင်းအောင်လှိုင်`, MIN AUNG HLAING; `သန်းရွှေ`, THAN SHWE), through the
/// index as by brute force; another name's syllables find nothing.
#[test]
fn burmese_names_are_read_by_syllable() {
    let screener = Screener::new(
        vec![
            entity("p:min", Schema::Person, "MIN AUNG HLAING", &[]),
            entity("p:than", Schema::Person, "THAN SHWE", &[]),
            entity("p:other", Schema::Person, "PETROV, Ivan", &[]),
        ],
        Vec::new(),
    );
    assert_eq!(top(&screener, "မင်းအောင်လှိုင်").as_deref(), Some("p:min"));
    assert_eq!(top(&screener, "သန်းရွှေ").as_deref(), Some("p:than"));
    assert!(hits(&screener, &Query::name("သိန်းစိန်")).is_empty());
}

/// A company's name in Chinese or Korean writes its legal form, trade and
/// country joined to its own name (`华为技术有限公司`, `조선광선은행`): they
/// are read as the English words the lists write, the rest as its
/// script, through the index as by brute force; a short name of unknown
/// kind may be a person's and stays whole (`조선영`).
#[test]
fn chinese_and_korean_company_words_are_read_apart() {
    let screener = Screener::new(
        vec![
            entity(
                "o:hw",
                Schema::Organization,
                "HUAWEI TECHNOLOGIES CO., LTD.",
                &[],
            ),
            entity(
                "o:kw",
                Schema::Organization,
                "KOREA KWANGSON BANKING CORP",
                &[],
            ),
            entity("p:yeong", Schema::Person, "KOREA, Yeong", &[]),
            entity("p:other", Schema::Person, "PETROV, Ivan", &[]),
        ],
        Vec::new(),
    );
    assert_eq!(top(&screener, "华为技术有限公司").as_deref(), Some("o:hw"));
    assert_eq!(top(&screener, "조선광선은행").as_deref(), Some("o:kw"));
    assert!(hits(&screener, &Query::name("조선영")).is_empty());
}

/// A Western name in Hangul drops the vowel Korean adds after a
/// consonant and reads `ㅂ`, `ㅍ` as `v`, `f` too (`블라디미르 푸틴`,
/// Vladimir Putin; `라브로프`, Lavrov), through the index as by brute
/// force; a Korean name keeps its reading.
#[test]
fn western_names_in_hangul_meet_their_latin_form() {
    let screener = Screener::new(
        vec![
            entity("p:putin", Schema::Person, "PUTIN, Vladimir", &[]),
            entity("p:lavrov", Schema::Person, "LAVROV, Sergei", &[]),
            entity("p:other", Schema::Person, "PETROV, Ivan", &[]),
        ],
        Vec::new(),
    );
    assert_eq!(
        top(&screener, "블라디미르 푸틴").as_deref(),
        Some("p:putin")
    );
    assert_eq!(
        top(&screener, "세르게이 라브로프").as_deref(),
        Some("p:lavrov")
    );
    assert!(hits(&screener, &Query::name("세르게이 라브로비치")).is_empty());
}

/// Popular spellings of Korean syllables meet the McCune–Reischauer ones
/// of the lists: a vowel syllable with its glide or `h` (`Woo` for `U`,
/// `Oh` for `O`), `oo` for `u` beside a plain initial (`Boo` for `Pu`),
/// through the index as by brute force.
#[test]
fn popular_korean_syllables_meet_the_lists_spellings() {
    let screener = Screener::new(
        vec![
            entity("p:cho", Schema::Person, "CHO, Il U", &[]),
            entity("p:choe", Schema::Person, "CH'OE, Pu Il", &[]),
            entity("p:o", Schema::Person, "O, Song Chol", &[]),
            entity("p:other", Schema::Person, "CHO, Il Nam", &[]),
        ],
        Vec::new(),
    );
    let person = |name: &str| match Query::name(name).with_type("person") {
        Ok(query) => hits(&screener, &query),
        Err(error) => panic!("{error}"),
    };
    assert_eq!(
        person("Cho Il Woo").first().map(String::as_str),
        Some("p:cho")
    );
    assert_eq!(
        person("Choi Boo Il").first().map(String::as_str),
        Some("p:choe")
    );
    assert_eq!(
        person("Oh Sung Chol").first().map(String::as_str),
        Some("p:o")
    );
}
