//! The SQLite store: opening and migrating the file, importing sheets,
//! querying them. SQL lives here and nowhere else.
//!
//! Every statement binds its values as parameters; the only SQL assembled at
//! run time is made of fixed fragments chosen from the user's options.

mod filter;
mod import;
mod maintenance;
mod query;
mod related;
mod review;
mod schema;
mod search;
mod stats;

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result};
use rusqlite::functions::FunctionFlags;
use rusqlite::{Connection, ErrorCode, OpenFlags};

pub use filter::{Filter, Order, SortKey};
pub use import::{ImportBatch, ImportReport, ImportedSheet, Outcome, Prepared};
pub use maintenance::{Health, Info, is_corruption};
pub use query::ListRow;
pub use related::{Relation, Shared};
pub use review::Sourced;
pub use schema::latest_version;
pub use search::Hit;
pub use stats::{Count, Facet};

pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
}

/// Whether a command will write. Reading commands open an existing file
/// read-only, so they work on a shared or write-protected catalogue and can
/// never change it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Read,
    Write,
}

/// Puts the file in write-ahead-log mode (it stays so), so that readers go
/// on while an import writes. Switching needs the file to itself: when
/// another pacte is starting at the same moment, it is tried again until
/// the busy timeout, as every other statement waits.
fn use_write_ahead_log(conn: &Connection) -> Result<()> {
    let started = std::time::Instant::now();
    loop {
        let mode: String = conn.pragma_query_value(None, "journal_mode", |row| row.get(0))?;
        if mode.eq_ignore_ascii_case("wal") || mode.eq_ignore_ascii_case("memory") {
            return Ok(());
        }
        match conn
            .pragma_update_and_check(None, "journal_mode", "wal", |row| row.get::<_, String>(0))
        {
            Ok(_) => return Ok(()),
            Err(err)
                if err.sqlite_error_code() == Some(ErrorCode::DatabaseBusy)
                    && started.elapsed() < BUSY_TIMEOUT =>
            {
                std::thread::sleep(Duration::from_millis(20));
            }
            Err(err) => return Err(err.into()),
        }
    }
}

/// How much of the file queries may map into memory.
const MMAP_BYTES: i64 = 1 << 30;

/// How long a command waits for another pacte that holds the database.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

impl Store {
    /// Opens the database at `path`, creating it (and its folder) on first
    /// use, and migrating it to the current schema when it may write.
    pub fn open(path: &Path, access: Access) -> Result<Store> {
        let context = || format!("cannot use the database {}", path.display());
        if access == Access::Read && path.is_file() {
            let conn = Connection::open_with_flags(
                path,
                OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )
            .map_err(explain)
            .with_context(context)?;
            conn.busy_timeout(BUSY_TIMEOUT)?;
            add_functions(&conn)?;
            match schema::check(&conn)
                .map_err(explain_any)
                .with_context(context)?
            {
                schema::State::Current => {
                    return Ok(Store {
                        conn,
                        path: Some(path.to_owned()),
                    });
                }
                // An older schema: upgrade it, which needs write access.
                schema::State::Empty | schema::State::Older => {}
            }
        }
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create the folder {}", parent.display()))?;
        }
        let conn = Connection::open(path)
            .map_err(explain)
            .with_context(context)?;
        let mut store = Store::setup(conn)
            .map_err(explain_any)
            .with_context(context)?;
        store.path = Some(path.to_owned());
        Ok(store)
    }

    /// A private database in memory, for tests.
    pub fn open_in_memory() -> Result<Store> {
        Store::setup(Connection::open_in_memory()?)
    }

    fn setup(mut conn: Connection) -> Result<Store> {
        conn.busy_timeout(BUSY_TIMEOUT)?;
        add_functions(&conn)?;
        conn.pragma_update(None, "foreign_keys", true)?;
        // The identity and version checks come before anything that writes,
        // so a refused file is left untouched.
        schema::check(&conn)?;
        use_write_ahead_log(&conn)?;
        schema::migrate(&mut conn)?;
        Ok(Store { conn, path: None })
    }

    /// The file behind this store, if it is not in memory.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }
}

/// Per-connection settings for queries, and the SQL functions they use:
/// `pacte_fold(text)` folds case, accents
/// and separators as [`crate::sheet::fold`] does, so that filters match the
/// way people spell.
fn add_functions(conn: &Connection) -> rusqlite::Result<()> {
    // Reading pages through a memory map spares a copy per page read, which
    // is most of the cost of a query that scans a large catalogue.
    conn.pragma_update(None, "mmap_size", MMAP_BYTES)?;
    conn.create_scalar_function(
        "pacte_fold",
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            let text: Option<String> = ctx.get(0)?;
            Ok(text.map(|t| crate::sheet::fold(&t)))
        },
    )
}

/// SQLite's own words for a file that is not a database are terse; say what
/// to do.
fn explain(err: rusqlite::Error) -> anyhow::Error {
    match err.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => anyhow::anyhow!(
            "the file is not a SQLite database, or it is damaged: choose another path with \
             --db or PACTE_DB, or restore the file from a copy"
        ),
        Some(ErrorCode::ReadOnly) => anyhow::anyhow!(
            "the file is read-only: pacte can list and show its sheets but not change them"
        ),
        Some(ErrorCode::CannotOpen) => {
            anyhow::anyhow!("{err}: check that the folder exists and that you may write in it")
        }
        _ => err.into(),
    }
}

fn explain_any(err: anyhow::Error) -> anyhow::Error {
    match err.downcast::<rusqlite::Error>() {
        Ok(sqlite) => explain(sqlite),
        Err(other) => other,
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
