//! UK sanctions lists, in both formats the UK publishes:
//! * the FCDO **UK Sanctions List XML** (root `Designations`, one
//!   `Designation` per person, entity or ship), the current format
//!   ([`parse_fcdo`], module `fcdo`);
//! * the OFSI **Consolidated List CSV** (`ConList.csv`) in its legacy
//!   layout (up to 2022: 29 columns) and its 2022 layout (with `Alias
//!   Quality`, `Name Non-Latin Script`, `UK Sanctions List Ref`, ship
//!   columns): one row per name variation, rows of one target grouped by
//!   `Group ID` ([`parse_ofsi`], module `ofsi`). Columns are found by
//!   their header names, so both layouts are one reader.
//!
//! Ids are stable across versions and formats: `uk:<UK Sanctions List
//! ref>` (`uk:AFG0001`) when the file gives it, else `uk:<Group ID>`
//! (`uk:13349`, legacy CSV). The UN reference number (`UNReferenceNumber`,
//! or `UN Ref QDe.004` inside the CSV's `Other Information`) is kept as a
//! [`ListReference`] to the UN list.
//!
//! Mapping shared by both formats (module `fields`): names `Name 1`..`Name
//! 5` then `Name 6` (the family name, or an entity's whole name) joined by
//! spaces, with parts; `Primary Name`/`Prime Alias` is the primary name,
//! `Primary Name Variation` and good-quality aliases strong, `Low quality`
//! aliases weak, `FKA` former; non-Latin names are strong aliases with
//! their script. Dates `dd/mm/yyyy`, with `dd`/`mm`/`00` for an unknown day
//! or month (`dd/mm/1945` is the year 1945), are partial dates (module
//! `dates`). Passports and national ids keep their number and the
//! publisher's text as note; addresses lines 1–4 as street, 5 as city, 6
//! as region. Anything else the file states is kept as a remark.
//!
//! The OFSI legacy CSV is Windows-1252: it is read as Windows-1252 when it
//! is not UTF-8 (see [`crate::decode`]).
//!
//! [`ListReference`]: crate::model::ListReference

mod dates;
mod fcdo;
mod fields;
mod ofsi;

#[cfg(test)]
mod tests;

pub use fcdo::parse as parse_fcdo;
pub use ofsi::parse as parse_ofsi;
