//! `embargo store copy --from A --to B`: a whole store moved between
//! SQLite and PostgreSQL (either way, or file to file), verified table by
//! table by row counts and hashes before the target commits.

use std::path::Path;

use anyhow::{Context, Result};
use embargo_store::{Store, StoreError, store_name, store_path};
use serde::Serialize;

use crate::Outcome;
use crate::cli::{GlobalArgs, StoreArgs, StoreCommand, StoreCopyArgs};
use crate::outln;
use crate::output::{Format, print_report};

/// One table of the copy report.
#[derive(Debug, Serialize)]
struct TableRow {
    table: String,
    rows: u64,
    hash: String,
}

/// What `embargo store copy` reports.
#[derive(Debug, Serialize)]
struct CopyOutput {
    from: String,
    to: String,
    rows: u64,
    tables: Vec<TableRow>,
}

/// Runs `embargo store`.
pub fn run(global: &GlobalArgs, args: StoreArgs) -> Result<Outcome> {
    match args.command {
        StoreCommand::Copy(copy_args) => copy(global, &copy_args),
    }
}

/// `embargo store copy`.
fn copy(global: &GlobalArgs, args: &StoreCopyArgs) -> Result<Outcome> {
    let from = store_path(args.from.as_os_str())?;
    let to = store_path(args.to.as_os_str())?;
    let (from_name, to_name) = (store_name(&from), store_name(&to));
    let mut source =
        Store::open(&from).with_context(|| format!("opening the store to copy, {from_name}"))?;
    let created = !to.exists() && !embargo_store::is_postgres_url(&to.to_string_lossy());
    let mut target = Store::open_or_create(&to)
        .with_context(|| format!("opening the store to copy into, {to_name}"))?;
    let report = match source.copy_to(&mut target) {
        Ok(report) => report,
        Err(error) => {
            drop(target);
            remove_new_file(created, &to);
            return Err(copy_error(error, &from_name, &to_name));
        }
    };
    let output = CopyOutput {
        from: from_name,
        to: to_name,
        rows: report.rows(),
        tables: report
            .tables
            .into_iter()
            .map(|(table, rows, hash)| TableRow { table, rows, hash })
            .collect(),
    };
    let format = global.report_format("store copy")?;
    if format == Format::Table {
        for table in &output.tables {
            outln!("{:<22} {:>9} rows  {}", table.table, table.rows, table.hash)?;
        }
        outln!(
            "copied {} rows from {} to {}; every table verified (row count and hash)",
            output.rows,
            output.from,
            output.to
        )?;
    } else {
        print_report(&output, format)?;
    }
    Ok(Outcome::Success)
}

/// The error of a failed copy, naming both stores.
fn copy_error(error: StoreError, from: &str, to: &str) -> anyhow::Error {
    anyhow::Error::new(error).context(format!(
        "copying {from} to {to} failed; nothing was written to {to}"
    ))
}

/// Removes the file a failed copy created (it holds an empty schema).
fn remove_new_file(created: bool, path: &Path) {
    if created {
        for suffix in ["", "-wal", "-shm"] {
            let mut name = path.as_os_str().to_owned();
            name.push(suffix);
            let _removed = std::fs::remove_file(name);
        }
    }
}
