//! The entity model: one shape for every person, organization, vessel and
//! aircraft that any list publishes.
//!
//! Parsers in [`crate::sources`] fill it; the store serializes it as JSON; the
//! matcher indexes it. Fields hold what the list said, normalized only where a
//! normal form is unambiguous (ISO country codes, partial dates), with the
//! list's own wording kept alongside.

mod address;
mod country;
mod date;
mod entity;
mod identifier;
mod iso_json;
mod name;
mod scores;

pub use address::Address;
pub use country::{
    Country, country_code, country_name, country_names, is_country_word, one_word_country_names,
};
pub use date::{DateParseError, DateSpec, PartialDate};
pub use entity::{
    Entity, Gender, LIST_UN, Link, ListReference, MAX_NAMES_PER_ENTITY, Schema, VesselInfo,
};
pub use identifier::{IdKind, Identifier, Wallet, normalize_identifier, normalize_wallet_address};
pub use name::{Name, NamePart, NamePartKind, NameQuality, script_of};
pub use scores::{SCORE_DECIMALS, format_score, round_score, serialize_score};
