//! The vocabulary: every distinct word of the indexed names with its
//! forms, weight and postings, and the doors through which a query word
//! finds the words it could be (exact text, romanization key, deletion
//! neighbours of the key, consonant skeleton), memoized.

use quick_cache::Equivalent;
use quick_cache::sync::Cache;
use rustc_hash::FxHashMap;
use std::sync::Arc;

use super::super::contractions::{contraction_meets, ends, may_be_contracted, may_contract};
use super::super::phonetic::fold;
use super::super::similarity::{
    Agreement, KeyComparison, LONG_SKELETON_SIMILARITY, MIN_VOWEL_VARIANT_BYTES,
    VOWEL_VARIANT_SIMILARITY, WordForms, is_given_name_form, is_translation, max_edits,
    skeletons_meet, word_similarity, word_similarity_with_keys,
};
use super::super::skeleton::is_meaningful;
use super::super::tokens::TokenKind;
use super::deletions::*;
use super::sketch::*;
use super::word_list::*;
use super::{NameId, WordId};

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
/// Distinct query words whose similar words are remembered (a few MB).
const SIMILAR_CACHE_WORDS: usize = 100_000;

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
    pub(super) words: Vec<Word>,
    /// Each word's [`KeySketch`], apart from its forms so that a search
    /// over a [`WordList`] reads them from one small table.
    pub(super) key_sketches: Vec<KeySketch>,
    /// Each word's romanization key when it is short enough to be kept
    /// here ([`InlineKey`]), beside the sketches, for the few words the
    /// sketch does not rule out.
    pub(super) inline_keys: Vec<InlineKey>,
    pub(super) by_text: FxHashMap<String, WordId>,
    /// Words sharing a romanization key, one group per key (ordered by key).
    pub(super) fold_groups: Vec<Vec<WordId>>,
    /// Hash of a deletion variant of a romanization key → range of
    /// `deletion_groups` holding the fold groups (indices into
    /// `fold_groups`) whose key has that variant.
    pub(super) deletions: FxHashMap<u64, (u32, u32)>,
    /// Fold group ids, grouped by deletion variant hash.
    pub(super) deletion_groups: Vec<u32>,
    /// Which hashes `deletions` may hold: most variants of a query key are
    /// no key's, and the filter, unlike the table, fits in the processor's
    /// cache.
    pub(super) deletion_filter: VariantFilter,
    /// Consonant skeleton → words transliterated from Arabic/Hebrew script.
    pub(super) abjad_by_skeleton: FxHashMap<String, Vec<WordId>>,
    /// Consonant skeleton → romanized words.
    pub(super) latin_by_skeleton: FxHashMap<String, Vec<WordId>>,
    /// Words with a vowel key (`WordForms::vowel_key`), by it: the door of
    /// vowel spelling variants (`Pyotr` and `Petr`).
    pub(super) by_vowel_key: FxHashMap<String, Vec<WordId>>,
    /// Words that are forms of some given name, by the groups of forms
    /// they belong to (`WordForms::given_names`): the door of the forms of
    /// one name (`Bill` and `William`).
    pub(super) by_given_name: FxHashMap<u16, Vec<WordId>>,
    /// Words shaped as contractions (`SHPG`), by their first and last
    /// letters: the door from a word to its contractions.
    pub(super) contractions_by_ends: FxHashMap<[u8; 2], Vec<WordId>>,
    /// Words long enough to be contracted, by their first and last
    /// letters: the door from a contraction to the words it may stand for.
    pub(super) contractible_by_ends: FxHashMap<[u8; 2], Vec<WordId>>,
    /// Words meaning an English word of organizations' names, by it
    /// (`WordForms::english`): the door of translations (`Zavod`, `Plant`).
    pub(super) by_english: FxHashMap<&'static str, Vec<WordId>>,
    /// Memoized [`Vocabulary::similar_words`], keyed by the query word's
    /// text, kind and script flag.
    pub(super) similar_cache: Cache<(String, TokenKind, bool), SimilarWords>,
    /// Memoized [`Vocabulary::fold_groups_near`], keyed by romanization key
    /// and edits: the deletion door of the searches among lists of words
    /// ([`Vocabulary::similar_words_in`]), not memoized themselves.
    pub(super) near_groups_cache: Cache<(String, usize), Arc<[u32]>>,
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
    pub(crate) fn id_of(&self, text: &str) -> Option<WordId> {
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
    pub(crate) fn similar_words(&self, query: &WordForms) -> SimilarWords {
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
    pub(crate) fn similar_words_in(&self, query: &WordForms, words: &WordList) -> Vec<SimilarWord> {
        self.similar_words_in_each(query, &[words])
    }

    /// [`Vocabulary::similar_words_in`] for each of `lists` in turn, the
    /// found words one list after the other (a word in two lists comes
    /// twice): the memo is asked and the query prepared once for all.
    pub(crate) fn similar_words_in_each(
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
    /// `pezpezouis`, keys `paspasunuis` and `paspasuis`) is not found;
    /// vowel spelling variants are, through their own door. Most words
    /// have no such neighbour, and cost only their key and the probes.
    /// Not memoized.
    pub(crate) fn similar_words_at_least(&self, word: &str, least: f32) -> Vec<SimilarWord> {
        let key = fold(word);
        let edits = typo_edits_within(word.len(), least).min(max_edits(key.len()));
        let near = self.fold_groups_near(&key, edits);
        // The same text has the same key; above the skeleton door's
        // similarity, only the deletion door's words can be that similar.
        if near.is_empty() && least > LONG_SKELETON_SIMILARITY {
            return Vec::new();
        }
        let query = WordForms::from_parts(word.to_string(), TokenKind::Word, false);
        let mut found = self.find_similar_words(&query, &near, |_| true);
        found.retain(|s| s.similarity >= least);
        found
    }

    /// The distinct words `words`, as a list to search among
    /// (`Vocabulary::similar_words_in`).
    pub fn word_list(&self, words: impl IntoIterator<Item = WordId>) -> WordList {
        WordList::of(words)
    }

    /// The memoized [`Vocabulary::similar_words`] of `query`, if any.
    pub(super) fn memoized(&self, query: &WordForms) -> Option<SimilarWords> {
        self.similar_cache
            .get(&SimilarKey(&query.text, query.kind, query.abjad))
    }

    /// The words of `words` similar to `query`, found through the doors.
    pub(super) fn doors_among(&self, query: &WordForms, words: &WordList) -> Vec<SimilarWord> {
        let near = self.fold_groups_near_memoized(&query.fold, max_edits(query.fold.len()));
        self.find_similar_words(query, &near, |word| words.contains(word))
    }

    /// Adds to `found` the words of `words` a door leads to from the
    /// prepared query and similar to it.
    pub(super) fn compare_each(
        &self,
        query: &PreparedQuery,
        words: &WordList,
        found: &mut Vec<SimilarWord>,
    ) {
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
    pub(super) fn door_opens(&self, query: &PreparedQuery, id: WordId) -> bool {
        // The sketch is read first: most words are ruled out before their
        // key or forms are.
        let sketch = self.key_sketches[id as usize];
        let word = || &self.word(id).forms;
        if query.sketch.number || sketch.number {
            return query.forms.text == word().text;
        }
        // Equal texts have equal keys, which meet.
        let skeletons_meet =
            query.sketch.abjad != sketch.abjad && skeletons_meet(query.forms, word());
        let vowel_keys_meet = (query.sketch.doors.vowel_key() || sketch.doors.vowel_key())
            && query.forms.key_for_vowels() == word().key_for_vowels();
        let given_names_meet = query.sketch.doors.given_name()
            && sketch.doors.given_name()
            && is_given_name_form(query.forms, word());
        let contraction_meets = (query.sketch.doors.contraction() || sketch.doors.contraction())
            && contraction_meets(query.forms, word());
        let translation_meets = query.sketch.doors.english()
            && sketch.doors.english()
            && is_translation(query.forms, word());
        skeletons_meet
            || vowel_keys_meet
            || given_names_meet
            || contraction_meets
            || translation_meets
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
    pub(crate) fn strongest_similar(&self, query: &WordForms) -> Option<SimilarWord> {
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
    pub(super) fn same_key_words(&self, key: &str) -> &[WordId] {
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
    pub(super) fn find_similar_words(
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
        for id in self
            .exact_and_skeleton_candidates(query)
            .into_iter()
            .chain(self.vowel_key_candidates(query))
            .chain(self.given_name_candidates(query))
            .chain(self.contraction_candidates(query))
            .chain(self.translation_candidates(query).iter().copied())
        {
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
    pub(super) fn exact_and_skeleton_candidates(&self, query: &WordForms) -> Vec<WordId> {
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
            for key in cross_script_keys(query) {
                if let Some(ids) = by_skeleton.get(key) {
                    candidates.extend(ids);
                }
            }
        }
        candidates
    }

    /// The words that may be a vowel spelling variant of `query`
    /// (`WordForms::vowel_key`): those whose vowel key is the query's vowel
    /// key or key and, when the query has a vowel key, those whose key is
    /// it.
    fn vowel_key_candidates<'a>(&'a self, query: &WordForms) -> impl Iterator<Item = WordId> + 'a {
        let key = query.key_for_vowels();
        let by_vowel_key = self.by_vowel_key.get(key).map_or(&[][..], Vec::as_slice);
        let same_key = if query.vowel_key.is_some() {
            self.same_key_words(key)
        } else {
            &[]
        };
        by_vowel_key.iter().chain(same_key).copied()
    }

    /// The words `query` is a contraction of, or that are contractions of
    /// it (module `contractions`), looked up by first and last letters.
    fn contraction_candidates<'a>(
        &'a self,
        query: &'a WordForms,
    ) -> impl Iterator<Item = WordId> + 'a {
        let bucket = |by_ends: &'a FxHashMap<[u8; 2], Vec<WordId>>, asked: bool| {
            ends(query)
                .filter(|_| asked)
                .and_then(|ends| by_ends.get(&ends))
                .map_or(&[][..], Vec::as_slice)
        };
        bucket(&self.contractible_by_ends, may_contract(query))
            .iter()
            .chain(bucket(&self.contractions_by_ends, may_be_contracted(query)))
            .copied()
            .filter(|&id| contraction_meets(query, &self.word(id).forms))
    }

    /// The words that mean the English word `query` means.
    fn translation_candidates(&self, query: &WordForms) -> &[WordId] {
        query
            .english
            .and_then(|english| self.by_english.get(english))
            .map_or(&[], Vec::as_slice)
    }

    /// The words that share a group of given-name forms with `query`
    /// (`WordForms::given_names`).
    fn given_name_candidates<'a>(
        &'a self,
        query: &'a WordForms,
    ) -> impl Iterator<Item = WordId> + 'a {
        query
            .given_names
            .iter()
            .filter_map(|group| self.by_given_name.get(group))
            .flatten()
            .copied()
    }

    /// [`Vocabulary::fold_groups_near`], memoized: the deletion door of the
    /// searches among lists of words, which a word may make over several
    /// lists.
    pub(super) fn fold_groups_near_memoized(&self, key: &str, edits: usize) -> Arc<[u32]> {
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
    pub(super) fn fold_groups_near(&self, key: &str, edits: usize) -> Vec<u32> {
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
pub(super) struct SimilarKey<'a>(&'a str, TokenKind, bool);

impl Equivalent<(String, TokenKind, bool)> for SimilarKey<'_> {
    fn equivalent(&self, key: &(String, TokenKind, bool)) -> bool {
        self.0 == key.0 && self.1 == key.1 && self.2 == key.2
    }
}

/// The near-groups memo's key `(romanization key, edits)`, borrowed.
#[derive(Hash)]
pub(super) struct NearKey<'a>(pub(super) &'a str, pub(super) usize);

impl Equivalent<(String, usize)> for NearKey<'_> {
    fn equivalent(&self, key: &(String, usize)) -> bool {
        self.0 == key.0 && self.1 == key.1
    }
}

/// Edits a word of `len` bytes may differ by from another and stay at
/// least `least` similar: a typo costs `1/len` of the similarity
/// ([`word_similarity`]), so at 0.85 one edit up to 13 bytes and two from
/// 14. A spelling variant (same key) needs none, and a variant with a typo
/// is held to a stricter bound. The deletions from the shorter key are at
/// most the edits.
pub(super) fn typo_edits_within(len: usize, least: f32) -> usize {
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

/// The consonant skeletons under which a name word or a particle (not a
/// legal form or number) meets words of the other kind of script
/// ([`skeletons_meet`]: `بن`/`BEN`): every reading of a word from
/// Arabic or Hebrew script, the skeleton of a romanized word that can
/// stand for a name word.
fn cross_script_keys(forms: &WordForms) -> Vec<&str> {
    if !matches!(forms.kind, TokenKind::Word | TokenKind::Particle) {
        Vec::new()
    } else if forms.abjad {
        forms.skeletons.iter().map(String::as_str).collect()
    } else if is_meaningful(&forms.skeleton, &forms.text) {
        vec![forms.skeleton.as_str()]
    } else {
        Vec::new()
    }
}

impl Vocabulary {
    pub(super) fn from_words(words: Vec<Word>, by_text: FxHashMap<String, WordId>) -> Vocabulary {
        let mut by_fold: FxHashMap<String, Vec<WordId>> = FxHashMap::default();
        let mut abjad_by_skeleton: FxHashMap<String, Vec<WordId>> = FxHashMap::default();
        let mut latin_by_skeleton: FxHashMap<String, Vec<WordId>> = FxHashMap::default();
        let mut by_vowel_key: FxHashMap<String, Vec<WordId>> = FxHashMap::default();
        let mut by_given_name: FxHashMap<u16, Vec<WordId>> = FxHashMap::default();
        let mut contractions_by_ends: FxHashMap<[u8; 2], Vec<WordId>> = FxHashMap::default();
        let mut contractible_by_ends: FxHashMap<[u8; 2], Vec<WordId>> = FxHashMap::default();
        let mut by_english: FxHashMap<&'static str, Vec<WordId>> = FxHashMap::default();
        for (id, word) in words.iter().enumerate() {
            let id = id as WordId;
            if word.forms.kind == TokenKind::Number {
                continue;
            }
            if let Some(key) = &word.forms.vowel_key {
                by_vowel_key.entry(key.clone()).or_default().push(id);
            }
            for &group in &word.forms.given_names {
                by_given_name.entry(group).or_default().push(id);
            }
            if let Some(english) = word.forms.english {
                by_english.entry(english).or_default().push(id);
            }
            if let Some(ends) = ends(&word.forms) {
                if may_contract(&word.forms) {
                    contractions_by_ends.entry(ends).or_default().push(id);
                }
                if may_be_contracted(&word.forms) {
                    contractible_by_ends.entry(ends).or_default().push(id);
                }
            }
            by_fold.entry(word.forms.fold.clone()).or_default().push(id);
            let by_skeleton = if word.forms.abjad {
                &mut abjad_by_skeleton
            } else {
                &mut latin_by_skeleton
            };
            for key in cross_script_keys(&word.forms) {
                by_skeleton.entry(key.to_string()).or_default().push(id);
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
            by_vowel_key,
            by_given_name,
            contractions_by_ends,
            contractible_by_ends,
            by_english,
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
