//! Reading the rows of one OFAC legacy CSV file.
//!
//! The files have no header row, end their lines with CRLF, may end with a
//! DOS end-of-file mark (`\x1a`) on a line of its own, and write null as
//! `-0-` (often `-0- `). This module streams a file row by row, checks the
//! column count, and turns every way a file can be broken (empty, in
//! another format, cut short, two files joined) into an error that names
//! the file and line.
//!
//! Every published file ends its last line with CRLF, most of them followed
//! by the end-of-file mark (of the real sets kept for tests, all but the
//! re-filtered `alt.csv`, `add.csv` and `sdn_comments.csv` of 2024-05 and
//! the 2021-07 `sdn_comments.csv`). A file whose last line has no line
//! break was therefore cut inside that line, even when the cut left it
//! looking whole (inside an unquoted last field): that is an error. A file
//! cut exactly at a line break cannot be told from a whole one by its
//! bytes; [`super::completeness`] looks at what its rows cover instead.

use std::fs::File;
use std::io::{BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use crate::sources::SourceError;
use crate::sources::encoding::NotUtf8;

/// The DOS end-of-file mark OFAC writes after the last line.
const END_OF_FILE_MARK: &str = "\u{1a}";

/// One row of an OFAC CSV file.
#[derive(Debug)]
pub(super) struct Row {
    /// 1-based line where the row starts.
    pub line: u64,
    /// The fields, decoded, with the line end removed.
    pub fields: Vec<String>,
}

/// An OFAC CSV file opened for reading, row by row.
pub(super) struct CsvFile {
    path: PathBuf,
    reader: csv::Reader<BufReader<File>>,
    record: csv::ByteRecord,
    len: u64,
    ends_with_line_break: bool,
    rows_read: usize,
    non_utf8_fields: usize,
    /// Where the first field that is not UTF-8 has its first bad byte.
    first_non_utf8: Option<NotUtf8>,
    /// Line of the end-of-file mark, once read.
    end_mark_line: Option<u64>,
}

impl CsvFile {
    /// Opens `path`; an empty file is an error.
    pub fn open(path: &Path) -> Result<CsvFile, SourceError> {
        let mut file = File::open(path).map_err(|error| SourceError::io(path, error))?;
        let len = file
            .metadata()
            .map_err(|error| SourceError::io(path, error))?
            .len();
        if len == 0 {
            return Err(SourceError::invalid(path, "the file is empty"));
        }
        let ends_with_line_break = matches!(last_byte(&mut file, len), Ok(b'\n' | 0x1a));
        file.seek(SeekFrom::Start(0))
            .map_err(|error| SourceError::io(path, error))?;
        let reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            // Split at LF only: with CRLF the csv crate's line numbers lag
            // one line behind; the CR left on the last field is removed below.
            .terminator(csv::Terminator::Any(b'\n'))
            .from_reader(BufReader::new(file));
        Ok(CsvFile {
            path: path.to_path_buf(),
            reader,
            record: csv::ByteRecord::new(),
            len,
            ends_with_line_break,
            rows_read: 0,
            non_utf8_fields: 0,
            first_non_utf8: None,
            end_mark_line: None,
        })
    }

    /// How many fields were not valid UTF-8 and were read as Windows-1252.
    pub(crate) fn non_utf8_fields(&self) -> usize {
        self.non_utf8_fields
    }

    /// The first byte that is not UTF-8, when some field was not.
    pub(crate) fn first_non_utf8(&self) -> Option<NotUtf8> {
        self.first_non_utf8
    }

    /// How many rows were read so far (blank lines and the end-of-file
    /// mark not counted).
    pub fn rows_read(&self) -> usize {
        self.rows_read
    }

    /// The next row, which must have exactly `columns` fields; `None` at
    /// the end of the file. Blank lines and the end-of-file mark are skipped.
    pub(crate) fn next_row(&mut self, columns: usize) -> Result<Option<Row>, SourceError> {
        loop {
            let more = self
                .reader
                .read_byte_record(&mut self.record)
                .map_err(|error| csv_error(&self.path, error))?;
            if !more {
                return Ok(None);
            }
            let line = self.record.position().map_or(0, csv::Position::line);
            let fields = self.decoded_fields()?;
            if is_end_mark(&fields) {
                self.end_mark_line.get_or_insert(line);
                continue;
            }
            if is_blank(&fields) {
                continue;
            }
            if let Some(mark_line) = self.end_mark_line {
                return Err(SourceError::malformed(
                    &self.path,
                    line,
                    format!(
                        "a record after the end-of-file mark (Ctrl-Z) of line {mark_line}: are \
                         two files joined?"
                    ),
                ));
            }
            if self.rows_read == 0 {
                check_looks_like_csv(&self.path, line, &fields)?;
            }
            self.check_complete(line, fields.len(), columns)?;
            if fields.len() != columns {
                return Err(SourceError::malformed(
                    &self.path,
                    line,
                    format!("expected {columns} columns, found {}", fields.len()),
                ));
            }
            self.rows_read += 1;
            return Ok(Some(Row { line, fields }));
        }
    }

    /// The current record's fields as text, without the line end's CR and
    /// (on the first row) without a byte-order mark.
    fn decoded_fields(&mut self) -> Result<Vec<String>, SourceError> {
        let mut fields: Vec<String> = Vec::with_capacity(self.record.len());
        let mut non_utf8 = false;
        for bytes in self.record.iter() {
            let text = match std::str::from_utf8(bytes) {
                Ok(text) => text.to_string(),
                Err(_) => {
                    self.non_utf8_fields += 1;
                    non_utf8 = true;
                    decode_windows_1252(bytes)
                }
            };
            fields.push(text);
        }
        if non_utf8 && self.first_non_utf8.is_none() {
            self.first_non_utf8 = self.locate_non_utf8()?;
        }
        if let Some(last) = fields.last_mut()
            && last.ends_with('\r')
        {
            last.pop();
        }
        if self.rows_read == 0
            && let Some(first) = fields.first_mut()
            && let Some(rest) = first.strip_prefix('\u{feff}')
        {
            *first = rest.to_string();
        }
        Ok(fields)
    }

    /// The first byte of the current record that is not UTF-8, read back
    /// from the file (done once per file).
    fn locate_non_utf8(&self) -> Result<Option<NotUtf8>, SourceError> {
        let Some(position) = self.record.position() else {
            return Ok(None);
        };
        let end = self.reader.position().byte();
        let length = end.saturating_sub(position.byte());
        let read = || -> std::io::Result<Vec<u8>> {
            let mut file = File::open(&self.path)?;
            file.seek(SeekFrom::Start(position.byte()))?;
            let mut raw = Vec::new();
            file.take(length).read_to_end(&mut raw)?;
            Ok(raw)
        };
        let raw = read().map_err(|error| SourceError::io(&self.path, error))?;
        Ok(NotUtf8::find(&raw, position.byte(), position.line(), true))
    }

    /// Fails when the current record is the file's last and the file was
    /// cut inside it: it ends without a line break (inside a quoted field,
    /// with too few columns, or inside the last field).
    fn check_complete(&self, line: u64, found: usize, columns: usize) -> Result<(), SourceError> {
        let at_end = self.reader.position().byte() >= self.len;
        if self.ends_with_line_break || !at_end {
            return Ok(());
        }
        let start = self.record.position().map_or(0, csv::Position::byte);
        let quotes = count_quotes_from(&self.path, start)?;
        if quotes % 2 == 1 {
            return Err(SourceError::malformed(
                &self.path,
                line,
                "the file ends inside a quoted field of this record: it is truncated",
            ));
        }
        if found < columns {
            return Err(SourceError::malformed(
                &self.path,
                line,
                format!(
                    "the file ends inside this record ({found} of {columns} columns, \
                     no line break): it is truncated"
                ),
            ));
        }
        Err(SourceError::malformed(
            &self.path,
            line,
            "the file ends inside this record, without the line break that ends every line of \
             an OFAC file: it is truncated",
        ))
    }
}

/// A file's name for messages (`alt.csv`).
pub(super) fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    )
}

/// A field's value, or `None` for OFAC's null `-0-` and for empty text.
pub(super) fn value(field: &str) -> Option<&str> {
    let trimmed = field.trim();
    (!trimmed.is_empty() && trimmed != "-0-").then_some(trimmed)
}

/// True for a line holding nothing.
fn is_blank(fields: &[String]) -> bool {
    fields.iter().all(|field| field.trim().is_empty())
}

/// True for a line holding only the end-of-file mark.
fn is_end_mark(fields: &[String]) -> bool {
    fields.iter().any(|field| field.trim() == END_OF_FILE_MARK)
        && fields
            .iter()
            .all(|field| field.trim().is_empty() || field.trim() == END_OF_FILE_MARK)
}

/// Rejects files that are plainly in another format (XML, JSON), so the
/// user reads what the file is rather than a column count.
fn check_looks_like_csv(path: &Path, line: u64, fields: &[String]) -> Result<(), SourceError> {
    let start = fields.first().map_or("", |field| field.trim_start());
    let format = if start.starts_with('<') {
        "XML"
    } else if start.starts_with('{') || start.starts_with('[') {
        "JSON"
    } else {
        return Ok(());
    };
    Err(SourceError::malformed(
        path,
        line,
        format!("this is {format}, not an OFAC legacy CSV file"),
    ))
}

fn csv_error(path: &Path, error: csv::Error) -> SourceError {
    let line = error.position().map_or(0, csv::Position::line);
    match error.into_kind() {
        csv::ErrorKind::Io(io) => SourceError::io(path, io),
        other => SourceError::malformed(path, line, format!("{other:?}")),
    }
}

fn last_byte(file: &mut File, len: u64) -> std::io::Result<u8> {
    file.seek(SeekFrom::Start(len.saturating_sub(1)))?;
    let mut byte = [0u8; 1];
    file.read_exact(&mut byte)?;
    Ok(byte[0])
}

/// Number of `"` from byte `start` to the end of the file.
fn count_quotes_from(path: &Path, start: u64) -> Result<usize, SourceError> {
    let read = || -> std::io::Result<usize> {
        let mut file = File::open(path)?;
        file.seek(SeekFrom::Start(start))?;
        let mut buffer = [0u8; 8192];
        let mut quotes = 0;
        loop {
            let n = file.read(&mut buffer)?;
            if n == 0 {
                return Ok(quotes);
            }
            quotes += buffer[..n].iter().filter(|&&b| b == b'"').count();
        }
    };
    read().map_err(|error| SourceError::io(path, error))
}

/// Decodes Windows-1252 (the superset of Latin-1 that Western files not in
/// UTF-8 use). The five bytes it leaves undefined become U+FFFD.
fn decode_windows_1252(bytes: &[u8]) -> String {
    const HIGH: [char; 32] = [
        '€', '\u{fffd}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{fffd}', 'Ž',
        '\u{fffd}', '\u{fffd}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ',
        '\u{fffd}', 'ž', 'Ÿ',
    ];
    bytes
        .iter()
        .map(|&byte| match byte {
            0x80..=0x9f => HIGH[usize::from(byte - 0x80)],
            _ => char::from(byte),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    fn file_with(bytes: &[u8]) -> tempfile::NamedTempFile {
        let mut file = tempfile::NamedTempFile::new().unwrap();
        file.write_all(bytes).unwrap();
        file
    }

    fn rows(bytes: &[u8], columns: usize) -> Result<Vec<Row>, SourceError> {
        let file = file_with(bytes);
        let mut csv = CsvFile::open(file.path())?;
        let mut rows = Vec::new();
        while let Some(row) = csv.next_row(columns)? {
            rows.push(row);
        }
        Ok(rows)
    }

    #[test]
    fn reads_crlf_rows_with_true_line_numbers() {
        let rows = rows(b"1,\"a\",-0- \r\n2,\"b\r\nc\",x\r\n\r\n3,d,e\r\n\x1a", 3).unwrap();
        let lines: Vec<u64> = rows.iter().map(|row| row.line).collect();
        assert_eq!(lines, [1, 2, 5]);
        assert_eq!(rows[0].fields, ["1", "a", "-0- "]);
        assert_eq!(rows[1].fields[1], "b\r\nc");
        assert_eq!(rows[2].fields[2], "e");
    }

    #[test]
    fn null_is_minus_zero_minus() {
        assert_eq!(value("-0- "), None);
        assert_eq!(value("-0-"), None);
        assert_eq!(value("  "), None);
        assert_eq!(value(" DPRK4 "), Some("DPRK4"));
    }

    #[test]
    fn wrong_column_count_names_the_line() {
        let error = rows(b"1,a,b\r\n2,a\r\n", 3).unwrap_err().to_string();
        assert!(
            error.ends_with(":2: expected 3 columns, found 2"),
            "{error}"
        );
    }

    #[test]
    fn empty_file_is_invalid() {
        let error = rows(b"", 3).unwrap_err();
        assert!(matches!(error, SourceError::Invalid { .. }), "{error}");
    }

    #[test]
    fn cut_inside_quotes_is_truncation() {
        let error = rows(b"1,a,b\r\n2,\"x,y", 3).unwrap_err().to_string();
        assert!(
            error.contains(":2: the file ends inside a quoted field"),
            "{error}"
        );
    }

    #[test]
    fn cut_between_fields_is_truncation() {
        let error = rows(b"1,a,b\r\n2,a", 3).unwrap_err().to_string();
        assert!(
            error.contains(":2: the file ends inside this record"),
            "{error}"
        );
    }

    #[test]
    fn missing_final_line_break_is_truncation_even_when_the_record_looks_whole() {
        for cut in [
            &b"1,a,b\r\n2,a,-0"[..],
            b"1,a,b\r\n2,a,\"b\"",
            b"1,a,b\r\n2,a,b\r",
        ] {
            let error = rows(cut, 3).unwrap_err().to_string();
            assert!(
                error.contains(":2: the file ends inside this record, without the line break"),
                "{error}"
            );
        }
        assert_eq!(rows(b"1,a,b\r\n2,a,b\r\n\x1a", 3).unwrap().len(), 2);
    }

    #[test]
    fn record_after_the_end_of_file_mark_is_refused() {
        let error = rows(b"1,a,b\r\n\x1a\r\n2,a,b\r\n", 3)
            .unwrap_err()
            .to_string();
        assert!(
            error.ends_with(
                ":3: a record after the end-of-file mark (Ctrl-Z) of line 2: are two \
                             files joined?"
            ),
            "{error}"
        );
    }

    #[test]
    fn xml_is_named() {
        let error = rows(b"<?xml version=\"1.0\"?>\n<CONSOLIDATED_LIST/>\n", 12)
            .unwrap_err()
            .to_string();
        assert!(error.contains(":1: this is XML"), "{error}");
    }

    #[test]
    fn cut_xml_is_still_named_xml() {
        let error = rows(
            b"<?xml version=\"1.0\"?>\n<CONSOLIDATED_LIST dateGenerated=\"20",
            12,
        )
        .unwrap_err()
        .to_string();
        assert!(error.contains(":1: this is XML"), "{error}");
    }

    #[test]
    fn byte_order_mark_is_ignored() {
        let rows = rows(b"\xef\xbb\xbf1,a,b\r\n", 3).unwrap();
        assert_eq!(rows[0].fields, ["1", "a", "b"]);
    }

    #[test]
    fn windows_1252_fields_are_decoded() {
        let file = file_with(b"1,Jos\xe9 \x93Pepe\x94,x\r\n");
        let mut csv = CsvFile::open(file.path()).unwrap();
        let row = csv.next_row(3).unwrap().unwrap();
        assert_eq!(row.fields[1], "José “Pepe”");
        assert_eq!(csv.non_utf8_fields(), 1);
        let first = csv.first_non_utf8().unwrap();
        assert_eq!((first.line, first.offset, first.byte), (1, 5, 0xe9));
    }
}
