//! Rows written several at a time. A statement costs about as much to
//! start and finish as the few short rows that hang on a sheet cost to
//! write, so the rows of a sheet go in as few statements as possible:
//! chunks of 16, 8, 4, 2 and 1 rows, whose statements stay prepared.
//!
//! Each statement is `INSERT OR FAIL`: a statement that may write several
//! rows and undo them all on a refused row needs a statement journal,
//! which copies every page it changes and makes the full-text index
//! write out its pending words at each statement. A refused row fails
//! the whole write anyway (a sync's or an import's), and its transaction
//! is rolled back.

use std::sync::OnceLock;

use anyhow::Result;
use rusqlite::Transaction;
use rusqlite::types::{ToSqlOutput, ValueRef};

/// How many rows one statement writes, largest first: any number of rows
/// is a sum of these, the largest taken as often as it fits.
const CHUNKS: [usize; 5] = [16, 8, 4, 2, 1];

/// A table and the columns a sheet's rows fill, in order.
pub(super) struct Table {
    name: &'static str,
    columns: &'static [&'static str],
    /// The insert of each chunk of [`CHUNKS`], made when first needed.
    inserts: OnceLock<[String; CHUNKS.len()]>,
}

impl Table {
    pub(super) const fn new(name: &'static str, columns: &'static [&'static str]) -> Table {
        Table {
            name,
            columns,
            inserts: OnceLock::new(),
        }
    }

    fn inserts(&self) -> &[String; CHUNKS.len()] {
        self.inserts.get_or_init(|| {
            let row = format!("({})", vec!["?"; self.columns.len()].join(", "));
            CHUNKS.map(|rows| {
                format!(
                    "INSERT OR FAIL INTO {} ({}) VALUES {}",
                    self.name,
                    self.columns.join(", "),
                    vec![row.as_str(); rows].join(", ")
                )
            })
        })
    }
}

/// Inserts rows into `table`: `values` holds their values one row after
/// the other, each in the order of the table's columns.
pub(super) fn insert(tx: &Transaction, table: &Table, values: &[ValueRef<'_>]) -> Result<()> {
    let width = table.columns.len();
    debug_assert_eq!(values.len() % width, 0, "{}", table.name);
    let mut rest = values;
    for (insert, rows) in table.inserts().iter().zip(CHUNKS) {
        while rest.len() >= rows * width {
            let (chunk, after) = rest.split_at(rows * width);
            tx.prepare_cached(insert)?
                .execute(rusqlite::params_from_iter(
                    chunk.iter().map(|value| ToSqlOutput::Borrowed(*value)),
                ))?;
            rest = after;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_is_written_once_in_order_whatever_their_number() {
        static T: Table = Table::new("t", &["n", "name"]);
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE t (n INTEGER NOT NULL, name TEXT)")
            .unwrap();
        for count in [0_i64, 1, 2, 3, 15, 16, 17, 31, 40] {
            let tx = conn.transaction().unwrap();
            tx.execute("DELETE FROM t", []).unwrap();
            let names: Vec<String> = (0..count).map(|n| format!("row {n}")).collect();
            let mut values = Vec::new();
            for (n, name) in (0..count).zip(&names) {
                let name = if n % 5 == 0 {
                    ValueRef::Null
                } else {
                    ValueRef::from(name.as_str())
                };
                values.extend([ValueRef::Integer(n), name]);
            }
            insert(&tx, &T, &values).unwrap();
            let rows: Vec<(i64, Option<String>)> = tx
                .prepare("SELECT n, name FROM t ORDER BY rowid")
                .unwrap()
                .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            let expected: Vec<(i64, Option<String>)> = (0..count)
                .map(|n| (n, (n % 5 != 0).then(|| format!("row {n}"))))
                .collect();
            assert_eq!(rows, expected, "{count} rows");
            tx.commit().unwrap();
        }
    }
}
