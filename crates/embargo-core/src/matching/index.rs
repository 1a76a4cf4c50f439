//! The name index, built once per set of list versions.
//!
//! Every name of every entity is tokenized; each distinct word gets an id
//! in the [`Vocabulary`], with its derived forms, its weight (rarer words
//! weigh more) and its postings (the names containing it). A query word
//! finds the vocabulary words it could be through four doors, all feeding
//! the same [`word_similarity`] rule:
//!
//! * its exact text;
//! * its romanization key ([`super::phonetic::fold`]);
//! * deletion neighbours of that key, so keys within the tolerated number
//!   of edits meet without comparing against every word (the symmetric
//!   delete method);
//! * its consonant skeleton, between Arabic/Hebrew-script and romanized
//!   words.
//!
//! Adjacent word pairs of each list name are also indexed joined
//! (`Sang Man` as `sangman`) so a query that writes them as one word finds
//! them.
//!
//! Looking up a word's similar words is most of a query's cost, and the
//! words of customer names repeat (`David`, `Maria`, `Kim`), so lookups are
//! memoized in a bounded concurrent cache. The lookup is a pure function of
//! the word and the vocabulary, so the cache changes speed, never results.

use quick_cache::Equivalent;
use quick_cache::sync::Cache;
use rustc_hash::FxHashMap;
use std::sync::Arc;

use crate::model::{Entity, Name, NameQuality, Schema};

use super::edits::SubsequencePattern;
use super::phonetic::fold;
use super::roles::{WordRole, least_missing_share, listed_roles};
use super::similarity::{
    Agreement, KeyComparison, MIN_VOWEL_VARIANT_BYTES, SKELETON_SIMILARITY,
    VOWEL_VARIANT_SIMILARITY, WordForms, max_edits, word_similarity, word_similarity_with_keys,
};
use super::tokens::{NameStyle, TokenKind, tokenize};

/// Weight of particles and legal forms, whatever their frequency.
pub const MINOR_WEIGHT: f32 = 0.05;
/// Lowest weight of an ordinary word, however common.
pub const MIN_WORD_WEIGHT: f32 = 0.15;
/// Longest word whose strongest similar word may be found among the
/// spellings sharing its romanization key: a typo's similarity `1 - d /
/// longer`, with the longer word at most two bytes longer, stays below a
/// spelling's 0.95 up to 19 bytes.
const MAX_SPELLING_SHORTCUT_BYTES: usize = 17;
/// Most words compared one by one with a query word
/// ([`Vocabulary::similar_words_in`]) before the deletion door is cheaper:
/// most comparisons end at the key sketches, a few nanoseconds, where the
/// door probes a few dozen entries of a table of megabytes.
const MAX_DIRECT_COMPARISONS: usize = 256;
/// Shortest query word looked up among the joined pairs of list names.
pub const MIN_JOINED_WORD_BYTES: usize = 4;
/// Distinct query words whose similar words are remembered (a few MB).
const SIMILAR_CACHE_WORDS: usize = 100_000;

/// Index of a word in the [`Vocabulary`].
pub type WordId = u32;
/// Index of a name in the [`NameIndex`].
pub type NameId = u32;

/// A distinct word of the indexed names.
#[derive(Debug)]
pub struct Word {
    /// Its text and derived forms.
    pub forms: WordForms,
    /// How much it counts in a name, in `[MINOR_WEIGHT, 1]`.
    pub weight: f32,
    /// The names containing it, ascending, without repeats.
    pub postings: Vec<NameId>,
}

/// All distinct words of the indexed names, with the lookup structures
/// that find a query word's similar words.
#[derive(Debug)]
pub struct Vocabulary {
    words: Vec<Word>,
    /// Each word's [`KeySketch`], apart from its forms so that a search
    /// over a [`WordList`] reads them from one small table.
    key_sketches: Vec<KeySketch>,
    /// Each word's romanization key when it is short enough to be kept
    /// here ([`InlineKey`]), beside the sketches, for the few words the
    /// sketch does not rule out.
    inline_keys: Vec<InlineKey>,
    by_text: FxHashMap<String, WordId>,
    /// Words sharing a romanization key, one group per key (ordered by key).
    fold_groups: Vec<Vec<WordId>>,
    /// Hash of a deletion variant of a romanization key → range of
    /// `deletion_groups` holding the fold groups (indices into
    /// `fold_groups`) whose key has that variant.
    deletions: FxHashMap<u64, (u32, u32)>,
    /// Fold group ids, grouped by deletion variant hash.
    deletion_groups: Vec<u32>,
    /// Which hashes `deletions` may hold: most variants of a query key are
    /// no key's, and the filter, unlike the table, fits in the processor's
    /// cache.
    deletion_filter: VariantFilter,
    /// Consonant skeleton → words transliterated from Arabic/Hebrew script.
    abjad_by_skeleton: FxHashMap<String, Vec<WordId>>,
    /// Consonant skeleton → romanized words.
    latin_by_skeleton: FxHashMap<String, Vec<WordId>>,
    /// Memoized [`Vocabulary::similar_words`], keyed by the query word's
    /// text, kind and script flag.
    similar_cache: Cache<(String, TokenKind, bool), SimilarWords>,
    /// Memoized [`Vocabulary::fold_groups_near`], keyed by romanization key
    /// and edits: the deletion door of the searches among lists of words
    /// ([`Vocabulary::similar_words_in`]), not memoized themselves.
    near_groups_cache: Cache<(String, usize), Arc<[u32]>>,
}

/// Vocabulary words similar to one query word, sorted by word id.
pub type SimilarWords = Arc<[SimilarWord]>;

/// A word of the vocabulary similar to a query word.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SimilarWord {
    /// The vocabulary word.
    pub word: WordId,
    /// How similar.
    pub similarity: f32,
    /// How they agree.
    pub agreement: Agreement,
}

impl Vocabulary {
    /// The word with id `id`.
    pub fn word(&self, id: WordId) -> &Word {
        &self.words[id as usize]
    }

    /// Number of distinct words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// True when no name was indexed.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The id of a word given by its exact text.
    pub fn id_of(&self, text: &str) -> Option<WordId> {
        self.by_text.get(text).copied()
    }

    /// Forgets the memoized similar-word lookups (results never change;
    /// for benchmarks measuring text whose words were never seen).
    pub fn clear_cache(&self) {
        self.similar_cache.clear();
        self.near_groups_cache.clear();
    }

    /// Every vocabulary word similar to `query` by
    /// [`word_similarity`],
    /// found through the exact, romanization-key, deletion and skeleton
    /// doors, sorted by word id. Memoized.
    pub fn similar_words(&self, query: &WordForms) -> SimilarWords {
        if let Some(found) = self.memoized(query) {
            return found;
        }
        let near = self.fold_groups_near(&query.fold, max_edits(query.fold.len()));
        let found: SimilarWords = self.find_similar_words(query, &near, |_| true).into();
        let key = (query.text.clone(), query.kind, query.abjad);
        self.similar_cache.insert(key, Arc::clone(&found));
        found
    }

    /// The words of `words` that [`Vocabulary::similar_words`]
    /// returns for `query`, with the same similarities. Taken from the memo
    /// when the word was looked up before; else, for up to
    /// `MAX_DIRECT_COMPARISONS` words (those of a few names), found by
    /// asking each whether a door leads to it from `query` and comparing,
    /// far cheaper than the full search; else by the doors' search, its
    /// candidates filtered to `words` before they are compared. Not
    /// memoized.
    pub fn similar_words_in(&self, query: &WordForms, words: &WordList) -> Vec<SimilarWord> {
        self.similar_words_in_each(query, &[words])
    }

    /// [`Vocabulary::similar_words_in`] for each of `lists` in turn, the
    /// found words one list after the other (a word in two lists comes
    /// twice): the memo is asked and the query prepared once for all.
    pub fn similar_words_in_each(
        &self,
        query: &WordForms,
        lists: &[&WordList],
    ) -> Vec<SimilarWord> {
        if let Some(known) = self.memoized(query) {
            return lists
                .iter()
                .flat_map(|list| known.iter().filter(|s| list.contains(s.word)).copied())
                .collect();
        }
        let mut prepared = None;
        let mut found = Vec::new();
        for list in lists {
            if list.len() > MAX_DIRECT_COMPARISONS {
                found.extend(self.doors_among(query, list));
            } else {
                let prepared = prepared.get_or_insert_with(|| PreparedQuery::new(query));
                self.compare_each(prepared, list, &mut found);
            }
        }
        found
    }

    /// The words [`Vocabulary::similar_words`] returns for the ordinary
    /// word `word` (Latin script) at least `least` similar, found with
    /// only the deletions from its romanization key that as many typos as
    /// such a similarity leaves room for make (`typo_edits_within`): a
    /// dozen probes of the deletion door for a key of ten bytes at 0.85,
    /// where the door's usual two deletions take over fifty. A typo that
    /// also changes the romanization key twice (`pezpezonuis` for
    /// `pezpezouis`, keys `paspasunuis` and `paspasuis`) is not found.
    /// Most words have no such neighbour, and cost only their key and the
    /// probes. Not memoized.
    pub fn similar_words_at_least(&self, word: &str, least: f32) -> Vec<SimilarWord> {
        let key = fold(word);
        let edits = typo_edits_within(word.len(), least).min(max_edits(key.len()));
        let near = self.fold_groups_near(&key, edits);
        // The same text has the same key; above the skeleton door's
        // similarity, only the deletion door's words can be that similar.
        if near.is_empty() && least > SKELETON_SIMILARITY {
            return Vec::new();
        }
        let query = WordForms::from_parts(word.to_string(), TokenKind::Word, false);
        let mut found = self.find_similar_words(&query, &near, |_| true);
        found.retain(|s| s.similarity >= least);
        found
    }

    /// The distinct words `words`, as a list to search among
    /// ([`Vocabulary::similar_words_in`]).
    pub fn word_list(&self, words: impl IntoIterator<Item = WordId>) -> WordList {
        WordList::of(words)
    }

    /// The memoized [`Vocabulary::similar_words`] of `query`, if any.
    fn memoized(&self, query: &WordForms) -> Option<SimilarWords> {
        self.similar_cache
            .get(&SimilarKey(&query.text, query.kind, query.abjad))
    }

    /// The words of `words` similar to `query`, found through the doors.
    fn doors_among(&self, query: &WordForms, words: &WordList) -> Vec<SimilarWord> {
        let near = self.fold_groups_near_memoized(&query.fold, max_edits(query.fold.len()));
        self.find_similar_words(query, &near, |word| words.contains(word))
    }

    /// Adds to `found` the words of `words` a door leads to from the
    /// prepared query and similar to it.
    fn compare_each(&self, query: &PreparedQuery, words: &WordList, found: &mut Vec<SimilarWord>) {
        let similar = words
            .ids
            .iter()
            .filter(|&&id| self.door_opens(query, id))
            .filter_map(|&id| {
                let (similarity, agreement) = word_similarity(query.forms, &self.word(id).forms)?;
                Some(SimilarWord {
                    word: id,
                    similarity,
                    agreement,
                })
            });
        found.extend(similar);
    }

    /// Whether one of the doors of [`Vocabulary::similar_words`] leads from
    /// `query` to the vocabulary word `id`: the same text; or, numbers
    /// aside, romanization keys that lose no more than their tolerated
    /// edits to a common subsequence (what the deletion door finds); or the
    /// same consonant skeleton across scripts.
    #[inline]
    fn door_opens(&self, query: &PreparedQuery, id: WordId) -> bool {
        // The sketch is read first: most words are ruled out before their
        // key or forms are.
        let sketch = self.key_sketches[id as usize];
        let word = || &self.word(id).forms;
        if query.sketch.number || sketch.number {
            return query.forms.text == word().text;
        }
        // Equal texts have equal keys, which meet.
        let skeletons_meet = query.sketch.abjad != sketch.abjad && {
            let skeleton = &word().skeleton;
            skeleton.len() >= 2 && query.forms.skeleton == *skeleton
        };
        skeletons_meet
            || query.sketch.keys_may_meet(sketch)
                && query.keys_meet(
                    self.inline_keys[id as usize]
                        .key(sketch)
                        .unwrap_or_else(|| word().fold.as_bytes()),
                )
    }

    /// The vocabulary word most similar to `query` (the lowest id among
    /// equals), as in [`Vocabulary::similar_words`]. Without the full search
    /// when `query` is written as a vocabulary word, or, for words of at
    /// most `MAX_SPELLING_SHORTCUT_BYTES` (17) bytes, as a spelling sharing a
    /// vocabulary word's romanization key: no typo comes as close as such
    /// a spelling in words that short.
    pub fn strongest_similar(&self, query: &WordForms) -> Option<SimilarWord> {
        if let Some(&word) = self.by_text.get(&query.text) {
            return Some(SimilarWord {
                word,
                similarity: 1.0,
                agreement: Agreement::Exact,
            });
        }
        if query.kind != TokenKind::Number && query.text.len() <= MAX_SPELLING_SHORTCUT_BYTES {
            let spelling = self.same_key_words(&query.fold).iter().find_map(|&word| {
                let (similarity, agreement) = word_similarity(query, &self.word(word).forms)?;
                (agreement == Agreement::Variant).then_some(SimilarWord {
                    word,
                    similarity,
                    agreement,
                })
            });
            if spelling.is_some() {
                return spelling;
            }
        }
        strongest(&self.similar_words(query)).copied()
    }

    /// The vocabulary words (numbers aside) whose romanization key is `key`,
    /// ascending.
    fn same_key_words(&self, key: &str) -> &[WordId] {
        let found = self.fold_groups.binary_search_by(|group| {
            let group_key = group
                .first()
                .map_or("", |&id| self.word(id).forms.fold.as_str());
            group_key.cmp(key)
        });
        found.map_or(&[], |at| self.fold_groups[at].as_slice())
    }

    /// Every word similar to `query` among the candidates of the doors that
    /// `keep` accepts, the deletion door having found the fold groups
    /// `near` (see [`Vocabulary::fold_groups_near`]). The deletion door's
    /// words come in groups sharing a key, whose comparison with the
    /// query's key is made once per group.
    fn find_similar_words(
        &self,
        query: &WordForms,
        near: &[u32],
        keep: impl Fn(WordId) -> bool,
    ) -> Vec<SimilarWord> {
        let mut found = Vec::new();
        let mut compare = |id: WordId, keys: &dyn Fn() -> KeyComparison| {
            if let Some((similarity, agreement)) =
                word_similarity_with_keys(query, &self.word(id).forms, keys)
            {
                found.push(SimilarWord {
                    word: id,
                    similarity,
                    agreement,
                });
            }
        };
        if query.kind != TokenKind::Number {
            for &group in near {
                let mut keys = None;
                for &id in self.fold_groups[group as usize]
                    .iter()
                    .filter(|&&id| keep(id))
                {
                    let keys = *keys.get_or_insert_with(|| {
                        KeyComparison::new(&query.fold, &self.word(id).forms.fold)
                    });
                    compare(id, &|| keys);
                }
            }
        }
        for id in self.exact_and_skeleton_candidates(query) {
            if !keep(id) {
                continue;
            }
            compare(id, &|| {
                KeyComparison::new(&query.fold, &self.word(id).forms.fold)
            });
        }
        found.sort_unstable_by_key(|s| s.word);
        found.dedup_by_key(|s| s.word);
        found
    }

    /// The word written exactly as `query` and the words sharing its
    /// consonant skeleton across scripts.
    fn exact_and_skeleton_candidates(&self, query: &WordForms) -> Vec<WordId> {
        let mut candidates: Vec<WordId> = Vec::new();
        if let Some(&id) = self.by_text.get(&query.text) {
            candidates.push(id);
        }
        if query.kind != TokenKind::Number {
            let by_skeleton = if query.abjad {
                &self.latin_by_skeleton
            } else {
                &self.abjad_by_skeleton
            };
            if let Some(ids) = by_skeleton.get(&query.skeleton) {
                candidates.extend(ids);
            }
        }
        candidates
    }

    /// [`Vocabulary::fold_groups_near`], memoized: the deletion door of the
    /// searches among lists of words, which a word may make over several
    /// lists.
    fn fold_groups_near_memoized(&self, key: &str, edits: usize) -> Arc<[u32]> {
        if let Some(found) = self.near_groups_cache.get(&NearKey(key, edits)) {
            return found;
        }
        let groups: Arc<[u32]> = self.fold_groups_near(key, edits).into();
        self.near_groups_cache
            .insert((key.to_string(), edits), Arc::clone(&groups));
        groups
    }

    /// The groups of words (indices into `fold_groups`) whose romanization
    /// key equals `key` or lies within `edits` edits of it, sorted and
    /// without repeats.
    fn fold_groups_near(&self, key: &str, edits: usize) -> Vec<u32> {
        let mut variants = Vec::new();
        deletion_variants(key.as_bytes(), edits, &mut variants);
        let mut groups = Vec::new();
        for hash in variants {
            if !self.deletion_filter.may_hold(hash) {
                continue;
            }
            if let Some(&(start, len)) = self.deletions.get(&hash) {
                groups.extend(&self.deletion_groups[start as usize..(start + len) as usize]);
            }
        }
        groups.sort_unstable();
        groups.dedup();
        groups
    }
}

/// The most similar of `similar` (the lowest word id among equals, the
/// list being sorted by word id).
pub fn strongest(similar: &[SimilarWord]) -> Option<&SimilarWord> {
    similar.iter().reduce(|best, candidate| {
        if candidate.similarity > best.similarity {
            candidate
        } else {
            best
        }
    })
}

/// The similar-word memo's key `(text, kind, abjad)`, borrowed: hashed as
/// the stored tuple is, so a lookup needs no copy of the text.
#[derive(Hash)]
struct SimilarKey<'a>(&'a str, TokenKind, bool);

impl Equivalent<(String, TokenKind, bool)> for SimilarKey<'_> {
    fn equivalent(&self, key: &(String, TokenKind, bool)) -> bool {
        self.0 == key.0 && self.1 == key.1 && self.2 == key.2
    }
}

/// The near-groups memo's key `(romanization key, edits)`, borrowed.
#[derive(Hash)]
struct NearKey<'a>(&'a str, usize);

impl Equivalent<(String, usize)> for NearKey<'_> {
    fn equivalent(&self, key: &(String, usize)) -> bool {
        self.0 == key.0 && self.1 == key.1
    }
}

/// Distinct vocabulary words to search among
/// ([`Vocabulary::similar_words_in`]), sorted.
#[derive(Debug, Clone, Default)]
pub struct WordList {
    ids: Vec<WordId>,
}

impl WordList {
    /// The distinct words of `words`, sorted.
    fn of(words: impl IntoIterator<Item = WordId>) -> WordList {
        let mut ids: Vec<WordId> = words.into_iter().collect();
        ids.sort_unstable();
        ids.dedup();
        WordList { ids }
    }

    /// The words, ascending.
    pub fn ids(&self) -> &[WordId] {
        &self.ids
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// True when the list holds no word.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Whether `word` is in the list.
    pub fn contains(&self, word: WordId) -> bool {
        self.ids.binary_search(&word).is_ok()
    }

    /// The union of `lists`, each ascending without repeats: a few lists
    /// merged in turn, in time linear in their lengths, where collecting
    /// and sorting them ([`Vocabulary::word_list`]) is not; many sorted.
    pub fn union<'a>(lists: impl IntoIterator<Item = &'a [WordId]>) -> WordList {
        const MOST_MERGED: usize = 8;
        let lists: Vec<&[WordId]> = lists.into_iter().collect();
        if lists.len() > MOST_MERGED {
            return WordList::of(lists.into_iter().flatten().copied());
        }
        let mut ids = Vec::new();
        let mut merged = Vec::new();
        for list in lists {
            debug_assert!(list.windows(2).all(|pair| pair[0] < pair[1]));
            merge_sorted(&ids, list, &mut merged);
            std::mem::swap(&mut ids, &mut merged);
        }
        WordList { ids }
    }
}

/// Puts in `out` (emptied first) the union of `a` and `b`, both ascending
/// without repeats, as such a list.
fn merge_sorted(a: &[WordId], b: &[WordId], out: &mut Vec<WordId>) {
    out.clear();
    out.reserve(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while let (Some(&x), Some(&y)) = (a.get(i), b.get(j)) {
        out.push(x.min(y));
        i += usize::from(x <= y);
        j += usize::from(y <= x);
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
}

/// A query word prepared for comparison with many vocabulary words
/// ([`Vocabulary::door_opens`]).
struct PreparedQuery<'a> {
    forms: &'a WordForms,
    sketch: KeySketch,
    key: SubsequencePattern<'a>,
}

impl<'a> PreparedQuery<'a> {
    fn new(forms: &'a WordForms) -> PreparedQuery<'a> {
        PreparedQuery {
            forms,
            sketch: KeySketch::of(forms),
            key: SubsequencePattern::new(forms.fold.as_bytes()),
        }
    }

    /// Whether the query's romanization key and `key` lose no more than
    /// their tolerated edits to a common subsequence.
    fn keys_meet(&self, key: &[u8]) -> bool {
        let (query_len, len) = (self.forms.fold.len(), key.len());
        let common = self.key.common_len(key);
        common + max_edits(query_len) >= query_len && common + max_edits(len) >= len
    }
}

/// What the door predicate ([`Vocabulary::door_opens`]) reads of a word
/// before anything else, 16 bytes a word: for most words, everything it
/// reads.
#[derive(Debug, Clone, Copy)]
struct KeySketch {
    /// The bytes of the romanization key as a set, each byte as bit
    /// `byte % 64`: a byte of one key whose bit the other's mask lacks is
    /// missing from the other key.
    mask: u64,
    /// The key's length in bytes (at most `u16::MAX`: a longer key counts
    /// as that long, which only weakens what the length rules out).
    len: u16,
    /// The edits the key tolerates ([`max_edits`] of its length).
    edits: u8,
    /// A number (only its exact text leads to it).
    number: bool,
    /// Transliterated from Arabic or Hebrew script.
    abjad: bool,
}

const _: () = assert!(std::mem::size_of::<KeySketch>() == 16);

impl KeySketch {
    fn of(forms: &WordForms) -> KeySketch {
        let key = forms.fold.as_bytes();
        KeySketch {
            mask: key.iter().fold(0, |mask, &byte| mask | 1 << (byte % 64)),
            len: key.len().try_into().unwrap_or(u16::MAX),
            edits: max_edits(key.len()).try_into().unwrap_or(u8::MAX),
            number: forms.kind == TokenKind::Number,
            abjad: forms.abjad,
        }
    }

    /// False when the two keys certainly do not lose at most their
    /// tolerated edits ([`max_edits`]) to a common subsequence: a byte of
    /// one key missing from the other must be one of its deleted bytes, and
    /// the longer key must lose at least the difference in length.
    #[inline]
    fn keys_may_meet(self, other: KeySketch) -> bool {
        let longer_by_tolerated = if self.len > other.len {
            self.len - other.len <= u16::from(self.edits)
        } else {
            other.len - self.len <= u16::from(other.edits)
        };
        longer_by_tolerated
            && at_most_bits(self.mask & !other.mask, self.edits)
            && at_most_bits(other.mask & !self.mask, other.edits)
    }
}

/// Whether at most `count` bits of `bits` are set: for the counts of
/// [`max_edits`] (0 to 2), by clearing the lowest set bit, the baseline
/// x86-64 target having no population count instruction.
#[inline]
fn at_most_bits(bits: u64, count: u8) -> bool {
    let less_lowest = |bits: u64| bits & bits.wrapping_sub(1);
    match count {
        0 => bits == 0,
        1 => less_lowest(bits) == 0,
        2 => less_lowest(less_lowest(bits)) == 0,
        _ => bits.count_ones() <= u32::from(count),
    }
}

/// Longest romanization key kept in an [`InlineKey`] (nearly all keys).
const INLINE_KEY_BYTES: usize = 24;

/// A word's romanization key, if at most [`INLINE_KEY_BYTES`] long, its
/// length being its [`KeySketch`]'s.
#[derive(Debug, Clone, Copy)]
struct InlineKey([u8; INLINE_KEY_BYTES]);

impl InlineKey {
    fn of(forms: &WordForms) -> InlineKey {
        let key = forms.fold.as_bytes();
        let mut inline = [0; INLINE_KEY_BYTES];
        let kept = key.len().min(INLINE_KEY_BYTES);
        inline[..kept].copy_from_slice(&key[..kept]);
        InlineKey(inline)
    }

    /// The key of the word sketched by `sketch`, if it is kept inline.
    fn key(&self, sketch: KeySketch) -> Option<&[u8]> {
        self.0.get(..usize::from(sketch.len))
    }
}

/// Edits a word of `len` bytes may differ by from another and stay at
/// least `least` similar: a typo costs `1/len` of the similarity
/// ([`word_similarity`]), so at 0.85 one edit up to 13 bytes and two from
/// 14. A spelling variant (same key) needs none, and a variant with a typo
/// is held to a stricter bound. The deletions from the shorter key are at
/// most the edits.
fn typo_edits_within(len: usize, least: f32) -> usize {
    let spare = 1.0 - f64::from(least);
    let typos = (len as f64 * spare + 1e-6).floor() as usize;
    // Romanizations of a long word that differ only in vowels are that
    // similar however many vowels differ (`hezbollah`/`hizballah`).
    if len >= MIN_VOWEL_VARIANT_BYTES && least <= VOWEL_VARIANT_SIMILARITY {
        typos.max(max_edits(len))
    } else {
        typos
    }
}

/// Multiplier of the polynomial hash of romanization keys (odd).
const HASH_BASE: u64 = 0x9E37_79B9_7F4A_7C15;

/// Polynomial hashes of a key's prefixes and the base's powers, from
/// which the hash of the key less one or two bytes is an addition or two:
/// `P(n)` being the polynomial of the first `n` bytes, deleting byte `i`
/// changes the whole key's polynomial by `(P(i) - P(i + 1)) B^(len - i -
/// 1)` (the bytes after it move down one power), and a later deletion
/// moves it down one power more. This mattered for long keys' hundred
/// variants. A collision only costs a candidate the similarity test then
/// rejects.
struct KeyHashes {
    /// `prefix[k]`: the polynomial of the first `k` bytes.
    prefix: Vec<u64>,
    /// `powers[k]`: the base to the `k`th power.
    powers: Vec<u64>,
}

impl KeyHashes {
    fn new(key: &[u8]) -> KeyHashes {
        let mut prefix = Vec::with_capacity(key.len() + 1);
        let mut powers = Vec::with_capacity(key.len() + 1);
        let (mut hash, mut power) = (0u64, 1u64);
        prefix.push(hash);
        powers.push(power);
        for &byte in key {
            hash = hash
                .wrapping_mul(HASH_BASE)
                .wrapping_add(u64::from(byte) + 1);
            power = power.wrapping_mul(HASH_BASE);
            prefix.push(hash);
            powers.push(power);
        }
        KeyHashes { prefix, powers }
    }

    /// The key's length in bytes.
    fn len(&self) -> usize {
        self.prefix.len() - 1
    }

    /// The polynomial of the whole key.
    fn whole(&self) -> u64 {
        self.prefix[self.len()]
    }

    /// What deleting byte `at` adds to the polynomial of the key, when
    /// `later` (0 or 1) bytes after it are deleted too.
    fn deletion(&self, at: usize, later: usize) -> u64 {
        let shift = self.powers[self.len() - at - 1 - later];
        self.prefix[at]
            .wrapping_sub(self.prefix[at + 1])
            .wrapping_mul(shift)
    }
}

/// Spreads a polynomial hash over all 64 bits (the filter and the table
/// read different bits), with the string's length mixed in.
fn finish_hash(hash: u64, len: usize) -> u64 {
    let mut mixed = hash ^ (len as u64).wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    mixed ^= mixed >> 33;
    mixed = mixed.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    mixed ^= mixed >> 33;
    mixed = mixed.wrapping_mul(0xC4CE_B9FE_1A85_EC53);
    mixed ^ (mixed >> 33)
}

/// Hashes of `key` and of every string obtained by deleting up to `depth`
/// (at most 2) of its letters. Two deletions are made in ascending order
/// (the second after the first), so each pair of positions is tried once.
/// Deleting either of two equal neighbours gives the same string, so only
/// the first is tried: every string is still reached, by its smallest pair
/// of positions, which is always one of those tried. Other repeats (`abab`
/// less two neighbours is `ab` three ways) are rare and left in, as
/// sorting a query's variants would cost more than probing them twice.
fn deletion_variants(key: &[u8], depth: usize, out: &mut Vec<u64>) {
    out.clear();
    let len = key.len();
    out.reserve(match depth {
        0 => 1,
        1 => 1 + len,
        _ => 1 + len + len * len.saturating_sub(1) / 2,
    });
    let hashes = KeyHashes::new(key);
    let whole = hashes.whole();
    out.push(finish_hash(whole, len));
    if depth == 0 || key.len() <= 1 {
        return;
    }
    for first in distinct_positions(key) {
        out.push(finish_hash(
            whole.wrapping_add(hashes.deletion(first, 0)),
            len - 1,
        ));
        if depth >= 2 && key.len() > 2 && first + 1 < len {
            let less_first = whole.wrapping_add(hashes.deletion(first, 1));
            // The key less `first`, byte by byte; the second deletion is
            // at `first` or after it in that string, after `first` in the
            // key.
            let once = |at: usize| key[if at < first { at } else { at + 1 }];
            let seconds = (first..key.len() - 1).filter(|&at| at == 0 || once(at) != once(at - 1));
            for second in seconds {
                let less_both = less_first.wrapping_add(hashes.deletion(second + 1, 0));
                out.push(finish_hash(less_both, len - 2));
            }
        }
    }
}

/// A Bloom filter over 64-bit hashes that reads one 64-bit word per
/// probe, two bits of which stand for a hash: with 16 bits per hash held,
/// about one absent hash in seventy passes.
#[derive(Debug)]
struct VariantFilter {
    words: Vec<u64>,
    /// Mask of a word's index, applied to the hash's high bits.
    index_mask: u64,
}

impl VariantFilter {
    /// Bits per hash held.
    const BITS_PER_HASH: usize = 16;

    /// An empty filter sized for `count` hashes.
    fn with_capacity(count: usize) -> VariantFilter {
        let words = (count * Self::BITS_PER_HASH / 64)
            .max(1)
            .next_power_of_two();
        VariantFilter {
            words: vec![0; words],
            index_mask: words as u64 - 1,
        }
    }

    /// The word and the two bits standing for `hash`: the word from its
    /// high bits, the bits from a remix (a multiplicative hash's low bits
    /// are its weakest).
    fn slot(&self, hash: u64) -> (usize, u64) {
        let at = ((hash >> 32) & self.index_mask) as usize;
        let mixed = hash.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let bits = 1 << (mixed >> 58) | 1 << ((mixed >> 52) & 63);
        (at, bits)
    }

    fn insert(&mut self, hash: u64) {
        let (at, bits) = self.slot(hash);
        self.words[at] |= bits;
    }

    /// False when `hash` was certainly never inserted.
    fn may_hold(&self, hash: u64) -> bool {
        let (at, bits) = self.slot(hash);
        self.words[at] & bits == bits
    }
}

/// The positions of `bytes` that do not repeat the byte before them.
fn distinct_positions(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    (0..bytes.len()).filter(|&at| at == 0 || bytes[at] != bytes[at - 1])
}

/// One indexed name of one entity.
#[derive(Debug)]
pub struct IndexedName {
    /// Position of the entity in the screener's entity list.
    pub entity: u32,
    /// Position of the name in the entity's `names`.
    pub name: u16,
    /// The name's quality.
    pub quality: NameQuality,
    /// Its words, in order.
    pub words: Vec<WordId>,
    /// Each word's role, where the list says ([`WordRole::Unknown`] else).
    pub roles: Vec<WordRole>,
    /// Sum of its words' weights.
    pub total_weight: f32,
    /// The least its words can weigh in its coverage: each at the share
    /// of its weight its role costs when missing. What the candidate bound
    /// divides by.
    pub least_weight: f32,
    /// Weight of its rarest family-name word (0 without one): what a
    /// family name standing alone can score.
    pub family_weight: f32,
    /// Whether the name is an organization's (or an unclassified entry's),
    /// the only names acronyms stand for (`IT` for `Information
    /// Technology`); people, vessels and aircraft have none.
    pub takes_acronyms: bool,
}

/// A joined pair of adjacent words of a list name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JoinedPair {
    /// The name.
    pub name: NameId,
    /// Position of the first of the two words in the name.
    pub position: u16,
}

/// The words, names and joined pairs of a set of entities.
#[derive(Debug, Default)]
pub struct NameIndex {
    /// Every distinct word.
    pub vocabulary: Vocabulary,
    /// Every indexed name.
    pub names: Vec<IndexedName>,
    /// Romanization key of two adjacent words written as one → where.
    pub joined_pairs: FxHashMap<String, Vec<JoinedPair>>,
}

/// The tokenization style for names of an entity of `schema`.
pub fn style_for(schema: Schema) -> NameStyle {
    match schema {
        Schema::Person => NameStyle::Person,
        _ => NameStyle::Organization,
    }
}

impl NameIndex {
    /// Indexes every name of every entity.
    pub fn build(entities: &[Entity]) -> NameIndex {
        let mut builder = IndexBuilder::default();
        for (entity_at, entity) in entities.iter().enumerate() {
            let style = style_for(entity.schema);
            let takes_acronyms = matches!(entity.schema, Schema::Organization | Schema::Other);
            for (name_at, name) in entity.names.iter().enumerate().take(usize::from(u16::MAX)) {
                builder.add_name(
                    entity_at as u32,
                    name_at as u16,
                    name,
                    (style, takes_acronyms),
                );
            }
        }
        builder.finish()
    }

    /// The indexed name with id `id`.
    pub fn name(&self, id: NameId) -> &IndexedName {
        &self.names[id as usize]
    }

    /// The distinct words of the names `names`.
    pub fn words_of(&self, names: &[NameId]) -> WordList {
        let words = names
            .iter()
            .flat_map(|&name| self.name(name).words.iter().copied());
        self.vocabulary.word_list(words)
    }

    /// The names (and positions) that write two adjacent words as the
    /// query word `forms` does in one (`sangman` for `Sang Man`): ordinary
    /// words of at least [`MIN_JOINED_WORD_BYTES`] bytes, by romanization
    /// key.
    pub fn joined_in_names(&self, forms: &WordForms) -> Vec<(NameId, u16)> {
        if forms.kind != TokenKind::Word || forms.text.len() < MIN_JOINED_WORD_BYTES {
            return Vec::new();
        }
        self.joined_pairs
            .get(&forms.fold)
            .map(|pairs| pairs.iter().map(|p| (p.name, p.position)).collect())
            .unwrap_or_default()
    }
}

/// Accumulates words and names, then computes weights and lookup tables.
#[derive(Default)]
struct IndexBuilder {
    words: Vec<(WordForms, Vec<NameId>)>,
    by_text: FxHashMap<String, WordId>,
    names: Vec<IndexedName>,
    joined_pairs: FxHashMap<String, Vec<JoinedPair>>,
}

impl IndexBuilder {
    fn add_name(
        &mut self,
        entity: u32,
        name: u16,
        listed: &Name,
        (style, takes_acronyms): (NameStyle, bool),
    ) {
        let tokens = tokenize(&listed.full, style);
        if tokens.is_empty() {
            return;
        }
        let name_id = self.names.len() as NameId;
        let mut words = Vec::with_capacity(tokens.len());
        for token in &tokens {
            let id = match self.by_text.get(&token.text) {
                Some(&id) => id,
                None => {
                    let id = self.words.len() as WordId;
                    let forms = WordForms {
                        listed: true,
                        ..WordForms::new(token)
                    };
                    self.words.push((forms, Vec::new()));
                    self.by_text.insert(token.text.clone(), id);
                    id
                }
            };
            let postings = &mut self.words[id as usize].1;
            if postings.last() != Some(&name_id) {
                postings.push(name_id);
            }
            words.push(id);
        }
        for (position, pair) in tokens.windows(2).enumerate() {
            if pair.iter().all(|t| joinable(t.kind)) {
                let joined =
                    super::phonetic::fold(&[pair[0].text.as_str(), &pair[1].text].concat());
                self.joined_pairs
                    .entry(joined)
                    .or_default()
                    .push(JoinedPair {
                        name: name_id,
                        position: position as u16,
                    });
            }
        }
        self.names.push(IndexedName {
            entity,
            name,
            quality: listed.quality,
            words,
            roles: listed_roles(listed, &tokens, style),
            total_weight: 0.0,
            least_weight: 0.0,
            family_weight: 0.0,
            takes_acronyms,
        });
    }

    fn finish(self) -> NameIndex {
        let name_count = self.names.len().max(1) as f32;
        let words: Vec<Word> = self
            .words
            .into_iter()
            .map(|(forms, postings)| Word {
                weight: word_weight(&forms, postings.len(), name_count),
                forms,
                postings,
            })
            .collect();
        let mut names = self.names;
        for name in &mut names {
            let weight = |w: &WordId| words[*w as usize].weight;
            name.total_weight = name.words.iter().map(weight).sum();
            let role = |at: usize| name.roles.get(at).copied().unwrap_or(WordRole::Unknown);
            name.least_weight = name
                .words
                .iter()
                .enumerate()
                .map(|(at, w)| weight(w) * least_missing_share(role(at)))
                .sum();
            name.family_weight = name
                .words
                .iter()
                .enumerate()
                .filter(|&(at, _)| role(at) == WordRole::Family)
                .map(|(_, w)| weight(w))
                .fold(0.0, f32::max);
        }
        let vocabulary = Vocabulary::from_words(words, self.by_text);
        NameIndex {
            vocabulary,
            names,
            joined_pairs: self.joined_pairs,
        }
    }
}

/// Whether a token may be written joined with its neighbour
/// (`Abd al-Rahman` / `Abdulrahman`): words and particles, not numbers or
/// legal forms.
pub fn joinable(kind: TokenKind) -> bool {
    matches!(kind, TokenKind::Word | TokenKind::Particle)
}

/// Patronymic endings (Russian, Ukrainian, Belarusian, Serbian): a father's
/// name is often left out when people write their own name.
const PATRONYMIC_ENDINGS: [&str; 8] = [
    "ovich", "evich", "ovych", "evych", "ovna", "evna", "ichna", "ovic",
];
/// Share of its weight a patronymic keeps.
const PATRONYMIC_FACTOR: f32 = 0.4;

/// True for words that look like patronymics (`Vladimirovich`).
pub fn is_patronymic(word: &str) -> bool {
    word.len() > 7
        && PATRONYMIC_ENDINGS
            .iter()
            .any(|ending| word.ends_with(ending))
}

/// Inverse document frequency scaled to `[MIN_WORD_WEIGHT, 1]`: a word in
/// one name weighs 1, a word in every name the minimum. Particles and legal
/// forms weigh [`MINOR_WEIGHT`]; patronymics a share of their frequency
/// weight.
pub fn word_weight(forms: &WordForms, name_frequency: usize, name_count: f32) -> f32 {
    match forms.kind {
        TokenKind::Particle | TokenKind::LegalForm => MINOR_WEIGHT,
        TokenKind::Word | TokenKind::Number => {
            let frequency = name_frequency.max(1) as f32;
            let idf = (name_count / frequency).ln() / name_count.max(2.0).ln();
            let weight = idf.clamp(MIN_WORD_WEIGHT, 1.0);
            if is_patronymic(&forms.text) {
                (weight * PATRONYMIC_FACTOR).max(MIN_WORD_WEIGHT)
            } else {
                weight
            }
        }
    }
}

impl Vocabulary {
    fn from_words(words: Vec<Word>, by_text: FxHashMap<String, WordId>) -> Vocabulary {
        let mut by_fold: FxHashMap<String, Vec<WordId>> = FxHashMap::default();
        let mut abjad_by_skeleton: FxHashMap<String, Vec<WordId>> = FxHashMap::default();
        let mut latin_by_skeleton: FxHashMap<String, Vec<WordId>> = FxHashMap::default();
        for (id, word) in words.iter().enumerate() {
            let id = id as WordId;
            if word.forms.kind == TokenKind::Number {
                continue;
            }
            by_fold.entry(word.forms.fold.clone()).or_default().push(id);
            let by_skeleton = if word.forms.abjad {
                &mut abjad_by_skeleton
            } else {
                &mut latin_by_skeleton
            };
            if word.forms.skeleton.len() >= 2 {
                by_skeleton
                    .entry(word.forms.skeleton.clone())
                    .or_default()
                    .push(id);
            }
        }
        let mut pairs: Vec<(u64, WordId)> = Vec::new();
        let mut variants = Vec::new();
        let mut by_fold: Vec<(String, Vec<WordId>)> = by_fold.into_iter().collect();
        by_fold.sort_unstable();
        let mut fold_groups = Vec::with_capacity(by_fold.len());
        for (group, (fold, ids)) in by_fold.into_iter().enumerate() {
            deletion_variants(fold.as_bytes(), max_edits(fold.len()), &mut variants);
            pairs.extend(variants.iter().map(|&hash| (hash, group as u32)));
            fold_groups.push(ids);
        }
        pairs.sort_unstable();
        pairs.dedup();
        let mut deletions: FxHashMap<u64, (u32, u32)> = FxHashMap::default();
        deletions.reserve(pairs.len());
        for (at, &(hash, _)) in pairs.iter().enumerate() {
            deletions
                .entry(hash)
                .and_modify(|(_, len)| *len += 1)
                .or_insert((at as u32, 1));
        }
        let mut deletion_filter = VariantFilter::with_capacity(deletions.len());
        for &hash in deletions.keys() {
            deletion_filter.insert(hash);
        }
        let deletion_groups = pairs.into_iter().map(|(_, group)| group).collect();
        let key_sketches = words
            .iter()
            .map(|word| KeySketch::of(&word.forms))
            .collect();
        let inline_keys = words
            .iter()
            .map(|word| InlineKey::of(&word.forms))
            .collect();
        Vocabulary {
            words,
            key_sketches,
            inline_keys,
            by_text,
            fold_groups,
            deletions,
            deletion_groups,
            deletion_filter,
            abjad_by_skeleton,
            latin_by_skeleton,
            similar_cache: Cache::new(SIMILAR_CACHE_WORDS),
            near_groups_cache: Cache::new(SIMILAR_CACHE_WORDS),
        }
    }
}

impl Default for Vocabulary {
    fn default() -> Vocabulary {
        Vocabulary::from_words(Vec::new(), FxHashMap::default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Name;

    fn entity(id: &str, schema: Schema, names: &[&str]) -> Entity {
        let mut entity = Entity::new(
            id,
            schema,
            Name::from_last_first(names[0], NameQuality::Primary),
        );
        for alias in &names[1..] {
            entity.add_name(Name::from_last_first(*alias, NameQuality::Strong));
        }
        entity
    }

    fn similar(index: &NameIndex, word: &str) -> Vec<(String, Agreement)> {
        let query = WordForms::from_parts(word.to_string(), TokenKind::Word, false);
        index
            .vocabulary
            .similar_words(&query)
            .iter()
            .map(|s| {
                (
                    index.vocabulary.word(s.word).forms.text.clone(),
                    s.agreement,
                )
            })
            .collect()
    }

    #[test]
    fn finds_words_through_every_door() {
        let index = NameIndex::build(&[
            entity("t:1", Schema::Person, &["KIM, Sang Man", "KIM, Sangman"]),
            entity(
                "t:2",
                Schema::Organization,
                &["CHINYONG INFORMATION TECHNOLOGY COOPERATION COMPANY"],
            ),
            entity("t:3", Schema::Person, &["ABDULLAH, Mohammed"]),
        ]);
        assert_eq!(
            similar(&index, "kim"),
            [("kim".to_string(), Agreement::Exact)]
        );
        assert_eq!(
            similar(&index, "gim"),
            [("kim".to_string(), Agreement::Variant)]
        );
        assert_eq!(similar(&index, "jinryong")[0].1, Agreement::VariantTypo);
        assert_eq!(similar(&index, "muhammad")[0].1, Agreement::Variant);
        assert_eq!(similar(&index, "abdulah")[0].0, "abdullah");
        assert!(similar(&index, "zzzz").is_empty());
        let arabic = WordForms::from_parts("mhmd".to_string(), TokenKind::Word, true);
        let found = index.vocabulary.similar_words(&arabic);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].agreement, Agreement::Skeleton);
    }

    #[test]
    fn rare_words_weigh_more_than_common_ones() {
        let index = NameIndex::build(&[
            entity("t:1", Schema::Person, &["KIM, Sang Man"]),
            entity("t:2", Schema::Person, &["KIM, Jong Un"]),
            entity("t:3", Schema::Person, &["KIM, Il Sung"]),
            entity("t:4", Schema::Organization, &["LAZARUS GROUP CO"]),
        ]);
        let weight = |w: &str| {
            let id = index.vocabulary.id_of(w).unwrap();
            index.vocabulary.word(id).weight
        };
        assert!(weight("kim") < weight("sang"));
        assert_eq!(weight("co"), MINOR_WEIGHT);
        assert_eq!(
            index
                .vocabulary
                .word(index.vocabulary.id_of("kim").unwrap())
                .postings,
            [0, 1, 2]
        );
    }

    #[test]
    fn indexes_joined_pairs() {
        let index = NameIndex::build(&[entity("t:1", Schema::Person, &["KIM, Sang Man"])]);
        let pairs = &index.joined_pairs[&super::super::phonetic::fold("sangman")];
        assert_eq!(
            pairs,
            &[JoinedPair {
                name: 0,
                position: 1
            }]
        );
    }

    /// A small random vocabulary of syllable words (many near neighbours,
    /// romanization variants and shared keys), with Arabic-script names
    /// and numbers, and a random generator.
    fn random_index() -> (NameIndex, impl FnMut(u64) -> u64) {
        let mut next = embargo_testkit::random_below(0x2545_F491_4F6C_DD1D);
        let syllables = [
            "ka", "kim", "gim", "sang", "man", "chin", "jin", "yong", "ryong", "mo", "ham", "med",
            "mu", "lu", "is", "isa", "gar", "cia", "lo", "pez", "jo", "seph", "an", "dre", "al",
            "ph", "ou", "kh", "sh", "y", "ee",
        ];
        let mut entities = Vec::new();
        for n in 0..400 {
            let words: Vec<String> = (0..2 + next(2))
                .map(|_| {
                    (0..1 + next(4))
                        .map(|_| syllables[next(syllables.len() as u64) as usize])
                        .collect()
                })
                .collect();
            entities.push(entity(
                &format!("t:{n}"),
                Schema::Person,
                &[&words.join(" ")],
            ));
        }
        entities.push(entity("t:ar1", Schema::Person, &["محمد علي"]));
        entities.push(entity("t:ar2", Schema::Person, &["نضال الربيعي"]));
        entities.push(entity("t:num", Schema::Vessel, &["OCEAN 11420"]));
        (NameIndex::build(&entities), next)
    }

    /// A vocabulary word with up to two random edits, sometimes made long.
    fn random_query(index: &NameIndex, next: &mut impl FnMut(u64) -> u64) -> String {
        let letters = b"abcdeghijklmnoprsuyz";
        let base = &index
            .vocabulary
            .word(next(index.vocabulary.len() as u64) as u32)
            .forms
            .text;
        let mut word: Vec<char> = base.chars().collect();
        for _ in 0..next(3) {
            let at = next(word.len() as u64 + 1) as usize;
            let letter = char::from(letters[next(letters.len() as u64) as usize]);
            match next(4) {
                0 if at < word.len() => word[at] = letter,
                1 if at < word.len() => {
                    word.remove(at);
                }
                2 if at + 1 < word.len() => word.swap(at, at + 1),
                _ => word.insert(at, letter),
            }
        }
        if next(8) == 0 {
            word.extend("abdurrahmanov".chars().take(next(8) as usize));
        }
        word.into_iter().collect()
    }

    #[test]
    fn restricted_lookups_agree_with_the_full_search() {
        let (index, mut next) = random_index();
        let vocabulary = &index.vocabulary;
        let all = vocabulary.word_list(0..vocabulary.len() as WordId);
        let mut strongest_by_agreement: FxHashMap<Agreement, usize> = FxHashMap::default();
        let across_scripts = [
            "Muhammad", "Mohamed", "Ali", "Aly", "Nidal", "Rubaie", "Mohammed", "محمد", "علي",
            "11420", "1142",
        ]
        .map(String::from);
        let random = (0..4000).map(|_| random_query(&index, &mut next));
        for text in across_scripts.into_iter().chain(random) {
            for token in tokenize(&text, NameStyle::Unknown) {
                let forms = WordForms::new(&token);
                vocabulary.clear_cache();
                let full = full_search(vocabulary, &forms);
                if let Some(best) = strongest(&full) {
                    *strongest_by_agreement.entry(best.agreement).or_default() += 1;
                }
                let mut compared = Vec::new();
                vocabulary.compare_each(&PreparedQuery::new(&forms), &all, &mut compared);
                assert_eq!(compared, full, "{text}");
                // Every other similar word, alone and among every other
                // word of the vocabulary: compared one by one and through
                // the filtered doors, then from the memo.
                let few = vocabulary.word_list(full.iter().map(|s| s.word).step_by(2));
                let expected: Vec<SimilarWord> = full.iter().step_by(2).copied().collect();
                let many = vocabulary.word_list(
                    all.ids()
                        .iter()
                        .copied()
                        .filter(|&w| w % 2 == 0 || few.contains(w)),
                );
                let expected_many: Vec<SimilarWord> = full
                    .iter()
                    .filter(|s| many.contains(s.word))
                    .copied()
                    .collect();
                for (list, expected) in [(&few, &expected), (&many, &expected_many)] {
                    let mut compared = Vec::new();
                    vocabulary.compare_each(&PreparedQuery::new(&forms), list, &mut compared);
                    assert_eq!(&compared, expected, "{text}");
                    assert_eq!(&vocabulary.doors_among(&forms, list), expected, "{text}");
                    assert_eq!(
                        &vocabulary.similar_words_in(&forms, list),
                        expected,
                        "{text}"
                    );
                }
                let near = NearKey(&forms.fold, max_edits(forms.fold.len()));
                assert!(vocabulary.near_groups_cache.get(&near).is_some(), "{text}");
                let both: Vec<SimilarWord> =
                    expected.iter().chain(&expected_many).copied().collect();
                let each = |vocabulary: &Vocabulary| {
                    vocabulary.similar_words_in_each(&forms, &[&few, &many])
                };
                assert_eq!(each(vocabulary), both, "{text}");
                assert!(vocabulary.memoized(&forms).is_none(), "{text}");
                assert_eq!(vocabulary.similar_words(&forms).to_vec(), full, "{text}");
                // The borrowed memo key finds what the owned one stored.
                assert!(vocabulary.memoized(&forms).is_some(), "{text}");
                assert_eq!(each(vocabulary), both, "{text}");
                assert_eq!(
                    vocabulary.similar_words_in(&forms, &few),
                    expected,
                    "{text}"
                );
                assert_eq!(
                    vocabulary.strongest_similar(&forms),
                    strongest(&full).copied(),
                    "{text}"
                );
            }
        }
        // Every way of being the strongest word was met.
        for agreement in [
            Agreement::Exact,
            Agreement::Variant,
            Agreement::Typo,
            Agreement::VariantTypo,
        ] {
            assert!(
                strongest_by_agreement.get(&agreement).copied().unwrap_or(0) > 20,
                "{strongest_by_agreement:?}"
            );
        }
    }

    /// The search narrowed to a least similarity finds every word of the
    /// full search that similar whose key the query's reaches with the
    /// deletions such a similarity leaves room for, on random queries and
    /// on two vocabulary words written as one with typos.
    #[test]
    fn lookups_at_least_a_similarity_agree_with_the_full_search() {
        let (index, mut next) = random_index();
        let vocabulary = &index.vocabulary;
        let (mut typos_found, mut beyond_the_edits) = (0, 0);
        for n in 0..3000 {
            let mut text = random_query(&index, &mut next);
            if n % 2 == 1 {
                text += &random_query(&index, &mut next);
            }
            for token in tokenize(&text, NameStyle::Unknown) {
                let forms = WordForms::from_parts(token.text, TokenKind::Word, false);
                let full = full_search(vocabulary, &forms);
                for least in [0.7, 0.85, 0.9] {
                    let edits = typo_edits_within(forms.text.len(), least);
                    let within_edits = |s: &SimilarWord| {
                        let key = vocabulary.word(s.word).forms.fold.as_bytes();
                        let common = SubsequencePattern::new(forms.fold.as_bytes()).common_len(key);
                        common + edits >= forms.fold.len() || s.agreement == Agreement::Skeleton
                    };
                    let similar = full.iter().filter(|s| s.similarity >= least);
                    beyond_the_edits += similar.clone().filter(|s| !within_edits(s)).count();
                    let expected: Vec<SimilarWord> =
                        similar.filter(|s| within_edits(s)).copied().collect();
                    typos_found += expected
                        .iter()
                        .filter(|s| s.agreement == Agreement::Typo)
                        .count();
                    let found = vocabulary.similar_words_at_least(&forms.text, least);
                    assert_eq!(found, expected, "{text} at {least}");
                }
            }
        }
        assert!(typos_found > 200, "{typos_found}");
        // A typo that also changes the romanization key twice
        // (`pezpezonuis` for `pezpezouis`, keys `paspasunuis` and
        // `paspasuis`) is rare: 42 of 1,341 here; about 3% of one-typo
        // variants of OFAC's words, too.
        assert!(
            beyond_the_edits * 20 < typos_found,
            "{beyond_the_edits} of {typos_found}"
        );
    }

    /// Aligned with a few names, a name prepared for their words alone
    /// scores exactly as one prepared against the whole vocabulary.
    #[test]
    fn names_prepared_for_a_few_names_score_as_fully_prepared_ones() {
        use crate::matching::align::{ListedName, PreparedName, name_score};
        let (index, mut next) = random_index();
        for _ in 0..1500 {
            let query = format!(
                "{} {} {}",
                random_query(&index, &mut next),
                random_query(&index, &mut next),
                random_query(&index, &mut next)
            );
            let full = PreparedName::new(&query, NameStyle::Unknown, &index);
            let names: Vec<NameId> = (0..3)
                .map(|_| next(index.names.len() as u64) as NameId)
                .collect();
            let words = index.words_of(&names);
            let restricted = PreparedName::for_words(&query, NameStyle::Unknown, &index, &words);
            assert_eq!(full.total_weight, restricted.total_weight, "{query}");
            for name in names {
                let listed = ListedName::indexed(&index, name);
                assert_eq!(
                    name_score(&full, &listed),
                    name_score(&restricted, &listed),
                    "{query} against {:?}",
                    index.name(name).words
                );
            }
        }
    }

    #[test]
    fn the_union_of_word_lists_is_the_list_of_their_words() {
        let mut next = embargo_testkit::random_below(0x9E37_79B9_7F4A_7C15);
        let vocabulary = Vocabulary::default();
        for _ in 0..2_000 {
            let lists: Vec<Vec<WordId>> = (0..next(12))
                .map(|_| {
                    let words = (0..next(40)).map(|_| next(100) as WordId);
                    vocabulary.word_list(words).ids
                })
                .collect();
            let union = WordList::union(lists.iter().map(Vec::as_slice));
            let expected = vocabulary.word_list(lists.iter().flatten().copied());
            assert_eq!(union.ids, expected.ids, "{lists:?}");
        }
    }

    #[test]
    fn at_most_bits_counts_set_bits() {
        let mut next = embargo_testkit::random_below(0x2545_F491_4F6C_DD1D);
        for _ in 0..10_000 {
            // Few bits set, so that every count is met and missed.
            let bits = (0..next(4)).fold(0u64, |bits, _| bits | 1 << next(64));
            for count in 0..=3u8 {
                assert_eq!(
                    at_most_bits(bits, count),
                    bits.count_ones() <= u32::from(count),
                    "{bits:#x} {count}"
                );
            }
        }
    }

    #[test]
    fn the_variant_filter_holds_every_hash_and_few_others() {
        let mut next = embargo_testkit::random_below(0x9E37_79B9);
        let held: Vec<u64> = (0..20_000)
            .map(|n| hash_bytes(format!("key{n}").as_bytes()))
            .collect();
        let mut filter = VariantFilter::with_capacity(held.len());
        for &hash in &held {
            filter.insert(hash);
        }
        assert!(held.iter().all(|&hash| filter.may_hold(hash)));
        let absent = 20_000;
        let passed = (0..absent)
            .filter(|_| {
                let key = format!("other{}", next(u64::MAX));
                filter.may_hold(hash_bytes(key.as_bytes()))
            })
            .count();
        // Two bits of one word out of 16 bits per hash: about 1.4%.
        assert!(passed * 100 < absent * 3, "{passed} of {absent} passed");
    }

    /// Every word similar to `forms`, by the doors' search, not memoized.
    fn full_search(vocabulary: &Vocabulary, forms: &WordForms) -> Vec<SimilarWord> {
        let near = vocabulary.fold_groups_near(&forms.fold, max_edits(forms.fold.len()));
        vocabulary.find_similar_words(forms, &near, |_| true)
    }

    /// The hash of a byte string, as deletion variants are hashed.
    fn hash_bytes(bytes: &[u8]) -> u64 {
        finish_hash(KeyHashes::new(bytes).whole(), bytes.len())
    }

    /// The variants' hashes are those of every string the key less up to
    /// two bytes makes, and each pair of deleted positions is tried once.
    #[test]
    fn deletion_variant_hashes_are_the_hashes_of_the_variants() {
        let mut next = embargo_testkit::random_below(0x2545_F491_4F6C_DD1D);
        let mut variants = Vec::new();
        for _ in 0..500 {
            let key: Vec<u8> = (0..next(12)).map(|_| b"abcd"[next(4) as usize]).collect();
            deletion_variants(&key, 2, &mut variants);
            let without = |deleted: &[usize]| {
                let kept = (0..key.len()).filter(|at| !deleted.contains(at));
                hash_bytes(&kept.map(|at| key[at]).collect::<Vec<u8>>())
            };
            let mut expected = vec![without(&[])];
            if key.len() > 1 {
                for first in 0..key.len() {
                    expected.push(without(&[first]));
                    for second in (first + 1..key.len()).filter(|_| key.len() > 2) {
                        expected.push(without(&[first, second]));
                    }
                }
            }
            let pairs = expected.len();
            expected.sort_unstable();
            expected.dedup();
            assert!(
                variants.len() <= pairs,
                "{:?}",
                String::from_utf8_lossy(&key)
            );
            let mut found = variants.clone();
            found.sort_unstable();
            found.dedup();
            assert_eq!(found, expected, "{:?}", String::from_utf8_lossy(&key));
        }
        // Different strings, different hashes.
        assert_ne!(hash_bytes(b"ab"), hash_bytes(b"ba"));
        assert_ne!(hash_bytes(b""), hash_bytes(b"a"));
    }

    #[test]
    fn deletion_variants_cover_edits() {
        let mut a = Vec::new();
        deletion_variants(b"abcdef", 2, &mut a);
        let mut b = Vec::new();
        deletion_variants(b"abxdef", 2, &mut b);
        assert!(
            a.iter().any(|h| b.contains(h)),
            "one substitution apart must meet"
        );
    }
}
