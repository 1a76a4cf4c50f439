//! Words of an organization's name that say which country it belongs to:
//! a country's name or its people's adjective (`SBERBANK OF RUSSIA`,
//! `BANK MELLI IRAN`, `LEBANESE HEZBOLLAH`, `SYRIAN ARAB AIRLINES`).
//!
//! Writers drop them (`Sberbank`, `Bank Melli`, `Hezbollah`), so one the
//! other name lacks costs a share of its weight ([`COUNTRY_WORD_SHARE`]),
//! as a generic organization word does (module `org_words`); but when
//! each name names a country the other does not (`Central Bank of Syria`,
//! `CENTRAL BANK OF IRAN`), they are two bodies, and both words cost in
//! full. Country names come from the country table
//! ([`crate::model::one_word_country_names`]), adjectives from [`ADJECTIVES`],
//! continents from [`REGIONS`].

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

use super::tokens::NameStyle;
use crate::model::{country_names, one_word_country_names};

/// Share of its weight a country word the other name lacks costs, when the
/// other name names no other country.
pub const COUNTRY_WORD_SHARE: f32 = 0.3;

/// The English adjectives of the countries whose bodies the lists name,
/// and the romanized Russian ones the lists write (sorted).
const ADJECTIVES: &[&str] = &[
    "afghan",
    "albanian",
    "algerian",
    "american",
    "angolan",
    "armenian",
    "azerbaijani",
    "bahraini",
    "belarusian",
    "bosnian",
    "british",
    "burmese",
    "burundian",
    "cambodian",
    "chinese",
    "congolese",
    "croatian",
    "cuban",
    "cypriot",
    "egyptian",
    "emirati",
    "eritrean",
    "ethiopian",
    "french",
    "georgian",
    "german",
    "guinean",
    "haitian",
    "indian",
    "indonesian",
    "iranian",
    "iraqi",
    "israeli",
    "italian",
    "ivorian",
    "japanese",
    "jordanian",
    "kazakh",
    "kenyan",
    "korean",
    "kosovar",
    "kuwaiti",
    "kyrgyz",
    "lebanese",
    "liberian",
    "libyan",
    "malaysian",
    "malian",
    "mexican",
    "moldovan",
    "mongolian",
    "montenegrin",
    "moroccan",
    "nicaraguan",
    "nigerian",
    "omani",
    "pakistani",
    "palestinian",
    "panamanian",
    "philippine",
    "qatari",
    "rossiyskaya",
    "rossiyskiy",
    "russian",
    "rwandan",
    "saudi",
    "serbian",
    "singaporean",
    "somali",
    "sudanese",
    "syrian",
    "tajik",
    "tanzanian",
    "thai",
    "tunisian",
    "turkish",
    "turkmen",
    "ugandan",
    "ukrainian",
    "uzbek",
    "venezuelan",
    "vietnamese",
    "yemeni",
    "zimbabwean",
];

/// Continents and regions that organizations' names give as a country
/// (`GARANTEX EUROPE OU`, `AL-QA'IDA IN THE ARABIAN PENINSULA` aside).
const REGIONS: &[&str] = &[
    "africa", "african", "asia", "asian", "eurasia", "europe", "european",
];

/// Shortest country word: shorter words are codes (`AL`, `DE`, `IN`) that
/// the country table also reads as countries.
const MIN_COUNTRY_WORD_BYTES: usize = 3;

/// True for a lower-case word that is a country's one-word name (`iran`,
/// `syria`, `myanmar`) or its people's adjective (`lebanese`), or a
/// continent: one set lookup, built on first use.
pub(crate) fn names_a_country(word: &str) -> bool {
    static WORDS: OnceLock<HashSet<String>> = OnceLock::new();
    let words = WORDS.get_or_init(|| {
        one_word_country_names()
            .filter(|name| name.is_ascii())
            .map(str::to_ascii_lowercase)
            .chain(
                ADJECTIVES
                    .iter()
                    .chain(REGIONS)
                    .map(|word| word.to_string()),
            )
            .filter(|word| word.len() >= MIN_COUNTRY_WORD_BYTES)
            .collect()
    });
    word.len() >= MIN_COUNTRY_WORD_BYTES && words.contains(word)
}

/// Each word of each country's names as names are tokenized, with the
/// country's code (`RU`: `russian`, `federation`): what the tables below
/// are built from, once each.
fn country_name_words() -> impl Iterator<Item = (&'static str, String)> {
    country_names().flat_map(|(code, name)| {
        super::tokens::tokenize(name, NameStyle::Organization)
            .into_iter()
            .map(move |token| (code, token.text))
    })
}

/// Endings that make a country's adjective of its name or of its stem
/// (`iran`+`ian`, `syri`+`an`, `chin`+`ese`, `iraq`+`i`, `montenegr`+`in`).
const ADJECTIVE_ENDINGS: [&str; 9] = ["", "an", "ian", "n", "ese", "i", "ish", "in", "ar"];

/// What a country's one-word name may lose before an adjective ending:
/// nothing, a final vowel (`russia`, `morocco`), `-on` (`lebanon`),
/// `-istan`/`-stan` (`afghanistan`, `kazakhstan`), `-land` (`thailand`),
/// a plural `-s` (`philippines`).
fn country_stems(country: &str) -> impl Iterator<Item = &str> {
    let final_vowel = country
        .strip_suffix(['a', 'e', 'i', 'o', 'u', 'y'])
        .into_iter();
    let endings = ["on", "istan", "stan", "land", "s"]
        .into_iter()
        .filter_map(move |ending| country.strip_suffix(ending));
    std::iter::once(country).chain(final_vowel).chain(endings)
}

/// The adjective of [`ADJECTIVES`] a lower-case word means when it is a
/// country's one-word name or a word of a longer one (`iran`: `iranian`,
/// `lebanon`: `lebanese`, `korea`: `korean`) or
/// that adjective itself, so that `IRANIAN CENTRAL BANK` meets `CENTRAL
/// BANK OF IRAN`; `None` for other words. A name whose adjective also
/// fits a longer name is left to the longer one (`Nigerian` is Nigeria's,
/// not Niger's).
pub(crate) fn adjective_of(word: &str) -> Option<&'static str> {
    static ADJECTIVE_OF: OnceLock<HashMap<String, &'static str>> = OnceLock::new();
    let table = ADJECTIVE_OF.get_or_init(|| {
        // one-word names, and the words of longer ones (`korea` of `Korea,
        // Republic of`)
        let mut countries: Vec<String> = one_word_country_names()
            .filter(|name| name.is_ascii())
            .map(str::to_ascii_lowercase)
            .chain(country_name_words().map(|(_, word)| word))
            .filter(|name| name.len() >= MIN_COUNTRY_WORD_BYTES)
            .collect();
        countries.sort_unstable();
        countries.dedup();
        let mut table: HashMap<String, &'static str> = HashMap::default();
        for &adjective in ADJECTIVES {
            let fits = |country: &String| {
                country != adjective
                    && country_stems(country).any(|stem| {
                        ADJECTIVE_ENDINGS
                            .iter()
                            .any(|ending| adjective.strip_suffix(ending) == Some(stem))
                    })
            };
            let fitting: Vec<&String> = countries.iter().filter(|c| fits(c)).collect();
            for &country in &fitting {
                let longer_fits = fitting.iter().any(|other| {
                    other.len() > country.len() && other.starts_with(country.as_str())
                });
                if !longer_fits {
                    table.insert(country.clone(), adjective);
                }
            }
            table.insert(adjective.to_string(), adjective);
        }
        table
    });
    table.get(word).copied()
}

/// True for a lower-case word of countries' long names as names are
/// tokenized, a word of the names of two countries or more (`democratic`,
/// `peoples`, `republic`, `islamic`, `arab`), or a country
/// word ([`names_a_country`]): a name of such words alone names a country
/// (`Democratic People's Republic of Korea`, `Islamic Republic of Iran`). A word
/// of one country's name only is that country's own (`bank` of `West
/// Bank`, `central` of `Central African Republic`), and names bodies too.
pub(crate) fn in_a_country_name(word: &str) -> bool {
    static WORDS: OnceLock<HashSet<String>> = OnceLock::new();
    let words = WORDS.get_or_init(|| {
        let mut countries_of: HashMap<String, HashSet<&str>> = HashMap::default();
        for (code, word) in country_name_words() {
            countries_of.entry(word).or_default().insert(code);
        }
        countries_of
            .into_iter()
            .filter(|(_, codes)| codes.len() >= 2)
            .map(|(word, _)| word)
            .collect()
    });
    words.contains(word) || names_a_country(word)
}

/// True for a lower-case word of any country's name as names are
/// tokenized (`russian` and `federation` of `Russian Federation`), or a
/// country word ([`names_a_country`]): what a listed state body's name
/// adds to say whose it is (`MINISTRY OF DEFENSE OF THE RUSSIAN
/// FEDERATION`).
pub(crate) fn in_any_country_name(word: &str) -> bool {
    static WORDS: OnceLock<HashSet<String>> = OnceLock::new();
    let words = WORDS.get_or_init(|| country_name_words().map(|(_, word)| word).collect());
    words.contains(word) || names_a_country(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_country_name_means_its_adjective() {
        for (country, adjective) in [
            ("iran", "iranian"),
            ("syria", "syrian"),
            ("russia", "russian"),
            ("lebanon", "lebanese"),
            ("afghanistan", "afghan"),
            ("iraq", "iraqi"),
            ("thailand", "thai"),
            ("nigeria", "nigerian"),
            ("korea", "korean"),
        ] {
            assert_eq!(adjective_of(country), Some(adjective), "{country}");
            assert_eq!(adjective_of(adjective), Some(adjective), "{adjective}");
        }
        assert_eq!(adjective_of("niger"), None, "Nigerian is Nigeria's");
        assert_eq!(adjective_of("bank"), None);
    }

    #[test]
    fn adjectives_are_sorted_for_the_search() {
        assert!(ADJECTIVES.windows(2).all(|pair| pair[0] < pair[1]));
    }

    #[test]
    fn words_of_long_country_names_are_read_as_the_tokenizer_writes_them() {
        for word in [
            "democratic",
            "peoples",
            "republic",
            "korea",
            "islamic",
            "syrian",
        ] {
            assert!(in_a_country_name(word), "{word}");
        }
        for word in ["bank", "central", "melli", "trade", "luhansk"] {
            assert!(!in_a_country_name(word), "{word}");
        }
    }

    #[test]
    fn countries_and_their_adjectives_are_country_words() {
        for word in [
            "iran", "russia", "syria", "lebanon", "lebanese", "korean", "cuba",
        ] {
            assert!(names_a_country(word), "{word}");
        }
        for word in [
            "bank",
            "melli",
            "hezbollah",
            "de",
            "al",
            "in",
            "republic",
            "north",
        ] {
            assert!(!names_a_country(word), "{word}");
        }
    }
}
