//! Reading sheets back: filtered listings, one whole sheet, all ids.
//!
//! Filters are fixed SQL fragments, each with one bound parameter; a set of
//! accepted values travels as a JSON array read with `json_each`, so no user
//! text and no variable number of placeholders ever reaches the SQL.

use std::collections::HashMap;

use anyhow::{Context, Result};
use rusqlite::OptionalExtension;
use serde::Serialize;

use crate::sheet::{Period, Sheet, Status};

use super::Store;

/// Which sheets to select. Each inner list is a set of accepted values (any
/// may match); every set must match.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Theme codes.
    pub themes: Vec<Vec<String>>,
    /// Public codes.
    pub publics: Vec<Vec<String>>,
    pub statuses: Vec<Vec<Status>>,
    /// Folded substrings of the structure's name.
    pub structures: Vec<String>,
    pub reproducible_only: bool,
}

/// One line of a listing. Field names are the schema's.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ListRow {
    pub id: String,
    pub title: String,
    pub structure: String,
    pub status: Status,
    pub reproducible: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    pub themes: Vec<String>,
    pub publics: Vec<String>,
}

const SELECT_ROWS: &str = "
    SELECT s.id, s.title, s.structure, s.status, s.reproducible, s.period_start, s.period_end,
           (SELECT json_group_array(code) FROM
               (SELECT code FROM sheet_themes WHERE sheet_id = s.id ORDER BY position)),
           (SELECT json_group_array(code) FROM
               (SELECT code FROM sheet_publics WHERE sheet_id = s.id ORDER BY position))
    FROM sheets s WHERE 1 = 1";
const WITH_THEME: &str = " AND EXISTS (SELECT 1 FROM sheet_themes t
    WHERE t.sheet_id = s.id AND t.code IN (SELECT value FROM json_each(?)))";
const WITH_PUBLIC: &str = " AND EXISTS (SELECT 1 FROM sheet_publics p
    WHERE p.sheet_id = s.id AND p.code IN (SELECT value FROM json_each(?)))";
const WITH_STATUS: &str = " AND s.status IN (SELECT value FROM json_each(?))";
const WITH_STRUCTURE: &str = " AND instr(s.structure_key, ?) > 0";
const REPRODUCIBLE: &str = " AND s.reproducible = 1";
const ORDER_BY_ID: &str = " ORDER BY s.id";

impl Store {
    pub fn list(&self, filter: &Filter) -> Result<Vec<ListRow>> {
        let mut sql = String::from(SELECT_ROWS);
        let mut params: Vec<String> = Vec::new();
        for codes in &filter.themes {
            sql.push_str(WITH_THEME);
            params.push(serde_json::to_string(codes)?);
        }
        for codes in &filter.publics {
            sql.push_str(WITH_PUBLIC);
            params.push(serde_json::to_string(codes)?);
        }
        for statuses in &filter.statuses {
            sql.push_str(WITH_STATUS);
            params.push(serde_json::to_string(statuses)?);
        }
        for text in &filter.structures {
            sql.push_str(WITH_STRUCTURE);
            params.push(text.clone());
        }
        if filter.reproducible_only {
            sql.push_str(REPRODUCIBLE);
        }
        sql.push_str(ORDER_BY_ID);

        let mut statement = self.conn.prepare_cached(&sql)?;
        let rows = statement.query_map(rusqlite::params_from_iter(&params), |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, String>(2)?,
                row.get::<_, String>(3)?,
                row.get::<_, bool>(4)?,
                row.get::<_, Option<i32>>(5)?,
                row.get::<_, Option<i32>>(6)?,
                row.get::<_, String>(7)?,
                row.get::<_, String>(8)?,
            ))
        })?;
        let mut list = Vec::new();
        for row in rows {
            let (id, title, structure, status, reproducible, start, end, themes, publics) = row?;
            list.push(ListRow {
                status: Status::parse(&status)
                    .with_context(|| format!("the stored status of `{id}` is `{status}`"))?,
                id,
                title,
                structure,
                reproducible,
                period: start.map(|start| Period { start, end }),
                themes: serde_json::from_str(&themes)?,
                publics: serde_json::from_str(&publics)?,
            });
        }
        Ok(list)
    }

    /// The whole stored sheet.
    pub fn get(&self, id: &str) -> Result<Option<Sheet>> {
        let body: Option<String> = self
            .conn
            .prepare_cached("SELECT body FROM sheets WHERE id = ?1")?
            .query_row([id], |row| row.get(0))
            .optional()?;
        body.map(|body| {
            serde_json::from_str(&body)
                .with_context(|| format!("the stored sheet `{id}` is damaged"))
        })
        .transpose()
    }

    /// The source file of each of these ids that is stored.
    pub fn owners<'a>(
        &self,
        ids: impl IntoIterator<Item = &'a str>,
    ) -> Result<HashMap<String, String>> {
        let mut statement = self
            .conn
            .prepare_cached("SELECT source FROM sheets WHERE id = ?1")?;
        let mut owners = HashMap::new();
        for id in ids {
            if let Some(source) = statement
                .query_row([id], |row| row.get::<_, String>(0))
                .optional()?
            {
                owners.insert(id.to_owned(), source);
            }
        }
        Ok(owners)
    }

    /// Every stored id, in order.
    pub fn ids(&self) -> Result<Vec<String>> {
        let mut statement = self
            .conn
            .prepare_cached("SELECT id FROM sheets ORDER BY id")?;
        let ids = statement.query_map([], |row| row.get(0))?;
        Ok(ids.collect::<rusqlite::Result<_>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sheet::Status;

    fn sheet(id: &str, themes: &[&str], status: Status, structure: &str) -> Sheet {
        Sheet {
            id: id.to_owned(),
            title: format!("Titre {id}"),
            structure: structure.to_owned(),
            territory: None,
            department: None,
            status,
            reproducible: id.ends_with('r'),
            period: None,
            themes: themes.iter().map(|t| (*t).to_owned()).collect(),
            publics: Vec::new(),
            partners: None,
            objectives: vec!["Un objectif".to_owned()],
            description: "Texte".to_owned(),
            means: None,
            staff_fte: None,
            budget: None,
            results: None,
            tools: Vec::new(),
            added_value: None,
            contacts: Vec::new(),
            transfer: None,
            updated: None,
            links: Vec::new(),
        }
    }

    fn store() -> Store {
        let mut store = Store::open_in_memory().unwrap();
        let a = sheet(
            "a",
            &["ess", "gptec"],
            Status::Finished,
            "Maison de l'Emploi de Thann",
        );
        let b = sheet("b-r", &["iae"], Status::Ongoing, "PLIE Équinoxe");
        let c = sheet("c-r", &["ess"], Status::Planned, "Réseau ESS");
        store
            .import(&[(&a, "a.yaml"), (&b, "b.yaml"), (&c, "c.yaml")], false)
            .unwrap();
        store
    }

    fn ids(store: &Store, filter: &Filter) -> Vec<String> {
        store
            .list(filter)
            .unwrap()
            .into_iter()
            .map(|r| r.id)
            .collect()
    }

    #[test]
    fn filters_select_and_combine() {
        let store = store();
        let cases: Vec<(Filter, Vec<&str>)> = vec![
            (Filter::default(), vec!["a", "b-r", "c-r"]),
            (
                Filter {
                    themes: vec![vec!["ess".into()]],
                    ..Filter::default()
                },
                vec!["a", "c-r"],
            ),
            (
                Filter {
                    themes: vec![vec!["ess".into()], vec!["gptec".into()]],
                    ..Filter::default()
                },
                vec!["a"],
            ),
            (
                Filter {
                    themes: vec![vec!["gptec".into(), "iae".into()]],
                    ..Filter::default()
                },
                vec!["a", "b-r"],
            ),
            (
                Filter {
                    statuses: vec![vec![Status::Ongoing]],
                    ..Filter::default()
                },
                vec!["b-r"],
            ),
            (
                Filter {
                    structures: vec!["equinoxe".into()],
                    ..Filter::default()
                },
                vec!["b-r"],
            ),
            (
                Filter {
                    reproducible_only: true,
                    ..Filter::default()
                },
                vec!["b-r", "c-r"],
            ),
            (
                Filter {
                    themes: vec![vec!["mobilite".into()]],
                    ..Filter::default()
                },
                vec![],
            ),
        ];
        for (filter, expected) in cases {
            assert_eq!(ids(&store, &filter), expected, "{filter:?}");
        }
    }

    #[test]
    fn rows_keep_theme_order_and_get_returns_the_whole_sheet() {
        let store = store();
        let rows = store.list(&Filter::default()).unwrap();
        assert_eq!(rows[0].themes, vec!["ess", "gptec"]);
        let sheet = store.get("a").unwrap().unwrap();
        assert_eq!(sheet.structure, "Maison de l'Emploi de Thann");
        assert!(store.get("zz").unwrap().is_none());
    }

    #[test]
    fn reimporting_the_same_sheet_is_unchanged_and_a_change_is_an_update() {
        let mut store = store();
        let mut a = sheet(
            "a",
            &["ess", "gptec"],
            Status::Finished,
            "Maison de l'Emploi de Thann",
        );
        let report = store.import(&[(&a, "a.yaml")], false).unwrap();
        assert_eq!(report.sheets[0].outcome, Outcome::Unchanged);
        a.title = "Nouveau titre".into();
        let report = store.import(&[(&a, "a.yaml")], true).unwrap();
        assert_eq!(report.sheets[0].outcome, Outcome::Updated);
        assert_eq!(
            store.get("a").unwrap().unwrap().title,
            "Titre a",
            "dry run wrote"
        );
        store.import(&[(&a, "a.yaml")], false).unwrap();
        assert_eq!(store.get("a").unwrap().unwrap().title, "Nouveau titre");
    }

    use super::super::Outcome;
}
