//! `embargo scan`: mentions of listed entities, wallets and identifiers in
//! text files or standard input.

use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use embargo_core::matching::ListVersion;
use embargo_core::scan::{MentionView, Scanner, decode_text};
use serde::Serialize;

use crate::Outcome;
use crate::cli::{GlobalArgs, ScanArgs};
use crate::commands::screen::screen_options;
use crate::context::{ScreeningLists, lists_line, screening_lists};
use crate::output::print_json;

/// Characters of context shown on each side of a mention.
const CONTEXT_CHARS: usize = 50;

#[derive(Serialize)]
struct ScanReport<'a> {
    lists: &'a [ListVersion],
    /// True when scanned against the bundled demo list (no store).
    bundled_demo: bool,
    threshold: f32,
    files: Vec<FileReport<'a>>,
}

#[derive(Serialize)]
struct FileReport<'a> {
    file: String,
    mentions: Vec<MentionView<'a>>,
}

/// Runs `embargo scan`.
pub fn run(global: &GlobalArgs, args: ScanArgs) -> Result<Outcome> {
    let threshold = screen_options(args.threshold, None)?.threshold;
    let texts = read_inputs(&args.files)?;
    let ScreeningLists { loaded, .. } = screening_lists(global)?;
    let scanner = Scanner::new(&loaded.screener, threshold);
    let found: Vec<_> = texts
        .iter()
        .map(|(label, text)| (label, text, scanner.scan(text)))
        .collect();
    let any = found.iter().any(|(_, _, mentions)| !mentions.is_empty());
    if args.json {
        let files = found
            .iter()
            .map(|(label, text, mentions)| FileReport {
                file: (*label).clone(),
                mentions: mentions.iter().map(|m| scanner.view(text, m)).collect(),
            })
            .collect();
        print_json(&ScanReport {
            lists: loaded.screener.lists(),
            bundled_demo: loaded.bundled_demo,
            threshold,
            files,
        })?;
    } else {
        let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
        for (label, text, mentions) in &found {
            for mention in mentions {
                print_mention(label, text, &scanner.view(text, mention), color);
            }
        }
        if !any {
            println!("no mention at threshold {threshold:.2}");
        }
        if loaded.bundled_demo {
            // Only then, so the usual output stays one mention per line.
            println!("{}", lists_line(&loaded));
        }
    }
    Ok(if any {
        Outcome::Success
    } else {
        Outcome::NothingFound
    })
}

/// Reads every input as UTF-8 text, labelled by its path (`-` for
/// standard input, which may be named once).
fn read_inputs(files: &[PathBuf]) -> Result<Vec<(String, String)>> {
    let mut texts = Vec::with_capacity(files.len());
    let mut stdin_read = false;
    for path in files {
        let (label, bytes) = if path == Path::new("-") {
            anyhow::ensure!(!stdin_read, "`-` (standard input) is given twice");
            stdin_read = true;
            let mut bytes = Vec::new();
            std::io::stdin()
                .read_to_end(&mut bytes)
                .context("reading standard input")?;
            ("-".to_string(), bytes)
        } else {
            let bytes =
                std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
            (path.display().to_string(), bytes)
        };
        let text = decode_text(bytes, &label)?;
        texts.push((label, text));
    }
    Ok(texts)
}

/// `file:line:column: id name score (matched: listed name)` and the line
/// around the mention with the matched text highlighted.
fn print_mention(label: &str, text: &str, view: &MentionView, color: bool) {
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
    println!(
        "{label}:{}:{}: {} {} {:.2} ({matched})",
        view.span.line, view.span.column, result.id, result.name, result.score
    );
    let (before, after) = context(text, view.span.start, view.span.end);
    println!("    {before}{}{after}", highlight(view.text, color));
}

/// Up to [`CONTEXT_CHARS`] characters before and after a byte range, on
/// the same line.
fn context(text: &str, start: usize, end: usize) -> (&str, &str) {
    let line_start = text[..start].rfind('\n').map_or(0, |at| at + 1);
    let line_end = text[end..].find('\n').map_or(text.len(), |at| end + at);
    let before = &text[line_start..start];
    let before_from = before
        .char_indices()
        .rev()
        .nth(CONTEXT_CHARS - 1)
        .map_or(0, |(at, _)| at);
    let after = &text[end..line_end];
    let after_to = after
        .char_indices()
        .nth(CONTEXT_CHARS)
        .map_or(after.len(), |(at, _)| at);
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
