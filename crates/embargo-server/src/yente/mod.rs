//! A yente-compatible API on embargo's server, so that clients written
//! for the OpenSanctions API server (nomenklatura's yente enricher,
//! yente's own HTTP clients) work unchanged:
//!
//! * `POST /match/{dataset}` ([`matching`]) and `GET /search/{dataset}`
//!   ([`search`]), yente's parameters and bodies accepted; what embargo
//!   cannot honour is reported under `ignored` (and properties it does
//!   not screen on under `ignored_properties`), not refused;
//! * `GET /catalog`, `GET /algorithms`, `GET /manifest`,
//!   `POST /updatez` ([`catalog`]);
//! * dataset names ([`datasets`]): `default` and `sanctions` (every
//!   served list) and each list under its OpenSanctions name or source id.
//!
//! Results are entities in yente's shape ([`entity`]): FtM schema and
//! properties ([`properties`]), `referents` and `datasets` of every copy
//! of one entity on several lists (`crate::grouping`), rounded scores,
//! yente's `explanations` ([`explain`]) beside embargo's `explanation`.

pub mod catalog;
pub mod datasets;
pub mod entity;
pub mod explain;
pub mod matching;
pub mod params;
pub mod properties;
pub mod query;
pub mod scope;
pub mod search;
