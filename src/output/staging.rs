//! A folder published for the first time is built beside its place and
//! moved there whole.
//!
//! Invariants: the staging folder is `.NAME.XXXXXX.tmp` in the folder that
//! will hold NAME, made with the usual mode (it becomes the published
//! folder), registered with [`super::cleanup`] from the moment it exists,
//! and removed with what it holds on every error and interrupt. It takes
//! NAME only if nothing stands there by then (`RENAME_NOREPLACE`): a
//! reader sees no folder, then the whole of it.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use super::cleanup::{Pending, Registered, register};

/// A folder being built where nothing stood; removed unless moved into
/// place.
#[derive(Debug)]
pub(super) struct Staging {
    // Dropped first (fields drop in order): removed, then unregistered.
    dir: tempfile::TempDir,
    _registered: Registered,
    place: PathBuf,
}

impl Staging {
    /// A staging folder for `place` when nothing stands at `place` and its
    /// parent can hold one (it is created with its parents if need be);
    /// `None` otherwise, and the folder is then written in place.
    pub fn for_new(place: &Path) -> Result<Option<Staging>> {
        use std::os::unix::fs::PermissionsExt;
        match std::fs::symlink_metadata(place) {
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
            _ => return Ok(None),
        }
        let Some(name) = place.file_name().and_then(|n| n.to_str()) else {
            return Ok(None);
        };
        let parent = match place.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create the folder {}", parent.display()))?;
        let mode = super::write::usual_folder_mode();
        let created = register(|| {
            let dir = tempfile::Builder::new()
                .prefix(&format!(".{name}."))
                .suffix(".tmp")
                .rand_bytes(6)
                .permissions(std::fs::Permissions::from_mode(mode))
                .tempdir_in(parent)?;
            let path = dir.path().to_path_buf();
            Ok::<_, std::io::Error>((dir, Pending::Path(path)))
        });
        // A parent pacte may not write in is said when the folder itself
        // is made, in the usual words.
        let Ok((dir, registered)) = created else {
            return Ok(None);
        };
        Ok(Some(Staging {
            dir,
            _registered: registered,
            place: place.to_path_buf(),
        }))
    }

    /// Where the folder is being built.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Moves the folder to its place, unless something stands there now.
    pub fn move_into_place(self) -> Result<()> {
        let Staging {
            dir,
            _registered,
            place,
        } = self;
        let moved = rustix::fs::renameat_with(
            rustix::fs::CWD,
            dir.path(),
            rustix::fs::CWD,
            &place,
            rustix::fs::RenameFlags::NOREPLACE,
        );
        match moved {
            Ok(()) => {
                // Moved: nothing is left to remove.
                let _ = dir.keep();
                Ok(())
            }
            // A file system that cannot refuse to replace: nothing stands
            // there a moment before.
            Err(rustix::io::Errno::INVAL)
                if std::fs::symlink_metadata(&place)
                    .is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound) =>
            {
                std::fs::rename(dir.path(), &place).with_context(|| {
                    format!("cannot move the new folder to {}", place.display())
                })?;
                let _ = dir.keep();
                Ok(())
            }
            Err(rustix::io::Errno::EXIST | rustix::io::Errno::NOTEMPTY) => bail!(
                "{} appeared while pacte was building it: nothing was written there; run \
                 the command again to update it",
                place.display()
            ),
            Err(err) => Err(std::io::Error::from(err))
                .with_context(|| format!("cannot move the new folder to {}", place.display())),
        }
    }
}
