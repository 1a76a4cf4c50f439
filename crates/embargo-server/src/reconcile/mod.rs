//! The OpenRefine reconciliation API (v0.2), as yente serves it, over a
//! dataset (see `crate::yente::datasets`):
//!
//! * `GET /reconcile` and `GET /reconcile/{dataset}`: the service manifest;
//!   with `queries=JSON` a batch of queries, with `extend=JSON` a data
//!   extension; `POST` the same as a form (`application/x-www-form-
//!   urlencoded`, as OpenRefine sends them) ([`service`]);
//! * `GET /reconcile/{dataset}/suggest/entity`, `.../suggest/property`,
//!   `.../suggest/type` and `.../extend/propose` ([`suggest`]).
//!
//! A query (`{"query": "Kim Sang Man", "type": "Person", "limit": 5,
//! "properties": [{"pid": "birthDate", "v": "1965"}]}`) is screened like a
//! yente `/match` query; scores are given on OpenRefine's 0–100 scale, and
//! `match` is true for the first result alone when it reaches the
//! threshold and leads the next by a clear margin.

pub mod queries;
pub mod service;
pub mod suggest;

use axum::http::HeaderMap;

/// The base URL the client reached the server at, from its `Host` header
/// (the hosts check has already accepted it).
pub fn base_url(headers: &HeaderMap, tls: bool) -> String {
    let host = headers
        .get(axum::http::header::HOST)
        .and_then(|value| value.to_str().ok())
        .unwrap_or("localhost");
    let scheme = if tls { "https" } else { "http" };
    format!("{scheme}://{host}")
}
