//! Sorted lists of distinct vocabulary words to search among, and their
//! unions.

use super::WordId;

/// Distinct vocabulary words to search among
/// (`Vocabulary::similar_words_in`), sorted.
#[derive(Debug, Clone, Default)]
pub struct WordList {
    pub(super) ids: Vec<WordId>,
}

impl WordList {
    /// The distinct words of `words`, sorted.
    pub(super) fn of(words: impl IntoIterator<Item = WordId>) -> WordList {
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
    /// and sorting them ([`Vocabulary::word_list`](super::Vocabulary::word_list)) is not; many sorted.
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
pub(super) fn merge_sorted(a: &[WordId], b: &[WordId], out: &mut Vec<WordId>) {
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
