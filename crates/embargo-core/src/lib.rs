//! Core of the embargo sanctions screening engine.
//!
//! * [`model`]: the entity every list is turned into (names, dates, countries,
//!   identifiers, wallets, links).
//! * [`sources`]: one parser per official list format, each turning files into
//!   [`model::Entity`] values, plus format detection and the bundled demo list.
//! * [`matching`]: normalization, transliteration, the candidate index, scoring
//!   and explanations.
//! * [`evaluation`]: model validation (recall, false alerts, threshold
//!   sweep, timing, index versus brute force).
//! * [`scan`]: finding mentions of listed entities, wallets and
//!   identifiers in free text.
//! * [`decode`]: the rules that turn the bytes of an outside file into
//!   text (byte-order mark, UTF-16, UTF-8, Windows-1252, what is binary),
//!   used by every reader.
//! * [`records`]: reading files of customer records (CSV, JSON lines) into
//!   queries, for batch screening, monitoring and evaluation.
//! * [`batch`]: screening a whole records file in parallel with bounded
//!   memory and output in input order (CSV or JSON lines, rejects file,
//!   summary).
//!
//! Storage lives in the `embargo-store` crate and the front ends (CLI, HTTP
//! server) in their own crates; this crate does no database or network I/O.

pub mod batch;
pub mod decode;
pub mod diagnostics;
pub mod evaluation;
pub mod ftm;
pub mod matching;
pub mod model;
pub mod records;
pub mod scan;
pub mod sources;
