//! The lists being served and their hot reload.
//!
//! The current [`Snapshot`] (screener plus what `/lists` and
//! `/entities` show) sits behind an [`ArcSwapOption`]: a request takes an
//! `Arc` of it in one atomic load and keeps it to the end, so no lock is
//! held while screening and a reload never waits for requests, nor they
//! for it. A background task ([`spawn_poller`]) compares the store's
//! active versions with the served ones every couple of seconds; when they
//! differ it builds a new screener off the request path and swaps it in.
//! [`Lists::reload_now`] runs the same check at once, for callers that
//! have just imported something.
//!
//! The server follows the store's *active* versions, which an import
//! changes only for a publication not older than the active one (see
//! `embargo_store::Activation`): importing an older publication never
//! swaps the served lists, and `embargo activate` swaps them on purpose.
//!
//! A store that holds no list serves nothing (every screening route and
//! `/readyz` answer 503 until lists are imported). The bundled demo list is
//! served only by [`Lists::demo`], when no store is configured at all or
//! when asked for with `embargo serve --demo`; `/readyz` answers 503 for
//! it unless it was asked for ([`Lists::readiness`]).

use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use arc_swap::ArcSwapOption;
use chrono::{DateTime, Utc};
use embargo_core::matching::{DEFAULT_THRESHOLD, ListVersion, Screener};
use embargo_core::model::Entity;
use embargo_core::scan::Scanner;
use embargo_store::{EntityHistory, SourceSummary, Store, demo_lists, load_screener};
use tokio::sync::watch;

use crate::errors::ServerError;
use crate::grouping::Groups;

/// Thresholds whose scanner a snapshot keeps; a request with yet another
/// threshold gets a scanner built for it alone.
const KEPT_SCANNERS: usize = 4;

/// Everything served from one set of list versions, built once and shared
/// read-only by every request.
#[derive(Debug)]
pub struct Snapshot {
    /// The screener over every active entity.
    pub screener: Arc<Screener>,
    /// Text scanners over `screener`, one per threshold asked for: the
    /// default threshold's built with the snapshot, others on first use
    /// (about 15 ms each against the full lists, measured by the
    /// `build-scanner` case of the scan bench).
    scanners: Mutex<Vec<Arc<Scanner>>>,
    /// True when the bundled demo list is served (no store).
    pub bundled_demo: bool,
    /// The store's sources and versions when the snapshot was built.
    pub sources: Vec<SourceSummary>,
    /// Entity id → position in the screener.
    by_id: HashMap<String, u32>,
    /// Entity id → positions of the entities whose links resolve to it.
    linked_from: HashMap<String, Vec<u32>>,
    /// Copies of one entity on several lists ([`crate::grouping`]).
    pub groups: Groups,
    /// Entity id → when it was first listed and when its record last
    /// changed (empty for the bundled demo list).
    pub history: HashMap<String, EntityHistory>,
    /// Number of this snapshot: 1 for the first load, +1 per swap.
    pub generation: u64,
    /// When it was built.
    pub loaded_at: DateTime<Utc>,
    /// How long building it took, in seconds.
    pub load_seconds: f64,
}

impl Snapshot {
    /// The entity with this id, if served.
    pub fn entity(&self, id: &str) -> Option<&Entity> {
        let at = *self.by_id.get(id)?;
        self.screener.entities().get(at as usize)
    }

    /// The screener position of the entity with this id, if served.
    pub fn position(&self, id: &str) -> Option<u32> {
        self.by_id.get(id).copied()
    }

    /// The served entities whose links point at `id`.
    pub fn linked_from(&self, id: &str) -> impl Iterator<Item = &Entity> {
        let entities = self.screener.entities();
        self.linked_from
            .get(id)
            .into_iter()
            .flatten()
            .filter_map(|&at| entities.get(at as usize))
    }

    /// The scanner for `threshold`: kept from an earlier request with the
    /// same threshold, else built now (and kept while fewer than
    /// `KEPT_SCANNERS` are).
    pub fn scanner(&self, threshold: f32) -> Arc<Scanner> {
        let mut kept = self.scanners.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(found) = kept.iter().find(|s| s.threshold() == threshold) {
            return Arc::clone(found);
        }
        let built = Arc::new(Scanner::new(Arc::clone(&self.screener), threshold));
        if kept.len() < KEPT_SCANNERS {
            kept.push(Arc::clone(&built));
        }
        built
    }

    /// The served list versions as (source, version label) pairs: what the
    /// store's active versions are compared with.
    fn fingerprint(&self) -> &[ListVersion] {
        self.screener.lists()
    }
}

/// Where the served lists come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListsSource {
    /// The active versions of a store.
    Store,
    /// The bundled demo list, no store. `deliberate` when asked for
    /// (`embargo serve --demo`): only then is the server ready with it.
    Demo {
        /// Started with `--demo`.
        deliberate: bool,
    },
}

/// Why the server is not ready, for `/readyz` and every route that needs
/// lists (all 503).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotReady {
    /// The first load has not finished.
    Loading,
    /// The store holds no list.
    NoLists {
        /// The store's file.
        store: std::path::PathBuf,
    },
    /// Only the bundled demo list is served, and it was not asked for.
    DemoOnly,
}

impl std::fmt::Display for NotReady {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NotReady::Loading => f.write_str("the lists are still loading; retry shortly"),
            NotReady::NoLists { store } => write!(
                f,
                "the store {} holds no lists: import lists with `embargo import PATH` or \
                 `embargo update`; the server serves them as soon as they are imported",
                store.display()
            ),
            NotReady::DemoOnly => write!(
                f,
                "no store: serving only {}; start the server with --db PATH (or EMBARGO_DB) to \
                 serve a store's lists, or with --demo to serve the demo list deliberately",
                embargo_store::DEMO_DESCRIPTION
            ),
        }
    }
}

/// What a reload check did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReloadOutcome {
    /// The store's active versions are those served; nothing was built.
    Unchanged,
    /// A new snapshot with this generation number is being served.
    Swapped(u64),
    /// The store holds no list: nothing is served (or the snapshot served
    /// stays).
    NoLists,
}

/// The served snapshot, the store it is read from, and reload counters.
#[derive(Debug)]
pub struct Lists {
    current: ArcSwapOption<Snapshot>,
    /// Only the reload path uses the store; requests never touch it.
    store: Mutex<Store>,
    /// The store's file (`:memory:` for the demo).
    path: std::path::PathBuf,
    /// The store, or the bundled demo list.
    source: ListsSource,
    /// Set once a check found the store without any list.
    found_no_lists: AtomicBool,
    generation: AtomicU64,
    reloads: AtomicU64,
    failures: AtomicU64,
}

impl Lists {
    /// Opens the existing store at `path` (it must exist: see
    /// `embargo_store::Store::open`); nothing is loaded until
    /// [`Lists::reload_now`] or [`Lists::reload_blocking`].
    pub fn open(path: &Path) -> Result<Lists, ServerError> {
        Ok(Lists::with_store(Store::open(path)?))
    }

    /// Serves the lists of an already open store.
    pub fn with_store(store: Store) -> Lists {
        Lists::new(store, ListsSource::Store)
    }

    /// Serves the bundled demo list, without a store; `deliberate` when
    /// asked for (`embargo serve --demo`), which makes the server ready
    /// with it.
    pub fn demo(deliberate: bool) -> Result<Lists, ServerError> {
        Ok(Lists::new(
            Store::open_in_memory()?,
            ListsSource::Demo { deliberate },
        ))
    }

    fn new(store: Store, source: ListsSource) -> Lists {
        Lists {
            current: ArcSwapOption::empty(),
            path: store.path().to_path_buf(),
            store: Mutex::new(store),
            source,
            found_no_lists: AtomicBool::new(false),
            generation: AtomicU64::new(0),
            reloads: AtomicU64::new(0),
            failures: AtomicU64::new(0),
        }
    }

    /// Whether the served store is a PostgreSQL one, whose changes are
    /// announced to every process sharing it.
    fn is_postgres(&self) -> bool {
        self.store.lock().is_ok_and(|store| store.is_postgres())
    }

    /// A listener for list changes on a PostgreSQL store (`None` for
    /// SQLite, the demo, or when connecting fails, which is printed: the
    /// periodic check still reloads). It connects, so it blocks: call it
    /// from a thread of its own, never from the async runtime.
    fn list_changes(&self) -> Option<embargo_store::ListChanges> {
        let store = self.store.lock().ok()?;
        match store.list_changes() {
            Ok(changes) => changes,
            Err(error) => {
                embargo_core::errln!("embargo serve: cannot listen for list changes: {error}");
                None
            }
        }
    }

    /// Where the served lists come from.
    pub fn source(&self) -> ListsSource {
        self.source
    }

    /// True when there is a store behind the lists (not the demo).
    pub fn has_store(&self) -> bool {
        self.source == ListsSource::Store
    }

    /// The snapshot to screen with, or why there is none: the lists are
    /// loading or the store holds none. The undeliberate demo is served
    /// (and named in every response), but see [`Lists::readiness`].
    pub fn serving(&self) -> Result<Arc<Snapshot>, NotReady> {
        match self.current() {
            Some(snapshot) => Ok(snapshot),
            None if self.found_no_lists.load(Ordering::Relaxed) => Err(NotReady::NoLists {
                store: self.path.clone(),
            }),
            None => Err(NotReady::Loading),
        }
    }

    /// The snapshot when the server is ready: lists are served, and they
    /// are a store's or the demo list asked for.
    pub fn readiness(&self) -> Result<Arc<Snapshot>, NotReady> {
        let snapshot = self.serving()?;
        if self.source == (ListsSource::Demo { deliberate: false }) {
            return Err(NotReady::DemoOnly);
        }
        Ok(snapshot)
    }

    /// The store's file (`:memory:` for an in-memory store).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The snapshot being served, or `None` while the first load runs.
    pub fn current(&self) -> Option<Arc<Snapshot>> {
        self.current.load_full()
    }

    /// Number of swaps after the first load.
    pub fn reloads(&self) -> u64 {
        self.reloads.load(Ordering::Relaxed)
    }

    /// Number of failed load attempts.
    pub fn failures(&self) -> u64 {
        self.failures.load(Ordering::Relaxed)
    }

    /// Checks the store and swaps in a new snapshot when its active
    /// versions differ from the served ones (or nothing is served yet),
    /// on a blocking thread. Requests keep being answered from the old
    /// snapshot until the swap.
    pub async fn reload_now(self: &Arc<Self>) -> Result<ReloadOutcome, ServerError> {
        let lists = Arc::clone(self);
        tokio::task::spawn_blocking(move || lists.reload_blocking())
            .await
            .map_err(|error| ServerError::Task(error.to_string()))?
    }

    /// [`Lists::reload_now`] on the calling thread.
    pub fn reload_blocking(&self) -> Result<ReloadOutcome, ServerError> {
        let result = self.check_and_swap();
        if result.is_err() {
            self.failures.fetch_add(1, Ordering::Relaxed);
        }
        result
    }

    fn check_and_swap(&self) -> Result<ReloadOutcome, ServerError> {
        // One reload at a time; the lock guards the store, not the lists.
        let store = self
            .store
            .lock()
            .map_err(|_| ServerError::Task("an earlier reload panicked".to_string()))?;
        let served = self.current();
        if let ListsSource::Demo { .. } = self.source {
            if served.is_some() {
                return Ok(ReloadOutcome::Unchanged);
            }
            return self.swap(build_snapshot(&store, 1, true)?, served.is_some());
        }
        let wanted = active_fingerprint(&store)?;
        if wanted.is_empty() {
            self.found_no_lists.store(true, Ordering::Relaxed);
            return Ok(ReloadOutcome::NoLists);
        }
        if served
            .as_ref()
            .is_some_and(|snapshot| snapshot.fingerprint() == wanted.as_slice())
        {
            return Ok(ReloadOutcome::Unchanged);
        }
        let generation = self.generation.load(Ordering::Relaxed) + 1;
        let snapshot = build_snapshot(&store, generation, false)?;
        self.swap(snapshot, served.is_some())
    }

    /// Serves `snapshot` from now on.
    fn swap(&self, snapshot: Snapshot, replacing: bool) -> Result<ReloadOutcome, ServerError> {
        let generation = snapshot.generation;
        self.generation.store(generation, Ordering::Relaxed);
        if replacing {
            self.reloads.fetch_add(1, Ordering::Relaxed);
        }
        self.current.store(Some(Arc::new(snapshot)));
        Ok(ReloadOutcome::Swapped(generation))
    }
}

/// The store's active versions as (source, label) pairs.
fn active_fingerprint(store: &Store) -> Result<Vec<ListVersion>, ServerError> {
    Ok(store
        .active_versions()?
        .into_iter()
        .map(|version| ListVersion {
            version: version.label(),
            source: version.source_id,
        })
        .collect())
}

/// Loads the active lists (or the bundled demo list) and indexes them.
fn build_snapshot(store: &Store, generation: u64, demo: bool) -> Result<Snapshot, ServerError> {
    let started = Instant::now();
    let sources = store.sources()?;
    let (loaded, history) = if demo {
        (demo_lists()?, HashMap::new())
    } else {
        (load_screener(store)?, store.active_entity_history()?)
    };
    let (by_id, linked_from) = entity_maps(loaded.screener.entities());
    let groups = Groups::build(loaded.screener.entities());
    let screener = Arc::new(loaded.screener);
    // The scanner of the default threshold is built with the index, off
    // the request path: the first `/scan` does not pay for it.
    let scanner = Arc::new(Scanner::new(Arc::clone(&screener), DEFAULT_THRESHOLD));
    Ok(Snapshot {
        screener,
        scanners: Mutex::new(vec![scanner]),
        bundled_demo: loaded.bundled_demo,
        sources,
        by_id,
        linked_from,
        groups,
        history,
        generation,
        loaded_at: Utc::now(),
        load_seconds: started.elapsed().as_secs_f64(),
    })
}

/// Id → position, and target id → positions of the entities linking to it.
type EntityMaps = (HashMap<String, u32>, HashMap<String, Vec<u32>>);

fn entity_maps(entities: &[Entity]) -> EntityMaps {
    let mut by_id = HashMap::with_capacity(entities.len());
    let mut linked_from: HashMap<String, Vec<u32>> = HashMap::new();
    for (at, entity) in (0u32..).zip(entities) {
        by_id.insert(entity.id.clone(), at);
        for target in entity.links.iter().filter_map(|link| link.id.as_ref()) {
            linked_from.entry(target.clone()).or_default().push(at);
        }
    }
    (by_id, linked_from)
}

/// Runs the first load, then checks the store every `interval` until
/// `shutdown` turns true. Failures are counted and printed; the served
/// snapshot stays until a load succeeds.
///
/// On a PostgreSQL store, shared by any number of replicas, a listener
/// (`spawn_listener`) also wakes the poller as soon as any process
/// commits a change of the active lists, so every replica swaps within
/// the time of one load; the periodic check stays as the fallback (a lost
/// connection, a notification missed while reconnecting).
pub fn spawn_poller(
    lists: Arc<Lists>,
    interval: Duration,
    mut shutdown: watch::Receiver<bool>,
) -> tokio::task::JoinHandle<()> {
    let changed = Arc::new(tokio::sync::Notify::new());
    if lists.has_store() && lists.is_postgres() {
        spawn_listener(Arc::clone(&lists), Arc::clone(&changed), shutdown.clone());
    }
    tokio::spawn(async move {
        loop {
            match lists.reload_now().await {
                Ok(ReloadOutcome::Swapped(generation)) => report_swap(&lists, generation),
                Ok(ReloadOutcome::Unchanged | ReloadOutcome::NoLists) => {}
                Err(error) => {
                    embargo_core::errln!("embargo serve: reloading the lists failed: {error}")
                }
            }
            tokio::select! {
                () = tokio::time::sleep(interval) => {}
                () = changed.notified() => {}
                _ = shutdown.wait_for(|stop| *stop) => return,
            }
        }
    })
}

/// How long the listener waits for a notification before looking at the
/// shutdown flag again.
const LISTEN_TICK: Duration = Duration::from_millis(500);

/// Pause before the listener reconnects after an error.
const LISTEN_RETRY: Duration = Duration::from_secs(2);

/// On a PostgreSQL store, a thread listening for list changes (see
/// `embargo_store::Store::list_changes`) that wakes `changed`. The thread
/// connects and waits with PostgreSQL's blocking client, which must never
/// run on the async runtime's threads.
fn spawn_listener(
    lists: Arc<Lists>,
    changed: Arc<tokio::sync::Notify>,
    shutdown: watch::Receiver<bool>,
) {
    let spawned = std::thread::Builder::new()
        .name("embargo-listen".to_string())
        .spawn(move || {
            let mut listener = lists.list_changes();
            while !*shutdown.borrow() {
                let Some(changes) = listener.as_mut() else {
                    std::thread::sleep(LISTEN_RETRY);
                    listener = lists.list_changes();
                    // A change may have been missed meanwhile.
                    changed.notify_one();
                    continue;
                };
                match changes.wait(LISTEN_TICK) {
                    Ok(true) => changed.notify_one(),
                    Ok(false) => {}
                    Err(error) => {
                        embargo_core::errln!(
                            "embargo serve: listening for list changes failed: {error}; polling until reconnected"
                        );
                        listener = None;
                    }
                }
            }
        });
    if let Err(error) = spawned {
        embargo_core::errln!(
            "embargo serve: cannot listen for list changes ({error}); polling only"
        );
    }
}

fn report_swap(lists: &Lists, generation: u64) {
    if let Some(snapshot) = lists.current() {
        let served: Vec<String> = snapshot
            .screener
            .lists()
            .iter()
            .map(|list| format!("{} {}", list.source, list.version))
            .collect();
        embargo_core::errln!(
            "embargo serve: serving {} entities from {} (generation {generation}, built in {:.2} s)",
            snapshot.screener.entities().len(),
            served.join(", "),
            snapshot.load_seconds
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_snapshot_keeps_one_scanner_per_threshold() -> Result<(), ServerError> {
        let store = Store::open_in_memory()?;
        let snapshot = build_snapshot(&store, 1, true)?;
        let first = snapshot.scanner(0.7);
        assert!(Arc::ptr_eq(&first, &snapshot.scanner(0.7)));
        let other = snapshot.scanner(0.8);
        assert!(!Arc::ptr_eq(&first, &other));
        assert_eq!(other.threshold(), 0.8);
        for threshold in [0.81, 0.82, 0.83] {
            snapshot.scanner(threshold);
        }
        // Past the kept thresholds a scanner is built for the call alone.
        let extra = snapshot.scanner(0.84);
        assert!(!Arc::ptr_eq(&extra, &snapshot.scanner(0.84)));
        assert!(Arc::ptr_eq(&first, &snapshot.scanner(0.7)));
        Ok(())
    }
}
