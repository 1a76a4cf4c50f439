//! Statement parameters, the same for both backends.
//!
//! The schema holds only `TEXT` and `INTEGER` (`BIGINT` on PostgreSQL)
//! columns, so a parameter is an integer, a text or a null of one of the
//! two. A null keeps its type because PostgreSQL needs one for every
//! parameter of a prepared statement.

use postgres::types::{IsNull, ToSql, Type, to_sql_checked};

/// One parameter value, borrowed from the caller.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Param<'a> {
    /// An integer (`INTEGER` / `BIGINT`).
    Int(i64),
    /// A text (`TEXT`).
    Text(&'a str),
    /// A null integer.
    NullInt,
    /// A null text.
    NullText,
}

impl Param<'_> {
    /// The PostgreSQL type this parameter is prepared with.
    pub(crate) fn postgres_type(&self) -> Type {
        match self {
            Param::Int(_) | Param::NullInt => Type::INT8,
            Param::Text(_) | Param::NullText => Type::TEXT,
        }
    }
}

/// A Rust value that can be bound as a parameter.
pub(crate) trait ToParam {
    /// The value as a parameter.
    fn to_param(&self) -> Param<'_>;
}

impl ToParam for i64 {
    fn to_param(&self) -> Param<'_> {
        Param::Int(*self)
    }
}

impl ToParam for i32 {
    fn to_param(&self) -> Param<'_> {
        Param::Int(i64::from(*self))
    }
}

impl ToParam for u32 {
    fn to_param(&self) -> Param<'_> {
        Param::Int(i64::from(*self))
    }
}

impl ToParam for usize {
    fn to_param(&self) -> Param<'_> {
        // A count above i64::MAX cannot occur in memory; saturate rather
        // than panic.
        Param::Int(i64::try_from(*self).unwrap_or(i64::MAX))
    }
}

impl ToParam for bool {
    fn to_param(&self) -> Param<'_> {
        Param::Int(i64::from(*self))
    }
}

impl ToParam for str {
    fn to_param(&self) -> Param<'_> {
        Param::Text(self)
    }
}

impl ToParam for String {
    fn to_param(&self) -> Param<'_> {
        Param::Text(self)
    }
}

impl<T: ToParam + ?Sized> ToParam for &T {
    fn to_param(&self) -> Param<'_> {
        (**self).to_param()
    }
}

impl ToParam for Option<i64> {
    fn to_param(&self) -> Param<'_> {
        self.map_or(Param::NullInt, Param::Int)
    }
}

impl ToParam for Option<String> {
    fn to_param(&self) -> Param<'_> {
        self.as_deref().map_or(Param::NullText, Param::Text)
    }
}

impl ToParam for Option<&str> {
    fn to_param(&self) -> Param<'_> {
        self.map_or(Param::NullText, Param::Text)
    }
}

impl ToParam for Option<&String> {
    fn to_param(&self) -> Param<'_> {
        self.map_or(Param::NullText, |text| Param::Text(text))
    }
}

/// The parameters of one statement: `()`, an array of one type, or the
/// slice [`params!`](crate::params) makes of mixed types.
pub(crate) trait Params {
    /// The values, in placeholder order (`?1` first).
    fn values(&self) -> Vec<Param<'_>>;
}

impl Params for () {
    fn values(&self) -> Vec<Param<'_>> {
        Vec::new()
    }
}

impl Params for &[&dyn ToParam] {
    fn values(&self) -> Vec<Param<'_>> {
        self.iter().map(|value| value.to_param()).collect()
    }
}

impl<T: ToParam, const N: usize> Params for [T; N] {
    fn values(&self) -> Vec<Param<'_>> {
        self.iter().map(ToParam::to_param).collect()
    }
}

/// Parameters of mixed types, like `rusqlite::params!`.
macro_rules! params {
    () => {
        ()
    };
    ($($value:expr),+ $(,)?) => {
        &[$(&$value as &dyn $crate::db::ToParam),+] as &[&dyn $crate::db::ToParam]
    };
}
pub(crate) use params;

impl rusqlite::ToSql for Param<'_> {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::{ToSqlOutput, Value, ValueRef};
        Ok(match self {
            Param::Int(value) => ToSqlOutput::Owned(Value::Integer(*value)),
            Param::Text(text) => ToSqlOutput::Borrowed(ValueRef::Text(text.as_bytes())),
            Param::NullInt | Param::NullText => ToSqlOutput::Owned(Value::Null),
        })
    }
}

impl ToSql for Param<'_> {
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut postgres::types::private::BytesMut,
    ) -> Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
        match self {
            Param::Int(value) if *ty == Type::INT4 => i32::try_from(*value)?.to_sql(ty, out),
            Param::Int(value) if *ty == Type::INT2 => i16::try_from(*value)?.to_sql(ty, out),
            Param::Int(value) => value.to_sql(ty, out),
            Param::Text(text) => text.to_sql(ty, out),
            Param::NullInt | Param::NullText => Ok(IsNull::Yes),
        }
    }

    fn accepts(ty: &Type) -> bool {
        matches!(
            *ty,
            Type::INT8 | Type::INT4 | Type::INT2 | Type::TEXT | Type::VARCHAR | Type::BPCHAR
        )
    }

    to_sql_checked!();
}

/// Parameters collected at run time (a multi-row insert).
pub(crate) struct ParamList<'a>(pub(crate) Vec<Param<'a>>);

impl Params for ParamList<'_> {
    fn values(&self) -> Vec<Param<'_>> {
        self.0.clone()
    }
}

/// `(?1, ?2), (?3, ?4)`: the `VALUES` of a `rows`-row insert of `width`
/// columns.
pub(crate) fn value_tuples(rows: usize, width: usize) -> String {
    let mut sql = String::with_capacity(rows * width * 6);
    for row in 0..rows {
        if row > 0 {
            sql.push_str(", ");
        }
        sql.push('(');
        for column in 0..width {
            if column > 0 {
                sql.push_str(", ");
            }
            sql.push('?');
            sql.push_str(&(row * width + column + 1).to_string());
        }
        sql.push(')');
    }
    sql
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_tuples_number_every_placeholder() {
        assert_eq!(value_tuples(2, 3), "(?1, ?2, ?3), (?4, ?5, ?6)");
        assert_eq!(value_tuples(1, 1), "(?1)");
    }
}
