//! Which column feeds which query field: the fields, the header names
//! recognized for each, the user's `--columns` overrides ([`ColumnMap`])
//! and the resolution of a CSV header into a [`Layout`].

use std::collections::HashMap;

use super::RecordsError;

/// A query field a column can feed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// The record's own reference (customer number).
    Ref,
    /// Full name.
    Name,
    /// Given name, used when there is no full name column.
    FirstName,
    /// Middle name, used with [`Field::FirstName`].
    MiddleName,
    /// Family name, used with [`Field::FirstName`].
    LastName,
    /// Date of birth or incorporation.
    BirthDate,
    /// Nationality, citizenship or country.
    Country,
    /// Identifier number (passport, national id, registration, ...).
    Identifier,
    /// Entity type (person, organization, vessel, aircraft, any).
    Type,
    /// Gender.
    Gender,
    /// Digital currency address.
    Wallet,
    /// An expected entity id, in labelled evaluation sets.
    Expected,
}

impl Field {
    /// Every field.
    pub const ALL: [Field; 12] = [
        Field::Ref,
        Field::Name,
        Field::FirstName,
        Field::MiddleName,
        Field::LastName,
        Field::BirthDate,
        Field::Country,
        Field::Identifier,
        Field::Type,
        Field::Gender,
        Field::Wallet,
        Field::Expected,
    ];

    /// The key used for the field in `--columns` (`name`, `dob`, ...).
    pub fn key(self) -> &'static str {
        match self {
            Field::Ref => "ref",
            Field::Name => "name",
            Field::FirstName => "first_name",
            Field::MiddleName => "middle_name",
            Field::LastName => "last_name",
            Field::BirthDate => "dob",
            Field::Country => "country",
            Field::Identifier => "id",
            Field::Type => "type",
            Field::Gender => "gender",
            Field::Wallet => "address",
            Field::Expected => "expected",
        }
    }

    /// Header names recognized for the field when no mapping is given,
    /// compared case-insensitively with spaces, dashes and underscores
    /// ignored.
    pub(crate) fn default_headers(self) -> &'static [&'static str] {
        match self {
            Field::Ref => &[
                "ref",
                "reference",
                "id",
                "customerid",
                "customernumber",
                "recordid",
                "clientid",
                "accountid",
            ],
            Field::Name => &[
                "name",
                "fullname",
                "customername",
                "entityname",
                "legalname",
                "companyname",
            ],
            Field::FirstName => &["firstname", "givenname", "forename"],
            Field::MiddleName => &["middlename", "middlenames"],
            Field::LastName => &["lastname", "surname", "familyname"],
            Field::BirthDate => &[
                "dob",
                "dateofbirth",
                "birthdate",
                "birthday",
                "incorporationdate",
                "dateofincorporation",
            ],
            Field::Country => &[
                "country",
                "nationality",
                "citizenship",
                "countrycode",
                "countryofresidence",
                "residence",
            ],
            Field::Identifier => &[
                "idnumber",
                "identifier",
                "passport",
                "passportnumber",
                "nationalid",
                "registrationnumber",
                "taxid",
                "imo",
                "imonumber",
            ],
            Field::Type => &["type", "entitytype", "schema", "kind"],
            Field::Gender => &["gender", "sex"],
            Field::Wallet => &[
                "address",
                "wallet",
                "walletaddress",
                "cryptowallet",
                "cryptoaddress",
                "digitalcurrencyaddress",
            ],
            Field::Expected => &["expected", "expectedid", "expectedentity", "entityid"],
        }
    }

    /// Parses a `--columns` key, accepting the field keys and a few
    /// synonyms (`birth_date`, `nationality`, `wallet`).
    pub fn parse(key: &str) -> Option<Field> {
        let folded = fold_header(key);
        Field::ALL
            .into_iter()
            .find(|field| fold_header(field.key()) == folded)
            .or(match folded.as_str() {
                "birthdate" | "dateofbirth" => Some(Field::BirthDate),
                "nationality" => Some(Field::Country),
                "wallet" => Some(Field::Wallet),
                "identifier" | "idnumber" => Some(Field::Identifier),
                "reference" => Some(Field::Ref),
                "fullname" => Some(Field::Name),
                _ => None,
            })
    }
}

pub(super) fn fold_header(header: &str) -> String {
    header
        .trim()
        .trim_start_matches('\u{feff}')
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// User-given column names for fields, overriding the defaults.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ColumnMap {
    columns: Vec<(Field, String)>,
}

impl ColumnMap {
    /// Parses `name=COL,dob=COL,...`. Keys are field keys (see
    /// [`Field::key`]); a column name may not be empty.
    pub fn parse(spec: &str) -> Result<ColumnMap, RecordsError> {
        let mut columns = Vec::new();
        for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (key, column) = part
                .split_once('=')
                .ok_or_else(|| RecordsError::ColumnSpec(format!("{part:?} is not FIELD=COLUMN")))?;
            let field = Field::parse(key).ok_or_else(|| {
                let known: Vec<&str> = Field::ALL.iter().map(|f| f.key()).collect();
                RecordsError::ColumnSpec(format!(
                    "unknown field {key:?} (known: {})",
                    known.join(", ")
                ))
            })?;
            if column.trim().is_empty() {
                return Err(RecordsError::ColumnSpec(format!(
                    "empty column name for {key}"
                )));
            }
            columns.push((field, column.trim().to_string()));
        }
        Ok(ColumnMap { columns })
    }

    pub(super) fn column_for(&self, field: Field) -> Option<&str> {
        self.columns
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, column)| column.as_str())
    }
}

/// Where each field is read from in a CSV row.
#[derive(Debug, Clone, Default)]
pub(super) struct Layout {
    pub(super) positions: HashMap<Field, usize>,
    pub(super) width: usize,
}

/// Finds each field's column: the user's mapping first, else the first
/// header among the field's defaults.
pub(super) fn resolve_layout(headers: &[String], columns: &ColumnMap) -> Result<Layout, String> {
    let folded: Vec<String> = headers.iter().map(|h| fold_header(h)).collect();
    let mut positions = HashMap::new();
    for field in Field::ALL {
        let position = match columns.column_for(field) {
            Some(column) => Some(
                headers
                    .iter()
                    .position(|h| h == column)
                    .or_else(|| folded.iter().position(|h| *h == fold_header(column)))
                    .ok_or_else(|| {
                        format!(
                            "no column {column:?} for {} (columns are: {})",
                            field.key(),
                            headers.join(", ")
                        )
                    })?,
            ),
            None => field
                .default_headers()
                .iter()
                .find_map(|default| folded.iter().position(|h| h == default)),
        };
        if let Some(position) = position {
            positions.insert(field, position);
        }
    }
    let has_name = positions.contains_key(&Field::Name)
        || positions.contains_key(&Field::FirstName)
        || positions.contains_key(&Field::LastName);
    let has_key =
        positions.contains_key(&Field::Identifier) || positions.contains_key(&Field::Wallet);
    if !has_name && !has_key {
        return Err(format!(
            "no name column found (looked for name, full_name, first_name/last_name; \
             map one with --columns name=COLUMN); columns are: {}",
            headers.join(", ")
        ));
    }
    Ok(Layout {
        positions,
        width: headers.len(),
    })
}
