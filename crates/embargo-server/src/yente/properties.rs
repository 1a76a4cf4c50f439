//! Which FollowTheMoney properties each schema has, for the entities
//! embargo sends in yente's shape: a client that loads a result into a
//! FtM entity (nomenklatura) must only meet properties its schema
//! defines. embargo's own property view (`crate::ftm::entity_properties`)
//! also carries values FtM keeps on other entities (`listingDate` on a
//! `Sanction`, `cryptoWallet` as a `CryptoWallet` entity, a vessel's
//! `owner` as an entity reference): those are left out here.

use std::collections::BTreeMap;

use embargo_core::model::Schema;

/// Properties of every FtM `Thing`.
const THING: &[&str] = &[
    "name",
    "alias",
    "weakAlias",
    "previousName",
    "address",
    "country",
    "program",
    "notes",
    "topics",
];
/// Added by `LegalEntity` (and so by `Person` and `Organization`).
const LEGAL_ENTITY: &[&str] = &[
    "incorporationDate",
    "taxNumber",
    "registrationNumber",
    "email",
    "website",
    "phone",
    "idNumber",
    "innCode",
    "ogrnCode",
    "vatCode",
    "leiCode",
    "swiftBic",
    "jurisdiction",
];
/// Added by `Person`.
const PERSON: &[&str] = &[
    "title",
    "gender",
    "birthDate",
    "birthPlace",
    "nationality",
    "citizenship",
    "passportNumber",
    "position",
    "firstName",
    "lastName",
];
/// Added by `Organization`.
const ORGANIZATION: &[&str] = &["imoNumber"];
/// Added by `Vessel`.
const VESSEL: &[&str] = &[
    "imoNumber",
    "mmsi",
    "callSign",
    "flag",
    "type",
    "tonnage",
    "grossRegisteredTonnage",
    "registrationNumber",
];
/// Added by `Airplane`.
const AIRPLANE: &[&str] = &["registrationNumber", "type"];

/// The FtM schema name of an embargo schema.
pub fn ftm_schema(schema: Schema) -> &'static str {
    match schema {
        Schema::Person => "Person",
        Schema::Organization => "Organization",
        Schema::Vessel => "Vessel",
        Schema::Aircraft => "Airplane",
        Schema::Other => "LegalEntity",
    }
}

/// Whether FtM's schema for `schema` has `property`.
pub fn has_property(schema: Schema, property: &str) -> bool {
    let extra: &[&[&str]] = match schema {
        Schema::Person => &[LEGAL_ENTITY, PERSON],
        Schema::Organization => &[LEGAL_ENTITY, ORGANIZATION],
        Schema::Other => &[LEGAL_ENTITY],
        Schema::Vessel => &[VESSEL],
        Schema::Aircraft => &[AIRPLANE],
    };
    THING.contains(&property) || extra.iter().any(|list| list.contains(&property))
}

/// Every property any served schema has, sorted (for
/// `/reconcile/.../suggest/property`).
pub fn all_properties() -> Vec<&'static str> {
    let mut all: Vec<&str> = [THING, LEGAL_ENTITY, PERSON, ORGANIZATION, VESSEL, AIRPLANE].concat();
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
