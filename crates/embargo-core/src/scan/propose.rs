//! Proposing candidate spans from anchor words: a word alone proposes the
//! names it spells whole, a name it anchors grows into a span over the
//! neighbours that resemble the name's words, and two words written for
//! one listed word propose that word's names.

use std::ops::Deref;
use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};

use super::analysis::{Analysed, Depth, WordInfo, joinable_text, sorted_names};
use super::phrases::{PhraseSpans, RecentPhrases, SpanNames, phrases};
use super::text::TextWord;
use super::{EXTRA_SPAN_WORDS, Scanner};
use crate::matching::Screener;
use crate::matching::index::{NameId, WordId};
use crate::matching::similarity::Agreement;

/// Least similarity of two text words written together with a listed
/// word for the pair to propose its names: `Sang Maa`/`Sangman` (0.86)
/// does, `Intel CEO`/`Inelso` (0.81) does not.
const MIN_JOINED_SIMILARITY: f32 = 0.85;

/// The candidate spans of a text (first and last word), each once, with
/// the names proposed for each.
pub(super) type BlockSpans = Vec<((usize, usize), SpanNames)>;

/// A pair of distinct words looked up as one listed word, and where (see
/// `ProposeMemo::joined`).
type JoinedKey = (usize, usize, Option<(usize, Depth)>);

/// Lookups that proposing spans would otherwise repeat in every phrase,
/// kept for one scan.
pub(super) struct ProposeMemo {
    /// The names two words written as one listed word stand for, by the
    /// pair's distinct words and where the listed word was looked up:
    /// `None` through the cheap door ([`Scanner::joined_names`]),
    /// `Some((s, depth))` with typos, among the names the distinct word
    /// `s`, analysed to `depth`, touches.
    joined: FxHashMap<JoinedKey, Vec<NameId>>,
    /// The listed words two distinct words written as one stand for with
    /// a typo ([`Scanner::joined_typos`]).
    joined_typos: FxHashMap<(usize, usize), Arc<[WordId]>>,
    /// Two words written as one, reused from pair to pair.
    joined_text: String,
}

impl ProposeMemo {
    /// An empty memo.
    pub(super) fn new() -> ProposeMemo {
        ProposeMemo {
            joined: FxHashMap::default(),
            joined_typos: FxHashMap::default(),
            joined_text: String::new(),
        }
    }
}

/// The lookup tables of proposing one phrase's spans
/// ([`Scanner::propose_spans`]), kept from phrase to phrase so that each
/// phrase clears them instead of allocating and growing its own.
#[derive(Default)]
struct PhraseScratch {
    /// The (name, word) pairs a proposed span already covers.
    done: FxHashSet<(NameId, usize)>,
    /// The anchored names a word's neighbour touches, by the pair of
    /// distinct words.
    shared: FxHashMap<(usize, usize), Vec<NameId>>,
    /// Where each span is in the phrase's list of spans, once the list
    /// holds more than [`LISTED_SPANS`].
    positions: FxHashMap<(usize, usize), usize>,
}

/// Most spans of a phrase found by reading its list of spans in turn: a
/// phrase has few spans, and a list read in turn beats a table; past
/// these, a long phrase (a text without punctuation naming a party on
/// every line) finds them through a table, or it would read its list once
/// per span proposed.
const LISTED_SPANS: usize = 32;

/// A phrase's candidate spans as they are proposed: the names of each in
/// the order proposed.
type ProposedSpans = Vec<((usize, usize), Vec<NameId>)>;

/// Adds `name` to the span `span` of `spans`, or a span with only that
/// name; `positions` indexes `spans` once it holds more than
/// [`LISTED_SPANS`].
fn add_span(
    spans: &mut ProposedSpans,
    positions: &mut FxHashMap<(usize, usize), usize>,
    span: (usize, usize),
    name: NameId,
) {
    if spans.len() <= LISTED_SPANS {
        match spans.iter_mut().find(|(listed, _)| *listed == span) {
            Some((_, names)) => names.push(name),
            None => spans.push((span, vec![name])),
        }
        return;
    }
    if positions.is_empty() {
        positions.extend(
            spans
                .iter()
                .enumerate()
                .map(|(at, (listed, _))| (*listed, at)),
        );
    }
    match positions.get(&span) {
        Some(&at) => spans[at].1.push(name),
        None => {
            positions.insert(span, spans.len());
            spans.push((span, vec![name]));
        }
    }
}

impl<S: Deref<Target = Screener>> Scanner<S> {
    /// Candidate spans of the whole text (or of the phrases whose words
    /// are marked in `only`) with the words as analysed so far:
    /// [`Scanner::propose_spans`] phrase by phrase (runs of words between
    /// phrase breaks, which no span crosses), remembering the spans of
    /// recent phrases: a document that repeats a sentence pays for it once.
    pub(super) fn propose_all(
        &self,
        words: &[TextWord],
        analysed: &Analysed,
        mixed_case: bool,
        only: Option<&[bool]>,
        memo: &mut ProposeMemo,
    ) -> BlockSpans {
        let of_word = &analysed.of_word;
        let proposed =
            phrases(words).filter(|phrase| only.is_none_or(|marked| marked[phrase.start]));
        let mut recent = RecentPhrases::for_phrases(proposed.clone().count());
        let mut spans = Vec::new();
        let mut scratch = PhraseScratch::default();
        let mut infos: Vec<&WordInfo> = Vec::new();
        for phrase in proposed {
            let start = phrase.start;
            let local = match recent.find(words, of_word, &phrase) {
                Ok(known) => known,
                Err(hash) => {
                    analysed.gather(phrase.clone(), &mut infos);
                    let found = self.propose_spans(
                        &words[phrase.clone()],
                        &infos,
                        &of_word[phrase.clone()],
                        mixed_case,
                        memo,
                        &mut scratch,
                    );
                    recent.put(hash, phrase, found)
                }
            };
            for ((first, last), names) in local {
                spans.push(((first + start, last + start), Arc::clone(names)));
            }
        }
        spans
    }

    /// Candidate spans (first and last word, inclusive) with the names
    /// proposed for each.
    ///
    /// A word alone proposes only the names it spells whole; a name it
    /// anchors is grown into a longer span only when a neighbour (the
    /// nearest word on either side past particles) resembles a word of that
    /// name. Which anchored names a neighbour touches is computed once per
    /// pair of distinct words (`of_word` gives each word's distinct-word
    /// number), so repeated phrases cost two lookups.
    fn propose_spans(
        &self,
        words: &[TextWord],
        infos: &[&WordInfo],
        of_word: &[usize],
        mixed_case: bool,
        memo: &mut ProposeMemo,
        scratch: &mut PhraseScratch,
    ) -> PhraseSpans {
        let mut spans: ProposedSpans = Vec::new();
        scratch.done.clear();
        scratch.shared.clear();
        scratch.positions.clear();
        let PhraseScratch {
            done,
            shared,
            positions,
        } = scratch;
        let mut propose = |name: NameId, first: usize, last: usize| {
            if done.contains(&(name, first)) && done.contains(&(name, last)) {
                return;
            }
            let Some((first, last)) = self.grow(words, infos, (first, last), name, mixed_case)
            else {
                return;
            };
            for covered in first..=last {
                done.insert((name, covered));
            }
            add_span(&mut spans, positions, (first, last), name);
        };
        for (at, info) in infos.iter().enumerate() {
            if info.anchored.is_empty() {
                continue;
            }
            for &name in &info.whole {
                propose(name, at, at);
            }
            for next in neighbours(words, infos, at) {
                let names = shared
                    .entry((of_word[at], of_word[next]))
                    .or_insert_with(|| {
                        let touch = infos[next].touched(self);
                        sorted_intersection(&info.anchored, touch)
                    });
                names.iter().for_each(|&name| propose(name, at, at));
            }
        }
        for at in 1..words.len() {
            let (left, right) = (infos[at - 1], infos[at]);
            // A word looked up exactly (lower-case in mixed-case text) can
            // only take part in a mention by equalling a listed word, never
            // as half of one.
            let exact_only = left.depth == Depth::Exact || right.depth == Depth::Exact;
            if words[at].break_before || exact_only {
                continue;
            }
            let (Some(a), Some(b)) = (joinable_text(left), joinable_text(right)) else {
                continue;
            };
            // A typo in two words written as one listed word is searched
            // for only where both words are capitalized (or the text has no
            // case) and one of them is not itself a listed word (`Sang Maa`
            // for `SANGMAN`, not `said Fernando` nor `Juan Carlos`), and
            // proposes only the names a word beside the pair touches
            // (`Choe Sang Maa` for `CHOE, Sangman`), itself not a word
            // looked up exactly (`said` before a name is not `SAID`).
            let both_capitalized = !mixed_case || !left.lowercase && !right.lowercase;
            let typos = both_capitalized && !(left.traits.listed && right.traits.listed);
            let pair = (of_word[at - 1], of_word[at]);
            let scopes = typos
                .then(|| outer_neighbours(words, infos, at))
                .into_iter()
                .flatten()
                .filter(|&next| infos[next].traits.found && infos[next].depth != Depth::Exact);
            for beside in std::iter::once(None).chain(scopes.map(Some)) {
                let scope = beside.map(|next| (of_word[next], infos[next].depth));
                let key = (pair.0, pair.1, scope);
                if let Some(names) = memo.joined.get(&key) {
                    names.iter().for_each(|&name| propose(name, at - 1, at));
                    continue;
                }
                let beside = beside.map(|next| infos[next]);
                let names = self.pair_names(memo, pair, (a, b), beside);
                names.iter().for_each(|&name| propose(name, at - 1, at));
                memo.joined.insert(key, names);
            }
        }
        let shared = |(span, mut names): ((usize, usize), Vec<NameId>)| {
            names.sort_unstable();
            names.dedup();
            (span, SpanNames::from(names))
        };
        spans.into_iter().map(shared).collect()
    }

    /// The names the text words `(a, b)`, of the distinct words `pair`,
    /// propose as one listed word: through the cheap door when no word is
    /// `beside` them ([`Scanner::joined_names`]); else, with a typo, those
    /// the word beside them touches.
    fn pair_names(
        &self,
        memo: &mut ProposeMemo,
        pair: (usize, usize),
        (a, b): (&str, &str),
        beside: Option<&WordInfo>,
    ) -> Vec<NameId> {
        let joined = &mut memo.joined_text;
        joined.clear();
        joined.push_str(a);
        joined.push_str(b);
        let Some(info) = beside else {
            return self.remembered_joined_names(joined);
        };
        let typos = memo
            .joined_typos
            .entry(pair)
            .or_insert_with(|| self.remembered_joined_typos(joined));
        if typos.is_empty() {
            return Vec::new();
        }
        self.names_among(typos, info.touched(self))
    }

    /// [`Scanner::joined_names`], remembered from scan to scan.
    fn remembered_joined_names(&self, joined: &str) -> Vec<NameId> {
        if let Some(known) = self.joined_names.get(joined) {
            return known.to_vec();
        }
        let names = self.joined_names(joined);
        self.joined_names
            .insert(joined.to_string(), Arc::from(names.as_slice()));
        names
    }

    /// [`Scanner::joined_typos`], remembered from scan to scan.
    fn remembered_joined_typos(&self, joined: &str) -> Arc<[WordId]> {
        if let Some(known) = self.joined_typos.get(joined) {
            return known;
        }
        let words: Arc<[WordId]> = Arc::from(self.joined_typos(joined));
        self.joined_typos
            .insert(joined.to_string(), Arc::clone(&words));
        words
    }

    /// The names anchored by the listed words that two text words written
    /// as one (`joined`) stand for through the cheap door, at least
    /// [`MIN_JOINED_SIMILARITY`] similar; sorted.
    fn joined_names(&self, joined: &str) -> Vec<NameId> {
        let index = self.screener.index();
        sorted_names(
            self.door
                .similar_text(joined, index)
                .iter()
                .filter(|s| s.similarity >= MIN_JOINED_SIMILARITY)
                .flat_map(|s| self.anchors[s.word as usize].iter().copied()),
        )
    }

    /// The listed words that two text words written as one (`joined`)
    /// stand for with a typo, at least [`MIN_JOINED_SIMILARITY`] similar:
    /// searched in the whole vocabulary, a similarity this high leaving
    /// room for few edits and so for a cheap search.
    fn joined_typos(&self, joined: &str) -> Vec<WordId> {
        let vocabulary = &self.screener.index().vocabulary;
        vocabulary
            .similar_words_at_least(joined, MIN_JOINED_SIMILARITY)
            .iter()
            .map(|s| s.word)
            .collect()
    }

    /// The names of `words` among `names` (sorted), sorted.
    fn names_among(&self, words: &[WordId], names: &[NameId]) -> Vec<NameId> {
        let vocabulary = &self.screener.index().vocabulary;
        sorted_names(
            words
                .iter()
                .flat_map(|&word| vocabulary.word(word).postings.iter().copied())
                .filter(|name| names.binary_search(name).is_ok()),
        )
    }

    /// The span around the words `seed` whose words resemble words of
    /// `name`, with particles and legal forms allowed between them; `None`
    /// when a single seed word does not resemble one. In mixed-case text a
    /// lower-case word (not after a hyphen) must equal a word of the name:
    /// `They use` is not `ZA, Tay`. A two-word seed is two words written
    /// as one listed word (`Sang Maa` for `Sangman`).
    fn grow(
        &self,
        words: &[TextWord],
        infos: &[&WordInfo],
        seed: (usize, usize),
        name: NameId,
        mixed_case: bool,
    ) -> Option<(usize, usize)> {
        let listed = &self.screener.index().name(name).words;
        let budget = listed.len() + EXTRA_SPAN_WORDS;
        let fits = |j: usize| {
            let exact_only = mixed_case && infos[j].lowercase && !words[j].hyphen_before;
            fits_name(infos[j], listed, name, exact_only)
        };
        if seed.0 == seed.1 && !fits(seed.0) {
            return None;
        }
        let (mut first, mut last) = seed;
        let mut probe = first;
        while probe > 0 && !words[probe].break_before && last + 1 - (probe - 1) <= budget {
            probe -= 1;
            if fits(probe) {
                first = probe;
            } else if !infos[probe].minor {
                break;
            }
        }
        probe = last;
        while probe + 1 < words.len()
            && !words[probe + 1].break_before
            && probe + 2 - first <= budget
        {
            probe += 1;
            if fits(probe) {
                last = probe;
            } else if !infos[probe].minor {
                break;
            }
        }
        Some((first, last))
    }
}

/// Whether any token of the word resembles a word of the listed name (or
/// joins two of its words); with `exact_only`, equals one.
pub(super) fn fits_name(info: &WordInfo, listed: &[u32], name: NameId, exact_only: bool) -> bool {
    info.tokens.iter().any(|token| {
        let similar = listed.iter().any(|w| {
            token
                .similar
                .binary_search_by_key(w, |s| s.word)
                .is_ok_and(|at| !exact_only || token.similar[at].agreement == Agreement::Exact)
        });
        similar || !exact_only && token.joined_in_names.iter().any(|&(n, _, _)| n == name)
    })
}

/// The nearest word on each side of `at` that is not a particle or legal
/// form, within [`EXTRA_SPAN_WORDS`] steps and not across a phrase break:
/// the one before, then the one after.
pub(super) fn neighbours(
    words: &[TextWord],
    infos: &[&WordInfo],
    at: usize,
) -> impl Iterator<Item = usize> + use<> {
    let mut before = None;
    let mut probe = at;
    for _ in 0..EXTRA_SPAN_WORDS {
        if probe == 0 || words[probe].break_before {
            break;
        }
        probe -= 1;
        if !infos[probe].minor {
            before = Some(probe);
            break;
        }
    }
    let mut after = None;
    probe = at;
    for _ in 0..EXTRA_SPAN_WORDS {
        if probe + 1 >= words.len() || words[probe + 1].break_before {
            break;
        }
        probe += 1;
        if !infos[probe].minor {
            after = Some(probe);
            break;
        }
    }
    [before, after].into_iter().flatten()
}

/// The nearest words outside the pair of words ending at `at` (see
/// [`neighbours`]).
fn outer_neighbours(
    words: &[TextWord],
    infos: &[&WordInfo],
    at: usize,
) -> impl Iterator<Item = usize> + use<> {
    let before = neighbours(words, infos, at - 1).filter(move |&next| next < at - 1);
    let after = neighbours(words, infos, at).filter(move |&next| next > at);
    before.chain(after)
}

/// The elements of both sorted lists (without repeats), sorted: each
/// element of the shorter looked up in what follows the last found in
/// the longer.
fn sorted_intersection(a: &[NameId], b: &[NameId]) -> Vec<NameId> {
    let (short, mut long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let mut both = Vec::new();
    for &name in short {
        // Each search starts where the last ended, both lists ascending.
        match long.binary_search(&name) {
            Ok(at) => {
                both.push(name);
                long = &long[at + 1..];
            }
            Err(at) => long = &long[at..],
        }
        if long.is_empty() {
            break;
        }
    }
    both
}

#[cfg(test)]
mod tests {
    use super::super::test_lists::*;
    use super::*;

    /// Two words written for one listed word with a typo are found beside
    /// another word of the name, and not on their own.
    #[test]
    fn a_listed_word_split_in_two_with_a_typo_is_found_beside_the_name() {
        let screener = Screener::new(
            vec![
                entity(
                    "t:choe",
                    Schema::Person,
                    &[("CHOE, Sangman", NameQuality::Primary)],
                ),
                entity(
                    "t:ri",
                    Schema::Person,
                    &[("RI, Song Ho", NameQuality::Primary)],
                ),
            ],
            Vec::<ListVersion>::new(),
        );
        assert_eq!(
            found_by(&screener, "The money went to Choe Sang Maa last year."),
            [pair("Choe Sang Maa", "t:choe")]
        );
        assert_eq!(
            found_by(&screener, "The money went to Sang Maa last year."),
            []
        );
    }

    /// A lower-case word of mixed-case prose is never half of a listed
    /// word: `Dar es` (Salaam) is not `DARAS`, nor `that Ana` `DATANA`.
    #[test]
    fn a_lowercase_word_is_not_joined_into_a_listed_word() {
        let screener = daras_and_datana();
        assert_eq!(
            found_by(&screener, "She said that Ana was born in Dar es Salaam."),
            []
        );
        assert_eq!(
            found_by(&screener, "The transfer went to Ali Dar Es on Monday."),
            [pair("Ali Dar Es", "t:daras")]
        );
    }

    #[test]
    fn sorted_intersection_keeps_the_names_of_both_lists() {
        let mut next = embargo_testkit::random_below(0x9E37_79B9_7F4A_7C15);
        for _ in 0..2_000 {
            let mut list = |len: u64| sorted_names((0..next(len)).map(|_| next(60) as NameId));
            let (a, b) = (list(20), list(50));
            let expected: Vec<NameId> = a.iter().copied().filter(|n| b.contains(n)).collect();
            assert_eq!(sorted_intersection(&a, &b), expected, "{a:?} {b:?}");
            assert_eq!(sorted_intersection(&b, &a), expected, "{a:?} {b:?}");
        }
    }
}
