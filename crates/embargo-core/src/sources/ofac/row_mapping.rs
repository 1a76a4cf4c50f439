//! The rows of each OFAC file turned into entity parts: a primary row into
//! an [`Entity`] (its remarks still unread), an alias row into a [`Name`],
//! an address row into an [`Address`].

use std::path::Path;

use crate::model::{
    Address, Country, Entity, IdKind, Identifier, Name, NameQuality, Schema, VesselInfo,
};
use crate::sources::SourceError;
use crate::sources::limits::is_usable_name;

use super::reader::{Row, value};

/// Columns of `sdn.csv` / `cons_prim.csv`.
pub(super) const PRIMARY_COLUMNS: usize = 12;
/// Columns of `alt.csv` / `cons_alt.csv`.
pub(super) const ALIAS_COLUMNS: usize = 5;
/// Columns of `add.csv` / `cons_add.csv`.
pub(super) const ADDRESS_COLUMNS: usize = 6;
/// Columns of `sdn_comments.csv` / `cons_comments.csv`.
pub(super) const COMMENT_COLUMNS: usize = 2;

/// An entity read from a primary row, before its companions and remarks.
#[derive(Debug)]
pub(super) struct PrimaryRecord {
    /// OFAC's `ent_num`.
    pub ent_num: u64,
    /// Line of the row.
    pub line: u64,
    /// The entity, without remarks applied.
    pub entity: Entity,
    /// The raw remarks text (empty when null), to be continued by the
    /// comments file and then read.
    pub remarks: String,
}

/// Reads a primary row: `ent_num, SDN_Name, SDN_Type, Program, Title,
/// Call_Sign, Vess_type, Tonnage, GRT, Vess_flag, Vess_owner, Remarks`.
pub(super) fn primary(
    row: Row,
    path: &Path,
    source_id: &str,
) -> Result<PrimaryRecord, SourceError> {
    let line = row.line;
    let malformed = |message: String| SourceError::malformed(path, line, message);
    let ent_num = ent_num(&row, path)?;
    let schema = schema(&row.fields[2]).map_err(malformed)?;
    let name =
        value(&row.fields[1]).ok_or_else(|| malformed(format!("entity {ent_num} has no name")))?;
    if !is_usable_name(name) {
        return Err(malformed(format!(
            "entity {ent_num} has no name: {name:?} has no letter or digit"
        )));
    }
    let primary_name = person_or_plain_name(name, NameQuality::Primary, schema);
    let mut entity = Entity::new(format!("{source_id}:{ent_num}"), schema, primary_name);
    entity.programs = programs(&row.fields[3]);
    entity.titles = titles(&row.fields[4]);
    if let Some(call_sign) = value(&row.fields[5]) {
        let mut identifier = Identifier::new(IdKind::CallSign, call_sign);
        identifier.label = Some("Call Sign".to_string());
        entity.identifiers.push(identifier);
    }
    entity.vessel = vessel(&row.fields[6..11]);
    let remarks = value(&row.fields[11]).map_or_else(String::new, |_| row.fields[11].clone());
    Ok(PrimaryRecord {
        ent_num,
        line,
        entity,
        remarks,
    })
}

/// The `ent_num` of any OFAC row (its first column).
pub(super) fn ent_num(row: &Row, path: &Path) -> Result<u64, SourceError> {
    let text = row.fields.first().map_or("", |field| field.trim());
    text.parse().map_err(|_| {
        SourceError::malformed(
            path,
            row.line,
            format!("ent_num must be a number, found {text:?}"),
        )
    })
}

/// What an alias row says besides its `ent_num`.
#[derive(Debug)]
pub(super) struct AliasRecord {
    /// The name's text.
    pub name: String,
    /// `aka`/`nka` are strong, `fka` former.
    pub quality: NameQuality,
    /// `alt_remarks`, when not null.
    pub remarks: Option<String>,
}

/// Reads an alias row (`ent_num, alt_num, alt_type, alt_name,
/// alt_remarks`) but its `ent_num`, read by [`ent_num`]. A row without a
/// name is `None`.
pub(super) fn alias(row: &Row, path: &Path) -> Result<Option<AliasRecord>, SourceError> {
    let alias_type = value(&row.fields[2]).unwrap_or("");
    let quality = match alias_type.to_ascii_lowercase().as_str() {
        "aka" | "nka" => NameQuality::Strong,
        "fka" => NameQuality::Former,
        _ => {
            return Err(SourceError::malformed(
                path,
                row.line,
                format!("alias type must be aka, fka or nka, found {alias_type:?}"),
            ));
        }
    };
    Ok(value(&row.fields[3]).map(|name| AliasRecord {
        name: name.to_string(),
        quality,
        remarks: value(&row.fields[4]).map(str::to_string),
    }))
}

/// An address row: `ent_num, add_num, address, city/state/postal, country,
/// add_remarks`. A row whose every field is null is `None`.
pub(super) fn address(row: &Row) -> Option<Address> {
    let text = |index: usize| value(&row.fields[index]).map(str::to_string);
    let address = Address {
        street: text(2),
        city: text(3),
        country: value(&row.fields[4]).map(Country::from_text),
        note: text(5),
        ..Address::default()
    };
    (!address.is_empty()).then_some(address)
}

/// A person's name is written `LAST, First`; other names are kept whole.
pub(super) fn person_or_plain_name(text: &str, quality: NameQuality, schema: Schema) -> Name {
    if schema == Schema::Person {
        Name::from_last_first(text, quality)
    } else {
        Name::new(text, quality)
    }
}

/// `SDN_Type`: `individual`, `vessel`, `aircraft`, or null for an
/// organization.
fn schema(field: &str) -> Result<Schema, String> {
    match value(field).map(str::to_ascii_lowercase).as_deref() {
        None => Ok(Schema::Organization),
        Some("individual") => Ok(Schema::Person),
        Some("vessel") => Ok(Schema::Vessel),
        Some("aircraft") => Ok(Schema::Aircraft),
        Some(_) => Err(format!(
            "unknown SDN_Type {:?} (expected individual, vessel, aircraft or -0-)",
            field.trim()
        )),
    }
}

/// `DPRK3] [CYBER2` as `["DPRK3", "CYBER2"]`.
fn programs(field: &str) -> Vec<String> {
    value(field)
        .map(|programs| {
            programs
                .split("] [")
                .map(|program| {
                    program.trim_matches(|c: char| c == '[' || c == ']' || c.is_whitespace())
                })
                .filter(|program| !program.is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// `Brigadier General; Major General` as two titles.
fn titles(field: &str) -> Vec<String> {
    value(field)
        .map(|titles| {
            titles
                .split(';')
                .map(str::trim)
                .filter(|title| !title.is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// `Vess_type, Tonnage, GRT, Vess_flag, Vess_owner`; `None` when all null.
fn vessel(fields: &[String]) -> Option<VesselInfo> {
    let text = |index: usize| {
        fields
            .get(index)
            .and_then(|field| value(field))
            .map(str::to_string)
    };
    let info = VesselInfo {
        vessel_type: text(0),
        tonnage: text(1),
        gross_registered_tonnage: text(2),
        flag: fields
            .get(3)
            .and_then(|field| value(field))
            .map(Country::from_text),
        owner: text(4),
    };
    (!info.is_empty()).then_some(info)
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::model::NamePartKind;

    fn row(fields: &[&str]) -> Row {
        Row {
            line: 7,
            fields: fields.iter().map(|field| field.to_string()).collect(),
        }
    }

    fn sdn_row(ent_num: &str, name: &str, sdn_type: &str, remarks: &str) -> Row {
        let null = "-0- ";
        row(&[
            ent_num,
            name,
            sdn_type,
            "DPRK3] [CYBER2",
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            remarks,
        ])
    }

    fn path() -> PathBuf {
        PathBuf::from("sdn.csv")
    }

    #[test]
    fn reads_a_person() {
        let record = primary(
            sdn_row("43377", "KIM, Sang Man", "individual", "DOB 1965."),
            &path(),
            "ofac-sdn",
        )
        .unwrap();
        assert_eq!(record.ent_num, 43377);
        assert_eq!(record.entity.id, "ofac-sdn:43377");
        assert_eq!(record.entity.schema, Schema::Person);
        assert_eq!(
            record.entity.names[0].part(NamePartKind::Family),
            Some("KIM")
        );
        assert_eq!(record.entity.programs, ["DPRK3", "CYBER2"]);
        assert_eq!(record.remarks, "DOB 1965.");
        assert_eq!(record.entity.vessel, None);
    }

    #[test]
    fn titles_are_split_at_semicolons() {
        assert_eq!(
            titles("Colonel; Commander of FDLR 1st Division"),
            ["Colonel", "Commander of FDLR 1st Division"]
        );
        assert_eq!(
            titles("Vice-Chairperson, 13th National People's Congress"),
            ["Vice-Chairperson, 13th National People's Congress"]
        );
        assert!(titles("-0- ").is_empty());
    }

    #[test]
    fn null_type_is_an_organization_with_a_whole_name() {
        let record = primary(
            sdn_row("480", "CECOEX, S.A.", "-0- ", "-0- "),
            &path(),
            "ofac-sdn",
        )
        .unwrap();
        assert_eq!(record.entity.schema, Schema::Organization);
        assert!(record.entity.names[0].parts.is_empty());
        assert_eq!(record.remarks, "");
    }

    #[test]
    fn reads_vessel_columns() {
        let fields = [
            "9000",
            "ZHENG HE",
            "vessel",
            "IRAN",
            "-0- ",
            "9LA2",
            "Crude Oil Tanker",
            "318,000",
            "163,660",
            "Iran",
            "NITC",
            "-0- ",
        ];
        let record = primary(row(&fields), &path(), "ofac-sdn").unwrap();
        let vessel = record.entity.vessel.unwrap();
        assert_eq!(vessel.vessel_type.as_deref(), Some("Crude Oil Tanker"));
        assert_eq!(vessel.flag.unwrap().code.as_deref(), Some("IR"));
        assert_eq!(vessel.gross_registered_tonnage.as_deref(), Some("163,660"));
        assert_eq!(record.entity.identifiers[0].kind, IdKind::CallSign);
        assert_eq!(record.entity.identifiers[0].value, "9LA2");
    }

    #[test]
    fn bad_primary_rows_name_the_line() {
        let unknown = primary(sdn_row("1", "X", "spaceship", "-0-"), &path(), "s").unwrap_err();
        assert_eq!(
            unknown.to_string(),
            "sdn.csv:7: unknown SDN_Type \"spaceship\" (expected individual, vessel, aircraft or -0-)"
        );
        let number = primary(sdn_row("12a", "X", "-0-", "-0-"), &path(), "s").unwrap_err();
        assert_eq!(
            number.to_string(),
            "sdn.csv:7: ent_num must be a number, found \"12a\""
        );
        let nameless = primary(sdn_row("12", "-0- ", "-0-", "-0-"), &path(), "s").unwrap_err();
        assert_eq!(nameless.to_string(), "sdn.csv:7: entity 12 has no name");
    }

    #[test]
    fn alias_types() {
        let fka = alias(&row(&["1", "2", "fka", "OLD NAME", "-0- "]), &path())
            .unwrap()
            .unwrap();
        assert_eq!(
            (fka.name.as_str(), fka.quality),
            ("OLD NAME", NameQuality::Former)
        );
        let nka = alias(&row(&["1", "2", "nka", "NEW", "-0- "]), &path())
            .unwrap()
            .unwrap();
        assert_eq!(nka.quality, NameQuality::Strong);
        let bad = alias(&row(&["1", "2", "xyz", "N", "-0- "]), &path()).unwrap_err();
        assert!(
            bad.to_string()
                .contains(":7: alias type must be aka, fka or nka")
        );
    }

    #[test]
    fn addresses() {
        let address = address(&row(&["36", "25", "-0- ", "Havana", "Cuba", "-0- "])).unwrap();
        assert_eq!(address.street, None);
        assert_eq!(address.city.as_deref(), Some("Havana"));
        assert_eq!(address.country.unwrap().code.as_deref(), Some("CU"));
        assert_eq!(
            super::address(&row(&["1", "2", "-0- ", "-0- ", "-0- ", "-0- "])),
            None
        );
    }
}
