//! The one table of FollowTheMoney properties embargo understands: for
//! each property of a screened schema, the model field it fills and the
//! FtM schemata that have it.
//!
//! Every reader and writer of FtM goes through this table: the FtM
//! JSON-lines reader (`sources::ftm`), the FtM export ([`super::write`])
//! and the HTTP API's FtM query examples (`embargo-server`). The names
//! and the schemata each property belongs to follow FollowTheMoney's own
//! schema definitions (version 4: `Thing`, `LegalEntity`, `Person`,
//! `Organization`, `Vehicle`, `Vessel`, `Airplane`); the FtM validation
//! test checks every row against the model installed from PyPI.
//!
//! Several properties may read into one field (`title` and `position`
//! both give titles); exactly one of them is the one written
//! ([`Property::written`]).

use crate::model::{IdKind, NamePartKind, NameQuality, Schema};

/// A set of the FtM schemata embargo writes, as bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schemata(u8);

impl Schemata {
    /// No screened schema: a property read from queries or old files only.
    pub const NONE: Schemata = Schemata(0);
    /// `Person`.
    pub const PERSON: Schemata = Schemata(1);
    /// `Organization`.
    pub const ORGANIZATION: Schemata = Schemata(2);
    /// `LegalEntity` (what [`Schema::Other`] is written as).
    pub const LEGAL_ENTITY: Schemata = Schemata(4);
    /// `Vessel`.
    pub const VESSEL: Schemata = Schemata(8);
    /// `Airplane`.
    pub const AIRPLANE: Schemata = Schemata(16);
    /// Every `LegalEntity`: persons, organizations and legal entities.
    pub const LEGAL: Schemata = Schemata(1 | 2 | 4);
    /// Every `Vehicle`: vessels and airplanes.
    pub const VEHICLE: Schemata = Schemata(8 | 16);
    /// Every `Thing` embargo writes.
    pub const THING: Schemata = Schemata(1 | 2 | 4 | 8 | 16);

    /// Both sets.
    pub const fn or(self, other: Schemata) -> Schemata {
        Schemata(self.0 | other.0)
    }

    /// True when the FtM schema embargo writes `schema` as is in the set.
    pub fn has(self, schema: Schema) -> bool {
        self.0 & Schemata::of(schema).0 != 0
    }

    /// The one-schema set of the FtM schema `schema` is written as.
    pub fn of(schema: Schema) -> Schemata {
        match schema {
            Schema::Person => Schemata::PERSON,
            Schema::Organization => Schemata::ORGANIZATION,
            Schema::Other => Schemata::LEGAL_ENTITY,
            Schema::Vessel => Schemata::VESSEL,
            Schema::Aircraft => Schemata::AIRPLANE,
        }
    }

    /// The FtM schema names in the set (`Person`, `Organization`, ...).
    pub fn names(self) -> Vec<&'static str> {
        [
            Schema::Person,
            Schema::Organization,
            Schema::Other,
            Schema::Vessel,
            Schema::Aircraft,
        ]
        .into_iter()
        .filter(|schema| self.has(*schema))
        .map(ftm_schema)
        .collect()
    }
}

/// The model field a property fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// `name`: the primary name and further strong names.
    Name,
    /// An alias of this quality.
    Alias(NameQuality),
    /// A part of the primary name (persons).
    NamePart(NamePartKind),
    /// A date of birth.
    BirthDate,
    /// A place of birth, as written.
    BirthPlace,
    /// A country of birth (read as a place of birth).
    BirthCountry,
    /// Gender.
    Gender,
    /// A title or position.
    Title,
    /// An incorporation date.
    Established,
    /// A nationality.
    Nationality,
    /// A citizenship.
    Citizenship,
    /// A country the entity is in (an address holding only the country).
    Country,
    /// An address as one line of text.
    Address,
    /// A reference to an `Address` entity.
    AddressEntity,
    /// An identifier of this kind, with the label the property implies.
    Identifier(IdKind, Option<&'static str>),
    /// A wallet address (`CURRENCY address` or a bare address).
    Wallet,
    /// A sanctions program (also `topics`).
    Program,
    /// The listing date.
    ListingDate,
    /// A remark.
    Note,
    /// Vessel flag.
    Flag,
    /// Vessel or aircraft type.
    VehicleType,
    /// Tonnage.
    Tonnage,
    /// Gross registered tonnage.
    GrossTonnage,
    /// Bookkeeping (when and where the data was collected): not kept.
    Ignored,
}

/// One FollowTheMoney property of a screened schema.
#[derive(Debug, Clone, Copy)]
pub struct Property {
    /// The property's FtM name (`birthDate`).
    pub name: &'static str,
    /// The model field it fills.
    pub field: Field,
    /// The schemata that have it.
    pub on: Schemata,
    /// True for the property the export writes for its field.
    pub written: bool,
}

/// Shorthand for a table row.
const fn row(name: &'static str, field: Field, on: Schemata, written: bool) -> Property {
    Property {
        name,
        field,
        on,
        written,
    }
}

const P: Schemata = Schemata::PERSON;
const O: Schemata = Schemata::ORGANIZATION;
const V: Schemata = Schemata::VESSEL;
const A: Schemata = Schemata::AIRPLANE;
const LEGAL: Schemata = Schemata::LEGAL;
const THING: Schemata = Schemata::THING;

/// The table. Name parts come in the order a full name joins them.
pub const PROPERTIES: &[Property] = &[
    row("name", Field::Name, THING, true),
    row("alias", Field::Alias(NameQuality::Strong), THING, true),
    row("weakAlias", Field::Alias(NameQuality::Weak), THING, true),
    row(
        "abbreviation",
        Field::Alias(NameQuality::Weak),
        LEGAL,
        false,
    ),
    row(
        "previousName",
        Field::Alias(NameQuality::Former),
        THING,
        true,
    ),
    row("firstName", Field::NamePart(NamePartKind::Given), P, true),
    row(
        "secondName",
        Field::NamePart(NamePartKind::Second),
        P,
        false,
    ),
    row("middleName", Field::NamePart(NamePartKind::Middle), P, true),
    row(
        "fatherName",
        Field::NamePart(NamePartKind::Patronymic),
        P,
        true,
    ),
    row("lastName", Field::NamePart(NamePartKind::Family), P, true),
    row("birthDate", Field::BirthDate, P, true),
    row("birthPlace", Field::BirthPlace, P, true),
    row("birthCountry", Field::BirthCountry, P, false),
    row("gender", Field::Gender, P, true),
    row("title", Field::Title, P, true),
    row("position", Field::Title, P, false),
    row("incorporationDate", Field::Established, LEGAL, true),
    row("nationality", Field::Nationality, P, true),
    row("citizenship", Field::Citizenship, P, true),
    row("country", Field::Country, THING, true),
    row("jurisdiction", Field::Country, LEGAL, false),
    row("mainCountry", Field::Country, LEGAL, false),
    row("address", Field::Address, THING, true),
    row("addressEntity", Field::AddressEntity, THING, true),
    row("idNumber", id(IdKind::NationalId, None), LEGAL, true),
    row("passportNumber", id(IdKind::Passport, None), P, true),
    row("taxNumber", id(IdKind::TaxId, None), LEGAL, true),
    row("vatCode", id(IdKind::TaxId, None), LEGAL, false),
    row("innCode", id(IdKind::TaxId, Some("INN")), LEGAL, true),
    row(
        "registrationNumber",
        id(IdKind::Registration, None),
        LEGAL.or(Schemata::VEHICLE),
        true,
    ),
    row(
        "ogrnCode",
        id(IdKind::Registration, Some("OGRN")),
        LEGAL,
        true,
    ),
    row(
        "leiCode",
        id(IdKind::Registration, Some("LEI")),
        LEGAL,
        true,
    ),
    row("imoNumber", id(IdKind::Imo, None), O.or(V), true),
    row("mmsi", id(IdKind::Mmsi, None), V, true),
    row("callSign", id(IdKind::CallSign, None), V, true),
    row("email", id(IdKind::Email, None), LEGAL, true),
    row("website", id(IdKind::Website, None), LEGAL, true),
    row("phone", id(IdKind::Phone, None), LEGAL, true),
    row("serialNumber", id(IdKind::Aircraft, None), A, true),
    row("okpoCode", id(IdKind::Other, Some("OKPO")), LEGAL, true),
    row("permId", id(IdKind::Other, Some("PermID")), O, true),
    row(
        "uniqueEntityId",
        id(IdKind::Other, Some("UEI")),
        LEGAL,
        true,
    ),
    row("dunsCode", id(IdKind::Other, Some("DUNS")), LEGAL, true),
    row(
        "swiftBic",
        id(IdKind::Other, Some("SWIFT/BIC")),
        LEGAL,
        true,
    ),
    row("icijId", id(IdKind::Other, Some("ICIJ id")), LEGAL, true),
    // Wallets are `CryptoWallet` entities in FtM (`publicKey`, `holder`);
    // these two are read on a screened entity only for older files and
    // query examples, and never written there.
    row("cryptoWallet", Field::Wallet, Schemata::NONE, false),
    row("publicKey", Field::Wallet, Schemata::NONE, false),
    // Programs and the listing date are written on `Sanction` entities.
    row("program", Field::Program, THING, false),
    row("programId", Field::Program, THING, false),
    row("topics", Field::Program, THING, false),
    row("createdAt", Field::ListingDate, THING, false),
    row("listingDate", Field::ListingDate, Schemata::NONE, false),
    row("notes", Field::Note, THING, true),
    row("summary", Field::Note, THING, false),
    row("description", Field::Note, THING, false),
    row("flag", Field::Flag, V, true),
    row("type", Field::VehicleType, Schemata::VEHICLE, true),
    row("tonnage", Field::Tonnage, V, true),
    row("grossRegisteredTonnage", Field::GrossTonnage, V, true),
    row("modifiedAt", Field::Ignored, THING, false),
    row("retrievedAt", Field::Ignored, THING, false),
    row("sourceUrl", Field::Ignored, THING, false),
    row("publisher", Field::Ignored, THING, false),
    row("publisherUrl", Field::Ignored, THING, false),
    row("alephUrl", Field::Ignored, THING, false),
    row("indexText", Field::Ignored, THING, false),
    row("proof", Field::Ignored, THING, false),
    row("wikidataId", Field::Ignored, THING, false),
];

/// Shorthand for an identifier field.
const fn id(kind: IdKind, label: Option<&'static str>) -> Field {
    Field::Identifier(kind, label)
}

/// The table row of a property name, if embargo knows it.
pub fn property(name: &str) -> Option<&'static Property> {
    PROPERTIES.iter().find(|property| property.name == name)
}

/// The property the export writes for `field` on `schema`, if the FtM
/// schema has one.
pub fn written(field: Field, schema: Schema) -> Option<&'static str> {
    PROPERTIES
        .iter()
        .find(|p| p.written && p.field == field && p.on.has(schema))
        .map(|p| p.name)
}

/// The property an identifier is written in on `schema`: the one whose
/// implied label is the identifier's own, else the kind's plain one.
/// Returns the property and whether it implies the identifier's label.
pub(crate) fn identifier_property(
    kind: IdKind,
    label: Option<&str>,
    schema: Schema,
) -> Option<(&'static str, bool)> {
    let labelled = label.and_then(|label| {
        written(
            Field::Identifier(kind, Some(static_label(kind, label)?)),
            schema,
        )
    });
    if let Some(name) = labelled {
        return Some((name, true));
    }
    written(Field::Identifier(kind, None), schema).map(|name| (name, label.is_none()))
}

/// The table's own spelling of an identifier label, when a property
/// implies it.
fn static_label(kind: IdKind, label: &str) -> Option<&'static str> {
    PROPERTIES.iter().find_map(|p| match p.field {
        Field::Identifier(k, Some(l)) if k == kind && l == label => Some(l),
        _ => None,
    })
}

/// An identifier as FtM writes it: IMO numbers carry their `IMO` prefix
/// (`IMO9187629`), which the model leaves out; every other value as it is.
pub(crate) fn ftm_identifier(kind: IdKind, value: &str) -> String {
    if kind == IdKind::Imo && !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        format!("IMO{value}")
    } else {
        value.to_string()
    }
}

/// An FtM identifier value in the model's form: an IMO number without
/// its `IMO` prefix (`IMO9187629`, `IMO 9187629` give `9187629`).
pub(crate) fn model_identifier(kind: IdKind, value: &str) -> &str {
    if kind != IdKind::Imo {
        return value;
    }
    match value.get(..3) {
        Some(prefix) if prefix.eq_ignore_ascii_case("imo") => {
            let number = value.get(3..).unwrap_or_default().trim_start();
            if number.is_empty() { value } else { number }
        }
        _ => value,
    }
}

/// The FtM schema name an embargo schema is written as.
pub fn ftm_schema(schema: Schema) -> &'static str {
    match schema {
        Schema::Person => "Person",
        Schema::Organization => "Organization",
        Schema::Vessel => "Vessel",
        Schema::Aircraft => "Airplane",
        Schema::Other => "LegalEntity",
    }
}

/// The screened schema a FollowTheMoney schema is read as, `None` for
/// schemata that are not screened by name.
pub(crate) fn thing_schema(schema: &str) -> Option<Schema> {
    match schema {
        "Person" => Some(Schema::Person),
        "Organization" | "Company" | "LegalEntity" | "PublicBody" => Some(Schema::Organization),
        "Vessel" => Some(Schema::Vessel),
        "Airplane" => Some(Schema::Aircraft),
        _ => None,
    }
}

/// A FollowTheMoney relationship schema: an entity of it ties its
/// `source` entity to its `target`, with the relation worded in `role`.
#[derive(Debug, Clone, Copy)]
pub struct Relation {
    /// The schema (`Ownership`).
    pub schema: &'static str,
    /// The property naming the entity the relation belongs to (`owner`).
    pub source: &'static str,
    /// The property naming the other entity (`asset`).
    pub target: &'static str,
    /// The property wording the relation (`role`, `relationship`).
    pub role: &'static str,
    /// How embargo words the relation when the entity gives no role
    /// (`owner of`); written back as this schema without a role.
    pub wording: &'static str,
    /// The schemata the source may be.
    pub sources: Schemata,
    /// The schemata the target may be.
    pub targets: Schemata,
}

/// Shorthand for a relation row.
const fn relation(
    schema: &'static str,
    (source, target, role): (&'static str, &'static str, &'static str),
    wording: &'static str,
    sources: Schemata,
    targets: Schemata,
) -> Relation {
    Relation {
        schema,
        source,
        target,
        role,
        wording,
        sources,
        targets,
    }
}

/// The relationship schemata read and written, `UnknownLink` first (the
/// one written for a relation worded any other way).
pub const RELATIONS: &[Relation] = &[
    relation(
        "UnknownLink",
        ("subject", "object", "role"),
        "linked to",
        THING,
        THING,
    ),
    relation(
        "Ownership",
        ("owner", "asset", "role"),
        "owner of",
        LEGAL,
        Schemata::VEHICLE,
    ),
    relation(
        "Family",
        ("person", "relative", "relationship"),
        "relative",
        P,
        P,
    ),
    relation(
        "Associate",
        ("person", "associate", "relationship"),
        "associate",
        P,
        P,
    ),
    relation(
        "Directorship",
        ("director", "organization", "role"),
        "director of",
        LEGAL,
        O,
    ),
    relation(
        "Membership",
        ("member", "organization", "role"),
        "member of",
        LEGAL,
        O,
    ),
    relation(
        "Employment",
        ("employee", "employer", "role"),
        "employee of",
        P,
        O,
    ),
    relation(
        "Representation",
        ("agent", "client", "role"),
        "agent of",
        LEGAL,
        LEGAL,
    ),
];

/// The relationship schema named `schema`, if read.
pub(crate) fn relation_schema(schema: &str) -> Option<&'static Relation> {
    RELATIONS.iter().find(|relation| relation.schema == schema)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_property_is_listed_once() {
        for (at, property) in PROPERTIES.iter().enumerate() {
            assert!(
                PROPERTIES[..at].iter().all(|p| p.name != property.name),
                "{} twice",
                property.name
            );
        }
    }

    #[test]
    fn each_field_has_one_written_property_per_schema() {
        for schema in [
            Schema::Person,
            Schema::Organization,
            Schema::Other,
            Schema::Vessel,
            Schema::Aircraft,
        ] {
            let mut fields = Vec::new();
            for property in PROPERTIES.iter().filter(|p| p.written && p.on.has(schema)) {
                assert!(
                    !fields.contains(&property.field),
                    "{:?} written twice on {schema}",
                    property.field
                );
                fields.push(property.field);
            }
            assert!(fields.len() > 5, "{schema}: {fields:?}");
        }
    }

    #[test]
    fn aircraft_numbers_are_serial_numbers_as_in_ftm() {
        assert_eq!(
            property("serialNumber").map(|p| p.field),
            Some(Field::Identifier(IdKind::Aircraft, None))
        );
        assert_eq!(
            identifier_property(IdKind::Aircraft, None, Schema::Aircraft),
            Some(("serialNumber", true))
        );
        assert_eq!(
            identifier_property(IdKind::Registration, None, Schema::Aircraft),
            Some(("registrationNumber", true))
        );
        assert_eq!(
            identifier_property(IdKind::Aircraft, None, Schema::Person),
            None
        );
    }

    #[test]
    fn imo_numbers_carry_their_prefix_in_ftm_only() {
        assert_eq!(ftm_identifier(IdKind::Imo, "9187629"), "IMO9187629");
        assert_eq!(model_identifier(IdKind::Imo, "IMO9187629"), "9187629");
        assert_eq!(model_identifier(IdKind::Imo, "imo 9187629"), "9187629");
        assert_eq!(model_identifier(IdKind::Imo, "IMO"), "IMO");
        assert_eq!(ftm_identifier(IdKind::Passport, "123"), "123");
        assert_eq!(model_identifier(IdKind::Passport, "IMO1"), "IMO1");
    }

    #[test]
    fn labelled_identifiers_find_their_property() {
        assert_eq!(
            identifier_property(IdKind::TaxId, Some("INN"), Schema::Organization),
            Some(("innCode", true))
        );
        assert_eq!(
            identifier_property(IdKind::TaxId, Some("RFC"), Schema::Organization),
            Some(("taxNumber", false))
        );
        assert_eq!(
            identifier_property(IdKind::Other, Some("RFC"), Schema::Person),
            None
        );
    }
}
