//! Turning the bytes of a document into text: UTF-8 with or without BOM,
//! anything else refused with the line of the first bad byte.

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
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let line = bytes[..valid].iter().filter(|&&b| b == b'\n').count() + 1;
        error(format!(
            "line {line}: not UTF-8 text (byte {:#04x}); convert it to UTF-8 \
             (it may be Latin-1 or Windows-1252)",
            bytes[valid]
        ))
    })
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
