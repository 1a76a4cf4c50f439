//! The embargo Python package's native side.
//!
//! The Python-free part, compiled and tested by every `cargo test`:
//!
//! * [`lists`]: the screener of a store's active lists (as `embargo
//!   screen` builds it) or of list files read directly;
//! * [`stream`]: [`stream::RowStream`], rows fed one by one through the
//!   very batch pipeline of `embargo screen --input`
//!   ([`embargo_core::batch::run`] over a JSON-lines
//!   [`embargo_core::records::RecordReader`]), results handed back in
//!   input order.
//!
//! The PyO3 bindings (module `embargo._native`) are behind the `python`
//! feature, which maturin turns on (see `pyproject.toml`): without it the
//! crate needs no Python at all, so `cargo test --workspace` neither needs
//! nor links libpython.

pub mod lists;
pub mod stream;

#[cfg(feature = "python")]
mod python;

/// The extension's own allocations (indexes, queries, candidates,
/// results) use mimalloc, as the `embargo` binary does: with the system
/// allocator, malloc and free took about a tenth of `screen_many`'s time
/// (perf) and the package ran at 69 % of the CLI's rows/s. Python's
/// objects keep Python's allocator; nothing allocated by one is freed by
/// the other.
#[cfg(feature = "python")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
