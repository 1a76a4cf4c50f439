//! Building a [`Screener`] from the active version of every stored list,
//! or from the bundled demo list when the store holds none.

use embargo_core::matching::{ListVersion, Screener};
use embargo_core::sources::{demo::DEMO_SOURCE_ID, demo_entities};

use crate::{Store, StoreError};

/// The lists a screener was built from.
#[derive(Debug)]
pub struct LoadedLists {
    /// The screener over every active entity.
    pub screener: Screener,
    /// True when the store held no list and the bundled demo list was
    /// loaded instead.
    pub bundled_demo: bool,
}

/// Version label of the bundled demo list.
pub const BUNDLED_VERSION: &str = "bundled";

/// One line telling a user of the demo list how to load the real ones.
pub const DEMO_NOTICE: &str = "note: no lists imported yet; screening against the bundled demo list \
(the 23 May 2023 DPRK designations). Load official lists with `embargo import PATH` \
(OFAC CSV set, UN XML, FollowTheMoney JSON lines) or `embargo update`.";

/// Builds a screener over the active version of every stored source, or
/// over the bundled demo list when there is none.
pub fn load_screener(store: &Store) -> Result<LoadedLists, StoreError> {
    let versions = store.active_versions()?;
    if versions.is_empty() {
        let entities = demo_entities().map_err(StoreError::Parse)?;
        let lists = vec![ListVersion {
            source: DEMO_SOURCE_ID.to_string(),
            version: BUNDLED_VERSION.to_string(),
        }];
        return Ok(LoadedLists {
            screener: Screener::new(entities, lists),
            bundled_demo: true,
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
