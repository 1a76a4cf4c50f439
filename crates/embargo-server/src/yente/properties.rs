//! Which FollowTheMoney properties each schema has, for the entities
//! embargo sends in yente's shape: a client that loads a result into a
//! FtM entity (nomenklatura) must only meet properties its schema
//! defines. embargo's own property view (`crate::ftm::entity_properties`)
//! also carries values FtM keeps on other entities (`listingDate` on a
//! `Sanction`, `cryptoWallet` as a `CryptoWallet` entity, a vessel's
//! `owner` as an entity reference): those are left out here.

use std::collections::BTreeMap;

use embargo_core::model::Schema;

pub use embargo_core::ftm::table::ftm_schema;
use embargo_core::ftm::table::{self, PROPERTIES, Schemata};

/// Whether FtM's schema for `schema` has `property`, by the one FtM
/// property table of `embargo_core::ftm::table`.
pub fn has_property(schema: Schema, property: &str) -> bool {
    table::property(property).is_some_and(|row| row.on.has(schema))
}

/// Every property any served schema has, sorted (for
/// `/reconcile/.../suggest/property`).
pub fn all_properties() -> Vec<&'static str> {
    let mut all: Vec<&str> = PROPERTIES
        .iter()
        .filter(|row| row.on != Schemata::NONE)
        .map(|row| row.name)
        .collect();
    all.sort_unstable();
    all.dedup();
    all
}

/// Keeps the properties FtM's `schema` has, in place.
pub fn keep_schema_properties(
    schema: Schema,
    properties: &mut BTreeMap<&'static str, Vec<String>>,
) {
    properties.retain(|name, values| has_property(schema, name) && !values.is_empty());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemata_keep_only_their_properties() {
        assert!(has_property(Schema::Person, "birthDate"));
        assert!(has_property(Schema::Person, "passportNumber"));
        assert!(!has_property(Schema::Person, "imoNumber"));
        assert!(!has_property(Schema::Organization, "birthDate"));
        assert!(has_property(Schema::Vessel, "flag"));
        assert!(!has_property(Schema::Vessel, "idNumber"));
        assert!(!has_property(Schema::Person, "listingDate"));
        assert!(!has_property(Schema::Person, "cryptoWallet"));
        assert_eq!(ftm_schema(Schema::Aircraft), "Airplane");
        let all = all_properties();
        assert!(all.windows(2).all(|pair| pair[0] < pair[1]));
        assert!(all.len() > 30, "{}", all.len());
    }
}
