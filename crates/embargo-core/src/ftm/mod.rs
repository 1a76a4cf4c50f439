//! FollowTheMoney (FtM), the entity model of OpenSanctions and Aleph: the
//! one table of FtM properties embargo reads and writes ([`table`]), FtM
//! ids ([`ids`]), and the export of embargo entities as FtM JSON lines
//! ([`write`](mod@write), [`export`]). The reader of FtM files is
//! `sources::ftm`; the HTTP API's FtM query examples use the same table.

pub mod ids;
pub mod table;
pub mod write;

use std::io::Write;

use crate::model::Entity;

pub use ids::IdStyle;
pub use write::{ExportContext, FtmEntity};

/// What an export wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExportSummary {
    /// Screened entities (persons, organizations, vessels, aircraft).
    pub entities: usize,
    /// FtM entities written in all, the related ones included.
    pub lines: usize,
}

/// Writes `entities` as FtM JSON lines to `out`, one FtM entity per line,
/// each entity followed by the entities written beside it.
pub fn export(entities: &[Entity], out: &mut impl Write) -> std::io::Result<ExportSummary> {
    let context = ExportContext::for_entities(entities);
    let mut summary = ExportSummary::default();
    for entity in entities {
        for ftm in write::entities(entity, &context) {
            serde_json::to_writer(&mut *out, &ftm)?;
            out.write_all(b"\n")?;
            summary.lines += 1;
        }
        summary.entities += 1;
    }
    out.flush()?;
    Ok(summary)
}
