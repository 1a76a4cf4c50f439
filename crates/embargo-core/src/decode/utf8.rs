//! Where a file stops being UTF-8 text.
//!
//! The XML, JSON-lines and custom CSV parsers read their files through
//! [`Utf8Checked`], which validates the bytes as they stream past and fails
//! the read at the first byte that is not UTF-8, saying where it is: its
//! byte offset from the start of the file and its line. A list parser turns
//! that into an error naming the file (`SourceError::not_utf8`), so an
//! encoding problem reads like every other malformed record: file, line,
//! and what to do about it.

use std::fmt;
use std::io::{self, Read};

/// The first byte of a file that is not UTF-8 text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotUtf8 {
    /// Offset of the byte from the start of the file (0-based).
    pub offset: u64,
    /// 1-based line holding it.
    pub line: u64,
    /// The byte itself.
    pub byte: u8,
    /// True when the file ends inside a character rather than holding a
    /// wrong byte.
    pub cut: bool,
}

impl NotUtf8 {
    /// The message, without file or line (the caller's error adds them),
    /// in the words list readers use.
    pub fn message(&self) -> String {
        if self.cut {
            format!(
                "the file ends inside a UTF-8 character (byte offset {}): it is truncated or not \
                 UTF-8 text",
                self.offset
            )
        } else {
            format!(
                "byte {:#04x} at byte offset {} is not UTF-8 text; convert the file to UTF-8 (it \
                 may be Latin-1 or Windows-1252)",
                self.byte, self.offset
            )
        }
    }

    /// The message with the line, in the words of the customer-file reader
    /// and the scanner: `line 2: not UTF-8 text (byte 0xe9); convert
    /// {subject} to UTF-8 (...)`, `subject` being `the file` or `it`.
    pub(crate) fn line_message(&self, subject: &str) -> String {
        format!(
            "line {}: not UTF-8 text (byte {:#04x}); convert {subject} to UTF-8 (it may be \
             Latin-1 or Windows-1252)",
            self.line, self.byte
        )
    }

    /// The first byte of `bytes` that is not UTF-8, if any, with `bytes`
    /// starting at `offset` of its file, on line `line`. A character cut at
    /// the end counts as an error only when `complete`.
    pub fn find(bytes: &[u8], offset: u64, line: u64, complete: bool) -> Option<NotUtf8> {
        let error = std::str::from_utf8(bytes).err()?;
        let cut = error.error_len().is_none();
        if cut && !complete {
            return None;
        }
        let at = error.valid_up_to();
        let newlines = bytes[..at].iter().filter(|&&b| b == b'\n').count() as u64;
        Some(NotUtf8 {
            offset: offset + at as u64,
            line: line + newlines,
            byte: bytes[at],
            cut,
        })
    }

    /// The [`NotUtf8`] an I/O error from a [`Utf8Checked`] reader carries.
    pub fn from_io(error: &io::Error) -> Option<NotUtf8> {
        error
            .get_ref()
            .and_then(|inner| inner.downcast_ref::<NotUtf8>())
            .copied()
    }
}

impl fmt::Display for NotUtf8 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message())
    }
}

impl std::error::Error for NotUtf8 {}

/// A reader that passes bytes through while checking they are UTF-8; the
/// read that meets the first bad byte fails with an
/// [`io::ErrorKind::InvalidData`] error carrying a [`NotUtf8`].
#[derive(Debug)]
pub struct Utf8Checked<R> {
    inner: R,
    /// Bytes handed out so far.
    offset: u64,
    /// Line of the next byte.
    line: u64,
    /// The start of a character cut by the end of the last read (at most
    /// three bytes), already handed out.
    pending: Vec<u8>,
}

impl<R: Read> Utf8Checked<R> {
    /// Wraps `inner`, which starts at the start of its file.
    pub fn new(inner: R) -> Utf8Checked<R> {
        Utf8Checked::starting_at(inner, 0)
    }

    /// Wraps `inner`, which starts at byte `offset` of its file's first
    /// line (after a byte-order mark already read, say).
    pub(crate) fn starting_at(inner: R, offset: u64) -> Utf8Checked<R> {
        Utf8Checked {
            inner,
            offset,
            line: 1,
            pending: Vec::with_capacity(4),
        }
    }

    /// Checks `fresh`, the bytes just read, after the pending ones.
    fn check(&mut self, fresh: &[u8]) -> Result<(), NotUtf8> {
        let start = self.offset - self.pending.len() as u64;
        let pending_lines = self.pending.iter().filter(|&&b| b == b'\n').count() as u64;
        let line = self.line - pending_lines;
        let complete = fresh.is_empty();
        let (checked, owned);
        if self.pending.is_empty() {
            checked = fresh;
        } else {
            owned = [self.pending.as_slice(), fresh].concat();
            checked = owned.as_slice();
        }
        if let Some(bad) = NotUtf8::find(checked, start, line, complete) {
            return Err(bad);
        }
        // What is left unchecked is a character cut at the end of the read.
        let valid = match std::str::from_utf8(checked) {
            Ok(_) => checked.len(),
            Err(error) => error.valid_up_to(),
        };
        let tail = checked[valid..].to_vec();
        self.pending = tail;
        Ok(())
    }
}

impl<R: Read> Read for Utf8Checked<R> {
    fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
        let read = self.inner.read(buffer)?;
        let fresh = &buffer[..read];
        if let Err(bad) = self.check(fresh) {
            return Err(io::Error::new(io::ErrorKind::InvalidData, bad));
        }
        self.offset += read as u64;
        self.line += fresh.iter().filter(|&&b| b == b'\n').count() as u64;
        Ok(read)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads everything through a checker, `chunk` bytes per read.
    fn read_all(bytes: &[u8], chunk: usize) -> Result<Vec<u8>, NotUtf8> {
        struct Chunked<'a>(&'a [u8], usize);
        impl Read for Chunked<'_> {
            fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
                let n = self.0.len().min(self.1).min(buffer.len());
                buffer[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let mut reader = Utf8Checked::new(Chunked(bytes, chunk));
        let mut out = Vec::new();
        match reader.read_to_end(&mut out) {
            Ok(_) => Ok(out),
            Err(error) => Err(NotUtf8::from_io(&error).unwrap_or(NotUtf8 {
                offset: u64::MAX,
                line: 0,
                byte: 0,
                cut: false,
            })),
        }
    }

    #[test]
    fn valid_text_passes_whatever_the_read_size() {
        let text = "Ким Чен Ын\n김정은\nJosé\n".as_bytes();
        for chunk in 1..8 {
            assert_eq!(read_all(text, chunk).unwrap(), text, "chunk {chunk}");
        }
    }

    #[test]
    fn bad_byte_is_located_whatever_the_read_size() {
        let text = b"id,name\n1,\xd0\x9a\xd0\xb8\xd0\xbc\n2,Jos\xe9\n";
        for chunk in 1..8 {
            let bad = read_all(text, chunk).unwrap_err();
            assert_eq!((bad.offset, bad.line, bad.byte), (22, 3, 0xe9), "{chunk}");
            assert!(!bad.cut);
        }
    }

    #[test]
    fn character_cut_by_the_end_of_the_file_is_reported() {
        let bad = read_all("ab\nКим".as_bytes().split_last().unwrap().1, 3).unwrap_err();
        assert!(bad.cut);
        assert_eq!((bad.offset, bad.line), (7, 2));
        assert!(bad.message().contains("ends inside a UTF-8 character"));
    }
}
