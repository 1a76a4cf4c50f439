//! The input-decoding types list readers use, from [`crate::decode`]
//! (where the rules live): [`Utf8Checked`] streams and checks UTF-8,
//! [`NotUtf8`] locates the first bad byte, and `SourceError::not_utf8`
//! turns it into an error naming file, line and byte offset.

pub use crate::decode::{NotUtf8, Utf8Checked};

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::sources::SourceError;

    #[test]
    fn message_names_byte_and_offset() {
        let bad = NotUtf8::find(b"abc\xff", 100, 4, true).unwrap();
        let error = SourceError::not_utf8(Path::new("x.csv"), bad).to_string();
        assert_eq!(
            error,
            "x.csv:4: byte 0xff at byte offset 103 is not UTF-8 text; convert the file to UTF-8 \
             (it may be Latin-1 or Windows-1252)"
        );
    }
}
