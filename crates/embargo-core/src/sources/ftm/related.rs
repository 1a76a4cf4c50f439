//! The entities FollowTheMoney keeps beside a screened one, read into it
//! once the whole file is known:
//!
//! * `Address` (referred to by the entity's `addressEntity`): street
//!   (`street`, `street2`), city, region (`region`, `state`), postal code,
//!   country, note (`remarks`, `summary`); `full` alone is taken as the
//!   street. An `address` text equal to a referred address's `full` is the
//!   same address, not a second one. References may use an address's
//!   `referents` (its former ids) as well as its id.
//! * `Sanction` (by `entity`): `program`, `programId` as programs;
//!   `listingDate`, `startDate` as the listing date (the earliest); every
//!   other property but bookkeeping as a remark `Sanction property: value`.
//! * `Identification` and `Passport` (by `holder`): completes the entity's
//!   identifier with the same number (country, `type` as its label,
//!   `summary` and the other properties as its note), or adds one (a second
//!   document with a known number is a second identifier): of the kind
//!   whose label `type` is, else of the kind of the known identifier with
//!   that number, a passport for `Passport`, else `Other` labelled with
//!   `type`.
//! * `CryptoWallet` (by `holder`): `publicKey` in `currencySymbol`.
//! * The relationship schemata of [`table::RELATIONS`]: a link on the
//!   source entity, worded by its role (or the table's wording), naming
//!   the target by `namesMentioned` (or its primary name), with the
//!   target's id when it is in the file.
//!
//! A related entity naming no screened entity of the file, or an
//! identification without a number, is counted in a notice.

use std::collections::{BTreeMap, HashMap};

use super::{FtmRecord, Thing, ftm_country, listing_date, push_unique, push_wallet};
use crate::ftm::table::{self, Field};
use crate::model::{Address, IdKind, Identifier, Link, Wallet, normalize_identifier};

/// Every identifier kind, to read a kind back from its label.
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

/// True for the schemata read into screened entities.
pub(super) fn is_related(schema: &str) -> bool {
    matches!(
        schema,
        "Address" | "Sanction" | "Identification" | "Passport" | "CryptoWallet"
    ) || table::relation_schema(schema).is_some()
}

/// Reads `records` into `things` (found by FtM id through `index`);
/// returns the count of records per schema that named no thing.
pub(super) fn attach(
    things: &mut [Thing],
    index: &HashMap<String, usize>,
    records: Vec<FtmRecord>,
    source_id: &str,
) -> BTreeMap<String, usize> {
    let mut unattached: BTreeMap<String, usize> = BTreeMap::new();
    let mut addresses: Vec<(Address, Vec<String>)> = Vec::new();
    let mut address_ids: HashMap<String, usize> = HashMap::new();
    let mut rest = Vec::new();
    for record in records {
        if record.schema == "Address" {
            let full: Vec<String> = record.values("full").map(str::to_string).collect();
            for id in record.referents.iter().chain([&record.id]) {
                address_ids.insert(id.clone(), addresses.len());
            }
            addresses.push((address(&record), full));
        } else {
            rest.push(record);
        }
    }
    let mut referred = vec![false; addresses.len()];
    for thing in things.iter_mut() {
        let mut fulls: Vec<String> = Vec::new();
        for reference in std::mem::take(&mut thing.address_refs) {
            // A reference to an address the file lacks says nothing.
            let Some(&at) = address_ids.get(&reference) else {
                continue;
            };
            let Some((address, full)) = addresses.get(at) else {
                continue;
            };
            if let Some(flag) = referred.get_mut(at) {
                *flag = true;
            }
            fulls.extend(full.iter().cloned());
            fulls.push(address.one_line());
            if !thing.entity.addresses.contains(address) {
                thing.entity.addresses.push(address.clone());
            }
        }
        for text in std::mem::take(&mut thing.address_texts) {
            let address = Address {
                street: Some(text.clone()),
                ..Address::default()
            };
            if !fulls.contains(&text) && !thing.entity.addresses.contains(&address) {
                thing.entity.addresses.push(address);
            }
        }
    }
    let orphans = referred.iter().filter(|referred| !**referred).count();
    if orphans > 0 {
        unattached.insert("Address".to_string(), orphans);
    }
    for record in rest {
        if !attach_one(things, index, &record, source_id) {
            let numberless = matches!(record.schema.as_str(), "Identification" | "Passport")
                && record
                    .first("number")
                    .or(record.first("passportNumber"))
                    .is_none();
            let key = if numberless {
                format!("{} (no number)", record.schema)
            } else {
                record.schema.clone()
            };
            *unattached.entry(key).or_default() += 1;
        }
    }
    unattached
}

/// The notice counting related entities that named no screened entity.
pub(super) fn unattached_notice(unattached: &BTreeMap<String, usize>) -> Option<String> {
    if unattached.is_empty() {
        return None;
    }
    let counts: Vec<String> = unattached
        .iter()
        .map(|(schema, count)| format!("{count} {schema}"))
        .collect();
    Some(format!(
        "left out {}: no number, or naming no person, organization, vessel or aircraft of the file",
        counts.join(", ")
    ))
}

/// Reads one non-address record into the thing it names; false when it
/// names none.
fn attach_one(
    things: &mut [Thing],
    index: &HashMap<String, usize>,
    record: &FtmRecord,
    source_id: &str,
) -> bool {
    let find = |property: &str| record.first(property).and_then(|id| index.get(id)).copied();
    match record.schema.as_str() {
        "Sanction" => find("entity")
            .and_then(|at| things.get_mut(at))
            .map(|thing| {
                sanction(thing, record);
            }),
        "Identification" | "Passport" => find("holder")
            .and_then(|at| things.get_mut(at))
            .map(|thing| identification(thing, record))
            .unwrap_or(false)
            .then_some(()),
        "CryptoWallet" => find("holder")
            .and_then(|at| things.get_mut(at))
            .map(|thing| {
                if let Some(address) = record.first("publicKey").or(record.first("cryptoAddress")) {
                    let currency = record.first("currencySymbol").unwrap_or_default();
                    push_wallet(
                        &mut thing.entity,
                        Wallet {
                            currency: currency.to_string(),
                            address: address.to_string(),
                        },
                    );
                }
            }),
        schema => {
            let Some(relation) = table::relation_schema(schema) else {
                return false;
            };
            let Some(source) = find(relation.source) else {
                return false;
            };
            let target_id = record.first(relation.target).unwrap_or_default();
            let target = index.get(target_id).and_then(|at| things.get(*at));
            let name = record
                .first("namesMentioned")
                .map(str::to_string)
                .or_else(|| target.map(|t| t.entity.caption().to_string()))
                .unwrap_or_else(|| target_id.to_string());
            let id = target.map(|_| format!("{source_id}:{target_id}"));
            let relation = record.first(relation.role).unwrap_or(relation.wording);
            things.get_mut(source).map(|thing| {
                let link = Link {
                    relation: relation.to_string(),
                    name,
                    id,
                };
                if !thing.entity.links.contains(&link) {
                    thing.entity.links.push(link);
                }
            })
        }
    }
    .is_some()
}

/// An `Address` record as an address.
fn address(record: &FtmRecord) -> Address {
    let join = |properties: &[&str]| {
        let parts: Vec<&str> = properties.iter().flat_map(|p| record.values(p)).collect();
        (!parts.is_empty()).then(|| parts.join(", "))
    };
    let mut address = Address {
        street: join(&["street", "street2"]),
        city: join(&["city"]),
        region: join(&["region", "state"]),
        postal_code: join(&["postalCode"]),
        country: record.first("country").map(ftm_country),
        note: join(&["remarks", "summary"]),
    };
    if address.street.is_none() && address.city.is_none() && address.region.is_none() {
        address.street = join(&["full"]);
    }
    address
}

/// Programs, listing date and remarks from a `Sanction`.
fn sanction(thing: &mut Thing, record: &FtmRecord) {
    let entity = &mut thing.entity;
    for (property, values) in &record.properties {
        for value in values.iter().map(|v| v.trim()).filter(|v| !v.is_empty()) {
            match property.as_str() {
                "entity" => {}
                "program" | "programId" => push_unique(&mut entity.programs, value.to_string()),
                "listingDate" | "startDate" => listing_date(entity, property, value),
                _ if is_bookkeeping(property) => {}
                _ => entity.remarks.push(format!("Sanction {property}: {value}")),
            }
        }
    }
}

/// True for the table's bookkeeping properties (`sourceUrl`, ...).
fn is_bookkeeping(property: &str) -> bool {
    table::property(property).is_some_and(|p| p.field == Field::Ignored)
}

/// Completes or adds the identifier an `Identification` describes; false
/// when it has no number.
fn identification(thing: &mut Thing, record: &FtmRecord) -> bool {
    let Some(number) = record.first("number").or(record.first("passportNumber")) else {
        return false;
    };
    let country = record.first("country").map(ftm_country);
    let label = record.first("type").map(str::to_string);
    let mut notes: Vec<String> = record.values("summary").map(str::to_string).collect();
    for (property, values) in &record.properties {
        if matches!(
            property.as_str(),
            "holder" | "number" | "passportNumber" | "country" | "type" | "summary"
        ) || is_bookkeeping(property)
        {
            continue;
        }
        let values = values.iter().map(|v| v.trim()).filter(|v| !v.is_empty());
        notes.extend(values.map(|value| format!("{property}: {value}")));
    }
    let note = (!notes.is_empty()).then(|| notes.join("; "));
    let entity = &mut thing.entity;
    let same_number =
        |known: &Identifier| known.normalized() == normalize_identifier(known.kind, number);
    let known = entity
        .identifiers
        .iter()
        .enumerate()
        .position(|(at, known)| same_number(known) && !thing.completed.contains(&at));
    if let Some(at) = known
        && let Some(known) = entity.identifiers.get_mut(at)
    {
        known.country = country.or(known.country.take());
        known.label = label.or(known.label.take());
        known.note = note.or(known.note.take());
        thing.completed.push(at);
        return true;
    }
    let by_label = label
        .as_deref()
        .and_then(|label| KINDS.into_iter().find(|kind| kind.label() == label));
    let same_kind = entity
        .identifiers
        .iter()
        .find(|known| same_number(known))
        .map(|k| k.kind);
    let (kind, label) = match (by_label, same_kind) {
        (Some(kind), _) => (kind, None),
        (None, Some(kind)) => (kind, label),
        (None, None) if record.schema == "Passport" => (IdKind::Passport, label),
        (None, None) => (IdKind::Other, label),
    };
    thing.completed.push(entity.identifiers.len());
    entity.identifiers.push(Identifier {
        kind,
        value: table::model_identifier(kind, number).to_string(),
        country,
        label,
        note,
    });
    true
}
