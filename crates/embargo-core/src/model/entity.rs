//! The [`Entity`] record and its small companions ([`Schema`], [`Gender`],
//! [`Link`], [`VesselInfo`]).

use serde::{Deserialize, Serialize};

use super::{Address, Country, DateSpec, Identifier, Name, PartialDate, Wallet};

/// What kind of thing an entity is. A person query never hits a vessel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Schema {
    /// A natural person.
    Person,
    /// A company, government body, group or any other organization.
    Organization,
    /// A ship.
    Vessel,
    /// An aircraft.
    Aircraft,
    /// Anything else a list may publish (securities, unclassified entries).
    Other,
}

impl Schema {
    /// The schema's name as written in JSON and on screen (`Person`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Schema::Person => "Person",
            Schema::Organization => "Organization",
            Schema::Vessel => "Vessel",
            Schema::Aircraft => "Aircraft",
            Schema::Other => "Other",
        }
    }

    /// Parses a schema name, case-insensitively, accepting common synonyms
    /// (`individual`, `entity`, `company`, `ship`, ...). FollowTheMoney
    /// schema names (`LegalEntity`, `Company`, `PublicBody`) map to
    /// [`Schema::Organization`].
    pub fn parse(text: &str) -> Option<Schema> {
        let lower = text.trim().to_ascii_lowercase();
        let schema = match lower.as_str() {
            "person" | "individual" | "people" | "natural person" => Schema::Person,
            "organization" | "organisation" | "entity" | "company" | "legalentity"
            | "legal entity" | "publicbody" | "public body" | "business" | "group" => {
                Schema::Organization
            }
            "vessel" | "ship" => Schema::Vessel,
            "aircraft" | "airplane" | "plane" => Schema::Aircraft,
            "other" | "thing" => Schema::Other,
            _ => return None,
        };
        Some(schema)
    }
}

impl std::fmt::Display for Schema {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Gender as lists publish it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Gender {
    /// Male.
    Male,
    /// Female.
    Female,
}

impl Gender {
    /// Parses `Male`/`Female`/`M`/`F` case-insensitively.
    pub fn parse(text: &str) -> Option<Gender> {
        match text.trim().to_ascii_lowercase().as_str() {
            "male" | "m" | "man" => Some(Gender::Male),
            "female" | "f" | "woman" => Some(Gender::Female),
            _ => None,
        }
    }
}

/// A relation to another listed entity, such as OFAC's `Linked To: NAME.`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    /// The relation as the list words it (`Linked To`, `owner`, ...).
    pub relation: String,
    /// The other entity's name as written in the list.
    pub name: String,
    /// The other entity's id when the name could be resolved within the
    /// same list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

/// The same entry on another list, as a list states it: EU and UK entries
/// carry the UN reference number of a UN designation (`TAi.001`), which
/// lets a screener recognise one designation published by several lists.
///
/// For an entity of the UN list itself the reference number is its native
/// id (`un:TAi.001`); see [`Entity::un_reference`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ListReference {
    /// The list referred to, by its usual short name (`un`).
    pub list: String,
    /// The entry's id on that list as published (`TAi.001`).
    pub id: String,
}

impl ListReference {
    /// A reference to UN reference number `id`.
    pub fn un(id: impl Into<String>) -> ListReference {
        ListReference {
            list: LIST_UN.to_string(),
            id: id.into(),
        }
    }
}

/// The [`ListReference::list`] of the UN Security Council consolidated
/// list.
pub const LIST_UN: &str = "un";

/// Vessel particulars (OFAC `sdn.csv` columns and remarks).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VesselInfo {
    /// Vessel type (`Crude Oil Tanker`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vessel_type: Option<String>,
    /// Flag state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flag: Option<Country>,
    /// Tonnage as published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tonnage: Option<String>,
    /// Gross registered tonnage as published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gross_registered_tonnage: Option<String>,
    /// Owner or operator as published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
}

impl VesselInfo {
    /// True when no field is set.
    pub fn is_empty(&self) -> bool {
        *self == VesselInfo::default()
    }
}

/// Most names (primary name and aliases) one entity keeps from a list.
/// The longest real entries hold about 100 (OFAC ent_num 10923: 95 strong
/// aliases); a thousand bounds what screening one entity costs.
pub const MAX_NAMES_PER_ENTITY: usize = 1_000;

/// One listed person, organization, vessel or aircraft.
///
/// `names[0]` is the primary name; every other name is an alias whose
/// [`super::NameQuality`] says how much it can be trusted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Stable id `<source>:<native id>`, e.g. `ofac-sdn:43377`, `un:KPi.066`.
    pub id: String,
    /// What kind of thing this is.
    pub schema: Schema,
    /// Primary name first, then aliases.
    pub names: Vec<Name>,
    /// Titles, positions and designations (`Colonel`, `Minister of ...`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub titles: Vec<String>,
    /// Gender, for persons, when published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<Gender>,
    /// Dates of birth (persons); any of them may be the true one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub birth_dates: Vec<DateSpec>,
    /// Places of birth as written.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub birth_places: Vec<String>,
    /// Nationalities.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nationalities: Vec<Country>,
    /// Citizenships (OFAC distinguishes them from nationalities).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub citizenships: Vec<Country>,
    /// Incorporation or establishment dates (organizations).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub established: Vec<DateSpec>,
    /// Addresses.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub addresses: Vec<Address>,
    /// Passports, national ids, registration numbers, IMO numbers, emails, ...
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub identifiers: Vec<Identifier>,
    /// Digital currency addresses.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub wallets: Vec<Wallet>,
    /// Sanctions programs (`DPRK3`, `CYBER2`, `KPi`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub programs: Vec<String>,
    /// Date the entity was first listed, when published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub listed_on: Option<PartialDate>,
    /// Vessel particulars.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vessel: Option<VesselInfo>,
    /// Links to other entities.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
    /// The same entry on other lists, as this list states it (the UN
    /// reference number of an EU or UK entry); see [`ListReference`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub references: Vec<ListReference>,
    /// The list within a combined publication this entry comes from (US
    /// Consolidated Screening List: `Entity List (EL) - Bureau of Industry
    /// and Security`), as published; `None` for a single list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sublist: Option<String>,
    /// Remarks kept verbatim: free comments and every remark item that has no
    /// structured field above. Nothing a list publishes is dropped.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub remarks: Vec<String>,
    /// The datasets a publication says the entity belongs to, as it names
    /// them (FollowTheMoney `datasets`, e.g. `us_ofac_sdn`); empty for lists
    /// that do not say. Not the embargo source, which is the id's prefix.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub datasets: Vec<String>,
}

impl Entity {
    /// A new entity with an id, a schema and a primary name, all else empty.
    pub fn new(id: impl Into<String>, schema: Schema, primary: Name) -> Entity {
        Entity {
            id: id.into(),
            schema,
            names: vec![primary],
            titles: Vec::new(),
            gender: None,
            birth_dates: Vec::new(),
            birth_places: Vec::new(),
            nationalities: Vec::new(),
            citizenships: Vec::new(),
            established: Vec::new(),
            addresses: Vec::new(),
            identifiers: Vec::new(),
            wallets: Vec::new(),
            programs: Vec::new(),
            listed_on: None,
            vessel: None,
            links: Vec::new(),
            references: Vec::new(),
            sublist: None,
            remarks: Vec::new(),
            datasets: Vec::new(),
        }
    }

    /// The UN reference number this entity carries: a UN reference among
    /// [`Entity::references`] (EU, UK entries), else, for an entity whose
    /// source is the UN list (`un:TAi.001`), its native id. Entities with the
    /// same UN reference number are one UN designation.
    pub fn un_reference(&self) -> Option<&str> {
        self.references
            .iter()
            .find(|reference| reference.list == LIST_UN)
            .map(|reference| reference.id.as_str())
            .or_else(|| (self.source() == LIST_UN).then(|| self.native_id()))
    }

    /// Adds a reference unless already there.
    pub fn add_reference(&mut self, reference: ListReference) {
        if !self.references.contains(&reference) {
            self.references.push(reference);
        }
    }

    /// Adds an identifier unless one of the same kind and value is
    /// already there.
    pub(crate) fn add_identifier(&mut self, identifier: Identifier) {
        let known = self.identifiers.iter().any(|known| {
            known.kind == identifier.kind && known.normalized() == identifier.normalized()
        });
        if !known {
            self.identifiers.push(identifier);
        }
    }

    /// The id of the source this entity comes from (`ofac-sdn` for
    /// `ofac-sdn:43377`).
    pub fn source(&self) -> &str {
        self.id
            .split_once(':')
            .map_or(self.id.as_str(), |(source, _)| source)
    }

    /// The entity's id within its source (`43377` for `ofac-sdn:43377`).
    pub fn native_id(&self) -> &str {
        self.id
            .split_once(':')
            .map_or(self.id.as_str(), |(_, native)| native)
    }

    /// The primary name as the list writes it (empty only for a malformed
    /// entity, which parsers never produce).
    pub fn caption(&self) -> &str {
        self.names.first().map_or("", |name| name.full.as_str())
    }

    /// Adds an alias unless the same text is already among the names.
    ///
    /// Past [`MAX_NAMES_PER_ENTITY`] names the repeat check is skipped, so
    /// that adding stays linear however many aliases a file piles on one
    /// entry; the import's entry checks (`sources::limits`) then keep the
    /// first [`MAX_NAMES_PER_ENTITY`] and say how many more were left out.
    pub fn add_name(&mut self, name: Name) {
        if self.names.len() >= MAX_NAMES_PER_ENTITY
            || !self.names.iter().any(|known| known.full == name.full)
        {
            self.names.push(name);
        }
    }

    /// Every country the entity is tied to: nationalities, citizenships,
    /// address countries and vessel flag, codes only, without repeats.
    pub fn country_codes(&self) -> Vec<&str> {
        let mut codes: Vec<&str> = Vec::new();
        let address_countries = self.addresses.iter().filter_map(|a| a.country.as_ref());
        let flag = self.vessel.iter().filter_map(|v| v.flag.as_ref());
        for country in self
            .nationalities
            .iter()
            .chain(&self.citizenships)
            .chain(address_countries)
            .chain(flag)
        {
            if let Some(code) = country.code.as_deref()
                && !codes.contains(&code)
            {
                codes.push(code);
            }
        }
        codes
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::NameQuality;

    #[test]
    fn id_splits_into_source_and_native_id() {
        let entity = Entity::new(
            "un:KPi.066",
            Schema::Person,
            Name::new("KIM", NameQuality::Primary),
        );
        assert_eq!(entity.source(), "un");
        assert_eq!(entity.native_id(), "KPi.066");
    }

    #[test]
    fn schema_parses_list_wordings() {
        assert_eq!(Schema::parse("individual"), Some(Schema::Person));
        assert_eq!(Schema::parse("LegalEntity"), Some(Schema::Organization));
        assert_eq!(Schema::parse(" Vessel "), Some(Schema::Vessel));
        assert_eq!(Schema::parse("spaceship"), None);
    }

    #[test]
    fn add_name_skips_repeats() {
        let mut entity = Entity::new(
            "x:1",
            Schema::Person,
            Name::new("A B", NameQuality::Primary),
        );
        entity.add_name(Name::new("A B", NameQuality::Strong));
        entity.add_name(Name::new("B A", NameQuality::Weak));
        assert_eq!(entity.names.len(), 2);
    }
}
