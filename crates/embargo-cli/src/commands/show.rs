//! `embargo show`: one entity with every field: labelled lines on a
//! terminal, the entity as JSON (the default in a pipe), or `field` and
//! `value` rows in CSV or TSV.

use std::fmt::Write;

use anyhow::{Result, bail};
use embargo_core::model::{Address, Country, Entity, NameQuality};
use embargo_core::sources::demo::DEMO_SOURCE_ID;
use embargo_store::{BUNDLED_VERSION, DEMO_DESCRIPTION};
use serde::Serialize;

use crate::Outcome;
use crate::cli::{GlobalArgs, ShowArgs};
use crate::context::{demo_notice, location, open_store};
use crate::out;
use crate::output::{Format, print_report, print_rows};

#[derive(Serialize)]
struct Shown<'a> {
    entity: &'a Entity,
    source: &'a str,
    /// Who publishes the list.
    publisher: &'static str,
    version: String,
    published: Option<String>,
}

/// Runs `embargo show`.
pub fn run(global: &GlobalArgs, args: ShowArgs) -> Result<Outcome> {
    let format = global.output_format(Format::Json);
    let location = location(global)?;
    if location.is_unconfigured() {
        return show_demo(&args, &location, format);
    }
    let store = open_store(global)?;
    let Some(stored) = store.entity(&args.id)? else {
        bail!(
            "no entity {:?} in the active lists (ids look like ofac-sdn:43377 or un:KPi.066)",
            args.id
        );
    };
    let from = format!(
        "{} {} ({})",
        stored.version.source_id,
        stored.version.label(),
        stored.version.published.map_or_else(
            || "publication date unknown".to_string(),
            |d| format!("published {d}")
        )
    );
    let shown = Shown {
        entity: &stored.entity,
        source: &stored.version.source_id,
        publisher: super::lists::publisher(&stored.version.format),
        version: stored.version.label(),
        published: stored.version.published.map(|d| d.to_string()),
    };
    print(format, &shown, &from)?;
    Ok(Outcome::Success)
}

/// `show` without any store: the entity of the bundled demo list.
fn show_demo(
    args: &ShowArgs,
    location: &embargo_store::StoreLocation,
    format: Format,
) -> Result<Outcome> {
    embargo_core::errln!("{}", demo_notice(location));
    let entities = embargo_core::sources::demo_entities()?;
    let Some(entity) = entities.iter().find(|entity| entity.id == args.id) else {
        bail!(
            "no entity {:?} in {DEMO_DESCRIPTION} (its ids look like demo:43377)",
            args.id
        );
    };
    let shown = Shown {
        entity,
        source: DEMO_SOURCE_ID,
        publisher: "embargo (bundled demo list)",
        version: BUNDLED_VERSION.to_string(),
        published: None,
    };
    print(format, &shown, DEMO_DESCRIPTION)?;
    Ok(Outcome::Success)
}

/// Prints the entity in `format`; `from` says where it comes from.
fn print(format: Format, shown: &Shown, from: &str) -> Result<()> {
    match format {
        Format::Json | Format::Jsonl => print_report(shown, format),
        Format::Table => {
            out!("{}", describe(shown.entity))?;
            crate::outln!("  {:<13} {from}", "from:")?;
            crate::outln!("  {:<13} {}", "publisher:", shown.publisher)?;
            Ok(())
        }
        Format::Csv | Format::Tsv => {
            let mut rows: Vec<Vec<String>> = fields(shown.entity)
                .into_iter()
                .map(|(label, value)| vec![label.to_string(), value])
                .collect();
            rows.push(vec!["from".to_string(), from.to_string()]);
            rows.push(vec!["publisher".to_string(), shown.publisher.to_string()]);
            print_rows(format, &["field", "value"], &rows)
        }
    }
}

fn country(country: &Country) -> String {
    match &country.code {
        Some(code) if !country.name.eq_ignore_ascii_case(code) => {
            format!("{} ({code})", country.name)
        }
        _ => country.name.clone(),
    }
}

fn address(address: &Address) -> String {
    let mut text = address.one_line();
    if let Some(note) = &address.note {
        let _ = write!(text, " [{note}]");
    }
    text
}

/// Every field of an entity, one labelled line each.
pub fn describe(entity: &Entity) -> String {
    let mut out = String::new();
    for (label, value) in fields(entity) {
        let _ = writeln!(out, "  {:<13} {value}", format!("{label}:"));
    }
    out
}

/// Every field of an entity as (label, value), in the order `describe`
/// prints them; a field with several values gives several pairs.
fn fields(entity: &Entity) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    let mut line = |label: &'static str, value: String| out.push((label, value));
    line("id", entity.id.clone());
    line("name", entity.caption().to_string());
    line("type", entity.schema.to_string());
    for name in entity.names.iter().skip(1) {
        let label = match name.quality {
            NameQuality::Primary | NameQuality::Strong => "alias",
            NameQuality::Weak => "weak alias",
            NameQuality::Former => "former name",
        };
        line(label, name.full.clone());
    }
    if let Some(sublist) = &entity.sublist {
        line("list", sublist.clone());
    }
    if !entity.programs.is_empty() {
        line("programs", entity.programs.join(", "));
    }
    for reference in &entity.references {
        line("same as", format!("{}:{}", reference.list, reference.id));
    }
    if let Some(listed) = entity.listed_on {
        line("listed on", listed.to_string());
    }
    for title in &entity.titles {
        line("title", title.clone());
    }
    if let Some(gender) = entity.gender {
        line("gender", format!("{gender:?}"));
    }
    for date in &entity.birth_dates {
        line("born", date.to_string());
    }
    for place in &entity.birth_places {
        line("birthplace", place.clone());
    }
    for date in &entity.established {
        line("established", date.to_string());
    }
    for nationality in &entity.nationalities {
        line("nationality", country(nationality));
    }
    for citizenship in &entity.citizenships {
        line("citizenship", country(citizenship));
    }
    for identifier in &entity.identifiers {
        let mut text = format!(
            "{} {}",
            identifier
                .label
                .as_deref()
                .unwrap_or(identifier.kind.label()),
            identifier.value
        );
        if let Some(issuer) = &identifier.country {
            let _ = write!(text, " ({})", country(issuer));
        }
        if let Some(note) = &identifier.note {
            let _ = write!(text, " {note}");
        }
        line("identifier", text);
    }
    for wallet in &entity.wallets {
        line("wallet", format!("{} {}", wallet.currency, wallet.address));
    }
    for place in &entity.addresses {
        line("address", address(place));
    }
    if let Some(vessel) = &entity.vessel {
        let parts: Vec<String> = [
            vessel.vessel_type.clone(),
            vessel.flag.as_ref().map(|f| format!("flag {}", country(f))),
            vessel.tonnage.as_ref().map(|t| format!("tonnage {t}")),
            vessel
                .gross_registered_tonnage
                .as_ref()
                .map(|t| format!("GRT {t}")),
            vessel.owner.as_ref().map(|o| format!("owner {o}")),
        ]
        .into_iter()
        .flatten()
        .collect();
        line("vessel", parts.join(", "));
    }
    for link in &entity.links {
        let target = link
            .id
            .as_deref()
            .map(|id| format!(" [{id}]"))
            .unwrap_or_default();
        line(
            "linked to",
            format!("{} ({}){target}", link.name, link.relation),
        );
    }
    for remark in &entity.remarks {
        line("remark", remark.clone());
    }
    out
}
