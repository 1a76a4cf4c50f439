//! Turning the bytes of a document into text: UTF-8 with or without BOM,
//! anything else refused with the line of the first bad byte, by the rules
//! of [`crate::decode`].

use std::str::Utf8Error;

use super::text::TextPosition;
use crate::decode::{self, NotUtf8};

/// A text that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScanError {
    /// The bytes are not UTF-8 text.
    #[error("{label}: {message}")]
    Encoding {
        /// The file (or `-`).
        label: String,
        /// What was found, with the line.
        message: String,
    },
    /// The text could not be read.
    #[error("{label}: reading failed: {message}")]
    Read {
        /// The file (or `-`).
        label: String,
        /// What the reader said.
        message: String,
    },
}

/// The error for `bytes`, a text from the place `start` on, not being
/// UTF-8 where `error` says.
pub(super) fn not_utf8(
    label: &str,
    start: TextPosition,
    bytes: &[u8],
    error: Utf8Error,
) -> ScanError {
    let valid = error.valid_up_to();
    let line = start.line + memchr::memchr_iter(b'\n', &bytes[..valid]).count();
    let bad = NotUtf8 {
        offset: valid as u64,
        line: line as u64,
        byte: bytes.get(valid).copied().unwrap_or(0),
        cut: error.error_len().is_none(),
    };
    ScanError::Encoding {
        label: label.to_string(),
        message: bad.line_message("it"),
    }
}

/// Turns the bytes of a document into text: UTF-8 with or without BOM;
/// UTF-16 and other encodings are refused with the line of the first bad
/// byte.
pub fn decode_text(bytes: Vec<u8>, label: &str) -> Result<String, ScanError> {
    let error = |message: String| ScanError::Encoding {
        label: label.to_string(),
        message,
    };
    if decode::is_utf16(&bytes) {
        return Err(error(decode::utf16_refusal("text")));
    }
    let bytes = match decode::byte_order_mark(&bytes) {
        Some((_, length)) => bytes.get(length..).unwrap_or_default().to_vec(),
        None => bytes,
    };
    String::from_utf8(bytes)
        .map_err(|e| not_utf8(label, TextPosition::START, e.as_bytes(), e.utf8_error()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_that_is_not_utf8_is_refused_with_its_line() {
        let error = decode_text(b"ok\nbad \xe9 byte".to_vec(), "memo.txt").unwrap_err();
        assert_eq!(
            error.to_string(),
            "memo.txt: line 2: not UTF-8 text (byte 0xe9); convert it to UTF-8 \
             (it may be Latin-1 or Windows-1252)"
        );
        assert!(decode_text(b"\xFF\xFEh\x00".to_vec(), "-").is_err());
        assert_eq!(decode_text(b"\xEF\xBB\xBFhi".to_vec(), "-").unwrap(), "hi");
    }
}
