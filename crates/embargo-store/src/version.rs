//! What the store tells about sources and their versions.

use chrono::{DateTime, Utc};
use embargo_core::model::{Entity, PartialDate};
use embargo_core::sources::{FileRole, SourceFormat};

use crate::Publication;

/// Store-wide key of one version of one source. Obtained from a
/// [`VersionInfo`]; meaningful only within the store that issued it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct VersionId(pub(crate) i64);

/// One imported publication of a source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionInfo {
    /// Store-wide key, for [`crate::Store::entities`] and friends.
    pub id: VersionId,
    /// The source (`ofac-sdn`).
    pub source_id: String,
    /// Per-source number: the first import is 1, the next different one 2, …
    pub sequence: u32,
    /// Name of the format the files were in ([`SourceFormat::name`]).
    pub format: String,
    /// Publication date, when known: the day of [`VersionInfo::publication`]
    /// unless that is only the import time.
    pub published: Option<PartialDate>,
    /// When it was published and how that is known: what orders the
    /// versions of a source (the newest publication is activated, not the
    /// last import).
    pub publication: Publication,
    /// True when this is the source's active version, the one screened
    /// against.
    pub active: bool,
    /// SHA-256 (hex) over the files' hashes in role order; see
    /// [`FileInfo::sha256`].
    pub content_hash: String,
    /// When the import ran (the start of its transaction).
    pub imported_at: DateTime<Utc>,
    /// Number of entities in this version.
    pub entity_count: usize,
    /// The files of the publication, in role order.
    pub files: Vec<FileInfo>,
}

impl VersionInfo {
    /// The format, when this build knows its name.
    pub fn source_format(&self) -> Option<SourceFormat> {
        SourceFormat::parse(&self.format)
    }

    /// `v3`: how the version is named on screen and on the command line.
    pub fn label(&self) -> String {
        format!("v{}", self.sequence)
    }

    /// The first 12 hex digits of the content hash, enough to name it.
    pub fn short_hash(&self) -> &str {
        self.content_hash.get(..12).unwrap_or(&self.content_hash)
    }
}

/// One file of an imported publication.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileInfo {
    /// Its role's name ([`FileRole::name`]: `primary`, `aliases`, …).
    pub role: String,
    /// The file's name as imported, without its folder.
    pub name: String,
    /// SHA-256 of its bytes, lower-case hex (what `sha256sum` prints).
    pub sha256: String,
    /// Size in bytes.
    pub size: u64,
}

impl FileInfo {
    /// The role, when this build knows its name.
    pub fn file_role(&self) -> Option<FileRole> {
        role_named(&self.role)
    }
}

/// The [`FileRole`] whose [`FileRole::name`] is `name`.
pub(crate) fn role_named(name: &str) -> Option<FileRole> {
    [
        FileRole::Primary,
        FileRole::Aliases,
        FileRole::Addresses,
        FileRole::Comments,
    ]
    .into_iter()
    .find(|role| role.name() == name)
}

/// A source with every version of it, oldest first: all `embargo lists`
/// shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceSummary {
    /// The source id (`ofac-sdn`).
    pub id: String,
    /// Format name of its newest version.
    pub format: String,
    /// Its versions, by ascending sequence number.
    pub versions: Vec<VersionInfo>,
}

impl SourceSummary {
    /// The active version. Every stored source has one.
    pub fn active(&self) -> Option<&VersionInfo> {
        self.versions.iter().find(|version| version.active)
    }
}

/// An entity read from the store with the version it was read from.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredEntity {
    /// The entity.
    pub entity: Entity,
    /// The version holding it.
    pub version: VersionInfo,
}

/// Row counts, for `embargo lists` footers and for tests of deduplication.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StoreStats {
    /// Number of sources.
    pub sources: usize,
    /// Number of versions of all sources.
    pub versions: usize,
    /// Number of (version, entity) pairs: the sum of all entity counts.
    pub version_entities: usize,
    /// Number of distinct entity bodies actually stored.
    pub entity_bodies: usize,
    /// Number of entities in the active versions.
    pub active_entities: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_names_round_trip() {
        for role in [
            FileRole::Primary,
            FileRole::Aliases,
            FileRole::Addresses,
            FileRole::Comments,
        ] {
            assert_eq!(role_named(role.name()), Some(role));
        }
        assert_eq!(role_named("extra"), None);
    }
}
