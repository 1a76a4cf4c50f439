//! The phrases of a text (runs of words between phrase breaks, which no
//! span crosses) and the memo of recently proposed phrases, so that a text
//! repeating a sentence pays for it once.

use std::hash::{Hash, Hasher};
use std::ops::Range;
use std::sync::Arc;

use rustc_hash::FxHasher;

use super::recent::Recent;
use super::text::TextWord;
use crate::matching::index::NameId;

/// Most phrases whose spans are remembered ([`RecentPhrases`]): 4,096
/// slots of 48 bytes, small enough to stay in cache.
const RECENT_PHRASES: usize = 4096;

/// The names proposed for a candidate span, sorted: shared by the places
/// of a phrase repeated in a text.
pub(super) type SpanNames = Arc<[NameId]>;

/// A phrase's candidate spans, by first and last word within the phrase.
pub(super) type PhraseSpans = Vec<((usize, usize), SpanNames)>;

/// The spans of recently proposed phrases, so that a text repeating a
/// sentence pays for it once: by the hash of the phrase's distinct words
/// and hyphens, with the words of the phrase last proposed under that
/// hash (a phrase is only given back the spans of the same words).
/// `V` is what is remembered of a phrase: its [`PhraseSpans`].
pub(super) struct RecentPhrases<V = PhraseSpans> {
    by_hash: Recent<u64, (Range<usize>, V)>,
}

impl<V> RecentPhrases<V> {
    /// A table for a text of `phrases` phrases.
    pub(super) fn for_phrases(phrases: usize) -> RecentPhrases<V> {
        RecentPhrases {
            by_hash: Recent::new(phrases, RECENT_PHRASES),
        }
    }

    /// The spans of the phrase `phrase` of the text if the same words
    /// were proposed last under its hash; else the hash to
    /// [`RecentPhrases::put`] its spans under.
    pub(super) fn find(
        &self,
        words: &[TextWord],
        of_word: &[usize],
        phrase: &Range<usize>,
    ) -> Result<&V, u64> {
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
    pub(super) fn put(&mut self, hash: u64, phrase: Range<usize>, spans: V) -> &V {
        &self.by_hash.insert(hash, (phrase, spans)).1
    }
}

/// The phrases of a text: runs of words between phrase breaks, which no
/// span crosses.
pub(super) fn phrases(words: &[TextWord]) -> impl Iterator<Item = Range<usize>> + Clone + '_ {
    let starts = (0..words.len()).filter(|&at| at == 0 || words[at].break_before);
    starts.map(move |start| {
        let end = (start + 1..words.len())
            .find(|&at| words[at].break_before)
            .unwrap_or(words.len());
        start..end
    })
}

/// For each word, whether its phrase holds one of the distinct words
/// `changed` (sorted).
pub(super) fn phrases_with(words: &[TextWord], of_word: &[usize], changed: &[usize]) -> Vec<bool> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
