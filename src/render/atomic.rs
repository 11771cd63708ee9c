//! Writing a file over whatever stands at its path, without surprises.
//!
//! [`replace_file`] decides by what the path names, after following
//! symbolic links (so a link keeps pointing at the file, which gets the new
//! content):
//!
//! - nothing: a new file, written under a temporary name in the same folder
//!   and renamed into place, with the usual permissions (0666 less umask);
//! - a regular file with one name: replaced the same way, atomically, keeping
//!   its permissions (a 0600 file stays 0600) and, when pacte may, its owner;
//! - a regular file with several names (hard links): written in place, so
//!   that every name sees the new content. That write is not atomic; it is
//!   the price of keeping the links;
//! - anything else (a device such as `/dev/null`, a FIFO): written to
//!   directly, never renamed over, so the device node or pipe stays;
//!   a folder or a socket is refused.
//!
//! Temporary files come from `tempfile` (created exclusively, so never
//! through a planted link; mode 0600 until an existing file's mode is
//! copied, 0666 less umask for a new file; removed when dropped) and are
//! registered while they exist: an interrupt
//! (Ctrl-C, SIGTERM, SIGHUP) removes them before pacte exits, so no
//! `.NAME.*.tmp` file is left behind.

use std::fs::{File, Metadata};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, Once};

use anyhow::{Context, Result, bail};

/// Temporary files that exist right now, for the interrupt handler.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Links followed before giving up, as the system does (`ELOOP`).
const MAX_LINKS: usize = 40;

/// Writes `bytes` to `path` as the module documentation describes.
pub fn replace_file(path: &Path, bytes: &[u8]) -> Result<()> {
    let target = follow_links(path)?;
    let written = match std::fs::metadata(&target) {
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => write_new(&target, bytes, None),
        Err(err) => Err(err.into()),
        Ok(meta) if meta.is_file() && hard_links(&meta) > 1 => write_in_place(&target, bytes),
        Ok(meta) if meta.is_file() => write_new(&target, bytes, Some(&meta)),
        Ok(meta) if meta.is_dir() => bail!("it is a folder"),
        Ok(_) => write_in_place(&target, bytes),
    };
    written.with_context(|| {
        if target == path {
            format!("cannot write {}", path.display())
        } else {
            format!(
                "cannot write {} (where the link {} leads)",
                target.display(),
                path.display()
            )
        }
    })
}

/// The path a chain of symbolic links leads to; the path itself when it is
/// not a link, and the last link's target when that does not exist yet.
fn follow_links(path: &Path) -> Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match std::fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = std::fs::read_link(&current)
                    .with_context(|| format!("cannot read the link {}", current.display()))?;
                current = match current.parent() {
                    Some(parent) => parent.join(target),
                    None => target,
                };
            }
            _ => return Ok(current),
        }
    }
    bail!(
        "cannot write {}: more than {MAX_LINKS} symbolic links in a row",
        path.display()
    )
}

/// A new file under a temporary name beside `target`, renamed over it.
/// With `existing`, the new file takes its permissions (and owner, when
/// allowed).
fn write_new(target: &Path, bytes: &[u8], existing: Option<&Metadata>) -> Result<()> {
    let folder = match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    install_interrupt_cleanup();
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    if existing.is_none() {
        // Created with 0666, less the umask, like any new file.
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    // Created and registered under the lock: an interrupt either comes
    // before the file exists or finds it registered.
    let (mut temporary, registered) = {
        let mut pending = pending();
        let temporary = builder
            .tempfile_in(folder)
            .with_context(|| format!("cannot create a file in {}", folder.display()))?;
        let path = temporary.path().to_path_buf();
        pending.push(path.clone());
        (temporary, path)
    };
    let result = (|| -> Result<()> {
        if let Some(meta) = existing {
            keep_owner_and_mode(temporary.as_file(), meta)?;
        }
        temporary.write_all(bytes)?;
        temporary.as_file().sync_all()?;
        temporary.persist(target).map_err(|err| err.error)?;
        Ok(())
    })();
    // On failure the temporary file is removed when dropped.
    unregister(&registered);
    result
}

/// Writes over the file's content without replacing the file: for devices,
/// FIFOs and files with several hard links.
fn write_in_place(target: &Path, bytes: &[u8]) -> Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true);
    let kind = std::fs::metadata(target)?.file_type();
    if kind.is_file() {
        options.truncate(true);
    }
    let mut file = options.open(target)?;
    file.write_all(bytes)?;
    file.flush()?;
    if kind.is_file() {
        file.sync_all()?;
    }
    Ok(())
}

#[cfg(unix)]
fn hard_links(meta: &Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::nlink(meta)
}

#[cfg(not(unix))]
fn hard_links(_meta: &Metadata) -> u64 {
    1
}

#[cfg(unix)]
fn keep_owner_and_mode(file: &File, meta: &Metadata) -> Result<()> {
    use std::os::unix::fs::MetadataExt;
    // Only root may give a file away; for anyone else the file is already
    // theirs, or its group cannot be kept: not a reason to fail.
    let _ = std::os::unix::fs::fchown(file, Some(meta.uid()), Some(meta.gid()));
    file.set_permissions(meta.permissions())?;
    Ok(())
}

#[cfg(not(unix))]
fn keep_owner_and_mode(file: &File, meta: &Metadata) -> Result<()> {
    file.set_permissions(meta.permissions())?;
    Ok(())
}

/// The registry, even if a thread panicked while holding it: cleaning up
/// matters more than what that thread was doing.
fn pending() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    PENDING
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn unregister(path: &Path) {
    pending().retain(|p| p != path);
}

/// On the first write, starts a thread that waits for an interrupt, removes
/// the temporary files that exist at that moment and exits as the signal
/// would have (128 + its number).
fn install_interrupt_cleanup() {
    static INSTALLED: Once = Once::new();
    #[cfg(unix)]
    INSTALLED.call_once(|| {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
            return;
        };
        std::thread::spawn(move || {
            if let Some(signal) = signals.forever().next() {
                // Hold the lock until exit: no new file is created.
                let pending = pending();
                for path in pending.iter() {
                    let _ = std::fs::remove_file(path);
                }
                std::process::exit(128 + signal);
            }
        });
    });
    #[cfg(not(unix))]
    INSTALLED.call_once(|| {});
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::{MetadataExt, PermissionsExt, symlink};

    #[test]
    fn a_file_keeps_its_mode_and_a_link_its_place() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.yaml");
        std::fs::write(&file, "old").unwrap();
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
        replace_file(&file, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "new");
        assert_eq!(std::fs::metadata(&file).unwrap().mode() & 0o777, 0o600);

        let link = dir.path().join("link.yaml");
        symlink("a.yaml", &link).unwrap();
        replace_file(&link, b"through").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "through");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 2, "no temporary file is left");
    }

    #[test]
    fn hard_links_stay_linked() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.yaml");
        let other = dir.path().join("b.yaml");
        std::fs::write(&file, "old").unwrap();
        std::fs::hard_link(&file, &other).unwrap();
        replace_file(&file, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&other).unwrap(), "new");
    }

    #[test]
    fn devices_are_written_to_not_replaced() {
        replace_file(Path::new("/dev/null"), b"x").unwrap();
        assert!(!std::fs::metadata("/dev/null").unwrap().is_file());
        let err = replace_file(Path::new("/dev/full"), b"x").unwrap_err();
        assert!(format!("{err:#}").contains("/dev/full"), "{err:#}");
    }
}
