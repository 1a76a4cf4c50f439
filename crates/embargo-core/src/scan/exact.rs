//! Listed wallet addresses and identifiers written in free text.
//!
//! Every whitespace-separated chunk, stripped of surrounding punctuation,
//! that could be an address (25 or more letters and digits, or `0x` and 40
//! hex digits), an email, a website or a document number (six or more
//! characters with a digit) is looked up in the screener's exact index.
//! Lookups are hash probes, so ordinary text costs almost nothing.

use crate::matching::identifiers::{identifier_feature, wallet_feature};
use crate::matching::translit::is_alphanumeric;
use crate::matching::{ScreenMatch, Screener};

/// Shortest chunk looked up as a wallet address.
const MIN_ADDRESS_LEN: usize = 25;
/// Shortest chunk looked up as a document number.
const MIN_DOCUMENT_LEN: usize = 6;

/// An exact hit in the text: byte range and result.
pub(crate) struct ExactHit {
    pub start: usize,
    pub end: usize,
    pub result: ScreenMatch,
}

/// Every listed wallet or identifier written in `text`.
pub(crate) fn exact_hits(screener: &Screener, text: &str) -> Vec<ExactHit> {
    let mut hits = Vec::new();
    for chunk in whitespace_chunks(text) {
        if !chunk.may_hold_identifier() {
            continue;
        }
        let from_first = chunk.text.trim_start_matches(|c: char| !is_alphanumeric(c));
        let lead = chunk.text.len() - from_first.len();
        let core = from_first.trim_end_matches(|c: char| !is_alphanumeric(c));
        // `earlier.` held a full stop, `earlier` holds nothing to look up.
        if core.is_empty() || !Chunk::of(core).may_hold_identifier() {
            continue;
        }
        let start = chunk.start + lead;
        let end = start + core.len();
        for result in lookup(screener, core) {
            hits.push(ExactHit { start, end, result });
        }
    }
    hits
}

/// A whitespace-separated run of a text, with what [`lookup`] needs to
/// know before reading it again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Chunk<'t> {
    /// Byte offset of its first byte.
    start: usize,
    /// The run, with the whitespace character that ends it.
    text: &'t str,
    /// It holds an ASCII digit, `@` or `.`.
    marked: bool,
}

impl<'t> Chunk<'t> {
    /// The chunk `text` at offset 0.
    fn of(text: &'t str) -> Chunk<'t> {
        Chunk {
            start: 0,
            text,
            marked: text.bytes().any(|b| byte_class(b) == ByteClass::Mark),
        }
    }

    /// Whether it could hold what [`lookup`] looks up (a long chunk, a
    /// digit, `@` or `.`): most words of a text do not, and are passed
    /// over without trimming their punctuation.
    fn may_hold_identifier(&self) -> bool {
        self.text.len() >= MIN_ADDRESS_LEN || self.marked
    }
}

/// What a byte is to the chunk cutter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ByteClass {
    /// ASCII, neither whitespace nor a mark.
    Plain,
    /// ASCII whitespace: ends a chunk.
    Space,
    /// An ASCII digit, `@` or `.`.
    Mark,
    /// Part of a character beyond ASCII: decoded.
    Beyond,
}

/// [`ByteClass`] of each byte, worked out at compile time.
const BYTE_CLASSES: [ByteClass; 256] = {
    let mut classes = [ByteClass::Beyond; 256];
    let mut byte = 0;
    while byte < 128 {
        let b = byte as u8;
        // The ASCII characters of `char::is_whitespace`.
        classes[byte] = if matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ') {
            ByteClass::Space
        } else if b.is_ascii_digit() || b == b'@' || b == b'.' {
            ByteClass::Mark
        } else {
            ByteClass::Plain
        };
        byte += 1;
    }
    classes
};

fn byte_class(byte: u8) -> ByteClass {
    BYTE_CLASSES[usize::from(byte)]
}

/// The runs of `text` that end at a whitespace character (kept) or at the
/// end, with their byte offsets: `text.split_inclusive(char::is_whitespace)`
/// read byte by byte, decoding only the non-ASCII characters.
fn whitespace_chunks(text: &str) -> impl Iterator<Item = Chunk<'_>> {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut at = 0;
    let mut marked = false;
    std::iter::from_fn(move || {
        while at < bytes.len() {
            let (space, len) = match byte_class(bytes[at]) {
                ByteClass::Plain => (false, 1),
                ByteClass::Space => (true, 1),
                ByteClass::Mark => {
                    marked = true;
                    (false, 1)
                }
                ByteClass::Beyond => text[at..]
                    .chars()
                    .next()
                    .map_or((false, 1), |c| (c.is_whitespace(), c.len_utf8())),
            };
            at += len;
            if space {
                let chunk = Chunk {
                    start,
                    text: &text[start..at],
                    marked,
                };
                start = at;
                marked = false;
                return Some(chunk);
            }
        }
        (start < bytes.len()).then(|| {
            let chunk = Chunk {
                start,
                text: &text[start..],
                marked,
            };
            start = bytes.len();
            chunk
        })
    })
}

/// The exact results for one chunk of text.
fn lookup(screener: &Screener, chunk: &str) -> Vec<ScreenMatch> {
    let index = screener.exact_index();
    let entities = screener.entities();
    let mut results = Vec::new();
    if chunk.len() >= MIN_ADDRESS_LEN && chunk.bytes().all(|b| b.is_ascii_alphanumeric()) {
        for found in index.wallet(chunk) {
            let feature = wallet_feature(&entities[found.entity as usize], *found);
            results.extend(feature.map(|f| ScreenMatch::exact(found.entity, f)));
        }
    }
    let identifier_like = chunk.contains('@')
        || chunk.contains('.')
        || (chunk.len() >= MIN_DOCUMENT_LEN && chunk.bytes().any(|b| b.is_ascii_digit()));
    if identifier_like && results.is_empty() {
        for found in index.identifier(chunk) {
            let feature = identifier_feature(&entities[found.entity as usize], found, &[]);
            results.extend(feature.map(|f| ScreenMatch::exact(found.entity, f)));
        }
    }
    results
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_split_after_whitespace_as_the_standard_split_does() {
        for text in [
            "",
            " ",
            "Paid 0xAbC to\tKim\r\n\nSang\u{00A0}Man\u{3000}김상만 ",
            "one\u{0B}two\u{0C}three\u{2028}four",
            "no space at all",
            "Paid on 1985-03-12 to kim@example.com.",
        ] {
            let mut offset = 0;
            let expected: Vec<(usize, &str)> = text
                .split_inclusive(char::is_whitespace)
                .map(|chunk| {
                    offset += chunk.len();
                    (offset - chunk.len(), chunk)
                })
                .collect();
            let chunks: Vec<Chunk> = whitespace_chunks(text).collect();
            let found: Vec<(usize, &str)> = chunks.iter().map(|c| (c.start, c.text)).collect();
            assert_eq!(found, expected, "{text:?}");
            for chunk in chunks {
                assert_eq!(chunk.marked, Chunk::of(chunk.text).marked, "{chunk:?}");
            }
        }
    }
}
