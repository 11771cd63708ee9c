//! Writing the site into its folder, touching only what pacte owns there.
//!
//! Invariants: a file is written or removed only when the folder's manifest
//! ([`MANIFEST`]) says pacte wrote it, or when it does not exist yet; any
//! other file already in the way stops the build before anything changes.
//! A file whose bytes are already right is left alone, keeping its
//! modification time, so uploads send only what changed. Each file is
//! written to a temporary file beside it and renamed into place, so a reader
//! never sees half a page. The manifest first lists the old and the new
//! files together, and only the new ones once the build is complete, so an
//! interrupted build never orphans a file pacte wrote.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Component, Path, PathBuf};

use anyhow::{Context, Result, bail};

use super::SiteFile;

/// The list of files pacte wrote, one path a line, kept in the site folder.
pub const MANIFEST: &str = ".pacte-site";

const MANIFEST_HEADER: &str =
    "# Files written by `pacte site`, which replaces or removes only these.\n";

/// What a build changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Written {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
}

/// A manifest line is trusted only as a plain relative path inside the
/// folder: no `..`, no root, no drive.
fn is_plain_relative(path: &str) -> bool {
    !path.is_empty()
        && Path::new(path)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

fn read_manifest(dir: &Path) -> Result<BTreeSet<String>> {
    let path = dir.join(MANIFEST);
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok(text
            .lines()
            .filter(|l| !l.starts_with('#') && is_plain_relative(l))
            .map(str::to_owned)
            .collect()),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(BTreeSet::new()),
        Err(err) => Err(err).with_context(|| format!("cannot read {}", path.display())),
    }
}

fn write_manifest<'a>(dir: &Path, paths: impl Iterator<Item = &'a str>) -> Result<()> {
    let mut text = String::from(MANIFEST_HEADER);
    for path in paths {
        text.push_str(path);
        text.push('\n');
    }
    let path = dir.join(MANIFEST);
    if holds(&path, text.as_bytes()) {
        return Ok(());
    }
    replace(&path, text.as_bytes())
}

/// Writes `bytes` to `path` through a temporary file renamed into place.
fn replace(path: &Path, bytes: &[u8]) -> Result<()> {
    let parent = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)
        .with_context(|| format!("cannot create the folder {}", parent.display()))?;
    let mut file = tempfile::NamedTempFile::new_in(parent)
        .with_context(|| format!("cannot write in {}", parent.display()))?;
    file.write_all(bytes)
        .and_then(|()| file.flush())
        .with_context(|| format!("cannot write {}", path.display()))?;
    file.persist(path)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

/// Whether the file at `path` already holds exactly `bytes`.
fn holds(path: &Path, bytes: &[u8]) -> bool {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.is_file() && meta.len() == bytes.len() as u64 => {
            std::fs::read(path).is_ok_and(|old| old == bytes)
        }
        _ => false,
    }
}

/// Writes `files` into `dir` (created if needed), and removes the files an
/// earlier build wrote that are no longer part of the site.
pub fn write(dir: &Path, files: &[SiteFile]) -> Result<Written> {
    if dir.exists() && !dir.is_dir() {
        bail!(
            "{} exists and is not a folder: give a folder for the site",
            dir.display()
        );
    }
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot create the folder {}", dir.display()))?;
    let owned = read_manifest(dir)?;
    let new: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();

    let in_the_way: Vec<PathBuf> = files
        .iter()
        .filter(|f| !owned.contains(&f.path))
        .map(|f| dir.join(&f.path))
        .filter(|p| std::fs::symlink_metadata(p).is_ok())
        .collect();
    if let Some(first) = in_the_way.first() {
        bail!(
            "{} already exists and was not written by pacte site{}: move it away or choose \
             another folder (pacte only replaces files listed in {})",
            first.display(),
            match in_the_way.len() {
                1 => String::new(),
                n => format!(" (nor were {} other files in the way)", n - 1),
            },
            dir.join(MANIFEST).display()
        );
    }

    write_manifest(
        dir,
        owned
            .iter()
            .map(String::as_str)
            .chain(new.iter().copied())
            .collect::<BTreeSet<_>>()
            .into_iter(),
    )?;
    let mut report = Written::default();
    for file in files {
        let path = dir.join(&file.path);
        if holds(&path, &file.bytes) {
            report.unchanged += 1;
        } else {
            replace(&path, &file.bytes)?;
            report.written += 1;
        }
    }
    for stale in owned.iter().filter(|p| !new.contains(p.as_str())) {
        let path = dir.join(stale);
        match std::fs::remove_file(&path) {
            Ok(()) => report.removed += 1,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
            Err(err) => {
                return Err(err).with_context(|| format!("cannot remove {}", path.display()));
            }
        }
        remove_empty_parents(dir, &path);
    }
    write_manifest(dir, new.into_iter())?;
    Ok(report)
}

/// The search index that an earlier build wrote into `dir`, when that build
/// had exactly these sheet pages (same paths, same bytes), so the index would
/// come out the same; `None` when anything differs or cannot be read.
pub fn earlier_index(dir: &Path, sheet_pages: &[SiteFile]) -> Option<Vec<SiteFile>> {
    let owned = read_manifest(dir).ok()?;
    let earlier_pages = owned.iter().filter(|p| p.starts_with("fiches/")).count();
    if earlier_pages != sheet_pages.len()
        || !sheet_pages
            .iter()
            .all(|page| owned.contains(&page.path) && holds(&dir.join(&page.path), &page.bytes))
    {
        return None;
    }
    let index: Vec<SiteFile> = owned
        .iter()
        .filter(|p| super::search_index::is_index_file(p))
        .map(|path| {
            std::fs::read(dir.join(path)).ok().map(|bytes| SiteFile {
                path: path.clone(),
                bytes,
            })
        })
        .collect::<Option<_>>()?;
    (!index.is_empty()).then_some(index)
}

/// Removes the folders left empty above a removed file, up to `dir`.
fn remove_empty_parents(dir: &Path, file: &Path) {
    let mut current = file.parent();
    while let Some(folder) = current.filter(|f| *f != dir && f.starts_with(dir)) {
        // Fails, and stops, at the first folder that still holds something.
        if std::fs::remove_dir(folder).is_err() {
            break;
        }
        current = folder.parent();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_lines_outside_the_folder_are_ignored() {
        for path in ["index.html", "fiches/a/index.html"] {
            assert!(is_plain_relative(path), "{path}");
        }
        for path in ["", "../x", "/etc/passwd", "a/../../b", "./a"] {
            assert!(!is_plain_relative(path), "{path}");
        }
    }
}
