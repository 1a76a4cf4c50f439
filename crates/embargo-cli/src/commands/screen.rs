//! `embargo screen`: one query against the active lists, entered in the
//! audit log (or, with no store at all, against the bundled demo list,
//! named in the output); with `-` as the name, every name read from
//! standard input, one a line, each screened, recorded and printed as
//! soon as it is read; with `--input FILE` every row of a file (see
//! [`super::screen_batch`]).

use anyhow::{Context, Result, bail};
use embargo_core::matching::{ListVersion, Query, ResultView, ScreenOptions};
use embargo_core::model::{format_score, round_score};
use embargo_store::{LoadedLists, ScreeningAudit, ScreeningChannel, Store};
use serde::Serialize;

use super::screen_names::NameLines;
use crate::Outcome;
use crate::cli::{GlobalArgs, ScreenArgs};
use crate::context::{ScreeningLists, actor, lists_line, screening_lists};
use crate::flags::screen_options;
use crate::outln;
use crate::output::{Format, print_delimited, print_json, print_rows};

#[derive(Serialize)]
struct ScreenReport<'a> {
    query: &'a Query,
    lists: &'a [ListVersion],
    /// True when screened against the bundled demo list (no store).
    bundled_demo: bool,
    #[serde(serialize_with = "embargo_core::model::serialize_score")]
    threshold: f32,
    results: Vec<ResultView<'a>>,
}

/// One result as a JSON line: the name screened, then the result.
#[derive(Serialize)]
struct ResultLine<'a> {
    query: &'a str,
    #[serde(flatten)]
    result: &'a ResultView<'a>,
}

/// The columns of a screening in CSV and TSV (a table leaves out `query`
/// when one name was screened).
const COLUMNS: [&str; 7] = [
    "query",
    "score",
    "id",
    "name",
    "schema",
    "programs",
    "explanation",
];

/// Runs `embargo screen`.
pub fn run(global: &GlobalArgs, args: ScreenArgs) -> Result<Outcome> {
    if args.batch.input.is_some() {
        if !args.lists.is_empty() {
            bail!("--list applies to one query, not to --input FILE");
        }
        return super::screen_batch::run(global, args);
    }
    let stray = args.batch.without_input();
    if !stray.is_empty() {
        bail!("{} only apply with --input FILE", stray.join(", "));
    }
    let options = screen_options(args.threshold, args.limit)?;
    let format = global.output_format(Format::Tsv);
    let from_stdin = args.name.as_deref() == Some("-");
    // The flags are checked before any list is loaded.
    let template = build_query(&args, from_stdin)?;
    let ScreeningLists { loaded, mut store } = screening_lists(global)?;
    let lists = chosen_lists(&args.lists, loaded.screener.lists())?;
    let mut screening = Screening {
        loaded: &loaded,
        lists,
        store: store.as_mut(),
        options: &options,
        format,
        table_query_column: from_stdin,
        screened: 0,
        found: 0,
        reports: Vec::new(),
    };
    if from_stdin {
        let stdin = std::io::stdin();
        let mut names = NameLines::new(stdin.lock());
        while let Some(name) = names.next_name()? {
            let mut query = template.clone();
            query.name = name;
            query
                .check_limits()
                .with_context(|| format!("standard input line {}", names.line()))?;
            screening.screen(&query)?;
        }
    } else {
        screening.screen(&template)?;
    }
    screening.finish()?;
    Ok(if screening.found == 0 {
        Outcome::NothingFound
    } else {
        Outcome::Success
    })
}

/// Screens queries one at a time, records each and prints its results as
/// soon as they are known (so `embargo screen - | head` stops early).
struct Screening<'a> {
    loaded: &'a LoadedLists,
    /// The lists `--list` names (`None`: every list).
    lists: Option<Vec<String>>,
    store: Option<&'a mut Store>,
    options: &'a ScreenOptions,
    format: Format,
    /// Whether a table shows which name each result is for.
    table_query_column: bool,
    /// Queries screened so far.
    screened: usize,
    /// Queries with at least one result.
    found: usize,
    /// For `--format json`: every report, printed at the end as one
    /// document.
    reports: Vec<serde_json::Value>,
}

impl Screening<'_> {
    fn screen(&mut self, query: &Query) -> Result<()> {
        let screener = &self.loaded.screener;
        let results = match &self.lists {
            None => screener.screen(query, self.options),
            Some(lists) => {
                // Every result above the threshold, then those of the
                // chosen lists, at most `limit` of them.
                let every = ScreenOptions {
                    limit: usize::MAX,
                    ..*self.options
                };
                let mut results = screener.screen(query, &every);
                results.retain(|r| lists.iter().any(|l| l == screener.entity(r).source()));
                results.truncate(self.options.limit);
                results
            }
        };
        let views: Vec<ResultView> = results.iter().map(|r| screener.view(r)).collect();
        // The demo list has no store, so no audit log (the notice said so).
        if let Some(store) = self.store.as_deref_mut() {
            record(
                store,
                query,
                screener.lists(),
                self.options.threshold,
                &views,
            )?;
        }
        let first = self.screened == 0;
        self.screened += 1;
        if !views.is_empty() {
            self.found += 1;
        }
        match self.format {
            Format::Json => self.reports.push(serde_json::to_value(ScreenReport {
                query,
                lists: screener.lists(),
                bundled_demo: self.loaded.bundled_demo,
                threshold: self.options.threshold,
                results: views,
            })?),
            Format::Jsonl => {
                for view in &views {
                    let line = serde_json::to_string(&ResultLine {
                        query: &query.name,
                        result: view,
                    })?;
                    outln!("{line}")?;
                }
            }
            Format::Csv | Format::Tsv => {
                let rows: Vec<Vec<String>> = views.iter().map(|v| row(&query.name, v)).collect();
                print_delimited(self.format, first.then_some(&COLUMNS[..]), &rows)?;
            }
            Format::Table => print_table(
                query,
                &views,
                self.options.threshold,
                self.table_query_column,
            )?,
        }
        Ok(())
    }

    /// What is printed once all queries are screened.
    fn finish(&mut self) -> Result<()> {
        match self.format {
            Format::Json if self.table_query_column => print_json(&self.reports),
            Format::Json => match self.reports.first() {
                Some(report) => print_json(report),
                None => Ok(()),
            },
            Format::Table => {
                outln!("{}", lists_line(self.loaded))?;
                Ok(())
            }
            Format::Csv | Format::Tsv if self.screened == 0 => {
                print_delimited(self.format, Some(&COLUMNS[..]), &[])
            }
            _ => Ok(()),
        }
    }
}

/// One result's cells, in [`COLUMNS`] order.
fn row(query: &str, view: &ResultView) -> Vec<String> {
    vec![
        query.to_string(),
        format_score(round_score(view.score)),
        view.id.to_string(),
        view.name.to_string(),
        view.schema.to_string(),
        view.programs.join(" "),
        view.explanation.summary(),
    ]
}

/// Enters the screening in the audit log.
fn record(
    store: &mut Store,
    query: &Query,
    lists: &[ListVersion],
    threshold: f32,
    views: &[ResultView],
) -> Result<()> {
    let by = actor(None);
    let audit = ScreeningAudit {
        channel: ScreeningChannel::Single,
        actor: &by,
        input: serde_json::to_value(query)?,
        lists,
        threshold,
        results: serde_json::to_value(views)?,
        result_count: views.len(),
    };
    store
        .record_screening(&audit)
        .context("writing the audit log")?;
    Ok(())
}

/// The query the flags describe; with `from_stdin`, the template each
/// name read from standard input is put into.
fn build_query(args: &ScreenArgs, from_stdin: bool) -> Result<Query> {
    let name = if from_stdin {
        String::new()
    } else {
        args.name.clone().unwrap_or_default()
    };
    if !from_stdin
        && name.trim().is_empty()
        && args.identifiers.is_empty()
        && args.wallets.is_empty()
    {
        bail!("nothing to screen: give a NAME, --id NUMBER or --address ADDR");
    }
    let mut query = Query::name(name).with_type(&args.schema)?;
    if let Some(dob) = &args.dob {
        query = query.with_birth_date(dob).context("--dob")?;
    }
    for country in &args.country {
        query = query.with_country(country).context("--country")?;
    }
    if let Some(gender) = &args.gender {
        query = query.with_gender(gender).context("--gender")?;
    }
    query.identifiers = args.identifiers.clone();
    query.wallets = args.wallets.clone();
    if !from_stdin {
        query.check_limits()?;
    }
    Ok(query)
}

/// The lists `--list` names, checked against the screened ones; `None`
/// when none is named (every list).
fn chosen_lists(named: &[String], served: &[ListVersion]) -> Result<Option<Vec<String>>> {
    let named: Vec<String> = named
        .iter()
        .map(|list| list.trim().to_string())
        .filter(|list| !list.is_empty())
        .collect();
    if named.is_empty() {
        return Ok(None);
    }
    for list in &named {
        if !served.iter().any(|version| &version.source == list) {
            let served: Vec<&str> = served.iter().map(|v| v.source.as_str()).collect();
            bail!(
                "--list: {list:?} is not an active list (active: {})",
                served.join(", ")
            );
        }
    }
    Ok(Some(named))
}

/// A screening as a table: the results, or a line saying there were
/// none; with `query_column`, each headed by the name screened.
fn print_table(
    query: &Query,
    views: &[ResultView],
    threshold: f32,
    query_column: bool,
) -> Result<()> {
    if query_column {
        outln!("{}:", query.name)?;
    }
    if views.is_empty() {
        outln!(
            "no match at threshold {}",
            format_score(round_score(threshold))
        )?;
        return Ok(());
    }
    let rows: Vec<Vec<String>> = views
        .iter()
        .map(|v| row(&query.name, v)[1..].to_vec())
        .collect();
    print_rows(
        Format::Table,
        &["score", "id", "name", "type", "programs", "why"],
        &rows,
    )
}
