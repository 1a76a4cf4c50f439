//! Names and aliases: the text a list publishes, how far the list trusts it,
//! and its parts where the list separates them.

use serde::{Deserialize, Serialize};

/// How far a list vouches for a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum NameQuality {
    /// The entity's primary (listed) name.
    Primary,
    /// A strong alias: OFAC `alt.csv` `aka`/`nka`, UN alias of quality `Good`.
    Strong,
    /// A weak or low-quality alias: OFAC `a.k.a. '...'` in remarks, UN alias
    /// of quality `Low`. Lists warn these may match many innocent people.
    Weak,
    /// A former name: OFAC `fka`, `f.k.a.`.
    Former,
}

impl NameQuality {
    /// Lower-case label used in explanations (`primary`, `strong alias`, ...).
    pub fn label(self) -> &'static str {
        match self {
            NameQuality::Primary => "primary name",
            NameQuality::Strong => "strong alias",
            NameQuality::Weak => "weak alias",
            NameQuality::Former => "former name",
        }
    }
}

/// What a part of a name is, where the list says so.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum NamePartKind {
    /// Given (first) name.
    Given,
    /// Middle name.
    Middle,
    /// Family name (surname, OFAC's text before the comma).
    Family,
    /// Patronymic or father's name.
    Patronymic,
    /// UN `FIRST_NAME`: first part in the person's own naming order.
    First,
    /// UN `SECOND_NAME`.
    Second,
    /// UN `THIRD_NAME`.
    Third,
    /// UN `FOURTH_NAME`.
    Fourth,
}

/// One part of a name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamePart {
    /// What the part is.
    pub kind: NamePartKind,
    /// The part's text as written.
    pub value: String,
}

/// A name or alias of an entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Name {
    /// The whole name as the list writes it (`KIM, Sang Man`).
    pub full: String,
    /// How far the list vouches for it.
    pub quality: NameQuality,
    /// Its parts, when the list gives them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<NamePart>,
    /// The script it is written in, as the list states it (FCDO
    /// `NonLatinScriptType` `Arabic`) or, for a name outside the Latin
    /// script, as its letters show ([`script_of`]); `None` for Latin
    /// names a list does not qualify.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub script: Option<String>,
    /// The language the list says the name is in (EU `nameLanguage`
    /// `FR`, FCDO `NonLatinScriptLanguage`), as published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

impl Name {
    /// A name without parts.
    pub fn new(full: impl Into<String>, quality: NameQuality) -> Name {
        Name {
            full: full.into(),
            quality,
            parts: Vec::new(),
            script: None,
            language: None,
        }
    }

    /// A person's name written `LAST, First Middle` (OFAC style), with its
    /// family and given parts split at the first comma. Names without a
    /// comma keep no parts.
    pub fn from_last_first(full: impl Into<String>, quality: NameQuality) -> Name {
        let full = full.into();
        let parts = match full.split_once(',') {
            Some((family, given)) if !family.trim().is_empty() && !given.trim().is_empty() => vec![
                NamePart {
                    kind: NamePartKind::Given,
                    value: given.trim().to_string(),
                },
                NamePart {
                    kind: NamePartKind::Family,
                    value: family.trim().to_string(),
                },
            ],
            _ => Vec::new(),
        };
        Name {
            full,
            quality,
            parts,
            script: None,
            language: None,
        }
    }

    /// The same name with its script set from its letters ([`script_of`])
    /// unless already known.
    pub(crate) fn with_detected_script(mut self) -> Name {
        if self.script.is_none() {
            self.script = script_of(&self.full).map(str::to_string);
        }
        self
    }

    /// The part of the given kind, if any.
    pub fn part(&self, kind: NamePartKind) -> Option<&str> {
        self.parts
            .iter()
            .find(|part| part.kind == kind)
            .map(|part| part.value.as_str())
    }
}

/// The script of the first letter of `text` that is not Latin (`Arabic`,
/// `Cyrillic`, `Greek`, `Hebrew`, `Han`, `Hangul`, `Kana`, `Georgian`,
/// `Armenian`, `Thai`, `Devanagari`, or `Other`); `None` when every letter
/// is Latin (or there is none).
pub fn script_of(text: &str) -> Option<&'static str> {
    text.chars()
        .filter(|c| c.is_alphabetic())
        .find_map(|c| match u32::from(c) {
            0..=0x024F | 0x1E00..=0x1EFF | 0x2C60..=0x2C7F | 0xA720..=0xA7FF => None,
            0x0370..=0x03FF | 0x1F00..=0x1FFF => Some("Greek"),
            0x0400..=0x052F | 0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => {
                Some("Cyrillic")
            }
            0x0530..=0x058F => Some("Armenian"),
            0x0590..=0x05FF | 0xFB1D..=0xFB4F => Some("Hebrew"),
            0x0600..=0x06FF
            | 0x0750..=0x077F
            | 0x08A0..=0x08FF
            | 0xFB50..=0xFDFF
            | 0xFE70..=0xFEFF => Some("Arabic"),
            0x0900..=0x097F => Some("Devanagari"),
            0x0E00..=0x0E7F => Some("Thai"),
            0x10A0..=0x10FF => Some("Georgian"),
            0x1100..=0x11FF | 0x3130..=0x318F | 0xAC00..=0xD7AF => Some("Hangul"),
            0x3040..=0x30FF => Some("Kana"),
            0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF => Some("Han"),
            _ => Some("Other"),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn last_first_splits_at_comma() {
        let name = Name::from_last_first("KIM, Sang Man", NameQuality::Primary);
        assert_eq!(name.part(NamePartKind::Family), Some("KIM"));
        assert_eq!(name.part(NamePartKind::Given), Some("Sang Man"));
    }

    #[test]
    fn script_is_read_from_the_letters() {
        assert_eq!(script_of("Saddam Hussein Al-Tikriti"), None);
        assert_eq!(script_of("Qoussaï"), None);
        assert_eq!(script_of("صرافی روشان"), Some("Arabic"));
        assert_eq!(script_of("Ким Чен Ын"), Some("Cyrillic"));
        assert_eq!(script_of("김정은"), Some("Hangul"));
        assert_eq!(script_of("1234"), None);
    }

    #[test]
    fn organization_style_name_has_no_parts() {
        let name = Name::from_last_first("LAZARUS GROUP", NameQuality::Primary);
        assert!(name.parts.is_empty());
        let name = Name::from_last_first("CECOEX, S.A.", NameQuality::Primary);
        assert_eq!(name.part(NamePartKind::Family), Some("CECOEX"));
    }
}
