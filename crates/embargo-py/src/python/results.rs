//! The objects screenings return: [`Match`] (one result, the fields of
//! `embargo screen --json`), [`RowResult`] (one row of `screen_many`,
//! with its batch output records) and [`Mention`] (one mention found by
//! `scan`). Each keeps the screener alive and renders its fields from the
//! library's own views ([`Screener::view`], [`OutputRow`]), so they read
//! exactly as the CLI prints them.

use std::sync::Arc;

use embargo_core::batch::{OUTPUT_COLUMNS, OutputRow};
use embargo_core::matching::{ResultView, ScreenMatch, Screener};
use embargo_core::records::{Record, RowError};
use embargo_core::scan::TextSpan;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

use super::convert::embargo_error;

/// One screening result: the entity, its score and why it matched.
#[pyclass(module = "embargo._native", frozen)]
pub struct Match {
    screener: Arc<Screener>,
    result: ScreenMatch,
}

impl Match {
    /// The result `result` of `screener`.
    pub fn new(screener: Arc<Screener>, result: ScreenMatch) -> Match {
        Match { screener, result }
    }

    fn view(&self) -> ResultView<'_> {
        self.screener.view(&self.result)
    }
}

/// A library value as Python data, through its JSON form.
fn to_python<'py>(py: Python<'py>, value: &impl serde::Serialize) -> PyResult<Bound<'py, PyAny>> {
    let text = serde_json::to_string(value).map_err(embargo_error)?;
    py.import("json")?.call_method1("loads", (text,))
}

#[pymethods]
impl Match {
    /// Entity id (`ofac-sdn:43377`).
    #[getter]
    fn id(&self) -> &str {
        self.view().id
    }

    /// The entity's primary name.
    #[getter]
    fn name(&self) -> &str {
        self.view().name
    }

    /// The listed name that matched (empty for an identifier-only hit).
    #[getter]
    fn matched_name(&self) -> &str {
        &self.result.explanation.matched_name
    }

    /// The entity's type: `person`, `organization`, `vessel`, `aircraft`.
    #[getter]
    fn schema(&self) -> &'static str {
        self.view().schema.as_str()
    }

    /// Score in [0, 1], the value `embargo screen --json` prints (rounded
    /// to 3 decimals, the model's one rule).
    #[getter]
    fn score(&self) -> f64 {
        embargo_core::model::round_score(self.result.score)
    }

    /// The entity's sanctions programs.
    #[getter]
    fn programs(&self) -> Vec<String> {
        self.view().programs.to_vec()
    }

    /// Why it matched, in one line (the batch output's `explanation`).
    #[getter]
    fn explanation(&self) -> String {
        self.result.explanation.summary()
    }

    /// The result as `embargo screen --json` prints it (`explanation` with
    /// the alignment and every feature).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.view())
    }

    fn __repr__(&self) -> String {
        let view = self.view();
        format!(
            "Match(id={:?}, name={:?}, score={:.4})",
            view.id, view.name, view.score
        )
    }
}

/// One row of `screen_many`: what was screened and its results, or why
/// the row could not be screened.
#[pyclass(module = "embargo._native", frozen)]
pub struct RowResult {
    screener: Arc<Screener>,
    outcome: Result<(Record, Vec<ScreenMatch>), RowError>,
}

impl RowResult {
    /// A screened row.
    pub fn screened(
        screener: Arc<Screener>,
        record: Record,
        matches: Vec<ScreenMatch>,
    ) -> RowResult {
        RowResult {
            screener,
            outcome: Ok((record, matches)),
        }
    }

    /// A malformed row.
    pub fn rejected(screener: Arc<Screener>, row: RowError) -> RowResult {
        RowResult {
            screener,
            outcome: Err(row),
        }
    }
}

/// One batch output record as a dict with the [`OUTPUT_COLUMNS`] keys.
fn output_dict<'py>(py: Python<'py>, row: &OutputRow<'_>) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    let values: [Bound<'py, PyAny>; 11] = [
        row.reference.into_pyobject(py)?.into_any(),
        row.row.into_pyobject(py)?.into_any(),
        row.line.into_pyobject(py)?.into_any(),
        row.query.into_pyobject(py)?.into_any(),
        row.score.into_pyobject(py)?.into_any(),
        row.id.into_pyobject(py)?.into_any(),
        row.name.into_pyobject(py)?.into_any(),
        row.matched_name.into_pyobject(py)?.into_any(),
        row.schema.map(|s| s.as_str()).into_pyobject(py)?.into_any(),
        PyList::new(py, row.programs)?.into_any(),
        row.explanation.as_deref().into_pyobject(py)?.into_any(),
    ];
    for (key, value) in OUTPUT_COLUMNS.iter().zip(values) {
        dict.set_item(key, value)?;
    }
    Ok(dict)
}

#[pymethods]
impl RowResult {
    /// Data row number, from 1 (from `first_row` when given).
    #[getter]
    fn row(&self) -> u64 {
        match &self.outcome {
            Ok((record, _)) => record.row,
            Err(row) => row.row,
        }
    }

    /// Line of the row in the stream of rows fed (the JSON-lines line).
    #[getter]
    fn line(&self) -> u64 {
        match &self.outcome {
            Ok((record, _)) => record.line,
            Err(row) => row.line,
        }
    }

    /// The row's reference, or its row number when it has none (`None`
    /// for a malformed row).
    #[getter]
    fn r#ref(&self) -> Option<&str> {
        self.outcome
            .as_ref()
            .ok()
            .map(|(r, _)| r.reference.as_str())
    }

    /// The name screened (`None` for a malformed row).
    #[getter]
    fn query(&self) -> Option<&str> {
        self.outcome
            .as_ref()
            .ok()
            .map(|(r, _)| r.query.name.as_str())
    }

    /// Fields present but unreadable, screened without.
    #[getter]
    fn warnings(&self) -> Vec<String> {
        self.outcome
            .as_ref()
            .map_or_else(|_| Vec::new(), |(r, _)| r.warnings.clone())
    }

    /// Why the row was not screened, or `None`.
    #[getter]
    fn error(&self) -> Option<String> {
        self.outcome.as_ref().err().map(|row| row.message.clone())
    }

    /// The results, best first (empty for a malformed row).
    #[getter]
    fn matches(&self) -> Vec<Match> {
        match &self.outcome {
            Ok((_, matches)) => matches
                .iter()
                .map(|m| Match::new(Arc::clone(&self.screener), m.clone()))
                .collect(),
            Err(_) => Vec::new(),
        }
    }

    /// The row's records as `embargo screen --input` writes them (dicts
    /// keyed by `OUTPUT_COLUMNS`): one per result; with `all=True` one
    /// with empty result fields for a row without results. A malformed
    /// row has none.
    #[pyo3(signature = (all = false))]
    fn records<'py>(&self, py: Python<'py>, all: bool) -> PyResult<Vec<Bound<'py, PyDict>>> {
        let Ok((record, matches)) = &self.outcome else {
            return Ok(Vec::new());
        };
        if matches.is_empty() {
            return if all {
                Ok(vec![output_dict(py, &OutputRow::no_result(record))?])
            } else {
                Ok(Vec::new())
            };
        }
        matches
            .iter()
            .map(|m| output_dict(py, &OutputRow::result(record, &self.screener.view(m))))
            .collect()
    }

    fn __repr__(&self) -> String {
        match &self.outcome {
            Ok((record, matches)) => format!(
                "RowResult(row={}, ref={:?}, query={:?}, matches={})",
                record.row,
                record.reference,
                record.query.name,
                matches.len()
            ),
            Err(row) => format!("RowResult(row={}, error={:?})", row.row, row.message),
        }
    }
}

/// A mention of a listed entity found in a text by `scan`.
#[pyclass(module = "embargo._native", frozen)]
pub struct Mention {
    text: String,
    span: TextSpan,
    result: Py<Match>,
}

impl Mention {
    /// The mention of `result` at `span`, whose text is `text`.
    pub fn new(text: String, span: TextSpan, result: Py<Match>) -> Mention {
        Mention { text, span, result }
    }
}

#[pymethods]
impl Mention {
    /// The text that matched.
    #[getter]
    fn text(&self) -> &str {
        &self.text
    }

    /// Line of the mention, from 1.
    #[getter]
    fn line(&self) -> usize {
        self.span.line
    }

    /// Column of its first character, from 1, in characters.
    #[getter]
    fn column(&self) -> usize {
        self.span.column
    }

    /// Byte offset of its first byte in the UTF-8 text.
    #[getter]
    fn start(&self) -> usize {
        self.span.start
    }

    /// Byte offset just past its last byte.
    #[getter]
    fn end(&self) -> usize {
        self.span.end
    }

    /// The entity, score and explanation.
    #[getter]
    fn result(&self, py: Python<'_>) -> Py<Match> {
        self.result.clone_ref(py)
    }

    fn __repr__(&self) -> String {
        let result = self.result.get();
        format!(
            "Mention(text={:?}, line={}, id={:?}, score={:.4})",
            self.text,
            self.span.line,
            result.view().id,
            result.result.score
        )
    }
}
