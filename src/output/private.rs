//! Private temporary files and folders: the copy `edit` hands to the
//! editor, the files `diff` takes out of a git revision.
//!
//! Invariants: created exclusively in the system's temporary folder,
//! readable by their owner only (0600 files, 0700 folders), and removed
//! however pacte ends: when dropped, and on Ctrl-C, SIGTERM or SIGHUP
//! through [`super::cleanup`]. Only [`PrivateFile::keep`] leaves one
//! behind, on purpose.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use super::cleanup::{Pending, Registered, register};

/// A private folder, removed with what it holds.
#[derive(Debug)]
pub struct PrivateDir {
    // Dropped first (fields drop in order): removed, then unregistered.
    dir: tempfile::TempDir,
    _registered: Registered,
}

impl PrivateDir {
    pub fn new(prefix: &str) -> Result<PrivateDir> {
        let (dir, registered) = register(|| {
            let dir = tempfile::Builder::new().prefix(prefix).tempdir()?;
            let path = dir.path().to_path_buf();
            Ok::<_, std::io::Error>((dir, Pending::Path(path)))
        })
        .context("cannot create a private temporary folder")?;
        Ok(PrivateDir {
            dir,
            _registered: registered,
        })
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }
}

/// A private file holding some text, alone in a private folder (so no
/// one else can put anything at its name, even while an editor replaces
/// it).
#[derive(Debug)]
pub struct PrivateFile {
    dir: PrivateDir,
    path: PathBuf,
}

impl PrivateFile {
    /// `name` in a new private folder whose name starts with `prefix`.
    pub fn new(prefix: &str, name: &str, bytes: &[u8]) -> Result<PrivateFile> {
        use std::os::unix::fs::OpenOptionsExt;
        let dir = PrivateDir::new(prefix)?;
        let path = dir.path().join(name);
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&path)
            .with_context(|| format!("cannot create {}", path.display()))?;
        file.write_all(bytes)?;
        file.sync_all()?;
        Ok(PrivateFile { dir, path })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Leaves the file in place (it holds work that could not be saved
    /// elsewhere) and says where.
    pub fn keep(self) -> Result<PathBuf> {
        let PrivateFile { dir, path } = self;
        let PrivateDir { dir, _registered } = dir;
        let _ = dir.keep();
        Ok(path)
    }
}
