//! `embargo lists`: every source, its versions and counts.

use anyhow::Result;
use embargo_store::SourceSummary;
use serde::Serialize;

use crate::Outcome;
use crate::cli::{GlobalArgs, ListsArgs};
use crate::context::open_store;
use crate::output::{print_json, table, thousands};

#[derive(Serialize)]
struct VersionRow<'a> {
    version: String,
    active: bool,
    published: Option<String>,
    imported_at: String,
    entities: usize,
    content_hash: &'a str,
}

#[derive(Serialize)]
struct SourceRow<'a> {
    source: &'a str,
    format: &'a str,
    versions: Vec<VersionRow<'a>>,
}

/// Runs `embargo lists`.
pub fn run(global: &GlobalArgs, args: ListsArgs) -> Result<Outcome> {
    let store = open_store(global)?;
    let sources = store.sources()?;
    let rows: Vec<SourceRow> = sources.iter().map(source_row).collect();
    if args.json {
        print_json(&rows)?;
    } else if rows.is_empty() {
        println!("no lists imported; screening uses the bundled demo list");
        println!("import official lists with `embargo import PATH`");
    } else {
        print_table(&rows);
    }
    Ok(Outcome::Success)
}

fn source_row(summary: &SourceSummary) -> SourceRow<'_> {
    let newest = summary.active().map(|v| v.sequence);
    SourceRow {
        source: &summary.id,
        format: &summary.format,
        versions: summary
            .versions
            .iter()
            .map(|version| VersionRow {
                version: version.label(),
                active: Some(version.sequence) == newest,
                published: version.published.map(|date| date.to_string()),
                imported_at: version
                    .imported_at
                    .format("%Y-%m-%d %H:%M:%S UTC")
                    .to_string(),
                entities: version.entity_count,
                content_hash: version.short_hash(),
            })
            .collect(),
    }
}

fn print_table(rows: &[SourceRow]) {
    let mut out = table(&[
        "source",
        "version",
        "published",
        "imported",
        "entities",
        "hash",
    ]);
    for source in rows {
        for version in source.versions.iter().rev() {
            let label = if version.active {
                format!("{} (active)", version.version)
            } else {
                version.version.clone()
            };
            out.add_row(vec![
                format!("{} [{}]", source.source, source.format),
                label,
                version.published.clone().unwrap_or_else(|| "-".to_string()),
                version.imported_at.clone(),
                thousands(version.entities),
                version.content_hash.to_string(),
            ]);
        }
    }
    println!("{out}");
}
