//! Searching the typos of the words around candidate spans and beside
//! found words, only among the vocabulary words that could change a
//! proposal.

use std::ops::Deref;
use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};

use super::analysis::{Analysed, Depth, WordInfo};
use super::phrases::phrases;
use super::propose::{BlockSpans, fits_name, neighbours};
use super::text::TextWord;
use super::{EXTRA_SPAN_WORDS, Scanner, presized};
use crate::matching::Screener;
use crate::matching::align::QueryWord;
use crate::matching::index::{NameId, SimilarWord, SimilarWords, WordList};

/// Where a distinct word's typos are searched: among the words of the
/// names of the candidate spans it lies in or beside, and among the typo
/// targets of its found neighbours ([`Scanner::typo_targets`]).
#[derive(Debug, Default)]
struct TypoScope {
    /// Names of the candidate spans around the word.
    names: Vec<NameId>,
    /// The distinct words found beside it.
    beside: Vec<usize>,
}

/// The typo search memo's key: everything a search's answer depends on.
/// The word (its text, analysed through the cheap door), the names of the
/// candidate spans around it, and the found words beside it by text and
/// depth (their analyses give the typo targets), in the order searched.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) struct TypoSearchKey {
    word: String,
    names: Vec<NameId>,
    beside: Vec<(String, Depth)>,
}

impl<S: Deref<Target = Screener>> Scanner<S> {
    /// Searches the typos of the words [`Scanner::typo_scopes`] picks
    /// around the candidate `spans` of `text`, and puts the analyses that
    /// found a similar word the cheap door had not in `analysed`: the
    /// distinct words whose analyses changed, ascending (their phrases are
    /// proposed again). Each search is remembered from scan to scan by
    /// [`TypoSearchKey`], with the analysis it gave (whose names touched
    /// and typo targets are then worked out once).
    pub(super) fn deepen_with_typos(
        &self,
        text: &str,
        words: &[TextWord],
        analysed: &mut Analysed,
        spans: &BlockSpans,
    ) -> Vec<usize> {
        let scopes = self.typo_scopes(words, analysed, spans);
        if scopes.is_empty() {
            return Vec::new();
        }
        // Where each distinct word is first written, for its text.
        let mut written_at = vec![usize::MAX; analysed.arena.len()];
        for (at, &word) in analysed.of_word.iter().enumerate() {
            if written_at[word] == usize::MAX {
                written_at[word] = at;
            }
        }
        let text_of = |word: usize| words[written_at[word]].text(text);
        let deepened: Vec<(usize, Arc<WordInfo>)> = scopes
            .into_iter()
            .filter_map(|(at, scope)| {
                let key = TypoSearchKey {
                    word: text_of(at).to_string(),
                    names: scope.names.clone(),
                    beside: scope
                        .beside
                        .iter()
                        .map(|&next| (text_of(next).to_string(), analysed.arena[next].depth))
                        .collect(),
                };
                let info = match self.typo_searches.get(&key) {
                    Some(known) => known,
                    None => {
                        let found = self.search_typos(at, &scope, &analysed.arena).map(Arc::new);
                        self.typo_searches.insert(key, found.clone());
                        found
                    }
                }?;
                Some((at, info))
            })
            .collect();
        let mut changed = Vec::with_capacity(deepened.len());
        for (at, info) in deepened {
            analysed.arena[at] = info;
            changed.push(at);
        }
        changed.sort_unstable();
        changed
    }

    /// The distinct words, so far looked up through the cheap door only,
    /// whose typos are searched, and where ([`TypoScope`]): the words of
    /// every candidate span and of its neighbourhood that resemble no word
    /// of the span's names yet (a listed name's typo'd word beside its
    /// exact ones: `Kim Sang Maa`, `People` for `PEOPLE'S`), and every word
    /// beside a found word, which may be a typo of another word of a name
    /// that word touches (`Jinryong IT`, `Luois López` for `LOPEZ, Luis`):
    /// a span needs a word anchoring its name and a neighbour touching that
    /// name, so no other typo can change a proposal.
    ///
    /// A listed name none of whose words is written exactly or as a
    /// romanization variant in the text is therefore never proposed.
    fn typo_scopes(
        &self,
        words: &[TextWord],
        analysed: &Analysed,
        spans: &BlockSpans,
    ) -> FxHashMap<usize, TypoScope> {
        let of_word = &analysed.of_word;
        let arena = &analysed.arena;
        let mut scopes: FxHashMap<usize, TypoScope> = presized(arena.len());
        // What the scopes hold, so that a word written again and again
        // beside the same names adds them once: the scopes grow with the
        // distinct words and names, not with the text.
        let mut added_names: FxHashSet<(usize, NameId)> = FxHashSet::default();
        let mut added_beside: FxHashSet<(usize, usize)> = FxHashSet::default();
        let index = self.screener.index();
        for &((first, last), ref names) in spans {
            let mut from = first;
            while from > 0 && !words[from].break_before && first - (from - 1) <= EXTRA_SPAN_WORDS {
                from -= 1;
            }
            let mut to = last;
            while to + 1 < words.len()
                && !words[to + 1].break_before
                && to + 1 - last <= EXTRA_SPAN_WORDS
            {
                to += 1;
            }
            for at in from..=to {
                let info = &arena[of_word[at]];
                let fits = names
                    .iter()
                    .any(|&n| fits_name(info, &index.name(n).words, n, false));
                if info.depth == Depth::Key && !fits {
                    let word = of_word[at];
                    let scope = scopes.entry(word).or_default();
                    let new = names.iter().filter(|&&n| added_names.insert((word, n)));
                    scope.names.extend(new);
                }
            }
        }
        let mut infos: Vec<&WordInfo> = Vec::new();
        for phrase_range in phrases(words) {
            let of_word = &of_word[phrase_range.clone()];
            let words = &words[phrase_range.clone()];
            analysed.gather(phrase_range.clone(), &mut infos);
            for (at, info) in infos.iter().enumerate() {
                if info.depth != Depth::Key || !info.traits.name_word {
                    continue;
                }
                for next in neighbours(words, &infos, at) {
                    let pair = (of_word[at], of_word[next]);
                    if infos[next].traits.found && added_beside.insert(pair) {
                        scopes.entry(pair.0).or_default().beside.push(pair.1);
                    }
                }
            }
        }
        for scope in scopes.values_mut() {
            scope.names.sort_unstable();
            scope.names.dedup();
            scope.beside.sort_unstable();
            scope.beside.dedup();
        }
        scopes
    }

    /// The word's analysis with its typos added, searched only among the
    /// words `scope` names (its candidate spans' names' words and its found
    /// neighbours' typo targets): the full search's
    /// answer restricted to the words that can change a proposal
    /// ([`Vocabulary::similar_words_in`](crate::matching::index::Vocabulary::similar_words_in)),
    /// at a fraction of its cost. `None` when the search found no similar
    /// word it did not have: its proposals stand.
    fn search_typos(
        &self,
        at: usize,
        scope: &TypoScope,
        arena: &[Arc<WordInfo>],
    ) -> Option<WordInfo> {
        let info = &arena[at];
        let index = self.screener.index();
        let span_words = index.words_of(&scope.names);
        // Each list is searched apart: already sorted, they need no union.
        let lists: Vec<&WordList> = std::iter::once(&span_words)
            .chain(
                scope
                    .beside
                    .iter()
                    .map(|&next| arena[next].typo_targets(self)),
            )
            .filter(|list| !list.is_empty())
            .collect();
        let typos: Vec<Vec<SimilarWord>> = info
            .tokens
            .iter()
            .map(|token| index.vocabulary.similar_words_in_each(&token.forms, &lists))
            .collect();
        let found_typo = info.tokens.iter().zip(&typos).any(|(token, typos)| {
            typos.iter().any(|t| {
                token
                    .similar
                    .binary_search_by_key(&t.word, |s| s.word)
                    .is_err()
            })
        });
        if !found_typo {
            return None;
        }
        let tokens: Vec<QueryWord> = info
            .tokens
            .iter()
            .zip(&typos)
            .map(|(token, typos)| QueryWord {
                similar: merge_similar(&token.similar, typos),
                ..token.clone()
            })
            .collect();
        Some(self.word_info(tokens, info.lowercase, Depth::Typos))
    }
}

/// The union of two lists of similar words, sorted by word id (a word in
/// both keeps its entry in `known`).
fn merge_similar(known: &[SimilarWord], more: &[SimilarWord]) -> SimilarWords {
    let mut all: Vec<SimilarWord> = known.iter().chain(more).copied().collect();
    all.sort_by_key(|s| s.word);
    all.dedup_by_key(|s| s.word);
    all.into()
}

#[cfg(test)]
mod tests {
    use super::super::test_lists::*;
    use crate::matching::{Query, ScreenOptions};
    use crate::scan::{Mention, Scanner};

    /// A typo beside an exact word of a name is found whichever of the
    /// two anchors the name, with the screener's own score for the span.
    #[test]
    fn a_typo_beside_an_exact_word_of_the_name_is_found() {
        let screener = screener();
        let scanner = Scanner::new(&screener, 0.7);
        for text in [
            "The payment went to Luois Lopez on Monday.",
            "The payment went to Lopez Luiss on Monday.",
        ] {
            let mentions = scanner.scan(text);
            let lopez: Vec<&Mention> = mentions
                .iter()
                .filter(|m| screener.entity(&m.result).id == "t:lopez")
                .collect();
            assert_eq!(lopez.len(), 1, "{text}: {mentions:?}");
            let span = &text[lopez[0].span.start..lopez[0].span.end];
            let options = ScreenOptions {
                threshold: 0.7,
                limit: 10,
            };
            let screened = screener.screen(&Query::name(span), &options);
            let best = screened
                .iter()
                .find(|r| screener.entity(r).id == "t:lopez")
                .map(|r| r.score);
            assert_eq!(best, Some(lopez[0].result.score), "{text}: {span}");
        }
    }

    /// The typo searches a scanner remembers give each later scan the
    /// mentions a new scanner finds, whether the same typo comes back
    /// beside the same names or beside others.
    #[test]
    fn remembered_typo_searches_never_change_a_scan() {
        let screener = screener();
        let seasoned = Scanner::new(&screener, 0.7);
        let texts = [
            "The payment went to Luois Lopez on Monday.",
            "Kim Sang Maa and Luois Lopez met.",
            "Payments to Jinryong IT Cooperation Company stopped.",
            "The payment went to Luois Lopez on Monday.",
            "Luois and Maa wrote to Jinryong.",
            "Kim Sang Maa and Luois Lopez met.",
        ];
        let mut found = 0;
        for text in texts {
            let remembered = seasoned.scan(text);
            assert_eq!(
                remembered,
                Scanner::new(&screener, 0.7).scan(text),
                "{text}"
            );
            found += remembered.len();
        }
        assert!(found >= 5, "the texts name listed people: {found} mentions");
        assert!(
            !seasoned.typo_searches.is_empty(),
            "no typo search was remembered"
        );
    }

    #[test]
    fn a_typo_in_the_only_anchor_is_searched_beside_the_name_words() {
        // `Jinryong` is found by no exact or romanization lookup; it is
        // searched because `IT` next to it belongs to a name it may spell.
        assert_eq!(
            found("Payments to Jinryong IT Cooperation Company stopped."),
            [pair("Jinryong IT Cooperation Company", "t:chinyong")]
        );
    }
}
