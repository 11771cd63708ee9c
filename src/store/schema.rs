//! The database schema and its forward migrations.
//!
//! `MIGRATIONS` is append-only: a shipped entry is never edited or
//! reordered. Entry *n* (0-based) takes a database from `user_version` *n* to
//! *n + 1*; all pending entries run in one exclusive transaction, so a
//! migration either completes or leaves the file as it was.

use anyhow::{Context, Result, bail};
use rusqlite::{Connection, Transaction, TransactionBehavior};

use super::index::Index;

/// Marks a SQLite file as pacte's (`PRAGMA application_id`): "PACT".
pub const APPLICATION_ID: i32 = 0x5041_4354;

/// One step of the schema: SQL, then optionally Rust work on the data
/// (such as filling a new index), in the same transaction.
pub struct Migration {
    pub sql: &'static str,
    pub then: Option<fn(&rusqlite::Transaction) -> Result<()>>,
}

pub const MIGRATIONS: &[Migration] = &[
    // 1: sheets stored whole (canonical JSON) plus normalised tables.
    Migration {
        then: None,
        sql: "
    CREATE TABLE sheets (
        id            TEXT PRIMARY KEY NOT NULL,
        title         TEXT NOT NULL,
        structure     TEXT NOT NULL,
        -- structure folded (case, accents), for substring filters
        structure_key TEXT NOT NULL,
        territory     TEXT,
        department    TEXT,
        status        TEXT NOT NULL
                      CHECK (status IN ('planned', 'ongoing', 'finished', 'abandoned')),
        reproducible  INTEGER NOT NULL CHECK (reproducible IN (0, 1)),
        period_start  INTEGER,
        period_end    INTEGER,
        staff_fte     REAL,
        budget_cents  INTEGER,
        updated       TEXT,
        -- hash of the stored JSON, to tell unchanged sheets
        hash          TEXT NOT NULL,
        source        TEXT NOT NULL,
        imported_at   TEXT NOT NULL
    ) STRICT;
    -- The whole sheet as canonical JSON, apart from the columns above so
    -- that scanning sheets never reads the long texts.
    CREATE TABLE sheet_bodies (
        sheet_id TEXT PRIMARY KEY NOT NULL REFERENCES sheets (id) ON DELETE CASCADE,
        body     TEXT NOT NULL
    ) STRICT;
    -- The tables below are keyed by (sheet, …) and stored in key order
    -- (WITHOUT ROWID): one b-tree each instead of a table and its index.
    CREATE TABLE sheet_themes (
        sheet_id TEXT NOT NULL REFERENCES sheets (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        code     TEXT NOT NULL,
        PRIMARY KEY (sheet_id, code)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX sheet_themes_code ON sheet_themes (code);
    CREATE TABLE sheet_publics (
        sheet_id TEXT NOT NULL REFERENCES sheets (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        code     TEXT NOT NULL,
        PRIMARY KEY (sheet_id, code)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX sheet_publics_code ON sheet_publics (code);
    CREATE TABLE sheet_partners (
        sheet_id TEXT NOT NULL REFERENCES sheets (id) ON DELETE CASCADE,
        role     TEXT NOT NULL CHECK (role IN ('specific', 'funder', 'other')),
        position INTEGER NOT NULL,
        name     TEXT NOT NULL,
        PRIMARY KEY (sheet_id, role, position)
    ) STRICT, WITHOUT ROWID;
    CREATE TABLE sheet_funding (
        sheet_id     TEXT NOT NULL REFERENCES sheets (id) ON DELETE CASCADE,
        position     INTEGER NOT NULL,
        source       TEXT NOT NULL,
        amount_cents INTEGER NOT NULL,
        PRIMARY KEY (sheet_id, position)
    ) STRICT, WITHOUT ROWID;
    CREATE TABLE sheet_contacts (
        sheet_id TEXT NOT NULL REFERENCES sheets (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        name     TEXT NOT NULL,
        role     TEXT,
        email    TEXT,
        phone    TEXT,
        PRIMARY KEY (sheet_id, position)
    ) STRICT, WITHOUT ROWID;
    ",
    },
    // 2: the full-text index. It indexes analysed words (folded, stemmed)
    // of each sheet under the sheet's rowid, without keeping a copy of them
    // (contentless): snippets are cut from the sheets themselves. The words
    // arrive folded and separated by spaces, so the simplest tokenizer
    // (which keeps any non-ASCII byte inside a word) is enough.
    Migration {
        sql: "
        CREATE VIRTUAL TABLE sheet_search USING fts5 (
            title, objectives, body,
            content = '', contentless_delete = 1,
            tokenize = 'ascii'
        );
        ",
        // Filling this first index is left to the later migration that
        // replaces it (the words an index holds depend on the analyzer of
        // the running pacte, so one fill at the end is enough).
        then: None,
    },
    // 3: the files imported, with a hash of their bytes, so that a re-import
    // skips unchanged files without parsing them; and sheets by source.
    Migration {
        sql: "
        CREATE TABLE files (
            source TEXT PRIMARY KEY NOT NULL,
            hash   TEXT NOT NULL
        ) STRICT;
        CREATE INDEX sheets_source ON sheets (source);
        ",
        then: None,
    },
    // 4: files known by their canonical path as bytes (names need not be
    // UTF-8), with what `stat` said when they were last read, so that an
    // unchanged file is recognised without reading it; sheets point to
    // their file by the same bytes (NULL for standard input).
    Migration {
        sql: "
        CREATE TABLE source_files (
            path       BLOB PRIMARY KEY NOT NULL,
            -- the path for people: UTF-8, other bytes escaped as \\xNN
            name       TEXT NOT NULL,
            -- hash of the bytes last imported; '' when the file must be
            -- read again (its catalogue entries were changed without it)
            hash       TEXT NOT NULL,
            size       INTEGER NOT NULL,
            mtime_ns   INTEGER NOT NULL,
            ctime_ns   INTEGER NOT NULL,
            inode      INTEGER NOT NULL,
            -- when those were taken: a file changed within the same clock
            -- tick looks unchanged, so a recent stat is not trusted
            checked_ns INTEGER NOT NULL
        ) STRICT;
        INSERT INTO source_files (path, name, hash, size, mtime_ns, ctime_ns, inode, checked_ns)
            SELECT CAST(source AS BLOB), source, hash, -1, 0, 0, 0, 0 FROM files;
        DROP TABLE files;
        ALTER TABLE sheets ADD COLUMN path BLOB;
        UPDATE sheets SET path = CAST(source AS BLOB) WHERE source <> '<stdin>';
        CREATE INDEX sheets_path ON sheets (path);
        ",
        then: None,
    },
    // 5: the full-text index in five weighted columns (title, objectives,
    // labels and aliases of themes and publics, running text with the
    // conditions of transfer, contacts); and its list of terms with the
    // number of sheets holding each, for typo correction. It is filled at
    // the end of the migrations, as each one that follows may change what
    // it holds (see `super::index::refresh`).
    Migration {
        sql: "
        DROP TABLE sheet_search;
        CREATE VIRTUAL TABLE sheet_search USING fts5 (
            title, objectives, terms, body, people,
            content = '', contentless_delete = 1,
            tokenize = 'ascii'
        );
        CREATE VIRTUAL TABLE IF NOT EXISTS sheet_search_terms USING fts5vocab (sheet_search, 'row');
        ",
        then: None,
    },
    // 6: the index refilled with the analyzer of its time (a plural `s` or
    // `x` the stemmer kept after a vowel is removed). Refilling is now the
    // business of the analyzer's fingerprint (see 7), which the
    // migrations are followed by, so this step is left empty.
    Migration {
        sql: "",
        then: None,
    },
    // 7: facts about the catalogue as a whole, by key: `analyzer`, the
    // fingerprint of the analyzer that filled the full-text index, so that
    // a pacte whose analyzer differs refills it by itself.
    Migration {
        sql: "
        CREATE TABLE catalogue_meta (
            key   TEXT PRIMARY KEY NOT NULL,
            value TEXT NOT NULL
        ) STRICT, WITHOUT ROWID;
        ",
        then: None,
    },
];

pub fn latest_version() -> i64 {
    i64::try_from(MIGRATIONS.len()).unwrap_or(i64::MAX)
}

/// Where a database stands against this pacte's schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// A new, empty file.
    Empty,
    /// pacte's, at an older version: needs migrating.
    Older,
    Current,
}

/// Reads the database's identity and version without changing anything;
/// errors for a file that is not pacte's or is newer than this pacte.
pub fn check(conn: &Connection) -> Result<State> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    let application_id: i32 = conn.query_row("PRAGMA application_id", [], |row| row.get(0))?;
    let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |row| row.get(0))?;
    if application_id != APPLICATION_ID && (application_id != 0 || tables > 0) {
        bail!(
            "this file is not a pacte database (it already holds other data); \
             choose another path with --db or PACTE_DB"
        );
    }
    if version < 0 {
        bail!(
            "the schema version of this catalogue is {version}, which no pacte writes: \
             it was changed by hand; restore the file from a copy, or delete it and \
             rebuild it with `pacte import` from your sheet files"
        );
    }
    if version > latest_version() {
        bail!(
            "this database was written by a newer pacte (schema {version}; this pacte knows up to {}): \
             upgrade pacte to use it",
            latest_version()
        );
    }
    Ok(if version == latest_version() {
        State::Current
    } else if tables == 0 {
        State::Empty
    } else {
        State::Older
    })
}

/// Brings the database up to the latest version and its search index up to
/// this pacte's analyzer, in one exclusive transaction; or refuses a file
/// that is not pacte's or that a newer pacte wrote, and never modifies it.
pub(super) fn migrate(conn: &mut Connection) -> Result<Index> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Exclusive)?;
    if check(&tx)? != State::Current {
        apply_migrations(&tx)?;
    }
    let index = super::index::refresh(&tx)?;
    tx.commit()?;
    Ok(index)
}

fn apply_migrations(tx: &Transaction) -> Result<()> {
    let version: i64 = tx.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    for (index, migration) in MIGRATIONS
        .iter()
        .enumerate()
        .skip(usize::try_from(version)?)
    {
        let step = || {
            format!(
                "applying schema migration {} (if the schema version was changed by hand, \
                 restore the file from a copy, or delete it and rebuild it with `pacte import`)",
                index + 1
            )
        };
        tx.execute_batch(migration.sql).with_context(step)?;
        if let Some(then) = migration.then {
            then(tx).with_context(step)?;
        }
    }
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    tx.pragma_update(None, "user_version", latest_version())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrating_twice_is_harmless() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        migrate(&mut conn).unwrap();
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, latest_version());
    }

    #[test]
    fn a_newer_database_is_refused() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        conn.pragma_update(None, "user_version", latest_version() + 1)
            .unwrap();
        let err = migrate(&mut conn).unwrap_err();
        assert!(err.to_string().contains("newer pacte"), "{err}");
    }

    #[test]
    fn a_foreign_database_is_refused_and_left_alone() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE notes (x TEXT)").unwrap();
        let err = migrate(&mut conn).unwrap_err();
        assert!(err.to_string().contains("not a pacte database"), "{err}");
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, 0);
    }

    #[test]
    fn files_known_before_paths_were_bytes_are_kept() {
        let mut conn = Connection::open_in_memory().unwrap();
        for migration in &MIGRATIONS[..3] {
            conn.execute_batch(migration.sql).unwrap();
        }
        conn.execute_batch(
            "PRAGMA user_version = 3;
             PRAGMA application_id = 1346454356;
             INSERT INTO sheets (id, title, structure, structure_key, status, reproducible,
                 hash, source, imported_at)
             VALUES ('a', 't', 's', 's', 'ongoing', 0, 'h', '/f/a.yaml', 'now'),
                    ('b', 't', 's', 's', 'ongoing', 0, 'h', '<stdin>', 'now');
             INSERT INTO files (source, hash) VALUES ('/f/a.yaml', 'abc');",
        )
        .unwrap();
        migrate(&mut conn).unwrap();
        let (path, hash): (Vec<u8>, String) = conn
            .query_row("SELECT path, hash FROM source_files", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        assert_eq!((path.as_slice(), hash.as_str()), (&b"/f/a.yaml"[..], "abc"));
        let paths: Vec<Option<Vec<u8>>> = conn
            .prepare("SELECT path FROM sheets ORDER BY id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(paths, [Some(b"/f/a.yaml".to_vec()), None]);
    }

    #[test]
    fn a_negative_version_is_refused_as_changed_by_hand() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        conn.pragma_update(None, "user_version", -2).unwrap();
        let err = migrate(&mut conn).unwrap_err();
        assert!(err.to_string().contains("changed by hand"), "{err}");
    }
}
