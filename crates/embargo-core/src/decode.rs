//! Input decoding: the one place that decides how the bytes of an outside
//! file become text, used by every list reader ([`crate::sources`]), the
//! customer-file reader ([`crate::records`]) and the scanner
//! ([`crate::scan`]).
//!
//! The rules, each written once here:
//! * a byte-order mark says the encoding: UTF-8 (`EF BB BF`, dropped),
//!   UTF-16 little-endian (`FF FE`) or big-endian (`FE FF`);
//!   `byte_order_mark` reads it;
//! * UTF-16 is decoded for list files, whose publishers may use it
//!   (`decode_published`); the customer-file reader and the scanner
//!   refuse it with `utf16_refusal`, telling the user to save as UTF-8;
//! * without a mark, text is UTF-8; bytes that are not are refused with
//!   their line and offset ([`NotUtf8`]), except for a publisher known to
//!   write Windows-1252 (the OFSI CSV), whose file is then read as
//!   Windows-1252 when it is not UTF-8 ([`Fallback::Windows1252`]);
//! * C1 control characters (U+0080 to U+009F) are text: the US
//!   Consolidated Screening List holds them. Only C0 controls other than
//!   tab, line feed, form feed, carriage return and the DOS end-of-file
//!   mark (Ctrl-Z), and DEL, make bytes "binary" (`is_binary_control`).
//!
//! [`Utf8Checked`] checks UTF-8 as a stream passes; [`NotUtf8`] says where
//! the first bad byte is.

mod utf8;

use std::fmt;

pub use utf8::{NotUtf8, Utf8Checked};

/// A text encoding embargo reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8, with or without byte-order mark.
    Utf8,
    /// UTF-16 little-endian (byte-order mark `FF FE`).
    Utf16Le,
    /// UTF-16 big-endian (byte-order mark `FE FF`).
    Utf16Be,
    /// Windows-1252 (cp1252), the superset of Latin-1 older UK files use.
    Windows1252,
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Windows1252 => "Windows-1252",
        })
    }
}

/// The encoding a byte-order mark at the start of `head` names, with the
/// mark's length; `None` without a mark.
pub(crate) fn byte_order_mark(head: &[u8]) -> Option<(Encoding, usize)> {
    if head.starts_with(b"\xEF\xBB\xBF") {
        Some((Encoding::Utf8, 3))
    } else if head.starts_with(b"\xFF\xFE") {
        Some((Encoding::Utf16Le, 2))
    } else if head.starts_with(b"\xFE\xFF") {
        Some((Encoding::Utf16Be, 2))
    } else {
        None
    }
}

/// True when `head` starts with a UTF-16 byte-order mark.
pub(crate) fn is_utf16(head: &[u8]) -> bool {
    matches!(
        byte_order_mark(head),
        Some((Encoding::Utf16Le | Encoding::Utf16Be, _))
    )
}

/// `head` without a UTF-8 byte-order mark.
pub(crate) fn strip_utf8_bom(head: &[u8]) -> &[u8] {
    head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head)
}

/// The message refusing UTF-16 where only UTF-8 is read; `subject` is
/// `file` or `text`.
pub(crate) fn utf16_refusal(subject: &str) -> String {
    format!("the {subject} is UTF-16 encoded; save it as UTF-8 (with or without BOM)")
}

/// True for a character that marks bytes as binary rather than text: a C0
/// control other than tab, line feed, form feed, carriage return and
/// Ctrl-Z, or DEL. C1 controls (U+0080 to U+009F) are text.
pub(crate) fn is_binary_control(c: char) -> bool {
    (c < ' ' && !matches!(c, '\t' | '\n' | '\r' | '\u{c}' | '\u{1a}')) || c == '\u{7f}'
}

/// What to do with a list file that has no byte-order mark and is not
/// UTF-8.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fallback {
    /// Refuse it, naming the first bad byte.
    Refuse,
    /// Read it as Windows-1252 (a publisher known to use it).
    Windows1252,
}

/// A list file turned into text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without byte-order mark.
    pub text: String,
    /// The encoding it was read in.
    pub encoding: Encoding,
}

/// Turns the whole bytes of a list file into text by the rules of this
/// module: byte-order mark first (UTF-8 or UTF-16), then UTF-8, then the
/// publisher's `fallback`. `Err` names the first byte that is not UTF-8
/// (or, in UTF-16, the offset of the first bad code unit).
pub(crate) fn decode_published(bytes: Vec<u8>, fallback: Fallback) -> Result<Decoded, NotUtf8> {
    match byte_order_mark(&bytes) {
        Some((Encoding::Utf16Le, length)) => utf16(&bytes, length, encoding_rs::UTF_16LE),
        Some((Encoding::Utf16Be, length)) => utf16(&bytes, length, encoding_rs::UTF_16BE),
        Some((_, length)) => {
            let body = bytes.get(length..).unwrap_or_default().to_vec();
            utf8_or(body, length as u64, Fallback::Refuse)
        }
        None => utf8_or(bytes, 0, fallback),
    }
}

/// UTF-8 text starting at byte `offset`, or the fallback.
fn utf8_or(bytes: Vec<u8>, offset: u64, fallback: Fallback) -> Result<Decoded, NotUtf8> {
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Decoded {
            text,
            encoding: Encoding::Utf8,
        }),
        Err(error) => {
            let bytes = error.into_bytes();
            if fallback == Fallback::Windows1252 {
                let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&bytes);
                return Ok(Decoded {
                    text: text.into_owned(),
                    encoding: Encoding::Windows1252,
                });
            }
            Err(NotUtf8::find(&bytes, offset, 1, true).unwrap_or(NotUtf8 {
                offset,
                line: 1,
                byte: 0,
                cut: true,
            }))
        }
    }
}

/// UTF-16 text after a mark of `length` bytes; a lone surrogate or an odd
/// last byte is an error at its offset.
fn utf16(
    bytes: &[u8],
    length: usize,
    encoding: &'static encoding_rs::Encoding,
) -> Result<Decoded, NotUtf8> {
    let body = bytes.get(length..).unwrap_or_default();
    match encoding.decode_without_bom_handling_and_without_replacement(body) {
        Some(text) => Ok(Decoded {
            text: text.into_owned(),
            encoding: if encoding == encoding_rs::UTF_16LE {
                Encoding::Utf16Le
            } else {
                Encoding::Utf16Be
            },
        }),
        None => {
            // Find the first bad unit by decoding prefix by prefix: only
            // for an error, on units, so linear overall.
            let units: Vec<u16> = body
                .chunks(2)
                .map(|pair| match (pair, encoding == encoding_rs::UTF_16LE) {
                    ([a, b], true) => u16::from_le_bytes([*a, *b]),
                    ([a, b], false) => u16::from_be_bytes([*a, *b]),
                    _ => 0xDC00,
                })
                .collect();
            let mut line = 1u64;
            let mut at = 0usize;
            for decoded in char::decode_utf16(units.iter().copied()) {
                match decoded {
                    Ok(c) => {
                        line += u64::from(c == '\n');
                        at += c.len_utf16();
                    }
                    Err(_) => break,
                }
            }
            let offset = (length + 2 * at) as u64;
            Err(NotUtf8 {
                offset,
                line,
                byte: body.get(2 * at).copied().unwrap_or(0),
                cut: 2 * at + 2 > body.len(),
            })
        }
    }
}

/// The start of a file with a UTF-16 byte-order mark as text, for format
/// detection: `None` unless its first character that is not whitespace is
/// ASCII (every list format starts so: `<`, `{` or a header) and it holds
/// no binary control character. A unit cut at the end is dropped.
pub(crate) fn utf16_head(head: &[u8]) -> Option<String> {
    if !is_utf16(head) {
        return None;
    }
    let even = head.len() - head.len() % 2;
    let head = head.get(..even)?;
    let encoding = if head.starts_with(b"\xFF\xFE") {
        encoding_rs::UTF_16LE
    } else {
        encoding_rs::UTF_16BE
    };
    let (text, _) = encoding.decode_with_bom_removal(head);
    let text = text.trim_end_matches('\u{fffd}');
    let first = text.trim_start().chars().next()?;
    (first.is_ascii() && !text.chars().any(is_binary_control)).then(|| text.to_string())
}

/// 1-based line of byte `offset` in `text`.
pub(crate) fn line_of(text: &str, offset: usize) -> u64 {
    let end = offset.min(text.len());
    memchr::memchr_iter(b'\n', &text.as_bytes()[..end]).count() as u64 + 1
}

#[cfg(test)]
mod tests;
