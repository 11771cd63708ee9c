//! A folder pacte writes into, opened once; every name in it is reached
//! relative to that handle.
//!
//! Invariants:
//! - the folder itself is the one the user named (a link there is the
//!   user's choice and is followed once, when it is opened);
//! - below it, a path is a list of plain names (no `..`, no root, no
//!   empty or `.` part) and every folder on the way is opened with
//!   `O_NOFOLLOW`: a link pacte did not create is never gone through, even
//!   one that stays inside the folder, and a swapped folder cannot redirect
//!   a write;
//! - folders pacte creates get the usual modes (0777 less the umask).

use std::collections::HashMap;
use std::io::Read;
use std::os::fd::OwnedFd;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use anyhow::{Context, Result, bail};
use rustix::fs::{AtFlags, FileType, Mode, OFlags, Stat};
use rustix::io::Errno;

use super::stamp::Stamp;
use super::write::{self, Found, How, kept_if_same};

/// An open folder to write into.
#[derive(Debug, Clone)]
pub struct Tree {
    fd: Arc<OwnedFd>,
    path: PathBuf,
    /// Folders [`Tree::put`] went through, kept open by their path: a
    /// published folder's thousands of files lie in a few folders. Each was
    /// reached as any other, and stays the folder it was.
    opened: Arc<Mutex<HashMap<String, Folder>>>,
    /// Whether the whole folder is new and unseen (being staged, see
    /// [`super::staging`]): files are then written straight at their
    /// names.
    staged: bool,
}

/// A folder on the way to a file.
#[derive(Debug, Clone)]
struct Folder {
    fd: Arc<OwnedFd>,
    /// Whether this tree created it: it held nothing but what this tree
    /// put there since.
    made: bool,
}

/// How many folders [`Tree::put`] keeps open.
const KEPT_OPEN: usize = 64;

/// What stands at a name, without following a link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    Missing,
    File,
    Folder,
    Link,
    /// A FIFO, socket or device.
    Special,
}

impl Entry {
    /// What a `stat` describes.
    pub fn of(stat: &Stat) -> Entry {
        kind(FileType::from_raw_mode(stat.st_mode))
    }
}

const FOLDER: OFlags = OFlags::RDONLY
    .union(OFlags::DIRECTORY)
    .union(OFlags::NOFOLLOW)
    .union(OFlags::CLOEXEC);

/// The parts of a relative path, when it is a plain one.
pub fn plain_parts(rel: &str) -> Option<Vec<&str>> {
    let parts: Vec<&str> = rel.split('/').collect();
    parts
        .iter()
        .all(|p| !p.is_empty() && *p != "." && *p != ".." && !p.contains('\0'))
        .then_some(parts)
}

impl Tree {
    /// Opens the folder at `path`, created first (with its parents) when
    /// `create` is set.
    pub fn open(path: &Path, create: bool) -> Result<Tree> {
        if create && !path.is_dir() {
            if std::fs::symlink_metadata(path).is_ok() {
                bail!(
                    "{} exists and is not a folder: give a folder",
                    path.display()
                );
            }
            std::fs::create_dir_all(path)
                .with_context(|| format!("cannot create the folder {}", path.display()))?;
        }
        let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC;
        let fd = rustix::fs::open(path, flags, Mode::empty()).map_err(|err| match err {
            Errno::NOTDIR => anyhow::anyhow!(
                "{} exists and is not a folder: give a folder",
                path.display()
            ),
            err => anyhow::Error::from(std::io::Error::from(err))
                .context(format!("cannot open the folder {}", path.display())),
        })?;
        Ok(Tree {
            fd: Arc::new(fd),
            path: path.to_path_buf(),
            opened: Arc::default(),
            staged: false,
        })
    }

    /// Opens the staging folder at `real`, which becomes `shown` once
    /// whole: no one reads it before, so [`Tree::put`] writes each file
    /// straight at its name. Messages name `shown`.
    pub fn open_staged(real: &Path, shown: &Path) -> Result<Tree> {
        let mut tree = Tree::open(real, false)?;
        tree.path = shown.to_path_buf();
        tree.staged = true;
        Ok(tree)
    }

    /// The folder as the user named it, for messages.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// `rel` under the folder, for messages.
    pub fn shown(&self, rel: &str) -> PathBuf {
        if self.path == Path::new(".") {
            PathBuf::from(rel)
        } else {
            self.path.join(rel)
        }
    }

    /// The folder that holds `rel`, reached through real folders only, and
    /// the last name; `None` when a folder on the way is missing and
    /// `create` is not set.
    fn parent<'r>(&self, rel: &'r str, create: bool) -> Result<Option<(Arc<OwnedFd>, &'r str)>> {
        Ok(self
            .parent_from(rel, create, false)?
            .map(|(folder, name)| (folder.fd, name)))
    }

    /// [`Tree::parent`], starting from the deepest folder on the way kept
    /// open, and keeping open (while there is room) the folders it opens.
    fn parent_from<'r>(
        &self,
        rel: &'r str,
        create: bool,
        keep: bool,
    ) -> Result<Option<(Folder, &'r str)>> {
        let Some(parts) = plain_parts(rel) else {
            bail!(
                "{}: not a plain path inside the folder",
                crate::chars::excerpt(rel)
            );
        };
        let (last, folders) = parts.split_last().expect("split gives one part at least");
        let mut current = Folder {
            fd: Arc::clone(&self.fd),
            made: false,
        };
        let mut start = 0;
        if keep {
            let opened = self.opened.lock().unwrap_or_else(PoisonError::into_inner);
            if let Some((depth, folder)) = (1..=folders.len())
                .rev()
                .find_map(|depth| Some((depth, opened.get(&folders[..depth].join("/"))?)))
            {
                current = folder.clone();
                start = depth;
            }
        }
        for (depth, name) in folders.iter().enumerate().skip(start) {
            let shown = || self.shown(&folders[..=depth].join("/"));
            let mut made = false;
            // In a staged folder most folders are yet to be made: looking
            // for one first would fail each time.
            let first = if self.staged && create {
                Err(Errno::NOENT)
            } else {
                rustix::fs::openat(&*current.fd, *name, FOLDER, Mode::empty())
            };
            let opened = match first {
                Err(Errno::NOENT) if create => {
                    match rustix::fs::mkdirat(&*current.fd, *name, Mode::from_raw_mode(0o777)) {
                        Ok(()) => made = true,
                        Err(Errno::EXIST) => {}
                        Err(err) => {
                            return Err(std::io::Error::from(err)).with_context(|| {
                                format!("cannot create the folder {}", shown().display())
                            });
                        }
                    }
                    rustix::fs::openat(&*current.fd, *name, FOLDER, Mode::empty())
                }
                other => other,
            };
            current = match opened {
                Ok(fd) => Folder {
                    fd: Arc::new(fd),
                    made,
                },
                Err(Errno::NOENT) => return Ok(None),
                Err(Errno::LOOP | Errno::NOTDIR) => bail!(
                    "{} is a symbolic link or not a folder: pacte writes only through real \
                     folders, never through a link it did not create; remove it or choose \
                     another folder",
                    shown().display()
                ),
                Err(err) => {
                    return Err(std::io::Error::from(err))
                        .with_context(|| format!("cannot open the folder {}", shown().display()));
                }
            };
            if keep {
                let mut opened = self.opened.lock().unwrap_or_else(PoisonError::into_inner);
                if opened.len() < KEPT_OPEN {
                    opened.insert(folders[..=depth].join("/"), current.clone());
                }
            }
        }
        Ok(Some((current, last)))
    }

    /// What stands at `rel`; a folder on the way that is a link or not a
    /// folder is an error.
    pub fn entry(&self, rel: &str) -> Result<Entry> {
        Ok(self
            .stat(rel)?
            .map_or(Entry::Missing, |stat| Entry::of(&stat)))
    }

    /// What `stat` says of `rel`, without following a link there; `None`
    /// when nothing stands there. A folder on the way that is a link or
    /// not a folder is an error.
    pub fn stat(&self, rel: &str) -> Result<Option<Stat>> {
        self.stats().stat(rel)
    }

    /// [`Tree::stat`] for many paths in turn.
    pub fn stats(&self) -> Stats<'_> {
        Stats {
            tree: self,
            last: None,
        }
    }

    /// Writes `bytes` at `rel`, creating the folders on the way: see
    /// [`super::write`] for what happens to what stands there.
    pub fn write(&self, rel: &str, bytes: &[u8], how: How) -> Result<()> {
        let (folder, name) = self
            .parent(rel, true)?
            .context("a folder on the way disappeared")?;
        write::write_at(&folder, name, &self.shown(rel), bytes, how)
    }

    /// Makes `rel` a regular file holding `bytes` with the usual mode, as
    /// [`Tree::write`] with [`How::OWNED`] does, but leaves a file that
    /// already holds them as it is (only its mode made the usual one), so
    /// it keeps its stamp. The folders on the way are opened once for all
    /// of it: this is the one call per file of a published folder. Returns
    /// whether the file was written, and the stamp it was left with.
    pub fn put(&self, rel: &str, bytes: &[u8]) -> Result<(bool, Option<Stamp>)> {
        let (Folder { fd: folder, made }, name) = self
            .parent_from(rel, true, true)?
            .context("a folder on the way disappeared")?;
        if self.staged
            && let Some(stat) = write::new_in_staging_at(&folder, name, &self.shown(rel), bytes)?
        {
            return Ok((true, Stamp::of_usual(&stat)));
        }
        // In a folder this tree made, nothing stands at the name but what
        // it put there, and a path is put once (the publisher sees to it);
        // the manifest, put twice, lies above.
        let found = if made && !self.staged {
            Found::Nothing
        } else {
            kept_if_same(&folder, name, bytes)?
        };
        let stat = match found {
            Found::Same(stat) => return Ok((false, Stamp::of_usual(&stat))),
            Found::Nothing => write::new_owned_at(&folder, name, &self.shown(rel), bytes)?,
            Found::Other => {
                write::write_at(&folder, name, &self.shown(rel), bytes, How::OWNED)?;
                rustix::fs::statat(&*folder, name, AtFlags::SYMLINK_NOFOLLOW)
                    .map_err(std::io::Error::from)
                    .with_context(|| format!("cannot read {}", self.shown(rel).display()))?
            }
        };
        Ok((true, Stamp::of_usual(&stat)))
    }

    /// Creates a new file at `rel`, refusing to replace anything.
    pub fn create_new(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        let (folder, name) = self
            .parent(rel, true)?
            .context("a folder on the way disappeared")?;
        write::create_new_at(&folder, name, &self.shown(rel), bytes)
    }

    /// Reads the regular file at `rel` (never a link, FIFO or device),
    /// refusing one over `max_bytes`; `None` when there is none.
    pub fn read(&self, rel: &str, max_bytes: u64) -> Result<Option<Vec<u8>>> {
        let shown = || self.shown(rel).display().to_string();
        let Some((folder, name)) = self.parent(rel, false)? else {
            return Ok(None);
        };
        let flags = OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC;
        let fd = match rustix::fs::openat(&*folder, name, flags, Mode::empty()) {
            Ok(fd) => fd,
            Err(Errno::NOENT) => return Ok(None),
            Err(Errno::LOOP) => bail!("{} is a symbolic link: pacte does not read it", shown()),
            Err(err) => {
                return Err(std::io::Error::from(err))
                    .with_context(|| format!("cannot read {}", shown()));
            }
        };
        let stat = rustix::fs::fstat(&fd)?;
        if kind(FileType::from_raw_mode(stat.st_mode)) != Entry::File {
            bail!("{} is not a regular file: pacte does not read it", shown());
        }
        let mut bytes = Vec::new();
        std::fs::File::from(fd)
            .take(max_bytes.saturating_add(1))
            .read_to_end(&mut bytes)
            .with_context(|| format!("cannot read {}", shown()))?;
        if bytes.len() as u64 > max_bytes {
            bail!("{} is larger than {max_bytes} bytes: not read", shown());
        }
        Ok(Some(bytes))
    }

    /// Removes the regular file at `rel` (a link is removed itself, never
    /// what it points to); whether there was one.
    pub fn remove(&self, rel: &str) -> Result<bool> {
        let Some((folder, name)) = self.parent(rel, false)? else {
            return Ok(false);
        };
        match rustix::fs::unlinkat(&*folder, name, AtFlags::empty()) {
            Ok(()) => Ok(true),
            Err(Errno::NOENT) => Ok(false),
            Err(err) => Err(std::io::Error::from(err))
                .with_context(|| format!("cannot remove {}", self.shown(rel).display())),
        }
    }

    /// Removes the folders above `rel` that are left empty, deepest first,
    /// stopping at the first that still holds something.
    pub fn remove_empty_folders(&self, rel: &str) {
        let Some(parts) = plain_parts(rel) else {
            return;
        };
        for depth in (1..parts.len()).rev() {
            let folder = parts[..depth].join("/");
            let Ok(Some((parent, name))) = self.parent(&folder, false) else {
                return;
            };
            if rustix::fs::unlinkat(&*parent, name, AtFlags::REMOVEDIR).is_err() {
                return;
            }
        }
    }

    /// The names in the folder `rel` (`""` for the top) that are regular
    /// files, for finding leftovers.
    pub fn files_in(&self, rel: &str) -> Vec<String> {
        let folder = if rel.is_empty() {
            Arc::clone(&self.fd)
        } else {
            match self.parent(&format!("{rel}/x"), false) {
                Ok(Some((folder, _))) => folder,
                _ => return Vec::new(),
            }
        };
        let Ok(dir) = rustix::fs::Dir::read_from(&*folder) else {
            return Vec::new();
        };
        dir.filter_map(Result::ok)
            .filter(|e| e.file_type() == FileType::RegularFile)
            .filter_map(|e| e.file_name().to_str().ok().map(str::to_owned))
            .collect()
    }

    /// Keeps other pacte processes from writing into this folder while the
    /// returned value lives: the lock is taken on the folder itself
    /// (`flock`), so nothing is left behind and a killed pacte leaves no
    /// stale lock.
    pub fn lock(&self) -> Result<Lock> {
        match rustix::fs::flock(
            &*self.fd,
            rustix::fs::FlockOperation::NonBlockingLockExclusive,
        ) {
            Ok(()) => Ok(Lock(Arc::clone(&self.fd))),
            Err(Errno::WOULDBLOCK) => bail!(
                "another pacte is writing into {} right now: nothing was changed; wait for \
                 it to finish, or choose another folder",
                self.path.display()
            ),
            Err(err) => Err(std::io::Error::from(err))
                .with_context(|| format!("cannot lock the folder {}", self.path.display())),
        }
    }
}

/// `stat` of many paths in turn, keeping open the folder of the last one:
/// paths taken in order (a manifest's) mostly share it with the one
/// before.
pub struct Stats<'t> {
    tree: &'t Tree,
    /// A folder reached as any other, by its path.
    last: Option<(String, Arc<OwnedFd>)>,
}

impl Stats<'_> {
    /// As [`Tree::stat`].
    pub fn stat(&mut self, rel: &str) -> Result<Option<Stat>> {
        let (folder_rel, name) = rel.rsplit_once('/').unwrap_or(("", rel));
        let folder = match &self.last {
            Some((path, folder)) if path == folder_rel && plain_parts(rel).is_some() => {
                Arc::clone(folder)
            }
            _ => {
                // The folders above are kept open for the next paths.
                let Some((Folder { fd: folder, .. }, _)) =
                    self.tree.parent_from(rel, false, true)?
                else {
                    return Ok(None);
                };
                self.last = Some((folder_rel.to_owned(), Arc::clone(&folder)));
                folder
            }
        };
        match rustix::fs::statat(&*folder, name, AtFlags::SYMLINK_NOFOLLOW) {
            Ok(stat) => Ok(Some(stat)),
            Err(Errno::NOENT) => Ok(None),
            Err(err) => Err(std::io::Error::from(err))
                .with_context(|| format!("cannot read {}", self.tree.shown(rel).display())),
        }
    }
}

/// A held lock on an output folder; released when dropped.
#[derive(Debug)]
pub struct Lock(Arc<OwnedFd>);

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = rustix::fs::flock(&*self.0, rustix::fs::FlockOperation::Unlock);
    }
}

fn kind(file_type: FileType) -> Entry {
    match file_type {
        FileType::RegularFile => Entry::File,
        FileType::Directory => Entry::Folder,
        FileType::Symlink => Entry::Link,
        _ => Entry::Special,
    }
}
