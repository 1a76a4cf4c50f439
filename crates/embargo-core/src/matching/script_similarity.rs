//! How alike a word written in Arabic or Hebrew script and a romanized
//! word are: their consonant skeletons ([`super::skeleton`]) meet, and a
//! long skeleton met in full weighs as a vowel variant unless the
//! romanization writes a long vowel the script word lacks; a script word
//! may write two or three romanized words as one. Part of
//! [`super::similarity::word_similarity`]'s rule.

use super::similarity::{
    LONG_SKELETON_SIMILARITY, MIN_LONG_SKELETON, SKELETON_SIMILARITY, WordForms,
};
use super::skeleton::is_meaningful;
use super::tokens::TokenKind;

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
        .filter(|&b| super::skeleton::is_vowel_letter_code(b))
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
    joined
        .skeletons
        .contains(&romanized.skeleton)
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
}
