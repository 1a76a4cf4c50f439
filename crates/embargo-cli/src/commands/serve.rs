//! `embargo serve`: the HTTP screening API and web UI (crate
//! `embargo-server`) on one address, until Ctrl-C or SIGTERM. It serves
//! the store named (which must exist), or the bundled demo list: ready
//! with it only when asked for with `--demo`.

use std::time::Duration;

use anyhow::{Context, Result, bail};
use std::sync::Arc;

use embargo_server::{
    AccessConfig, AppState, ConnectionLimits, Limits, ServerConfig, TlsFiles, refresh,
};
use embargo_store::{DEMO_DESCRIPTION, StoreLocation, StoreOrigin};

use crate::Outcome;
use crate::cli::{GlobalArgs, ServeArgs};
use crate::context::{location, open_store_at};

/// Runs `embargo serve`.
pub fn run(global: &GlobalArgs, args: ServeArgs) -> Result<Outcome> {
    let config = server_config(&args)?;
    let location = location(global)?;
    let (state, served) = serving_state(&args, &location, config)?;
    // Checked again by the server; here so that nothing is bound or
    // printed before a refusal.
    if !state.config().access.open_read && state.keys().is_empty() {
        return Err(embargo_server::ServerError::NoKeys {
            db: location.path.clone(),
        }
        .into());
    }
    if let Some(files) = &state.config().tls {
        embargo_server::tls::acceptor(files)?;
    }
    let (stop_refresh, refresh_stopped) = std::sync::mpsc::channel::<()>();
    let refresher = match &args.refresh_every {
        Some(every) => Some(start_refresher(
            &args,
            every,
            &location.path,
            &state,
            refresh_stopped,
        )?),
        None => None,
    };
    let threads = match args.threads {
        Some(0) => bail!("--threads must be at least 1"),
        Some(threads) => threads,
        None => std::thread::available_parallelism().map_or(2, usize::from),
    };
    // Screening is CPU-bound: as many blocking threads as cores (plus one
    // for a reload) queue requests instead of time-slicing dozens of them.
    let mut runtime = tokio::runtime::Builder::new_multi_thread();
    runtime
        .enable_all()
        .worker_threads(threads)
        .max_blocking_threads(threads + 1);
    let runtime = runtime.build().context("starting the async runtime")?;
    let tls = state.config().tls.is_some();
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(&args.listen)
            .await
            .with_context(|| format!("listening on {}", args.listen))?;
        let address = listener.local_addr()?;
        let scheme = if tls { "https" } else { "http" };
        embargo_core::errln!(
            "embargo serve: listening on {scheme}://{address}/ ({served}); {}; loading lists",
            access_summary(&state)
        );
        embargo_server::serve(listener, state, embargo_server::shutdown_signal())
            .await
            .context("serving")?;
        drop(stop_refresh);
        if let Some(refresher) = refresher {
            let _ = refresher.join();
        }
        embargo_core::errln!("embargo serve: stopped");
        Ok(Outcome::Success)
    })
}

/// What the server serves: the bundled demo list with `--demo` (ready with
/// it) or when no store is configured at all (not ready: `/readyz`
/// answers 503), else the store named, which must exist. Returns the state
/// and a few words for the start-up line.
///
/// The demo list has no store, hence no API keys, alerts, decisions or
/// audit log: it is served with screening and list reading open to all.
fn serving_state(
    args: &ServeArgs,
    location: &StoreLocation,
    config: ServerConfig,
) -> Result<(AppState, String)> {
    if args.demo {
        if location.origin != StoreOrigin::PlatformDefault {
            bail!(
                "--demo serves the bundled demo list without a store, but {} names the store {}; drop one of them",
                location.origin,
                location.name()
            );
        }
        let state = AppState::demo(config, true)?;
        return Ok((state, format!("--demo: {DEMO_DESCRIPTION}")));
    }
    if location.is_unconfigured() {
        if args.refresh_every.is_some() {
            bail!(
                "--refresh-every needs a store, and there is none (no --db, no EMBARGO_DB, nothing at {}): run `embargo update` once, or name a store with --db",
                location.path.display()
            );
        }
        embargo_core::errln!(
            "embargo serve: warning: no store (no --db, no EMBARGO_DB, nothing at {}): serving {DEMO_DESCRIPTION}; /readyz answers 503 (start with --demo to serve it deliberately, or with --db PATH)",
            location.path.display()
        );
        let state = AppState::demo(config, false)?;
        return Ok((state, "no store: the bundled demo list".to_string()));
    }
    // The store must exist: the context names the path and who gave it.
    drop(open_store_at(location)?);
    let state = AppState::open(&location.path, config)
        .with_context(|| format!("opening store {location}"))?;
    Ok((state, format!("store {}", location.name())))
}

/// The server configuration the flags describe.
fn server_config(args: &ServeArgs) -> Result<ServerConfig> {
    let seconds = |flag: &str, value: f64, least: f64| -> Result<Duration> {
        if value.is_finite() && value >= least {
            Ok(Duration::from_secs_f64(value))
        } else {
            bail!("{flag} must be at least {least} seconds")
        }
    };
    if args.max_connections == 0 {
        bail!("--max-connections must be at least 1");
    }
    if args.max_body_bytes < 1024 {
        bail!("--max-body-bytes must be at least 1024");
    }
    let tls = match (&args.tls_cert, &args.tls_key) {
        (Some(cert), Some(key)) => Some(TlsFiles {
            cert: cert.clone(),
            key: key.clone(),
        }),
        _ => None,
    };
    Ok(ServerConfig {
        poll_interval: seconds("--poll-interval", args.poll_interval, 0.1)?,
        limits: Limits {
            max_body_bytes: args.max_body_bytes,
            request_timeout: seconds("--request-timeout", args.request_timeout, 0.1)?,
            ..Limits::default()
        },
        connections: ConnectionLimits {
            max_connections: args.max_connections,
            header_timeout: seconds("--header-timeout", args.header_timeout, 0.1)?,
            ..ConnectionLimits::default()
        },
        access: AccessConfig {
            open_read: args.open_read,
            allowed_hosts: args.allowed_host.clone(),
        },
        tls,
        cors_origins: args.cors_origin.clone(),
        ..ServerConfig::default()
    })
}

/// What the start-up line says of access: keys, open reads.
fn access_summary(state: &AppState) -> String {
    let keys = state.keys().len();
    let reads = if state.config().access.open_read {
        "screening and list reading open to all"
    } else {
        "every API route needs a key"
    };
    format!("{keys} active API key(s), {reads}")
}

/// Starts the scheduled list updates of `--refresh-every`.
fn start_refresher(
    args: &ServeArgs,
    every: &str,
    db: &std::path::Path,
    state: &AppState,
    stop: std::sync::mpsc::Receiver<()>,
) -> Result<std::thread::JoinHandle<()>> {
    let every = refresh::parse_duration(every)
        .map_err(|message| anyhow::anyhow!("--refresh-every {message}"))?;
    let config = embargo_update::UpdateConfig::load(args.update_config.as_deref())
        .context("reading the update configuration")?;
    let db = db.to_path_buf();
    let update = move || {
        embargo_update::refresh_store(&db, &config)
            .map(|report| report.changed())
            .map_err(|error| error.to_string())
    };
    embargo_core::errln!(
        "embargo serve: updating the lists every {}",
        args.refresh_every.as_deref().unwrap_or_default()
    );
    refresh::spawn_refresher(Arc::clone(state.lists()), every, Box::new(update), stop)
        .context("starting the list refresher")
}
