//! Reading a whole list file as text by the rules of [`crate::decode`]
//! (byte-order mark, UTF-16, UTF-8, the publisher's Windows-1252), for the
//! readers that parse a decoded text (EU, UK, US trade, Swiss lists), with
//! the file's size bounded by [`MAX_LIST_FILE_BYTES`].
//!
//! Also the small steps those readers share: splitting a publisher's list
//! of values and keeping a value once.

use std::io::Read;
use std::path::{Path, PathBuf};

use super::{ListFiles, SourceError};
use crate::decode::{self, Decoded, Fallback};
use crate::sources::limits::grouped;

/// Largest list file read whole: 1 GiB, thirty times the largest official
/// list (the Swiss SECO XML, about 40 MB).
pub const MAX_LIST_FILE_BYTES: u64 = 1 << 30;

/// The primary file of `files` decoded as text; `what` names the format in
/// the error when the set has no primary file.
pub(crate) fn read_primary(
    files: &ListFiles,
    what: &str,
    fallback: Fallback,
) -> Result<(Decoded, PathBuf), SourceError> {
    let (file, path) = files.open_primary(what)?;
    let decoded = read_text(file, path, fallback)?;
    Ok((decoded, path.to_path_buf()))
}

/// Reads `reader`, the content of `path`, and decodes it.
pub(crate) fn read_text(
    reader: impl Read,
    path: &Path,
    fallback: Fallback,
) -> Result<Decoded, SourceError> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_LIST_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|error| SourceError::io(path, error))?;
    if bytes.len() as u64 > MAX_LIST_FILE_BYTES {
        return Err(SourceError::invalid(
            path,
            format!(
                "larger than {} bytes: not an official list file",
                grouped(MAX_LIST_FILE_BYTES as usize)
            ),
        ));
    }
    decode::decode_published(bytes, fallback).map_err(|bad| SourceError::not_utf8(path, bad))
}

/// The line at which `text`, a CSV file, ends inside a quoted field
/// (its quotes are odd in number: a file cut inside a field, which a CSV
/// reader would otherwise take as a shorter last field), or `None`.
pub(crate) fn cut_inside_quotes(text: &str) -> Option<u64> {
    let quotes = memchr::memchr_iter(b'"', text.as_bytes()).count();
    (quotes % 2 == 1).then(|| crate::decode::line_of(text, text.len()))
}

/// Pushes `value` unless it is empty or already in `values`.
pub(crate) fn push_unique(values: &mut Vec<String>, value: &str) {
    let value = value.trim();
    if !value.is_empty() && !values.iter().any(|known| known == value) {
        values.push(value.to_string());
    }
}

/// Splits a value list as UK files write it: `1) Saudi Arabia 2) Qatar`
/// gives both countries; a value without numbering is one value.
pub(crate) fn numbered_items(text: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut current = String::new();
    let mut rest = text;
    while !rest.is_empty() {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let at_number = digits > 0
            && digits <= 2
            && rest.as_bytes().get(digits) == Some(&b')')
            && (current.is_empty() || current.ends_with(' '));
        if at_number {
            push_item(&mut items, &current);
            current.clear();
            rest = &rest[digits + 1..];
            continue;
        }
        let Some(c) = rest.chars().next() else { break };
        current.push(c);
        rest = &rest[c.len_utf8()..];
    }
    push_item(&mut items, &current);
    items
}

/// Pushes a trimmed, non-empty item.
fn push_item(items: &mut Vec<String>, item: &str) {
    let item = item.trim().trim_end_matches(',').trim();
    if !item.is_empty() {
        items.push(item.to_string());
    }
}

/// The UN reference number inside a free text (`UN Ref QDe.004.`,
/// `UN REF: QE.A.146.14`, `UN Ref.KPI.067.`), without its final full stop.
pub(crate) fn un_reference_in(text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    let start = lower.find("un ref")? + "un ref".len();
    let after = text.get(start..)?;
    let after = after.trim_start_matches(['.', ':', ' ']);
    let after = after
        .strip_prefix("erence number")
        .or_else(|| after.strip_prefix("ERENCE NUMBER"))
        .map_or(after, |rest| rest.trim_start_matches([':', ' ']));
    let id: String = after
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '.')
        .collect();
    let id = id.trim_end_matches('.');
    (id.contains('.') && id.len() >= 4).then(|| id.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_lists_split() {
        assert_eq!(
            numbered_items("1) Saudi Arabia 2) Qatar"),
            vec!["Saudi Arabia", "Qatar"]
        );
        assert_eq!(numbered_items("Indonesian"), vec!["Indonesian"]);
        assert_eq!(
            numbered_items("(1)-(2) Indonesia"),
            vec!["(1)-(2) Indonesia"]
        );
        assert!(numbered_items("  ").is_empty());
    }

    #[test]
    fn un_references_in_free_text() {
        assert_eq!(
            un_reference_in("UN Ref QDe.004. Emir for the eastern zone").as_deref(),
            Some("QDe.004")
        );
        assert_eq!(
            un_reference_in("UN REF:QE.A.146.14. Also").as_deref(),
            Some("QE.A.146.14")
        );
        assert_eq!(
            un_reference_in("UN Ref.KPI.067.").as_deref(),
            Some("KPI.067")
        );
        assert_eq!(
            un_reference_in("UN REF: QDi.333").as_deref(),
            Some("QDi.333")
        );
        assert_eq!(un_reference_in("Annex XIII. UN Listing."), None);
    }
}
