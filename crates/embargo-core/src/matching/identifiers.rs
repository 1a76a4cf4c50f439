//! Exact indexes of identifiers and digital currency addresses, built with
//! the name index.
//!
//! A listed wallet or document number is decisive: equal means the same
//! entity, whatever the name says. Keys are the normal forms of
//! [`normalize_wallet_address`] and [`normalize_identifier`]:
//! * wallet addresses: EVM addresses case-insensitive, with or without
//!   `0x`; Bitcoin-style and every other address exact;
//! * document numbers (passports, national ids, tax and registration
//!   numbers, IMO, MMSI, call signs, aircraft): spaces, dashes, dots and
//!   case folded; a passport or national id whose issuing country is known
//!   only hits a query that states that country or no country at all;
//! * emails lower-cased; websites without scheme, `www.` and trailing slash.
//!
//! Telephone numbers and free-form "other" identifiers are not indexed:
//! they are shared, reused and written too loosely to settle a match.

use rustc_hash::FxHashMap;

use crate::model::{Entity, IdKind, normalize_identifier, normalize_wallet_address};

use super::evidence::Feature;

/// Where a wallet key is listed: the entity and the wallet's position in
/// its `wallets`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WalletRef {
    /// Position of the entity in the screener.
    pub entity: u32,
    /// Position of the wallet in the entity's `wallets`.
    pub wallet: u16,
}

/// Where an identifier key is listed: the entity and the identifier's
/// position in its `identifiers`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IdentifierRef {
    /// Position of the entity in the screener.
    pub entity: u32,
    /// Position of the identifier in the entity's `identifiers`.
    pub identifier: u16,
}

/// Which normal form an identifier key is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum KeyClass {
    /// Document numbers: alphanumerics only, upper case.
    Document,
    /// Email addresses, lower case.
    Email,
    /// Websites and domains.
    Website,
}

/// The identifier kinds indexed, with the normal form each uses; `None`
/// for kinds that are not indexed.
fn key_class(kind: IdKind) -> Option<KeyClass> {
    match kind {
        IdKind::Passport
        | IdKind::NationalId
        | IdKind::TaxId
        | IdKind::Registration
        | IdKind::Imo
        | IdKind::Mmsi
        | IdKind::CallSign
        | IdKind::Aircraft => Some(KeyClass::Document),
        IdKind::Email => Some(KeyClass::Email),
        IdKind::Website => Some(KeyClass::Website),
        IdKind::Phone | IdKind::Other => None,
    }
}

/// Shortest document key indexed: shorter numbers (`12`, `A1`) are too
/// common to be decisive.
pub const MIN_DOCUMENT_KEY: usize = 4;

/// Exact lookup of listed wallet addresses and identifiers.
#[derive(Debug, Default)]
pub struct IdentifierIndex {
    wallets: FxHashMap<String, Vec<WalletRef>>,
    identifiers: FxHashMap<(KeyClass, String), Vec<IdentifierRef>>,
}

impl IdentifierIndex {
    /// Indexes every wallet and every identifier of an indexed kind.
    pub fn build(entities: &[Entity]) -> IdentifierIndex {
        let mut index = IdentifierIndex::default();
        for (entity_at, entity) in entities.iter().enumerate() {
            let entity_at = entity_at as u32;
            for (at, wallet) in entity
                .wallets
                .iter()
                .enumerate()
                .take(usize::from(u16::MAX))
            {
                let refs = index.wallets.entry(wallet.normalized()).or_default();
                refs.push(WalletRef {
                    entity: entity_at,
                    wallet: at as u16,
                });
            }
            for (at, identifier) in entity
                .identifiers
                .iter()
                .enumerate()
                .take(usize::from(u16::MAX))
            {
                let Some(class) = key_class(identifier.kind) else {
                    continue;
                };
                let key = identifier.normalized();
                if class == KeyClass::Document && key.chars().count() < MIN_DOCUMENT_KEY {
                    continue;
                }
                let refs = index.identifiers.entry((class, key)).or_default();
                let found = IdentifierRef {
                    entity: entity_at,
                    identifier: at as u16,
                };
                if !refs.contains(&found) {
                    refs.push(found);
                }
            }
        }
        index
    }

    /// Where `address` is listed (empty when it is not).
    pub fn wallet(&self, address: &str) -> &[WalletRef] {
        self.wallets
            .get(&normalize_wallet_address(address))
            .map_or(&[], Vec::as_slice)
    }

    /// Where `value` is listed as an identifier, in any of the normal forms
    /// it could be in (a document number, with or without an `IMO` prefix;
    /// an email; a website).
    pub fn identifier(&self, value: &str) -> Vec<IdentifierRef> {
        let document = normalize_identifier(IdKind::Other, value);
        let mut keys = Vec::with_capacity(3);
        if let Some(number) = document.strip_prefix("IMO")
            && !number.is_empty()
            && number.bytes().all(|b| b.is_ascii_digit())
        {
            keys.push((KeyClass::Document, number.to_string()));
        }
        keys.push((KeyClass::Document, document));
        if value.contains('@') {
            keys.push((KeyClass::Email, normalize_identifier(IdKind::Email, value)));
        }
        if value.contains('.') {
            keys.push((
                KeyClass::Website,
                normalize_identifier(IdKind::Website, value),
            ));
        }
        keys.iter()
            .filter_map(|key| self.identifiers.get(key))
            .flatten()
            .copied()
            .collect()
    }

    /// Every entity an identifier or wallet of `identifiers` / `wallets`
    /// designates, each with the decisive feature that says which. An
    /// identifier whose issuing country contradicts `countries` is skipped
    /// (see [`identifier_feature`]).
    pub(crate) fn exact_hits(
        &self,
        entities: &[Entity],
        identifiers: &[String],
        wallets: &[String],
        countries: &[String],
    ) -> Vec<(u32, Feature)> {
        let mut hits = Vec::new();
        for wanted in identifiers {
            for found in self.identifier(wanted) {
                let entity = &entities[found.entity as usize];
                if let Some(feature) = identifier_feature(entity, found, countries) {
                    hits.push((found.entity, feature));
                }
            }
        }
        for wanted in wallets {
            for found in self.wallet(wanted) {
                let entity = &entities[found.entity as usize];
                if let Some(feature) = wallet_feature(entity, *found) {
                    hits.push((found.entity, feature));
                }
            }
        }
        hits
    }
}

/// The decisive feature for a listed wallet: names the currency and the
/// address as listed.
pub(crate) fn wallet_feature(entity: &Entity, found: WalletRef) -> Option<Feature> {
    let wallet = entity.wallets.get(usize::from(found.wallet))?;
    Some(Feature {
        feature: "wallet",
        effect: 0.0,
        detail: format!("{} address {} is listed", wallet.currency, wallet.address),
    })
}

/// The decisive feature for a listed identifier, or `None` when it is a
/// passport or national id whose issuing country is known and the query
/// states countries, none of them that one.
pub(crate) fn identifier_feature(
    entity: &Entity,
    found: IdentifierRef,
    countries: &[String],
) -> Option<Feature> {
    let identifier = entity.identifiers.get(usize::from(found.identifier))?;
    let issuer = identifier.country.as_ref().and_then(|c| c.code.as_deref());
    let country_checked = matches!(identifier.kind, IdKind::Passport | IdKind::NationalId);
    if country_checked
        && let Some(issuer) = issuer
        && !countries.is_empty()
        && !countries.iter().any(|c| c == issuer)
    {
        return None;
    }
    let issued = issuer.map(|code| format!(" ({code})")).unwrap_or_default();
    Some(Feature {
        feature: "identifier",
        effect: 0.0,
        detail: format!(
            "{} {}{issued} is listed",
            identifier.kind.label(),
            identifier.value
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Country, Identifier, Name, NameQuality, Schema, Wallet};

    fn entities() -> Vec<Entity> {
        let mut kim = Entity::new(
            "t:1",
            Schema::Person,
            Name::new("KIM, Sang Man", NameQuality::Primary),
        );
        kim.wallets.push(Wallet {
            currency: "ETH".into(),
            address: "0x97b1043abd9e6fc31681635166d430a458d14f9c".into(),
        });
        kim.wallets.push(Wallet {
            currency: "XBT".into(),
            address: "1D6gG9iKEhPitTcWRJiniuj1jYM2hNeAfJ".into(),
        });
        let mut passport = Identifier::new(IdKind::Passport, "109420132");
        passport.country = Some(Country::from_text("Korea, North"));
        kim.identifiers.push(passport);
        kim.identifiers
            .push(Identifier::new(IdKind::Email, "Kim@Example.com"));
        kim.identifiers
            .push(Identifier::new(IdKind::Website, "https://www.kim.example/"));
        kim.identifiers
            .push(Identifier::new(IdKind::Phone, "12345678"));
        let mut ship = Entity::new(
            "t:2",
            Schema::Vessel,
            Name::new("ADVANCE", NameQuality::Primary),
        );
        ship.identifiers
            .push(Identifier::new(IdKind::Imo, "9187629"));
        vec![kim, ship]
    }

    #[test]
    fn evm_addresses_match_in_any_case_with_or_without_prefix() {
        let index = IdentifierIndex::build(&entities());
        assert_eq!(
            index
                .wallet("97B1043ABD9E6FC31681635166D430A458D14F9C")
                .len(),
            1
        );
        assert_eq!(
            index
                .wallet(" 0X97b1043abd9e6fc31681635166d430a458d14f9c ")
                .len(),
            1
        );
        assert!(
            index
                .wallet("0x97b1043abd9e6fc31681635166d430a458d14f9d")
                .is_empty()
        );
    }

    #[test]
    fn bitcoin_addresses_match_exactly() {
        let index = IdentifierIndex::build(&entities());
        assert_eq!(index.wallet("1D6gG9iKEhPitTcWRJiniuj1jYM2hNeAfJ").len(), 1);
        assert!(
            index
                .wallet("1d6gg9ikehpittcwrjiniuj1jym2hneafj")
                .is_empty()
        );
    }

    #[test]
    fn documents_fold_separators_and_check_the_issuing_country() {
        let list = entities();
        let index = IdentifierIndex::build(&list);
        let hits = |value: &str, countries: &[&str]| {
            let countries: Vec<String> = countries.iter().map(|c| c.to_string()).collect();
            index.exact_hits(&list, &[value.to_string()], &[], &countries)
        };
        assert_eq!(hits("1094-20132", &[]).len(), 1);
        assert_eq!(hits("109 420 132", &["KP"]).len(), 1);
        assert!(hits("109420132", &["JP"]).is_empty());
        assert_eq!(hits("IMO 9187629", &[]).len(), 1);
        assert_eq!(
            hits("9187629", &["JP"]).len(),
            1,
            "IMO numbers have no issuer"
        );
        assert!(hits("12345678", &[]).is_empty(), "phones are not indexed");
    }

    #[test]
    fn emails_and_websites_fold_case_and_decoration() {
        let list = entities();
        let index = IdentifierIndex::build(&list);
        let found = index.exact_hits(&list, &["kim@example.COM".to_string()], &[], &[]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].1.detail, "email Kim@Example.com is listed");
        assert_eq!(index.identifier("http://kim.example").len(), 1);
    }

    #[test]
    fn wallet_feature_names_currency_and_listed_address() {
        let list = entities();
        let index = IdentifierIndex::build(&list);
        let found = index.exact_hits(
            &list,
            &[],
            &["97b1043abd9e6fc31681635166d430a458d14f9c".to_string()],
            &[],
        );
        assert_eq!(
            found[0].1.detail,
            "ETH address 0x97b1043abd9e6fc31681635166d430a458d14f9c is listed"
        );
    }
}
