//! What a screening request asks: a name plus whatever secondary evidence
//! the caller has (birth date, countries, gender, identifiers, wallets).

use serde::Serialize;

use crate::model::{DateParseError, DateSpec, Gender, Schema, country_code};

/// One screening request.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Query {
    /// The name to screen, in any script and order.
    pub name: String,
    /// What the caller is screening; `None` screens against every kind.
    #[serde(rename = "type", serialize_with = "serialize_type")]
    pub schema: Option<Schema>,
    /// Known dates of birth (or incorporation), written as every date is
    /// (ISO 8601, see `model::DateSpec`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub birth_dates: Vec<DateSpec>,
    /// Known countries (nationality, residence, incorporation) as ISO
    /// 3166-1 alpha-2 codes, upper case.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub countries: Vec<String>,
    /// Known gender.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gender: Option<Gender>,
    /// Identifier numbers (passport, national id, registration, IMO, ...).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub identifiers: Vec<String>,
    /// Digital currency addresses.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub wallets: Vec<String>,
}

fn serialize_type<S: serde::Serializer>(
    schema: &Option<Schema>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(schema.map_or("any", Schema::as_str))
}

/// A query field that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    /// The birth date is not a date.
    #[error("birth date: {0}")]
    BirthDate(#[from] DateParseError),
    /// The country is neither an ISO code nor a known country name.
    #[error("country: {0:?} is not an ISO 3166 code or a known country name")]
    Country(String),
    /// The gender is not male or female.
    #[error("gender: {0:?} is not male or female")]
    Gender(String),
    /// The type is not person, organization, vessel, aircraft or any.
    #[error("type: {0:?} is not person, organization, vessel, aircraft or any")]
    Schema(String),
    /// The name is past a limit once normalised.
    #[error(transparent)]
    Limit(#[from] super::limits::LimitError),
}

impl Query {
    /// A query for a name alone.
    pub fn name(name: impl Into<String>) -> Query {
        Query {
            name: name.into(),
            ..Query::default()
        }
    }

    /// Adds a birth date given as text (`1965-04-25`, `25 Apr 1965`, `1965`,
    /// `1964 to 1966`).
    pub fn with_birth_date(mut self, text: &str) -> Result<Query, QueryError> {
        self.birth_dates.push(DateSpec::parse(text)?);
        Ok(self)
    }

    /// Adds a country given as an ISO code or a name (`kp`, `North Korea`).
    pub fn with_country(mut self, text: &str) -> Result<Query, QueryError> {
        let code = country_code(text).ok_or_else(|| QueryError::Country(text.to_string()))?;
        if !self.countries.iter().any(|known| known == code) {
            self.countries.push(code.to_string());
        }
        Ok(self)
    }

    /// The schema the query is screened as: the one given, else a person
    /// when a birth date or gender says so (only people have them), else
    /// any.
    pub(crate) fn implied_schema(&self) -> Option<Schema> {
        self.schema.or_else(|| {
            (!self.birth_dates.is_empty() || self.gender.is_some()).then_some(Schema::Person)
        })
    }

    /// Sets the gender from text (`male`, `F`, ...).
    pub fn with_gender(mut self, text: &str) -> Result<Query, QueryError> {
        self.gender =
            Some(Gender::parse(text).ok_or_else(|| QueryError::Gender(text.to_string()))?);
        Ok(self)
    }

    /// Sets the schema from text; `any` clears it.
    pub fn with_type(mut self, text: &str) -> Result<Query, QueryError> {
        self.schema = parse_query_type(text)?;
        Ok(self)
    }
}

/// Parses a `--type` value: a schema name or `any` (`None`).
pub fn parse_query_type(text: &str) -> Result<Option<Schema>, QueryError> {
    if text.trim().eq_ignore_ascii_case("any") || text.trim().is_empty() {
        return Ok(None);
    }
    Schema::parse(text)
        .map(Some)
        .ok_or_else(|| QueryError::Schema(text.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_from_text_fields() {
        let query = Query::name("Kim Sang-man")
            .with_birth_date("1965")
            .and_then(|q| q.with_country("North Korea"))
            .and_then(|q| q.with_country("kp"))
            .and_then(|q| q.with_type("person"))
            .unwrap();
        assert_eq!(query.countries, ["KP"]);
        assert_eq!(query.schema, Some(Schema::Person));
        assert_eq!(query.birth_dates.len(), 1);
    }

    #[test]
    fn rejects_bad_fields_with_the_field_named() {
        let error = Query::name("x").with_country("Atlantis").unwrap_err();
        assert_eq!(
            error.to_string(),
            "country: \"Atlantis\" is not an ISO 3166 code or a known country name"
        );
        assert!(Query::name("x").with_birth_date("soon").is_err());
        assert!(Query::name("x").with_type("spaceship").is_err());
        assert_eq!(Query::name("x").with_type("any").unwrap().schema, None);
    }
}
