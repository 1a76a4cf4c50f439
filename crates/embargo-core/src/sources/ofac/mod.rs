//! OFAC's legacy CSV file sets: the SDN list (`sdn.csv`, `alt.csv`,
//! `add.csv`, `sdn_comments.csv`) and the consolidated non-SDN list (the
//! same four files named `cons_prim.csv`, `cons_alt.csv`, `cons_add.csv`,
//! `cons_comments.csv`).
//!
//! The primary file has one row per entity; the companions add strong
//! aliases, addresses and the continuation of long remarks, each row tied
//! to an entity by its `ent_num`. Only the primary file is required (old
//! publications kept in `history/` come alone). Entities are held until
//! every file is read, because companion rows and `Linked To:` remarks may
//! refer to any entity; they are then handed to the sink in the primary
//! file's order. The remarks grammar lives in [`remarks`].
//!
//! Besides the errors of each file (see `reader`), the set as a whole is
//! checked: a companion row of an entity the primary file lacks is an
//! error; a companion file whose rows stop long before the primary file's
//! last entity, and a comments file lacking the continuation of remarks
//! that stop mid-item, are put in doubt ([`ListMeta::doubts`], see
//! `completeness`).

pub mod remarks;

mod completeness;
mod identifiers;
mod labels;
mod reader;
mod row_mapping;

use std::collections::HashMap;
use std::path::Path;

use crate::model::Entity;
use crate::sources::{
    Doubt, EntitySink, FileRecords, FileRole, ListFiles, ListMeta, SourceError, SourceFormat,
    date_in_file_name,
};

use completeness::CompanionRow;
use reader::{CsvFile, Row};
use row_mapping::{
    ADDRESS_COLUMNS, ALIAS_COLUMNS, COMMENT_COLUMNS, PRIMARY_COLUMNS, PrimaryRecord,
};

/// The standard name stems of each file, longest first where one is the
/// start of another (`sdn_comments` before `sdn`).
const STANDARD_NAMES: [(&str, SourceFormat, FileRole); 8] = {
    use FileRole::{Addresses, Aliases, Comments, Primary};
    use SourceFormat::{OfacConsolidated, OfacSdn};
    [
        ("sdn_comments", OfacSdn, Comments),
        ("sdn", OfacSdn, Primary),
        ("alt", OfacSdn, Aliases),
        ("add", OfacSdn, Addresses),
        ("cons_comments", OfacConsolidated, Comments),
        ("cons_prim", OfacConsolidated, Primary),
        ("cons_alt", OfacConsolidated, Aliases),
        ("cons_add", OfacConsolidated, Addresses),
    ]
};

/// Most entity ids listed in one notice.
const IDS_IN_NOTICE: usize = 10;

/// The list and role of a standard OFAC file name, case-insensitively:
/// `sdn.csv`, `alt.csv`, `add.csv`, `sdn_comments.csv` for the SDN list,
/// `cons_prim.csv`, `cons_alt.csv`, `cons_add.csv`, `cons_comments.csv` for
/// the consolidated list. Other names (`sdn-2023-05-23.csv`) are recognized
/// by their content in [`super::detect()`].
pub fn standard_role(file_name: &str) -> Option<(SourceFormat, FileRole)> {
    let file_name = Path::new(file_name)
        .file_name()?
        .to_str()?
        .to_ascii_lowercase();
    let stem = file_name.strip_suffix(".csv")?;
    STANDARD_NAMES
        .iter()
        .find(|(base, _, _)| *base == stem)
        .map(|&(_, format, role)| (format, role))
}

/// The standard file name of `role` in `format` (`alt.csv`), for messages.
fn standard_name(format: SourceFormat, role: FileRole) -> String {
    STANDARD_NAMES
        .iter()
        .find(|&&(_, known_format, known_role)| known_format == format && known_role == role)
        .map_or_else(
            || role.name().to_string(),
            |(stem, _, _)| format!("{stem}.csv"),
        )
}

/// Reads one publication of the SDN or consolidated list and hands every
/// entity to `sink`, with ids `"{source_id}:{ent_num}"`.
///
/// Companion rows whose `ent_num` is not in the primary file, duplicate
/// `ent_num`s, malformed rows and damaged files are errors naming file and
/// line. Companion files that look cut short are in [`ListMeta::doubts`].
/// Absent companions, rows without data and remarks that could not be
/// fully read are reported in [`ListMeta::notices`].
pub fn parse(
    files: &ListFiles,
    source_id: &str,
    sink: &mut EntitySink<'_>,
) -> Result<ListMeta, SourceError> {
    let primary_path = check_file_set(files)?;
    let mut notices = Vec::new();
    let mut publication = Publication::read(primary_path, source_id, &mut notices)?;
    for role in [FileRole::Aliases, FileRole::Addresses, FileRole::Comments] {
        match files.path(role) {
            Some(path) => publication.attach(role, path, &mut notices)?,
            None => notices.push(missing_companion_notice(files.format, role)),
        }
    }
    let comments = files.path(FileRole::Comments);
    let finished = publication.finish(comments, &mut notices);
    let entity_count = finished.entities.len();
    for entity in finished.entities {
        sink(entity)?;
    }
    Ok(ListMeta {
        published: date_in_file_name(primary_path),
        entity_count,
        notices,
        records: finished.records,
        doubts: finished.doubts,
    })
}

/// The primary file's path, once the set is known to be in an OFAC format
/// with one primary file and at most one file per role.
fn check_file_set(files: &ListFiles) -> Result<&Path, SourceError> {
    if !matches!(
        files.format,
        SourceFormat::OfacSdn | SourceFormat::OfacConsolidated
    ) {
        return Err(SourceError::invalid(
            files.primary(),
            format!("the OFAC parser cannot read the {} format", files.format),
        ));
    }
    for (at, file) in files.files.iter().enumerate() {
        if let Some(first) = files.files[..at]
            .iter()
            .find(|other| other.role == file.role)
        {
            return Err(SourceError::invalid(
                &file.path,
                format!(
                    "a second {} file besides {}",
                    file.role.name(),
                    first.path.display()
                ),
            ));
        }
    }
    files.path(FileRole::Primary).ok_or_else(|| {
        let name = standard_name(files.format, FileRole::Primary);
        SourceError::invalid(files.primary(), format!("no primary file ({name}) given"))
    })
}

fn missing_companion_notice(format: SourceFormat, role: FileRole) -> String {
    let name = standard_name(format, role);
    let consequence = match role {
        FileRole::Aliases => "strong aliases not loaded",
        FileRole::Addresses => "addresses not loaded",
        FileRole::Comments => "remarks longer than 1,000 characters are cut",
        FileRole::Primary => "no entities",
    };
    format!("no {name} given: {consequence}")
}

/// The entities of one publication while its files are being read.
struct Publication {
    primary_name: String,
    records: Vec<PrimaryRecord>,
    index: HashMap<u64, usize>,
    /// Rows per file read so far.
    file_records: Vec<FileRecords>,
    /// Files read so far that look cut short.
    doubts: Vec<Doubt>,
    /// The rows of the companion file being read, for the cover check.
    companion_rows: Vec<CompanionRow>,
}

/// A publication once every file is read.
struct Finished {
    entities: Vec<Entity>,
    records: Vec<FileRecords>,
    doubts: Vec<Doubt>,
}

impl Publication {
    /// Reads the primary file.
    fn read(
        path: &Path,
        source_id: &str,
        notices: &mut Vec<String>,
    ) -> Result<Publication, SourceError> {
        let mut publication = Publication {
            primary_name: reader::file_name(path),
            records: Vec::new(),
            index: HashMap::new(),
            file_records: Vec::new(),
            doubts: Vec::new(),
            companion_rows: Vec::new(),
        };
        let rows = for_each_row(path, PRIMARY_COLUMNS, notices, |row| {
            publication.insert(row_mapping::primary(row, path, source_id)?, path)
        })?;
        publication.count(FileRole::Primary, path, rows);
        if publication.records.is_empty() {
            return Err(SourceError::invalid(path, "the file holds no entities"));
        }
        Ok(publication)
    }

    fn insert(&mut self, record: PrimaryRecord, path: &Path) -> Result<(), SourceError> {
        if let Some(&earlier) = self.index.get(&record.ent_num) {
            let earlier_line = self.records[earlier].line;
            return Err(SourceError::malformed(
                path,
                record.line,
                format!(
                    "ent_num {} appears twice (first on line {earlier_line})",
                    record.ent_num
                ),
            ));
        }
        self.index.insert(record.ent_num, self.records.len());
        self.records.push(record);
        Ok(())
    }

    /// The entity a companion row belongs to; an unknown `ent_num` is an
    /// error, as it means files of different publications were mixed.
    fn record_of(&mut self, row: &Row, path: &Path) -> Result<&mut PrimaryRecord, SourceError> {
        let ent_num = row_mapping::ent_num(row, path)?;
        match self.index.get(&ent_num) {
            Some(&at) => {
                self.companion_rows.push(CompanionRow {
                    ent_num,
                    line: row.line,
                });
                Ok(&mut self.records[at])
            }
            None => Err(SourceError::malformed(
                path,
                row.line,
                format!(
                    "ent_num {ent_num} is not in {}: are the files from different publications?",
                    self.primary_name
                ),
            )),
        }
    }

    /// Records how many rows a file held.
    fn count(&mut self, role: FileRole, path: &Path, rows: usize) {
        self.file_records.push(FileRecords {
            role,
            path: path.to_path_buf(),
            records: rows,
        });
    }

    /// Reads a companion file into the entities, then judges whether its
    /// rows cover the primary file.
    fn attach(
        &mut self,
        role: FileRole,
        path: &Path,
        notices: &mut Vec<String>,
    ) -> Result<(), SourceError> {
        self.companion_rows.clear();
        let read = match role {
            FileRole::Aliases => self.attach_aliases(path, notices),
            FileRole::Addresses => self.attach_addresses(path, notices),
            FileRole::Comments => self.attach_comments(path, notices),
            FileRole::Primary => Err(SourceError::invalid(path, "a second primary file")),
        }?;
        self.count(role, path, read);
        let rows = std::mem::take(&mut self.companion_rows);
        let primary: Vec<u64> = self.records.iter().map(|record| record.ent_num).collect();
        let doubt = completeness::companion_doubt(
            role,
            &reader::file_name(path),
            &self.primary_name,
            &primary,
            &rows,
        );
        self.doubts.extend(doubt.map(|message| Doubt {
            path: path.to_path_buf(),
            message,
        }));
        Ok(())
    }

    fn attach_aliases(
        &mut self,
        path: &Path,
        notices: &mut Vec<String>,
    ) -> Result<usize, SourceError> {
        for_each_row(path, ALIAS_COLUMNS, notices, |row| {
            let alias = row_mapping::alias(&row, path)?;
            let entity = &mut self.record_of(&row, path)?.entity;
            if let Some(alias) = alias {
                let name =
                    row_mapping::person_or_plain_name(&alias.name, alias.quality, entity.schema);
                if let Some(remarks) = alias.remarks {
                    entity
                        .remarks
                        .push(format!("alias '{}': {remarks}", alias.name));
                }
                entity.add_name(name);
            }
            Ok(())
        })
    }

    fn attach_addresses(
        &mut self,
        path: &Path,
        notices: &mut Vec<String>,
    ) -> Result<usize, SourceError> {
        let mut empty_rows = 0usize;
        let rows = for_each_row(path, ADDRESS_COLUMNS, notices, |row| {
            let entity = &mut self.record_of(&row, path)?.entity;
            match row_mapping::address(&row) {
                Some(address) => entity.addresses.push(address),
                None => empty_rows += 1,
            }
            Ok(())
        })?;
        if empty_rows > 0 {
            notices.push(format!(
                "{}: {} every field null (-0-) and add no address",
                reader::file_name(path),
                counted(empty_rows, "row has", "rows have")
            ));
        }
        Ok(rows)
    }

    fn attach_comments(
        &mut self,
        path: &Path,
        notices: &mut Vec<String>,
    ) -> Result<usize, SourceError> {
        let mut overlapping: Vec<u64> = Vec::new();
        let rows = for_each_row(path, COMMENT_COLUMNS, notices, |row| {
            let record = self.record_of(&row, path)?;
            if reader::value(&row.fields[1]).is_some()
                && remarks::merge_continuation(&mut record.remarks, &row.fields[1]) > 0
            {
                overlapping.push(record.ent_num);
            }
            Ok(())
        })?;
        if !overlapping.is_empty() {
            notices.push(format!(
                "{}: {} the end of the remarks they continue (files from different \
                 publications?); the repeated text was kept once: {}",
                reader::file_name(path),
                counted(
                    overlapping.len(),
                    "continuation repeats",
                    "continuations repeat"
                ),
                entity_list(&overlapping)
            ));
        }
        Ok(rows)
    }

    /// Reads every entity's remarks, resolves links, and returns the
    /// entities in the primary file's order. Remarks that stop mid-item put
    /// the `comments` file in doubt when one was read (it should hold their
    /// continuation); without one they are a notice.
    fn finish(self, comments: Option<&Path>, notices: &mut Vec<String>) -> Finished {
        let primary_name = self.primary_name;
        let mut doubts = self.doubts;
        let mut cut: Vec<u64> = Vec::new();
        let mut entities: Vec<Entity> = Vec::with_capacity(self.records.len());
        for mut record in self.records {
            if remarks::is_cut(&record.remarks) {
                cut.push(record.ent_num);
            }
            remarks::apply(&record.remarks, &mut record.entity);
            entities.push(record.entity);
        }
        if !cut.is_empty() {
            match comments {
                Some(comments) => doubts.push(Doubt {
                    path: comments.to_path_buf(),
                    message: format!(
                        "the remarks of {} in {primary_name} stop mid-item, cut at 1,000 \
                         characters, and this file holds no continuation for them ({}): the file \
                         looks cut short, or is from another publication",
                        counted(cut.len(), "entity", "entities"),
                        entity_list(&cut)
                    ),
                }),
                None => notices.push(format!(
                    "{primary_name}: the remarks of {} end mid-item, cut at 1,000 characters \
                     without their continuation; each cut item is kept verbatim in remarks: {}",
                    counted(cut.len(), "entity", "entities"),
                    entity_list(&cut)
                )),
            }
        }
        resolve_links(&mut entities);
        Finished {
            entities,
            records: self.file_records,
            doubts,
        }
    }
}

/// Streams the rows of `path` (each with `columns` fields) to `each`, and
/// adds a notice if some fields were not UTF-8. Returns the number of rows.
fn for_each_row(
    path: &Path,
    columns: usize,
    notices: &mut Vec<String>,
    mut each: impl FnMut(Row) -> Result<(), SourceError>,
) -> Result<usize, SourceError> {
    let mut file = CsvFile::open(path)?;
    while let Some(row) = file.next_row(columns)? {
        each(row)?;
    }
    if file.non_utf8_fields() > 0 {
        let first = file
            .first_non_utf8()
            .map(|at| {
                format!(
                    ", the first byte {:#04x} on line {} at byte offset {}",
                    at.byte, at.line, at.offset
                )
            })
            .unwrap_or_default();
        notices.push(format!(
            "{}: {} not valid UTF-8 and read as Windows-1252 (Latin-1){first}",
            reader::file_name(path),
            counted(file.non_utf8_fields(), "field was", "fields were")
        ));
    }
    Ok(file.rows_read())
}

/// `1 row has`, `2 rows have`.
fn counted(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

/// `ent_num`s for a notice, the first few of them.
fn entity_list(ent_nums: &[u64]) -> String {
    let shown: Vec<String> = ent_nums
        .iter()
        .take(IDS_IN_NOTICE)
        .map(u64::to_string)
        .collect();
    let more = ent_nums.len().saturating_sub(IDS_IN_NOTICE);
    let tail = if more > 0 {
        format!(" and {more} more")
    } else {
        String::new()
    };
    format!("ent_num {}{tail}", shown.join(", "))
}

/// Gives each `Linked To` link the id of the entity whose primary name it
/// states (case and a trailing dot ignored), and that entity's name as the
/// list writes it. Names shared by several entities stay unresolved.
fn resolve_links(entities: &mut [Entity]) {
    let mut by_name: HashMap<String, Option<usize>> = HashMap::new();
    for (at, entity) in entities.iter().enumerate() {
        by_name
            .entry(link_key(entity.caption()))
            .and_modify(|found| *found = None)
            .or_insert(Some(at));
    }
    let mut resolved: Vec<(usize, usize, usize)> = Vec::new();
    for (at, entity) in entities.iter().enumerate() {
        for (link_at, link) in entity.links.iter().enumerate() {
            if let Some(&Some(target)) = by_name.get(&link_key(&link.name)) {
                resolved.push((at, link_at, target));
            }
        }
    }
    for (at, link_at, target) in resolved {
        let id = entities[target].id.clone();
        let name = entities[target].caption().to_string();
        let link = &mut entities[at].links[link_at];
        link.id = Some(id);
        link.name = name;
    }
}

/// A name folded for link resolution: trimmed, without trailing dots,
/// single-spaced, lower case.
fn link_key(name: &str) -> String {
    let words: Vec<&str> = name
        .trim()
        .trim_end_matches('.')
        .split_whitespace()
        .collect();
    words.join(" ").to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Link, Name, NameQuality, Schema};

    #[test]
    fn recognizes_standard_file_names() {
        let sdn = SourceFormat::OfacSdn;
        let cons = SourceFormat::OfacConsolidated;
        let cases = [
            ("sdn.csv", Some((sdn, FileRole::Primary))),
            ("SDN.CSV", Some((sdn, FileRole::Primary))),
            ("alt.csv", Some((sdn, FileRole::Aliases))),
            ("add.csv", Some((sdn, FileRole::Addresses))),
            ("sdn_comments.csv", Some((sdn, FileRole::Comments))),
            ("Cons_Prim.csv", Some((cons, FileRole::Primary))),
            ("cons_alt.csv", Some((cons, FileRole::Aliases))),
            ("cons_add.csv", Some((cons, FileRole::Addresses))),
            ("cons_comments.csv", Some((cons, FileRole::Comments))),
            ("history/sdn-2023-05-23.csv", None),
            ("alt-2024-05-03.csv", None),
            ("address.csv", None),
            ("sdn.xml", None),
            ("consolidated.xml", None),
            ("cons_prim.txt", None),
        ];
        for (name, expected) in cases {
            assert_eq!(standard_role(name), expected, "{name}");
        }
    }

    fn entity(id: &str, name: &str, links: &[&str]) -> Entity {
        let mut entity = Entity::new(
            id,
            Schema::Organization,
            Name::new(name, NameQuality::Primary),
        );
        entity.links = links
            .iter()
            .map(|name| Link {
                relation: remarks::LINKED_TO.to_string(),
                name: name.to_string(),
                id: None,
            })
            .collect();
        entity
    }

    #[test]
    fn links_resolve_by_unique_primary_name() {
        let mut entities = vec![
            entity("s:1", "CIMEX, S.A.", &[]),
            entity("s:2", "TWIN", &[]),
            entity("s:3", "twin", &[]),
            entity("s:4", "X", &["cimex, s.a", "TWIN", "NOBODY"]),
        ];
        resolve_links(&mut entities);
        let links = &entities[3].links;
        assert_eq!(links[0].id.as_deref(), Some("s:1"));
        assert_eq!(links[0].name, "CIMEX, S.A.");
        assert_eq!(links[1].id, None, "two entities are named TWIN");
        assert_eq!(links[2].id, None);
        assert_eq!(links[2].name, "NOBODY");
    }

    #[test]
    fn notices_list_a_few_ids() {
        assert_eq!(entity_list(&[1, 2]), "ent_num 1, 2");
        let many: Vec<u64> = (1..=12).collect();
        assert!(entity_list(&many).ends_with("9, 10 and 2 more"));
    }
}
