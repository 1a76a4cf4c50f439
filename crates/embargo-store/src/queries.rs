//! Reading the store: sources, versions, entities and the (id, hash) pairs
//! a diff compares.
//!
//! The functions take a plain [`Connection`] so the import can use them
//! inside its transaction; [`Store`] methods wrap them.

use std::collections::BTreeMap;

use crate::db::{Db, Params, Row};
use embargo_core::model::{Entity, PartialDate};

use crate::clock::parse_timestamp;
use crate::{
    FileInfo, Publication, PublicationOrigin, PublishedAt, SourceSummary, Store, StoreError,
    StoreStats, StoredEntity, VersionId, VersionInfo, VersionSelector, selector,
};

/// The columns of `versions` (aliased `v`) that make a [`VersionInfo`], in
/// the order [`read_version_row`] reads them.
const VERSION_COLUMNS: &str = "v.id, v.source_id, v.sequence, v.format, v.published, \
     v.content_hash, v.imported_at, v.entity_count, v.published_at, v.published_from, \
     CASE WHEN v.id = (SELECT s.active_version FROM sources s WHERE s.id = v.source_id) \
     THEN 1 ELSE 0 END";

/// Condition on `versions v` keeping only each source's active version.
const IS_ACTIVE: &str = "v.id = (SELECT s.active_version FROM sources s WHERE s.id = v.source_id)";

impl Store {
    /// Every source with all its versions (files included), sources by id,
    /// versions oldest first: everything `embargo lists` shows, in two
    /// queries plus one small indexed query per version for its files.
    pub fn sources(&self) -> Result<Vec<SourceSummary>, StoreError> {
        let versions = load_versions(&self.connection, "ORDER BY v.source_id, v.sequence", ())?;
        let formats = source_formats(&self.connection)?;
        Ok(group_by_source(formats, versions))
    }

    /// Every version of `source_id`, oldest first.
    pub fn versions(&self, source_id: &str) -> Result<Vec<VersionInfo>, StoreError> {
        let versions = versions_of(&self.connection, source_id)?;
        if versions.is_empty() {
            return Err(StoreError::UnknownSource(source_id.to_string()));
        }
        Ok(versions)
    }

    /// The active version of every source: its newest publication, unless
    /// another was activated on purpose ([`Store::activate`]).
    pub fn active_versions(&self) -> Result<Vec<VersionInfo>, StoreError> {
        active_versions(&self.connection)
    }

    /// The active version of `source_id`, or `None` when the store has no
    /// such source.
    pub fn active_version(&self, source_id: &str) -> Result<Option<VersionInfo>, StoreError> {
        active_version(&self.connection, source_id)
    }

    /// The version of `source_id` that `selector` names.
    pub fn version(
        &self,
        source_id: &str,
        selector: &VersionSelector,
    ) -> Result<VersionInfo, StoreError> {
        let versions = self.versions(source_id)?;
        selector::select_version(source_id, versions, selector)
    }

    /// The version with this key, if any.
    pub fn version_by_id(&self, version: VersionId) -> Result<Option<VersionInfo>, StoreError> {
        version_by_id(&self.connection, version)
    }

    /// The entity with this id in the active version of its source, with
    /// that version; `None` when no active version lists it.
    pub fn entity(&self, entity_id: &str) -> Result<Option<StoredEntity>, StoreError> {
        let sql = format!(
            "SELECT ve.version_id, b.body FROM version_entities ve \
             JOIN entity_bodies b ON b.hash = ve.body_hash \
             JOIN versions v ON v.id = ve.version_id \
             WHERE ve.entity_id = ?1 AND {IS_ACTIVE}"
        );
        let found = self.connection.query_opt(&sql, [entity_id], |row| {
            Ok((
                VersionId(row.get(0)?),
                decode_entity(text_column(row, 1)?, entity_id)?,
            ))
        })?;
        let Some((version_id, entity)) = found else {
            return Ok(None);
        };
        let version = version_by_id(&self.connection, version_id)?
            .ok_or_else(|| StoreError::Damaged(format!("version {version_id:?} vanished")))?;
        Ok(Some(StoredEntity { entity, version }))
    }

    /// Hands every entity of `version` to `visit`, in id order, decoding one
    /// at a time.
    pub fn for_each_entity(
        &self,
        version: VersionId,
        visit: impl FnMut(Entity),
    ) -> Result<(), StoreError> {
        visit_entities(
            &self.connection,
            "WHERE ve.version_id = ?1 ORDER BY ve.entity_id",
            [version.0],
            visit,
        )
    }

    /// Every entity of `version`, in id order.
    pub fn entities(&self, version: VersionId) -> Result<Vec<Entity>, StoreError> {
        let mut entities = Vec::new();
        self.for_each_entity(version, |entity| entities.push(entity))?;
        Ok(entities)
    }

    /// Hands every entity of every active version to `visit`, source by
    /// source, in id order.
    pub fn for_each_active_entity(&self, mut visit: impl FnMut(Entity)) -> Result<(), StoreError> {
        // One indexed range scan per active version: a single join over all
        // versions makes SQLite read the bodies of old versions too.
        for version in active_versions(&self.connection)? {
            self.for_each_entity(version.id, &mut visit)?;
        }
        Ok(())
    }

    /// Every entity of every active version: what screening runs against.
    pub fn active_entities(&self) -> Result<Vec<Entity>, StoreError> {
        let mut entities = Vec::new();
        self.for_each_active_entity(|entity| entities.push(entity))?;
        Ok(entities)
    }

    /// Entity id → body hash for every entity of `version`. Two versions'
    /// maps compared key by key give the entities added, removed and
    /// changed; [`Store::entity_body`] then loads the bodies that differ.
    pub fn version_entity_hashes(
        &self,
        version: VersionId,
    ) -> Result<BTreeMap<String, String>, StoreError> {
        let mut statement = self.connection.prepare_cached(
            "SELECT entity_id, body_hash FROM version_entities WHERE version_id = ?1",
        )?;
        let pairs = statement
            .query_map([version.0], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<Result<BTreeMap<String, String>, _>>()?;
        Ok(pairs)
    }

    /// The entity stored under a body hash (from
    /// [`Store::version_entity_hashes`]), if any.
    pub fn entity_body(&self, body_hash: &str) -> Result<Option<Entity>, StoreError> {
        self.connection.query_opt(
            "SELECT body FROM entity_bodies WHERE hash = ?1",
            [body_hash],
            |row| decode_entity(text_column(row, 0)?, body_hash),
        )
    }

    /// Row counts of the whole store.
    pub fn stats(&self) -> Result<StoreStats, StoreError> {
        let active_entities: i64 = self.connection.query_row(
            // SUM is NUMERIC on PostgreSQL: cast back to an integer.
            &format!(
                "SELECT CAST(COALESCE(SUM(v.entity_count), 0) AS BIGINT) FROM versions v \
                 WHERE {IS_ACTIVE}"
            ),
            (),
            |row| row.get(0),
        )?;
        Ok(StoreStats {
            sources: count_rows(&self.connection, "sources")?,
            versions: count_rows(&self.connection, "versions")?,
            version_entities: count_rows(&self.connection, "version_entities")?,
            entity_bodies: count_rows(&self.connection, "entity_bodies")?,
            active_entities: to_count(active_entities)?,
        })
    }
}

/// The active version of `source_id`, if the source exists.
pub(crate) fn active_version(
    connection: &Db,
    source_id: &str,
) -> Result<Option<VersionInfo>, StoreError> {
    let condition = format!("WHERE v.source_id = ?1 AND {IS_ACTIVE}");
    Ok(load_versions(connection, &condition, [source_id])?.pop())
}

/// The versions of `source_id` whose files have this content hash, oldest
/// import first.
pub(crate) fn versions_with_content(
    connection: &Db,
    source_id: &str,
    content_hash: &str,
) -> Result<Vec<VersionInfo>, StoreError> {
    let condition = "WHERE v.source_id = ?1 AND v.content_hash = ?2 ORDER BY v.sequence";
    load_versions(connection, condition, [source_id, content_hash])
}

/// Every version of `source_id`, oldest import first (empty for an
/// unknown source).
pub(crate) fn versions_of(
    connection: &Db,
    source_id: &str,
) -> Result<Vec<VersionInfo>, StoreError> {
    load_versions(
        connection,
        "WHERE v.source_id = ?1 ORDER BY v.sequence",
        [source_id],
    )
}

/// The version with key `version`, if any.
pub(crate) fn version_by_id(
    connection: &Db,
    version: VersionId,
) -> Result<Option<VersionInfo>, StoreError> {
    Ok(load_versions(connection, "WHERE v.id = ?1", [version.0])?.pop())
}

/// The active version of every source, by source id.
fn active_versions(connection: &Db) -> Result<Vec<VersionInfo>, StoreError> {
    let condition = format!("WHERE {IS_ACTIVE} ORDER BY v.source_id");
    load_versions(connection, &condition, ())
}

/// Versions selected by `tail` (a `WHERE` and/or `ORDER BY` clause over
/// `versions v`), files included.
fn load_versions(
    connection: &Db,
    tail: &str,
    params: impl Params,
) -> Result<Vec<VersionInfo>, StoreError> {
    let sql = format!("SELECT {VERSION_COLUMNS} FROM versions v {tail}");
    let mut statement = connection.prepare_cached(&sql)?;
    let rows = statement
        .query_map(params, read_version_row)?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter()
        .map(|row| {
            let files = load_files(connection, VersionId(row.id))?;
            row.into_version(files)
        })
        .collect()
}

/// A `versions` row as stored, before its text is parsed.
struct VersionRow {
    id: i64,
    source_id: String,
    sequence: i64,
    format: String,
    published: Option<String>,
    content_hash: String,
    imported_at: String,
    entity_count: i64,
    published_at: Option<String>,
    published_from: String,
    active: i64,
}

/// Reads [`VERSION_COLUMNS`].
fn read_version_row(row: &Row<'_>) -> Result<VersionRow, StoreError> {
    Ok(VersionRow {
        id: row.get(0)?,
        source_id: row.get(1)?,
        sequence: row.get(2)?,
        format: row.get(3)?,
        published: row.get(4)?,
        content_hash: row.get(5)?,
        imported_at: row.get(6)?,
        entity_count: row.get(7)?,
        published_at: row.get(8)?,
        published_from: row.get(9)?,
        active: row.get(10)?,
    })
}

impl VersionRow {
    /// The [`VersionInfo`] this row stands for.
    fn into_version(self, files: Vec<FileInfo>) -> Result<VersionInfo, StoreError> {
        let published = self
            .published
            .as_deref()
            .map(PartialDate::parse)
            .transpose()
            .map_err(|error| StoreError::Damaged(format!("version {}: {error}", self.id)))?;
        let damaged = |what: &str| StoreError::Damaged(format!("version {}: {what}", self.id));
        let at = self
            .published_at
            .as_deref()
            .ok_or_else(|| damaged("no publication date"))?
            .parse::<PublishedAt>()
            .map_err(|error| damaged(&error))?;
        let origin = PublicationOrigin::parse(&self.published_from)
            .ok_or_else(|| damaged(&format!("publication origin {:?}", self.published_from)))?;
        Ok(VersionInfo {
            id: VersionId(self.id),
            publication: Publication::new(at, origin),
            active: self.active != 0,
            sequence: u32::try_from(self.sequence)
                .map_err(|_| StoreError::Damaged(format!("sequence {}", self.sequence)))?,
            published,
            imported_at: parse_timestamp(&self.imported_at)?,
            entity_count: to_count(self.entity_count)?,
            source_id: self.source_id,
            format: self.format,
            content_hash: self.content_hash,
            files,
        })
    }
}

/// The files of one version, in role order.
fn load_files(connection: &Db, version: VersionId) -> Result<Vec<FileInfo>, StoreError> {
    let mut statement = connection.prepare_cached(
        "SELECT role, file_name, sha256, byte_size FROM version_files \
         WHERE version_id = ?1 ORDER BY position",
    )?;
    let rows = statement
        .query_map([version.0], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get::<_, i64>(3)?))
        })?
        .collect::<Result<Vec<(String, String, String, i64)>, _>>()?;
    rows.into_iter()
        .map(|(role, name, sha256, size)| {
            Ok(FileInfo {
                role,
                name,
                sha256,
                size: u64::try_from(size)
                    .map_err(|_| StoreError::Damaged(format!("file size {size}")))?,
            })
        })
        .collect()
}

/// Source id → format name.
fn source_formats(connection: &Db) -> Result<BTreeMap<String, String>, StoreError> {
    let mut statement = connection.prepare_cached("SELECT id, format FROM sources")?;
    let formats = statement
        .query_map((), |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<Result<BTreeMap<String, String>, _>>()?;
    Ok(formats)
}

/// Sorts versions (ordered by source, then sequence) into one summary per
/// source.
fn group_by_source(
    formats: BTreeMap<String, String>,
    versions: Vec<VersionInfo>,
) -> Vec<SourceSummary> {
    let mut summaries: Vec<SourceSummary> = formats
        .into_iter()
        .map(|(id, format)| SourceSummary {
            id,
            format,
            versions: Vec::new(),
        })
        .collect();
    for version in versions {
        if let Ok(index) = summaries.binary_search_by(|summary| summary.id.cmp(&version.source_id))
        {
            summaries[index].versions.push(version);
        }
    }
    summaries
}

/// Runs `SELECT ve.entity_id, b.body FROM version_entities ve JOIN
/// entity_bodies b … {tail}` and hands each decoded entity to `visit`.
fn visit_entities(
    connection: &Db,
    tail: &str,
    params: impl Params,
    mut visit: impl FnMut(Entity),
) -> Result<(), StoreError> {
    let sql = format!(
        "SELECT ve.entity_id, b.body FROM version_entities ve \
         JOIN entity_bodies b ON b.hash = ve.body_hash {tail}"
    );
    connection.query_each(&sql, params, |row| {
        visit(decode_entity(text_column(row, 1)?, text_column(row, 0)?)?);
        Ok(())
    })
}

/// Decodes stored entity JSON; `name` (an entity id or body hash) says
/// which in messages.
pub(crate) fn decode_entity(body: &str, name: &str) -> Result<Entity, StoreError> {
    serde_json::from_str(body)
        .map_err(|error| StoreError::Damaged(format!("entity {name}: {error}")))
}

/// A text column of `row`, borrowed rather than copied.
pub(crate) fn text_column<'row>(row: &'row Row<'_>, index: usize) -> Result<&'row str, StoreError> {
    row.get_str(index)
}

/// A stored count as `usize`.
pub(crate) fn to_count(value: i64) -> Result<usize, StoreError> {
    usize::try_from(value).map_err(|_| StoreError::Damaged(format!("count {value}")))
}

/// Number of rows of `table` (a name from this crate, never user input).
fn count_rows(connection: &Db, table: &str) -> Result<usize, StoreError> {
    let count: i64 = connection.query_row(&format!("SELECT COUNT(*) FROM {table}"), (), |row| {
        row.get(0)
    })?;
    to_count(count)
}
