//! The cheap door to the vocabulary used on every word of a text: a word's
//! exact text and its romanization key ([`fold`]) looked up in hash maps,
//! without the deletion-neighbourhood search that finds typos.
//!
//! Every word found this way is one the full search
//! ([`crate::matching::index::Vocabulary::similar_words`]) also finds,
//! with the same similarity ([`word_similarity`]): the cheap door sees a
//! subset. The scanner uses it to find where listed names may be written
//! and runs the full search only there.

use rustc_hash::FxHashMap;

use crate::matching::align::QueryWord;
use crate::matching::index::{NameIndex, SimilarWord, SimilarWords, WordId};
use crate::matching::phonetic::fold;
use crate::matching::similarity::{WordForms, word_similarity};
use crate::matching::tokens::{Token, TokenKind};

/// Vocabulary words by romanization key.
#[derive(Debug, Default)]
pub(crate) struct FoldDoor {
    by_fold: FxHashMap<String, Vec<WordId>>,
}

impl FoldDoor {
    /// Groups the vocabulary's words (numbers aside) by romanization key.
    pub(crate) fn new(index: &NameIndex) -> FoldDoor {
        let vocabulary = &index.vocabulary;
        let mut by_fold: FxHashMap<String, Vec<WordId>> = FxHashMap::default();
        for id in 0..vocabulary.len() as WordId {
            let forms = &vocabulary.word(id).forms;
            if forms.kind != TokenKind::Number && !forms.fold.is_empty() {
                by_fold.entry(forms.fold.clone()).or_default().push(id);
            }
        }
        FoldDoor { by_fold }
    }

    /// The vocabulary words equal to `forms` or sharing its romanization
    /// key, with their similarity; sorted by word id.
    pub(crate) fn similar(&self, forms: &WordForms, index: &NameIndex) -> Vec<SimilarWord> {
        let vocabulary = &index.vocabulary;
        let mut candidates: Vec<WordId> = vocabulary.id_of(&forms.text).into_iter().collect();
        if forms.kind != TokenKind::Number
            && let Some(group) = self.by_fold.get(&forms.fold)
        {
            candidates.extend(group);
        }
        candidates.sort_unstable();
        candidates.dedup();
        candidates
            .into_iter()
            .filter_map(|word| {
                let (similarity, agreement) = word_similarity(forms, &vocabulary.word(word).forms)?;
                Some(SimilarWord {
                    word,
                    similarity,
                    agreement,
                })
            })
            .collect()
    }

    /// [`FoldDoor::similar`] for an ordinary word given as text (two words
    /// written as one), without deriving its forms when neither door
    /// opens.
    pub(crate) fn similar_text(&self, text: &str, index: &NameIndex) -> Vec<SimilarWord> {
        let key = fold(text);
        if index.vocabulary.id_of(text).is_none() && !self.by_fold.contains_key(&key) {
            return Vec::new();
        }
        let forms = WordForms::from_parts(text.to_string(), TokenKind::Word, false);
        self.similar(&forms, index)
    }

    /// A token with the similar words the cheap door finds and the joined
    /// pairs of list names it writes as one word.
    pub(crate) fn query_word(&self, token: &Token, index: &NameIndex) -> QueryWord {
        let forms = WordForms::new(token);
        let similar: SimilarWords = self.similar(&forms, index).into();
        let joined_in_names = index.joined_in_names(&forms);
        QueryWord {
            forms,
            weight: 0.0,
            similar,
            joined_in_names,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::tokens::{NameStyle, tokenize};
    use crate::model::{Entity, Name, NameQuality, Schema};

    #[test]
    fn the_cheap_door_finds_a_subset_of_the_full_search_with_equal_scores() {
        let entities = [
            ("t:1", "KIM, Sang Man"),
            ("t:2", "CHINYONG, Information Technology"),
            ("t:3", "ABDULLAH, Mohammed"),
        ]
        .map(|(id, name)| {
            Entity::new(
                id,
                Schema::Person,
                Name::from_last_first(name, NameQuality::Primary),
            )
        });
        let index = NameIndex::build(&entities);
        let door = FoldDoor::new(&index);
        let mut found_some = 0;
        for word in ["Kim", "Gim", "Jinyong", "Muhammad", "Sangman", "Maa", "zzz"] {
            for token in tokenize(word, NameStyle::Unknown) {
                let cheap = door.query_word(&token, &index);
                let full = index.vocabulary.similar_words(&cheap.forms);
                for s in cheap.similar.iter() {
                    assert!(full.contains(s), "{word}: {s:?} not in {full:?}");
                }
                found_some += usize::from(!cheap.similar.is_empty());
            }
        }
        // Kim, Gim (romanization), Jinyong (ch/j) and Muhammad (vowels)
        // open the cheap door; the typo `Maa` does not.
        assert_eq!(found_some, 4);
        let maa = tokenize("Maa", NameStyle::Unknown);
        assert!(door.query_word(&maa[0], &index).similar.is_empty());
    }
}
