//! `embargo diff`: entities added, removed and changed between two stored
//! versions of a list, with the fields that changed.

use anyhow::{Context, Result, bail};
use embargo_store::{EntityChange, EntitySummary, FieldChange, Store, VersionInfo};
use serde::Serialize;
use serde_json::Value;

use crate::Outcome;
use crate::cli::{DiffArgs, GlobalArgs};
use crate::context::open_store;
use crate::outln;
use crate::output::{Format, print_json, print_records, table, thousands};

/// Longest value text shown in a table cell.
const CELL_VALUE_CHARS: usize = 60;

/// A compared version as printed.
#[derive(Serialize)]
struct VersionLabel {
    version: String,
    published: Option<String>,
    content_hash: String,
    entities: usize,
}

/// The JSON form of the diff.
#[derive(Serialize)]
struct DiffReport<'a> {
    source: &'a str,
    from: VersionLabel,
    to: VersionLabel,
    added: &'a [EntitySummary],
    removed: &'a [EntitySummary],
    changed: &'a [EntityChange],
}

/// Runs `embargo diff`.
pub fn run(global: &GlobalArgs, args: DiffArgs) -> Result<Outcome> {
    let format = global.output_format(Format::Tsv);
    let store = open_store(global)?;
    let source = choose_source(&store, args.source.as_deref())?;
    let (from, to) = choose_versions(&store, &source, &args)?;
    let diff = store
        .diff(&from, &to)
        .with_context(|| format!("comparing {source} {} with {}", from.label(), to.label()))?;
    let report = DiffReport {
        source: &source,
        from: label(&diff.from),
        to: label(&diff.to),
        added: &diff.added,
        removed: &diff.removed,
        changed: &diff.changed,
    };
    match format {
        Format::Json => print_json(&report)?,
        Format::Table => print_report(&report)?,
        Format::Jsonl | Format::Csv | Format::Tsv => print_changes(&report, format)?,
    }
    Ok(Outcome::Success)
}

/// The source named, or the only one stored.
fn choose_source(store: &Store, named: Option<&str>) -> Result<String> {
    if let Some(source) = named {
        return Ok(source.to_string());
    }
    let sources = store.sources()?;
    match sources.as_slice() {
        [only] => Ok(only.id.clone()),
        [] => bail!("no lists imported; nothing to compare"),
        several => {
            let ids: Vec<&str> = several.iter().map(|s| s.id.as_str()).collect();
            bail!("several lists are stored; name one: {}", ids.join(", "))
        }
    }
}

/// `--from` and `--to`, defaulting to the active version and the
/// publication before it (the newest version published before it, or on
/// the same day but imported earlier).
fn choose_versions(
    store: &Store,
    source: &str,
    args: &DiffArgs,
) -> Result<(VersionInfo, VersionInfo)> {
    let pick = |text: &str| -> Result<VersionInfo> { Ok(store.version(source, &text.parse()?)?) };
    let versions = store.versions(source)?;
    let to = match &args.to {
        Some(text) => pick(text).context("--to")?,
        None => versions
            .iter()
            .find(|version| version.active)
            .cloned()
            .context("no active version")?,
    };
    let from = match &args.from {
        Some(text) => pick(text).context("--from")?,
        None => previous_publication(&versions, &to).cloned().with_context(|| {
            format!(
                "{source} has no version published before {}; nothing to compare (name one with --from)",
                to.label()
            )
        })?,
    };
    Ok((from, to))
}

/// The newest of `versions` published before `to` (by publication, then
/// by import for the same date).
fn previous_publication<'a>(
    versions: &'a [VersionInfo],
    to: &VersionInfo,
) -> Option<&'a VersionInfo> {
    versions
        .iter()
        .filter(|version| {
            version.id != to.id
                && match version.publication.at.compare(&to.publication.at) {
                    std::cmp::Ordering::Less => true,
                    std::cmp::Ordering::Equal => version.sequence < to.sequence,
                    std::cmp::Ordering::Greater => false,
                }
        })
        .max_by(|a, b| {
            a.publication
                .at
                .compare(&b.publication.at)
                .then(a.sequence.cmp(&b.sequence))
        })
}

fn label(version: &VersionInfo) -> VersionLabel {
    VersionLabel {
        version: version.label(),
        published: version.published.map(|date| date.to_string()),
        content_hash: version.short_hash().to_string(),
        entities: version.entity_count,
    }
}

fn describe(version: &VersionLabel) -> String {
    match &version.published {
        Some(date) => format!("{} ({date})", version.version),
        None => version.version.clone(),
    }
}

/// One record per entity added, removed or changed (JSON lines, CSV,
/// TSV): `change`, `id`, `name`, `schema` and, for a change, `fields`
/// (JSON lines: the field changes; CSV and TSV: `field: -old +new`, `; `
/// between fields).
fn print_changes(report: &DiffReport, format: Format) -> Result<()> {
    #[derive(Serialize)]
    struct ChangeRecord<'a> {
        change: &'static str,
        #[serde(flatten)]
        entity: &'a EntitySummary,
        #[serde(skip_serializing_if = "Option::is_none")]
        fields: Option<&'a [FieldChange]>,
    }
    let plain = |change, entity| ChangeRecord {
        change,
        entity,
        fields: None,
    };
    let records: Vec<ChangeRecord> = report
        .added
        .iter()
        .map(|entity| plain("added", entity))
        .chain(report.removed.iter().map(|entity| plain("removed", entity)))
        .chain(report.changed.iter().map(|change| ChangeRecord {
            change: "changed",
            entity: &change.entity,
            fields: Some(&change.fields),
        }))
        .collect();
    let header = ["change", "id", "name", "schema", "fields"];
    print_records(format, &records, &header, |record| {
        let fields: Vec<String> = record
            .fields
            .unwrap_or_default()
            .iter()
            .map(field_line)
            .collect();
        vec![
            record.change.to_string(),
            record.entity.id.clone(),
            record.entity.name.clone(),
            record.entity.schema.to_string(),
            fields.join("; "),
        ]
    })
}

fn print_report(report: &DiffReport) -> Result<()> {
    outln!(
        "{} {} → {}: {} added, {} removed, {} changed",
        report.source,
        describe(&report.from),
        describe(&report.to),
        thousands(report.added.len()),
        thousands(report.removed.len()),
        thousands(report.changed.len())
    )?;
    print_entities("added", report.added)?;
    print_entities("removed", report.removed)?;
    if !report.changed.is_empty() {
        let mut out = table(&["changed", "name", "fields"]);
        for change in report.changed {
            let fields: Vec<String> = change.fields.iter().map(field_line).collect();
            out.add_row(vec![
                change.entity.id.clone(),
                change.entity.name.clone(),
                fields.join("\n"),
            ]);
        }
        outln!("{out}")?;
    }
    Ok(())
}

fn print_entities(heading: &str, entities: &[EntitySummary]) -> Result<()> {
    if entities.is_empty() {
        return Ok(());
    }
    let mut out = table(&[heading, "name", "type"]);
    for entity in entities {
        out.add_row(vec![
            entity.id.clone(),
            entity.name.clone(),
            entity.schema.to_string(),
        ]);
    }
    outln!("{out}")?;
    Ok(())
}

/// `programs: -DPRK3 +DPRK4`.
fn field_line(change: &FieldChange) -> String {
    let mut parts = vec![format!("{}:", change.field)];
    parts.extend(change.removed.iter().map(|v| format!("-{}", value_text(v))));
    parts.extend(change.added.iter().map(|v| format!("+{}", value_text(v))));
    parts.join(" ")
}

/// A value in a few words: a string as itself, a name by its full text,
/// anything else as compact JSON, cut to [`CELL_VALUE_CHARS`].
fn value_text(value: &Value) -> String {
    let text = match value {
        Value::String(text) => text.clone(),
        Value::Object(map) if map.get("full").is_some_and(Value::is_string) => map
            .get("full")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string(),
        other => other.to_string(),
    };
    if text.chars().count() <= CELL_VALUE_CHARS {
        return text;
    }
    let cut: String = text.chars().take(CELL_VALUE_CHARS).collect();
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_lines_show_names_by_their_text() {
        let change = FieldChange {
            field: "names".to_string(),
            removed: vec![],
            added: vec![serde_json::json!({"full": "KIM Sang-man", "quality": "Strong"})],
        };
        assert_eq!(field_line(&change), "names: +KIM Sang-man");
        let long = Value::String("x".repeat(100));
        assert_eq!(value_text(&long).chars().count(), CELL_VALUE_CHARS + 1);
    }
}
