//! Limits on what one list entry may hold, and the checks every entity
//! passes between a parser and the caller of [`super::parse`].
//!
//! Official lists stay far below these limits (the longest OFAC name has
//! about 350 characters, the longest remark continuation under 8,000, the
//! most names on one entry about 100). They exist so that a damaged or
//! hostile file costs bounded time and memory, and cannot slip in a name
//! that no query could ever match.
//!
//! * A name, name part, identifier or wallet address longer than
//!   [`MAX_NAME_BYTES`] (4,096 bytes, the most a screening query may hold),
//!   or any other text longer than [`MAX_TEXT_BYTES`] (64 KiB), is left
//!   out; a note names the entity, the field and the size.
//! * An alias with no letter or digit (empty, white space, control
//!   characters such as NUL, punctuation only) is left out with a note.
//! * Past [`MAX_NAMES_PER_ENTITY`] names the first ones are kept and a note
//!   says how many more were left out.
//! * A primary name that is too long or has no letter or digit is an error
//!   naming the entity: without it the entry cannot be screened at all, and
//!   a record without a name has always been an error in every format. The
//!   parsers catch this on the record's own line; the check here is the
//!   net under them.
//!
//! Why notes rather than errors for the rest: refusing a whole publication
//! over one absurd field would leave every new designation in it
//! unscreened, while a note tells the user exactly which value of which
//! entry is missing.

use std::collections::HashSet;

pub use crate::model::MAX_NAMES_PER_ENTITY;
use crate::model::{Country, Entity, Name};

/// Longest name, name part, identifier or wallet address kept, in bytes:
/// the longest text a screening query may hold
/// ([`crate::records::MAX_FIELD_BYTES`]), so anything longer could never
/// be matched anyway.
pub const MAX_NAME_BYTES: usize = crate::records::MAX_FIELD_BYTES;

/// Longest other text kept (remarks, addresses, titles, programs), in
/// bytes. The longest real value, an OFAC remarks continuation, has under
/// 8,000.
pub const MAX_TEXT_BYTES: usize = 64 * 1024;

/// Deepest element nesting accepted in XML lists, counting the root. The
/// UN list nests 5 deep (root, `INDIVIDUALS`, `INDIVIDUAL`,
/// `INDIVIDUAL_ALIAS`, `QUALITY`).
pub const MAX_NESTING_DEPTH: usize = 32;

/// Entities named in one note before `and N more`.
const EXAMPLES_IN_NOTE: usize = 10;

/// True when `text` can serve as a name: it holds at least one letter or
/// digit (in any script). Empty text, white space, control characters and
/// punctuation alone cannot.
pub fn is_usable_name(text: &str) -> bool {
    text.chars().any(char::is_alphanumeric)
}

/// `text` shortened for a message, with control characters escaped.
fn shown(text: &str) -> String {
    let short: String = text.chars().take(40).collect();
    let more = if short.len() < text.len() { "…" } else { "" };
    format!("{short:?}{more}")
}

/// `4096` as `4,096`.
pub(crate) fn grouped(number: usize) -> String {
    let digits = number.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (at, digit) in digits.chars().enumerate() {
        if at > 0 && (digits.len() - at).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// A count of findings with the first few described.
#[derive(Debug, Default)]
struct Tally {
    count: usize,
    examples: Vec<String>,
}

impl Tally {
    fn add(&mut self, example: impl FnOnce() -> String) {
        self.count += 1;
        if self.examples.len() < EXAMPLES_IN_NOTE {
            self.examples.push(example());
        }
    }

    /// `a, b and 3 more`.
    fn list(&self) -> String {
        let more = self.count.saturating_sub(self.examples.len());
        let tail = if more > 0 {
            format!(" and {} more", grouped(more))
        } else {
            String::new()
        };
        format!("{}{tail}", self.examples.join(", "))
    }
}

/// The checks of [`super::parse`], run on every entity of one publication,
/// gathering what they left out into notes.
#[derive(Debug, Default)]
pub struct EntryChecks {
    unusable_aliases: Tally,
    oversize: Tally,
    crowded: Tally,
}

impl EntryChecks {
    /// Checks one entity, leaving out what breaks a limit. `Err` (a message
    /// naming the entity) when its primary name is unusable.
    pub fn check(&mut self, entity: &mut Entity) -> Result<(), String> {
        check_primary(entity)?;
        self.check_names(entity);
        self.check_texts(entity);
        Ok(())
    }

    /// The notes for the user, one per kind of finding.
    pub fn notices(&self) -> Vec<String> {
        let mut notices = Vec::new();
        if self.unusable_aliases.count > 0 {
            notices.push(format!(
                "left out {} with no letter or digit (empty, white space, control characters or \
                 punctuation only): {}",
                counted(self.unusable_aliases.count, "alias", "aliases"),
                self.unusable_aliases.list()
            ));
        }
        if self.oversize.count > 0 {
            notices.push(format!(
                "left out {} longer than allowed (names, name parts, identifiers and wallet \
                 addresses {} bytes, other text {} bytes): {}",
                counted(self.oversize.count, "value", "values"),
                grouped(MAX_NAME_BYTES),
                grouped(MAX_TEXT_BYTES),
                self.oversize.list()
            ));
        }
        if self.crowded.count > 0 {
            notices.push(format!(
                "kept the first {} names of {} listing more, left out the rest: {}",
                grouped(MAX_NAMES_PER_ENTITY),
                counted(self.crowded.count, "entity", "entities"),
                self.crowded.list()
            ));
        }
        notices
    }

    /// Aliases: unusable or oversize ones left out, the count capped, and
    /// oversize name parts dropped.
    fn check_names(&mut self, entity: &mut Entity) {
        let id = entity.id.as_str();
        let names = std::mem::take(&mut entity.names);
        let mut kept: Vec<Name> = Vec::with_capacity(names.len().min(MAX_NAMES_PER_ENTITY));
        let mut beyond: Option<HashSet<String>> = None;
        let mut left_out = 0usize;
        for (at, name) in names.into_iter().enumerate() {
            if at > 0 {
                let label = name.quality.label();
                if name.full.len() > MAX_NAME_BYTES {
                    let size = grouped(name.full.len());
                    self.oversize
                        .add(|| format!("{id} {label} of {size} bytes"));
                    continue;
                }
                if !is_usable_name(&name.full) {
                    let text = shown(&name.full);
                    self.unusable_aliases.add(|| format!("{id} {label} {text}"));
                    continue;
                }
            }
            if kept.len() < MAX_NAMES_PER_ENTITY {
                kept.push(name);
                continue;
            }
            // Past the cap `add_name` no longer skips repeats: count only
            // names not already kept or counted.
            let seen =
                beyond.get_or_insert_with(|| kept.iter().map(|known| known.full.clone()).collect());
            if seen.insert(name.full) {
                left_out += 1;
            }
        }
        if left_out > 0 {
            let more = grouped(left_out);
            self.crowded.add(|| format!("{id} ({more} more)"));
        }
        for name in &mut kept {
            let oversize = &mut self.oversize;
            name.parts.retain(|part| {
                let fits = part.value.len() <= MAX_NAME_BYTES;
                if !fits {
                    let size = grouped(part.value.len());
                    oversize.add(|| format!("{id} name part of {size} bytes"));
                }
                fits
            });
        }
        entity.names = kept;
    }

    /// Every other text of the entity against its limit.
    fn check_texts(&mut self, entity: &mut Entity) {
        let mut fields = FieldCheck {
            id: &entity.id,
            tally: &mut self.oversize,
        };
        fields.texts(&mut entity.titles, "title");
        fields.texts(&mut entity.birth_places, "birth place");
        fields.texts(&mut entity.programs, "program");
        fields.texts(&mut entity.remarks, "remark");
        fields.countries(&mut entity.nationalities, "nationality");
        fields.countries(&mut entity.citizenships, "citizenship");
        for address in &mut entity.addresses {
            for part in [
                &mut address.street,
                &mut address.city,
                &mut address.region,
                &mut address.postal_code,
                &mut address.note,
            ] {
                fields.optional(part, "address", MAX_TEXT_BYTES);
            }
            fields.country(&mut address.country, "address country");
        }
        entity.addresses.retain(|address| !address.is_empty());
        entity.identifiers.retain_mut(|identifier| {
            fields.optional(&mut identifier.label, "identifier label", MAX_TEXT_BYTES);
            fields.optional(&mut identifier.note, "identifier note", MAX_TEXT_BYTES);
            fields.country(&mut identifier.country, "identifier country");
            fields.fits(&identifier.value, "identifier", MAX_NAME_BYTES)
        });
        entity.wallets.retain(|wallet| {
            fields.fits(&wallet.address, "wallet address", MAX_NAME_BYTES)
                && fields.fits(&wallet.currency, "wallet currency", MAX_NAME_BYTES)
        });
        entity.links.retain_mut(|link| {
            fields.optional(&mut link.id, "link", MAX_TEXT_BYTES);
            fields.fits(&link.name, "link", MAX_TEXT_BYTES)
        });
        if let Some(vessel) = &mut entity.vessel {
            for part in [
                &mut vessel.vessel_type,
                &mut vessel.tonnage,
                &mut vessel.gross_registered_tonnage,
                &mut vessel.owner,
            ] {
                fields.optional(part, "vessel detail", MAX_TEXT_BYTES);
            }
            fields.country(&mut vessel.flag, "vessel flag");
        }
    }
}

/// The primary name must be usable and not too long.
fn check_primary(entity: &Entity) -> Result<(), String> {
    let Some(primary) = entity.names.first() else {
        return Err(format!("{}: the entity has no name", entity.id));
    };
    if primary.full.len() > MAX_NAME_BYTES {
        return Err(format!(
            "{}: the primary name has {} bytes, more than the {} a name may have",
            entity.id,
            grouped(primary.full.len()),
            grouped(MAX_NAME_BYTES)
        ));
    }
    if !is_usable_name(&primary.full) {
        return Err(format!(
            "{}: the primary name {} has no letter or digit",
            entity.id,
            shown(&primary.full)
        ));
    }
    Ok(())
}

/// Checks texts of one entity against a limit, noting what it leaves out.
struct FieldCheck<'a> {
    id: &'a str,
    tally: &'a mut Tally,
}

impl FieldCheck<'_> {
    /// True when `text` fits `limit`; notes it otherwise.
    fn fits(&mut self, text: &str, field: &str, limit: usize) -> bool {
        if text.len() <= limit {
            return true;
        }
        let (id, size) = (self.id, grouped(text.len()));
        self.tally.add(|| format!("{id} {field} of {size} bytes"));
        false
    }

    fn texts(&mut self, texts: &mut Vec<String>, field: &str) {
        texts.retain(|text| self.fits(text, field, MAX_TEXT_BYTES));
    }

    fn optional(&mut self, text: &mut Option<String>, field: &str, limit: usize) {
        if text
            .as_deref()
            .is_some_and(|text| !self.fits(text, field, limit))
        {
            *text = None;
        }
    }

    fn countries(&mut self, countries: &mut Vec<Country>, field: &str) {
        countries.retain(|country| self.fits(&country.name, field, MAX_TEXT_BYTES));
    }

    fn country(&mut self, country: &mut Option<Country>, field: &str) {
        if country
            .as_ref()
            .is_some_and(|country| !self.fits(&country.name, field, MAX_TEXT_BYTES))
        {
            *country = None;
        }
    }
}

/// `1 alias`, `2 aliases`.
fn counted(count: usize, one: &str, many: &str) -> String {
    format!("{} {}", grouped(count), if count == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Address, NameQuality, Schema};

    fn entity(names: &[&str]) -> Entity {
        let mut entity = Entity::new(
            "t:1",
            Schema::Person,
            Name::new(names[0], NameQuality::Primary),
        );
        for name in &names[1..] {
            entity.add_name(Name::new(*name, NameQuality::Strong));
        }
        entity
    }

    #[test]
    fn usable_names_hold_a_letter_or_digit() {
        for usable in ["Kim", "김정은", "11420 CORP.", "x"] {
            assert!(is_usable_name(usable), "{usable}");
        }
        for unusable in ["", "  ", "\0\0", "\u{1}\t", "-.-", "\u{200b}"] {
            assert!(!is_usable_name(unusable), "{unusable:?}");
        }
    }

    #[test]
    fn unusable_and_oversize_aliases_are_left_out_and_noted() {
        let long = "A".repeat(MAX_NAME_BYTES + 1);
        let mut kim = entity(&["KIM", "\0\0", "Kim Jong", &long]);
        let mut checks = EntryChecks::default();
        checks.check(&mut kim).unwrap();
        let names: Vec<&str> = kim.names.iter().map(|n| n.full.as_str()).collect();
        assert_eq!(names, ["KIM", "Kim Jong"]);
        let notices = checks.notices();
        assert_eq!(notices.len(), 2, "{notices:?}");
        assert!(
            notices[0].ends_with(r#": t:1 strong alias "\0\0""#),
            "{}",
            notices[0]
        );
        assert!(
            notices[1].ends_with(": t:1 strong alias of 4,097 bytes"),
            "{}",
            notices[1]
        );
    }

    #[test]
    fn unusable_primary_name_is_an_error_naming_the_entity() {
        let mut checks = EntryChecks::default();
        let error = checks.check(&mut entity(&["\0 \u{7}"])).unwrap_err();
        assert_eq!(
            error,
            r#"t:1: the primary name "\0 \u{7}" has no letter or digit"#
        );
        let long = "B".repeat(10 * 1024 * 1024);
        let error = checks.check(&mut entity(&[&long])).unwrap_err();
        assert!(error.contains("10,485,760 bytes"), "{error}");
    }

    #[test]
    fn names_past_the_cap_are_counted_once_and_left_out() {
        let aliases: Vec<String> = (0..MAX_NAMES_PER_ENTITY + 500)
            .map(|n| format!("ALIAS {n}"))
            .collect();
        let mut names: Vec<&str> = vec!["PRIMARY"];
        names.extend(aliases.iter().map(String::as_str));
        // Repeats past the cap are not new names.
        names.extend(aliases[..100].iter().map(String::as_str));
        names.extend(aliases[1200..1210].iter().map(String::as_str));
        let mut crowded = entity(&names);
        let mut checks = EntryChecks::default();
        checks.check(&mut crowded).unwrap();
        assert_eq!(crowded.names.len(), MAX_NAMES_PER_ENTITY);
        let notices = checks.notices();
        assert!(notices[0].ends_with(": t:1 (501 more)"), "{notices:?}");
    }

    #[test]
    fn oversize_texts_are_left_out_field_by_field() {
        let mut kim = entity(&["KIM"]);
        kim.remarks = vec!["short".into(), "r".repeat(MAX_TEXT_BYTES + 1)];
        kim.addresses = vec![Address {
            street: Some("s".repeat(MAX_TEXT_BYTES + 1)),
            ..Address::default()
        }];
        let mut checks = EntryChecks::default();
        checks.check(&mut kim).unwrap();
        assert_eq!(kim.remarks, ["short"]);
        assert!(kim.addresses.is_empty(), "an address left empty goes");
        let notices = checks.notices();
        assert!(
            notices[0].ends_with(": t:1 remark of 65,537 bytes, t:1 address of 65,537 bytes"),
            "{notices:?}"
        );
    }

    #[test]
    fn numbers_are_grouped() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(4096), "4,096");
        assert_eq!(grouped(10_485_760), "10,485,760");
    }
}
