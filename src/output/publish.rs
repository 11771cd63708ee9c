//! Publishing into a folder (the site) file by file, as the files are
//! made, touching only what pacte owns there.
//!
//! Invariants: every path a build will write is declared before anything
//! changes ([`Publisher::begin`]); a path is written or removed only when
//! the folder's manifest says pacte wrote it, or when nothing stands at its
//! name yet, and anything else in the way stops the build before anything
//! changes. A file whose bytes are already right is left alone (keeping its
//! modification time, so uploads send only what changed). The manifest
//! first lists the old and the new files together (when there are new
//! ones), and only the new ones, with their stamps, once the build is
//! complete ([`Publisher::finish`]), so an interrupted build never orphans
//! a file pacte wrote and is never taken for a complete one (a file it
//! rewrote no longer has its stamp); the temporary files such a build
//! leaves are removed by the next one. One build at a time.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use anyhow::{Context, Result, bail};

use super::owned::{load, write_manifest};
use super::staging::Staging;
use super::stamp::Stamp;
use super::temporary::is_temporary_of;
use super::tree::{Entry, Lock, Tree};

/// What a build changed, and what it ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Published {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
    /// Manifest lines ignored, and why (the manifest is named).
    pub warnings: Vec<String>,
}

/// A build in progress in a locked folder.
pub struct Publisher {
    tree: Tree,
    /// Where a first build is made, moved into place by
    /// [`Publisher::finish`]; dropped (removed) on every other end.
    staging: Option<Staging>,
    _lock: Lock,
    manifest: String,
    /// What the manifest listed before this build.
    owned: BTreeSet<String>,
    /// Every path of this build, and what became of it.
    planned: BTreeMap<String, Slot>,
    written: AtomicUsize,
    unchanged: AtomicUsize,
    report: Published,
}

/// A planned path: whether a thread took it, and the stamp it was left
/// with once put.
#[derive(Default)]
struct Slot {
    claimed: AtomicBool,
    stamp: OnceLock<Stamp>,
}

impl Publisher {
    /// Opens (and creates) the folder at `dir`, locks it, and prepares to
    /// write exactly the paths `planned` (under the folder, with `/`).
    /// Stops before anything changes when one of them would replace
    /// something pacte did not write. `manifest` names the list of owned
    /// files kept in the folder.
    pub fn begin(dir: &Path, manifest: &str, planned: BTreeSet<String>) -> Result<Publisher> {
        let staging = Staging::for_new(dir)?;
        let tree = match &staging {
            Some(staging) => Tree::open_staged(staging.path(), dir)?,
            None => Tree::open(dir, true)?,
        };
        let lock = tree.lock()?;
        let read = load(&tree, manifest)?;
        let owned: BTreeSet<String> = read.paths.into_keys().collect();
        // A staged folder is new and empty: nothing is left over or in the
        // way, and it is seen only once complete.
        if staging.is_none() {
            remove_leftovers(
                &tree,
                owned.iter().chain(planned.iter()).map(String::as_str),
            );
            check_nothing_in_the_way(&tree, manifest, &owned, &planned)?;
        }
        // A path not listed yet is listed before it is written; when every
        // path already is, the manifest is left as it is (an interrupted
        // build is then told by the stamps of what it rewrote).
        if staging.is_none() && planned.iter().any(|p| !owned.contains(p)) {
            let all: BTreeSet<&str> = owned.iter().chain(&planned).map(String::as_str).collect();
            write_manifest(&tree, manifest, all.into_iter().map(|p| (p, None)), None)?;
        }
        Ok(Publisher {
            tree,
            staging,
            _lock: lock,
            manifest: manifest.to_owned(),
            owned,
            planned: planned.into_iter().map(|p| (p, Slot::default())).collect(),
            written: AtomicUsize::new(0),
            unchanged: AtomicUsize::new(0),
            report: Published {
                warnings: read.warnings,
                ..Published::default()
            },
        })
    }

    /// Writes one planned file, unless it already holds `bytes`. Files may
    /// be put from several threads at once.
    pub fn put(&self, path: &str, bytes: &[u8]) -> Result<()> {
        let Some(slot) = self.planned.get(path) else {
            bail!("{path} was not declared before the build began");
        };
        if slot.claimed.swap(true, Ordering::AcqRel) {
            bail!("{path} was written twice in one build");
        }
        let (written, stamp) = self.tree.put(path, bytes)?;
        let stamp = stamp.with_context(|| format!("{path} changed as it was written"))?;
        let _ = slot.stamp.set(stamp);
        let count = if written {
            &self.written
        } else {
            &self.unchanged
        };
        count.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// Removes the files an earlier build wrote that are no longer part of
    /// this one, and lists this build's files with their stamps and
    /// `built_from` (what the build was made from) in the manifest.
    pub fn finish(mut self, built_from: &str) -> Result<Published> {
        if let Some((missing, _)) = self.planned.iter().find(|(_, s)| s.stamp.get().is_none()) {
            bail!("{missing} was declared but never written: the build is incomplete");
        }
        for stale in self.owned.iter().filter(|p| !self.planned.contains_key(*p)) {
            if self.tree.entry(stale)? == Entry::File && self.tree.remove(stale)? {
                self.report.removed += 1;
            }
            self.tree.remove_empty_folders(stale);
        }
        write_manifest(
            &self.tree,
            &self.manifest,
            self.planned
                .iter()
                .map(|(p, slot)| (p.as_str(), slot.stamp.get().copied())),
            Some(built_from),
        )?;
        if let Some(staging) = self.staging.take() {
            staging.move_into_place()?;
        }
        self.report.written = self.written.into_inner();
        self.report.unchanged = self.unchanged.into_inner();
        Ok(self.report)
    }
}

/// Stops before anything changes when a file to write would replace
/// something pacte did not write, or something it cannot write over.
fn check_nothing_in_the_way(
    tree: &Tree,
    manifest: &str,
    owned: &BTreeSet<String>,
    planned: &BTreeSet<String>,
) -> Result<()> {
    let mut in_the_way = Vec::new();
    for path in planned {
        let blocked = match tree.entry(path)? {
            Entry::Missing => false,
            Entry::File => !owned.contains(path),
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

/// Removes the temporary files an interrupted build left beside the files
/// it owns: `.NAME.XXXXXX.tmp` (and the `.tmpXXXXXX` of earlier versions).
fn remove_leftovers<'a>(tree: &Tree, paths: impl Iterator<Item = &'a str>) {
    let mut by_folder: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
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
