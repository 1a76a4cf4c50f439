//! A small Prometheus registry: request counts and latency per route,
//! screening time, result counts, and the served list versions, rendered
//! in the Prometheus text format by `GET /metrics`.
//!
//! Counters are atomics; the per-route maps take a read lock to find a
//! series (a write lock only the first time a route or status is seen),
//! so recording never waits on screening.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::Response;

use crate::AppState;
use crate::reload::Lists;

/// Upper bounds of the latency histogram buckets, in seconds.
const BUCKETS: [f64; 14] = [
    0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5,
];

/// Label of requests that matched no route.
const UNMATCHED: &str = "unmatched";

/// A latency histogram with fixed buckets.
#[derive(Debug, Default)]
pub struct Histogram {
    buckets: [AtomicU64; BUCKETS.len()],
    count: AtomicU64,
    sum_nanos: AtomicU64,
}

impl Histogram {
    /// Records one duration.
    pub fn observe(&self, elapsed: Duration) {
        let seconds = elapsed.as_secs_f64();
        if let Some(at) = BUCKETS.iter().position(|&bound| seconds <= bound) {
            self.buckets[at].fetch_add(1, Ordering::Relaxed);
        }
        self.count.fetch_add(1, Ordering::Relaxed);
        let nanos = u64::try_from(elapsed.as_nanos()).unwrap_or(u64::MAX);
        self.sum_nanos.fetch_add(nanos, Ordering::Relaxed);
    }

    /// Appends the `_bucket`, `_sum` and `_count` lines of `name` with
    /// `labels` (`route="/match"`, or empty).
    fn render(&self, out: &mut String, name: &str, labels: &str) {
        let separator = if labels.is_empty() { "" } else { "," };
        let mut cumulative = 0;
        for (bound, bucket) in BUCKETS.iter().zip(&self.buckets) {
            cumulative += bucket.load(Ordering::Relaxed);
            let _ = writeln!(
                out,
                "{name}_bucket{{{labels}{separator}le=\"{bound}\"}} {cumulative}"
            );
        }
        let count = self.count.load(Ordering::Relaxed);
        let sum = self.sum_nanos.load(Ordering::Relaxed) as f64 / 1e9;
        let _ = writeln!(
            out,
            "{name}_bucket{{{labels}{separator}le=\"+Inf\"}} {count}"
        );
        let braces = if labels.is_empty() {
            String::new()
        } else {
            format!("{{{labels}}}")
        };
        let _ = writeln!(out, "{name}_sum{braces} {sum}");
        let _ = writeln!(out, "{name}_count{braces} {count}");
    }
}

/// What is recorded about one route.
#[derive(Debug, Default)]
struct RouteSeries {
    latency: Histogram,
    by_status: RwLock<BTreeMap<u16, Arc<AtomicU64>>>,
}

impl RouteSeries {
    fn count_status(&self, status: u16) {
        if let Ok(known) = self.by_status.read()
            && let Some(counter) = known.get(&status)
        {
            counter.fetch_add(1, Ordering::Relaxed);
            return;
        }
        if let Ok(mut known) = self.by_status.write() {
            known
                .entry(status)
                .or_default()
                .fetch_add(1, Ordering::Relaxed);
        }
    }
}

/// Every metric the server exports.
#[derive(Debug, Default)]
pub struct Metrics {
    routes: RwLock<BTreeMap<String, Arc<RouteSeries>>>,
    /// Time spent screening one query (without HTTP, JSON or queueing).
    pub screening: Histogram,
    /// Queries screened (by `/match` and `/search`).
    pub queries: AtomicU64,
    /// Results returned.
    pub results: AtomicU64,
    /// Results returned with `match: true`.
    pub matches: AtomicU64,
}

impl Metrics {
    /// Records one finished request.
    pub fn record_request(&self, route: &str, status: u16, elapsed: Duration) {
        let series = self.route(route);
        series.latency.observe(elapsed);
        series.count_status(status);
    }

    /// Records the results of one screened query.
    pub fn record_query(&self, elapsed: Duration, results: usize, matches: usize) {
        self.screening.observe(elapsed);
        self.queries.fetch_add(1, Ordering::Relaxed);
        self.results.fetch_add(results as u64, Ordering::Relaxed);
        self.matches.fetch_add(matches as u64, Ordering::Relaxed);
    }

    fn route(&self, route: &str) -> Arc<RouteSeries> {
        if let Ok(known) = self.routes.read()
            && let Some(series) = known.get(route)
        {
            return Arc::clone(series);
        }
        match self.routes.write() {
            Ok(mut known) => Arc::clone(known.entry(route.to_string()).or_default()),
            Err(_) => Arc::default(),
        }
    }

    /// The whole registry in the Prometheus text exposition format.
    pub fn render(&self, lists: &Lists) -> String {
        let mut out = String::new();
        self.render_requests(&mut out);
        out.push_str("# HELP embargo_screening_duration_seconds Time spent screening one query, without HTTP.\n");
        out.push_str("# TYPE embargo_screening_duration_seconds histogram\n");
        self.screening
            .render(&mut out, "embargo_screening_duration_seconds", "");
        counter(
            &mut out,
            "embargo_queries_total",
            "Queries screened.",
            &self.queries,
        );
        counter(
            &mut out,
            "embargo_results_total",
            "Results returned.",
            &self.results,
        );
        counter(
            &mut out,
            "embargo_matches_total",
            "Results returned with match=true.",
            &self.matches,
        );
        render_lists(&mut out, lists);
        out
    }

    fn render_requests(&self, out: &mut String) {
        let Ok(routes) = self.routes.read() else {
            return;
        };
        out.push_str("# HELP embargo_http_requests_total HTTP requests by route and status.\n");
        out.push_str("# TYPE embargo_http_requests_total counter\n");
        for (route, series) in routes.iter() {
            if let Ok(statuses) = series.by_status.read() {
                for (status, count) in statuses.iter() {
                    let _ = writeln!(
                        out,
                        "embargo_http_requests_total{{route=\"{}\",status=\"{status}\"}} {}",
                        escape(route),
                        count.load(Ordering::Relaxed)
                    );
                }
            }
        }
        out.push_str(
            "# HELP embargo_http_request_duration_seconds HTTP request latency by route.\n",
        );
        out.push_str("# TYPE embargo_http_request_duration_seconds histogram\n");
        for (route, series) in routes.iter() {
            let labels = format!("route=\"{}\"", escape(route));
            series
                .latency
                .render(out, "embargo_http_request_duration_seconds", &labels);
        }
    }
}

fn counter(out: &mut String, name: &str, help: &str, value: &AtomicU64) {
    let _ = writeln!(out, "# HELP {name} {help}");
    let _ = writeln!(out, "# TYPE {name} counter");
    let _ = writeln!(out, "{name} {}", value.load(Ordering::Relaxed));
}

/// Gauges of the served lists and counters of reloads.
fn render_lists(out: &mut String, lists: &Lists) {
    let snapshot = lists.current();
    out.push_str(
        "# HELP embargo_lists_ready 1 when lists are loaded and served (as /readyz: not for the \
         bundled demo list unless started with --demo).\n",
    );
    out.push_str("# TYPE embargo_lists_ready gauge\n");
    let _ = writeln!(
        out,
        "embargo_lists_ready {}",
        u8::from(lists.readiness().is_ok())
    );
    let _ = writeln!(
        out,
        "# HELP embargo_list_reloads_total Swaps to new list versions after the first load."
    );
    let _ = writeln!(out, "# TYPE embargo_list_reloads_total counter");
    let _ = writeln!(out, "embargo_list_reloads_total {}", lists.reloads());
    let _ = writeln!(
        out,
        "# HELP embargo_list_reload_failures_total Failed list loads."
    );
    let _ = writeln!(out, "# TYPE embargo_list_reload_failures_total counter");
    let _ = writeln!(
        out,
        "embargo_list_reload_failures_total {}",
        lists.failures()
    );
    let Some(snapshot) = snapshot else {
        return;
    };
    out.push_str("# HELP embargo_list_version_info The list versions served (value 1).\n");
    out.push_str("# TYPE embargo_list_version_info gauge\n");
    for list in snapshot.screener.lists() {
        let _ = writeln!(
            out,
            "embargo_list_version_info{{source=\"{}\",version=\"{}\"}} 1",
            escape(&list.source),
            escape(&list.version)
        );
    }
    let _ = writeln!(out, "# HELP embargo_list_entities Entities served.");
    let _ = writeln!(out, "# TYPE embargo_list_entities gauge");
    let _ = writeln!(
        out,
        "embargo_list_entities {}",
        snapshot.screener.entities().len()
    );
    let _ = writeln!(
        out,
        "# HELP embargo_list_generation Number of the served snapshot."
    );
    let _ = writeln!(out, "# TYPE embargo_list_generation gauge");
    let _ = writeln!(out, "embargo_list_generation {}", snapshot.generation);
    let _ = writeln!(
        out,
        "# HELP embargo_list_loaded_timestamp_seconds When the served snapshot was built."
    );
    let _ = writeln!(out, "# TYPE embargo_list_loaded_timestamp_seconds gauge");
    let _ = writeln!(
        out,
        "embargo_list_loaded_timestamp_seconds {}",
        snapshot.loaded_at.timestamp()
    );
    let _ = writeln!(
        out,
        "# HELP embargo_list_load_seconds How long building the served snapshot took: \
         reading the lists from the store and indexing them."
    );
    let _ = writeln!(out, "# TYPE embargo_list_load_seconds gauge");
    let _ = writeln!(out, "embargo_list_load_seconds {}", snapshot.load_seconds);
}

/// Counters of the API audit trail (see [`crate::audit`]).
pub fn render_audit(out: &mut String, counters: &crate::audit::AuditCounters) {
    counter(
        out,
        "embargo_audit_written_total",
        "API screenings written to the audit log.",
        &counters.written,
    );
    counter(
        out,
        "embargo_audit_dropped_total",
        "API screenings not recorded because the audit queue was full.",
        &counters.dropped,
    );
    counter(
        out,
        "embargo_audit_write_failures_total",
        "API screenings lost because their batch could not be written.",
        &counters.failed,
    );
}

/// Reads one gauge value from a source's update state at a time.
type UpdateGauge = fn(&embargo_store::UpdateState, chrono::DateTime<chrono::Utc>) -> Option<i64>;

/// Per-source gauges of list updates: last attempt, last success, whether
/// the last attempt failed, and the age of the last success.
pub fn render_updates(out: &mut String, states: &[embargo_store::UpdateState]) {
    let now = chrono::Utc::now();
    let gauges: [(&str, &str, UpdateGauge); 4] = [
        (
            "embargo_list_update_last_attempt_timestamp_seconds",
            "When an update of the list was last attempted.",
            |s, _| s.last_attempt.map(|at| at.timestamp()),
        ),
        (
            "embargo_list_update_last_success_timestamp_seconds",
            "When an update of the list last succeeded.",
            |s, _| s.last_success.map(|at| at.timestamp()),
        ),
        (
            "embargo_list_update_age_seconds",
            "Seconds since the last successful update of the list.",
            |s, now| s.last_success.map(|at| (now - at).num_seconds()),
        ),
        (
            "embargo_list_update_failing",
            "1 when the last update attempt of the list failed.",
            |s, _| Some(i64::from(s.last_error.is_some())),
        ),
    ];
    for (name, help, value) in gauges {
        let _ = writeln!(out, "# HELP {name} {help}");
        let _ = writeln!(out, "# TYPE {name} gauge");
        for state in states {
            if let Some(value) = value(state, now) {
                let _ = writeln!(
                    out,
                    "{name}{{source=\"{}\"}} {value}",
                    escape(&state.source_id)
                );
            }
        }
    }
}

/// Escapes a label value (backslash, quote, newline).
fn escape(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

/// Middleware: counts and times every request under its route template
/// (`/entities/{id}`), or `unmatched`.
pub async fn track(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or(UNMATCHED.to_string(), |path| path.as_str().to_string());
    let started = Instant::now();
    let response = next.run(request).await;
    state
        .metrics()
        .record_request(&route, response.status().as_u16(), started.elapsed());
    response
}
