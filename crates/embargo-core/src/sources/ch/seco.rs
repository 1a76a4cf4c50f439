//! The SECO XML file, read twice through `xml_tree`: first its
//! `sanctions-program`s and `place`s (small tables a target refers to, which
//! the file may write before or after its targets), then its `target`s, one
//! at a time, mapped by `target`. Memory holds the tables and one target.

use std::collections::HashMap;

use super::target::{Place, Tables, map_target};
use crate::decode::{Fallback, line_of};
use crate::model::PartialDate;
use crate::sources::published::read_primary;
use crate::sources::xml_tree::{Node, XmlShape, read_tree};
use crate::sources::{EntitySink, ListFiles, ListMeta, SourceError};

/// How a SECO XML file looks.
const SHAPE: XmlShape<'static> = XmlShape {
    format: "Swiss SECO sanctions list XML",
    root: "swiss-sanctions-list",
    label: |node| node.attr("ssid").map(|ssid| format!("ssid {ssid}")),
};

/// Parses a SECO `swiss-sanctions-list` XML file, one entity per listed
/// `target`.
pub fn parse(
    files: &ListFiles,
    source_id: &str,
    sink: &mut EntitySink<'_>,
) -> Result<ListMeta, SourceError> {
    let (decoded, path) = read_primary(files, "SECO XML", Fallback::Refuse)?;
    let text = decoded.text.as_str();
    let mut meta = ListMeta::default();
    // First pass: the tables targets refer to.
    let mut tables = Tables::default();
    let mut on_root = |root: &Node| {
        meta.published = root
            .attr("date")
            .and_then(|date| date.get(..10))
            .and_then(|date| PartialDate::parse(date).ok());
    };
    let mut gather = |node: Node, _offset: usize| -> Result<(), SourceError> {
        match node.name.as_str() {
            "sanctions-program" => add_program(&node, &mut tables.programs),
            "place" => {
                if let Some(ssid) = node.attr("ssid") {
                    tables.places.insert(ssid.to_string(), Place::of(&node));
                }
            }
            _ => {}
        }
        Ok(())
    };
    read_tree(text, &path, &SHAPE, &mut on_root, &mut gather)?;
    // Second pass: the targets.
    let mut targets = 0usize;
    let mut delisted = 0usize;
    let mut on_target = |node: Node, offset: usize| -> Result<(), SourceError> {
        if node.name != "target" {
            return Ok(());
        }
        targets += 1;
        let mapped = map_target(&node, source_id, &tables).map_err(|message| {
            let record = node.attr("ssid").unwrap_or("without ssid");
            SourceError::malformed(
                &path,
                line_of(text, offset),
                format!("target ssid {record}: {message}"),
            )
        })?;
        match mapped {
            Some(entity) => {
                sink(entity)?;
                meta.entity_count += 1;
            }
            None => delisted += 1,
        }
        Ok(())
    };
    read_tree(text, &path, &SHAPE, &mut |_| {}, &mut on_target)?;
    if delisted > 0 {
        meta.notices.push(format!(
            "{delisted} target(s) whose last modification is de-listed were left out"
        ));
    }
    meta.finish_primary(&path, targets, "no listed target")
}

/// Records the program of each `sanctions-set` of a `sanctions-program`:
/// its English `program-key`, else its first key, else its English
/// `program-name`.
fn add_program(node: &Node, programs: &mut HashMap<String, String>) {
    let in_english = |element: &'static str| {
        node.children_named(element)
            .find(|child| child.attr("lang") == Some("eng"))
            .map(|child| child.text.as_str())
            .filter(|text| !text.is_empty())
    };
    let name = in_english("program-key")
        .or_else(|| node.text_of("program-key"))
        .or_else(|| in_english("program-name"))
        .or_else(|| node.text_of("program-name"));
    let Some(name) = name else { return };
    for set in node.children_named("sanctions-set") {
        if let Some(ssid) = set.attr("ssid") {
            programs
                .entry(ssid.to_string())
                .or_insert_with(|| name.to_string());
        }
    }
}
