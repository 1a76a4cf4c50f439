//! Building a [`Screener`] from the active version of every stored list,
//! or, when no store is configured at all, from the bundled demo list.
//!
//! The two are separate on purpose: a store that holds no list is an
//! error ([`StoreError::NoLists`]), never a silent fallback to the demo.

use embargo_core::matching::{ListVersion, Screener};
use embargo_core::sources::{demo::DEMO_SOURCE_ID, demo_entities};

use crate::{Store, StoreError};

/// The lists a screener was built from.
#[derive(Debug)]
pub struct LoadedLists {
    /// The screener over every active entity.
    pub screener: Screener,
    /// True when this is the bundled demo list ([`demo_lists`]), not a
    /// store's lists.
    pub bundled_demo: bool,
}

/// Version label of the bundled demo list.
pub const BUNDLED_VERSION: &str = "bundled";

/// What the bundled demo list is, for every output that names it.
pub const DEMO_DESCRIPTION: &str = "the bundled demo list (8 entities: the OFAC designations of \
23 May 2023 and related DPRK entries), not the official lists";

/// Builds a screener over the active version of every stored source.
/// Fails with [`StoreError::NoLists`] when the store holds none.
pub fn load_screener(store: &Store) -> Result<LoadedLists, StoreError> {
    let versions = store.active_versions()?;
    if versions.is_empty() {
        return Err(StoreError::NoLists {
            path: store.name().into(),
        });
    }
    let lists = versions
        .iter()
        .map(|version| ListVersion {
            source: version.source_id.clone(),
            version: version.label(),
        })
        .collect();
    let entities = store.active_entities()?;
    Ok(LoadedLists {
        screener: Screener::new(entities, lists),
        bundled_demo: false,
    })
}

/// Builds a screener over the bundled demo list (source `demo`, version
/// [`BUNDLED_VERSION`]), for when no store is configured at all.
pub fn demo_lists() -> Result<LoadedLists, StoreError> {
    let entities = demo_entities().map_err(StoreError::Parse)?;
    let lists = vec![ListVersion {
        source: DEMO_SOURCE_ID.to_string(),
        version: BUNDLED_VERSION.to_string(),
    }];
    Ok(LoadedLists {
        screener: Screener::new(entities, lists),
        bundled_demo: true,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_store_is_an_error_not_the_demo() {
        let store = Store::open_in_memory().unwrap();
        let error = load_screener(&store).unwrap_err();
        assert!(matches!(error, StoreError::NoLists { .. }), "{error:?}");
        assert!(error.to_string().contains("holds no lists"));
    }

    #[test]
    fn the_demo_is_named_as_such() {
        let demo = demo_lists().unwrap();
        assert!(demo.bundled_demo);
        assert_eq!(demo.screener.entities().len(), 8);
        assert_eq!(demo.screener.lists()[0].source, "demo");
        assert_eq!(demo.screener.lists()[0].version, BUNDLED_VERSION);
    }
}
