//! `embargo lists`: every source, its versions (which one is active, when
//! each was published and how that is known), who publishes it, and
//! counts.

use anyhow::Result;
use embargo_store::{DEMO_DESCRIPTION, PublicationOrigin, SourceSummary};
use serde::Serialize;

use crate::Outcome;
use crate::cli::{GlobalArgs, ListsArgs};
use crate::context::{demo_notice, location, open_store};
use crate::outln;
use crate::output::{Format, print_records, thousands};

/// One version of a source: the record of every output format (JSON
/// lines and TSV give one per version; JSON nests them in their source).
#[derive(Serialize)]
struct VersionRow<'a> {
    version: String,
    active: bool,
    published: Option<String>,
    /// How the publication date is known (`file`, `option`,
    /// `last-modified`, `file-modified`, `import-time`).
    published_from: PublicationOrigin,
    /// RFC 3339, UTC.
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
pub fn run(global: &GlobalArgs, _args: ListsArgs) -> Result<Outcome> {
    let format = global.output_format(Format::Tsv);
    let location = location(global)?;
    if location.is_unconfigured() {
        // No store to list; say what screening uses instead.
        if format == Format::Table {
            outln!(
                "no store (no --db, no EMBARGO_DB, nothing at {}): screen and scan use {DEMO_DESCRIPTION}",
                location.path.display()
            )?;
            outln!("import official lists with `embargo import PATH` or `embargo update`")?;
        } else {
            embargo_core::errln!("{}", demo_notice(&location));
            print(format, &[])?;
        }
        return Ok(Outcome::Success);
    }
    let store = open_store(global)?;
    let sources = store.sources()?;
    let rows: Vec<SourceRow> = sources.iter().map(source_row).collect();
    if format == Format::Table && rows.is_empty() {
        outln!(
            "the store {} holds no lists; import lists with `embargo import PATH` or `embargo update`",
            store.name()
        )?;
    } else {
        print(format, &rows)?;
    }
    Ok(Outcome::Success)
}

/// The sources in `format`: JSON nests the versions in their source;
/// every other format has one record per version (newest first in a
/// table), named with its source.
fn print(format: Format, rows: &[SourceRow]) -> Result<()> {
    if format == Format::Json {
        return crate::output::print_json(&rows);
    }
    #[derive(Serialize)]
    struct Flat<'a> {
        source: &'a str,
        format: &'a str,
        publisher: &'static str,
        #[serde(flatten)]
        version: &'a VersionRow<'a>,
    }
    let flat: Vec<Flat> = rows
        .iter()
        .flat_map(|source| {
            let versions: Box<dyn Iterator<Item = &VersionRow>> = if format == Format::Table {
                Box::new(source.versions.iter().rev())
            } else {
                Box::new(source.versions.iter())
            };
            versions.map(|version| Flat {
                source: source.source,
                format: source.format,
                publisher: source.publisher,
                version,
            })
        })
        .collect();
    if format == Format::Table {
        let header = [
            "source",
            "publisher",
            "version",
            "published",
            "imported",
            "entities",
            "hash",
        ];
        return print_records(format, &flat, &header, |row| {
            let label = if row.version.active {
                format!("{} (active)", row.version.version)
            } else {
                row.version.version.clone()
            };
            vec![
                format!("{} [{}]", row.source, row.format),
                row.publisher.to_string(),
                label,
                published_cell(row.version),
                row.version.imported_at.clone(),
                thousands(row.version.entities),
                row.version.content_hash.to_string(),
            ]
        });
    }
    let header = [
        "source",
        "format",
        "publisher",
        "version",
        "active",
        "published",
        "published_from",
        "imported_at",
        "entities",
        "content_hash",
    ];
    print_records(format, &flat, &header, |row| {
        vec![
            row.source.to_string(),
            row.format.to_string(),
            row.publisher.to_string(),
            row.version.version.clone(),
            row.version.active.to_string(),
            row.version.published.clone().unwrap_or_default(),
            row.version.published_from.to_string(),
            row.version.imported_at.clone(),
            row.version.entities.to_string(),
            row.version.content_hash.to_string(),
        ]
    })
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
                    .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
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
