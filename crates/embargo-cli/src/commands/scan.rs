//! `embargo scan`: mentions of listed entities, wallets and identifiers in
//! text files or standard input, printed as they are found. Each input is
//! read and scanned a block (2 MiB) at a time, so a file of any size is
//! scanned in bounded memory and its first mentions print before it has
//! been read to the end.

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use embargo_core::matching::{ListVersion, Screener};
use embargo_core::scan::{MentionView, Scanner};
use serde::Serialize;

use crate::Outcome;
use crate::cli::{GlobalArgs, ScanArgs};
use crate::context::{ScreeningLists, lists_line, screening_lists};
use crate::flags::screen_options;
use crate::output::Format as OutputFormat;
use embargo_core::batch::tsv_field;
use embargo_core::model::{format_score, round_score};

/// Characters of context shown on each side of a mention.
const CONTEXT_CHARS: usize = 50;

/// How mentions are printed.
enum Format {
    /// `file:line:column: ...` and the line around the mention, the
    /// matched text highlighted on a terminal.
    Text {
        /// Highlight with ANSI colours.
        color: bool,
    },
    /// One JSON document, written as the mentions are found: the lists
    /// and threshold, then each file with its mentions (one a line).
    Json {
        /// Scanned against the bundled demo list (no store configured).
        bundled_demo: bool,
    },
    /// One record a mention: JSON lines (with the file), or CSV or TSV
    /// under a header of [`ROW_COLUMNS`] (the default in a pipe).
    Rows(OutputFormat),
}

/// The columns of a mention in CSV and TSV.
const ROW_COLUMNS: [&str; 9] = [
    "file",
    "line",
    "column",
    "text",
    "score",
    "id",
    "name",
    "matched_name",
    "explanation",
];

/// A mention as one JSON line: its file, then the mention's fields.
#[derive(Serialize)]
struct MentionLine<'a> {
    file: &'a str,
    #[serde(flatten)]
    mention: &'a MentionView<'a>,
}

/// One input to scan.
struct Input {
    /// How it is named in the output (`-` for standard input).
    label: String,
    /// Its path, `None` for standard input.
    path: Option<PathBuf>,
}

/// Why a scan stopped early.
enum Stop {
    /// Standard output was closed (`embargo scan ... | head`): nothing
    /// more can be printed, and nothing is wrong.
    OutputClosed,
    /// Anything else: reported, exit status 2.
    Failed(anyhow::Error),
}

impl From<io::Error> for Stop {
    fn from(error: io::Error) -> Stop {
        if error.kind() == io::ErrorKind::BrokenPipe {
            Stop::OutputClosed
        } else {
            Stop::Failed(anyhow::Error::new(error).context("writing to standard output"))
        }
    }
}

/// Runs `embargo scan`.
pub fn run(global: &GlobalArgs, args: ScanArgs) -> Result<Outcome> {
    let threshold = screen_options(args.threshold, None)?.threshold;
    let output_format = global.output_format(OutputFormat::Tsv);
    let inputs = check_inputs(&args.files)?;
    let ScreeningLists { loaded, .. } = screening_lists(global)?;
    let scanner = Scanner::new(&loaded.screener, threshold);
    let stdout = io::stdout();
    let format = match output_format {
        OutputFormat::Json => Format::Json {
            bundled_demo: loaded.bundled_demo,
        },
        OutputFormat::Table => Format::Text {
            color: stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none(),
        },
        rows => Format::Rows(rows),
    };
    let mut out = BufWriter::new(stdout.lock());
    let mut found = 0;
    let scanned = scan_inputs(&scanner, &inputs, &format, &mut out, &mut found);
    let finished = scanned.and_then(|()| {
        if let Format::Text { .. } = format {
            if found == 0 {
                writeln!(
                    out,
                    "no mention at threshold {}",
                    format_score(round_score(threshold))
                )?;
            }
            if loaded.bundled_demo {
                // Only then, so the usual output stays one mention per line.
                writeln!(out, "{}", lists_line(&loaded))?;
            }
        }
        out.flush().map_err(Stop::from)
    });
    match finished {
        Ok(()) | Err(Stop::OutputClosed) => Ok(if found > 0 {
            Outcome::Success
        } else {
            Outcome::NothingFound
        }),
        Err(Stop::Failed(error)) => {
            // What was printed stays; a closed output cannot take more.
            let _ = out.flush();
            Err(error)
        }
    }
}

/// The inputs, each checked to exist before the lists are loaded:
/// standard input (`-`) may be named once, a file must be a file.
fn check_inputs(files: &[PathBuf]) -> Result<Vec<Input>> {
    let mut inputs = Vec::with_capacity(files.len());
    let mut stdin_named = false;
    for path in files {
        if path == Path::new("-") {
            anyhow::ensure!(!stdin_named, "`-` (standard input) is given twice");
            stdin_named = true;
            inputs.push(Input {
                label: "-".to_string(),
                path: None,
            });
            continue;
        }
        let metadata =
            std::fs::metadata(path).with_context(|| format!("reading {}", path.display()))?;
        anyhow::ensure!(
            !metadata.is_dir(),
            "reading {}: a folder, not a text file",
            path.display()
        );
        inputs.push(Input {
            label: path.display().to_string(),
            path: Some(path.clone()),
        });
    }
    Ok(inputs)
}

/// Scans every input in turn, printing each block's mentions as soon as
/// it is scanned; `found` counts them. An input that cannot be read stops
/// the scan after what was printed (in JSON, with the file's `error` and
/// the document closed).
fn scan_inputs(
    scanner: &Scanner<&Screener>,
    inputs: &[Input],
    format: &Format,
    out: &mut impl Write,
    found: &mut usize,
) -> Result<(), Stop> {
    match format {
        Format::Json { bundled_demo } => json_header(
            out,
            scanner.screener().lists(),
            *bundled_demo,
            scanner.threshold(),
        )?,
        Format::Rows(rows) if *rows != OutputFormat::Jsonl => {
            write_delimited(out, *rows, &ROW_COLUMNS.map(str::to_string))?;
        }
        _ => {}
    }
    for (n, input) in inputs.iter().enumerate() {
        if let Format::Json { .. } = format {
            let separator = if n == 0 { "" } else { ",\n" };
            write!(
                out,
                "{separator}    {{\n      \"file\": {},\n      \"mentions\": [",
                json(&input.label)?
            )?;
        }
        let scanned = scan_input(scanner, input, format, out, found);
        if let Format::Json { .. } = format {
            let failure = match &scanned {
                Err(Stop::Failed(error)) => {
                    format!(",\n      \"error\": {}", json(&format!("{error:#}"))?)
                }
                _ => String::new(),
            };
            write!(out, "\n      ]{failure}\n    }}")?;
            if scanned.is_err() {
                writeln!(out, "\n  ]\n}}")?;
            }
        }
        scanned?;
        out.flush()?;
    }
    if let Format::Json { .. } = format {
        writeln!(out, "\n  ]\n}}")?;
    }
    Ok(())
}

/// Scans one input block by block, printing each block's mentions.
fn scan_input(
    scanner: &Scanner<&Screener>,
    input: &Input,
    format: &Format,
    out: &mut impl Write,
    found: &mut usize,
) -> Result<(), Stop> {
    let reader: Box<dyn Read> = match &input.path {
        None => Box::new(io::stdin().lock()),
        Some(path) => Box::new(File::open(path).map_err(|error| {
            Stop::Failed(anyhow::Error::new(error).context(format!("reading {}", path.display())))
        })?),
    };
    let mut stream = scanner.scan_reader(reader, &input.label);
    let mut in_file = 0;
    loop {
        let scanned = match stream.next_block() {
            Ok(Some(scanned)) => scanned,
            Ok(None) => return Ok(()),
            Err(error) => return Err(Stop::Failed(error.into())),
        };
        for view in scanned.views(scanner) {
            match format {
                Format::Text { color } => {
                    let text = scanned.block.text;
                    let offset = scanned.block.start.offset;
                    print_mention(out, &input.label, text, offset, &view, *color)?;
                }
                Format::Json { .. } => {
                    let separator = if in_file == 0 { "" } else { "," };
                    write!(out, "{separator}\n        {}", json(&view)?)?;
                }
                Format::Rows(OutputFormat::Jsonl) => {
                    let line = MentionLine {
                        file: &input.label,
                        mention: &view,
                    };
                    writeln!(out, "{}", json(&line)?)?;
                }
                Format::Rows(rows) => {
                    write_delimited(out, *rows, &mention_row(&input.label, &view))?;
                }
            }
            in_file += 1;
            *found += 1;
        }
        out.flush()?;
    }
}

/// A mention's cells, in [`ROW_COLUMNS`] order.
fn mention_row(file: &str, view: &MentionView) -> [String; 9] {
    let result = &view.result;
    [
        file.to_string(),
        view.span.line.to_string(),
        view.span.column.to_string(),
        view.text.to_string(),
        format_score(round_score(result.score)),
        result.id.to_string(),
        result.name.to_string(),
        result.matched_name.to_string(),
        result.explanation.summary(),
    ]
}

/// One CSV or TSV row (TSV fields cleaned by the batch rule, CSV quoted).
fn write_delimited(out: &mut impl Write, format: OutputFormat, row: &[String]) -> Result<(), Stop> {
    if format == OutputFormat::Csv {
        let mut writer = csv::Writer::from_writer(Vec::new());
        writer
            .write_record(row)
            .map_err(|error| Stop::Failed(error.into()))?;
        let bytes = writer
            .into_inner()
            .map_err(|error| Stop::Failed(anyhow::anyhow!("{}", error.error())))?;
        out.write_all(&bytes)?;
        return Ok(());
    }
    let fields: Vec<_> = row.iter().map(|field| tsv_field(field)).collect();
    writeln!(out, "{}", fields.join("\t"))?;
    Ok(())
}

/// `value` as one line of JSON.
fn json(value: &impl Serialize) -> Result<String, Stop> {
    serde_json::to_string(value).map_err(|error| Stop::Failed(error.into()))
}

/// The start of the JSON document, up to the list of files.
fn json_header(
    out: &mut impl Write,
    lists: &[ListVersion],
    bundled_demo: bool,
    threshold: f32,
) -> Result<(), Stop> {
    write!(
        out,
        "{{\n  \"lists\": {},\n  \"bundled_demo\": {},\n  \"threshold\": {},\n  \"files\": [\n",
        json(&lists)?,
        json(&bundled_demo)?,
        json(&round_score(threshold))?
    )?;
    Ok(())
}

/// `file:line:column: id name score (matched: listed name)` and the line
/// around the mention with the matched text highlighted; `text` is the
/// block holding the mention, starting at byte `offset` of the input.
fn print_mention(
    out: &mut impl Write,
    label: &str,
    text: &str,
    offset: usize,
    view: &MentionView,
    color: bool,
) -> io::Result<()> {
    let result = &view.result;
    let matched = if result.matched_name.is_empty() {
        result
            .explanation
            .features
            .first()
            .map_or(String::new(), |f| f.detail.clone())
    } else {
        format!("matched {}", result.matched_name)
    };
    writeln!(
        out,
        "{label}:{}:{}: {} {} {} ({matched})",
        view.span.line,
        view.span.column,
        result.id,
        result.name,
        format_score(round_score(result.score))
    )?;
    let start = view.span.start.saturating_sub(offset);
    let end = view.span.end.saturating_sub(offset);
    let (before, after) = context(text, start, end);
    writeln!(out, "    {before}{}{after}", highlight(view.text, color))
}

/// Up to [`CONTEXT_CHARS`] characters before and after the byte range
/// `start..end` of `text`, on the same line (read no further, however
/// long the line).
fn context(text: &str, start: usize, end: usize) -> (&str, &str) {
    let before = text.get(..start).unwrap_or_default();
    let before_from = before
        .char_indices()
        .rev()
        .take(CONTEXT_CHARS)
        .take_while(|&(_, c)| c != '\n')
        .last()
        .map_or(before.len(), |(at, _)| at);
    let after = text.get(end..).unwrap_or_default();
    let after_to = after
        .char_indices()
        .enumerate()
        .find(|&(n, (_, c))| c == '\n' || n == CONTEXT_CHARS)
        .map_or(after.len(), |(_, (at, _))| at);
    (
        before[before_from..].trim_start(),
        after[..after_to].trim_end_matches('\r'),
    )
}

/// The matched text in bold red on a terminal, in brackets otherwise.
fn highlight(matched: &str, color: bool) -> String {
    if color {
        format!("\x1b[1;31m{matched}\x1b[0m")
    } else {
        format!("[{matched}]")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_stays_on_the_line_and_within_bounds() {
        let text = "first line\nLastly, Kim Sang Maa a representative\nnext";
        let start = text.find("Kim").unwrap();
        let end = start + "Kim Sang Maa".len();
        assert_eq!(context(text, start, end), ("Lastly, ", " a representative"));
        let long = format!("{}Kim{}", "é".repeat(80), "ü".repeat(80));
        let start = long.find("Kim").unwrap();
        let (before, after) = context(&long, start, start + 3);
        assert_eq!(before.chars().count(), CONTEXT_CHARS);
        assert_eq!(after.chars().count(), CONTEXT_CHARS);
    }

    #[test]
    fn highlight_uses_ansi_only_on_terminals() {
        assert_eq!(highlight("RGB", false), "[RGB]");
        assert_eq!(highlight("RGB", true), "\x1b[1;31mRGB\x1b[0m");
    }
}
