//! What tells that a file pacte wrote was left as it was, kept in a
//! published folder's manifest.

use rustix::fs::Stat;

use super::tree::Entry;
use super::write;

/// What tells that a file pacte wrote was left as it was, as git's index
/// tells it: its size, modification time (to the nanosecond) and inode. A
/// file rewritten, replaced, touched or restored from a copy gets another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    size: u64,
    seconds: i64,
    nanos: u64,
    inode: u64,
}

impl Stamp {
    /// The stamp of a regular file that has the mode pacte gives (0666 less
    /// the umask); `None` for anything else, which no stamp matches.
    pub fn of_usual(stat: &Stat) -> Option<Stamp> {
        let regular = Entry::of(stat) == Entry::File;
        (regular && stat.st_mode & 0o7777 == write::usual_file_mode()).then(|| Stamp {
            size: u64::try_from(stat.st_size).unwrap_or_default(),
            seconds: stat.st_mtime,
            #[allow(clippy::useless_conversion)]
            nanos: u64::try_from(stat.st_mtime_nsec).unwrap_or_default(),
            inode: stat.st_ino,
        })
    }

    /// `SIZE MTIME.NANOS INODE`, as a manifest keeps it.
    pub fn text(self) -> String {
        format!(
            "{} {}.{:09} {}",
            self.size, self.seconds, self.nanos, self.inode
        )
    }

    /// Reads [`Stamp::text`] back.
    pub fn parse(text: &str) -> Option<Stamp> {
        let mut parts = text.split(' ');
        let size = parts.next()?.parse().ok()?;
        let (seconds, nanos) = parts.next()?.split_once('.')?;
        let inode = parts.next()?.parse().ok()?;
        parts.next().is_none().then_some(())?;
        Some(Stamp {
            size,
            seconds: seconds.parse().ok()?,
            nanos: nanos.parse().ok()?,
            inode,
        })
    }
}
