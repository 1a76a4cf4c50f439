//! What a scan reports: a mention (where, which entity, why), its
//! printable view, and where a scan's time went.

use std::time::Duration;

use serde::Serialize;

use super::text::TextSpan;
use crate::matching::{ResultView, ScreenMatch};

/// One mention of a listed entity in a text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mention {
    /// Where it is.
    pub span: TextSpan,
    /// The entity, score and explanation (the explanation's matched name
    /// is the listed name the text matched; empty for a wallet or
    /// identifier).
    pub result: ScreenMatch,
}

/// A mention as front ends print it: the matched text and its position
/// beside the usual result fields (`id`, `name`, `matched_name`, `score`,
/// ...).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MentionView<'a> {
    /// The text that matched.
    pub text: &'a str,
    /// Line, column and byte offsets.
    #[serde(flatten)]
    pub span: TextSpan,
    /// The entity and why it matched.
    #[serde(flatten)]
    pub result: ResultView<'a>,
}

/// Where the time of one scan went.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ScanProfile {
    /// Words in the text.
    pub words: usize,
    /// Distinct words (each analysed once).
    pub distinct_words: usize,
    /// Distinct words whose typo search found a similar word the cheap
    /// door had not (their phrases are proposed again).
    pub searched_words: usize,
    /// Candidate spans proposed.
    pub spans: usize,
    /// Distinct span texts verified with the screener.
    pub verified: usize,
    /// Cutting the text into words and analysing each distinct word
    /// through the cheap door.
    pub analyse: Duration,
    /// Proposing candidate spans from anchors.
    pub propose: Duration,
    /// Searching typos of the words around candidate spans and beside
    /// found words.
    pub typos: Duration,
    /// Proposing again the phrases whose words the typo search changed.
    pub repropose: Duration,
    /// Verifying candidate spans.
    pub verify: Duration,
    /// Looking up wallets and identifiers.
    pub exact: Duration,
}
