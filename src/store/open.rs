//! Opening the catalogue file.
//!
//! Invariants:
//! - reading never writes: a reading command opens an existing file
//!   read-only (or `immutable` when even that needs side files), never
//!   creates a file or folder, and leaves no `-wal`/`-shm`/`-journal` files
//!   (the catalogue uses SQLite's rollback journal, which readers never
//!   touch); the one exception is a journal left by a writer that stopped
//!   half-way (a crash, a power cut), which any connection that may write
//!   rolls back before reading;
//! - a half-written catalogue is never read: `immutable` (which ignores
//!   journals) is used only when no journal is left, and a journal that
//!   cannot be rolled back is a refusal that names the file;
//! - the schema is checked in one read transaction and created or migrated
//!   in one exclusive transaction, so any number of processes can start on
//!   a catalogue that does not exist yet;
//! - a catalogue that cannot be written gets one clear refusal from a
//!   writing command, before anything is read or checked.

use std::cell::Cell;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow, bail};
use rusqlite::{Connection, ErrorCode, MAIN_DB, OpenFlags};

use super::{Store, index, schema};

/// Whether a command will write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Read,
    /// Reading, to show what a write would do (`--dry-run`): a catalogue
    /// that does not exist yet is an empty one, even when named.
    Preview,
    Write,
}

/// Where the catalogue is, and whether the user named it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub path: PathBuf,
    /// Named with `--db` or `PACTE_DB`: a missing file is a mistake, not a
    /// first use.
    pub explicit: bool,
}

/// How long a command waits for another program that holds the catalogue.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Test hooks: a shorter busy timeout (milliseconds) and a page limit that
/// stands for a full disk.
const BUSY_VARIABLE: &str = "PACTE_TEST_BUSY_MS";
const MAX_PAGES_VARIABLE: &str = "PACTE_TEST_MAX_PAGES";

pub(super) fn busy_timeout() -> Duration {
    std::env::var(BUSY_VARIABLE)
        .ok()
        .and_then(|ms| ms.parse().ok())
        .map_or(BUSY_TIMEOUT, Duration::from_millis)
}

impl Store {
    /// Opens the catalogue. A reading command on a catalogue that does not
    /// exist yet gets an empty one in memory ([`Store::is_placeholder`]),
    /// unless the path was named explicitly, which is an error.
    pub fn open(location: &Location, access: Access) -> Result<Store> {
        let path = &location.path;
        let context = || format!("cannot use the catalogue {}", path.display());
        if path.is_dir() {
            bail!(
                "the catalogue path {} is a folder: give the path of a file, for example {}",
                path.display(),
                path.join("pacte.db").display()
            );
        }
        if !path.exists() {
            if location.explicit && access == Access::Read {
                bail!(
                    "no catalogue at {}: check the path given with --db or PACTE_DB, \
                     or create the catalogue with `pacte --db {} import SHEETS`",
                    path.display(),
                    path.display()
                );
            }
            if access != Access::Write {
                let mut store = Store::open_in_memory()?;
                store.placeholder = true;
                store.path = Some(path.clone());
                return Ok(store);
            }
            if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(parent)
                    .with_context(|| format!("cannot create the folder {}", parent.display()))?;
            }
        }
        let store = match access {
            Access::Read | Access::Preview => open_for_reading(path),
            Access::Write => open_for_writing(path),
        };
        let mut store = store
            .map_err(|err| explain(err, path))
            .with_context(context)?;
        store.path = Some(path.clone());
        Ok(store)
    }

    /// A private database in memory, for tests and dry runs.
    pub fn open_in_memory() -> Result<Store> {
        let mut conn = Connection::open_in_memory()?;
        prepare(&conn)?;
        let index = schema::migrate(&mut conn)?;
        Ok(Store {
            conn,
            path: None,
            placeholder: false,
            index: Cell::new(index),
        })
    }

    /// An in-memory copy of this catalogue: what a dry run changes.
    pub(super) fn scratch_copy(&self) -> Result<Store> {
        let mut copy = Store::open_in_memory()?;
        rusqlite::backup::Backup::new(&self.conn, &mut copy.conn)?.run_to_completion(
            1 << 20,
            Duration::ZERO,
            None,
        )?;
        copy.index = index::state(&copy.conn)?;
        copy.path.clone_from(&self.path);
        Ok(copy)
    }

    /// True for the empty catalogue that stands for one not created yet.
    pub fn is_placeholder(&self) -> bool {
        self.placeholder
    }
}

fn open_for_reading(path: &Path) -> Result<Store> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let mut conn = Connection::open_with_flags(path, flags)?;
    prepare(&conn)?;
    let state = match check_consistently(&mut conn) {
        Ok(state) => state,
        Err(err) if is_hot_journal(&err) => {
            roll_back_hot_journal(path)?;
            conn = Connection::open_with_flags(path, flags)?;
            prepare(&conn)?;
            check_consistently(&mut conn)?
        }
        // A file left in write-ahead-log mode needs side files even to be
        // read; on a write-protected folder or read-only media those cannot
        // exist, and nothing can change the file either: read it as is.
        Err(err) if is_cannot_open(&err) && !journal_of(path).exists() => {
            conn = Connection::open_with_flags(
                immutable_uri(path),
                flags | OpenFlags::SQLITE_OPEN_URI,
            )?;
            prepare(&conn)?;
            check_consistently(&mut conn)?
        }
        Err(err) => return Err(err),
    };
    match state {
        schema::State::Current => Ok(Store {
            index: index::state(&conn)?,
            conn,
            path: None,
            placeholder: false,
        }),
        // Nothing to read in an empty file; an older one must be upgraded
        // first, which is a write.
        schema::State::Empty => Store::open_in_memory(),
        schema::State::Older => {
            drop(conn);
            open_for_writing(path).map_err(|err| {
                if sqlite_code(&err) == Some(ErrorCode::ReadOnly)
                    || err.to_string().contains("read-only")
                {
                    anyhow!(
                        "the catalogue was written by an older pacte and must be upgraded once \
                         by a pacte that may write it (any command, run where the file is writable)"
                    )
                } else {
                    err
                }
            })
        }
    }
}

fn open_for_writing(path: &Path) -> Result<Store> {
    let mut conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    if conn.is_readonly(MAIN_DB)? {
        bail!(read_only_refusal());
    }
    prepare(&conn)?;
    // The identity and version checks come before anything that writes,
    // so a refused file is left untouched.
    check_consistently(&mut conn)?;
    let foreign = super::maintenance::foreign_objects(&conn)?;
    if !foreign.is_empty() {
        bail!(
            "the catalogue holds schema objects that pacte did not create ({}): pacte will \
             not write to it, as they could act on the next change; see `pacte db check`, \
             and rebuild a catalogue from your sheet files with `pacte --db NEW.db import`",
            foreign.join("; ")
        );
    }
    use_rollback_journal(&conn)?;
    let index = schema::migrate(&mut conn)?;
    if let Some(pages) = std::env::var(MAX_PAGES_VARIABLE)
        .ok()
        .and_then(|p| p.parse::<i64>().ok())
    {
        conn.pragma_update(None, "max_page_count", pages)?;
    }
    Ok(Store {
        conn,
        path: None,
        placeholder: false,
        index: Cell::new(index),
    })
}

fn read_only_refusal() -> String {
    "the catalogue is read-only (write-protected, or on media that cannot be written): \
     reading commands such as list, show and search work on it; this one would change it"
        .to_owned()
}

/// Settings every connection needs before its first statement. A
/// catalogue may come from elsewhere (a download, a pull request), so
/// SQLite is told not to trust its schema: defensive mode (no writable
/// schema, no direct writes to shadow tables), no trusted schema (its
/// views, triggers, defaults and checks may call only harmless functions),
/// and triggers and views switched off altogether, as pacte's own schema
/// has none.
pub(super) fn prepare(conn: &Connection) -> Result<()> {
    use rusqlite::config::DbConfig;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA, false)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_TRIGGER, false)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_VIEW, false)?;
    conn.pragma_update(None, "trusted_schema", false)?;
    conn.busy_timeout(busy_timeout())?;
    super::add_functions(conn)?;
    conn.pragma_update(None, "foreign_keys", true)?;
    Ok(())
}

/// Reads the schema's version and identity in one read transaction, so
/// that another process creating the schema at the same moment is seen
/// either before or after, never half-way.
fn check_consistently(conn: &mut Connection) -> Result<schema::State> {
    let tx = conn.transaction()?;
    let state = schema::check(&tx)?;
    tx.commit()?;
    Ok(state)
}

/// Earlier catalogues used the write-ahead log, whose side files every
/// reader creates and may leave behind; the rollback journal exists only
/// while a write is under way. Switching needs the file to itself, so it
/// is tried again while another pacte holds it.
fn use_rollback_journal(conn: &Connection) -> Result<()> {
    let started = Instant::now();
    loop {
        let mode: String = conn.pragma_query_value(None, "journal_mode", |row| row.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Ok(());
        }
        match conn.pragma_update_and_check(None, "journal_mode", "delete", |row| {
            row.get::<_, String>(0)
        }) {
            Ok(_) => return Ok(()),
            Err(err)
                if err.sqlite_error_code() == Some(ErrorCode::DatabaseBusy)
                    && started.elapsed() < busy_timeout() =>
            {
                std::thread::sleep(Duration::from_millis(20));
            }
            Err(err) => return Err(err.into()),
        }
    }
}

/// `file:PATH?immutable=1`, with every byte that is not plainly safe in a
/// URI percent-encoded (so names that are not UTF-8 work too).
fn immutable_uri(path: &Path) -> String {
    use std::os::unix::ffi::OsStrExt;
    let mut uri = String::from("file:");
    for &byte in path.as_os_str().as_bytes() {
        if byte.is_ascii_alphanumeric() || b"/-_.~".contains(&byte) {
            uri.push(char::from(byte));
        } else {
            let _ = write!(uri, "%{byte:02X}");
        }
    }
    uri.push_str("?immutable=1");
    uri
}

/// SQLite's refusal to read through a connection that cannot write a file
/// with a hot journal: the rollback of an unfinished write is pending.
fn is_hot_journal(err: &anyhow::Error) -> bool {
    err.chain()
        .filter_map(|cause| cause.downcast_ref::<rusqlite::Error>())
        .filter_map(rusqlite::Error::sqlite_error)
        .any(|error| error.extended_code == rusqlite::ffi::SQLITE_READONLY_ROLLBACK)
}

fn journal_of(path: &Path) -> PathBuf {
    let mut journal = path.as_os_str().to_owned();
    journal.push("-journal");
    PathBuf::from(journal)
}

/// Rolls back the write a program left unfinished when it stopped: any
/// connection that may write does so on its first read. When the file
/// cannot be written, reading it as it is would show the half-written
/// transaction: refused, naming the file and what to do.
fn roll_back_hot_journal(path: &Path) -> Result<()> {
    let rolled_back = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(anyhow::Error::from)
    .and_then(|conn| {
        prepare(&conn)?;
        conn.query_row("SELECT count(*) FROM sqlite_schema", [], |row| {
            row.get::<_, i64>(0)
        })?;
        Ok(())
    });
    if rolled_back.is_err() {
        bail!(
            "a program stopped while writing to the catalogue {} and left its journal {}: \
             the file is half-written until that write is rolled back, which needs \
             permission to write the file; run any pacte command where it may write \
             (for example as the file's owner), and keep the journal until then",
            path.display(),
            journal_of(path).display()
        );
    }
    Ok(())
}

fn is_cannot_open(err: &anyhow::Error) -> bool {
    sqlite_code(err).is_some_and(|code| matches!(code, ErrorCode::CannotOpen | ErrorCode::ReadOnly))
}

pub(super) fn sqlite_code(err: &anyhow::Error) -> Option<ErrorCode> {
    err.chain()
        .filter_map(|cause| cause.downcast_ref::<rusqlite::Error>())
        .find_map(rusqlite::Error::sqlite_error_code)
}

/// SQLite's own words are terse; say what happened and what to do.
pub(super) fn explain(err: anyhow::Error, path: &Path) -> anyhow::Error {
    match sqlite_code(&err) {
        Some(ErrorCode::NotADatabase) => anyhow!(
            "the file is not a SQLite database, or it is damaged: choose another path with \
             --db or PACTE_DB, or restore the file from a copy"
        ),
        Some(ErrorCode::ReadOnly) => anyhow!(read_only_refusal()),
        Some(ErrorCode::CannotOpen) => {
            anyhow!("{err}: check that the folder exists and that you may write in it")
        }
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => anyhow!(
            "another program holds the catalogue {} (pacte waited {} s): \
             try again once it is done; nothing was changed",
            path.display(),
            busy_timeout().as_secs_f32()
        ),
        Some(ErrorCode::DiskFull) => anyhow!(
            "the disk that holds {} is full: nothing was changed; \
             free some space there and try again",
            path.parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."))
                .display()
        ),
        _ => err,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn immutable_uris_escape_what_a_uri_would_misread() {
        use std::os::unix::ffi::OsStrExt;
        let path = Path::new(std::ffi::OsStr::from_bytes(b"/a b/c?#%\xff.db"));
        assert_eq!(
            immutable_uri(path),
            "file:/a%20b/c%3F%23%25%FF.db?immutable=1"
        );
    }
}
