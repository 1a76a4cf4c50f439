//! What a word weighs in a name: rarer words more, particles, legal forms
//! and patronymics less.

use super::super::similarity::WordForms;
use super::super::tokens::TokenKind;
use super::{MIN_WORD_WEIGHT, MINOR_WEIGHT};

/// Patronymic endings (Russian, Ukrainian, Belarusian): a father's name
/// is often left out when people write their own name. The South Slavic
/// `-ovic` (`PETROVIC`, `IMAMOVIC`) ends family names, not fathers' names:
/// those languages write no patronymic.
const PATRONYMIC_ENDINGS: [&str; 11] = [
    "ovich", "evich", "ovych", "evych", "ovna", "evna", "ichna",
    // Belarusian (Ryhoravich, Kanstantsinauna, Radzivonawna), Ukrainian
    // (Serhiivna)
    "avich", "auna", "awna", "ivna",
];
/// Share of its weight a patronymic keeps.
const PATRONYMIC_FACTOR: f32 = 0.4;

/// True for words that look like patronymics (`Vladimirovich`).
pub(crate) fn is_patronymic(word: &str) -> bool {
    word.len() > 7
        && PATRONYMIC_ENDINGS
            .iter()
            .any(|ending| word.ends_with(ending))
}

/// The weight of a family name whose vocabulary weight is `weight`: a
/// word that looks like a patronymic (`YANUKOVYCH`, `PETROVIC`) but is
/// listed as a family name gets back the share [`word_weight`] took from
/// it, as its rarity is a family name's.
pub(crate) fn family_weight(weight: f32, text: &str) -> f32 {
    if is_patronymic(text) {
        (weight / PATRONYMIC_FACTOR).min(1.0)
    } else {
        weight
    }
}

/// Inverse document frequency scaled to `[MIN_WORD_WEIGHT, 1]`: a word in
/// one name weighs 1, a word in every name the minimum. Particles and legal
/// forms weigh [`MINOR_WEIGHT`]; patronymics a share of their frequency
/// weight.
pub(crate) fn word_weight(forms: &WordForms, name_frequency: usize, name_count: f32) -> f32 {
    match forms.kind {
        TokenKind::Particle | TokenKind::LegalForm => MINOR_WEIGHT,
        TokenKind::Word | TokenKind::Number => {
            let frequency = name_frequency.max(1) as f32;
            let idf = (name_count / frequency).ln() / name_count.max(2.0).ln();
            let weight = idf.clamp(MIN_WORD_WEIGHT, 1.0);
            if is_patronymic(&forms.text) {
                (weight * PATRONYMIC_FACTOR).max(MIN_WORD_WEIGHT)
            } else {
                weight
            }
        }
    }
}
