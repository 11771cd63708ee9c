//! Turning the paths a user gives into the list of files to read: the one
//! place that decides what pacte reads in a folder.
//!
//! Invariants of a folder walk (done with `walkdir`, which never recurses
//! on the call stack and keeps no more than one open folder per level):
//!
//! - entries are visited in name order (so output is stable), taking
//!   `*.yaml` and `*.yml` and skipping hidden entries such as `.git` and the
//!   catalogue's `vocabulary.yaml`;
//! - only regular files are read: a FIFO, socket or device named like a
//!   sheet is reported (a warning) and skipped, so a walk never blocks;
//! - a symbolic link to a file is followed only when the file is inside the
//!   folder walked; a link that leaves it is reported and not read (a link
//!   to `/etc/shadow` must not be echoed into a CI log); a link to a folder
//!   is never followed, so `ln -s . loop` cannot make the walk endless;
//! - an entry that cannot be read (permissions, a path longer than the
//!   system allows) is reported as an error, never skipped silently.
//!
//! Paths named on the command line are taken as given: a link there is the
//! user's choice and is followed, and reading refuses what is not a regular
//! file (see [`super::Source::read`]). `-` stands for standard input.

use std::fs::FileType;
use std::path::{Path, PathBuf};

use walkdir::{DirEntry, WalkDir};

/// The file beside a catalogue's sheets that extends its vocabularies. It
/// is never read as a sheet.
pub const VOCABULARY_FILE: &str = "vocabulary.yaml";

#[derive(Debug, Default)]
pub struct Expanded {
    pub files: Vec<PathBuf>,
    /// The real place of each file of `files` that a folder walk found (see
    /// [`walk`]); `None` for a path named on the command line.
    pub real: Vec<Option<PathBuf>>,
    /// Paths that gave no file, with the reason, as `(path, message)`.
    pub problems: Vec<(String, String)>,
    /// Entries of a folder that were skipped on purpose, with the reason:
    /// special files and symbolic links not followed.
    pub skipped: Vec<(String, String)>,
}

pub fn expand(paths: &[PathBuf]) -> Expanded {
    let mut expanded = Expanded::default();
    let mut linked = false;
    for path in paths {
        if path.as_os_str() != "-" && path.is_dir() {
            if walk(path, &mut expanded, &mut linked) == 0 {
                expanded.problems.push((
                    path.display().to_string(),
                    "the folder holds no .yaml or .yml file".to_owned(),
                ));
            }
        } else {
            expanded.files.push(path.clone());
            expanded.real.push(None);
        }
    }
    // One walk without links finds each file once: only several paths or
    // a link can name a file twice.
    if paths.len() > 1 || linked {
        read_once(&mut expanded);
    }
    expanded
}

/// Keeps the first of the files that share a real place (`pacte import
/// a.yaml .` reads `a.yaml` once); standard input is always kept.
fn read_once(expanded: &mut Expanded) {
    let mut seen: foldhash::HashSet<PathBuf> = foldhash::HashSet::default();
    let mut keep = Vec::with_capacity(expanded.files.len());
    for (file, real) in expanded.files.iter().zip(&expanded.real) {
        keep.push(match real {
            Some(real) => seen.insert(real.clone()),
            None if file.as_os_str() == "-" => true,
            None => seen.insert(std::fs::canonicalize(file).unwrap_or_else(|_| file.clone())),
        });
    }
    let mut kept = keep.iter();
    expanded
        .files
        .retain(|_| kept.next().copied().unwrap_or(true));
    let mut kept = keep.iter();
    expanded
        .real
        .retain(|_| kept.next().copied().unwrap_or(true));
}

/// The vocabulary file at the top of a folder of sheets, when there is one
/// that the walk's rules allow reading: a regular file, or a link to one
/// inside the folder. `Err` says why one that stands there is not read (a
/// link out of the folder, a FIFO, a device…), for a warning.
pub fn vocabulary_file(dir: &Path) -> Result<Option<PathBuf>, String> {
    let path = dir.join(VOCABULARY_FILE);
    let Ok(meta) = std::fs::symlink_metadata(&path) else {
        return Ok(None);
    };
    let root = std::fs::canonicalize(dir).map_err(|err| format!("{}: {err}", dir.display()))?;
    match followed(&path, meta.file_type(), &root) {
        Ok(Some(_)) => Ok(Some(path)),
        Ok(None) => Err(format!(
            "{}: a symbolic link to a folder: not read",
            path.display()
        )),
        Err(reason) => Err(format!("{}: {reason}", path.display())),
    }
}

/// Why the walk needs no `canonicalize` per file: it never follows a link
/// to a folder, so every folder it enters is a real one, and a regular file
/// at `dir/sub/a.yaml` is really at `root/sub/a.yaml`, `root` being `dir`
/// resolved once. Only links are resolved one by one (`linked` then says
/// so). Returns how many files the folder holds.
fn walk(dir: &Path, expanded: &mut Expanded, linked: &mut bool) -> usize {
    // Links are resolved against the folder's real place, so that a link
    // named `a.yaml -> ../other/a.yaml` is judged by where it lands.
    let root = match std::fs::canonicalize(dir) {
        Ok(root) => root,
        Err(err) => {
            expanded.problems.push((
                dir.display().to_string(),
                format!("cannot read the folder: {err}"),
            ));
            return 0;
        }
    };
    let mut found = 0;
    let walker = WalkDir::new(dir)
        .follow_links(false)
        // Entries of one folder share its path up to their names, so their
        // paths sort as their names do, without splitting each path into
        // components at every comparison.
        .sort_by(|a, b| a.path().as_os_str().cmp(b.path().as_os_str()))
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !is_hidden(entry));
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let place = err
                    .path()
                    .map_or_else(|| dir.display().to_string(), |p| p.display().to_string());
                let cause = err
                    .io_error()
                    .map_or_else(|| err.to_string(), ToString::to_string);
                expanded
                    .problems
                    .push((place, format!("cannot read this entry: {cause}")));
                continue;
            }
        };
        let kind = entry.file_type();
        if kind.is_dir() || !is_sheet_name(entry.path()) {
            continue;
        }
        let real = if kind.is_file() {
            let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
            Ok(Some(root.join(rel)))
        } else {
            *linked = true;
            followed(entry.path(), kind, &root)
        };
        match real {
            Ok(Some(real)) => {
                found += 1;
                expanded.files.push(entry.into_path());
                expanded.real.push(Some(real));
            }
            Ok(None) => {}
            Err(reason) => expanded
                .skipped
                .push((entry.path().display().to_string(), reason)),
        }
    }
    found
}

/// Whether a walk reads the entry at `path` (of type `kind`, not followed):
/// `Ok(Some(path))` for a regular file, `Ok(Some(target))` for a link to a
/// regular file inside `root`, `Ok(None)` for a link to a folder (never
/// followed, as in `ln -s . loop`), and the reason it is skipped otherwise.
fn followed(path: &Path, kind: FileType, root: &Path) -> Result<Option<PathBuf>, String> {
    if kind.is_file() {
        return Ok(Some(path.to_owned()));
    }
    if !kind.is_symlink() {
        return Err(format!("{}, not a regular file: skipped", special(kind)));
    }
    let target = std::fs::canonicalize(path)
        .map_err(|err| format!("a symbolic link that leads nowhere ({err}): skipped"))?;
    if !target.starts_with(root) {
        return Err(format!(
            "a symbolic link to {}, outside the folder: not read (name the file itself to read it)",
            target.display()
        ));
    }
    let target_kind = std::fs::metadata(&target)
        .map_err(|err| format!("cannot read where the link leads: {err}"))?
        .file_type();
    if target_kind.is_dir() {
        return Ok(None);
    }
    if !target_kind.is_file() {
        return Err(format!(
            "a symbolic link to {}, not a regular file: skipped",
            special(target_kind)
        ));
    }
    Ok(Some(target))
}

/// What a special file is, for a message.
fn special(kind: FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if kind.is_socket() {
            return "a socket";
        }
        if kind.is_block_device() || kind.is_char_device() {
            return "a device";
        }
    }
    let _ = kind;
    "a special file"
}

fn is_hidden(entry: &DirEntry) -> bool {
    entry.file_name().to_string_lossy().starts_with('.')
}

/// `*.yaml` or `*.yml` (any case), but not the catalogue's vocabulary.
fn is_sheet_name(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n != VOCABULARY_FILE)
        && path
            .extension()
            .is_some_and(|ext| ext.eq_ignore_ascii_case("yaml") || ext.eq_ignore_ascii_case("yml"))
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn names(expanded: &Expanded, root: &Path) -> Vec<String> {
        expanded
            .files
            .iter()
            .map(|f| f.strip_prefix(root).unwrap().display().to_string())
            .collect()
    }

    #[test]
    fn links_to_folders_are_not_followed_and_links_out_are_reported() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("sheets");
        std::fs::create_dir_all(root.join("sub")).unwrap();
        std::fs::write(root.join("a.yaml"), "id: a\n").unwrap();
        std::fs::write(root.join("sub/b.yml"), "id: b\n").unwrap();
        std::fs::write(dir.path().join("secret.yaml"), "x\n").unwrap();
        symlink(".", root.join("loop")).unwrap();
        symlink("..", root.join("sub/up")).unwrap();
        symlink("a.yaml", root.join("alias.yaml")).unwrap();
        symlink("../secret.yaml", root.join("leak.yaml")).unwrap();
        symlink("nowhere.yaml", root.join("broken.yaml")).unwrap();
        let expanded = expand(std::slice::from_ref(&root));
        assert_eq!(names(&expanded, &root), vec!["a.yaml", "sub/b.yml"]);
        let skipped: Vec<&str> = expanded.skipped.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(skipped.len(), 2, "{:?}", expanded.skipped);
        assert!(skipped[0].ends_with("broken.yaml"));
        assert!(skipped[1].ends_with("leak.yaml"));
        assert!(expanded.skipped[1].1.contains("outside the folder"));
    }
}
