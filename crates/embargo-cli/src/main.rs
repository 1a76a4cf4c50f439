//! `embargo`: the command-line front end. Each subcommand lives in its own
//! module under [`commands`]; this file only parses arguments, runs the
//! chosen command and turns its outcome into an exit status.
//!
//! Exit status follows grep: 0 when the command succeeded (for `screen`
//! and `scan`: at least one result reached the threshold), 1 when they
//! found nothing, 2 on any error, 130 when a batch was interrupted
//! (Ctrl-C). When standard output is closed early (`embargo lists | head
//! -1`), the command stops quietly with status 0, as grep does: no panic,
//! no message.

mod cli;
mod commands;
mod completions;
mod context;
mod flags;
mod output;
mod progress;

use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, Command};

/// mimalloc, not the system allocator: scanning and screening allocate
/// many small short-lived vectors, and glibc's malloc and free took 13% of
/// a fresh text scan (18% faster with mimalloc; see the `scan` bench).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// What a command reports besides errors.
pub enum Outcome {
    /// Done (for screening: something was found).
    Success,
    /// Screening found nothing at the threshold.
    NothingFound,
    /// A batch was interrupted; its output holds the rows screened so far.
    Interrupted,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // A store named by a URL this build cannot open is refused before any
    // work is done (every command uses the store, or decides it has none).
    let result = context::location(&cli.global)
        .and_then(|_| ftm_only_for_export(&cli))
        .and_then(|()| run(cli));
    match result {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::NothingFound) => ExitCode::from(1),
        Ok(Outcome::Interrupted) => ExitCode::from(130),
        // The reader of our output went away: nothing more to do.
        Err(error) if output::is_closed_output(&error) => ExitCode::SUCCESS,
        Err(error) => {
            embargo_core::errln!("embargo: error: {error:#}");
            ExitCode::from(2)
        }
    }
}

/// Refuses `--format ftm` for every command but `embargo export`.
fn ftm_only_for_export(cli: &Cli) -> anyhow::Result<()> {
    if cli.global.format == Some(cli::FormatArg::Ftm) && !matches!(cli.command, Command::Export(_))
    {
        anyhow::bail!(
            "--format ftm is for embargo export only: use table, json, jsonl, csv or tsv"
        );
    }
    Ok(())
}

/// Runs the chosen command.
fn run(cli: Cli) -> anyhow::Result<Outcome> {
    match cli.command {
        Command::Init(args) => commands::init::run(&cli.global, args),
        Command::Import(args) => commands::import::run(&cli.global, args),
        Command::Activate(args) => commands::activate::run(&cli.global, args),
        Command::Lists(args) => commands::lists::run(&cli.global, args),
        Command::Show(args) => commands::show::run(&cli.global, args),
        Command::Screen(args) => commands::screen::run(&cli.global, args),
        Command::Scan(args) => commands::scan::run(&cli.global, args),
        Command::Evaluate(args) => commands::evaluate::run(&cli.global, args),
        Command::Diff(args) => commands::diff::run(&cli.global, args),
        Command::Export(args) => commands::export::run(&cli.global, args),
        Command::Watch(args) => commands::watch::run(&cli.global, args),
        Command::Alerts(args) => commands::alerts::run(&cli.global, args),
        Command::Audit(args) => commands::audit::run(&cli.global, args),
        Command::Update(args) => commands::update::run(&cli.global, args),
        Command::Serve(args) => commands::serve::run(&cli.global, args),
        Command::Keys(args) => commands::keys::run(&cli.global, args),
        Command::Store(args) => commands::store::run(&cli.global, args),
        Command::Completions(args) => completions::completions(args.shell),
        Command::Man => completions::man(),
    }
}
