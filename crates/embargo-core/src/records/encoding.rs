//! Checks on the first block of a records file: its encoding (UTF-8 with
//! or without BOM; UTF-16 and text that is not UTF-8 are refused, by the
//! rules of [`crate::decode`]) and, when none is given, its format.

use super::{RecordFormat, RecordsError};
use crate::decode::{self, NotUtf8};

pub(super) const SNIFF_BYTES: usize = 64 * 1024;

/// Refuses UTF-16/UTF-32 and text that is not UTF-8 in its first block.
pub(super) fn check_encoding(head: &[u8], label: &str) -> Result<(), RecordsError> {
    let encoding_error = |message: &str| RecordsError::Encoding {
        label: label.to_string(),
        message: message.to_string(),
    };
    if decode::is_utf16(head) {
        return Err(encoding_error(&decode::utf16_refusal("file")));
    }
    // A character cut at the end of the sniffed block is not an error.
    let complete = head.len() < SNIFF_BYTES - 4;
    match NotUtf8::find(head, 0, 1, complete) {
        Some(bad) => Err(encoding_error(&bad.line_message("the file"))),
        None => Ok(()),
    }
}

pub(super) fn sniff_format(head: &[u8]) -> RecordFormat {
    let body = decode::strip_utf8_bom(head);
    match body.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'{') => RecordFormat::JsonLines,
        _ => RecordFormat::Csv,
    }
}
