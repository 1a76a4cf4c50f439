//! The store handle of the record-keeping routes (`/alerts`,
//! `/alerts/{id}/decision`, `/audit`): one SQLite connection, opened on
//! first use, used on tokio's blocking pool behind a mutex that only these
//! routes take. Screening (`/match`, `/search`, `/scan`) never touches it.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use axum::http::StatusCode;
use embargo_store::{Store, StoreError};

use crate::errors::ApiError;

/// A lazily opened store for the record-keeping routes.
#[derive(Debug)]
pub struct RecordStore {
    /// The database file; `None` when the server has no store (the bundled
    /// demo list).
    path: Option<PathBuf>,
    handle: Mutex<Option<Store>>,
}

impl RecordStore {
    /// The store at `path`, opened when first used.
    pub fn new(path: &Path) -> RecordStore {
        RecordStore {
            path: Some(path.to_path_buf()),
            handle: Mutex::new(None),
        }
    }

    /// No store: every record-keeping request answers 503 saying so.
    pub fn detached() -> RecordStore {
        RecordStore {
            path: None,
            handle: Mutex::new(None),
        }
    }

    /// The database file, if there is a store.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Runs `work` with the store on the blocking pool; store errors become
    /// API errors ([`store_error`]).
    pub async fn run<T, F>(self: &Arc<Self>, work: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> Result<T, StoreError> + Send + 'static,
    {
        let shared = Arc::clone(self);
        tokio::task::spawn_blocking(move || shared.run_blocking(work))
            .await
            .map_err(|_| ApiError::internal("the store failed on this request"))?
    }

    fn run_blocking<T>(
        &self,
        work: impl FnOnce(&mut Store) -> Result<T, StoreError>,
    ) -> Result<T, ApiError> {
        let mut guard = self
            .handle
            .lock()
            .map_err(|_| ApiError::internal("an earlier store request failed"))?;
        if guard.is_none() {
            let Some(path) = &self.path else {
                return Err(ApiError::unavailable(
                    "this server has no store (it serves the bundled demo list): alerts, \
                     decisions, list updates and the audit log need one; start it with --db PATH",
                ));
            };
            *guard = Some(Store::open(path).map_err(|e| store_error(&e))?);
        }
        match guard.as_mut() {
            Some(store) => work(store).map_err(|e| store_error(&e)),
            None => Err(ApiError::internal("the store is not open")),
        }
    }
}

/// The HTTP status of a store error: 404 for an unknown alert, 409 for a
/// superseded one, 400 for an unknown portfolio, 500 otherwise.
pub fn store_error(error: &StoreError) -> ApiError {
    let status = match error {
        StoreError::UnknownAlert(_) => StatusCode::NOT_FOUND,
        StoreError::AlertSuperseded { .. } => StatusCode::CONFLICT,
        StoreError::UnknownPortfolio(_) => StatusCode::BAD_REQUEST,
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    };
    ApiError::new(status, error.to_string())
}
