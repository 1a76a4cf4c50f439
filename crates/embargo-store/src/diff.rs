//! What changed between two versions of a list: entities added, removed
//! and changed, with field-level changes for the changed ones.
//!
//! The store keeps entities content-addressed, so an unchanged entity has
//! the same body hash in both versions: comparing the two (id, hash) maps
//! finds the differences without decoding anything, and only the bodies of
//! added, removed and changed entities are then read.

use std::collections::BTreeMap;

use embargo_core::model::{Entity, Schema};
use serde::Serialize;
use serde_json::Value;

use crate::{Store, StoreError, VersionInfo};

/// The differences between two versions of one source.
#[derive(Debug, Clone, PartialEq)]
pub struct VersionDiff {
    /// The older version compared.
    pub from: VersionInfo,
    /// The newer version compared.
    pub to: VersionInfo,
    /// Entities only in `to`, by id.
    pub added: Vec<EntitySummary>,
    /// Entities only in `from`, by id.
    pub removed: Vec<EntitySummary>,
    /// Entities in both whose data differs, by id.
    pub changed: Vec<EntityChange>,
}

/// An entity named in a diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntitySummary {
    /// Its id.
    pub id: String,
    /// Its primary name.
    pub name: String,
    /// Its type.
    pub schema: Schema,
}

/// An entity whose data changed, with every field that did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntityChange {
    /// The entity as it is in the newer version.
    #[serde(flatten)]
    pub entity: EntitySummary,
    /// The fields that differ, in the order of the entity's fields.
    pub fields: Vec<FieldChange>,
}

/// One field of a changed entity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldChange {
    /// The field's name as in the entity JSON (`names`, `addresses`,
    /// `programs`, `vessel`, ...).
    pub field: String,
    /// Values only in the older version (for a single-valued field, the
    /// old value).
    pub removed: Vec<Value>,
    /// Values only in the newer version (for a single-valued field, the
    /// new value).
    pub added: Vec<Value>,
}

impl VersionDiff {
    /// True when the two versions hold the same entities with the same data.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

impl Store {
    /// Compares two versions of the same source.
    pub fn diff(&self, from: &VersionInfo, to: &VersionInfo) -> Result<VersionDiff, StoreError> {
        if from.source_id != to.source_id {
            return Err(StoreError::DifferentSources {
                from: from.source_id.clone(),
                to: to.source_id.clone(),
            });
        }
        let before = self.version_entity_hashes(from.id)?;
        let after = self.version_entity_hashes(to.id)?;
        let mut diff = VersionDiff {
            from: from.clone(),
            to: to.clone(),
            added: Vec::new(),
            removed: Vec::new(),
            changed: Vec::new(),
        };
        for (id, hash) in &after {
            match before.get(id) {
                None => diff.added.push(summary(&self.body(hash, id)?)),
                Some(old) if old != hash => {
                    let (old, new) = (self.body(old, id)?, self.body(hash, id)?);
                    diff.changed.push(EntityChange {
                        fields: field_changes(&old, &new)?,
                        entity: summary(&new),
                    });
                }
                Some(_) => {}
            }
        }
        for (id, hash) in removed_only(&before, &after) {
            diff.removed.push(summary(&self.body(hash, id)?));
        }
        Ok(diff)
    }

    /// The entity stored under `hash`, which a version lists for `id`.
    fn body(&self, hash: &str, id: &str) -> Result<Entity, StoreError> {
        self.entity_body(hash)?
            .ok_or_else(|| StoreError::Damaged(format!("entity {id}: body {hash} missing")))
    }
}

/// The (id, hash) pairs of `before` whose id `after` lacks.
fn removed_only<'a>(
    before: &'a BTreeMap<String, String>,
    after: &BTreeMap<String, String>,
) -> impl Iterator<Item = (&'a String, &'a String)> {
    before.iter().filter(|(id, _)| !after.contains_key(*id))
}

/// The id, name and type of an entity.
fn summary(entity: &Entity) -> EntitySummary {
    EntitySummary {
        id: entity.id.clone(),
        name: entity.caption().to_string(),
        schema: entity.schema,
    }
}

/// Every field that differs between two versions of an entity. A list
/// field (names, addresses, programs, ...) reports the values only in one
/// of the two, whatever their order; any other field reports its old and
/// new value. Works from the entity's JSON, so a field added to the model
/// later is compared too.
pub fn field_changes(before: &Entity, after: &Entity) -> Result<Vec<FieldChange>, StoreError> {
    let encode = |entity: &Entity| {
        serde_json::to_value(entity)
            .map_err(|error| StoreError::Damaged(format!("entity {}: {error}", entity.id)))
    };
    let (old, new) = (encode(before)?, encode(after)?);
    let empty = serde_json::Map::new();
    let old = old.as_object().unwrap_or(&empty);
    let new = new.as_object().unwrap_or(&empty);
    let mut fields: Vec<&String> = new.keys().chain(old.keys()).collect();
    fields.sort_unstable();
    fields.dedup();
    Ok(fields
        .into_iter()
        .filter_map(|field| field_change(field, old.get(field), new.get(field)))
        .collect())
}

/// The change of one field, if it changed. An absent field is an empty
/// list or no value (the model leaves out empty fields). A list holding
/// the same values in another order (which matters for `names`, whose
/// first is the primary name) reports its whole old and new lists.
fn field_change(field: &str, old: Option<&Value>, new: Option<&Value>) -> Option<FieldChange> {
    if old == new {
        return None;
    }
    let values = |value: Option<&Value>| -> Vec<Value> {
        match value {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) => items.clone(),
            Some(single) => vec![single.clone()],
        }
    };
    let (old, new) = (values(old), values(new));
    let removed: Vec<Value> = old.iter().filter(|v| !new.contains(v)).cloned().collect();
    let added: Vec<Value> = new.iter().filter(|v| !old.contains(v)).cloned().collect();
    let (removed, added) = if removed.is_empty() && added.is_empty() {
        (old, new)
    } else {
        (removed, added)
    };
    Some(FieldChange {
        field: field.to_string(),
        removed,
        added,
    })
}

#[cfg(test)]
mod tests {
    use embargo_core::model::{Name, NameQuality};

    use super::*;

    fn entity() -> Entity {
        let mut entity = Entity::new(
            "x:1",
            Schema::Person,
            Name::from_last_first("KIM, Sang Man", NameQuality::Primary),
        );
        entity.programs = vec!["DPRK3".to_string()];
        entity
    }

    #[test]
    fn list_fields_report_values_added_and_removed() {
        let before = entity();
        let mut after = entity();
        after.add_name(Name::new("KIM Sang-man", NameQuality::Strong));
        after.programs = vec!["DPRK4".to_string()];
        let changes = field_changes(&before, &after).unwrap();
        let fields: Vec<&str> = changes.iter().map(|c| c.field.as_str()).collect();
        assert_eq!(fields, ["names", "programs"]);
        assert_eq!(changes[0].removed.len(), 0);
        assert_eq!(changes[0].added[0]["full"], "KIM Sang-man");
        assert_eq!(changes[1].removed, [Value::from("DPRK3")]);
        assert_eq!(changes[1].added, [Value::from("DPRK4")]);
    }

    #[test]
    fn reordering_shows_both_orders_and_scalars_show_both_values() {
        let mut before = entity();
        before.programs = vec!["A".to_string(), "B".to_string()];
        let mut after = before.clone();
        after.programs.reverse();
        after.schema = Schema::Organization;
        let changes = field_changes(&before, &after).unwrap();
        assert_eq!(changes.len(), 2);
        assert_eq!(changes[0].field, "programs");
        assert_eq!(changes[0].removed, [Value::from("A"), Value::from("B")]);
        assert_eq!(changes[0].added, [Value::from("B"), Value::from("A")]);
        assert_eq!(changes[1].field, "schema");
        assert_eq!(changes[1].removed, [Value::from("Person")]);
        assert_eq!(changes[1].added, [Value::from("Organization")]);
        assert!(field_changes(&before, &before).unwrap().is_empty());
    }
}
