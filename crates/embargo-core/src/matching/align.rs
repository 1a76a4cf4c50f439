//! Aligning the words of a query name with the words of a listed name, and
//! the name score that follows.
//!
//! Word order does not matter. Candidate pairings ("units") are: one query
//! word with one listed word; two adjacent query words written as one
//! listed word and the reverse (`Sang Man`/`Sangman`); an initial with a
//! word (`V.`/`Vladimir`); an acronym with the words it abbreviates
//! (`IT`/`Information Technology`). Units are taken greedily by the weight
//! they would cover (and again by similarity, keeping the better), each
//! word used once.
//!
//! The name score is the harmonic mean of two coverages: the share of the
//! query's weight that found a partner and the share of the listed name's
//! weight that did, each partner counted at its similarity. A common word
//! (`Kim`, `Company`) weighs little, so sharing it alone covers little of
//! either name; an extra or missing middle name costs only its own share.

use std::ops::Range;

use serde::Serialize;

use super::index::{
    MIN_WORD_WEIGHT, NameId, NameIndex, SimilarWord, SimilarWords, WordId, WordList, joinable,
    strongest,
};
use super::similarity::{Agreement, WordForms, word_similarity};
use super::tokens::{NameStyle, TokenKind, tokenize};

/// Similarity credited to an initial standing for a word.
pub const INITIAL_SIMILARITY: f32 = 0.6;
/// Similarity credited to an acronym of three or more letters.
pub const ACRONYM_SIMILARITY: f32 = 0.9;
/// Similarity credited to a two-letter acronym (`IT`).
pub const SHORT_ACRONYM_SIMILARITY: f32 = 0.85;
/// Weight of a single-letter query word (an initial).
const INITIAL_WEIGHT: f32 = 2.0 * MIN_WORD_WEIGHT;
/// Weight of a query word no listed word resembles: as rare as can be.
const UNKNOWN_WEIGHT: f32 = 1.0;
/// Longest name (in words) aligned; words beyond are ignored.
const MAX_WORDS: usize = 64;

/// A query word with its forms, weight and similar vocabulary words.
#[derive(Debug, Clone)]
pub struct QueryWord {
    /// The word's forms.
    pub forms: WordForms,
    /// Its weight in the query name.
    pub weight: f32,
    /// Vocabulary words similar to it, sorted by word id.
    pub similar: SimilarWords,
    /// Listed names where two adjacent words written as one have this
    /// word's romanization key.
    pub joined_in_names: Vec<(NameId, u16)>,
}

/// A query name analysed against an index, ready to align with candidates.
#[derive(Debug, Clone)]
pub struct PreparedName {
    /// Its words in order.
    pub words: Vec<QueryWord>,
    /// For each adjacent pair `(i, i + 1)`: vocabulary words similar to the
    /// two written as one, sorted by word id.
    pub joined: Vec<SimilarWords>,
    /// Sum of the words' weights.
    pub total_weight: f32,
    /// How the name was tokenized.
    pub style: NameStyle,
    /// When true, similarities are computed against every listed word
    /// directly instead of looked up: the brute-force reference.
    pub exhaustive: bool,
}

/// Where a prepared name's similar words come from.
#[derive(Debug, Clone, Copy)]
enum Lookup<'a> {
    /// The whole vocabulary (memoized).
    Vocabulary,
    /// Only these vocabulary words: those of the names the prepared name
    /// will be aligned with.
    Among(&'a WordList),
}

impl Lookup<'_> {
    fn similar(self, forms: &WordForms, index: &NameIndex) -> SimilarWords {
        match self {
            Lookup::Vocabulary => index.vocabulary.similar_words(forms),
            Lookup::Among(words) => index.vocabulary.similar_words_in(forms, words).into(),
        }
    }

    /// The strongest similar word of the whole vocabulary, given the
    /// similar words this lookup found.
    fn strongest(
        self,
        forms: &WordForms,
        similar: &[SimilarWord],
        index: &NameIndex,
    ) -> Option<SimilarWord> {
        match self {
            Lookup::Vocabulary => strongest(similar).copied(),
            Lookup::Among(_) => index.vocabulary.strongest_similar(forms),
        }
    }
}

impl PreparedName {
    /// Tokenizes `name` and looks up every word's similar vocabulary words.
    pub fn new(name: &str, style: NameStyle, index: &NameIndex) -> PreparedName {
        PreparedName::prepare(name, style, index, Lookup::Vocabulary)
    }

    /// [`PreparedName::new`] for aligning with listed names made of the
    /// vocabulary words `words` only: the similar words are those
    /// among `words`, the weights those of the full lookup. Aligned with
    /// such names it scores exactly as [`PreparedName::new`] does, at the
    /// cost of comparing with `words` instead of searching the vocabulary
    /// (text scanning verifies each candidate span against a few names).
    pub fn for_words(
        name: &str,
        style: NameStyle,
        index: &NameIndex,
        words: &WordList,
    ) -> PreparedName {
        PreparedName::prepare(name, style, index, Lookup::Among(words))
    }

    fn prepare(name: &str, style: NameStyle, index: &NameIndex, lookup: Lookup) -> PreparedName {
        let tokens = tokenize(name, style);
        let words: Vec<QueryWord> = tokens
            .iter()
            .take(MAX_WORDS)
            .map(|token| prepare_word(WordForms::new(token), index, lookup))
            .collect();
        let joined = words
            .windows(2)
            .map(|pair| {
                if !pair.iter().all(|w| joinable(w.forms.kind)) {
                    return SimilarWords::from([]);
                }
                let text = [pair[0].forms.text.as_str(), &pair[1].forms.text].concat();
                let abjad = pair[0].forms.abjad;
                let forms = WordForms::from_parts(text, TokenKind::Word, abjad);
                lookup.similar(&forms, index)
            })
            .collect();
        let total_weight = words.iter().map(|w| w.weight).sum();
        PreparedName {
            words,
            joined,
            total_weight,
            style,
            exhaustive: false,
        }
    }
}

/// Looks up a query word's similar words and decides its weight: the
/// weight of the same listed word if there is one, else of its closest
/// listed word, else the weight of a word found nowhere.
fn prepare_word(forms: WordForms, index: &NameIndex, lookup: Lookup) -> QueryWord {
    let single_letter = forms.text.len() == 1 && forms.kind == TokenKind::Word;
    let similar = if single_letter {
        SimilarWords::from([])
    } else {
        lookup.similar(&forms, index)
    };
    let weight = match forms.kind {
        TokenKind::Particle | TokenKind::LegalForm => super::index::MINOR_WEIGHT,
        _ if single_letter => INITIAL_WEIGHT,
        _ => lookup
            .strongest(&forms, &similar, index)
            .map_or(UNKNOWN_WEIGHT, |best| {
                index.vocabulary.word(best.word).weight
            }),
    };
    let joined_in_names = index.joined_in_names(&forms);
    QueryWord {
        forms,
        weight,
        similar,
        joined_in_names,
    }
}

/// A pairing of query words with listed words in an alignment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AlignedWords {
    /// Positions of the query words.
    #[serde(skip)]
    pub query_span: Range<usize>,
    /// Positions of the listed words.
    #[serde(skip)]
    pub listed_span: Range<usize>,
    /// The query words, joined by spaces.
    pub query: String,
    /// The listed words, joined by spaces.
    pub listed: String,
    /// Their similarity.
    pub similarity: f32,
    /// How they agree.
    pub agreement: Agreement,
}

/// The alignment of a query name with one listed name and its score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Alignment {
    /// Paired words, in query order.
    pub pairs: Vec<AlignedWords>,
    /// Query words left without a partner.
    pub unmatched_query: Vec<String>,
    /// Listed words left without a partner.
    pub unmatched_listed: Vec<String>,
    /// Share of the query's weight matched, in `[0, 1]`.
    pub query_coverage: f32,
    /// Share of the listed name's weight matched, in `[0, 1]`.
    pub listed_coverage: f32,
    /// Harmonic mean of the two coverages.
    pub score: f32,
}

/// A candidate unit before selection.
struct Unit {
    query_span: Range<usize>,
    listed_span: Range<usize>,
    similarity: f32,
    agreement: Agreement,
    gain: f32,
}

/// Aligns the prepared query name with the listed name `name_id`, with
/// the words of each pairing spelled out for an explanation.
pub fn align(query: &PreparedName, index: &NameIndex, name_id: NameId) -> Alignment {
    let (listed, listed_weights, units) = candidate_units(query, index, name_id);
    let (chosen, score) = best_selection(query, &listed_weights, &units);
    let mut chosen: Vec<Unit> = units
        .into_iter()
        .enumerate()
        .filter(|(i, _)| chosen.contains(i))
        .map(|(_, unit)| unit)
        .collect();
    chosen.sort_by_key(|unit| (unit.query_span.start, unit.listed_span.start));
    let mut alignment = summarize(query, index, listed, &listed_weights, chosen);
    alignment.score = score;
    alignment
}

/// The score [`align`] would give, without building the explanation: what
/// ranking many candidate names needs.
pub fn name_score(query: &PreparedName, index: &NameIndex, name_id: NameId) -> f32 {
    let (_, listed_weights, units) = candidate_units(query, index, name_id);
    best_selection(query, &listed_weights, &units).1
}

/// The listed name's words (at most [`MAX_WORDS`]), their weights and
/// every candidate unit pairing them with the query's words.
fn candidate_units<'a>(
    query: &PreparedName,
    index: &'a NameIndex,
    name_id: NameId,
) -> (&'a [WordId], Vec<f32>, Vec<Unit>) {
    let words = &index.name(name_id).words;
    let listed = &words[..words.len().min(MAX_WORDS)];
    let listed_weights: Vec<f32> = listed
        .iter()
        .map(|&w| index.vocabulary.word(w).weight)
        .collect();
    let mut units = Vec::new();
    let context = UnitContext {
        query,
        index,
        listed,
        listed_weights: &listed_weights,
    };
    context.word_units(&mut units);
    context.joined_units(name_id, &mut units);
    context.initial_units(&mut units);
    if index.name(name_id).takes_acronyms && query.style != NameStyle::Person {
        context.acronym_units(&mut units);
    }
    (listed, listed_weights, units)
}

/// Selects units twice, greedily by gain and greedily by similarity, and
/// keeps the selection that scores higher: returns the chosen indices into
/// `units` and the score. Gain alone lets a loose pairing of many words
/// (`Jinyong IT` ≈ `Jinyong` as one word) crowd out exact pairings of
/// fewer; similarity alone can prefer a perfect pairing of a common word
/// over a near-perfect one of a rare word. Neither misses what the other
/// finds.
fn best_selection(
    query: &PreparedName,
    listed_weights: &[f32],
    units: &[Unit],
) -> (Vec<usize>, f32) {
    let by_gain = select_units(units, query.words.len(), listed_weights.len(), |a, b| {
        b.gain.total_cmp(&a.gain)
    });
    let gain_score = selection_score(query, listed_weights, units, &by_gain);
    let by_similarity = select_units(units, query.words.len(), listed_weights.len(), |a, b| {
        b.similarity
            .total_cmp(&a.similarity)
            .then(b.gain.total_cmp(&a.gain))
    });
    let similarity_score = selection_score(query, listed_weights, units, &by_similarity);
    if similarity_score > gain_score {
        (by_similarity, similarity_score)
    } else {
        (by_gain, gain_score)
    }
}

/// The name score a selection of units (indices into `units`) would give.
fn selection_score(
    query: &PreparedName,
    listed_weights: &[f32],
    units: &[Unit],
    chosen: &[usize],
) -> f32 {
    let (mut query_matched, mut listed_matched) = (0.0, 0.0);
    for &i in chosen {
        let unit = &units[i];
        let (query_weight, listed_weight) =
            span_weights(query, listed_weights, &unit.query_span, &unit.listed_span);
        query_matched += unit.similarity * query_weight;
        listed_matched += unit.similarity * listed_weight;
    }
    if !chosen.iter().any(|&i| units[i].agreement.is_word_level()) {
        return 0.0; // acronyms and initials never make a match on their own
    }
    let listed_total: f32 = listed_weights.iter().sum();
    harmonic_mean(
        coverage(query_matched, query.total_weight),
        coverage(listed_matched, listed_total),
    )
}

/// The summed weights of the query words and of the listed words that a
/// unit pairs.
fn span_weights(
    query: &PreparedName,
    listed_weights: &[f32],
    query_span: &Range<usize>,
    listed_span: &Range<usize>,
) -> (f32, f32) {
    let query_weight = query.words[query_span.clone()]
        .iter()
        .map(|w| w.weight)
        .sum();
    let listed_weight = listed_weights[listed_span.clone()].iter().sum();
    (query_weight, listed_weight)
}

struct UnitContext<'a> {
    query: &'a PreparedName,
    index: &'a NameIndex,
    listed: &'a [WordId],
    listed_weights: &'a [f32],
}

impl UnitContext<'_> {
    fn gain(&self, similarity: f32, query_span: &Range<usize>, listed_span: &Range<usize>) -> f32 {
        let (query_weight, listed_weight) =
            span_weights(self.query, self.listed_weights, query_span, listed_span);
        similarity * (query_weight + listed_weight)
    }

    fn push(
        &self,
        units: &mut Vec<Unit>,
        q: Range<usize>,
        l: Range<usize>,
        found: (f32, Agreement),
    ) {
        let gain = self.gain(found.0, &q, &l);
        units.push(Unit {
            query_span: q,
            listed_span: l,
            similarity: found.0,
            agreement: found.1,
            gain,
        });
    }

    /// Similarity of query word(s) with a listed word: looked up among the
    /// prepared similar words, or computed directly in exhaustive mode.
    fn similarity(
        &self,
        similar: &[SimilarWord],
        forms: Option<&WordForms>,
        word: WordId,
    ) -> Option<(f32, Agreement)> {
        if self.query.exhaustive {
            let forms = forms?;
            return word_similarity(forms, &self.index.vocabulary.word(word).forms);
        }
        similar
            .binary_search_by_key(&word, |s| s.word)
            .ok()
            .map(|at| (similar[at].similarity, similar[at].agreement))
    }

    fn word_units(&self, units: &mut Vec<Unit>) {
        for (q, query_word) in self.query.words.iter().enumerate() {
            if query_word.forms.text.len() == 1 && query_word.forms.kind == TokenKind::Word {
                continue; // initials are paired by `initial_units`
            }
            for (l, &word) in self.listed.iter().enumerate() {
                if let Some(found) =
                    self.similarity(&query_word.similar, Some(&query_word.forms), word)
                {
                    self.push(units, q..q + 1, l..l + 1, found);
                }
            }
        }
    }

    /// Two query words as one listed word, and one query word as two
    /// adjacent listed words.
    fn joined_units(&self, name_id: NameId, units: &mut Vec<Unit>) {
        for (q, similar) in self.query.joined.iter().enumerate() {
            let joined_forms = self.query.exhaustive.then(|| {
                let text = format!(
                    "{}{}",
                    self.query.words[q].forms.text,
                    self.query.words[q + 1].forms.text
                );
                WordForms::from_parts(text, TokenKind::Word, self.query.words[q].forms.abjad)
            });
            if similar.is_empty() && joined_forms.is_none() {
                continue;
            }
            if !self.query.words[q..q + 2]
                .iter()
                .all(|w| joinable(w.forms.kind))
            {
                continue;
            }
            for (l, &word) in self.listed.iter().enumerate() {
                if let Some((score, _)) = self.similarity(similar, joined_forms.as_ref(), word) {
                    self.push(units, q..q + 2, l..l + 1, (score, Agreement::Joined));
                }
            }
        }
        for (q, query_word) in self.query.words.iter().enumerate() {
            for &(name, position) in &query_word.joined_in_names {
                let position = usize::from(position);
                if name == name_id && position + 1 < self.listed.len() {
                    let exact = self.listed_text(position) + &self.listed_text(position + 1)
                        == query_word.forms.text;
                    let score = if exact {
                        1.0
                    } else {
                        super::similarity::VARIANT_SIMILARITY
                    };
                    self.push(
                        units,
                        q..q + 1,
                        position..position + 2,
                        (score, Agreement::Joined),
                    );
                }
            }
        }
    }

    fn listed_text(&self, position: usize) -> String {
        self.index
            .vocabulary
            .word(self.listed[position])
            .forms
            .text
            .clone()
    }

    fn listed_forms(&self, position: usize) -> &WordForms {
        &self.index.vocabulary.word(self.listed[position]).forms
    }

    /// A single letter on one side standing for a word on the other, for
    /// names that may be people's.
    fn initial_units(&self, units: &mut Vec<Unit>) {
        if self.query.style == NameStyle::Organization {
            return;
        }
        let is_initial = |f: &WordForms| f.text.len() == 1 && f.kind == TokenKind::Word;
        for (q, query_word) in self.query.words.iter().enumerate() {
            for l in 0..self.listed.len() {
                let listed = self.listed_forms(l);
                let (short, long) = if is_initial(&query_word.forms) {
                    (&query_word.forms, listed)
                } else if is_initial(listed) {
                    (listed, &query_word.forms)
                } else {
                    continue;
                };
                if long.kind == TokenKind::Word
                    && long.text.len() > 1
                    && long.text.starts_with(&short.text)
                {
                    self.push(
                        units,
                        q..q + 1,
                        l..l + 1,
                        (INITIAL_SIMILARITY, Agreement::Initial),
                    );
                }
            }
        }
    }

    /// A word of two to five letters standing for the initials of
    /// consecutive words on the other side (particles inside skipped), for
    /// organizations' names only.
    fn acronym_units(&self, units: &mut Vec<Unit>) {
        let query_forms: Vec<&WordForms> = self.query.words.iter().map(|w| &w.forms).collect();
        let listed_forms: Vec<&WordForms> = (0..self.listed.len())
            .map(|l| self.listed_forms(l))
            .collect();
        for (q, forms) in query_forms.iter().enumerate() {
            if let Some(span) = acronym_span(forms, &listed_forms) {
                let score = acronym_similarity(forms);
                self.push(units, q..q + 1, span, (score, Agreement::Acronym));
            }
        }
        // A listed name that is only an acronym (`DCB`, `PCP`) is not met by
        // any query whose initials spell it (`Daniel Christian Berg`).
        if listed_forms.len() < 2 {
            return;
        }
        for (l, forms) in listed_forms.iter().enumerate() {
            if let Some(span) = acronym_span(forms, &query_forms) {
                let score = acronym_similarity(forms);
                self.push(units, span, l..l + 1, (score, Agreement::Acronym));
            }
        }
    }
}

fn acronym_similarity(acronym: &WordForms) -> f32 {
    if acronym.text.len() >= 3 {
        ACRONYM_SIMILARITY
    } else {
        SHORT_ACRONYM_SIMILARITY
    }
}

/// Where `acronym` spells the initials of consecutive words of `words`.
fn acronym_span(acronym: &WordForms, words: &[&WordForms]) -> Option<Range<usize>> {
    let letters = acronym.text.as_bytes();
    if acronym.kind != TokenKind::Word
        || !(2..=5).contains(&letters.len())
        || !letters.iter().all(u8::is_ascii_alphabetic)
    {
        return None;
    }
    (0..words.len()).find_map(|start| {
        let mut at = start;
        for &letter in letters {
            while at < words.len() && at > start && words[at].kind == TokenKind::Particle {
                at += 1;
            }
            let word = words.get(at)?;
            if word.kind != TokenKind::Word
                || word.text.as_bytes().first() != Some(&letter)
                || word.text.len() < 2
            {
                return None;
            }
            at += 1;
        }
        Some(start..at)
    })
}

/// Picks units greedily in the order `first` (ties broken by position so
/// the result is deterministic), each word on either side used once.
/// Returns indices into `units`.
fn select_units(
    units: &[Unit],
    query_len: usize,
    listed_len: usize,
    first: impl Fn(&Unit, &Unit) -> std::cmp::Ordering,
) -> Vec<usize> {
    let mut order: Vec<usize> = (0..units.len()).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (&units[a], &units[b]);
        first(a, b)
            .then(a.query_span.start.cmp(&b.query_span.start))
            .then(a.listed_span.start.cmp(&b.listed_span.start))
            .then(a.query_span.end.cmp(&b.query_span.end))
            .then(a.listed_span.end.cmp(&b.listed_span.end))
    });
    let mut query_used = vec![false; query_len];
    let mut listed_used = vec![false; listed_len];
    let mut chosen = Vec::new();
    for i in order {
        let unit = &units[i];
        let free = unit.query_span.clone().all(|q| !query_used[q])
            && unit.listed_span.clone().all(|l| !listed_used[l]);
        if free {
            unit.query_span.clone().for_each(|q| query_used[q] = true);
            unit.listed_span.clone().for_each(|l| listed_used[l] = true);
            chosen.push(i);
        }
    }
    chosen
}

fn summarize(
    query: &PreparedName,
    index: &NameIndex,
    listed: &[WordId],
    listed_weights: &[f32],
    chosen: Vec<Unit>,
) -> Alignment {
    let listed_text = |l: usize| index.vocabulary.word(listed[l]).forms.text.as_str();
    let mut query_matched = 0.0;
    let mut listed_matched = 0.0;
    let mut query_covered = vec![false; query.words.len()];
    let mut listed_covered = vec![false; listed.len()];
    let mut pairs = Vec::with_capacity(chosen.len());
    for unit in chosen {
        let (query_weight, listed_weight) =
            span_weights(query, listed_weights, &unit.query_span, &unit.listed_span);
        query_matched += unit.similarity * query_weight;
        listed_matched += unit.similarity * listed_weight;
        unit.query_span
            .clone()
            .for_each(|q| query_covered[q] = true);
        unit.listed_span
            .clone()
            .for_each(|l| listed_covered[l] = true);
        pairs.push(AlignedWords {
            query: join_words(
                unit.query_span
                    .clone()
                    .map(|q| query.words[q].forms.text.as_str()),
            ),
            listed: join_words(unit.listed_span.clone().map(listed_text)),
            query_span: unit.query_span,
            listed_span: unit.listed_span,
            similarity: unit.similarity,
            agreement: unit.agreement,
        });
    }
    let listed_total: f32 = listed_weights.iter().sum();
    let query_coverage = coverage(query_matched, query.total_weight);
    let listed_coverage = coverage(listed_matched, listed_total);
    Alignment {
        pairs,
        unmatched_query: (0..query.words.len())
            .filter(|&q| !query_covered[q])
            .map(|q| query.words[q].forms.text.clone())
            .collect(),
        unmatched_listed: (0..listed.len())
            .filter(|&l| !listed_covered[l])
            .map(|l| listed_text(l).to_string())
            .collect(),
        query_coverage,
        listed_coverage,
        score: harmonic_mean(query_coverage, listed_coverage),
    }
}

fn join_words<'a>(words: impl Iterator<Item = &'a str>) -> String {
    words.collect::<Vec<_>>().join(" ")
}

fn coverage(matched: f32, total: f32) -> f32 {
    if total <= 0.0 {
        0.0
    } else {
        (matched / total).clamp(0.0, 1.0)
    }
}

/// Harmonic mean of two coverages: high only when both are.
pub fn harmonic_mean(a: f32, b: f32) -> f32 {
    if a + b <= 0.0 {
        0.0
    } else {
        2.0 * a * b / (a + b)
    }
}
