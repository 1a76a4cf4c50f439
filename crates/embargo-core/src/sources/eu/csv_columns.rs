//! The columns of the EU FSF CSV 1.1 and the XML 1.1 attribute each one
//! stands for, so that a CSV row becomes parts of the same element tree the
//! XML reader builds (`sanctionEntity` with `nameAlias`, `address`,
//! `birthdate`, `identification`, `citizenship`, `regulation`,
//! `subjectType` and `remark` children).
//!
//! A column is `<Group>_<Field>` (`NameAlias_WholeName`,
//! `BirthDate_YearRangeFrom`); the field names the XML attribute in upper
//! camel case (`WholeName` is `wholeName`), with the few exceptions the
//! table in [`column`] lists. `<Group>_Remark` is a `remark` child of the
//! group's element. The regulation summaries every group repeats
//! (`NameAlias_Regulation_Type`, ...) and the languages of regulations are
//! not read, as the XML reader does not read them either.

/// The element of the XML 1.1 tree a column's value belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Group {
    /// The `sanctionEntity` itself.
    Entity,
    /// Its `subjectType`.
    SubjectType,
    /// Its `regulation` (`Entity_Regulation_*`).
    Regulation,
    /// A `nameAlias`.
    NameAlias,
    /// An `address`.
    Address,
    /// A `birthdate`.
    BirthDate,
    /// An `identification`.
    Identification,
    /// A `citizenship`.
    Citizenship,
}

impl Group {
    /// The element's name in the XML 1.1 schema.
    pub(super) fn element(self) -> &'static str {
        match self {
            Group::Entity => "sanctionEntity",
            Group::SubjectType => "subjectType",
            Group::Regulation => "regulation",
            Group::NameAlias => "nameAlias",
            Group::Address => "address",
            Group::BirthDate => "birthdate",
            Group::Identification => "identification",
            Group::Citizenship => "citizenship",
        }
    }

    /// The groups that are child records of an entity, in the order the
    /// XML writes them.
    pub(super) const RECORDS: [Group; 7] = [
        Group::Regulation,
        Group::SubjectType,
        Group::NameAlias,
        Group::Citizenship,
        Group::BirthDate,
        Group::Identification,
        Group::Address,
    ];
}

/// What one column holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Column {
    /// `fileGenerationDate`: the publication date.
    FileDate,
    /// An attribute of a group's element.
    Attribute(Group, String),
    /// A `remark` child of a group's element (`Address_ContactInfo` and
    /// `Identification_ProgrammeDescription` too, labelled: the CSV gives
    /// contact information as one text, and the XML has no programme on
    /// an identification).
    Remark(Group),
    /// A column the XML reader does not read either (regulation
    /// summaries, languages, publication addresses).
    Ignored,
    /// A column of no known group: its values are kept as entity remarks
    /// `Column: value`.
    Unknown,
}

/// The column a header cell names (spacing around it ignored).
pub(super) fn column(header: &str) -> Column {
    let header = header.trim();
    if header.eq_ignore_ascii_case("fileGenerationDate") {
        return Column::FileDate;
    }
    let Some((prefix, field)) = header.split_once('_') else {
        return Column::Unknown;
    };
    let group = match prefix {
        "Entity" => Group::Entity,
        "NameAlias" => Group::NameAlias,
        "Address" => Group::Address,
        "BirthDate" => Group::BirthDate,
        "Identification" => Group::Identification,
        "Citizenship" => Group::Citizenship,
        _ => return Column::Unknown,
    };
    if field.starts_with("Regulation_") {
        return match (group, field.strip_prefix("Regulation_")) {
            (Group::Entity, Some("PublicationUrl")) => Column::Ignored,
            (Group::Entity, Some("Type")) => attribute(Group::Regulation, "regulationType"),
            (Group::Entity, Some(rest)) => attribute(Group::Regulation, &lower_camel(rest)),
            _ => Column::Ignored,
        };
    }
    match (group, field) {
        (_, "Remark") => Column::Remark(group),
        (Group::Address, "ContactInfo") => Column::Remark(Group::Address),
        (Group::Identification, "ProgrammeDescription") => Column::Remark(group),
        (_, "RegulationLanguage" | "PublicationUrl") => Column::Ignored,
        (Group::Entity, "EU_ReferenceNumber") => attribute(group, "euReferenceNumber"),
        (Group::Entity, "SubjectType") => attribute(Group::SubjectType, "code"),
        (Group::Entity, "SubjectType_ClassificationCode") => {
            attribute(Group::SubjectType, "classificationCode")
        }
        (Group::BirthDate, "BirthDate") => attribute(group, "birthdate"),
        (Group::BirthDate, "Day") => attribute(group, "dayOfMonth"),
        (Group::BirthDate, "Month") => attribute(group, "monthOfYear"),
        (Group::Identification, "TypeCode") => attribute(group, "identificationTypeCode"),
        (Group::Identification, "TypeDescription") => {
            attribute(group, "identificationTypeDescription")
        }
        (_, field) if field.contains('_') => Column::Unknown,
        (_, field) => attribute(group, &lower_camel(field)),
    }
}

/// A [`Column::Attribute`].
fn attribute(group: Group, name: &str) -> Column {
    Column::Attribute(group, name.to_string())
}

/// `WholeName` as `wholeName`, `CountryIso2Code` as `countryIso2Code`.
fn lower_camel(field: &str) -> String {
    let mut chars = field.chars();
    match chars.next() {
        Some(first) => first.to_ascii_lowercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

/// Attributes whose values are dates: written `dd/mm/yyyy` or ISO in the
/// CSV, ISO in the XML.
const DATE_ATTRIBUTES: [&str; 7] = [
    "designationDate",
    "publicationDate",
    "entryIntoForceDate",
    "birthdate",
    "issuedDate",
    "validFrom",
    "validTo",
];

/// Attributes whose values are flags (`true`/`false` in the XML).
const FLAG_ATTRIBUTES: [&str; 7] = [
    "circa",
    "asAtListingTime",
    "diplomatic",
    "knownExpired",
    "knownFalse",
    "reportedLost",
    "revokedByIssuer",
];

/// A CSV value as the XML writes it: dates in ISO form (`28/04/1937` is
/// `1937-04-28`; a value that is no date stays as written), flags
/// `true`/`false` (`1`, `yes`, `Y` are true).
pub(super) fn xml_value(attribute: &str, value: &str) -> String {
    if DATE_ATTRIBUTES.contains(&attribute) {
        return crate::model::PartialDate::parse(value)
            .map_or_else(|_| value.to_string(), |date| date.to_string());
    }
    if FLAG_ATTRIBUTES.contains(&attribute) {
        let lower = value.to_ascii_lowercase();
        let set = matches!(lower.as_str(), "true" | "1" | "yes" | "y");
        return if set { "true" } else { "false" }.to_string();
    }
    value.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_name_xml_attributes() {
        let attr = |group, name: &str| Column::Attribute(group, name.to_string());
        assert_eq!(
            column("NameAlias_WholeName"),
            attr(Group::NameAlias, "wholeName")
        );
        assert_eq!(
            column("Entity_EU_ReferenceNumber"),
            attr(Group::Entity, "euReferenceNumber")
        );
        assert_eq!(
            column("Entity_Regulation_Programme"),
            attr(Group::Regulation, "programme")
        );
        assert_eq!(
            column("Entity_SubjectType_ClassificationCode"),
            attr(Group::SubjectType, "classificationCode")
        );
        assert_eq!(
            column("BirthDate_Month"),
            attr(Group::BirthDate, "monthOfYear")
        );
        assert_eq!(
            column("Address_CountryIso2Code"),
            attr(Group::Address, "countryIso2Code")
        );
        assert_eq!(
            column("Identification_TypeCode"),
            attr(Group::Identification, "identificationTypeCode")
        );
        assert_eq!(
            column("Citizenship_Remark"),
            Column::Remark(Group::Citizenship)
        );
        assert_eq!(
            column("Identification_ProgrammeDescription"),
            Column::Remark(Group::Identification)
        );
        assert_eq!(column("NameAlias_Regulation_Type"), Column::Ignored);
        assert_eq!(column(" fileGenerationDate "), Column::FileDate);
        assert_eq!(column("Vessel_Flag"), Column::Unknown);
        assert_eq!(column("Comment"), Column::Unknown);
    }

    #[test]
    fn values_take_their_xml_form() {
        assert_eq!(xml_value("birthdate", "28/04/1937"), "1937-04-28");
        assert_eq!(xml_value("publicationDate", "2003-07-08"), "2003-07-08");
        assert_eq!(xml_value("validTo", "unknown"), "unknown");
        assert_eq!(xml_value("circa", "1"), "true");
        assert_eq!(xml_value("knownFalse", "FALSE"), "false");
        assert_eq!(xml_value("wholeName", "28/04/1937"), "28/04/1937");
    }
}
