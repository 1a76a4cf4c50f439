//! FollowTheMoney entity ids for embargo entities.
//!
//! FtM ids are letters, digits, dots and dashes, starting and ending with a
//! letter or digit. An export of one source writes each entity under its
//! native id (`43377` for `ofac-sdn:43377`), so that a FtM list imported
//! and exported again keeps its ids; an export of several sources prefixes
//! the source (`ofac-sdn-43377`), since native ids may repeat across lists.
//! An id FtM would refuse keeps its allowed characters and gains a digest
//! of the whole embargo id, so that two ids never fold into one.

use sha2::{Digest, Sha256};

use crate::model::Entity;

/// How entity ids are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdStyle {
    /// The native id (one source).
    Native,
    /// `source-native` (several sources).
    Qualified,
}

/// The FtM id of the embargo entity id `id` (`source:native`).
pub(crate) fn ftm_id(id: &str, style: IdStyle) -> String {
    let (source, native) = id.split_once(':').unwrap_or(("", id));
    let base = match style {
        IdStyle::Native => native.to_string(),
        IdStyle::Qualified if source.is_empty() => native.to_string(),
        IdStyle::Qualified => format!("{source}-{native}"),
    };
    if is_valid_id(&base) {
        return base;
    }
    let kept: String = base
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let kept = kept.trim_matches(|c: char| !c.is_ascii_alphanumeric());
    let digest = hex::encode(Sha256::digest(id.as_bytes()));
    let digest = digest.get(..16).unwrap_or(&digest);
    if kept.is_empty() {
        digest.to_string()
    } else {
        format!("{kept}-{digest}")
    }
}

/// The FtM id of an entity.
pub fn entity_id(entity: &Entity, style: IdStyle) -> String {
    ftm_id(&entity.id, style)
}

/// True for an id FtM accepts as it is.
pub(crate) fn is_valid_id(id: &str) -> bool {
    let bytes = id.as_bytes();
    let (Some(first), Some(last)) = (bytes.first(), bytes.last()) else {
        return false;
    };
    first.is_ascii_alphanumeric()
        && last.is_ascii_alphanumeric()
        && bytes
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || *b == b'.' || *b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn native_and_qualified_ids() {
        assert_eq!(ftm_id("ofac-sdn:43377", IdStyle::Native), "43377");
        assert_eq!(
            ftm_id("ofac-sdn:43377", IdStyle::Qualified),
            "ofac-sdn-43377"
        );
        assert_eq!(ftm_id("un:KPi.066", IdStyle::Qualified), "un-KPi.066");
    }

    #[test]
    fn invalid_ids_keep_their_letters_and_stay_apart() {
        let one = ftm_id("custom:a b", IdStyle::Native);
        let two = ftm_id("custom:a_b", IdStyle::Native);
        assert!(one.starts_with("a-b-"), "{one}");
        assert!(is_valid_id(&one) && is_valid_id(&two));
        assert_ne!(one, two);
        assert!(is_valid_id(&ftm_id("x:_", IdStyle::Native)));
        assert!(!is_valid_id("-a") && !is_valid_id("") && !is_valid_id("a:b"));
    }
}
