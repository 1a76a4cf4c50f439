//! `embargo store copy`: a whole store moved to another, SQLite to
//! PostgreSQL or back (or file to file), every row of every table with its
//! keys, in one transaction on the target, verified before it commits.
//!
//! The target must be empty (a new file, or a PostgreSQL database without
//! embargo rows). The source is read in one read transaction, so a store
//! in use is copied as of one moment. The copy is checked table by table:
//! row counts, and a hash of the rows that does not depend on their order
//! (the sum of each row's SHA-256), computed on the source and re-read
//! from the target inside its transaction. Any difference rolls back.

use sha2::{Digest, Sha256};

use crate::db::{Db, Param, ParamList, Value, value_tuples};
use crate::{Store, StoreError};

/// Rows written per insert statement.
const COPY_BATCH: usize = 250;

/// Whether a column holds integers or text (a null needs the type on
/// PostgreSQL).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Int,
    Text,
}

use Kind::{Int, Text};

/// One table of the schema, its columns in order.
struct Table {
    name: &'static str,
    columns: &'static [(&'static str, Kind)],
}

/// Every table of schema version 6, parents before children.
/// `sources.active_version` is set after `versions` is copied (the two
/// tables refer to each other).
const TABLES: &[Table] = &[
    Table {
        name: "sources",
        columns: &[("id", Text), ("format", Text), ("created_at", Text)],
    },
    Table {
        name: "versions",
        columns: &[
            ("id", Int),
            ("source_id", Text),
            ("sequence", Int),
            ("format", Text),
            ("published", Text),
            ("content_hash", Text),
            ("imported_at", Text),
            ("entity_count", Int),
            ("published_at", Text),
            ("published_from", Text),
        ],
    },
    Table {
        name: "version_files",
        columns: &[
            ("version_id", Int),
            ("position", Int),
            ("role", Text),
            ("file_name", Text),
            ("sha256", Text),
            ("byte_size", Int),
        ],
    },
    Table {
        name: "version_file_records",
        columns: &[("version_id", Int), ("role", Text), ("records", Int)],
    },
    Table {
        name: "entity_bodies",
        columns: &[("hash", Text), ("body", Text)],
    },
    Table {
        name: "version_entities",
        columns: &[
            ("version_id", Int),
            ("entity_id", Text),
            ("body_hash", Text),
        ],
    },
    Table {
        name: "portfolios",
        columns: &[("id", Text), ("created_at", Text)],
    },
    Table {
        name: "portfolio_records",
        columns: &[
            ("portfolio_id", Text),
            ("reference", Text),
            ("query", Text),
            ("content_hash", Text),
            ("updated_at", Text),
        ],
    },
    Table {
        name: "monitoring_runs",
        columns: &[
            ("id", Int),
            ("portfolio_id", Text),
            ("started_at", Text),
            ("finished_at", Text),
            ("trigger_kind", Text),
            ("lists", Text),
            ("threshold", Text),
            ("records", Int),
            ("matches", Int),
            ("new_alerts", Int),
        ],
    },
    Table {
        name: "alerts",
        columns: &[
            ("id", Int),
            ("run_id", Int),
            ("portfolio_id", Text),
            ("reference", Text),
            ("entity_id", Text),
            ("fingerprint", Text),
            ("raised_at", Text),
            ("score", Text),
            ("record_name", Text),
            ("entity_name", Text),
            ("matched_name", Text),
            ("result", Text),
        ],
    },
    Table {
        name: "alert_decisions",
        columns: &[
            ("id", Int),
            ("alert_id", Int),
            ("decision", Text),
            ("note", Text),
            ("decided_by", Text),
            ("decided_at", Text),
        ],
    },
    Table {
        name: "audit_log",
        columns: &[
            ("id", Int),
            ("at", Text),
            ("kind", Text),
            ("actor", Text),
            ("summary", Text),
            ("detail", Text),
        ],
    },
    Table {
        name: "update_state",
        columns: &[
            ("source_id", Text),
            ("last_attempt", Text),
            ("last_success", Text),
            ("last_error", Text),
        ],
    },
    Table {
        name: "download_validators",
        columns: &[
            ("url", Text),
            ("etag", Text),
            ("last_modified", Text),
            ("sha256", Text),
            ("saved_at", Text),
        ],
    },
    Table {
        name: "api_keys",
        columns: &[
            ("name", Text),
            ("role", Text),
            ("digest", Text),
            ("created_at", Text),
            ("created_by", Text),
            ("revoked_at", Text),
            ("revoked_by", Text),
        ],
    },
    // Last: its column refers to `versions`.
    Table {
        name: "sources_active",
        columns: &[("id", Text), ("active_version", Int)],
    },
];

/// What was copied: per table, the rows and their hash (the same on both
/// sides, or the copy would have failed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyReport {
    /// (table, rows, hash as hex), in copy order. `sources_active` is the
    /// `active_version` column of `sources`.
    pub tables: Vec<(String, u64, String)>,
}

impl CopyReport {
    /// Rows copied in all.
    pub fn rows(&self) -> u64 {
        self.tables.iter().map(|(_, rows, _)| rows).sum()
    }
}

/// Row count and order-independent hash of one table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Digest256 {
    rows: u64,
    sum: [u64; 4],
}

impl Digest256 {
    /// Adds one row.
    fn add(&mut self, values: &[Value]) {
        let mut hasher = Sha256::new();
        for value in values {
            match value {
                Value::Null => hasher.update(b"n"),
                Value::Int(number) => {
                    hasher.update(b"i");
                    hasher.update(number.to_be_bytes());
                }
                Value::Text(text) => {
                    hasher.update(b"t");
                    hasher.update((text.len() as u64).to_be_bytes());
                    hasher.update(text.as_bytes());
                }
            }
        }
        let digest = hasher.finalize();
        for (lane, chunk) in self.sum.iter_mut().zip(digest.chunks_exact(8)) {
            let mut bytes = [0u8; 8];
            bytes.copy_from_slice(chunk);
            *lane = lane.wrapping_add(u64::from_be_bytes(bytes));
        }
        self.rows += 1;
    }

    fn hex(&self) -> String {
        self.sum.iter().map(|lane| format!("{lane:016x}")).collect()
    }
}

impl Store {
    /// Copies this whole store into `target`, which must be empty (see the
    /// module documentation); returns the verified counts and hashes.
    pub fn copy_to(&mut self, target: &mut Store) -> Result<CopyReport, StoreError> {
        if self.schema_version()? != target.schema_version()? {
            return Err(StoreError::Damaged(
                "the two stores have different schema versions".into(),
            ));
        }
        let target_name = target.name();
        let source = self.connection.begin_read()?;
        let writer = target.connection.begin_write()?;
        ensure_empty(&writer, &target_name)?;
        let mut report = CopyReport { tables: Vec::new() };
        for table in TABLES {
            let copied = copy_table(&source, &writer, table)?;
            let reread = digest_table(&writer, table)?;
            if copied != reread {
                return Err(StoreError::Damaged(format!(
                    "copy of {} does not verify: {} rows written, {} read back",
                    table.name, copied.rows, reread.rows
                )));
            }
            report
                .tables
                .push((table.name.to_string(), copied.rows, copied.hex()));
        }
        writer.commit()?;
        Ok(report)
    }
}

/// Fails unless every table of `db` is empty.
fn ensure_empty(db: &Db, name: &str) -> Result<(), StoreError> {
    for table in TABLES.iter().filter(|table| table.name != "sources_active") {
        let rows: i64 =
            db.query_row(&format!("SELECT COUNT(*) FROM {}", table.name), (), |row| {
                row.get(0)
            })?;
        if rows > 0 {
            return Err(StoreError::CopyTargetNotEmpty {
                store: name.to_string(),
                table: table.name,
            });
        }
    }
    Ok(())
}

/// The `SELECT` reading `table` in key order.
fn select_sql(table: &Table) -> String {
    if table.name == "sources_active" {
        return "SELECT id, active_version FROM sources ORDER BY id".to_string();
    }
    let columns: Vec<&str> = table.columns.iter().map(|(name, _)| *name).collect();
    format!("SELECT {} FROM {}", columns.join(", "), table.name)
}

/// Copies the rows of `table`, returning what the source held.
fn copy_table(source: &Db, target: &Db, table: &Table) -> Result<Digest256, StoreError> {
    let mut digest = Digest256::default();
    let mut pending: Vec<Vec<Value>> = Vec::with_capacity(COPY_BATCH);
    source.query_each(&select_sql(table), (), |row| {
        let values = (0..table.columns.len())
            .map(|index| row.value(index))
            .collect::<Result<Vec<_>, _>>()?;
        digest.add(&values);
        pending.push(values);
        if pending.len() >= COPY_BATCH {
            write_rows(target, table, &pending)?;
            pending.clear();
        }
        Ok(())
    })?;
    write_rows(target, table, &pending)?;
    Ok(digest)
}

/// Inserts `rows` into `table` (for `sources_active`, sets the column).
fn write_rows(target: &Db, table: &Table, rows: &[Vec<Value>]) -> Result<(), StoreError> {
    if rows.is_empty() {
        return Ok(());
    }
    if table.name == "sources_active" {
        for row in rows {
            let params = row_params(table, row);
            target.execute(
                "UPDATE sources SET active_version = ?2 WHERE id = ?1",
                ParamList(params),
            )?;
        }
        return Ok(());
    }
    let columns: Vec<&str> = table.columns.iter().map(|(name, _)| *name).collect();
    let params: Vec<Param<'_>> = rows.iter().flat_map(|row| row_params(table, row)).collect();
    target.execute(
        &format!(
            "INSERT INTO {} ({}) VALUES {}",
            table.name,
            columns.join(", "),
            value_tuples(rows.len(), columns.len())
        ),
        ParamList(params),
    )?;
    Ok(())
}

/// The values of one row as parameters, nulls typed by their column.
fn row_params<'a>(table: &Table, row: &'a [Value]) -> Vec<Param<'a>> {
    row.iter()
        .zip(table.columns)
        .map(|(value, (_, kind))| match (value, kind) {
            (Value::Int(number), _) => Param::Int(*number),
            (Value::Text(text), _) => Param::Text(text),
            (Value::Null, Int) => Param::NullInt,
            (Value::Null, Text) => Param::NullText,
        })
        .collect()
}

/// Count and hash of `table` as `db` holds it now.
fn digest_table(db: &Db, table: &Table) -> Result<Digest256, StoreError> {
    let mut digest = Digest256::default();
    db.query_each(&select_sql(table), (), |row| {
        let values = (0..table.columns.len())
            .map(|index| row.value(index))
            .collect::<Result<Vec<_>, _>>()?;
        digest.add(&values);
        Ok(())
    })?;
    Ok(digest)
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    use super::TABLES;
    use crate::Store;

    /// Every table and column of the current schema is copied: a
    /// migration that adds one must add it to [`TABLES`], or a copy would
    /// silently leave it behind.
    #[test]
    fn the_copied_tables_are_the_whole_schema() {
        let store = Store::open_in_memory().unwrap();
        let names: Vec<String> = store
            .connection
            .query_map(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
                (),
                |row| row.get(0),
            )
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let mut schema: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for name in names {
            let columns = store
                .connection
                .query_map(
                    "SELECT name FROM pragma_table_info(?1)",
                    [name.as_str()],
                    |row| row.get(0),
                )
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            schema.insert(name, columns);
        }
        let mut copied: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for table in TABLES {
            // `sources_active` is the `active_version` column of `sources`.
            let name = table.name.strip_suffix("_active").unwrap_or(table.name);
            let columns = copied.entry(name.to_string()).or_default();
            for (column, _) in table.columns {
                columns.insert((*column).to_string());
            }
        }
        // The schema version lives in PRAGMA user_version, not a table.
        assert_eq!(copied, schema);
    }
}
