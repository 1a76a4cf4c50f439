//! One SECO `name` element as names: its `name-part`s joined in `order`
//! (titles apart), and the same name once more for each spelling (`lang`,
//! `script`) its parts' `spelling-variant`s give, the parts without a
//! variant in that spelling kept as written.

use crate::model::{Name, NamePart, NamePartKind, NameQuality};

/// The names a `name` element gives, and the titles among its parts.
pub(super) struct NameSet {
    /// The name as written first, then one per spelling.
    pub(super) names: Vec<Name>,
    /// `title` parts (`Dr.`, `Sheikh`).
    pub(super) titles: Vec<String>,
    /// `name-type` is `primary-name`.
    pub(super) primary: bool,
}

/// One part: its order, kind, value and spelling variants
/// (`(lang, script, text)`).
struct Part<'a> {
    order: u32,
    kind: Option<NamePartKind>,
    value: &'a str,
    variants: Vec<(Option<&'a str>, Option<&'a str>, &'a str)>,
}

/// The kind of name a `name-part-type` is; `None` for parts that are no
/// given, middle, family or father's name (`whole-name`, `tribal-name`,
/// `suffix`, `other`).
fn part_kind(part_type: &str) -> Option<NamePartKind> {
    match part_type {
        "given-name" => Some(NamePartKind::Given),
        "further-given-name" => Some(NamePartKind::Middle),
        "family-name" | "maiden-name" => Some(NamePartKind::Family),
        "father-name" | "grand-father-name" => Some(NamePartKind::Patronymic),
        _ => None,
    }
}

/// The quality `name-type` and `quality` give.
fn quality(name_type: Option<&str>, quality: Option<&str>) -> NameQuality {
    match (name_type, quality) {
        (Some("formerly-known-as"), _) => NameQuality::Former,
        (_, Some(q)) if q.eq_ignore_ascii_case("low") => NameQuality::Weak,
        _ => NameQuality::Strong,
    }
}

/// Reads a `name` element (`None` when it gives no text).
pub(super) fn name_set(node: &crate::sources::xml_tree::Node) -> Option<NameSet> {
    let mut titles = Vec::new();
    let mut parts: Vec<Part<'_>> = Vec::new();
    for (position, part) in node.children_named("name-part").enumerate() {
        let part_type = part.attr("name-part-type").unwrap_or("other");
        let Some(value) = part.text_of("value") else {
            continue;
        };
        if part_type == "title" {
            titles.push(value.to_string());
            continue;
        }
        let order = part
            .attr("order")
            .and_then(|order| order.parse::<u32>().ok())
            .unwrap_or(u32::try_from(position).unwrap_or(u32::MAX));
        let variants = part
            .children_named("spelling-variant")
            .filter(|variant| !variant.text.is_empty())
            .map(|variant| {
                (
                    variant.attr("lang"),
                    variant.attr("script"),
                    variant.text.as_str(),
                )
            })
            .collect();
        parts.push(Part {
            order,
            kind: part_kind(part_type),
            value,
            variants,
        });
    }
    // Stable: parts of equal order keep the file's order.
    parts.sort_by_key(|part| part.order);
    let quality = quality(node.attr("name-type"), node.attr("quality"));
    let written = build(&parts, None, quality)?;
    let mut names = vec![written];
    // The spellings, in the order first met.
    let mut spellings: Vec<(Option<&str>, Option<&str>)> = Vec::new();
    for part in &parts {
        for (lang, script, _) in &part.variants {
            if !spellings.contains(&(*lang, *script)) {
                spellings.push((*lang, *script));
            }
        }
    }
    for spelling in spellings {
        if let Some(name) = build(&parts, Some(spelling), quality)
            && !names.iter().any(|known| known.full == name.full)
        {
            names.push(name);
        }
    }
    Some(NameSet {
        names,
        titles,
        primary: node.attr("name-type") == Some("primary-name"),
    })
}

/// The name the parts make, in `spelling` (each part's first variant in
/// it, else its value) or as written.
fn build(
    parts: &[Part<'_>],
    spelling: Option<(Option<&str>, Option<&str>)>,
    quality: NameQuality,
) -> Option<Name> {
    let values: Vec<(Option<NamePartKind>, &str)> = parts
        .iter()
        .map(|part| {
            let variant = spelling.and_then(|(lang, script)| {
                part.variants
                    .iter()
                    .find(|(l, s, _)| *l == lang && *s == script)
                    .map(|(_, _, text)| *text)
            });
            (part.kind, variant.unwrap_or(part.value))
        })
        .collect();
    let full = values
        .iter()
        .map(|(_, value)| *value)
        .collect::<Vec<_>>()
        .join(" ");
    if full.trim().is_empty() {
        return None;
    }
    let mut name = Name::new(full, quality);
    let typed: Vec<NamePart> = values
        .iter()
        .filter_map(|(kind, value)| {
            kind.map(|kind| NamePart {
                kind,
                value: value.to_string(),
            })
        })
        .collect();
    if typed.len() >= 2 && typed.len() == values.len() {
        name.parts = typed;
    }
    if let Some((lang, script)) = spelling {
        name.language = lang.map(str::to_string);
        name.script = script.map(str::to_string);
    }
    Some(name.with_detected_script())
}
