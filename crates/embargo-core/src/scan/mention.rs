//! What a scan reports: a mention (where, which entity, why), its
//! printable view, and where a scan's time went.

use std::ops::AddAssign;
use std::sync::Arc;
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

/// The mentions found at one place of a text: one per result, all sharing
/// the results of the span's text (verified once for every place it is
/// written), so that a block naming one party on every line holds a few
/// words per place rather than a result each.
#[derive(Debug, Clone)]
pub(super) struct Placed {
    /// Where they are.
    pub(super) span: TextSpan,
    /// The results, best first.
    pub(super) results: Arc<[ScreenMatch]>,
}

impl Placed {
    /// The mentions at this place.
    pub(super) fn mentions(&self) -> impl Iterator<Item = Mention> + '_ {
        self.results.iter().map(|result| Mention {
            span: self.span,
            result: result.clone(),
        })
    }
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

/// Where the time of one scan went (summed over the blocks of its text).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ScanProfile {
    /// Blocks the text was scanned in.
    pub blocks: usize,
    /// Words in the text.
    pub words: usize,
    /// Distinct words (each analysed once per block).
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
    /// Keeping the best non-overlapping mentions.
    pub overlaps: Duration,
    /// Numbering the lines and columns of the mentions kept.
    pub report: Duration,
}

impl AddAssign for ScanProfile {
    fn add_assign(&mut self, other: ScanProfile) {
        self.blocks += other.blocks;
        self.words += other.words;
        self.distinct_words += other.distinct_words;
        self.searched_words += other.searched_words;
        self.spans += other.spans;
        self.verified += other.verified;
        self.analyse += other.analyse;
        self.propose += other.propose;
        self.typos += other.typos;
        self.repropose += other.repropose;
        self.verify += other.verify;
        self.exact += other.exact;
        self.overlaps += other.overlaps;
        self.report += other.report;
    }
}
