//! Source files as the catalogue knows them: identity and "unchanged?".
//!
//! Invariants:
//! - a file is known by its canonical absolute path, kept as bytes: two
//!   names that differ only in bytes that are not UTF-8 are two files, and
//!   any spelling of a path (relative, through `..`, from another folder)
//!   is the same file;
//! - a file is taken as unchanged without reading it only when its size,
//!   modification and change times and inode are those recorded, and the
//!   record was taken long enough after the last modification that a change
//!   within the same clock tick cannot hide (git's "racily clean" rule);
//!   otherwise its bytes are hashed, and parsed only when the hash differs.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use anyhow::Result;
use rusqlite::{Connection, OptionalExtension, params};

/// What `stat` says about a file, enough to notice nearly any change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub size: i64,
    pub mtime_ns: i64,
    pub ctime_ns: i64,
    pub inode: i64,
}

/// A stamp younger than this, measured from when it was taken, may hide a
/// change made in the same tick of a coarse file-system clock.
const RACY_NS: i64 = 2_000_000_000;

impl Stamp {
    pub fn of(meta: &std::fs::Metadata) -> Stamp {
        let ns = |secs: i64, nanos: i64| secs.saturating_mul(1_000_000_000).saturating_add(nanos);
        Stamp {
            size: i64::try_from(meta.size()).unwrap_or(i64::MAX),
            mtime_ns: ns(meta.mtime(), meta.mtime_nsec()),
            ctime_ns: ns(meta.ctime(), meta.ctime_nsec()),
            inode: i64::try_from(meta.ino()).unwrap_or(i64::MAX),
        }
    }
}

/// A map keyed by canonical path. A sync looks up every file of a folder
/// several times; foldhash makes each look-up a fraction of SipHash's cost,
/// and the keys are the catalogue's own paths, not input chosen to collide.
pub type ByPath<V> = HashMap<Vec<u8>, V, foldhash::fast::RandomState>;

/// A file of the catalogue, as last read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Known {
    pub name: String,
    /// Empty when the file must be read again.
    pub hash: String,
    pub stamp: Stamp,
    pub checked_ns: i64,
}

impl Known {
    /// Whether the file can be taken as unchanged from its stamp alone.
    pub fn unchanged(&self, now: &Stamp) -> bool {
        !self.hash.is_empty()
            && self.stamp == *now
            && self.stamp.mtime_ns.max(self.stamp.ctime_ns) + RACY_NS <= self.checked_ns
    }
}

/// Nanoseconds since the Unix epoch, as file times are measured.
pub fn now_ns() -> i64 {
    i64::try_from(jiff::Timestamp::now().as_nanosecond()).unwrap_or(i64::MAX)
}

pub fn bytes(path: &Path) -> &[u8] {
    path.as_os_str().as_bytes()
}

pub fn from_bytes(bytes: &[u8]) -> PathBuf {
    PathBuf::from(std::ffi::OsStr::from_bytes(bytes))
}

/// A path for people: UTF-8 as is, any other byte as `\xNN`.
pub fn display_name(path: &[u8]) -> String {
    let mut name = String::with_capacity(path.len());
    for chunk in path.utf8_chunks() {
        name.push_str(chunk.valid());
        for byte in chunk.invalid() {
            let _ = write!(name, "\\x{byte:02x}");
        }
    }
    name
}

/// Canonical paths of many files, resolving each folder once: the files
/// of a folder share it, and a file that is not a symbolic link is its
/// canonical folder joined with its name.
#[derive(Default)]
pub struct Canonical {
    folders: HashMap<std::ffi::OsString, Option<PathBuf>>,
    /// The folder of the previous file, as given, and its canonical path:
    /// files come folder by folder, so most files need no look-up.
    last: Option<(std::ffi::OsString, Option<PathBuf>)>,
}

impl Canonical {
    /// The canonical path of the file at `path`; `link`: whether the
    /// entry at `path` is a symbolic link.
    pub fn of(&mut self, path: &Path, link: bool) -> Option<PathBuf> {
        let (Some(parent), Some(name)) = (path.parent(), path.file_name()) else {
            return std::fs::canonicalize(path).ok();
        };
        if link || name == ".." {
            return std::fs::canonicalize(path).ok();
        }
        let parent = if parent.as_os_str().is_empty() {
            Path::new(".")
        } else {
            parent
        };
        let folder = match &self.last {
            Some((given, folder)) if given == parent.as_os_str() => folder,
            _ => {
                let folder = self
                    .folders
                    .entry(parent.as_os_str().to_owned())
                    .or_insert_with(|| std::fs::canonicalize(parent).ok())
                    .clone();
                &self.last.insert((parent.as_os_str().to_owned(), folder)).1
            }
        };
        folder.as_ref().map(|folder| folder.join(name))
    }
}

pub fn load(conn: &Connection) -> Result<ByPath<Known>> {
    let count: i64 = conn.query_row("SELECT count(*) FROM source_files", [], |row| row.get(0))?;
    let mut known = ByPath::with_capacity_and_hasher(
        usize::try_from(count).unwrap_or(0),
        foldhash::fast::RandomState::default(),
    );
    let mut statement = conn.prepare(
        "SELECT path, name, hash, size, mtime_ns, ctime_ns, inode, checked_ns FROM source_files",
    )?;
    let rows = statement.query_map([], |row| {
        Ok((
            row.get::<_, Vec<u8>>(0)?,
            Known {
                name: row.get(1)?,
                hash: row.get(2)?,
                stamp: Stamp {
                    size: row.get(3)?,
                    mtime_ns: row.get(4)?,
                    ctime_ns: row.get(5)?,
                    inode: row.get(6)?,
                },
                checked_ns: row.get(7)?,
            },
        ))
    })?;
    for row in rows {
        let (path, file) = row?;
        known.insert(path, file);
    }
    Ok(known)
}

pub fn record(conn: &Connection, path: &[u8], known: &Known) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO source_files (path, name, hash, size, mtime_ns, ctime_ns, inode, checked_ns)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (path) DO UPDATE SET name = excluded.name, hash = excluded.hash,
             size = excluded.size, mtime_ns = excluded.mtime_ns, ctime_ns = excluded.ctime_ns,
             inode = excluded.inode, checked_ns = excluded.checked_ns",
    )?
    .execute(params![
        path,
        known.name,
        known.hash,
        known.stamp.size,
        known.stamp.mtime_ns,
        known.stamp.ctime_ns,
        known.stamp.inode,
        known.checked_ns
    ])?;
    Ok(())
}

pub fn forget(conn: &Connection, path: &[u8]) -> Result<()> {
    conn.prepare_cached("DELETE FROM source_files WHERE path = ?1")?
        .execute([path])?;
    Ok(())
}

/// Marks a file as to be read again: its catalogue entries were changed
/// without it, so the next import must not skip it.
pub fn mark_stale(conn: &Connection, path: &[u8]) -> Result<()> {
    conn.prepare_cached("UPDATE source_files SET hash = '' WHERE path = ?1")?
        .execute([path])?;
    Ok(())
}

/// The ids stored from a file, in the order they were stored.
pub fn sheet_ids(conn: &Connection, path: &[u8]) -> Result<Vec<String>> {
    let mut statement =
        conn.prepare_cached("SELECT id FROM sheets WHERE path = ?1 ORDER BY rowid")?;
    let ids = statement.query_map([path], |row| row.get(0))?;
    Ok(ids.collect::<rusqlite::Result<_>>()?)
}

/// The ids stored from every file, each in the order they were stored: one
/// query instead of one per unchanged file.
pub fn ids_by_file(conn: &Connection) -> Result<ByPath<Vec<String>>> {
    let mut statement =
        conn.prepare("SELECT path, id FROM sheets WHERE path IS NOT NULL ORDER BY rowid")?;
    let mut ids: ByPath<Vec<String>> = ByPath::default();
    // The sheets of a file mostly follow each other: they are gathered
    // here and go into the map when the file changes.
    let mut run: Option<(Vec<u8>, Vec<String>)> = None;
    let mut rows = statement.query([])?;
    while let Some(row) = rows.next()? {
        let path = row.get_ref(0)?.as_bytes()?;
        let id: String = row.get(1)?;
        match &mut run {
            Some((current, run_ids)) if current.as_slice() == path => run_ids.push(id),
            _ => {
                if let Some((current, run_ids)) = run.replace((path.to_vec(), vec![id])) {
                    ids.entry(current).or_default().extend(run_ids);
                }
            }
        }
    }
    if let Some((current, run_ids)) = run {
        ids.entry(current).or_default().extend(run_ids);
    }
    Ok(ids)
}

/// Where a stored sheet came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Owner {
    /// A file, by canonical path.
    File(Vec<u8>),
    Stdin,
}

impl Owner {
    pub fn file(self) -> Option<Vec<u8>> {
        match self {
            Owner::File(path) => Some(path),
            Owner::Stdin => None,
        }
    }
}

/// Where the stored sheet `id` came from; `None` when it is not stored.
pub fn owner(conn: &Connection, id: &str) -> Result<Option<Owner>> {
    let path: Option<Option<Vec<u8>>> = conn
        .prepare_cached("SELECT path FROM sheets WHERE id = ?1")?
        .query_row([id], |row| row.get(0))
        .optional()?;
    Ok(path.map(|path| path.map_or(Owner::Stdin, Owner::File)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_are_not_utf8_stay_apart_and_readable() {
        assert_eq!(display_name(b"/s/nom-\xff.yaml"), "/s/nom-\\xff.yaml");
        assert_ne!(display_name(b"nom-\xff"), display_name(b"nom-\xfe"));
        assert_eq!(display_name("é.yaml".as_bytes()), "é.yaml");
    }

    #[test]
    fn a_recent_stamp_is_not_trusted() {
        let stamp = Stamp {
            size: 10,
            mtime_ns: 5 * RACY_NS,
            ctime_ns: 5 * RACY_NS,
            inode: 7,
        };
        let known = |checked_ns, hash: &str| Known {
            name: String::new(),
            hash: hash.to_owned(),
            stamp,
            checked_ns,
        };
        assert!(known(7 * RACY_NS, "h").unchanged(&stamp));
        assert!(!known(5 * RACY_NS + 1, "h").unchanged(&stamp));
        assert!(!known(7 * RACY_NS, "").unchanged(&stamp));
        let touched = Stamp { inode: 8, ..stamp };
        assert!(!known(7 * RACY_NS, "h").unchanged(&touched));
    }
}
