//! Who may call which route: API keys, roles and the route table.
//!
//! Every request to a route that is not open carries an API key, as
//! `Authorization: Bearer SECRET` (or `ApiKey SECRET`, yente's form) or
//! `X-API-Key: SECRET`. The key is
//! looked up among the store's active keys ([`KeyRing`]) by the SHA-256
//! digest of the secret, compared in constant time; its role must reach
//! the route's ([`route_access`]). The request then carries a [`Caller`]
//! naming the key: the audit log and the alert decisions record that
//! name, never a name the client sends.
//!
//! * Open (no key): `/healthz`, `/readyz`, the web UI's pages and assets
//!   and `/openapi.json` (the UI asks for the key in the page).
//! * `screen`: `/match`, `/search`, `/scan`, `/entities/{id}`, `/lists`,
//!   `/metrics`; with `--open-read` these need no key (a key that is sent
//!   is still checked, and named in the audit log); so do the yente routes
//!   (`/match/{dataset}`, `/search/{dataset}`, `/catalog`, `/algorithms`,
//!   `/manifest`) and the reconciliation service (`/reconcile...`).
//! * `analyst`: `/alerts` and `/alerts/{id}/decision`.
//! * `admin`: `/audit`, `/updatez`.
//! * Any route missing from the table needs `admin`: a new route is
//!   closed until someone decides otherwise. A route of the table asked
//!   with a method it does not list is answered 405, key or not.
//!
//! The key ring is read from the store when the server starts and again
//! every poll interval ([`spawn_key_poller`]): a key added or revoked with
//! `embargo keys` takes effect within that interval, without a restart.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use arc_swap::ArcSwap;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use embargo_store::{ActiveKey, Role, Store, StoreError, secret_digest};
use subtle::ConstantTimeEq;
use tokio::sync::watch;

use crate::AppState;
use crate::errors::ApiError;

/// The header a key may also be sent in.
pub const API_KEY_HEADER: &str = "x-api-key";
/// Who the audit log names for a request made without a key under
/// `--open-read`.
pub const ANONYMOUS: &str = "anonymous";

/// What a route asks of its caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Nothing: anyone may call it.
    Open,
    /// A key of the `screen` role, or none when the server runs with
    /// `--open-read`.
    Read,
    /// A key of at least this role, whatever the server's options.
    Role(Role),
}

/// The methods a route may be declared with in [`declared_access`].
const METHODS: [Method; 7] = [
    Method::GET,
    Method::HEAD,
    Method::POST,
    Method::PUT,
    Method::PATCH,
    Method::DELETE,
    Method::OPTIONS,
];

/// The access rule of a route (`path` as the router matched it, e.g.
/// `/alerts/{id}/decision`). A route missing from the table needs an
/// admin key.
pub fn route_access(method: &Method, path: &str) -> Access {
    declared_access(method, path).unwrap_or(Access::Role(Role::Admin))
}

/// The methods the table declares for `path` (empty for a path it does
/// not know): a request with another method to a known path is answered
/// 405 whoever sends it, before any key is asked for.
pub fn declared_methods(path: &str) -> Vec<Method> {
    METHODS
        .into_iter()
        .filter(|method| declared_access(method, path).is_some())
        .collect()
}

/// The route table: the access rule of each route it lists.
fn declared_access(method: &Method, path: &str) -> Option<Access> {
    let access = match (method.as_str(), path) {
        ("GET" | "HEAD", "/healthz" | "/readyz" | "/openapi.json")
        | ("GET" | "HEAD", "/" | "/ui/entity" | "/ui/lists" | "/ui/app.js" | "/ui/style.css") => {
            Access::Open
        }
        ("POST", "/match" | "/scan")
        | ("GET" | "HEAD", "/search" | "/entities/{id}" | "/lists" | "/metrics") => Access::Read,
        ("POST", "/match/{dataset}" | "/reconcile" | "/reconcile/{dataset}")
        | (
            "GET" | "HEAD",
            "/search/{dataset}"
            | "/catalog"
            | "/algorithms"
            | "/manifest"
            | "/reconcile"
            | "/reconcile/{dataset}"
            | "/reconcile/{dataset}/suggest/entity"
            | "/reconcile/{dataset}/suggest/property"
            | "/reconcile/{dataset}/suggest/type"
            | "/reconcile/{dataset}/extend/propose",
        ) => Access::Read,
        ("GET" | "HEAD", "/alerts") | ("POST", "/alerts/{id}/decision") => {
            Access::Role(Role::Analyst)
        }
        ("GET" | "HEAD", "/audit") => Access::Role(Role::Admin),
        _ => return None,
    };
    Some(access)
}

/// The 405 of a known route asked with a method it does not take, with
/// the `Allow` header listing those it takes.
fn method_not_allowed(allowed: &[Method]) -> Response {
    let allow = allowed
        .iter()
        .map(Method::as_str)
        .collect::<Vec<_>>()
        .join(", ");
    let mut response = StatusCode::METHOD_NOT_ALLOWED.into_response();
    if let Ok(value) = HeaderValue::from_str(&allow) {
        response.headers_mut().insert(header::ALLOW, value);
    }
    response
}

/// Who made a request: the key's name and role, or nobody (an open route,
/// or a read under `--open-read` without a key).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    /// The key's name and role, when a key was sent.
    pub key: Option<(String, Role)>,
}

impl Caller {
    /// The name the audit log records: the key's, else
    /// [`ANONYMOUS`].
    pub fn actor(&self) -> &str {
        self.key
            .as_ref()
            .map_or(ANONYMOUS, |(name, _)| name.as_str())
    }
}

/// The store's active keys, reloaded in the background.
#[derive(Debug)]
pub struct KeyRing {
    /// The store the keys are read from; `None` for a detached ring.
    path: Option<PathBuf>,
    store: Mutex<Option<Store>>,
    keys: ArcSwap<Vec<ActiveKey>>,
}

impl KeyRing {
    /// The keys of the store at `path`, read now (none when it cannot be
    /// read: the error is returned by [`KeyRing::reload`] later).
    pub fn open(path: &Path) -> KeyRing {
        let ring = KeyRing {
            path: Some(path.to_path_buf()),
            store: Mutex::new(None),
            keys: ArcSwap::from_pointee(Vec::new()),
        };
        if path != Path::new(":memory:")
            && let Err(error) = ring.reload()
        {
            embargo_core::errln!("embargo serve: reading the API keys failed: {error}");
        }
        ring
    }

    /// A ring without a store (the bundled demo list, an in-memory
    /// store): no key, ever.
    pub fn detached() -> KeyRing {
        KeyRing {
            path: None,
            store: Mutex::new(None),
            keys: ArcSwap::from_pointee(Vec::new()),
        }
    }

    /// Reads the active keys from the store again (blocking); a detached
    /// ring has none to read.
    pub fn reload(&self) -> Result<(), StoreError> {
        let Some(path) = &self.path else {
            return Ok(());
        };
        let mut guard = self.store.lock().unwrap_or_else(PoisonError::into_inner);
        if guard.is_none() {
            *guard = Some(Store::open(path)?);
        }
        if let Some(store) = guard.as_ref() {
            let keys = store.active_api_keys()?;
            self.keys.store(Arc::new(keys));
        }
        Ok(())
    }

    /// True for a ring without a store ([`KeyRing::detached`]).
    pub fn is_detached(&self) -> bool {
        self.path.is_none()
    }

    /// Number of active keys.
    pub fn len(&self) -> usize {
        self.keys.load().len()
    }

    /// True when no key may be used.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The active key whose secret is `secret`. Every key's digest is
    /// compared, in constant time, so the answer's timing says nothing of
    /// which digest bytes matched.
    pub fn find(&self, secret: &str) -> Option<(String, Role)> {
        let digest = secret_digest(secret);
        let keys = self.keys.load();
        let mut found = None;
        for key in keys.iter() {
            if bool::from(key.digest.ct_eq(&digest)) {
                found = Some((key.name.clone(), key.role));
            }
        }
        found
    }
}

/// Reloads `state`'s key ring every `interval` until `shutdown` says stop.
pub fn spawn_key_poller(
    state: AppState,
    interval: Duration,
    mut shutdown: watch::Receiver<bool>,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            tokio::select! {
                () = tokio::time::sleep(interval) => {}
                _ = shutdown.wait_for(|stop| *stop) => return,
            }
            let ring = Arc::clone(state.keys());
            match tokio::task::spawn_blocking(move || ring.reload()).await {
                Ok(Ok(())) => {}
                Ok(Err(error)) => {
                    embargo_core::errln!("embargo serve: reading the API keys failed: {error}")
                }
                Err(_) => embargo_core::errln!("embargo serve: reading the API keys failed"),
            }
        }
    })
}

/// The secret a request carries, if any: `Authorization: Bearer SECRET`
/// (or `ApiKey SECRET`, as yente's clients send it) or `X-API-Key:
/// SECRET`. A malformed header is an error, not "no key".
fn presented_secret(headers: &HeaderMap) -> Result<Option<String>, ApiError> {
    if let Some(value) = headers.get(header::AUTHORIZATION) {
        let text = value
            .to_str()
            .map_err(|_| unauthorized("Authorization: not ASCII text"))?;
        let (scheme, secret) = text.trim().split_once(' ').unwrap_or((text.trim(), ""));
        let known = scheme.eq_ignore_ascii_case("bearer") || scheme.eq_ignore_ascii_case("apikey");
        if !known || secret.trim().is_empty() {
            return Err(unauthorized(
                "Authorization: send the API key as `Authorization: Bearer SECRET`",
            ));
        }
        return Ok(Some(secret.trim().to_string()));
    }
    if let Some(value) = headers.get(API_KEY_HEADER) {
        let text = value
            .to_str()
            .map_err(|_| unauthorized("X-API-Key: not ASCII text"))?;
        if text.trim().is_empty() {
            return Err(unauthorized("X-API-Key: empty"));
        }
        return Ok(Some(text.trim().to_string()));
    }
    Ok(None)
}

/// A 401 with `WWW-Authenticate: Bearer`.
fn unauthorized(detail: impl Into<String>) -> ApiError {
    ApiError::new(StatusCode::UNAUTHORIZED, detail)
}

/// The caller of a request to a route asking `access`, or the error to
/// answer with.
pub fn authorize(
    access: Access,
    headers: &HeaderMap,
    ring: &KeyRing,
    open_read: bool,
) -> Result<Caller, ApiError> {
    if access == Access::Open {
        return Ok(Caller { key: None });
    }
    let secret = match presented_secret(headers)? {
        Some(secret) => secret,
        None => {
            return match access {
                Access::Open => Ok(Caller { key: None }),
                Access::Read if open_read => Ok(Caller { key: None }),
                Access::Read | Access::Role(_) => Err(unauthorized(format!(
                    "this needs an API key of role {} or above: send `Authorization: Bearer SECRET` \
                     (an administrator creates keys with `embargo keys add NAME --role ROLE`)",
                    needed_role(access)
                ))),
            };
        }
    };
    let Some((name, role)) = ring.find(&secret) else {
        return Err(unauthorized(
            "unknown or revoked API key (`embargo keys list` shows the keys)",
        ));
    };
    if role < needed_role(access) {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            format!(
                "key {name} has role {role}; this needs role {} or above",
                needed_role(access)
            ),
        ));
    }
    Ok(Caller {
        key: Some((name, role)),
    })
}

fn needed_role(access: Access) -> Role {
    match access {
        Access::Open | Access::Read => Role::Screen,
        Access::Role(role) => role,
    }
}

/// Middleware (a route layer, so the matched path is known): checks the
/// caller against the route's [`Access`] and hands the [`Caller`] to the
/// handler as a request extension. A known route asked with a method the
/// table does not declare for it is answered 405 without asking for a
/// key (the router would answer 405 to any caller).
pub async fn require_key(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let path = request
        .extensions()
        .get::<MatchedPath>()
        .map(|matched| matched.as_str().to_string())
        .unwrap_or_default();
    let Some(access) = declared_access(request.method(), &path) else {
        let allowed = declared_methods(&path);
        if !allowed.is_empty() {
            return method_not_allowed(&allowed);
        }
        return check_key(&state, Access::Role(Role::Admin), request, next).await;
    };
    check_key(&state, access, request, next).await
}

/// Checks the caller of a request to a route asking `access` and hands
/// the [`Caller`] on, or answers the error.
async fn check_key(state: &AppState, access: Access, mut request: Request, next: Next) -> Response {
    if state.keys().is_detached() {
        // No store (the bundled demo list): nothing recorded to protect
        // and no key to check; the record routes answer that there is no
        // store, other routes as they would.
        request.extensions_mut().insert(Caller { key: None });
        return next.run(request).await;
    }
    match authorize(
        access,
        request.headers(),
        state.keys(),
        state.config().access.open_read,
    ) {
        Ok(caller) => {
            request.extensions_mut().insert(caller);
            next.run(request).await
        }
        Err(error) => {
            let status = error.status;
            let mut response = error.into_response();
            if status == StatusCode::UNAUTHORIZED {
                response.headers_mut().insert(
                    header::WWW_AUTHENTICATE,
                    HeaderValue::from_static("Bearer realm=\"embargo\""),
                );
            }
            response
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn ring_with(store: &mut Store, name: &str, role: Role) -> (KeyRing, String) {
        let key = store.add_api_key(name, role, "test").unwrap();
        let ring = KeyRing {
            path: Some(PathBuf::from(":memory:")),
            store: Mutex::new(None),
            keys: ArcSwap::from_pointee(store.active_api_keys().unwrap()),
        };
        (ring, key.secret)
    }

    fn bearer(secret: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::AUTHORIZATION,
            HeaderValue::from_str(&format!("Bearer {secret}")).unwrap(),
        );
        headers
    }

    #[test]
    fn roles_are_ordered_and_routes_default_to_admin() {
        let mut store = Store::open_in_memory().unwrap();
        let (ring, secret) = ring_with(&mut store, "ana", Role::Analyst);
        let decide = route_access(&Method::POST, "/alerts/{id}/decision");
        let audit = route_access(&Method::GET, "/audit");
        assert!(authorize(decide, &bearer(&secret), &ring, false).is_ok());
        let refused = authorize(audit, &bearer(&secret), &ring, false).unwrap_err();
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        assert_eq!(
            route_access(&Method::DELETE, "/alerts/{id}/decision"),
            Access::Role(Role::Admin)
        );
        assert_eq!(route_access(&Method::GET, "/healthz"), Access::Open);
    }

    #[test]
    fn open_read_opens_reads_only_and_still_checks_a_sent_key() {
        let mut store = Store::open_in_memory().unwrap();
        let (ring, _) = ring_with(&mut store, "ana", Role::Analyst);
        let none = HeaderMap::new();
        let caller = authorize(Access::Read, &none, &ring, true).unwrap();
        assert_eq!(caller.actor(), ANONYMOUS);
        let closed = authorize(Access::Role(Role::Analyst), &none, &ring, true).unwrap_err();
        assert_eq!(closed.status, StatusCode::UNAUTHORIZED);
        let wrong = authorize(Access::Read, &bearer("embargo_nope"), &ring, true).unwrap_err();
        assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    }

    #[test]
    fn malformed_authorization_is_refused_with_the_header_named() {
        let ring = KeyRing::detached();
        let mut headers = HeaderMap::new();
        headers.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Basic YTpi"),
        );
        let error = authorize(Access::Read, &headers, &ring, true).unwrap_err();
        assert!(
            error.detail.starts_with("Authorization:"),
            "{}",
            error.detail
        );
    }
}
