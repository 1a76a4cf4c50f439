//! `embargo serve`: the HTTP screening service and web UI.
//!
//! * API (JSON, described by `GET /openapi.json`): `POST /match` in the
//!   shape of the OpenSanctions screening API, `GET /search`,
//!   `GET /entities/{id}`, `GET /lists`, `GET /healthz`, `GET /readyz`,
//!   and `GET /metrics` in the Prometheus text format ([`routes`]).
//! * Web UI: a search page, an entity page and a lists page, plain HTML,
//!   CSS and JavaScript embedded in the binary ([`web`]).
//! * Hot reload: the served lists are swapped without a restart when the
//!   store's active versions change ([`reload`]).
//!
//! Screening is CPU-bound and runs on tokio's blocking pool; requests
//! share the current screener through an atomic pointer, never a lock.
//! Every failed request gets a JSON body naming the problem ([`errors`]).

pub mod audit;
pub mod errors;
pub mod ftm;
pub mod metrics;
pub mod records;
pub mod refresh;
pub mod reload;
pub mod routes;
pub mod web;

use std::future::Future;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::limit::RequestBodyLimitLayer;

pub use errors::{ApiError, ServerError};
pub use reload::{Lists, ListsSource, NotReady, ReloadOutcome, Snapshot};

/// Limits on what one request may ask.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest request body, in bytes.
    pub max_body_bytes: usize,
    /// Most queries in one `/match` request.
    pub max_queries: usize,
    /// Most values per property of one query.
    pub max_values: usize,
    /// Longest string value, in characters.
    pub max_chars: usize,
    /// Largest `limit` a request may ask for.
    pub max_results: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_body_bytes: 256 * 1024,
            max_queries: 100,
            max_values: 20,
            max_chars: 500,
            max_results: 100,
        }
    }
}

/// How the server runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServerConfig {
    /// How often the store is checked for new list versions.
    pub poll_interval: Duration,
    /// Request limits.
    pub limits: Limits,
    /// Whether API screenings are written to the audit log ([`audit`]).
    pub audit: bool,
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            poll_interval: Duration::from_secs(2),
            limits: Limits::default(),
            audit: true,
        }
    }
}

/// What every handler shares: the served lists, the metrics and the
/// limits. Cheap to clone.
#[derive(Debug, Clone)]
pub struct AppState {
    inner: Arc<Shared>,
}

#[derive(Debug)]
struct Shared {
    lists: Arc<Lists>,
    metrics: metrics::Metrics,
    config: ServerConfig,
    records: Arc<records::RecordStore>,
    audit: audit::AuditWriter,
}

impl AppState {
    /// State serving the lists of the existing store at `db` (nothing
    /// loaded yet).
    pub fn open(db: &Path, config: ServerConfig) -> Result<AppState, ServerError> {
        Ok(AppState::new(Arc::new(Lists::open(db)?), config))
    }

    /// State serving the bundled demo list, without a store (no audit
    /// trail, no alerts); `deliberate` when asked for with `--demo`, which
    /// alone makes `/readyz` answer 200 with it.
    pub fn demo(config: ServerConfig, deliberate: bool) -> Result<AppState, ServerError> {
        Ok(AppState::new(Arc::new(Lists::demo(deliberate)?), config))
    }

    /// State serving `lists`; alerts, decisions and the audit log use the
    /// same store file through connections of their own (none for the
    /// demo list or an in-memory store).
    pub fn new(lists: Arc<Lists>, config: ServerConfig) -> AppState {
        let path = lists.path().to_path_buf();
        let on_file = lists.has_store() && path != Path::new(":memory:");
        let audit = if config.audit && on_file {
            audit::AuditWriter::start(&path)
        } else {
            audit::AuditWriter::disabled()
        };
        let records = if on_file {
            records::RecordStore::new(&path)
        } else {
            records::RecordStore::detached()
        };
        AppState {
            inner: Arc::new(Shared {
                lists,
                metrics: metrics::Metrics::default(),
                config,
                records: Arc::new(records),
                audit,
            }),
        }
    }

    /// The store of the alert, decision and audit routes.
    pub fn records(&self) -> &Arc<records::RecordStore> {
        &self.inner.records
    }

    /// The audit trail of API screenings.
    pub fn audit(&self) -> &audit::AuditWriter {
        &self.inner.audit
    }

    /// Writes the queued audit entries (on the blocking pool) and returns
    /// once they are committed.
    pub async fn flush_audit(&self) {
        let state = self.clone();
        let _ = tokio::task::spawn_blocking(move || state.audit().flush()).await;
    }

    /// Writes the queued audit entries and stops the audit writer.
    pub async fn close_audit(&self) {
        let state = self.clone();
        let _ = tokio::task::spawn_blocking(move || state.audit().close()).await;
    }

    /// The served lists; [`Lists::reload_now`] swaps in new versions at
    /// once (for an update command that has just imported).
    pub fn lists(&self) -> &Arc<Lists> {
        &self.inner.lists
    }

    /// The metrics registry.
    pub fn metrics(&self) -> &metrics::Metrics {
        &self.inner.metrics
    }

    /// Request limits.
    pub fn limits(&self) -> &Limits {
        &self.inner.config.limits
    }

    /// The configuration.
    pub fn config(&self) -> &ServerConfig {
        &self.inner.config
    }

    /// The snapshot being served, or a 503 saying why there is none (the
    /// first load runs, or the store holds no list).
    pub fn snapshot(&self) -> Result<Arc<Snapshot>, ApiError> {
        self.inner
            .lists
            .serving()
            .map_err(|why| ApiError::unavailable(why.to_string()))
    }
}

/// The whole application: API, OpenAPI document, web UI, metrics,
/// limits and JSON errors.
pub fn app(state: AppState) -> Router {
    let (api, openapi) = routes::api_router().split_for_parts();
    let openapi = Arc::new(openapi);
    api.merge(routes::openapi_router(openapi))
        .merge(web::router())
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            metrics::track,
        ))
        .layer(DefaultBodyLimit::max(state.limits().max_body_bytes))
        .layer(RequestBodyLimitLayer::new(state.limits().max_body_bytes))
        .layer(axum::middleware::from_fn(errors::json_errors))
        .layer(CatchPanicLayer::custom(errors::panic_response))
        .with_state(state)
}

/// Serves `state` on `listener` until `shutdown` completes, then stops
/// accepting connections and finishes the requests in flight. The lists
/// are loaded in the background: `/healthz` answers at once, `/readyz`
/// once they are served.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), ServerError> {
    let (stop, stopped) = watch::channel(false);
    let poller = reload::spawn_poller(
        Arc::clone(state.lists()),
        state.config().poll_interval,
        stopped,
    );
    let state_for_audit = state.clone();
    let result = axum::serve(listener, app(state))
        .with_graceful_shutdown(shutdown)
        .await;
    let _ = stop.send(true);
    let _ = poller.await;
    state_for_audit.close_audit().await;
    Ok(result?)
}

/// Completes on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let interrupt = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
}
