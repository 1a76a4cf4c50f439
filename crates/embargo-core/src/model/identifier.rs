//! Identifiers (passports, registration numbers, IMO numbers, emails, ...)
//! and digital currency addresses.

use serde::{Deserialize, Serialize};

use super::Country;

/// What an identifier identifies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum IdKind {
    /// Passport number.
    Passport,
    /// National identity number (cédula, D.N.I., ...).
    NationalId,
    /// Tax identification number (INN, NIT, RUC, V.A.T. number, ...).
    TaxId,
    /// Company registration number (OGRN, USCC, C.R. No., ...).
    Registration,
    /// IMO ship or company number.
    Imo,
    /// Maritime Mobile Service Identity.
    Mmsi,
    /// Radio call sign.
    CallSign,
    /// Email address.
    Email,
    /// Website or domain.
    Website,
    /// Telephone number.
    Phone,
    /// Aircraft serial or tail number.
    Aircraft,
    /// Any other identifier; its label says what.
    Other,
}

impl IdKind {
    /// Human label (`passport`, `national id`, ...).
    pub fn label(self) -> &'static str {
        match self {
            IdKind::Passport => "passport",
            IdKind::NationalId => "national id",
            IdKind::TaxId => "tax id",
            IdKind::Registration => "registration number",
            IdKind::Imo => "IMO number",
            IdKind::Mmsi => "MMSI",
            IdKind::CallSign => "call sign",
            IdKind::Email => "email",
            IdKind::Website => "website",
            IdKind::Phone => "phone",
            IdKind::Aircraft => "aircraft identifier",
            IdKind::Other => "identifier",
        }
    }
}

/// An identifier of a listed entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identifier {
    /// What it identifies.
    pub kind: IdKind,
    /// The value as written (`109420132`, `IMO 9187629` is stored as `9187629`).
    pub value: String,
    /// Issuing country, when stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<Country>,
    /// The list's own label for it (`Cedula No.`, `Unified Social Credit Code (USCC)`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Anything else stated with it (`issued 16 Oct 2019 expires 16 Oct 2024`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Identifier {
    /// An identifier with only a kind and a value.
    pub fn new(kind: IdKind, value: impl Into<String>) -> Identifier {
        Identifier {
            kind,
            value: value.into(),
            country: None,
            label: None,
            note: None,
        }
    }

    /// The value in the form used for exact comparison; see
    /// [`normalize_identifier`].
    pub fn normalized(&self) -> String {
        normalize_identifier(self.kind, &self.value)
    }
}

/// Folds an identifier for exact comparison: case folded, and for document
/// numbers spaces, dashes, dots and slashes removed (`D366 871` and
/// `d366-871` are the same passport). Emails are lower-cased; websites lose
/// their scheme, `www.` and trailing slash.
pub fn normalize_identifier(kind: IdKind, value: &str) -> String {
    let trimmed = value.trim();
    match kind {
        IdKind::Email => trimmed.to_lowercase(),
        IdKind::Website => {
            let lower = trimmed.to_lowercase();
            let without_scheme = lower
                .strip_prefix("https://")
                .or_else(|| lower.strip_prefix("http://"))
                .unwrap_or(&lower);
            let host = without_scheme
                .strip_prefix("www.")
                .unwrap_or(without_scheme);
            host.trim_end_matches('/').to_string()
        }
        _ => trimmed
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_uppercase)
            .collect(),
    }
}

/// A digital currency address with its currency code as the list gives it
/// (`XBT`, `ETH`, `USDT`, ...).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Wallet {
    /// Currency code (`XBT` is OFAC's code for Bitcoin).
    pub currency: String,
    /// The address as published.
    pub address: String,
}

impl Wallet {
    /// The address in the form used for exact comparison; see
    /// [`normalize_wallet_address`].
    pub fn normalized(&self) -> String {
        normalize_wallet_address(&self.address)
    }
}

/// Folds a wallet address for exact comparison. EVM addresses (40 hex
/// digits, with or without `0x`) are case-insensitive (the mixed case is only
/// a checksum), so they become `0x` plus lower-case hex; every other address
/// (Bitcoin, Tron, Monero, ...) is case-sensitive and only trimmed.
pub fn normalize_wallet_address(address: &str) -> String {
    let trimmed = address.trim();
    let hex = trimmed
        .strip_prefix("0x")
        .or_else(|| trimmed.strip_prefix("0X"))
        .unwrap_or(trimmed);
    if hex.len() == 40 && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        format!("0x{}", hex.to_ascii_lowercase())
    } else {
        trimmed.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_numbers_fold_separators_and_case() {
        assert_eq!(
            normalize_identifier(IdKind::Passport, "D366 871"),
            "D366871"
        );
        assert_eq!(
            normalize_identifier(IdKind::Passport, "d366-871"),
            "D366871"
        );
        assert_eq!(
            normalize_identifier(IdKind::NationalId, "78.865.882"),
            "78865882"
        );
    }

    #[test]
    fn websites_lose_scheme_and_www() {
        assert_eq!(
            normalize_identifier(IdKind::Website, "https://www.Example.com/"),
            "example.com"
        );
    }

    #[test]
    fn evm_addresses_are_case_insensitive_with_or_without_prefix() {
        let listed = normalize_wallet_address("0x97b1043abd9e6fc31681635166d430a458d14f9c");
        assert_eq!(
            normalize_wallet_address("97B1043ABD9E6FC31681635166D430A458D14F9C"),
            listed
        );
    }

    #[test]
    fn bitcoin_addresses_stay_case_sensitive() {
        let address = "1D6gG9iKEhPitTcWRJiniuj1jYM2hNeAfJ";
        assert_eq!(normalize_wallet_address(address), address);
        assert_ne!(normalize_wallet_address(&address.to_lowercase()), address);
    }
}
