//! Names read from standard input for `embargo screen -`: one name a
//! line, blank lines skipped, surrounding white space and a Windows line
//! end (`\r\n`) trimmed. A line is read up to [`MAX_LINE_BYTES`] (a longer
//! one is an error naming its line, never an unbounded allocation), and
//! must be UTF-8.

use std::io::{BufRead, Read};

use anyhow::{Result, bail};

/// The longest line read as one name. Names are checked against the
/// screening limits afterwards (500 characters); this only bounds what
/// is held in memory.
pub const MAX_LINE_BYTES: usize = 64 * 1024;

/// Reads names from a buffered reader, one a line.
pub struct NameLines<R: BufRead> {
    reader: R,
    line: u64,
    buffer: Vec<u8>,
}

impl<R: BufRead> NameLines<R> {
    /// Names from `reader`.
    pub fn new(reader: R) -> NameLines<R> {
        NameLines {
            reader,
            line: 0,
            buffer: Vec::new(),
        }
    }

    /// The 1-based line of the last name returned.
    pub fn line(&self) -> u64 {
        self.line
    }

    /// The next non-blank line, trimmed; `None` at the end of the input.
    pub fn next_name(&mut self) -> Result<Option<String>> {
        loop {
            self.buffer.clear();
            self.line += 1;
            let limit = u64::try_from(MAX_LINE_BYTES + 1).unwrap_or(u64::MAX);
            let read = Read::take(&mut self.reader, limit).read_until(b'\n', &mut self.buffer)?;
            if read == 0 {
                return Ok(None);
            }
            if self.buffer.len() > MAX_LINE_BYTES && self.buffer.last() != Some(&b'\n') {
                bail!(
                    "standard input line {}: longer than {MAX_LINE_BYTES} bytes; give one name a line",
                    self.line
                );
            }
            let Ok(text) = std::str::from_utf8(&self.buffer) else {
                bail!(
                    "standard input line {}: not UTF-8 text (convert the input to UTF-8, e.g. with iconv)",
                    self.line
                );
            };
            let name = text.trim();
            if !name.is_empty() {
                return Ok(Some(name.to_string()));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(input: &[u8]) -> Result<Vec<(u64, String)>> {
        let mut lines = NameLines::new(input);
        let mut out = Vec::new();
        while let Some(name) = lines.next_name()? {
            out.push((lines.line(), name));
        }
        Ok(out)
    }

    #[test]
    fn one_name_a_line_blank_lines_skipped() {
        let read = names(b"Kim Sang Man\r\n\n  Vladimir Putin  \nlast").unwrap();
        assert_eq!(
            read,
            [
                (1, "Kim Sang Man".to_string()),
                (3, "Vladimir Putin".to_string()),
                (4, "last".to_string())
            ]
        );
        assert!(names(b"").unwrap().is_empty());
    }

    #[test]
    fn long_lines_and_bad_bytes_are_errors_naming_the_line() {
        let mut long = b"ok\n".to_vec();
        long.extend(std::iter::repeat_n(b'a', MAX_LINE_BYTES + 10));
        let error = names(&long).unwrap_err().to_string();
        assert!(
            error.starts_with("standard input line 2: longer than"),
            "{error}"
        );
        let error = names(b"ok\n\xff\xfe\n").unwrap_err().to_string();
        assert!(
            error.starts_with("standard input line 2: not UTF-8"),
            "{error}"
        );
    }
}
