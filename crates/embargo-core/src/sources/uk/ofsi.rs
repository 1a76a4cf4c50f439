//! The OFSI Consolidated List CSV (`ConList.csv`), legacy and 2022
//! layouts: an optional `Last Updated,dd/mm/yyyy` line (the publication
//! date), a header row, then one row per name variation. Rows with the
//! same `Group ID` are one target, wherever they stand in the file; the
//! targets are handed on in the order of their first row.
//!
//! Columns are found by header name (case and spacing ignored), so the
//! 29-column legacy layout and the 2022 layout are read alike; a column
//! this reader does not map keeps its non-empty values as remarks
//! `Column: value`. A row whose field count differs from the header's (a
//! file cut inside a row), a row without `Group ID` and a target without
//! any name are errors naming the file, the line and the group.

use std::collections::HashMap;

use super::fields::Target;
use crate::decode::Fallback;
use crate::model::{IdKind, Schema};
use crate::sources::published::read_primary;
use crate::sources::published_csv::PublishedCsv;
use crate::sources::{EntitySink, ListFiles, ListMeta, SourceError};

/// The columns this reader maps, by normalised header name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Name(usize),
    Title,
    NonLatinName,
    NonLatinScript,
    NonLatinLanguage,
    Dob,
    TownOfBirth,
    CountryOfBirth,
    Nationality,
    PassportNumber,
    PassportDetails,
    NationalIdNumber,
    NationalIdDetails,
    Position,
    Address(usize),
    PostCode,
    Country,
    OtherInformation,
    GroupType,
    AliasType,
    AliasQuality,
    Regime,
    ListedOn,
    GroupId,
    SanctionsListRef,
    Imo,
    Email,
    Phone,
    Website,
    Registration,
    Ignored,
}

/// The column a header names, `None` for one kept as remarks.
fn column(header: &str) -> Option<Column> {
    let key: String = header
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .flat_map(|c| c.to_lowercase())
        .collect();
    let column = match key.as_str() {
        "name1" | "name2" | "name3" | "name4" | "name5" | "name6" => {
            Column::Name(usize::from(key.as_bytes()[4] - b'1'))
        }
        "title" => Column::Title,
        "namenonlatinscript" => Column::NonLatinName,
        "nonlatinscripttype" => Column::NonLatinScript,
        "nonlatinscriptlanguage" => Column::NonLatinLanguage,
        "dob" => Column::Dob,
        "townofbirth" => Column::TownOfBirth,
        "countryofbirth" => Column::CountryOfBirth,
        "nationality" => Column::Nationality,
        "passportnumber" => Column::PassportNumber,
        "passportdetails" => Column::PassportDetails,
        "nationalidentificationnumber" | "ninumber" => Column::NationalIdNumber,
        "nationalidentificationdetails" => Column::NationalIdDetails,
        "position" => Column::Position,
        "address1" | "address2" | "address3" | "address4" | "address5" | "address6" => {
            Column::Address(usize::from(key.as_bytes()[7] - b'1'))
        }
        "postzipcode" => Column::PostCode,
        "country" => Column::Country,
        "otherinformation" => Column::OtherInformation,
        "grouptype" => Column::GroupType,
        "aliastype" => Column::AliasType,
        "aliasquality" => Column::AliasQuality,
        "regime" => Column::Regime,
        "listedon" => Column::ListedOn,
        "groupid" => Column::GroupId,
        "uksanctionslistref" => Column::SanctionsListRef,
        "imonumber" => Column::Imo,
        "emailaddress" | "email" => Column::Email,
        "phonenumber" | "phone" => Column::Phone,
        "website" => Column::Website,
        "businessregistrationnumbers" | "businessregistrationnumber" => Column::Registration,
        "lastupdated" => Column::Ignored,
        _ => return None,
    };
    Some(column)
}

/// Parses an OFSI Consolidated List CSV.
pub fn parse(
    files: &ListFiles,
    source_id: &str,
    sink: &mut EntitySink<'_>,
) -> Result<ListMeta, SourceError> {
    let (decoded, path) = read_primary(files, "OFSI Consolidated List CSV", Fallback::Windows1252)?;
    let text = decoded.text.as_str();
    let mut meta = ListMeta::default();
    // The `Last Updated` line, when there is one.
    let body_offset = match text.split_once('\n') {
        Some((first, rest))
            if first
                .trim_start()
                .to_ascii_lowercase()
                .starts_with("last updated") =>
        {
            meta.published = first
                .split(',')
                .nth(1)
                .and_then(|date| super::dates::uk_date(date.trim().trim_matches('"')));
            text.len() - rest.len()
        }
        _ => 0,
    };
    let mut csv_rows =
        PublishedCsv::open(text, body_offset, b',', &path, "OFSI Consolidated List")?;
    let first_line = csv_rows.header_line();
    let headers = csv_rows.headers().to_vec();
    let columns: Vec<Option<Column>> = headers.iter().map(|h| column(h)).collect();
    let group_column = columns
        .iter()
        .position(|c| *c == Some(Column::GroupId))
        .ok_or_else(|| {
            SourceError::malformed(
                &path,
                first_line,
                "no `Group ID` column: not an OFSI Consolidated List",
            )
        })?;
    let mut targets: Vec<(Target, Option<csv::Position>, String)> = Vec::new();
    let mut by_group: HashMap<String, usize> = HashMap::new();
    let mut rows = 0usize;
    let mut record = csv::StringRecord::new();
    while csv_rows.next_row(&mut record, || last_group(&targets))? {
        rows += 1;
        // The line is computed only for an error: counting lines from the
        // start for every row would make the import quadratic.
        let position = record.position().cloned();
        let group = record.get(group_column).unwrap_or("").trim().to_string();
        if group.is_empty() {
            return Err(SourceError::malformed(
                &path,
                csv_rows.line_at(position.as_ref()),
                format!("row without Group ID{}", last_group(&targets)),
            ));
        }
        let index = match by_group.get(&group) {
            Some(&index) => index,
            None => {
                let target =
                    new_target(&record, &columns, &group, source_id).map_err(|message| {
                        SourceError::malformed(
                            &path,
                            csv_rows.line_at(position.as_ref()),
                            format!("group {group}: {message}"),
                        )
                    })?;
                targets.push((target, position, group.clone()));
                by_group.insert(group, targets.len() - 1);
                targets.len() - 1
            }
        };
        if let Some((target, _, _)) = targets.get_mut(index) {
            add_row(target, &record, &columns, &headers);
        }
    }
    for (target, position, group) in targets {
        let entity = target.finish().map_err(|message| {
            SourceError::malformed(
                &path,
                csv_rows.line_at(position.as_ref()),
                format!("group {group}: {message}"),
            )
        })?;
        sink(entity)?;
        meta.entity_count += 1;
    }
    meta.finish_primary(&path, rows, "no row")
}

/// ` (after group N)`, naming the last group read, for messages.
fn last_group(targets: &[(Target, Option<csv::Position>, String)]) -> String {
    targets.last().map_or(String::new(), |(_, _, group)| {
        format!(" (after group {group})")
    })
}

/// The target a group's first row starts: id from `UK Sanctions List Ref`
/// when given, else the Group ID; schema from `Group Type`.
fn new_target(
    record: &csv::StringRecord,
    columns: &[Option<Column>],
    group: &str,
    source_id: &str,
) -> Result<Target, String> {
    let value = |wanted: Column| {
        columns
            .iter()
            .position(|c| *c == Some(wanted))
            .and_then(|i| record.get(i))
            .map(str::trim)
            .filter(|v| !v.is_empty())
    };
    let kind = value(Column::GroupType).unwrap_or("Entity");
    let schema = Schema::parse(kind).ok_or_else(|| format!("unknown Group Type {kind:?}"))?;
    let native = value(Column::SanctionsListRef).unwrap_or(group);
    let mut target = Target::new(format!("{source_id}:{native}"), schema);
    if native != group {
        target.add_remark(&format!("OFSI Group ID {group}"));
    }
    Ok(target)
}

/// Adds what one row says to its target.
fn add_row(
    target: &mut Target,
    record: &csv::StringRecord,
    columns: &[Option<Column>],
    headers: &[String],
) {
    let mut names = [""; 6];
    let mut address = [""; 6];
    let (mut alias_type, mut alias_quality) = ("", None);
    let (mut non_latin, mut script, mut language) = ("", None, None);
    let (mut town, mut country_of_birth) = ("", "");
    let (mut passport_number, mut passport_details) = ("", "");
    let (mut id_number, mut id_details) = ("", "");
    let (mut post_code, mut country) = ("", "");
    for (position, value) in record.iter().enumerate() {
        let value = value.trim();
        if value.is_empty() {
            continue;
        }
        match columns.get(position).copied().flatten() {
            Some(Column::Name(i)) => names[i.min(5)] = value,
            Some(Column::Address(i)) => address[i.min(5)] = value,
            Some(Column::AliasType) => alias_type = value,
            Some(Column::AliasQuality) => alias_quality = Some(value),
            Some(Column::NonLatinName) => non_latin = value,
            Some(Column::NonLatinScript) => script = Some(value),
            Some(Column::NonLatinLanguage) => language = Some(value),
            Some(Column::TownOfBirth) => town = value,
            Some(Column::CountryOfBirth) => country_of_birth = value,
            Some(Column::PassportNumber) => passport_number = value,
            Some(Column::PassportDetails) => passport_details = value,
            Some(Column::NationalIdNumber) => id_number = value,
            Some(Column::NationalIdDetails) => id_details = value,
            Some(Column::PostCode) => post_code = value,
            Some(Column::Country) => country = value,
            Some(Column::Title) | Some(Column::Position) => target.add_title(value),
            Some(Column::Dob) => target.add_birth_date(value),
            Some(Column::Nationality) => target.add_nationalities(value),
            Some(Column::OtherInformation) => target.add_other_information(value),
            Some(Column::Regime) => target.add_program(value),
            Some(Column::ListedOn) => target.set_listed_on(value),
            Some(Column::Imo) => target.add_identifier(IdKind::Imo, value),
            Some(Column::Email) => target.add_identifier(IdKind::Email, value),
            Some(Column::Phone) => target.add_identifier(IdKind::Phone, value),
            Some(Column::Website) => target.add_identifier(IdKind::Website, value),
            Some(Column::Registration) => target.add_identifier(IdKind::Registration, value),
            Some(
                Column::GroupId | Column::GroupType | Column::SanctionsListRef | Column::Ignored,
            ) => {}
            None => {
                let header = headers.get(position).map_or("column", String::as_str);
                target.add_remark(&format!("{header}: {value}"));
            }
        }
    }
    target.add_name(names, alias_type, alias_quality);
    target.add_non_latin(non_latin, script, language);
    target.add_birth_place(town, country_of_birth);
    if !passport_number.is_empty() || !passport_details.is_empty() {
        target.add_document(IdKind::Passport, passport_number, passport_details);
    }
    if !id_number.is_empty() || !id_details.is_empty() {
        target.add_document(IdKind::NationalId, id_number, id_details);
    }
    target.add_address(address, post_code, country);
}
