//! The record trees of an XML list (EU FSF, FCDO UK Sanctions List,
//! Swiss SECO): the document is read with `quick-xml` from its decoded
//! text, the root element is checked, and every element directly inside
//! the root is gathered into a [`Node`] (local name, attributes, text with
//! whitespace collapsed, children) and handed to the format's mapping
//! before the next one is read.
//!
//! Cost is bounded whatever the file holds: elements nest at most
//! [`MAX_NESTING_DEPTH`] deep and one top-level element holds at most
//! [`MAX_NODE_ELEMENTS`] elements; the tree is built with an explicit
//! stack, never by recursion. A file cut short (it ends inside an element),
//! a wrong root, text that is not well-formed XML and content after the
//! root are errors naming the file, the line and the record being read.

use std::path::Path;

use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;

use super::SourceError;
use super::limits::{MAX_NESTING_DEPTH, grouped};
use crate::decode::line_of;

/// Most elements one top-level element (one record) may hold.
pub const MAX_NODE_ELEMENTS: usize = 20_000;

/// One element: local name, attributes, text (whitespace collapsed) and
/// children.
#[derive(Debug, Default, Clone)]
pub(crate) struct Node {
    /// Local name (without namespace prefix).
    pub(crate) name: String,
    /// Attributes by local name, values unescaped.
    pub(crate) attributes: Vec<(String, String)>,
    /// Text content, whitespace collapsed.
    pub(crate) text: String,
    /// Child elements in document order.
    pub(crate) children: Vec<Node>,
}

impl Node {
    /// The first child called `name`.
    pub(crate) fn child(&self, name: &str) -> Option<&Node> {
        self.children.iter().find(|child| child.name == name)
    }

    /// Every child called `name`.
    pub(crate) fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Node> {
        self.children.iter().filter(move |child| child.name == name)
    }

    /// The text of the first child called `name`, when not empty.
    pub(crate) fn text_of(&self, name: &str) -> Option<&str> {
        self.child(name)
            .map(|child| child.text.as_str())
            .filter(|text| !text.is_empty())
    }

    /// The texts of every child called `name` that is not empty.
    pub(crate) fn texts_of<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> {
        self.children_named(name)
            .map(|child| child.text.as_str())
            .filter(|text| !text.is_empty())
    }

    /// The attribute `name`, trimmed, when present and not empty.
    pub(crate) fn attr(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.trim())
            .filter(|value| !value.is_empty())
    }
}

/// What an XML list looks like from the outside.
pub(crate) struct XmlShape<'a> {
    /// The format's name for messages (`EU FSF XML`).
    pub(crate) format: &'a str,
    /// The local name the root element must have.
    pub(crate) root: &'a str,
    /// Names the record of a partly read top-level element, for messages
    /// about a file cut inside it (its id, when already read).
    pub(crate) label: fn(&Node) -> Option<String>,
}

/// Reads `text`, the decoded content of `path`, handing the root (without
/// children) to `on_root` and then every top-level element with its byte
/// offset to `on_child`, whose `Err` is a message about that record.
/// Returns the number of top-level elements read.
pub(crate) fn read_tree(
    text: &str,
    path: &Path,
    shape: &XmlShape<'_>,
    on_root: &mut dyn FnMut(&Node),
    on_child: &mut dyn FnMut(Node, usize) -> Result<(), SourceError>,
) -> Result<usize, SourceError> {
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let at = |offset: usize, record: Option<String>, message: String| {
        let message = match record {
            Some(record) => format!("record {record}: {message}"),
            None => message,
        };
        SourceError::malformed(path, line_of(text, offset), message)
    };
    // The root.
    loop {
        let position = reader.buffer_position() as usize;
        let event = reader
            .read_event()
            .map_err(|error| at(position, None, format!("not well-formed XML: {error}")))?;
        match event {
            Event::Start(start) | Event::Empty(start) if local(&start) != shape.root => {
                return Err(SourceError::invalid(
                    path,
                    format!(
                        "root element is <{}>, expected <{}>: not a {}",
                        local(&start),
                        shape.root,
                        shape.format
                    ),
                ));
            }
            Event::Start(start) => {
                on_root(&open_node(&start));
                break;
            }
            Event::Empty(_) | Event::Eof => {
                return Err(SourceError::invalid(
                    path,
                    format!(
                        "no record: an empty {} would remove every entry",
                        shape.format
                    ),
                ));
            }
            Event::Text(content) if !content.xml10_content().trim().is_empty() => {
                return Err(at(
                    position,
                    None,
                    "text before the root element".to_string(),
                ));
            }
            _ => {}
        }
    }
    let mut count = 0usize;
    let mut open: Vec<Node> = Vec::new();
    let mut start_offset = 0usize;
    let mut elements = 0usize;
    let mut root_closed = false;
    loop {
        let position = reader.buffer_position() as usize;
        let label = || open.first().and_then(shape.label);
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(error) => {
                return Err(at(
                    position,
                    label(),
                    format!("not well-formed XML: {error}"),
                ));
            }
        };
        if root_closed {
            match event {
                Event::Eof => break,
                Event::Text(content) if content.xml10_content().trim().is_empty() => continue,
                Event::Comment(_) | Event::PI(_) => continue,
                _ => {
                    let message = format!("content after </{}>", shape.root);
                    return Err(at(position, None, message));
                }
            }
        }
        match event {
            Event::Start(start) | Event::Empty(start)
                if {
                    elements += 1;
                    elements > MAX_NODE_ELEMENTS
                } =>
            {
                let _ = start;
                let message = format!(
                    "one record holds more than {} elements: not the structure of a {}",
                    grouped(MAX_NODE_ELEMENTS),
                    shape.format
                );
                return Err(at(position, label(), message));
            }
            Event::Start(start) => {
                if open.is_empty() {
                    start_offset = position;
                    elements = 1;
                }
                if open.len() + 2 > MAX_NESTING_DEPTH {
                    let message = format!("elements nested more than {MAX_NESTING_DEPTH} deep");
                    return Err(at(position, label(), message));
                }
                open.push(open_node(&start));
            }
            Event::Empty(start) => {
                let node = open_node(&start);
                match open.last_mut() {
                    Some(parent) => parent.children.push(node),
                    None => {
                        on_child(node, position)?;
                        count += 1;
                        elements = 0;
                    }
                }
            }
            Event::Text(content) => push_text(&mut open, &content.xml10_content()),
            Event::CData(data) => push_text(&mut open, &data.xml10_content()),
            Event::GeneralRef(reference) => {
                let resolved = match reference.resolve_char_ref() {
                    Ok(Some(character)) => Some(character.to_string()),
                    Ok(None) => {
                        quick_xml::escape::resolve_predefined_entity(&reference).map(str::to_string)
                    }
                    Err(_) => None,
                };
                let Some(resolved) = resolved else {
                    let message = format!("unknown entity reference &{};", &*reference);
                    return Err(at(position, label(), message));
                };
                push_text(&mut open, &resolved);
            }
            Event::End(_) => match open.pop() {
                None => root_closed = true,
                Some(mut done) => {
                    done.text = done.text.split_whitespace().collect::<Vec<_>>().join(" ");
                    match open.last_mut() {
                        Some(parent) => parent.children.push(done),
                        None => {
                            on_child(done, start_offset)?;
                            count += 1;
                            elements = 0;
                        }
                    }
                }
            },
            Event::Eof => {
                let inside = open.last().map_or(shape.root, |node| node.name.as_str());
                let message = format!("the file ends inside <{inside}>: truncated");
                return Err(at(position, label(), message));
            }
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
    if count == 0 {
        return Err(SourceError::invalid(
            path,
            format!(
                "no record: an empty {} would remove every entry",
                shape.format
            ),
        ));
    }
    Ok(count)
}

/// A node for a start tag, with its attributes (a malformed attribute is
/// left out).
fn open_node(start: &BytesStart<'_>) -> Node {
    let attributes = start
        .attributes()
        .filter_map(Result::ok)
        .filter_map(|attribute| {
            let key = attribute.key.local_name().as_ref().to_string();
            let value = attribute
                .normalized_value(XmlVersion::Implicit1_0)
                .ok()?
                .into_owned();
            Some((key, value))
        })
        .collect();
    Node {
        name: local(start),
        attributes,
        ..Node::default()
    }
}

/// The local name of a start tag.
fn local(start: &BytesStart<'_>) -> String {
    start.local_name().as_ref().to_string()
}

/// Appends text to the innermost open element (text between top-level
/// elements is ignored).
fn push_text(open: &mut [Node], text: &str) {
    if let Some(node) = open.last_mut() {
        node.text.push_str(text);
    }
}
