//! What an alignment found, as features a score model can read: the
//! coverage and the signs against a match.
//!
//! The name score ([`super::score`]) reads the coverage and the two signs
//! it weighs by hand (the family names disagree, a given name written in
//! syllables is met by some of its syllables only). The other features
//! (how much of the pairing is typos or initials, a one-word query) are
//! recorded so that `embargo evaluate --pairs FILE --features OUT` can
//! write them for `tools/calibrate/fit.py`, which fits and cross-validates
//! a logistic model on them against the hand-tuned score.

/// The features of one alignment.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct NameEvidence {
    /// Harmonic mean of the query and listed coverages, in `[0, 1]`.
    pub coverage: f32,
    /// The listed family name found no partner while the query has a word
    /// of its own.
    pub family_disagrees: bool,
    /// A given name written in syllables is met by some of them only.
    pub partial_given_name: bool,
    /// Share of the paired listed weight paired as a typo or by consonants
    /// only, in `[0, 1]`.
    pub typo_share: f32,
    /// Share of the paired listed weight paired by initials or acronyms,
    /// in `[0, 1]`.
    pub initial_share: f32,
    /// The query is a single name word.
    pub single_word: bool,
}
