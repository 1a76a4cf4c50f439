//! The EU FSF XML 1.1 file: root `export` (its `generationDate` is the
//! publication date), one `sanctionEntity` per entry, each read as a
//! [`Node`] tree and mapped by `entry`.

use super::entry::map_entry;
use crate::decode::{Fallback, line_of};
use crate::model::PartialDate;
use crate::sources::published::read_primary;
use crate::sources::xml_tree::{Node, XmlShape, read_tree};
use crate::sources::{EntitySink, ListFiles, ListMeta, SourceError};

/// How an EU FSF XML file looks.
const SHAPE: XmlShape<'static> = XmlShape {
    format: "EU FSF XML",
    root: "export",
    label: |node| {
        node.attr("euReferenceNumber")
            .or_else(|| node.attr("logicalId"))
            .map(str::to_string)
    },
};

/// Parses an EU FSF XML 1.1 file, one entity per `sanctionEntity`.
pub fn parse(
    files: &ListFiles,
    source_id: &str,
    sink: &mut EntitySink<'_>,
) -> Result<ListMeta, SourceError> {
    let (decoded, path) = read_primary(files, "EU FSF XML", Fallback::Refuse)?;
    let mut meta = ListMeta::default();
    let mut published = None;
    let mut on_root = |root: &Node| {
        published = root
            .attr("generationDate")
            .and_then(|date| date.get(..10))
            .and_then(|date| PartialDate::parse(date).ok());
    };
    let mut count = 0usize;
    let mut on_child = |node: Node, offset: usize| -> Result<(), SourceError> {
        if node.name != "sanctionEntity" {
            return Ok(());
        }
        let entity = map_entry(&node, source_id).map_err(|message| {
            let record = (SHAPE.label)(&node).unwrap_or_else(|| "without id".to_string());
            SourceError::malformed(
                &path,
                line_of(&decoded.text, offset),
                format!("record {record}: {message}"),
            )
        })?;
        sink(entity)?;
        count += 1;
        Ok(())
    };
    read_tree(&decoded.text, &path, &SHAPE, &mut on_root, &mut on_child)?;
    meta.published = published;
    meta.entity_count = count;
    meta.finish_primary(&path, count, "no sanctionEntity")
}
