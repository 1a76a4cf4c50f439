//! `embargo import`: files in, new versions out, each activated when it is
//! the newest publication of its list (an older one is kept as history
//! unless `--activate`); then the monitored portfolios are screened
//! against the lists if the active ones changed.

use std::time::Instant;

use anyhow::{Context, Result, anyhow, bail};
use embargo_core::sources::{self, ListFiles, SourceFormat};
use embargo_store::{
    Activation, ImportChecks, ImportOutcome, ImportRequest, Publication, PublicationOrigin,
    PublishedAt, Store, VersionInfo, VersionSelector,
};
use serde::Serialize;

use crate::Outcome;
use crate::cli::{GlobalArgs, ImportArgs};
use crate::commands::watch;
use crate::context::{actor, open_or_create_store};
use crate::outln;
use crate::output::{Format, print_report, thousands};

/// What happened to one publication.
#[derive(Debug, Serialize)]
struct ImportReport {
    source: String,
    version: String,
    imported: bool,
    entities: usize,
    published: Option<String>,
    /// How the publication date is known (`file`, `option`, ...).
    published_from: PublicationOrigin,
    /// True when this version is now the active one.
    activated: bool,
    /// True when it was activated by `--activate` although older.
    forced: bool,
    /// The active version of the source after the import.
    active: String,
    /// The version active before, when this one replaced it.
    replaced: Option<String>,
    content_hash: String,
    seconds: f64,
    notices: Vec<String>,
    /// Why a new version was not activated, with what to do.
    #[serde(skip_serializing_if = "Option::is_none")]
    not_activated: Option<String>,
}

/// Runs `embargo import`.
pub fn run(global: &GlobalArgs, args: ImportArgs) -> Result<Outcome> {
    let format = global.report_format("import")?;
    let sets = file_sets(&args)?;
    for (flag, given) in [
        ("--name", args.name.is_some()),
        ("--published", args.published.is_some()),
    ] {
        if given && sets.len() > 1 {
            bail!(
                "{flag} applies to one publication, but the paths hold {}; import them one at a time",
                sets.len()
            );
        }
    }
    let published = args
        .published
        .as_deref()
        .map(|text| {
            text.parse::<PublishedAt>()
                .map(|at| Publication::new(at, PublicationOrigin::Option))
                .map_err(|message| anyhow!("--published: {message}"))
        })
        .transpose()?;
    let mut store = open_or_create_store(global)?;
    let mut reports = Vec::new();
    for files in &sets {
        let source_id = match &args.name {
            Some(name) => name.clone(),
            None => files.format.default_source_id(files.primary()),
        };
        let checks = ImportChecks {
            force: args.force,
            ..ImportChecks::default()
        };
        let request = ImportRequest::new(&source_id, files)
            .published(published)
            .force_activation(args.activate)
            .checks(checks);
        let report = import_one(&mut store, request)?;
        if format == Format::Table {
            print_import(&report)?;
        }
        // On standard error whatever the format: JSON readers see it too.
        if report.forced {
            embargo_core::errln!(
                "embargo: warning: {} {} is an older publication than {}, which it replaces as the active version because of --activate",
                report.source,
                report.version,
                report.replaced.as_deref().unwrap_or("the active version")
            );
        }
        reports.push(report);
    }
    if format != Format::Table {
        print_report(&reports, format)?;
    }
    if reports.iter().any(|report| report.activated) {
        rescreen(&mut store, format)?;
    }
    Ok(Outcome::Success)
}

/// Re-screens the monitored portfolios against the new versions and says
/// how many alerts that raised (on standard error with JSON, whose output
/// stays the import reports).
pub fn rescreen(store: &mut Store, format: Format) -> Result<()> {
    let Some(runs) = watch::rescreen_after_import(store)? else {
        return Ok(());
    };
    if format != Format::Table {
        let new_alerts: usize = runs.iter().map(|run| run.new_alerts.len()).sum();
        embargo_core::errln!("monitoring: {new_alerts} new alert(s)");
    } else {
        watch::print_runs(&runs)?;
    }
    Ok(())
}

/// Groups the paths into publications: by the stated format, or detected.
fn file_sets(args: &ImportArgs) -> Result<Vec<ListFiles>> {
    match &args.source {
        Some(kind) => {
            let format = SourceFormat::parse(kind).with_context(|| {
                let known: Vec<&str> = SourceFormat::ALL.iter().map(|f| f.name()).collect();
                format!(
                    "--source {kind:?} is not a known format ({})",
                    known.join(", ")
                )
            })?;
            Ok(vec![sources::assemble(format, &args.paths)?])
        }
        None => Ok(sources::detect(&args.paths)?),
    }
}

/// Imports one publication; with `--activate`, a publication already
/// stored but not active is activated too.
fn import_one(store: &mut Store, request: ImportRequest<'_>) -> Result<ImportReport> {
    let started = Instant::now();
    let (source_id, files) = (request.source_id, request.files);
    let mut outcome = store
        .import(request, |sink| sources::parse(files, source_id, sink))
        .with_context(|| format!("importing {} as {source_id}", files.primary().display()))?;
    let mut reactivated = None;
    if let ImportOutcome::Unchanged { version } = &outcome
        && request.force_activation
        && !version.active
    {
        let selector = VersionSelector::Sequence(version.sequence);
        let by = actor(None);
        let change =
            store.activate(source_id, &selector, &by, Some("embargo import --activate"))?;
        reactivated = Some(change.previous.label());
        outcome = ImportOutcome::Unchanged {
            version: change.version,
        };
    }
    let active = store
        .active_version(source_id)?
        .context("the source has no active version")?;
    let mut report = report(&outcome, &active, started);
    if let Some(previous) = reactivated {
        report.activated = true;
        report.replaced = Some(previous);
    }
    Ok(report)
}

/// The report of one import's outcome.
fn report(outcome: &ImportOutcome, active: &VersionInfo, started: Instant) -> ImportReport {
    let version = outcome.version();
    let (imported, notices, activation) = match outcome {
        ImportOutcome::Imported {
            notices,
            activation,
            ..
        } => (true, notices.clone(), Some(activation)),
        ImportOutcome::Unchanged { .. } => (false, Vec::new(), None),
    };
    let not_activated = (!version.active).then(|| {
        format!(
            "not activated: {} is {}than the active {} (published {}, {}), which stays \
             active; `embargo activate {} {}` to use it (or import with --activate)",
            version.label(),
            if version.publication.is_older_than(&active.publication) {
                "older "
            } else {
                "no newer "
            },
            active.label(),
            active.publication.at.day(),
            active.publication.origin.describe(),
            version.source_id,
            version.label()
        )
    });
    ImportReport {
        source: version.source_id.clone(),
        version: version.label(),
        imported,
        entities: version.entity_count,
        published: version.published.map(|date| date.to_string()),
        published_from: version.publication.origin,
        activated: activation.is_some_and(Activation::is_activated),
        forced: matches!(activation, Some(Activation::Forced { .. })),
        active: active.label(),
        replaced: activation
            .filter(|activation| activation.is_activated())
            .and_then(Activation::previous)
            .map(VersionInfo::label),
        content_hash: version.content_hash.clone(),
        seconds: started.elapsed().as_secs_f64(),
        notices,
        not_activated,
    }
}

fn print_import(report: &ImportReport) -> Result<()> {
    let published = match &report.published {
        Some(date) => format!(", published {date} ({})", report.published_from.describe()),
        None => ", publication date unknown".to_string(),
    };
    if report.imported {
        outln!(
            "{} {}: imported {} entities{published} in {:.2} s",
            report.source,
            report.version,
            thousands(report.entities),
            report.seconds
        )?;
    } else {
        outln!(
            "{} {}: unchanged, same content as the stored version ({} entities{published}); nothing imported",
            report.source,
            report.version,
            thousands(report.entities)
        )?;
    }
    if let Some(why) = &report.not_activated {
        outln!("  {why}")?;
    } else if let Some(replaced) = &report.replaced {
        outln!("  active now, replacing {replaced}")?;
    }
    for notice in &report.notices {
        outln!("  note: {notice}")?;
    }
    Ok(())
}
