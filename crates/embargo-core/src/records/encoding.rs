//! Checks on the first block of a records file: its encoding (UTF-8 with
//! or without BOM; UTF-16 and text that is not UTF-8 are refused) and,
//! when none is given, its format.

use super::{RecordFormat, RecordsError};

pub(super) const SNIFF_BYTES: usize = 64 * 1024;

/// Refuses UTF-16/UTF-32 and text that is not UTF-8 in its first block.
pub(super) fn check_encoding(head: &[u8], label: &str) -> Result<(), RecordsError> {
    let encoding_error = |message: &str| RecordsError::Encoding {
        label: label.to_string(),
        message: message.to_string(),
    };
    if head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF") {
        return Err(encoding_error(
            "the file is UTF-16 encoded; save it as UTF-8 (with or without BOM)",
        ));
    }
    if let Err(error) = std::str::from_utf8(head) {
        // A character cut at the end of the sniffed block is not an error.
        let cut_at_end = error.error_len().is_none() && head.len() >= SNIFF_BYTES - 4;
        if !cut_at_end {
            let line = head[..error.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            return Err(encoding_error(&format!(
                "line {line}: not UTF-8 text (byte {:#04x}); convert the file to UTF-8 \
                 (it may be Latin-1 or Windows-1252)",
                head[error.valid_up_to()]
            )));
        }
    }
    Ok(())
}

pub(super) fn sniff_format(head: &[u8]) -> RecordFormat {
    let body = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    match body.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'{') => RecordFormat::JsonLines,
        _ => RecordFormat::Csv,
    }
}
