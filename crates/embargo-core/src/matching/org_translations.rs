//! The common words of organizations' names in the languages the lists
//! romanize, read as the English word their translations write: a body
//! listed as `ZAVOD DAGDIZEL` is also `DAGDIZEL PLANT`, `MIDDLE EAST
//! KIMIYA PARS` is `MIDDLE EAST PARS CHEMICAL`, `TRIGRON LOJISTIK` is
//! `TRIGRON LOGISTICS`.
//!
//! The words are those of the kind of body or its trade (plant, chemical,
//! industry, logistics, engineering), romanized from Russian, Persian and
//! Turkish as the OFAC and UN lists write them, and only in names that may
//! be an organization's. Words that are often a body's own name (Persian
//! `Tejarat`, trade, of BANK TEJARAT; `Naft`, oil; Russian `Sistema`) keep
//! their letters: read as a generic word, they would leave the name
//! nothing of its own. `Kombinat` keeps its letters too: the lists
//! abbreviate it (`LGOK`, Lebedinskiy Gorno-Obogatitelniy Kombinat), and
//! an acronym reads the words' first letters.

/// The English word for a romanized organization word, or `None`.
pub(crate) fn in_english(word: &str) -> Option<&'static str> {
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
    fn common_words_are_read_in_english_and_names_are_not() {
        assert_eq!(in_english("zavod"), Some("plant"));
        assert_eq!(in_english("kimiya"), Some("chemical"));
        assert_eq!(in_english("lojistik"), Some("logistics"));
        assert_eq!(in_english("tejarat"), None, "the name of BANK TEJARAT");
        assert_eq!(in_english("rosneft"), None);
    }
}
