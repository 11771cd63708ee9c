//! The full-text index: kept in step with imports, rebuilt by migration, and
//! queried with filters.

use anyhow::{Context, Result};
use rusqlite::types::Value;
use rusqlite::{Transaction, params};

use crate::search::{IndexText, Query, index_text};
use crate::sheet::Sheet;

use super::Store;
use super::filter::Filter;
use super::query::{ListRow, ROW_COLUMNS, read_row};

/// Column weights for ranking, in the order of the index's columns: a match
/// in the title counts ten times one in the body, one in the objectives five
/// times, one in the labels of the themes and publics three times; the
/// contacts' names and roles count half.
pub(super) const RANK: &str = "bm25(sheet_search, 10.0, 5.0, 3.0, 1.0, 0.5)";

/// Adds a sheet's words to the index (after its row is written).
pub(super) fn index_sheet(tx: &Transaction, id: &str, text: &IndexText) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO sheet_search (rowid, title, objectives, terms, body, people)
         VALUES ((SELECT rowid FROM sheets WHERE id = ?1), ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        id,
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

/// Fills the index from the stored sheets, after a migration that changes
/// what it holds.
pub(super) fn rebuild_index(tx: &Transaction) -> Result<()> {
    tx.execute("DELETE FROM sheet_search", [])?;
    let mut statement = tx.prepare("SELECT sheet_id, body FROM sheet_bodies")?;
    let sheets = statement.query_map([], |row| {
        Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
    })?;
    for sheet in sheets {
        let (id, body) = sheet?;
        let sheet: Sheet = serde_json::from_str(&body)
            .with_context(|| format!("the stored sheet `{id}` is damaged"))?;
        index_sheet(tx, &id, &index_text(&sheet))?;
    }
    Ok(())
}

/// A row found by a search, best first.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub row: ListRow,
    /// bm25 relevance, higher is better.
    pub score: f64,
}

impl Store {
    /// The sheets matching `query` among those `filter` selects, best first.
    pub fn search(&self, query: &Query, filter: &Filter, limit: Option<u64>) -> Result<Vec<Hit>> {
        let mut clause = filter.clause();
        clause.push(" AND sheet_search MATCH ?1", vec![Value::Text(query.fts())]);
        clause.sql.push_str(" ORDER BY score DESC, s.id");
        if let Some(limit) = limit {
            let limit = i64::try_from(limit).unwrap_or(i64::MAX);
            clause.push(" LIMIT ?1", vec![Value::Integer(limit)]);
        }
        // Ranking and the limit come first, on rowids alone; the columns of
        // a row (with their sub-queries) are read only for the hits kept.
        let sql = format!(
            "SELECT {ROW_COLUMNS}, ranked.score FROM (
                 SELECT s.rowid AS hit, -{RANK} AS score FROM sheet_search
                 JOIN sheets s ON s.rowid = sheet_search.rowid{}
             ) ranked JOIN sheets s ON s.rowid = ranked.hit
             ORDER BY ranked.score DESC, s.id",
            clause.sql
        );
        let mut statement = self.conn.prepare_cached(&sql)?;
        let hits = statement.query_map(rusqlite::params_from_iter(&clause.params), |row| {
            Ok(Hit {
                row: read_row(row)?,
                score: row.get(13)?,
            })
        })?;
        Ok(hits.collect::<rusqlite::Result<_>>()?)
    }
}
