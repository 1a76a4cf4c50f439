//! The common words of organizations' names in the languages the lists
//! romanize, met by the English word their translations write: a body
//! listed as `ZAVOD DAGDIZEL` is also `DAGDIZEL PLANT`, `MIDDLE EAST
//! KIMIYA PARS` is `MIDDLE EAST PARS CHEMICAL`, `TRIGRON LOJISTIK` is
//! `TRIGRON LOGISTICS`.
//!
//! The words are those of the kind of body or its trade (plant, chemical,
//! industry, logistics, engineering; army, movement, front, brigade),
//! romanized from Russian, Persian, Arabic and Turkish as the OFAC and UN
//! lists write them, and the Spanish, Portuguese and French words of
//! armed groups and companies that are more than a typo from their English
//! word (`EJERCITO`, `FUERZAS ARMADAS`, `NUEVA`, `INVERSIONES`). Each word keeps its letters, so that its spellings
//! (`JAYSH`, `JEYSH`) and its script (`حرکت`, `HARAKAT`) still meet it;
//! the translation is one more way for two words to agree
//! ([`english_key`]). Words that are often a body's own name (Persian
//! `Tejarat`, trade, of BANK TEJARAT; `Naft`, oil; Russian `Sistema`) keep
//! their letters: read as a generic word, they would leave the name
//! nothing of its own. `Kombinat` keeps its letters too: the lists
//! abbreviate it (`LGOK`, Lebedinskiy Gorno-Obogatitelniy Kombinat), and
//! an acronym reads the words' first letters.

use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

/// Similarity of a romanized organization word and its English word, or
/// of two words of one English word (`ZAVOD`, `PLANT`): one meaning, said
/// in two languages.
pub const TRANSLATION_SIMILARITY: f32 = 0.9;

/// The English word a word of an organization's name means, when it is
/// one of [`TRANSLATIONS`]: the English word itself (`plant`), or a word
/// of another language (`zavod`); for a country's name, its adjective
/// (`iran`: `iranian`, `super::country_words::adjective_of`); for a word
/// of filiation, what it means (`ould`, `bin`: `son`,
/// `super::roles::filiation_meaning`); `None` for other words.
pub(crate) fn english_key(word: &str) -> Option<&'static str> {
    static KEYS: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    let keys = KEYS.get_or_init(|| {
        let mut keys = HashMap::default();
        for &(english, forms) in TRANSLATIONS {
            keys.insert(english, english);
            for &form in forms {
                keys.insert(form, english);
            }
        }
        keys
    });
    keys.get(word)
        .copied()
        .or_else(|| super::country_words::adjective_of(word))
        .or_else(|| super::roles::filiation_meaning(word))
}

/// Each English word with its forms romanized from Russian, Persian,
/// Arabic and Turkish, and as Spanish, Portuguese and French write it
/// where the spelling is more than a typo away.
const TRANSLATIONS: &[(&str, &[&str])] = &[
    // Russian zavod, fabrika; English factory
    ("plant", &["zavod", "fabrika", "factory"]),
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
            // Russian
            "investitsionnaya",
            "investitsionnyy",
            "investitsionnyi",
            "investitsionnoe",
            // Spanish, Portuguese, French
            "inversiones",
            "inversion",
            "investimentos",
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
            // Spanish, Portuguese, French
            "construcciones",
            "constructora",
            "construcoes",
            "construtora",
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
            // Spanish, Portuguese, French
            "comercializadora",
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
    // Persian kashtirani, Russian sudokhodnaya
    (
        "shipping",
        &[
            "kashtirani",
            "sudokhodnaya",
            "sudokhodnaia",
            "sudokhodnoe",
            "sudokhodnoye",
        ],
    ),
    ("development", &["tosee", "toseeh"]),
    // Persian bonyad; Spanish, Portuguese, French
    (
        "foundation",
        &["bonyad", "fundacion", "fundacao", "fondation"],
    ),
    // Persian sazman, Arabic tanzim
    ("organization", &["sazman", "sazeman", "tanzim"]),
    // Persian vezarat; Russian, Spanish, Portuguese, French
    (
        "ministry",
        &["vezarat", "ministerstvo", "ministerio", "ministere"],
    ),
    // Arabic, as the names of armed groups write it, then Spanish,
    // Portuguese, French, Russian
    ("army", &["jaysh", "jaish", "ejercito", "exercito", "armee"]),
    (
        "movement",
        &[
            "harakat",
            "harakah",
            "haraka",
            // Spanish, Portuguese, French
            "movimiento",
            "movimento",
            "mouvement",
        ],
    ),
    ("front", &["jabhat", "jabhah", "jabha", "frente"]),
    ("party", &["hizb", "partido", "parti", "partiya"]),
    ("brigades", &["kataib", "katibat"]),
    ("brigade", &["liwa", "liwaa"]),
    // Turkish
    ("trade", &["ticaret"]),
    // Spanish, Portuguese and French: the armed groups and companies of
    // Latin America and Africa (`EJERCITO DE LIBERACION NACIONAL`,
    // `FUERZAS ARMADAS REVOLUCIONARIAS DE COLOMBIA`, `INVERSIONES ...`)
    ("forces", &["fuerzas", "forcas", "force", "fuerza", "forca"]),
    (
        "armed",
        &["armadas", "armados", "armada", "armado", "armees"],
    ),
    (
        "revolutionary",
        &[
            "revolucionarias",
            "revolucionarios",
            "revolucionaria",
            "revolucionario",
            "revolutionnaire",
            "revolutionnaires",
        ],
    ),
    ("united", &["unidas", "unidos", "unies", "unis"]),
    (
        "new",
        &["nueva", "nuevo", "novo", "nova", "nouvelle", "nouveau"],
    ),
    ("bank", &["banco", "banque", "banca"]),
    ("group", &["grupo", "groupe"]),
    ("people", &["pueblo", "povo", "peuple"]),
    (
        "workers",
        &["trabajadores", "trabalhadores", "travailleurs"],
    ),
    ("mining", &["minera", "minero", "mineira", "mineracao"]),
    // Arabic
    ("brotherhood", &["ikhwan"]),
    // Russian, as the names of Russian and Belarusian companies write it
    (
        "management",
        &[
            "upravlyayushchaya",
            "upravlyayushchiy",
            "upravlyayushchii",
            "upravlyayushchaia",
            "managing",
        ],
    ),
    ("holding", &["kholding", "kholdinga", "kholdingovaya"]),
    (
        "repair",
        &[
            "remontnyi",
            "remontnyy",
            "remontny",
            "remontnaya",
            "remontnoe",
        ],
    ),
    (
        "battery",
        &["akkumulyatornyi", "akkumulyatornyy", "akkumulyatorny"],
    ),
    ("insurance", &["strakhovaya", "strakhovoy", "bimeh"]),
    ("captain", &["kapitan"]),
    // Persian
    ("steel", &["folad", "foolad", "fulad"]),
    ("petrochemical", &["petroshimi"]),
    ("cooperative", &["taavon", "taavoni"]),
    ("east", &["shargh", "sharq", "sharqi"]),
    // English words the lists write for the words of names in Arabic
    // script (module `script_org_words`), and the English synonym of one
    // (`LIBYAN ISLAMIC FIGHTING GROUP`, `MOROCCAN ISLAMIC COMBATANT GROUP`)
    ("fighting", &["combatant"]),
    ("islamic", &[]),
    ("emigrants", &[]),
    ("supporters", &[]),
    ("society", &[]),
    ("revival", &[]),
    ("heritage", &[]),
    ("peninsula", &[]),
    ("arabian", &[]),
    ("levant", &[]),
    ("unification", &[]),
    ("west", &[]),
    ("africa", &[]),
    ("office", &[]),
    ("exchange", &[]),
    ("state", &[]),
    ("network", &[]),
    ("guard", &[]),
    ("national", &[]),
    ("oil", &[]),
    ("in", &[]),
    ("and", &[]),
    ("of", &[]),
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
        assert_eq!(english_key("sudokhodnaya"), Some("shipping"));
        assert_eq!(english_key("kapitan"), Some("captain"));
        assert_eq!(english_key("zavod"), Some("plant"));
        assert_eq!(english_key("kimiya"), Some("chemical"));
        assert_eq!(english_key("lojistik"), Some("logistics"));
        assert_eq!(english_key("jaysh"), Some("army"));
        assert_eq!(english_key("sepah"), None, "the name of BANK SEPAH");
        assert_eq!(english_key("tejarat"), None, "the name of BANK TEJARAT");
        assert_eq!(english_key("rosneft"), None);
    }
}
