//! The reading half of a sync: which files changed, read and checked.

use std::os::unix::ffi::OsStringExt;
use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::sheet::{Finding, Severity};
use crate::validate::{Context, FileReport, check_path};

use super::super::files::{self, ByPath, Canonical, Known, Stamp};
use super::super::import::Prepared;
use super::{Item, State, SyncOptions};

/// What the file system says of one input file: whether its own entry
/// is a link (not followed), and the stamp of what it leads to when that
/// can be read. Kept this small because there is one per file.
pub(super) struct Entry {
    link: bool,
    stamp: Option<Stamp>,
}

/// One input file looked up; `None` for standard input.
pub(super) type LookedUp = Option<std::io::Result<Entry>>;

/// The files named and found under the folders named, each looked up.
pub(super) struct Found {
    pub(super) expanded: crate::parse::Expanded,
    pub(super) looked_up: Vec<LookedUp>,
}

/// Walks the inputs and looks every file up. One look-up per file is
/// most of what an unchanged re-import costs: they are made on every
/// core, as `git status` does, and need nothing from the catalogue, so a
/// sync runs this while it reads what the catalogue knows.
pub(super) fn find(inputs: &[PathBuf]) -> Found {
    let expanded = crate::parse::expand(inputs);
    let looked_up = look_up(&expanded.files);
    Found {
        expanded,
        looked_up,
    }
}

/// Each file looked up, on every core.
pub(super) fn look_up(files: &[PathBuf]) -> Vec<LookedUp> {
    crate::parallel::map(files, |given| {
        (given.as_os_str() != "-").then(|| {
            std::fs::symlink_metadata(given).map(|own| {
                let link = own.file_type().is_symlink();
                let stamp = if link {
                    std::fs::metadata(given).ok().as_ref().map(Stamp::of)
                } else {
                    Some(Stamp::of(&own))
                };
                Entry { link, stamp }
            })
        })
    })
}

/// Each file with its real place (`real`, from the walk that found it,
/// else resolved here), its stamp and whether it must be read.
pub(super) fn classify(
    files: &[PathBuf],
    real: Vec<Option<PathBuf>>,
    looked_up: Vec<LookedUp>,
    known: &ByPath<Known>,
    replace: bool,
) -> Vec<Item> {
    let mut canonical = Canonical::default();
    files
        .iter()
        .zip(looked_up)
        .zip(real.into_iter().chain(std::iter::repeat_with(|| None)))
        .map(|((given, looked_up), real)| {
            let mut item = Item {
                given: given.clone(),
                path: None,
                stamp: None,
                state: State::Read,
            };
            let Some(looked_up) = looked_up else {
                return item;
            };
            match looked_up {
                Ok(entry) => {
                    item.path = match real {
                        Some(real) => Some(real.into_os_string().into_vec()),
                        None => canonical
                            .of(given, entry.link)
                            .map(|p| p.into_os_string().into_vec()),
                    };
                    item.stamp = entry.stamp;
                }
                Err(_) => {
                    // A known file that is gone: its sheets leave too.
                    item.path = given
                        .parent()
                        .map(|p| {
                            if p.as_os_str().is_empty() {
                                Path::new(".")
                            } else {
                                p
                            }
                        })
                        .and_then(|p| std::fs::canonicalize(p).ok())
                        .zip(given.file_name())
                        .map(|(folder, name)| files::bytes(&folder.join(name)).to_vec());
                    if item.path.as_ref().is_some_and(|p| known.contains_key(p)) {
                        item.state = State::Gone;
                    }
                }
            }
            if let (Some(path), Some(stamp)) = (&item.path, &item.stamp)
                && !replace
                && known.get(path).is_some_and(|k| k.unchanged(stamp))
            {
                item.state = State::Unchanged;
            }
            item
        })
        .collect()
}

/// What a worker makes of one file that may have changed.
pub(super) struct ReadFile {
    /// Its findings, and its sheets when it has no error.
    pub(super) report: FileReport,
    /// Its bytes hash as recorded, so it was not parsed.
    pub(super) same_bytes: bool,
    /// The stored form of each sheet of `report`, made when asked for.
    pub(super) prepared: Result<Vec<Prepared>>,
}

/// Reads and checks one file; when `prepare` says so and the file has no
/// error, prepares its sheets for the writer too. A file whose bytes hash
/// as recorded for its path is not parsed.
pub(super) fn read_one(
    item: &Item,
    known: &ByPath<Known>,
    ctx: &Context,
    options: &SyncOptions,
    prepare: bool,
) -> ReadFile {
    let recorded = item
        .path
        .as_ref()
        .filter(|_| !options.replace)
        .and_then(|path| known.get(path))
        .map(|k| k.hash.as_str())
        .filter(|hash| !hash.is_empty());
    let skip = |hash: &str| recorded == Some(hash);
    let mut report = check_path(&item.given, options.max_bytes, ctx, &skip);
    let name = files::display_name(files::bytes(&item.given));
    if item.given.as_os_str() != "-" && report.file != name {
        // Names that are not UTF-8 are shown escaped, never lossily.
        for finding in &mut report.findings {
            finding.file.clone_from(&name);
        }
        report.file = name;
    }
    let prepared = if prepare && !report.has_errors() {
        report
            .sheets
            .iter()
            .map(|checked| Prepared::new(&checked.sheet))
            .collect()
    } else {
        Ok(Vec::new())
    };
    ReadFile {
        same_bytes: report.skipped,
        report,
        prepared,
    }
}

pub(super) fn empty_report(name: String) -> FileReport {
    FileReport {
        file: name,
        sheets: Vec::new(),
        findings: Vec::new(),
        hash: String::new(),
        skipped: true,
    }
}

pub(super) fn failed_report(file: &str, message: String) -> FileReport {
    FileReport {
        findings: vec![Finding {
            file: file.to_owned(),
            line: 0,
            column: 0,
            severity: Severity::Error,
            code: "input",
            message,
        }],
        ..empty_report(file.to_owned())
    }
}

/// Known files under a folder being imported that no longer exist.
pub(super) fn gone_from_folders(
    inputs: &[PathBuf],
    items: &[Item],
    known: &ByPath<Known>,
) -> Vec<Vec<u8>> {
    let folders: Vec<Vec<u8>> = inputs
        .iter()
        .filter(|p| p.as_os_str() != "-" && p.is_dir())
        .filter_map(|p| std::fs::canonicalize(p).ok())
        .map(|p| {
            let mut prefix = files::bytes(&p).to_vec();
            if !prefix.ends_with(b"/") {
                prefix.push(b'/');
            }
            prefix
        })
        .collect();
    let seen: foldhash::HashSet<&[u8]> = items.iter().filter_map(|i| i.path.as_deref()).collect();
    let mut gone: Vec<Vec<u8>> = known
        .keys()
        .filter(|path| folders.iter().any(|f| path.starts_with(f)))
        .filter(|path| !seen.contains(path.as_slice()))
        .filter(|path| std::fs::symlink_metadata(files::from_bytes(path)).is_err())
        .cloned()
        .collect();
    gone.extend(
        items
            .iter()
            .filter(|i| i.state == State::Gone)
            .filter_map(|i| i.path.clone()),
    );
    gone.sort();
    gone.dedup();
    gone
}
