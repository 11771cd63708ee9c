//! Looking after the database file: what it holds, whether it is sound, and
//! compacting it.

use anyhow::Result;
use serde::Serialize;

use super::Store;

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
        let mut problems = Vec::new();
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
