//! The matching engine: normalization, the candidate index, scoring and
//! explanations.
//!
//! * [`translit`], [`tokens`], [`numbers`], [`phonetic`]: from any name to
//!   comparable words and their romanization-insensitive keys.
//! * [`readings`]: a name's other Latin readings (Hanja in Sino-Korean,
//!   Korean names in Cyrillic, kana without added vowels), each screened
//!   beside the default one.
//! * [`similarity`]: how alike two words are — one rule for everything
//!   ([`edits`]: the bounded edit distance under it).
//! * [`index`]: the vocabulary, postings and lookup doors, built once per
//!   set of list versions.
//! * [`prepare`]: a query name's words, weights and similar listed words.
//! * [`roles`]: what each listed word is (family, given, middle name,
//!   patronymic), where the list says.
//! * [`mod@align`]: the word alignment of a query name with a listed name
//!   (indexed, or given alone for a pair comparison).
//! * [`score`]: the name score of an alignment; `missing_words`: what a
//!   word without a partner costs, by side and role.
//! * [`skeleton`]: consonant skeletons, so that a name in Arabic script
//!   meets its romanizations; `legal_forms`: company legal forms in any
//!   language and romanization; [`org_words`]: the generic words of
//!   organizations' names (group, agency, complex).
//! * [`evidence`]: birth date, country, gender and identifier features.
//! * [`identifiers`]: exact indexes of wallet addresses and identifiers.
//! * [`query`], [`limits`], `options`: a query, its size limits once
//!   normalised, and the checked threshold and limit.
//! * [`Screener`]: candidates, scores, ranking and [`Explanation`]s.
//!
//! # Score
//! `score = 0.95 × name score × alias quality + evidence effects`, clamped
//! to `[0, 1]`; an identical identifier or wallet address makes it 1. An
//! exact name with nothing else known scores 0.95, and agreeing birth date
//! and country still rank a true match above its namesakes: results that
//! reach 1 are ordered by their evidence before the clamp
//! ([`ScreenMatch::evidence_total`]). A query with a birth date or gender
//! is a person's (`Query::implied_schema`).

mod acronyms;
pub mod align;
mod candidates;
mod cjk_org_words;
mod common_names;
mod contractions;
mod country_words;
mod distinct_names;
pub mod edits;
pub mod evidence;
mod given_name_forms;
pub mod identifiers;
pub mod index;
mod legal_forms;
pub mod limits;
mod missing_words;
pub mod name_evidence;
pub mod numbers;
mod options;
mod org_spellings;
mod org_translations;
pub mod org_words;
mod particles;
pub mod phonetic;
pub mod prepare;
pub mod query;
pub mod readings;
pub mod roles;
pub mod score;
mod script_org_words;
mod script_similarity;
pub mod similarity;
pub mod skeleton;
mod state_functions;
mod titles;
pub mod tokens;
pub mod translit;
mod vowel_spellings;
mod wade_giles;

use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::model::{Entity, Name, NameQuality, Schema};

use align::{Alignment, ListedName, PreparedName, align};
use evidence::{Feature, max_bonus};
use identifiers::IdentifierIndex;
use index::{NameId, NameIndex, style_for};
pub use limits::{LimitError, MAX_QUERY_CHARS, MAX_QUERY_WORDS};
pub use options::{DEFAULT_LIMIT, DEFAULT_THRESHOLD, OptionError, ScreenOptions, check_threshold};
pub use query::{Query, QueryError, parse_query_type};
use tokens::{NameStyle, tokenize};

/// Share of the score carried by the name; the rest is left for evidence.
/// An exact full name scores 0.95 with nothing else known; the default
/// threshold (0.7) then sits at a name score of 0.74, where the labelled
/// pairs (`tools/pairs`) reach their best F1 without raising false alerts
/// on the screening sets' negatives past 0.05 %.
pub const NAME_SCALE: f32 = 0.95;

/// How far a name of each quality is trusted.
pub(crate) fn quality_factor(quality: NameQuality) -> f32 {
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
    #[serde(serialize_with = "crate::model::serialize_score")]
    pub name_score: f32,
    /// The word alignment (absent when only an identifier or wallet
    /// matched).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alignment: Option<Alignment>,
    /// Contributions to the final score: `name` (0.95 × name score ×
    /// quality), then evidence features.
    pub features: Vec<Feature>,
}

impl Explanation {
    /// One line for people: `KIM, Sang Man (primary name): kim=kim exact,
    /// maa~man typo 0.67 | birth_date +0.06 (...)`.
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        if let Some(alignment) = &self.alignment {
            parts.push(format!(
                "{} ({}): {}",
                self.matched_name,
                self.name_quality.map_or("name", NameQuality::label),
                alignment.summary()
            ));
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
    #[serde(serialize_with = "crate::model::serialize_score")]
    pub score: f32,
    /// Why.
    pub explanation: Explanation,
}

impl ScreenMatch {
    /// The sum of the features' effects before the score is clamped to
    /// `[0, 1]`: what orders two results that both score 1 (a name met
    /// word for word with its birth date and country ranks above one with
    /// its birth date only).
    pub fn evidence_total(&self) -> f32 {
        self.explanation.features.iter().map(|f| f.effect).sum()
    }

    /// A score-1.0 result found by an exact identifier or wallet, with the
    /// feature saying which.
    pub fn exact(entity: u32, feature: Feature) -> ScreenMatch {
        ScreenMatch {
            entity,
            score: 1.0,
            explanation: Explanation {
                matched_name: String::new(),
                name_quality: None,
                name_score: 0.0,
                alignment: None,
                features: vec![feature],
            },
        }
    }
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
    #[serde(serialize_with = "crate::model::serialize_score")]
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
    pub(crate) fn exact_index(&self) -> &IdentifierIndex {
        &self.exact
    }

    /// Screens one query: every entity scoring at least
    /// `options.threshold`, best first (ties by entity id), at most
    /// `options.limit`.
    ///
    /// A name with other Latin readings (`readings::alternative_readings`:
    /// `金正恩` read in Sino-Korean as well as in pinyin) is screened in
    /// each, and every entity keeps its best result.
    pub fn screen(&self, query: &Query, options: &ScreenOptions) -> Vec<ScreenMatch> {
        self.screen_every_reading(query, options, |name| {
            self.screen_reading(query, name, options)
        })
    }

    /// The results of `screen_one` for the query's name and for each of
    /// its alternative readings, an entity's best kept.
    fn screen_every_reading(
        &self,
        query: &Query,
        options: &ScreenOptions,
        screen_one: impl Fn(&str) -> Vec<ScreenMatch>,
    ) -> Vec<ScreenMatch> {
        let mut results = screen_one(&query.name);
        let readings = readings::alternative_readings(&query.name);
        if readings.is_empty() {
            return results;
        }
        for reading in &readings {
            for result in screen_one(reading) {
                match results
                    .iter_mut()
                    .find(|known| known.entity == result.entity)
                {
                    Some(known) if known.score >= result.score => {}
                    Some(known) => *known = result,
                    None => results.push(result),
                }
            }
        }
        self.sort_and_cut(&mut results, options);
        results
    }

    /// [`Screener::screen`] for one reading of the query's name.
    fn screen_reading(
        &self,
        query: &Query,
        name: &str,
        options: &ScreenOptions,
    ) -> Vec<ScreenMatch> {
        let mut prepared = PreparedName::new(name, query_style(query), &self.index);
        prepared.syllabic = readings::is_syllabic_script(&query.name);
        let names = self.candidate_names(&prepared, options.threshold - max_bonus(query));
        self.rank(query, &prepared, names, options)
    }

    /// Scores the name `query` against the single listed name `listed` of
    /// an entity of type `schema` (any when `None`), with this screener's
    /// word statistics (a rare word weighs more): the score an entity
    /// holding `listed` as its primary name would get from
    /// [`Screener::screen`] on the name alone. A person's name written
    /// `LAST, First` has its family name known. For measuring the matcher
    /// on labelled name pairs.
    pub fn compare_names(&self, query: &str, listed: &str, schema: Option<Schema>) -> f32 {
        self.compare_names_coverage(query, listed, schema)
            .map_or(0.0, |coverage| {
                (NAME_SCALE * coverage.score).clamp(0.0, 1.0)
            })
    }

    /// The coverage, evidence and name score (before [`NAME_SCALE`])
    /// behind [`Screener::compare_names`], from the best reading of the
    /// query, or `None` when the listed name has no words to compare or
    /// no reading of the query has any: what fitting a score model reads.
    pub fn compare_names_coverage(
        &self,
        query: &str,
        listed: &str,
        schema: Option<Schema>,
    ) -> Option<score::Coverage> {
        self.best_reading(query, listed, schema, align::name_coverage, |c| c.score)
    }

    /// The word alignment behind [`Screener::compare_names`], from the best
    /// reading of the query: why a labelled pair scored what it did.
    pub fn explain_names(
        &self,
        query: &str,
        listed: &str,
        schema: Option<Schema>,
    ) -> Option<Alignment> {
        self.best_reading(query, listed, schema, align::align, |a| a.score)
    }

    /// `compare` of every reading of `query` (as [`Screener::screen`]
    /// reads it) with `listed` read as an entity of type `schema`, keeping
    /// the result of highest `score`; `None` when the listed name has no
    /// words to compare or no reading of the query has any.
    fn best_reading<T>(
        &self,
        query: &str,
        listed: &str,
        schema: Option<Schema>,
        compare: impl Fn(&PreparedName, &ListedName) -> T,
        score: impl Fn(&T) -> f32,
    ) -> Option<T> {
        let style = schema.map_or(NameStyle::Unknown, style_for);
        let tokens = tokenize(listed, style);
        let listed_prepared = PreparedName::for_comparison(&tokens, style, &self.index);
        let listed_name = match schema {
            Some(Schema::Person) => Name::from_last_first(listed, NameQuality::Primary),
            _ => Name::new(listed, NameQuality::Primary),
        };
        let roles = roles::listed_roles(&listed_name, &tokens, style);
        let (forms, weights): (Vec<similarity::WordForms>, Vec<f32>) = listed_prepared
            .words
            .into_iter()
            .map(|word| (word.forms, word.weight))
            .unzip();
        let view = ListedName::standalone(&forms, weights, &roles, schema);
        if view.is_empty() {
            return None;
        }
        // Every reading of the query, as `screen` does.
        let readings = readings::alternative_readings(query);
        let syllabic = readings::is_syllabic_script(query);
        let texts = std::iter::once(query).chain(readings.iter().map(String::as_str));
        texts
            .filter_map(|text| {
                let mut prepared =
                    PreparedName::for_comparison(&tokenize(text, style), style, &self.index);
                prepared.syllabic = syllabic;
                (!prepared.words.is_empty()).then(|| compare(&prepared, &view))
            })
            .reduce(|best, next| {
                if score(&next) > score(&best) {
                    next
                } else {
                    best
                }
            })
    }

    /// Ranks the given candidate names of an already prepared name, as
    /// [`Screener::screen`] does after its candidate search: for callers
    /// that prepare words once and know their candidates (the text
    /// scanner).
    pub(crate) fn rank_names(
        &self,
        query: &Query,
        prepared: &PreparedName,
        names: Vec<NameId>,
        options: &ScreenOptions,
    ) -> Vec<ScreenMatch> {
        self.rank(query, prepared, names, options)
    }

    /// Screens one query by scoring every indexed name, without the
    /// candidate index, for each reading of the query as
    /// [`Screener::screen`] reads it: the reference the index is measured
    /// against.
    pub fn screen_exhaustive(&self, query: &Query, options: &ScreenOptions) -> Vec<ScreenMatch> {
        self.screen_every_reading(query, options, |name| {
            let mut prepared = PreparedName::new(name, query_style(query), &self.index);
            prepared.exhaustive = true;
            prepared.syllabic = readings::is_syllabic_script(&query.name);
            let names = (0..self.index.names.len() as NameId).collect();
            self.rank(query, &prepared, names, options)
        })
    }

    fn rank(
        &self,
        query: &Query,
        prepared: &PreparedName,
        names: Vec<NameId>,
        options: &ScreenOptions,
    ) -> Vec<ScreenMatch> {
        let mut best_by_entity: FxHashMap<u32, (f32, NameId)> = FxHashMap::default();
        if !prepared.words.is_empty() {
            for name_id in names {
                let name = self.index.name(name_id);
                if !schema_allows(
                    query.implied_schema(),
                    self.entities[name.entity as usize].schema,
                ) {
                    continue;
                }
                let listed = ListedName::indexed(&self.index, name_id);
                let score = align::name_score(prepared, &listed);
                let base = NAME_SCALE * score * quality_factor(name.quality);
                let better = best_by_entity
                    .get(&name.entity)
                    .is_none_or(|(known, known_id)| {
                        (base, std::cmp::Reverse(name_id)) > (*known, std::cmp::Reverse(*known_id))
                    });
                if better && base + max_bonus(query) >= options.threshold {
                    best_by_entity.insert(name.entity, (base, name_id));
                }
            }
        }
        let mut results: Vec<ScreenMatch> = best_by_entity
            .into_iter()
            .map(|(entity, (base, name_id))| {
                let alignment = align(prepared, &ListedName::indexed(&self.index, name_id));
                self.name_match(query, entity, base, name_id, alignment)
            })
            .collect();
        self.add_exact_hits(query, &mut results);
        self.sort_and_cut(&mut results, options);
        results
    }

    /// Keeps the results at or above the threshold, best first (ties by
    /// entity id), at most the limit.
    fn sort_and_cut(&self, results: &mut Vec<ScreenMatch>, options: &ScreenOptions) {
        results.retain(|result| result.score >= options.threshold);
        // scores clamped at 1 keep the order of their evidence
        results.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| b.evidence_total().total_cmp(&a.evidence_total()))
                .then_with(|| {
                    self.entities[a.entity as usize]
                        .id
                        .cmp(&self.entities[b.entity as usize].id)
                })
        });
        results.truncate(options.limit);
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
                None => results.push(ScreenMatch::exact(entity, feature)),
            }
        }
    }
}

/// The tokenization style for a query of the given schema.
fn query_style(query: &Query) -> NameStyle {
    match query.implied_schema() {
        None => NameStyle::Unknown,
        Some(schema) => style_for(schema),
    }
}

/// Whether a query of `wanted` schema may hit an entity of `listed` schema.
/// A query of unknown type hits everything; a person query hits people; an
/// organization query hits organizations and unclassified entries.
pub(crate) fn schema_allows(wanted: Option<Schema>, listed: Schema) -> bool {
    match wanted {
        None => true,
        Some(Schema::Organization) => matches!(listed, Schema::Organization | Schema::Other),
        Some(wanted) => wanted == listed,
    }
}
