//! The keys that may link copies of one entity across lists, and the
//! checks a pair sharing a key must pass (see the module above).

use embargo_core::model::{Entity, IdKind, NameQuality, Schema, normalize_identifier};

/// Shortest normalized identifier that may link two entities: shorter
/// numbers (`1`, `12345`) recur by chance across registries.
pub const MIN_IDENTIFIER_CHARS: usize = 6;

/// A fact two copies of one entity share.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum GroupKey {
    /// A UN reference number (`KPi.066`).
    UnReference(String),
    /// A strong identifier: schema, kind family and normalized value.
    Identifier(Schema, &'static str, String),
    /// A full name's words, lower-case and sorted, with the schema.
    Name(Schema, String),
}

impl GroupKey {
    /// Which keys are applied first: UN references, then identifiers,
    /// then names.
    pub fn strength(&self) -> u8 {
        match self {
            GroupKey::UnReference(_) => 0,
            GroupKey::Identifier(..) => 1,
            GroupKey::Name(..) => 2,
        }
    }
}

/// Every key of `entity`.
pub fn group_keys(entity: &Entity) -> Vec<GroupKey> {
    let mut keys = Vec::new();
    if entity.source() == "un" {
        if let Some((_, native)) = entity.id.split_once(':')
            && un_reference(native).is_some()
        {
            keys.push(GroupKey::UnReference(native.to_string()));
        }
    } else {
        // a reference the list's reader recorded (EU, UK lists)
        if let Some(reference) = entity.un_reference().and_then(un_reference) {
            keys.push(GroupKey::UnReference(reference.to_string()));
        }
        let cited = entity
            .identifiers
            .iter()
            .map(|id| id.value.as_str())
            .chain(entity.remarks.iter().map(String::as_str));
        for text in cited {
            for word in
                text.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')'))
            {
                if let Some(reference) = un_reference(word) {
                    keys.push(GroupKey::UnReference(reference.to_string()));
                }
            }
        }
    }
    for identifier in &entity.identifiers {
        let Some(family) = strong_kind(identifier.kind) else {
            continue;
        };
        let value = normalize_identifier(identifier.kind, &identifier.value);
        if value.chars().filter(char::is_ascii_alphanumeric).count() >= MIN_IDENTIFIER_CHARS {
            keys.push(GroupKey::Identifier(entity.schema, family, value));
        }
    }
    for name in &entity.names {
        if name.quality == NameQuality::Weak {
            continue;
        }
        let words = name_words(&name.full);
        if words.len() >= 2 {
            keys.push(GroupKey::Name(entity.schema, words.join(" ")));
        }
    }
    let mut unique: Vec<GroupKey> = Vec::with_capacity(keys.len());
    for key in keys {
        if !unique.contains(&key) {
            unique.push(key);
        }
    }
    unique
}

/// `KPi.066` (two capitals, a lower-case letter, a dot, three digits),
/// with trailing punctuation cut, else `None`.
pub fn un_reference(word: &str) -> Option<&str> {
    let word = word.trim_end_matches(['.', ':']);
    let bytes = word.as_bytes();
    let shaped = bytes.len() == 7
        && bytes[0].is_ascii_uppercase()
        && bytes[1].is_ascii_uppercase()
        && bytes[2].is_ascii_lowercase()
        && bytes[3] == b'.'
        && bytes[4..].iter().all(u8::is_ascii_digit);
    shaped.then_some(word)
}

/// The family of kinds a strong identifier belongs to (a passport number
/// listed by one list may be a national id on another), or `None` for
/// weak kinds (emails, phones, websites, call signs, other).
fn strong_kind(kind: IdKind) -> Option<&'static str> {
    match kind {
        IdKind::Passport | IdKind::NationalId => Some("person-document"),
        IdKind::TaxId | IdKind::Registration => Some("registration"),
        IdKind::Imo => Some("imo"),
        IdKind::Mmsi => Some("mmsi"),
        IdKind::Aircraft => Some("aircraft"),
        IdKind::CallSign | IdKind::Email | IdKind::Website | IdKind::Phone | IdKind::Other => None,
    }
}

/// The words of a name: lower-case letters and digits, anything else a
/// break, sorted.
pub fn name_words(name: &str) -> Vec<String> {
    let mut words: Vec<String> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    words.sort();
    words
}

/// True when some name of `left` and some name of `right` have a word of
/// two letters or more in common.
pub fn names_share_a_word(left: &Entity, right: &Entity) -> bool {
    let words = |entity: &Entity| -> Vec<String> {
        let mut all: Vec<String> = entity
            .names
            .iter()
            .flat_map(|name| name_words(&name.full))
            .filter(|word| word.chars().count() >= 2)
            .collect();
        all.sort();
        all.dedup();
        all
    };
    let theirs = words(right);
    words(left)
        .iter()
        .any(|word| theirs.binary_search(word).is_ok())
}

/// The facts two entities of the same full name must share to be one:
/// a birth year (people; both must state one) or a country (others; both
/// must state one).
pub fn same_facts(left: &Entity, right: &Entity) -> bool {
    if left.schema == Schema::Person {
        let spans = |entity: &Entity| -> Vec<(i32, i32)> {
            entity
                .birth_dates
                .iter()
                .map(|date| date.year_span(0))
                .collect()
        };
        let theirs = spans(right);
        return spans(left)
            .iter()
            .any(|(from, to)| theirs.iter().any(|(f, t)| from <= t && f <= to));
    }
    let theirs = right.country_codes();
    left.country_codes()
        .iter()
        .any(|code| theirs.contains(code))
}
