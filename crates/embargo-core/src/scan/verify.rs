//! Verifying a candidate span: the screener's ranking of the names
//! proposed for it, with the rules for single words, acronyms and country
//! names, remembered from scan to scan by span text and proposed names.

use std::ops::Deref;
use std::sync::Arc;

use quick_cache::Equivalent;

use super::Scanner;
use super::analysis::{Depth, WordInfo, spells_whole_name};
use crate::matching::align::PreparedName;
use crate::matching::index::NameId;
use crate::matching::similarity::Agreement;
use crate::matching::tokens::{NameStyle, TokenKind};
use crate::matching::{Query, ScreenMatch, ScreenOptions, Screener};
use crate::model::{NameQuality, Schema, country_code, is_country_word};

/// Shortest single word reported alone.
const MIN_SINGLE_WORD_CHARS: usize = 4;

/// Share of a listed name a single word must cover (all but particles and
/// legal forms): `Washington` is not `WASHINGTON TRADING LTD`.
const SINGLE_WORD_COVERAGE: f32 = 0.9;

/// Longest all-capitals word treated as an acronym.
const MAX_ACRONYM_CHARS: usize = 5;

/// What a span's verification depends on: its text, the names proposed
/// for it and, for a one-word span, how far its word was looked up.
pub(super) type VerificationOwnedKey = (String, Vec<NameId>, Option<Depth>);

/// [`VerificationOwnedKey`], borrowed: hashed as the stored tuple is.
#[derive(Hash)]
struct VerificationKey<'a>(&'a str, &'a [NameId], Option<Depth>);

impl Equivalent<VerificationOwnedKey> for VerificationKey<'_> {
    fn equivalent(&self, key: &VerificationOwnedKey) -> bool {
        self.0 == key.0 && self.1 == key.1.as_slice() && self.2 == key.2
    }
}

impl<S: Deref<Target = Screener>> Scanner<S> {
    /// [`Scanner::verify`], remembered from scan to scan; a word whose
    /// typos were searched depends on its neighbours, so a one-word span of
    /// such a word is verified afresh.
    pub(super) fn remembered_verification(
        &self,
        span_text: &str,
        names: Vec<NameId>,
        single_word: Option<&WordInfo>,
    ) -> Arc<[ScreenMatch]> {
        let depth = single_word.map(|word| word.depth);
        if depth == Some(Depth::Typos) {
            return Arc::from(self.verify(span_text, names, single_word));
        }
        if let Some(known) = self
            .verifications
            .get(&VerificationKey(span_text, &names, depth))
        {
            return known;
        }
        let results: Arc<[ScreenMatch]> =
            Arc::from(self.verify(span_text, names.clone(), single_word));
        self.verifications
            .insert((span_text.to_string(), names, depth), Arc::clone(&results));
        results
    }

    /// Ranks the proposed names for one span; applies the rules for
    /// single words, acronyms and country names.
    fn verify(
        &self,
        span_text: &str,
        mut names: Vec<NameId>,
        single_word: Option<&WordInfo>,
    ) -> Vec<ScreenMatch> {
        let index = self.screener.index();
        if let Some(word) = single_word {
            let excluded = is_short_acronym(span_text) || is_country_word(span_text);
            names.retain(|&n| spells_whole_name(word, &index.name(n).words, index));
            if excluded || names.is_empty() {
                return Vec::new();
            }
        }
        if country_code(span_text).is_some() {
            return Vec::new();
        }
        // Aligned with these names only, a name prepared for their words
        // scores as a fully prepared one, without searching the vocabulary.
        let listed_words = index.words_of(&names);
        let prepared = PreparedName::for_words(span_text, NameStyle::Unknown, index, &listed_words);
        if prepared
            .words
            .iter()
            .all(|w| w.forms.kind != TokenKind::Word)
        {
            return Vec::new();
        }
        names.sort_unstable();
        let options = ScreenOptions {
            threshold: self.threshold,
            limit: usize::MAX,
        };
        let query = Query::name(span_text);
        let mut results = self.screener.rank_names(&query, &prepared, names, &options);
        if single_word.is_some() {
            results.retain(|r| self.single_word_allowed(span_text, r));
        }
        let best = results.first().map_or(0.0, |r| r.score);
        results.retain(|r| (best - r.score).abs() < 1e-4);
        results
    }

    /// Whether a one-word span may report `result`: an exact match of
    /// (nearly) the whole of a primary or strong name of a person or
    /// organization.
    fn single_word_allowed(&self, word: &str, result: &ScreenMatch) -> bool {
        let entity = self.screener.entity(result);
        let kind_ok = matches!(entity.schema, Schema::Person | Schema::Organization);
        let quality_ok = matches!(
            result.explanation.name_quality,
            Some(NameQuality::Primary | NameQuality::Strong)
        );
        let exact = result.explanation.alignment.as_ref().is_some_and(|a| {
            a.unmatched_query.is_empty()
                && a.listed_coverage >= SINGLE_WORD_COVERAGE
                && a.pairs.iter().all(|p| p.agreement == Agreement::Exact)
        });
        kind_ok && quality_ok && exact && word.chars().count() >= MIN_SINGLE_WORD_CHARS
    }
}

/// `RGB`, `IT`, `DPRK`: all capitals, at most five letters.
fn is_short_acronym(word: &str) -> bool {
    let count = word.chars().count();
    count <= MAX_ACRONYM_CHARS && word.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::super::test_lists::*;
    use super::*;

    /// A span verified in an earlier scan is given its remembered results
    /// only for the same proposed names.
    #[test]
    fn a_remembered_verification_is_reused_only_for_the_same_names() {
        let screener = daras_and_datana();
        let scanner = Scanner::new(&screener, 0.7);
        let index = screener.index();
        let daras: Vec<NameId> = (0..index.names.len() as NameId)
            .filter(|&n| screener.entities()[index.name(n).entity as usize].id == "t:daras")
            .collect();
        let verified = |names: &[NameId]| {
            scanner
                .remembered_verification("Ali Daras", names.to_vec(), None)
                .iter()
                .map(|r| screener.entity(r).id.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(verified(&daras), ["t:daras"]);
        assert_eq!(verified(&[]), Vec::<String>::new());
        assert_eq!(verified(&daras), ["t:daras"]);
    }

    #[test]
    fn acronyms_countries_vessels_and_weak_single_words_never_hit_alone() {
        assert_eq!(
            found("The RGB hired IT staff in Korea. Zinc prices and Glory rose."),
            []
        );
        assert_eq!(
            found("Donations to Hamas were traced."),
            [pair("Hamas", "t:hamas")]
        );
    }
}
