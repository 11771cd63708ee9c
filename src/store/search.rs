//! The full-text index: kept in step with imports, rebuilt by migration, and
//! queried with filters.

use anyhow::{Context, Result};
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Transaction, params};

use crate::search::{
    Expander, HANDFUL, IndexText, Known, Query, correction, index_text, is_french, is_question_word,
};
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
    /// bm25 relevance, higher is better (comparable within one query).
    pub score: f64,
    /// The query that found it, in [`Planned::queries`].
    pub query: usize,
    /// Found by the any-word fallback: it lacks some of the words.
    pub any_word: bool,
}

/// How to plan a search: the thesaurus to expand with, and whether to run
/// the query exactly as typed (no expansion, correction or fallback).
pub struct Plan<'a> {
    pub expander: &'a Expander,
    pub exact: bool,
}

/// The outcome of a planned search.
#[derive(Debug, Default)]
pub struct Planned {
    /// Literal all-word hits first, then those found through the
    /// thesaurus, then through corrected words, then any-word hits.
    pub hits: Vec<Hit>,
    pub queries: Vec<Query>,
    /// Typo corrections made, keyed by the word as typed.
    pub corrections: Vec<Correction>,
}

impl Store {
    /// Runs `query` (as typed in `text`) the way a reader means it: the
    /// literal all-word query, then the same with the thesaurus's other
    /// names; when that finds fewer than a handful of sheets, words the
    /// index does not hold are corrected from its own terms, and the list
    /// is completed with sheets matching any of the words (question words
    /// left out). Each step only adds sheets not found before.
    pub fn search(
        &self,
        text: &str,
        query: &Query,
        plan: &Plan,
        filter: &Filter,
        limit: Option<u64>,
    ) -> Result<Planned> {
        let mut planned = Planned::default();
        self.add_hits(&mut planned, query.clone(), false, filter, limit)?;
        if plan.exact {
            return Ok(planned);
        }
        if let Some(expanded) = plan.expander.expand(query) {
            self.add_hits(&mut planned, expanded, false, filter, limit)?;
        }
        let mut widest = query.clone();
        if planned.hits.len() < HANDFUL {
            let corrections = self.corrections(text, query, plan.expander)?;
            if !corrections.is_empty() {
                let pairs: Vec<(String, String)> = corrections
                    .iter()
                    .map(|c| (c.typed.clone(), c.term.clone()))
                    .collect();
                let corrected = query.with_alternatives(&pairs);
                self.add_hits(&mut planned, corrected.clone(), false, filter, limit)?;
                if let Some(expanded) = plan.expander.expand(&corrected) {
                    self.add_hits(&mut planned, expanded, false, filter, limit)?;
                }
                planned.corrections = typed_corrections(text, &corrections);
                widest = corrected;
            }
        }
        if planned.hits.len() < HANDFUL {
            let widest = plan.expander.expand(&widest).unwrap_or(widest);
            if let Some(any) = widest.any_item(is_question_word) {
                self.add_hits(&mut planned, any, true, filter, limit)?;
            }
        }
        Ok(planned)
    }

    /// Runs one query for sheets not found yet, and adds its hits.
    fn add_hits(
        &self,
        planned: &mut Planned,
        query: Query,
        any_word: bool,
        filter: &Filter,
        limit: Option<u64>,
    ) -> Result<()> {
        let found = u64::try_from(planned.hits.len()).unwrap_or(u64::MAX);
        let limit = match limit {
            Some(limit) if limit <= found => return Ok(()),
            Some(limit) => Some(limit - found),
            None => None,
        };
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
        }
        Ok(())
    }

    /// For each word of the query that may be a typo, the closest index
    /// term, if one is close enough: `(stem as typed, term, kept)`. A word
    /// of French or of the thesaurus is never one. A word the index does
    /// not hold is replaced; a word only a few sheets hold (a typo in a
    /// sheet, or a rare word) is kept beside a term many more sheets hold
    /// (`kept`).
    fn corrections(
        &self,
        text: &str,
        query: &Query,
        expander: &Expander,
    ) -> Result<Vec<Correction>> {
        let mut count = self
            .conn
            .prepare_cached("SELECT doc FROM sheet_search_terms WHERE term = ?1")?;
        let mut doubtful: Vec<(&str, String, i64)> = Vec::new();
        for stem in query.stems() {
            if expander.knows(stem) || is_french(stem) {
                continue;
            }
            let sheets: i64 = count
                .query_row([stem], |row| row.get(0))
                .optional()?
                .unwrap_or(0);
            if sheets > RARE {
                continue;
            }
            if let Some(typed) = typed_word(text, stem) {
                doubtful.push((stem, typed, sheets));
            }
        }
        if doubtful.is_empty() {
            return Ok(Vec::new());
        }
        // Terms with the same first letter first (typos there are rare, and
        // the range is a small part of the index); all the terms, read once,
        // only for words that found nothing there.
        let mut range = self.conn.prepare_cached(
            "SELECT term, doc FROM sheet_search_terms WHERE term >= ?1 AND term < ?2",
        )?;
        let mut all: Option<Vec<(String, i64)>> = None;
        let mut corrections = Vec::new();
        for (stem, typed, sheets) in doubtful {
            let Some(first) = stem.chars().next() else {
                continue;
            };
            // A rare word is only doubled by a far more frequent one.
            let least = if sheets == 0 { 0 } else { sheets * 3 };
            let after = char::from_u32(u32::from(first) + 1).unwrap_or(char::MAX);
            let near: Vec<(String, i64)> = range
                .query_map(params![first.to_string(), after.to_string()], |row| {
                    Ok((row.get(0)?, row.get(1)?))
                })?
                .collect::<rusqlite::Result<_>>()?;
            let mut best = correction(&typed, as_known(&near, least)).map(str::to_owned);
            if best.is_none() {
                if all.is_none() {
                    all = Some(
                        self.conn
                            .prepare_cached("SELECT term, doc FROM sheet_search_terms")?
                            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
                            .collect::<rusqlite::Result<_>>()?,
                    );
                }
                best = all
                    .as_deref()
                    .and_then(|terms| correction(&typed, as_known(terms, least)))
                    .map(str::to_owned);
            }
            if let Some(term) = best {
                corrections.push(Correction {
                    typed: stem.to_owned(),
                    term,
                    kept: sheets > 0,
                });
            }
        }
        Ok(corrections)
    }
}

/// A word held by at most this many sheets may be a typo that a sheet
/// shares: it is searched beside a close term far more sheets hold.
const RARE: i64 = 2;

/// A typo correction made by the planner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Correction {
    /// The word as typed (its stem inside the planner).
    pub typed: String,
    /// The index term searched for it.
    pub term: String,
    /// The word as typed is searched too (some sheets hold it).
    pub kept: bool,
}

/// Index terms held by at least `least` sheets, with their sheet counts,
/// as the corrector reads them.
fn as_known(terms: &[(String, i64)], least: i64) -> impl Iterator<Item = Known<'_>> {
    terms
        .iter()
        .filter(move |(_, sheets)| *sheets >= least)
        .map(|(term, sheets)| Known {
            term,
            sheets: *sheets,
        })
}

/// The word of `text` whose stem is `stem`.
fn typed_word(text: &str, stem: &str) -> Option<String> {
    crate::search::words(text)
        .find(|(_, w)| crate::search::stem(w) == stem)
        .map(|(_, w)| w.to_owned())
}

/// Corrections keyed by the word as typed instead of its stem.
fn typed_corrections(text: &str, corrections: &[Correction]) -> Vec<Correction> {
    corrections
        .iter()
        .map(|c| Correction {
            typed: typed_word(text, &c.typed).unwrap_or_else(|| c.typed.clone()),
            ..c.clone()
        })
        .collect()
}
