//! Streaming the UN XML with `quick-xml`: the root and its containers are
//! checked, each record is read into an [`Element`] tree with an explicit
//! stack (nesting depth and element count bounded), mapped by
//! [`map_record`] and handed to the sink before the next one is read.
//! Every way the file can be broken becomes a [`Failure`], turned into an
//! error naming the file, line, byte offset and record.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;

use super::MAX_RECORD_ELEMENTS;
use super::element::Element;
use super::records::map_record;
use crate::model::{PartialDate, Schema};
use crate::sources::encoding::NotUtf8;
use crate::sources::limits::{MAX_NESTING_DEPTH, grouped};
use crate::sources::{EntitySink, ListMeta, SourceError};

/// Name of the root element of the UN consolidated list.
const ROOT: &str = "CONSOLIDATED_LIST";

/// Why reading stopped, before the line number is known.
#[derive(Debug)]
pub(super) enum Failure {
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
    pub(super) fn into_error(self, path: &Path) -> SourceError {
        match self {
            Failure::Io(error) => SourceError::io(path, error),
            Failure::Encoding(not_utf8) => SourceError::not_utf8(path, not_utf8),
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
pub(super) struct UnDocument<R: BufRead> {
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
    pub(super) fn new(input: R) -> UnDocument<R> {
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
    pub(super) fn read(
        &mut self,
        source_id: &str,
        sink: &mut EntitySink<'_>,
    ) -> Result<ListMeta, Failure> {
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
