//! The matching engine: normalization, the candidate index, scoring and
//! explanations.
//!
//! * [`translit`], [`tokens`], [`phonetic`]: from any name to comparable
//!   words and their romanization-insensitive keys.
//! * [`similarity`]: how alike two words are — one rule for everything.
//! * [`index`]: the vocabulary, postings and lookup doors, built once per
//!   set of list versions.
//! * [`align`]: the word alignment of a query name with a listed name and
//!   the resulting name score.
//! * [`evidence`]: birth date, country, gender and identifier features.
//! * [`identifiers`]: exact indexes of wallet addresses and identifiers.
//! * [`Screener`]: candidates, scores, ranking and [`Explanation`]s.
//!
//! # Score
//! `score = 0.9 × name score × alias quality + evidence effects`, clamped
//! to `[0, 1]`; an identical identifier or wallet address makes it 1. An
//! exact name with nothing else known scores 0.9, so agreeing birth date
//! and country can still rank a true match above its namesakes.

pub mod align;
pub mod evidence;
pub mod identifiers;
pub mod index;
pub mod phonetic;
pub mod query;
pub mod similarity;
pub mod tokens;
pub mod translit;

use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::model::{Entity, NameQuality, Schema};

use align::{Alignment, PreparedName, align, harmonic_mean};
use evidence::{Feature, MAX_BONUS};
use identifiers::IdentifierIndex;
use index::{MINOR_WEIGHT, NameId, NameIndex, style_for};
pub use query::{Query, QueryError, parse_query_type};
use tokens::{NameStyle, TokenKind};

/// Threshold at which a result is reported unless the caller says
/// otherwise. Calibrated with `embargo evaluate` on the screening sets.
pub const DEFAULT_THRESHOLD: f32 = 0.7;
/// Default number of results per query.
pub const DEFAULT_LIMIT: usize = 10;
/// Share of the score carried by the name; the rest is left for evidence.
pub const NAME_SCALE: f32 = 0.9;

/// How far a name of each quality is trusted.
pub fn quality_factor(quality: NameQuality) -> f32 {
    match quality {
        NameQuality::Primary | NameQuality::Strong => 1.0,
        NameQuality::Former => 0.95,
        NameQuality::Weak => 0.9,
    }
}

/// Which version of which list a screener was built from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ListVersion {
    /// Source id (`ofac-sdn`).
    pub source: String,
    /// Version label (`v3`, or `bundled` for the demo list).
    pub version: String,
}

/// How many results to return and from what score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScreenOptions {
    /// Lowest score reported.
    pub threshold: f32,
    /// Most results reported.
    pub limit: usize,
}

impl Default for ScreenOptions {
    fn default() -> Self {
        ScreenOptions {
            threshold: DEFAULT_THRESHOLD,
            limit: DEFAULT_LIMIT,
        }
    }
}

/// Why an entity matched: the name that matched, how its words aligned,
/// and each feature's contribution.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explanation {
    /// The listed name that matched best (empty when only an identifier or
    /// wallet matched).
    pub matched_name: String,
    /// That name's quality.
    pub name_quality: Option<NameQuality>,
    /// Name score in `[0, 1]` before scaling.
    pub name_score: f32,
    /// The word alignment (absent when only an identifier or wallet
    /// matched).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alignment: Option<Alignment>,
    /// Contributions to the final score: `name` (0.9 × name score ×
    /// quality), then evidence features.
    pub features: Vec<Feature>,
}

impl Explanation {
    /// One line for people: `KIM, Sang Man (primary name): kim=kim exact,
    /// maa~man typo 0.67 | birth_date +0.06 (...)`.
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        if let Some(alignment) = &self.alignment {
            let words: Vec<String> = alignment
                .pairs
                .iter()
                .map(|pair| {
                    if pair.agreement == similarity::Agreement::Exact {
                        format!("{}={}", pair.query, pair.listed)
                    } else {
                        format!(
                            "{}~{} {} {:.2}",
                            pair.query,
                            pair.listed,
                            pair.agreement.label(),
                            pair.similarity
                        )
                    }
                })
                .collect();
            let mut text = format!(
                "{} ({}): {}",
                self.matched_name,
                self.name_quality.map_or("name", NameQuality::label),
                words.join(", ")
            );
            if !alignment.unmatched_query.is_empty() {
                text += &format!(
                    "; not in list name: {}",
                    alignment.unmatched_query.join(" ")
                );
            }
            if !alignment.unmatched_listed.is_empty() {
                text += &format!("; not in query: {}", alignment.unmatched_listed.join(" "));
            }
            parts.push(text);
        }
        for feature in self.features.iter().filter(|f| f.feature != "name") {
            parts.push(format!(
                "{} {:+.2} ({})",
                feature.feature, feature.effect, feature.detail
            ));
        }
        parts.join(" | ")
    }
}

/// One screening result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScreenMatch {
    /// Position of the entity in the screener (see [`Screener::entity`]).
    #[serde(skip)]
    pub entity: u32,
    /// Score in `[0, 1]`.
    pub score: f32,
    /// Why.
    pub explanation: Explanation,
}

/// A result as front ends print it: the entity's id, primary name, type
/// and programs beside the score and explanation. Field names are those of
/// `embargo screen --json` and the batch output.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResultView<'a> {
    /// Entity id (`ofac-sdn:43377`).
    pub id: &'a str,
    /// The entity's primary name.
    pub name: &'a str,
    /// The listed name that matched (empty for identifier-only hits).
    pub matched_name: &'a str,
    /// The entity's type.
    pub schema: Schema,
    /// Score in `[0, 1]`.
    pub score: f32,
    /// The entity's sanctions programs.
    pub programs: &'a [String],
    /// Why it matched.
    pub explanation: &'a Explanation,
}

/// A set of entities indexed for screening. Built once per set of list
/// versions; shared read-only by any number of threads.
#[derive(Debug)]
pub struct Screener {
    entities: Vec<Entity>,
    index: NameIndex,
    exact: IdentifierIndex,
    lists: Vec<ListVersion>,
}

impl Screener {
    /// Indexes `entities`, which come from the list versions `lists`.
    pub fn new(entities: Vec<Entity>, lists: Vec<ListVersion>) -> Screener {
        let index = NameIndex::build(&entities);
        let exact = IdentifierIndex::build(&entities);
        Screener {
            entities,
            index,
            exact,
            lists,
        }
    }

    /// The indexed entities.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// The entity a result refers to.
    pub fn entity(&self, result: &ScreenMatch) -> &Entity {
        &self.entities[result.entity as usize]
    }

    /// The printable view of a result.
    pub fn view<'a>(&'a self, result: &'a ScreenMatch) -> ResultView<'a> {
        let entity = self.entity(result);
        ResultView {
            id: &entity.id,
            name: entity.caption(),
            matched_name: &result.explanation.matched_name,
            schema: entity.schema,
            score: result.score,
            programs: &entity.programs,
            explanation: &result.explanation,
        }
    }

    /// The list versions the screener was built from.
    pub fn lists(&self) -> &[ListVersion] {
        &self.lists
    }

    /// The name index (for diagnostics and benchmarks).
    pub fn index(&self) -> &NameIndex {
        &self.index
    }

    /// The exact index of wallet addresses and identifiers.
    pub fn exact_index(&self) -> &IdentifierIndex {
        &self.exact
    }

    /// Screens one query: every entity scoring at least
    /// `options.threshold`, best first (ties by entity id), at most
    /// `options.limit`.
    pub fn screen(&self, query: &Query, options: &ScreenOptions) -> Vec<ScreenMatch> {
        let prepared = PreparedName::new(&query.name, query_style(query), &self.index);
        let names = self.candidate_names(&prepared, options.threshold);
        self.rank(query, &prepared, names, options)
    }

    /// Ranks the given candidate names of an already prepared name, as
    /// [`Screener::screen`] does after its candidate search: for callers
    /// that prepare words once and know their candidates (the text
    /// scanner).
    pub fn rank_names(
        &self,
        query: &Query,
        prepared: &PreparedName,
        names: Vec<NameId>,
        options: &ScreenOptions,
    ) -> Vec<ScreenMatch> {
        self.rank(query, prepared, names, options)
    }

    /// Screens one query by scoring every indexed name, without the
    /// candidate index: the reference the index is measured against.
    pub fn screen_exhaustive(&self, query: &Query, options: &ScreenOptions) -> Vec<ScreenMatch> {
        let mut prepared = PreparedName::new(&query.name, query_style(query), &self.index);
        prepared.exhaustive = true;
        let names = (0..self.index.names.len() as NameId).collect();
        self.rank(query, &prepared, names, options)
    }

    fn rank(
        &self,
        query: &Query,
        prepared: &PreparedName,
        names: Vec<NameId>,
        options: &ScreenOptions,
    ) -> Vec<ScreenMatch> {
        let mut best_by_entity: FxHashMap<u32, (f32, NameId, Alignment)> = FxHashMap::default();
        if !prepared.words.is_empty() {
            for name_id in names {
                let name = self.index.name(name_id);
                if !schema_allows(query.schema, self.entities[name.entity as usize].schema) {
                    continue;
                }
                let alignment = align(prepared, &self.index, name_id);
                let base = NAME_SCALE * alignment.score * quality_factor(name.quality);
                let better = best_by_entity
                    .get(&name.entity)
                    .is_none_or(|(known, known_id, _)| {
                        (base, std::cmp::Reverse(name_id)) > (*known, std::cmp::Reverse(*known_id))
                    });
                if better && base + MAX_BONUS >= options.threshold {
                    best_by_entity.insert(name.entity, (base, name_id, alignment));
                }
            }
        }
        let mut results: Vec<ScreenMatch> = best_by_entity
            .into_iter()
            .map(|(entity, (base, name_id, alignment))| {
                self.name_match(query, entity, base, name_id, alignment)
            })
            .collect();
        self.add_exact_hits(query, &mut results);
        results.retain(|result| result.score >= options.threshold);
        results.sort_by(|a, b| {
            b.score.total_cmp(&a.score).then_with(|| {
                self.entities[a.entity as usize]
                    .id
                    .cmp(&self.entities[b.entity as usize].id)
            })
        });
        results.truncate(options.limit);
        results
    }

    fn name_match(
        &self,
        query: &Query,
        entity: u32,
        base: f32,
        name_id: NameId,
        alignment: Alignment,
    ) -> ScreenMatch {
        let listed = &self.entities[entity as usize];
        let name = self.index.name(name_id);
        let quality = name.quality;
        let mut features = vec![Feature {
            feature: "name",
            effect: base,
            detail: format!(
                "{NAME_SCALE} × name {:.3} × {} {}",
                alignment.score,
                quality.label(),
                quality_factor(quality)
            ),
        }];
        features.extend(evidence::features(query, listed));
        let score = features
            .iter()
            .map(|f| f.effect)
            .sum::<f32>()
            .clamp(0.0, 1.0);
        ScreenMatch {
            entity,
            score,
            explanation: Explanation {
                matched_name: listed.names[usize::from(name.name)].full.clone(),
                name_quality: Some(quality),
                name_score: alignment.score,
                alignment: Some(alignment),
                features,
            },
        }
    }

    /// Adds score-1 results for entities whose identifier or wallet equals
    /// one the query gives, unless the name already brought them in.
    fn add_exact_hits(&self, query: &Query, results: &mut Vec<ScreenMatch>) {
        let hits = self.exact.exact_hits(
            &self.entities,
            &query.identifiers,
            &query.wallets,
            &query.countries,
        );
        for (entity, feature) in hits {
            match results.iter_mut().find(|r| r.entity == entity) {
                Some(existing) => {
                    existing.score = 1.0;
                    if !existing.explanation.features.contains(&feature) {
                        existing.explanation.features.push(feature);
                    }
                }
                None => results.push(ScreenMatch {
                    entity,
                    score: 1.0,
                    explanation: Explanation {
                        matched_name: String::new(),
                        name_quality: None,
                        name_score: 0.0,
                        alignment: None,
                        features: vec![feature],
                    },
                }),
            }
        }
    }

    /// Names that could reach `threshold`: every name sharing a similar
    /// word with the query whose score upper bound (all its shared words
    /// aligned at their best similarity, best alias quality, every bonus)
    /// reaches the threshold.
    fn candidate_names(&self, prepared: &PreparedName, threshold: f32) -> Vec<NameId> {
        let mut accumulators: FxHashMap<NameId, Accumulator> = FxHashMap::default();
        let mut query_slack = 0.0;
        let mut listed_slack = 0.0;
        for (q, word) in prepared.words.iter().enumerate() {
            match word.forms.kind {
                TokenKind::Particle | TokenKind::LegalForm => {
                    query_slack += word.weight;
                    listed_slack += MINOR_WEIGHT;
                    continue;
                }
                _ if word.forms.text.len() == 1 => {
                    query_slack += align::INITIAL_SIMILARITY * word.weight;
                    listed_slack += align::INITIAL_SIMILARITY;
                    continue;
                }
                _ => {}
            }
            self.accumulate_similar(&word.similar, q, word.weight, &mut accumulators);
            for &(name, position) in &word.joined_in_names {
                let listed = &self.index.name(name).words;
                let pair_weight: f32 = listed[usize::from(position)..]
                    .iter()
                    .take(2)
                    .map(|&w| self.index.vocabulary.word(w).weight)
                    .sum();
                let accumulator = accumulators.entry(name).or_default();
                accumulator.add(q, word.weight, pair_weight);
            }
        }
        for (q, similar) in prepared.joined.iter().enumerate() {
            let pair_weight = prepared.words[q].weight + prepared.words[q + 1].weight;
            self.accumulate_similar(similar, usize::MAX - q, pair_weight, &mut accumulators);
        }
        let mut names: Vec<NameId> = accumulators
            .into_iter()
            .filter(|(name, accumulator)| {
                let listed_total = self.index.name(*name).total_weight;
                let query_coverage =
                    ((accumulator.query_mass + query_slack) / prepared.total_weight).min(1.0);
                let listed_coverage =
                    ((accumulator.listed_mass + listed_slack) / listed_total).min(1.0);
                NAME_SCALE * harmonic_mean(query_coverage, listed_coverage) + MAX_BONUS >= threshold
            })
            .map(|(name, _)| name)
            .collect();
        names.sort_unstable();
        names
    }

    fn accumulate_similar(
        &self,
        similar: &[index::SimilarWord],
        query_word: usize,
        query_weight: f32,
        accumulators: &mut FxHashMap<NameId, Accumulator>,
    ) {
        for found in similar {
            let word = self.index.vocabulary.word(found.word);
            for &name in &word.postings {
                let accumulator = accumulators.entry(name).or_default();
                accumulator.add(
                    query_word,
                    found.similarity * query_weight,
                    found.similarity * word.weight,
                );
            }
        }
    }
}

/// Upper-bound masses of one candidate name.
#[derive(Debug, Default)]
struct Accumulator {
    query_mass: f32,
    listed_mass: f32,
    /// Query words counted so far with the mass counted for each: a query
    /// word pairs with one listed word, so only its best counts.
    counted: Vec<(usize, f32)>,
}

impl Accumulator {
    fn add(&mut self, query_word: usize, query_mass: f32, listed_mass: f32) {
        match self.counted.iter_mut().find(|(q, _)| *q == query_word) {
            Some((_, known)) if query_mass > *known => {
                self.query_mass += query_mass - *known;
                *known = query_mass;
            }
            Some(_) => {}
            None => {
                self.counted.push((query_word, query_mass));
                self.query_mass += query_mass;
            }
        }
        self.listed_mass += listed_mass;
    }
}

/// The tokenization style for a query of the given schema.
fn query_style(query: &Query) -> NameStyle {
    match query.schema {
        None => NameStyle::Unknown,
        Some(schema) => style_for(schema),
    }
}

/// Whether a query of `wanted` schema may hit an entity of `listed` schema.
/// A query of unknown type hits everything; a person query hits people; an
/// organization query hits organizations and unclassified entries.
pub fn schema_allows(wanted: Option<Schema>, listed: Schema) -> bool {
    match wanted {
        None => true,
        Some(Schema::Organization) => matches!(listed, Schema::Organization | Schema::Other),
        Some(wanted) => wanted == listed,
    }
}
