//! Turning the bytes of a document into text: UTF-8 with or without BOM,
//! anything else refused with the line of the first bad byte.

use std::str::Utf8Error;

use super::text::TextPosition;

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
    let byte = bytes
        .get(valid)
        .map_or(String::new(), |b| format!(" (byte {b:#04x})"));
    ScanError::Encoding {
        label: label.to_string(),
        message: format!(
            "line {line}: not UTF-8 text{byte}; convert it to UTF-8 \
             (it may be Latin-1 or Windows-1252)"
        ),
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
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(error(
            "the text is UTF-16 encoded; save it as UTF-8".to_string(),
        ));
    }
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(body) => body.to_vec(),
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
