//! Candidate search: the names of the index that could reach the
//! threshold for a prepared query, found from each query word's similar
//! words and an upper bound on each name's score, before any name is
//! aligned ([`Screener::candidate_names`]).

use super::align::{self, PreparedName};
use super::index::{MINOR_WEIGHT, NameId};
use super::score::{family_alone_factor, harmonic_mean};
use super::similarity::LEAST_SPELLING_SIMILARITY;
use super::{NAME_SCALE, Screener};

impl Screener {
    /// Names that could reach `name_threshold` (the threshold less the
    /// most the query's secondary evidence could add): every name sharing
    /// a similar word with the query whose name score upper bound (all its
    /// shared words aligned at their best similarity, best alias quality)
    /// reaches it.
    pub(super) fn candidate_names(
        &self,
        prepared: &PreparedName,
        name_threshold: f32,
    ) -> Vec<NameId> {
        CANDIDATE_SCRATCH.with_borrow_mut(|scratch| {
            scratch.reset(self.index.names.len());
            let (query_slack, listed_slack) = slack(prepared);
            let body_words = kind_of_body_weight(prepared);
            let unlooked = Unlooked {
                query_slack,
                body_words,
            };
            self.accumulate(prepared, name_threshold, unlooked, scratch);
            let mut names: Vec<NameId> = scratch
                .touched
                .iter()
                .copied()
                .filter(|&name| {
                    let at = name as usize;
                    let indexed = self.index.name(name);
                    let query_coverage =
                        ((scratch.query_mass[at] + query_slack) / prepared.total_weight).min(1.0);
                    let listed_mass = scratch.listed_mass[at] + listed_slack;
                    // Missing words cost at least their role's share, and
                    // paired ones their whole weight.
                    let listed_coverage = (listed_mass
                        / indexed.least_weight.max(listed_mass).max(f32::MIN_POSITIVE))
                    .min(1.0);
                    let by_coverage = harmonic_mean(query_coverage, listed_coverage);
                    // A family name alone may be spelt another way.
                    let alone_coverage = ((scratch.query_mass[at] + query_slack + body_words)
                        / prepared.total_weight)
                        .min(1.0);
                    let family_alone = if alone_coverage >= LEAST_SPELLING_SIMILARITY
                        && indexed.family_weight > 0.0
                    {
                        family_alone_factor(indexed.family_weight)
                    } else {
                        0.0
                    };
                    NAME_SCALE * by_coverage.max(family_alone) >= name_threshold
                })
                .collect();
            names.extend(self.acronym_candidates(prepared, name_threshold));
            names.extend(self.spelled_acronym_candidates(prepared, name_threshold));
            names.sort_unstable();
            names.dedup();
            names
        })
    }

    /// The organization names a query that is only an acronym spells whole
    /// (`super::acronyms`), when an acronym of its length standing alone
    /// can reach `name_threshold`.
    fn acronym_candidates(&self, prepared: &PreparedName, name_threshold: f32) -> &[NameId] {
        let mut words = prepared.words.iter().filter(|w| !w.forms.kind.is_minor());
        let (Some(only), None) = (words.next(), words.next()) else {
            return &[];
        };
        let letters = only.forms.text.len();
        if !super::acronyms::query_may_abbreviate(prepared.style)
            || !super::acronyms::may_stand_alone(&only.forms)
            || NAME_SCALE * super::acronyms::alone_score(letters) < name_threshold
        {
            return &[];
        }
        self.index
            .acronyms
            .get(&only.forms.text)
            .map_or(&[], Vec::as_slice)
    }

    /// The organization names that are only an acronym a query spells
    /// whole (`super::acronyms`), when an acronym of its length standing
    /// alone can reach `name_threshold`.
    fn spelled_acronym_candidates(
        &self,
        prepared: &PreparedName,
        name_threshold: f32,
    ) -> Vec<NameId> {
        if !super::acronyms::query_may_spell(prepared.style) {
            return Vec::new();
        }
        let words = prepared
            .words
            .iter()
            .map(|w| (w.forms.kind, w.forms.text.as_str()));
        super::acronyms::whole_name_acronyms(words)
            .iter()
            .filter(|acronym| {
                NAME_SCALE * super::acronyms::alone_score(acronym.len()) >= name_threshold
            })
            .filter_map(|acronym| self.index.acronym_names.get(acronym))
            .flatten()
            .copied()
            .collect()
    }

    /// Adds every shared word's best-case mass to the names containing it:
    /// each query word (and each adjacent pair written as one) counts once
    /// per name, at its best similarity there.
    ///
    /// Words are taken rarest first. The commonest words, whose weights
    /// together could not lift a name to `name_threshold` even if it held
    /// them all (the max-score method), only add to names a rarer word
    /// already found: a name containing just `Mohammed` cannot reach the
    /// threshold for `Mohammed Ali`, so its thousands of names are never
    /// visited for `Ali` alone.
    fn accumulate(
        &self,
        prepared: &PreparedName,
        name_threshold: f32,
        unlooked: Unlooked,
        scratch: &mut CandidateScratch,
    ) {
        let mut order: Vec<usize> = (0..prepared.words.len())
            .filter(|&q| !is_slack(&prepared.words[q]))
            .collect();
        order.sort_by(|&a, &b| {
            prepared.words[b]
                .weight
                .total_cmp(&prepared.words[a].weight)
                .then(a.cmp(&b))
        });
        let followers = self.follower_count(prepared, &order, name_threshold, unlooked);
        let leaders = order.len() - followers;
        for (rank, &q) in order.iter().enumerate() {
            if rank == leaders {
                self.accumulate_joined(prepared, scratch);
            }
            self.accumulate_word(&prepared.words[q], rank < leaders, scratch);
        }
        if leaders == order.len() {
            self.accumulate_joined(prepared, scratch);
        }
    }

    /// How many of the commonest query words (the tail of `order`) could
    /// not, all together, lift a name to `name_threshold`.
    fn follower_count(
        &self,
        prepared: &PreparedName,
        order: &[usize],
        name_threshold: f32,
        unlooked: Unlooked,
    ) -> usize {
        let Unlooked {
            query_slack,
            body_words,
        } = unlooked;
        let alone_reaches = NAME_SCALE * family_alone_factor(1.0) >= name_threshold;
        let mut mass = query_slack;
        let mut followers = 0;
        for &q in order.iter().rev() {
            mass += prepared.words[q].weight;
            let best_coverage = (mass / prepared.total_weight).min(1.0);
            // a name holding these words may stand alone for a query
            // whose other words only say what kind of body it is
            let alone = alone_reaches
                && (mass + body_words) / prepared.total_weight >= LEAST_SPELLING_SIMILARITY;
            if alone || NAME_SCALE * harmonic_mean(best_coverage, 1.0) >= name_threshold {
                break;
            }
            followers += 1;
        }
        followers
    }

    /// Credits the names holding words similar to one query word; only
    /// names already found unless `may_find`.
    fn accumulate_word(
        &self,
        word: &align::QueryWord,
        may_find: bool,
        scratch: &mut CandidateScratch,
    ) {
        for found in word.similar.iter() {
            let listed = self.index.vocabulary.word(found.word);
            for &name in &listed.postings {
                scratch.add(
                    name,
                    found.similarity * word.weight,
                    found.similarity * listed.weight,
                    may_find,
                );
            }
        }
        for &(name, position, words) in &word.joined_in_names {
            let pair_weight: f32 = self.index.name(name).words[usize::from(position)..]
                .iter()
                .take(usize::from(words))
                .map(|&w| self.index.vocabulary.word(w).weight)
                .sum();
            scratch.add(name, word.weight, pair_weight, may_find);
        }
        scratch.end_query_word();
    }

    /// Credits the names holding a word similar to adjacent query words
    /// written as one.
    fn accumulate_joined(&self, prepared: &PreparedName, scratch: &mut CandidateScratch) {
        for run in &prepared.joined {
            let pair_weight: f32 = prepared.words[run.span()].iter().map(|w| w.weight).sum();
            for found in run.similar.iter() {
                let listed = self.index.vocabulary.word(found.word);
                for &name in &listed.postings {
                    scratch.add(
                        name,
                        found.similarity * pair_weight,
                        found.similarity * listed.weight,
                        true,
                    );
                }
            }
            scratch.end_query_word();
        }
    }
}

/// The query masses the candidate bound credits without looking words
/// up, computed once a query.
#[derive(Debug, Clone, Copy)]
struct Unlooked {
    /// The query's slack words' mass ([`slack`]).
    query_slack: f32,
    /// The mass of its words that only say what kind of body it names
    /// ([`kind_of_body_weight`]).
    body_words: f32,
}

/// The weight of the query's words that only say what kind of body an
/// organization is (`Group` of `Wagner Group`;
/// [`super::org_words::is_kind_of_body`]), which an organization's own
/// word standing alone may leave unpaired.
fn kind_of_body_weight(prepared: &PreparedName) -> f32 {
    prepared
        .words
        .iter()
        .filter(|word| {
            word.forms.is_name_word() && super::org_words::is_kind_of_body(&word.forms.text)
        })
        .map(|word| word.weight)
        .sum()
}

/// Query words the candidate bound credits to every name without looking
/// them up: particles, legal forms and initials, which never decide a
/// candidate on their own.
fn is_slack(word: &align::QueryWord) -> bool {
    !word.forms.is_name_word()
}

/// The query and listed masses every name is credited for the query's
/// slack words (see [`is_slack`]), at the best they could pair.
fn slack(prepared: &PreparedName) -> (f32, f32) {
    let mut query_slack = 0.0;
    let mut listed_slack = 0.0;
    for word in prepared.words.iter().filter(|word| is_slack(word)) {
        if word.forms.kind.is_minor() {
            query_slack += word.weight;
            listed_slack += MINOR_WEIGHT;
        } else {
            query_slack += align::INITIAL_SIMILARITY * word.weight;
            listed_slack += align::INITIAL_SIMILARITY;
        }
    }
    (query_slack, listed_slack)
}

thread_local! {
    /// Per-thread candidate accumulators, reused across queries so a query
    /// allocates nothing proportional to the list.
    static CANDIDATE_SCRATCH: std::cell::RefCell<CandidateScratch> =
        std::cell::RefCell::new(CandidateScratch::default());
}

/// Dense per-name upper-bound masses for one query, reset between queries
/// by walking only the names touched.
#[derive(Debug, Default)]
struct CandidateScratch {
    /// Query mass credited to each name.
    query_mass: Vec<f32>,
    /// Listed mass credited to each name.
    listed_mass: Vec<f32>,
    /// Best query mass of the current query word in each name.
    word_best: Vec<f32>,
    /// Names with any mass, in first-touch order.
    touched: Vec<NameId>,
    /// Names touched by the current query word.
    word_touched: Vec<NameId>,
}

impl CandidateScratch {
    /// Clears the masses of the previous query and sizes for `names`.
    fn reset(&mut self, names: usize) {
        for &name in &self.touched {
            self.query_mass[name as usize] = 0.0;
            self.listed_mass[name as usize] = 0.0;
        }
        self.touched.clear();
        for buffer in [
            &mut self.query_mass,
            &mut self.listed_mass,
            &mut self.word_best,
        ] {
            buffer.resize(names, 0.0);
        }
    }

    /// Credits `name` with a pairing of the current query word; a name
    /// not credited before only when `may_find`.
    fn add(&mut self, name: NameId, query_mass: f32, listed_mass: f32, may_find: bool) {
        let at = name as usize;
        if self.listed_mass[at] == 0.0 && self.query_mass[at] == 0.0 {
            if !may_find {
                return;
            }
            self.touched.push(name);
        }
        self.listed_mass[at] += listed_mass;
        if self.word_best[at] == 0.0 {
            self.word_touched.push(name);
        }
        self.word_best[at] = self.word_best[at].max(query_mass);
    }

    /// Closes the current query word: each name keeps only its best
    /// pairing of that word.
    fn end_query_word(&mut self) {
        for &name in &self.word_touched {
            let at = name as usize;
            self.query_mass[at] += self.word_best[at];
            self.word_best[at] = 0.0;
        }
        self.word_touched.clear();
    }
}
