//! The scanner: a screener prepared for scanning texts at one threshold
//! (each listed name's anchor words chosen once), and a scan's steps from
//! words to mentions.

use std::ops::Deref;
use std::sync::Arc;
use std::time::Instant;

use quick_cache::sync::Cache;
use rustc_hash::FxHashMap;

use super::analysis::{Depth, WordInfo, is_minor_word};
use super::blocks::{BLOCK_BYTES, Block, Reported, StrBlocks};
use super::lookup::FoldDoor;
use super::mention::{Mention, MentionView, Placed, ScanProfile};
use super::overlaps::{Found, best_non_overlapping};
use super::phrases::phrases_with;
use super::propose::ProposeMemo;
use super::targets::TypoTargets;
use super::text;
use super::typos::TypoSearchKey;
use super::verify::VerificationOwnedKey;
use super::{exact, presized};
use crate::matching::index::{NameId, WordId};
use crate::matching::{NAME_SCALE, ScreenMatch, Screener};

/// Distinct text words whose analyses a scanner remembers from scan to
/// scan (tens of MB at most).
const ANALYSIS_CACHE_WORDS: usize = 30_000;

/// Pairs of words written as one listed word whose lookups a scanner
/// remembers from scan to scan (a few MB at most).
const JOINED_CACHE_PAIRS: usize = 30_000;

/// Typo searches whose answers a scanner remembers from scan to scan:
/// the same words recur beside the same names from message to message.
const TYPO_CACHE_SEARCHES: usize = 10_000;

/// Candidate spans whose verifications a scanner remembers from scan to
/// scan: the same places, nationalities and organisations recur from
/// document to document.
const VERIFICATION_CACHE_SPANS: usize = 10_000;

/// A screener prepared for scanning texts at one threshold. Building it
/// picks each listed name's anchor words; scans may then run on any number
/// of threads, sharing only the scanner's memos of word analyses, typo searches and
/// span verifications (concurrent caches of the last 30,000 distinct words,
/// 10,000 typo searches and 10,000 verified spans, which never change a
/// result).
///
/// `S` is how the scanner holds its screener: a borrow (`&Screener`) for a
/// scan in one function, an `Arc<Screener>` for a service that keeps its
/// scanner beside the screener it serves.
#[derive(Debug)]
pub struct Scanner<S: Deref<Target = Screener> = Arc<Screener>> {
    /// The screener scanned against.
    pub(super) screener: S,
    /// The score mentions must reach.
    pub(super) threshold: f32,
    /// For each vocabulary word, the names it anchors, ascending.
    pub(super) anchors: Vec<Vec<NameId>>,
    /// For each vocabulary word, the words a typo beside it must resemble
    /// to change a proposal.
    pub(super) targets: TypoTargets,
    /// Vocabulary words by exact text and romanization key.
    pub(super) door: FoldDoor,
    /// For each listed name, how many distinct words it has besides
    /// particles and legal forms (at most 255): a word spells a name whole
    /// only if it is written as at least that many listed words, which
    /// rules out most names before their words are read.
    pub(super) essential_words: Vec<u8>,
    /// The analyses of recently scanned words ([`Scanner::analyse_word`]),
    /// by text and depth: a stream of documents pays for its common words
    /// once.
    pub(super) analyses: Cache<(String, Depth), Arc<WordInfo>>,
    /// The verifications of recently scanned spans
    /// ([`Scanner::remembered_verification`]).
    pub(super) verifications: Cache<VerificationOwnedKey, Arc<[ScreenMatch]>>,
    /// The names two text words written as one stand for through the
    /// cheap door ([`Scanner::joined_names`]), by the words joined:
    /// remembered from scan to scan, and from block to block of a long
    /// text.
    pub(super) joined_names: Cache<String, Arc<[NameId]>>,
    /// The listed words two text words written as one stand for with a
    /// typo ([`Scanner::joined_typos`]), by the words joined.
    pub(super) joined_typos: Cache<String, Arc<[WordId]>>,
    /// The answers of recent typo searches ([`Scanner::search_typos`]),
    /// by the word and where it was searched: the word's analysis with
    /// its typos, or `None` when they changed nothing.
    pub(super) typo_searches: Cache<TypoSearchKey, Option<Arc<WordInfo>>>,
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
            joined_names: Cache::new(JOINED_CACHE_PAIRS),
            joined_typos: Cache::new(JOINED_CACHE_PAIRS),
            typo_searches: Cache::new(TYPO_CACHE_SEARCHES),
            verifications: Cache::new(VERIFICATION_CACHE_SPANS),
        }
    }

    /// Forgets what earlier scans taught this scanner and its screener
    /// (the analyses of words, the similar words of the vocabulary): the
    /// next scan runs as the first would (for benchmarks).
    pub fn clear_cache(&self) {
        self.analyses.clear();
        self.joined_names.clear();
        self.joined_typos.clear();
        self.typo_searches.clear();
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
    ///
    /// A text longer than a block (2 MiB) is scanned block by block (see
    /// [`Block`]); [`Scanner::scan_reader`] reads one from a reader a
    /// block at a time.
    pub fn scan(&self, text: &str) -> Vec<Mention> {
        self.scan_profiled(text).0
    }

    /// [`Scanner::scan`] with the time spent in each step and the counts
    /// of words, candidate spans and verifications, summed over the
    /// text's blocks (for benchmarks and diagnostics).
    pub fn scan_profiled(&self, text: &str) -> (Vec<Mention>, ScanProfile) {
        let mut mentions = Vec::new();
        let mut profile = ScanProfile::default();
        let mut reported = Reported::default();
        for block in StrBlocks::new(text, BLOCK_BYTES) {
            let (found, block_profile) = self.scan_block(&block, &mut reported);
            mentions.extend(found.iter().flat_map(Placed::mentions));
            profile += block_profile;
        }
        (mentions, profile)
    }

    /// The mentions of one block of a text that are the block's to report
    /// (see [`Block`]), in text order, with their places in the whole
    /// text; `reported` says where the mentions of the blocks before
    /// ended.
    pub(super) fn scan_block(
        &self,
        block: &Block<'_>,
        reported: &mut Reported,
    ) -> (Vec<Placed>, ScanProfile) {
        let (found, mut profile) = self.find_in(block.text);
        profile.blocks = 1;
        let clock = Instant::now();
        let mut placed = Vec::new();
        let mut position = block.start;
        let mut read = 0;
        for f in found {
            let start = block.start.offset + f.start;
            let end = block.start.offset + f.end;
            if start < block.new_from || start >= block.new_to || start < reported.until {
                continue;
            }
            position = position.after(&block.text[read..f.start]);
            read = f.start;
            reported.until = end;
            placed.push(Placed {
                span: position.span(f.end - f.start),
                results: f.results,
            });
        }
        profile.report = clock.elapsed();
        (placed, profile)
    }

    /// The best non-overlapping candidate mentions in `text`, in text
    /// order, with their byte ranges in `text`: a scan's steps.
    fn find_in(&self, text: &str) -> (Vec<Found>, ScanProfile) {
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
        let search = self.deepen_with_typos(text, &words, &mut analysed, &spans);
        profile.searched_words = search.len();
        profile.typos = clock.elapsed();
        let clock = Instant::now();
        if !search.is_empty() {
            let redo = phrases_with(&words, &analysed.of_word, &search);
            spans.retain(|&((first, _), _)| !redo[first]);
            spans.extend(self.propose_all(&words, &analysed, mixed_case, Some(&redo), &mut memo));
        }
        // In text order: what follows does not depend on how spans were
        // proposed.
        spans.sort_unstable_by_key(|&(span, _)| span);
        profile.spans = spans.len();
        profile.repropose = clock.elapsed();
        let clock = Instant::now();
        let mut found: Vec<Found> = Vec::new();
        // Each distinct span text is verified once for each list of names
        // proposed for it; its places share the verdict.
        let mut verified: FxHashMap<(&str, &[NameId]), Arc<[ScreenMatch]>> = presized(spans.len());
        for ((first, last), names) in &spans {
            let (first, last) = (*first, *last);
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
            let results = verified.entry((span_text, names)).or_insert_with(|| {
                profile.verified += 1;
                let single = (last == first).then(|| &*analysed.arena[analysed.of_word[first]]);
                self.remembered_verification(span_text, names.to_vec(), single)
            });
            if !results.is_empty() {
                found.push(Found {
                    start,
                    end,
                    results: Arc::clone(results),
                });
            }
        }
        profile.verify = clock.elapsed();
        let clock = Instant::now();
        for hit in exact::exact_hits(&self.screener, text) {
            found.push(Found {
                start: hit.start,
                end: hit.end,
                results: Arc::from([hit.result]),
            });
        }
        profile.exact = clock.elapsed();
        let clock = Instant::now();
        let kept = best_non_overlapping(found);
        profile.overlaps = clock.elapsed();
        (kept, profile)
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
}

/// The smallest share of a listed name's weight a text must cover for the
/// name to reach `threshold`: `score ≤ NAME_SCALE × 2c / (1 + c)` for coverage
/// `c` of the listed name (query coverage and quality at most 1, no
/// evidence in text).
fn min_listed_coverage(threshold: f32) -> f32 {
    let h = (threshold / NAME_SCALE).clamp(0.0, 1.0);
    h / (2.0 - h)
}

/// Starts with an upper-case letter or a digit.
fn is_capitalized(word: &str) -> bool {
    word.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::super::test_lists::*;
    use super::*;

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
}
