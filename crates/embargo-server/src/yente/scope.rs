//! The filters yente's `/match` and `/search` share (`include_dataset`,
//! `exclude_dataset`, `exclude_schema`, `topics`, `exclude_entity_ids`),
//! applied to results, and the parameters embargo accepts without being
//! able to honour them (`fuzzy`, `changed_since`), reported back.

use std::collections::BTreeMap;

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
        if let Some(since) = params.take("changed_since") {
            let day = since.get(..10).unwrap_or(&since);
            PartialDate::parse(day).map_err(|error| {
                ApiError::bad_request(format!("changed_since: {since:?}: {error}"))
            })?;
            ignored.insert(
                "changed_since".to_string(),
                "embargo keeps list versions, not per-entity change dates (see `embargo diff`); \
                 not applied"
                    .to_string(),
            );
        }
        if let Some(algorithm) = params.take("algorithm") {
            check_algorithm(&algorithm)?;
        }
        Ok(Scope {
            sources,
            everything,
            exclude_schema,
            topics,
            exclude_ids,
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

    /// Whether `entity` passes the filters.
    pub fn keeps(&self, entity: &Entity) -> bool {
        (self.everything || self.sources.iter().any(|s| s == entity.source()))
            && !self.exclude_schema.contains(&entity.schema)
            && (self.topics.is_empty() || self.topics.iter().any(|t| TOPICS.contains(&t.as_str())))
            && !self.exclude_ids.contains(&entity.id)
    }
}
