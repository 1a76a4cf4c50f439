//! Helpers for looking at a database file from outside the store.

use std::path::Path;

use rusqlite::types::ValueRef;
use rusqlite::{Connection, OpenFlags};

/// Every row of every table and the schema, as sorted text: two dumps are
/// equal exactly when the database content is.
pub fn dump(path: &Path) -> Vec<String> {
    let connection = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .expect("open database read-only");
    let mut lines = Vec::new();
    let tables = table_names(&connection);
    for table in &tables {
        let mut statement = connection
            .prepare(&format!("SELECT * FROM {table}"))
            .expect("prepare dump");
        let columns = statement.column_count();
        let mut rows = statement.query([]).expect("query dump");
        while let Some(row) = rows.next().expect("read row") {
            let values: Vec<String> = (0..columns)
                .map(|index| value_text(row.get_ref(index).expect("read value")))
                .collect();
            lines.push(format!("{table}: {}", values.join(" | ")));
        }
    }
    let mut schema = connection
        .prepare("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL")
        .expect("prepare schema");
    let statements = schema
        .query_map([], |row| row.get::<_, String>(0))
        .expect("query schema");
    lines.extend(statements.map(|sql| format!("schema: {}", sql.expect("schema row"))));
    lines.sort();
    lines
}

/// Names of the tables in the database.
pub fn table_names(connection: &Connection) -> Vec<String> {
    let mut statement = connection
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .expect("prepare table list");
    statement
        .query_map([], |row| row.get(0))
        .expect("list tables")
        .collect::<Result<_, _>>()
        .expect("table names")
}

fn value_text(value: ValueRef<'_>) -> String {
    match value {
        ValueRef::Null => "NULL".to_string(),
        ValueRef::Integer(number) => number.to_string(),
        ValueRef::Real(number) => number.to_string(),
        ValueRef::Text(text) => String::from_utf8_lossy(text).into_owned(),
        ValueRef::Blob(bytes) => format!("blob {bytes:?}"),
    }
}

/// Row count of one table.
pub fn row_count(path: &Path, table: &str) -> i64 {
    let connection = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .expect("open database read-only");
    connection
        .query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |row| {
            row.get(0)
        })
        .expect("count rows")
}

/// SQLite's own consistency check of the whole file.
pub fn integrity_check(path: &Path) -> String {
    let connection = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .expect("open database read-only");
    connection
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .expect("integrity check")
}
