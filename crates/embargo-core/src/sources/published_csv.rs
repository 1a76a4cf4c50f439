//! A publisher's CSV (or tab-separated) file read row by row after its
//! header: the steps the OFSI, CSL and DPL readers share.
//!
//! Refuses a file cut inside a quoted field before reading a row (a CSV
//! reader would take it as a shorter last field), and turns the CSV
//! reader's positions into line numbers of the whole file, counted only
//! when an error needs one (counting per row would make an import
//! quadratic).

use std::path::{Path, PathBuf};

use crate::decode::line_of;
use crate::sources::SourceError;
use crate::sources::published::cut_inside_quotes;

/// The rows of one decoded CSV text, its header already read.
pub(crate) struct PublishedCsv<'t> {
    /// The whole decoded file, for line numbers.
    text: &'t str,
    /// Where the CSV part starts in `text` (after any line before the
    /// header, such as OFSI's `Last Updated`).
    body_offset: usize,
    reader: csv::Reader<&'t [u8]>,
    /// The header row's cells, trimmed.
    headers: Vec<String>,
    path: PathBuf,
}

impl<'t> PublishedCsv<'t> {
    /// Opens the CSV part of `text` that starts at byte `body_offset`,
    /// cells split at `delimiter`, and reads its header row. `what` names
    /// the format in the error of a file without one.
    pub(crate) fn open(
        text: &'t str,
        body_offset: usize,
        delimiter: u8,
        path: &Path,
        what: &str,
    ) -> Result<PublishedCsv<'t>, SourceError> {
        if let Some(line) = cut_inside_quotes(text) {
            return Err(SourceError::malformed(
                path,
                line,
                "the file ends inside a quoted field: it is cut or corrupted",
            ));
        }
        let body = text.get(body_offset..).unwrap_or("");
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .from_reader(body.as_bytes());
        let mut header = csv::StringRecord::new();
        let first_line = line_of(text, body_offset);
        let header_read = reader
            .read_record(&mut header)
            .map_err(|error| SourceError::malformed(path, first_line, error.to_string()))?;
        if !header_read {
            return Err(SourceError::invalid(
                path,
                format!("no header row: not a {what}"),
            ));
        }
        Ok(PublishedCsv {
            text,
            body_offset,
            reader,
            headers: header.iter().map(|h| h.trim().to_string()).collect(),
            path: path.to_path_buf(),
        })
    }

    /// The header row's cells, trimmed.
    pub(crate) fn headers(&self) -> &[String] {
        &self.headers
    }

    /// The line of the header row.
    pub(crate) fn header_line(&self) -> u64 {
        line_of(self.text, self.body_offset)
    }

    /// The file's line at a CSV reader position (a record's position may
    /// point at the line end before it); the header's line without one.
    pub(crate) fn line_at(&self, position: Option<&csv::Position>) -> u64 {
        position.map_or_else(
            || self.header_line(),
            |p| {
                let start = self.body_offset + p.byte() as usize;
                let skipped = self.text.get(start..).map_or(0, |rest| {
                    rest.len() - rest.trim_start_matches(['\r', '\n']).len()
                });
                line_of(self.text, start + skipped)
            },
        )
    }

    /// Reads the next row into `record`: `false` at the end. A row the CSV
    /// reader refuses (most often one with another number of fields than
    /// the header: a cut file) is an error at its line; `after` says
    /// which record came last (` (after group 12)`), or is empty.
    pub(crate) fn next_row(
        &mut self,
        record: &mut csv::StringRecord,
        after: impl FnOnce() -> String,
    ) -> Result<bool, SourceError> {
        match self.reader.read_record(record) {
            Ok(more) => Ok(more),
            Err(error) => {
                let line = self.line_at(error.position());
                let after = after();
                let message = match error.kind() {
                    csv::ErrorKind::UnequalLengths {
                        expected_len, len, ..
                    } => format!(
                        "row has {len} field(s), the header {expected_len}: the file is cut or \
                         corrupted{after}"
                    ),
                    _ => format!("{error}{after}"),
                };
                Err(SourceError::malformed(&self.path, line, message))
            }
        }
    }
}
