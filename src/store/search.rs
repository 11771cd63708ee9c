//! The full-text index: kept in step with imports, rebuilt by migration, and
//! queried with filters.

use anyhow::{Context, Result};
use rusqlite::types::Value;
use rusqlite::{Transaction, params};

use serde::Serialize;

use crate::search::{
    Expander, GroupHits, HANDFUL, IndexText, Query, SEEDS, associated, index_text,
    is_query_stop_word, rank, spelling,
};
use crate::sheet::Sheet;
use crate::sheet::kind::Column;

use super::Store;
use super::filter::Filter;
use super::query::{ListRow, ROW_COLUMNS, read_row};
use super::typos::{Correction, Typed, typed_corrections};

/// Column weights for ranking, in the order of the index's columns, as the
/// field registry's [`Column`] gives them (a test checks they agree).
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
    /// Relevance, higher is better (comparable within one query).
    pub score: f64,
    /// The query that found it, in [`Planned::queries`].
    pub query: usize,
    /// Found by the any-word completion: it lacks some of the words.
    pub any_word: bool,
}

/// How to plan a search: the thesaurus to expand with, and whether to run
/// the query exactly as typed (no expansion, correction or fallback).
pub struct Plan<'a> {
    pub expander: &'a Expander,
    pub exact: bool,
}

/// Words a planned query searched beyond those typed, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Added {
    /// The typed words they stand for (the whole query for associations).
    #[serde(rename = "for")]
    pub typed: String,
    /// The words or names added, as written.
    pub words: Vec<String>,
    /// `thesaurus`, `correction` or `association`.
    pub because: &'static str,
    /// The thesaurus entry, or the sheets the associated words come from.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub from: Vec<String>,
}

/// The outcome of a planned search.
#[derive(Debug, Default)]
pub struct Planned {
    /// Literal all-word hits first, then those found through the
    /// thesaurus, then through corrected words, then any-word hits, then
    /// hits through words associated with the first ones.
    pub hits: Vec<Hit>,
    pub queries: Vec<Query>,
    /// For each of [`Planned::queries`], the words it added.
    pub added: Vec<Vec<Added>>,
    /// Typo corrections made, keyed by the word as typed.
    pub corrections: Vec<Correction>,
}

/// One step of the plan: a query and the words it added.
struct Step {
    query: Query,
    added: Vec<Added>,
    any_word: bool,
}

impl Store {
    /// Runs `query` (as typed in `text`) the way a reader means it, each
    /// step only adding sheets not found before: the all-word query without
    /// question words, then the same with the thesaurus's other names; when
    /// that finds fewer than a handful of sheets, possible typos are
    /// corrected from the index's own terms, the list is completed with
    /// sheets holding some of the words (weighted: see
    /// [`crate::search::rank`]), then with sheets holding the words the
    /// first hits share (see [`crate::search::associated`]).
    pub fn search(
        &self,
        text: &str,
        query: &Query,
        plan: &Plan,
        filter: &Filter,
        limit: Option<u64>,
    ) -> Result<Planned> {
        let mut planned = Planned::default();
        let literal = |query: Query| Step {
            query,
            added: Vec::new(),
            any_word: false,
        };
        if plan.exact {
            self.add_hits(&mut planned, literal(query.clone()), filter, limit)?;
            return Ok(planned);
        }
        let typed = Typed::new(text);
        let content = query.without(is_query_stop_word);
        self.add_hits(&mut planned, literal(content.clone()), filter, limit)?;
        let mut widest = content.clone();
        let mut added = Vec::new();
        if let Some((expanded, expansions)) = plan.expander.explained(query) {
            widest = expanded.without(is_query_stop_word);
            added = expansions
                .into_iter()
                .map(|e| Added {
                    typed: e
                        .stems
                        .iter()
                        .map(|stem| typed.or_stem(stem))
                        .collect::<Vec<_>>()
                        .join(" "),
                    words: e.names,
                    because: "thesaurus",
                    from: vec![e.entry],
                })
                .collect();
            let step = Step {
                query: widest.clone(),
                added: added.clone(),
                any_word: false,
            };
            self.add_hits(&mut planned, step, filter, limit)?;
        }
        if planned.hits.len() < HANDFUL {
            let corrections = self.corrections(&typed, &content, plan.expander)?;
            if !corrections.is_empty() {
                let pairs: Vec<(String, String)> = corrections
                    .iter()
                    .map(|c| (c.typed.clone(), c.term.clone()))
                    .collect();
                widest = widest.with_alternatives(&pairs);
                planned.corrections = typed_corrections(&typed, &corrections);
                added.extend(planned.corrections.iter().map(|c| Added {
                    typed: c.typed.clone(),
                    words: vec![c.term.clone()],
                    because: "correction",
                    from: Vec::new(),
                }));
                let step = Step {
                    query: widest.clone(),
                    added: added.clone(),
                    any_word: false,
                };
                self.add_hits(&mut planned, step, filter, limit)?;
            }
        }
        let mut unmatched = false;
        if planned.hits.len() < HANDFUL && widest.each_group().len() > 1 {
            let step = Step {
                query: widest.clone(),
                added: added.clone(),
                any_word: true,
            };
            unmatched = self.add_weighted(&mut planned, step, filter, limit)?;
        }
        // A word no sheet holds (nor its other names) may still mean what
        // the sheets found by the other words are about.
        if unmatched && planned.hits.len() < HANDFUL && !planned.hits.is_empty() {
            self.associate(&mut planned, &widest, text, filter, limit)?;
        }
        Ok(planned)
    }

    /// Completes the hits with sheets holding the words the first hits
    /// share (see [`crate::search::associated`]).
    fn associate(
        &self,
        planned: &mut Planned,
        widest: &Query,
        text: &str,
        filter: &Filter,
        limit: Option<u64>,
    ) -> Result<()> {
        let mut seeds: Vec<Vec<String>> = Vec::new();
        let mut sheets = Vec::new();
        for hit in planned.hits.iter().take(SEEDS) {
            if let Some(sheet) = self.get(&hit.row.id)? {
                let text = index_text(&sheet);
                let words = [text.title, text.objectives, text.terms].join(" ");
                seeds.push(words.split(' ').map(str::to_owned).collect());
                sheets.push(sheet);
            }
        }
        let mut count = self
            .conn
            .prepare_cached("SELECT doc FROM sheet_search_terms WHERE term = ?1")?;
        let mut holding = |word: &str| -> usize {
            count
                .query_row([word], |row| row.get::<_, i64>(0))
                .ok()
                .and_then(|n| usize::try_from(n).ok())
                .unwrap_or(0)
        };
        let catalogue = usize::try_from(self.count_sheets()?).unwrap_or(usize::MAX);
        let query_stems = widest.stems();
        let words: Vec<String> = associated(&seeds, &mut holding, catalogue, &query_stems)
            .into_iter()
            .map(str::to_owned)
            .collect();
        let Some(query) = Query::each_of(words.iter().cloned()) else {
            return Ok(());
        };
        let spelled = words
            .iter()
            .map(|w| {
                sheets
                    .iter()
                    .find_map(|sheet| spelling(sheet, w))
                    .unwrap_or_else(|| w.clone())
            })
            .collect();
        let added = vec![Added {
            typed: text.to_owned(),
            words: spelled,
            because: "association",
            from: sheets.iter().map(|s| s.id.clone()).collect(),
        }];
        let step = Step {
            query,
            added,
            any_word: true,
        };
        self.add_weighted(planned, step, filter, limit)?;
        Ok(())
    }

    /// Runs each group of a query on its own, and adds the sheets not found
    /// yet that any group matched, ranked by [`crate::search::rank`].
    /// Whether some group matched no sheet.
    fn add_weighted(
        &self,
        planned: &mut Planned,
        step: Step,
        filter: &Filter,
        limit: Option<u64>,
    ) -> Result<bool> {
        let Some(room) = room(planned, limit) else {
            return Ok(false);
        };
        let mut groups: Vec<GroupHits> = Vec::new();
        for group in step.query.each_group() {
            let mut clause = filter.clause();
            clause.push(" AND sheet_search MATCH ?1", vec![Value::Text(group.fts())]);
            let sql = format!(
                "SELECT s.rowid, -{RANK} FROM sheet_search
                 JOIN sheets s ON s.rowid = sheet_search.rowid{}",
                clause.sql
            );
            let mut statement = self.conn.prepare_cached(&sql)?;
            let hits = statement
                .query_map(rusqlite::params_from_iter(&clause.params), |row| {
                    Ok((row.get(0)?, row.get(1)?))
                })?
                .collect::<rusqlite::Result<GroupHits>>()?;
            groups.push(hits);
        }
        let catalogue = usize::try_from(self.count_sheets()?).unwrap_or(usize::MAX);
        let mut read = self.conn.prepare_cached(&format!(
            "SELECT {ROW_COLUMNS} FROM sheets s WHERE s.rowid = ?1"
        ))?;
        let index = planned.queries.len();
        let mut found: Vec<Hit> = Vec::new();
        for (rowid, score) in rank(&groups, catalogue) {
            if found.len() >= room {
                break;
            }
            let row = read.query_row([rowid], read_row)?;
            if planned.hits.iter().any(|h| h.row.id == row.id) {
                continue;
            }
            found.push(Hit {
                row,
                score,
                query: index,
                any_word: step.any_word,
            });
        }
        found.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.row.id.cmp(&b.row.id)));
        if !found.is_empty() {
            planned.hits.extend(found);
            planned.queries.push(step.query);
            planned.added.push(step.added);
        }
        Ok(groups.iter().any(Vec::is_empty))
    }

    fn count_sheets(&self) -> Result<i64> {
        Ok(self
            .conn
            .prepare_cached("SELECT count(*) FROM sheets")?
            .query_row([], |row| row.get(0))?)
    }

    /// Runs one query for sheets not found yet, and adds its hits.
    fn add_hits(
        &self,
        planned: &mut Planned,
        step: Step,
        filter: &Filter,
        limit: Option<u64>,
    ) -> Result<()> {
        let Some(room) = room(planned, limit) else {
            return Ok(());
        };
        let limit = (room < usize::MAX).then_some(room);
        let Step {
            query,
            added,
            any_word,
        } = step;
        let seen: Vec<&str> = planned.hits.iter().map(|h| h.row.id.as_str()).collect();
        let mut clause = filter.clause();
        clause.push(" AND sheet_search MATCH ?1", vec![Value::Text(query.fts())]);
        if !seen.is_empty() {
            clause.push(
                " AND s.id NOT IN (SELECT value FROM json_each(?1))",
                vec![Value::Text(serde_json::to_string(&seen)?)],
            );
        }
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
        let index = planned.queries.len();
        let mut statement = self.conn.prepare_cached(&sql)?;
        let hits = statement.query_map(rusqlite::params_from_iter(&clause.params), |row| {
            Ok(Hit {
                row: read_row(row)?,
                score: row.get(13)?,
                query: index,
                any_word,
            })
        })?;
        let before = planned.hits.len();
        for hit in hits {
            planned.hits.push(hit?);
        }
        if planned.hits.len() > before {
            planned.queries.push(query);
            planned.added.push(added);
        }
        Ok(())
    }
}

/// How many more hits the limit allows (`usize::MAX` without a limit), or
/// `None` when it is reached.
fn room(planned: &Planned, limit: Option<u64>) -> Option<usize> {
    let found = u64::try_from(planned.hits.len()).unwrap_or(u64::MAX);
    match limit {
        Some(limit) if limit <= found => None,
        Some(limit) => Some(usize::try_from(limit - found).unwrap_or(usize::MAX)),
        None => Some(usize::MAX),
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
}
