//! The SQLite store: opening and migrating the file, importing sheets,
//! querying them. SQL lives here and nowhere else.
//!
//! Every statement binds its values as parameters; the only SQL assembled at
//! run time is made of fixed fragments chosen from the user's options.

mod documents;
mod drift;
mod files;
mod filter;
mod import;
mod index;
mod maintenance;
mod names;
mod open;
mod query;
mod related;
mod review;
mod rewrite;
mod rows;
mod schema;
mod search;
mod stats;
mod sync;
mod typos;

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use rusqlite::Connection;
use rusqlite::functions::FunctionFlags;

pub use drift::{Drift, DriftKind};
pub use filter::{Filter, Order, SortKey};
pub use import::{ImportReport, ImportedSheet, Outcome, Prepared};
pub use index::COLUMN_WEIGHTS;
pub use maintenance::{Health, Info, is_corruption};
pub use open::{Access, Location};
pub use query::ListRow;
pub use related::{Relation, Shared};
pub use review::Sourced;
pub use rewrite::{Home, Place, Removed};
pub use schema::latest_version;
pub use search::{Added, Hit, Plan, Planned};
pub use stats::{Count, Facet};
pub use sync::{Progress, SyncOptions, SyncReport};
pub use typos::Correction;

pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    /// An empty catalogue standing for one that does not exist yet.
    placeholder: bool,
    /// Whether the search index was filled by this pacte's analyzer.
    index: std::cell::Cell<index::Index>,
}

/// How much of the file queries may map into memory.
const MMAP_BYTES: i64 = 1 << 30;

impl Store {
    /// The file behind this store, if it is not in memory.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }
}

/// Per-connection settings for queries, and the SQL functions they use:
/// `pacte_fold(text)` folds case, accents
/// and separators as [`crate::sheet::fold`] does, so that filters match the
/// way people spell; `pacte_name_key(text)` (see [`names`]).
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
    )?;
    names::add_name_key(conn)
}

/// Where the database lives: `--db`/`PACTE_DB` when given, else the user's
/// data directory (`~/.local/share/pacte/pacte.db` on Linux).
pub fn default_path() -> Result<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "pacte").context(
        "cannot find your home directory to place the database: give a path with --db or PACTE_DB",
    )?;
    Ok(dirs.data_dir().join("pacte.db"))
}
