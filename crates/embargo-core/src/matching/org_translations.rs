//! The common words of organizations' names in the languages the lists
//! romanize, met by the English word their translations write: a body
//! listed as `ZAVOD DAGDIZEL` is also `DAGDIZEL PLANT`, `MIDDLE EAST
//! KIMIYA PARS` is `MIDDLE EAST PARS CHEMICAL`, `TRIGRON LOJISTIK` is
//! `TRIGRON LOGISTICS`.
//!
//! The words are those of the kind of body or its trade (plant, chemical,
//! industry, logistics, engineering; army, movement, front, brigade),
//! romanized from Russian, Persian, Arabic and Turkish as the OFAC and UN
//! lists write them. Each word keeps its letters, so that its spellings
//! (`JAYSH`, `JEYSH`) and its script (`حرکت`, `HARAKAT`) still meet it;
//! the translation is one more way for two words to agree
//! ([`english_key`]). Words that are often a body's own name (Persian
//! `Tejarat`, trade, of BANK TEJARAT; `Naft`, oil; Russian `Sistema`) keep
//! their letters: read as a generic word, they would leave the name
//! nothing of its own. `Kombinat` keeps its letters too: the lists
//! abbreviate it (`LGOK`, Lebedinskiy Gorno-Obogatitelniy Kombinat), and
//! an acronym reads the words' first letters.

/// Similarity of a romanized organization word and its English word, or
/// of two words of one English word (`ZAVOD`, `PLANT`): one meaning, said
/// in two languages.
pub const TRANSLATION_SIMILARITY: f32 = 0.9;

/// The English word a word of an organization's name means, when it is
/// one of [`TRANSLATIONS`]: the English word itself (`plant`), or a word
/// of another language (`zavod`); `None` for other words.
pub(crate) fn english_key(word: &str) -> Option<&'static str> {
    TRANSLATIONS
        .iter()
        .find(|(english, forms)| *english == word || forms.contains(&word))
        .map(|(english, _)| *english)
}

/// Each English word with its forms romanized from Russian, Persian,
/// Arabic and Turkish.
const TRANSLATIONS: &[(&str, &[&str])] = &[
    ("plant", &["zavod"]),
    (
        "technology",
        &[
            // Russian
            "tekhnologii",
            "tekhnologiya",
            "tekhnolodzhi",
            "tekhnolodzhiz",
            // Turkish
            "teknoloji",
        ],
    ),
    (
        "investment",
        &[
            "investitsionnaya",
            "investitsionnyy",
            "investitsionnyi",
            "investitsionnoe",
        ],
    ),
    (
        "engineering",
        &[
            // Russian
            "inzhenernaya",
            "inzhenernyy",
            "inzhenernyi",
            "inzhiniring",
            // Persian
            "mohandesi",
            // Turkish
            "muhendislik",
        ],
    ),
    (
        "construction",
        &[
            // Russian
            "stroitelnaya",
            "stroitelnyy",
            "stroitelnyi",
            "stroitelstvo",
            // Persian
            "sakhtemani",
        ],
    ),
    (
        "trading",
        &[
            // Russian
            "torgovaya",
            "torgovyy",
            "torgovyi",
            "torgovy",
            // Persian
            "bazargani",
        ],
    ),
    ("electronics", &["elektronika", "elektronik"]),
    ("system", &["sistemy"]),
    ("center", &["tsentr"]),
    ("institute", &["institut"]),
    ("university", &["universitet"]),
    (
        "chemical",
        &[
            // Russian
            "khimicheskiy",
            "khimicheskii",
            "khimicheskaya",
            // Persian
            "shimi",
            "shimiaei",
            "kimia",
            "kimiya",
            "kimiaye",
            "kimiyaye",
        ],
    ),
    ("logistics", &["logistika", "lojistik"]),
    // Persian sanaye, Turkish sanayi
    ("industry", &["sanaye", "sanayeh", "sanayi"]),
    ("shipping", &["kashtirani"]),
    ("development", &["tosee", "toseeh"]),
    ("foundation", &["bonyad"]),
    // Persian sazman, Arabic tanzim
    ("organization", &["sazman", "sazeman", "tanzim"]),
    ("ministry", &["vezarat"]),
    // Arabic, as the names of armed groups write it
    ("army", &["jaysh", "jaish"]),
    ("movement", &["harakat", "harakah", "haraka"]),
    ("front", &["jabhat", "jabhah", "jabha"]),
    ("party", &["hizb"]),
    ("brigades", &["kataib", "katibat"]),
    ("brigade", &["liwa", "liwaa"]),
    // Turkish
    ("trade", &["ticaret"]),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_english_word_is_a_key_of_its_own() {
        for (english, _) in TRANSLATIONS {
            assert_eq!(english_key(english), Some(*english));
        }
        assert_eq!(english_key("zavod"), Some("plant"));
        assert_eq!(english_key("rosneft"), None);
    }

    #[test]
    fn common_words_are_read_in_english_and_names_are_not() {
        assert_eq!(english_key("zavod"), Some("plant"));
        assert_eq!(english_key("kimiya"), Some("chemical"));
        assert_eq!(english_key("lojistik"), Some("logistics"));
        assert_eq!(english_key("jaysh"), Some("army"));
        assert_eq!(english_key("sepah"), None, "the name of BANK SEPAH");
        assert_eq!(english_key("tejarat"), None, "the name of BANK TEJARAT");
        assert_eq!(english_key("rosneft"), None);
    }
}
