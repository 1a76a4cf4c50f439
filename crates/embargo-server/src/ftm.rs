//! The FollowTheMoney shape used by the OpenSanctions screening API
//! (yente): an [`EntityExample`] query (`schema` plus `properties`, each a
//! list of strings) turned into embargo [`Query`]s, and an [`Entity`]
//! turned back into a `properties` map for results.
//!
//! Property names and what each means come from the one FtM property
//! table of `embargo_core::ftm::table`, which also drives the FtM import
//! and export.
//!
//! Unknown properties are refused rather than ignored: a screening client
//! that believes it sends a passport number must not silently be screened
//! on the name alone.

use std::collections::BTreeMap;

use embargo_core::ftm::table::{self, Field};
use embargo_core::matching::{Query, parse_query_type};
use embargo_core::model::Entity;
use serde::{Deserialize, Deserializer, Serialize};
use utoipa::ToSchema;

use crate::errors::ApiError;

/// What a property of an example is for in a query, by its row of the
/// FtM property table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum QueryUse {
    /// Screened as a name (`name`, `alias`, `weakAlias`, ...).
    Name,
    /// A name part, joined with the others in the table's order.
    NamePart(usize),
    /// A date of birth or incorporation.
    Date,
    /// A country (nationality, citizenship, residence, incorporation).
    Country,
    /// Gender.
    Gender,
    /// An identifier number, compared exactly whatever its kind.
    Identifier,
    /// A digital currency address.
    Wallet,
}

/// What `property` is for in a query, `None` when a query cannot use it.
fn query_use(property: &str) -> Option<QueryUse> {
    let order = table::PROPERTIES.iter().position(|p| p.name == property)?;
    let use_ = match table::PROPERTIES.get(order)?.field {
        Field::Name | Field::Alias(_) => QueryUse::Name,
        Field::NamePart(_) => QueryUse::NamePart(order),
        Field::BirthDate | Field::Established => QueryUse::Date,
        Field::Nationality | Field::Citizenship | Field::Country => QueryUse::Country,
        Field::Gender => QueryUse::Gender,
        Field::Identifier(..) => QueryUse::Identifier,
        Field::Wallet => QueryUse::Wallet,
        _ => return None,
    };
    Some(use_)
}

/// The name-part properties, in the order they join.
fn name_part_properties() -> Vec<&'static str> {
    table::PROPERTIES
        .iter()
        .filter(|p| matches!(p.field, Field::NamePart(_)))
        .map(|p| p.name)
        .collect()
}

/// FollowTheMoney schemata that cover several embargo types: screened
/// against every type.
const ANY_SCHEMATA: &[&str] = &["thing", "legalentity", "cryptowallet"];

/// One entity to screen, as the OpenSanctions `/match` API takes it.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EntityExample {
    /// `Person`, `Company`, `Organization`, `LegalEntity`, `Vessel`,
    /// `Airplane`, `Thing`; absent screens against every type.
    #[serde(default)]
    pub schema: Option<String>,
    /// Property name → values (a single string is taken as a list of one).
    #[serde(default, deserialize_with = "string_lists")]
    #[schema(value_type = BTreeMap<String, Vec<String>>)]
    pub properties: BTreeMap<String, Vec<String>>,
}

/// Limits applied to one query.
#[derive(Debug, Clone, Copy)]
pub struct FieldLimits {
    /// Most values per property.
    pub max_values: usize,
    /// Most characters per value.
    pub max_chars: usize,
}

/// A query ready to screen: the evidence (with an empty name) and the
/// names to screen it under, each screened on its own.
#[derive(Debug, Clone, PartialEq)]
pub struct PreparedQuery {
    /// Everything but the name.
    pub evidence: Query,
    /// The names; empty when only identifiers or wallets are given.
    pub names: Vec<String>,
}

impl PreparedQuery {
    /// The query for each name (or the evidence alone when there is none).
    pub fn queries(&self) -> Vec<Query> {
        if self.names.is_empty() {
            return vec![self.evidence.clone()];
        }
        self.names
            .iter()
            .map(|name| Query {
                name: name.clone(),
                ..self.evidence.clone()
            })
            .collect()
    }
}

/// Turns an example into a query; `at` names it in errors
/// (`queries.q1`).
pub fn prepare(
    example: &EntityExample,
    at: &str,
    limits: FieldLimits,
) -> Result<PreparedQuery, ApiError> {
    let mut evidence = Query::default();
    if let Some(schema) = &example.schema {
        evidence.schema = query_schema(schema)
            .map_err(|detail| ApiError::bad_request(format!("{at}.schema: {detail}")))?;
    }
    let mut names = Vec::new();
    let mut parts = Vec::new();
    for (property, values) in &example.properties {
        let field = format!("{at}.properties.{property}");
        check_values(&field, values, limits)?;
        let name = property.as_str();
        let query_use = query_use(name);
        if query_use == Some(QueryUse::Name) {
            names.extend(
                values
                    .iter()
                    .enumerate()
                    .map(|(index, v)| (format!("{field}[{index}]"), v.trim().to_string()))
                    .filter(|(_, v)| !v.is_empty()),
            );
        } else if let Some(QueryUse::NamePart(order)) = query_use {
            let values = values.iter().map(|v| v.trim()).filter(|v| !v.is_empty());
            parts.extend(values.map(|v| (order, v.to_string())));
        } else {
            let values = values.iter().map(|v| v.trim()).filter(|v| !v.is_empty());
            add_evidence(&mut evidence, query_use, values, &field)?;
        }
    }
    if !parts.is_empty() {
        parts.sort_by_key(|(order, _)| *order);
        let joined: Vec<String> = parts.into_iter().map(|(_, part)| part).collect();
        names.push((
            format!("{at}.properties ({})", name_part_properties().join(", ")),
            joined.join(" "),
        ));
    }
    names.dedup_by(|a, b| a.1 == b.1);
    for (field, name) in &names {
        let query = Query {
            name: name.clone(),
            ..evidence.clone()
        };
        query
            .check_limits()
            .map_err(|error| ApiError::bad_request(format!("{field}: {error}")))?;
    }
    let names: Vec<String> = names.into_iter().map(|(_, name)| name).collect();
    if names.is_empty() && evidence.identifiers.is_empty() && evidence.wallets.is_empty() {
        return Err(ApiError::bad_request(format!(
            "{at}.properties: nothing to screen; give a name (name, alias, firstName/lastName), \
             an identifier (idNumber, passportNumber, ...) or a cryptoWallet"
        )));
    }
    Ok(PreparedQuery { evidence, names })
}

/// Adds one non-name property's values to the query.
fn add_evidence<'a>(
    evidence: &mut Query,
    query_use: Option<QueryUse>,
    values: impl Iterator<Item = &'a str>,
    field: &str,
) -> Result<(), ApiError> {
    let bad = |index: usize, error: &dyn std::fmt::Display| {
        ApiError::bad_request(format!("{field}[{index}]: {error}"))
    };
    for (index, value) in values.enumerate() {
        let query = std::mem::take(evidence);
        *evidence = match query_use {
            Some(QueryUse::Date) => query.with_birth_date(value).map_err(|e| bad(index, &e))?,
            Some(QueryUse::Country) => query.with_country(value).map_err(|e| bad(index, &e))?,
            Some(QueryUse::Gender) => query.with_gender(value).map_err(|e| bad(index, &e))?,
            Some(QueryUse::Identifier) => push(query, |q| q.identifiers.push(value.to_string())),
            Some(QueryUse::Wallet) => push(query, |q| q.wallets.push(value.to_string())),
            _ => {
                return Err(ApiError::bad_request(format!(
                    "{field}: unknown property; supported: {}",
                    supported_properties().join(", ")
                )));
            }
        };
    }
    Ok(())
}

fn push(mut query: Query, change: impl FnOnce(&mut Query)) -> Query {
    change(&mut query);
    query
}

/// Every property a query may use, in the table's order.
pub fn supported_properties() -> Vec<&'static str> {
    table::PROPERTIES
        .iter()
        .filter(|p| query_use(p.name).is_some())
        .map(|p| p.name)
        .collect()
}

/// Refuses too many values or too long a value.
fn check_values(field: &str, values: &[String], limits: FieldLimits) -> Result<(), ApiError> {
    if values.len() > limits.max_values {
        return Err(ApiError::bad_request(format!(
            "{field}: {} values, at most {} allowed",
            values.len(),
            limits.max_values
        )));
    }
    check_lengths(field, values.iter().map(String::as_str), limits.max_chars)
}

/// Checks the size of a batch of keyed queries and prepares every one
/// with `prepare` (given the query, its field path `queries.KEY` and the
/// per-query limits), failing on the first bad one.
pub fn prepare_batch<Q, P>(
    queries: &BTreeMap<String, Q>,
    limits: &crate::Limits,
    prepare: impl Fn(&Q, &str, FieldLimits) -> Result<P, ApiError>,
) -> Result<Vec<(String, P)>, ApiError> {
    if queries.is_empty() {
        return Err(ApiError::bad_request("queries: no query given"));
    }
    if queries.len() > limits.max_queries {
        return Err(ApiError::bad_request(format!(
            "queries: {} queries, at most {} per request",
            queries.len(),
            limits.max_queries
        )));
    }
    let field_limits = FieldLimits {
        max_values: limits.max_values,
        max_chars: limits.max_chars,
    };
    queries
        .iter()
        .map(|(key, query)| {
            check_lengths(
                "queries (key)",
                std::iter::once(key.as_str()),
                limits.max_chars,
            )?;
            let prepared = prepare(query, &format!("queries.{key}"), field_limits)?;
            Ok((key.clone(), prepared))
        })
        .collect()
}

/// Refuses any value longer than `max_chars` characters.
pub fn check_lengths<'a>(
    field: &str,
    values: impl Iterator<Item = &'a str>,
    max_chars: usize,
) -> Result<(), ApiError> {
    for (index, value) in values.enumerate() {
        let chars = value.chars().count();
        if chars > max_chars {
            return Err(ApiError::bad_request(format!(
                "{field}[{index}]: {chars} characters, at most {max_chars} allowed"
            )));
        }
    }
    Ok(())
}

/// A FollowTheMoney or embargo schema name as a query type (`None`:
/// every type).
pub fn query_schema(text: &str) -> Result<Option<embargo_core::model::Schema>, String> {
    let folded = text.trim().to_ascii_lowercase();
    if ANY_SCHEMATA.contains(&folded.as_str()) {
        return Ok(None);
    }
    parse_query_type(text).map_err(|error| error.to_string())
}

/// Accepts `{"name": ["A", "B"]}` and `{"name": "A"}` alike.
fn string_lists<'de, D>(deserializer: D) -> Result<BTreeMap<String, Vec<String>>, D::Error>
where
    D: Deserializer<'de>,
{
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    let raw = BTreeMap::<String, serde_json::Value>::deserialize(deserializer)?;
    raw.into_iter()
        .map(|(key, value)| {
            let values = match OneOrMany::deserialize(value) {
                Ok(OneOrMany::One(one)) => vec![one],
                Ok(OneOrMany::Many(many)) => many,
                Err(_) => {
                    return Err(serde::de::Error::custom(format!(
                        "property {key:?} must be a string or a list of strings"
                    )));
                }
            };
            Ok((key, values))
        })
        .collect()
}

/// The entity's fields as FollowTheMoney properties (`name`, `alias`,
/// `birthDate`, `nationality`, `passportNumber`, ...), every value a
/// string, as the FtM export writes the entity itself
/// (`embargo_core::ftm::write::properties`). Beside them, what FtM keeps
/// on the entities around it, which API clients and the web UI read here:
/// `program` (a `Thing` property too), `listingDate` (of its `Sanction`)
/// and `cryptoWallet` (`CURRENCY address`, of its `CryptoWallet`s).
pub fn entity_properties(entity: &Entity) -> BTreeMap<&'static str, Vec<String>> {
    let mut properties = embargo_core::ftm::write::properties(entity);
    let mut add = |key: &'static str, value: String| {
        if !value.is_empty() {
            properties.entry(key).or_default().push(value);
        }
    };
    entity
        .programs
        .iter()
        .for_each(|p| add("program", p.clone()));
    if let Some(date) = entity.listed_on {
        add("listingDate", date.to_string());
    }
    for wallet in &entity.wallets {
        let text = format!("{} {}", wallet.currency, wallet.address);
        add("cryptoWallet", text.trim().to_string());
    }
    properties
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    const LIMITS: FieldLimits = FieldLimits {
        max_values: 5,
        max_chars: 50,
    };

    fn example(json: &str) -> EntityExample {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn maps_yente_properties_to_a_query() {
        let prepared = prepare(
            &example(
                r#"{"schema": "Person", "properties": {"name": ["Kim Sang-man"],
                "birthDate": "1965", "nationality": ["kp"], "passportNumber": ["109420132"],
                "cryptoWallet": ["0x97b1043abd9e6fc31681635166d430a458d14f9c"]}}"#,
            ),
            "queries.q1",
            LIMITS,
        )
        .unwrap();
        assert_eq!(prepared.names, ["Kim Sang-man"]);
        let query = &prepared.queries()[0];
        assert_eq!(query.name, "Kim Sang-man");
        assert_eq!(query.countries, ["KP"]);
        assert_eq!(query.birth_dates.len(), 1);
        assert_eq!(query.identifiers, ["109420132"]);
        assert_eq!(query.wallets.len(), 1);
        assert_eq!(query.schema, Some(embargo_core::model::Schema::Person));
    }

    #[test]
    fn name_parts_join_in_naming_order() {
        let prepared = prepare(
            &example(r#"{"properties": {"lastName": ["Kim"], "firstName": ["Sang Man"]}}"#),
            "q",
            LIMITS,
        )
        .unwrap();
        assert_eq!(prepared.names, ["Sang Man Kim"]);
        assert_eq!(prepared.evidence.schema, None);
    }

    #[test]
    fn errors_name_the_field() {
        let error = prepare(
            &example(r#"{"properties": {"name": ["x"], "birthDate": ["1965", "soon"]}}"#),
            "queries.a",
            LIMITS,
        )
        .unwrap_err();
        assert!(
            error
                .detail
                .starts_with("queries.a.properties.birthDate[1]: birth date"),
            "{}",
            error.detail
        );
        let error = prepare(
            &example(r#"{"properties": {"name": ["x"], "shoeSize": ["9"]}}"#),
            "q",
            LIMITS,
        )
        .unwrap_err();
        assert!(
            error
                .detail
                .contains("q.properties.shoeSize: unknown property")
        );
        let error = prepare(
            &example(r#"{"properties": {"birthDate": ["1965"]}}"#),
            "q",
            LIMITS,
        )
        .unwrap_err();
        assert!(error.detail.contains("nothing to screen"));
        let error = prepare(
            &example(r#"{"schema": "Spaceship", "properties": {"name": "x"}}"#),
            "q",
            LIMITS,
        )
        .unwrap_err();
        assert!(error.detail.starts_with("q.schema: type"));
        let long = "x".repeat(51);
        let error = prepare(
            &example(&format!(r#"{{"properties": {{"name": ["{long}"]}}}}"#)),
            "q",
            LIMITS,
        )
        .unwrap_err();
        assert!(error.detail.contains("51 characters, at most 50"));
        assert!(serde_json::from_str::<EntityExample>(r#"{"properties": {"name": 5}}"#).is_err());
    }

    #[test]
    fn entity_properties_follow_followthemoney_names() {
        let entities = embargo_core::sources::demo_entities().unwrap();
        let kim = entities.iter().find(|e| e.id == "demo:43377").unwrap();
        let properties = entity_properties(kim);
        assert_eq!(properties["name"], ["KIM, Sang Man"]);
        assert_eq!(properties["birthDate"], ["1965-04-25"]);
        assert!(properties["passportNumber"].contains(&"109420132".to_string()));
        assert!(properties["nationality"].contains(&"kp".to_string()));
    }
}
