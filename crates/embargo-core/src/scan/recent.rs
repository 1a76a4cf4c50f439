//! Memo tables of fixed size for one scan: each key takes the slot of its
//! hash and evicts the entry there.
//!
//! A scan remembers the spans of each phrase so that a text repeating a
//! sentence pays for it once. A table with an entry per distinct phrase
//! grows with the text: megabytes for a large file of fresh names, written
//! out again at each doubling and paid for in page faults, for phrases
//! most of which never come back. Repeats in real text are near each other
//! (the same sentence, party or boilerplate), which a table of a few
//! thousand slots keeps; an evicted entry is derived again, so what the
//! scan finds does not depend on the table's size.
//!
//! (The memo of word pairs looked up as one listed word stays a growing
//! table: its keys come back from one proposal pass to the next, far
//! apart, and a table of 8,192 slots made the fresh MiB cost 3.7% more
//! instructions.)

use std::hash::{Hash, Hasher};

use rustc_hash::FxHasher;

/// Entries by key, at most one per slot.
pub(crate) struct Recent<K, V> {
    slots: Vec<Option<(K, V)>>,
}

impl<K: Hash + Eq, V> Recent<K, V> {
    /// A table of `wanted` slots, rounded up to a power of two, at least
    /// one and at most `most`.
    pub(crate) fn new(wanted: usize, most: usize) -> Recent<K, V> {
        let size = wanted.clamp(1, most.max(1)).next_power_of_two();
        Recent {
            slots: std::iter::repeat_with(|| None).take(size).collect(),
        }
    }

    /// The value of `key`, if it is still in its slot.
    pub(crate) fn get(&self, key: &K) -> Option<&V> {
        match &self.slots[self.slot_of(key)] {
            Some((held, value)) if held == key => Some(value),
            _ => None,
        }
    }

    /// Puts `value` for `key` in its slot, evicting what was there, and
    /// returns it.
    pub(crate) fn insert(&mut self, key: K, value: V) -> &V {
        let slot = self.slot_of(&key);
        &self.slots[slot].insert((key, value)).1
    }

    fn slot_of(&self, key: &K) -> usize {
        let mut hasher = FxHasher::default();
        key.hash(&mut hasher);
        // The table's size is a power of two.
        (hasher.finish() as usize) & (self.slots.len() - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_finds_its_value_until_another_takes_its_slot() {
        let mut one: Recent<u32, &str> = Recent::new(1, 8);
        assert_eq!(one.get(&1), None);
        assert_eq!(one.insert(1, "a"), &"a");
        assert_eq!(one.get(&1), Some(&"a"));
        one.insert(2, "b");
        assert_eq!(one.get(&1), None);
        assert_eq!(one.get(&2), Some(&"b"));

        let mut many: Recent<u32, u32> = Recent::new(100, 64);
        assert_eq!(many.slots.len(), 64);
        for key in 0..1000 {
            many.insert(key, key * 2);
            assert_eq!(many.get(&key), Some(&(key * 2)));
        }
        // Whatever stayed is right.
        let kept: Vec<u32> = (0..1000).filter(|k| many.get(k).is_some()).collect();
        assert!(!kept.is_empty() && kept.len() <= 64);
        assert!(kept.iter().all(|k| many.get(k) == Some(&(k * 2))));
    }
}
