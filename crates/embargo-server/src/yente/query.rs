//! yente's `/match` request body: `queries` of FtM entities (`id`,
//! `schema`, `properties`), plus `weights` and `config`, which embargo
//! accepts and reports as not applied. Properties embargo does not screen
//! on (`address`, `birthPlace`, `topics`, `position`, ...) are accepted,
//! ignored and listed per query, as yente does; a value of the wrong type
//! (a number for a property, a string for `queries`) is still a 400.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

use crate::errors::ApiError;
use crate::ftm::{self, EntityExample, FieldLimits, PreparedQuery};

/// The request body of `POST /match/{dataset}`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct YenteMatchRequest {
    /// Query key → entity to screen.
    pub queries: BTreeMap<String, YenteQuery>,
    /// yente's feature weights: accepted, not applied (embargo has one
    /// scoring rule), reported under `ignored`.
    #[serde(default)]
    #[schema(value_type = Option<Object>)]
    pub weights: Option<BTreeMap<String, f64>>,
    /// yente's algorithm configuration: accepted, not applied, reported.
    #[serde(default)]
    #[schema(value_type = Option<Object>)]
    pub config: Option<serde_json::Map<String, Value>>,
    /// Any other field: accepted, reported under `ignored`.
    #[serde(flatten)]
    #[schema(value_type = Object)]
    pub other: BTreeMap<String, Value>,
}

/// One entity to screen.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
pub struct YenteQuery {
    /// The caller's id for it, echoed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// FtM schema (`Person`, `Company`, `LegalEntity`, `Vessel`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Property → values (a single string counts as a list of one).
    #[serde(default, deserialize_with = "string_lists")]
    #[schema(value_type = BTreeMap<String, Vec<String>>)]
    pub properties: BTreeMap<String, Vec<String>>,
}

/// A query ready to screen, with the properties left out.
#[derive(Debug, Clone)]
pub struct PreparedYenteQuery {
    /// The screening queries.
    pub prepared: PreparedQuery,
    /// Properties given but not screened on, sorted.
    pub ignored_properties: Vec<String>,
}

/// Splits the properties into those embargo screens on and the rest,
/// then prepares the query; `at` names it in errors (`queries.q1`).
pub fn prepare(
    query: &YenteQuery,
    at: &str,
    limits: FieldLimits,
) -> Result<PreparedYenteQuery, ApiError> {
    let supported = ftm::supported_properties();
    let mut used = BTreeMap::new();
    let mut ignored_properties = Vec::new();
    for (name, values) in &query.properties {
        ftm::check_lengths(
            &format!("{at}.properties (name)"),
            std::iter::once(name.as_str()),
            limits.max_chars,
        )?;
        if supported.contains(&name.as_str()) {
            used.insert(name.clone(), values.clone());
        } else {
            ignored_properties.push(name.clone());
        }
    }
    let example = EntityExample {
        schema: query.schema.clone(),
        properties: used,
    };
    let prepared = ftm::prepare(&example, at, limits)?;
    Ok(PreparedYenteQuery {
        prepared,
        ignored_properties,
    })
}

/// Accepts `{"name": ["A", "B"]}` and `{"name": "A"}`; anything else is
/// an error naming the property.
fn string_lists<'de, D>(deserializer: D) -> Result<BTreeMap<String, Vec<String>>, D::Error>
where
    D: Deserializer<'de>,
{
    let raw = BTreeMap::<String, Value>::deserialize(deserializer)?;
    raw.into_iter()
        .map(|(key, value)| {
            let values = match value {
                Value::String(one) => vec![one],
                Value::Array(many) => many
                    .into_iter()
                    .map(|item| match item {
                        Value::String(text) => Ok(text),
                        _ => Err(()),
                    })
                    .collect::<Result<Vec<_>, ()>>()
                    .map_err(|()| {
                        serde::de::Error::custom(format!(
                            "property {key:?} must be a string or a list of strings"
                        ))
                    })?,
                _ => {
                    return Err(serde::de::Error::custom(format!(
                        "property {key:?} must be a string or a list of strings"
                    )));
                }
            };
            Ok((key, values))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    const LIMITS: FieldLimits = FieldLimits {
        max_values: 20,
        max_chars: 500,
    };

    #[test]
    fn unknown_properties_are_listed_not_refused() {
        let query: YenteQuery = serde_json::from_str(
            r#"{"id": "x1", "schema": "Person", "properties": {"name": "Kim Sang-man",
            "address": ["Pyongyang"], "birthPlace": ["Pyongyang"], "topics": ["sanction"]}}"#,
        )
        .unwrap();
        let prepared = prepare(&query, "queries.q", LIMITS).unwrap();
        assert_eq!(prepared.prepared.names, ["Kim Sang-man"]);
        assert_eq!(
            prepared.ignored_properties,
            ["address", "birthPlace", "topics"]
        );
    }

    #[test]
    fn wrong_types_are_refused() {
        assert!(serde_json::from_str::<YenteQuery>(r#"{"properties": {"name": 5}}"#).is_err());
        assert!(serde_json::from_str::<YenteQuery>(r#"{"properties": {"name": [5]}}"#).is_err());
        assert!(serde_json::from_str::<YenteMatchRequest>(r#"{"queries": "x"}"#).is_err());
        assert!(
            serde_json::from_str::<YenteMatchRequest>(r#"{"queries": {}, "weights": {"a": "b"}}"#)
                .is_err()
        );
        let ok: YenteMatchRequest =
            serde_json::from_str(r#"{"queries": {}, "weights": {"a": 0.5}, "extra": 1}"#).unwrap();
        assert!(ok.other.contains_key("extra"));
    }
}
