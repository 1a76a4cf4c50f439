//! What commands share: finding the store the user chose, opening it (or,
//! when no store is configured at all, the bundled demo list), loading the
//! active lists into a screener, and naming who acts.
//!
//! The rules: a store named by `--db` or `EMBARGO_DB` must
//! exist; only `init`, `import` and `update` create one, and never its
//! folder. The demo list is used only when neither names a store and there
//! is none at the platform's default location, and every output says so.

use std::path::Path;

use anyhow::{Result, anyhow};
use embargo_store::{
    DEMO_DESCRIPTION, LoadedLists, Store, StoreError, StoreLocation, StoreOrigin, demo_lists,
    load_screener,
};

use crate::cli::GlobalArgs;

/// The store `--db`, `$EMBARGO_DB` or the platform default names.
pub fn location(global: &GlobalArgs) -> Result<StoreLocation> {
    Ok(StoreLocation::resolve(
        global.db.as_deref().map(Path::as_os_str),
    )?)
}

/// Opens the store the user named; it must exist (nothing is created).
pub fn open_store(global: &GlobalArgs) -> Result<Store> {
    open_store_at(&location(global)?)
}

/// Opens the store at `location`; it must exist (nothing is created).
pub fn open_store_at(location: &StoreLocation) -> Result<Store> {
    location
        .open()
        .map_err(|error| opening_error(location, error))
}

/// Opens the store the user named, creating it when missing (for `init`,
/// `import` and `update`); its folder must exist, unless it is the
/// platform default's.
pub fn open_or_create_store(global: &GlobalArgs) -> Result<Store> {
    let location = location(global)?;
    location
        .open_or_create()
        .map_err(|error| opening_error(&location, error))
}

/// A failure to open the store at `location`, said for its origin: a path
/// the user gave may be a typo; the default location may simply hold no
/// store yet.
fn opening_error(location: &StoreLocation, error: StoreError) -> anyhow::Error {
    let path = location.name();
    match (&error, location.origin) {
        (StoreError::NoStore { .. }, StoreOrigin::PlatformDefault) => anyhow!(
            "no store yet at {path} (the default location): import lists with \
             `embargo import PATH` or `embargo update`, or name a store with --db or EMBARGO_DB"
        ),
        (StoreError::NoStore { .. }, origin) => anyhow!(
            "no embargo store at {path} (named by {origin}); nothing was created. Check the \
             path, or create the store with `embargo --db {path} init` (empty) or \
             `embargo --db {path} import FILES`"
        ),
        (StoreError::NoFolder { .. }, origin) => {
            anyhow::Error::new(error).context(format!("the store named by {origin}"))
        }
        _ => anyhow::Error::new(error).context(format!("opening store {location}")),
    }
}

/// The lists to screen against, and the store they come from (`None` for
/// the bundled demo list).
pub struct ScreeningLists {
    /// The screener and whether it is the demo list.
    pub loaded: LoadedLists,
    /// The store, for the audit log; `None` with the demo list.
    pub store: Option<Store>,
}

/// The active lists of the store the user named, or, when no store is
/// configured at all, the bundled demo list with a notice on standard
/// error. A store without lists is an error, never the demo list.
pub fn screening_lists(global: &GlobalArgs) -> Result<ScreeningLists> {
    let location = location(global)?;
    if location.is_unconfigured() {
        embargo_core::errln!("{}", demo_notice(&location));
        return Ok(ScreeningLists {
            loaded: demo_lists()?,
            store: None,
        });
    }
    let store = location
        .open()
        .map_err(|error| opening_error(&location, error))?;
    let loaded = load_screener(&store)?;
    Ok(ScreeningLists {
        loaded,
        store: Some(store),
    })
}

/// The active lists of a store, for work that never runs against the demo
/// list (`what`: "batch screening"); without any store, an error saying
/// so.
pub fn store_lists(global: &GlobalArgs, what: &str) -> Result<(Store, LoadedLists)> {
    let location = location(global)?;
    if location.is_unconfigured() {
        anyhow::bail!(
            "no store (no --db, no EMBARGO_DB, nothing at {}): {what} needs imported lists and \
             never runs against the bundled demo list; import lists with `embargo import PATH` \
             or `embargo update`, or name a store with --db",
            location.path.display()
        );
    }
    let store = location
        .open()
        .map_err(|error| opening_error(&location, error))?;
    let loaded = load_screener(&store)?;
    Ok((store, loaded))
}

/// The note printed on standard error when the demo list is used.
pub fn demo_notice(location: &StoreLocation) -> String {
    format!(
        "note: no store (no --db, no EMBARGO_DB, nothing at {}): screening against {DEMO_DESCRIPTION}; \
         nothing is recorded in an audit log. Load official lists with `embargo import PATH` \
         (OFAC CSV set, UN XML, FollowTheMoney JSON lines) or `embargo update`.",
        location.path.display()
    )
}

/// One line naming the lists screened against, for table outputs: the
/// demo list is named as such.
pub fn lists_line(loaded: &LoadedLists) -> String {
    if loaded.bundled_demo {
        return format!("lists: demo bundled: {DEMO_DESCRIPTION}");
    }
    let lists: Vec<String> = loaded
        .screener
        .lists()
        .iter()
        .map(|list| format!("{} {}", list.source, list.version))
        .collect();
    format!("lists: {}", lists.join(", "))
}

/// Who the audit log names for this command: `explicit` when given, else
/// the operating-system user ([`os_user`]).
pub fn actor(explicit: Option<&str>) -> String {
    match explicit {
        Some(name) => name.to_string(),
        None => os_user(),
    }
}

/// [`actor`] for a command taking `--by`: when it was not given, says on
/// standard error whom the log names (`what`: "decision").
pub fn actor_said(explicit: Option<&str>, what: &str) -> String {
    if let Some(name) = explicit {
        return name.to_string();
    }
    let user = os_user();
    embargo_core::errln!(
        "embargo: note: {what} recorded as made by {user:?}, the operating-system user; pass --by NAME to name someone else"
    );
    user
}

/// The account running this process, by its user id (not `$USER`, which
/// anyone can set or leave unset): its name, or `uid N` when the account
/// has no name.
#[cfg(unix)]
pub fn os_user() -> String {
    let uid = nix::unistd::getuid();
    match nix::unistd::User::from_uid(uid) {
        Ok(Some(user)) if !user.name.trim().is_empty() => user.name,
        _ => format!("uid {uid}"),
    }
}

/// The account running this process: `%USERNAME%`, else `unknown`.
#[cfg(not(unix))]
pub fn os_user() -> String {
    std::env::var("USERNAME")
        .ok()
        .filter(|name| !name.trim().is_empty())
        .unwrap_or_else(|| "unknown".to_string())
}
