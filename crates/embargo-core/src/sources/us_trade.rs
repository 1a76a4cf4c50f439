//! US export-control screening lists, as the US publishes them for
//! traders:
//! * the **Consolidated Screening List** CSV of trade.gov ([`parse_csl`],
//!   module `csl`): the lists of Commerce (Entity List, Denied Persons,
//!   Unverified List, Military End User), State (ISN, ITAR debarred DTC)
//!   and Treasury (SDN, SSI, CAPTA, NS-MBS, ...) in one file; one source
//!   `us-csl`, with each row's sub-list kept on its entity
//!   ([`crate::model::Entity::sublist`], the file's `source` column);
//! * the BIS **Denied Persons List** text file ([`parse_dpl`], module
//!   `dpl`): tab-separated, quoted, with a header row.
//!
//! Ids: the CSL's `_id` when the file has that column, else its
//! `entity_number` (`us-csl:20264`); rows with neither (Denied Persons,
//! Entity List rows) and every DPL row get an id made from what identifies
//! the row as published: the sub-list's abbreviation and the first 12 hex
//! digits of the SHA-256 of name, address and start date (`us-csl:dpl-
//! 3f2a...`, `us-dpl:3f2a...`). Such an id stays the same across versions
//! as long as those fields do; a second row with the same id gets `-2`.
//!
//! The CSL holds C1 control characters (U+0092 for a right quote, as the
//! publisher writes it); they are text ([`crate::decode`]).

mod csl;
mod dpl;

#[cfg(test)]
mod tests;

use std::collections::HashMap;

use sha2::{Digest, Sha256};

pub use csl::parse as parse_csl;
pub use dpl::parse as parse_dpl;

/// The first 12 hex digits of the SHA-256 of `parts` joined by `|`.
fn digest_id(parts: &[&str]) -> String {
    let mut hasher = Sha256::new();
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            hasher.update(b"|");
        }
        hasher.update(part.trim().as_bytes());
    }
    let digest = hasher.finalize();
    hex::encode(digest).chars().take(12).collect()
}

/// Ids already handed out in one file, so that a repeated one gets a
/// suffix (`-2`, `-3`, ...).
#[derive(Default)]
struct IdSet {
    seen: HashMap<String, usize>,
}

impl IdSet {
    /// `id`, or `id-N` when `id` was already given out N-1 times.
    fn unique(&mut self, id: String) -> String {
        let count = self.seen.entry(id.clone()).or_insert(0);
        *count += 1;
        if *count == 1 {
            id
        } else {
            format!("{id}-{count}")
        }
    }
}
