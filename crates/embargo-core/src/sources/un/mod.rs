//! UN Security Council consolidated list, official XML
//! (`consolidated.xml`, root `CONSOLIDATED_LIST`).
//!
//! The file is streamed with `quick-xml`: each `INDIVIDUAL` or `ENTITY`
//! record is gathered into a small element tree, turned into an
//! [`Entity`] and handed to the sink before the next record is read, so
//! memory stays flat whatever the size of the list.
//!
//! Mapping rules, one function each:
//! * id `{source_id}:{REFERENCE_NUMBER}`; `DATAID` is kept as the remark
//!   `DATAID 6907993`.
//! * primary name: `FIRST_NAME` .. `FOURTH_NAME` joined by spaces, with
//!   name parts [`NamePartKind::First`] .. [`NamePartKind::Fourth`] for
//!   individuals; `NAME_ORIGINAL_SCRIPT` is a strong alias.
//! * aliases: `QUALITY` `Good` or `a.k.a.` is strong, `Low` weak, `f.k.a.`
//!   a former name; empty aliases are skipped.
//! * dates of birth: `EXACT` (`DATE` or `YEAR`), `APPROXIMATELY` (circa),
//!   `BETWEEN` (`FROM_YEAR` to `TO_YEAR`); a date given only as a note
//!   (`Nov. 1973`) is read when it parses, kept as a remark otherwise.
//! * documents become [`Identifier`]s (passport, national id, other); a
//!   document without a number is kept as a remark, never invented.
//! * `LISTED_ON` is `listed_on`, `UN_LIST_TYPE` the program, `COMMENTS1`,
//!   `LAST_DAY_UPDATED` and any element not named here become remarks.
//!
//! A truncated file, a file whose root is not `CONSOLIDATED_LIST`, a file
//! without records, bytes that are not UTF-8 and any XML error are errors
//! naming the file, the line, the byte offset and the record being read.
//!
//! Cost is bounded whatever the file holds: elements may nest at most
//! [`MAX_NESTING_DEPTH`] deep (the list itself nests 5 deep) and a record
//! may hold at most [`MAX_RECORD_ELEMENTS`] elements (real records hold
//! under 200); past either the file is refused. The record tree is built
//! with an explicit stack, never by recursion.
//!
//! The parts: `reader` streams the XML and bounds its cost, `element` is
//! the record's element tree, `records` maps a record to an entity,
//! `dates` reads the list's dates and `documents` its identity documents.
//!
//! [`Entity`]: crate::model::Entity
//! [`NamePartKind::First`]: crate::model::NamePartKind::First
//! [`NamePartKind::Fourth`]: crate::model::NamePartKind::Fourth
//! [`Identifier`]: crate::model::Identifier
//! [`MAX_NESTING_DEPTH`]: super::limits::MAX_NESTING_DEPTH

mod dates;
mod documents;
mod element;
mod reader;
mod records;

#[cfg(test)]
mod tests;

use std::io::BufReader;

use super::encoding::Utf8Checked;
use super::{EntitySink, FileRecords, FileRole, ListFiles, ListMeta, SourceError};

use reader::UnDocument;

/// Most elements one record may hold (the largest real record holds 188).
pub const MAX_RECORD_ELEMENTS: usize = 2_000;

/// Parses the UN consolidated list XML named by `files` (its primary file),
/// handing one entity per `INDIVIDUAL` (a person) or `ENTITY` (an
/// organization) to `sink`.
///
/// `ListMeta.published` is the root's `dateGenerated`. Entities already
/// handed to the sink before an error are not taken back: the caller
/// discards them when an error is returned (a truncated file is always an
/// error, never a shorter list).
pub fn parse(
    files: &ListFiles,
    source_id: &str,
    sink: &mut EntitySink<'_>,
) -> Result<ListMeta, SourceError> {
    let (file, path) = files.open_primary("UN XML")?;
    let mut document = UnDocument::new(BufReader::new(Utf8Checked::new(file)));
    let mut meta = document
        .read(source_id, sink)
        .map_err(|failure| failure.into_error(path))?;
    meta.records.push(FileRecords {
        role: FileRole::Primary,
        path: path.to_path_buf(),
        records: meta.entity_count,
    });
    Ok(meta)
}
