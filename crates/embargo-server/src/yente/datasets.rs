//! yente dataset names: each served source under the name OpenSanctions
//! gives the same list where there is one (`us_ofac_sdn` for `ofac-sdn`,
//! `un_sc_sanctions` for `un`), else its embargo source id; and two
//! collections, `default` and `sanctions`, each every served list. A path
//! may use either name of a source.

use crate::errors::ApiError;
use crate::reload::Snapshot;

/// The collections and what they hold.
pub const COLLECTIONS: &[(&str, &str)] = &[
    ("default", "Every served list"),
    ("sanctions", "Every served list (all are sanctions lists)"),
];

/// embargo source id → OpenSanctions dataset name of the same list.
const KNOWN_NAMES: &[(&str, &str)] = &[
    ("ofac-sdn", "us_ofac_sdn"),
    ("ofac-cons", "us_ofac_cons"),
    ("un", "un_sc_sanctions"),
];

/// The dataset name of a source.
pub fn dataset_name(source: &str) -> &str {
    KNOWN_NAMES
        .iter()
        .find(|(id, _)| *id == source)
        .map_or(source, |(_, name)| name)
}

/// The source ids served by `snapshot`.
pub fn served_sources(snapshot: &Snapshot) -> Vec<&str> {
    snapshot
        .screener
        .lists()
        .iter()
        .map(|list| list.source.as_str())
        .collect()
}

/// The sources a dataset name stands for: every served source for a
/// collection, else the one source so named; a 404 listing the names
/// otherwise.
pub fn resolve(name: &str, snapshot: &Snapshot) -> Result<Vec<String>, ApiError> {
    let served = served_sources(snapshot);
    if COLLECTIONS
        .iter()
        .any(|(collection, _)| *collection == name)
    {
        return Ok(served.iter().map(|s| s.to_string()).collect());
    }
    if let Some(source) = served
        .iter()
        .find(|source| **source == name || dataset_name(source) == name)
    {
        return Ok(vec![source.to_string()]);
    }
    Err(ApiError::not_found(format!(
        "dataset {name:?} is not served; datasets: {}",
        all_names(&served).join(", ")
    )))
}

/// Every dataset name (collections first).
pub fn all_names(served: &[&str]) -> Vec<String> {
    COLLECTIONS
        .iter()
        .map(|(name, _)| name.to_string())
        .chain(served.iter().map(|source| dataset_name(source).to_string()))
        .collect()
}

/// Narrows `sources` by `include` (dataset names; none means all) and
/// `exclude`, each name resolved as in [`resolve`].
pub fn narrow(
    mut sources: Vec<String>,
    include: &[String],
    exclude: &[String],
    snapshot: &Snapshot,
) -> Result<Vec<String>, ApiError> {
    if !include.is_empty() {
        let mut wanted = Vec::new();
        for name in include {
            wanted.extend(resolve(name, snapshot)?);
        }
        sources.retain(|source| wanted.contains(source));
    }
    for name in exclude {
        let unwanted = resolve(name, snapshot)?;
        sources.retain(|source| !unwanted.contains(source));
    }
    Ok(sources)
}
