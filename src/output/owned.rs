//! A folder pacte publishes into (the site), touching only what it owns
//! there.
//!
//! Invariants: a file is written or removed only when the folder's manifest
//! says pacte wrote it, or when nothing stands at its name yet; anything
//! else in the way stops the build before anything changes. A manifest line
//! is trusted only as a plain relative path to a regular file (or to
//! nothing) reached through real folders: a line naming `..`, an absolute
//! path, a folder, a link, a special file or a path through a link is
//! ignored with a warning that names the manifest. The manifest itself is
//! read only as a regular file, within a size limit. A file whose bytes are
//! already right is left alone (keeping its modification time, so uploads
//! send only what changed). The manifest first lists the old and the new
//! files together, and only the new ones once the build is complete, so an
//! interrupted build never orphans a file pacte wrote; the temporary files
//! such a build leaves are removed by the next one. One build at a time.

use std::collections::BTreeSet;
use std::path::Path;

use anyhow::{Context, Result, bail};

use super::tree::{Entry, Tree, plain_parts};
use super::write::{How, is_temporary_of};

/// The largest manifest read: far more than any catalogue's list of files.
const MAX_MANIFEST_BYTES: u64 = 64 * 1024 * 1024;
/// The largest earlier file read back.
const MAX_OWNED_BYTES: u64 = 512 * 1024 * 1024;

/// What a build changed, and what it ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Published {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
    /// Manifest lines ignored, and why (the manifest is named).
    pub warnings: Vec<String>,
}

/// The files a folder's manifest says pacte wrote, trusted ones only.
pub struct Owned {
    tree: Tree,
    pub paths: BTreeSet<String>,
    warnings: Vec<String>,
}

impl Owned {
    /// The bytes of an owned file, when it is a regular file.
    pub fn read(&self, path: &str) -> Option<Vec<u8>> {
        if !self.paths.contains(path) {
            return None;
        }
        self.tree.read(path, MAX_OWNED_BYTES).ok().flatten()
    }

    /// Whether an owned file holds exactly `bytes`.
    pub fn holds(&self, path: &str, bytes: &[u8]) -> bool {
        self.paths.contains(path) && self.tree.holds(path, bytes)
    }
}

/// What the manifest `manifest` of the folder at `dir` lists, when the
/// folder exists.
pub fn read_owned(dir: &Path, manifest: &str) -> Result<Option<Owned>> {
    if !dir.is_dir() {
        return Ok(None);
    }
    let tree = Tree::open(dir, false)?;
    load(tree, manifest).map(Some)
}

fn load(tree: Tree, manifest: &str) -> Result<Owned> {
    let shown = tree.shown(manifest).display().to_string();
    let bytes = match tree.entry(manifest)? {
        Entry::Missing => Vec::new(),
        Entry::File => tree.read(manifest, MAX_MANIFEST_BYTES)?.unwrap_or_default(),
        _ => bail!(
            "{shown} is not a regular file (a link, folder or special file): pacte will not \
             read it; remove it, then build again"
        ),
    };
    let text = String::from_utf8_lossy(&bytes);
    let mut paths = BTreeSet::new();
    let mut warnings = Vec::new();
    for (number, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let why = if line.chars().any(char::is_control) || plain_parts(line).is_none() {
            Some("not a plain path inside the folder")
        } else if line == manifest {
            Some("the manifest itself")
        } else {
            match tree.entry(line) {
                Ok(Entry::Missing | Entry::File) => None,
                Ok(Entry::Folder) => Some("a folder"),
                Ok(Entry::Link) => Some("a symbolic link"),
                Ok(Entry::Special) => Some("not a regular file"),
                Err(_) => Some("a path through a symbolic link"),
            }
        };
        match why {
            None => {
                paths.insert(line.to_owned());
            }
            Some(why) => warnings.push(format!(
                "{shown}, line {}: `{}` is {why}: ignored (pacte never replaces or removes it)",
                number + 1,
                crate::chars::excerpt(&line.escape_debug().to_string())
            )),
        }
    }
    Ok(Owned {
        tree,
        paths,
        warnings,
    })
}

/// Writes `files` (path under the folder, with `/`, and bytes) into the
/// folder at `dir` (created if needed), and removes the files an earlier
/// build wrote that are no longer part of it. `manifest` names the list of
/// owned files kept in the folder.
pub fn publish(dir: &Path, manifest: &str, files: &[(&str, &[u8])]) -> Result<Published> {
    let tree = Tree::open(dir, true)?;
    let _lock = tree.lock()?;
    let Owned {
        paths: owned,
        warnings,
        ..
    } = load(tree.clone(), manifest)?;
    let new: BTreeSet<&str> = files.iter().map(|(path, _)| *path).collect();
    remove_leftovers(
        &tree,
        owned.iter().map(String::as_str).chain(new.iter().copied()),
    );
    check_nothing_in_the_way(&tree, manifest, &owned, files)?;

    let all: BTreeSet<&str> = owned
        .iter()
        .map(String::as_str)
        .chain(new.iter().copied())
        .collect();
    write_manifest(&tree, manifest, all.into_iter())?;
    let mut report = Published {
        warnings,
        ..Published::default()
    };
    for (path, bytes) in files {
        if tree.holds(path, bytes) {
            tree.set_usual_mode(path)?;
            report.unchanged += 1;
        } else {
            tree.write(path, bytes, How::OWNED)?;
            report.written += 1;
        }
    }
    for stale in owned.iter().filter(|p| !new.contains(p.as_str())) {
        if tree.entry(stale)? == Entry::File && tree.remove(stale)? {
            report.removed += 1;
        }
        tree.remove_empty_folders(stale);
    }
    write_manifest(&tree, manifest, new.into_iter())?;
    Ok(report)
}

/// Stops before anything changes when a file to write would replace
/// something pacte did not write, or something it cannot write over.
fn check_nothing_in_the_way(
    tree: &Tree,
    manifest: &str,
    owned: &BTreeSet<String>,
    files: &[(&str, &[u8])],
) -> Result<()> {
    let mut in_the_way = Vec::new();
    for (path, _) in files {
        let entry = tree.entry(path)?;
        let blocked = match entry {
            Entry::Missing => false,
            Entry::File => !owned.contains(*path),
            Entry::Folder | Entry::Link | Entry::Special => true,
        };
        if blocked {
            in_the_way.push(tree.shown(path));
        }
    }
    if let Some(first) = in_the_way.first() {
        bail!(
            "{} already exists and was not written by pacte{}: move it away or choose \
             another folder (pacte only replaces regular files listed in {})",
            first.display(),
            match in_the_way.len() {
                1 => String::new(),
                n => format!(" (nor were {} other files in the way)", n - 1),
            },
            tree.shown(manifest).display()
        );
    }
    Ok(())
}

fn write_manifest<'a>(
    tree: &Tree,
    manifest: &str,
    paths: impl Iterator<Item = &'a str>,
) -> Result<()> {
    let mut text =
        String::from("# Files written by pacte, which replaces or removes only these.\n");
    for path in paths {
        text.push_str(path);
        text.push('\n');
    }
    if tree.holds(manifest, text.as_bytes()) {
        return Ok(());
    }
    tree.write(manifest, text.as_bytes(), How::OWNED)
        .with_context(|| format!("cannot write {}", tree.shown(manifest).display()))
}

/// Removes the temporary files an interrupted build left beside the files
/// it owns: `.NAME.XXXXXX.tmp` (and the `.tmpXXXXXX` of earlier versions).
fn remove_leftovers<'a>(tree: &Tree, paths: impl Iterator<Item = &'a str>) {
    let mut by_folder: std::collections::BTreeMap<&str, Vec<&str>> =
        std::collections::BTreeMap::new();
    for path in paths {
        let (folder, name) = path.rsplit_once('/').unwrap_or(("", path));
        by_folder.entry(folder).or_default().push(name);
    }
    for (folder, names) in by_folder {
        for file in tree.files_in(folder) {
            let old_style = file.strip_prefix(".tmp").is_some_and(|rest| {
                rest.len() == 6 && rest.bytes().all(|b| b.is_ascii_alphanumeric())
            });
            if old_style || names.iter().any(|name| is_temporary_of(&file, name)) {
                let rel = if folder.is_empty() {
                    file
                } else {
                    format!("{folder}/{file}")
                };
                let _ = tree.remove(&rel);
            }
        }
    }
}
