//! Preparing a query name for alignment: its words, their forms and
//! weights, and the listed words each could be.
//!
//! A query word's weight is the weight of the same listed word, else of
//! its closest listed word, else that of a word found nowhere: rare words
//! decide a match, common ones (`Kim`, `Trading`) barely count. Its
//! similar words are looked up once here, so aligning it with hundreds of
//! candidate names only reads them.

use super::index::{
    JoinedAt, MIN_WORD_WEIGHT, NameIndex, SimilarWord, SimilarWords, WordList, joinable_runs,
    strongest,
};
use super::similarity::WordForms;
use super::tokens::{NameStyle, Token, TokenKind, tokenize};

/// Weight of a single-letter query word (an initial).
const INITIAL_WEIGHT: f32 = 2.0 * MIN_WORD_WEIGHT;
/// Weight of a query word no listed word resembles: as rare as can be.
const UNKNOWN_WEIGHT: f32 = 1.0;
/// Longest name (in words) aligned; words beyond are ignored.
pub const MAX_WORDS: usize = 64;

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
    pub joined_in_names: Vec<JoinedAt>,
}

/// A run of a query's words written as one ([`PreparedName::joined`]).
#[derive(Debug, Clone)]
pub struct JoinedRun {
    /// Position of its first word.
    pub at: usize,
    /// Its words: 2, or 3 (around an article, or a word after two
    /// particles).
    pub words: usize,
    /// Vocabulary words similar to the run written as one, sorted by word
    /// id; empty for a name prepared for comparisons, which computes them.
    pub similar: SimilarWords,
}

impl JoinedRun {
    /// The positions of its words.
    pub fn span(&self) -> std::ops::Range<usize> {
        self.at..self.at + self.words
    }
}

/// The forms of `words` written as one word.
pub(crate) fn joined_forms(words: &[QueryWord]) -> Option<WordForms> {
    let (first, rest) = words.split_first()?;
    Some(rest.iter().fold(first.forms.clone(), |joined, word| {
        WordForms::joined(&joined, &word.forms)
    }))
}

/// The runs of `words` that may be written as one, with the similar
/// words `similar` finds for the words of each (none for a name prepared
/// for comparisons, which computes them).
fn joined_runs(
    words: &[QueryWord],
    mut similar: impl FnMut(&[QueryWord]) -> SimilarWords,
) -> Vec<JoinedRun> {
    let forms: Vec<&WordForms> = words.iter().map(|w| &w.forms).collect();
    joinable_runs(&forms)
        .map(|(at, run)| JoinedRun {
            at,
            words: run.len(),
            similar: similar(&words[at..at + run.len()]),
        })
        .collect()
}

/// A query name analysed against an index, ready to align with candidates.
#[derive(Debug, Clone)]
pub struct PreparedName {
    /// Its words in order.
    pub words: Vec<QueryWord>,
    /// The runs of words the name may write as one that a listed name
    /// writes as one word (`index::joinable_runs`: adjacent pairs, three
    /// words around an article, `Abd al Rahman`, and a word after two
    /// particles, `van den Berg`), each with the
    /// vocabulary words similar to the run written as one.
    pub joined: Vec<JoinedRun>,
    /// Sum of the words' weights.
    pub total_weight: f32,
    /// How the name was tokenized.
    pub style: NameStyle,
    /// When true, similarities are computed against every listed word
    /// directly instead of looked up: the brute-force reference.
    pub exhaustive: bool,
    /// The name was written in Han or Hangul
    /// (`readings::is_syllabic_script`): each word reads
    /// characters, and a reading a letter away from a listed word is
    /// another character's, not a typo (`成` read `cheng` is not `CHEN`).
    /// Only exact, variant and joined agreements of whole readings count.
    pub syllabic: bool,
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
    pub(crate) fn for_words(
        name: &str,
        style: NameStyle,
        index: &NameIndex,
        words: &WordList,
    ) -> PreparedName {
        PreparedName::prepare(name, style, index, Lookup::Among(words))
    }

    /// A name already tokenized, prepared for single comparisons
    /// ([`super::align::ListedName::standalone`]): words and weights as
    /// [`PreparedName::new`] gives them, but none of the lookups that only
    /// aligning with indexed names reads (word pairs written as one, the
    /// index's joined pairs): a comparison computes those from the forms.
    pub(crate) fn for_comparison(
        tokens: &[Token],
        style: NameStyle,
        index: &NameIndex,
    ) -> PreparedName {
        let words: Vec<QueryWord> = tokens
            .iter()
            .take(MAX_WORDS)
            .map(|token| prepare_word(WordForms::new(token), index, Lookup::Vocabulary, false))
            .collect();
        let joined = joined_runs(&words, |_| SimilarWords::from([]));
        PreparedName::of_words(words, joined, style, true)
    }

    fn prepare(name: &str, style: NameStyle, index: &NameIndex, lookup: Lookup) -> PreparedName {
        let tokens = tokenize(name, style);
        let words: Vec<QueryWord> = tokens
            .iter()
            .take(MAX_WORDS)
            .map(|token| prepare_word(WordForms::new(token), index, lookup, true))
            .collect();
        let joined = joined_runs(&words, |run| {
            joined_forms(run).map_or_else(|| SimilarWords::from([]), |j| lookup.similar(&j, index))
        });
        PreparedName::of_words(words, joined, style, false)
    }

    /// The prepared name of `words` and their `joined` runs.
    fn of_words(
        words: Vec<QueryWord>,
        joined: Vec<JoinedRun>,
        style: NameStyle,
        exhaustive: bool,
    ) -> PreparedName {
        let total_weight = words.iter().map(|w| w.weight).sum();
        PreparedName {
            words,
            joined,
            total_weight,
            style,
            exhaustive,
            syllabic: false,
        }
    }
}

/// Looks up a query word's similar words and decides its weight: the
/// weight of the same listed word if there is one, else of its closest
/// listed word, else the weight of a word found nowhere. The index's
/// joined pairs the word writes are looked up when `joined_pairs`.
fn prepare_word(
    mut forms: WordForms,
    index: &NameIndex,
    lookup: Lookup,
    joined_pairs: bool,
) -> QueryWord {
    let own_id = index.vocabulary.id_of(&forms.text);
    forms.listed = own_id.is_some();
    let single_letter = forms.is_initial();
    // A single comparison computes similarities from the forms: it reads
    // only the weight, which a listed word has of its own.
    let known_for_comparison = own_id.filter(|_| !joined_pairs);
    let similar = if single_letter || known_for_comparison.is_some() {
        SimilarWords::from([])
    } else {
        lookup.similar(&forms, index)
    };
    let weight = match forms.kind {
        TokenKind::Particle | TokenKind::LegalForm => super::index::MINOR_WEIGHT,
        _ if single_letter => INITIAL_WEIGHT,
        _ => match known_for_comparison {
            Some(id) => index.vocabulary.word(id).weight,
            None => lookup
                .strongest(&forms, &similar, index)
                .map_or(UNKNOWN_WEIGHT, |best| {
                    index.vocabulary.word(best.word).weight
                }),
        },
    };
    let joined_in_names = if joined_pairs {
        index.joined_in_names(&forms)
    } else {
        Vec::new()
    };
    QueryWord {
        forms,
        weight,
        similar,
        joined_in_names,
    }
}
