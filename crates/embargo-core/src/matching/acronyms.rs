//! An organization written by its acronym alone (`IRGC` for `ISLAMIC
//! REVOLUTIONARY GUARD CORPS`, `IRISL` for `ISLAMIC REPUBLIC OF IRAN
//! SHIPPING LINES`).
//!
//! Alignment pairs an acronym with the words whose initials it spells
//! (`align`'s acronym units) wherever it stands, but such a pairing says
//! less than a word does: it never makes a match beside other words. Here
//! is the one case where it stands alone: one name is the acronym (legal
//! forms aside) and it spells every name word of the other, so it names
//! that body in the short form its own documents use. Either side may be
//! the acronym: a query `IRGC` against the listed `ISLAMIC REVOLUTIONARY
//! GUARD CORPS`, or a query `Islamic Revolutionary Guard Corps` against a
//! listed alias `IRGC` (for a query screened as an organization: a
//! person's initials spell many acronyms). Its score grows with the
//! letters: three letters spell many names, four or five far fewer.
//!
//! The index finds such names both ways, so that screening finds what a
//! pair comparison scores: by the acronym of each whole organization name
//! ([`whole_name_acronym`]) for a query that is an acronym, and by each
//! organization name that is one acronym ([`single_acronym`]) for a query
//! whose whole-name acronym spells it.

use super::similarity::WordForms;
use super::tokens::{NameStyle, TokenKind};

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

/// True when a query of `style` may be an acronym of a listed
/// organization's words: any query but a person's.
pub(crate) fn query_may_abbreviate(style: NameStyle) -> bool {
    style != NameStyle::Person
}

/// True when a query of `style` may spell out a listed name that is only
/// an acronym: a query screened as an organization. The initials of a
/// person's name, or of a name of unknown kind, spell acronyms by chance
/// (`Daniel Christian Berg` is not `DCB`).
pub(crate) fn query_may_spell(style: NameStyle) -> bool {
    style == NameStyle::Organization
}

/// The name score of an acronym of `letters` letters standing alone for a
/// whole name; 0 when too short to.
pub fn alone_score(letters: usize) -> f32 {
    match letters {
        0..MIN_ALONE_LETTERS => 0.0,
        MIN_ALONE_LETTERS => SHORT_ACRONYM_ALONE_SCORE,
        _ => ACRONYM_ALONE_SCORE,
    }
}

/// True for a word that may be an acronym standing alone: a word of
/// [`MIN_ALONE_LETTERS`] to [`MAX_LETTERS`] ASCII letters.
pub(crate) fn may_stand_alone(forms: &WordForms) -> bool {
    is_acronym_word(forms.kind, &forms.text)
}

fn is_acronym_word(kind: TokenKind, text: &str) -> bool {
    kind == TokenKind::Word
        && (MIN_ALONE_LETTERS..=MAX_LETTERS).contains(&text.len())
        && text.bytes().all(|b| b.is_ascii_alphabetic())
}

/// The one name word of a name given as its tokens' kinds and texts, when
/// the name has no other (legal forms and particles aside) and that word
/// may be an acronym standing alone ([`may_stand_alone`]): `IRGC`,
/// `KOMID LLC`.
pub(crate) fn single_acronym<'a>(
    words: impl IntoIterator<Item = (TokenKind, &'a str)>,
) -> Option<&'a str> {
    let mut named = words.into_iter().filter(|(kind, _)| !kind.is_minor());
    match (named.next(), named.next()) {
        (Some((kind, text)), None) if is_acronym_word(kind, text) => Some(text),
        _ => None,
    }
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
    fn a_name_of_one_acronym_word_is_that_acronym() {
        let single = |name: &str| {
            let tokens = tokenize(name, NameStyle::Organization);
            single_acronym(tokens.iter().map(|t| (t.kind, t.text.as_str()))).map(str::to_string)
        };
        assert_eq!(single("VRKSL").as_deref(), Some("vrksl"));
        assert_eq!(single("VRK LLC").as_deref(), Some("vrk"));
        // two name words, too short or too long, a digit
        assert_eq!(single("VRK BANK"), None);
        assert_eq!(single("VR"), None);
        assert_eq!(single("VORELIAN"), None);
        assert_eq!(single("VRK7"), None);
    }

    #[test]
    fn scores_grow_with_letters() {
        assert_eq!(alone_score(2), 0.0);
        assert!(alone_score(3) < alone_score(4));
        assert_eq!(alone_score(4), alone_score(5));
    }
}
