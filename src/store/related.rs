//! "More like this": the sheets that share most with one sheet.
//!
//! A sheet scores 3 per shared theme, 2 per shared public, partner or
//! funder (names compared through the thesaurus, so `FSE` and "Fonds social
//! européen" are one funder), and up to 3 for the words of its text that match the words of the
//! other's title and objectives (bm25, scaled to the best match).

use std::collections::{BTreeSet, HashMap};

use anyhow::Result;
use rusqlite::types::Value;

use crate::search::{Query, analyze};
use crate::sheet::{Sheet, fold};

use super::Store;
use super::index::RANK;
use super::query::{ListRow, ROW_COLUMNS, read_row};

const THEME_WEIGHT: f64 = 3.0;
const OTHER_WEIGHT: f64 = 2.0;
const WORDS_WEIGHT: f64 = 3.0;
/// Words of a title or objective shorter than this say little ("les", "des").
const MIN_WORD: usize = 4;

/// What a related sheet shares with the reference one.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Shared {
    pub themes: BTreeSet<String>,
    pub publics: BTreeSet<String>,
    pub partners: BTreeSet<String>,
    pub funders: BTreeSet<String>,
    /// 0 to 1: how well its words match, relative to the best match.
    pub words: f64,
}

impl Shared {
    pub fn score(&self) -> f64 {
        #[allow(clippy::cast_precision_loss)] // a handful of items
        let count = |set: &BTreeSet<String>| set.len() as f64;
        THEME_WEIGHT * count(&self.themes)
            + OTHER_WEIGHT * (count(&self.publics) + count(&self.partners) + count(&self.funders))
            + WORDS_WEIGHT * self.words
    }
}

/// Which set of [`Shared`] a lookup fills.
type SharedField = fn(&mut Shared) -> &mut BTreeSet<String>;

#[derive(Debug, Clone, PartialEq)]
pub struct Relation {
    pub row: ListRow,
    pub score: f64,
    pub shared: Shared,
}

const SHARED_THEMES: &str = "SELECT sheet_id, code FROM sheet_themes
    WHERE code IN (SELECT value FROM json_each(?1)) AND sheet_id != ?2";
const SHARED_PUBLICS: &str = "SELECT sheet_id, code FROM sheet_publics
    WHERE code IN (SELECT value FROM json_each(?1)) AND sheet_id != ?2";
const SHARED_PARTNERS: &str = "SELECT sheet_id, name FROM sheet_partners
    WHERE role != 'funder'
    AND pacte_name_key(name) IN (SELECT pacte_name_key(value) FROM json_each(?1))
    AND sheet_id != ?2";
const SHARED_FUNDERS: &str = "SELECT sheet_id, name FROM (
        SELECT sheet_id, name FROM sheet_partners WHERE role = 'funder'
        UNION ALL SELECT sheet_id, source FROM sheet_funding)
    WHERE pacte_name_key(name) IN (SELECT pacte_name_key(value) FROM json_each(?1))
    AND sheet_id != ?2";
/// Follows `SELECT s.id, -{RANK}` (the search's own column weights).
const SIMILAR_WORDS: &str = " FROM sheet_search
    JOIN sheets s ON s.rowid = sheet_search.rowid
    WHERE sheet_search MATCH ?1 AND s.id != ?2";
const ROWS_BY_ID: &str = " WHERE s.id IN (SELECT value FROM json_each(?1))";

fn funders(sheet: &Sheet) -> Vec<&str> {
    let mut names: Vec<&str> = sheet
        .partners
        .iter()
        .flat_map(|p| p.funders.iter().map(String::as_str))
        .collect();
    names.extend(
        sheet
            .budget
            .iter()
            .flat_map(|b| b.funding.iter().map(|f| f.source.as_str())),
    );
    names
}

impl Store {
    /// The `limit` sheets sharing most with `sheet`, best first; sheets that
    /// share nothing are left out.
    pub fn related(&self, sheet: &Sheet, limit: usize) -> Result<Vec<Relation>> {
        self.searchable()?;
        let mut shared = self.shared_names(sheet)?;
        self.add_similar_words(sheet, &mut shared)?;

        let mut ranked: Vec<(String, Shared)> = shared
            .into_iter()
            .filter(|(_, s)| s.score() > 0.0)
            .collect();
        ranked.sort_by(|(a_id, a), (b_id, b)| {
            b.score().total_cmp(&a.score()).then_with(|| a_id.cmp(b_id))
        });
        ranked.truncate(limit);

        let ids: Vec<&str> = ranked.iter().map(|(id, _)| id.as_str()).collect();
        let mut statement = self
            .conn
            .prepare_cached(&format!("SELECT {ROW_COLUMNS} FROM sheets s{ROWS_BY_ID}"))?;
        let rows = statement.query_map([Value::Text(serde_json::to_string(&ids)?)], read_row)?;
        let mut by_id: HashMap<String, ListRow> = HashMap::new();
        for row in rows {
            let row = row?;
            by_id.insert(row.id.clone(), row);
        }
        Ok(ranked
            .into_iter()
            .filter_map(|(id, shared)| {
                by_id.remove(&id).map(|row| Relation {
                    row,
                    score: shared.score(),
                    shared,
                })
            })
            .collect())
    }

    /// The themes, publics, partners and funders each other sheet shares
    /// with `sheet`.
    fn shared_names(&self, sheet: &Sheet) -> Result<HashMap<String, Shared>> {
        let mut shared: HashMap<String, Shared> = HashMap::new();
        let folded = |names: Vec<&str>| -> Vec<String> { names.into_iter().map(fold).collect() };
        let partners: Vec<&str> = sheet
            .partners
            .iter()
            .flat_map(|p| p.specific.iter().chain(&p.others).map(String::as_str))
            .collect();
        let lookups: [(&str, Vec<String>, SharedField); 4] = [
            (SHARED_THEMES, sheet.themes.clone(), |s| &mut s.themes),
            (SHARED_PUBLICS, sheet.publics.clone(), |s| &mut s.publics),
            (SHARED_PARTNERS, folded(partners), |s| &mut s.partners),
            (SHARED_FUNDERS, folded(funders(sheet)), |s| &mut s.funders),
        ];
        for (sql, values, field) in lookups {
            if values.is_empty() {
                continue;
            }
            let mut statement = self.conn.prepare_cached(sql)?;
            let rows = statement.query_map(
                rusqlite::params![serde_json::to_string(&values)?, sheet.id],
                |row| Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?)),
            )?;
            for row in rows {
                let (id, value) = row?;
                field(shared.entry(id).or_default()).insert(value);
            }
        }
        Ok(shared)
    }

    /// Scores how well the words of each other sheet match those of the
    /// title and objectives of `sheet`, relative to the best match.
    fn add_similar_words(&self, sheet: &Sheet, shared: &mut HashMap<String, Shared>) -> Result<()> {
        let mut words: BTreeSet<String> = BTreeSet::new();
        for text in std::iter::once(&sheet.title).chain(&sheet.objectives) {
            words.extend(
                analyze(text)
                    .split(' ')
                    .filter(|w| w.chars().count() >= MIN_WORD)
                    .map(str::to_owned),
            );
        }
        if let Some(query) = Query::any_of(words) {
            let sql = format!("SELECT s.id, -{RANK}{SIMILAR_WORDS}");
            let mut statement = self.conn.prepare_cached(&sql)?;
            let rows = statement.query_map(rusqlite::params![query.fts(), sheet.id], |row| {
                Ok((row.get::<_, String>(0)?, row.get::<_, f64>(1)?))
            })?;
            let matches: Vec<(String, f64)> = rows.collect::<rusqlite::Result<_>>()?;
            let best = matches.iter().map(|(_, s)| *s).fold(0.0_f64, f64::max);
            if best > 0.0 {
                for (id, score) in matches {
                    shared.entry(id).or_default().words = score / best;
                }
            }
        }
        Ok(())
    }
}
