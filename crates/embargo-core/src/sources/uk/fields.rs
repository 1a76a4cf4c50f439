//! One UK target being assembled from the parts its file gives (FCDO XML
//! elements or OFSI CSV rows): names with their quality and script,
//! dates, places, nationalities, documents, addresses, regime, listing
//! date, remarks and the UN reference number. Repeats (the CSV repeats a
//! target's details on every name row) are kept once.

use super::dates::{uk_birth_date, uk_date};
use crate::model::{
    Address, Country, Entity, Gender, IdKind, Identifier, ListReference, Name, NamePart,
    NamePartKind, NameQuality, Schema,
};
use crate::sources::published::{numbered_items, push_unique, un_reference_in};

/// A target being assembled.
pub(super) struct Target {
    entity: Entity,
    names: Vec<Name>,
}

impl Target {
    /// A target with its full id (`uk:AFG0001`) and schema, no names yet.
    pub(super) fn new(id: String, schema: Schema) -> Target {
        Target {
            entity: Entity::new(id, schema, Name::new("", NameQuality::Primary)),
            names: Vec::new(),
        }
    }

    /// Adds a name from its six parts (`Name 1`..`Name 6`, the sixth the
    /// family name); `kind` is the name type (`Primary Name`, `Prime
    /// Alias`, `AKA`, `FKA`, ...) and `strength` the alias quality (`Good
    /// quality a.k.a`, `Low`), when given.
    pub(super) fn add_name(&mut self, parts: [&str; 6], kind: &str, strength: Option<&str>) {
        let kinds = [
            NamePartKind::Given,
            NamePartKind::Middle,
            NamePartKind::Middle,
            NamePartKind::Middle,
            NamePartKind::Middle,
            NamePartKind::Family,
        ];
        let mut name_parts: Vec<NamePart> = Vec::new();
        let mut words: Vec<&str> = Vec::new();
        for (value, kind) in parts.iter().map(|part| part.trim()).zip(kinds) {
            if !value.is_empty() {
                words.push(value);
                name_parts.push(NamePart {
                    kind,
                    value: value.to_string(),
                });
            }
        }
        if words.is_empty() {
            return;
        }
        let full = words.join(" ");
        if name_parts.len() < 2 {
            name_parts.clear();
        }
        let mut name = Name::new(full, quality(kind, strength)).with_detected_script();
        name.parts = name_parts;
        self.names.push(name);
    }

    /// Adds a name written in a non-Latin script, with the script and
    /// language the file states.
    pub(super) fn add_non_latin(
        &mut self,
        text: &str,
        script: Option<&str>,
        language: Option<&str>,
    ) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        let mut name = Name::new(text, NameQuality::Strong);
        name.script = script
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from);
        name.language = language
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from);
        self.names.push(name.with_detected_script());
    }

    /// Adds a date of birth; one that is not a date is kept as a remark.
    pub(super) fn add_birth_date(&mut self, text: &str) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        match uk_birth_date(text) {
            Some(spec) if !self.entity.birth_dates.contains(&spec) => {
                self.entity.birth_dates.push(spec)
            }
            Some(_) => {}
            None => self.add_remark(&format!("DOB {text}")),
        }
    }

    /// Adds a place of birth from its town and country.
    pub(super) fn add_birth_place(&mut self, town: &str, country: &str) {
        let place = [town.trim(), country.trim()]
            .into_iter()
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
        push_unique(&mut self.entity.birth_places, &place);
    }

    /// Adds the nationalities of a value (`1) Saudi Arabia 2) Qatar`).
    pub(super) fn add_nationalities(&mut self, text: &str) {
        for item in numbered_items(text) {
            let country = Country::from_text(&item);
            if !self.entity.nationalities.contains(&country) {
                self.entity.nationalities.push(country);
            }
        }
    }

    /// Adds a passport or national id: `number` when the file gives one,
    /// else the first document number in `details`; `details` is kept as
    /// the note. Without a number the text is kept as a remark.
    pub(super) fn add_document(&mut self, kind: IdKind, number: &str, details: &str) {
        let details = details.trim();
        let number = Some(number.trim())
            .filter(|n| !n.is_empty())
            .map(str::to_string)
            .or_else(|| document_number(details));
        match number {
            Some(number) => {
                let mut identifier = Identifier::new(kind, number);
                identifier.note = (!details.is_empty()).then(|| details.to_string());
                self.entity.add_identifier(identifier);
            }
            None if !details.is_empty() => {
                self.add_remark(&format!("{}: {details}", kind.label()));
            }
            None => {}
        }
    }

    /// Adds an identifier of `kind` with its value as given.
    pub(super) fn add_identifier(&mut self, kind: IdKind, value: &str) {
        if !value.trim().is_empty() {
            self.entity
                .add_identifier(Identifier::new(kind, value.trim()));
        }
    }

    /// Adds an address from its six lines, postal code and country.
    pub(super) fn add_address(&mut self, lines: [&str; 6], postal: &str, country: &str) {
        let text = |value: &str| Some(value.trim().to_string()).filter(|v| !v.is_empty());
        let street = lines[..4]
            .iter()
            .map(|line| line.trim())
            .filter(|line| !line.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
        let address = Address {
            street: text(&street),
            city: text(lines[4]),
            region: text(lines[5]),
            postal_code: text(postal),
            country: text(country).map(|name| Country::from_text(&name)),
            note: None,
        };
        if !address.is_empty() && !self.entity.addresses.contains(&address) {
            self.entity.addresses.push(address);
        }
    }

    /// Adds a title or position.
    pub(super) fn add_title(&mut self, text: &str) {
        push_unique(&mut self.entity.titles, text);
    }

    /// Adds a regime as a program.
    pub(super) fn add_program(&mut self, text: &str) {
        push_unique(&mut self.entity.programs, text);
    }

    /// Sets the gender.
    pub(super) fn set_gender(&mut self, text: &str) {
        if let Some(gender) = Gender::parse(text) {
            self.entity.gender = Some(gender);
        }
    }

    /// Sets the listing date (the earliest given); one that is not a date
    /// is kept as a remark.
    pub(super) fn set_listed_on(&mut self, text: &str) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        match uk_date(text) {
            Some(date) => {
                let earliest = self.entity.listed_on.map_or(date, |known| known.min(date));
                self.entity.listed_on = Some(earliest);
            }
            None => self.add_remark(&format!("Listed on {text}")),
        }
    }

    /// Adds the UN reference number.
    pub(super) fn add_un_reference(&mut self, id: &str) {
        let id = id.trim();
        if !id.is_empty() {
            self.entity.add_reference(ListReference::un(id));
        }
    }

    /// Adds `Other Information`: a remark, and the UN reference number it
    /// names.
    pub(super) fn add_other_information(&mut self, text: &str) {
        if let Some(reference) = un_reference_in(text) {
            self.add_un_reference(&reference);
        }
        self.add_remark(text);
    }

    /// Adds a remark, once.
    pub(super) fn add_remark(&mut self, text: &str) {
        push_unique(&mut self.entity.remarks, text);
    }

    /// The finished entity: the first primary name first, then every other
    /// name once. `Err` when the target has no name.
    pub(super) fn finish(self) -> Result<Entity, String> {
        let Target { mut entity, names } = self;
        let primary = names
            .iter()
            .position(|name| name.quality == NameQuality::Primary)
            .or((!names.is_empty()).then_some(0))
            .ok_or_else(|| "no name".to_string())?;
        entity.names.clear();
        let mut first = names[primary].clone();
        first.quality = NameQuality::Primary;
        entity.names.push(first);
        for (position, mut name) in names.into_iter().enumerate() {
            if position == primary {
                continue;
            }
            if name.quality == NameQuality::Primary {
                name.quality = NameQuality::Strong;
            }
            entity.add_name(name);
        }
        Ok(entity)
    }
}

/// The quality a UK name type and alias strength give.
fn quality(kind: &str, strength: Option<&str>) -> NameQuality {
    let kind = kind.trim().to_ascii_lowercase();
    let strength = strength.unwrap_or("").trim().to_ascii_lowercase();
    if kind == "primary name" || kind == "prime alias" || kind == "primary" {
        NameQuality::Primary
    } else if kind.contains("fka") || kind.contains("formerly") {
        NameQuality::Former
    } else if strength.starts_with("low") || strength == "weak" {
        NameQuality::Weak
    } else {
        NameQuality::Strong
    }
}

/// The first word of `text` that looks like a document number: at least
/// four characters, letters, digits, `-` or `/`, with a digit.
pub(super) fn document_number(text: &str) -> Option<String> {
    text.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '(' | ')'))
        .map(|word| word.trim_end_matches('.'))
        .find(|word| {
            word.len() >= 4
                && word.bytes().any(|b| b.is_ascii_digit())
                && word
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'/')
                && !word.contains('/')
        })
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_numbers_in_free_text() {
        let number = |text: &str| document_number(text);
        assert_eq!(
            number("Passport No: 592667 (Qatari passport issued on 3 May 2007).").as_deref(),
            Some("592667")
        );
        assert_eq!(
            number("Tunisia number G557170 issued on 16 Nov 1989.").as_deref(),
            Some("G557170")
        );
        assert_eq!(
            number("no 3603251708570001").as_deref(),
            Some("3603251708570001")
        );
        assert_eq!(number("issued on 03/07/1996"), None);
        assert_eq!(number("unknown"), None);
    }

    #[test]
    fn name_types_give_qualities() {
        assert_eq!(quality("Prime Alias", None), NameQuality::Primary);
        assert_eq!(quality("Primary Name", None), NameQuality::Primary);
        assert_eq!(quality("Primary Name Variation", None), NameQuality::Strong);
        assert_eq!(
            quality("Alias", Some("Good quality a.k.a")),
            NameQuality::Strong
        );
        assert_eq!(
            quality("Alias", Some("Low quality a.k.a")),
            NameQuality::Weak
        );
        assert_eq!(quality("FKA", None), NameQuality::Former);
    }
}
