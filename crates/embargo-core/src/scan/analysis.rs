//! What each distinct word of a text turns into: its tokens with the
//! similar list words found through the cheap door (or, once searched, its
//! typos), the names it anchors and those it spells whole, remembered from
//! scan to scan.

use std::ops::{Deref, Range};
use std::sync::{Arc, OnceLock};

use quick_cache::Equivalent;
use rustc_hash::FxHashMap;

use super::text::TextWord;
use super::{Scanner, presized};
use crate::matching::Screener;
use crate::matching::align::QueryWord;
use crate::matching::index::{NameId, NameIndex, SimilarWord, WordId, WordList};
use crate::matching::similarity::{Agreement, WordForms};
use crate::matching::tokens::{NameStyle, Token, TokenKind, tokenize};

/// Longest word (in bytes) analysed as a possible name word.
const MAX_WORD_BYTES: usize = 64;

/// The analysis memo's key `(text, depth)`, borrowed: hashed as the stored
/// tuple is, so a lookup needs no copy of the text.
#[derive(Hash)]
struct AnalysisKey<'a>(&'a str, Depth);

impl Equivalent<(String, Depth)> for AnalysisKey<'_> {
    fn equivalent(&self, key: &(String, Depth)) -> bool {
        self.0 == key.0 && self.1 == key.1
    }
}

/// How far a distinct word is looked up in the vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Depth {
    /// Its exact text only (a lower-case word in mixed-case text).
    Exact,
    /// Its exact text and romanization key ([`FoldDoor`](super::lookup::FoldDoor)).
    Key,
    /// Also its typos among the vocabulary words that matter near it
    /// (see `TypoScope` in `typos`).
    Typos,
}

/// What one distinct text word turned into.
pub(super) struct WordInfo {
    pub(super) tokens: Vec<QueryWord>,
    /// Only particles and legal forms.
    pub(super) minor: bool,
    /// Starts with a lower-case letter.
    pub(super) lowercase: bool,
    /// The names it anchors, sorted.
    pub(super) anchored: Vec<NameId>,
    /// The anchored names it spells whole (see [`spells_whole_name`]).
    pub(super) whole: Vec<NameId>,
    /// How far it was looked up.
    pub(super) depth: Depth,
    /// What proposing asks of it again and again.
    pub(super) traits: WordTraits,
    /// The names it touches ([`Scanner::touched_names`]), once asked.
    pub(super) touched: OnceLock<Vec<NameId>>,
    /// The words a typo beside it must resemble to change a proposal
    /// ([`Scanner::typo_targets`]), once asked.
    pub(super) typo_targets: OnceLock<WordList>,
}

impl WordInfo {
    /// The names the word touches.
    pub(super) fn touched<S: Deref<Target = Screener>>(&self, scanner: &Scanner<S>) -> &[NameId] {
        self.touched.get_or_init(|| scanner.touched_names(self))
    }

    /// The words a typo beside the word must resemble to change a proposal.
    pub(super) fn typo_targets<S: Deref<Target = Screener>>(
        &self,
        scanner: &Scanner<S>,
    ) -> &WordList {
        self.typo_targets.get_or_init(|| scanner.typo_targets(self))
    }
}

/// What the proposal loops ask of a word at every place it is written,
/// worked out once per distinct word so that they need not read its
/// tokens.
#[derive(Debug, Clone, Copy)]
pub(super) struct WordTraits {
    /// Some token was found in the vocabulary (a similar word or a joined
    /// pair of a list name).
    pub(super) found: bool,
    /// Some token is written exactly as a listed word.
    pub(super) listed: bool,
    /// Some token is an ordinary name word that a typo search could find
    /// (two letters or more).
    pub(super) name_word: bool,
    /// The word is one ordinary name word of two letters or more, which
    /// may be written joined with its neighbour.
    pub(super) joinable: bool,
}

impl WordTraits {
    /// The traits of a word made of `tokens`.
    fn of(tokens: &[QueryWord]) -> WordTraits {
        let name_word = |t: &QueryWord| t.forms.kind == TokenKind::Word && t.forms.text.len() >= 2;
        WordTraits {
            found: tokens
                .iter()
                .any(|t| !t.similar.is_empty() || !t.joined_in_names.is_empty()),
            listed: tokens
                .iter()
                .any(|t| t.similar.iter().any(|s| s.agreement == Agreement::Exact)),
            name_word: tokens.iter().any(name_word),
            joinable: matches!(tokens, [token] if name_word(token)),
        }
    }
}

/// The distinct words of a text and their analyses.
pub(super) struct Analysed {
    /// One analysis per distinct word (shared with the scanner's memo of
    /// word analyses).
    pub(super) arena: Vec<Arc<WordInfo>>,
    /// For each word of the text, its distinct word.
    pub(super) of_word: Vec<usize>,
}

impl Analysed {
    /// Puts in `infos` (emptied first) the analyses of the text's words
    /// `words`, one per word: a phrase's, gathered in a reused vector
    /// rather than one the length of the text.
    pub(super) fn gather<'a>(&'a self, words: Range<usize>, infos: &mut Vec<&'a WordInfo>) {
        infos.clear();
        infos.extend(self.of_word[words].iter().map(|&at| &*self.arena[at]));
    }
}

impl<S: Deref<Target = Screener>> Scanner<S> {
    /// Analyses each distinct word once through the cheap door (its
    /// exact text and romanization key).
    ///
    /// In mixed-case text a lower-case word (not after a hyphen) can only
    /// take part in a mention by equalling a listed word, so it is only
    /// looked up exactly.
    pub(super) fn analyse_words(
        &self,
        text: &str,
        words: &[TextWord],
        mixed_case: bool,
    ) -> Analysed {
        let mut arena = Vec::new();
        let mut seen: FxHashMap<(&str, bool), usize> = presized(words.len());
        let mut of_word = Vec::with_capacity(words.len());
        for word in words {
            let raw = word.text(text);
            let lowercase = raw.chars().next().is_some_and(char::is_lowercase);
            let exact_only = mixed_case && lowercase && !word.hyphen_before;
            let at = *seen.entry((raw, exact_only)).or_insert_with(|| {
                let depth = if exact_only { Depth::Exact } else { Depth::Key };
                arena.push(self.remembered_analysis(raw, lowercase, depth));
                arena.len() - 1
            });
            of_word.push(at);
        }
        Analysed { arena, of_word }
    }

    /// [`Scanner::analyse_word`], remembered from scan to scan.
    fn remembered_analysis(&self, raw: &str, lowercase: bool, depth: Depth) -> Arc<WordInfo> {
        if let Some(known) = self.analyses.get(&AnalysisKey(raw, depth)) {
            return known;
        }
        let info = Arc::new(self.analyse_word(raw, lowercase, depth));
        self.analyses
            .insert((raw.to_string(), depth), Arc::clone(&info));
        info
    }

    /// One word's tokens with their similar list words, as far as `depth`
    /// looks (typos aside: see [`Scanner::search_typos`]), and the names it
    /// anchors.
    fn analyse_word(&self, raw: &str, lowercase: bool, depth: Depth) -> WordInfo {
        let index = self.screener.index();
        let tokens = if raw.len() > MAX_WORD_BYTES {
            Vec::new()
        } else {
            match depth {
                Depth::Exact => tokenize(raw, NameStyle::Unknown)
                    .iter()
                    .map(|token| exact_word(token, index))
                    .collect(),
                Depth::Key | Depth::Typos => tokenize(raw, NameStyle::Unknown)
                    .iter()
                    .map(|token| self.door.query_word(token, index))
                    .collect(),
            }
        };
        self.word_info(tokens, lowercase, depth)
    }

    /// The analysis of a word made of `tokens`: the names it anchors and
    /// those it spells whole.
    pub(super) fn word_info(
        &self,
        tokens: Vec<QueryWord>,
        lowercase: bool,
        depth: Depth,
    ) -> WordInfo {
        let index = self.screener.index();
        let exact_only = depth == Depth::Exact;
        let minor = !tokens.is_empty() && tokens.iter().all(|t| t.forms.kind.is_minor());
        let anchored = if exact_only {
            Vec::new()
        } else {
            sorted_names(self.anchored_names(&tokens))
        };
        let traits = WordTraits::of(&tokens);
        let mut info = WordInfo {
            tokens,
            traits,
            minor,
            lowercase,
            anchored,
            whole: Vec::new(),
            depth,
            touched: OnceLock::new(),
            typo_targets: OnceLock::new(),
        };
        let exact_words = info
            .tokens
            .iter()
            .flat_map(|t| t.similar.iter())
            .filter(|s| s.agreement == Agreement::Exact)
            .count();
        info.whole = info
            .anchored
            .iter()
            .copied()
            .filter(|&n| usize::from(self.essential_words[n as usize]) <= exact_words)
            .filter(|&n| spells_whole_name(&info, &index.name(n).words, index))
            .collect();
        info
    }

    /// Every name with a word resembling one of the word's tokens, or
    /// written as two words it joins; sorted.
    fn touched_names(&self, info: &WordInfo) -> Vec<NameId> {
        let vocabulary = &self.screener.index().vocabulary;
        sorted_names(info.tokens.iter().flat_map(|token| {
            let similar = token
                .similar
                .iter()
                .flat_map(|s| vocabulary.word(s.word).postings.iter().copied());
            similar.chain(token.joined_in_names.iter().map(|&(name, _, _)| name))
        }))
    }

    /// The words a typo beside the word `info` must resemble to change a
    /// proposal: a pair proposes a name one of its words anchors and the
    /// other touches, so any word of a name `info` anchors, and an anchor
    /// of another name it touches: the precomputed [`TypoTargets`](super::targets::TypoTargets) of its
    /// similar words, and the words of the names it writes as two joined
    /// words (which it anchors). A word looked up exactly anchors nothing.
    fn typo_targets(&self, info: &WordInfo) -> WordList {
        let index = self.screener.index();
        let similar = || info.tokens.iter().flat_map(|token| token.similar.iter());
        let anchors = info.depth != Depth::Exact;
        let anchored = similar()
            .filter(|_| anchors)
            .map(|s| self.targets.anchored_words(s.word));
        let touched = similar().map(|s| self.targets.touched_anchors(s.word));
        let joined = index.vocabulary.word_list(
            info.tokens
                .iter()
                .flat_map(|token| token.joined_in_names.iter())
                .flat_map(|&(name, _, _)| index.name(name).words.iter().copied()),
        );
        WordList::union(anchored.chain(touched).chain([joined.ids()]))
    }

    /// The names a word anchors: those with an anchor similar to one of
    /// its tokens, or written as two listed words that it joins.
    fn anchored_names<'a>(&'a self, tokens: &'a [QueryWord]) -> impl Iterator<Item = NameId> + 'a {
        tokens.iter().flat_map(move |token| {
            let similar = token
                .similar
                .iter()
                .flat_map(move |s| self.anchors[s.word as usize].iter().copied());
            let joined = token.joined_in_names.iter().map(|&(name, _, _)| name);
            similar.chain(joined)
        })
    }
}

/// A token looked up only exactly: its similar words are the one equal
/// list word, if any.
fn exact_word(token: &Token, index: &NameIndex) -> QueryWord {
    let similar = index
        .vocabulary
        .id_of(&token.text)
        .map(|word| SimilarWord {
            word,
            similarity: 1.0,
            agreement: Agreement::Exact,
        })
        .into_iter()
        .collect();
    QueryWord {
        forms: WordForms::new(token),
        weight: 0.0,
        similar,
        joined_in_names: Vec::new(),
    }
}

/// `names` ascending, without repeats.
pub(super) fn sorted_names(names: impl IntoIterator<Item = NameId>) -> Vec<NameId> {
    let mut sorted: Vec<NameId> = names.into_iter().collect();
    sorted.sort_unstable();
    sorted.dedup();
    sorted
}

/// Whether the word's tokens equal every name word of a listed name
/// (particles and legal forms aside): the only way one word can name an
/// entity on its own.
pub(super) fn spells_whole_name(word: &WordInfo, listed: &[u32], index: &NameIndex) -> bool {
    let equal = |w: &u32| {
        word.tokens.iter().any(|t| {
            t.similar
                .iter()
                .any(|s| s.word == *w && s.agreement == Agreement::Exact)
        })
    };
    listed.iter().all(|w| is_minor_word(*w, index) || equal(w))
}

/// Whether the vocabulary word `word` is a particle or a legal form.
pub(super) fn is_minor_word(word: WordId, index: &NameIndex) -> bool {
    index.vocabulary.word(word).forms.kind.is_minor()
}

/// The text of a word that may be written joined with its neighbour (see
/// [`WordTraits::joinable`]).
pub(super) fn joinable_text(info: &WordInfo) -> Option<&str> {
    match info.tokens.as_slice() {
        [token] if info.traits.joinable => Some(&token.forms.text),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_lists::*;
    use crate::scan::Scanner;

    #[test]
    fn a_word_remembered_from_another_text_keeps_how_far_it_was_looked_up() {
        let screener = daras_and_datana();
        let scanner = Scanner::new(&screener, 0.7);
        // A text without capitals looks `that` up by its key and may join
        // it to its neighbour.
        assert_eq!(
            found_with(&scanner, "the money went to that ana"),
            [pair("that ana", "t:datana")]
        );
        assert_eq!(
            found_with(&scanner, "She said that Ana was born in Dar es Salaam."),
            []
        );
    }
}
