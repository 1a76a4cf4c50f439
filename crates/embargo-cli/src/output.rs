//! Everything a command writes on standard output goes through here: the
//! output format (`--format`, `--json`, or the default for a terminal or
//! a pipe), tables for people, JSON, JSON lines, CSV and TSV for machines,
//! numbers with thousands separators.
//!
//! Writes are fallible ([`outln!`](crate::outln) instead of `println!`, which panics
//! when the reader of a pipe has gone): a closed standard output comes
//! back as an [`std::io::ErrorKind::BrokenPipe`] error, which `main` turns
//! into a quiet exit ([`is_closed_output`]), as `grep` does.

use std::fmt;
use std::io::{self, Write};

use anyhow::Result;
use clap::ValueEnum;
use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{ContentArrangement, Table};
use embargo_core::batch::tsv_field;
use serde::Serialize;

/// How a command writes its output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For people: tables and sentences (the default on a terminal).
    Table,
    /// One JSON document, indented.
    Json,
    /// JSON lines: one compact JSON object per record (per row of the
    /// table), or the whole report on one line.
    Jsonl,
    /// CSV with a header row (RFC 4180 quoting).
    Csv,
    /// Tab-separated values with a header row, unquoted (tabs and line
    /// breaks in a field become spaces): for `cut`, `awk`, `sort`.
    Tsv,
}

impl Format {
    /// The name as given to `--format`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Csv => "csv",
            Format::Tsv => "tsv",
        }
    }
}

/// Writes `args` and a line end on standard output; `Err` (never a panic)
/// when it is closed. Use through [`outln!`](crate::outln).
pub fn write_line(args: fmt::Arguments) -> io::Result<()> {
    let mut out = io::stdout().lock();
    out.write_fmt(args)?;
    out.write_all(b"\n")
}

/// Writes `args` on standard output without a line end; `Err` when it is
/// closed. Use through [`out!`](crate::out).
pub fn write_text(args: fmt::Arguments) -> io::Result<()> {
    io::stdout().lock().write_fmt(args)
}

/// `println!` that returns an `io::Result` instead of panicking on a
/// closed standard output.
#[macro_export]
macro_rules! outln {
    () => { $crate::output::write_line(format_args!("")) };
    ($($arg:tt)*) => { $crate::output::write_line(format_args!($($arg)*)) };
}

/// `print!` that returns an `io::Result` instead of panicking on a closed
/// standard output.
#[macro_export]
macro_rules! out {
    ($($arg:tt)*) => { $crate::output::write_text(format_args!($($arg)*)) };
}

/// True when `error` comes from writing to a closed standard output (the
/// reader of a pipe went away): the command stops, and nothing is wrong.
pub fn is_closed_output(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// A table with embargo's look, wrapped to the terminal width.
pub fn table(header: &[&str]) -> Table {
    let mut table = Table::new();
    table
        .load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(header.to_vec());
    table
}

/// Prints `value` as indented JSON on standard output.
pub fn print_json(value: &impl Serialize) -> Result<()> {
    let text = serde_json::to_string_pretty(value)?;
    outln!("{text}")?;
    Ok(())
}

/// Prints a report in `format`: indented JSON, or JSON on one line for
/// `jsonl`. (Tables and sentences are the command's own.)
pub fn print_report(value: &impl Serialize, format: Format) -> Result<()> {
    if format == Format::Jsonl {
        let text = serde_json::to_string(value)?;
        outln!("{text}")?;
        return Ok(());
    }
    print_json(value)
}

/// Prints records: as one JSON array (`json`), one JSON object a line
/// (`jsonl`), or as rows under `header` (table, CSV, TSV), `rows` giving
/// each record's cells in `header` order.
pub fn print_records<T: Serialize>(
    format: Format,
    records: &[T],
    header: &[&str],
    rows: impl FnMut(&T) -> Vec<String>,
) -> Result<()> {
    match format {
        Format::Json => print_json(&records),
        Format::Jsonl => {
            for record in records {
                let text = serde_json::to_string(record)?;
                outln!("{text}")?;
            }
            Ok(())
        }
        Format::Table | Format::Csv | Format::Tsv => {
            let rows: Vec<Vec<String>> = records.iter().map(rows).collect();
            print_rows(format, header, &rows)
        }
    }
}

/// Prints rows under `header` as a table, CSV or TSV (JSON formats print
/// them as TSV; use [`print_records`] for those).
pub fn print_rows(format: Format, header: &[&str], rows: &[Vec<String>]) -> Result<()> {
    if format == Format::Table {
        let mut out = table(header);
        for row in rows {
            out.add_row(row.clone());
        }
        outln!("{out}")?;
        return Ok(());
    }
    print_delimited(format, Some(header), rows)
}

/// Prints rows as CSV (`format` csv) or TSV (any other), under `header`
/// when given: the header is left out for rows that continue an earlier
/// call's output.
pub fn print_delimited(
    format: Format,
    header: Option<&[&str]>,
    rows: &[Vec<String>],
) -> Result<()> {
    if format == Format::Csv {
        let mut writer = csv::Writer::from_writer(Vec::new());
        if let Some(header) = header {
            writer.write_record(header)?;
        }
        for row in rows {
            writer.write_record(row)?;
        }
        let bytes = writer.into_inner().map_err(|e| e.into_error())?;
        io::stdout().lock().write_all(&bytes)?;
        return Ok(());
    }
    let mut text = String::new();
    if let Some(header) = header {
        text.push_str(&header.join("\t"));
        text.push('\n');
    }
    for row in rows {
        let fields: Vec<_> = row.iter().map(|field| tsv_field(field)).collect();
        text.push_str(&fields.join("\t"));
        text.push('\n');
    }
    io::stdout().lock().write_all(text.as_bytes())?;
    Ok(())
}

/// A time in `format`: `2026-01-31 09:30:00` (UTC) in a table, RFC 3339
/// (`2026-01-31T09:30:00Z`) for machines.
pub fn time(at: &chrono::DateTime<chrono::Utc>, format: Format) -> String {
    if format == Format::Table {
        at.format("%Y-%m-%d %H:%M:%S").to_string()
    } else {
        at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
    }
}

/// `14965` → `14,965`.
pub fn thousands(number: usize) -> String {
    let digits = number.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (at, digit) in digits.chars().enumerate() {
        if at > 0 && (digits.len() - at).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(14965), "14,965");
        assert_eq!(thousands(1_000_000), "1,000,000");
    }

    #[test]
    fn a_closed_pipe_is_recognized_through_context() {
        let closed = anyhow::Error::new(io::Error::from(io::ErrorKind::BrokenPipe))
            .context("writing the table");
        assert!(is_closed_output(&closed));
        let other = anyhow::Error::new(io::Error::from(io::ErrorKind::PermissionDenied));
        assert!(!is_closed_output(&other));
    }
}
