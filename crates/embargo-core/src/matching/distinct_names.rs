//! When two close words are two names rather than one name misspelt or
//! respelled: common surnames an edit apart (`Johnston`, `Johnson`), a
//! Slavic `-ich` family beside the `-ov` one (`Abramovich`, `Abramov`), a
//! Chinese given name without one of its two syllables (`Keqiang`,
//! `Qiang`) or with another in its place (`Hailong`, `Hailun`), words of
//! listed names more than a typo apart (`Pyongyang`, `Ryungseng`), and
//! short listed names whose romanization keys differ in a consonant
//! (`Henna`, `Hasna`). [`super::similarity`] asks these
//! before it calls an edit a typo or a respelling.

use super::similarity::WordForms;

/// Most edits between two words that both stand in listed names for one
/// to be a typo of the other: further apart, they are two different names
/// (`Pyongyang` and `Ryungseng`, `Federer` and `Federman`) rather than a
/// misspelling. One edit stays a typo: the lists misspell too (`MURAD,
/// Adbul Hakim`).
pub const KNOWN_WORDS_MAX_TYPO_EDITS: usize = 1;

/// Longest words of which two, both words of listed names, a respelling
/// and a typo in a consonant apart are two names rather than one
/// misspelt.
pub const MAX_SHORT_NAME_BYTES: usize = 5;

/// Shortest words of which two common surnames a few edits apart are two
/// names rather than a typo (`distinct_names`). Shorter words are
/// syllables (`Sang`/`Song`), whose romanizations vary.
pub const MIN_DISTINCT_NAME_BYTES: usize = 5;

/// Rank among the corpus's surnames under which a surname is common
/// enough that a surname of the corpus a few edits away is another name,
/// not its typo (`Moreno`, rank 247, and `Morena`, rank 16,810). Two rarer
/// surnames are often two romanizations of one name (`Yousef`, `Yusuf`).
pub const COMMON_SURNAME_RANK: u16 = 10_000;

/// True when a common surname of the names corpus and a listed word that
/// is none differ in a consonant
/// ([`common_surname_against_listed_word`]), or when two words are both
/// surnames of the names corpus, one of them
/// common ([`COMMON_SURNAME_RANK`]), neither a syllable
/// ([`MIN_DISTINCT_NAME_BYTES`]), and they differ in a consonant or in
/// their ending: a typo of one that writes the other is another name
/// (`Johnston` is not `Johnson`, `Castillo` not `Castro`, `Rosso` not
/// `Rossi`). Surnames differing in an inner vowel only are romanizations of
/// one name (`Salem`/`Salim`, `Abdallah`/`Abdullah`): Arabic and Persian
/// script write no short vowels.
pub(crate) fn distinct_names(a: &WordForms, b: &WordForms) -> bool {
    if is_ich_form_of(&a.text, &b.text)
        || is_ich_form_of(&b.text, &a.text)
        || is_feminine_patronymic_of(&a.text, &b.text)
        || is_feminine_patronymic_of(&b.text, &a.text)
        || other_compass_points(&a.text, &b.text)
        || super::wade_giles::syllable_dropped(&a.text, &b.text)
        || super::wade_giles::syllable_dropped(&b.text, &a.text)
        || super::wade_giles::syllable_changed(&a.text, &b.text)
    {
        return true;
    }
    let (first, second) = match (a.surname_rank, b.surname_rank) {
        (Some(first), Some(second)) => (first, second),
        (Some(rank), None) => return common_surname_against_listed_word(rank, a, b),
        (None, Some(rank)) => return common_surname_against_listed_word(rank, b, a),
        (None, None) => return false,
    };
    first.min(second) <= COMMON_SURNAME_RANK
        && a.text.len().min(b.text.len()) >= MIN_DISTINCT_NAME_BYTES
        && !is_plural_of(&a.text, &b.text)
        && !is_plural_of(&b.text, &a.text)
        && (!consonants_but_h(&a.text).eq(consonants_but_h(&b.text))
            || endings_differ_in_vowel(&a.text, &b.text))
}

/// True when `surname`, a common surname of the corpus (of `rank`), and
/// `listed`, a word of listed names that is no surname of the corpus,
/// differ in one consonant that romanizations do not exchange
/// ([`one_unrelated_consonant_apart`]): a name written as a common surname is that
/// surname, not a typo of a rarer listed one (`Rosenberg` is not
/// `ROTENBERG`). Neither may be a syllable ([`MIN_DISTINCT_NAME_BYTES`]).
fn common_surname_against_listed_word(rank: u16, surname: &WordForms, listed: &WordForms) -> bool {
    rank <= COMMON_SURNAME_RANK
        && listed.listed
        && surname.text.len().min(listed.text.len()) >= MIN_DISTINCT_NAME_BYTES
        && !is_plural_of(&surname.text, &listed.text)
        && !is_plural_of(&listed.text, &surname.text)
        && one_unrelated_consonant_apart(&surname.text, &listed.text)
}

/// Consonants that romanizations of one name write for one another
/// (`Ibragim`/`Ibrahim`, `Qasim`/`Kasim`, `Aziz`/`Azis`, `Mustapha`/
/// `Mustafa`, `Lee`/`Ree`); a consonant of none of these classes is
/// alone in its own.
const RELATED_CONSONANTS: [&[u8]; 6] = [b"bp", b"dt", b"fvwp", b"gkqcxhj", b"szcxj", b"lr"];

/// True when two words have as many consonants (`h` aside, a doubled
/// letter once) and differ in exactly one of them, a consonant no
/// romanization writes for the other (`Rosenberg`, `Rotenberg`).
fn one_unrelated_consonant_apart(a: &str, b: &str) -> bool {
    let related = |x: u8, y: u8| {
        RELATED_CONSONANTS
            .iter()
            .any(|class| class.contains(&x) && class.contains(&y))
    };
    let (mut a, mut b) = (consonants_but_h(a), consonants_but_h(b));
    let mut unrelated = 0;
    loop {
        match (a.next(), b.next()) {
            (None, None) => return unrelated == 1,
            (Some(x), Some(y)) if x == y => {}
            (Some(x), Some(y)) if unrelated == 0 && !related(x, y) => unrelated = 1,
            // a second difference, a related one, or one word longer
            _ => return false,
        }
    }
}

/// Endings of a Slavic `-ich` surname as the languages of the lists
/// write it (`Abramovich`, `Abramovych`, `Petrovic`, `Abramowicz`,
/// `Abramowitsch`, `Abramovitch`).
const ICH_ENDINGS: [&str; 12] = [
    "ovich", "evich", "ovych", "evych", "ovic", "evic", "owicz", "ewicz", "owitsch", "ewitsch",
    "ovitch", "evitch",
];

/// Endings of a Slavic `-ov` surname as they are written (`Abramov`,
/// `Abramoff`, `Abramof`, `Abramow`).
const OV_ENDINGS: [&str; 8] = ["ov", "ev", "off", "eff", "of", "ef", "ow", "ew"];

/// True when `long` is the Slavic surname `short` in `-ov`/`-ev` with
/// `-ich` after it (`Abramovich`, `Abramov`; `Petrovic`, `Petrov`;
/// `Abramowicz`, `Abramoff`), each in any of its spellings: two families'
/// names, not a typo of one.
fn is_ich_form_of(long: &str, short: &str) -> bool {
    match (stem_of(long, &ICH_ENDINGS), stem_of(short, &OV_ENDINGS)) {
        (Some(long_stem), Some(short_stem)) => long_stem == short_stem,
        _ => false,
    }
}

/// `word` without the first of `endings` it ends with, when something is
/// left.
fn stem_of<'w>(word: &'w str, endings: &[&str]) -> Option<&'w str> {
    endings
        .iter()
        .find_map(|ending| word.strip_suffix(ending))
        .filter(|stem| !stem.is_empty())
}

/// True when `patronymic` is the feminine Russian patronymic of the
/// family name `family` in `-ova`/`-eva` (`Ivanovna`, `Ivanova`;
/// `Sergeevna`, `Sergeeva`): one says whose daughter a woman is, the
/// other which family she belongs to, an edit apart.
fn is_feminine_patronymic_of(patronymic: &str, family: &str) -> bool {
    ["ova", "eva"].iter().any(|ending| {
        family.ends_with(ending)
            && patronymic
                .strip_suffix("na")
                .and_then(|stem| family.strip_prefix(stem))
                == Some("a")
    })
}

/// The compass points and their adjectives, which name where a body
/// is, and of which two an edit or two apart (`Eastern`, `Western`;
/// `North`, `South`) are two places.
const COMPASS_POINTS: [&str; 16] = [
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
];

/// True when two words are different compass points (`Eastern`,
/// `Western`): two places, however close their letters.
fn other_compass_points(a: &str, b: &str) -> bool {
    a != b && COMPASS_POINTS.contains(&a) && COMPASS_POINTS.contains(&b)
}

/// True when `plural` is `word` with a final `s` (`Peoples`, `People's`
/// read as `People` in running text): a plural or possessive, not another
/// name.
fn is_plural_of(plural: &str, word: &str) -> bool {
    plural.strip_suffix('s') == Some(word)
}

/// The consonants of a word in order, a doubled letter once, without the
/// `h`s, which romanizations of one name write or drop (`Abdulla`/
/// `Abdullah`). A consonant repeated across a vowel stays twice
/// (`Menendez` is not `Mendez`).
fn consonants_but_h(text: &str) -> impl Iterator<Item = u8> + '_ {
    let bytes = text.as_bytes();
    (0..bytes.len())
        .filter(move |&at| at == 0 || bytes[at] != bytes[at - 1])
        .map(move |at| bytes[at])
        .filter(|b| !b"aeiouyh".contains(b))
}

/// True when both words end in a vowel and not the same one (`Rossi`/
/// `Rosso`, `Moreno`/`Morena`): in European surnames the ending is a
/// gender or a family of its own.
fn endings_differ_in_vowel(a: &str, b: &str) -> bool {
    let vowel_end = |text: &str| text.bytes().last().filter(|b| b"aeiouy".contains(b));
    matches!((vowel_end(a), vowel_end(b)), (Some(x), Some(y)) if x != y)
}

/// The consonants of a romanization key ([`fold`]), without the `h`
/// that romanizations write or leave out.
fn consonants_of_key(key: &str) -> impl Iterator<Item = u8> + '_ {
    key.bytes()
        .filter(|b| !matches!(b, b'a' | b'i' | b'u' | b'h'))
}

/// True when two words of listed names, the shorter of at most
/// [`MAX_SHORT_NAME_BYTES`], have romanization keys that differ in a
/// consonant: two names (`HENNA`, `HASNA`; `KAZAN`, `ASAN`), which a
/// respelling and a typo together must not make one. Keys differing in
/// vowels only are romanizations of one name (`TAREK`, `TARIQ`).
pub(crate) fn other_short_names(a: &WordForms, b: &WordForms) -> bool {
    a.listed
        && b.listed
        && a.text.len().min(b.text.len()) <= MAX_SHORT_NAME_BYTES
        && !consonants_of_key(&a.fold).eq(consonants_of_key(&b.fold))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::similarity::tests::{similarity, word};
    use crate::matching::similarity::{Agreement, word_similarity};

    #[test]
    fn a_typo_that_writes_another_common_surname_is_another_name() {
        for (a, b) in [
            ("johnston", "johnson"),
            ("castillo", "castro"),
            ("hansen", "jansen"),
            ("rosso", "rossi"),
            ("morena", "moreno"),
            ("zambrana", "zambrano"),
            ("menendez", "mendez"),
        ] {
            assert!(distinct_names(&word(a), &word(b)), "{a} {b}");
            assert_eq!(similarity(a, b), None, "{a} {b}");
        }
        for (a, b) in [
            ("salem", "salim"),
            ("abdallah", "abdullah"),
            ("abdulla", "abdullah"),
            ("yousef", "yusuf"),
            ("johnsno", "johnson"),
            ("peoples", "people"),
        ] {
            assert!(!distinct_names(&word(a), &word(b)), "{a} {b}");
            assert!(similarity(a, b).is_some(), "{a} {b}");
        }
        assert!(
            !distinct_names(&word("sang"), &word("song")),
            "syllables vary by romanization"
        );
    }

    #[test]
    fn a_common_surname_is_no_typo_of_a_rarer_listed_name() {
        let listed = |t: &str| WordForms {
            listed: true,
            ..word(t)
        };
        assert!(word("rosenberg").surname_rank.is_some());
        assert!(word("vorenberg").surname_rank.is_none());
        assert_eq!(
            word_similarity(&word("rosenberg"), &listed("rosenverg")),
            None
        );
        assert!(similarity("rosenberg", "rosenverg").is_some(), "unlisted");
        // a typo that writes no common surname, or differs in vowels only
        assert!(word_similarity(&word("rosenbreg"), &listed("rosenberg")).is_some());
        assert!(word_similarity(&word("johnson"), &listed("jonhson")).is_some());
        assert!(word_similarity(&word("hussein"), &listed("husseyn")).is_some());
        // consonants romanizations exchange or add
        assert!(word_similarity(&word("ibrahim"), &listed("ibragim")).is_some());
        assert!(word_similarity(&word("ahmed"), &listed("akhmed")).is_some());
    }

    #[test]
    fn a_slavic_surname_with_ich_is_another_family() {
        for (a, b) in [
            ("abramov", "abramovich"),
            ("petrovic", "petrov"),
            ("abramof", "abramovich"),
            ("abramowicz", "abramoff"),
        ] {
            assert!(distinct_names(&word(a), &word(b)), "{a} {b}");
            assert_eq!(similarity(a, b), None, "{a} {b}");
        }
        assert!(similarity("abramovich", "abramovitch").is_some());
    }

    #[test]
    fn a_feminine_patronymic_is_no_typo_of_the_family_name() {
        for (a, b) in [("ivanovna", "ivanova"), ("sergeeva", "sergeevna")] {
            assert!(distinct_names(&word(a), &word(b)), "{a} {b}");
            assert_eq!(similarity(a, b), None, "{a} {b}");
        }
        assert!(similarity("ivanovna", "ivanovan").is_some(), "a typo");
        assert!(similarity("ivanova", "ivanowa").is_some(), "a respelling");
    }

    #[test]
    fn two_compass_points_are_two_places() {
        for (a, b) in [("eastern", "western"), ("north", "south")] {
            assert!(distinct_names(&word(a), &word(b)), "{a} {b}");
            assert_eq!(similarity(a, b), None, "{a} {b}");
        }
        assert!(similarity("westren", "western").is_some(), "a typo");
    }

    #[test]
    fn an_edit_between_two_listed_words_is_no_typo() {
        let listed = |t: &str| WordForms {
            listed: true,
            ..word(t)
        };
        assert!(similarity("pyongyang", "ryungseng").is_some());
        assert_eq!(
            word_similarity(&listed("pyongyang"), &listed("ryungseng")),
            None
        );
        assert_eq!(
            word_similarity(&listed("federer"), &listed("federman")),
            None
        );
        assert_eq!(
            word_similarity(&listed("adbul"), &listed("abdul")).map(|(_, h)| h),
            Some(Agreement::Typo),
            "one edit between listed words is still a typo"
        );
        assert_eq!(
            word_similarity(&listed("chinyong"), &listed("jinyong")).map(|(_, h)| h),
            Some(Agreement::Variant),
            "spellings of one romanization stay variants"
        );
    }

    /// Two short listed names whose keys differ in a consonant are two
    /// names; in a vowel, two romanizations of one.
    #[test]
    fn short_listed_names_a_consonant_apart_are_two_names() {
        let listed = |t: &str| WordForms {
            listed: true,
            ..word(t)
        };
        for (a, b) in [("henna", "hasna"), ("kazan", "asan"), ("canko", "kanso")] {
            assert!(similarity(a, b).is_some(), "{a} {b} unlisted");
            assert_eq!(word_similarity(&listed(a), &listed(b)), None, "{a} {b}");
        }
        for (a, b) in [("tarek", "tariq"), ("saker", "saqr"), ("javed", "javaid")] {
            assert!(word_similarity(&listed(a), &listed(b)).is_some(), "{a} {b}");
        }
    }
}
