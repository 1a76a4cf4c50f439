//! The Swiss sanctions list, as the State Secretariat for Economic Affairs
//! (SECO) publishes it in XML: root `swiss-sanctions-list` (its `date` is
//! the publication date), `sanctions-program` elements (each with its
//! `sanctions-set`s), `place` elements (locations addresses and places of
//! birth refer to by `place-id`), and one `target` per listed person,
//! entity or object ([`parse_seco`], module `seco`).
//!
//! Ids are `ch:<ssid>` (the target's `ssid`), stable across versions. A
//! target whose last `modification` is `de-listed` is no longer listed and
//! is left out, with a notice.
//!
//! Mapping (modules `target` and `names`):
//! * `individual` is a person (`sex` its gender), `entity` an organization,
//!   `object` a vessel, aircraft or other object (`object-type`);
//! * each `identity` (the `main="true"` one first) holds `name`s
//!   (`name-type` `primary-name`, `alias`, `formerly-known-as`; `quality`
//!   `good` or `low`) made of `name-part`s (`order`, `name-part-type`
//!   `given-name`, `further-given-name`, `father-name`, `family-name`,
//!   `whole-name`, `title`, ...) whose `value` is joined in order; each
//!   `spelling-variant` (`lang`, `script`) of a part gives the name again
//!   in that spelling, with its language and script; a `title` part is a
//!   title, not part of the name;
//! * `day-month-year` (`year`, `month`, `day`, any of them missing) is a
//!   birth date of a person (of anything else, a remark), `place-of-birth`
//!   a birth place, `nationality/country` a nationality (its `iso-code`),
//!   `address` an address (its place's `location`, `area`, `country`;
//!   `address-details`, `zip-code`, `p-o-box`, `c-o`, `remarks`),
//!   `identification-document` an identifier (`document-type`, `number`,
//!   `issuer`, `date-of-issue`, `expiry-date`, `remark`);
//! * `foreign-identifier` is the UN reference number when it has the UN
//!   form (`QDi.123`), else a remark; `sanctions-set-id` names the program
//!   (the `program-key` in English of the set's `sanctions-program`);
//!   `modification`s give the listing date (the earliest `listed` one);
//!   `other-information`, `justification` and `relation` are remarks (an
//!   `IMO number: N` in other information is also an IMO identifier).
//!
//! Tested on fixtures written from the publisher's element names only: no
//! real SECO file was available.

mod names;
mod seco;
mod target;

#[cfg(test)]
mod tests;

pub use seco::parse as parse_seco;
