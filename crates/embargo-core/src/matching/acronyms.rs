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
//! ([`whole_name_acronyms`]) for a query that is an acronym, and by each
//! organization name that is one acronym ([`single_acronym`]) for a query
//! whose whole-name acronym spells it.

use std::ops::Range;

use super::legal_forms;
use super::similarity::WordForms;
use super::tokens::{NameStyle, TokenKind, is_article};

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

/// How one word of a name takes part in an acronym of it.
#[derive(Debug, Clone, Copy)]
enum Part {
    /// A name word: its first letter, always.
    Initial(u8),
    /// A particle (`of`, `de`, `al`): its first letter or nothing, as
    /// acronyms write them either way (`IRISL` skips `of`, `PDVSA` keeps
    /// `de`, `AQI` keeps `al` and skips `in`).
    Optional(u8),
    /// The Arabic article ([`is_article`]), which the tokenizer writes
    /// `al` however the name wrote it: one of [`ARTICLE_LETTERS`] or
    /// nothing (`HUJI`, Harakat-ul Jihad Islami; `AQAP`, al-Qaida in the
    /// Arabian Peninsula).
    Article,
    /// A legal form: nothing, or one of its spellings' letters
    /// ([`legal_forms::acronym_letters`]) that end the acronym (`SA` of
    /// `PDVSA`, `OC` of `Oil Company` in `NIOC`). Either way no word after
    /// it is spelled.
    Ending(&'static [Box<str>]),
    /// Anything else (a number, an initial): no acronym spells it.
    Breaks,
}

/// The letters acronyms write the Arabic article with, as romanizations
/// write its vowel (`al`, `el`, `ul`).
const ARTICLE_LETTERS: &[u8] = b"aeu";

impl Part {
    /// The letters the part may be spelled with, when it may also be left
    /// out: a particle's first letter, the article's vowels.
    fn optional_letters(&self) -> Option<&[u8]> {
        match self {
            Part::Optional(letter) => Some(std::slice::from_ref(letter)),
            Part::Article => Some(ARTICLE_LETTERS),
            _ => None,
        }
    }

    fn of(kind: TokenKind, text: &str) -> Part {
        let first = text.as_bytes().first().copied();
        match (kind, first) {
            (TokenKind::Word, Some(letter)) if text.len() >= 2 => Part::Initial(letter),
            (TokenKind::Particle, Some(_)) if is_article(text) => Part::Article,
            (TokenKind::Particle, Some(letter)) => Part::Optional(letter),
            (TokenKind::LegalForm, _) => Part::Ending(legal_forms::acronym_letters(text)),
            _ => Part::Breaks,
        }
    }
}

/// Where an acronym of two to [`MAX_LETTERS`] letters spells a run of
/// consecutive `words`: the first run whose parts ([`Part`]) spell it
/// whole, taken as long as it can be.
pub(crate) fn acronym_span(acronym: &WordForms, words: &[&WordForms]) -> Option<Range<usize>> {
    let letters = acronym.text.as_bytes();
    if acronym.kind != TokenKind::Word
        || !(2..=MAX_LETTERS).contains(&letters.len())
        || !letters.iter().all(u8::is_ascii_alphabetic)
    {
        return None;
    }
    // a run starts with a word or particle giving the first letter
    (0..words.len())
        .filter(|&start| words[start].text.as_bytes().first() == letters.first())
        .find_map(|start| spelled_from(letters, words, start).map(|end| start..end))
}

/// The end of the longest run of `words` from `start` that spells
/// `letters` whole, each word read as its [`Part`]. The run starts with a
/// letter: a particle skipped at its start belongs to no run.
fn spelled_from(letters: &[u8], words: &[&WordForms], start: usize) -> Option<usize> {
    // spelled[i]: the words read so far may spell the first i letters
    let mut spelled = [false; MAX_LETTERS + 1];
    spelled[0] = true;
    let mut end = None;
    for (at, word) in words.iter().enumerate().skip(start) {
        let mut next = [false; MAX_LETTERS + 1];
        let takes_letter = |letter: u8, next: &mut [bool; MAX_LETTERS + 1]| {
            for i in 0..letters.len() {
                next[i + 1] |= spelled[i] && letters[i] == letter;
            }
        };
        let part = Part::of(word.kind, &word.text);
        match part {
            Part::Initial(letter) => takes_letter(letter, &mut next),
            Part::Optional(_) | Part::Article => {
                for &letter in part.optional_letters().unwrap_or_default() {
                    takes_letter(letter, &mut next);
                }
                // or left out, but not first
                if at > start {
                    for (next, spelled) in next.iter_mut().zip(spelled) {
                        *next |= spelled;
                    }
                }
            }
            Part::Ending(spellings) => {
                // a legal form is spelled after a word, never alone
                let ends = at > start
                    && (0..letters.len()).any(|i| {
                        spelled[i] && spellings.iter().any(|s| s.as_bytes() == &letters[i..])
                    });
                return if ends { Some(at + 1) } else { end };
            }
            Part::Breaks => return end,
        }
        spelled = next;
        if spelled[letters.len()] {
            end = Some(at + 1);
        }
        if !spelled.contains(&true) {
            break;
        }
    }
    end
}

/// Most acronyms of one name [`whole_name_acronyms`] returns: a name of
/// many particles has many, and a name that has more is no body's.
const MAX_ACRONYMS: usize = 32;

/// The acronyms that spell every name word of a name given as its tokens'
/// kinds and texts, each of [`MIN_ALONE_LETTERS`] to [`MAX_LETTERS`]
/// letters: every word that is not a particle or a legal form is a word
/// of two letters or more (no number, no initial), only particles stand
/// between them, and particles and a legal form ending the name words
/// are spelled or not ([`Part`]). Empty when none can.
pub(crate) fn whole_name_acronyms<'a>(
    words: impl IntoIterator<Item = (TokenKind, &'a str)>,
) -> Vec<String> {
    let mut spelled = vec![String::new()];
    // a name word has been spelled; a legal form after one ends them
    let (mut named, mut ended) = (false, false);
    for (kind, text) in words {
        match Part::of(kind, text) {
            Part::Initial(_) if ended => return Vec::new(),
            Part::Initial(letter) => {
                named = true;
                spelled.retain_mut(|letters| {
                    letters.push(char::from(letter));
                    letters.len() <= MAX_LETTERS
                });
            }
            Part::Optional(_) | Part::Article if ended => {}
            part @ (Part::Optional(_) | Part::Article) => {
                let optional = part.optional_letters().unwrap_or_default();
                let with: Vec<String> = spelled
                    .iter()
                    .filter(|letters| letters.len() < MAX_LETTERS)
                    .flat_map(|letters| {
                        optional
                            .iter()
                            .map(move |&letter| format!("{letters}{}", char::from(letter)))
                    })
                    .collect();
                spelled.extend(with);
            }
            Part::Ending(_) if ended || !named => {}
            Part::Ending(spellings) => {
                ended = true;
                let with: Vec<String> = spelled
                    .iter()
                    .flat_map(|letters| spellings.iter().map(move |s| format!("{letters}{s}")))
                    .filter(|letters| letters.len() <= MAX_LETTERS)
                    .collect();
                spelled.extend(with);
            }
            Part::Breaks => return Vec::new(),
        }
        spelled.sort_unstable();
        spelled.dedup();
        spelled.truncate(MAX_ACRONYMS);
        if spelled.is_empty() {
            return Vec::new();
        }
    }
    spelled.retain(|letters| {
        letters.len() >= MIN_ALONE_LETTERS && letters.bytes().all(|b| b.is_ascii_alphabetic())
    });
    spelled
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::tokens::{NameStyle, tokenize};

    fn acronyms(name: &str) -> Vec<String> {
        let tokens = tokenize(name, NameStyle::Organization);
        whole_name_acronyms(tokens.iter().map(|t| (t.kind, t.text.as_str())))
    }

    fn span(acronym: &str, name: &str) -> Option<Range<usize>> {
        let acronym = WordForms::new(&tokenize(acronym, NameStyle::Organization)[0]);
        let tokens = tokenize(name, NameStyle::Organization);
        let forms: Vec<WordForms> = tokens.iter().map(WordForms::new).collect();
        acronym_span(&acronym, &forms.iter().collect::<Vec<_>>())
    }

    #[test]
    fn a_whole_name_has_the_acronym_of_its_name_words() {
        assert_eq!(acronyms("VORELIAN SHIPPING LINES"), ["vsl"]);
        assert_eq!(
            acronyms("JSC VORELIAN REPUBLIC OF KASTOR SHIPPING LINES"),
            ["vrksl"]
        );
        assert!(acronyms("VORELIAN KASTOR BANK LTD").contains(&"vkb".to_string()));
    }

    #[test]
    fn particles_and_an_ending_legal_form_are_spelled_or_not() {
        let spelled = acronyms("AL-VORELIA IN KASTOR");
        for acronym in ["vk", "avk", "vik", "avik"] {
            assert_eq!(spelled.contains(&acronym.to_string()), acronym.len() >= 3);
        }
        assert!(acronyms("PORTALES DE VORELIA, S.A.").contains(&"pdvsa".to_string()));
        assert!(acronyms("NATIONAL KASTORIAN OIL COMPANY").contains(&"nkoc".to_string()));
        assert!(acronyms("KASTOR VORELIAN CORPORATION").contains(&"kvc".to_string()));
    }

    #[test]
    fn the_article_is_spelled_with_any_of_its_vowels() {
        let spelled = acronyms("HARAKAT-UL VORELIA KASTORI");
        for acronym in ["hvk", "havk", "hevk", "huvk"] {
            assert!(spelled.contains(&acronym.to_string()), "{acronym}");
        }
        assert_eq!(span("HUVK", "HARAKAT-UL VORELIA KASTORI"), Some(0..4));
        assert_eq!(span("HAVK", "HARAKAT EL VORELIA KASTORI"), Some(0..4));
        assert_eq!(span("HOVK", "HARAKAT-UL VORELIA KASTORI"), None);
    }

    #[test]
    fn some_names_have_none() {
        // too many name words, a number, a legal form inside
        assert!(acronyms("VORELIAN BANK").is_empty());
        assert!(acronyms("ONE TWO THREE FOUR FIVE SIX").is_empty());
        assert!(acronyms("VORELIAN 12 SHIPPING LINES").is_empty());
        assert!(acronyms("VORELIAN LLC SHIPPING LINES").is_empty());
    }

    #[test]
    fn a_span_spells_every_letter_and_reaches_as_far_as_it_can() {
        assert_eq!(span("PDVSA", "PORTALES DE VORELIA, S.A."), Some(0..4));
        assert_eq!(span("AKI", "AL-KASTOR IN IRRAN"), Some(0..4));
        assert_eq!(span("NKOC", "NATIONAL KASTORIAN OIL COMPANY"), Some(0..4));
        assert_eq!(span("KOS", "THE KASTOR OF SALVIA"), Some(1..4));
        // a letter left over, a word left out, a legal form alone
        assert_eq!(span("PDVSX", "PORTALES DE VORELIA, S.A."), None);
        assert_eq!(span("PV", "PORTALES SALVIA VORELIA"), None);
        assert_eq!(span("SA", "VORELIA S.A."), None);
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
