//! Reading files of records to screen: customer bases, vendor masters,
//! applicant pools, labelled evaluation sets.
//!
//! A file is CSV (any common delimiter, header row required, UTF-8 with or
//! without BOM) or JSON lines (one object per line). Columns are mapped to
//! query fields by name, with defaults that cover the usual spellings
//! (`name`/`full_name`, `dob`/`date_of_birth`, `country`/`nationality`,
//! ...) and overrides given as `name=COL,dob=COL,...`.
//!
//! Records stream one at a time. A malformed row (wrong number of columns,
//! no name, text that is not UTF-8) is an `Err` for that row only, naming
//! its line, so a caller can report it and carry on; a problem with the
//! file as a whole (unreadable, not UTF-8 at all, no usable header) ends
//! the stream with an error.

mod build;
mod columns;
mod csv;
mod encoding;
mod jsonl;

use std::io::{BufRead, BufReader, Read};

use crate::matching::Query;

pub use columns::{ColumnMap, Field};

use self::csv::{next_csv_row, open_csv};
use columns::Layout;
use encoding::{SNIFF_BYTES, check_encoding, sniff_format};
use jsonl::next_json_row;

/// Why a file of records cannot be read (as opposed to one bad row).
#[derive(Debug, thiserror::Error)]
pub enum RecordsError {
    /// The `--columns` value is malformed.
    #[error("--columns: {0}")]
    ColumnSpec(String),
    /// Reading failed.
    #[error("{label}: cannot read: {source}")]
    Io {
        /// The file (or `-`).
        label: String,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// The file is not in a supported encoding.
    #[error("{label}: {message}")]
    Encoding {
        /// The file.
        label: String,
        /// What was found.
        message: String,
    },
    /// The header does not allow screening.
    #[error("{label}: header: {message}")]
    Header {
        /// The file.
        label: String,
        /// What is wrong.
        message: String,
    },
    /// The CSV structure is broken beyond one row (e.g. an unterminated
    /// quote running to the end of the file).
    #[error("{label}:{line}: {message}")]
    Structure {
        /// The file.
        label: String,
        /// Line where the broken part starts.
        line: u64,
        /// What is wrong.
        message: String,
    },
}

/// A record read from a file, as a query.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// 1-based line where the record starts.
    pub line: u64,
    /// 1-based data row number (the header is not a row).
    pub row: u64,
    /// The reference column's value, or the row number when there is none.
    pub reference: String,
    /// True when `reference` is the row number (the row has no reference).
    pub reference_is_row: bool,
    /// What to screen.
    pub query: Query,
    /// The expected entity id, in labelled sets.
    pub expected: Option<String>,
    /// Fields that were present but unreadable and were left out of the
    /// query (`dob "unknown" is not a date`).
    pub warnings: Vec<String>,
}

/// One row that could not be turned into a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// 1-based line where the row starts.
    pub line: u64,
    /// 1-based data row number.
    pub row: u64,
    /// What is wrong.
    pub message: String,
    /// The row's text as far as it could be recovered (for a rejects file).
    pub raw: String,
}

impl Record {
    /// Gives the record the row number `row` (its place in a larger input
    /// it was read apart from), and that reference too when its reference
    /// was its row number.
    pub fn renumber(&mut self, row: u64) {
        self.row = row;
        if self.reference_is_row {
            self.reference = row.to_string();
        }
    }
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// The format of a records file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordFormat {
    /// Delimited text with a header row.
    Csv,
    /// One JSON object per line.
    JsonLines,
}

/// Streams records from a CSV or JSON-lines source.
pub struct RecordReader<R: Read> {
    label: String,
    source: Source<R>,
    columns: ColumnMap,
    rows_seen: u64,
    finished: bool,
}

enum Source<R: Read> {
    Csv {
        reader: ::csv::Reader<BufReader<R>>,
        layout: Layout,
        headers: Vec<String>,
    },
    Json {
        lines: BufReader<R>,
        line: u64,
    },
}

/// Longest name, identifier or address screened, in bytes. Longer text is
/// not a name (a pasted document, a corrupt export) and would cost a
/// screening run far more than a row; such a row is rejected.
pub const MAX_FIELD_BYTES: usize = 4096;

impl<R: Read> RecordReader<R> {
    /// Opens a records stream. `label` names the source in messages (a
    /// path, or `-` for standard input); `format` is sniffed from the
    /// content when `None` (a first non-blank character `{` means JSON
    /// lines).
    pub fn new(
        reader: R,
        label: &str,
        format: Option<RecordFormat>,
        columns: ColumnMap,
    ) -> Result<RecordReader<R>, RecordsError> {
        let mut buffered = BufReader::with_capacity(SNIFF_BYTES, reader);
        let head = buffered
            .fill_buf()
            .map_err(|source| RecordsError::Io {
                label: label.to_string(),
                source,
            })?
            .to_vec();
        check_encoding(&head, label)?;
        if head.starts_with(b"\xEF\xBB\xBF") {
            buffered.consume(3);
        }
        let format = format.unwrap_or_else(|| sniff_format(&head));
        let source = match format {
            RecordFormat::JsonLines => Source::Json {
                lines: buffered,
                line: 0,
            },
            RecordFormat::Csv => open_csv(buffered, &head, label, &columns)?,
        };
        Ok(RecordReader {
            label: label.to_string(),
            source,
            columns,
            rows_seen: 0,
            finished: false,
        })
    }

    /// Numbers the data rows from `first_row` instead of 1: the `row` of
    /// each record, and its reference when the input has no reference
    /// column. For a reader over one slice of a larger input (a Spark
    /// partition) whose rows start at `first_row` of the whole, so that
    /// its records read as the whole input's would.
    pub fn starting_at_row(mut self, first_row: u64) -> RecordReader<R> {
        self.rows_seen = first_row.saturating_sub(1);
        self
    }

    /// The columns of a CSV file as found in its header (empty for JSON).
    pub fn headers(&self) -> &[String] {
        match &self.source {
            Source::Csv { headers, .. } => headers,
            Source::Json { .. } => &[],
        }
    }

    /// The next record, a bad row, or a fatal error; `None` at the end.
    pub(crate) fn next_record(&mut self) -> Option<Result<Result<Record, RowError>, RecordsError>> {
        if self.finished {
            return None;
        }
        let next = match &mut self.source {
            Source::Csv { reader, layout, .. } => next_csv_row(reader, layout, &self.label),
            Source::Json { lines, line } => next_json_row(lines, line, &self.label, &self.columns),
        };
        match next {
            None => {
                self.finished = true;
                None
            }
            Some(Err(fatal)) => {
                self.finished = true;
                Some(Err(fatal))
            }
            Some(Ok(row)) => {
                self.rows_seen += 1;
                Some(Ok(row.into_record(self.rows_seen)))
            }
        }
    }
}

impl<R: Read> Iterator for RecordReader<R> {
    type Item = Result<Result<Record, RowError>, RecordsError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_record()
    }
}

#[cfg(test)]
mod tests;
