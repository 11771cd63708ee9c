//! Typo correction from the index's own terms, for the search planner.
//!
//! Invariants: a word of French or of the thesaurus is never corrected; a
//! word the index does not hold is replaced by its correction; a word only
//! a few sheets hold is searched beside a close word far more sheets hold,
//! so a typo that one sheet shares does not hide the others.

use std::collections::HashMap;

use anyhow::Result;
use rusqlite::{OptionalExtension, params};

use crate::search::{
    Expander, Known, MAX_CORRECTED, Query, RARE, RARE_DOUBLED_BY, correction, is_french,
};

use super::Store;

impl Store {
    /// For each word of the query that may be a typo, the closest index
    /// term, if one is close enough: `(stem as typed, term, kept)`. A word
    /// of French or of the thesaurus is never one. A word the index does
    /// not hold is replaced; a word only a few sheets hold (a typo in a
    /// sheet, or a rare word) is kept beside a term many more sheets hold
    /// (`kept`).
    pub(super) fn corrections(
        &self,
        typed: &Typed,
        query: &Query,
        expander: &Expander,
    ) -> Result<Vec<Correction>> {
        let mut count = self
            .conn
            .prepare_cached("SELECT doc FROM sheet_search_terms WHERE term = ?1")?;
        let mut doubtful: Vec<(&str, String, i64)> = Vec::new();
        for stem in query.stems() {
            if doubtful.len() == MAX_CORRECTED {
                break;
            }
            if expander.knows(stem) || is_french(stem) {
                continue;
            }
            let sheets: i64 = count
                .query_row([stem], |row| row.get(0))
                .optional()?
                .unwrap_or(0);
            if sheets > i64::try_from(RARE).unwrap_or(i64::MAX) {
                continue;
            }
            if let Some(word) = typed.word(stem) {
                doubtful.push((stem, word.to_owned(), sheets));
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
        for (stem, word, sheets) in doubtful {
            let Some(first) = stem.chars().next() else {
                continue;
            };
            // A rare word is only doubled by a far more frequent one.
            let least = if sheets == 0 {
                0
            } else {
                sheets.saturating_mul(i64::try_from(RARE_DOUBLED_BY).unwrap_or(i64::MAX))
            };
            let after = char::from_u32(u32::from(first) + 1).unwrap_or(char::MAX);
            let near: Vec<(String, i64)> = range
                .query_map(params![first.to_string(), after.to_string()], |row| {
                    Ok((row.get(0)?, row.get(1)?))
                })?
                .collect::<rusqlite::Result<_>>()?;
            let mut best = correction(&word, as_known(&near, least)).map(str::to_owned);
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
                    .and_then(|terms| correction(&word, as_known(terms, least)))
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

/// The words of a query as typed, by stem (the first word with each stem),
/// read once so that naming words stays linear in the query's length.
pub(super) struct Typed(HashMap<String, String>);

impl Typed {
    pub(super) fn new(text: &str) -> Typed {
        let mut map = HashMap::new();
        for (_, word) in crate::search::words(text) {
            map.entry(crate::search::stem(word))
                .or_insert_with(|| word.to_owned());
        }
        Typed(map)
    }

    /// The typed word whose stem is `stem`.
    pub(super) fn word(&self, stem: &str) -> Option<&str> {
        self.0.get(stem).map(String::as_str)
    }

    /// The typed word whose stem is `stem`, or the stem.
    pub(super) fn or_stem(&self, stem: &str) -> String {
        self.word(stem).unwrap_or(stem).to_owned()
    }
}

/// Corrections keyed by the word as typed instead of its stem.
pub(super) fn typed_corrections(typed: &Typed, corrections: &[Correction]) -> Vec<Correction> {
    corrections
        .iter()
        .map(|c| Correction {
            typed: typed.or_stem(&c.typed),
            ..c.clone()
        })
        .collect()
}
