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
    for (chunk_start, chunk) in whitespace_chunks(text) {
        if !may_hold_identifier(chunk) {
            continue;
        }
        let lead = chunk.len()
            - chunk
                .trim_start_matches(|c: char| !is_alphanumeric(c))
                .len();
        let core = chunk
            .trim_start_matches(|c: char| !is_alphanumeric(c))
            .trim_end_matches(|c: char| !is_alphanumeric(c));
        if core.is_empty() {
            continue;
        }
        let start = chunk_start + lead;
        let end = start + core.len();
        for result in lookup(screener, core) {
            hits.push(ExactHit { start, end, result });
        }
    }
    hits
}

/// The runs of `text` that end at a whitespace character (kept) or at the
/// end, with their byte offsets: `text.split_inclusive(char::is_whitespace)`
/// read byte by byte, decoding only the non-ASCII characters.
fn whitespace_chunks(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < bytes.len() {
            let (space, len) = match bytes[at] {
                byte if byte.is_ascii() => (char::from(byte).is_whitespace(), 1),
                _ => text[at..]
                    .chars()
                    .next()
                    .map_or((false, 1), |c| (c.is_whitespace(), c.len_utf8())),
            };
            at += len;
            if space {
                let chunk = (start, &text[start..at]);
                start = at;
                return Some(chunk);
            }
        }
        (start < bytes.len()).then(|| {
            let chunk = (start, &text[start..]);
            start = bytes.len();
            chunk
        })
    })
}

/// Whether a whitespace-separated chunk could hold what [`lookup`] looks up
/// (a long chunk, a digit, `@` or `.`): most words of a text do not, and
/// are passed over without trimming their punctuation.
fn may_hold_identifier(chunk: &str) -> bool {
    chunk.len() >= MIN_ADDRESS_LEN
        || chunk
            .bytes()
            .any(|b| b.is_ascii_digit() || b == b'@' || b == b'.')
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
        ] {
            let mut offset = 0;
            let expected: Vec<(usize, &str)> = text
                .split_inclusive(char::is_whitespace)
                .map(|chunk| {
                    offset += chunk.len();
                    (offset - chunk.len(), chunk)
                })
                .collect();
            assert_eq!(
                whitespace_chunks(text).collect::<Vec<_>>(),
                expected,
                "{text:?}"
            );
        }
    }
}
