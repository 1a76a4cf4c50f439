//! `embargo screen`: one query against the active lists, entered in the
//! audit log (or, with no store at all, against the bundled demo list,
//! named in the output), or with `--input FILE` every row of a file (see
//! [`super::screen_batch`]).

use anyhow::{Context, Result, bail};
use embargo_core::matching::{ListVersion, Query, ResultView};
use embargo_store::{ScreeningAudit, ScreeningChannel, Store};
use serde::Serialize;

use crate::Outcome;
use crate::cli::{GlobalArgs, ScreenArgs};
use crate::context::{ScreeningLists, actor, lists_line, screening_lists};
use crate::flags::screen_options;
use crate::output::{print_json, table};

#[derive(Serialize)]
struct ScreenReport<'a> {
    query: &'a Query,
    lists: &'a [ListVersion],
    /// True when screened against the bundled demo list (no store).
    bundled_demo: bool,
    threshold: f32,
    results: Vec<ResultView<'a>>,
}

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
    let query = build_query(&args)?;
    let ScreeningLists { loaded, store } = screening_lists(global)?;
    let screener = &loaded.screener;
    let results = match chosen_lists(&args.lists, screener.lists())? {
        None => screener.screen(&query, &options),
        Some(lists) => {
            // Every result above the threshold, then those of the chosen
            // lists, at most `limit` of them.
            let every = embargo_core::matching::ScreenOptions {
                limit: usize::MAX,
                ..options
            };
            let mut results = screener.screen(&query, &every);
            results.retain(|r| lists.iter().any(|l| l == screener.entity(r).source()));
            results.truncate(options.limit);
            results
        }
    };
    let views: Vec<ResultView> = results.iter().map(|r| screener.view(r)).collect();
    // The demo list has no store, so no audit log (the notice said so).
    if let Some(mut store) = store {
        record(
            &mut store,
            &query,
            screener.lists(),
            options.threshold,
            &views,
        )?;
    }
    if args.json {
        print_json(&ScreenReport {
            query: &query,
            lists: screener.lists(),
            bundled_demo: loaded.bundled_demo,
            threshold: options.threshold,
            results: views,
        })?;
    } else {
        print_results(&views, options.threshold);
        println!("{}", lists_line(&loaded));
    }
    Ok(if results.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Success
    })
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

fn build_query(args: &ScreenArgs) -> Result<Query> {
    let name = args.name.clone().unwrap_or_default();
    if name.trim().is_empty() && args.identifiers.is_empty() && args.wallets.is_empty() {
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
    query.check_limits()?;
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

fn print_results(views: &[ResultView], threshold: f32) {
    if views.is_empty() {
        println!("no match at threshold {threshold:.2}");
        return;
    }
    let mut out = table(&["score", "id", "name", "type", "programs", "why"]);
    for view in views {
        out.add_row(vec![
            format!("{:.2}", view.score),
            view.id.to_string(),
            view.name.to_string(),
            view.schema.to_string(),
            view.programs.join(" "),
            view.explanation.summary(),
        ]);
    }
    println!("{out}");
}
