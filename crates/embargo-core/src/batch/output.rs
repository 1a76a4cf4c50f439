//! Batch output files: one row per (input row, result) as CSV, TSV or
//! JSON lines with the same column names, and the rejects file of
//! malformed input rows. Scores follow the one rule of
//! [`crate::model::round_score`] (3 decimals).
//!
//! Result fields come from [`ResultView`], the shape every front end
//! prints, and the explanation from [`crate::matching::Explanation::summary`].

use std::io::Write;

use serde::Serialize;

use crate::matching::{ResultView, ScreenMatch, Screener};
use crate::model::{Schema, format_score, round_score};
use crate::records::{Record, RowError};

/// The columns of a batch output, in order (CSV header, JSON keys).
pub const OUTPUT_COLUMNS: [&str; 11] = [
    "ref",
    "row",
    "line",
    "query",
    "score",
    "id",
    "name",
    "matched_name",
    "schema",
    "programs",
    "explanation",
];

/// The columns of a rejects file.
pub const REJECT_COLUMNS: [&str; 3] = ["line", "error", "raw"];

/// Output format of a batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    /// CSV with a header row; programs separated by `;`.
    Csv,
    /// Tab-separated values with a header row, for `cut` and `awk`: no
    /// quoting; tabs and line breaks inside a field become spaces
    /// ([`tsv_field`]).
    Tsv,
    /// One JSON object per line; programs as a list.
    JsonLines,
}

impl OutputFormat {
    /// Parses `csv`, `tsv`, `jsonl` (also `json`, `ndjson`, `jsonlines`).
    pub fn parse(text: &str) -> Option<OutputFormat> {
        match text.trim().to_ascii_lowercase().as_str() {
            "csv" => Some(OutputFormat::Csv),
            "tsv" => Some(OutputFormat::Tsv),
            "jsonl" | "json" | "ndjson" | "jsonlines" => Some(OutputFormat::JsonLines),
            _ => None,
        }
    }

    /// The format a file name suggests (`.jsonl`, `.ndjson`, `.json` →
    /// JSON lines; `.tsv`, `.tab` → TSV; anything else → CSV).
    pub fn from_file_name(name: &str) -> OutputFormat {
        let lower = name.to_ascii_lowercase();
        if [".jsonl", ".ndjson", ".json"]
            .iter()
            .any(|ext| lower.ends_with(ext))
        {
            OutputFormat::JsonLines
        } else if [".tsv", ".tab"].iter().any(|ext| lower.ends_with(ext)) {
            OutputFormat::Tsv
        } else {
            OutputFormat::Csv
        }
    }
}

/// One output row: an input row and one of its results, or the input row
/// alone (result fields empty) when it had none and `--all` was asked.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutputRow<'a> {
    /// The input's reference column, or its 1-based data row number.
    #[serde(rename = "ref")]
    pub reference: &'a str,
    /// 1-based data row number.
    pub row: u64,
    /// 1-based line where the input row starts.
    pub line: u64,
    /// The name screened.
    pub query: &'a str,
    /// Score rounded to 3 decimals ([`round_score`]).
    pub score: Option<f64>,
    /// Entity id (`un:KPi.066`).
    pub id: Option<&'a str>,
    /// The entity's primary name.
    pub name: Option<&'a str>,
    /// The listed name that matched.
    pub matched_name: Option<&'a str>,
    /// The entity's type.
    pub schema: Option<Schema>,
    /// The entity's sanctions programs.
    pub programs: &'a [String],
    /// One-line explanation.
    pub explanation: Option<String>,
}

impl<'a> OutputRow<'a> {
    /// The row for `record` and one result.
    pub fn result(record: &'a Record, view: &ResultView<'a>) -> OutputRow<'a> {
        OutputRow {
            score: Some(round_score(view.score)),
            id: Some(view.id),
            name: Some(view.name),
            matched_name: Some(view.matched_name),
            schema: Some(view.schema),
            programs: view.programs,
            explanation: Some(view.explanation.summary()),
            ..OutputRow::no_result(record)
        }
    }

    /// The row for `record` without a result.
    pub fn no_result(record: &'a Record) -> OutputRow<'a> {
        OutputRow {
            reference: &record.reference,
            row: record.row,
            line: record.line,
            query: &record.query.name,
            score: None,
            id: None,
            name: None,
            matched_name: None,
            schema: None,
            programs: &[],
            explanation: None,
        }
    }

    /// The CSV fields, in [`OUTPUT_COLUMNS`] order.
    pub(crate) fn csv_fields(&self) -> [String; 11] {
        let text = |value: Option<&str>| value.unwrap_or_default().to_string();
        [
            self.reference.to_string(),
            self.row.to_string(),
            self.line.to_string(),
            self.query.to_string(),
            self.score.map(format_score).unwrap_or_default(),
            text(self.id),
            text(self.name),
            text(self.matched_name),
            text(self.schema.map(Schema::as_str)),
            self.programs.join(";"),
            self.explanation.clone().unwrap_or_default(),
        ]
    }
}

/// A field as TSV writes it: tabs and line breaks, which would cut the
/// row, become spaces; nothing is quoted.
pub fn tsv_field(field: &str) -> std::borrow::Cow<'_, str> {
    if field.contains(['\t', '\n', '\r']) {
        std::borrow::Cow::Owned(field.replace(['\t', '\n', '\r'], " "))
    } else {
        std::borrow::Cow::Borrowed(field)
    }
}

enum Sink<W: Write> {
    Csv(Box<csv::Writer<W>>),
    Tsv(std::io::BufWriter<W>),
    Json(std::io::BufWriter<W>),
}

/// Writes batch results as CSV or JSON lines.
pub struct ResultWriter<W: Write> {
    sink: Sink<W>,
    include_empty: bool,
}

impl<W: Write> ResultWriter<W> {
    /// A writer to `out`; with `include_empty`, rows without results are
    /// written too (result fields empty). Writes the CSV header at once.
    pub fn new(
        out: W,
        format: OutputFormat,
        include_empty: bool,
    ) -> std::io::Result<ResultWriter<W>> {
        let sink = match format {
            OutputFormat::Csv => {
                let mut writer = csv::Writer::from_writer(out);
                writer.write_record(OUTPUT_COLUMNS).map_err(csv_io)?;
                Sink::Csv(Box::new(writer))
            }
            OutputFormat::Tsv => {
                let mut writer = std::io::BufWriter::new(out);
                writer.write_all(OUTPUT_COLUMNS.join("\t").as_bytes())?;
                writer.write_all(b"\n")?;
                Sink::Tsv(writer)
            }
            OutputFormat::JsonLines => Sink::Json(std::io::BufWriter::new(out)),
        };
        Ok(ResultWriter {
            sink,
            include_empty,
        })
    }

    /// Writes the rows of one screened record; returns how many.
    pub fn write(
        &mut self,
        screener: &Screener,
        record: &Record,
        matches: &[ScreenMatch],
    ) -> std::io::Result<usize> {
        if matches.is_empty() {
            if self.include_empty {
                self.write_row(&OutputRow::no_result(record))?;
                return Ok(1);
            }
            return Ok(0);
        }
        for result in matches {
            self.write_row(&OutputRow::result(record, &screener.view(result)))?;
        }
        Ok(matches.len())
    }

    fn write_row(&mut self, row: &OutputRow) -> std::io::Result<()> {
        match &mut self.sink {
            Sink::Csv(writer) => writer.write_record(row.csv_fields()).map_err(csv_io),
            Sink::Tsv(writer) => {
                let fields = row.csv_fields();
                let fields: Vec<_> = fields.iter().map(|field| tsv_field(field)).collect();
                writer.write_all(fields.join("\t").as_bytes())?;
                writer.write_all(b"\n")
            }
            Sink::Json(writer) => {
                serde_json::to_writer(&mut *writer, row)?;
                writer.write_all(b"\n")
            }
        }
    }

    /// Pushes buffered rows to the underlying writer.
    pub fn flush(&mut self) -> std::io::Result<()> {
        match &mut self.sink {
            Sink::Csv(writer) => writer.flush(),
            Sink::Tsv(writer) => writer.flush(),
            Sink::Json(writer) => writer.flush(),
        }
    }

    /// Flushes and returns the underlying writer.
    pub fn into_inner(self) -> std::io::Result<W> {
        match self.sink {
            Sink::Csv(writer) => writer.into_inner().map_err(|e| e.into_error()),
            Sink::Tsv(writer) => writer.into_inner().map_err(|e| e.into_error()),
            Sink::Json(writer) => writer.into_inner().map_err(|e| e.into_error()),
        }
    }
}

/// Writes malformed rows as CSV `line,error,raw`.
pub struct RejectsWriter<W: Write> {
    writer: csv::Writer<W>,
}

impl<W: Write> RejectsWriter<W> {
    /// A rejects writer to `out`; writes the header at once.
    pub fn new(out: W) -> std::io::Result<RejectsWriter<W>> {
        let mut writer = csv::Writer::from_writer(out);
        writer.write_record(REJECT_COLUMNS).map_err(csv_io)?;
        Ok(RejectsWriter { writer })
    }

    /// Writes one malformed row.
    pub fn write(&mut self, row: &RowError) -> std::io::Result<()> {
        self.writer
            .write_record([row.line.to_string(), row.message.clone(), row.raw.clone()])
            .map_err(csv_io)
    }

    /// Pushes buffered rows to the underlying writer.
    pub fn flush(&mut self) -> std::io::Result<()> {
        self.writer.flush()
    }
}

fn csv_io(error: csv::Error) -> std::io::Error {
    match error.into_kind() {
        csv::ErrorKind::Io(io) => io,
        other => std::io::Error::other(format!("{other:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::Query;

    fn record() -> Record {
        Record {
            line: 3,
            row: 2,
            reference: "C-7".to_string(),
            reference_is_row: false,
            query: Query::name("Kim, \"Sang\" Man"),
            expected: None,
            warnings: Vec::new(),
        }
    }

    #[test]
    fn formats_parse_and_follow_file_names() {
        assert_eq!(OutputFormat::parse("JSONL"), Some(OutputFormat::JsonLines));
        assert_eq!(OutputFormat::parse("csv"), Some(OutputFormat::Csv));
        assert_eq!(OutputFormat::parse("xml"), None);
        assert_eq!(
            OutputFormat::from_file_name("out.ndjson"),
            OutputFormat::JsonLines
        );
        assert_eq!(OutputFormat::from_file_name("out.txt"), OutputFormat::Csv);
    }

    #[test]
    fn rows_without_results_only_with_include_empty() {
        let screener = Screener::new(Vec::new(), Vec::new());
        let mut out = Vec::new();
        let mut writer = ResultWriter::new(&mut out, OutputFormat::Csv, false).unwrap();
        assert_eq!(writer.write(&screener, &record(), &[]).unwrap(), 0);
        writer.flush().unwrap();
        drop(writer);
        assert_eq!(String::from_utf8(out).unwrap().lines().count(), 1);

        let mut out = Vec::new();
        let mut writer = ResultWriter::new(&mut out, OutputFormat::JsonLines, true).unwrap();
        assert_eq!(writer.write(&screener, &record(), &[]).unwrap(), 1);
        writer.flush().unwrap();
        drop(writer);
        let line: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(line["ref"], "C-7");
        assert_eq!(line["row"], 2);
        assert_eq!(line["query"], "Kim, \"Sang\" Man");
        assert!(line["score"].is_null());
        let keys: Vec<&String> = line.as_object().unwrap().keys().collect();
        assert_eq!(keys.len(), OUTPUT_COLUMNS.len());
    }

    #[test]
    fn tsv_rows_are_one_line_each_without_quotes() {
        assert_eq!(OutputFormat::parse("TSV"), Some(OutputFormat::Tsv));
        assert_eq!(OutputFormat::from_file_name("hits.tsv"), OutputFormat::Tsv);
        assert_eq!(tsv_field("a\tb\r\nc"), "a b  c");
        let screener = Screener::new(Vec::new(), Vec::new());
        let mut record = record();
        record.query = Query::name("Kim\tSang\nMan");
        let mut out = Vec::new();
        let mut writer = ResultWriter::new(&mut out, OutputFormat::Tsv, true).unwrap();
        assert_eq!(writer.write(&screener, &record, &[]).unwrap(), 1);
        drop(writer);
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2, "{text}");
        assert_eq!(lines[0], OUTPUT_COLUMNS.join("\t"));
        let fields: Vec<&str> = lines[1].split('\t').collect();
        assert_eq!(fields.len(), OUTPUT_COLUMNS.len());
        assert_eq!(fields[3], "Kim Sang Man");
    }

    #[test]
    fn rejects_are_quoted_csv() {
        let mut out = Vec::new();
        let mut writer = RejectsWriter::new(&mut out).unwrap();
        writer
            .write(&RowError {
                line: 9,
                row: 8,
                message: "3 columns where the header has 2".to_string(),
                raw: "a,\"b\",c".to_string(),
            })
            .unwrap();
        writer.flush().unwrap();
        drop(writer);
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "line,error,raw\n9,3 columns where the header has 2,\"a,\"\"b\"\",c\"\n"
        );
    }
}
