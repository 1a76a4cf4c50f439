//! The command line: global options and one argument struct per
//! subcommand.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Sanctions screening: load official lists, keep every version, screen
/// names, identifiers and wallets against them.
#[derive(Debug, Parser)]
#[command(name = "embargo", version, about, long_about = None, max_term_width = 100)]
pub struct Cli {
    /// Options every subcommand takes.
    #[command(flatten)]
    pub global: GlobalArgs,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Options shared by all subcommands.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// The store file [default: $EMBARGO_DB, else the platform data
    /// directory, e.g. ~/.local/share/embargo/embargo.db]
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Import list files as a new version of their source
    Import(ImportArgs),
    /// Show each stored source with its versions and entity counts
    Lists(ListsArgs),
    /// Show one entity with every field
    Show(ShowArgs),
    /// Screen a name (and whatever else is known) against the active lists
    Screen(ScreenArgs),
    /// Find mentions of listed names, wallets and identifiers in text files
    Scan(ScanArgs),
    /// Measure recall and false alerts on labelled sets (model validation)
    Evaluate(EvaluateArgs),
}

/// `embargo import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Files or folders: an OFAC CSV set (folder, or sdn.csv with alt.csv,
    /// add.csv, sdn_comments.csv), a UN consolidated XML, FollowTheMoney
    /// JSON lines, an embargo custom-list CSV
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// The format, when not detected: ofac-sdn, ofac-cons, un, ftm, custom
    #[arg(long, value_name = "KIND")]
    pub source: Option<String>,
    /// The source id to import into [default: ofac-sdn, ofac-cons, un, or
    /// ftm-/custom- plus the file name]
    #[arg(long, value_name = "SOURCE")]
    pub name: Option<String>,
    /// Print the outcome as JSON
    #[arg(long)]
    pub json: bool,
}

/// `embargo lists`.
#[derive(Debug, Args)]
pub struct ListsArgs {
    /// Print as JSON
    #[arg(long)]
    pub json: bool,
}

/// `embargo show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Entity id, e.g. ofac-sdn:43377 or un:KPi.066
    pub id: String,
    /// Print as JSON
    #[arg(long)]
    pub json: bool,
}

/// `embargo screen`.
#[derive(Debug, Args)]
pub struct ScreenArgs {
    /// The name to screen, in any script and order
    #[arg(value_name = "NAME")]
    pub name: Option<String>,
    /// What is screened: person, organization, vessel, aircraft or any
    #[arg(long = "type", value_name = "TYPE", default_value = "any")]
    pub schema: String,
    /// Date of birth or incorporation (1965-04-25, 25 Apr 1965, 1965)
    #[arg(long, value_name = "DATE")]
    pub dob: Option<String>,
    /// Country (ISO code or name); repeat for several
    #[arg(long, value_name = "CC")]
    pub country: Vec<String>,
    /// Gender: male or female
    #[arg(long)]
    pub gender: Option<String>,
    /// Identifier number (passport, national id, registration, IMO); repeat
    /// for several
    #[arg(long = "id", value_name = "NUMBER")]
    pub identifiers: Vec<String>,
    /// Digital currency address; repeat for several
    #[arg(long = "address", value_name = "ADDR")]
    pub wallets: Vec<String>,
    /// Lowest score reported, 0 to 1
    #[arg(long, value_name = "X")]
    pub threshold: Option<f32>,
    /// Most results reported
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// Print one JSON object
    #[arg(long)]
    pub json: bool,
}

/// `embargo scan`.
#[derive(Debug, Args)]
pub struct ScanArgs {
    /// Text files (UTF-8) to scan; `-` reads standard input
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Lowest score reported, 0 to 1
    #[arg(long, value_name = "X")]
    pub threshold: Option<f32>,
    /// Print one JSON object
    #[arg(long)]
    pub json: bool,
}

/// `embargo evaluate`.
#[derive(Debug, Args)]
pub struct EvaluateArgs {
    /// CSV of people known to be listed (full_name, date_of_birth,
    /// nationality, ...; optional expected column); repeat for several
    #[arg(long, value_name = "FILE")]
    pub positives: Vec<PathBuf>,
    /// CSV of people known not to be listed; repeat for several
    #[arg(long, value_name = "FILE")]
    pub negatives: Vec<PathBuf>,
    /// Clean file whose rows correspond one to one to the positives' rows:
    /// each row's expected entity is the one its clean name equals
    #[arg(long, value_name = "FILE")]
    pub reference: Option<PathBuf>,
    /// Only entities of this source can be expected (e.g. un)
    #[arg(long, value_name = "SOURCE")]
    pub expected_source: Option<String>,
    /// Threshold to report on
    #[arg(long, value_name = "X")]
    pub threshold: Option<f32>,
    /// Compare the index with brute force on this many rows (slow: about
    /// 0.1 s a row)
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub check_blocking: usize,
    /// Only screen the first N rows of each file
    #[arg(long, value_name = "N")]
    pub sample: Option<usize>,
    /// Write an SVG chart of recall and false-alert rate by threshold
    #[arg(long, value_name = "FILE")]
    pub chart: Option<PathBuf>,
    /// Print the report as JSON
    #[arg(long)]
    pub json: bool,
}
