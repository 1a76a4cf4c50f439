//! The date parsers, identifier normalization, the custom list's
//! identifier items and the OFAC remarks grammar.

#![no_main]

use embargo_core::model::{
    DateSpec, Entity, IdKind, Name, NameQuality, PartialDate, Schema, normalize_identifier,
    normalize_wallet_address,
};
use embargo_core::sources::custom::parse_identifier;
use embargo_core::sources::ofac::remarks;
use libfuzzer_sys::fuzz_target;

const KINDS: [IdKind; 12] = [
    IdKind::Passport,
    IdKind::NationalId,
    IdKind::TaxId,
    IdKind::Registration,
    IdKind::Imo,
    IdKind::Mmsi,
    IdKind::CallSign,
    IdKind::Email,
    IdKind::Website,
    IdKind::Phone,
    IdKind::Aircraft,
    IdKind::Other,
];

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(date) = PartialDate::parse(&text) {
        // What parses prints as something that parses to the same date.
        assert_eq!(
            PartialDate::parse(&date.to_string()).ok(),
            Some(date),
            "{text:?}"
        );
    }
    let _ = DateSpec::parse(&text);
    for kind in KINDS {
        let _ = normalize_identifier(kind, &text);
    }
    let _ = normalize_wallet_address(&text);
    let _ = parse_identifier(&text);
    for schema in [Schema::Person, Schema::Organization, Schema::Vessel] {
        for item in remarks::split_items(&text) {
            let _ = remarks::parse_item(item, schema);
        }
        let mut entity = Entity::new("f:1", schema, Name::new("X", NameQuality::Primary));
        remarks::apply(&text, &mut entity);
    }
});
