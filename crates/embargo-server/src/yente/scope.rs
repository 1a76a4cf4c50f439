//! The filters yente's `/match` and `/search` share (`include_dataset`,
//! `exclude_dataset`, `exclude_schema`, `topics`, `exclude_entity_ids`),
//! applied to results, `changed_since` (entities whose record changed on
//! or after a day, by the store's version history; an entity whose history
//! is unknown is kept, so a filter never hides a possible match for want
//! of data), and the parameters embargo accepts without being able to
//! honour them (`fuzzy`), reported back.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use embargo_core::model::{Entity, PartialDate, Schema};

use super::catalog::check_algorithm;
use super::datasets::{narrow, resolve, served_sources};
use super::entity::TOPICS;
use super::params::RawParams;
use crate::errors::ApiError;
use crate::ftm;
use crate::reload::Snapshot;

/// Most ids `exclude_entity_ids` may name.
pub const MAX_EXCLUDED_IDS: usize = 500;

/// What a request screens against and what it leaves out.
#[derive(Debug, Clone, Default)]
pub struct Scope {
    /// The sources screened.
    pub sources: Vec<String>,
    /// True when that is every served source (no filter needed).
    pub everything: bool,
    /// Schemata left out.
    pub exclude_schema: Vec<Schema>,
    /// Only entities with one of these topics, when given.
    pub topics: Vec<String>,
    /// Entities left out by id.
    pub exclude_ids: Vec<String>,
    /// Only entities whose record changed on or after this day, when given.
    pub changed_since: Option<NaiveDate>,
    /// Parameter → why it was accepted but not applied.
    pub ignored: BTreeMap<String, String>,
}

impl Scope {
    /// Reads the shared parameters out of `params` for the dataset named
    /// in the path.
    pub fn read(
        dataset: &str,
        params: &mut RawParams,
        snapshot: &Snapshot,
    ) -> Result<Scope, ApiError> {
        let mut sources = resolve(dataset, snapshot)?;
        let mut include = params.take_all("include_dataset");
        include.extend(params.take_all("datasets"));
        let exclude = params.take_all("exclude_dataset");
        sources = narrow(sources, &include, &exclude, snapshot)?;
        let everything = sources.len() == served_sources(snapshot).len();
        let mut ignored = BTreeMap::new();
        let mut exclude_schema = Vec::new();
        for name in params.take_all("exclude_schema") {
            match ftm::query_schema(&name) {
                Ok(Some(schema)) => exclude_schema.push(schema),
                Ok(None) => {
                    ignored.insert(
                        format!("exclude_schema={name}"),
                        "a schema spanning every type: excluding it would leave nothing; ignored"
                            .to_string(),
                    );
                }
                Err(detail) => {
                    return Err(ApiError::bad_request(format!("exclude_schema: {detail}")));
                }
            }
        }
        let topics = params.take_all("topics");
        let exclude_ids = params.take_all("exclude_entity_ids");
        if exclude_ids.len() > MAX_EXCLUDED_IDS {
            return Err(ApiError::bad_request(format!(
                "exclude_entity_ids: {} ids, at most {MAX_EXCLUDED_IDS}",
                exclude_ids.len()
            )));
        }
        if let Some(fuzzy) = params.take_bool("fuzzy")? {
            ignored.insert(
                "fuzzy".to_string(),
                format!(
                    "fuzzy={fuzzy} has no effect: embargo's name matching is always \
                     spelling- and transliteration-tolerant"
                ),
            );
        }
        let changed_since = match params.take("changed_since") {
            Some(since) => Some(first_day(&since)?),
            None => None,
        };
        if let Some(algorithm) = params.take("algorithm") {
            check_algorithm(&algorithm)?;
        }
        Ok(Scope {
            sources,
            everything,
            exclude_schema,
            topics,
            exclude_ids,
            changed_since,
            ignored,
        })
    }

    /// The source filter for screening: `None` when every source is in.
    pub fn lists(&self) -> Option<Vec<String>> {
        (!self.everything).then(|| self.sources.clone())
    }

    /// The source filter as a slice, `None` when every source is in.
    pub fn source_filter(&self) -> Option<&[String]> {
        (!self.everything).then_some(self.sources.as_slice())
    }

    /// Whether `entity`, served in `snapshot`, passes the filters.
    pub fn keeps(&self, entity: &Entity, snapshot: &Snapshot) -> bool {
        (self.everything || self.sources.iter().any(|s| s == entity.source()))
            && !self.exclude_schema.contains(&entity.schema)
            && (self.topics.is_empty() || self.topics.iter().any(|t| TOPICS.contains(&t.as_str())))
            && !self.exclude_ids.contains(&entity.id)
            && self.changed_since.is_none_or(|since| {
                snapshot
                    .history
                    .get(&entity.id)
                    .is_none_or(|history| history.last_change.day() >= since)
            })
    }
}

/// The first day of `changed_since`: a date or a timestamp (its first ten
/// characters), or a partial date (`2024-05`: its first day).
fn first_day(since: &str) -> Result<NaiveDate, ApiError> {
    let bad = |detail: String| ApiError::bad_request(format!("changed_since: {since:?}: {detail}"));
    let day = since.get(..10).unwrap_or(since);
    let date = PartialDate::parse(day).map_err(|error| bad(error.to_string()))?;
    NaiveDate::from_ymd_opt(
        date.year,
        u32::from(date.month.unwrap_or(1)),
        u32::from(date.day.unwrap_or(1)),
    )
    .ok_or_else(|| bad("not a calendar date".to_string()))
}
