//! Finding mentions of listed entities in free text: news, payment
//! messages, invoices, shipping documents.
//!
//! 1. The text is cut into words with byte offsets ([`text`]).
//! 2. Each distinct word is looked up once through the cheap door
//!    (`lookup`): its exact text and romanization key, two hash probes
//!    (remembered from scan to scan, so that a stream of documents pays
//!    for its common words once).
//!    Candidate spans are proposed from these (step 3); then typos are
//!    searched for the words of each candidate span and its
//!    neighbourhood, and for every word beside a found word, but only
//!    among the vocabulary words that could change a proposal: the words
//!    of those spans' names and of the names the found neighbours anchor,
//!    and the anchors of the other names they touch (`TypoScope`; a few
//!    dozen words, each compared directly with the text word). The phrases holding words that changed are proposed
//!    again. Fresh text thus pays for typos only where a listed name may
//!    be written: a name is proposed where one of its words is written
//!    exactly or as a romanization variant and a neighbour is another of
//!    its words, exact or with a typo (`Kim Sang Maa`, `Luois López` for
//!    `LOPEZ, Luis`); a listed name none of whose words is written exactly
//!    or as a romanization variant is never proposed.
//! 3. Candidate spans are proposed from *anchor* words. A listed name can
//!    only reach the threshold if the text covers enough of its weight, so
//!    at least one of its heaviest words (its anchors) must appear; a text
//!    word similar to an anchor proposes that name, and the span grows
//!    over the neighbouring words that resemble words of the name (and
//!    particles or legal forms between them), never across phrase-ending
//!    punctuation. Two text words may stand for one listed word (`Sang
//!    Man` for `SANGMAN`): through the cheap door they propose the names
//!    that word anchors; with a typo (`Choe Sang Maa` for `CHOE, Sangman`)
//!    they propose only the names they share with a word beside them, not
//!    a lower-case word of mixed-case text (the listed word being searched
//!    in the whole vocabulary, but with the few edits a similarity of
//!    `MIN_JOINED_SIMILARITY`, 0.85, leaves room for).
//! 4. Each candidate span is verified with the screener's ranking
//!    ([`Screener::rank_names`]) against the names proposed for it
//!    (remembered from scan to scan by span text and proposed names: the
//!    same places and organisations recur from document to document).
//! 5. Wallet addresses and identifiers written in the text are looked up
//!    exactly (`exact`).
//! 6. Overlapping mentions are resolved to the best non-overlapping set.
//!
//! Precision rules for text, where most capitalized words are not names:
//! a one-word mention needs an exact match of a whole primary or strong name of
//! a person or organization, at least four letters long; a short acronym
//! (`RGB`, `IT`) or a country name never hits alone; in text written in
//! mixed case a mention needs a capitalized word or a number, and a
//! lower-case word is never half of a listed word written as two (`Dar es`
//! is not `DARAS`).

mod exact;
mod lookup;
mod recent;
mod targets;
pub mod text;

use std::hash::{Hash, Hasher};
use std::ops::{Deref, Range};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use quick_cache::Equivalent;
use quick_cache::sync::Cache;
use rustc_hash::{FxHashMap, FxHashSet, FxHasher};
use serde::Serialize;

use crate::matching::align::{PreparedName, QueryWord};
use crate::matching::index::{NameId, NameIndex, SimilarWord, SimilarWords, WordId, WordList};
use crate::matching::similarity::{Agreement, WordForms};
use crate::matching::tokens::{NameStyle, Token, TokenKind, tokenize};
use crate::matching::{NAME_SCALE, Query, ResultView, ScreenMatch, ScreenOptions, Screener};
use crate::model::{NameQuality, Schema, country_code, is_country_word};

use lookup::FoldDoor;
use recent::Recent;
use targets::TypoTargets;
pub use text::{LineIndex, TextSpan, TextWord};

/// Longest word (in bytes) analysed as a possible name word.
const MAX_WORD_BYTES: usize = 64;
/// Words a span may have beyond the listed name's own.
const EXTRA_SPAN_WORDS: usize = 2;
/// Shortest single word reported alone.
const MIN_SINGLE_WORD_CHARS: usize = 4;
/// Share of a listed name a single word must cover (all but particles and
/// legal forms): `Washington` is not `WASHINGTON TRADING LTD`.
const SINGLE_WORD_COVERAGE: f32 = 0.9;
/// Least similarity of two text words written together with a listed
/// word for the pair to propose its names: `Sang Maa`/`Sangman` (0.86)
/// does, `Intel CEO`/`Inelso` (0.81) does not.
const MIN_JOINED_SIMILARITY: f32 = 0.85;
/// Longest all-capitals word treated as an acronym.
const MAX_ACRONYM_CHARS: usize = 5;
/// Distinct text words whose analyses a scanner remembers from scan to
/// scan (tens of MB at most).
const ANALYSIS_CACHE_WORDS: usize = 30_000;
/// Candidate spans whose verifications a scanner remembers from scan to
/// scan: the same places, nationalities and organisations recur from
/// document to document.
const VERIFICATION_CACHE_SPANS: usize = 10_000;
/// Most entries a scan's tables are sized for before they fill: a short
/// document (a payment message, a paragraph) then fills its tables without
/// growing them, a long one grows them from there.
const PRESIZED_ENTRIES: usize = 4096;

/// An empty table sized for `wanted` entries, at most [`PRESIZED_ENTRIES`].
fn presized<K, V>(wanted: usize) -> FxHashMap<K, V> {
    FxHashMap::with_capacity_and_hasher(wanted.min(PRESIZED_ENTRIES), Default::default())
}

/// One mention of a listed entity in a text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mention {
    /// Where it is.
    pub span: TextSpan,
    /// The entity, score and explanation (the explanation's matched name
    /// is the listed name the text matched; empty for a wallet or
    /// identifier).
    pub result: ScreenMatch,
}

/// A mention as front ends print it: the matched text and its position
/// beside the usual result fields (`id`, `name`, `matched_name`, `score`,
/// ...).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MentionView<'a> {
    /// The text that matched.
    pub text: &'a str,
    /// Line, column and byte offsets.
    #[serde(flatten)]
    pub span: TextSpan,
    /// The entity and why it matched.
    #[serde(flatten)]
    pub result: ResultView<'a>,
}

/// Where the time of one scan went.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ScanProfile {
    /// Words in the text.
    pub words: usize,
    /// Distinct words (each analysed once).
    pub distinct_words: usize,
    /// Distinct words whose typo search found a similar word the cheap
    /// door had not (their phrases are proposed again).
    pub searched_words: usize,
    /// Candidate spans proposed.
    pub spans: usize,
    /// Distinct span texts verified with the screener.
    pub verified: usize,
    /// Cutting the text into words and analysing each distinct word
    /// through the cheap door.
    pub analyse: Duration,
    /// Proposing candidate spans from anchors.
    pub propose: Duration,
    /// Searching typos of the words around candidate spans and beside
    /// found words.
    pub typos: Duration,
    /// Proposing again the phrases whose words the typo search changed.
    pub repropose: Duration,
    /// Verifying candidate spans.
    pub verify: Duration,
    /// Looking up wallets and identifiers.
    pub exact: Duration,
}

/// A text that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScanError {
    /// The bytes are not UTF-8 text.
    #[error("{label}: {message}")]
    Encoding {
        /// The file (or `-`).
        label: String,
        /// What was found, with the line.
        message: String,
    },
}

/// Turns the bytes of a document into text: UTF-8 with or without BOM;
/// UTF-16 and other encodings are refused with the line of the first bad
/// byte.
pub fn decode_text(bytes: Vec<u8>, label: &str) -> Result<String, ScanError> {
    let error = |message: String| ScanError::Encoding {
        label: label.to_string(),
        message,
    };
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(error(
            "the text is UTF-16 encoded; save it as UTF-8".to_string(),
        ));
    }
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(body) => body.to_vec(),
        None => bytes,
    };
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let line = bytes[..valid].iter().filter(|&&b| b == b'\n').count() + 1;
        error(format!(
            "line {line}: not UTF-8 text (byte {:#04x}); convert it to UTF-8 \
             (it may be Latin-1 or Windows-1252)",
            bytes[valid]
        ))
    })
}

/// A screener prepared for scanning texts at one threshold. Building it
/// picks each listed name's anchor words; scans may then run on any number
/// of threads, sharing only the scanner's memos of word analyses and of
/// span verifications (concurrent caches of the last 30,000 distinct words
/// and 10,000 verified spans, which never change a result).
///
/// `S` is how the scanner holds its screener: a borrow (`&Screener`) for a
/// scan in one function, an `Arc<Screener>` for a service that keeps its
/// scanner beside the screener it serves.
#[derive(Debug)]
pub struct Scanner<S: Deref<Target = Screener> = Arc<Screener>> {
    screener: S,
    threshold: f32,
    /// For each vocabulary word, the names it anchors, ascending.
    anchors: Vec<Vec<NameId>>,
    /// For each vocabulary word, the words a typo beside it must resemble
    /// to change a proposal.
    targets: TypoTargets,
    /// Vocabulary words by exact text and romanization key.
    door: FoldDoor,
    /// For each listed name, how many distinct words it has besides
    /// particles and legal forms (at most 255): a word spells a name whole
    /// only if it is written as at least that many listed words, which
    /// rules out most names before their words are read.
    essential_words: Vec<u8>,
    /// The analyses of recently scanned words ([`Scanner::analyse_word`]),
    /// by text and depth: a stream of documents pays for its common words
    /// once.
    analyses: Cache<(String, Depth), Arc<WordInfo>>,
    /// The verifications of recently scanned spans
    /// ([`Scanner::remembered_verification`]).
    verifications: Cache<VerificationOwnedKey, Arc<[ScreenMatch]>>,
}

/// What a span's verification depends on: its text, the names proposed
/// for it and, for a one-word span, how far its word was looked up.
type VerificationOwnedKey = (String, Vec<NameId>, Option<Depth>);

/// [`VerificationOwnedKey`], borrowed: hashed as the stored tuple is.
#[derive(Hash)]
struct VerificationKey<'a>(&'a str, &'a [NameId], Option<Depth>);

impl Equivalent<VerificationOwnedKey> for VerificationKey<'_> {
    fn equivalent(&self, key: &VerificationOwnedKey) -> bool {
        self.0 == key.0 && self.1 == key.1.as_slice() && self.2 == key.2
    }
}

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
enum Depth {
    /// Its exact text only (a lower-case word in mixed-case text).
    Exact,
    /// Its exact text and romanization key ([`FoldDoor`]).
    Key,
    /// Also its typos among the vocabulary words that matter near it
    /// (see [`TypoScope`]).
    Typos,
}

/// What one distinct text word turned into.
struct WordInfo {
    tokens: Vec<QueryWord>,
    /// Only particles and legal forms.
    minor: bool,
    /// Starts with a lower-case letter.
    lowercase: bool,
    /// The names it anchors, sorted.
    anchored: Vec<NameId>,
    /// The anchored names it spells whole (see [`spells_whole_name`]).
    whole: Vec<NameId>,
    /// How far it was looked up.
    depth: Depth,
    /// What proposing asks of it again and again.
    traits: WordTraits,
    /// The names it touches ([`Scanner::touched_names`]), once asked.
    touched: OnceLock<Vec<NameId>>,
    /// The words a typo beside it must resemble to change a proposal
    /// ([`Scanner::typo_targets`]), once asked.
    typo_targets: OnceLock<WordList>,
}

impl WordInfo {
    /// The names the word touches.
    fn touched<S: Deref<Target = Screener>>(&self, scanner: &Scanner<S>) -> &[NameId] {
        self.touched.get_or_init(|| scanner.touched_names(self))
    }

    /// The words a typo beside the word must resemble to change a proposal.
    fn typo_targets<S: Deref<Target = Screener>>(&self, scanner: &Scanner<S>) -> &WordList {
        self.typo_targets.get_or_init(|| scanner.typo_targets(self))
    }
}

/// What the proposal loops ask of a word at every place it is written,
/// worked out once per distinct word so that they need not read its
/// tokens.
#[derive(Debug, Clone, Copy)]
struct WordTraits {
    /// Some token was found in the vocabulary (a similar word or a joined
    /// pair of a list name).
    found: bool,
    /// Some token is written exactly as a listed word.
    listed: bool,
    /// Some token is an ordinary name word that a typo search could find
    /// (two letters or more).
    name_word: bool,
    /// The word is one ordinary name word of two letters or more, which
    /// may be written joined with its neighbour.
    joinable: bool,
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

/// A pair of distinct words looked up as one listed word, and where (see
/// `ProposeMemo::joined`).
type JoinedKey = (usize, usize, Option<(usize, Depth)>);

/// Lookups that proposing spans would otherwise repeat in every phrase,
/// kept for one scan.
struct ProposeMemo {
    /// The names two words written as one listed word stand for, by the
    /// pair's distinct words and where the listed word was looked up:
    /// `None` through the cheap door ([`Scanner::joined_names`]),
    /// `Some((s, depth))` with typos, among the names the distinct word
    /// `s`, analysed to `depth`, touches.
    joined: FxHashMap<JoinedKey, Vec<NameId>>,
    /// The listed words two distinct words written as one stand for with
    /// a typo ([`Scanner::joined_typos`]).
    joined_typos: FxHashMap<(usize, usize), Vec<WordId>>,
    /// Two words written as one, reused from pair to pair.
    joined_text: String,
}

impl ProposeMemo {
    /// An empty memo.
    fn new() -> ProposeMemo {
        ProposeMemo {
            joined: FxHashMap::default(),
            joined_typos: FxHashMap::default(),
            joined_text: String::new(),
        }
    }
}

/// Most phrases whose spans are remembered ([`RecentPhrases`]): 4,096
/// slots of 48 bytes, small enough to stay in cache.
const RECENT_PHRASES: usize = 4096;

/// A phrase's candidate spans, by first and last word within the phrase.
type PhraseSpans = Vec<((usize, usize), Vec<NameId>)>;

/// The spans of recently proposed phrases, so that a text repeating a
/// sentence pays for it once: by the hash of the phrase's distinct words
/// and hyphens, with the words of the phrase last proposed under that
/// hash (a phrase is only given back the spans of the same words).
struct RecentPhrases {
    by_hash: Recent<u64, (Range<usize>, PhraseSpans)>,
}

impl RecentPhrases {
    /// A table for a text of `phrases` phrases.
    fn for_phrases(phrases: usize) -> RecentPhrases {
        RecentPhrases {
            by_hash: Recent::new(phrases, RECENT_PHRASES),
        }
    }

    /// The spans of the phrase `phrase` of the text if the same words
    /// were proposed last under its hash; else the hash to
    /// [`RecentPhrases::put`] its spans under.
    fn find(
        &self,
        words: &[TextWord],
        of_word: &[usize],
        phrase: &Range<usize>,
    ) -> Result<&PhraseSpans, u64> {
        let key = |at: usize| (of_word[at], words[at].hyphen_before);
        let mut hasher = FxHasher::default();
        phrase.clone().for_each(|at| key(at).hash(&mut hasher));
        let hash = hasher.finish();
        match self.by_hash.get(&hash) {
            Some((seen, spans))
                if seen.len() == phrase.len()
                    && seen
                        .clone()
                        .zip(phrase.clone())
                        .all(|(a, b)| key(a) == key(b)) =>
            {
                Ok(spans)
            }
            _ => Err(hash),
        }
    }

    /// Remembers `spans` for `phrase` under the hash
    /// [`RecentPhrases::find`] gave, and returns them.
    fn put(&mut self, hash: u64, phrase: Range<usize>, spans: PhraseSpans) -> &PhraseSpans {
        &self.by_hash.insert(hash, (phrase, spans)).1
    }
}

/// The phrases of a text: runs of words between phrase breaks, which no
/// span crosses.
fn phrases(words: &[TextWord]) -> impl Iterator<Item = Range<usize>> + Clone + '_ {
    let starts = (0..words.len()).filter(|&at| at == 0 || words[at].break_before);
    starts.map(move |start| {
        let end = (start + 1..words.len())
            .find(|&at| words[at].break_before)
            .unwrap_or(words.len());
        start..end
    })
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
}

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

/// The distinct words of a text and their analyses.
struct Analysed {
    /// One analysis per distinct word (shared with the scanner's memo of
    /// word analyses).
    arena: Vec<Arc<WordInfo>>,
    /// For each word of the text, its distinct word.
    of_word: Vec<usize>,
}

impl Analysed {
    /// Puts in `infos` (emptied first) the analyses of the text's words
    /// `words`, one per word: a phrase's, gathered in a reused vector
    /// rather than one the length of the text.
    fn gather<'a>(&'a self, words: Range<usize>, infos: &mut Vec<&'a WordInfo>) {
        infos.clear();
        infos.extend(self.of_word[words].iter().map(|&at| &*self.arena[at]));
    }
}

impl<S: Deref<Target = Screener>> Scanner<S> {
    /// Prepares `screener` for scanning at `threshold` (mentions scoring
    /// lower are never reported).
    pub fn new(screener: S, threshold: f32) -> Scanner<S> {
        let index = screener.index();
        let mut anchors = vec![Vec::new(); index.vocabulary.len()];
        let mut anchor_words = vec![Vec::new(); index.names.len()];
        let spare = 1.0 - min_listed_coverage(threshold);
        for (name_id, name) in index.names.iter().enumerate() {
            let mut words: Vec<(f32, u32)> = name
                .words
                .iter()
                .map(|&w| (index.vocabulary.word(w).weight, w))
                .collect();
            words.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            words.dedup_by_key(|(_, w)| *w);
            let mut covered = 0.0;
            for (weight, word) in words {
                let list: &mut Vec<NameId> = &mut anchors[word as usize];
                list.push(name_id as NameId);
                anchor_words[name_id].push(word);
                covered += weight;
                if covered > spare * name.total_weight {
                    break;
                }
            }
        }
        let door = FoldDoor::new(index);
        let targets = TypoTargets::new(index, &anchors, &anchor_words);
        let essential_words = index
            .names
            .iter()
            .map(|name| {
                let mut essential: Vec<WordId> = name.words.clone();
                essential.retain(|&w| !is_minor_word(w, index));
                essential.sort_unstable();
                essential.dedup();
                u8::try_from(essential.len()).unwrap_or(u8::MAX)
            })
            .collect();
        Scanner {
            screener,
            threshold,
            anchors,
            targets,
            door,
            essential_words,
            analyses: Cache::new(ANALYSIS_CACHE_WORDS),
            verifications: Cache::new(VERIFICATION_CACHE_SPANS),
        }
    }

    /// Forgets what earlier scans taught this scanner and its screener
    /// (the analyses of words, the similar words of the vocabulary): the
    /// next scan runs as the first would (for benchmarks).
    pub fn clear_cache(&self) {
        self.analyses.clear();
        self.verifications.clear();
        self.screener.index().vocabulary.clear_cache();
    }

    /// The threshold mentions must reach.
    pub fn threshold(&self) -> f32 {
        self.threshold
    }

    /// The screener scanned against.
    pub fn screener(&self) -> &Screener {
        &self.screener
    }

    /// Every mention of a listed entity in `text`, in text order.
    pub fn scan(&self, text: &str) -> Vec<Mention> {
        self.scan_profiled(text).0
    }

    /// [`Scanner::scan`] with the time spent in each step and the counts
    /// of words, candidate spans and verifications (for benchmarks and
    /// diagnostics).
    pub fn scan_profiled(&self, text: &str) -> (Vec<Mention>, ScanProfile) {
        let mut profile = ScanProfile::default();
        let clock = Instant::now();
        let words = text::words(text);
        let mixed_case =
            text.chars().any(char::is_uppercase) && text.chars().any(char::is_lowercase);
        let mut analysed = self.analyse_words(text, &words, mixed_case);
        profile.words = words.len();
        profile.distinct_words = analysed.arena.len();
        profile.analyse = clock.elapsed();
        let clock = Instant::now();
        let mut memo = ProposeMemo::new();
        let mut spans = self.propose_all(&words, &analysed, mixed_case, None, &mut memo);
        profile.propose = clock.elapsed();
        let clock = Instant::now();
        let scopes = self.typo_scopes(&words, &analysed, &spans);
        let deepened: Vec<(usize, WordInfo)> = scopes
            .into_iter()
            .filter_map(|(at, scope)| {
                let info = self.search_typos(at, &scope, &analysed.arena)?;
                Some((at, info))
            })
            .collect();
        let mut search = Vec::with_capacity(deepened.len());
        for (at, info) in deepened {
            analysed.arena[at] = Arc::new(info);
            search.push(at);
        }
        search.sort_unstable();
        profile.searched_words = search.len();
        profile.typos = clock.elapsed();
        let clock = Instant::now();
        if !search.is_empty() {
            let redo = phrases_with(&words, &analysed.of_word, &search);
            spans.retain(|&(first, _), _| !redo[first]);
            spans.extend(self.propose_all(&words, &analysed, mixed_case, Some(&redo), &mut memo));
        }
        profile.spans = spans.len();
        profile.repropose = clock.elapsed();
        let clock = Instant::now();
        let mut found: Vec<Found> = Vec::new();
        let mut verified: FxHashMap<&str, Vec<ScreenMatch>> = presized(spans.len());
        for ((first, last), names) in spans {
            let start = words[first].start;
            let end = words[last].end;
            let span_text = &text[start..end];
            if mixed_case
                && !words[first..=last]
                    .iter()
                    .any(|w| is_capitalized(w.text(text)))
            {
                continue;
            }
            let results = verified.entry(span_text).or_insert_with(|| {
                profile.verified += 1;
                let single = (last == first).then(|| &*analysed.arena[analysed.of_word[first]]);
                self.remembered_verification(span_text, names, single)
            });
            if !results.is_empty() {
                found.push(Found {
                    start,
                    end,
                    results: results.clone(),
                });
            }
        }
        profile.verify = clock.elapsed();
        let clock = Instant::now();
        for hit in exact::exact_hits(&self.screener, text) {
            found.push(Found {
                start: hit.start,
                end: hit.end,
                results: vec![hit.result],
            });
        }
        profile.exact = clock.elapsed();
        let lines = LineIndex::new(text);
        let mentions = best_non_overlapping(found)
            .into_iter()
            .flat_map(|f| {
                let span = lines.span(text, f.start, f.end);
                f.results
                    .into_iter()
                    .map(move |result| Mention { span, result })
            })
            .collect();
        (mentions, profile)
    }

    /// The printable view of a mention found in `text`.
    pub fn view<'a>(&'a self, text: &'a str, mention: &'a Mention) -> MentionView<'a> {
        MentionView {
            text: text
                .get(mention.span.start..mention.span.end)
                .unwrap_or_default(),
            span: mention.span,
            result: self.screener.view(&mention.result),
        }
    }

    /// Analyses each distinct word once through the cheap door (its
    /// exact text and romanization key).
    ///
    /// In mixed-case text a lower-case word (not after a hyphen) can only
    /// take part in a mention by equalling a listed word, so it is only
    /// looked up exactly.
    fn analyse_words(&self, text: &str, words: &[TextWord], mixed_case: bool) -> Analysed {
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
    fn word_info(&self, tokens: Vec<QueryWord>, lowercase: bool, depth: Depth) -> WordInfo {
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
        spans: &FxHashMap<(usize, usize), Vec<NameId>>,
    ) -> FxHashMap<usize, TypoScope> {
        let of_word = &analysed.of_word;
        let arena = &analysed.arena;
        let mut scopes: FxHashMap<usize, TypoScope> = presized(arena.len());
        let index = self.screener.index();
        for (&(first, last), names) in spans {
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
                    let scope = scopes.entry(of_word[at]).or_default();
                    scope.names.extend(names);
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
                    if infos[next].traits.found {
                        scopes
                            .entry(of_word[at])
                            .or_default()
                            .beside
                            .push(of_word[next]);
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

    /// Candidate spans of the whole text (or of the phrases whose words
    /// are marked in `only`) with the words as analysed so far:
    /// [`Scanner::propose_spans`] phrase by phrase (runs of words between
    /// phrase breaks, which no span crosses), remembering the spans of
    /// recent phrases: a document that repeats a sentence pays for it once.
    fn propose_all(
        &self,
        words: &[TextWord],
        analysed: &Analysed,
        mixed_case: bool,
        only: Option<&[bool]>,
        memo: &mut ProposeMemo,
    ) -> FxHashMap<(usize, usize), Vec<NameId>> {
        let of_word = &analysed.of_word;
        let proposed =
            phrases(words).filter(|phrase| only.is_none_or(|marked| marked[phrase.start]));
        let mut recent = RecentPhrases::for_phrases(proposed.clone().count());
        let mut spans = FxHashMap::default();
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
                spans.insert((first + start, last + start), names.clone());
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
    ) -> Vec<((usize, usize), Vec<NameId>)> {
        // A phrase has few spans: a list searched in turn beats a table.
        let mut spans: Vec<((usize, usize), Vec<NameId>)> = Vec::new();
        scratch.done.clear();
        scratch.shared.clear();
        let PhraseScratch { done, shared } = scratch;
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
            match spans.iter_mut().find(|(span, _)| *span == (first, last)) {
                Some((_, names)) => names.push(name),
                None => spans.push(((first, last), vec![name])),
            }
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
        for (_, names) in &mut spans {
            names.sort_unstable();
            names.dedup();
        }
        spans
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
            return self.joined_names(joined);
        };
        let typos = memo
            .joined_typos
            .entry(pair)
            .or_insert_with(|| self.joined_typos(joined));
        if typos.is_empty() {
            return Vec::new();
        }
        self.names_among(typos, info.touched(self))
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

    /// Every name with a word resembling one of the word's tokens, or
    /// written as two words it joins; sorted.
    fn touched_names(&self, info: &WordInfo) -> Vec<NameId> {
        let vocabulary = &self.screener.index().vocabulary;
        sorted_names(info.tokens.iter().flat_map(|token| {
            let similar = token
                .similar
                .iter()
                .flat_map(|s| vocabulary.word(s.word).postings.iter().copied());
            similar.chain(token.joined_in_names.iter().map(|&(name, _)| name))
        }))
    }

    /// The words a typo beside the word `info` must resemble to change a
    /// proposal: a pair proposes a name one of its words anchors and the
    /// other touches, so any word of a name `info` anchors, and an anchor
    /// of another name it touches: the precomputed [`TypoTargets`] of its
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
                .flat_map(|&(name, _)| index.name(name).words.iter().copied()),
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
            let joined = token.joined_in_names.iter().map(|&(name, _)| name);
            similar.chain(joined)
        })
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

    /// [`Scanner::verify`], remembered from scan to scan; a word whose
    /// typos were searched depends on its neighbours, so a one-word span of
    /// such a word is verified afresh.
    fn remembered_verification(
        &self,
        span_text: &str,
        names: Vec<NameId>,
        single_word: Option<&WordInfo>,
    ) -> Vec<ScreenMatch> {
        let depth = single_word.map(|word| word.depth);
        if depth == Some(Depth::Typos) {
            return self.verify(span_text, names, single_word);
        }
        if let Some(known) = self
            .verifications
            .get(&VerificationKey(span_text, &names, depth))
        {
            return known.to_vec();
        }
        let results = self.verify(span_text, names.clone(), single_word);
        self.verifications.insert(
            (span_text.to_string(), names, depth),
            Arc::from(results.as_slice()),
        );
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

/// The smallest share of a listed name's weight a text must cover for the
/// name to reach `threshold`: `score ≤ 0.9 × 2c / (1 + c)` for coverage
/// `c` of the listed name (query coverage and quality at most 1, no
/// evidence in text).
fn min_listed_coverage(threshold: f32) -> f32 {
    let h = (threshold / NAME_SCALE).clamp(0.0, 1.0);
    h / (2.0 - h)
}

/// Whether any token of the word resembles a word of the listed name (or
/// joins two of its words); with `exact_only`, equals one.
fn fits_name(info: &WordInfo, listed: &[u32], name: NameId, exact_only: bool) -> bool {
    info.tokens.iter().any(|token| {
        let similar = listed.iter().any(|w| {
            token
                .similar
                .binary_search_by_key(w, |s| s.word)
                .is_ok_and(|at| !exact_only || token.similar[at].agreement == Agreement::Exact)
        });
        similar || !exact_only && token.joined_in_names.iter().any(|&(n, _)| n == name)
    })
}

/// The nearest word on each side of `at` that is not a particle or legal
/// form, within [`EXTRA_SPAN_WORDS`] steps and not across a phrase break:
/// the one before, then the one after.
fn neighbours(
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

/// The union of two lists of similar words, sorted by word id (a word in
/// both keeps its entry in `known`).
fn merge_similar(known: &[SimilarWord], more: &[SimilarWord]) -> SimilarWords {
    let mut all: Vec<SimilarWord> = known.iter().chain(more).copied().collect();
    all.sort_by_key(|s| s.word);
    all.dedup_by_key(|s| s.word);
    all.into()
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

/// For each word, whether its phrase holds one of the distinct words
/// `changed` (sorted).
fn phrases_with(words: &[TextWord], of_word: &[usize], changed: &[usize]) -> Vec<bool> {
    let mut is_changed = vec![false; changed.last().map_or(0, |&last| last + 1)];
    for &at in changed {
        is_changed[at] = true;
    }
    let mut marked = vec![false; words.len()];
    for phrase in phrases(words) {
        let touched = phrase
            .clone()
            .any(|at| is_changed.get(of_word[at]) == Some(&true));
        marked[phrase].fill(touched);
    }
    marked
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

/// `names` ascending, without repeats.
fn sorted_names(names: impl IntoIterator<Item = NameId>) -> Vec<NameId> {
    let mut sorted: Vec<NameId> = names.into_iter().collect();
    sorted.sort_unstable();
    sorted.dedup();
    sorted
}

/// Whether the word's tokens equal every name word of a listed name
/// (particles and legal forms aside): the only way one word can name an
/// entity on its own.
fn spells_whole_name(word: &WordInfo, listed: &[u32], index: &NameIndex) -> bool {
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
fn is_minor_word(word: WordId, index: &NameIndex) -> bool {
    index.vocabulary.word(word).forms.kind.is_minor()
}

/// The text of a word that may be written joined with its neighbour (see
/// [`WordTraits::joinable`]).
fn joinable_text(info: &WordInfo) -> Option<&str> {
    match info.tokens.as_slice() {
        [token] if info.traits.joinable => Some(&token.forms.text),
        _ => None,
    }
}

/// Starts with an upper-case letter or a digit.
fn is_capitalized(word: &str) -> bool {
    word.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// `RGB`, `IT`, `DPRK`: all capitals, at most five letters.
fn is_short_acronym(word: &str) -> bool {
    let count = word.chars().count();
    count <= MAX_ACRONYM_CHARS && word.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// Candidate results found at one byte range.
struct Found {
    start: usize,
    end: usize,
    results: Vec<ScreenMatch>,
}

/// Keeps the best ranges that do not overlap: highest score first, then
/// the longer range, then the earlier one; returned in text order.
fn best_non_overlapping(mut found: Vec<Found>) -> Vec<Found> {
    let score = |f: &Found| f.results.first().map_or(0.0, |r| r.score);
    found.sort_by(|a, b| {
        score(b)
            .total_cmp(&score(a))
            .then((b.end - b.start).cmp(&(a.end - a.start)))
            .then(a.start.cmp(&b.start))
    });
    let mut kept: Vec<Found> = Vec::new();
    for candidate in found {
        if kept
            .iter()
            .all(|k| candidate.end <= k.start || k.end <= candidate.start)
        {
            kept.push(candidate);
        }
    }
    kept.sort_by_key(|f| f.start);
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::ListVersion;
    use crate::model::{Entity, Name, Wallet};

    fn entity(id: &str, schema: Schema, names: &[(&str, NameQuality)]) -> Entity {
        let name = |text: &str, quality| {
            if schema == Schema::Person {
                Name::from_last_first(text, quality)
            } else {
                Name::new(text, quality)
            }
        };
        let mut entity = Entity::new(id, schema, name(names[0].0, names[0].1));
        for (alias, quality) in &names[1..] {
            entity.add_name(name(alias, *quality));
        }
        entity
    }

    fn screener() -> Screener {
        use NameQuality::{Primary, Strong, Weak};
        let mut kim = entity("t:kim", Schema::Person, &[("KIM, Sang Man", Primary)]);
        kim.wallets.push(Wallet {
            currency: "XBT".into(),
            address: "1D6gG9iKEhPitTcWRJiniuj1jYM2hNeAfJ".into(),
        });
        let entities = vec![
            kim,
            entity("t:kju", Schema::Person, &[("KIM, Jong Un", Primary)]),
            entity("t:pak", Schema::Person, &[("PAK, Sang Man", Primary)]),
            entity(
                "t:rgb",
                Schema::Organization,
                &[("RECONNAISSANCE GENERAL BUREAU", Primary), ("RGB", Weak)],
            ),
            entity(
                "t:chinyong",
                Schema::Organization,
                &[
                    (
                        "CHINYONG INFORMATION TECHNOLOGY COOPERATION COMPANY",
                        Primary,
                    ),
                    ("JINYONG IT COOPERATION COMPANY", Strong),
                ],
            ),
            entity(
                "t:lazarus",
                Schema::Organization,
                &[("LAZARUS GROUP", Primary), ("ZINC", Weak)],
            ),
            entity("t:hamas", Schema::Organization, &[("HAMAS", Primary)]),
            entity("t:ship", Schema::Vessel, &[("GLORY", Primary)]),
            entity("t:it", Schema::Organization, &[("IT", Strong)]),
            entity("t:korea", Schema::Organization, &[("KOREA", Strong)]),
            entity("t:lopez", Schema::Person, &[("LOPEZ, Luis", Primary)]),
            entity("t:park", Schema::Person, &[("PARK, Luisa Maria", Primary)]),
        ];
        Screener::new(entities, Vec::<ListVersion>::new())
    }

    fn found(text: &str) -> Vec<(String, String)> {
        found_by(&screener(), text)
    }

    /// The text and entity id of each mention `screener` finds in `text`.
    fn found_by(screener: &Screener, text: &str) -> Vec<(String, String)> {
        found_with(&Scanner::new(screener, 0.7), text)
    }

    fn found_with(scanner: &Scanner<&Screener>, text: &str) -> Vec<(String, String)> {
        scanner
            .scan(text)
            .iter()
            .map(|m| {
                let view = scanner.view(text, m);
                (view.text.to_string(), view.result.id.to_string())
            })
            .collect()
    }

    fn pair(text: &str, id: &str) -> (String, String) {
        (text.to_string(), id.to_string())
    }

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

    fn daras_and_datana() -> Screener {
        Screener::new(
            vec![
                entity(
                    "t:daras",
                    Schema::Person,
                    &[("DARAS, Ali", NameQuality::Primary)],
                ),
                entity(
                    "t:datana",
                    Schema::Organization,
                    &[("DATANA", NameQuality::Primary)],
                ),
            ],
            Vec::<ListVersion>::new(),
        )
    }

    #[test]
    fn variants_typos_and_possessives_are_found() {
        assert_eq!(
            found("Kim Sang-man met Kim Sang Maa in Pyongyang's Reconnaissance General Bureau."),
            [
                pair("Kim Sang-man", "t:kim"),
                pair("Kim Sang Maa", "t:kim"),
                pair("Reconnaissance General Bureau", "t:rgb"),
            ]
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

    #[test]
    fn unlisted_people_and_lowercase_prose_are_not_reported() {
        assert_eq!(
            found("Brian Nelson and Anthony Blinken spoke; Andy Jassy did not."),
            []
        );
        assert_eq!(
            found("They said the general bureau of reconnaissance was busy."),
            []
        );
    }

    #[test]
    fn a_remembered_phrase_is_only_given_back_for_the_same_words() {
        // Five phrases of distinct words 0 1 | 2 | 0 1 | 0 2 | 0 1 (the
        // last two with a hyphen before the second word).
        let of_word = [0, 1, 2, 0, 1, 0, 2, 0, 1];
        let breaks = [0, 2, 3, 5, 7];
        let words: Vec<TextWord> = (0..of_word.len())
            .map(|at| TextWord {
                start: at,
                end: at + 1,
                break_before: breaks.contains(&at),
                hyphen_before: at == 8,
            })
            .collect();
        let phrases: Vec<Range<usize>> = phrases(&words).collect();
        assert_eq!(phrases, [0..2, 2..3, 3..5, 5..7, 7..9]);
        // One slot: every phrase evicts the one before.
        let mut recent = RecentPhrases::for_phrases(1);
        let spans = vec![((0, 1), vec![7])];
        let Err(slot) = recent.find(&words, &of_word, &phrases[0]) else {
            panic!("nothing is remembered yet");
        };
        recent.put(slot, phrases[0].clone(), spans.clone());
        assert_eq!(recent.find(&words, &of_word, &phrases[2]), Ok(&spans));
        for other in [&phrases[1], &phrases[3], &phrases[4]] {
            assert!(recent.find(&words, &of_word, other).is_err(), "{other:?}");
        }
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

    #[test]
    fn overlapping_spans_keep_the_best() {
        // "Sang Man" alone would be PAK's half; the whole name wins.
        assert_eq!(found("Kim Sang Man"), [pair("Kim Sang Man", "t:kim")]);
    }

    #[test]
    fn mentions_carry_line_column_and_byte_offsets() {
        let screener = screener();
        let scanner = Scanner::new(&screener, 0.7);
        let text = "Über uns\n  Paid 1D6gG9iKEhPitTcWRJiniuj1jYM2hNeAfJ to Lazarus Group.";
        let mentions = scanner.scan(text);
        assert_eq!(mentions.len(), 2);
        assert_eq!((mentions[0].span.line, mentions[0].span.column), (2, 8));
        assert_eq!(
            &text[mentions[0].span.start..mentions[0].span.end],
            "1D6gG9iKEhPitTcWRJiniuj1jYM2hNeAfJ"
        );
        assert_eq!(mentions[0].result.score, 1.0);
        assert_eq!(scanner.view(text, &mentions[1]).text, "Lazarus Group");
    }

    #[test]
    fn text_that_is_not_utf8_is_refused_with_its_line() {
        let error = decode_text(b"ok\nbad \xe9 byte".to_vec(), "memo.txt").unwrap_err();
        assert_eq!(
            error.to_string(),
            "memo.txt: line 2: not UTF-8 text (byte 0xe9); convert it to UTF-8 \
             (it may be Latin-1 or Windows-1252)"
        );
        assert!(decode_text(b"\xFF\xFEh\x00".to_vec(), "-").is_err());
        assert_eq!(decode_text(b"\xEF\xBB\xBFhi".to_vec(), "-").unwrap(), "hi");
    }
}
