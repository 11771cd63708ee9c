//! The SQLite store: opening and migrating the file, importing sheets,
//! querying them. SQL lives here and nowhere else.
//!
//! Every statement binds its values as parameters; the only SQL assembled at
//! run time is made of fixed fragments chosen from the user's options.

mod import;
mod query;
mod schema;

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result};
use rusqlite::Connection;

pub use import::{ImportReport, ImportedSheet, Outcome};
pub use query::{Filter, ListRow};
pub use schema::latest_version;

pub struct Store {
    conn: Connection,
}

/// How long a command waits for another pacte that holds the database.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

impl Store {
    /// Opens (creating it and its folder when missing) the database at
    /// `path`, and migrates it to the current schema.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create the folder {}", parent.display()))?;
        }
        let conn = Connection::open(path)
            .with_context(|| format!("cannot open the database {}", path.display()))?;
        Store::setup(conn).with_context(|| format!("cannot use the database {}", path.display()))
    }

    /// A private database in memory, for tests.
    pub fn open_in_memory() -> Result<Store> {
        Store::setup(Connection::open_in_memory()?)
    }

    fn setup(mut conn: Connection) -> Result<Store> {
        conn.busy_timeout(BUSY_TIMEOUT)?;
        conn.pragma_update(None, "foreign_keys", true)?;
        // The identity and version checks come before anything that writes,
        // so a refused file is left untouched.
        schema::migrate(&mut conn)?;
        conn.pragma_update(None, "journal_mode", "wal")?;
        Ok(Store { conn })
    }
}

/// Where the database lives: `--db`/`PACTE_DB` when given, else the user's
/// data directory (`~/.local/share/pacte/pacte.db` on Linux).
pub fn default_path() -> Result<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "pacte").context(
        "cannot find your home directory to place the database: give a path with --db or PACTE_DB",
    )?;
    Ok(dirs.data_dir().join("pacte.db"))
}
