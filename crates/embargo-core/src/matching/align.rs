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
//! The listed name is read through a [`ListedName`] view: an indexed name
//! (similarities read from the query's looked-up similar words) or a name
//! given on its own (similarities computed), so that a single pair
//! comparison and a screening score alike. The score of a selection is
//! [`super::score`]'s.

use std::ops::Range;

use serde::Serialize;

use super::index::{NameId, NameIndex, SimilarWord, WordId, compares_exactly};
use super::prepare::joined_forms;
pub use super::prepare::{MAX_WORDS, PreparedName, QueryWord};
use super::roles::WordRole;
use super::score::Coverage;
use super::similarity::{Agreement, WordForms, word_similarity};
use super::tokens::{NameStyle, TokenKind, is_article};
use super::translit::abjad::ARTICLE_CODE;
use crate::model::Schema;

/// Similarity credited to an initial standing for a word.
pub const INITIAL_SIMILARITY: f32 = 0.6;
/// Similarity credited to an acronym of three or more letters.
pub const ACRONYM_SIMILARITY: f32 = 0.9;
/// Least similarity of romanized words written as one and the word they
/// pair with: joining and respelling at once makes another name (`Bo Kya`
/// is not `BOYCA`, `Asia Bridge` not `SEAPRIDE`). Scripts that write
/// consonants only are read by skeleton and keep their own similarity.
pub const MIN_JOINED_SIMILARITY: f32 = 0.8;
/// Similarity credited to a two-letter acronym (`IT`).
pub const SHORT_ACRONYM_SIMILARITY: f32 = 0.85;
/// The words of one listed name as alignment reads them: borrowed from the
/// index, or made for a single comparison ([`ListedName::standalone`]).
#[derive(Debug, Clone)]
pub struct ListedName<'a> {
    /// Each word's forms (at most [`MAX_WORDS`]).
    pub forms: Vec<&'a WordForms>,
    /// Each word's weight.
    pub weights: Vec<f32>,
    /// Each word's role.
    pub roles: &'a [WordRole],
    /// The words' vocabulary ids when the name is indexed: similarities
    /// are then read from the query's looked-up similar words.
    ids: Option<&'a [WordId]>,
    /// The indexed name, whose joined pairs the index knows.
    name_id: Option<NameId>,
    /// Whether acronyms may stand for its words (organizations).
    takes_acronyms: bool,
    /// Whether only exact words match (codes: [`super::index::compares_exactly`]).
    exact_words: bool,
}

impl<'a> ListedName<'a> {
    /// The indexed name `name_id`.
    pub fn indexed(index: &'a NameIndex, name_id: NameId) -> ListedName<'a> {
        let name = index.name(name_id);
        let count = name.words.len().min(MAX_WORDS);
        let ids = &name.words[..count];
        let words = ids.iter().map(|&w| index.vocabulary.word(w));
        let (forms, weights) = words.map(|word| (&word.forms, word.weight)).unzip();
        ListedName {
            forms,
            weights,
            roles: &name.roles[..count.min(name.roles.len())],
            ids: Some(ids),
            name_id: Some(name_id),
            takes_acronyms: name.takes_acronyms,
            exact_words: name.exact_words,
        }
    }

    /// A name that is not in the index, given as its words' forms, weights
    /// and roles (`roles` may be shorter than `forms`: the rest are
    /// unknown), of an entity of type `schema` (any when `None`).
    pub fn standalone(
        forms: &'a [WordForms],
        weights: Vec<f32>,
        roles: &'a [WordRole],
        schema: Option<Schema>,
    ) -> ListedName<'a> {
        let takes_acronyms = matches!(
            schema,
            None | Some(Schema::Organization) | Some(Schema::Other)
        );
        let count = forms.len().min(MAX_WORDS).min(weights.len());
        ListedName {
            forms: forms[..count].iter().collect(),
            weights: weights[..count].to_vec(),
            roles: &roles[..count.min(roles.len())],
            ids: None,
            name_id: None,
            takes_acronyms,
            exact_words: schema.is_some_and(compares_exactly),
        }
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.forms.len()
    }

    /// True when the name has no words.
    pub fn is_empty(&self) -> bool {
        self.forms.is_empty()
    }

    /// The role of word `at`.
    pub fn role(&self, at: usize) -> WordRole {
        self.roles.get(at).copied().unwrap_or(WordRole::Unknown)
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
    #[serde(serialize_with = "crate::model::serialize_score")]
    pub similarity: f32,
    /// How they agree.
    pub agreement: Agreement,
    /// What the listed word is, where the list says.
    #[serde(skip_serializing_if = "is_unknown")]
    pub role: WordRole,
}

fn is_unknown(role: &WordRole) -> bool {
    *role == WordRole::Unknown
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
    #[serde(serialize_with = "crate::model::serialize_score")]
    pub query_coverage: f32,
    /// Share of the listed name's weight matched (missing words counted by
    /// role), in `[0, 1]`.
    #[serde(serialize_with = "crate::model::serialize_score")]
    pub listed_coverage: f32,
    /// True when the score is that of a rare family name, or of an
    /// organization's distinctive word, standing alone.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub family_name_alone: bool,
    /// The name score.
    #[serde(serialize_with = "crate::model::serialize_score")]
    pub score: f32,
}

impl Alignment {
    /// One line for people: `kim=kim, maa~man typo 0.67; not in query:
    /// ivanovich`.
    pub fn summary(&self) -> String {
        let words: Vec<String> = self
            .pairs
            .iter()
            .map(|pair| {
                if pair.agreement == Agreement::Exact {
                    format!("{}={}", pair.query, pair.listed)
                } else {
                    format!(
                        "{}~{} {} {:.2}",
                        pair.query,
                        pair.listed,
                        pair.agreement.label(),
                        pair.similarity
                    )
                }
            })
            .collect();
        let mut text = words.join(", ");
        if !self.unmatched_query.is_empty() {
            text += &format!("; not in list name: {}", self.unmatched_query.join(" "));
        }
        if !self.unmatched_listed.is_empty() {
            text += &format!("; not in query: {}", self.unmatched_listed.join(" "));
        }
        text
    }
}

/// A candidate unit before selection.
pub(crate) struct Unit {
    pub(crate) query_span: Range<usize>,
    pub(crate) listed_span: Range<usize>,
    pub(crate) similarity: f32,
    pub(crate) agreement: Agreement,
    gain: f32,
}

/// Aligns the prepared query name with `listed`, with the words of each
/// pairing spelled out for an explanation.
pub(crate) fn align(query: &PreparedName, listed: &ListedName) -> Alignment {
    let units = candidate_units(query, listed);
    let (chosen, _) = best_selection(query, listed, &units);
    let mut chosen: Vec<Unit> = units
        .into_iter()
        .enumerate()
        .filter(|(i, _)| chosen.contains(i))
        .map(|(_, unit)| unit)
        .collect();
    chosen.sort_by_key(|unit| (unit.query_span.start, unit.listed_span.start));
    summarize(query, listed, chosen)
}

/// The score [`align`] would give, without building the explanation: what
/// ranking many candidate names needs.
pub(crate) fn name_score(query: &PreparedName, listed: &ListedName) -> f32 {
    name_coverage(query, listed).score
}

/// The coverages, evidence and score of the best alignment, without
/// building the explanation.
pub(crate) fn name_coverage(query: &PreparedName, listed: &ListedName) -> Coverage {
    let units = candidate_units(query, listed);
    best_selection(query, listed, &units).1
}

/// Every candidate unit pairing the listed name's words with the query's.
fn candidate_units(query: &PreparedName, listed: &ListedName) -> Vec<Unit> {
    let mut units = Vec::new();
    let context = UnitContext { query, listed };
    context.word_units(&mut units);
    context.joined_units(&mut units);
    context.article_units(&mut units);
    context.initial_units(&mut units);
    if listed.takes_acronyms && super::acronyms::query_may_abbreviate(query.style) {
        context.acronym_units(&mut units);
    }
    if listed.exact_words {
        units.retain(is_exact);
    }
    units
}

/// True for a unit whose words are the same, written alike or joined
/// (`EPGOL` for `EP-GOL`).
fn is_exact(unit: &Unit) -> bool {
    match unit.agreement {
        Agreement::Exact => true,
        Agreement::Joined => unit.similarity >= 1.0,
        _ => false,
    }
}

/// Selects units twice, greedily by gain and greedily by similarity, and
/// keeps the selection that scores higher (when it pairs several words as
/// one, a third time, single words first): returns the chosen indices
/// into `units` and their coverage. Gain alone lets a loose pairing of many words
/// (`Jinyong IT` ≈ `Jinyong` as one word) crowd out exact pairings of
/// fewer; similarity alone can prefer a perfect pairing of a common word
/// over a near-perfect one of a rare word. Neither misses what the other
/// finds.
fn best_selection(
    query: &PreparedName,
    listed: &ListedName,
    units: &[Unit],
) -> (Vec<usize>, Coverage) {
    let by_gain = select_units(units, query.words.len(), listed.len(), |a, b| {
        b.gain.total_cmp(&a.gain)
    });
    let gain = selection_coverage(query, listed, units, &by_gain);
    let by_similarity = select_units(units, query.words.len(), listed.len(), |a, b| {
        b.similarity
            .total_cmp(&a.similarity)
            .then(b.gain.total_cmp(&a.gain))
    });
    let similarity = selection_coverage(query, listed, units, &by_similarity);
    let best = if similarity.score > gain.score {
        (by_similarity, similarity)
    } else {
        (by_gain, gain)
    };
    let joins_words = |chosen: &[usize]| {
        chosen
            .iter()
            .any(|&i| units[i].query_span.len() > 1 || units[i].listed_span.len() > 1)
    };
    if !joins_words(&best.0) {
        return best;
    }
    // a unit of several words taken first can block two pairings of
    // single words that together cover more (`דוד חי` as one word for
    // `David`, leaving `Chai` unpaired)
    let by_words = select_units(units, query.words.len(), listed.len(), |a, b| {
        let single = |unit: &Unit| unit.query_span.len() == 1 && unit.listed_span.len() == 1;
        single(b)
            .cmp(&single(a))
            .then(b.similarity.total_cmp(&a.similarity))
            .then(b.gain.total_cmp(&a.gain))
    });
    let words = selection_coverage(query, listed, units, &by_words);
    if words.score > best.1.score {
        (by_words, words)
    } else {
        best
    }
}

/// The coverage a selection of units (indices into `units`) would give.
fn selection_coverage(
    query: &PreparedName,
    listed: &ListedName,
    units: &[Unit],
    chosen: &[usize],
) -> Coverage {
    Coverage::of(query, listed, chosen.iter().map(|&i| &units[i]))
}

/// True for an agreement of a whole reading of characters (exact, a
/// variant romanization, written as one): what a name written in Han or
/// Hangul may pair by ([`PreparedName::syllabic`]).
fn is_whole_reading((similarity, agreement): (f32, Agreement)) -> bool {
    match agreement {
        Agreement::Exact | Agreement::Variant | Agreement::Initial | Agreement::Acronym => true,
        Agreement::Joined => similarity >= super::similarity::VARIANT_SIMILARITY,
        Agreement::Typo
        | Agreement::VariantTypo
        | Agreement::Skeleton
        | Agreement::GivenNameForm
        | Agreement::Contraction
        | Agreement::Translation => false,
    }
}

struct UnitContext<'a> {
    query: &'a PreparedName,
    listed: &'a ListedName<'a>,
}

impl UnitContext<'_> {
    fn gain(&self, similarity: f32, query_span: &Range<usize>, listed_span: &Range<usize>) -> f32 {
        let query_weight: f32 = self.query.words[query_span.clone()]
            .iter()
            .map(|w| w.weight)
            .sum();
        let listed_weight: f32 = self.listed.weights[listed_span.clone()].iter().sum();
        similarity * (query_weight + listed_weight)
    }

    fn push(
        &self,
        units: &mut Vec<Unit>,
        q: Range<usize>,
        l: Range<usize>,
        found: (f32, Agreement),
    ) {
        if self.query.syllabic && !is_whole_reading(found) {
            return;
        }
        let gain = self.gain(found.0, &q, &l);
        units.push(Unit {
            query_span: q,
            listed_span: l,
            similarity: found.0,
            agreement: found.1,
            gain,
        });
    }

    /// Similarity of query word(s) with listed word `l`: looked up among
    /// the prepared similar words when the name is indexed, else computed
    /// from the forms (the brute-force reference, single comparisons).
    fn similarity(
        &self,
        similar: &[SimilarWord],
        forms: Option<&WordForms>,
        l: usize,
    ) -> Option<(f32, Agreement)> {
        match self.listed.ids {
            Some(ids) if !self.query.exhaustive => similar
                .binary_search_by_key(&ids[l], |s| s.word)
                .ok()
                .map(|at| (similar[at].similarity, similar[at].agreement)),
            _ => word_similarity(forms?, self.listed.forms[l]),
        }
    }

    /// Whether similarities are computed from forms rather than read.
    fn computes(&self) -> bool {
        self.query.exhaustive || self.listed.ids.is_none()
    }

    fn word_units(&self, units: &mut Vec<Unit>) {
        for (q, query_word) in self.query.words.iter().enumerate() {
            if query_word.forms.is_initial() {
                // an initial meets the same initial here, a word it
                // stands for in `initial_units`
                for l in 0..self.listed.len() {
                    if self.listed.forms[l].text == query_word.forms.text {
                        self.push(units, q..q + 1, l..l + 1, (1.0, Agreement::Exact));
                    }
                }
                continue;
            }
            for l in 0..self.listed.len() {
                if let Some(found) =
                    self.similarity(&query_word.similar, Some(&query_word.forms), l)
                {
                    self.push(units, q..q + 1, l..l + 1, found);
                }
            }
        }
    }

    /// Two query words (or three around an article) as one listed word,
    /// and one query word as two or three adjacent listed words.
    fn joined_units(&self, units: &mut Vec<Unit>) {
        for run in &self.query.joined {
            let span = run.span();
            let joined_forms = self
                .computes()
                .then(|| joined_forms(&self.query.words[span.clone()]))
                .flatten();
            if run.similar.is_empty() && joined_forms.is_none() {
                continue;
            }
            for l in 0..self.listed.len() {
                // a contraction stands for one word, not for two joined;
                // romanized words written as one keep their letters
                if let Some((score, how)) = self.similarity(&run.similar, joined_forms.as_ref(), l)
                    && how != Agreement::Contraction
                    && (score >= MIN_JOINED_SIMILARITY
                        || self.listed.forms[l].abjad
                        || self.query.words[span.start].forms.abjad)
                {
                    self.push(units, span.clone(), l..l + 1, (score, Agreement::Joined));
                }
            }
        }
        let run_keys = self.listed_run_keys();
        for (q, query_word) in self.query.words.iter().enumerate() {
            for span in self.split_spans(query_word, &run_keys) {
                let texts: Vec<&str> = self.listed.forms[span.clone()]
                    .iter()
                    .map(|f| f.text.as_str())
                    .collect();
                let joined = super::wade_giles::joined_syllables(&texts);
                let listed_run = &self.listed.forms[span.clone()];
                let score = if joined == query_word.forms.text {
                    1.0
                } else if query_word.forms.abjad {
                    super::similarity::full_skeleton_similarity(&query_word.forms, &joined)
                } else if let Some(score) =
                    super::similarity::joined_script_similarity(&query_word.forms, listed_run)
                {
                    score
                } else if listed_run.iter().any(|word| word.kind.is_minor())
                    || super::similarity::spellings_close(&query_word.forms.text, &joined)
                {
                    // an article joined in is written many ways
                    // (`Seifeddine`, `Sayf al Din`); other runs must be
                    // spelt near the word: one romanization key, letters
                    // too far apart, is two names (`Lesley`, `Ras Rai`)
                    super::similarity::VARIANT_SIMILARITY
                } else {
                    continue;
                };
                self.push(units, q..q + 1, span, (score, Agreement::Joined));
            }
        }
    }

    /// The romanization key of each run of listed words a query word may
    /// write as one ([`super::index::joinable_runs`]), with the run's
    /// words, for a name that is not indexed; empty for an indexed name,
    /// whose runs the index holds.
    fn listed_run_keys(&self) -> Vec<(String, Range<usize>)> {
        if self.listed.name_id.is_some() {
            return Vec::new();
        }
        super::index::joinable_runs(&self.listed.forms)
            .map(|(at, run)| {
                let texts: Vec<&str> = run.iter().map(|f| f.text.as_str()).collect();
                let text = super::wade_giles::joined_syllables(&texts);
                (super::phonetic::fold(&text), at..at + run.len())
            })
            .collect()
    }

    /// The runs of listed words that `query_word` writes as one: from the
    /// index's joined runs for an indexed name, else by the same rule
    /// ([`NameIndex::joined_in_names`]) from `run_keys`
    /// ([`UnitContext::listed_run_keys`]).
    fn split_spans(
        &self,
        query_word: &QueryWord,
        run_keys: &[(String, Range<usize>)],
    ) -> Vec<Range<usize>> {
        let count = self.listed.len();
        match self.listed.name_id {
            Some(name_id) => query_word
                .joined_in_names
                .iter()
                .map(|&(name, at, words)| {
                    (name, usize::from(at)..usize::from(at) + usize::from(words))
                })
                .filter(|(name, span)| *name == name_id && span.end <= count)
                .map(|(_, span)| span)
                .collect(),
            None => {
                let forms = &query_word.forms;
                if forms.kind != TokenKind::Word
                    || forms.text.len() < super::index::MIN_JOINED_WORD_BYTES
                {
                    return Vec::new();
                }
                // by romanization key, and a word in Arabic script, or a
                // romanized word and listed words in Arabic script, by
                // skeleton where it meets none of the words alone
                run_keys
                    .iter()
                    .filter(|(key, span)| {
                        let run = &self.listed.forms[span.clone()];
                        *key == forms.fold
                            || forms.abjad && super::similarity::meets_joined_words(forms, run)
                            || super::similarity::joined_script_similarity(forms, run).is_some()
                    })
                    .map(|(_, span)| span.clone())
                    .collect()
            }
        }
    }

    /// A word in Arabic script that writes the article joined (`القاعدة`,
    /// `Lqd`) paired with a romanized word whose article stands apart
    /// (`AL-QAIDA`, `al` `qaida`): the pairing covers the article too,
    /// either way round.
    fn article_units(&self, units: &mut Vec<Unit>) {
        let with_article = |f: &WordForms| f.abjad && f.text.starts_with(ARTICLE_CODE);
        let count = units.len();
        for at in 0..count {
            let unit = &units[at];
            if unit.query_span.len() != 1 || unit.listed_span.len() != 1 {
                continue;
            }
            let (q, l) = (unit.query_span.start, unit.listed_span.start);
            let found = (unit.similarity, unit.agreement);
            if l > 0
                && with_article(&self.query.words[q].forms)
                && is_article(&self.listed.forms[l - 1].text)
            {
                self.push(units, q..q + 1, l - 1..l + 1, found);
            } else if q > 0
                && with_article(self.listed.forms[l])
                && is_article(&self.query.words[q - 1].forms.text)
            {
                self.push(units, q - 1..q + 1, l..l + 1, found);
            }
        }
    }

    /// A single letter on one side standing for a word on the other, for
    /// names that may be people's.
    fn initial_units(&self, units: &mut Vec<Unit>) {
        if self.query.style == NameStyle::Organization {
            return;
        }
        let is_initial = WordForms::is_initial;
        for (q, query_word) in self.query.words.iter().enumerate() {
            for l in 0..self.listed.len() {
                let listed = self.listed.forms[l];
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
        let listed_forms = &self.listed.forms;
        for (q, forms) in query_forms.iter().enumerate() {
            if let Some(span) = super::acronyms::acronym_span(forms, listed_forms) {
                let score = acronym_similarity(forms);
                self.push(units, q..q + 1, span, (score, Agreement::Acronym));
            }
        }
        // A listed name that is only an acronym (`DCB`, `PCP`) is met only
        // by a query screened as an organization: the initials of
        // `Daniel Christian Berg` spell it by chance.
        if listed_forms.len() < 2 && !super::acronyms::query_may_spell(self.query.style) {
            return;
        }
        for (l, forms) in listed_forms.iter().enumerate() {
            if let Some(span) = super::acronyms::acronym_span(forms, &query_forms) {
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

fn summarize(query: &PreparedName, listed: &ListedName, chosen: Vec<Unit>) -> Alignment {
    let coverage = Coverage::of(query, listed, chosen.iter());
    let mut query_covered = vec![false; query.words.len()];
    let mut listed_covered = vec![false; listed.len()];
    let mut pairs = Vec::with_capacity(chosen.len());
    for unit in chosen {
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
            listed: join_words(
                unit.listed_span
                    .clone()
                    .map(|l| listed.forms[l].text.as_str()),
            ),
            role: listed.role(unit.listed_span.start),
            query_span: unit.query_span,
            listed_span: unit.listed_span,
            similarity: unit.similarity,
            agreement: unit.agreement,
        });
    }
    Alignment {
        pairs,
        unmatched_query: (0..query.words.len())
            .filter(|&q| !query_covered[q])
            .map(|q| query.words[q].forms.text.clone())
            .collect(),
        unmatched_listed: (0..listed.len())
            .filter(|&l| !listed_covered[l])
            .map(|l| listed.forms[l].text.clone())
            .collect(),
        query_coverage: coverage.query,
        listed_coverage: coverage.listed,
        family_name_alone: coverage.family_name_alone,
        score: coverage.score,
    }
}

fn join_words<'a>(words: impl Iterator<Item = &'a str>) -> String {
    words.collect::<Vec<_>>().join(" ")
}
