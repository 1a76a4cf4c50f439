//! Building a [`Record`] from a row's mapped values: the name, dates,
//! countries, gender, type, identifiers and wallets parsed into a query,
//! and the rows with nothing to screen or oversized fields rejected.

use std::collections::HashMap;

use crate::matching::{Query, parse_query_type};
use crate::model::{DateSpec, Gender, country_code};

use super::{Field, MAX_FIELD_BYTES, Record, RowError};

/// A row read from the file before it becomes a [`Record`].
pub(super) struct RawRow {
    pub(super) line: u64,
    pub(super) values: Result<HashMap<Field, Vec<String>>, (String, String)>,
}

impl RawRow {
    pub(super) fn into_record(self, row: u64) -> Result<Record, RowError> {
        let line = self.line;
        let values = self.values.map_err(|(message, raw)| RowError {
            line,
            row,
            message,
            raw,
        })?;
        build_record(values, line, row)
    }
}

/// Turns mapped values into a record; a row with nothing to screen (no
/// name, identifier or wallet) is a row error.
fn build_record(
    values: HashMap<Field, Vec<String>>,
    line: u64,
    row: u64,
) -> Result<Record, RowError> {
    let first = |field: Field| {
        values
            .get(&field)
            .and_then(|v| v.first())
            .map(|text| text.trim())
            .filter(|text| !text.is_empty())
    };
    let all = |field: Field| -> Vec<&str> {
        values
            .get(&field)
            .into_iter()
            .flatten()
            .map(|text| text.trim())
            .filter(|text| !text.is_empty())
            .collect()
    };
    let name = match first(Field::Name) {
        Some(name) => name.to_string(),
        None => [Field::FirstName, Field::MiddleName, Field::LastName]
            .into_iter()
            .filter_map(first)
            .collect::<Vec<_>>()
            .join(" "),
    };
    let mut query = Query::name(name);
    let mut warnings = Vec::new();
    for text in all(Field::BirthDate) {
        match DateSpec::parse(text) {
            Ok(date) => query.birth_dates.push(date),
            Err(error) => warnings.push(format!("dob: {error}")),
        }
    }
    for text in all(Field::Country).into_iter().flat_map(|t| t.split(';')) {
        match country_code(text) {
            Some(code) if !query.countries.iter().any(|c| c == code) => {
                query.countries.push(code.to_string())
            }
            Some(_) => {}
            None if text.trim().is_empty() => {}
            None => warnings.push(format!("country: {:?} is not a known country", text.trim())),
        }
    }
    if let Some(text) = first(Field::Gender) {
        match Gender::parse(text) {
            Some(gender) => query.gender = Some(gender),
            None => warnings.push(format!("gender: {text:?} is not male or female")),
        }
    }
    if let Some(text) = first(Field::Type) {
        match parse_query_type(text) {
            Ok(schema) => query.schema = schema,
            Err(error) => warnings.push(error.to_string()),
        }
    }
    query.identifiers = all(Field::Identifier)
        .into_iter()
        .map(str::to_string)
        .collect();
    query.wallets = all(Field::Wallet).into_iter().map(str::to_string).collect();
    if let Some(message) = oversized_field(&query) {
        return Err(RowError {
            line,
            row,
            message,
            raw: raw_values(&values),
        });
    }
    if let Err(error) = query.check_limits() {
        return Err(RowError {
            line,
            row,
            message: error.to_string(),
            raw: raw_values(&values),
        });
    }
    if query.name.trim().is_empty() && query.identifiers.is_empty() && query.wallets.is_empty() {
        return Err(RowError {
            line,
            row,
            message: "empty name (and no identifier or address to screen)".to_string(),
            raw: raw_values(&values),
        });
    }
    let reference = first(Field::Ref).map(str::to_string);
    Ok(Record {
        line,
        row,
        reference_is_row: reference.is_none(),
        reference: reference.unwrap_or_else(|| row.to_string()),
        query,
        expected: first(Field::Expected).map(str::to_string),
        warnings,
    })
}

/// The mapped values of a row, for a rejects file.
fn raw_values(values: &HashMap<Field, Vec<String>>) -> String {
    let mut fields: Vec<(&Field, &Vec<String>)> = values.iter().collect();
    fields.sort();
    fields
        .into_iter()
        .flat_map(|(_, texts)| texts)
        .cloned()
        .collect::<Vec<_>>()
        .join(",")
}

/// Names the screened field longer than [`MAX_FIELD_BYTES`], if any.
fn oversized_field(query: &crate::matching::Query) -> Option<String> {
    let fields = std::iter::once(("name", &query.name))
        .chain(query.identifiers.iter().map(|text| ("id", text)))
        .chain(query.wallets.iter().map(|text| ("address", text)));
    for (field, text) in fields {
        if text.len() > MAX_FIELD_BYTES {
            return Some(format!(
                "{field} is {} bytes long (at most {MAX_FIELD_BYTES} are screened)",
                text.len()
            ));
        }
    }
    None
}
