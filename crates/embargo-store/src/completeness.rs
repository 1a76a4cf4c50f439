//! Whether a publication is whole enough to become a version: the checks
//! every import runs after the parse and before the commit, whatever
//! started it (`embargo import`, `embargo update`, the server's refresh).
//!
//! * **Doubts of the parser** ([`ListMeta::doubts`]): a file that parses to
//!   its end yet looks cut short, such as an OFAC `alt.csv` whose rows stop
//!   long before the last entity of `sdn.csv`.
//! * **Shrinking**: the new publication may hold fewer entities than the
//!   active version by at most [`ImportChecks::max_shrink`] (20 % by
//!   default); so may each file (an OFAC aliases, addresses or comments
//!   file, compared by rows) that held at least [`MIN_RECORDS_COMPARED`]
//!   records in the active version. A file the active version had and the
//!   new publication lacks counts as empty. Small files are not compared:
//!   a comments file going from 5 rows to 3 is ordinary churn.
//!
//! Any finding refuses the import ([`StoreError::Incomplete`], naming each
//! file) and leaves the store as it was, unless [`ImportChecks::force`],
//! in which case the import goes ahead and every finding becomes a notice.

use std::fmt;
use std::path::Path;

use crate::db::{Db, params};
use embargo_core::sources::{Doubt, FileRecords, FileRole, ListMeta};

use crate::{StoreError, VersionId, VersionInfo};

/// The share of its entities (or of a file's rows) a list may lose from
/// one version to the next before the import is refused.
pub const DEFAULT_MAX_SHRINK: f64 = 0.2;

/// A file is compared with its counterpart in the active version only
/// when that one held at least this many records.
pub const MIN_RECORDS_COMPARED: usize = 100;

/// How strict an import is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ImportChecks {
    /// Largest share of entities (or of a file's records) the publication
    /// may lose against the active version (0.2: 20 %).
    pub max_shrink: f64,
    /// Import even what the checks find incomplete, keeping the findings
    /// as notices.
    pub force: bool,
}

impl Default for ImportChecks {
    fn default() -> ImportChecks {
        ImportChecks {
            max_shrink: DEFAULT_MAX_SHRINK,
            force: false,
        }
    }
}

/// Why a publication looks incomplete.
#[derive(Debug, Clone, PartialEq)]
pub enum Finding {
    /// A file parsed to its end but looks cut short.
    Doubt(Doubt),
    /// Fewer entities, or fewer records in one file, than the active
    /// version by more than the allowed share.
    Shrunk {
        /// What shrank: `entities`, or `rows of alt.csv`.
        what: String,
        /// Count in the active version.
        previous: usize,
        /// Count in the new publication.
        new: usize,
        /// The allowed drop, as a share.
        max_shrink: f64,
    },
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Finding::Doubt(doubt) => write!(f, "{doubt}"),
            Finding::Shrunk {
                what,
                previous,
                new,
                max_shrink,
            } => {
                let drop = previous.saturating_sub(*new) as f64 / *previous as f64;
                write!(
                    f,
                    "{new} {what} against {previous} in the active version, a drop of {:.1} % \
                     (more than the {:.0} % allowed)",
                    drop * 100.0,
                    max_shrink * 100.0
                )
            }
        }
    }
}

/// The findings on `meta` (the parse of a new publication of a source)
/// against `active`, that source's active version, if any.
pub(crate) fn findings(
    transaction: &Db,
    active: Option<&VersionInfo>,
    meta: &ListMeta,
    max_shrink: f64,
) -> Result<Vec<Finding>, StoreError> {
    let mut findings: Vec<Finding> = meta.doubts.iter().cloned().map(Finding::Doubt).collect();
    let Some(active) = active else {
        return Ok(findings);
    };
    let shrunk = |what: String, previous: usize, new: usize| {
        let drop = previous.saturating_sub(new) as f64 / previous as f64;
        (previous > 0 && drop > max_shrink).then_some(Finding::Shrunk {
            what,
            previous,
            new,
            max_shrink,
        })
    };
    findings.extend(shrunk(
        "entities".to_string(),
        active.entity_count,
        meta.entity_count,
    ));
    for (role, previous) in stored_records(transaction, active.id)? {
        if previous < MIN_RECORDS_COMPARED {
            continue;
        }
        let new = meta.records.iter().find(|file| file.role == role);
        let what = match new {
            Some(file) => format!("records in {}", file_name(&file.path)),
            None => format!(
                "records in the {} file (none given; the active version has one)",
                role.name()
            ),
        };
        findings.extend(shrunk(what, previous, new.map_or(0, |file| file.records)));
    }
    Ok(findings)
}

/// Stores how many records each file of a new version held.
pub(crate) fn store_records(
    transaction: &Db,
    version: VersionId,
    records: &[FileRecords],
) -> Result<(), StoreError> {
    let mut insert = transaction.prepare_cached(
        "INSERT INTO version_file_records (version_id, role, records) VALUES (?1, ?2, ?3) \
         ON CONFLICT (version_id, role) DO UPDATE SET records = excluded.records",
    )?;
    for file in records {
        let count = i64::try_from(file.records).unwrap_or(i64::MAX);
        insert.execute(params![version.0, file.role.name(), count])?;
    }
    Ok(())
}

/// The record counts stored for a version, by role.
fn stored_records(
    transaction: &Db,
    version: VersionId,
) -> Result<Vec<(FileRole, usize)>, StoreError> {
    let mut select = transaction.prepare_cached(
        "SELECT role, records FROM version_file_records WHERE version_id = ?1 ORDER BY role",
    )?;
    let rows = select
        .query_map([version.0], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter()
        .map(|(role, records)| {
            let role = role_named(&role).ok_or_else(|| {
                StoreError::Damaged(format!("version_file_records: unknown role {role:?}"))
            })?;
            Ok((role, usize::try_from(records).unwrap_or(0)))
        })
        .collect()
}

/// The role a stored role name stands for.
fn role_named(name: &str) -> Option<FileRole> {
    [
        FileRole::Primary,
        FileRole::Aliases,
        FileRole::Addresses,
        FileRole::Comments,
    ]
    .into_iter()
    .find(|role| role.name() == name)
}

/// `alt.csv` for messages.
fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    )
}

/// The notice a forced import keeps for each finding.
pub(crate) fn forced_notice(finding: &Finding) -> String {
    format!("imported with --force although incomplete: {finding}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shrink_message_says_how_much() {
        let finding = Finding::Shrunk {
            what: "records in alt.csv".to_string(),
            previous: 18_018,
            new: 99,
            max_shrink: 0.2,
        };
        assert_eq!(
            finding.to_string(),
            "99 records in alt.csv against 18018 in the active version, a drop of 99.5 % (more \
             than the 20 % allowed)"
        );
    }

    #[test]
    fn roles_round_trip_through_their_names() {
        for role in [
            FileRole::Primary,
            FileRole::Aliases,
            FileRole::Addresses,
            FileRole::Comments,
        ] {
            assert_eq!(role_named(role.name()), Some(role));
        }
        assert_eq!(role_named("other"), None);
    }
}
