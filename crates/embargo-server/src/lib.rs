//! `embargo serve`: the HTTP screening service and web UI.
//!
//! * API (JSON, described by `GET /openapi.json`): `POST /match` in the
//!   shape of the OpenSanctions screening API, `GET /search`, `POST /scan`
//!   (mentions in free text), `GET /entities/{id}`, `GET /lists`,
//!   `GET /alerts` and `POST /alerts/{id}/decision` (monitoring),
//!   `GET /audit`, `GET /healthz`, `GET /readyz`, and `GET /metrics` in the
//!   Prometheus text format ([`routes`]).
//! * yente-compatible API ([`yente`]): `POST /match/{dataset}`,
//!   `GET /search/{dataset}`, `/catalog`, `/algorithms`, `/manifest`,
//!   `POST /updatez`, copies of one entity on several lists grouped
//!   ([`grouping`]); the OpenRefine reconciliation API ([`reconcile`]).
//! * Web UI: a search page, an entity page and a lists page, plain HTML,
//!   CSS and JavaScript embedded in the binary ([`web`]).
//! * Hot reload: the served lists are swapped without a restart when the
//!   store's active versions change ([`reload`]).
//!
//! * Access: API keys with roles for every route but health and the UI
//!   ([`auth`]), the `Host` check against DNS rebinding ([`hosts`]),
//!   optional TLS ([`tls`]).
//! * Browsers and transport: CORS for the configured origins only (off by
//!   default), gzip and Brotli response compression when asked for
//!   (`Accept-Encoding`).
//! * Limits: connections, header timeout and head size
//!   ([`connections`]), URI length and screening time
//!   ([`request_limits`]), body size and query sizes ([`Limits`]).
//!
//! Screening is CPU-bound and runs on tokio's blocking pool; requests
//! share the current screener through an atomic pointer, never a lock.
//! Every failed request gets a JSON body naming the problem ([`errors`]),
//! including the errors hyper answers by itself ([`protocol_errors`]).

pub mod audit;
pub mod auth;
pub mod connections;
pub mod errors;
pub mod ftm;
pub mod grouping;
pub mod hosts;
pub mod metrics;
pub mod protocol_errors;
pub mod reconcile;
pub mod record_store;
pub mod refresh;
pub mod reload;
pub mod request_limits;
pub mod routes;
pub mod screening;
pub mod tls;
pub mod web;
pub mod yente;

use std::future::Future;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use arc_swap::ArcSwap;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::cors::{AllowOrigin, Any, CorsLayer};
use tower_http::limit::RequestBodyLimitLayer;

pub use connections::ConnectionLimits;
pub use errors::{ApiError, ServerError};
pub use reload::{Lists, ListsSource, NotReady, ReloadOutcome, Snapshot};
pub use tls::TlsFiles;

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
    /// Longest request URI (path and query string), in bytes.
    pub max_uri_bytes: usize,
    /// Longest time one screening request may take.
    pub request_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_body_bytes: 256 * 1024,
            max_queries: 100,
            max_values: 20,
            max_chars: embargo_core::matching::MAX_QUERY_CHARS,
            max_results: 100,
            max_uri_bytes: 8 * 1024,
            request_timeout: Duration::from_secs(30),
        }
    }
}

/// Who may reach the server and how.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AccessConfig {
    /// Screening and list reading need no key (`--open-read`); alerts,
    /// decisions and the audit log always do.
    pub open_read: bool,
    /// Host names served besides the defaults (`--allowed-host`; `*` for
    /// any), see [`hosts`].
    pub allowed_hosts: Vec<String>,
}

/// How the server runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerConfig {
    /// How often the store is checked for new list versions and keys.
    pub poll_interval: Duration,
    /// Request limits.
    pub limits: Limits,
    /// Connection limits.
    pub connections: ConnectionLimits,
    /// Keys and hosts.
    pub access: AccessConfig,
    /// Serve HTTPS with these files instead of HTTP.
    pub tls: Option<TlsFiles>,
    /// Whether API screenings are written to the audit log ([`audit`]).
    pub audit: bool,
    /// Origins browsers may call the API from (`--cors-origin`; `*` for
    /// any); empty, the default, sends no CORS headers at all.
    pub cors_origins: Vec<String>,
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            poll_interval: Duration::from_secs(2),
            limits: Limits::default(),
            connections: ConnectionLimits::default(),
            access: AccessConfig::default(),
            tls: None,
            audit: true,
            cors_origins: Vec::new(),
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
    record_store: Arc<record_store::RecordStore>,
    audit: audit::AuditWriter,
    keys: Arc<auth::KeyRing>,
    hosts: ArcSwap<hosts::AllowedHosts>,
    connections: Arc<connections::ConnectionCounters>,
}

impl AppState {
    /// State serving the lists of the existing store at `db` (nothing
    /// loaded yet).
    pub fn open(db: &Path, config: ServerConfig) -> Result<AppState, ServerError> {
        Ok(AppState::new(Arc::new(Lists::open(db)?), config))
    }

    /// State serving the bundled demo list, without a store (no audit
    /// trail, no alerts, no API keys: screening and list reading are open
    /// to all); `deliberate` when asked for with `--demo`, which alone
    /// makes `/readyz` answer 200 with it.
    pub fn demo(mut config: ServerConfig, deliberate: bool) -> Result<AppState, ServerError> {
        config.access.open_read = true;
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
        let record_store = if on_file {
            record_store::RecordStore::new(&path)
        } else {
            record_store::RecordStore::detached()
        };
        let keys = Arc::new(if on_file {
            auth::KeyRing::open(&path)
        } else {
            auth::KeyRing::detached()
        });
        let hosts =
            ArcSwap::from_pointee(hosts::AllowedHosts::new(&config.access.allowed_hosts, None));
        AppState {
            inner: Arc::new(Shared {
                lists,
                metrics: metrics::Metrics::default(),
                config,
                record_store: Arc::new(record_store),
                audit,
                keys,
                hosts,
                connections: Arc::default(),
            }),
        }
    }

    /// The API keys that may be used.
    pub fn keys(&self) -> &Arc<auth::KeyRing> {
        &self.inner.keys
    }

    /// The host names served.
    pub fn allowed_hosts(&self) -> Arc<hosts::AllowedHosts> {
        self.inner.hosts.load_full()
    }

    /// Adds the address the server is bound to to the host names served.
    pub fn bound_to(&self, address: std::net::SocketAddr) {
        self.inner.hosts.store(Arc::new(hosts::AllowedHosts::new(
            &self.inner.config.access.allowed_hosts,
            Some(address),
        )));
    }

    /// The connection counters.
    pub fn connection_counters(&self) -> &Arc<connections::ConnectionCounters> {
        &self.inner.connections
    }

    /// The store of the alert, decision and audit routes.
    pub fn record_store(&self) -> &Arc<record_store::RecordStore> {
        &self.inner.record_store
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
/// access checks, limits and JSON errors.
pub fn app(state: AppState) -> Router {
    let (api, openapi) = routes::api_router().split_for_parts();
    let openapi = Arc::new(openapi);
    let router = api
        .merge(routes::openapi_router(openapi))
        .merge(web::router())
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            auth::require_key,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            metrics::track,
        ))
        .layer(DefaultBodyLimit::max(state.limits().max_body_bytes))
        .layer(RequestBodyLimitLayer::new(state.limits().max_body_bytes))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            hosts::check_host,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            request_limits::check_uri,
        ))
        .layer(axum::middleware::from_fn(errors::json_errors))
        .layer(CompressionLayer::new());
    let router = match cors_layer(&state.config().cors_origins) {
        Some(cors) => router.layer(cors),
        None => router,
    };
    router
        .layer(CatchPanicLayer::custom(errors::panic_response))
        .with_state(state)
}

/// The CORS layer for `origins`: none (no CORS headers, the default)
/// when empty, any origin for `*`, else exactly the origins given that
/// are valid header values (see [`check_cors_origins`]).
fn cors_layer(origins: &[String]) -> Option<CorsLayer> {
    if origins.is_empty() {
        return None;
    }
    let allow = if origins.iter().any(|origin| origin == "*") {
        AllowOrigin::from(Any)
    } else {
        AllowOrigin::list(
            origins
                .iter()
                .filter_map(|origin| axum::http::HeaderValue::from_str(origin).ok()),
        )
    };
    Some(
        CorsLayer::new()
            .allow_origin(allow)
            .allow_methods([
                axum::http::Method::GET,
                axum::http::Method::POST,
                axum::http::Method::HEAD,
            ])
            .allow_headers([
                axum::http::header::AUTHORIZATION,
                axum::http::header::CONTENT_TYPE,
                axum::http::HeaderName::from_static(auth::API_KEY_HEADER),
            ]),
    )
}

/// Refuses a CORS origin that is neither `*` nor
/// `http(s)://host[:port]` (no path, query or spaces).
pub fn check_cors_origins(origins: &[String]) -> Result<(), ServerError> {
    for origin in origins {
        let host = origin
            .strip_prefix("https://")
            .or_else(|| origin.strip_prefix("http://"))
            .map(|rest| rest.trim_end_matches('/'));
        let shaped = origin == "*"
            || host.is_some_and(|host| {
                !host.is_empty()
                    && !host.contains(['/', ' ', '?', '#'])
                    && axum::http::HeaderValue::from_str(origin).is_ok()
            });
        if !shaped {
            return Err(ServerError::CorsOrigin(origin.clone()));
        }
    }
    Ok(())
}

/// Serves `state` on `listener` until `shutdown` completes, then stops
/// accepting connections and finishes the requests in flight. The lists
/// are loaded in the background: `/healthz` answers at once, `/readyz`
/// once they are served.
///
/// Refuses to start ([`ServerError::NoKeys`]) when the store holds no
/// API key and reads are not open: no request but health checks could
/// succeed.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), ServerError> {
    if !state.config().access.open_read && state.keys().is_empty() {
        return Err(ServerError::NoKeys {
            db: state.lists().path().to_path_buf(),
        });
    }
    check_cors_origins(&state.config().cors_origins)?;
    let tls = state.config().tls.as_ref().map(tls::acceptor).transpose()?;
    state.bound_to(listener.local_addr()?);
    let (stop, stopped) = watch::channel(false);
    let poller = reload::spawn_poller(
        Arc::clone(state.lists()),
        state.config().poll_interval,
        stopped.clone(),
    );
    let key_poller = auth::spawn_key_poller(state.clone(), state.config().poll_interval, stopped);
    connections::serve_connections(
        listener,
        app(state.clone()),
        state.config().connections,
        tls,
        Arc::clone(state.connection_counters()),
        shutdown,
    )
    .await;
    let _ = stop.send(true);
    let _ = poller.await;
    let _ = key_poller.await;
    state.close_audit().await;
    Ok(())
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
