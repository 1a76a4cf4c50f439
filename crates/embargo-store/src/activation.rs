//! Which version of a source is active: the one screened against.
//!
//! Each source points at its active version (`sources.active_version`).
//! An import moves the pointer only when the new version's publication is
//! not older than the active one's, or when asked to
//! ([`crate::ImportRequest::force_activation`]); the comparison and the
//! move happen in the import's write transaction, so concurrent imports
//! cannot reorder them. [`Store::activate`] moves it on purpose, to roll
//! back or forward, and enters the change in the audit log.

use crate::db::{Db, params};
use serde_json::json;

use crate::audit::{self, AuditKind, NewEntry};
use crate::queries::{active_version, version_by_id, versions_of};
use crate::{Publication, Store, StoreError, VersionId, VersionInfo, VersionSelector, selector};

/// Whether a newly imported version became active.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Activation {
    /// It is now the active version: the source's first, or a publication
    /// not older than the version it replaced.
    Activated {
        /// The version active before, if the source had one.
        replaced: Option<VersionInfo>,
    },
    /// Older than the active version, but activated because the request
    /// said so ([`crate::ImportRequest::force_activation`]).
    Forced {
        /// The (newer) version active before.
        replaced: VersionInfo,
    },
    /// Older than the active version: stored as history, not activated.
    /// [`Store::activate`] can still make it active.
    KeptAsHistory {
        /// The active version, which stays active.
        active: VersionInfo,
    },
}

impl Activation {
    /// True when the new version is now active.
    pub fn is_activated(&self) -> bool {
        !matches!(self, Activation::KeptAsHistory { .. })
    }

    /// The version the new one replaces, when it became active and the
    /// source had an active version.
    pub fn replaced(&self) -> Option<&VersionInfo> {
        match self {
            Activation::Activated { replaced } => replaced.as_ref(),
            Activation::Forced { replaced } => Some(replaced),
            Activation::KeptAsHistory { .. } => None,
        }
    }

    /// The version that was active before the import, if any.
    pub fn previous(&self) -> Option<&VersionInfo> {
        match self {
            Activation::Activated { replaced } => replaced.as_ref(),
            Activation::Forced { replaced } => Some(replaced),
            Activation::KeptAsHistory { active } => Some(active),
        }
    }
}

/// What [`Store::activate`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivationReport {
    /// The version now active.
    pub version: VersionInfo,
    /// The version active before (the same one when nothing changed).
    pub previous: VersionInfo,
}

impl ActivationReport {
    /// True when the active version changed.
    pub fn changed(&self) -> bool {
        self.version.id != self.previous.id
    }

    /// True when the version now active is an older publication than the
    /// one it replaced (a roll-back).
    pub fn is_rollback(&self) -> bool {
        self.version
            .publication
            .is_older_than(&self.previous.publication)
    }
}

impl Store {
    /// Makes the version of `source_id` that `selector` names the active
    /// one, whatever its publication date (to roll back to an earlier
    /// publication or forward again), and enters the change in the audit
    /// log with `actor` and the optional `note`, in one transaction.
    /// Activating the version already active changes and logs nothing.
    pub fn activate(
        &mut self,
        source_id: &str,
        selector: &VersionSelector,
        actor: &str,
        note: Option<&str>,
    ) -> Result<ActivationReport, StoreError> {
        let transaction = self.connection.begin_write()?;
        let versions = versions_of(&transaction, source_id)?;
        if versions.is_empty() {
            return Err(StoreError::UnknownSource(source_id.to_string()));
        }
        let chosen = selector::select_version(source_id, versions, selector)?;
        let previous = active_version(&transaction, source_id)?
            .ok_or_else(|| StoreError::Damaged(format!("{source_id} has no active version")))?;
        if chosen.id == previous.id {
            return Ok(ActivationReport {
                version: previous.clone(),
                previous,
            });
        }
        set_active(&transaction, source_id, chosen.id)?;
        let version = reread(&transaction, chosen.id)?;
        let report = ActivationReport {
            version,
            previous: reread(&transaction, previous.id)?,
        };
        audit::append(&transaction, activation_entry(&report, actor, note))?;
        transaction.commit()?;
        Ok(report)
    }
}

/// Decides whether a version published at `publication` becomes the
/// active one of its source, `active` being the source's active version
/// read once in the import's transaction: a publication not older than
/// it, or any when `force` is set, replaces it.
pub(crate) fn decide(
    active: Option<VersionInfo>,
    publication: &Publication,
    force: bool,
) -> Activation {
    match active {
        None => Activation::Activated { replaced: None },
        Some(active) if !publication.is_older_than(&active.publication) => Activation::Activated {
            replaced: Some(active),
        },
        Some(active) if force => Activation::Forced { replaced: active },
        Some(active) => Activation::KeptAsHistory { active },
    }
}

/// Carries out `activation` (from [`decide`]) inside an import's
/// transaction: points `source_id` at `version` if it was activated.
pub(crate) fn after_import(
    connection: &Db,
    source_id: &str,
    version: VersionId,
    activation: &Activation,
) -> Result<(), StoreError> {
    if activation.is_activated() {
        set_active(connection, source_id, version)?;
    }
    Ok(())
}

/// Points `source_id` at `version`.
fn set_active(connection: &Db, source_id: &str, version: VersionId) -> Result<(), StoreError> {
    connection.execute(
        "UPDATE sources SET active_version = ?1 WHERE id = ?2",
        params![version.0, source_id],
    )?;
    Ok(())
}

/// A version read again (its `active` flag is part of what changed).
fn reread(connection: &Db, version: VersionId) -> Result<VersionInfo, StoreError> {
    version_by_id(connection, version)?
        .ok_or_else(|| StoreError::Damaged(format!("version {version:?} vanished")))
}

/// The audit entry of a deliberate activation.
fn activation_entry<'a>(
    report: &ActivationReport,
    actor: &'a str,
    note: Option<&str>,
) -> NewEntry<'a> {
    let version = &report.version;
    let previous = &report.previous;
    let direction = if report.is_rollback() {
        "rolled back"
    } else {
        "activated"
    };
    NewEntry {
        kind: AuditKind::Activation,
        actor,
        summary: format!(
            "{} {direction} to {} (published {}), replacing {} (published {})",
            version.source_id,
            version.label(),
            version.publication.at.day(),
            previous.label(),
            previous.publication.at.day()
        ),
        detail: json!({
            "source": version.source_id,
            "version": version.label(),
            "published_at": version.publication.at,
            "published_from": version.publication.origin,
            "content_hash": version.content_hash,
            "previous": previous.label(),
            "previous_published_at": previous.publication.at,
            "rollback": report.is_rollback(),
            "note": note,
        }),
    }
}
