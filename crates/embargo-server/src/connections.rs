//! Accepting connections, with the limits that keep a server answering
//! whatever its clients do.
//!
//! * **Connection cap** ([`ConnectionLimits::max_connections`]): a
//!   connection is accepted only while fewer are open; the next ones wait
//!   in the kernel's listen queue (they are not refused) until one closes.
//!   The server never runs out of file descriptors because of its clients.
//! * **Header timeout** ([`ConnectionLimits::header_timeout`]): a client
//!   has this long to send a complete request head, counted from when the
//!   server starts waiting for it: on a new connection, and again after
//!   each response on a kept-alive one. So it is also the idle keep-alive
//!   timeout: a connection that says nothing is closed after it, and its
//!   place goes to the next in the queue. A TLS handshake has the same
//!   time.
//! * **Head size** ([`ConnectionLimits::max_head_bytes`]): a request line
//!   and headers larger than this are answered 431 and the connection
//!   closed.
//!
//! Connections are HTTP/1.1 (hyper), optionally over TLS ([`crate::tls`]);
//! hyper's own error answers get JSON bodies ([`crate::protocol_errors`]).
//! On shutdown the listener closes, idle connections are closed and the
//! requests in flight finish.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::{GracefulShutdown, Watcher};
use hyper_util::service::TowerToHyperService;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio_rustls::TlsAcceptor;

use crate::protocol_errors::ProtocolErrorBodies;

/// Pause after a failed `accept` (for instance out of file descriptors)
/// before trying again.
const ACCEPT_RETRY: Duration = Duration::from_millis(100);

/// Limits on connections.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConnectionLimits {
    /// Most connections open at once; more wait to be accepted.
    pub max_connections: usize,
    /// Time to send a complete request head (also the idle keep-alive
    /// timeout and the TLS handshake timeout).
    pub header_timeout: Duration,
    /// Largest request head (request line and headers), in bytes.
    pub max_head_bytes: usize,
}

impl Default for ConnectionLimits {
    fn default() -> Self {
        ConnectionLimits {
            max_connections: 512,
            header_timeout: Duration::from_secs(10),
            max_head_bytes: 32 * 1024,
        }
    }
}

/// Counters of connections, shown by `/metrics`.
#[derive(Debug, Default)]
pub struct ConnectionCounters {
    /// Connections accepted since the start.
    pub accepted: AtomicU64,
    /// Connections open now.
    pub open: AtomicU64,
    /// Most connections open at once since the start.
    pub peak: AtomicU64,
    /// `accept` calls that failed (out of file descriptors, ...).
    pub accept_errors: AtomicU64,
    /// TLS handshakes that failed or took longer than the header timeout.
    pub tls_failures: AtomicU64,
}

/// Marks one connection open until dropped.
struct OpenConnection {
    counters: Arc<ConnectionCounters>,
    _permit: OwnedSemaphorePermit,
}

impl OpenConnection {
    fn new(counters: Arc<ConnectionCounters>, permit: OwnedSemaphorePermit) -> OpenConnection {
        counters.accepted.fetch_add(1, Ordering::Relaxed);
        let open = counters.open.fetch_add(1, Ordering::Relaxed) + 1;
        counters.peak.fetch_max(open, Ordering::Relaxed);
        OpenConnection {
            counters,
            _permit: permit,
        }
    }
}

impl Drop for OpenConnection {
    fn drop(&mut self) {
        self.counters.open.fetch_sub(1, Ordering::Relaxed);
    }
}

/// What every connection task needs.
#[derive(Clone)]
struct Connection {
    app: Router,
    http: http1::Builder,
    tls: Option<TlsAcceptor>,
    limits: ConnectionLimits,
    counters: Arc<ConnectionCounters>,
}

/// Serves `app` on `listener` under `limits` (over TLS when `tls` is
/// given) until `shutdown` completes; then stops accepting, closes idle
/// connections and waits for the requests in flight.
pub async fn serve_connections(
    listener: TcpListener,
    app: Router,
    limits: ConnectionLimits,
    tls: Option<TlsAcceptor>,
    counters: Arc<ConnectionCounters>,
    shutdown: impl Future<Output = ()>,
) {
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout)
        .max_header_size(limits.max_head_bytes)
        // One buffer per response, so that hyper's own error responses
        // can be recognised (see protocol_errors).
        .writev(false);
    let connection = Connection {
        app,
        http,
        tls,
        limits,
        counters,
    };
    let permits = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let graceful = GracefulShutdown::new();
    tokio::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            permit = Arc::clone(&permits).acquire_owned() => match permit {
                Ok(permit) => permit,
                Err(_) => break,
            },
            () = &mut shutdown => break,
        };
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _peer)) => stream,
                Err(error) => {
                    let failures = connection.counters.accept_errors.fetch_add(1, Ordering::Relaxed);
                    if failures.is_multiple_of(1000) {
                        embargo_core::errln!("embargo serve: accepting a connection failed: {error}");
                    }
                    tokio::time::sleep(ACCEPT_RETRY).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let open = OpenConnection::new(Arc::clone(&connection.counters), permit);
        tokio::spawn(connection.clone().serve(stream, graceful.watcher(), open));
    }
    drop(listener);
    graceful.shutdown().await;
}

impl Connection {
    /// Serves one accepted connection to its end.
    async fn serve(self, stream: TcpStream, watcher: Watcher, open: OpenConnection) {
        let _ = stream.set_nodelay(true);
        match self.tls.clone() {
            None => self.serve_http(stream, watcher).await,
            Some(acceptor) => {
                let handshake =
                    tokio::time::timeout(self.limits.header_timeout, acceptor.accept(stream)).await;
                match handshake {
                    Ok(Ok(tls_stream)) => self.serve_http(tls_stream, watcher).await,
                    Ok(Err(_)) | Err(_) => {
                        self.counters.tls_failures.fetch_add(1, Ordering::Relaxed);
                    }
                }
            }
        }
        drop(open);
    }

    /// HTTP/1.1 on `stream` (plain or TLS).
    async fn serve_http<S>(self, stream: S, watcher: Watcher)
    where
        S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
    {
        let io = TokioIo::new(ProtocolErrorBodies::new(stream, self.limits.max_head_bytes));
        let service = TowerToHyperService::new(self.app);
        // A connection that fails (client gone, header timeout, parse
        // error already answered) only ends itself.
        let _ = watcher.watch(self.http.serve_connection(io, service)).await;
    }
}

/// The connection counters in the Prometheus text format.
pub fn render_metrics(out: &mut String, counters: &ConnectionCounters, limits: &ConnectionLimits) {
    use std::fmt::Write;
    let lines = [
        (
            "embargo_connections_accepted_total",
            "counter",
            "Connections accepted.",
            counters.accepted.load(Ordering::Relaxed),
        ),
        (
            "embargo_connections_open",
            "gauge",
            "Connections open now.",
            counters.open.load(Ordering::Relaxed),
        ),
        (
            "embargo_connections_peak",
            "gauge",
            "Most connections open at once since the start.",
            counters.peak.load(Ordering::Relaxed),
        ),
        (
            "embargo_connections_limit",
            "gauge",
            "Most connections open at once (--max-connections); more wait to be accepted.",
            limits.max_connections as u64,
        ),
        (
            "embargo_accept_errors_total",
            "counter",
            "Failed accepts (for instance out of file descriptors).",
            counters.accept_errors.load(Ordering::Relaxed),
        ),
        (
            "embargo_tls_handshake_failures_total",
            "counter",
            "TLS handshakes that failed or timed out.",
            counters.tls_failures.load(Ordering::Relaxed),
        ),
    ];
    for (name, kind, help, value) in lines {
        let _ = writeln!(
            out,
            "# HELP {name} {help}\n# TYPE {name} {kind}\n{name} {value}"
        );
    }
}
