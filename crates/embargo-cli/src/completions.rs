//! `embargo completions SHELL` and `embargo man`: the shell completion
//! scripts and the manual page, generated from the clap definition of the
//! command line (`cli.rs`), so they never disagree with `--help`.

use std::io::Write;

use anyhow::Result;
use clap::CommandFactory;
use clap_complete::Shell;

use crate::Outcome;
use crate::cli::Cli;

/// Writes the completion script for `shell` on standard output.
pub fn completions(shell: Shell) -> Result<Outcome> {
    let mut command = Cli::command();
    // Rendered first, then written in one go: a closed pipe is an error
    // `main` handles, not a panic inside the generator.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "embargo", &mut script);
    std::io::stdout().lock().write_all(&script)?;
    Ok(Outcome::Success)
}

/// Writes the manual page (roff, section 1) on standard output: the
/// command, its options and, as further sections, every subcommand.
pub fn man() -> Result<Outcome> {
    let command = Cli::command();
    let mut page = Vec::new();
    clap_mangen::Man::new(command.clone()).render(&mut page)?;
    for sub in command.get_subcommands().filter(|sub| !sub.is_hide_set()) {
        if sub.get_name() == "help" {
            continue;
        }
        let name = format!("embargo {}", sub.get_name());
        let sub = sub.clone().bin_name(name.clone()).display_name(name);
        render_section(&sub, &mut page)?;
    }
    std::io::stdout().lock().write_all(&page)?;
    Ok(Outcome::Success)
}

/// One subcommand as a section of the page: its name, synopsis, options
/// and its own subcommands (one level, e.g. `embargo keys add`).
fn render_section(command: &clap::Command, page: &mut Vec<u8>) -> Result<()> {
    let man = clap_mangen::Man::new(command.clone());
    let title = command.get_display_name().unwrap_or(command.get_name());
    writeln!(page, ".SH \"{}\"", title.to_uppercase())?;
    if let Some(about) = command.get_about() {
        writeln!(page, "{}", roff_text(&about.to_string()))?;
    }
    writeln!(page, ".SS SYNOPSIS")?;
    page.extend(without_headings(|out| man.render_synopsis_section(out))?);
    if command.get_arguments().any(|arg| !arg.is_hide_set()) {
        writeln!(page, ".SS OPTIONS")?;
        page.extend(without_headings(|out| man.render_options_section(out))?);
    }
    for sub in command.get_subcommands() {
        if sub.get_name() == "help" {
            continue;
        }
        let name = format!("{title} {}", sub.get_name());
        writeln!(page, ".SS \"{name}\"")?;
        if let Some(about) = sub.get_about() {
            writeln!(page, "{}", roff_text(&about.to_string()))?;
        }
        let sub = sub.clone().bin_name(name.clone()).display_name(name);
        let man = clap_mangen::Man::new(sub);
        page.extend(without_headings(|out| man.render_synopsis_section(out))?);
        page.extend(without_headings(|out| man.render_options_section(out))?);
    }
    Ok(())
}

/// What `render` writes, without the `.SH` heading lines clap_mangen puts
/// before a section, so that the section sits under a subcommand's own
/// heading.
fn without_headings(
    render: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>,
) -> std::io::Result<Vec<u8>> {
    let mut rendered = Vec::new();
    render(&mut rendered)?;
    let mut kept = Vec::with_capacity(rendered.len());
    for line in rendered.split_inclusive(|&b| b == b'\n') {
        if !line.starts_with(b".SH ") {
            kept.extend_from_slice(line);
        }
    }
    Ok(kept)
}

/// Text on its own roff line: a leading `.` or `'` would be read as a
/// request, and a backslash as an escape.
fn roff_text(text: &str) -> String {
    let text = text.replace('\\', "\\e");
    if text.starts_with(['.', '\'']) {
        format!("\\&{text}")
    } else {
        text
    }
}
