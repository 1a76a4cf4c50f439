//! Reading CSV records: the delimiter sniffed from the header line, the
//! header mapped to fields, and each row's mapped values.

use std::collections::HashMap;
use std::io::{BufReader, Read};

use super::build::RawRow;
use super::columns::{ColumnMap, Field, Layout, resolve_layout};
use super::{RecordsError, Source};
use crate::sources::delimiter::header_delimiter;

pub(super) fn open_csv<R: Read>(
    buffered: BufReader<R>,
    head: &[u8],
    label: &str,
    columns: &ColumnMap,
) -> Result<Source<R>, RecordsError> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(header_delimiter(head))
        .flexible(true)
        .has_headers(true)
        .from_reader(buffered);
    let header_error = |message: String| RecordsError::Header {
        label: label.to_string(),
        message,
    };
    let headers: Vec<String> = reader
        .byte_headers()
        .map_err(|error| header_error(error.to_string()))?
        .iter()
        .map(|h| {
            String::from_utf8_lossy(h)
                .trim()
                .trim_start_matches('\u{feff}')
                .to_string()
        })
        .collect();
    if headers.iter().all(String::is_empty) {
        return Err(header_error(
            "the file is empty or has no header row".to_string(),
        ));
    }
    let layout = resolve_layout(&headers, columns).map_err(header_error)?;
    Ok(Source::Csv {
        reader,
        layout,
        headers,
    })
}

pub(super) fn next_csv_row<R: Read>(
    reader: &mut csv::Reader<BufReader<R>>,
    layout: &Layout,
    label: &str,
) -> Option<Result<RawRow, RecordsError>> {
    let mut record = csv::ByteRecord::new();
    match reader.read_byte_record(&mut record) {
        Ok(false) => None,
        Ok(true) => {
            let line = record.position().map_or(0, csv::Position::line);
            Some(Ok(RawRow {
                line,
                values: csv_values(&record, layout),
            }))
        }
        Err(error) => {
            let line = error.position().map_or(0, csv::Position::line);
            match error.kind() {
                csv::ErrorKind::Io(io) => Some(Err(RecordsError::Io {
                    label: label.to_string(),
                    source: std::io::Error::new(io.kind(), io.to_string()),
                })),
                _ => Some(Err(RecordsError::Structure {
                    label: label.to_string(),
                    line,
                    message: error.to_string(),
                })),
            }
        }
    }
}

fn raw_text(record: &csv::ByteRecord) -> String {
    record
        .iter()
        .map(|field| String::from_utf8_lossy(field).into_owned())
        .collect::<Vec<_>>()
        .join(",")
}

fn csv_values(
    record: &csv::ByteRecord,
    layout: &Layout,
) -> Result<HashMap<Field, Vec<String>>, (String, String)> {
    if record.len() != layout.width {
        return Err((
            format!(
                "{} columns where the header has {}",
                record.len(),
                layout.width
            ),
            raw_text(record),
        ));
    }
    let mut values = HashMap::new();
    for (&field, &position) in &layout.positions {
        let bytes = record.get(position).unwrap_or_default();
        let text = std::str::from_utf8(bytes).map_err(|_| {
            (
                format!("column {} is not UTF-8 text", position + 1),
                raw_text(record),
            )
        })?;
        values.insert(field, vec![text.to_string()]);
    }
    Ok(values)
}
