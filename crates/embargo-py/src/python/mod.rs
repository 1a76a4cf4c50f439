//! The PyO3 module `embargo._native`: [`Screener`] and the objects it
//! returns. Every screening runs with the GIL released (`Python::detach`),
//! so other Python threads go on while Rust matches.
//!
//! The queries are built with the library calls `embargo screen` makes
//! (`Query::name`, `with_type`, `with_birth_date`, `with_country`,
//! `with_gender`, `check_limits`), the options are checked by
//! `ScreenOptions::new` as the CLI's flags are, and rows go through
//! `embargo_core::batch` as a batch file does ([`crate::stream`]): the
//! scores are the CLI's.

mod convert;
mod many;
mod results;
mod screener;

use pyo3::prelude::*;

/// The native part of the `embargo` package.
#[pymodule]
fn _native(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add(
        "EmbargoError",
        module.py().get_type::<convert::EmbargoError>(),
    )?;
    module.add_class::<screener::Screener>()?;
    module.add_class::<results::Match>()?;
    module.add_class::<results::RowResult>()?;
    module.add_class::<results::Mention>()?;
    module.add_class::<many::ScreenMany>()?;
    module.add(
        "OUTPUT_COLUMNS",
        embargo_core::batch::OUTPUT_COLUMNS.to_vec(),
    )?;
    module.add(
        "DEFAULT_THRESHOLD",
        embargo_core::matching::DEFAULT_THRESHOLD,
    )?;
    module.add("DEFAULT_LIMIT", embargo_core::matching::DEFAULT_LIMIT)?;
    Ok(())
}
