//! Integration tests of the store on real database files in temporary
//! folders: imports, queries, opening odd files, concurrency and crashes.

// clippy.toml allows these in `#[test]` functions only; the helpers that
// build fixtures here should panic with their reason just the same.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod activation;
mod backends;
mod completeness;
mod concurrency;
mod entity_history;
mod fixtures;
mod history;
mod import;
mod monitoring;
mod open;
mod queries;
mod support;
