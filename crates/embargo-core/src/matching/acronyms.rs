//! An organization written by its acronym alone (`IRGC` for `ISLAMIC
//! REVOLUTIONARY GUARD CORPS`, `IRISL` for `ISLAMIC REPUBLIC OF IRAN
//! SHIPPING LINES`).
//!
//! Alignment pairs an acronym with the words whose initials it spells
//! (`align`'s acronym units) wherever it stands, but such a pairing says
//! less than a word does: it never makes a match beside other words. Here
//! is the one case where it stands alone: the query is the acronym (legal
//! forms aside) and it spells every name word of the listed name, so the
//! query names that body in the short form its own documents use. Its
//! score grows with the letters: three letters spell many names, four or
//! five far fewer.
//!
//! The index finds such names by the acronym of each whole organization
//! name ([`whole_name_acronym`]), so that screening finds what a pair
//! comparison scores.

use super::similarity::WordForms;
use super::tokens::TokenKind;

/// Fewest letters of an acronym that may stand alone for a name.
pub const MIN_ALONE_LETTERS: usize = 3;
/// Most letters of an acronym (as `align` reads acronyms).
pub const MAX_LETTERS: usize = 5;
/// Name score of an acronym of four or five letters standing alone for a
/// whole name: over the threshold once scaled, as a match an analyst
/// checks.
pub const ACRONYM_ALONE_SCORE: f32 = 0.8;
/// Name score of an acronym of three letters standing alone for a whole
/// name: under the threshold once scaled (three letters spell the
/// initials of too many names), but ranked above names it does not spell.
pub const SHORT_ACRONYM_ALONE_SCORE: f32 = 0.7;

/// The name score of an acronym of `letters` letters standing alone for a
/// whole name; 0 when too short to.
pub fn alone_score(letters: usize) -> f32 {
    match letters {
        0..MIN_ALONE_LETTERS => 0.0,
        MIN_ALONE_LETTERS => SHORT_ACRONYM_ALONE_SCORE,
        _ => ACRONYM_ALONE_SCORE,
    }
}

/// True for a query word that may be an acronym standing alone: a word of
/// [`MIN_ALONE_LETTERS`] to [`MAX_LETTERS`] ASCII letters.
pub(crate) fn may_stand_alone(forms: &WordForms) -> bool {
    forms.kind == TokenKind::Word
        && (MIN_ALONE_LETTERS..=MAX_LETTERS).contains(&forms.text.len())
        && forms.text.bytes().all(|b| b.is_ascii_alphabetic())
}

/// The acronym that spells every name word of a name given as its tokens'
/// kinds and texts, when one can: every word that is not a particle or a
/// legal form is a word of two letters or more (no number, no initial),
/// only particles stand between them, and there are
/// [`MIN_ALONE_LETTERS`] to [`MAX_LETTERS`] of them.
pub(crate) fn whole_name_acronym<'a>(
    words: impl IntoIterator<Item = (TokenKind, &'a str)>,
) -> Option<String> {
    let mut letters = String::new();
    // a legal form after the first name word ends the name words
    let mut ended = false;
    for (kind, text) in words {
        match kind {
            TokenKind::Particle => {}
            TokenKind::LegalForm => ended |= !letters.is_empty(),
            TokenKind::Word if !ended && text.len() >= 2 => {
                letters.push(char::from(*text.as_bytes().first()?));
                if letters.len() > MAX_LETTERS {
                    return None;
                }
            }
            _ => return None,
        }
    }
    let ascii = letters.bytes().all(|b| b.is_ascii_alphabetic());
    (ascii && letters.len() >= MIN_ALONE_LETTERS).then_some(letters)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::tokens::{NameStyle, tokenize};

    fn acronym(name: &str) -> Option<String> {
        let tokens = tokenize(name, NameStyle::Organization);
        whole_name_acronym(tokens.iter().map(|t| (t.kind, t.text.as_str())))
    }

    #[test]
    fn a_whole_name_has_the_acronym_of_its_name_words() {
        assert_eq!(acronym("VORELIAN SHIPPING LINES").as_deref(), Some("vsl"));
        assert_eq!(
            acronym("JSC VORELIAN REPUBLIC OF KASTOR SHIPPING LINES").as_deref(),
            Some("vrksl")
        );
        assert_eq!(acronym("VORELIAN KASTOR BANK LTD").as_deref(), Some("vkb"));
    }

    #[test]
    fn some_names_have_none() {
        // too few or too many name words, a number, a legal form inside
        assert_eq!(acronym("VORELIAN BANK"), None);
        assert_eq!(acronym("ONE TWO THREE FOUR FIVE SIX"), None);
        assert_eq!(acronym("VORELIAN 12 SHIPPING LINES"), None);
        assert_eq!(acronym("VORELIAN LLC SHIPPING LINES"), None);
    }

    #[test]
    fn scores_grow_with_letters() {
        assert_eq!(alone_score(2), 0.0);
        assert!(alone_score(3) < alone_score(4));
        assert_eq!(alone_score(4), alone_score(5));
    }
}
