//! The command line: global options and one argument struct per
//! subcommand.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::output::Format;

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
    /// The store: an SQLite file path, a file:// URL, or a PostgreSQL
    /// database as postgres://user@host:port/db (shared by several
    /// `embargo serve` replicas) [default: $EMBARGO_DB, else the platform
    /// data directory, e.g. ~/.local/share/embargo/embargo.db]. It must
    /// exist: only init, import and update create one, never its folder. With no store at all,
    /// screen, scan, show and evaluate use the bundled demo list and say
    /// so; serve serves it but reports not ready (see serve --demo)
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Output format: table (for people), json, jsonl (one JSON object a
    /// line), csv or tsv (header row, then one row per record) [default:
    /// table on a terminal; in a pipe or file, tsv for commands that list
    /// records (lists, screen, audit, alerts, diff, ...), json for those
    /// that write one report (import, update, evaluate, ...), csv for
    /// screen --input; ftm is for export only, and its default]
    #[arg(long, global = true, value_enum, value_name = "FORMAT")]
    pub format: Option<FormatArg>,
    /// Same as --format json (with screen --input: JSON lines)
    #[arg(short = 'j', long, global = true, conflicts_with = "format")]
    pub json: bool,
}

/// What `--format` names: an output format, or `ftm`, which only
/// `embargo export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FormatArg {
    /// For people: tables and sentences
    Table,
    /// One JSON document, indented
    Json,
    /// One compact JSON object per line
    Jsonl,
    /// CSV with a header row
    Csv,
    /// Tab-separated values with a header row
    Tsv,
    /// FollowTheMoney entities, one JSON object per line (embargo export)
    Ftm,
}

impl GlobalArgs {
    /// The output format `--format` names; `None` without one, and for
    /// `ftm`, which `main` accepts for `embargo export` only.
    pub fn format_given(&self) -> Option<Format> {
        match self.format? {
            FormatArg::Table => Some(Format::Table),
            FormatArg::Json => Some(Format::Json),
            FormatArg::Jsonl => Some(Format::Jsonl),
            FormatArg::Csv => Some(Format::Csv),
            FormatArg::Tsv => Some(Format::Tsv),
            FormatArg::Ftm => None,
        }
    }

    /// The format the user chose: `--format`, else `--json`, else `table` on
    /// a terminal and `piped` when standard output is not one.
    pub fn output_format(&self, piped: Format) -> Format {
        use std::io::IsTerminal;
        if let Some(format) = self.format_given() {
            return format;
        }
        if self.json {
            return Format::Json;
        }
        if std::io::stdout().is_terminal() {
            Format::Table
        } else {
            piped
        }
    }

    /// The format of a command whose output is one report (not rows): table
    /// (sentences), json or jsonl; JSON when piped. `command` names it in the
    /// error for csv or tsv.
    pub fn report_format(&self, command: &str) -> anyhow::Result<Format> {
        let format = self.output_format(Format::Json);
        if matches!(format, Format::Csv | Format::Tsv) {
            anyhow::bail!(
                "--format {} is not available for `embargo {command}`, which writes one report: \
                 use table, json or jsonl",
                format.name()
            );
        }
        Ok(format)
    }
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create an empty store (at --db, $EMBARGO_DB or the default location)
    Init(InitArgs),
    /// Import list files as a new version of their source (activated when
    /// it is the newest publication)
    Import(ImportArgs),
    /// Make another stored version of a list the active one (roll back or
    /// forward), in the audit log
    Activate(ActivateArgs),
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
    /// Show entities added, removed and changed between two versions of a list
    Diff(DiffArgs),
    /// Write stored lists as FollowTheMoney JSON lines
    Export(ExportArgs),
    /// Monitored portfolios: records screened again whenever a list changes
    Watch(WatchArgs),
    /// Alerts raised by monitoring, and analysts' decisions on them
    Alerts(AlertsArgs),
    /// Export the audit log: screenings, imports, activations, decisions
    Audit(AuditArgs),
    /// Download the official lists and activate each changed one as a new
    /// version
    Update(UpdateArgs),
    /// Serve the HTTP screening API and web UI
    Serve(ServeArgs),
    /// API keys of the HTTP server: add, list, revoke
    Keys(KeysArgs),
    /// Whole-store operations: copy a store between SQLite and PostgreSQL
    Store(StoreArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish,
    /// powershell), e.g. `embargo completions bash >
    /// ~/.local/share/bash-completion/completions/embargo`
    Completions(CompletionsArgs),
    /// Print the manual page (roff), e.g. `embargo man >
    /// ~/.local/share/man/man1/embargo.1`
    Man,
}

/// `embargo completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

/// `embargo store`.
#[derive(Debug, Args)]
pub struct StoreArgs {
    /// What to do with the store.
    #[command(subcommand)]
    pub command: StoreCommand,
}

/// The `embargo store` subcommands.
#[derive(Debug, Subcommand)]
pub enum StoreCommand {
    /// Copy every list, version, portfolio, alert, decision, audit entry
    /// and key of one store into a new, empty one (SQLite to PostgreSQL or
    /// back), verified by row counts and hashes before it commits
    Copy(StoreCopyArgs),
}

/// `embargo store copy`.
#[derive(Debug, Args)]
pub struct StoreCopyArgs {
    /// The store to copy (a file path or postgres:// URL); it must exist
    #[arg(long, value_name = "STORE")]
    pub from: PathBuf,
    /// The store to copy into: a new file, or an empty PostgreSQL database
    #[arg(long, value_name = "STORE")]
    pub to: PathBuf,
}

/// `embargo keys`.
#[derive(Debug, Args)]
pub struct KeysArgs {
    /// What to do with keys.
    #[command(subcommand)]
    pub command: KeysCommand,
}

/// The `embargo keys` subcommands.
#[derive(Debug, Subcommand)]
pub enum KeysCommand {
    /// Create a key and print its secret (shown only this once)
    Add(KeysAddArgs),
    /// Show every key with its role (never the secrets)
    List(KeysListArgs),
    /// Revoke a key: the server refuses it from then on
    Revoke(KeysRevokeArgs),
}

/// `embargo keys add`.
#[derive(Debug, Args)]
pub struct KeysAddArgs {
    /// The key's name: who uses it (recorded with every screening and
    /// decision made with it)
    #[arg(value_name = "NAME")]
    pub name: String,
    /// What it may do: screen (screen, read lists), analyst (also alerts
    /// and decisions), admin (also the audit log)
    #[arg(long, value_name = "ROLE")]
    pub role: String,
    /// Who creates it, for the audit log [default: $USER]
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
}

/// `embargo keys list`.
#[derive(Debug, Args)]
pub struct KeysListArgs {}

/// `embargo keys revoke`.
#[derive(Debug, Args)]
pub struct KeysRevokeArgs {
    /// The key's name
    #[arg(value_name = "NAME")]
    pub name: String,
    /// Who revokes it, for the audit log [default: $USER]
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
}

/// `embargo diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The list (source id, e.g. ofac-sdn) [default: the only one stored]
    #[arg(value_name = "SOURCE")]
    pub source: Option<String>,
    /// Older version: v2, a publication date, a content hash prefix
    /// [default: the publication before --to]
    #[arg(long, value_name = "VERSION")]
    pub from: Option<String>,
    /// Newer version [default: the active one]
    #[arg(long, value_name = "VERSION")]
    pub to: Option<String>,
}

/// `embargo export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// A list to export (source id, e.g. ofac-sdn); repeat for several
    /// [default: every list, at its active version]
    #[arg(long, value_name = "SOURCE")]
    pub source: Vec<String>,
    /// Version of the one --source: v2, a publication date, a content
    /// hash prefix [default: the active one]
    #[arg(long, value_name = "VERSION", requires = "source")]
    pub version: Option<String>,
    /// Write to this file instead of standard output
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `embargo watch`.
#[derive(Debug, Args)]
pub struct WatchArgs {
    /// What to do with portfolios.
    #[command(subcommand)]
    pub command: WatchCommand,
}

/// The `embargo watch` subcommands.
#[derive(Debug, Subcommand)]
pub enum WatchCommand {
    /// Add records to a portfolio (a record with a known reference replaces it)
    Add(WatchAddArgs),
    /// Screen portfolios against the active lists now and raise new alerts
    Run(WatchRunArgs),
    /// Show the portfolios
    List(WatchListArgs),
}

/// `embargo watch add`.
#[derive(Debug, Args)]
pub struct WatchAddArgs {
    /// The portfolio (created when new)
    #[arg(long, value_name = "PORTFOLIO")]
    pub name: String,
    /// CSV or JSON lines file of records, as for batch screening
    #[arg(long, value_name = "FILE")]
    pub input: PathBuf,
    /// Column mapping, e.g. ref=customer_id,name=full_name,dob=birth_date
    #[arg(long, value_name = "MAP")]
    pub columns: Option<String>,
    /// Store the valid rows even when some rows are malformed (they are
    /// listed on standard error); by default nothing is stored then
    #[arg(long)]
    pub skip_invalid: bool,
}

/// `embargo watch run`.
#[derive(Debug, Args)]
pub struct WatchRunArgs {
    /// Only this portfolio [default: all]
    #[arg(long, value_name = "PORTFOLIO")]
    pub name: Option<String>,
    /// Lowest score that raises an alert, 0 to 1
    #[arg(short = 't', long, value_name = "X")]
    pub threshold: Option<f32>,
}

/// `embargo watch list`.
#[derive(Debug, Args)]
pub struct WatchListArgs {}

/// `embargo alerts`.
#[derive(Debug, Args)]
pub struct AlertsArgs {
    /// Decide on an alert instead of listing them.
    #[command(subcommand)]
    pub command: Option<AlertsCommand>,
    /// Only alerts with this status: open, true-positive, false-positive,
    /// superseded [default: all]
    #[arg(long, value_name = "STATUS")]
    pub status: Option<String>,
    /// Only alerts of this portfolio
    #[arg(long, value_name = "PORTFOLIO")]
    pub portfolio: Option<String>,
}

/// The `embargo alerts` subcommands.
#[derive(Debug, Subcommand)]
pub enum AlertsCommand {
    /// Record a decision on an alert (earlier decisions are kept, superseded)
    Decide(DecideArgs),
}

/// `embargo alerts decide`.
#[derive(Debug, Args)]
pub struct DecideArgs {
    /// The alert's number, as `embargo alerts` shows it
    #[arg(value_name = "ALERT")]
    pub alert: i64,
    /// The verdict: true-positive or false-positive
    #[arg(long = "as", value_name = "DECISION")]
    pub decision: String,
    /// Why
    #[arg(long, value_name = "TEXT")]
    pub note: String,
    /// Who decides [default: the operating-system user, said on standard
    /// error]
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
}

/// `embargo audit`.
#[derive(Debug, Args)]
pub struct AuditArgs {
    /// Only entries from this time on: a date (2026-01-31, midnight UTC) or
    /// an RFC 3339 time
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
}

/// `embargo init`.
#[derive(Debug, Args)]
pub struct InitArgs {}

/// `embargo activate`.
#[derive(Debug, Args)]
pub struct ActivateArgs {
    /// The list (source id, e.g. ofac-sdn)
    #[arg(value_name = "SOURCE")]
    pub source: String,
    /// The version to activate: v2, a publication date (2024-05-03) or a
    /// content hash prefix, as `embargo lists` shows them
    #[arg(value_name = "VERSION")]
    pub version: String,
    /// Why (kept in the audit log)
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// Who activates [default: the operating-system user]
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
}

/// `embargo import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Files or folders: an OFAC CSV set (folder, or sdn.csv with alt.csv,
    /// add.csv, sdn_comments.csv), a UN consolidated XML, an EU FSF XML or
    /// CSV, a UK Sanctions List XML or OFSI CSV, a US CSL CSV or DPL text
    /// file, a Swiss SECO XML, FollowTheMoney JSON lines, an embargo
    /// custom-list CSV
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// The format, when not detected: ofac-sdn, ofac-cons, un, ftm, custom,
    /// uk-xml, uk-csv, eu-xml, eu-csv, us-csl, us-dpl, ch-xml
    #[arg(long, value_name = "KIND")]
    pub source: Option<String>,
    /// The source id to import into [default: the list's id (ofac-sdn,
    /// ofac-cons, un, eu, uk, us-csl, us-dpl, ch), or ftm-/custom- plus the
    /// file name]
    #[arg(long, value_name = "SOURCE")]
    pub name: Option<String>,
    /// Import even a publication that looks incomplete: a file that seems
    /// cut short, or a list (or one of its files) that lost more than 20 %
    /// of its entries against the active version. The findings are kept as
    /// notes
    #[arg(long)]
    pub force: bool,
    /// The publication date (2024-05-03, or an RFC 3339 time) for files
    /// that state none [default: the date the files state (UN
    /// dateGenerated, sdn-2023-05-19.csv), else their modification time].
    /// A date the files contradict is an error
    #[arg(long, value_name = "DATE")]
    pub published: Option<String>,
    /// Make the new version active even when it is an older publication
    /// than the active one (which otherwise stays active)
    #[arg(long)]
    pub activate: bool,
}

/// `embargo lists`.
#[derive(Debug, Args)]
pub struct ListsArgs {}

/// `embargo show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Entity id, e.g. ofac-sdn:43377 or un:KPi.066
    pub id: String,
}

/// `embargo screen`.
#[derive(Debug, Args)]
pub struct ScreenArgs {
    /// The name to screen, in any script and order; `-` reads names from
    /// standard input, one a line, and screens each
    #[arg(value_name = "NAME")]
    pub name: Option<String>,
    /// What is screened: person, organization, vessel, aircraft or any
    /// (with --input: for rows without a type column)
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
    #[arg(short = 't', long, value_name = "X")]
    pub threshold: Option<f32>,
    /// Most results reported (per name)
    #[arg(short = 'n', long, value_name = "N")]
    pub limit: Option<usize>,
    /// Only results from these lists, by source id (`--list eu,uk`; see
    /// `embargo lists`) [default: every active list]
    #[arg(long = "list", value_name = "SOURCE,...", value_delimiter = ',')]
    pub lists: Vec<String>,
    /// Batch options (with --input FILE).
    #[command(flatten)]
    pub batch: BatchArgs,
}

/// `embargo screen --input FILE`: screening every row of a file.
#[derive(Debug, Args)]
#[command(next_help_heading = "Batch screening")]
pub struct BatchArgs {
    /// Screen every row of a CSV (header row, any delimiter, UTF-8) or
    /// JSON-lines file instead of one NAME; `-` reads standard input
    #[arg(long, value_name = "FILE",
          conflicts_with_all = ["name", "dob", "country", "gender", "identifiers", "wallets"])]
    pub input: Option<String>,
    /// Write results here instead of standard output
    #[arg(short = 'o', long, value_name = "FILE", requires = "input")]
    pub output: Option<std::path::PathBuf>,
    /// Column of each field, e.g. name=Customer,dob=Birth,country=Nat,
    /// id=Passport,type=Kind,ref=CustNo,address=Wallet [default: usual
    /// header names such as name, full_name, dob, nationality]
    #[arg(long, value_name = "FIELD=COL,...", requires = "input")]
    pub columns: Option<String>,
    /// Worker threads [default: number of cores]
    #[arg(long, value_name = "N", requires = "input")]
    pub jobs: Option<usize>,
    /// Also write rows without results (result fields empty)
    #[arg(long, requires = "input")]
    pub all: bool,
    /// Write malformed rows to this CSV file (line, error, raw)
    #[arg(long, value_name = "FILE", requires = "input")]
    pub rejects: Option<std::path::PathBuf>,
    /// Stop at the first malformed row (exit status 2)
    #[arg(long, requires = "input")]
    pub strict: bool,
    /// No progress bar, warnings or summary (malformed rows are still
    /// reported)
    #[arg(short = 'q', long, requires = "input")]
    pub quiet: bool,
}

impl BatchArgs {
    /// The batch flags given without `--input` (clap's `requires` is not
    /// enforced for flattened arguments, so the command checks).
    pub fn without_input(&self) -> Vec<&'static str> {
        if self.input.is_some() {
            return Vec::new();
        }
        [
            ("--output", self.output.is_some()),
            ("--columns", self.columns.is_some()),
            ("--jobs", self.jobs.is_some()),
            ("--all", self.all),
            ("--rejects", self.rejects.is_some()),
            ("--strict", self.strict),
            ("--quiet", self.quiet),
        ]
        .into_iter()
        .filter_map(|(flag, given)| given.then_some(flag))
        .collect()
    }
}

/// `embargo scan`.
#[derive(Debug, Args)]
pub struct ScanArgs {
    /// Text files (UTF-8) to scan; `-` reads standard input
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Lowest score reported, 0 to 1
    #[arg(short = 't', long, value_name = "X")]
    pub threshold: Option<f32>,
}

/// `embargo evaluate`: labelled sets (`--positives`/`--negatives`) or
/// labelled name pairs (`--pairs`).
#[derive(Debug, Args)]
pub struct EvaluateArgs {
    /// CSV of name pairs labelled match or not (columns name1, name2,
    /// schema, is_match and optionally group): each name1 is scored against name2 alone, and precision,
    /// recall, F1, the best-F1 threshold and ROC AUC are reported per
    /// group; instead of --positives/--negatives
    #[arg(long, value_name = "FILE",
          conflicts_with_all = ["positives", "negatives", "reference", "expected_source",
                                "check_blocking", "sample", "chart"])]
    pub pairs: Option<PathBuf>,
    /// With --pairs: list the N lowest-scoring matches and N
    /// highest-scoring non-matches on the wrong side of the threshold (20
    /// when N is left out)
    #[arg(long, value_name = "N", num_args = 0..=1, default_missing_value = "20",
          requires = "pairs")]
    pub misses: Option<usize>,
    /// With --pairs: stop at the first malformed row (by default such rows
    /// are reported with their line and skipped)
    #[arg(long, requires = "pairs")]
    pub strict: bool,
    /// With --pairs: also write each pair's name score and what it read
    /// (coverage, family disagreement, typo share, ...) as CSV to FILE, for
    /// tools/calibrate/fit.py
    #[arg(long, value_name = "FILE", requires = "pairs")]
    pub features: Option<PathBuf>,
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
    #[arg(short = 't', long, value_name = "X")]
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
}

/// `embargo update`.
#[derive(Debug, Args)]
pub struct UpdateArgs {
    /// Sources to update: ofac-sdn, ofac-cons, un, eu, uk, us-csl, us-dpl, ch
    /// [default: all]
    #[arg(value_name = "SOURCE")]
    pub sources: Vec<String>,
    /// Only show each source's stored state (active version, last attempt,
    /// last success, last error); no network access
    #[arg(long)]
    pub offline: bool,
    /// Accept a publication that looks incomplete: a file that seems cut
    /// short, or a list (or one of its files) that lost more entries than
    /// the configured share (default 20 %)
    #[arg(long)]
    pub force: bool,
    /// Configuration file with source addresses and download settings
    /// [default: $EMBARGO_CONFIG, else config.toml in the platform config
    /// directory, e.g. ~/.config/embargo/config.toml, when present]
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,
}

/// `embargo serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address and port to listen on
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    pub listen: String,
    /// Seconds between checks of the store for new list versions
    #[arg(long, value_name = "SECONDS", default_value_t = 2.0)]
    pub poll_interval: f64,
    /// Worker threads for screening [default: number of CPUs]
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Run `embargo update` in the background this often (6h, 30m, 90s)
    /// and serve a new list version as soon as it is activated
    #[arg(long, value_name = "DURATION")]
    pub refresh_every: Option<String>,
    /// Configuration file of the list updates (as `embargo update --config`)
    #[arg(long, value_name = "FILE", requires = "refresh_every")]
    pub update_config: Option<std::path::PathBuf>,
    /// Serve the bundled demo list (8 entities, not the official lists)
    /// and report ready with it; without a store and without --demo the
    /// demo list is served but /readyz answers 503
    #[arg(long, conflicts_with = "refresh_every")]
    pub demo: bool,
    /// Screening and list reading need no API key (alerts, decisions and the
    /// audit log still do)
    #[arg(long)]
    pub open_read: bool,
    /// Also answer requests for this host name (repeatable); localhost,
    /// 127.0.0.1, ::1 and the bound address always are; `*` for any
    #[arg(long, value_name = "NAME")]
    pub allowed_host: Vec<String>,
    /// Let browser pages from this origin call the API (repeatable;
    /// `https://app.example`, or `*` for any); no CORS headers without it
    #[arg(long, value_name = "ORIGIN")]
    pub cors_origin: Vec<String>,
    /// Serve HTTPS with this PEM certificate chain (needs --tls-key)
    #[arg(long, value_name = "FILE", requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,
    /// The PEM private key of --tls-cert
    #[arg(long, value_name = "FILE", requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,
    /// Most connections open at once; more wait to be accepted
    #[arg(long, value_name = "N", default_value_t = 512)]
    pub max_connections: usize,
    /// Seconds a client has to send a request's headers; also how long an
    /// idle kept-alive connection stays open
    #[arg(long, value_name = "SECONDS", default_value_t = 10.0)]
    pub header_timeout: f64,
    /// Seconds one screening request (/match, /search, /scan) may take
    /// before it is answered 503 and stopped
    #[arg(long, value_name = "SECONDS", default_value_t = 30.0)]
    pub request_timeout: f64,
    /// Largest request body, in bytes
    #[arg(long, value_name = "BYTES", default_value_t = 262_144)]
    pub max_body_bytes: usize,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::Cli;

    /// clap's own consistency checks over every subcommand: an argument
    /// of a subcommand that reuses a global one's name (as `export
    /// --format` once did) fails here, not at a user's first run.
    #[test]
    fn the_command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
