//! Contractions: a word written as its consonants, first and last letter
//! kept (`SHPG` for `SHIPPING`, `TRDG` for `TRADING`, `MGMT` for
//! `MANAGEMENT`, `INTL` for `INTERNATIONAL`, `MHMD` for `MUHAMMAD`).
//!
//! Payment messages and registers cut long names to fit their fields, and
//! the usual way to cut a word is to leave out its vowels and some of
//! its soft consonants. A contraction keeps the word's first and last
//! letters and its strong consonants, and writes no vowel after its
//! first letter; its letters are the word's, in order. Two words written
//! as one are not contracted (`ISRAEL ROSAS` is not `ISS`). The known
//! short forms of organization words are also written out by the
//! tokenizer (module `tokens`); this rule reads the ones no table lists.

use super::phonetic::is_vowel_letter;
use super::similarity::WordForms;
use super::tokens::TokenKind;

/// Similarity of a contraction and the word it contracts: below a
/// variant spelling, as the vowels it leaves out could be other ones.
pub const CONTRACTION_SIMILARITY: f32 = 0.9;

/// Fewest letters of a contraction: words of two or three consonants are
/// mostly codes and acronyms (`ISS`, `RGB`), and the usual contractions
/// of three letters (`MFG`, `MGT`) are written out by the tokenizer.
const MIN_CONTRACTION_LETTERS: usize = 4;

/// Fewest letters a contraction leaves out: one or two left out are a
/// typo's (`MNGR`/`MANGER` is read by the typo rule).
const MIN_LETTERS_LEFT_OUT: usize = 3;

/// True for a word shaped as a contraction (a name word, not of Arabic or
/// Hebrew script, [`MIN_CONTRACTION_LETTERS`] letters or more with no
/// vowel after the first): the index looks for the words it may contract.
pub(crate) fn may_contract(word: &WordForms) -> bool {
    let text = word.text.as_bytes();
    is_plain_word(word)
        && text.len() >= MIN_CONTRACTION_LETTERS
        && text.iter().all(u8::is_ascii_lowercase)
        && !text[1..].iter().any(|&b| is_vowel_letter(b))
}

/// True for a word long enough to be contracted: the index looks for the
/// contractions of it.
pub(crate) fn may_be_contracted(word: &WordForms) -> bool {
    is_plain_word(word) && word.text.len() >= MIN_CONTRACTION_LETTERS + MIN_LETTERS_LEFT_OUT
}

/// The first and last letters of a word, which a contraction keeps: the
/// index's key of words that may contract or be contracted.
pub(crate) fn ends(word: &WordForms) -> Option<[u8; 2]> {
    Some([
        *word.text.as_bytes().first()?,
        *word.text.as_bytes().last()?,
    ])
}

/// True when either word is a contraction of the other, both being name
/// words not of Arabic or Hebrew script (whose script writes consonants
/// only and is read by skeleton, not as a contraction).
pub(crate) fn contraction_meets(a: &WordForms, b: &WordForms) -> bool {
    is_plain_word(a)
        && is_plain_word(b)
        && (is_contraction(&a.text, &b.text) || is_contraction(&b.text, &a.text))
}

fn is_plain_word(word: &WordForms) -> bool {
    word.kind == TokenKind::Word && !word.abjad
}

/// True when `short` is a contraction of `long`: at least
/// [`MIN_CONTRACTION_LETTERS`] ASCII letters, no vowel after the first,
/// the same first and last letters as `long`, its letters found in
/// `long` in order, and [`MIN_LETTERS_LEFT_OUT`] or more of `long`'s
/// letters left out.
fn is_contraction(short: &str, long: &str) -> bool {
    let (short, long) = (short.as_bytes(), long.as_bytes());
    if short.len() < MIN_CONTRACTION_LETTERS
        || long.len() < short.len() + MIN_LETTERS_LEFT_OUT
        || !short.iter().all(u8::is_ascii_lowercase)
        || short[1..].iter().any(|&b| is_vowel_letter(b))
        || short.first() != long.first()
        || short.last() != long.last()
        || !keeps_opening_consonant(short, long)
        || !leaves_out_only_weak_letters(short, long)
    {
        return false;
    }
    let mut rest = long.iter();
    short.iter().all(|letter| rest.any(|b| b == letter))
}

/// Consonants a contraction may leave out beside the vowels and the
/// letters it writes elsewhere: the soft ones writers drop first
/// (`TRDG`, `MKTG`, `SVCS`, `MGMT`).
const WEAK_CONSONANTS: &[u8] = b"nrh";

/// True when every letter of `long` that `short` does not write is a
/// vowel, a [`WEAK_CONSONANTS`] one, or a letter `short` writes elsewhere
/// (`SHPG`, `MHMD`, `INTL`): a contraction keeps a word's strong
/// consonants. A code of a name's initials or syllables drops them
/// (`SVRTS` is no contraction of `SOVMORTRANS`, `SNSZ` none of
/// `STROYTRANSGAZ`).
fn leaves_out_only_weak_letters(short: &[u8], long: &[u8]) -> bool {
    long.iter().all(|&letter| {
        is_vowel_letter(letter) || WEAK_CONSONANTS.contains(&letter) || short.contains(&letter)
    })
}

/// True unless a word opening with a vowel is contracted without the
/// consonant after it: `INTL` keeps the `n` of `INTERNATIONAL`, `ASSN` the
/// `s` of `ASSOCIATION`, `ACCT` the `c` of `ACCOUNT`; a vowel alone says
/// too little of a word to start its contraction (`ARCH` is no
/// contraction of `ABRAMOVICH`).
fn keeps_opening_consonant(short: &[u8], long: &[u8]) -> bool {
    match (short, long) {
        ([first, kept, ..], [_, second, ..]) if is_vowel_letter(*first) => kept == second,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn consonants_of_the_word_in_order() {
        for (short, long) in [
            ("shpg", "shipping"),
            ("trdg", "trading"),
            ("mgmt", "management"),
            ("intl", "international"),
            ("mhmd", "muhammad"),
            ("bldg", "building"),
        ] {
            assert!(is_contraction(short, long), "{short} {long}");
        }
    }

    #[test]
    fn other_words_are_not_contractions() {
        assert!(!is_contraction("shpg", "shopping center"), "last letter");
        assert!(!is_contraction("shop", "shipping"), "a vowel of its own");
        assert!(!is_contraction("mmk", "mamak"), "too few letters left out");
        assert!(!is_contraction("sgph", "shipping"), "letters out of order");
        assert!(!is_contraction("shg", "shipping"), "three letters");
        assert!(
            !is_contraction("arch", "abramovich"),
            "the consonant after an opening vowel"
        );
        assert!(is_contraction("acct", "account"));
        // strong consonants left out: a code, not a contraction (`ASSN`
        // is written out by the tokenizer's table)
        assert!(!is_contraction("svrts", "sovmortrans"));
        assert!(!is_contraction("snsz", "stroytransgaz"));
        assert!(!is_contraction("assn", "association"));
        assert!(
            !is_contraction("shipping", "shpg"),
            "the long word is not the short"
        );
    }
}
