//! `screen_many`'s iterator: pulls rows from the Python iterable while the
//! stream has room, hands them to the batch pipeline
//! ([`crate::stream::RowStream`]) and yields a `RowResult` per row, in
//! input order. Waiting for results releases the GIL; the matching runs
//! on the pipeline's threads meanwhile.

use std::sync::Arc;

use embargo_core::matching::Screener;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyIterator;
use serde_json::{Map, Value};

use super::convert::{embargo_error, row_object};
use super::results::RowResult;
use crate::stream::{RowEvent, RowStream};

/// Rows pulled from the Python iterable between looks at the results.
const PULL_ROWS: usize = 64;

/// The iterator `Screener.screen_many` returns.
#[pyclass(module = "embargo._native")]
pub struct ScreenMany {
    screener: Arc<Screener>,
    rows: Option<Py<PyIterator>>,
    stream: RowStream,
    pulled: u64,
    /// The key of each row that holds its row number, if rows carry one.
    row_key: Option<String>,
}

impl ScreenMany {
    /// Yields the results of `rows` screened through `stream`; each row's
    /// number is the value of its `row_key` when given.
    pub fn new(
        screener: Arc<Screener>,
        rows: Py<PyIterator>,
        stream: RowStream,
        row_key: Option<String>,
    ) -> ScreenMany {
        ScreenMany {
            screener,
            rows: Some(rows),
            stream,
            pulled: 0,
            row_key,
        }
    }

    fn result(&self, event: RowEvent) -> RowResult {
        let screener = Arc::clone(&self.screener);
        match event {
            RowEvent::Screened(record, matches) => RowResult::screened(screener, record, matches),
            RowEvent::Rejected(row) => RowResult::rejected(screener, row),
        }
    }

    /// Feeds up to [`PULL_ROWS`] rows; the count fed.
    fn pull(&mut self, py: Python<'_>) -> PyResult<usize> {
        let mut fed = 0;
        while fed < PULL_ROWS && self.stream.wants_input() {
            let Some(rows) = &self.rows else { break };
            let next = rows.bind(py).clone().next();
            match next {
                None => {
                    self.rows = None;
                    self.stream.end_input();
                }
                Some(Err(error)) => {
                    self.rows = None;
                    self.stream.end_input();
                    return Err(error);
                }
                Some(Ok(item)) => {
                    let position = self.pulled + 1;
                    let numbered = row_object(&item, position).and_then(|mut object| {
                        let number = match &self.row_key {
                            Some(key) => Some(take_row_number(&mut object, key, position)?),
                            None => None,
                        };
                        Ok((object, number))
                    });
                    let (object, number) = numbered.inspect_err(|_| {
                        self.rows = None;
                        self.stream.end_input();
                    })?;
                    self.stream.feed(&object, number).map_err(embargo_error)?;
                    self.pulled = position;
                    fed += 1;
                }
            }
        }
        Ok(fed)
    }
}

/// Removes `key` from the row at `position` and reads it as the row's
/// number: an integer from 1.
fn take_row_number(object: &mut Map<String, Value>, key: &str, position: u64) -> PyResult<u64> {
    match object.remove(key) {
        Some(value) => value.as_u64().filter(|&row| row >= 1).ok_or_else(|| {
            PyValueError::new_err(format!(
                "row {position}: {key}: {value} is not a row number (an integer from 1)"
            ))
        }),
        None => Err(PyValueError::new_err(format!(
            "row {position}: no {key} (the row_key that holds each row's number)"
        ))),
    }
}

#[pymethods]
impl ScreenMany {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(mut slf: PyRefMut<'_, Self>, py: Python<'_>) -> PyResult<Option<RowResult>> {
        loop {
            if let Some(event) = slf.stream.try_next() {
                return Ok(Some(slf.result(event)));
            }
            if slf.pull(py)? > 0 {
                continue;
            }
            let stream = &mut slf.stream;
            let next = py.detach(|| stream.next_blocking());
            return match next {
                Ok(Some(event)) => Ok(Some(slf.result(event))),
                Ok(None) => Ok(None),
                Err(error) => Err(embargo_error(error)),
            };
        }
    }
}
