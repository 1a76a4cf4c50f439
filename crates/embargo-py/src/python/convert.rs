//! From Python arguments to the library's inputs: a row (a `dict`) to the
//! JSON object a JSON-lines batch file would hold, the screening options,
//! the column mapping and a single query; and library errors to Python
//! exceptions.
//!
//! A row's values become JSON as `json.dumps` would write them (text,
//! integers, finite floats, lists), except what JSON cannot hold: `None`,
//! NaN and missing values are left out (a missing field), a date or
//! timestamp becomes its ISO date, `bool` is left out, and anything else
//! becomes its `str()`. Nesting is bounded.

use embargo_core::batch::BatchOptions;
use embargo_core::matching::{Query, ScreenOptions, parse_query_type};
use embargo_core::records::ColumnMap;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::{Map, Value};

pyo3::create_exception!(
    embargo,
    EmbargoError,
    pyo3::exceptions::PyException,
    "A list, store or batch that could not be read or screened."
);

/// Deepest list nesting read in a row value.
const MAX_DEPTH: usize = 4;

/// A Python exception for a library error.
pub fn embargo_error(error: impl std::fmt::Display) -> PyErr {
    EmbargoError::new_err(error.to_string())
}

/// A `ValueError` naming the argument.
pub fn bad_argument(argument: &str, error: impl std::fmt::Display) -> PyErr {
    PyValueError::new_err(format!("{argument}: {error}"))
}

/// Threshold and limit, checked as the CLI checks `--threshold`/`--limit`.
pub fn screen_options(threshold: Option<f32>, limit: Option<usize>) -> PyResult<ScreenOptions> {
    if let Some(threshold) = threshold {
        embargo_core::matching::check_threshold(threshold)
            .map_err(|error| bad_argument("threshold", error))?;
    }
    if limit == Some(0) {
        return Err(bad_argument("limit", "must be at least 1"));
    }
    ScreenOptions::new(threshold, limit).map_err(|error| bad_argument("threshold/limit", error))
}

/// Batch options: `jobs` workers (all cores when `None`) and the type
/// screened for rows that give none.
pub fn batch_options(
    screen: ScreenOptions,
    jobs: Option<usize>,
    default_type: Option<&str>,
) -> PyResult<BatchOptions> {
    let jobs = match jobs {
        Some(0) => return Err(bad_argument("jobs", "must be at least 1")),
        Some(jobs) => jobs,
        None => std::thread::available_parallelism().map_or(1, usize::from),
    };
    let default_schema =
        parse_query_type(default_type.unwrap_or("any")).map_err(|e| bad_argument("type", e))?;
    Ok(BatchOptions {
        default_schema,
        ..BatchOptions::new(screen, jobs)
    })
}

/// The column mapping: `None`, a `--columns` text (`name=COL,dob=COL`) or
/// a dict of field to column name.
pub fn column_map(columns: Option<&Bound<'_, PyAny>>) -> PyResult<ColumnMap> {
    let Some(columns) = columns.filter(|c| !c.is_none()) else {
        return Ok(ColumnMap::default());
    };
    let spec = if let Ok(text) = columns.cast::<PyString>() {
        text.to_cow()?.into_owned()
    } else if let Ok(mapping) = columns.cast::<PyDict>() {
        let mut parts = Vec::new();
        for (field, column) in mapping.iter() {
            let field: String = field
                .extract()
                .map_err(|_| bad_argument("columns", "field names must be text"))?;
            let column: String = column
                .extract()
                .map_err(|_| bad_argument("columns", format!("{field}: column must be text")))?;
            if column.contains([',', '=']) || field.contains([',', '=']) {
                return Err(bad_argument(
                    "columns",
                    format!("{field}={column}: names may not hold ',' or '='"),
                ));
            }
            parts.push(format!("{field}={column}"));
        }
        parts.join(",")
    } else {
        return Err(PyTypeError::new_err(
            "columns: give a dict of field to column, or text like 'name=COL,dob=COL'",
        ));
    };
    ColumnMap::parse(&spec).map_err(embargo_error)
}

/// A row (a `dict` with text keys) as a JSON object; `position` (from 1)
/// names it in errors.
pub fn row_object(item: &Bound<'_, PyAny>, position: u64) -> PyResult<Map<String, Value>> {
    let row = item.cast::<PyDict>().map_err(|_| {
        PyTypeError::new_err(format!(
            "row {position}: a dict of column to value was expected, got {}",
            type_name(item)
        ))
    })?;
    let mut object = Map::new();
    for (key, value) in row.iter() {
        let key: String = key.extract().map_err(|_| {
            PyTypeError::new_err(format!(
                "row {position}: column names must be text, got {}",
                type_name(&key)
            ))
        })?;
        if let Some(value) = json_value(&value, 0)
            .map_err(|error| PyValueError::new_err(format!("row {position}: {key}: {error}")))?
        {
            object.insert(key, value);
        }
    }
    Ok(object)
}

fn type_name(value: &Bound<'_, PyAny>) -> String {
    value
        .get_type()
        .name()
        .map_or_else(|_| "an unknown type".to_string(), |n| n.to_string())
}

/// One value as JSON; `None` for a missing one.
fn json_value(value: &Bound<'_, PyAny>, depth: usize) -> PyResult<Option<Value>> {
    if value.is_none() || value.is_instance_of::<PyBool>() {
        return Ok(None);
    }
    if let Ok(text) = value.cast::<PyString>() {
        return Ok(Some(Value::String(text.to_cow()?.into_owned())));
    }
    if value.is_instance_of::<PyInt>() {
        if let Ok(number) = value.extract::<i64>() {
            return Ok(Some(Value::from(number)));
        }
        return Ok(Some(Value::String(value.str()?.to_cow()?.into_owned())));
    }
    if value.is_instance_of::<PyFloat>() {
        let number: f64 = value.extract()?;
        return Ok(serde_json::Number::from_f64(number).map(Value::Number));
    }
    if value.is_instance_of::<PyList>() || value.is_instance_of::<PyTuple>() {
        if depth >= MAX_DEPTH {
            return Err(PyValueError::new_err(format!(
                "lists nested more than {MAX_DEPTH} deep"
            )));
        }
        let mut items = Vec::new();
        for item in value.try_iter()? {
            if let Some(item) = json_value(&item?, depth + 1)? {
                items.push(item);
            }
        }
        return Ok(Some(Value::Array(items)));
    }
    if is_missing(value)? {
        return Ok(None);
    }
    if value.hasattr("isoformat")? && value.hasattr("year")? {
        let date = if value.hasattr("hour")? && value.hasattr("date")? {
            value.call_method0("date")?
        } else {
            value.clone()
        };
        let text = date.call_method0("isoformat")?;
        return Ok(Some(Value::String(text.str()?.to_cow()?.into_owned())));
    }
    Ok(Some(Value::String(value.str()?.to_cow()?.into_owned())))
}

/// pandas' missing values (`NA`, whose comparisons are neither true nor
/// false, and `NaT`) and NumPy NaN: a value that is not equal to itself.
fn is_missing(value: &Bound<'_, PyAny>) -> PyResult<bool> {
    let type_name = value.get_type().name()?;
    if type_name.to_cow()? == "NAType" {
        return Ok(true);
    }
    Ok(value.ne(value).unwrap_or_default())
}

/// One query, built as `embargo screen NAME --type --dob --country
/// --gender --id --address` builds it.
#[allow(clippy::too_many_arguments)]
pub fn build_query(
    name: &str,
    schema: Option<&str>,
    dob: Option<&str>,
    countries: Vec<String>,
    gender: Option<&str>,
    identifiers: Vec<String>,
    wallets: Vec<String>,
) -> PyResult<Query> {
    if name.trim().is_empty() && identifiers.is_empty() && wallets.is_empty() {
        return Err(PyValueError::new_err(
            "nothing to screen: give a name, ids or addresses",
        ));
    }
    let mut query = Query::name(name)
        .with_type(schema.unwrap_or("any"))
        .map_err(|e| bad_argument("type", e))?;
    if let Some(dob) = dob {
        query = query
            .with_birth_date(dob)
            .map_err(|e| bad_argument("dob", e))?;
    }
    for country in &countries {
        query = query
            .with_country(country)
            .map_err(|e| bad_argument("country", e))?;
    }
    if let Some(gender) = gender {
        query = query
            .with_gender(gender)
            .map_err(|e| bad_argument("gender", e))?;
    }
    query.identifiers = identifiers;
    query.wallets = wallets;
    query.check_limits().map_err(|e| bad_argument("name", e))?;
    Ok(query)
}

/// A `str` or a sequence of `str` as a list (`country="KP"` or
/// `country=["KP", "CN"]`).
pub fn texts(argument: &str, value: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<String>> {
    let Some(value) = value.filter(|v| !v.is_none()) else {
        return Ok(Vec::new());
    };
    if let Ok(text) = value.cast::<PyString>() {
        return Ok(vec![text.to_cow()?.into_owned()]);
    }
    value
        .extract::<Vec<String>>()
        .map_err(|_| PyTypeError::new_err(format!("{argument}: give a str or a list of str")))
}
