//! Finding mentions of listed entities in free text: news, payment
//! messages, invoices, shipping documents.
//!
//! 1. The text is cut into words with byte offsets ([`text`]).
//! 2. Each distinct word is looked up once through the cheap door
//!    (`lookup`): its exact text and romanization key, two hash probes
//!    (remembered from scan to scan, so that a stream of documents pays
//!    for its common words once).
//!    Candidate spans are proposed from these (step 3); then typos are
//!    searched for the words of each candidate span and its
//!    neighbourhood, and for every word beside a found word, but only
//!    among the vocabulary words that could change a proposal: the words
//!    of those spans' names and of the names the found neighbours anchor,
//!    and the anchors of the other names they touch (`TypoScope`; a few
//!    dozen words, each compared directly with the text word). The phrases holding words that changed are proposed
//!    again. Fresh text thus pays for typos only where a listed name may
//!    be written: a name is proposed where one of its words is written
//!    exactly or as a romanization variant and a neighbour is another of
//!    its words, exact or with a typo (`Kim Sang Maa`, `Luois López` for
//!    `LOPEZ, Luis`); a listed name none of whose words is written exactly
//!    or as a romanization variant is never proposed.
//! 3. Candidate spans are proposed from *anchor* words. A listed name can
//!    only reach the threshold if the text covers enough of its weight, so
//!    at least one of its heaviest words (its anchors) must appear; a text
//!    word similar to an anchor proposes that name, and the span grows
//!    over the neighbouring words that resemble words of the name (and
//!    particles or legal forms between them), never across phrase-ending
//!    punctuation. Two text words may stand for one listed word (`Sang
//!    Man` for `SANGMAN`): through the cheap door they propose the names
//!    that word anchors; with a typo (`Choe Sang Maa` for `CHOE, Sangman`)
//!    they propose only the names they share with a word beside them, not
//!    a lower-case word of mixed-case text (the listed word being searched
//!    in the whole vocabulary, but with the few edits a similarity of
//!    `MIN_JOINED_SIMILARITY`, 0.85, leaves room for).
//! 4. Each candidate span is verified with the screener's ranking
//!    (`Screener::rank_names`) against the names proposed for it
//!    (remembered from scan to scan by span text and proposed names: the
//!    same places and organisations recur from document to document).
//! 5. Wallet addresses and identifiers written in the text are looked up
//!    exactly (`exact`).
//! 6. Overlapping mentions are resolved to the best non-overlapping set.
//!
//! A text is scanned in blocks of at most 2 MiB cut at phrase breaks, a
//! phrase longer than 64 KiB being cut inside with an overlap ([`Block`]),
//! so that a scan's memory is bounded by the block whatever the length of
//! the text; [`Scanner::scan_reader`] reads a file or a stream a block at
//! a time and hands out each block's mentions as soon as it is scanned.
//! Repeats cost little: each distinct word is analysed once per block and
//! each distinct span text verified once per block (and remembered from
//! scan to scan), the places of a mention share its results, and no step
//! compares a mention or a span with all the others.
//!
//! Precision rules for text, where most capitalized words are not names:
//! a one-word mention needs an exact match of a whole primary or strong name of
//! a person or organization, at least four letters long; a short acronym
//! (`RGB`, `IT`) or a country name never hits alone; in text written in
//! mixed case a mention needs a capitalized word or a number, and a
//! lower-case word is never half of a listed word written as two (`Dar es`
//! is not `DARAS`).
//!
//! Where each step lives: `text` cuts words, `analysis` turns each
//! distinct word into its similar list words and anchored names, `propose`
//! and `phrases` propose candidate spans, `typos` searches typos around
//! them, `verify` scores each span, `exact` finds wallets and
//! identifiers, `overlaps` keeps the best non-overlapping mentions,
//! `scanner` runs these steps over a block of text, `blocks` cuts a text
//! into blocks and `stream` scans a reader block by block.

mod analysis;
mod blocks;
mod decode;
mod exact;
mod lookup;
mod mention;
mod overlaps;
mod phrases;
mod propose;
mod recent;
mod scanner;
mod stream;
mod targets;
#[cfg(test)]
mod test_lists;
pub mod text;
mod typos;
mod verify;

use rustc_hash::FxHashMap;

pub use blocks::{BLOCK_BYTES, Block, MIN_BLOCK_BYTES};
pub use decode::{ScanError, decode_text};
pub use mention::{Mention, MentionView, ScanProfile};
pub use scanner::Scanner;
pub use stream::{MentionStream, ScannedBlock};
pub use text::{TextPosition, TextSpan, TextWord};

/// Words a span may have beyond the listed name's own.
const EXTRA_SPAN_WORDS: usize = 2;
/// Most entries a scan's tables are sized for before they fill: a short
/// document (a payment message, a paragraph) then fills its tables without
/// growing them, a long one grows them from there.
const PRESIZED_ENTRIES: usize = 4096;

/// An empty table sized for `wanted` entries, at most [`PRESIZED_ENTRIES`].
fn presized<K, V>(wanted: usize) -> FxHashMap<K, V> {
    FxHashMap::with_capacity_and_hasher(wanted.min(PRESIZED_ENTRIES), Default::default())
}
