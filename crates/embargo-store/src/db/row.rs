//! Result rows of both backends, read by column position into the few
//! Rust types the store uses.

use postgres::types::Type;

use crate::StoreError;

/// One result row, borrowed from the backend's cursor.
pub(crate) enum Row<'a> {
    /// A row of an SQLite statement.
    Sqlite(&'a rusqlite::Row<'a>),
    /// A row of a PostgreSQL query.
    Postgres(&'a postgres::Row),
}

impl Row<'_> {
    /// The value of column `index` as `T`.
    pub(crate) fn get<I: ColumnIndex, T: Column>(&self, index: I) -> Result<T, StoreError> {
        let index = index.position();
        match self {
            Row::Sqlite(row) => T::from_sqlite(row, index),
            Row::Postgres(row) => T::from_postgres(row, index),
        }
    }

    /// A text column, borrowed rather than copied.
    pub(crate) fn get_str(&self, index: usize) -> Result<&str, StoreError> {
        match self {
            Row::Sqlite(row) => Ok(row
                .get_ref(index)?
                .as_str()
                .map_err(rusqlite::Error::from)?),
            Row::Postgres(row) => Ok(row.try_get::<_, &str>(index)?),
        }
    }
}

/// How a column is named: by its position (as `rusqlite` lets the type
/// of `row.get::<_, T>(0)` be written).
pub(crate) trait ColumnIndex {
    /// The position, 0 first.
    fn position(self) -> usize;
}

impl ColumnIndex for usize {
    fn position(self) -> usize {
        self
    }
}

/// A Rust type a column can be read as.
pub(crate) trait Column: Sized {
    /// Reads column `index` of an SQLite row.
    fn from_sqlite(row: &rusqlite::Row<'_>, index: usize) -> Result<Self, StoreError>;
    /// Reads column `index` of a PostgreSQL row.
    fn from_postgres(row: &postgres::Row, index: usize) -> Result<Self, StoreError>;
}

/// Column `index` of a PostgreSQL row as an optional integer, whatever
/// the width of its integer type (`COUNT` is `BIGINT`, `length` and a
/// `CASE … THEN 1` are `INTEGER`).
fn postgres_int(row: &postgres::Row, index: usize) -> Result<Option<i64>, StoreError> {
    let ty = row
        .columns()
        .get(index)
        .map(|column| column.type_().clone())
        .ok_or_else(|| StoreError::Damaged(format!("no column {index}")))?;
    Ok(match ty {
        Type::INT8 => row.try_get::<_, Option<i64>>(index)?,
        Type::INT4 => row.try_get::<_, Option<i32>>(index)?.map(i64::from),
        Type::INT2 => row.try_get::<_, Option<i16>>(index)?.map(i64::from),
        Type::BOOL => row.try_get::<_, Option<bool>>(index)?.map(i64::from),
        other => {
            return Err(StoreError::Damaged(format!(
                "column {index} is {other}, not an integer"
            )));
        }
    })
}

impl Column for i64 {
    fn from_sqlite(row: &rusqlite::Row<'_>, index: usize) -> Result<Self, StoreError> {
        Ok(row.get(index)?)
    }
    fn from_postgres(row: &postgres::Row, index: usize) -> Result<Self, StoreError> {
        postgres_int(row, index)?
            .ok_or_else(|| StoreError::Damaged(format!("column {index} is null")))
    }
}

impl Column for Option<i64> {
    fn from_sqlite(row: &rusqlite::Row<'_>, index: usize) -> Result<Self, StoreError> {
        Ok(row.get(index)?)
    }
    fn from_postgres(row: &postgres::Row, index: usize) -> Result<Self, StoreError> {
        postgres_int(row, index)
    }
}

impl Column for u32 {
    fn from_sqlite(row: &rusqlite::Row<'_>, index: usize) -> Result<Self, StoreError> {
        Ok(row.get(index)?)
    }
    fn from_postgres(row: &postgres::Row, index: usize) -> Result<Self, StoreError> {
        let value = i64::from_postgres(row, index)?;
        u32::try_from(value).map_err(|_| StoreError::Damaged(format!("{value} out of range")))
    }
}

impl Column for bool {
    fn from_sqlite(row: &rusqlite::Row<'_>, index: usize) -> Result<Self, StoreError> {
        Ok(row.get(index)?)
    }
    fn from_postgres(row: &postgres::Row, index: usize) -> Result<Self, StoreError> {
        Ok(i64::from_postgres(row, index)? != 0)
    }
}

impl Column for String {
    fn from_sqlite(row: &rusqlite::Row<'_>, index: usize) -> Result<Self, StoreError> {
        Ok(row.get(index)?)
    }
    fn from_postgres(row: &postgres::Row, index: usize) -> Result<Self, StoreError> {
        Ok(row.try_get(index)?)
    }
}

impl Column for Option<String> {
    fn from_sqlite(row: &rusqlite::Row<'_>, index: usize) -> Result<Self, StoreError> {
        Ok(row.get(index)?)
    }
    fn from_postgres(row: &postgres::Row, index: usize) -> Result<Self, StoreError> {
        Ok(row.try_get(index)?)
    }
}

/// A column value of either backend, for copying rows whatever their
/// table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Value {
    /// SQL `NULL`.
    Null,
    /// An integer.
    Int(i64),
    /// A text.
    Text(String),
}

impl Row<'_> {
    /// Column `index` as a [`Value`].
    pub(crate) fn value(&self, index: usize) -> Result<Value, StoreError> {
        match self {
            Row::Sqlite(row) => Ok(match row.get_ref(index)? {
                rusqlite::types::ValueRef::Null => Value::Null,
                rusqlite::types::ValueRef::Integer(number) => Value::Int(number),
                rusqlite::types::ValueRef::Text(text) => {
                    Value::Text(String::from_utf8_lossy(text).into_owned())
                }
                other => {
                    return Err(StoreError::Damaged(format!(
                        "column {index} holds a {:?}, not an integer or text",
                        other.data_type()
                    )));
                }
            }),
            Row::Postgres(row) => {
                let is_text = row
                    .columns()
                    .get(index)
                    .is_some_and(|column| matches!(*column.type_(), Type::TEXT | Type::VARCHAR));
                if is_text {
                    Ok(row
                        .try_get::<_, Option<String>>(index)?
                        .map_or(Value::Null, Value::Text))
                } else {
                    Ok(postgres_int(row, index)?.map_or(Value::Null, Value::Int))
                }
            }
        }
    }
}
