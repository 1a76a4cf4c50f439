//! Postal addresses as lists publish them.

use serde::{Deserialize, Serialize};

use super::Country;

/// An address. Lists rarely split addresses cleanly, so every field is
/// optional and holds the list's text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    /// Street and number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub street: Option<String>,
    /// City (OFAC gives city, state and postal code in one field).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// State, province or region.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Postal code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    /// Country.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<Country>,
    /// Remarks on the address (`as of early 2016`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Address {
    /// True when no field is set.
    pub fn is_empty(&self) -> bool {
        *self == Address::default()
    }

    /// The address on one line, parts joined by `, `.
    pub fn one_line(&self) -> String {
        let country = self.country.as_ref().map(|c| c.name.as_str());
        [
            self.street.as_deref(),
            self.city.as_deref(),
            self.region.as_deref(),
            self.postal_code.as_deref(),
            country,
        ]
        .into_iter()
        .flatten()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
    }
}
