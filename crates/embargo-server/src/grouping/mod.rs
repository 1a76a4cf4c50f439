//! One real-world entity across lists: which served entities are copies
//! of each other (a UN designation and its OFAC copy), so that `/match`
//! and `/search` in the yente shape return them as one result whose
//! `referents` and `datasets` list every copy.
//!
//! The rule (`keys.rs`) links two entities only when they come from
//! different sources, have the same schema and share one of:
//!
//! * a UN reference number: the UN list's own entity (`un:KPi.066`) and
//!   any entity of another list citing `KPi.066` in its identifiers or
//!   remarks;
//! * a strong identifier (passport, national id, tax or registration
//!   number, IMO, MMSI, aircraft number) of at least six characters once
//!   normalized, plus a name word in common;
//! * a full name written with the same words (case, punctuation and order
//!   aside) plus a birth year in common (people), or a country in common
//!   (everything else).
//!
//! Entities of one list are never in one group, directly or through a
//! third: a list that names two designations means two (the link found
//! first, strongest key first, wins). A key shared by more than
//! [`MAX_KEY_SHARERS`] entities is too common to mean anything and is
//! skipped. Links are joined transitively with a union–find (iterative,
//! no recursion); [`Groups`] is built once per served snapshot.

mod keys;
#[cfg(test)]
mod tests;

use std::collections::HashMap;

use embargo_core::model::Entity;

pub use keys::{GroupKey, group_keys, names_share_a_word, un_reference};

/// Most entities that may share one key for it to link them.
pub const MAX_KEY_SHARERS: usize = 6;

/// Which served entities are copies of one another. Positions are the
/// screener's entity positions.
#[derive(Debug, Clone, Default)]
pub struct Groups {
    /// Position → index into `members`, for entities in a group of two or
    /// more.
    group_of: HashMap<u32, u32>,
    /// Each group's positions, ascending.
    members: Vec<Vec<u32>>,
}

impl Groups {
    /// Groups `entities` by the rule of this module.
    pub fn build(entities: &[Entity]) -> Groups {
        let mut sharers: HashMap<GroupKey, Vec<u32>> = HashMap::new();
        for (at, entity) in (0u32..).zip(entities) {
            for key in group_keys(entity) {
                let list = sharers.entry(key).or_default();
                if list.last() != Some(&at) {
                    list.push(at);
                }
            }
        }
        // Strongest keys first, then by position: the same lists always
        // give the same groups.
        let mut ordered: Vec<(u8, Vec<u32>, GroupKey)> = sharers
            .into_iter()
            .filter(|(_, positions)| positions.len() >= 2 && positions.len() <= MAX_KEY_SHARERS)
            .map(|(key, positions)| (key.strength(), positions, key))
            .collect();
        ordered.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(&b.1)));
        let mut sets = Sets::new(entities);
        for (_, positions, key) in &ordered {
            for (i, &a) in positions.iter().enumerate() {
                for &b in &positions[i + 1..] {
                    let (Some(left), Some(right)) =
                        (entities.get(a as usize), entities.get(b as usize))
                    else {
                        continue;
                    };
                    if linked_by(key, left, right) {
                        sets.union(a, b);
                    }
                }
            }
        }
        let mut parent = sets.parent;
        let mut by_root: HashMap<u32, Vec<u32>> = HashMap::new();
        for at in 0..parent.len() {
            let at = at as u32;
            by_root.entry(find(&mut parent, at)).or_default().push(at);
        }
        let mut groups = Groups::default();
        let mut roots: Vec<_> = by_root.into_values().filter(|m| m.len() > 1).collect();
        roots.sort();
        for members in roots {
            let index = groups.members.len() as u32;
            for &at in &members {
                groups.group_of.insert(at, index);
            }
            groups.members.push(members);
        }
        groups
    }

    /// The positions of every copy of the entity at `at`, itself
    /// included, ascending; `None` when it has no copy.
    pub fn copies(&self, at: u32) -> Option<&[u32]> {
        let index = *self.group_of.get(&at)?;
        self.members.get(index as usize).map(Vec::as_slice)
    }

    /// The group number of `at` (the same for all its copies), or `None`
    /// when it stands alone.
    pub fn group(&self, at: u32) -> Option<u32> {
        self.group_of.get(&at).copied()
    }

    /// Number of groups of two or more entities.
    pub fn len(&self) -> usize {
        self.members.len()
    }

    /// True when no entity has a copy.
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    /// Every group, each as ascending positions.
    pub fn iter(&self) -> impl Iterator<Item = &[u32]> {
        self.members.iter().map(Vec::as_slice)
    }
}

/// Whether two entities sharing `key` are copies: different sources, same
/// schema, and the key's own extra condition.
fn linked_by(key: &GroupKey, left: &Entity, right: &Entity) -> bool {
    if left.source() == right.source() || left.schema != right.schema {
        return false;
    }
    match key {
        GroupKey::UnReference(_) => true,
        GroupKey::Identifier(..) => names_share_a_word(left, right),
        GroupKey::Name(..) => keys::same_facts(left, right),
    }
}

/// Union–find over entity positions that never joins two sets holding
/// entities of the same source: an entity matching two designations of
/// one list (A on OFAC ~ B on the UN ~ C on OFAC) stays with the first.
struct Sets<'a> {
    parent: Vec<u32>,
    /// Root → the sources of its set.
    sources: HashMap<u32, Vec<&'a str>>,
}

impl<'a> Sets<'a> {
    fn new(entities: &'a [Entity]) -> Sets<'a> {
        Sets {
            parent: (0u32..).take(entities.len()).collect(),
            sources: (0u32..)
                .zip(entities)
                .map(|(at, entity)| (at, vec![entity.source()]))
                .collect(),
        }
    }

    fn union(&mut self, a: u32, b: u32) {
        let (ra, rb) = (find(&mut self.parent, a), find(&mut self.parent, b));
        if ra == rb {
            return;
        }
        let left = self.sources.get(&ra).cloned().unwrap_or_default();
        let right = self.sources.get(&rb).cloned().unwrap_or_default();
        if left.iter().any(|source| right.contains(source)) {
            return;
        }
        let (low, high) = if ra < rb { (ra, rb) } else { (rb, ra) };
        if let Some(slot) = self.parent.get_mut(high as usize) {
            *slot = low;
        }
        self.sources.remove(&high);
        self.sources.insert(low, [left, right].concat());
    }
}

/// The root of `at`, halving paths on the way (iterative).
fn find(parent: &mut [u32], mut at: u32) -> u32 {
    while let Some(&up) = parent.get(at as usize) {
        if up == at {
            break;
        }
        let grand = parent.get(up as usize).copied().unwrap_or(up);
        if let Some(slot) = parent.get_mut(at as usize) {
            *slot = grand;
        }
        at = up;
    }
    at
}
