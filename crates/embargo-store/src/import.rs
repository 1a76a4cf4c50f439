//! Importing one publication of a list as a new version, atomically, and
//! activating it when it is the newest publication.
//!
//! The files are hashed first; a publication identical to the source's
//! active version is reported [`ImportOutcome::Unchanged`] without being
//! parsed, and so is one identical, content and publication date, to a
//! stored older version (found after parsing: the date may be in the
//! files). Otherwise the version and every entity the parser hands over are
//! written in one transaction, committed only when the parser succeeds,
//! every entity was accepted and the publication passed the completeness
//! checks ([`crate::completeness`]). The same transaction, which holds the write
//! lock from its first statement, compares the new version's publication
//! with the active version's and moves the active pointer only when the
//! new one is not older (see [`crate::activation`]): two imports running
//! at once cannot leave the older publication active.

use std::collections::HashSet;

use crate::db::{Db, Param, ParamList, params, value_tuples};
use chrono::Utc;
use embargo_core::model::Entity;
use embargo_core::sources::{EntitySink, ListFiles, ListMeta, SourceError};
use serde_json::json;

use crate::activation::{self, Activation};
use crate::audit::{self, AuditKind, NewEntry};
use crate::clock::timestamp;
use crate::completeness::{self, ImportChecks};
use crate::hashing::{self, ContentDigest};
use crate::queries::{active_version, version_by_id, versions_with_content};
use crate::{Publication, Store, StoreError, VersionId, VersionInfo, publication};

/// What to import.
#[derive(Debug, Clone, Copy)]
pub struct ImportRequest<'a> {
    /// The source the publication is a version of (`ofac-sdn`). Every
    /// entity id must start with it and a colon (`ofac-sdn:43377`).
    pub source_id: &'a str,
    /// The publication's files and their format.
    pub files: &'a ListFiles,
    /// The publication date the caller knows, for files that may state
    /// none: given by the user ([`crate::PublicationOrigin::Option`]) or
    /// the download's `Last-Modified`
    /// ([`crate::PublicationOrigin::LastModified`]). A date the files
    /// state wins over a `Last-Modified`; one that contradicts a date the
    /// user gave is an error. Without either, the files' modification time
    /// is used.
    pub published: Option<Publication>,
    /// Activate the new version even when its publication is older than
    /// the active version's.
    pub force_activation: bool,
    /// How strictly the publication is checked for being whole.
    pub checks: ImportChecks,
}

impl<'a> ImportRequest<'a> {
    /// An import of `files` as a version of `source_id`, with no
    /// publication date given and no forced activation.
    pub fn new(source_id: &'a str, files: &'a ListFiles) -> ImportRequest<'a> {
        ImportRequest {
            source_id,
            files,
            published: None,
            force_activation: false,
            checks: ImportChecks::default(),
        }
    }

    /// The same request, with the publication date the caller knows.
    pub fn published(self, published: Option<Publication>) -> ImportRequest<'a> {
        ImportRequest { published, ..self }
    }

    /// The same request, checked for completeness as `checks` says
    /// (`checks.force` imports what looks incomplete, with notices).
    pub fn checks(self, checks: ImportChecks) -> ImportRequest<'a> {
        ImportRequest { checks, ..self }
    }

    /// The same request, activating the new version even when older.
    pub fn force_activation(self, force: bool) -> ImportRequest<'a> {
        ImportRequest {
            force_activation: force,
            ..self
        }
    }
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportOutcome {
    /// A new version was stored.
    Imported {
        /// The new version.
        version: VersionInfo,
        /// The parser's remarks ([`ListMeta::notices`]), for the user.
        notices: Vec<String>,
        /// Whether it became the active version.
        activation: Activation,
    },
    /// The files are byte for byte those of the active version, or those
    /// of another stored version published at the same date; nothing was
    /// stored.
    Unchanged {
        /// That version.
        version: VersionInfo,
    },
}

impl ImportOutcome {
    /// The version imported, or the existing one the files matched.
    pub fn version(&self) -> &VersionInfo {
        match self {
            ImportOutcome::Imported { version, .. } | ImportOutcome::Unchanged { version } => {
                version
            }
        }
    }

    /// True when a new version was stored.
    pub fn is_imported(&self) -> bool {
        matches!(self, ImportOutcome::Imported { .. })
    }

    /// True when a new version was stored and made active (what is
    /// screened against changed).
    pub fn is_activated(&self) -> bool {
        match self {
            ImportOutcome::Imported { activation, .. } => activation.is_activated(),
            ImportOutcome::Unchanged { .. } => false,
        }
    }
}

impl Store {
    /// Imports one publication of a source.
    ///
    /// `parse` receives a sink, hands it every entity of the files as it
    /// reads them and returns what it learned ([`ListMeta::published`] is
    /// the date the files state; see [`ImportRequest::published`] for the
    /// other sources of a publication date). Typically
    /// `|sink| sources::parse(files, source_id, sink)`.
    ///
    /// The new version becomes the source's active version when the source
    /// had none, when its publication is not older than the active one's,
    /// or when the request forces it; otherwise it is kept as history
    /// ([`Activation::KeptAsHistory`]). The decision is taken inside the
    /// import's transaction, under the write lock.
    ///
    /// All or nothing: when the parser fails ([`StoreError::Parse`], its
    /// message unchanged), an entity is refused ([`StoreError::DuplicateEntity`],
    /// [`StoreError::ForeignEntity`]), the publication date contradicts the
    /// files ([`StoreError::PublicationConflict`]), the publication looks
    /// incomplete ([`StoreError::Incomplete`], unless
    /// [`ImportRequest::checks`] forces it) or the database fails,
    /// the store is left exactly as it was. A new version is entered in the
    /// audit log in the same transaction. Concurrent imports into the same
    /// file queue one behind the other.
    pub fn import<P>(
        &mut self,
        request: ImportRequest<'_>,
        parse: P,
    ) -> Result<ImportOutcome, StoreError>
    where
        P: FnOnce(&mut EntitySink<'_>) -> Result<ListMeta, SourceError>,
    {
        ensure_valid_source_id(request.source_id)?;
        ensure_has_files(&request)?;
        let digest = hashing::digest_publication(request.files)?;
        let transaction = self.connection.begin_write()?;
        let same_content = versions_with_content(&transaction, request.source_id, &digest.hash)?;
        if let Some(active) = same_content.iter().find(|version| version.active) {
            return Ok(ImportOutcome::Unchanged {
                version: active.clone(),
            });
        }
        let imported_at = Utc::now();
        let version_id = create_version(&transaction, &request, &digest, &timestamp(imported_at))?;
        let mut meta = write_entities(&transaction, request.source_id, version_id, parse)?;
        let publication = publication::resolve(
            request.source_id,
            meta.published,
            request.published,
            request.files,
            imported_at,
        )?;
        if let Some(stored) = same_publication(same_content, &publication) {
            // Dropping the transaction forgets what the parse wrote.
            return Ok(ImportOutcome::Unchanged { version: stored });
        }
        // The active version, read once: what the completeness checks
        // compare with and what activation replaces.
        let activation = activation::decide(
            active_version(&transaction, request.source_id)?,
            &publication,
            request.force_activation,
        );
        check_completeness(&transaction, &request, version_id, &activation, &mut meta)?;
        finish_version(&transaction, version_id, &meta, &publication)?;
        activation::after_import(&transaction, request.source_id, version_id, &activation)?;
        let version = version_by_id(&transaction, version_id)?
            .ok_or_else(|| StoreError::Damaged(format!("version {version_id:?} vanished")))?;
        audit::append(&transaction, import_entry(&version, &activation))?;
        transaction.commit()?;
        Ok(ImportOutcome::Imported {
            version,
            notices: meta.notices,
            activation,
        })
    }
}

/// Runs the completeness checks on a parsed publication and stores its
/// file record counts; refuses it ([`StoreError::Incomplete`]) when a check
/// fails unless the request forces it, which turns each finding into a
/// notice. Shrinking is measured against the active version only when the
/// new one is to replace it: an older publication kept as history is
/// checked for the parser's doubts alone.
fn check_completeness(
    transaction: &Db,
    request: &ImportRequest<'_>,
    version_id: VersionId,
    activation: &Activation,
    meta: &mut ListMeta,
) -> Result<(), StoreError> {
    let replaced = activation.replaced();
    let findings = completeness::findings(transaction, replaced, meta, request.checks.max_shrink)?;
    if !findings.is_empty() && !request.checks.force {
        return Err(StoreError::Incomplete {
            source_id: request.source_id.to_string(),
            findings,
        });
    }
    meta.notices
        .extend(findings.iter().map(completeness::forced_notice));
    completeness::store_records(transaction, version_id, &meta.records)
}

/// The stored version (of the same content) that is this very
/// publication: published at the same day or moment. The same content
/// published again later is a new publication (a list can return to an
/// earlier state), stored as a version of its own.
fn same_publication(
    same_content: Vec<VersionInfo>,
    publication: &Publication,
) -> Option<VersionInfo> {
    same_content.into_iter().find(|version| {
        version.publication.at.compare(&publication.at) == std::cmp::Ordering::Equal
    })
}

/// A source id is not empty and has no colon (it ends where the entity
/// ids' native part begins), white space or control character.
fn ensure_valid_source_id(source_id: &str) -> Result<(), StoreError> {
    let valid = !source_id.is_empty()
        && !source_id
            .chars()
            .any(|c| c == ':' || c.is_whitespace() || c.is_control());
    if valid {
        return Ok(());
    }
    Err(StoreError::InvalidSourceId(source_id.to_string()))
}

/// An import must name at least one file.
fn ensure_has_files(request: &ImportRequest<'_>) -> Result<(), StoreError> {
    if request.files.files.is_empty() {
        return Err(StoreError::NoFiles {
            source_id: request.source_id.to_string(),
        });
    }
    Ok(())
}

/// Records the source (or its new format) and a new, still empty version
/// with its files; returns the version's key.
fn create_version(
    transaction: &Db,
    request: &ImportRequest<'_>,
    digest: &ContentDigest,
    now: &str,
) -> Result<VersionId, StoreError> {
    let format = request.files.format.name();
    transaction.execute(
        "INSERT INTO sources (id, format, created_at) VALUES (?1, ?2, ?3) \
         ON CONFLICT (id) DO UPDATE SET format = excluded.format",
        params![request.source_id, format, now],
    )?;
    let (version_id, sequence): (i64, i64) = transaction.query_row(
        "SELECT (SELECT COALESCE(MAX(id), 0) + 1 FROM versions), \
                (SELECT COALESCE(MAX(sequence), 0) + 1 FROM versions WHERE source_id = ?1)",
        [request.source_id],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?;
    transaction.execute(
        "INSERT INTO versions (id, source_id, sequence, format, published, content_hash, \
         imported_at, entity_count, published_at, published_from) \
         VALUES (?1, ?2, ?3, ?4, NULL, ?5, ?6, 0, ?6, 'import-time')",
        params![
            version_id,
            request.source_id,
            sequence,
            format,
            digest.hash,
            now
        ],
    )?;
    insert_files(transaction, version_id, digest)?;
    Ok(VersionId(version_id))
}

/// Records the files of a version, in digest (role) order.
fn insert_files(
    transaction: &Db,
    version_id: i64,
    digest: &ContentDigest,
) -> Result<(), StoreError> {
    let mut insert = transaction.prepare_cached(
        "INSERT INTO version_files (version_id, position, role, file_name, sha256, byte_size) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (position, file) in digest.files.iter().enumerate() {
        let size = i64::try_from(file.size).unwrap_or(i64::MAX);
        insert.execute(params![
            version_id,
            position as i64,
            file.role.name(),
            file.name,
            file.sha256,
            size
        ])?;
    }
    Ok(())
}

/// Runs the parser with a sink writing into the transaction. The first
/// entity the sink refuses decides the error, whatever the parser makes of
/// the refusal.
fn write_entities<P>(
    transaction: &Db,
    source_id: &str,
    version_id: VersionId,
    parse: P,
) -> Result<ListMeta, StoreError>
where
    P: FnOnce(&mut EntitySink<'_>) -> Result<ListMeta, SourceError>,
{
    let mut writer = EntityWriter::new(transaction, source_id, version_id)?;
    let parsed = parse(&mut |entity| writer.accept(entity));
    if let Some(refusal) = writer.refusal {
        return Err(refusal);
    }
    if parsed.is_ok() {
        writer.flush()?;
    }
    let mut meta = parsed.map_err(StoreError::Parse)?;
    meta.entity_count = writer.seen.len();
    Ok(meta)
}

/// Entities written per statement: one multi-row insert per table for
/// this many entities (a round trip each on PostgreSQL, where one insert
/// per entity would cost the import several times SQLite's time).
const ENTITY_BATCH: usize = 500;

/// Stores the entities of one version as the parser hands them over, in
/// batches of [`ENTITY_BATCH`].
struct EntityWriter<'t> {
    connection: &'t Db,
    source_id: &'t str,
    version_id: VersionId,
    /// (entity id, body hash, body) not yet written.
    pending: Vec<(String, String, String)>,
    /// Ids stored so far in this version.
    seen: HashSet<String>,
    /// Why the first refused entity was refused.
    refusal: Option<StoreError>,
}

impl<'t> EntityWriter<'t> {
    /// A writer into `connection`'s transaction.
    fn new(
        connection: &'t Db,
        source_id: &'t str,
        version_id: VersionId,
    ) -> Result<EntityWriter<'t>, StoreError> {
        Ok(EntityWriter {
            connection,
            source_id,
            version_id,
            pending: Vec::with_capacity(ENTITY_BATCH),
            seen: HashSet::new(),
            refusal: None,
        })
    }

    /// Writes the pending entities: their bodies (each distinct body once
    /// in the store) and their (version, id, hash) rows.
    fn flush(&mut self) -> Result<(), StoreError> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let rows = self.pending.len();
        let mut bodies = Vec::with_capacity(rows * 2);
        let mut entries = Vec::with_capacity(rows * 3);
        for (entity_id, hash, body) in &self.pending {
            bodies.push(Param::Text(hash));
            bodies.push(Param::Text(body));
            entries.push(Param::Int(self.version_id.0));
            entries.push(Param::Text(entity_id));
            entries.push(Param::Text(hash));
        }
        self.connection.execute(
            &format!(
                "INSERT INTO entity_bodies (hash, body) VALUES {} ON CONFLICT (hash) DO NOTHING",
                value_tuples(rows, 2)
            ),
            ParamList(bodies),
        )?;
        self.connection.execute(
            &format!(
                "INSERT INTO version_entities (version_id, entity_id, body_hash) VALUES {}",
                value_tuples(rows, 3)
            ),
            ParamList(entries),
        )?;
        self.pending.clear();
        Ok(())
    }

    /// The sink: stores `entity`, or refuses it (and every later one) with
    /// a [`SourceError::Sink`] naming it.
    fn accept(&mut self, entity: Entity) -> Result<(), SourceError> {
        let outcome = match &self.refusal {
            Some(refusal) => Err(refusal.to_string()),
            None => self.store(&entity).map_err(|error| {
                let message = error.to_string();
                self.refusal = Some(error);
                message
            }),
        };
        outcome.map_err(|message| SourceError::Sink {
            entity: entity.id,
            message,
        })
    }

    /// Checks and writes one entity.
    fn store(&mut self, entity: &Entity) -> Result<(), StoreError> {
        ensure_belongs_to_source(self.source_id, &entity.id)?;
        self.ensure_first_occurrence(&entity.id)?;
        let body = hashing::canonical_json(entity)?;
        let hash = hashing::body_hash(&body);
        self.pending.push((entity.id.clone(), hash, body));
        if self.pending.len() >= ENTITY_BATCH {
            self.flush()?;
        }
        Ok(())
    }

    /// An entity id may occur once per version.
    fn ensure_first_occurrence(&mut self, entity_id: &str) -> Result<(), StoreError> {
        if self.seen.insert(entity_id.to_string()) {
            return Ok(());
        }
        Err(StoreError::DuplicateEntity {
            source_id: self.source_id.to_string(),
            entity_id: entity_id.to_string(),
        })
    }
}

/// Entity ids are `<source id>:<native id>`, which keeps ids of different
/// sources apart.
fn ensure_belongs_to_source(source_id: &str, entity_id: &str) -> Result<(), StoreError> {
    let belongs = entity_id
        .strip_prefix(source_id)
        .is_some_and(|rest| rest.len() > 1 && rest.starts_with(':'));
    if belongs {
        return Ok(());
    }
    Err(StoreError::ForeignEntity {
        source_id: source_id.to_string(),
        entity_id: entity_id.to_string(),
    })
}

/// Fills in the entity count and the publication.
fn finish_version(
    transaction: &Db,
    version_id: VersionId,
    meta: &ListMeta,
    publication: &Publication,
) -> Result<(), StoreError> {
    let entity_count = i64::try_from(meta.entity_count).unwrap_or(i64::MAX);
    let published = (publication.origin != crate::PublicationOrigin::ImportTime)
        .then(|| publication.at.day().format("%Y-%m-%d").to_string());
    transaction.execute(
        "UPDATE versions SET entity_count = ?1, published = ?2, published_at = ?3, \
         published_from = ?4 WHERE id = ?5",
        params![
            entity_count,
            published,
            publication.at.to_string(),
            publication.origin.as_str(),
            version_id.0
        ],
    )?;
    Ok(())
}

/// The audit entry of a new version, written in the import's transaction.
fn import_entry(version: &VersionInfo, activation: &Activation) -> NewEntry<'static> {
    let files: Vec<serde_json::Value> = version
        .files
        .iter()
        .map(|file| json!({"role": file.role, "name": file.name, "sha256": file.sha256}))
        .collect();
    let outcome = match activation {
        Activation::Activated { .. } => "activated".to_string(),
        Activation::Forced { replaced } => format!(
            "activated although older than {} (forced)",
            replaced.label()
        ),
        Activation::KeptAsHistory { active } => {
            format!("kept as history: older than the active {}", active.label())
        }
    };
    NewEntry {
        kind: AuditKind::Import,
        actor: IMPORT_ACTOR,
        summary: format!(
            "imported {} {} ({} entities), {outcome}",
            version.source_id,
            version.label(),
            version.entity_count
        ),
        detail: json!({
            "source": version.source_id,
            "version": version.label(),
            "published": version.published.map(|date| date.to_string()),
            "published_at": version.publication.at,
            "published_from": version.publication.origin,
            "activated": activation.is_activated(),
            "forced": matches!(activation, Activation::Forced { .. }),
            "previous": activation.previous().map(VersionInfo::label),
            "content_hash": version.content_hash,
            "entities": version.entity_count,
            "files": files,
        }),
    }
}

/// Who the audit log names as the author of an import.
const IMPORT_ACTOR: &str = "embargo";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_ids_are_single_words_without_colon() {
        for valid in ["ofac-sdn", "un", "custom-our-blocklist", "ftm_x.2"] {
            assert!(ensure_valid_source_id(valid).is_ok(), "{valid} refused");
        }
        for invalid in ["", "a:b", "our list", "tab\there"] {
            assert!(
                ensure_valid_source_id(invalid).is_err(),
                "{invalid:?} accepted"
            );
        }
    }

    #[test]
    fn ids_must_carry_the_source_prefix() {
        assert!(ensure_belongs_to_source("ofac-sdn", "ofac-sdn:43377").is_ok());
        for foreign in [
            "un:KPi.066",
            "ofac-sdn",
            "ofac-sdn:",
            "ofac-sdnx:1",
            "ofac-sdn-2:1",
        ] {
            assert!(
                ensure_belongs_to_source("ofac-sdn", foreign).is_err(),
                "{foreign} accepted"
            );
        }
    }
}
