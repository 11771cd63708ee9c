//! Reading sheets back: filtered listings, one whole sheet, all ids.

use anyhow::{Context, Result};
use rusqlite::OptionalExtension;
use serde::Serialize;

use crate::sheet::{Money, Period, Sheet, Status};

use super::Store;
use super::filter::{Filter, Order};

/// One line of a listing. Field names are the schema's.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ListRow {
    pub id: String,
    pub title: String,
    pub structure: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub territory: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    pub status: Status,
    pub reproducible: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    pub themes: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub publics: Vec<String>,
    /// `budget.total`, in euros.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub budget: Option<Money>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updated: Option<String>,
}

/// The columns of a [`ListRow`], selected from `sheets s`.
pub(super) const ROW_COLUMNS: &str = "
    s.id, s.title, s.structure, s.territory, s.department, s.status, s.reproducible,
    s.period_start, s.period_end,
    (SELECT json_group_array(code) FROM
        (SELECT code FROM sheet_themes WHERE sheet_id = s.id ORDER BY position)),
    (SELECT json_group_array(code) FROM
        (SELECT code FROM sheet_publics WHERE sheet_id = s.id ORDER BY position)),
    s.budget_cents, s.updated";

/// Reads a [`ListRow`] from the first columns of `row`, in
/// [`ROW_COLUMNS`] order.
pub(super) fn read_row(row: &rusqlite::Row) -> rusqlite::Result<ListRow> {
    let id: String = row.get(0)?;
    let status: String = row.get(5)?;
    let json_list = |index: usize| -> rusqlite::Result<Vec<String>> {
        let text: String = row.get(index)?;
        serde_json::from_str(&text).map_err(|err| {
            rusqlite::Error::FromSqlConversionFailure(
                index,
                rusqlite::types::Type::Text,
                Box::new(err),
            )
        })
    };
    let start: Option<i32> = row.get(7)?;
    let end: Option<i32> = row.get(8)?;
    Ok(ListRow {
        status: Status::parse(&status).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(
                5,
                rusqlite::types::Type::Text,
                format!("the stored status of `{id}` is `{status}`").into(),
            )
        })?,
        title: row.get(1)?,
        structure: row.get(2)?,
        territory: row.get(3)?,
        department: row.get(4)?,
        reproducible: row.get(6)?,
        period: start.map(|start| Period { start, end }),
        themes: json_list(9)?,
        publics: json_list(10)?,
        budget: row.get::<_, Option<i64>>(11)?.map(|cents| Money { cents }),
        updated: row.get(12)?,
        id,
    })
}

impl Store {
    /// The sheets the filter selects, in order, at most `limit` of them.
    pub fn list(&self, filter: &Filter, order: Order, limit: Option<u64>) -> Result<Vec<ListRow>> {
        let clause = filter.ordered_clause(order, limit);
        let sql = format!("SELECT {ROW_COLUMNS} FROM sheets s{}", clause.sql);
        let mut statement = self.conn.prepare_cached(&sql)?;
        let rows = statement.query_map(rusqlite::params_from_iter(&clause.params), read_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The whole stored sheets that the filter selects, in order.
    pub fn sheets(&self, filter: &Filter, order: Order, limit: Option<u64>) -> Result<Vec<Sheet>> {
        let mut sheets = Vec::new();
        self.each_sheet(filter, order, limit, |sheet| {
            sheets.push(sheet);
            Ok(())
        })?;
        Ok(sheets)
    }

    /// Hands the whole stored sheets that the filter selects to `each`, in
    /// order, one at a time: a large catalogue is never held whole.
    pub fn each_sheet(
        &self,
        filter: &Filter,
        order: Order,
        limit: Option<u64>,
        mut each: impl FnMut(Sheet) -> Result<()>,
    ) -> Result<()> {
        let clause = filter.ordered_clause(order, limit);
        let sql = format!(
            "SELECT s.id, (SELECT body FROM sheet_bodies WHERE sheet_id = s.id) FROM sheets s{}",
            clause.sql
        );
        let mut statement = self.conn.prepare_cached(&sql)?;
        let mut rows = statement.query(rusqlite::params_from_iter(&clause.params))?;
        while let Some(row) = rows.next()? {
            // Read in place: the row's texts live until the next row.
            let id = row.get_ref(0)?.as_str()?;
            let sheet: Sheet = row
                .get_ref(1)?
                .as_str()
                .map_err(anyhow::Error::from)
                .and_then(|body| Ok(serde_json::from_str(body)?))
                .with_context(|| format!("the stored sheet `{id}` is damaged"))?;
            each(sheet)?;
        }
        Ok(())
    }

    /// The id and the hash of the stored content of each sheet the filter
    /// selects, by id: what tells that the selection changed, without
    /// reading the sheets.
    pub fn content_hashes(&self, filter: &Filter) -> Result<Vec<(String, String)>> {
        let clause = filter.ordered_clause(
            Order {
                key: super::SortKey::Id,
                reverse: false,
            },
            None,
        );
        let sql = format!("SELECT s.id, s.hash FROM sheets s{}", clause.sql);
        let mut statement = self.conn.prepare_cached(&sql)?;
        let rows = statement.query_map(rusqlite::params_from_iter(&clause.params), |row| {
            Ok((row.get(0)?, row.get(1)?))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Runs `work` on one snapshot of the catalogue (a read transaction):
    /// several queries see the same sheets even while another pacte
    /// imports.
    ///
    /// A snapshot walks the whole catalogue: through the memory map every
    /// page it touches would stay in the process until the end, so it reads
    /// through SQLite's page cache instead, whose size is fixed.
    pub fn snapshot<T>(&self, work: impl FnOnce(&Store) -> Result<T>) -> Result<T> {
        self.conn.pragma_update(None, "mmap_size", 0)?;
        let transaction = self.conn.unchecked_transaction()?;
        let result = work(self)?;
        transaction.commit()?;
        self.conn
            .pragma_update(None, "mmap_size", super::MMAP_BYTES)?;
        Ok(result)
    }

    /// The whole stored sheet.
    pub fn get(&self, id: &str) -> Result<Option<Sheet>> {
        let body: Option<String> = self
            .conn
            .prepare_cached("SELECT body FROM sheet_bodies WHERE sheet_id = ?1")?
            .query_row([id], |row| row.get(0))
            .optional()?;
        body.map(|body| {
            serde_json::from_str(&body)
                .with_context(|| format!("the stored sheet `{id}` is damaged"))
        })
        .transpose()
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
            status,
            reproducible: id.ends_with('r'),
            themes: themes.iter().map(|t| (*t).to_owned()).collect(),
            objectives: vec!["Un objectif".to_owned()],
            description: "Texte".to_owned(),
            ..Sheet::default()
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
            .list(filter, Order::default(), None)
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
                    structures: vec![vec!["equinoxe".into()]],
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
        let rows = store
            .list(&Filter::default(), Order::default(), None)
            .unwrap();
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
