//! `Store::active_entity_history`: when each served entity first appeared
//! and when its record last changed, over versions imported out of
//! publication order, with a record changed, a listing removed and
//! restored, and an older publication imported last.

use embargo_core::model::{Name, NameQuality};
use embargo_store::Store;

use crate::fixtures::{entity, import, write_publication};

#[test]
fn first_seen_and_last_change_follow_publication_order() {
    let folder = tempfile::tempdir().unwrap();
    let mut store = Store::open_or_create(folder.path().join("h.db")).unwrap();
    let [e1, e2, e3, e4] = [1, 2, 3, 4].map(|n| entity("s", n));
    let mut e2_changed = e2.clone();
    e2_changed
        .names
        .push(Name::new("A NEW ALIAS", NameQuality::Weak));
    let publish = |name: &str, entities: &[_]| write_publication(folder.path(), name, entities);
    // January: 1, 2, 3. February: 2 changed, 3 removed, 4 added. March: 3
    // restored. Imported last: a December publication listing 1 only.
    let january = publish("s-2024-01-01.jsonl", &[e1.clone(), e2, e3.clone()]);
    let february = publish(
        "s-2024-02-01.jsonl",
        &[e1.clone(), e2_changed.clone(), e4.clone()],
    );
    let march = publish("s-2024-03-01.jsonl", &[e1.clone(), e2_changed, e3, e4]);
    let december = publish("s-2023-12-01.jsonl", &[e1]);
    for files in [&january, &february, &march, &december] {
        assert!(import(&mut store, "s", files).unwrap().is_imported());
    }
    assert_eq!(store.active_version("s").unwrap().unwrap().label(), "v3");

    let history = store.active_entity_history().unwrap();
    let dates = |id: &str| {
        let entry = history
            .get(id)
            .unwrap_or_else(|| panic!("{id} has no history"));
        (entry.first_seen.to_string(), entry.last_change.to_string())
    };
    assert_eq!(history.len(), 4);
    // Listed since the older publication imported last, never changed.
    assert_eq!(dates("s:1"), ("2023-12-01".into(), "2023-12-01".into()));
    // Changed in February.
    assert_eq!(dates("s:2"), ("2024-01-01".into(), "2024-02-01".into()));
    // Removed in February, restored in March: a change.
    assert_eq!(dates("s:3"), ("2024-01-01".into(), "2024-03-01".into()));
    assert_eq!(dates("s:4"), ("2024-02-01".into(), "2024-02-01".into()));
}

#[test]
fn an_empty_store_has_no_history() {
    let store = Store::open_in_memory().unwrap();
    assert!(store.active_entity_history().unwrap().is_empty());
}
