//! The output tree: every write pacte makes into a folder or a file goes
//! through here (the site, `export --out`, `convert`/`new --out`, a sheet
//! file rewritten by `edit` or `remove`, `edit`'s private copy, `diff`'s
//! private extraction). It knows nothing of what it writes.
//!
//! Invariants:
//! - a folder is opened once ([`Tree`]) and everything in it is reached
//!   relative to that handle, through real folders only: never through a
//!   link pacte did not create (see [`tree`]);
//! - what stands at a name decides how it is written (see [`write`]):
//!   atomic replacement, a replaced file's mode and owner kept, hard links
//!   written in place, devices and FIFOs written into only when the user
//!   named them, links and special files inside a folder refused;
//! - created files get the modes any program gives (0666 / 0777 less the
//!   umask); temporary files (but those of new files, which have their
//!   final mode) and private copies are readable by their owner only, and
//!   they are removed on every exit and on Ctrl-C, SIGTERM and SIGHUP,
//!   after which pacte exits with 128 plus the signal's number (see
//!   [`cleanup`]);
//! - one pacte at a time writes into a folder it publishes ([`Tree::lock`]);
//! - a folder pacte publishes remembers what it wrote there in a manifest,
//!   and only those files are ever replaced or removed (see [`owned`]);
//!   files are published as they are made, every path declared before
//!   anything changes (see [`publish`]); a folder published for the first
//!   time is built beside its place and appears there whole (see
//!   [`staging`]).

mod cleanup;
mod owned;
mod private;
mod publish;
mod staging;
mod stamp;
mod temporary;
mod tree;
mod write;

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

pub use cleanup::{Deferred as DeferredInterrupts, arm as arm_interrupt_cleanup};
pub use owned::unchanged_since;
pub use private::{PrivateDir, PrivateFile};
pub use publish::{Published, Publisher};
pub use stamp::Stamp;
pub use tree::{Entry, Lock, Tree, plain_parts};
pub use write::{How, usual_file_mode};

/// Links followed before giving up, as the system does (`ELOOP`).
const MAX_LINKS: usize = 40;

/// Writes `bytes` to a file the user named (or a sheet's own file), by
/// what stands there after following links, as [`How::NAMED`] says: a
/// link the user made keeps pointing at the file, which gets the content.
pub fn replace_file(path: &Path, bytes: &[u8]) -> Result<()> {
    let target = follow_links(path)?;
    let folder = match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let Some(name) = target.file_name().and_then(|n| n.to_str()) else {
        bail!("cannot write {}: not a file name", path.display());
    };
    let tree =
        Tree::open(folder, false).with_context(|| format!("cannot write {}", path.display()))?;
    tree.write(name, bytes, How::NAMED).map_err(|err| {
        if target == path {
            err
        } else {
            err.context(format!("(where the link {} leads)", path.display()))
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::{MetadataExt, PermissionsExt, symlink};

    #[test]
    fn a_file_keeps_its_mode_and_a_named_link_its_place() {
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
    fn new_files_get_the_usual_mode() {
        let dir = tempfile::tempdir().unwrap();
        let tree = Tree::open(dir.path(), false).unwrap();
        tree.write("sub/a.html", b"x", How::OWNED).unwrap();
        let mode = std::fs::metadata(dir.path().join("sub/a.html"))
            .unwrap()
            .mode();
        assert_eq!(mode & 0o777, usual_file_mode());
    }

    #[test]
    fn put_writes_new_files_whole_with_the_usual_mode_and_keeps_same_ones() {
        let dir = tempfile::tempdir().unwrap();
        let tree = Tree::open(dir.path(), false).unwrap();
        // A folder the tree makes: nothing is looked for before writing.
        let (written, stamp) = tree.put("made/a.html", b"first").unwrap();
        assert!(written && stamp.is_some());
        let (written, _) = tree.put("made/a.html", b"second").unwrap();
        assert!(written, "a second put in a made folder still replaces");
        let file = dir.path().join("made/a.html");
        assert_eq!(std::fs::read(&file).unwrap(), b"second");
        assert_eq!(
            std::fs::metadata(&file).unwrap().mode() & 0o7777,
            usual_file_mode()
        );
        // Another tree finds the folder there: the same bytes are kept.
        let again = Tree::open(dir.path(), false).unwrap();
        let (written, kept) = again.put("made/a.html", b"second").unwrap();
        assert!(!written);
        let stat = rustix::fs::stat(&file).unwrap();
        assert_eq!(kept, stamp::Stamp::of_usual(&stat));
        let names: Vec<_> = std::fs::read_dir(dir.path().join("made"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["a.html"], "no temporary file is left");
    }

    fn parent_holds(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_first_build_appears_whole_or_not_at_all() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        let planned = ["a.html", "sub/b.html"].map(str::to_owned).into();
        let publisher = Publisher::begin(&site, ".manifest", planned).unwrap();
        publisher.put("a.html", b"a").unwrap();
        publisher.put("sub/b.html", b"b").unwrap();
        assert!(!site.exists(), "nothing is seen before the build is whole");
        publisher.finish("test").unwrap();
        assert_eq!(std::fs::read(site.join("sub/b.html")).unwrap(), b"b");
        let mode = std::fs::metadata(&site).unwrap().mode() & 0o7777;
        assert_eq!(mode, write::usual_folder_mode());
        assert_eq!(parent_holds(dir.path()), ["site"]);

        // A build that fails leaves nothing behind.
        let other = dir.path().join("other");
        let planned = ["a.html", "b.html"].map(str::to_owned).into();
        let publisher = Publisher::begin(&other, ".manifest", planned).unwrap();
        publisher.put("a.html", b"a").unwrap();
        assert!(publisher.finish("test").is_err(), "b.html was never put");
        assert_eq!(parent_holds(dir.path()), ["site"]);

        // Something that appears at the place meanwhile is left alone.
        let planned = ["a.html"].map(str::to_owned).into();
        let publisher = Publisher::begin(&other, ".manifest", planned).unwrap();
        publisher.put("a.html", b"a").unwrap();
        std::fs::create_dir(&other).unwrap();
        std::fs::write(other.join("mine"), "x").unwrap();
        let err = publisher.finish("test").unwrap_err();
        assert!(format!("{err:#}").contains("appeared while"), "{err:#}");
        assert_eq!(parent_holds(&other), ["mine"]);
        assert_eq!(parent_holds(dir.path()), ["other", "site"]);
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

    #[test]
    fn a_tree_never_goes_through_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let elsewhere = dir.path().join("elsewhere");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::create_dir_all(&elsewhere).unwrap();
        symlink("../elsewhere", out.join("fiches")).unwrap();
        symlink("../elsewhere/x", out.join("x")).unwrap();
        std::fs::create_dir(out.join("inside")).unwrap();
        symlink("inside", out.join("alias")).unwrap();
        let tree = Tree::open(&out, false).unwrap();
        for rel in [
            "fiches/a.html",
            "x",
            "alias/a.html",
            "../elsewhere/y",
            "/etc/z",
            "a//b",
        ] {
            assert!(tree.write(rel, b"x", How::IN_FOLDER).is_err(), "{rel}");
            assert!(tree.read(rel, 10).is_err() || tree.read(rel, 10).unwrap().is_none());
        }
        assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0);
        assert_eq!(std::fs::read_dir(out.join("inside")).unwrap().count(), 0);
    }

    #[test]
    fn a_locked_folder_refuses_a_second_writer() {
        let dir = tempfile::tempdir().unwrap();
        let first = Tree::open(dir.path(), false).unwrap();
        let second = Tree::open(dir.path(), false).unwrap();
        let held = first.lock().unwrap();
        let err = second.lock().unwrap_err();
        assert!(format!("{err}").contains("another pacte"), "{err}");
        drop(held);
        assert!(second.lock().is_ok());
    }

    #[test]
    fn temporary_names_are_recognised() {
        assert!(temporary::is_temporary_of(
            ".index.html.ab12cd.tmp",
            "index.html"
        ));
        assert!(!temporary::is_temporary_of(".index.html.tmp", "index.html"));
        assert!(!temporary::is_temporary_of("index.html", "index.html"));
    }
}
