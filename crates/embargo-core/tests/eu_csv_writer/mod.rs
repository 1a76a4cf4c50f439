//! Writes an EU FSF XML 1.1 file in the EU's CSV 1.1 layout, as the test
//! of the CSV reader needs it: no real EU CSV file is available, and the
//! real XML excerpt of the shared data may not be copied into the
//! repository, so the CSV is made at test time, from the excerpt (with
//! `EMBARGO_TEST_DATA`) or from the project's own fictional XML fixture.
//!
//! The layout, as the EU documents it: `;`-separated, UTF-8 with a
//! byte-order mark, CRLF, a header row, then one row per `nameAlias`,
//! `address`, `birthdate`, `identification` and `citizenship` of an entry,
//! each repeating the entry's own columns (`Entity_*`, with its subject
//! type and first regulation). A column `Group_Field` holds the XML
//! attribute `field` (lower camel case) of the group's element, with the
//! few names the layout spells otherwise (`Entity_EU_ReferenceNumber`,
//! `BirthDate_Day`, `Identification_TypeCode`, ...); `Group_Remark` its
//! `remark` texts. This writer is independent of the reader's own column
//! table, so that the two check each other. The citizenship rows of every
//! entry are written last, so an entry's rows are not all adjacent, as
//! the reader must allow.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

/// The fields of each group after its prefix, in the layout's order. The
/// record groups end with `LogicalId`, `RegulationLanguage`, `Remark` and
/// the seven `Regulation_*` columns (written empty: the `regulationSummary`
/// each record repeats).
const ENTITY_FIELDS: [&str; 15] = [
    "LogicalId",
    "EU_ReferenceNumber",
    "UnitedNationId",
    "DesignationDate",
    "DesignationDetails",
    "Remark",
    "SubjectType",
    "SubjectType_ClassificationCode",
    "Regulation_Type",
    "Regulation_OrganisationType",
    "Regulation_PublicationDate",
    "Regulation_EntryIntoForceDate",
    "Regulation_NumberTitle",
    "Regulation_Programme",
    "Regulation_PublicationUrl",
];

/// Each record group: CSV prefix, XML element, and its own fields.
const GROUPS: [(&str, &str, &[&str]); 5] = [
    (
        "NameAlias",
        "nameAlias",
        &[
            "LastName",
            "FirstName",
            "MiddleName",
            "WholeName",
            "NameLanguage",
            "Gender",
            "Title",
            "Function",
        ],
    ),
    (
        "Address",
        "address",
        &[
            "City",
            "Street",
            "PoBox",
            "ZipCode",
            "Region",
            "Place",
            "AsAtListingTime",
            "ContactInfo",
            "CountryIso2Code",
            "CountryDescription",
        ],
    ),
    (
        "BirthDate",
        "birthdate",
        &[
            "BirthDate",
            "Day",
            "Month",
            "Year",
            "YearRangeFrom",
            "YearRangeTo",
            "Circa",
            "CalendarType",
            "ZipCode",
            "Region",
            "Place",
            "City",
            "CountryIso2Code",
            "CountryDescription",
        ],
    ),
    (
        "Identification",
        "identification",
        &[
            "Number",
            "Diplomatic",
            "KnownExpired",
            "KnownFalse",
            "ReportedLost",
            "RevokedByIssuer",
            "IssuedBy",
            "IssuedDate",
            "ValidFrom",
            "ValidTo",
            "LatinNumber",
            "NameOnDocument",
            "TypeCode",
            "TypeDescription",
            "Region",
            "CountryIso2Code",
            "CountryDescription",
        ],
    ),
    (
        "Citizenship",
        "citizenship",
        &["Region", "CountryIso2Code", "CountryDescription"],
    ),
];

/// The columns every record group ends with.
const RECORD_TAIL: [&str; 10] = [
    "LogicalId",
    "RegulationLanguage",
    "Remark",
    "Regulation_Type",
    "Regulation_OrganisationType",
    "Regulation_PublicationDate",
    "Regulation_EntryIntoForceDate",
    "Regulation_NumberTitle",
    "Regulation_Programme",
    "Regulation_PublicationUrl",
];

/// The header row's columns (118).
pub fn header() -> Vec<String> {
    let mut columns = vec!["fileGenerationDate".to_string()];
    columns.extend(ENTITY_FIELDS.iter().map(|f| format!("Entity_{f}")));
    for (prefix, _, fields) in GROUPS {
        columns.extend(fields.iter().map(|f| format!("{prefix}_{f}")));
        columns.extend(RECORD_TAIL.iter().map(|f| format!("{prefix}_{f}")));
    }
    columns
}

/// The XML attribute a field of a group holds, where the layout does not
/// simply capitalise it.
fn attribute(prefix: &str, field: &str) -> String {
    match (prefix, field) {
        ("Entity", "EU_ReferenceNumber") => "euReferenceNumber".into(),
        ("BirthDate", "BirthDate") => "birthdate".into(),
        ("BirthDate", "Day") => "dayOfMonth".into(),
        ("BirthDate", "Month") => "monthOfYear".into(),
        ("Identification", "TypeCode") => "identificationTypeCode".into(),
        ("Identification", "TypeDescription") => "identificationTypeDescription".into(),
        _ => {
            let mut chars = field.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_ascii_lowercase().to_string() + chars.as_str()
            })
        }
    }
}

/// One element read: its attributes and the texts of its `remark`
/// children.
#[derive(Debug, Default, Clone)]
struct Element {
    attributes: BTreeMap<String, String>,
    remarks: Vec<String>,
}

impl Element {
    fn from_start(start: &BytesStart) -> Element {
        let attributes = start
            .attributes()
            .map(|a| {
                let a = a.unwrap();
                let key = a.key.local_name().as_ref().to_string();
                let value = a
                    .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .unwrap()
                    .into_owned();
                (key, value)
            })
            .collect();
        Element {
            attributes,
            remarks: Vec::new(),
        }
    }

    fn get(&self, name: &str) -> &str {
        self.attributes.get(name).map_or("", String::as_str)
    }
}

/// One `sanctionEntity`: its own element, subject type, first regulation
/// and records in document order (element name, element).
#[derive(Debug, Default)]
struct Entry {
    entity: Element,
    subject: Element,
    regulation: Option<Element>,
    records: Vec<(String, Element)>,
}

/// The entries of an FSF XML text and its `generationDate` (`yyyy-mm-dd`).
fn read_entries(xml: &str) -> (String, Vec<Entry>) {
    let mut reader = Reader::from_str(xml);
    let mut generated = String::new();
    let mut entries = Vec::new();
    let mut current: Option<Entry> = None;
    // The element a `remark` belongs to: None for the entity itself.
    let mut open_record: Option<usize> = None;
    let mut in_remark = false;
    let mut remark = String::new();
    loop {
        let event = reader.read_event().unwrap();
        match &event {
            Event::Start(start) | Event::Empty(start) => {
                let empty = matches!(event, Event::Empty(_));
                let name = start.local_name().as_ref().to_string();
                let element = Element::from_start(start);
                match name.as_str() {
                    "export" => {
                        generated = element.get("generationDate").chars().take(10).collect();
                    }
                    "sanctionEntity" => {
                        current = Some(Entry {
                            entity: element,
                            ..Entry::default()
                        });
                    }
                    "subjectType" => current.as_mut().unwrap().subject = element,
                    "regulation" => {
                        let entry = current.as_mut().unwrap();
                        if entry.regulation.is_none() {
                            entry.regulation = Some(element);
                        }
                    }
                    "remark" if !empty => {
                        in_remark = true;
                        remark.clear();
                    }
                    other if GROUPS.iter().any(|(_, element, _)| *element == other) => {
                        let entry = current.as_mut().unwrap();
                        entry.records.push((other.to_string(), element));
                        if !empty {
                            open_record = Some(entry.records.len() - 1);
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(text) if in_remark => remark.push_str(&text.xml10_content()),
            Event::GeneralRef(reference) if in_remark => {
                let resolved = quick_xml::escape::resolve_predefined_entity(reference).unwrap();
                remark.push_str(resolved);
            }
            Event::End(end) => {
                let name = end.local_name().as_ref().to_string();
                match name.as_str() {
                    "remark" => {
                        in_remark = false;
                        let entry = current.as_mut().unwrap();
                        let owner = match open_record {
                            Some(at) => &mut entry.records[at].1,
                            None => &mut entry.entity,
                        };
                        owner.remarks.push(remark.trim().to_string());
                    }
                    "sanctionEntity" => entries.push(current.take().unwrap()),
                    other if GROUPS.iter().any(|(_, element, _)| *element == other) => {
                        open_record = None;
                    }
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    (generated, entries)
}

/// The CSV 1.1 text (with byte-order mark) of the FSF XML `xml`.
pub fn csv_from_xml(xml: &str) -> String {
    let (generated, entries) = read_entries(xml);
    let date = {
        let parts: Vec<&str> = generated.split('-').collect();
        format!("{}/{}/{}", parts[2], parts[1], parts[0])
    };
    let columns = header();
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    writer.write_record(&columns).unwrap();
    let mut last_rows = Vec::new();
    for entry in &entries {
        for (element, record) in &entry.records {
            let row = row(&columns, &date, entry, element, record);
            if element == "citizenship" {
                last_rows.push(row);
            } else {
                writer.write_record(&row).unwrap();
            }
        }
    }
    for row in last_rows {
        writer.write_record(&row).unwrap();
    }
    let bytes = writer.into_inner().unwrap();
    format!("\u{feff}{}", String::from_utf8(bytes).unwrap())
}

/// One record's row: the entry's columns, then the record's group.
fn row(
    columns: &[String],
    date: &str,
    entry: &Entry,
    element: &str,
    record: &Element,
) -> Vec<String> {
    let (prefix, _, _) = GROUPS.iter().find(|(_, name, _)| *name == element).unwrap();
    columns
        .iter()
        .map(|column| {
            if column == "fileGenerationDate" {
                return date.to_string();
            }
            let (group, field) = column.split_once('_').unwrap();
            if group == "Entity" {
                return entity_value(entry, field);
            }
            if group != *prefix || field.starts_with("Regulation_") {
                return String::new();
            }
            if field == "Remark" {
                return record.remarks.join(" ");
            }
            record.get(&attribute(group, field)).to_string()
        })
        .collect()
}

/// An `Entity_*` column of an entry.
fn entity_value(entry: &Entry, field: &str) -> String {
    let regulation = entry.regulation.clone().unwrap_or_default();
    match field {
        "Remark" => entry.entity.remarks.join(" "),
        "SubjectType" => entry.subject.get("code").to_string(),
        "SubjectType_ClassificationCode" => entry.subject.get("classificationCode").to_string(),
        "Regulation_Type" => regulation.get("regulationType").to_string(),
        "Regulation_PublicationUrl" => String::new(),
        field => match field.strip_prefix("Regulation_") {
            Some(rest) => regulation.get(&attribute("Entity", rest)).to_string(),
            None => entry.entity.get(&attribute("Entity", field)).to_string(),
        },
    }
}
