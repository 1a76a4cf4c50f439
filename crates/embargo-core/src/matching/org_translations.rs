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
/// one of this table's: the English word itself (`plant`), or the word of
/// another language (`zavod`); `None` for other words.
pub(crate) fn english_key(word: &str) -> Option<&'static str> {
    in_english(word).or_else(|| {
        ENGLISH_WORDS
            .iter()
            .copied()
            .find(|&english| english == word)
    })
}

/// Every English word of [`in_english`]'s table.
const ENGLISH_WORDS: &[&str] = &[
    "plant",
    "technology",
    "investment",
    "engineering",
    "construction",
    "trading",
    "electronics",
    "system",
    "center",
    "institute",
    "university",
    "chemical",
    "logistics",
    "industry",
    "shipping",
    "development",
    "foundation",
    "organization",
    "ministry",
    "army",
    "movement",
    "front",
    "party",
    "brigades",
    "brigade",
    "trade",
];

/// The English word for a romanized organization word, or `None`.
fn in_english(word: &str) -> Option<&'static str> {
    Some(match word {
        // Russian
        "zavod" => "plant",
        "tekhnologii" | "tekhnologiya" | "tekhnolodzhi" | "tekhnolodzhiz" => "technology",
        "investitsionnaya" | "investitsionnyy" | "investitsionnyi" | "investitsionnoe" => {
            "investment"
        }
        "inzhenernaya" | "inzhenernyy" | "inzhenernyi" | "inzhiniring" => "engineering",
        "stroitelnaya" | "stroitelnyy" | "stroitelnyi" | "stroitelstvo" => "construction",
        "torgovaya" | "torgovyy" | "torgovyi" | "torgovy" => "trading",
        "elektronika" => "electronics",
        "sistemy" => "system",
        "tsentr" => "center",
        "institut" => "institute",
        "universitet" => "university",
        "khimicheskiy" | "khimicheskii" | "khimicheskaya" => "chemical",
        "logistika" => "logistics",
        // Persian
        "shimi" | "shimiaei" | "kimia" | "kimiya" | "kimiaye" | "kimiyaye" => "chemical",
        "sanaye" | "sanayeh" => "industry",
        "kashtirani" => "shipping",
        "sakhtemani" => "construction",
        "mohandesi" => "engineering",
        "tosee" | "toseeh" => "development",
        "bazargani" => "trading",
        "bonyad" => "foundation",
        "sazman" | "sazeman" => "organization",
        "vezarat" => "ministry",
        // Arabic, as the names of armed groups write it
        "jaysh" | "jaish" => "army",
        "harakat" | "harakah" | "haraka" => "movement",
        "jabhat" | "jabhah" | "jabha" => "front",
        "hizb" => "party",
        "tanzim" => "organization",
        "kataib" | "katibat" => "brigades",
        "liwa" | "liwaa" => "brigade",
        // Turkish
        "sanayi" => "industry",
        "ticaret" => "trade",
        "lojistik" => "logistics",
        "teknoloji" => "technology",
        "muhendislik" => "engineering",
        "elektronik" => "electronics",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_english_word_is_a_key_of_its_own() {
        for english in ENGLISH_WORDS {
            assert_eq!(english_key(english), Some(*english));
        }
        assert_eq!(english_key("zavod"), Some("plant"));
        assert_eq!(english_key("rosneft"), None);
    }

    #[test]
    fn common_words_are_read_in_english_and_names_are_not() {
        assert_eq!(in_english("zavod"), Some("plant"));
        assert_eq!(in_english("kimiya"), Some("chemical"));
        assert_eq!(in_english("lojistik"), Some("logistics"));
        assert_eq!(in_english("jaysh"), Some("army"));
        assert_eq!(in_english("sepah"), None, "the name of BANK SEPAH");
        assert_eq!(in_english("tejarat"), None, "the name of BANK TEJARAT");
        assert_eq!(in_english("rosneft"), None);
    }
}
