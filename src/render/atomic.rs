//! Replacing a file at once: readers see the old bytes or the new ones,
//! never a half-written file. The new bytes go to a temporary file beside
//! the target (same folder, so the rename stays on one file system), which
//! takes the target's permissions, then is renamed over it. A symbolic link
//! is written through: its target is replaced and the link stays.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};

pub fn replace_file(path: &Path, bytes: &[u8]) -> Result<()> {
    let target = if path.is_symlink() {
        std::fs::canonicalize(path)
            .with_context(|| format!("cannot follow the link {}", path.display()))?
    } else {
        path.to_owned()
    };
    let folder = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut temporary = tempfile::Builder::new()
        .prefix(".pacte-")
        .tempfile_in(folder)
        .with_context(|| format!("cannot write in the folder {}", folder.display()))?;
    temporary.write_all(bytes)?;
    if let Ok(meta) = std::fs::metadata(&target) {
        temporary.as_file().set_permissions(meta.permissions())?;
    }
    temporary.as_file().sync_all()?;
    temporary
        .persist(&target)
        .with_context(|| format!("cannot replace {}", target.display()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn keeps_permissions_and_writes_through_links() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.yaml");
        std::fs::write(&file, "old").unwrap();
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).unwrap();
        let link = dir.path().join("link.yaml");
        std::os::unix::fs::symlink(&file, &link).unwrap();
        replace_file(&link, b"new").unwrap();
        assert!(link.is_symlink());
        assert_eq!(std::fs::read(&file).unwrap(), b"new");
        let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 2, "no temporary file is left behind");
    }
}
