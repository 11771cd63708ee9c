//! Looking after the database file: what it holds, whether it is sound, and
//! compacting it.
//!
//! "Sound" includes "only pacte's own schema": a catalogue may come from
//! elsewhere, and a trigger or view planted in it would act on pacte's next
//! change. Its schema objects are compared with those pacte creates at the
//! same schema version (built once in memory by the same migrations).

use std::collections::{BTreeSet, HashMap};
use std::sync::{Mutex, OnceLock};

use anyhow::Result;
use rusqlite::Connection;
use serde::Serialize;

use super::{Store, schema};

/// Figures about the database, for `pacte db info`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Info {
    pub path: String,
    pub schema_version: i64,
    pub sheets: i64,
    /// Bytes used by the database pages.
    pub size_bytes: i64,
    /// When a sheet was last added or changed (RFC 3339), if ever.
    pub last_import: Option<String>,
}

/// What SQLite's integrity and foreign-key checks found; empty when sound.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Health {
    pub problems: Vec<String>,
}

impl Store {
    pub fn info(&self) -> Result<Info> {
        let value =
            |sql: &str| -> Result<i64> { Ok(self.conn.query_row(sql, [], |row| row.get(0))?) };
        Ok(Info {
            path: self
                .path()
                .map(|p| p.display().to_string())
                .unwrap_or_default(),
            schema_version: value("PRAGMA user_version")?,
            sheets: value("SELECT count(*) FROM sheets")?,
            size_bytes: value(
                "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()",
            )?,
            last_import: self
                .conn
                .query_row("SELECT max(imported_at) FROM sheets", [], |row| row.get(0))?,
        })
    }

    /// Runs SQLite's full integrity check and the foreign-key check.
    pub fn health(&self) -> Result<Health> {
        match self.check_integrity() {
            Ok(health) => Ok(health),
            // Damage can be bad enough that the check itself cannot run.
            Err(err) if is_corruption(&err) => Ok(Health {
                problems: vec![format!("{err:#}")],
            }),
            Err(err) => Err(err),
        }
    }

    fn check_integrity(&self) -> Result<Health> {
        let mut problems = foreign_objects(&self.conn)?;
        let mut ids = self.conn.prepare("SELECT id FROM sheets ORDER BY id")?;
        for id in ids.query_map([], |row| row.get::<_, String>(0))? {
            let id = id?;
            if let Err(why) = crate::validate::fields::id(&id) {
                problems.push(format!(
                    "the stored id `{}` {why}: no file or page can be named after it",
                    crate::chars::excerpt(&id.escape_debug().to_string())
                ));
            }
        }
        let mut integrity = self.conn.prepare("PRAGMA integrity_check")?;
        for row in integrity.query_map([], |row| row.get::<_, String>(0))? {
            let row = row?;
            if row != "ok" {
                problems.push(row);
            }
        }
        let mut foreign = self.conn.prepare("PRAGMA foreign_key_check")?;
        for row in foreign.query_map([], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, String>(2)?))
        })? {
            let (table, parent) = row?;
            problems.push(format!(
                "a row of {table} points to a missing row of {parent}"
            ));
        }
        Ok(Health { problems })
    }

    /// Rebuilds the file without free pages.
    pub fn vacuum(&self) -> Result<()> {
        self.conn.execute_batch("VACUUM")?;
        Ok(())
    }
}

/// One schema object, as SQLite lists it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Object {
    kind: String,
    name: String,
    /// The SQL with white space collapsed; empty for tables, whose text
    /// SQLite rewrites itself (`ALTER TABLE`, shadow tables of full-text
    /// indexes).
    sql: String,
}

fn objects(conn: &Connection) -> Result<BTreeSet<Object>> {
    let mut statement = conn.prepare("SELECT type, name, coalesce(sql, '') FROM sqlite_schema")?;
    let rows = statement.query_map([], |row| {
        let kind: String = row.get(0)?;
        let sql: String = row.get(2)?;
        Ok(Object {
            sql: if kind == "table" {
                String::new()
            } else {
                crate::chars::one_line(&sql)
            },
            kind,
            name: row.get(1)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The objects pacte's migrations create up to `version`, built once.
fn own_objects(version: i64) -> Result<BTreeSet<Object>> {
    static OWN: OnceLock<Mutex<HashMap<i64, BTreeSet<Object>>>> = OnceLock::new();
    let cache = OWN.get_or_init(Mutex::default);
    if let Some(own) = cache
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .get(&version)
    {
        return Ok(own.clone());
    }
    let conn = Connection::open_in_memory()?;
    super::add_functions(&conn)?;
    let tx = conn.unchecked_transaction()?;
    for migration in schema::MIGRATIONS
        .iter()
        .take(usize::try_from(version).unwrap_or(0))
    {
        tx.execute_batch(migration.sql)?;
        if let Some(then) = migration.then {
            then(&tx)?;
        }
    }
    let own = objects(&tx)?;
    drop(tx);
    cache
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .insert(version, own.clone());
    Ok(own)
}

/// SQLite's own bookkeeping, which any database may hold.
fn is_sqlite_internal(object: &Object) -> bool {
    (object.kind == "table"
        && (object.name == "sqlite_sequence" || object.name.starts_with("sqlite_stat")))
        || (object.kind == "index" && object.name.starts_with("sqlite_autoindex_"))
}

/// The schema objects of the database that pacte's own schema (at the
/// database's version) does not have, described for people.
pub(super) fn foreign_objects(conn: &Connection) -> Result<Vec<String>> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    if version <= 0 || version > schema::latest_version() {
        return Ok(Vec::new());
    }
    let own = own_objects(version)?;
    let unexpected: Vec<Object> = objects(conn)?
        .into_iter()
        .filter(|object| !own.contains(object) && !is_sqlite_internal(object))
        .collect();
    // Every writing command asks: the schema of the other versions is
    // built only when the database's own version does not explain it all.
    if unexpected.is_empty() {
        return Ok(Vec::new());
    }
    // An object that some version of pacte's schema creates, exactly as it
    // creates it, is pacte's own even at another version: a version number
    // changed by hand is explained by the migration, not called foreign.
    let mut any_version = BTreeSet::new();
    for earlier in 1..=schema::latest_version() {
        any_version.extend(own_objects(earlier)?);
    }
    let own_names: BTreeSet<(&str, &str)> = own
        .iter()
        .map(|o| (o.kind.as_str(), o.name.as_str()))
        .collect();
    Ok(unexpected
        .into_iter()
        .filter(|object| !any_version.contains(object))
        .map(|object| {
            let name = crate::chars::excerpt(&object.name.escape_debug().to_string()).into_owned();
            if own_names.contains(&(object.kind.as_str(), object.name.as_str())) {
                format!("the {} `{name}` differs from pacte's", object.kind)
            } else {
                format!("a foreign {} `{name}`", object.kind)
            }
        })
        .collect())
}

/// Whether an error says the database file is damaged.
pub fn is_corruption(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<rusqlite::Error>()
            .and_then(rusqlite::Error::sqlite_error_code)
            .is_some_and(|code| code == rusqlite::ErrorCode::DatabaseCorrupt)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::schema;

    #[test]
    fn a_new_database_is_sound_and_empty() {
        let store = Store::open_in_memory().unwrap();
        let info = store.info().unwrap();
        assert_eq!(info.sheets, 0);
        assert_eq!(info.schema_version, schema::latest_version());
        assert_eq!(info.last_import, None);
        assert!(store.health().unwrap().problems.is_empty());
    }
}
