//! Building a [`NameIndex`]: every name read into words, postings, roles
//! and joined pairs, then weights and the vocabulary's lookup tables.

use rustc_hash::FxHashMap;

use crate::model::Name;

use super::super::roles::{WordRole, least_missing_share, listed_roles, may_name_alone};
use super::super::similarity::WordForms;
use super::super::tokens::{NameStyle, tokenize};
use super::{IndexedName, JoinedPair, NameId, NameIndex, Vocabulary, Word, WordId};
use super::{family_weight, joinable_runs, word_weight};

/// Accumulates words and names, then computes weights and lookup tables.
#[derive(Default)]
pub(super) struct IndexBuilder {
    words: Vec<(WordForms, Vec<NameId>)>,
    by_text: FxHashMap<String, WordId>,
    names: Vec<IndexedName>,
    joined_pairs: FxHashMap<String, Vec<JoinedPair>>,
    joined_skeletons: FxHashMap<String, Vec<JoinedPair>>,
    joined_script_runs: FxHashMap<String, Vec<JoinedPair>>,
    acronyms: FxHashMap<String, Vec<NameId>>,
    acronym_names: FxHashMap<String, Vec<NameId>>,
}

impl IndexBuilder {
    pub(super) fn add_name(
        &mut self,
        entity: u32,
        name: u16,
        listed: &Name,
        (style, takes_acronyms, exact_words): (NameStyle, bool, bool),
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
        for (position, run) in joinable_runs(&tokens) {
            let texts: Vec<&str> = run.iter().map(|t| t.text.as_str()).collect();
            let at = JoinedPair {
                name: name_id,
                position: position as u16,
                words: run.len() as u8,
            };
            if run.iter().all(|t| !t.abjad)
                && let Some(skeleton) = super::super::skeleton::joined_skeleton(
                    &texts,
                    super::super::similarity::MIN_LONG_SKELETON,
                )
            {
                self.joined_skeletons.entry(skeleton).or_default().push(at);
            } else if run.iter().all(|t| t.abjad) {
                // script words a romanized word writes as one (`عبد الله`,
                // ABDULLAH), by each reading of the run joined
                let forms: Vec<WordForms> = run.iter().map(WordForms::new).collect();
                for reading in super::super::script_similarity::joined_script_readings(&forms) {
                    self.joined_script_runs.entry(reading).or_default().push(at);
                }
            }
            let joined =
                super::super::phonetic::fold(&super::super::wade_giles::joined_syllables(&texts));
            self.joined_pairs.entry(joined).or_default().push(at);
        }
        if takes_acronyms {
            let acronyms = super::super::acronyms::whole_name_acronyms(
                tokens.iter().map(|token| (token.kind, token.text.as_str())),
            );
            for acronym in acronyms {
                self.acronyms.entry(acronym).or_default().push(name_id);
            }
        }
        if takes_acronyms
            && let Some(acronym) = super::super::acronyms::single_acronym(
                tokens.iter().map(|token| (token.kind, token.text.as_str())),
            )
        {
            let names = self.acronym_names.entry(acronym.to_string()).or_default();
            names.push(name_id);
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
            exact_words,
        });
    }

    pub(super) fn finish(self) -> NameIndex {
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
            let personal = (0..name.words.len()).any(|at| role(at).is_personal());
            name.family_weight = name
                .words
                .iter()
                .enumerate()
                .filter_map(|(at, w)| {
                    let word = &words[*w as usize];
                    if personal {
                        (role(at) == WordRole::Family)
                            .then(|| family_weight(word.weight, &word.forms.text))
                    } else {
                        may_name_alone(role(at), &word.forms).then_some(word.weight)
                    }
                })
                .fold(0.0, f32::max);
        }
        let vocabulary = Vocabulary::from_words(words, self.by_text);
        NameIndex {
            vocabulary,
            names,
            joined_pairs: self.joined_pairs,
            joined_skeletons: self.joined_skeletons,
            joined_script_runs: self.joined_script_runs,
            acronyms: self.acronyms,
            acronym_names: self.acronym_names,
        }
    }
}
