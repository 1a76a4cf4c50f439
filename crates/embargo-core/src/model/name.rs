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
}

impl Name {
    /// A name without parts.
    pub fn new(full: impl Into<String>, quality: NameQuality) -> Name {
        Name {
            full: full.into(),
            quality,
            parts: Vec::new(),
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
        }
    }

    /// The part of the given kind, if any.
    pub fn part(&self, kind: NamePartKind) -> Option<&str> {
        self.parts
            .iter()
            .find(|part| part.kind == kind)
            .map(|part| part.value.as_str())
    }
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
    fn organization_style_name_has_no_parts() {
        let name = Name::from_last_first("LAZARUS GROUP", NameQuality::Primary);
        assert!(name.parts.is_empty());
        let name = Name::from_last_first("CECOEX, S.A.", NameQuality::Primary);
        assert_eq!(name.part(NamePartKind::Family), Some("CECOEX"));
    }
}
