//! The typo targets of every vocabulary word, worked out once when a
//! scanner is built: the words a typo beside a text word must resemble to
//! change a proposal (see [`TypoTargets`]). Scanning reads one contiguous
//! list per similar word instead of walking the words of every name the
//! word anchors or touches, a chase through memory the scan paid for each
//! text word beside a typo.

use crate::matching::index::{NameId, NameIndex, WordId};

/// For each vocabulary word `w`, the words of the names `w` anchors and
/// the anchor words of the names `w` is a word of, sorted and distinct,
/// all lists laid end to end.
///
/// A pair of text words proposes a name one of them anchors and the other
/// touches, so a typo beside a word that is `w` can only change a proposal
/// by resembling a word of a name `w` anchors, or an anchor of another
/// name `w` touches: this list. (The anchors of a name `w` anchors are
/// among its words, so the list need not leave them out.)
#[derive(Debug, Default)]
pub(super) struct TypoTargets {
    /// Where each word's list starts in `words`; one more entry than
    /// words, the last the end.
    starts: Vec<u32>,
    /// The lists, one after the other.
    words: Vec<WordId>,
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
        let mut targets = TypoTargets {
            starts: Vec::with_capacity(vocabulary.len() + 1),
            words: Vec::new(),
        };
        let mut list: Vec<WordId> = Vec::new();
        for (word, anchored) in anchors.iter().enumerate().take(vocabulary.len()) {
            list.clear();
            let names_words = anchored
                .iter()
                .flat_map(|&name| index.name(name).words.iter().copied());
            let postings = &vocabulary.word(word as WordId).postings;
            let touched_anchors = postings
                .iter()
                .flat_map(|&name| anchor_words[name as usize].iter().copied());
            list.extend(names_words.chain(touched_anchors));
            list.sort_unstable();
            list.dedup();
            targets.starts.push(targets.words.len() as u32);
            targets.words.extend_from_slice(&list);
        }
        targets.starts.push(targets.words.len() as u32);
        targets
    }

    /// The typo targets of the vocabulary word `word`, ascending.
    pub(super) fn of(&self, word: WordId) -> &[WordId] {
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
        assert_eq!(targets.of(kim), sorted(vec![kim, sang, man]));
        assert_eq!(targets.of(sang), sorted(vec![kim, pak]));
        assert_eq!(targets.of(man), sorted(vec![kim, pak]));
        assert!(targets.of(index.vocabulary.len() as WordId).is_empty());
    }
}
