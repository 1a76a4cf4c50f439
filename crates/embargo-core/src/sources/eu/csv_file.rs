//! The EU FSF CSV 1.1 file: a header row (`fileGenerationDate;
//! Entity_LogicalId;...`), then one row per name alias, address, birth
//! date, identification or citizenship line of an entry, `;`-separated,
//! UTF-8 with a byte-order mark. Rows with the same `Entity_LogicalId` are
//! one entry wherever they stand in the file; each entry becomes the
//! element tree the XML reader builds (columns mapped by `csv_columns`)
//! and is mapped by `entry`, so both formats give the same entities. The
//! entries are handed on in the order of their first row.
//!
//! A group's line repeated on several rows (the CSV repeats an entry's
//! fields on each of its rows) is kept once: by its logical id
//! (`NameAlias_LogicalId`), else by its values. An entry holds at most
//! [`MAX_NODE_ELEMENTS`] lines, the bound of an XML record.
//!
//! Errors name the file, the line, the data row and the column: a row
//! whose field count differs from the header's (a file cut inside a row),
//! a file cut inside a quoted field, a row without `Entity_LogicalId`, two
//! rows of one logical id giving different EU reference numbers, an entry
//! without any name.

use std::collections::{HashMap, HashSet};

use super::csv_columns::{Column, Group, column, xml_value};
use super::entry::map_entry;
use crate::decode::{Fallback, line_of};
use crate::model::PartialDate;
use crate::sources::delimiter::header_delimiter;
use crate::sources::limits::grouped;
use crate::sources::published::{cut_inside_quotes, read_primary};
use crate::sources::xml_tree::{MAX_NODE_ELEMENTS, Node};
use crate::sources::{EntitySink, ListFiles, ListMeta, SourceError};

/// The header of the column that groups rows into entries.
const LOGICAL_ID: &str = "Entity_LogicalId";

/// One entry being assembled from its rows.
struct Pending {
    /// The `sanctionEntity` tree so far.
    node: Node,
    /// Line and data row of its first row, for messages.
    line: u64,
    row: usize,
    /// Keys of the group lines already added (kept once).
    seen: HashSet<(Group, String)>,
}

impl Pending {
    /// True the first time a line with `key` is met in `group`; `Err` once
    /// the entry holds more than [`MAX_NODE_ELEMENTS`] lines.
    fn first_time(&mut self, group: Group, key: String) -> Result<bool, String> {
        if !self.seen.insert((group, key)) {
            return Ok(false);
        }
        if self.seen.len() > MAX_NODE_ELEMENTS {
            return Err(format!(
                "the entry holds more than {} lines: not the structure of an EU FSF CSV",
                grouped(MAX_NODE_ELEMENTS)
            ));
        }
        Ok(true)
    }

    /// Adds a `remark` child to the entry, once per text.
    fn add_remark(&mut self, text: &str) -> Result<(), String> {
        if self.first_time(Group::Entity, format!("remark={text}"))? {
            self.node.children.push(Node {
                name: "remark".to_string(),
                text: text.to_string(),
                ..Node::default()
            });
        }
        Ok(())
    }
}

/// Parses an EU FSF CSV 1.1 file.
pub fn parse(
    files: &ListFiles,
    source_id: &str,
    sink: &mut EntitySink<'_>,
) -> Result<ListMeta, SourceError> {
    let (decoded, path) = read_primary(files, "EU FSF CSV", Fallback::Refuse)?;
    let text = decoded.text.as_str();
    if let Some(line) = cut_inside_quotes(text) {
        return Err(SourceError::malformed(
            &path,
            line,
            "the file ends inside a quoted field: it is cut or corrupted",
        ));
    }
    // A record's position may point at the line end before it (CRLF).
    let line_at = |position: Option<&csv::Position>| {
        position.map_or(1, |p| {
            let start = p.byte() as usize;
            let skipped = text.get(start..).map_or(0, |rest| {
                rest.len() - rest.trim_start_matches(['\r', '\n']).len()
            });
            line_of(text, start + skipped)
        })
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .delimiter(header_delimiter(text.as_bytes()))
        .from_reader(text.as_bytes());
    let mut record = csv::StringRecord::new();
    let header_read = reader
        .read_record(&mut record)
        .map_err(|error| SourceError::malformed(&path, 1, error.to_string()))?;
    if !header_read {
        return Err(SourceError::invalid(
            &path,
            "no header row: not an EU FSF CSV",
        ));
    }
    let headers: Vec<String> = record.iter().map(|h| h.trim().to_string()).collect();
    let columns: Vec<Column> = headers.iter().map(|h| column(h)).collect();
    let id_column = headers
        .iter()
        .position(|h| h.eq_ignore_ascii_case(LOGICAL_ID))
        .ok_or_else(|| {
            SourceError::malformed(
                &path,
                1,
                format!("no `{LOGICAL_ID}` column: not an EU FSF CSV"),
            )
        })?;
    let mut meta = ListMeta::default();
    let mut pending: Vec<Pending> = Vec::new();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    let mut rows = 0usize;
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(error) => {
                let line = line_at(error.position());
                let message = match error.kind() {
                    csv::ErrorKind::UnequalLengths {
                        expected_len, len, ..
                    } => format!(
                        "row {}: {len} field(s), the header {expected_len}: the file is cut or \
                         corrupted",
                        rows + 1
                    ),
                    _ => format!("row {}: {error}", rows + 1),
                };
                return Err(SourceError::malformed(&path, line, message));
            }
        }
        rows += 1;
        // The line is computed only when needed: counting lines from the
        // start for every row would make the import quadratic.
        let position = record.position().cloned();
        let at = |message: String| {
            SourceError::malformed(
                &path,
                line_at(position.as_ref()),
                format!("row {rows}: {message}"),
            )
        };
        let id = record.get(id_column).unwrap_or("").trim();
        if id.is_empty() {
            return Err(at(format!("column {LOGICAL_ID} is empty")));
        }
        if meta.published.is_none() {
            meta.published = file_date(&record, &columns);
        }
        let index = match by_id.get(id) {
            Some(&index) => index,
            None => {
                pending.push(Pending {
                    node: Node {
                        name: Group::Entity.element().to_string(),
                        ..Node::default()
                    },
                    line: line_at(position.as_ref()),
                    row: rows,
                    seen: HashSet::new(),
                });
                by_id.insert(id.to_string(), pending.len() - 1);
                pending.len() - 1
            }
        };
        if let Some(entry) = pending.get_mut(index) {
            add_row(entry, &record, &columns, &headers).map_err(at)?;
        }
    }
    for entry in pending {
        let label = entry_label(&entry.node);
        let entity = map_entry(&entry.node, source_id).map_err(|message| {
            SourceError::malformed(
                &path,
                entry.line,
                format!("row {}: entry {label}: {message}", entry.row),
            )
        })?;
        sink(entity)?;
        meta.entity_count += 1;
    }
    meta.finish_primary(&path, rows, "no row")
}

/// The publication date in `fileGenerationDate` (`dd/mm/yyyy` or ISO).
fn file_date(record: &csv::StringRecord, columns: &[Column]) -> Option<PartialDate> {
    let position = columns.iter().position(|c| *c == Column::FileDate)?;
    let value = record.get(position)?.trim();
    let value = value.split([' ', 'T']).next().unwrap_or(value);
    PartialDate::parse(value).ok()
}

/// `13 (EU.27.28)`: an entry's logical id and reference number, for
/// messages.
fn entry_label(node: &Node) -> String {
    match (node.attr("logicalId"), node.attr("euReferenceNumber")) {
        (Some(id), Some(reference)) => format!("{id} ({reference})"),
        (Some(id), None) => id.to_string(),
        (None, reference) => reference.unwrap_or("without id").to_string(),
    }
}

/// The parts of one group on one row: attributes and remarks.
#[derive(Default)]
struct Part {
    attributes: Vec<(String, String)>,
    remarks: Vec<String>,
}

impl Part {
    /// True when the row gives the group nothing but its bookkeeping (a
    /// logical id alone is no line).
    fn is_empty(&self) -> bool {
        self.remarks.is_empty() && self.attributes.iter().all(|(key, _)| key == "logicalId")
    }

    /// The key that makes a repeated line one: its logical id, else its
    /// values.
    fn key(&self) -> String {
        if let Some((_, id)) = self.attributes.iter().find(|(key, _)| key == "logicalId") {
            return format!("id {id}");
        }
        let mut values: Vec<String> = self
            .attributes
            .iter()
            .map(|(key, value)| format!("{key}={value}"))
            .chain(self.remarks.iter().map(|remark| format!("remark={remark}")))
            .collect();
        values.sort();
        values.join("\u{1f}")
    }
}

/// Adds what one row says to its entry; `Err` says what is wrong, with
/// the column.
fn add_row(
    entry: &mut Pending,
    record: &csv::StringRecord,
    columns: &[Column],
    headers: &[String],
) -> Result<(), String> {
    let mut parts: HashMap<Group, Part> = HashMap::new();
    for (position, value) in record.iter().enumerate() {
        let value = value.trim();
        if value.is_empty() {
            continue;
        }
        let header = headers.get(position).map_or("column", String::as_str);
        match columns.get(position) {
            Some(Column::Attribute(Group::Entity, name)) => {
                entity_attribute(&mut entry.node, name, value, header)?;
            }
            Some(Column::Attribute(group, name)) => {
                let value = xml_value(name, value);
                parts
                    .entry(*group)
                    .or_default()
                    .attributes
                    .push((name.clone(), value));
            }
            Some(Column::Remark(Group::Entity)) => entry.add_remark(value)?,
            Some(Column::Remark(group)) => {
                let text = match header {
                    "Address_ContactInfo" => format!("contact information: {value}"),
                    "Identification_ProgrammeDescription" => format!("programme: {value}"),
                    _ => value.to_string(),
                };
                parts.entry(*group).or_default().remarks.push(text);
            }
            Some(Column::Unknown) => entry.add_remark(&format!("{header}: {value}"))?,
            Some(Column::FileDate | Column::Ignored) | None => {}
        }
    }
    for group in Group::RECORDS {
        let Some(part) = parts.remove(&group) else {
            continue;
        };
        if part.is_empty() {
            continue;
        }
        let key = if group == Group::SubjectType {
            // One subject type per entry: the first row that gives it.
            String::new()
        } else {
            part.key()
        };
        if !entry.first_time(group, key)? {
            continue;
        }
        let children = part
            .remarks
            .into_iter()
            .map(|remark| Node {
                name: "remark".to_string(),
                text: remark,
                ..Node::default()
            })
            .collect();
        entry.node.children.push(Node {
            name: group.element().to_string(),
            attributes: part.attributes,
            text: String::new(),
            children,
        });
    }
    Ok(())
}

/// Sets an attribute of the entry from a row: the first row's value
/// stands; a later row giving another logical id or EU reference number
/// is an error (its rows would belong to two entries).
fn entity_attribute(node: &mut Node, name: &str, value: &str, header: &str) -> Result<(), String> {
    let value = xml_value(name, value);
    match node.attr(name) {
        Some(known) if known != value && matches!(name, "logicalId" | "euReferenceNumber") => Err(
            format!("column {header} is {value:?}, an earlier row of the entry gives {known:?}"),
        ),
        Some(_) => Ok(()),
        None => {
            node.attributes.push((name.to_string(), value));
            Ok(())
        }
    }
}
