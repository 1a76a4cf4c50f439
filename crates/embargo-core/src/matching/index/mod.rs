//! The name index, built once per set of list versions.
//!
//! Every name of every entity is tokenized; each distinct word gets an id
//! in the [`Vocabulary`], with its derived forms, its weight (rarer words
//! weigh more) and its postings (the names containing it). A query word
//! finds the vocabulary words it could be through four doors, all feeding
//! the same `word_similarity` rule:
//!
//! * its exact text;
//! * its romanization key ([`super::phonetic::fold`]);
//! * deletion neighbours of that key, so keys within the tolerated number
//!   of edits meet without comparing against every word (the symmetric
//!   delete method);
//! * its consonant skeleton, between Arabic/Hebrew-script and romanized
//!   words.
//!
//! The files: [`Vocabulary`] and its doors (`vocabulary.rs`), the cheap
//! key sketches that rule words out before the rule runs (`sketch.rs`),
//! the deletion variants of keys and their filter (`deletions.rs`),
//! [`WordList`]s to search among (`word_list.rs`), how names are read into
//! the index (`builder.rs`), which adjacent words may be written joined
//! (`joined.rs`) and what a word weighs (`weights.rs`); the names and the
//! index itself here.
//!
//! Adjacent word pairs of each list name are also indexed joined
//! (`Sang Man` as `sangman`) so a query that writes them as one word finds
//! them.
//!
//! Looking up a word's similar words is most of a query's cost, and the
//! words of customer names repeat (`David`, `Maria`, `Kim`), so lookups are
//! memoized in a bounded concurrent cache. The lookup is a pure function of
//! the word and the vocabulary, so the cache changes speed, never results.

use rustc_hash::FxHashMap;

use crate::model::{Entity, NameQuality, Schema};

use super::roles::WordRole;
use super::similarity::{WordForms, joined_script_similarity, meets_joined_words};
use super::tokens::{NameStyle, TokenKind};

mod builder;
mod deletions;
mod joined;
mod sketch;
mod vocabulary;
mod weights;
mod word_list;

#[cfg(test)]
use deletions::*;
pub use vocabulary::{SimilarWord, SimilarWords, Vocabulary, Word, strongest};
pub use word_list::WordList;

use builder::IndexBuilder;
pub(crate) use joined::{joinable, joinable_runs};
pub(crate) use weights::{family_weight, is_patronymic, word_weight};

/// Weight of particles and legal forms, whatever their frequency.
pub const MINOR_WEIGHT: f32 = 0.05;
/// Lowest weight of an ordinary word, however common.
pub const MIN_WORD_WEIGHT: f32 = 0.15;
/// Shortest query word looked up among the joined pairs of list names.
pub const MIN_JOINED_WORD_BYTES: usize = 4;

/// Index of a word in the [`Vocabulary`].
pub type WordId = u32;
/// Index of a name in the [`NameIndex`].
pub type NameId = u32;

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
    /// Weight of its rarest family-name word (0 without one), or for a
    /// name without personal roles its rarest name word: what a family
    /// name or an organization's distinctive word standing alone can
    /// score.
    pub family_weight: f32,
    /// Whether the name is an organization's (or an unclassified entry's),
    /// the only names acronyms stand for (`IT` for `Information
    /// Technology`); people, vessels and aircraft have none.
    pub takes_acronyms: bool,
    /// Whether only exact words match it: a code such as an aircraft's
    /// registration mark (`compares_exactly`).
    pub exact_words: bool,
}

/// Adjacent words of a list name that may be written as one: two words,
/// or two with the Arabic article between them (`ABD EL HALIM`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JoinedPair {
    /// The name.
    pub name: NameId,
    /// Position of the first of the words in the name.
    pub position: u16,
    /// How many words: 2, or 3 with an article between.
    pub words: u8,
}

/// Where a query word writes listed words as one: the name, the position
/// of the first word and how many words.
pub type JoinedAt = (NameId, u16, u8);

/// The words, names and joined pairs of a set of entities.
#[derive(Debug, Default)]
pub struct NameIndex {
    /// Every distinct word.
    pub vocabulary: Vocabulary,
    /// Every indexed name.
    pub names: Vec<IndexedName>,
    /// Romanization key of two adjacent words written as one → where.
    pub joined_pairs: FxHashMap<String, Vec<JoinedPair>>,
    /// Consonant skeleton of two adjacent romanized words written as one
    /// → where: what a word in Arabic script that writes them joined
    /// meets (`عبدالقدير` for `ABDUL QADEER`).
    pub joined_skeletons: FxHashMap<String, Vec<JoinedPair>>,
    /// Reading of adjacent words in Arabic or Hebrew script written as one
    /// (`super::script_similarity::joined_script_readings`) → where: what
    /// a romanized word that writes them joined meets (`ABDULLAH` for
    /// `عبد الله`).
    pub joined_script_runs: FxHashMap<String, Vec<JoinedPair>>,
    /// Acronym of a whole organization name (`super::acronyms`) → the
    /// names it spells: what a query that is only an acronym meets.
    pub acronyms: FxHashMap<String, Vec<NameId>>,
    /// Organization names that are one acronym (`super::acronyms`), by
    /// that acronym: what a query whose whole-name acronym spells it meets.
    pub acronym_names: FxHashMap<String, Vec<NameId>>,
}

/// The tokenization style for names of an entity of `schema`.
pub(crate) fn style_for(schema: Schema) -> NameStyle {
    match schema {
        Schema::Person => NameStyle::Person,
        _ => NameStyle::Organization,
    }
}

/// True for entities whose names are codes that match only word for word:
/// an aircraft is listed by its registration mark (`EP-GOL`), and a mark
/// one character away (`EP-GOM`) is another aircraft, not a typo.
pub(crate) fn compares_exactly(schema: Schema) -> bool {
    schema == Schema::Aircraft
}

impl NameIndex {
    /// Indexes every name of every entity.
    pub fn build(entities: &[Entity]) -> NameIndex {
        let mut builder = IndexBuilder::default();
        for (entity_at, entity) in entities.iter().enumerate() {
            let style = style_for(entity.schema);
            let takes_acronyms = matches!(entity.schema, Schema::Organization | Schema::Other);
            let exact_words = compares_exactly(entity.schema);
            for (name_at, name) in entity.names.iter().enumerate().take(usize::from(u16::MAX)) {
                builder.add_name(
                    entity_at as u32,
                    name_at as u16,
                    name,
                    (style, takes_acronyms, exact_words),
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
    pub(crate) fn words_of(&self, names: &[NameId]) -> WordList {
        let words = names
            .iter()
            .flat_map(|&name| self.name(name).words.iter().copied());
        self.vocabulary.word_list(words)
    }

    /// The names (and positions) that write two adjacent words as the
    /// query word `forms` does in one (`sangman` for `Sang Man`): ordinary
    /// words of at least [`MIN_JOINED_WORD_BYTES`] bytes, by romanization
    /// key; a word from Arabic script also by consonant skeleton, the pairs
    /// of romanized words (`عبدالقدير` for `ABDUL QADEER`), and a romanized
    /// word the runs of words in Arabic script it writes as one
    /// (`ABDULLAH` for `عبد الله`).
    pub(crate) fn joined_in_names(&self, forms: &WordForms) -> Vec<JoinedAt> {
        if forms.kind != TokenKind::Word || forms.text.len() < MIN_JOINED_WORD_BYTES {
            return Vec::new();
        }
        let mut found: Vec<JoinedAt> = self
            .joined_pairs
            .get(&forms.fold)
            .map(|pairs| {
                pairs
                    .iter()
                    .map(|p| (p.name, p.position, p.words))
                    .collect()
            })
            .unwrap_or_default();
        if forms.abjad {
            let meets = |pair: &&JoinedPair| meets_joined_words(forms, &self.pair_words(pair));
            found.extend(
                forms
                    .skeletons
                    .iter()
                    .filter_map(|skeleton| self.joined_skeletons.get(skeleton))
                    .flatten()
                    .filter(meets)
                    .map(|p| (p.name, p.position, p.words)),
            );
            found.sort_unstable();
            found.dedup();
        } else if let Some(runs) = self.joined_script_runs.get(&forms.skeleton) {
            let written = |pair: &&JoinedPair| {
                joined_script_similarity(forms, &self.pair_words(pair)).is_some()
            };
            found.extend(
                runs.iter()
                    .filter(written)
                    .map(|p| (p.name, p.position, p.words)),
            );
            found.sort_unstable();
            found.dedup();
        }
        found
    }

    /// The forms of the listed words a joined run stands at.
    fn pair_words(&self, pair: &JoinedPair) -> Vec<&WordForms> {
        let at = usize::from(pair.position);
        self.names[pair.name as usize].words[at..at + usize::from(pair.words)]
            .iter()
            .map(|&id| &self.vocabulary.word(id).forms)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::sketch::{PreparedQuery, at_most_bits};
    use super::vocabulary::{NearKey, typo_edits_within};
    use super::*;
    use crate::matching::edits::SubsequencePattern;
    use crate::matching::similarity::{Agreement, max_edits};
    use crate::matching::tokens::tokenize;
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
                position: 1,
                words: 2
            }]
        );
    }

    #[test]
    fn indexes_two_words_around_an_article() {
        let index = NameIndex::build(&[entity(
            "t:1",
            Schema::Person,
            &["MOHAMMED ABD EL HALIM ZIDANE"],
        )]);
        let runs = &index.joined_pairs[&super::super::phonetic::fold("abdelhalim")];
        assert_eq!(
            runs,
            &[JoinedPair {
                name: 0,
                position: 1,
                words: 3
            }]
        );
        let script = WordForms::new(&tokenize("عبدالحليم", NameStyle::Person)[0]);
        let found = index.joined_in_names(&script);
        assert!(found.contains(&(0, 1, 3)), "{found:?}");
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
                        let word = &vocabulary.word(s.word).forms;
                        let vowel_door = (forms.vowel_key.is_some() || word.vowel_key.is_some())
                            && forms.key_for_vowels() == word.key_for_vowels();
                        common + edits >= forms.fold.len()
                            || s.agreement == Agreement::Skeleton
                            || s.agreement == Agreement::GivenNameForm
                            || s.agreement == Agreement::Contraction
                            || vowel_door
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
