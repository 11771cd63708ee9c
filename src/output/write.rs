//! Writing one file into an open folder, by what stands at its name (never
//! following a link there):
//!
//! - nothing: a new file, written under a temporary name in the same folder
//!   and renamed into place, with the usual mode (0666 less the umask);
//! - a regular file with one name: replaced the same way, atomically; with
//!   [`How::keep_mode`] it keeps its mode (a 0600 file stays 0600) and,
//!   when pacte may, its owner;
//! - a regular file with several names (hard links), with
//!   [`How::in_place_links`]: written in place, so that every name sees the
//!   new content (not atomic: the price of keeping the links);
//! - a device (`/dev/null`) or FIFO, with [`How::into_special`] (a file the
//!   user named): written into, never renamed over;
//! - a symbolic link, a folder, a socket, or a special file elsewhere:
//!   refused, nothing written.
//!
//! Temporary files are named `.NAME.XXXXXX.tmp`, created exclusively with
//! `O_NOFOLLOW` and mode 0600 (the usual mode when they become a new
//! file, whose bytes are public anyway), registered with [`super::cleanup`] while
//! they exist, and removed on every error and interrupt (see
//! [`super::temporary`]).

use std::io::{Read, Write};
use std::os::fd::OwnedFd;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use anyhow::{Context, Result, bail};
use rustix::fs::{AtFlags, FileType, Mode, OFlags, Stat};
use rustix::io::Errno;

use super::temporary::create_temporary;

/// What a write may do to what stands at its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct How {
    /// A replaced file keeps its mode and owner (else: the usual mode).
    pub keep_mode: bool,
    /// A file with several names is written in place (else: replaced).
    pub in_place_links: bool,
    /// A device or FIFO is written into (else: refused).
    pub into_special: bool,
    /// The data reaches the disk before the rename.
    pub sync: bool,
}

impl How {
    /// A file pacte owns in a folder it publishes (a site's page).
    pub const OWNED: How = How {
        keep_mode: false,
        in_place_links: false,
        into_special: false,
        sync: false,
    };
    /// A file in a folder the user gave (`export --out DIR/`).
    pub const IN_FOLDER: How = How {
        keep_mode: true,
        in_place_links: true,
        into_special: false,
        sync: true,
    };
    /// A file the user named (`export --out FILE`, a sheet's own file).
    pub const NAMED: How = How {
        keep_mode: true,
        in_place_links: true,
        into_special: true,
        sync: true,
    };
}

pub(super) fn write_at(
    folder: &Arc<OwnedFd>,
    name: &str,
    shown: &Path,
    bytes: &[u8],
    how: How,
) -> Result<()> {
    let stat = match rustix::fs::statat(&**folder, name, AtFlags::SYMLINK_NOFOLLOW) {
        Ok(stat) => Some(stat),
        Err(Errno::NOENT) => None,
        Err(err) => {
            return Err(std::io::Error::from(err))
                .with_context(|| format!("cannot write {}", shown.display()));
        }
    };
    let Some(stat) = stat else {
        return replace(folder, name, shown, bytes, None, how.sync)
            .map(drop)
            .with_context(|| format!("cannot write {}", shown.display()));
    };
    let written = match FileType::from_raw_mode(stat.st_mode) {
        FileType::RegularFile if stat.st_nlink > 1 && how.in_place_links => {
            in_place(folder, name, bytes, true)
        }
        FileType::RegularFile => replace(
            folder,
            name,
            shown,
            bytes,
            how.keep_mode.then_some(&stat),
            how.sync,
        )
        .map(drop),
        FileType::Symlink => Err(anyhow::anyhow!(
            "it is a symbolic link, and pacte does not write through a link in a folder \
             it writes into; remove it or choose another folder"
        )),
        FileType::Directory => Err(anyhow::anyhow!("it is a folder")),
        FileType::Fifo | FileType::CharacterDevice | FileType::BlockDevice if how.into_special => {
            in_place(folder, name, bytes, false)
        }
        _ => Err(anyhow::anyhow!(
            "it is not a regular file (a FIFO, socket or device)"
        )),
    };
    written.with_context(|| format!("cannot write {}", shown.display()))
}

/// A new file at `name`, refusing to replace anything that stands there.
pub(super) fn create_new_at(
    folder: &Arc<OwnedFd>,
    name: &str,
    shown: &Path,
    bytes: &[u8],
) -> Result<()> {
    let (temporary, registered) = create_temporary(folder, name, shown, usual_file_mode())?;
    let result = fill(&temporary.1, bytes, None, true)
        .and_then(|()| usual_stat(&temporary.1, true))
        .and_then(|_| {
            rustix::fs::renameat_with(
                &**folder,
                temporary.0.as_str(),
                &**folder,
                name,
                rustix::fs::RenameFlags::NOREPLACE,
            )
            .map_err(|err| match err {
                Errno::EXIST => anyhow::anyhow!(
                    "cannot create {}: it already exists (it must not exist yet: pacte does not \
                 overwrite it); move it away or choose another folder",
                    shown.display()
                ),
                err => anyhow::Error::from(std::io::Error::from(err))
                    .context(format!("cannot write {}", shown.display())),
            })
        });
    if result.is_err() {
        let _ = rustix::fs::unlinkat(&**folder, temporary.0.as_str(), AtFlags::empty());
    }
    drop(registered);
    result
}

/// A temporary file beside `name` holding `bytes`, renamed over it; the
/// file's `stat` once filled (a rename changes none of what it says of
/// the file but its change time).
fn replace(
    folder: &Arc<OwnedFd>,
    name: &str,
    shown: &Path,
    bytes: &[u8],
    existing: Option<&Stat>,
    sync: bool,
) -> Result<Stat> {
    // A new file's temporary is created with the mode it will keep (its
    // bytes are no more private than the file's); one that replaces a
    // file is private until given that file's mode.
    let created_mode = if existing.is_some() {
        0o600
    } else {
        usual_file_mode()
    };
    let (temporary, registered) = create_temporary(folder, name, shown, created_mode)?;
    let result = fill(&temporary.1, bytes, existing, sync)
        .and_then(|()| usual_stat(&temporary.1, existing.is_none()))
        .and_then(|stat| {
            rustix::fs::renameat(&**folder, temporary.0.as_str(), &**folder, name)
                .map_err(std::io::Error::from)?;
            Ok(stat)
        });
    if result.is_err() {
        let _ = rustix::fs::unlinkat(&**folder, temporary.0.as_str(), AtFlags::empty());
    }
    drop(registered);
    result
}

/// A new file at `name`, where nothing stood a moment before, written
/// as [`write_at`] writes it there with [`How::OWNED`]; its `stat`.
pub(super) fn new_owned_at(
    folder: &Arc<OwnedFd>,
    name: &str,
    shown: &Path,
    bytes: &[u8],
) -> Result<Stat> {
    replace(folder, name, shown, bytes, None, false)
        .with_context(|| format!("cannot write {}", shown.display()))
}

/// A new file at `name` in a folder no one reads yet (see
/// [`super::staging`]): written straight at its name, with the usual mode;
/// its `stat`, or `None` when something already stands there (which is
/// then left as it is).
pub(super) fn new_in_staging_at(
    folder: &OwnedFd,
    name: &str,
    shown: &Path,
    bytes: &[u8],
) -> Result<Option<Stat>> {
    let flags = OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL | OFlags::NOFOLLOW | OFlags::CLOEXEC;
    let fd = match rustix::fs::openat(folder, name, flags, Mode::from_raw_mode(usual_file_mode())) {
        Ok(fd) => fd,
        Err(Errno::EXIST) => return Ok(None),
        Err(err) => {
            return Err(std::io::Error::from(err))
                .with_context(|| format!("cannot write {}", shown.display()));
        }
    };
    let file = std::fs::File::from(fd);
    fill(&file, bytes, None, false)
        .and_then(|()| usual_stat(&file, true))
        .map(Some)
        .with_context(|| format!("cannot write {}", shown.display()))
}

/// The file's `stat`; when `usual` is set, its mode is made the usual one
/// first if it is not.
fn usual_stat(file: &std::fs::File, usual: bool) -> Result<Stat> {
    let stat = rustix::fs::fstat(file)?;
    if !usual || stat.st_mode & 0o7777 == usual_file_mode() {
        return Ok(stat);
    }
    rustix::fs::fchmod(file, Mode::from_raw_mode(usual_file_mode()))?;
    Ok(rustix::fs::fstat(file)?)
}

/// Writes `bytes` into a new file, first given the mode (and, when pacte
/// may, the owner) of the file it replaces, if any; a file replacing
/// nothing keeps the mode it was created with (see [`usual_stat`]).
fn fill(file: &std::fs::File, bytes: &[u8], existing: Option<&Stat>, sync: bool) -> Result<()> {
    if let Some(stat) = existing {
        // Only root may give a file away; for anyone else the file is
        // already theirs, or its group cannot be kept: not a failure.
        let _ = rustix::fs::fchown(
            file,
            Some(rustix::fs::Uid::from_raw(stat.st_uid)),
            Some(rustix::fs::Gid::from_raw(stat.st_gid)),
        );
        rustix::fs::fchmod(file, Mode::from_raw_mode(stat.st_mode & 0o7777))?;
    }
    let mut writer = file;
    writer.write_all(bytes)?;
    if sync {
        file.sync_all()?;
    }
    Ok(())
}

/// Writes over a file's content without replacing the file: devices,
/// FIFOs, and files with several names.
fn in_place(folder: &Arc<OwnedFd>, name: &str, bytes: &[u8], regular: bool) -> Result<()> {
    let mut flags = OFlags::WRONLY | OFlags::NOFOLLOW | OFlags::CLOEXEC | OFlags::NOCTTY;
    if regular {
        flags |= OFlags::TRUNC;
    }
    let fd =
        rustix::fs::openat(&**folder, name, flags, Mode::empty()).map_err(std::io::Error::from)?;
    let is_file = FileType::from_raw_mode(rustix::fs::fstat(&fd)?.st_mode) == FileType::RegularFile;
    if is_file != regular {
        bail!("it changed while pacte was writing it");
    }
    let mut file = std::fs::File::from(fd);
    file.write_all(bytes)?;
    file.flush()?;
    if regular {
        file.sync_all()?;
    }
    Ok(())
}

/// What [`kept_if_same`] found at a name.
pub(super) enum Found {
    /// A regular file holding the bytes, with its `stat` once given the
    /// usual mode.
    Same(Stat),
    Nothing,
    /// Anything else, or what could not be read (writing it says why it
    /// cannot be written).
    Other,
}

/// Whether `name` in `folder` is a regular file holding exactly `bytes`.
pub(super) fn kept_if_same(folder: &OwnedFd, name: &str, bytes: &[u8]) -> Result<Found> {
    let flags = OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC;
    let fd = match rustix::fs::openat(folder, name, flags, Mode::empty()) {
        Ok(fd) => fd,
        Err(Errno::NOENT) => return Ok(Found::Nothing),
        Err(_) => return Ok(Found::Other),
    };
    let Ok(mut stat) = rustix::fs::fstat(&fd) else {
        return Ok(Found::Other);
    };
    // A file of another size cannot hold the same bytes: not read.
    if FileType::from_raw_mode(stat.st_mode) != FileType::RegularFile
        || u64::try_from(stat.st_size).ok() != Some(bytes.len() as u64)
    {
        return Ok(Found::Other);
    }
    let mut old = Vec::with_capacity(bytes.len());
    let mut file = std::fs::File::from(fd);
    let read = (&mut file)
        .take(bytes.len() as u64 + 1)
        .read_to_end(&mut old);
    if read.is_err() || old != bytes {
        return Ok(Found::Other);
    }
    let usual = usual_file_mode();
    if stat.st_mode & 0o7777 != usual {
        rustix::fs::fchmod(&file, Mode::from_raw_mode(usual))?;
        stat = rustix::fs::fstat(&file)?;
    }
    Ok(Found::Same(stat))
}

/// The mode a new file gets from any program: 0666 less the umask.
pub fn usual_file_mode() -> u32 {
    0o666 & !umask()
}

/// The mode a new folder gets from any program: 0777 less the umask.
pub fn usual_folder_mode() -> u32 {
    0o777 & !umask()
}

/// The process's umask, read once. Linux says it in /proc without
/// changing it; elsewhere it is set and put back at once.
fn umask() -> u32 {
    static UMASK: OnceLock<u32> = OnceLock::new();
    *UMASK.get_or_init(|| {
        std::fs::read_to_string("/proc/self/status")
            .ok()
            .and_then(|status| {
                status
                    .lines()
                    .find_map(|l| l.strip_prefix("Umask:"))
                    .and_then(|v| u32::from_str_radix(v.trim(), 8).ok())
            })
            .unwrap_or_else(|| {
                // SAFETY: umask only swaps the process's mask; it is put
                // back at once.
                let old = unsafe { libc::umask(0o022) };
                unsafe { libc::umask(old) };
                old
            })
    })
}
