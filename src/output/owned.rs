//! The manifest of a folder pacte publishes into (the site): the files it
//! wrote there, which are the only ones it ever replaces or removes.
//!
//! Invariants: a manifest line is trusted only as a plain relative path to
//! a regular file (or to nothing) reached through real folders: a line
//! naming `..`, an absolute path, a folder, a link, a special file or a path
//! through a link is ignored with a warning that names the manifest. The
//! manifest itself is read only as a regular file, within a size limit. A
//! complete build writes after each path the [`Stamp`] the file had when it
//! was left, and names what it was built from (an opaque fingerprint given
//! by the caller); a build in progress lists paths only, so a folder is
//! "unchanged" only after a complete build and only while every file it
//! lists keeps its stamp.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, Result, bail};

use super::stamp::Stamp;
use super::tree::{Entry, Stats, Tree, plain_parts};

/// The largest manifest read: far more than any catalogue's list of files.
const MAX_MANIFEST_BYTES: u64 = 64 * 1024 * 1024;

/// The first line of a manifest.
const HEADER: &str = "# Files written by pacte, which replaces or removes only these.";
/// Starts the line that names what a complete build was made from.
const BUILT_FROM: &str = "# built from ";

/// What a manifest says, trusted lines only.
pub(super) struct Manifest {
    /// Each owned path, with the stamp it was left with by a complete
    /// build and the stamp it has now.
    pub paths: BTreeMap<String, (Option<Stamp>, Option<Stamp>)>,
    /// What the last complete build was made from.
    pub built_from: Option<String>,
    /// Lines ignored, and why (the manifest is named).
    pub warnings: Vec<String>,
}

impl Manifest {
    /// Whether the files stand as the complete build made from
    /// `fingerprint` left them.
    pub fn unchanged_since(&self, fingerprint: &str) -> bool {
        self.built_from.as_deref() == Some(fingerprint)
            && self.warnings.is_empty()
            && !self.paths.is_empty()
            && self
                .paths
                .values()
                .all(|(left, now)| left.is_some() && left == now)
    }
}

/// Whether the folder at `dir` holds exactly what the last complete build
/// made from `fingerprint` left there (see [`Manifest::unchanged_since`]):
/// then the number of files, read without opening any.
pub fn unchanged_since(dir: &Path, manifest: &str, fingerprint: &str) -> Result<Option<usize>> {
    if !dir.is_dir() {
        return Ok(None);
    }
    let tree = Tree::open(dir, false)?;
    let _lock = tree.lock()?;
    let read = load(&tree, manifest)?;
    Ok(read
        .unchanged_since(fingerprint)
        .then_some(read.paths.len()))
}

pub(super) fn load(tree: &Tree, manifest: &str) -> Result<Manifest> {
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
    let mut read = Manifest {
        paths: BTreeMap::new(),
        built_from: None,
        warnings: Vec::new(),
    };
    // (line number, path, stamp written) of each line naming a file.
    let mut listed = Vec::new();
    for (number, line) in text.lines().enumerate() {
        if let Some(fingerprint) = line.strip_prefix(BUILT_FROM) {
            read.built_from = Some(fingerprint.to_owned());
        }
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        listed.push(match line.split_once('\t') {
            Some((path, stamp)) => (number, path, Stamp::parse(stamp)),
            None => (number, line, None),
        });
    }
    // A large site lists a file per page: their stamps are read on every
    // core, a run of lines each (a run remembers the last folder it saw).
    let runs: Vec<_> = listed.chunks(STAMPS_PER_RUN).collect();
    let checked = crate::parallel::map(&runs, |run| {
        let mut stats = tree.stats();
        run.iter()
            .map(|(_, path, _)| check_line(&mut stats, manifest, path))
            .collect::<Vec<_>>()
    });
    for ((number, path, left), now) in listed.into_iter().zip(checked.into_iter().flatten()) {
        match now {
            Ok(now) => {
                read.paths.insert(path.to_owned(), (left, now));
            }
            Err(why) => read.warnings.push(format!(
                "{shown}, line {}: `{}` is {why}: ignored (pacte never replaces or removes it)",
                number + 1,
                crate::chars::excerpt(&path.escape_debug().to_string())
            )),
        }
    }
    Ok(read)
}

/// How many files of the manifest a thread looks at in one go.
const STAMPS_PER_RUN: usize = 2048;

/// The stamp of the file a manifest line names, when pacte may own it;
/// why not otherwise.
fn check_line(
    stats: &mut Stats,
    manifest: &str,
    path: &str,
) -> Result<Option<Stamp>, &'static str> {
    if path.chars().any(char::is_control) || plain_parts(path).is_none() {
        return Err("not a plain path inside the folder");
    }
    if path == manifest {
        return Err("the manifest itself");
    }
    let stat = stats
        .stat(path)
        .map_err(|_| "a path through a symbolic link")?;
    match stat.as_ref().map(Entry::of) {
        None | Some(Entry::Missing | Entry::File) => Ok(stat.and_then(|s| Stamp::of_usual(&s))),
        Some(Entry::Folder) => Err("a folder"),
        Some(Entry::Link) => Err("a symbolic link"),
        Some(Entry::Special) => Err("not a regular file"),
    }
}

/// Writes the manifest: each path, with its stamp when the build is
/// complete, and then what the build was made from.
pub(super) fn write_manifest<'a>(
    tree: &Tree,
    manifest: &str,
    paths: impl Iterator<Item = (&'a str, Option<Stamp>)>,
    built_from: Option<&str>,
) -> Result<()> {
    let mut text = format!("{HEADER}\n");
    if let Some(fingerprint) = built_from {
        text.push_str(BUILT_FROM);
        text.push_str(fingerprint);
        text.push('\n');
    }
    for (path, stamp) in paths {
        text.push_str(path);
        if let Some(stamp) = stamp {
            text.push('\t');
            text.push_str(&stamp.text());
        }
        text.push('\n');
    }
    // Left as it is when it already says this.
    tree.put(manifest, text.as_bytes())
        .map(drop)
        .with_context(|| format!("cannot write {}", tree.shown(manifest).display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_manifest_is_read_in_runs_that_keep_each_line_in_its_place() {
        let dir = tempfile::tempdir().unwrap();
        let tree = Tree::open(dir.path(), false).unwrap();
        let files = 2 * STAMPS_PER_RUN + 100;
        let mut listed = Vec::new();
        for n in 0..files {
            let path = format!("f/{}/{n}.html", n % 7);
            let (_, stamp) = tree.put(&path, n.to_string().as_bytes()).unwrap();
            listed.push((path, stamp));
        }
        // One file listed but gone, listed near the end.
        std::fs::remove_file(dir.path().join(&listed[files - 3].0)).unwrap();
        write_manifest(
            &tree,
            "m",
            listed.iter().map(|(p, s)| (p.as_str(), *s)),
            Some("x"),
        )
        .unwrap();
        // A line pacte never follows, after the header, the fingerprint
        // and every file.
        let mut text = std::fs::read_to_string(dir.path().join("m")).unwrap();
        text.push_str("../outside\n");
        std::fs::write(dir.path().join("m"), text).unwrap();

        let read = load(&tree, "m").unwrap();
        assert_eq!(read.built_from.as_deref(), Some("x"));
        assert_eq!(read.paths.len(), files);
        for (n, (path, stamp)) in listed.iter().enumerate() {
            let (left, now) = &read.paths[path];
            assert_eq!(left, stamp, "{path}");
            if n == files - 3 {
                assert_eq!(*now, None, "{path} is gone");
            } else {
                assert_eq!(now, stamp, "{path}");
            }
        }
        assert_eq!(read.warnings.len(), 1, "{:?}", read.warnings);
        assert!(
            read.warnings[0].contains(&format!("line {}:", files + 3)),
            "{}",
            read.warnings[0]
        );
    }
}
