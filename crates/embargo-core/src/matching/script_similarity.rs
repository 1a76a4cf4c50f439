//! How alike a word written in Arabic or Hebrew script and a romanized
//! word are: their consonant skeletons ([`super::skeleton`]) meet, and a
//! long skeleton met in full weighs as a vowel variant unless the
//! romanization writes a long vowel the script word lacks; a script word
//! may write two or three romanized words as one. Part of
//! [`super::similarity::word_similarity`]'s rule.

use super::similarity::{
    LONG_SKELETON_SIMILARITY, MIN_LONG_SKELETON, SKELETON_SIMILARITY, WordForms,
};
use super::skeleton::{VOWEL_CODE, is_meaningful, is_vowel_letter_code};
use super::tokens::TokenKind;
use super::translit::abjad::ARTICLE_CODE;

/// The similarity of two words whose skeletons meet ([`skeletons_meet`]):
/// higher for a skeleton of [`MIN_LONG_SKELETON`] consonants or more.
pub(crate) fn skeleton_similarity(a: &WordForms, b: &WordForms) -> Option<f32> {
    if !skeletons_meet(a, b) {
        return None;
    }
    let (script, romanized) = if a.abjad { (a, b) } else { (b, a) };
    Some(if romanized.skeleton.len() >= MIN_LONG_SKELETON {
        full_skeleton_similarity(script, &romanized.text)
    } else {
        SKELETON_SIMILARITY
    })
}

/// The long vowels a romanized word writes unmistakably: a doubled vowel
/// or a diphthong (`oo`, `ee`, `ou`, `ei`...) and a final `i` or `y`
/// (the nisba of `Salimi`, `Qurayshi`). The script writes each with a
/// `و` or `ي`; a romanization with more of them than the script word has
/// names another word with the same consonants (`Mahmood` is `محمود`,
/// not `محمد`; `Salimi` is `سالمي`, not `سالم`).
fn long_vowels(text: &str) -> usize {
    let bytes = text.as_bytes();
    let is_vowel = |b: u8| matches!(b, b'a' | b'e' | b'i' | b'o' | b'u');
    let pairs = bytes
        .windows(2)
        .filter(|pair| {
            matches!(
                (pair[0], pair[1]),
                (b'o', b'o' | b'u') | (b'e', b'e' | b'i') | (b'i', b'i' | b'e') | (b'u', b'u')
            )
        })
        .count();
    let final_i = bytes.len() > 2
        && matches!(bytes.last(), Some(b'i' | b'y'))
        && !is_vowel(bytes[bytes.len() - 2]);
    pairs + usize::from(final_i)
}

/// The similarity of a word in Arabic or Hebrew script and the romanized
/// text `romanized` (a word, or two written as one: `ABDUL QADEER` for
/// `عبدالقدير`) whose skeleton of [`MIN_LONG_SKELETON`] consonants or more
/// is one of the script word's: [`LONG_SKELETON_SIMILARITY`] unless the
/// romanization writes a long vowel the script word lacks.
pub(crate) fn full_skeleton_similarity(script: &WordForms, romanized: &str) -> f32 {
    if long_vowels(romanized) <= vowel_letters(&script.text) {
        LONG_SKELETON_SIMILARITY
    } else {
        SKELETON_SIMILARITY
    }
}

/// The `و` and `ي` of a word transliterated from the script (written `w`
/// and `y`), which may stand for long vowels.
fn vowel_letters(codes: &str) -> usize {
    codes
        .bytes()
        .filter(|&b| b != VOWEL_CODE && super::skeleton::is_vowel_letter_code(b))
        .count()
}

/// True when the word `script` from Arabic or Hebrew script writes the
/// adjacent romanized `words` as one: the skeleton of the words joined
/// ([`super::skeleton::joined_skeleton`]) is one of its readings
/// (`عبدالقدير` for `ABDUL QADEER`, `عبدالحليم` for `ABD EL HALIM`), and
/// it meets none of the words alone (`السعدي`, Lsdy, is ESSAADI, not ALI
/// ESSAADI).
pub(crate) fn meets_joined_words(script: &WordForms, words: &[&WordForms]) -> bool {
    words.iter().all(|f| {
        super::index::joinable(f.kind) && !f.abjad && !script.skeletons.contains(&f.skeleton)
    }) && super::skeleton::joined_skeleton(
        &words.iter().map(|f| f.text.as_str()).collect::<Vec<_>>(),
        MIN_LONG_SKELETON,
    )
    .is_some_and(|joined| script.skeletons.contains(&joined))
        && words_vowel_ends_agree(&script.text, words)
}

/// [`vowel_ends_agree`] for romanized `words` written as one: the first
/// word's start and the last one's end.
fn words_vowel_ends_agree(codes: &str, words: &[&WordForms]) -> bool {
    let first = words.first().and_then(|word| word.text.bytes().next());
    let last = words.last().and_then(|word| word.text.bytes().last());
    match (first, last) {
        (Some(first), Some(last)) => ends_agree(codes.as_bytes(), first, last),
        _ => true,
    }
}

/// The readings of adjacent words in Arabic or Hebrew script written as
/// one ([`WordForms::joined`]) that a romanized word may write
/// ([`joined_script_similarity`]): those of [`MIN_LONG_SKELETON`]
/// consonants or more. Empty unless every word is such a word.
pub(crate) fn joined_script_readings(script_words: &[WordForms]) -> Vec<String> {
    let Some((first, rest)) = script_words.split_first() else {
        return Vec::new();
    };
    if rest.is_empty() || !script_words.iter().all(|f| f.abjad) {
        return Vec::new();
    }
    let joined = rest.iter().fold(first.clone(), |joined, word| {
        WordForms::joined(&joined, word)
    });
    let mut readings = joined.skeletons;
    readings.retain(|reading| reading.len() >= MIN_LONG_SKELETON);
    readings
}

/// The similarity of a romanized word and adjacent words in Arabic or
/// Hebrew script that it writes as one (`ABDULLAH` for `عبد الله`,
/// `NASRULLAH` for `نصر الله`): the skeleton of the romanized word is a
/// reading of the script words joined ([`WordForms::joined`]) and of none
/// of them alone. `None` when it writes them otherwise, or when a word of
/// `script_words` is romanized or cannot be joined. The converse of
/// [`meets_joined_words`].
pub(crate) fn joined_script_similarity(
    romanized: &WordForms,
    script_words: &[&WordForms],
) -> Option<f32> {
    let writes_them = romanized.kind == TokenKind::Word
        && !romanized.abjad
        && romanized.skeleton.len() >= MIN_LONG_SKELETON
        && script_words.len() >= 2
        && script_words.iter().all(|f| {
            f.abjad && super::index::joinable(f.kind) && !f.skeletons.contains(&romanized.skeleton)
        });
    if !writes_them {
        return None;
    }
    let (first, rest) = script_words.split_first()?;
    let joined = rest.iter().fold((*first).clone(), |joined, word| {
        WordForms::joined(&joined, word)
    });
    (joined.skeletons.contains(&romanized.skeleton)
        && vowel_ends_agree(&joined.text, &romanized.text))
    .then(|| full_skeleton_similarity(&joined, &romanized.text))
}

/// True when one name word is from Arabic or Hebrew script, the other
/// romanized, and the romanized word's consonant skeleton is one of the
/// other's readings.
pub(crate) fn skeletons_meet(a: &WordForms, b: &WordForms) -> bool {
    let (script, romanized) = match (a.abjad, b.abjad) {
        (true, false) => (a, b),
        (false, true) => (b, a),
        _ => return false,
    };
    // a particle meets a particle (`بن`, ben)
    romanized.kind == script.kind
        && matches!(script.kind, TokenKind::Word | TokenKind::Particle)
        && is_meaningful(&romanized.skeleton, &romanized.text)
        && script.skeletons.contains(&romanized.skeleton)
        && (script.kind == TokenKind::Particle || vowel_ends_agree(&script.text, &romanized.text))
}

/// True unless a word in Arabic or Hebrew script (`codes`, module
/// `translit::abjad`) and a romanized one disagree on a vowel at their
/// ends, which the script writes:
/// * a word starting with alef or ayn starts with a vowel (`أحمد`,
///   Ahmad; `عمر`, Umar), and one starting with a consonant does not
///   (`آرش`, Arash, is not WARAICH; `حمد`, Hamad, not AHMAD); the article,
///   which romanizations write or leave out, and `و`/`ي`, vowels or
///   consonants, start either way, and so does a Persian word whose
///   alef only opens an initial `s` and consonant (`استانکزی`, Stanekzai);
/// * a word ending in alef, alef maqsura or ayn after a consonant ends
///   with a vowel (`مبینا`, Mobina, is not MUBEEN; `موسى`, Musa), and one
///   ending in a consonant ends with a consonant or the mute `e` of
///   French spellings (`سليمان`, Sulayman, Slimane).
pub(crate) fn vowel_ends_agree(codes: &str, romanized: &str) -> bool {
    match (romanized.bytes().next(), romanized.bytes().last()) {
        (Some(first), Some(last)) => ends_agree(codes.as_bytes(), first, last),
        _ => true,
    }
}

/// [`vowel_ends_agree`] of the script word `codes` and a romanization
/// starting with `first` and ending with `last`.
fn ends_agree(codes: &[u8], first: u8, last: u8) -> bool {
    let (Some(&first_code), Some(&last_code)) = (codes.first(), codes.last()) else {
        return true;
    };
    let is_vowel = |b: u8| matches!(b, b'a' | b'e' | b'i' | b'o' | b'u');
    // a consonant no romanization writes as a vowel's (a final `h` or ta
    // marbuta may be: Abdullah, Hamza)
    let is_firm_consonant =
        |code: u8| !is_vowel_letter_code(code) && !matches!(code, b'h' | b'H' | b'E');
    // Persian writes a vowel before an initial s and a consonant, which
    // romanizations may leave out (`استانکزی`, Stanekzai)
    let before_s_cluster =
        matches!(codes, [VOWEL_CODE, b's' | b'S', next, ..] if is_firm_consonant(*next));
    let starts_agree = codes.starts_with(ARTICLE_CODE.as_bytes())
        || (first_code == VOWEL_CODE && (is_vowel(first) || before_s_cluster))
        || (!is_vowel_letter_code(first_code) && !is_vowel(first))
        || (first_code != VOWEL_CODE && is_vowel_letter_code(first_code));
    let before_last = codes.len().checked_sub(2).map(|at| codes[at]);
    let ends_agree = match last_code {
        VOWEL_CODE if before_last.is_some_and(is_firm_consonant) => {
            is_vowel(last) || last == b'y' || last == b'h'
        }
        code if is_firm_consonant(code) => !is_vowel(last) || last == b'e',
        _ => true,
    };
    starts_agree && ends_agree
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_says_where_a_word_starts_or_ends_with_a_vowel() {
        for (codes, romanized) in [
            ("Ahmd", "ahmad"),
            ("Amr", "omar"),
            ("mbynA", "mobina"),
            ("mwsA", "musa"),
            ("slymAn", "slimane"),
            ("AstAnkzy", "stanekzai"),
            ("Lhmzy", "hamzi"),
            ("Lhmzy", "alhamzi"),
            ("ywsf", "yusuf"),
            ("nwrzA", "noorzai"),
        ] {
            assert!(vowel_ends_agree(codes, romanized), "{codes} {romanized}");
        }
        for (codes, romanized) in [
            ("ArS", "waraich"),
            ("hmd", "ahmad"),
            ("mbynA", "mubeen"),
            ("slymAn", "sulaymana"),
        ] {
            assert!(!vowel_ends_agree(codes, romanized), "{codes} {romanized}");
        }
    }
}
