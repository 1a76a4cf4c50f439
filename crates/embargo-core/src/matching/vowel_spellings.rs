//! Vowel sounds that romanizations write with different letters, where
//! no letter class of [`super::phonetic::fold`] brings the spellings
//! together and the letters differ too much for a typo of a short word:
//!
//! - the diphthong `ay` of Arabic and Persian names, written `ay`, `ai`,
//!   `ei` or `ey` before a consonant or at the end: Zayd, Zaid, Zeid;
//!   Dayf, Deif; Shaykh, Sheikh (two letters of four apart in Zayd/Zeid);
//! - the Russian `ё` after a consonant, written `yo`, `io`, `jo` or plain
//!   `e`: Pyotr, Piotr, Petr; Fyodor, Fjodor, Fedor; Semyon, Semen;
//!   Artyom, Artem (the keys `piutr` and `patr` are two edits apart).
//! - the Arabic and Persian short `i` (kasra) between consonants inside a
//!   word, written `i` or `e`: Khalid, Khaled; Salih, Saleh; Rimi, Remi;
//!   Qasim, Qassem; Muhsin, Mohsen. The fold keeps `e` with `a` (Mahdi,
//!   Mehdi), so these are a letter apart in key and text, a typo of a
//!   short word at best ([`is_kasra_spelling`]). After an `a` (the hamza
//!   or `ayn` of Qa'ida, Ra'id) the two are read as the diphthong: Qaeda,
//!   Qaida; Raed, Raid; Saeb, Saib.
//!
//! - the Arabic diphthong `aw` and the waw after an `a`, written `aw` or
//!   `au` before a consonant or at the end (Tawfiq, Taufiq; Shawkat,
//!   Shaukat; Fawzi, Fauzi), and a long `u` after an `a` with its waw
//!   written or not (Dawood, Dawud, Daud, Daoud; Tawus, Taous): the fold
//!   reads `w` as a consonant and `u` as a vowel, so the keys of `Dawood`
//!   and `Daud` differ in a letter of four.
//!
//! [`is_vowel_spelling_variant`] rewrites the first three to one spelling
//! and compares the keys of the results.

use super::phonetic::{fold, is_consonant_letter as is_consonant};
use super::similarity::{WordForms, within_variant_share};

/// Shortest word whose `yo` is read as the Russian `ё`: `Pyotr`. Shorter
/// words with a `yo` are Korean syllables (`Hyon`, `Byon`), which have
/// nothing to do with `e`.
const MIN_YO_WORD_BYTES: usize = 5;

/// `word` with its Russian `ё`s written `e`, an `a` and kasra written
/// `ay`, its waws after an `a` written `au` ([`waw_after_a`]), and
/// `with_diphthongs` its diphthongs written `ay` too; `None` (without
/// allocating) when it has none of them.
fn one_spelling(word: &str, with_diphthongs: bool) -> Option<Vec<u8>> {
    let bytes = word.as_bytes();
    let consonant_at = |at: usize| bytes.get(at).is_some_and(|&b| is_consonant(b));
    let mut out: Option<Vec<u8>> = None;
    let mut at = 0;
    while at < bytes.len() {
        let letter = bytes[at];
        let next = bytes.get(at + 1).copied().unwrap_or(0);
        if let Some(read) = waw_after_a(bytes, at) {
            out.get_or_insert_with(|| bytes[..at].to_vec())
                .extend_from_slice(b"au");
            at += read;
            continue;
        }
        let diphthong = at > 0
            && matches!(letter, b'a' | b'e')
            && matches!(next, b'i' | b'y')
            && (at + 2 == bytes.len() || consonant_at(at + 2));
        // `a` and a kasra written `e` before a consonant: Qaeda, Qaida
        let a_kasra = at > 0 && (letter, next) == (b'a', b'e') && consonant_at(at + 2);
        let russian_yo = bytes.len() >= MIN_YO_WORD_BYTES
            && at > 0
            && is_consonant(bytes[at - 1])
            && matches!(letter, b'y' | b'i' | b'j')
            && next == b'o'
            && consonant_at(at + 2);
        let written: &[u8] =
            if (with_diphthongs && diphthong && (letter, next) != (b'a', b'y')) || a_kasra {
                b"ay"
            } else if russian_yo {
                b"e"
            } else {
                if let Some(out) = &mut out {
                    out.push(letter);
                }
                at += 1;
                continue;
            };
        out.get_or_insert_with(|| bytes[..at].to_vec())
            .extend_from_slice(written);
        at += 2;
    }
    out
}

/// How many letters from `at` write an `a` and the waw after it, which
/// [`one_spelling`] writes `au`: `aw` before a consonant or at the end
/// (`Tawfiq`, `Shaw`), and `aw` or `ao` before a `u`, `oo` or `ou`
/// (`Dawud`, `Dawood`, `Dawoud`, `Daoud`), where the waw is a long `u` and
/// the `w` only the glide to it; `None` elsewhere, and at the first letter
/// (`Awad`). `au` itself is already written so.
fn waw_after_a(bytes: &[u8], at: usize) -> Option<usize> {
    if at == 0 || bytes[at] != b'a' {
        return None;
    }
    let after = |offset: usize| bytes.get(at + offset).copied();
    match (after(1), after(2), after(3)) {
        (Some(b'w'), Some(b'u'), _) => Some(3),
        (Some(b'w' | b'o'), Some(b'o'), Some(b'u' | b'o')) => Some(4),
        (Some(b'o'), Some(b'u'), _) => Some(3),
        (Some(b'w'), None, _) => Some(2),
        (Some(b'w'), Some(next), _) if is_consonant(next) => Some(2),
        _ => None,
    }
}

/// The romanization key of `word` with its Russian `ё`s and its `a` and
/// kasra written one way (see the module comment); `None` when the word
/// has neither, or when that changes nothing of its key
/// ([`super::similarity::WordForms::vowel_key`]). Diphthongs are left
/// as written: their spellings (`ai`, `ei`, `ey`, `ay`) fold alike
/// already, so rewriting them changed no key of 57,000 words of the lists
/// and names corpora but misread a soft `c` before them (`Houcein` as
/// `Houcain`), and cost a second fold of most words that have one.
pub(crate) fn vowel_key(word: &str, fold_key: &str) -> Option<String> {
    let one = one_spelling(word, false)?;
    let key = fold(std::str::from_utf8(&one).ok()?);
    (key != fold_key && !key.is_empty()).then_some(key)
}

/// True when two lower-case words begin alike and are one name once
/// their diphthongs and Russian `ё`s are written one way: their
/// [`vowel_key`]s agree (`pyotr`/`petr`), or their keys were equal
/// already and the rewritten words are near in letters
/// (`zeid`/`zayd`, two letters of four apart before).
pub(crate) fn is_vowel_spelling_variant(a: &WordForms, b: &WordForms) -> bool {
    if a.text.as_bytes().first() != b.text.as_bytes().first()
        || a.text.len().abs_diff(b.text.len()) > 2
    {
        return false;
    }
    if a.vowel_key.is_some() || b.vowel_key.is_some() {
        return a.key_for_vowels() == b.key_for_vowels();
    }
    if a.fold != b.fold {
        return false;
    }
    let (one_a, one_b) = (one_spelling(&a.text, true), one_spelling(&b.text, true));
    if one_a.is_none() && one_b.is_none() {
        return false;
    }
    let one_a = one_a.unwrap_or_else(|| a.text.as_bytes().to_vec());
    let one_b = one_b.unwrap_or_else(|| b.text.as_bytes().to_vec());
    within_variant_share(&one_a, &one_b)
}

/// Shortest words whose initial `e` and `i` are one vowel: `Evan` is not
/// `Ivan`, but `Ebrahim` is `Ibrahim` and `Esmail` is `Ismail`.
const MIN_INITIAL_KASRA_WORD_BYTES: usize = 5;

/// Shortest words whose inner `e` and `i` are one vowel: in shorter ones
/// the vowel is the whole syllable (`Kim`, `Kem`; `Min`, `Men`).
const MIN_KASRA_WORD_BYTES: usize = 4;

/// True when two lower-case Latin words, doubled letters read once, differ
/// only in vowels between consonants inside the word, each an `e` for an
/// `i` or an `o` for a `u`, with at least one `e`/`i`: the kasra of
/// Arabic and Persian names (`khaled`/`khalid`, `qassem`/`qasim`,
/// `remi`/`rimi`, `mohsen`/`muhsin`). The qaf may be written `q` or `k`
/// as well (`kassem`/`qasim`), and the kasra of an initial hamza too in
/// words of [`MIN_INITIAL_KASRA_WORD_BYTES`] or more (`ebrahimi`/`ibrahimi`).
/// A last letter keeps its vowel (`Rossi` is not `Rosse`), and so does a
/// vowel beside another (`ei`, `ie`: diphthongs of their own); words that
/// differ so are compared again with their diphthongs written one way
/// (`esmaeli`/`ismaili`).
pub(crate) fn is_kasra_spelling(a: &str, b: &str) -> bool {
    // the first letters agree, or are the qaf or an initial kasra (asked
    // first: most pairs differ there, and no rewrite changes them)
    let first_letters_may_agree = match (a.bytes().next(), b.bytes().next()) {
        (Some(x), Some(y)) => {
            x == y
                || matches!(
                    (x, y),
                    (b'q', b'k') | (b'k', b'q') | (b'e', b'i') | (b'i', b'e')
                )
        }
        _ => false,
    };
    if !first_letters_may_agree || a.len().min(b.len()) < MIN_KASRA_WORD_BYTES || a == b {
        return false;
    }
    if kasra_apart(a.as_bytes(), b.as_bytes()) {
        return true;
    }
    // diphthongs and an `a` before a kasra written one way (Esmaeli,
    // Ismaili: Esmayli, Ismayli); most words have neither
    let (a_one, b_one) = (one_spelling(a, true), one_spelling(b, true));
    (a_one.is_some() || b_one.is_some())
        && kasra_apart(
            a_one.as_deref().unwrap_or(a.as_bytes()),
            b_one.as_deref().unwrap_or(b.as_bytes()),
        )
}

/// [`is_kasra_spelling`] of two words as written.
fn kasra_apart(a: &[u8], b: &[u8]) -> bool {
    let once = |bytes: &[u8]| -> Vec<u8> {
        (0..bytes.len())
            .filter(|&at| at == 0 || bytes[at] != bytes[at - 1])
            .map(|at| bytes[at])
            .collect()
    };
    let (a, b) = (once(a), once(b));
    if a.len() != b.len() {
        return false;
    }
    let between_consonants = |at: usize| {
        at > 0
            && at + 1 < a.len()
            && [at - 1, at + 1]
                .iter()
                .all(|&n| is_consonant(a[n]) && is_consonant(b[n]))
    };
    let mut kasra = false;
    for at in 0..a.len() {
        match (a[at], b[at]) {
            (x, y) if x == y => {}
            // the qaf, written `q` or `k` (Qasim, Kassem)
            (b'q', b'k') | (b'k', b'q') => {}
            (b'e', b'i') | (b'i', b'e') if between_consonants(at) => kasra = true,
            // the kasra of an initial hamza, written `e` or `i` in Persian
            // and Arabic names (Esmail, Ismail; Ebrahim, Ibrahim)
            (b'e', b'i') | (b'i', b'e')
                if at == 0
                    && a.len() >= MIN_INITIAL_KASRA_WORD_BYTES
                    && is_consonant(a[1])
                    && is_consonant(b[1]) =>
            {
                kasra = true
            }
            (b'o', b'u') | (b'u', b'o') if between_consonants(at) => {}
            _ => return false,
        }
    }
    kasra
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::tokens::TokenKind;

    fn is_vowel_spelling_variant(a: &str, b: &str) -> bool {
        let forms = |text: &str| WordForms::from_parts(text.to_string(), TokenKind::Word, false);
        super::is_vowel_spelling_variant(&forms(a), &forms(b))
    }

    #[test]
    fn arabic_diphthongs_are_one_sound() {
        for (a, b) in [
            ("zayd", "zeid"),
            ("zaid", "zeyd"),
            ("dayf", "deif"),
            ("shaykh", "sheikh"),
            ("husayn", "hussein"),
            ("zaynab", "zeinab"),
            ("qaeda", "qaida"),
            ("raed", "raid"),
            ("saeb", "saib"),
        ] {
            assert!(is_vowel_spelling_variant(a, b), "{a} / {b}");
        }
    }

    #[test]
    fn a_waw_after_an_a_is_written_w_or_u() {
        for (a, b) in [
            ("tawfiq", "taufiq"),
            ("shawkat", "shaukat"),
            ("fawzi", "fauzi"),
            ("dawood", "daud"),
            ("dawud", "daud"),
            ("daoud", "dawood"),
            ("dawoud", "daud"),
            ("tawus", "taous"),
        ] {
            assert!(is_vowel_spelling_variant(a, b), "{a} / {b}");
        }
        for (a, b) in [("nawaz", "nauaz"), ("dawit", "dauit"), ("awad", "aud")] {
            assert!(!is_vowel_spelling_variant(a, b), "{a} / {b}: a consonant");
        }
        // a waw at the very end, or a word too short for one
        assert_eq!(one_spelling("shaw", false).as_deref(), Some(&b"shau"[..]));
        for word in ["aw", "a", "w", ""] {
            assert_eq!(waw_after_a(word.as_bytes(), 0), None, "{word}");
        }
    }

    #[test]
    fn russian_yo_is_e() {
        for (a, b) in [
            ("pyotr", "petr"),
            ("piotr", "petr"),
            ("fyodor", "fedor"),
            ("fjodor", "fedor"),
            ("semyon", "semen"),
            ("artyom", "artem"),
            ("fyodorov", "fedorov"),
        ] {
            assert!(is_vowel_spelling_variant(a, b), "{a} / {b}");
        }
    }

    #[test]
    fn the_kasra_is_written_e_or_i() {
        for (a, b) in [
            ("khaled", "khalid"),
            ("saleh", "salih"),
            ("qassem", "qasim"),
            ("remi", "rimi"),
            ("mohsen", "muhsin"),
            ("jaber", "jabir"),
            ("kassem", "qasim"),
            ("ebrahimi", "ibrahimi"),
            ("esmaeli", "ismaili"),
        ] {
            assert!(is_kasra_spelling(a, b), "{a} / {b}");
        }
        for (a, b) in [
            ("evan", "ivan"),
            ("rossi", "rosse"),
            ("kim", "kem"),
            ("mashal", "mishal"),
            ("hasan", "husan"),
            ("dieter", "deeter"),
            ("moreno", "morena"),
            ("salem", "salem"),
        ] {
            assert!(!is_kasra_spelling(a, b), "{a} / {b}");
        }
    }

    #[test]
    fn other_vowels_and_consonants_stay_apart() {
        for (a, b) in [
            ("zayd", "zayed"),
            ("hyon", "hen"),
            ("mario", "mare"),
            ("dayf", "daft"),
            ("pyotr", "peter"),
            ("zeid", "said"),
            ("seid", "sadr"),
            ("kim", "kim"),
        ] {
            assert!(!is_vowel_spelling_variant(a, b), "{a} / {b}");
        }
    }
}
