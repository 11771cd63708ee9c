//! The full-text index: its columns and their weights, kept in step with
//! each sheet written, and rebuilt when the analyzer that filled it is not
//! this pacte's.
//!
//! Invariants:
//! - the catalogue stores the fingerprint of the analyzer that filled its
//!   index ([`crate::search::analyzer_fingerprint`]); a writing open whose
//!   analyzer differs rebuilds the index and stores the new fingerprint in
//!   the exclusive transaction that checks the schema, so the index and
//!   its fingerprint always agree on disk;
//! - reading never writes: a reading open of an index filled by another
//!   analyzer leaves the file alone and, when the index is first used,
//!   fills a fresh one in the connection's temporary schema, which hides
//!   the file's (SQLite looks unqualified names up in `temp` first), so
//!   searches give the results a rebuilt index would.

use std::cell::Cell;

use anyhow::{Context, Result};
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::search::{IndexText, analyzer_fingerprint, index_text};
use crate::sheet::Sheet;
use crate::sheet::kind::Column;

use super::Store;

/// Column weights for ranking, in the order of the index's columns, as the
/// field registry's [`Column`] gives them (a test checks they agree): a match
/// in the title counts ten times one in the body, one in the objectives five
/// times, one in the labels of the themes and publics three times; the
/// contacts' names and roles count half.
pub(super) const RANK: &str = "bm25(sheet_search, 10.0, 5.0, 3.0, 1.0, 0.5)";

/// The weights of [`RANK`], for the site's script, which ranks the same
/// way (a test checks they agree).
pub const COLUMN_WEIGHTS: [f64; 5] = [
    Column::Title.weight(),
    Column::Objectives.weight(),
    Column::Terms.weight(),
    Column::Body.weight(),
    Column::People.weight(),
];

/// The index's columns and options as the schema's migrations create them
/// (a test checks they agree), for the temporary index of a reading open.
const TEMPORARY_INDEX: &str = "
    CREATE VIRTUAL TABLE temp.sheet_search USING fts5 (
        title, objectives, terms, body, people,
        content = '', contentless_delete = 1,
        tokenize = 'ascii'
    );
    CREATE VIRTUAL TABLE temp.sheet_search_terms USING fts5vocab (temp, sheet_search, 'row');
";

/// The key under which `catalogue_meta` holds the analyzer's fingerprint.
const ANALYZER_KEY: &str = "analyzer";

/// What a store knows of its index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Index {
    /// Filled by this pacte's analyzer.
    Current,
    /// Rebuilt in the file when it was opened, for this many sheets.
    Rebuilt(usize),
    /// Filled by another analyzer, on a reading open: a temporary one is
    /// filled when first needed.
    Stale,
    /// A temporary index, filled by this analyzer, hides the file's.
    Temporary,
}

/// The state of the index of a catalogue opened for reading.
pub(super) fn state(conn: &Connection) -> Result<Cell<Index>> {
    Ok(Cell::new(if is_current(conn)? {
        Index::Current
    } else {
        Index::Stale
    }))
}

fn is_current(conn: &Connection) -> Result<bool> {
    let stored: Option<String> = conn
        .query_row(
            "SELECT value FROM catalogue_meta WHERE key = ?1",
            [ANALYZER_KEY],
            |row| row.get(0),
        )
        .optional()?;
    Ok(stored.as_deref() == Some(analyzer_fingerprint()))
}

/// Rebuilds the index when another analyzer filled it, and records this
/// one's fingerprint. The number of sheets indexed again, if any were.
pub(super) fn refresh(tx: &Transaction) -> Result<Index> {
    if is_current(tx)? {
        return Ok(Index::Current);
    }
    let sheets = rebuild(tx)?;
    tx.execute(
        "INSERT INTO catalogue_meta (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![ANALYZER_KEY, analyzer_fingerprint()],
    )?;
    Ok(if sheets == 0 {
        Index::Current
    } else {
        Index::Rebuilt(sheets)
    })
}

/// Adds a sheet's words to the index under its row's rowid (after its
/// row is written).
pub(super) fn index_sheet(tx: &Transaction, rowid: i64, text: &IndexText) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO sheet_search (rowid, title, objectives, terms, body, people)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        rowid,
        text.title,
        text.objectives,
        text.terms,
        text.body,
        text.people
    ])?;
    Ok(())
}

/// Takes a sheet's words out of the index (before its row changes).
pub(super) fn unindex_sheet(tx: &Transaction, id: &str) -> Result<()> {
    tx.prepare_cached(
        "DELETE FROM sheet_search WHERE rowid = (SELECT rowid FROM sheets WHERE id = ?1)",
    )?
    .execute([id])?;
    Ok(())
}

/// Fills the index from the stored sheets; how many there are.
fn rebuild(tx: &Transaction) -> Result<usize> {
    tx.execute("DELETE FROM sheet_search", [])?;
    let mut statement = tx.prepare(
        "SELECT s.rowid, b.sheet_id, b.body FROM sheet_bodies b JOIN sheets s ON s.id = b.sheet_id",
    )?;
    let sheets = statement.query_map([], |row| {
        Ok((
            row.get::<_, i64>(0)?,
            row.get::<_, String>(1)?,
            row.get::<_, String>(2)?,
        ))
    })?;
    let mut count = 0;
    for sheet in sheets {
        let (rowid, id, body) = sheet?;
        let sheet: Sheet = serde_json::from_str(&body)
            .with_context(|| format!("the stored sheet `{id}` is damaged"))?;
        index_sheet(tx, rowid, &index_text(&sheet))?;
        count += 1;
    }
    Ok(count)
}

impl Store {
    /// How many sheets opening this catalogue indexed again, because
    /// another version of pacte's analyzer had filled its search index.
    pub fn reindexed(&self) -> Option<usize> {
        match self.index.get() {
            Index::Rebuilt(sheets) => Some(sheets),
            _ => None,
        }
    }

    /// Whether the file's search index was filled by another version of
    /// pacte's analyzer (on a reading open, which leaves it so): searches
    /// still give the right results, from a temporary index.
    pub fn index_is_stale(&self) -> bool {
        matches!(self.index.get(), Index::Stale | Index::Temporary)
    }

    /// Makes the index fit for searching: on a stale one, fills a
    /// temporary index with this analyzer, once.
    pub(super) fn searchable(&self) -> Result<()> {
        if self.index.get() != Index::Stale {
            return Ok(());
        }
        self.conn.execute_batch(TEMPORARY_INDEX)?;
        let tx = self.conn.unchecked_transaction()?;
        rebuild(&tx)?;
        tx.commit()?;
        self.index.set(Index::Temporary);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_exported_weights_are_the_ranks() {
        let weights: Vec<String> = COLUMN_WEIGHTS.iter().map(|w| format!("{w:?}")).collect();
        assert_eq!(RANK, format!("bm25(sheet_search, {})", weights.join(", ")));
    }

    #[test]
    fn the_temporary_index_has_the_columns_of_the_schemas() {
        let store = Store::open_in_memory().unwrap();
        let columns = |schema: &str| -> Vec<String> {
            store
                .conn
                .prepare(&format!(
                    "SELECT name FROM pragma_table_info('sheet_search', '{schema}')"
                ))
                .unwrap()
                .query_map([], |row| row.get(0))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap()
        };
        let own = columns("main");
        store.index.set(Index::Stale);
        store.searchable().unwrap();
        assert_eq!(columns("temp"), own);
        assert_eq!(own.len(), COLUMN_WEIGHTS.len());
        let sql = |schema: &str| -> String {
            store
                .conn
                .query_row(
                    &format!("SELECT sql FROM {schema}.sqlite_schema WHERE name = 'sheet_search'"),
                    [],
                    |row| row.get::<_, String>(0),
                )
                .unwrap()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert_eq!(
            sql("temp").replace("temp.sheet_search", "sheet_search"),
            sql("main")
        );
    }
}
