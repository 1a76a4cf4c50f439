//! The FCDO UK Sanctions List XML: root `Designations`, a `DateGenerated`
//! (`26/03/2026`, the publication date), then one `Designation` per
//! person, entity or ship, each read as a [`Node`] tree and mapped here.
//!
//! Elements mapped: `UniqueID` (the id), `IndividualEntityShip` (the
//! schema), `Names/Name` (`Name1`..`Name6`, `NameType`, `AliasStrength`),
//! `NonLatinNames/NonLatinName` (`NameNonLatinScript`,
//! `NonLatinScriptType`, `NonLatinScriptLanguage`), `RegimeName`,
//! `DateDesignated`, `UNReferenceNumber`, `OFSIGroupID`, `OtherInformation`,
//! `UKStatementofReasons`, `Titles`, `Addresses`, `EmailAddresses`,
//! `PhoneNumbers`, `Websites`, and under `IndividualDetails/Individual`:
//! `DOBs`, `Nationalities`, `Positions`, `Genders`, `BirthDetails`,
//! `PassportDetails`, `NationalIdentifierDetails`. Every other element
//! with text (ship and entity details, sanctions imposed) is kept as a
//! remark `Element: text`; an `IMONumber` is also an IMO identifier.

use super::fields::Target;
use crate::decode::Fallback;
use crate::model::{IdKind, Schema};
use crate::sources::published::read_primary;
use crate::sources::xml_tree::{Node, XmlShape, read_tree};
use crate::sources::{EntitySink, ListFiles, ListMeta, SourceError};

/// How a UK Sanctions List XML looks.
const SHAPE: XmlShape<'static> = XmlShape {
    format: "UK Sanctions List XML",
    root: "Designations",
    label: |node| node.text_of("UniqueID").map(str::to_string),
};

/// Elements mapped by name; every other one with text becomes a remark.
const MAPPED: [&str; 19] = [
    "UniqueID",
    "IndividualEntityShip",
    "Names",
    "NonLatinNames",
    "RegimeName",
    "DateDesignated",
    "UNReferenceNumber",
    "OFSIGroupID",
    "OtherInformation",
    "UKStatementofReasons",
    "Titles",
    "Addresses",
    "EmailAddresses",
    "PhoneNumbers",
    "Websites",
    "IndividualDetails",
    "SanctionsImposedIndicators",
    "LastUpdated",
    "DesignationSource",
];

/// Parses an FCDO UK Sanctions List XML, one entity per `Designation`.
pub fn parse(
    files: &ListFiles,
    source_id: &str,
    sink: &mut EntitySink<'_>,
) -> Result<ListMeta, SourceError> {
    let (decoded, path) = read_primary(files, "UK Sanctions List XML", Fallback::Refuse)?;
    let mut meta = ListMeta::default();
    let mut on_root = |_: &crate::sources::xml_tree::Node| {};
    let mut on_child = |node: Node, offset: usize| -> Result<(), SourceError> {
        match node.name.as_str() {
            "DateGenerated" => {
                meta.published = super::dates::uk_date(&node.text);
                Ok(())
            }
            "Designation" => {
                let entity = designation(&node, source_id).map_err(|message| {
                    let record = node.text_of("UniqueID").unwrap_or("without UniqueID");
                    SourceError::malformed(
                        &path,
                        crate::decode::line_of(&decoded.text, offset),
                        format!("record {record}: {message}"),
                    )
                })?;
                sink(entity)?;
                meta.entity_count += 1;
                Ok(())
            }
            _ => Ok(()),
        }
    };
    read_tree(&decoded.text, &path, &SHAPE, &mut on_root, &mut on_child)?;
    let records = meta.entity_count;
    meta.finish_primary(&path, records, "no Designation")
}

/// One `Designation` as an entity.
fn designation(node: &Node, source_id: &str) -> Result<crate::model::Entity, String> {
    let id = node.text_of("UniqueID").ok_or("no UniqueID")?;
    let kind = node.text_of("IndividualEntityShip").unwrap_or("Entity");
    let schema =
        Schema::parse(kind).ok_or_else(|| format!("unknown IndividualEntityShip {kind:?}"))?;
    let mut target = Target::new(format!("{source_id}:{id}"), schema);
    for name in node
        .children_named("Names")
        .flat_map(|n| n.children_named("Name"))
    {
        let part = |i: usize| {
            name.text_of(["Name1", "Name2", "Name3", "Name4", "Name5", "Name6"][i])
                .unwrap_or("")
        };
        target.add_name(
            [part(0), part(1), part(2), part(3), part(4), part(5)],
            name.text_of("NameType").unwrap_or("Alias"),
            name.text_of("AliasStrength"),
        );
    }
    for name in node
        .children_named("NonLatinNames")
        .flat_map(|n| n.children_named("NonLatinName"))
    {
        target.add_non_latin(
            name.text_of("NameNonLatinScript").unwrap_or(""),
            name.text_of("NonLatinScriptType"),
            name.text_of("NonLatinScriptLanguage"),
        );
    }
    node.texts_of("RegimeName")
        .for_each(|regime| target.add_program(regime));
    node.texts_of("DateDesignated")
        .for_each(|date| target.set_listed_on(date));
    node.texts_of("UNReferenceNumber")
        .for_each(|un| target.add_un_reference(un));
    node.texts_of("OFSIGroupID")
        .for_each(|group| target.add_remark(&format!("OFSI Group ID {group}")));
    node.texts_of("OtherInformation")
        .for_each(|text| target.add_other_information(text));
    node.texts_of("UKStatementofReasons")
        .for_each(|text| target.add_remark(&format!("UK Statement of Reasons: {text}")));
    node.texts_of("DesignationSource")
        .for_each(|text| target.add_remark(&format!("Designation source: {text}")));
    node.texts_of("LastUpdated")
        .for_each(|text| target.add_remark(&format!("Last updated {text}")));
    for title in node
        .children_named("Titles")
        .flat_map(|n| n.texts_of("Title"))
    {
        target.add_title(title);
    }
    for address in node
        .children_named("Addresses")
        .flat_map(|n| n.children_named("Address"))
    {
        let line = |i: usize| {
            let names = [
                "AddressLine1",
                "AddressLine2",
                "AddressLine3",
                "AddressLine4",
                "AddressLine5",
                "AddressLine6",
            ];
            address.text_of(names[i]).unwrap_or("")
        };
        target.add_address(
            [line(0), line(1), line(2), line(3), line(4), line(5)],
            address.text_of("AddressPostalCode").unwrap_or(""),
            address.text_of("AddressCountry").unwrap_or(""),
        );
    }
    for (container, element, kind) in [
        ("EmailAddresses", "EmailAddress", IdKind::Email),
        ("PhoneNumbers", "PhoneNumber", IdKind::Phone),
        ("Websites", "Website", IdKind::Website),
    ] {
        for value in node
            .children_named(container)
            .flat_map(|n| n.texts_of(element))
        {
            target.add_identifier(kind, value);
        }
    }
    for indicators in node.children_named("SanctionsImposedIndicators") {
        for indicator in &indicators.children {
            if indicator.text.eq_ignore_ascii_case("true") {
                target.add_remark(&format!("Sanction imposed: {}", indicator.name));
            }
        }
    }
    for individual in node
        .children_named("IndividualDetails")
        .flat_map(|n| n.children_named("Individual"))
    {
        individual_details(individual, &mut target);
    }
    for other in node
        .children
        .iter()
        .filter(|child| !MAPPED.contains(&child.name.as_str()))
    {
        keep_as_remarks(other, &mut target);
    }
    target.finish()
}

/// The `Individual` block of a designation.
fn individual_details(individual: &Node, target: &mut Target) {
    for child in &individual.children {
        match child.name.as_str() {
            "DOBs" => child
                .texts_of("DOB")
                .for_each(|dob| target.add_birth_date(dob)),
            "Nationalities" => child
                .texts_of("Nationality")
                .for_each(|n| target.add_nationalities(n)),
            "Positions" => child.texts_of("Position").for_each(|p| target.add_title(p)),
            "Genders" => child.texts_of("Gender").for_each(|g| target.set_gender(g)),
            "BirthDetails" => {
                for location in child.children_named("Location") {
                    target.add_birth_place(
                        location.text_of("TownOfBirth").unwrap_or(""),
                        location.text_of("CountryOfBirth").unwrap_or(""),
                    );
                }
            }
            "PassportDetails" => {
                for passport in child.children_named("Passport") {
                    target.add_document(
                        IdKind::Passport,
                        passport.text_of("PassportNumber").unwrap_or(""),
                        passport
                            .text_of("PassportAdditionalInformation")
                            .unwrap_or(""),
                    );
                }
            }
            "NationalIdentifierDetails" => {
                for document in child.children_named("NationalIdentifier") {
                    target.add_document(
                        IdKind::NationalId,
                        document.text_of("NationalIdentifierNumber").unwrap_or(""),
                        document
                            .text_of("NationalIdentifierAdditionalInformation")
                            .unwrap_or(""),
                    );
                }
            }
            _ => keep_as_remarks(child, target),
        }
    }
}

/// Keeps every element with text under `node` as a remark `Name: text`
/// (an `IMONumber` also as an IMO identifier), walking the tree with an
/// explicit stack.
fn keep_as_remarks(node: &Node, target: &mut Target) {
    let mut stack = vec![node];
    while let Some(current) = stack.pop() {
        if !current.text.is_empty() {
            if current.name.to_ascii_lowercase().contains("imonumber") {
                target.add_identifier(IdKind::Imo, &current.text);
            }
            target.add_remark(&format!("{}: {}", current.name, current.text));
        }
        stack.extend(current.children.iter().rev());
    }
}
