//! `embargo init`: create an empty store where `--db`, `EMBARGO_DB` or the
//! default location says, so that later commands find it. An existing
//! store is left as it is (brought up to date with this build's schema).

use anyhow::Result;
use serde::Serialize;

use crate::Outcome;
use crate::cli::{GlobalArgs, InitArgs};
use crate::context::{location, open_or_create_store};
use crate::outln;
use crate::output::{Format, print_report};

/// What `init` found or made.
#[derive(Serialize)]
struct InitReport {
    store: String,
    created: bool,
    schema_version: u32,
    lists: usize,
}

/// Runs `embargo init`.
pub fn run(global: &GlobalArgs, _args: InitArgs) -> Result<Outcome> {
    let format = global.report_format("init")?;
    let location = location(global)?;
    let existed = if location.is_postgres() {
        location.open().is_ok()
    } else {
        location.path.exists()
    };
    let store = open_or_create_store(global)?;
    let report = InitReport {
        store: store.name(),
        created: !existed,
        schema_version: store.schema_version()?,
        lists: store.active_versions()?.len(),
    };
    if format != Format::Table {
        print_report(&report, format)?;
    } else if report.created {
        outln!(
            "{}: created an empty embargo store; import lists into it with `embargo --db {} import PATH` or `embargo --db {} update`",
            report.store,
            report.store,
            report.store
        )?;
    } else {
        outln!(
            "{}: already an embargo store ({} list(s), schema version {}); nothing was changed",
            report.store,
            report.lists,
            report.schema_version
        )?;
    }
    Ok(Outcome::Success)
}
