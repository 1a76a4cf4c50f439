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

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;

use super::encoding::{NotUtf8, Utf8Checked};
use super::limits::{MAX_NESTING_DEPTH, grouped, is_usable_name};
use super::{EntitySink, FileRecords, FileRole, ListFiles, ListMeta, SourceError};
use crate::model::{
    Address, Country, DateSpec, Entity, Gender, IdKind, Identifier, Name, NamePart, NamePartKind,
    NameQuality, PartialDate, Schema, normalize_identifier,
};

/// Name of the root element of the UN consolidated list.
const ROOT: &str = "CONSOLIDATED_LIST";

/// Most elements one record may hold (the largest real record holds 188).
pub const MAX_RECORD_ELEMENTS: usize = 2_000;

/// Elements of a record that carry no information for screening.
const BOOKKEEPING: &[&str] = &["VERSIONNUM", "SORT_KEY", "SORT_KEY_LAST_MOD", "LIST_TYPE"];

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

/// One element of a record: its name, its text (whitespace collapsed) and
/// its children.
#[derive(Debug, Default)]
struct Element {
    name: String,
    text: String,
    children: Vec<Element>,
}

impl Element {
    fn new(name: String) -> Element {
        Element {
            name,
            ..Element::default()
        }
    }

    /// Collapses runs of whitespace (the list hard-wraps long texts).
    fn finish_text(&mut self) {
        if !self.text.is_empty() {
            self.text = collapse_whitespace(&self.text);
        }
    }

    /// The first child called `name`.
    fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|child| child.name == name)
    }

    /// Every child called `name`.
    fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |child| child.name == name)
    }

    /// The text of the first child called `name`, when not empty.
    fn text_of(&self, name: &str) -> Option<&str> {
        self.child(name)
            .map(|child| child.text.as_str())
            .filter(|text| !text.is_empty())
    }
}

/// Why reading stopped, before the line number is known.
#[derive(Debug)]
enum Failure {
    /// The file could not be read.
    Io(std::io::Error),
    /// The file is not UTF-8 text from this byte on.
    Encoding(NotUtf8),
    /// Something is wrong at a byte offset, while reading a record (its
    /// reference number, when already read).
    At {
        offset: u64,
        record: Option<String>,
        message: String,
    },
    /// Something is wrong with the file as a whole.
    Whole(String),
    /// The sink refused an entity.
    Sink(SourceError),
}

impl Failure {
    fn at(offset: u64, record: Option<String>, message: impl Into<String>) -> Failure {
        Failure::At {
            offset,
            record,
            message: message.into(),
        }
    }

    /// The error for the user, with the line computed from the byte offset.
    fn into_error(self, path: &Path) -> SourceError {
        match self {
            Failure::Io(error) => SourceError::io(path, error),
            Failure::Encoding(not_utf8) => not_utf8.into_source_error(path),
            Failure::Whole(message) => SourceError::invalid(path, message),
            Failure::Sink(error) => error,
            Failure::At {
                offset,
                record,
                message,
            } => {
                let line = line_at_offset(path, offset);
                let message = match record {
                    Some(reference) => format!("record {reference}: {message}"),
                    None => message,
                };
                let message = format!("{message} (byte offset {offset})");
                SourceError::malformed(path, line, message)
            }
        }
    }
}

/// The 1-based line holding byte `offset` of the file, found by reading
/// the file again (only done for an error). Line 1 when the file cannot be
/// read any more.
fn line_at_offset(path: &Path, offset: u64) -> u64 {
    let Ok(file) = File::open(path) else {
        return 1;
    };
    let mut reader = BufReader::new(file.take(offset));
    let mut newlines = 0u64;
    loop {
        let consumed = match reader.fill_buf() {
            Ok([]) | Err(_) => break,
            Ok(bytes) => {
                newlines += bytes.iter().filter(|&&b| b == b'\n').count() as u64;
                bytes.len()
            }
        };
        reader.consume(consumed);
    }
    newlines + 1
}

/// Collapses every run of whitespace into one space and trims the ends.
fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A record being read: the element tree built so far, innermost last.
struct RecordBuilder {
    open: Vec<Element>,
}

impl RecordBuilder {
    /// The record's reference number, if its element has been read.
    fn reference(&self) -> Option<String> {
        self.open
            .first()
            .and_then(|record| record.text_of("REFERENCE_NUMBER"))
            .map(str::to_string)
    }
}

/// The streaming reader of one UN XML file.
struct UnDocument<R: BufRead> {
    reader: Reader<R>,
    buffer: Vec<u8>,
    meta: ListMeta,
}

/// What the top level of the document holds next.
enum TopLevel {
    /// A record element started: `INDIVIDUAL` or `ENTITY`.
    Record(Schema),
    /// The end of the file after the root element closed.
    End,
}

impl<R: BufRead> UnDocument<R> {
    fn new(input: R) -> UnDocument<R> {
        let mut reader = Reader::from_reader(input);
        let config = reader.config_mut();
        config.check_end_names = true;
        config.expand_empty_elements = false;
        UnDocument {
            reader,
            buffer: Vec::with_capacity(4096),
            meta: ListMeta::default(),
        }
    }

    /// Reads the whole document.
    fn read(&mut self, source_id: &str, sink: &mut EntitySink<'_>) -> Result<ListMeta, Failure> {
        let root_is_empty = self.read_root()?;
        if !root_is_empty {
            let mut containers: Vec<String> = Vec::new();
            while let TopLevel::Record(schema) = self.next_record(&mut containers)? {
                let start = self.reader.buffer_position();
                // The root and the containers are open around the record.
                let record = self.read_record(schema, 1 + containers.len())?;
                let entity = map_record(&record, schema, source_id, &mut self.meta.notices)
                    .map_err(|message| {
                        Failure::at(
                            start,
                            record.text_of("REFERENCE_NUMBER").map(String::from),
                            message,
                        )
                    })?;
                sink(entity).map_err(Failure::Sink)?;
                self.meta.entity_count += 1;
            }
        }
        self.expect_end_of_file()?;
        if self.meta.entity_count == 0 {
            return Err(Failure::Whole(
                "no INDIVIDUAL or ENTITY record: an empty list would remove every entry of the \
                 previous version"
                    .to_string(),
            ));
        }
        Ok(std::mem::take(&mut self.meta))
    }

    /// Reads one event, mapping XML errors to a failure at their position.
    fn next_event(&mut self, record: Option<&RecordBuilder>) -> Result<Event<'_>, Failure> {
        self.buffer.clear();
        match self.reader.read_event_into(&mut self.buffer) {
            Ok(event) => Ok(event),
            Err(quick_xml::Error::Io(error)) => Err(match NotUtf8::from_io(&error) {
                Some(not_utf8) => Failure::Encoding(not_utf8),
                None => Failure::Io(std::io::Error::new(error.kind(), error.to_string())),
            }),
            Err(error) => Err(Failure::at(
                self.reader.error_position(),
                record.and_then(RecordBuilder::reference),
                format!("not well-formed XML: {error}"),
            )),
        }
    }

    /// Reads up to the root element, checks its name and takes the
    /// publication date from `dateGenerated`. True when the root is an
    /// empty element (`<CONSOLIDATED_LIST/>`).
    fn read_root(&mut self) -> Result<bool, Failure> {
        loop {
            let position = self.reader.buffer_position();
            let (start, is_empty) = match self.next_event(None)? {
                Event::Start(start) => (start.into_owned(), false),
                Event::Empty(start) => (start.into_owned(), true),
                Event::Eof => {
                    return Err(Failure::Whole(
                        "no XML element found (empty file?); expected the UN consolidated list \
                         (root element <CONSOLIDATED_LIST>)"
                            .to_string(),
                    ));
                }
                Event::Text(text) if !text.trim().is_empty() => {
                    return Err(Failure::at(
                        position,
                        None,
                        "text before the root element: not an XML document",
                    ));
                }
                _ => continue,
            };
            let name = element_name(&start);
            if name != ROOT {
                return Err(Failure::at(
                    position,
                    None,
                    format!(
                        "root element is <{name}>, expected <{ROOT}>: not a UN consolidated list"
                    ),
                ));
            }
            self.meta.published = date_generated(&start);
            return Ok(is_empty);
        }
    }

    /// Reads container elements (`INDIVIDUALS`, `ENTITIES`) until the next
    /// record starts or the root closes.
    fn next_record(&mut self, containers: &mut Vec<String>) -> Result<TopLevel, Failure> {
        loop {
            let position = self.reader.buffer_position();
            match self.next_event(None)? {
                Event::Start(start) => {
                    let name = element_name(&start);
                    if let Some(schema) = record_schema(containers, &name) {
                        return Ok(TopLevel::Record(schema));
                    }
                    // The root, the open containers and this one.
                    check_depth(2 + containers.len(), position, None)?;
                    containers.push(name);
                }
                Event::End(_) if containers.pop().is_none() => return Ok(TopLevel::End),
                Event::Empty(start) => {
                    let name = element_name(&start);
                    if record_schema(containers, &name).is_some() {
                        return Err(Failure::at(
                            position,
                            None,
                            format!("empty <{name}/> record"),
                        ));
                    }
                }
                Event::Eof => {
                    let inside = containers.last().map_or(ROOT, String::as_str);
                    return Err(Failure::at(
                        position,
                        None,
                        format!("file ends inside <{inside}>: truncated"),
                    ));
                }
                _ => {}
            }
        }
    }

    /// Reads one record element, its start tag already consumed, into an
    /// element tree; `outer_depth` elements are open around it.
    fn read_record(&mut self, schema: Schema, outer_depth: usize) -> Result<Element, Failure> {
        let name = match schema {
            Schema::Person => "INDIVIDUAL",
            _ => "ENTITY",
        };
        let mut builder = RecordBuilder {
            open: vec![Element::new(name.to_string())],
        };
        let mut elements = 1usize;
        loop {
            let position = self.reader.buffer_position();
            let event = self.next_event(Some(&builder))?;
            if matches!(event, Event::Start(_) | Event::Empty(_)) {
                elements += 1;
                if elements > MAX_RECORD_ELEMENTS {
                    return Err(Failure::at(
                        position,
                        builder.reference(),
                        format!(
                            "the record holds more than {} elements (real records hold under \
                             200): not the UN list's structure",
                            grouped(MAX_RECORD_ELEMENTS)
                        ),
                    ));
                }
            }
            match event {
                Event::Start(start) => {
                    let element = Element::new(element_name(&start));
                    let depth = outer_depth + builder.open.len() + 1;
                    check_depth(depth, position, builder.reference())?;
                    builder.open.push(element);
                }
                Event::Empty(start) => {
                    let empty = Element::new(element_name(&start));
                    if let Some(parent) = builder.open.last_mut() {
                        parent.children.push(empty);
                    }
                }
                Event::Text(text) => push_text(&mut builder, &text.xml10_content()),
                Event::CData(data) => push_text(&mut builder, &data.xml10_content()),
                Event::GeneralRef(reference) => {
                    let resolved = resolve_reference(&reference).ok_or_else(|| {
                        Failure::at(
                            position,
                            builder.reference(),
                            format!("unknown entity reference &{};", &*reference),
                        )
                    })?;
                    push_text(&mut builder, &resolved);
                }
                Event::End(_) => {
                    let Some(mut done) = builder.open.pop() else {
                        continue;
                    };
                    done.finish_text();
                    match builder.open.last_mut() {
                        Some(parent) => parent.children.push(done),
                        None => return Ok(done),
                    }
                }
                Event::Eof => {
                    let inside = builder.open.last().map_or(name, |open| open.name.as_str());
                    return Err(Failure::at(
                        position,
                        builder.reference(),
                        format!("file ends inside <{inside}>: truncated"),
                    ));
                }
                Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
            }
        }
    }

    /// After the root closed, only whitespace, comments and processing
    /// instructions may follow.
    fn expect_end_of_file(&mut self) -> Result<(), Failure> {
        loop {
            let position = self.reader.buffer_position();
            match self.next_event(None)? {
                Event::Eof => return Ok(()),
                Event::Text(text) if text.trim().is_empty() => {}
                Event::Comment(_) | Event::PI(_) => {}
                _ => {
                    return Err(Failure::at(
                        position,
                        None,
                        format!("content after </{ROOT}>"),
                    ));
                }
            }
        }
    }
}

/// Fails when an element opened at byte `position` would be `depth`
/// elements deep, past [`MAX_NESTING_DEPTH`].
fn check_depth(depth: usize, position: u64, record: Option<String>) -> Result<(), Failure> {
    if depth <= MAX_NESTING_DEPTH {
        return Ok(());
    }
    Err(Failure::at(
        position,
        record,
        format!(
            "elements nested more than {MAX_NESTING_DEPTH} deep (the UN list nests 5 deep): not \
             the UN list's structure"
        ),
    ))
}

/// Appends text to the innermost open element.
fn push_text(builder: &mut RecordBuilder, text: &str) {
    if let Some(open) = builder.open.last_mut() {
        open.text.push_str(text);
    }
}

/// The text a `&name;` or `&#n;` reference stands for, if it is one of
/// XML's own.
fn resolve_reference(reference: &quick_xml::events::BytesRef<'_>) -> Option<String> {
    match reference.resolve_char_ref() {
        Ok(Some(character)) => Some(character.to_string()),
        Ok(None) => quick_xml::escape::resolve_predefined_entity(reference).map(str::to_string),
        Err(_) => None,
    }
}

/// An element's name as text.
fn element_name(start: &BytesStart<'_>) -> String {
    start.name().as_ref().to_string()
}

/// The schema of a record element met inside `containers`, or `None` when
/// `name` is not a record there.
fn record_schema(containers: &[String], name: &str) -> Option<Schema> {
    match (containers.last().map(String::as_str), name) {
        (Some("INDIVIDUALS"), "INDIVIDUAL") => Some(Schema::Person),
        (Some("ENTITIES"), "ENTITY") => Some(Schema::Organization),
        _ => None,
    }
}

/// The root's `dateGenerated` attribute as a date.
fn date_generated(root: &BytesStart<'_>) -> Option<PartialDate> {
    let attribute = root.try_get_attribute("dateGenerated").ok().flatten()?;
    let value = attribute
        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
        .ok()?;
    PartialDate::parse(&value).ok()
}

/// Turns one record into an entity. Errors are messages; the caller adds
/// file, line and reference number.
fn map_record(
    record: &Element,
    schema: Schema,
    source_id: &str,
    notices: &mut Vec<String>,
) -> Result<Entity, String> {
    let reference = record
        .text_of("REFERENCE_NUMBER")
        .ok_or("record has no REFERENCE_NUMBER")?;
    let primary = primary_name(record, schema).ok_or(
        "record has no name (FIRST_NAME to FOURTH_NAME are empty or hold no letter or digit)",
    )?;
    let mut entity = Entity::new(format!("{source_id}:{reference}"), schema, primary);
    for child in &record.children {
        apply_element(&mut entity, child, notices)?;
    }
    if let Some(dataid) = record.text_of("DATAID") {
        entity.remarks.insert(0, format!("DATAID {dataid}"));
    }
    Ok(entity)
}

/// The primary name: `FIRST_NAME` .. `FOURTH_NAME` joined by spaces, with
/// their parts for persons.
fn primary_name(record: &Element, schema: Schema) -> Option<Name> {
    const PARTS: [(&str, NamePartKind); 4] = [
        ("FIRST_NAME", NamePartKind::First),
        ("SECOND_NAME", NamePartKind::Second),
        ("THIRD_NAME", NamePartKind::Third),
        ("FOURTH_NAME", NamePartKind::Fourth),
    ];
    let parts: Vec<NamePart> = PARTS
        .iter()
        .filter_map(|(element, kind)| {
            record.text_of(element).map(|value| NamePart {
                kind: *kind,
                value: value.to_string(),
            })
        })
        .collect();
    let full = parts
        .iter()
        .map(|part| part.value.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    if !is_usable_name(&full) {
        return None;
    }
    let mut name = Name::new(full, NameQuality::Primary);
    if schema == Schema::Person {
        name.parts = parts;
    }
    Some(name)
}

/// Applies one child element of a record to the entity.
fn apply_element(
    entity: &mut Entity,
    element: &Element,
    notices: &mut Vec<String>,
) -> Result<(), String> {
    match element.name.as_str() {
        "DATAID" | "REFERENCE_NUMBER" | "FIRST_NAME" | "SECOND_NAME" | "THIRD_NAME"
        | "FOURTH_NAME" => {}
        name if BOOKKEEPING.contains(&name) => {}
        "NAME_ORIGINAL_SCRIPT" => add_original_script(entity, &element.text),
        "UN_LIST_TYPE" => add_program(entity, &element.text),
        "LISTED_ON" => entity.listed_on = listed_on(&element.text)?,
        "GENDER" => apply_gender(entity, &element.text),
        "COMMENTS1" => add_remark(entity, &element.text),
        "TITLE" | "DESIGNATION" => add_titles(entity, element),
        "NATIONALITY" => add_nationalities(entity, element),
        "LAST_DAY_UPDATED" => add_last_updated(entity, element),
        "INDIVIDUAL_ALIAS" | "ENTITY_ALIAS" => apply_alias(entity, element, notices)?,
        "INDIVIDUAL_ADDRESS" | "ENTITY_ADDRESS" => entity.addresses.extend(address(element)),
        "INDIVIDUAL_DATE_OF_BIRTH" => apply_date_of_birth(entity, element)?,
        "INDIVIDUAL_PLACE_OF_BIRTH" => add_birth_place(entity, place_of_birth(element)),
        "INDIVIDUAL_DOCUMENT" => apply_document(entity, element),
        other => add_unknown(entity, other, element),
    }
    Ok(())
}

/// `NAME_ORIGINAL_SCRIPT`: a strong alias in the original script.
fn add_original_script(entity: &mut Entity, text: &str) {
    if !text.is_empty() {
        entity.add_name(Name::new(text, NameQuality::Strong));
    }
}

/// `UN_LIST_TYPE`: the sanctions regime (`DPRK`, `Al-Qaida`).
fn add_program(entity: &mut Entity, text: &str) {
    if !text.is_empty() && !entity.programs.iter().any(|known| known == text) {
        entity.programs.push(text.to_string());
    }
}

/// `LISTED_ON`: the listing date (`2017-12-22`).
fn listed_on(text: &str) -> Result<Option<PartialDate>, String> {
    if text.is_empty() {
        return Ok(None);
    }
    xs_date(text)
        .map(Some)
        .map_err(|error| format!("LISTED_ON: {error}"))
}

/// An XML Schema date, which may end in a time zone (`2015-04-07-04:00`,
/// `2015-04-07Z`); the zone is dropped.
fn xs_date(text: &str) -> Result<PartialDate, crate::model::DateParseError> {
    let without_z = text.strip_suffix('Z').unwrap_or(text);
    let bytes = without_z.as_bytes();
    let zoned = bytes.len() == 16 && matches!(bytes[10], b'+' | b'-') && bytes[13] == b':';
    let date = if zoned { &without_z[..10] } else { without_z };
    PartialDate::parse(date)
}

/// `GENDER`: `Male` or `Female`; anything else is kept as a remark.
fn apply_gender(entity: &mut Entity, text: &str) {
    match Gender::parse(text) {
        Some(gender) => entity.gender = Some(gender),
        None if !text.is_empty() => entity.remarks.push(format!("Gender: {text}")),
        None => {}
    }
}

/// A remark, unless empty.
fn add_remark(entity: &mut Entity, text: &str) {
    if !text.is_empty() {
        entity.remarks.push(text.to_string());
    }
}

/// `TITLE` and `DESIGNATION` values: titles.
fn add_titles(entity: &mut Entity, element: &Element) {
    for value in element.children_named("VALUE") {
        if !value.text.is_empty() && !entity.titles.contains(&value.text) {
            entity.titles.push(value.text.clone());
        }
    }
}

/// `NATIONALITY` values: nationalities.
fn add_nationalities(entity: &mut Entity, element: &Element) {
    for value in element.children_named("VALUE") {
        if !value.text.is_empty() {
            entity.nationalities.push(Country::from_text(&value.text));
        }
    }
}

/// `LAST_DAY_UPDATED` values: one remark `Last updated 2016-10-13, ...`.
fn add_last_updated(entity: &mut Entity, element: &Element) {
    let dates: Vec<&str> = element
        .children_named("VALUE")
        .map(|value| value.text.as_str())
        .filter(|text| !text.is_empty())
        .collect();
    if !dates.is_empty() {
        entity
            .remarks
            .push(format!("Last updated {}", dates.join(", ")));
    }
}

/// An element this parser does not know: its text is kept as a remark so
/// that a new field of the list is never dropped.
fn add_unknown(entity: &mut Entity, name: &str, element: &Element) {
    let mut texts: Vec<&str> = Vec::new();
    if !element.text.is_empty() {
        texts.push(&element.text);
    }
    texts.extend(
        element
            .children
            .iter()
            .map(|child| child.text.as_str())
            .filter(|text| !text.is_empty()),
    );
    if !texts.is_empty() {
        entity.remarks.push(format!("{name}: {}", texts.join("; ")));
    }
}

/// The quality of an alias from its `QUALITY` text: `Good` and `a.k.a.`
/// strong, `Low` weak, `f.k.a.` former. `None` for any other wording.
fn alias_quality(text: &str) -> Option<NameQuality> {
    match text.to_ascii_lowercase().as_str() {
        "good" | "a.k.a." | "aka" | "" => Some(NameQuality::Strong),
        "low" => Some(NameQuality::Weak),
        "f.k.a." | "fka" => Some(NameQuality::Former),
        _ => None,
    }
}

/// `INDIVIDUAL_ALIAS` / `ENTITY_ALIAS`: an alias with its quality. The
/// date and place of birth some aliases carry are added to the entity's
/// own, and a remark ties them to the alias.
fn apply_alias(
    entity: &mut Entity,
    element: &Element,
    notices: &mut Vec<String>,
) -> Result<(), String> {
    let Some(alias) = element.text_of("ALIAS_NAME") else {
        return Ok(());
    };
    let quality_text = element.text_of("QUALITY").unwrap_or("");
    let quality = alias_quality(quality_text).unwrap_or_else(|| {
        notices.push(format!(
            "{}: alias quality {quality_text:?} not recognized, taken as a strong alias",
            entity.id
        ));
        NameQuality::Strong
    });
    entity.add_name(Name::new(alias, quality));
    if let Some(note) = element.text_of("NOTE") {
        entity.remarks.push(format!("alias {alias}: {note}"));
    }
    apply_alias_birth(entity, alias, element)
}

/// The date, city and country of birth given with an alias.
fn apply_alias_birth(entity: &mut Entity, alias: &str, element: &Element) -> Result<(), String> {
    let date = element.text_of("DATE_OF_BIRTH");
    let place: Vec<&str> = ["CITY_OF_BIRTH", "COUNTRY_OF_BIRTH"]
        .iter()
        .filter_map(|name| element.text_of(name))
        .collect();
    if let Some(date) = date {
        let spec = DateSpec::parse(date)
            .map_err(|error| format!("DATE_OF_BIRTH of alias {alias}: {error}"))?;
        add_birth_date(entity, spec);
    }
    if !place.is_empty() {
        add_birth_place(entity, Some(place.join(", ")));
    }
    if date.is_some() || !place.is_empty() {
        let mut facts: Vec<String> = date.map(|d| format!("born {d}")).into_iter().collect();
        if !place.is_empty() {
            facts.push(format!("in {}", place.join(", ")));
        }
        entity
            .remarks
            .push(format!("alias {alias} used with {}", facts.join(" ")));
    }
    Ok(())
}

/// Adds a date of birth unless already known.
fn add_birth_date(entity: &mut Entity, spec: DateSpec) {
    if !entity.birth_dates.contains(&spec) {
        entity.birth_dates.push(spec);
    }
}

/// Adds a place of birth unless empty or already known.
fn add_birth_place(entity: &mut Entity, place: Option<String>) {
    if let Some(place) = place
        && !entity.birth_places.contains(&place)
    {
        entity.birth_places.push(place);
    }
}

/// `INDIVIDUAL_DATE_OF_BIRTH`: a date, or a remark when only a note that
/// is not a date is given. A note `Approximately` (which the list puts on
/// some `BETWEEN` ranges) makes the date circa; other notes are remarks.
fn apply_date_of_birth(entity: &mut Entity, element: &Element) -> Result<(), String> {
    let note = element.text_of("NOTE");
    let approximately = note.is_some_and(|note| note.eq_ignore_ascii_case("approximately"));
    match date_of_birth(element)? {
        Some(spec) if approximately => add_birth_date(
            entity,
            DateSpec {
                circa: true,
                ..spec
            },
        ),
        Some(spec) => {
            add_birth_date(entity, spec);
            if let Some(note) = note {
                entity.remarks.push(format!("DOB {spec}: {note}"));
            }
        }
        None => match note.map(|text| (text, DateSpec::parse(text))) {
            Some((_, Ok(spec))) => add_birth_date(entity, spec),
            Some((text, Err(_))) => entity.remarks.push(format!("DOB {text}")),
            None => {}
        },
    }
    Ok(())
}

/// The date of a `INDIVIDUAL_DATE_OF_BIRTH` element from `TYPE_OF_DATE`
/// and `DATE`, `YEAR` or `FROM_YEAR`/`TO_YEAR`; `None` when it holds no
/// date.
fn date_of_birth(element: &Element) -> Result<Option<DateSpec>, String> {
    let kind = element.text_of("TYPE_OF_DATE").unwrap_or("EXACT");
    let exact = exact_birth_date(element)?;
    match kind.to_ascii_uppercase().as_str() {
        "EXACT" => Ok(exact),
        "APPROXIMATELY" => Ok(exact.map(|spec| DateSpec {
            circa: true,
            ..spec
        })),
        "BETWEEN" => birth_date_range(element).map(|range| range.or(exact)),
        other => Err(format!("date of birth of unknown TYPE_OF_DATE {other:?}")),
    }
}

/// `DATE` (`1964-06-18`) or else `YEAR` (`1971`).
fn exact_birth_date(element: &Element) -> Result<Option<DateSpec>, String> {
    let Some((field, text)) = ["DATE", "YEAR"]
        .iter()
        .find_map(|field| element.text_of(field).map(|text| (*field, text)))
    else {
        return Ok(None);
    };
    xs_date(text)
        .map(|date| Some(DateSpec::on(date)))
        .map_err(|error| format!("date of birth {field}: {error}"))
}

/// `FROM_YEAR` to `TO_YEAR`, both required.
fn birth_date_range(element: &Element) -> Result<Option<DateSpec>, String> {
    let (Some(from), Some(to)) = (element.text_of("FROM_YEAR"), element.text_of("TO_YEAR")) else {
        return Ok(None);
    };
    let year = |text: &str| {
        PartialDate::parse(text).map_err(|error| format!("date of birth BETWEEN: {error}"))
    };
    let (from, to) = (year(from)?, year(to)?);
    Ok(Some(DateSpec {
        from: from.min(to),
        to: Some(from.max(to)),
        circa: false,
    }))
}

/// `INDIVIDUAL_PLACE_OF_BIRTH`: its parts joined (`Kaesong, Democratic
/// People's Republic of Korea`), `None` when all are empty.
fn place_of_birth(element: &Element) -> Option<String> {
    let parts: Vec<&str> = ["STREET", "CITY", "STATE_PROVINCE", "COUNTRY", "NOTE"]
        .iter()
        .filter_map(|name| element.text_of(name))
        .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// `INDIVIDUAL_ADDRESS` / `ENTITY_ADDRESS`; `None` when empty.
fn address(element: &Element) -> Option<Address> {
    let text = |name: &str| element.text_of(name).map(str::to_string);
    let address = Address {
        street: text("STREET"),
        city: text("CITY"),
        region: text("STATE_PROVINCE"),
        postal_code: text("ZIP_CODE"),
        country: element.text_of("COUNTRY").map(Country::from_text),
        note: text("NOTE"),
    };
    (!address.is_empty()).then_some(address)
}

/// The identifier kind of a `TYPE_OF_DOCUMENT` (in English, French or
/// Spanish as the list writes it).
fn document_kind(type_of_document: &str) -> IdKind {
    let lower = type_of_document.to_lowercase();
    if ["passport", "passeport", "pasaporte"]
        .iter()
        .any(|word| lower.contains(word))
    {
        IdKind::Passport
    } else if lower.contains("national identification") {
        IdKind::NationalId
    } else {
        IdKind::Other
    }
}

/// `INDIVIDUAL_DOCUMENT`: an identifier when it has a number, else a
/// remark with whatever it states. Documents repeated under French and
/// Spanish labels are merged into one.
fn apply_document(entity: &mut Entity, element: &Element) {
    let type_of_document = element.text_of("TYPE_OF_DOCUMENT").unwrap_or("");
    let kind = document_kind(type_of_document);
    let label = element
        .text_of("TYPE_OF_DOCUMENT2")
        .or((kind == IdKind::Other && !type_of_document.is_empty()).then_some(type_of_document))
        .map(str::to_string);
    let note = document_note(element);
    let Some(number) = element.text_of("NUMBER") else {
        let described: Vec<&str> = [Some(type_of_document), label.as_deref(), note.as_deref()]
            .into_iter()
            .flatten()
            .filter(|text| !text.is_empty())
            .collect();
        if !described.is_empty() {
            entity.remarks.push(described.join(": "));
        }
        return;
    };
    let identifier = Identifier {
        kind,
        value: number.to_string(),
        country: element
            .text_of("ISSUING_COUNTRY")
            .or_else(|| element.text_of("COUNTRY_OF_ISSUE"))
            .map(Country::from_text),
        label,
        note,
    };
    add_identifier(entity, identifier);
}

/// `DATE_OF_ISSUE`, `CITY_OF_ISSUE` and `NOTE` of a document on one line
/// (`issued 2011-12-07; Expires on 7 Dec. 2016`).
fn document_note(element: &Element) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    match (
        element.text_of("DATE_OF_ISSUE"),
        element.text_of("CITY_OF_ISSUE"),
    ) {
        (Some(date), Some(city)) => parts.push(format!("issued {date} in {city}")),
        (Some(date), None) => parts.push(format!("issued {date}")),
        (None, Some(city)) => parts.push(format!("issued in {city}")),
        (None, None) => {}
    }
    parts.extend(element.text_of("NOTE").map(str::to_string));
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// Adds an identifier, merging it into a known one of the same kind and
/// number (filling what the known one lacks).
fn add_identifier(entity: &mut Entity, identifier: Identifier) {
    let normalized = normalize_identifier(identifier.kind, &identifier.value);
    let known = entity
        .identifiers
        .iter_mut()
        .find(|known| known.kind == identifier.kind && known.normalized() == normalized);
    match known {
        Some(known) => {
            known.country = known.country.take().or(identifier.country);
            known.label = known.label.take().or(identifier.label);
            known.note = merge_notes(known.note.take(), identifier.note);
        }
        None => entity.identifiers.push(identifier),
    }
}

/// Two notes on the same document as one, without repeating either.
fn merge_notes(known: Option<String>, new: Option<String>) -> Option<String> {
    match (known, new) {
        (Some(known), Some(new)) if new.contains(&known) => Some(new),
        (Some(known), Some(new)) if known.contains(&new) => Some(known),
        (Some(known), Some(new)) => Some(format!("{known}; {new}")),
        (known, new) => known.or(new),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn element(name: &str, children: &[(&str, &str)]) -> Element {
        Element {
            name: name.to_string(),
            text: String::new(),
            children: children
                .iter()
                .map(|(child, text)| Element {
                    name: child.to_string(),
                    text: text.to_string(),
                    children: Vec::new(),
                })
                .collect(),
        }
    }

    fn person() -> Entity {
        Entity::new("un:X", Schema::Person, Name::new("X", NameQuality::Primary))
    }

    #[test]
    fn primary_name_joins_parts_in_list_order() {
        let record = element(
            "INDIVIDUAL",
            &[
                ("FIRST_NAME", "KIM"),
                ("SECOND_NAME", "JONG SIK"),
                ("THIRD_NAME", ""),
            ],
        );
        let name = primary_name(&record, Schema::Person).unwrap();
        assert_eq!(name.full, "KIM JONG SIK");
        assert_eq!(name.part(NamePartKind::First), Some("KIM"));
        assert_eq!(name.part(NamePartKind::Second), Some("JONG SIK"));
        assert_eq!(name.part(NamePartKind::Third), None);
        let entity = primary_name(
            &element("ENTITY", &[("FIRST_NAME", "KOMID")]),
            Schema::Organization,
        );
        assert!(entity.unwrap().parts.is_empty());
    }

    #[test]
    fn alias_qualities() {
        assert_eq!(alias_quality("Good"), Some(NameQuality::Strong));
        assert_eq!(alias_quality("a.k.a."), Some(NameQuality::Strong));
        assert_eq!(alias_quality("Low"), Some(NameQuality::Weak));
        assert_eq!(alias_quality("f.k.a."), Some(NameQuality::Former));
        assert_eq!(alias_quality("dubious"), None);
    }

    #[test]
    fn empty_alias_is_skipped_and_unknown_quality_noticed() {
        let mut entity = person();
        let mut notices = Vec::new();
        apply_alias(
            &mut entity,
            &element("INDIVIDUAL_ALIAS", &[("QUALITY", ""), ("ALIAS_NAME", "")]),
            &mut notices,
        )
        .unwrap();
        assert_eq!(entity.names.len(), 1);
        apply_alias(
            &mut entity,
            &element(
                "INDIVIDUAL_ALIAS",
                &[("QUALITY", "Odd"), ("ALIAS_NAME", "Y")],
            ),
            &mut notices,
        )
        .unwrap();
        assert_eq!(entity.names[1].quality, NameQuality::Strong);
        assert_eq!(notices.len(), 1);
    }

    #[test]
    fn alias_birth_details_join_the_entity() {
        let mut entity = person();
        let alias = element(
            "INDIVIDUAL_ALIAS",
            &[
                ("QUALITY", "Good"),
                ("ALIAS_NAME", "Lased Ben Heni"),
                ("DATE_OF_BIRTH", "1969-02-05"),
                ("CITY_OF_BIRTH", "Tripoli"),
                ("COUNTRY_OF_BIRTH", "Libya"),
            ],
        );
        apply_alias(&mut entity, &alias, &mut Vec::new()).unwrap();
        assert_eq!(entity.birth_dates[0].to_string(), "1969-02-05");
        assert_eq!(entity.birth_places, vec!["Tripoli, Libya"]);
        assert_eq!(
            entity.remarks,
            vec!["alias Lased Ben Heni used with born 1969-02-05 in Tripoli, Libya"]
        );
    }

    #[test]
    fn dates_of_birth_by_type() {
        let date = |children: &[(&str, &str)]| {
            date_of_birth(&element("INDIVIDUAL_DATE_OF_BIRTH", children))
                .map(|spec| spec.map(|s| s.to_string()))
        };
        assert_eq!(
            date(&[("TYPE_OF_DATE", "EXACT"), ("DATE", "1964-06-18")])
                .unwrap()
                .as_deref(),
            Some("1964-06-18")
        );
        assert_eq!(
            date(&[("TYPE_OF_DATE", "EXACT"), ("YEAR", "1971")])
                .unwrap()
                .as_deref(),
            Some("1971")
        );
        assert_eq!(
            date(&[("TYPE_OF_DATE", "APPROXIMATELY"), ("YEAR", "1966")])
                .unwrap()
                .as_deref(),
            Some("circa 1966")
        );
        assert_eq!(
            date(&[
                ("TYPE_OF_DATE", "BETWEEN"),
                ("FROM_YEAR", "1967"),
                ("TO_YEAR", "1969")
            ])
            .unwrap()
            .as_deref(),
            Some("1967 to 1969")
        );
        assert_eq!(date(&[("TYPE_OF_DATE", "")]).unwrap(), None);
        assert!(date(&[("TYPE_OF_DATE", "EXACT"), ("DATE", "1964-13-18")]).is_err());
        assert!(date(&[("TYPE_OF_DATE", "SOMETIME"), ("YEAR", "1964")]).is_err());
    }

    #[test]
    fn date_of_birth_given_only_as_note() {
        let mut entity = person();
        let dob = element(
            "INDIVIDUAL_DATE_OF_BIRTH",
            &[("TYPE_OF_DATE", "EXACT"), ("NOTE", "Nov. 1973")],
        );
        apply_date_of_birth(&mut entity, &dob).unwrap();
        assert_eq!(entity.birth_dates[0].to_string(), "1973-11");
        let dob = element(
            "INDIVIDUAL_DATE_OF_BIRTH",
            &[("TYPE_OF_DATE", "EXACT"), ("NOTE", "in the 1970s")],
        );
        apply_date_of_birth(&mut entity, &dob).unwrap();
        assert_eq!(entity.remarks, vec!["DOB in the 1970s"]);
    }

    #[test]
    fn approximately_note_makes_a_range_circa() {
        let mut entity = person();
        let dob = element(
            "INDIVIDUAL_DATE_OF_BIRTH",
            &[
                ("TYPE_OF_DATE", "BETWEEN"),
                ("FROM_YEAR", "1955"),
                ("TO_YEAR", "1958"),
                ("NOTE", "Approximately"),
            ],
        );
        apply_date_of_birth(&mut entity, &dob).unwrap();
        assert_eq!(entity.birth_dates[0].to_string(), "circa 1955 to 1958");
        assert!(entity.remarks.is_empty());
    }

    #[test]
    fn document_kinds() {
        assert_eq!(document_kind("Passport"), IdKind::Passport);
        assert_eq!(document_kind("Numéro de passeport"), IdKind::Passport);
        assert_eq!(document_kind("Número de pasaporte"), IdKind::Passport);
        assert_eq!(
            document_kind("National Identification Number"),
            IdKind::NationalId
        );
        assert_eq!(document_kind("Driver's Permit"), IdKind::Other);
    }

    #[test]
    fn documents_repeated_in_other_languages_merge() {
        let mut entity = person();
        for (kind, note) in [
            ("Numéro de passeport", ""),
            ("Passport", "Expires on 7 Dec. 2016"),
        ] {
            let document = element(
                "INDIVIDUAL_DOCUMENT",
                &[
                    ("TYPE_OF_DOCUMENT", kind),
                    ("NUMBER", "381420754"),
                    ("DATE_OF_ISSUE", "2011-12-07"),
                    ("NOTE", note),
                ],
            );
            apply_document(&mut entity, &document);
        }
        assert_eq!(entity.identifiers.len(), 1);
        assert_eq!(entity.identifiers[0].kind, IdKind::Passport);
        assert_eq!(
            entity.identifiers[0].note.as_deref(),
            Some("issued 2011-12-07; Expires on 7 Dec. 2016")
        );
    }

    #[test]
    fn document_without_number_is_a_remark() {
        let mut entity = person();
        let document = element(
            "INDIVIDUAL_DOCUMENT",
            &[
                ("TYPE_OF_DOCUMENT", "Passport"),
                ("NOTE", "Tunisian passport number L 191609"),
            ],
        );
        apply_document(&mut entity, &document);
        assert!(entity.identifiers.is_empty());
        assert_eq!(
            entity.remarks,
            vec!["Passport: Tunisian passport number L 191609"]
        );
    }

    #[test]
    fn addresses_and_places_skip_empty_parts() {
        assert!(address(&element("INDIVIDUAL_ADDRESS", &[("COUNTRY", "")])).is_none());
        let found = address(&element(
            "ENTITY_ADDRESS",
            &[
                ("CITY", "Pyongyang"),
                ("COUNTRY", "Democratic People's Republic of Korea"),
            ],
        ))
        .unwrap();
        assert_eq!(found.country.and_then(|c| c.code).as_deref(), Some("KP"));
        let place = place_of_birth(&element(
            "INDIVIDUAL_PLACE_OF_BIRTH",
            &[("CITY", "Kaesong"), ("COUNTRY", "Korea")],
        ));
        assert_eq!(place.as_deref(), Some("Kaesong, Korea"));
    }

    #[test]
    fn xs_dates_lose_their_time_zone() {
        assert_eq!(
            xs_date("2015-04-07-04:00").unwrap().to_string(),
            "2015-04-07"
        );
        assert_eq!(xs_date("2015-04-07Z").unwrap().to_string(), "2015-04-07");
        assert_eq!(
            xs_date("2015-04-07+01:00").unwrap().to_string(),
            "2015-04-07"
        );
        assert_eq!(xs_date("1971").unwrap().to_string(), "1971");
        assert!(xs_date("2015-04-07-04").is_err());
    }

    #[test]
    fn whitespace_is_collapsed() {
        assert_eq!(
            collapse_whitespace(" National Identification\n      Number "),
            "National Identification Number"
        );
    }
}
