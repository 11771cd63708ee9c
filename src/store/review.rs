//! Reading what a review of the catalogue needs: each selected sheet whole,
//! with the file it was imported from (probable duplicates are sheets of
//! different files).

use anyhow::{Context, Result};

use crate::sheet::Sheet;

use super::Store;
use super::filter::{Filter, Order};

/// A stored sheet and the source it was imported from (a canonical path,
/// or `<stdin>`).
#[derive(Debug, Clone, PartialEq)]
pub struct Sourced {
    pub sheet: Sheet,
    pub source: String,
}

impl Store {
    /// The sheets the filter selects, by id, each with its source.
    pub fn sourced_sheets(&self, filter: &Filter) -> Result<Vec<Sourced>> {
        let clause = filter.ordered_clause(Order::default(), None);
        let sql = format!(
            "SELECT s.id, s.source, (SELECT body FROM sheet_bodies WHERE sheet_id = s.id)
             FROM sheets s{}",
            clause.sql
        );
        let mut statement = self.conn.prepare_cached(&sql)?;
        let rows = statement.query_map(rusqlite::params_from_iter(&clause.params), |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, String>(2)?,
            ))
        })?;
        let mut sheets = Vec::new();
        for row in rows {
            let (id, source, body) = row?;
            let sheet = serde_json::from_str(&body)
                .with_context(|| format!("the stored sheet `{id}` is damaged"))?;
            sheets.push(Sourced { sheet, source });
        }
        Ok(sheets)
    }
}
