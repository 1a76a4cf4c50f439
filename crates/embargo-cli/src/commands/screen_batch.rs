//! `embargo screen --input FILE`: wires the batch flags to
//! [`embargo_core::batch`] and reports on the terminal: malformed rows and
//! warnings with their lines, a progress bar, a summary, Ctrl-C.

use std::fs::File;
use std::io::{BufWriter, Read, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::{Context, Result, bail};
use embargo_core::batch::{
    self, BatchError, BatchOptions, BatchSummary, OutputFormat, RejectsWriter, ResultWriter,
    RowSink,
};
use embargo_core::matching::{ListVersion, ScreenMatch, Screener, parse_query_type};
use embargo_core::records::{ColumnMap, Record, RecordReader, RowError};
use embargo_store::{ScreeningAudit, ScreeningChannel, Store};
use serde_json::json;

use crate::Outcome;
use crate::cli::{BatchArgs, GlobalArgs, ScreenArgs};
use crate::context::{actor, store_lists};
use crate::flags::screen_options;
use crate::output::Format;
use crate::progress::{CountingReader, Progress};

/// Set by the Ctrl-C handler: stop reading, finish what was read.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// Warnings about unreadable fields shown before only counting them.
const WARNINGS_SHOWN: u64 = 20;

/// Runs `embargo screen --input FILE`.
pub fn run(global: &GlobalArgs, args: ScreenArgs) -> Result<Outcome> {
    let batch = &args.batch;
    let input = batch.input.as_deref().unwrap_or("-");
    let options = BatchOptions {
        default_schema: parse_query_type(&args.schema).context("--type")?,
        ..BatchOptions::new(screen_options(args.threshold, args.limit)?, jobs(batch)?)
    };
    let format = output_format(global, batch)?;
    let columns = ColumnMap::parse(batch.columns.as_deref().unwrap_or_default())?;
    let (source, size) = open_input(input)?;
    let counting = CountingReader::new(source);
    let bytes = counting.counter();
    let records = RecordReader::new(counting, input, None, columns)?;
    let (mut store, loaded) = store_lists(global, "batch screening")?;
    let mut sink = CliSink {
        results: ResultWriter::new(open_output(batch)?, format, batch.all)
            .with_context(|| format!("writing {}", output_label(batch)))?,
        output_label: output_label(batch),
        rejects: open_rejects(batch)?,
        rejects_label: batch
            .rejects
            .as_deref()
            .map_or_else(String::new, |p| p.display().to_string()),
        strict: batch.strict,
        quiet: batch.quiet,
        input_label: input.to_string(),
        progress: Progress::new(size, bytes, !batch.quiet),
        rows: 0,
        warnings: 0,
        output_closed: false,
    };
    install_interrupt_handler()?;
    let result = batch::run(&loaded.screener, records, &options, &INTERRUPTED, &mut sink);
    sink.progress.finish();
    let summary = result.with_context(|| format!("screening {input}"))?;
    record(
        &mut store,
        &args,
        loaded.screener.lists(),
        &options,
        &summary,
        sink.output_closed,
    )?;
    if sink.output_closed {
        // `embargo screen --input big.csv | head`: the reader has what it
        // wanted; the rows screened so far are in the audit log.
        return Ok(Outcome::Success);
    }
    Ok(report(&summary, batch))
}

/// Enters the run in the audit log: one entry per file, written when the
/// run ends (also when it was interrupted), with the input, the row and
/// result counts, the lists and the threshold.
fn record(
    store: &mut Store,
    args: &ScreenArgs,
    lists: &[ListVersion],
    options: &BatchOptions,
    summary: &BatchSummary,
    output_closed: bool,
) -> Result<()> {
    let batch = &args.batch;
    let by = actor(None);
    let audit = ScreeningAudit {
        channel: ScreeningChannel::Batch,
        actor: &by,
        input: json!({
            "input": batch.input.as_deref().unwrap_or("-"),
            "columns": batch.columns,
            "output": output_label(batch),
        }),
        lists,
        threshold: options.screen.threshold,
        results: json!({
            "rows_read": summary.rows_read,
            "rows_screened": summary.rows_screened,
            "rows_with_results": summary.rows_with_results,
            "rows_rejected": summary.rows_rejected,
            "results": summary.results,
            "warnings": summary.warnings,
            "interrupted": summary.interrupted && !output_closed,
            "output_closed": output_closed,
            "seconds": summary.elapsed.as_secs_f64(),
        }),
        result_count: usize::try_from(summary.results).unwrap_or(usize::MAX),
    };
    store
        .record_screening(&audit)
        .context("writing the audit log")?;
    Ok(())
}

fn jobs(batch: &BatchArgs) -> Result<usize> {
    match batch.jobs {
        Some(0) => bail!("--jobs must be at least 1"),
        Some(jobs) => Ok(jobs),
        None => Ok(std::thread::available_parallelism().map_or(1, usize::from)),
    }
}

/// The input stream and its size in bytes when known (for the ETA).
fn open_input(input: &str) -> Result<(Box<dyn Read + Send>, Option<u64>)> {
    if input == "-" {
        return Ok((Box::new(std::io::stdin()), None));
    }
    let file = File::open(input).with_context(|| format!("opening {input}"))?;
    let size = file
        .metadata()
        .ok()
        .filter(|m| m.is_file())
        .map(|m| m.len());
    Ok((Box::new(file), size))
}

fn output_label(batch: &BatchArgs) -> String {
    batch
        .output
        .as_deref()
        .map_or_else(|| "-".to_string(), |p| p.display().to_string())
}

/// The batch output format: `--format` (json means JSON lines) or
/// `--json`, else what the `--output` file name suggests, else CSV (also
/// on a terminal: a batch writes rows, never a table).
fn output_format(global: &GlobalArgs, batch: &BatchArgs) -> Result<OutputFormat> {
    let format = match (global.format_given(), global.json, &batch.output) {
        (Some(Format::Table), _, _) => bail!(
            "--format table is not available for screen --input, which writes one row per result: use csv, tsv or jsonl"
        ),
        (Some(Format::Csv), _, _) => OutputFormat::Csv,
        (Some(Format::Tsv), _, _) => OutputFormat::Tsv,
        (Some(Format::Json | Format::Jsonl), _, _) | (None, true, _) => OutputFormat::JsonLines,
        (None, false, Some(path)) => OutputFormat::from_file_name(&path.to_string_lossy()),
        (None, false, None) => OutputFormat::Csv,
    };
    Ok(format)
}

fn open_output(batch: &BatchArgs) -> Result<Box<dyn Write>> {
    Ok(match &batch.output {
        Some(path) => Box::new(create(path)?),
        None => Box::new(std::io::stdout()),
    })
}

fn open_rejects(batch: &BatchArgs) -> Result<Option<RejectsWriter<BufWriter<File>>>> {
    let Some(path) = &batch.rejects else {
        return Ok(None);
    };
    let writer = RejectsWriter::new(BufWriter::new(create(path)?))
        .with_context(|| format!("writing {}", path.display()))?;
    Ok(Some(writer))
}

fn create(path: &Path) -> Result<File> {
    File::create(path).with_context(|| format!("creating {}", path.display()))
}

/// First Ctrl-C: finish the rows already read and stop. Second: quit now.
fn install_interrupt_handler() -> Result<()> {
    ctrlc::set_handler(|| {
        if INTERRUPTED.swap(true, Ordering::SeqCst) {
            std::process::exit(130);
        }
        embargo_core::errln!(
            "\nembargo: interrupted; finishing the rows already read (Ctrl-C again to quit now)"
        );
    })
    .context("installing the Ctrl-C handler")
}

/// Prints the summary and picks the exit status.
fn report(summary: &BatchSummary, batch: &BatchArgs) -> Outcome {
    if !batch.quiet {
        embargo_core::errln!("{summary}");
        if summary.rows_read == 0 {
            embargo_core::errln!("embargo: note: the input has a header but no rows");
        }
    }
    if summary.interrupted {
        embargo_core::errln!(
            "embargo: interrupted: {} holds the results of the first {} rows only",
            output_label(batch),
            summary.rows_read
        );
        Outcome::Interrupted
    } else if summary.rows_with_results > 0 {
        Outcome::Success
    } else {
        Outcome::NothingFound
    }
}

/// Where the rows go: the results writer, the rejects file, standard error.
struct CliSink<W: Write> {
    results: ResultWriter<W>,
    output_label: String,
    rejects: Option<RejectsWriter<BufWriter<File>>>,
    rejects_label: String,
    strict: bool,
    quiet: bool,
    input_label: String,
    progress: Progress,
    rows: u64,
    warnings: u64,
    /// Standard output was closed by its reader: the batch stops as if
    /// interrupted, quietly.
    output_closed: bool,
}

impl<W: Write> CliSink<W> {
    /// A failure to write the results. A closed pipe is no failure: the
    /// batch stops reading (as on Ctrl-C) and ends quietly.
    fn output_error(&mut self, source: std::io::Error) -> Result<(), BatchError> {
        if source.kind() == std::io::ErrorKind::BrokenPipe {
            self.output_closed = true;
            INTERRUPTED.store(true, Ordering::SeqCst);
            return Ok(());
        }
        Err(BatchError::Output {
            label: self.output_label.clone(),
            source,
        })
    }

    fn warn(&mut self, record: &Record) {
        for warning in &record.warnings {
            self.warnings += 1;
            if self.quiet || self.warnings > WARNINGS_SHOWN {
                continue;
            }
            let more = if self.warnings == WARNINGS_SHOWN {
                " (further warnings are only counted)"
            } else {
                ""
            };
            self.progress.println(&format!(
                "{}:{}: warning: {warning}; screened without it{more}",
                self.input_label, record.line
            ));
        }
    }
}

impl<W: Write> RowSink for CliSink<W> {
    fn screened(
        &mut self,
        screener: &Screener,
        record: &Record,
        matches: &[ScreenMatch],
    ) -> Result<(), BatchError> {
        self.rows += 1;
        self.warn(record);
        if self.output_closed {
            return Ok(());
        }
        if let Err(error) = self.results.write(screener, record, matches) {
            self.output_error(error)?;
        }
        Ok(())
    }

    fn rejected(&mut self, row: &RowError) -> Result<(), BatchError> {
        self.rows += 1;
        if self.strict {
            return Err(BatchError::Strict(row.clone()));
        }
        self.progress.println(&format!(
            "{}:{}: malformed row skipped: {}",
            self.input_label, row.line, row.message
        ));
        if let Some(rejects) = &mut self.rejects {
            rejects.write(row).map_err(|source| BatchError::Output {
                label: self.rejects_label.clone(),
                source,
            })?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<(), BatchError> {
        self.progress.update(self.rows);
        if !self.output_closed
            && let Err(error) = self.results.flush()
        {
            self.output_error(error)?;
        }
        if let Some(rejects) = &mut self.rejects {
            rejects.flush().map_err(|source| BatchError::Output {
                label: self.rejects_label.clone(),
                source,
            })?;
        }
        Ok(())
    }
}
