//! Writing embargo entities as FollowTheMoney entities, the way FtM models
//! them: the person, organization, vessel or airplane itself, and beside it
//! one `Sanction` (programs, listing date), an `Address` per address, an
//! `Identification` or `Passport` per identifier whose country, label or
//! note its property cannot hold, a `CryptoWallet` per wallet (with
//! `holder`), and a relationship entity per resolved link (`Ownership`,
//! `Family`, ... as [`super::table::RELATIONS`] words them, `UnknownLink`
//! otherwise).
//!
//! Properties come from [`super::table`]; dates are ISO 8601 at their
//! precision; IMO numbers carry FtM's `IMO` prefix; countries are lower-case ISO codes; every entity carries
//! `datasets` (the entity's own, else its embargo source).
//!
//! What FtM has no place for is written as a note `property: value` on the
//! entity, which the reader keeps as a remark: a value of a property the
//! schema lacks (a title of an organization, a wallet of a vessel), a
//! country without an ISO code, a link to a name that resolved to no
//! entity, a vessel owner given as text. FtM dates have no ranges or
//! `circa`: a range is written as its two ends, `circa 1970` as `1970`.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::ids::{IdStyle, entity_id, ftm_id};
use super::table::{
    Field, RELATIONS, Relation, Schemata, ftm_identifier, ftm_schema, identifier_property, written,
};
use crate::model::{Address, Country, DateSpec, Entity, Gender, Identifier, NameQuality, Schema};

/// One FollowTheMoney entity, as one JSON line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FtmEntity {
    /// The FtM id.
    pub id: String,
    /// The FtM schema (`Person`, `Sanction`, ...).
    pub schema: &'static str,
    /// The display name, for screened entities.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    /// The datasets it belongs to.
    pub datasets: Vec<String>,
    /// Property → values.
    pub properties: BTreeMap<&'static str, Vec<String>>,
}

/// What writing one entity needs to know about the others of the export.
#[derive(Debug, Clone)]
pub struct ExportContext {
    /// How ids are written.
    pub style: IdStyle,
    /// The schema of every entity in the export, by embargo id: a link's
    /// target must fit its relationship schema.
    pub schemas: HashMap<String, Schema>,
}

impl ExportContext {
    /// The context for exporting `entities` (ids qualified with their
    /// source when they come from more than one).
    pub fn for_entities<'a>(entities: impl IntoIterator<Item = &'a Entity>) -> ExportContext {
        let mut schemas = HashMap::new();
        let mut sources: Vec<&str> = Vec::new();
        for entity in entities {
            if !sources.contains(&entity.source()) {
                sources.push(entity.source());
            }
            schemas.insert(entity.id.clone(), entity.schema);
        }
        let style = if sources.len() > 1 {
            IdStyle::Qualified
        } else {
            IdStyle::Native
        };
        ExportContext { style, schemas }
    }
}

/// Collects property values, skipping empty and repeated ones.
#[derive(Debug, Default)]
struct Properties(BTreeMap<&'static str, Vec<String>>);

impl Properties {
    fn add(&mut self, property: &'static str, value: impl Into<String>) {
        let value = value.into();
        let value = value.trim();
        if value.is_empty() {
            return;
        }
        let values = self.0.entry(property).or_default();
        if !values.iter().any(|known| known == value) {
            values.push(value.to_string());
        }
    }

    /// `value` in the property written for `field` on `schema`, else as a
    /// note naming the property (`fallback`).
    fn field(&mut self, field: Field, schema: Schema, fallback: &str, value: String) {
        match written(field, schema) {
            Some(property) => self.add(property, value),
            None => self.add("notes", format!("{fallback}: {value}")),
        }
    }
}

/// The properties of the entity itself (no references to the entities
/// written beside it): what the HTTP API shows of an entity.
pub fn properties(entity: &Entity) -> BTreeMap<&'static str, Vec<String>> {
    let mut properties = Properties::default();
    thing_properties(entity, &mut properties);
    properties.0
}

/// Every FtM entity that stands for `entity`: the entity first, then the
/// entities beside it.
pub fn entities(entity: &Entity, context: &ExportContext) -> Vec<FtmEntity> {
    let id = entity_id(entity, context.style);
    let datasets = if entity.datasets.is_empty() {
        vec![entity.source().to_string()]
    } else {
        entity.datasets.clone()
    };
    let mut properties = Properties::default();
    thing_properties(entity, &mut properties);
    let mut related = Related {
        holder: &id,
        datasets: &datasets,
        written: Vec::new(),
    };
    related.addresses(entity, &mut properties);
    related.identifications(entity);
    related.wallets(entity, &mut properties);
    related.sanction(entity);
    related.links(entity, context, &mut properties);
    let mut all = vec![FtmEntity {
        id: id.clone(),
        schema: ftm_schema(entity.schema),
        caption: Some(entity.caption().to_string()),
        datasets: datasets.clone(),
        properties: properties.0,
    }];
    all.extend(related.written);
    all
}

/// Names, personal facts, countries, identifiers that have a property,
/// vessel particulars and remarks.
fn thing_properties(entity: &Entity, out: &mut Properties) {
    let schema = entity.schema;
    for (at, name) in entity.names.iter().enumerate() {
        let property = match name.quality {
            _ if at == 0 => "name",
            NameQuality::Primary | NameQuality::Strong => "alias",
            NameQuality::Weak => "weakAlias",
            NameQuality::Former => "previousName",
        };
        out.add(property, name.full.as_str());
    }
    if let Some(primary) = entity.names.first() {
        for part in &primary.parts {
            if let Some(property) = written(Field::NamePart(part.kind), schema) {
                out.add(property, part.value.as_str());
            }
        }
    }
    for title in &entity.titles {
        out.field(Field::Title, schema, "title", title.clone());
    }
    if let Some(gender) = entity.gender {
        let text = match gender {
            Gender::Male => "male",
            Gender::Female => "female",
        };
        out.field(Field::Gender, schema, "gender", text.to_string());
    }
    for date in &entity.birth_dates {
        dates(out, Field::BirthDate, schema, "birthDate", date);
    }
    for place in &entity.birth_places {
        out.field(Field::BirthPlace, schema, "birthPlace", place.clone());
    }
    for date in &entity.established {
        dates(out, Field::Established, schema, "incorporationDate", date);
    }
    for country in &entity.nationalities {
        countries(out, Field::Nationality, schema, "nationality", country);
    }
    for country in &entity.citizenships {
        countries(out, Field::Citizenship, schema, "citizenship", country);
    }
    for address in entity.addresses.iter().filter(|a| country_only(a)) {
        if let Some(country) = &address.country {
            countries(out, Field::Country, schema, "country", country);
        }
    }
    for identifier in &entity.identifiers {
        match identifier_property(identifier.kind, identifier.label.as_deref(), schema) {
            Some((property, _)) => {
                out.add(property, ftm_identifier(identifier.kind, &identifier.value));
            }
            None if !can_hold_documents(schema) => {
                let label = identifier
                    .label
                    .as_deref()
                    .unwrap_or(identifier.kind.label());
                out.add("notes", format!("{label}: {}", identifier.value));
            }
            None => {}
        }
    }
    if let Some(vessel) = &entity.vessel {
        if let Some(flag) = &vessel.flag {
            countries(out, Field::Flag, schema, "flag", flag);
        }
        let texts = [
            (Field::VehicleType, "type", &vessel.vessel_type),
            (Field::Tonnage, "tonnage", &vessel.tonnage),
            (
                Field::GrossTonnage,
                "grossRegisteredTonnage",
                &vessel.gross_registered_tonnage,
            ),
        ];
        for (field, name, value) in texts {
            if let Some(value) = value {
                out.field(field, schema, name, value.clone());
            }
        }
        if let Some(owner) = &vessel.owner {
            out.add("notes", format!("owner: {owner}"));
        }
    }
    for remark in &entity.remarks {
        out.add("notes", remark.as_str());
    }
}

/// A date specification as FtM dates: the date, or a range's two ends.
fn dates(out: &mut Properties, field: Field, schema: Schema, name: &str, date: &DateSpec) {
    out.field(field, schema, name, date.from.to_string());
    if let Some(to) = date.to {
        out.field(field, schema, name, to.to_string());
    }
}

/// A country as FtM writes it (lower-case ISO code); one without a code
/// becomes a note.
fn countries(out: &mut Properties, field: Field, schema: Schema, name: &str, country: &Country) {
    match &country.code {
        Some(code) => out.field(field, schema, name, code.to_ascii_lowercase()),
        None => out.add("notes", format!("{name}: {}", country.name)),
    }
}

/// True for an address that holds only a country with a code: written as
/// the entity's `country`.
fn country_only(address: &Address) -> bool {
    address.country.as_ref().is_some_and(|c| c.code.is_some())
        && Address {
            country: None,
            ..address.clone()
        }
        .is_empty()
}

/// True when the FtM schema may hold `Identification` and `CryptoWallet`
/// entities (their `holder` is a `LegalEntity`).
fn can_hold_documents(schema: Schema) -> bool {
    Schemata::LEGAL.has(schema)
}

/// The entities written beside one entity.
struct Related<'a> {
    holder: &'a str,
    datasets: &'a [String],
    written: Vec<FtmEntity>,
}

impl Related<'_> {
    fn push(&mut self, suffix: &str, schema: &'static str, properties: Properties) {
        self.written.push(FtmEntity {
            id: format!("{}-{suffix}", self.holder),
            schema,
            caption: None,
            datasets: self.datasets.to_vec(),
            properties: properties.0,
        });
    }

    /// An `Address` per address that is more than a country, referred to
    /// by `addressEntity` and repeated as `address` text.
    fn addresses(&mut self, entity: &Entity, out: &mut Properties) {
        let addresses = entity.addresses.iter().filter(|a| !country_only(a));
        for (at, address) in addresses.enumerate() {
            let mut properties = Properties::default();
            let full = address.one_line();
            properties.add("full", full.as_str());
            let parts = [
                ("street", &address.street),
                ("city", &address.city),
                ("region", &address.region),
                ("postalCode", &address.postal_code),
                ("remarks", &address.note),
            ];
            for (name, value) in parts {
                if let Some(value) = value {
                    properties.add(name, value.as_str());
                }
            }
            if let Some(code) = address.country.as_ref().and_then(|c| c.code.as_deref()) {
                properties.add("country", code.to_ascii_lowercase());
            }
            let suffix = format!("address-{}", at + 1);
            out.add("addressEntity", format!("{}-{suffix}", self.holder));
            out.add("address", full);
            self.push(&suffix, "Address", properties);
        }
    }

    /// An `Identification` (a `Passport` for passports) per identifier
    /// whose country, note or label no property holds, or that has no
    /// property on the entity's schema.
    fn identifications(&mut self, entity: &Entity) {
        if !can_hold_documents(entity.schema) {
            return;
        }
        let mut count = 0;
        for identifier in &entity.identifiers {
            let property =
                identifier_property(identifier.kind, identifier.label.as_deref(), entity.schema);
            let needed = identifier.country.is_some()
                || identifier.note.is_some()
                || !property.is_some_and(|(_, implied)| implied);
            if !needed {
                continue;
            }
            count += 1;
            let (schema, properties) = identification(self.holder, identifier, property.is_some());
            self.push(&format!("id-{count}"), schema, properties);
        }
    }

    /// A `CryptoWallet` per wallet, held by the entity; a vessel's or
    /// aircraft's wallets (FtM holders are legal entities) become notes.
    fn wallets(&mut self, entity: &Entity, out: &mut Properties) {
        for (at, wallet) in entity.wallets.iter().enumerate() {
            if !can_hold_documents(entity.schema) {
                out.add(
                    "notes",
                    format!("cryptoWallet: {} {}", wallet.currency, wallet.address),
                );
                continue;
            }
            let mut properties = Properties::default();
            properties.add("holder", self.holder);
            properties.add("publicKey", wallet.address.as_str());
            properties.add("currencySymbol", wallet.currency.as_str());
            self.push(&format!("wallet-{}", at + 1), "CryptoWallet", properties);
        }
    }

    /// One `Sanction` holding the programs and the listing date.
    fn sanction(&mut self, entity: &Entity) {
        if entity.programs.is_empty() && entity.listed_on.is_none() {
            return;
        }
        let mut properties = Properties::default();
        properties.add("entity", self.holder);
        for program in &entity.programs {
            properties.add("program", program.as_str());
        }
        if let Some(date) = entity.listed_on {
            properties.add("listingDate", date.to_string());
        }
        self.push("sanction", "Sanction", properties);
    }

    /// A relationship entity per link to a known entity; a link to a name
    /// alone becomes a note `relation: name`.
    fn links(&mut self, entity: &Entity, context: &ExportContext, out: &mut Properties) {
        for (at, link) in entity.links.iter().enumerate() {
            let Some(target) = &link.id else {
                out.add("notes", format!("{}: {}", link.relation, link.name));
                continue;
            };
            let target_schema = context.schemas.get(target).copied();
            let relation = relation_for(&link.relation, entity.schema, target_schema);
            let mut properties = Properties::default();
            properties.add(relation.source, self.holder);
            properties.add(relation.target, ftm_id(target, context.style));
            if link.relation != relation.wording {
                properties.add(relation.role, link.relation.as_str());
            }
            properties.add("namesMentioned", link.name.as_str());
            self.push(&format!("link-{}", at + 1), relation.schema, properties);
        }
    }
}

/// The relationship schema a link is written as: the one whose own wording
/// it is, when both ends fit the schema, else `UnknownLink`.
fn relation_for(wording: &str, source: Schema, target: Option<Schema>) -> &'static Relation {
    let fits = |relation: &&Relation| {
        relation.wording == wording
            && relation.sources.has(source)
            && target.is_some_and(|target| relation.targets.has(target))
    };
    RELATIONS
        .iter()
        .find(fits)
        .or_else(|| RELATIONS.first())
        .unwrap_or(&UNKNOWN_LINK)
}

/// `UnknownLink`, should the table ever lose its first row.
const UNKNOWN_LINK: Relation = Relation {
    schema: "UnknownLink",
    source: "subject",
    target: "object",
    role: "role",
    wording: "linked to",
    sources: Schemata::THING,
    targets: Schemata::THING,
};

/// The `Identification` or `Passport` of one identifier: `type` is its
/// label, or its kind's label when no property tells the kind.
fn identification(
    holder: &str,
    identifier: &Identifier,
    has_property: bool,
) -> (&'static str, Properties) {
    let mut properties = Properties::default();
    properties.add("holder", holder);
    properties.add("number", identifier.value.as_str());
    if let Some(code) = identifier.country.as_ref().and_then(|c| c.code.as_deref()) {
        properties.add("country", code.to_ascii_lowercase());
    }
    let passport = identifier.kind == crate::model::IdKind::Passport;
    match &identifier.label {
        Some(label) => properties.add("type", label.as_str()),
        None if !has_property && !passport => properties.add("type", identifier.kind.label()),
        None => {}
    }
    if let Some(note) = &identifier.note {
        properties.add("summary", note.as_str());
    }
    let schema = if passport {
        "Passport"
    } else {
        "Identification"
    };
    (schema, properties)
}
