//! The typo targets of every vocabulary word, worked out once when a
//! scanner is built: the words a typo beside a text word must resemble to
//! change a proposal (see [`TypoTargets`]). Scanning reads contiguous
//! lists per similar word instead of walking the words of every name the
//! word anchors or touches, a chase through memory the scan paid for each
//! text word beside a typo.

use crate::matching::index::{NameId, NameIndex, WordId};

/// For each vocabulary word `w`, the words of the names `w` anchors and
/// the anchor words of the names `w` is a word of, each list sorted and
/// distinct.
///
/// A pair of text words proposes a name one of them anchors and the other
/// touches, so a typo beside a word that is `w` can only change a proposal
/// by resembling a word of a name `w` anchors, or an anchor of another
/// name `w` touches. (The anchors of a name `w` anchors are among its
/// words, so the second list need not leave them out.) A word looked up
/// exactly anchors nothing and has only the second list.
#[derive(Debug, Default)]
pub(super) struct TypoTargets {
    /// The words of the names each word anchors.
    anchored_words: WordLists,
    /// The anchors of the names each word is a word of.
    touched_anchors: WordLists,
}

impl TypoTargets {
    /// The lists of every word of `index`, given each word's anchored
    /// names (`anchors`) and each name's anchor words (`anchor_words`).
    pub(super) fn new(
        index: &NameIndex,
        anchors: &[Vec<NameId>],
        anchor_words: &[Vec<WordId>],
    ) -> TypoTargets {
        let vocabulary = &index.vocabulary;
        let words = 0..vocabulary.len().min(anchors.len()) as WordId;
        TypoTargets {
            anchored_words: WordLists::new(words.clone(), |word| {
                anchors[word as usize]
                    .iter()
                    .flat_map(|&name| index.name(name).words.iter().copied())
            }),
            touched_anchors: WordLists::new(words, |word| {
                vocabulary
                    .word(word)
                    .postings
                    .iter()
                    .flat_map(|&name| anchor_words[name as usize].iter().copied())
            }),
        }
    }

    /// The words of the names the vocabulary word `word` anchors.
    pub(super) fn anchored_words(&self, word: WordId) -> &[WordId] {
        self.anchored_words.of(word)
    }

    /// The anchors of the names the vocabulary word `word` is a word of.
    pub(super) fn touched_anchors(&self, word: WordId) -> &[WordId] {
        self.touched_anchors.of(word)
    }
}

/// One sorted list of distinct words per vocabulary word, laid end to end.
#[derive(Debug, Default)]
struct WordLists {
    /// Where each word's list starts in `words`; one more entry than
    /// words, the last the end.
    starts: Vec<u32>,
    /// The lists, one after the other.
    words: Vec<WordId>,
}

impl WordLists {
    /// The lists of `words`, each from the words `list_of` gives.
    fn new<I: Iterator<Item = WordId>>(
        words: std::ops::Range<WordId>,
        list_of: impl Fn(WordId) -> I,
    ) -> WordLists {
        let mut lists = WordLists {
            starts: Vec::with_capacity(words.len() + 1),
            words: Vec::new(),
        };
        let mut list: Vec<WordId> = Vec::new();
        for word in words {
            list.clear();
            list.extend(list_of(word));
            list.sort_unstable();
            list.dedup();
            lists.starts.push(lists.words.len() as u32);
            lists.words.extend_from_slice(&list);
        }
        lists.starts.push(lists.words.len() as u32);
        lists
    }

    /// The list of the vocabulary word `word` (empty past the last).
    fn of(&self, word: WordId) -> &[WordId] {
        let at = word as usize;
        match (self.starts.get(at), self.starts.get(at + 1)) {
            (Some(&start), Some(&end)) => &self.words[start as usize..end as usize],
            _ => &[],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Entity, Name, NameQuality, Schema};

    #[test]
    fn a_word_targets_its_anchored_names_words_and_the_anchors_of_names_it_is_in() {
        let entities = [("t:1", "KIM, Sang Man"), ("t:2", "PAK, Sang Man")].map(|(id, name)| {
            Entity::new(
                id,
                Schema::Person,
                Name::from_last_first(name, NameQuality::Primary),
            )
        });
        let index = NameIndex::build(&entities);
        let id = |text: &str| {
            let found = index.vocabulary.id_of(text);
            found.unwrap_or_else(|| panic!("{text} is not a vocabulary word"))
        };
        let [kim, pak, sang, man] = ["kim", "pak", "sang", "man"].map(id);
        let (kims, paks) = (0, 1);
        assert!(index.name(kims).words.contains(&kim));
        // Each surname anchors its own name.
        let mut anchors = vec![Vec::new(); index.vocabulary.len()];
        anchors[kim as usize] = vec![kims];
        anchors[pak as usize] = vec![paks];
        let anchor_words = vec![vec![kim], vec![pak]];
        let targets = TypoTargets::new(&index, &anchors, &anchor_words);
        let sorted = |mut words: Vec<WordId>| {
            words.sort_unstable();
            words
        };
        assert_eq!(targets.anchored_words(kim), sorted(vec![kim, sang, man]));
        assert_eq!(targets.touched_anchors(kim), [kim]);
        assert!(targets.anchored_words(sang).is_empty());
        assert_eq!(targets.touched_anchors(sang), sorted(vec![kim, pak]));
        assert_eq!(targets.touched_anchors(man), sorted(vec![kim, pak]));
        let past_the_last = index.vocabulary.len() as WordId;
        assert!(targets.anchored_words(past_the_last).is_empty());
    }
}
