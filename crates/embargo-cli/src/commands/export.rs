//! `embargo export`: stored lists as FollowTheMoney JSON lines (the
//! writing is `embargo_core::ftm::export`; this command only picks the
//! versions and the output).
//!
//! Without `--source`, every list at its active version; with it, the
//! named lists, at `--version` (one list only) or their active version.
//! A summary goes to standard error, so that standard output holds only
//! the entities; a closed pipe ends the export quietly, as `head` expects.

use std::fs::File;
use std::io::{self, BufWriter, Write};

use anyhow::{Context, Result, bail};
use embargo_core::ftm;
use embargo_core::model::Entity;
use embargo_store::{Store, VersionInfo, VersionSelector};

use crate::Outcome;
use crate::cli::{ExportArgs, FormatArg, GlobalArgs};
use crate::context::open_store;

/// Runs `embargo export`.
pub fn run(global: &GlobalArgs, args: ExportArgs) -> Result<Outcome> {
    if let Some(format) = global.format.filter(|format| *format != FormatArg::Ftm) {
        bail!(
            "--format {}: embargo export writes FollowTheMoney JSON lines (--format ftm, the default)",
            format_name(format)
        );
    }
    let store = open_store(global)?;
    let versions = choose_versions(&store, &args)?;
    let mut entities: Vec<Entity> = Vec::new();
    for version in &versions {
        store
            .for_each_entity(version.id, |entity| entities.push(entity))
            .with_context(|| format!("reading {} {}", version.source_id, version.label()))?;
    }
    let summary = match &args.output {
        Some(path) => {
            let file =
                File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
            let mut out = BufWriter::new(file);
            ftm::export(&entities, &mut out)
                .with_context(|| format!("writing {}", path.display()))?
        }
        None => {
            let mut out = BufWriter::new(io::stdout().lock());
            match ftm::export(&entities, &mut out) {
                Ok(summary) => summary,
                Err(error) if error.kind() == io::ErrorKind::BrokenPipe => {
                    return Ok(Outcome::Success);
                }
                Err(error) => return Err(error).context("writing to standard output"),
            }
        }
    };
    let lists: Vec<String> = versions
        .iter()
        .map(|v| format!("{} {}", v.source_id, v.label()))
        .collect();
    // The summary is a courtesy: a closed standard error loses nothing.
    let _ = writeln!(
        io::stderr(),
        "exported {} entities as {} FollowTheMoney entities from {}",
        summary.entities,
        summary.lines,
        lists.join(", ")
    );
    Ok(Outcome::Success)
}

/// The versions to export: `--source` (each at `--version` or its active
/// version), else every active version.
fn choose_versions(store: &Store, args: &ExportArgs) -> Result<Vec<VersionInfo>> {
    if args.source.is_empty() {
        let versions = store.active_versions()?;
        if versions.is_empty() {
            bail!("no lists imported; nothing to export");
        }
        return Ok(versions);
    }
    if args.version.is_some() && args.source.len() > 1 {
        bail!("--version names a version of one list; give one --source with it");
    }
    let mut versions = Vec::new();
    for source in &args.source {
        let version = match &args.version {
            Some(text) => {
                let selector: VersionSelector = text
                    .parse()
                    .with_context(|| format!("--version {text:?}"))?;
                store.version(source, &selector)?
            }
            None => store
                .active_version(source)?
                .with_context(|| format!("no list {source:?} is stored (see `embargo lists`)"))?,
        };
        if !versions.iter().any(|v: &VersionInfo| v.id == version.id) {
            versions.push(version);
        }
    }
    Ok(versions)
}

/// The name of a `--format` value as given.
fn format_name(format: FormatArg) -> String {
    use clap::ValueEnum;
    format.to_possible_value().map_or_else(
        || format!("{format:?}"),
        |value| value.get_name().to_string(),
    )
}
