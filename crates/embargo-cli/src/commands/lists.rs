//! `embargo lists`: every source, its versions (which one is active, when
//! each was published and how that is known), who publishes it, and
//! counts.

use anyhow::Result;
use embargo_store::{DEMO_DESCRIPTION, PublicationOrigin, SourceSummary};
use serde::Serialize;

use crate::Outcome;
use crate::cli::{GlobalArgs, ListsArgs};
use crate::context::{demo_notice, location, open_store};
use crate::output::{print_json, table, thousands};

#[derive(Serialize)]
struct VersionRow<'a> {
    version: String,
    active: bool,
    published: Option<String>,
    /// How the publication date is known (`file`, `option`,
    /// `last-modified`, `file-modified`, `import-time`).
    published_from: PublicationOrigin,
    imported_at: String,
    entities: usize,
    content_hash: &'a str,
}

#[derive(Serialize)]
struct SourceRow<'a> {
    source: &'a str,
    format: &'a str,
    /// Who publishes the list (from its format).
    publisher: &'static str,
    versions: Vec<VersionRow<'a>>,
}

/// Runs `embargo lists`.
pub fn run(global: &GlobalArgs, args: ListsArgs) -> Result<Outcome> {
    let location = location(global)?;
    if location.is_unconfigured() {
        // No store to list; say what screening uses instead.
        if args.json {
            eprintln!("{}", demo_notice(&location));
            print_json(&Vec::<SourceRow>::new())?;
        } else {
            println!(
                "no store (no --db, no EMBARGO_DB, nothing at {}): screen and scan use {DEMO_DESCRIPTION}",
                location.path.display()
            );
            println!("import official lists with `embargo import PATH` or `embargo update`");
        }
        return Ok(Outcome::Success);
    }
    let store = open_store(global)?;
    let sources = store.sources()?;
    let rows: Vec<SourceRow> = sources.iter().map(source_row).collect();
    if args.json {
        print_json(&rows)?;
    } else if rows.is_empty() {
        println!(
            "the store {} holds no lists; import lists with `embargo import PATH` or `embargo update`",
            store.path().display()
        );
    } else {
        print_table(&rows);
    }
    Ok(Outcome::Success)
}

fn source_row(summary: &SourceSummary) -> SourceRow<'_> {
    SourceRow {
        source: &summary.id,
        format: &summary.format,
        publisher: publisher(&summary.format),
        versions: summary
            .versions
            .iter()
            .map(|version| VersionRow {
                version: version.label(),
                active: version.active,
                published: version.published.map(|date| date.to_string()),
                published_from: version.publication.origin,
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

/// Who publishes a list in `format` (a format name), for the table and
/// JSON; `-` for a format this build does not know.
pub fn publisher(format: &str) -> &'static str {
    embargo_core::sources::SourceFormat::parse(format).map_or("-", |f| f.publisher())
}

/// `2024-05-03` when the files state it, `2024-05-03 (option)` when known
/// otherwise, `-` when only the import time is known.
fn published_cell(version: &VersionRow) -> String {
    match (&version.published, version.published_from) {
        (None, _) => "-".to_string(),
        (Some(date), PublicationOrigin::File) => date.clone(),
        (Some(date), origin) => format!("{date} ({origin})"),
    }
}

fn print_table(rows: &[SourceRow]) {
    let mut out = table(&[
        "source",
        "publisher",
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
                source.publisher.to_string(),
                label,
                published_cell(version),
                version.imported_at.clone(),
                thousands(version.entities),
                version.content_hash.to_string(),
            ]);
        }
    }
    println!("{out}");
}
