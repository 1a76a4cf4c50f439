//! Which adjacent words of a name a query may write as one word (`Sang
//! Man` as `Sangman`, `ABD EL HALIM` as `Abdelhalim`).

use super::super::similarity::WordForms;
use super::super::tokens::{Token, TokenKind, is_article};

/// The runs of adjacent tokens a query word may write as one, with the
/// position of each run's first: every two joinable tokens
/// (`Sang Man`), two words with the Arabic article between them
/// (`ABD EL HALIM`, `SAIF AL DIN`), and a word after two particles
/// (`VAN DEN BERG`, `DE LA CRUZ`: Vandenberg, Delacruz).
pub(crate) fn joinable_runs<W: NameWord>(words: &[W]) -> impl Iterator<Item = (usize, &[W])> {
    let pairs = words
        .windows(2)
        .enumerate()
        .filter(|(_, pair)| pair.iter().all(|w| joinable(w.kind())));
    let triples = words.windows(3).enumerate().filter(|(_, run)| {
        let around_article = is_article(run[1].text())
            && [&run[0], &run[2]]
                .iter()
                .all(|w| w.kind() == TokenKind::Word);
        let after_particles = run[0].kind() == TokenKind::Particle
            && run[1].kind() == TokenKind::Particle
            && run[2].kind() == TokenKind::Word;
        around_article || after_particles
    });
    pairs.chain(triples)
}

/// A word of a name as [`joinable_runs`] reads it: a token, or the forms
/// of one.
pub(crate) trait NameWord {
    /// Its kind.
    fn kind(&self) -> TokenKind;
    /// Its text.
    fn text(&self) -> &str;
}

impl NameWord for Token {
    fn kind(&self) -> TokenKind {
        self.kind
    }
    fn text(&self) -> &str {
        &self.text
    }
}

impl NameWord for &WordForms {
    fn kind(&self) -> TokenKind {
        self.kind
    }
    fn text(&self) -> &str {
        &self.text
    }
}

/// Whether a token may be written joined with its neighbour
/// (`Abd al-Rahman` / `Abdulrahman`): words and particles, not numbers or
/// legal forms.
pub(crate) fn joinable(kind: TokenKind) -> bool {
    matches!(kind, TokenKind::Word | TokenKind::Particle)
}
