//! API keys of the HTTP server: who may call it, and with which role.
//!
//! A key is a random 256-bit secret shown once when it is created
//! (`embargo keys add`), then kept only as its SHA-256 digest: a secret of
//! that entropy cannot be found from its digest, so no slow password hash
//! is needed, and a stolen store file holds no usable key. Each key has a
//! unique name (the person or system using it: the server records that
//! name as the author of every screening and decision made with the key)
//! and a [`Role`].
//!
//! A key is never deleted, only revoked: its name stays taken, so an old
//! decision signed with it keeps naming one key. Creating and revoking a
//! key are written to the audit log in the same transaction.

use std::fmt;
use std::str::FromStr;

use crate::db::params;
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::audit::{self, AuditKind, NewEntry};
use crate::clock::{parse_timestamp, timestamp_now};
use crate::{Store, StoreError};

/// Bytes of randomness in a key's secret.
pub const SECRET_BYTES: usize = 32;
/// What every secret starts with, so a leaked one is recognised (secret
/// scanners, logs) as an embargo key.
pub const SECRET_PREFIX: &str = "embargo_";
/// Longest key name.
pub const MAX_KEY_NAME_CHARS: usize = 64;

/// What a key may do; each role may do everything the roles before it may.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// Screen names and texts, read the served lists and entities.
    Screen,
    /// Also read alerts and decide on them.
    Analyst,
    /// Also read the audit log.
    Admin,
}

impl Role {
    /// The role as stored and printed (`screen`, `analyst`, `admin`).
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Screen => "screen",
            Role::Analyst => "analyst",
            Role::Admin => "admin",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = String;

    fn from_str(text: &str) -> Result<Role, String> {
        match text.trim().to_ascii_lowercase().as_str() {
            "screen" => Ok(Role::Screen),
            "analyst" => Ok(Role::Analyst),
            "admin" => Ok(Role::Admin),
            _ => Err(format!(
                "{text:?} is not a role: use screen, analyst or admin"
            )),
        }
    }
}

/// What went wrong with a key operation.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    /// The name is empty, too long or holds other characters than letters,
    /// digits, `.`, `_`, `-` and `@`.
    #[error(
        "{0:?} cannot name a key: use 1 to {MAX_KEY_NAME_CHARS} letters, digits, '.', '_', '-' or '@'"
    )]
    InvalidName(String),
    /// A key of that name exists, or existed and was revoked.
    #[error(
        "a key named {0:?} already exists (names of revoked keys stay taken): choose another name"
    )]
    Duplicate(String),
    /// No key has that name.
    #[error("no key named {0:?}; `embargo keys list` shows them")]
    Unknown(String),
    /// The key was revoked already.
    #[error("key {name:?} was already revoked at {at}")]
    AlreadyRevoked {
        /// The key's name.
        name: String,
        /// When it was revoked.
        at: String,
    },
    /// The operating system gave no randomness.
    #[error("no randomness from the operating system: {0}")]
    Random(String),
}

/// A key as `embargo keys list` shows it (never its secret).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApiKeyInfo {
    /// Its unique name.
    pub name: String,
    /// What it may do.
    pub role: Role,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// Who created it.
    pub created_by: String,
    /// When it was revoked, if it was.
    pub revoked_at: Option<DateTime<Utc>>,
    /// Who revoked it.
    pub revoked_by: Option<String>,
}

/// A key just created: the only time its secret is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewApiKey {
    /// Its name.
    pub name: String,
    /// Its role.
    pub role: Role,
    /// The secret to hand to its user (`embargo_` and 64 hex digits).
    pub secret: String,
}

/// A key that may be used, as the server checks requests against it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActiveKey {
    /// Its name.
    pub name: String,
    /// Its role.
    pub role: Role,
    /// SHA-256 of its secret.
    pub digest: [u8; 32],
}

/// The SHA-256 digest of a secret, as stored and compared.
pub fn secret_digest(secret: &str) -> [u8; 32] {
    Sha256::digest(secret.as_bytes()).into()
}

/// Fails unless `name` may name a key.
pub fn check_key_name(name: &str) -> Result<(), KeyError> {
    let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '@');
    let length = name.chars().count();
    if (1..=MAX_KEY_NAME_CHARS).contains(&length) && name.chars().all(allowed) {
        Ok(())
    } else {
        Err(KeyError::InvalidName(name.to_string()))
    }
}

/// A new random secret.
fn new_secret() -> Result<String, KeyError> {
    let mut bytes = [0u8; SECRET_BYTES];
    getrandom::fill(&mut bytes).map_err(|error| KeyError::Random(error.to_string()))?;
    Ok(format!("{SECRET_PREFIX}{}", hex::encode(bytes)))
}

impl Store {
    /// Creates a key named `name` with `role`, written to the audit log as
    /// done by `created_by`; returns it with its secret, which is not kept.
    pub fn add_api_key(
        &mut self,
        name: &str,
        role: Role,
        created_by: &str,
    ) -> Result<NewApiKey, StoreError> {
        check_key_name(name)?;
        let secret = new_secret()?;
        let digest = hex::encode(secret_digest(&secret));
        let transaction = self.connection.begin_write()?;
        let exists: Option<String> =
            transaction.query_opt("SELECT name FROM api_keys WHERE name = ?1", [name], |row| {
                row.get(0)
            })?;
        if exists.is_some() {
            return Err(KeyError::Duplicate(name.to_string()).into());
        }
        transaction.execute(
            "INSERT INTO api_keys (name, role, digest, created_at, created_by) \
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![name, role.as_str(), digest, timestamp_now(), created_by],
        )?;
        audit::append(
            &transaction,
            NewEntry {
                kind: AuditKind::Key,
                actor: created_by,
                summary: format!("API key {name} created with role {role}"),
                detail: json!({"key": name, "role": role.as_str(), "action": "created"}),
            },
        )?;
        transaction.commit()?;
        Ok(NewApiKey {
            name: name.to_string(),
            role,
            secret,
        })
    }

    /// Revokes the key named `name`, written to the audit log as done by
    /// `revoked_by`. Its name stays taken.
    pub fn revoke_api_key(&mut self, name: &str, revoked_by: &str) -> Result<(), StoreError> {
        let transaction = self.connection.begin_write()?;
        let found: Option<(String, Option<String>)> = transaction.query_opt(
            "SELECT role, revoked_at FROM api_keys WHERE name = ?1",
            [name],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
        let role = match found {
            None => return Err(KeyError::Unknown(name.to_string()).into()),
            Some((_, Some(at))) => {
                return Err(KeyError::AlreadyRevoked {
                    name: name.to_string(),
                    at,
                }
                .into());
            }
            Some((role, None)) => role,
        };
        transaction.execute(
            "UPDATE api_keys SET revoked_at = ?2, revoked_by = ?3 WHERE name = ?1",
            params![name, timestamp_now(), revoked_by],
        )?;
        audit::append(
            &transaction,
            NewEntry {
                kind: AuditKind::Key,
                actor: revoked_by,
                summary: format!("API key {name} revoked"),
                detail: json!({"key": name, "role": role, "action": "revoked"}),
            },
        )?;
        transaction.commit()?;
        Ok(())
    }

    /// Every key ever created, revoked ones included, by name.
    pub fn api_keys(&self) -> Result<Vec<ApiKeyInfo>, StoreError> {
        let mut statement = self.connection.prepare(
            "SELECT name, role, created_at, created_by, revoked_at, revoked_by \
             FROM api_keys ORDER BY name",
        )?;
        let rows = statement.query_map((), |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, String>(2)?,
                row.get::<_, String>(3)?,
                row.get::<_, Option<String>>(4)?,
                row.get::<_, Option<String>>(5)?,
            ))
        })?;
        let mut keys = Vec::new();
        for row in rows {
            let (name, role, created_at, created_by, revoked_at, revoked_by) = row?;
            keys.push(ApiKeyInfo {
                role: stored_role(&name, &role)?,
                name,
                created_at: parse_timestamp(&created_at)?,
                created_by,
                revoked_at: revoked_at.as_deref().map(parse_timestamp).transpose()?,
                revoked_by,
            });
        }
        Ok(keys)
    }

    /// The keys that are not revoked, with their digests.
    pub fn active_api_keys(&self) -> Result<Vec<ActiveKey>, StoreError> {
        let mut statement = self.connection.prepare(
            "SELECT name, role, digest FROM api_keys WHERE revoked_at IS NULL ORDER BY name",
        )?;
        let rows = statement.query_map((), |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, String>(2)?,
            ))
        })?;
        let mut keys = Vec::new();
        for row in rows {
            let (name, role, digest) = row?;
            let mut bytes = [0u8; 32];
            hex::decode_to_slice(&digest, &mut bytes).map_err(|_| {
                StoreError::Damaged(format!(
                    "API key {name}: digest {digest:?} is not SHA-256 hex"
                ))
            })?;
            keys.push(ActiveKey {
                role: stored_role(&name, &role)?,
                name,
                digest: bytes,
            });
        }
        Ok(keys)
    }
}

fn stored_role(name: &str, role: &str) -> Result<Role, StoreError> {
    role.parse()
        .map_err(|message| StoreError::Damaged(format!("API key {name}: {message}")))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn a_key_is_kept_as_its_digest_and_can_be_revoked() {
        let mut store = Store::open_in_memory().unwrap();
        let key = store.add_api_key("alice", Role::Analyst, "root").unwrap();
        assert!(key.secret.starts_with(SECRET_PREFIX));
        assert_eq!(key.secret.len(), SECRET_PREFIX.len() + 2 * SECRET_BYTES);
        let active = store.active_api_keys().unwrap();
        assert_eq!(active.len(), 1);
        assert_eq!(active[0].digest, secret_digest(&key.secret));
        assert_eq!(active[0].role, Role::Analyst);
        let stored: String = store
            .connection
            .query_row("SELECT digest FROM api_keys", (), |row| row.get(0))
            .unwrap();
        assert!(!stored.contains(&key.secret[SECRET_PREFIX.len()..]));

        store.revoke_api_key("alice", "root").unwrap();
        assert!(store.active_api_keys().unwrap().is_empty());
        let listed = store.api_keys().unwrap();
        assert_eq!(listed[0].revoked_by.as_deref(), Some("root"));
        assert!(matches!(
            store.revoke_api_key("alice", "root"),
            Err(StoreError::Key(KeyError::AlreadyRevoked { .. }))
        ));
        assert!(matches!(
            store.add_api_key("alice", Role::Screen, "root"),
            Err(StoreError::Key(KeyError::Duplicate(_)))
        ));
        let audit = store.audit(None).unwrap();
        let kinds: Vec<(&str, &str)> = audit
            .iter()
            .map(|entry| (entry.kind.as_str(), entry.summary.as_str()))
            .collect();
        assert_eq!(
            kinds,
            [
                ("key", "API key alice created with role analyst"),
                ("key", "API key alice revoked")
            ]
        );
    }

    #[test]
    fn two_keys_never_share_a_secret() {
        let mut store = Store::open_in_memory().unwrap();
        let a = store.add_api_key("a", Role::Screen, "root").unwrap();
        let b = store.add_api_key("b", Role::Screen, "root").unwrap();
        assert_ne!(a.secret, b.secret);
    }

    #[test]
    fn names_and_roles_are_checked() {
        let mut store = Store::open_in_memory().unwrap();
        for bad in ["", "two words", "a/b", &"x".repeat(65)] {
            assert!(matches!(
                store.add_api_key(bad, Role::Screen, "root"),
                Err(StoreError::Key(KeyError::InvalidName(_)))
            ));
        }
        assert!(matches!(
            store.revoke_api_key("nobody", "root"),
            Err(StoreError::Key(KeyError::Unknown(_)))
        ));
        assert_eq!("Analyst".parse::<Role>(), Ok(Role::Analyst));
        assert!("root".parse::<Role>().is_err());
        assert!(Role::Screen < Role::Analyst && Role::Analyst < Role::Admin);
    }

    #[test]
    fn a_key_row_cannot_be_deleted_or_renamed() {
        let mut store = Store::open_in_memory().unwrap();
        store.add_api_key("alice", Role::Admin, "root").unwrap();
        assert!(
            store
                .connection
                .execute("DELETE FROM api_keys", ())
                .is_err()
        );
        assert!(
            store
                .connection
                .execute("UPDATE api_keys SET name = 'bob'", ())
                .is_err()
        );
    }
}
