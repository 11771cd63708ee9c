//! Counts of sheets per value of one facet (theme, public, status, …), over
//! the sheets a filter selects.

use anyhow::Result;
use rusqlite::types::Value;

use crate::sheet::Money;

use super::Store;
use super::filter::Filter;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Facet {
    Theme,
    Public,
    Status,
    Department,
    Funder,
    Year,
    Structure,
}

/// One value of a facet: how many selected sheets have it and, summed over
/// them, their budgets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Count {
    /// The value as stored (a code, a year, a name); empty for sheets that
    /// have none.
    pub value: String,
    pub sheets: i64,
    /// `None` when none of the counted sheets states a budget.
    pub budget: Option<Money>,
}

/// Each query reads `selected (id, status, department, structure, budget,
/// start, finish)` and yields `(value, sheets, budget cents)`.
fn facet_sql(facet: Facet) -> &'static str {
    match facet {
        Facet::Theme => {
            "SELECT t.code, count(*), sum(sel.budget) FROM selected sel
             JOIN sheet_themes t ON t.sheet_id = sel.id GROUP BY t.code"
        }
        Facet::Public => {
            "SELECT p.code, count(*), sum(sel.budget) FROM selected sel
             JOIN sheet_publics p ON p.sheet_id = sel.id GROUP BY p.code"
        }
        Facet::Status => {
            "SELECT sel.status, count(*), sum(sel.budget) FROM selected sel GROUP BY sel.status"
        }
        Facet::Department => {
            "SELECT coalesce(sel.department, ''), count(*), sum(sel.budget) FROM selected sel
             GROUP BY coalesce(sel.department, '')"
        }
        Facet::Structure => {
            "SELECT min(sel.structure), count(*), sum(sel.budget) FROM selected sel
             GROUP BY sel.structure_key"
        }
        // A funder is a financial partner or a funding line; one sheet counts
        // once per funder however often it names it.
        Facet::Funder => {
            "SELECT min(f.name), count(DISTINCT f.id), sum(f.budget) FROM (
                 SELECT DISTINCT sel.id, sel.budget, n.name, pacte_fold(n.name) AS key FROM selected sel
                 JOIN (SELECT sheet_id, name FROM sheet_partners WHERE role = 'funder'
                       UNION ALL SELECT sheet_id, source FROM sheet_funding) n
                   ON n.sheet_id = sel.id
             ) f GROUP BY f.key"
        }
        // A sheet counts for every year its period covers; an open period
        // runs to this year (the last parameter).
        Facet::Year => {
            "SELECT y.year, count(*), sum(y.budget) FROM (
                 WITH RECURSIVE years (id, budget, year, last) AS (
                     SELECT id, budget, start, max(start, coalesce(finish, ?1)) FROM selected
                     WHERE start IS NOT NULL
                     UNION ALL
                     SELECT id, budget, year + 1, last FROM years WHERE year < last
                 ) SELECT id, budget, year FROM years
             ) y GROUP BY y.year"
        }
    }
}

impl Store {
    /// Counts per value, most frequent first (years in order).
    pub fn stats(&self, facet: Facet, filter: &Filter) -> Result<Vec<Count>> {
        let mut clause = filter.clause();
        let select = format!(
            "WITH selected AS (SELECT s.id, s.status, s.department, s.structure, s.structure_key,
                 s.budget_cents AS budget, s.period_start AS start, s.period_end AS finish
                 FROM sheets s{}) ",
            clause.sql
        );
        let mut query = facet_sql(facet).to_owned();
        if facet == Facet::Year {
            // Renumber `?1` after the filter's parameters.
            clause.sql.clear();
            clause.push(&query, vec![Value::Integer(i64::from(filter.this_year))]);
            query = std::mem::take(&mut clause.sql);
        }
        // Years read in their order; other values most frequent first.
        let order = if facet == Facet::Year {
            " ORDER BY 1"
        } else {
            " ORDER BY 2 DESC, 1"
        };
        let sql = format!("{select}{query}{order}");
        let mut statement = self.conn.prepare_cached(&sql)?;
        let rows = statement.query_map(rusqlite::params_from_iter(&clause.params), |row| {
            let value: Value = row.get(0)?;
            Ok(Count {
                value: match value {
                    Value::Integer(n) => n.to_string(),
                    Value::Text(text) => text,
                    _ => String::new(),
                },
                sheets: row.get(1)?,
                budget: row.get::<_, Option<i64>>(2)?.map(|cents| Money { cents }),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
