//! `embargo.Screener`: lists loaded once, screened many times from any
//! number of Python threads (the screener is shared read-only and every
//! screening runs with the GIL released).

use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};

use embargo_core::matching::Screener as CoreScreener;
use embargo_core::scan::Scanner;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use super::convert::{
    batch_options, build_query, column_map, embargo_error, screen_options, texts,
};
use super::many::ScreenMany;
use super::results::{Match, Mention};
use crate::lists;
use crate::stream::{RowStream, StreamOptions};

/// Scanners kept per threshold (each chooses every listed name's anchor
/// words once); a few thresholds are used in practice.
const SCANNERS_KEPT: usize = 4;

/// A scanner over the shared screener.
type SharedScanner = Arc<Scanner<Arc<CoreScreener>>>;

/// A set of lists indexed for screening.
#[pyclass(module = "embargo._native", frozen)]
pub struct Screener {
    inner: Arc<CoreScreener>,
    scanners: Mutex<Vec<(u32, SharedScanner)>>,
}

impl Screener {
    fn wrap(inner: CoreScreener) -> Screener {
        Screener {
            inner: Arc::new(inner),
            scanners: Mutex::new(Vec::new()),
        }
    }

    fn scanner(&self, threshold: f32) -> SharedScanner {
        let mut kept = self.scanners.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((_, scanner)) = kept.iter().find(|(bits, _)| *bits == threshold.to_bits()) {
            return Arc::clone(scanner);
        }
        let scanner = Arc::new(Scanner::new(Arc::clone(&self.inner), threshold));
        if kept.len() >= SCANNERS_KEPT {
            kept.remove(0);
        }
        kept.push((threshold.to_bits(), Arc::clone(&scanner)));
        scanner
    }
}

#[pymethods]
impl Screener {
    /// The active lists of the embargo store (SQLite file) at
    /// `store_path`, as `embargo screen` uses them.
    #[staticmethod]
    fn open(py: Python<'_>, store_path: PathBuf) -> PyResult<Screener> {
        let inner = py
            .detach(|| lists::open_store(&store_path))
            .map_err(embargo_error)?;
        Ok(Screener::wrap(inner))
    }

    /// The lists in `paths` (OFAC CSV sets, UN XML, FollowTheMoney JSON
    /// lines, embargo's custom CSV), read directly without a store.
    #[staticmethod]
    fn from_files(py: Python<'_>, paths: Vec<PathBuf>) -> PyResult<Screener> {
        let inner = py
            .detach(|| lists::from_files(&paths))
            .map_err(embargo_error)?;
        Ok(Screener::wrap(inner))
    }

    /// The bundled 8-entity demo list (not the official lists).
    #[staticmethod]
    fn demo(py: Python<'_>) -> PyResult<Screener> {
        let loaded = py
            .detach(embargo_store::demo_lists)
            .map_err(embargo_error)?;
        Ok(Screener::wrap(loaded.screener))
    }

    /// The list versions screened: dicts with `source` and `version`.
    #[getter]
    fn lists<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyDict>>> {
        self.inner
            .lists()
            .iter()
            .map(|list| {
                let dict = PyDict::new(py);
                dict.set_item("source", &list.source)?;
                dict.set_item("version", &list.version)?;
                Ok(dict)
            })
            .collect()
    }

    /// Number of listed entities.
    fn __len__(&self) -> usize {
        self.inner.entities().len()
    }

    /// Screens one name (and what else is known), best result first.
    #[pyo3(signature = (
        name, *, r#type = None, dob = None, country = None, ids = None,
        threshold = None, limit = None, gender = None, addresses = None
    ))]
    #[allow(clippy::too_many_arguments)]
    fn screen(
        &self,
        py: Python<'_>,
        name: &str,
        r#type: Option<&str>,
        dob: Option<&str>,
        country: Option<&Bound<'_, PyAny>>,
        ids: Option<&Bound<'_, PyAny>>,
        threshold: Option<f32>,
        limit: Option<usize>,
        gender: Option<&str>,
        addresses: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Vec<Match>> {
        let options = screen_options(threshold, limit)?;
        let query = build_query(
            name,
            r#type,
            dob,
            texts("country", country)?,
            gender,
            texts("ids", ids)?,
            texts("addresses", addresses)?,
        )?;
        let inner = &self.inner;
        let results = py.detach(|| inner.screen(&query, &options));
        Ok(results
            .into_iter()
            .map(|result| Match::new(Arc::clone(&self.inner), result))
            .collect())
    }

    /// Screens an iterable of dicts (one per record, keys mapped to fields
    /// as `embargo screen --input` maps JSON-lines keys), in parallel on
    /// `jobs` threads, yielding one RowResult per row in input order as
    /// results come. Rows are numbered from `first_row`, or each by the
    /// integer under its key `row_key` (a key not screened), for rows of
    /// a larger input fed apart and out of order.
    #[pyo3(signature = (
        rows, *, jobs = None, threshold = None, limit = None, r#type = None,
        columns = None, first_row = 1, row_key = None
    ))]
    #[allow(clippy::too_many_arguments)]
    fn screen_many(
        &self,
        rows: &Bound<'_, PyAny>,
        jobs: Option<usize>,
        threshold: Option<f32>,
        limit: Option<usize>,
        r#type: Option<&str>,
        columns: Option<&Bound<'_, PyAny>>,
        first_row: u64,
        row_key: Option<String>,
    ) -> PyResult<ScreenMany> {
        if first_row == 0 {
            return Err(super::convert::bad_argument(
                "first_row",
                "must be at least 1",
            ));
        }
        let options = StreamOptions {
            batch: batch_options(screen_options(threshold, limit)?, jobs, r#type)?,
            columns: column_map(columns)?,
            first_row,
        };
        let iterator = rows.try_iter()?;
        let stream = RowStream::start(Arc::clone(&self.inner), options);
        Ok(ScreenMany::new(
            Arc::clone(&self.inner),
            iterator.unbind(),
            stream,
            row_key,
        ))
    }

    /// Screens a pandas DataFrame; returns a DataFrame with the columns of
    /// `embargo screen --input` output. Needs pandas (`embargo[pandas]`).
    #[pyo3(signature = (frame, *, columns = None, all = false, jobs = None, threshold = None, limit = None, r#type = None))]
    #[allow(clippy::too_many_arguments)]
    fn screen_frame<'py>(
        slf: &Bound<'py, Self>,
        frame: &Bound<'py, PyAny>,
        columns: Option<&Bound<'py, PyAny>>,
        all: bool,
        jobs: Option<usize>,
        threshold: Option<f32>,
        limit: Option<usize>,
        r#type: Option<&str>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        let kwargs = PyDict::new(py);
        kwargs.set_item("columns", columns)?;
        kwargs.set_item("all", all)?;
        kwargs.set_item("jobs", jobs)?;
        kwargs.set_item("threshold", threshold)?;
        kwargs.set_item("limit", limit)?;
        kwargs.set_item("type", r#type)?;
        py.import("embargo._frame")?
            .getattr("screen_frame")?
            .call((slf, frame), Some(&kwargs))
    }

    /// Mentions of listed entities, wallets and identifiers in `text`.
    #[pyo3(signature = (text, *, threshold = None))]
    fn scan(&self, py: Python<'_>, text: &str, threshold: Option<f32>) -> PyResult<Vec<Mention>> {
        let threshold = screen_options(threshold, None)?.threshold;
        let scanner = py.detach(|| self.scanner(threshold));
        let mentions = py.detach(|| scanner.scan(text));
        mentions
            .into_iter()
            .map(|mention| {
                let shown = scanner.view(text, &mention).text.to_string();
                let span = mention.span;
                let result = Py::new(py, Match::new(Arc::clone(&self.inner), mention.result))?;
                Ok(Mention::new(shown, span, result))
            })
            .collect()
    }

    fn __repr__(&self) -> String {
        let lists: Vec<String> = self
            .inner
            .lists()
            .iter()
            .map(|l| format!("{} {}", l.source, l.version))
            .collect();
        format!(
            "Screener({} entities; {})",
            self.inner.entities().len(),
            lists.join(", ")
        )
    }
}
