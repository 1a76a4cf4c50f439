//! Format detection: which list format a set of files is in, and which
//! files belong to one publication.
//!
//! Files are recognized by their first few kilobytes ([`SNIFF_BYTES`]),
//! never read whole:
//! * XML whose root is `CONSOLIDATED_LIST`: the UN list;
//! * JSON lines whose first object has `schema` and `properties`:
//!   FollowTheMoney;
//! * CSV whose header row has `id` and `name` columns: a custom list;
//! * headerless CSV of 12 fields with a numeric first field: an OFAC primary
//!   file (the consolidated list when named `cons_*`, else the SDN list);
//! * XML whose root is `Designations` (FCDO UK Sanctions List), `export`
//!   (EU FSF XML) or `swiss-sanctions-list` (SECO); text whose first line is
//!   `Last Updated,...` or whose header has `Group ID` and `Name 6` (OFSI
//!   CSV), `Entity_LogicalId` with `NameAlias_WholeName` or
//!   `fileGenerationDate` (EU FSF CSV), `source`, `name` and
//!   `alt_names` (US CSL CSV), or `Name`, `Street_Address` and
//!   `FR_Citation` (US Denied Persons List): [`Content::List`].
//!
//! A head with a UTF-16 byte-order mark is read as UTF-16 when its first
//! character is ASCII (every supported format starts so: `<`, `{` or a
//! header); text is otherwise read as UTF-8, or as Windows-1252 when that
//! shows an OFSI CSV (the one publisher known to use it), and C1 control
//! characters are text (`crate::decode::is_binary_control`).
//!
//! OFAC companion files (aliases, addresses, comments) have no header and
//! are recognized by their standard names
//! ([`super::ofac::standard_role`]); files given one
//! by one are grouped with their primary file when they sit in the same
//! folder and belong to the same list.

use std::collections::HashSet;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use quick_xml::events::Event;
use quick_xml::reader::Reader;

use super::custom::{Column, column_named};
use super::delimiter::header_delimiter;
use super::encoding::NotUtf8;
use super::{FileRole, ListFile, ListFiles, SourceError, SourceFormat};

/// How many bytes of a file are read to recognize its format.
pub const SNIFF_BYTES: usize = 16 * 1024;

/// Number of fields of an OFAC primary record (`sdn.csv`, `cons_prim.csv`).
const OFAC_PRIMARY_FIELDS: usize = 12;

/// What the first bytes of a file show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    /// Nothing but whitespace.
    Empty,
    /// XML with root `CONSOLIDATED_LIST`.
    UnXml,
    /// XML with another root element.
    OtherXml(String),
    /// JSON lines of FollowTheMoney entities.
    FollowTheMoney,
    /// CSV with a header row holding `id` and `name`.
    CustomCsv,
    /// Headerless CSV of 12 fields, the first numeric.
    OfacPrimary,
    /// Headerless CSV with a numeric first field and another number of
    /// fields (OFAC aliases, addresses or comments).
    OfacCompanion,
    /// A one-file list recognized by its root element or header: EU, UK,
    /// US trade and Swiss formats.
    List(SourceFormat),
    /// Text that is none of the above; says what was seen.
    OtherText(String),
    /// Bytes that are not UTF-8 text; says which and where (byte offset
    /// and line).
    Binary(String),
}

impl Content {
    /// What the content is, for messages.
    pub fn describe(&self) -> String {
        match self {
            Content::Empty => "an empty file".to_string(),
            Content::UnXml => "a UN consolidated list XML".to_string(),
            Content::OtherXml(root) => format!("XML with root element <{root}>"),
            Content::FollowTheMoney => "FollowTheMoney JSON lines".to_string(),
            Content::CustomCsv => "a custom list CSV".to_string(),
            Content::OfacPrimary => "an OFAC primary CSV (like sdn.csv)".to_string(),
            Content::OfacCompanion => {
                "an OFAC companion CSV (aliases, addresses or comments)".to_string()
            }
            Content::List(format) => format!("a {}", format.description()),
            Content::OtherText(what) => what.clone(),
            Content::Binary(what) => format!("binary data, not UTF-8 text ({what})"),
        }
    }

    /// The single-file format this content is in, if any.
    fn single_file_format(&self) -> Option<SourceFormat> {
        match self {
            Content::UnXml => Some(SourceFormat::UnConsolidated),
            Content::FollowTheMoney => Some(SourceFormat::FollowTheMoney),
            Content::CustomCsv => Some(SourceFormat::Custom),
            Content::List(format) => Some(*format),
            _ => None,
        }
    }
}

/// Reads the first [`SNIFF_BYTES`] of a file and says what they are.
pub fn sniff(path: &Path) -> Result<Content, SourceError> {
    let file = File::open(path).map_err(|error| SourceError::io(path, error))?;
    let mut head = Vec::with_capacity(SNIFF_BYTES);
    file.take(SNIFF_BYTES as u64 + 1)
        .read_to_end(&mut head)
        .map_err(|error| SourceError::io(path, error))?;
    let complete = head.len() <= SNIFF_BYTES;
    head.truncate(SNIFF_BYTES);
    Ok(sniff_bytes(&head, complete))
}

/// What `head`, the start of a file (the whole file when `complete`), is.
pub fn sniff_bytes(head: &[u8], complete: bool) -> Content {
    let (head, bom_length) = match head.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (rest, 3),
        None => (head, 0),
    };
    if let Some(text) = crate::decode::utf16_head(head) {
        return sniff_text(&text, complete);
    }
    let text = match utf8_prefix(head, bom_length, complete) {
        Ok(text) => text,
        Err(what) => {
            // The one publisher known to write Windows-1252: OFSI.
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(head);
            let ofsi = Content::List(SourceFormat::UkCsv);
            let is_text = !text.chars().any(crate::decode::is_binary_control);
            return if is_text && sniff_text(&text, complete) == ofsi {
                ofsi
            } else {
                Content::Binary(what)
            };
        }
    };
    sniff_text(text, complete)
}

/// What a decoded head is.
fn sniff_text(text: &str, complete: bool) -> Content {
    let trimmed = text.trim_start();
    match trimmed.chars().next() {
        None => Content::Empty,
        Some('<') => sniff_xml(trimmed),
        Some('{') => sniff_json(trimmed, complete),
        Some(_) => sniff_csv(trimmed, complete),
    }
}

/// `head` (found at byte `offset` of its file) as text; a character cut at
/// the end of an incomplete head is dropped, and so is the DOS end-of-file
/// mark (Ctrl-Z) that OFAC files end with. `Err` saying what and where for
/// bytes that are not UTF-8 or a control character that marks binary data
/// ([`crate::decode::is_binary_control`]: C1 controls are text).
fn utf8_prefix(head: &[u8], offset: u64, complete: bool) -> Result<&str, String> {
    if let Some(not_utf8) = NotUtf8::find(head, offset, 1, complete) {
        return Err(format!(
            "byte {:#04x} at byte offset {}, line {}, is not UTF-8",
            not_utf8.byte, not_utf8.offset, not_utf8.line
        ));
    }
    let valid = match std::str::from_utf8(head) {
        Ok(text) => text,
        Err(error) => std::str::from_utf8(&head[..error.valid_up_to()]).unwrap_or_default(),
    };
    let text = valid.trim_end_matches('\u{1a}');
    let control = text
        .char_indices()
        .find(|&(_, c)| crate::decode::is_binary_control(c));
    match control {
        None => Ok(text),
        Some((at, c)) => {
            let line = text[..at].matches('\n').count() + 1;
            Err(format!(
                "control character U+{:04X} at byte offset {}, line {line}",
                u32::from(c),
                offset + at as u64
            ))
        }
    }
}

/// The root element of an XML head.
fn sniff_xml(text: &str) -> Content {
    let mut reader = Reader::from_str(text);
    loop {
        match reader.read_event() {
            Ok(Event::Start(start) | Event::Empty(start)) => {
                let root = start.name().as_ref().to_string();
                let local = start.local_name().as_ref().to_string();
                return match local.as_str() {
                    "CONSOLIDATED_LIST" => Content::UnXml,
                    "Designations" => Content::List(SourceFormat::UkXml),
                    "swiss-sanctions-list" => Content::List(SourceFormat::ChXml),
                    "export" if text.contains("fsd/export") || text.contains("<sanctionEntity") => {
                        Content::List(SourceFormat::EuXml)
                    }
                    _ => Content::OtherXml(root),
                };
            }
            Ok(Event::Eof) | Err(_) => {
                return Content::OtherText("markup without an XML root element".to_string());
            }
            Ok(_) => {}
        }
    }
}

/// A JSON head: FollowTheMoney when its first line is an object with
/// `schema` and `properties`.
fn sniff_json(text: &str, complete: bool) -> Content {
    let (first_line, whole_line) = match text.split_once('\n') {
        Some((line, _)) => (line, true),
        None => (text, complete),
    };
    let is_entity = if whole_line {
        serde_json::from_str::<serde_json::Value>(first_line).is_ok_and(|value| {
            value
                .get("schema")
                .is_some_and(serde_json::Value::is_string)
                && value
                    .get("properties")
                    .is_some_and(serde_json::Value::is_object)
        })
    } else {
        // A first line longer than the head: judge by its keys.
        first_line.contains("\"schema\"") && first_line.contains("\"properties\"")
    };
    if is_entity {
        Content::FollowTheMoney
    } else {
        Content::OtherText("JSON that is not FollowTheMoney (no schema and properties)".to_string())
    }
}

/// A text head read as CSV: a custom-list header, or an OFAC record.
fn sniff_csv(text: &str, complete: bool) -> Content {
    let first_line = match text.split_once('\n') {
        Some((line, _)) => line,
        None if complete => text,
        None => return Content::OtherText("text with a first line longer than 16 KiB".to_string()),
    };
    let header = first_record(first_line, header_delimiter(first_line.as_bytes()));
    if let Some(format) = list_header(first_line, &header) {
        return Content::List(format);
    }
    let columns: Vec<Option<Column>> = header.iter().map(column_named).collect();
    if columns.contains(&Some(Column::Id)) && columns.contains(&Some(Column::Name)) {
        return Content::CustomCsv;
    }
    // OFAC files are comma-separated, whatever their remarks hold.
    let record = first_record(first_line, b',');
    let numeric_first = record
        .get(0)
        .map(str::trim)
        .is_some_and(|first| !first.is_empty() && first.bytes().all(|b| b.is_ascii_digit()));
    match (numeric_first, record.len()) {
        (true, OFAC_PRIMARY_FIELDS) => Content::OfacPrimary,
        (true, _) => Content::OfacCompanion,
        (false, _) => Content::OtherText(format!(
            "text whose first line ({} field(s)) is neither a custom-list header with `id` and \
             `name` columns nor an OFAC record",
            header.len()
        )),
    }
}

/// The list format a CSV or text first line (`header`, its cells) shows,
/// if any.
fn list_header(first_line: &str, header: &csv::StringRecord) -> Option<SourceFormat> {
    let has = |name: &str| {
        header
            .iter()
            .any(|cell| cell.trim().eq_ignore_ascii_case(name))
    };
    if first_line
        .trim_start()
        .to_ascii_lowercase()
        .starts_with("last updated")
        || (has("Group ID") && has("Name 6"))
    {
        return Some(SourceFormat::UkCsv);
    }
    if has("Entity_LogicalId") && (has("NameAlias_WholeName") || has("fileGenerationDate")) {
        return Some(SourceFormat::EuCsv);
    }
    if has("source") && has("name") && has("alt_names") {
        return Some(SourceFormat::UsCsl);
    }
    let tabbed = first_record(first_line, b'\t');
    let has_tabbed = |name: &str| {
        tabbed
            .iter()
            .any(|cell| cell.trim().eq_ignore_ascii_case(name))
    };
    if has_tabbed("Name") && has_tabbed("Street_Address") && has_tabbed("FR_Citation") {
        return Some(SourceFormat::UsDpl);
    }
    None
}

/// The cells of a line read as CSV with `delimiter` (none when it is not
/// CSV).
fn first_record(line: &str, delimiter: u8) -> csv::StringRecord {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(line.as_bytes());
    let mut record = csv::StringRecord::new();
    match reader.read_record(&mut record) {
        Ok(true) => record,
        _ => csv::StringRecord::new(),
    }
}

/// The error for a file in no supported format.
fn unsupported(path: &Path, content: &Content) -> SourceError {
    let formats: Vec<String> = SourceFormat::ALL
        .iter()
        .map(|format| format!("{} ({})", format.description(), format.name()))
        .collect();
    SourceError::invalid(
        path,
        format!(
            "unsupported format: the file holds {}; supported formats: {}. A custom list needs a \
             header row with `id` and `name` columns (see docs/custom-list-format.md)",
            content.describe(),
            formats.join("; ")
        ),
    )
}

/// The files a path stands for: a file itself, or the visible files of a
/// folder in name order.
fn expand(path: &Path) -> Result<Vec<PathBuf>, SourceError> {
    let metadata = std::fs::metadata(path).map_err(|error| SourceError::io(path, error))?;
    if !metadata.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let entries = std::fs::read_dir(path).map_err(|error| SourceError::io(path, error))?;
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|error| SourceError::io(path, error))?;
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        let is_file = entry.file_type().is_ok_and(|kind| kind.is_file());
        if is_file && !hidden {
            files.push(entry.path());
        }
    }
    files.sort();
    Ok(files)
}

/// The file name of a path as text (empty when it has none).
fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The OFAC list and role of a path, by its name.
fn ofac_role_of(path: &Path) -> Option<(SourceFormat, FileRole)> {
    super::ofac::standard_role(&file_name(path))
}

/// OFAC files gathered for one publication: one folder, one list.
struct OfacGroup {
    folder: PathBuf,
    format: SourceFormat,
    files: Vec<ListFile>,
}

impl OfacGroup {
    /// Adds a file; the same role twice is an error.
    fn add(&mut self, role: FileRole, path: PathBuf) -> Result<(), SourceError> {
        if let Some(known) = self.files.iter().find(|file| file.role == role) {
            return Err(SourceError::invalid(
                &path,
                format!(
                    "{} is given twice for one OFAC list (also {})",
                    role.name(),
                    known.path.display()
                ),
            ));
        }
        self.files.push(ListFile { role, path });
        Ok(())
    }

    /// The finished file set: a primary file is required, and every file
    /// must look like what its name says.
    fn finish(mut self) -> Result<ListFiles, SourceError> {
        self.files.sort_by_key(|file| file.role);
        let Some(primary) = self
            .files
            .iter()
            .find(|file| file.role == FileRole::Primary)
        else {
            let companion = self
                .files
                .first()
                .map_or(self.folder.clone(), |f| f.path.clone());
            let primary_name = match self.format {
                SourceFormat::OfacConsolidated => "cons_prim.csv",
                _ => "sdn.csv",
            };
            return Err(SourceError::invalid(
                &companion,
                format!(
                    "an OFAC {} file without its primary file {primary_name}: give \
                     {primary_name} too, or the folder",
                    self.format.name()
                ),
            ));
        };
        expect_content(&primary.path, &[Content::OfacPrimary], self.format)?;
        for companion in self
            .files
            .iter()
            .filter(|file| file.role != FileRole::Primary)
        {
            expect_content(
                &companion.path,
                &[Content::OfacCompanion, Content::Empty],
                self.format,
            )?;
        }
        Ok(ListFiles {
            format: self.format,
            files: self.files,
        })
    }
}

/// Checks that a file's content is one of `expected` for `format`.
fn expect_content(
    path: &Path,
    expected: &[Content],
    format: SourceFormat,
) -> Result<(), SourceError> {
    let content = sniff(path)?;
    if expected.contains(&content) {
        return Ok(());
    }
    Err(SourceError::invalid(
        path,
        format!(
            "not a file of the {} ({}): it holds {}",
            format.description(),
            format.name(),
            content.describe()
        ),
    ))
}

/// A publication being gathered by [`detect`].
enum Pending {
    /// OFAC files of one folder and list.
    Ofac(OfacGroup),
    /// A one-file publication.
    Single(ListFiles),
}

/// The publications being gathered by [`detect`], in the order met.
#[derive(Default)]
struct Gathered {
    pending: Vec<Pending>,
    seen: HashSet<PathBuf>,
}

impl Gathered {
    /// Adds an OFAC file to the group of its folder and list.
    fn add_ofac(
        &mut self,
        format: SourceFormat,
        role: FileRole,
        path: PathBuf,
    ) -> Result<(), SourceError> {
        let folder = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let known = self.pending.iter_mut().find_map(|pending| match pending {
            Pending::Ofac(group) if group.folder == folder && group.format == format => Some(group),
            _ => None,
        });
        match known {
            Some(group) => group.add(role, path),
            None => {
                let mut group = OfacGroup {
                    folder,
                    format,
                    files: Vec::new(),
                };
                group.add(role, path)?;
                self.pending.push(Pending::Ofac(group));
                Ok(())
            }
        }
    }

    /// Adds a publication of one file.
    fn add_single(&mut self, format: SourceFormat, path: PathBuf) {
        self.pending.push(Pending::Single(ListFiles {
            format,
            files: vec![ListFile {
                role: FileRole::Primary,
                path,
            }],
        }));
    }

    /// Adds one file, recognized by its OFAC name or by its content.
    fn add_file(&mut self, path: PathBuf) -> Result<(), SourceError> {
        let key = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        if !self.seen.insert(key) {
            return Ok(());
        }
        if let Some((format, role)) = ofac_role_of(&path) {
            return self.add_ofac(format, role, path);
        }
        let content = sniff(&path)?;
        if let Some(format) = content.single_file_format() {
            self.add_single(format, path);
            return Ok(());
        }
        match content {
            Content::OfacPrimary => {
                let format = if file_name(&path).to_ascii_lowercase().starts_with("cons_") {
                    SourceFormat::OfacConsolidated
                } else {
                    SourceFormat::OfacSdn
                };
                self.add_single(format, path);
                Ok(())
            }
            Content::OfacCompanion => Err(SourceError::invalid(
                &path,
                "looks like an OFAC companion file (aliases, addresses or comments), which is \
                 recognized only by its standard name (alt.csv, add.csv, sdn_comments.csv, \
                 cons_alt.csv, cons_add.csv, cons_comments.csv) next to its primary file",
            )),
            Content::Empty => Err(SourceError::invalid(&path, "empty file: no list to read")),
            other => Err(unsupported(&path, &other)),
        }
    }

    /// Adds a folder: its OFAC files, or else its single file.
    fn add_folder(&mut self, folder: &Path) -> Result<(), SourceError> {
        let files = expand(folder)?;
        let ofac: Vec<PathBuf> = files
            .iter()
            .filter(|file| ofac_role_of(file).is_some())
            .cloned()
            .collect();
        if !ofac.is_empty() {
            return ofac.into_iter().try_for_each(|file| self.add_file(file));
        }
        match files.as_slice() {
            [single] => self.add_file(single.clone()),
            [] => Err(SourceError::invalid(folder, "folder holds no list file")),
            several => Err(SourceError::invalid(
                folder,
                format!(
                    "folder holds {} files and no OFAC file set; name the list files to load",
                    several.len()
                ),
            )),
        }
    }

    /// The publications in the order they were met.
    fn finish(self) -> Result<Vec<ListFiles>, SourceError> {
        self.pending
            .into_iter()
            .map(|pending| match pending {
                Pending::Ofac(group) => group.finish(),
                Pending::Single(files) => Ok(files),
            })
            .collect()
    }
}

/// Groups `paths` into publications and recognizes their formats.
///
/// A folder stands for the OFAC file set inside it (by standard file
/// names), or for the single file it holds. OFAC files given one by one are
/// grouped when they sit in one folder and belong to one list. Any other
/// file is recognized by its content. A file in no supported format is an
/// error naming it and listing the supported formats.
pub fn detect(paths: &[PathBuf]) -> Result<Vec<ListFiles>, SourceError> {
    let mut gathered = Gathered::default();
    for path in paths {
        let metadata = std::fs::metadata(path).map_err(|error| SourceError::io(path, error))?;
        if metadata.is_dir() {
            gathered.add_folder(path)?;
        } else {
            gathered.add_file(path.clone())?;
        }
    }
    gathered.finish()
}

/// Builds the file set of one publication in a format the user states
/// (`--source KIND`), checking that every file fits it: an XML given as
/// `ofac-sdn` is an error naming the file. Folders are expanded to the
/// files inside.
pub fn assemble(format: SourceFormat, paths: &[PathBuf]) -> Result<ListFiles, SourceError> {
    let mut files = Vec::new();
    for path in paths {
        files.extend(expand(path)?);
    }
    let first = paths.first().map_or_else(PathBuf::new, Clone::clone);
    if files.is_empty() {
        return Err(SourceError::invalid(&first, "no file to read"));
    }
    match format {
        SourceFormat::OfacSdn | SourceFormat::OfacConsolidated => assemble_ofac(format, files),
        _ => assemble_single(format, files),
    }
}

/// An OFAC file set in the stated list: files by standard name, or a
/// primary file recognized by its content.
fn assemble_ofac(format: SourceFormat, files: Vec<PathBuf>) -> Result<ListFiles, SourceError> {
    let folder = files
        .first()
        .and_then(|file| file.parent())
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let mut group = OfacGroup {
        folder,
        format,
        files: Vec::new(),
    };
    for path in files {
        let role = match ofac_role_of(&path) {
            Some((named, role)) if named == format => role,
            Some((named, _)) => {
                return Err(SourceError::invalid(
                    &path,
                    format!(
                        "a file of the {} ({}), not of {}",
                        named.description(),
                        named.name(),
                        format.name()
                    ),
                ));
            }
            None => {
                expect_content(&path, &[Content::OfacPrimary], format)?;
                FileRole::Primary
            }
        };
        group.add(role, path)?;
    }
    group.finish()
}

/// A one-file publication (UN, FollowTheMoney, custom) in the stated
/// format.
fn assemble_single(format: SourceFormat, files: Vec<PathBuf>) -> Result<ListFiles, SourceError> {
    let [path] = <[PathBuf; 1]>::try_from(files).map_err(|files| {
        let first = files.first().map_or_else(PathBuf::new, Clone::clone);
        SourceError::invalid(
            &first,
            format!(
                "the {} format is one file; {} files given",
                format.name(),
                files.len()
            ),
        )
    })?;
    let content = sniff(&path)?;
    let fits = content.single_file_format() == Some(format)
        || (format == SourceFormat::Custom && matches!(content, Content::OtherText(_)));
    if !fits {
        return Err(SourceError::invalid(
            &path,
            format!(
                "not a {} ({}): the file holds {}",
                format.description(),
                format.name(),
                content.describe()
            ),
        ));
    }
    Ok(ListFiles {
        format,
        files: vec![ListFile {
            role: FileRole::Primary,
            path,
        }],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn content(text: &str) -> Content {
        sniff_bytes(text.as_bytes(), true)
    }

    #[test]
    fn xml_roots() {
        let un = "<?xml version=\"1.0\"?>\n<CONSOLIDATED_LIST dateGenerated=\"x\"><INDIVIDUALS>";
        assert_eq!(content(un), Content::UnXml);
        assert_eq!(content("\u{feff}<CONSOLIDATED_LIST/>"), Content::UnXml);
        assert_eq!(
            content("<sdnList>"),
            Content::OtherXml("sdnList".to_string())
        );
    }

    #[test]
    fn json_lines() {
        let line = r#"{"id":"a","schema":"Person","properties":{"name":["A"]}}"#;
        assert_eq!(
            content(&format!("{line}\n{line}\n")),
            Content::FollowTheMoney
        );
        assert!(matches!(content(r#"{"id":"a"}"#), Content::OtherText(_)));
        let cut = r#"{"id":"a","schema":"Person","properties":{"name":["A"#;
        assert_eq!(sniff_bytes(cut.as_bytes(), false), Content::FollowTheMoney);
    }

    #[test]
    fn csv_kinds() {
        assert_eq!(content("id,name,aliases\n1,A,B\n"), Content::CustomCsv);
        assert_eq!(content("ID;Name\n1;A\n"), Content::CustomCsv);
        let ofac = "36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n";
        assert_eq!(content(ofac), Content::OfacPrimary);
        assert_eq!(
            content("36,57,\"aka\",\"AERO-CARIBBEAN\",-0- \r\n"),
            Content::OfacCompanion
        );
        // Remarks full of `;` do not make an OFAC file `;`-separated.
        let comments = "17018,\"ive 2): 24 Feb 2022; Effective; Date; Tax; ID\"\r\n";
        assert_eq!(content(comments), Content::OfacCompanion);
        assert!(matches!(
            content("full_name,first_name\nA,B\n"),
            Content::OtherText(_)
        ));
        assert!(matches!(
            content("\"Name\"\t\"City\"\n"),
            Content::OtherText(_)
        ));
    }

    #[test]
    fn dos_end_of_file_mark_is_not_binary() {
        let comments = "28263,\"hn'; Linked To: LAZARUS GROUP.\"\r\n\u{1a}";
        assert_eq!(content(comments), Content::OfacCompanion);
        assert_eq!(content("\u{1a}"), Content::Empty);
    }

    #[test]
    fn empty_and_binary() {
        assert_eq!(content(" \n\r\n"), Content::Empty);
        assert_eq!(
            sniff_bytes(&[0xff, 0xfe, 0x00, 0x41], true),
            Content::Binary("byte 0xff at byte offset 0, line 1, is not UTF-8".to_string())
        );
        assert_eq!(
            sniff_bytes(b"\xef\xbb\xbfid,name\n1,\x00\x01\x02", true),
            Content::Binary("control character U+0000 at byte offset 13, line 2".to_string())
        );
        assert_eq!(
            sniff_bytes(b"id,name\n1,Jos\xe9\n", true).describe(),
            "binary data, not UTF-8 text (byte 0xe9 at byte offset 13, line 2, is not UTF-8)"
        );
        // A character cut by the end of an incomplete head is fine.
        let cut = "id,name\n1,Caf\u{e9}".as_bytes();
        assert_eq!(
            sniff_bytes(&cut[..cut.len() - 1], false),
            Content::CustomCsv
        );
    }
}
