//! Labelled name pairs: reading a pairs file and measuring a scoring
//! function on it, per group of pairs and overall.
//!
//! A pairs file is UTF-8 CSV with a header naming at least `name1`,
//! `name2` and `is_match`, and optionally `schema` and `group`, in any
//! order (other columns are ignored, so a file may carry notes):
//!
//! ```text
//! name1,name2,schema,is_match,group
//! President Vladimir Putin,"PUTIN, Vladimir Vladimirovich",Person,true,titles
//! Castro,Castillo,Person,false,one-edit
//! ```
//!
//! * `name1` is the query, `name2` the listed name it is scored against.
//! * `schema`: the listed name's type — `Person`, `Organization`,
//!   `Company`, `LegalEntity`, `Vessel`, `Aircraft` and the other names
//!   [`Schema::parse`] knows (FollowTheMoney's among them),
//!   case-insensitively; empty means any type.
//! * `is_match`: `true`/`false`, `1`/`0` or `yes`/`no`, in any case.
//! * `group`: free text naming the kind of pair; empty or absent means
//!   `all`.
//!
//! A malformed row (wrong number of fields, empty name, unknown schema or
//! label, text that is not UTF-8) is skipped and reported with its line,
//! or ends the reading in strict mode. A file without a usable header or
//! that cannot be read is an error naming the file.

use std::collections::BTreeMap;
use std::io::Read;

use serde::Serialize;

use super::metrics::{GroupMetrics, Scored};
use crate::model::Schema;
use crate::records::MAX_FIELD_BYTES;

/// The group of a pair whose file gives none.
pub const DEFAULT_GROUP: &str = "all";

/// The name of the group of all pairs together in a report.
pub const OVERALL: &str = "overall";

/// One labelled pair of names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    /// 1-based line where the row starts.
    pub line: u64,
    /// The query name.
    pub name1: String,
    /// The listed name it is compared with.
    pub name2: String,
    /// The listed name's type, when known.
    pub schema: Option<Schema>,
    /// Whether the two names truly name the same entity.
    pub is_match: bool,
    /// The kind of pair (for per-group figures).
    pub group: String,
}

/// A row that could not be read as a pair.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PairRowError {
    /// 1-based line where the row starts.
    pub line: u64,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for PairRowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// Why a pairs file cannot be used (as opposed to one bad row).
#[derive(Debug, thiserror::Error)]
pub enum PairsError {
    /// Reading failed.
    #[error("{label}: cannot read: {source}")]
    Io {
        /// The file.
        label: String,
        /// What the reader said.
        #[source]
        source: csv::Error,
    },
    /// The header is missing or lacks a required column.
    #[error("{label}:{line}: header: {message}")]
    Header {
        /// The file.
        label: String,
        /// The header's line.
        line: u64,
        /// What is wrong.
        message: String,
    },
    /// A malformed row, in strict mode.
    #[error("{label}:{line}: {message}")]
    Row {
        /// The file.
        label: String,
        /// The row's line.
        line: u64,
        /// What is wrong.
        message: String,
    },
}

/// The pairs of a file and the rows skipped.
#[derive(Debug, Clone, Default)]
pub struct PairsFile {
    /// The pairs read, in file order.
    pub pairs: Vec<Pair>,
    /// Malformed rows (always empty in strict mode).
    pub skipped: Vec<PairRowError>,
}

/// Where each column is in a row.
struct Columns {
    name1: usize,
    name2: usize,
    is_match: usize,
    schema: Option<usize>,
    group: Option<usize>,
    width: usize,
}

/// Reads a pairs file. `label` names it in messages. In `strict` mode the
/// first malformed row is an error; otherwise malformed rows are skipped
/// and returned in [`PairsFile::skipped`].
pub fn read_pairs<R: Read>(reader: R, label: &str, strict: bool) -> Result<PairsFile, PairsError> {
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(reader);
    let io_error = |source| PairsError::Io {
        label: label.to_string(),
        source,
    };
    let mut record = csv::ByteRecord::new();
    if !csv.read_byte_record(&mut record).map_err(io_error)? {
        return Err(PairsError::Header {
            label: label.to_string(),
            line: 1,
            message: "the file is empty; expected name1,name2,schema,is_match[,group]".into(),
        });
    }
    let header_line = record.position().map_or(1, |p| p.line());
    let columns = columns(&record).map_err(|message| PairsError::Header {
        label: label.to_string(),
        line: header_line,
        message,
    })?;
    let mut file = PairsFile::default();
    while csv.read_byte_record(&mut record).map_err(io_error)? {
        let line = record.position().map_or(0, |p| p.line());
        match pair(&record, &columns, line) {
            Ok(pair) => file.pairs.push(pair),
            Err(message) if strict => {
                return Err(PairsError::Row {
                    label: label.to_string(),
                    line,
                    message,
                });
            }
            Err(message) => file.skipped.push(PairRowError { line, message }),
        }
    }
    Ok(file)
}

/// Finds the columns in the header row.
fn columns(header: &csv::ByteRecord) -> Result<Columns, String> {
    let mut found: BTreeMap<String, usize> = BTreeMap::new();
    for (at, field) in header.iter().enumerate() {
        let field = field.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(field);
        let name = std::str::from_utf8(field)
            .map_err(|_| "not UTF-8 text".to_string())?
            .trim()
            .to_ascii_lowercase();
        if found.insert(name.clone(), at).is_some() && !name.is_empty() {
            return Err(format!("column {name:?} appears twice"));
        }
    }
    let required = |name: &str| {
        found.get(name).copied().ok_or_else(|| {
            format!("no {name:?} column; expected name1,name2,schema,is_match[,group]")
        })
    };
    Ok(Columns {
        name1: required("name1")?,
        name2: required("name2")?,
        is_match: required("is_match")?,
        schema: found.get("schema").copied(),
        group: found.get("group").copied(),
        width: header.len(),
    })
}

/// Reads one data row.
fn pair(record: &csv::ByteRecord, columns: &Columns, line: u64) -> Result<Pair, String> {
    if record.len() != columns.width {
        return Err(format!(
            "{} fields where the header has {}",
            record.len(),
            columns.width
        ));
    }
    let text = |at: usize, column: &str| -> Result<String, String> {
        let bytes = record.get(at).unwrap_or_default();
        if bytes.len() > MAX_FIELD_BYTES {
            return Err(format!(
                "{column} is {} bytes long (at most {MAX_FIELD_BYTES})",
                bytes.len()
            ));
        }
        std::str::from_utf8(bytes)
            .map(|text| text.trim().to_string())
            .map_err(|_| format!("{column} is not UTF-8 text"))
    };
    let name = |at: usize, column: &str| -> Result<String, String> {
        let name = text(at, column)?;
        if name.is_empty() {
            return Err(format!("{column} is empty"));
        }
        Ok(name)
    };
    let name1 = name(columns.name1, "name1")?;
    let name2 = name(columns.name2, "name2")?;
    let label = text(columns.is_match, "is_match")?;
    let is_match = parse_label(&label)
        .ok_or_else(|| format!("is_match {label:?} is not true/false, 1/0 or yes/no"))?;
    let schema = match columns.schema {
        Some(at) => parse_schema(&text(at, "schema")?)?,
        None => None,
    };
    let group = match columns.group {
        Some(at) => text(at, "group")?,
        None => String::new(),
    };
    Ok(Pair {
        line,
        name1,
        name2,
        schema,
        is_match,
        group: if group.is_empty() {
            DEFAULT_GROUP.to_string()
        } else {
            group
        },
    })
}

/// `true`/`false`, `1`/`0`, `yes`/`no`, any case.
fn parse_label(text: &str) -> Option<bool> {
    match text.to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" => Some(true),
        "false" | "0" | "no" => Some(false),
        _ => None,
    }
}

/// An empty schema means any type; otherwise a name [`Schema::parse`]
/// knows.
fn parse_schema(text: &str) -> Result<Option<Schema>, String> {
    if text.is_empty() {
        return Ok(None);
    }
    Schema::parse(text).map(Some).ok_or_else(|| {
        format!(
            "schema {text:?} is unknown (Person, Organization, Company, LegalEntity, \
             Vessel, Aircraft, or empty for any)"
        )
    })
}

/// Settings of a pairs evaluation.
#[derive(Debug, Clone, Copy)]
pub struct PairsSettings {
    /// The threshold reported on.
    pub threshold: f32,
    /// Worst false negatives and worst false positives listed (each).
    pub misses: usize,
}

/// A pair with its score, as listed among the misses.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoredPair {
    /// Line in the file.
    pub line: u64,
    /// The pair's group.
    pub group: String,
    /// The query name.
    pub name1: String,
    /// The listed name.
    pub name2: String,
    /// The listed name's type, when given.
    pub schema: Option<Schema>,
    /// The label.
    pub is_match: bool,
    /// The score.
    #[serde(serialize_with = "crate::model::serialize_score")]
    pub score: f32,
    /// How the words aligned (`Alignment::summary`), when the caller
    /// explains misses.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
}

/// The result of a pairs evaluation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairsReport {
    /// The threshold reported on.
    #[serde(serialize_with = "crate::model::serialize_score")]
    pub threshold: f32,
    /// All pairs together (group [`OVERALL`]).
    pub overall: GroupMetrics,
    /// One entry per group, by name.
    pub groups: Vec<GroupMetrics>,
    /// The lowest-scoring matches below the threshold, worst first.
    pub false_negatives: Vec<ScoredPair>,
    /// The highest-scoring non-matches at or above the threshold, worst
    /// first.
    pub false_positives: Vec<ScoredPair>,
}

/// Scores every pair with `score` (name1 against name2; a NaN counts as
/// 0) and measures the scores per group and overall.
pub fn evaluate_pairs(
    pairs: &[Pair],
    settings: &PairsSettings,
    score: impl Fn(&Pair) -> f32,
) -> PairsReport {
    let scores: Vec<f32> = pairs
        .iter()
        .map(|pair| {
            let value = score(pair);
            if value.is_nan() { 0.0 } else { value }
        })
        .collect();
    let scored = |at: usize| Scored {
        score: scores[at],
        is_match: pairs[at].is_match,
    };
    let mut by_group: BTreeMap<&str, Vec<Scored>> = BTreeMap::new();
    for (at, pair) in pairs.iter().enumerate() {
        by_group.entry(&pair.group).or_default().push(scored(at));
    }
    let all: Vec<Scored> = (0..pairs.len()).map(scored).collect();
    let threshold = settings.threshold;
    let listed = |at: usize| ScoredPair {
        line: pairs[at].line,
        group: pairs[at].group.clone(),
        name1: pairs[at].name1.clone(),
        name2: pairs[at].name2.clone(),
        schema: pairs[at].schema,
        is_match: pairs[at].is_match,
        score: scores[at],
        why: None,
    };
    let mut missed: Vec<usize> = (0..pairs.len())
        .filter(|&at| pairs[at].is_match && scores[at] < threshold)
        .collect();
    missed.sort_by(|&a, &b| scores[a].total_cmp(&scores[b]).then(a.cmp(&b)));
    let mut alerted: Vec<usize> = (0..pairs.len())
        .filter(|&at| !pairs[at].is_match && scores[at] >= threshold)
        .collect();
    alerted.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]).then(a.cmp(&b)));
    PairsReport {
        threshold,
        overall: GroupMetrics::measure(OVERALL, &all, threshold),
        groups: by_group
            .iter()
            .map(|(group, items)| GroupMetrics::measure(group, items, threshold))
            .collect(),
        false_negatives: missed
            .into_iter()
            .take(settings.misses)
            .map(listed)
            .collect(),
        false_positives: alerted
            .into_iter()
            .take(settings.misses)
            .map(listed)
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> PairsFile {
        read_pairs(text.as_bytes(), "p.csv", false).unwrap()
    }

    #[test]
    fn reads_pairs_with_defaults() {
        let file = read(
            "\u{feff}Name1,NAME2,schema,is_match,group\n\
             Vladimir Putin,\"PUTIN, Vladimir\",person,Yes,titles\n\
             Acme Ltd,ACME LIMITED,LegalEntity,1,\n\
             Ig0r,Igor,,FALSE, digits \n",
        );
        assert!(file.skipped.is_empty(), "{:?}", file.skipped);
        let [putin, acme, igor] = &file.pairs[..] else {
            panic!("{:?}", file.pairs);
        };
        assert_eq!(putin.line, 2);
        assert_eq!(putin.name2, "PUTIN, Vladimir");
        assert_eq!(putin.schema, Some(Schema::Person));
        assert!(putin.is_match);
        assert_eq!(putin.group, "titles");
        assert_eq!(acme.schema, Some(Schema::Organization));
        assert_eq!(acme.group, DEFAULT_GROUP);
        assert_eq!(igor.schema, None);
        assert!(!igor.is_match);
        assert_eq!(igor.group, "digits");
    }

    #[test]
    fn columns_in_any_order_and_group_optional() {
        let file = read("is_match,name2,name1,note\nno,B,A,why\n");
        assert_eq!(file.pairs[0].name1, "A");
        assert_eq!(file.pairs[0].name2, "B");
        assert_eq!(file.pairs[0].schema, None);
        assert_eq!(file.pairs[0].group, DEFAULT_GROUP);
    }

    #[test]
    fn malformed_rows_are_skipped_with_their_line() {
        let file = read_pairs(
            &b"name1,name2,schema,is_match\n\
             A,B,Person,maybe\n\
             A,B,Planet,true\n\
             ,B,Person,true\n\
             A,B,Person\n\
             \"multi\nline\",B,Person,true\n\
             A,B,Vessel,no\n\
             A,B\xff,Person,yes\n"[..],
            "p.csv",
            false,
        )
        .unwrap();
        let lines: Vec<u64> = file.skipped.iter().map(|e| e.line).collect();
        assert_eq!(lines, [2, 3, 4, 5, 9]);
        assert!(file.skipped[0].message.contains("\"maybe\""));
        assert!(file.skipped[1].message.contains("\"Planet\""));
        assert!(file.skipped[2].message.contains("name1 is empty"));
        assert!(
            file.skipped[3]
                .message
                .contains("3 fields where the header has 4")
        );
        assert!(file.skipped[4].message.contains("name2 is not UTF-8"));
        assert_eq!(
            file.skipped[0].to_string(),
            format!("line 2: {}", file.skipped[0].message)
        );
        let lines: Vec<u64> = file.pairs.iter().map(|p| p.line).collect();
        assert_eq!(lines, [6, 8], "a quoted line break stays in its row");
        assert_eq!(file.pairs[0].name1, "multi\nline");
    }

    #[test]
    fn strict_mode_stops_at_the_first_bad_row() {
        let text = "name1,name2,schema,is_match\nA,B,,true\nA,B,,perhaps\n";
        let error = read_pairs(text.as_bytes(), "p.csv", true).unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("p.csv:3: is_match \"perhaps\""),
            "{error}"
        );
    }

    #[test]
    fn a_bad_header_is_an_error_naming_the_file() {
        for (text, expected) in [
            ("", "p.csv:1: header: the file is empty"),
            (
                "name1,name2,schema\nA,B,\n",
                "p.csv:1: header: no \"is_match\" column",
            ),
            (
                "name1,name1,name2,is_match\n",
                "p.csv:1: header: column \"name1\" appears twice",
            ),
        ] {
            let error = read_pairs(text.as_bytes(), "p.csv", false).unwrap_err();
            assert!(error.to_string().starts_with(expected), "{error}");
        }
    }

    fn pair(line: u64, name1: &str, is_match: bool, group: &str) -> Pair {
        Pair {
            line,
            name1: name1.to_string(),
            name2: String::new(),
            schema: None,
            is_match,
            group: group.to_string(),
        }
    }

    #[test]
    fn measures_per_group_and_lists_the_worst_misses() {
        // name1 carries the score the closure gives.
        let pairs = [
            pair(2, "0.9", true, "b"),
            pair(3, "0.8", true, "b"),
            pair(4, "0.4", true, "b"),
            pair(5, "0.8", false, "b"),
            pair(6, "0.3", false, "b"),
            pair(7, "0.1", false, "b"),
            pair(8, "0.2", true, "a"),
            pair(9, "NaN", true, "a"),
        ];
        let settings = PairsSettings {
            threshold: 0.5,
            misses: 2,
        };
        let report = evaluate_pairs(&pairs, &settings, |p| p.name1.parse().unwrap_or(0.0));
        let names: Vec<&str> = report.groups.iter().map(|g| g.group.as_str()).collect();
        assert_eq!(names, ["a", "b"]);
        let b = &report.groups[1];
        assert_eq!((b.pairs, b.positives, b.negatives), (6, 3, 3));
        assert_eq!(b.roc_auc, Some(7.5 / 9.0));
        assert_eq!(b.at_threshold.counts.true_positives, 2);
        let a = &report.groups[0];
        assert_eq!((a.at_threshold.recall, a.roc_auc), (Some(0.0), None));
        assert_eq!(report.overall.group, OVERALL);
        assert_eq!(report.overall.pairs, 8);
        assert_eq!(report.overall.at_threshold.counts.false_negatives, 3);
        // Worst false negatives: the NaN (as 0), then 0.2; 0.4 left out.
        let missed: Vec<(u64, f32)> = report
            .false_negatives
            .iter()
            .map(|p| (p.line, p.score))
            .collect();
        assert_eq!(missed, [(9, 0.0), (8, 0.2)]);
        let alerted: Vec<u64> = report.false_positives.iter().map(|p| p.line).collect();
        assert_eq!(alerted, [5]);
    }
}
