//! The sync: the one capability that brings the catalogue in line with
//! files. `import`, `edit` and `remove` all go through it.
//!
//! Invariants:
//! - everything happens inside one write transaction taken before the
//!   catalogue is read (IMMEDIATE), so what is checked (which file owns an
//!   id, which files are known) cannot change before it is written: of two
//!   imports claiming one id, exactly one wins;
//! - a file with any error contributes nothing; without `keep_going` any
//!   error keeps the whole call from being stored;
//! - a file is unchanged when its stamp says so ([`super::files`]), else
//!   when its bytes hash as before; an unchanged file is never parsed;
//! - a sheet no longer in its file, or whose file is gone from a folder
//!   being imported (or named and gone), leaves the catalogue;
//! - a dry run is the same work on an in-memory copy of the catalogue.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use anyhow::Result;
use rusqlite::{Transaction, TransactionBehavior};

use crate::parse::STDIN;
use crate::sheet::{Finding, Severity, Sheet};
use crate::validate::{Context, FileReport, check_batch, check_everything, check_path};

use super::Store;
use super::files::{self, Canonical, Known, Stamp};
use super::import::{ImportReport, ImportedSheet, Outcome, Prepared, delete_sheet, store_sheet};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SyncOptions {
    pub keep_going: bool,
    pub dry_run: bool,
    /// Let files take over ids that other files hold, and read every file.
    pub replace: bool,
    pub max_bytes: u64,
}

/// Callbacks for a progress display: the number of files, then one tick
/// per file checked.
pub struct Progress<'a> {
    pub on_count: &'a dyn Fn(usize),
    pub tick: &'a (dyn Fn() + Sync),
}

impl Progress<'_> {
    pub fn none() -> Progress<'static> {
        Progress {
            on_count: &|_| {},
            tick: &|| {},
        }
    }
}

#[derive(Debug, Default)]
pub struct SyncReport {
    /// Every file read or skipped, in the order given, with its findings.
    pub files: Vec<FileReport>,
    pub sheets: ImportReport,
    /// Files with errors, which contributed nothing.
    pub failed: usize,
    /// Whether the catalogue now reflects the report (false for a dry run
    /// and when errors stopped everything).
    pub stored: bool,
}

/// One input file, as found on disk.
struct Item {
    given: PathBuf,
    /// Canonical path; `None` for standard input or a path that cannot be
    /// resolved (reading it then reports why).
    path: Option<Vec<u8>>,
    stamp: Option<Stamp>,
    state: State,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// The stamp matches: not read at all.
    Unchanged,
    /// Read; its hash matched, so not parsed.
    SameBytes,
    Read,
    /// Named, known, and no longer there.
    Gone,
}

/// How many files are prepared on every core between two writes: enough
/// to keep the cores busy, few enough to bound memory.
const FILES_PER_ROUND: usize = 256;

impl Store {
    /// Brings the catalogue in line with these files and folders (`-` for
    /// standard input).
    pub fn sync(
        &mut self,
        inputs: &[PathBuf],
        ctx: &Context,
        options: &SyncOptions,
        progress: &Progress,
    ) -> Result<SyncReport> {
        let path = self.path.clone().unwrap_or_default();
        let result = if options.dry_run {
            self.scratch_copy()
                .and_then(|mut copy| copy.sync_in(inputs, ctx, options, progress))
        } else {
            self.sync_in(inputs, ctx, options, progress)
        };
        result.map_err(|err| super::open::explain(err, &path))
    }

    fn sync_in(
        &mut self,
        inputs: &[PathBuf],
        ctx: &Context,
        options: &SyncOptions,
        progress: &Progress,
    ) -> Result<SyncReport> {
        // Safe with a journal: a crash loses at most the last transaction,
        // never the file's consistency.
        self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let known = files::load(&tx)?;
        let expanded = crate::parse::expand(inputs);
        (progress.on_count)(expanded.files.len());
        let mut items = classify(&expanded.files, &known, options.replace);
        let mut reports = read_items(&mut items, &known, ctx, options, progress);
        for (path, message) in expanded.problems {
            reports.push(failed_report(&path, message));
            items.push(Item {
                given: PathBuf::new(),
                path: None,
                stamp: None,
                state: State::Read,
            });
        }
        let gone = gone_from_folders(inputs, &items, &known);
        check_ownership(&tx, &items, &mut reports, &gone, options.replace)?;
        let failed = reports.iter().filter(|r| r.has_errors()).count();
        let mut report = SyncReport {
            failed,
            ..SyncReport::default()
        };
        if failed == 0 || options.keep_going {
            let mut writer = Writer {
                tx: &tx,
                known: &known,
                now: jiff::Timestamp::now().to_string(),
                checked_ns: files::now_ns(),
                report: &mut report.sheets,
            };
            writer.remove_files(&gone)?;
            writer.write(&items, &reports)?;
            report.stored = true;
        }
        report.files = reports;
        if report.stored {
            tx.commit()?;
        }
        report.stored &= !options.dry_run;
        Ok(report)
    }
}

fn classify(files: &[PathBuf], known: &HashMap<Vec<u8>, Known>, replace: bool) -> Vec<Item> {
    let mut canonical = Canonical::default();
    files
        .iter()
        .map(|given| {
            let mut item = Item {
                given: given.clone(),
                path: None,
                stamp: None,
                state: State::Read,
            };
            if given.as_os_str() == "-" {
                return item;
            }
            match std::fs::symlink_metadata(given) {
                Ok(link) => {
                    let meta = if link.file_type().is_symlink() {
                        std::fs::metadata(given).ok()
                    } else {
                        Some(link.clone())
                    };
                    item.path = canonical
                        .of(given, &link)
                        .map(|p| files::bytes(&p).to_vec());
                    item.stamp = meta.as_ref().map(Stamp::of);
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

/// Reads and checks every file that may have changed; the others get an
/// empty report. Reports come in the order of `items`.
fn read_items(
    items: &mut [Item],
    known: &HashMap<Vec<u8>, Known>,
    ctx: &Context,
    options: &SyncOptions,
    progress: &Progress,
) -> Vec<FileReport> {
    let to_read: Vec<&Path> = items
        .iter()
        .filter(|i| i.state == State::Read)
        .map(|i| i.given.as_path())
        .collect();
    // Bytes seen before may be skipped; that they are this file's own
    // bytes is checked below, by path.
    let hashes: HashSet<&str> = if options.replace {
        HashSet::new()
    } else {
        known.values().map(|k| k.hash.as_str()).collect()
    };
    let skip = |_: &str, hash: &str| hashes.contains(hash);
    let mut checked =
        check_batch(&to_read, options.max_bytes, ctx, progress.tick, &skip).into_iter();
    let mut reports = Vec::with_capacity(items.len());
    for item in items.iter_mut() {
        let name = files::display_name(files::bytes(&item.given));
        let mut report = if item.state == State::Read {
            checked
                .next()
                .unwrap_or_else(|| failed_report(&name, String::new()))
        } else {
            (progress.tick)();
            empty_report(&name)
        };
        if item.state == State::Read && report.skipped {
            let own = item.path.as_ref().and_then(|p| known.get(p));
            if own.is_some_and(|k| k.hash == report.hash) {
                item.state = State::SameBytes;
            } else {
                report = check_path(&item.given, options.max_bytes, ctx, &check_everything);
            }
        }
        if item.given.as_os_str() != "-" && report.file != name {
            // Names that are not UTF-8 are shown escaped, never lossily.
            for finding in &mut report.findings {
                finding.file.clone_from(&name);
            }
            report.file = name;
        }
        reports.push(report);
    }
    reports
}

fn empty_report(name: &str) -> FileReport {
    FileReport {
        file: name.to_owned(),
        sheets: Vec::new(),
        findings: Vec::new(),
        source: String::new(),
        hash: String::new(),
        skipped: true,
    }
}

fn failed_report(file: &str, message: String) -> FileReport {
    FileReport {
        findings: vec![Finding {
            file: file.to_owned(),
            line: 0,
            column: 0,
            severity: Severity::Error,
            code: "input",
            message,
        }],
        ..empty_report(file)
    }
}

/// Known files under a folder being imported that no longer exist.
fn gone_from_folders(
    inputs: &[PathBuf],
    items: &[Item],
    known: &HashMap<Vec<u8>, Known>,
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
    let seen: HashSet<&[u8]> = items.iter().filter_map(|i| i.path.as_deref()).collect();
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

/// Refuses sheets whose id the catalogue holds from another file, read
/// inside the write transaction. Standard input is the exception both
/// ways: piping a sheet in is an explicit choice to replace. A sheet that
/// moves between two files of one call, or out of a file that is gone, is
/// not taken from anyone.
fn check_ownership(
    tx: &Transaction,
    items: &[Item],
    reports: &mut [FileReport],
    gone: &[Vec<u8>],
    replace: bool,
) -> Result<()> {
    let mut now_held: HashMap<&[u8], HashSet<&str>> = HashMap::new();
    let mut read: HashSet<&[u8]> = gone.iter().map(Vec::as_slice).collect();
    for (item, report) in items.iter().zip(reports.iter()) {
        if let (Some(path), State::Read) = (&item.path, item.state) {
            read.insert(path);
            now_held
                .entry(path)
                .or_default()
                .extend(report.sheets.iter().map(|c| c.sheet.id.as_str()));
        }
    }
    // Each id once among the files of this call (the batch check says so
    // for the files it read together; this covers the ones read alone).
    let mut claimed: HashMap<&str, &[u8]> = HashMap::new();
    let mut taken_by: Vec<(usize, Vec<Finding>)> = Vec::new();
    for (index, (item, report)) in items.iter().zip(reports.iter()).enumerate() {
        let Some(path) = &item.path else { continue };
        if replace || item.state != State::Read {
            continue;
        }
        let mut taken = Vec::new();
        for checked in &report.sheets {
            let id = checked.sheet.id.as_str();
            if let Some(other) = claimed.insert(id, path).filter(|other| other != path) {
                taken.push(taken_finding(report, checked, other, "also in this import"));
                continue;
            }
            let Some(files::Owner::File(owner)) = files::owner(tx, id)? else {
                continue;
            };
            let moved = read.contains(owner.as_slice())
                && !now_held
                    .get(owner.as_slice())
                    .is_some_and(|ids| ids.contains(checked.sheet.id.as_str()));
            if owner == *path || moved {
                continue;
            }
            taken.push(taken_finding(report, checked, &owner, "imported"));
        }
        if !taken.is_empty() {
            taken_by.push((index, taken));
        }
    }
    for (index, taken) in taken_by {
        reports[index].findings.extend(taken);
        reports[index].sheets.clear();
    }
    Ok(())
}

fn taken_finding(
    report: &FileReport,
    checked: &crate::validate::Checked,
    owner: &[u8],
    how: &str,
) -> Finding {
    Finding {
        file: report.file.clone(),
        line: checked.pos.line,
        column: checked.pos.col,
        severity: Severity::Error,
        code: "id-taken",
        message: format!(
            "the id `{}` already belongs to a sheet {how} from {}: \
             choose another id, or use --replace to replace that sheet",
            checked.sheet.id,
            files::display_name(owner)
        ),
    }
}

/// The writing half of a sync, inside its transaction.
struct Writer<'t> {
    tx: &'t Transaction<'t>,
    known: &'t HashMap<Vec<u8>, Known>,
    now: String,
    checked_ns: i64,
    report: &'t mut ImportReport,
}

impl Writer<'_> {
    fn remove_files(&mut self, gone: &[Vec<u8>]) -> Result<()> {
        for path in gone {
            let name = self
                .known
                .get(path)
                .map_or_else(|| files::display_name(path), |k| k.name.clone());
            for id in files::sheet_ids(self.tx, path)? {
                delete_sheet(self.tx, &id)?;
                self.push(id, &name, Outcome::Removed);
            }
            files::forget(self.tx, path)?;
        }
        Ok(())
    }

    fn push(&mut self, id: String, source: &str, outcome: Outcome) {
        self.report.sheets.push(ImportedSheet {
            id,
            source: source.to_owned(),
            outcome,
        });
    }

    /// Writes every file without errors. The next round of sheets is
    /// prepared (JSON, hash, search words) on the other cores while this
    /// one is written: the writer, which must be alone, never waits.
    fn write(&mut self, items: &[Item], reports: &[FileReport]) -> Result<()> {
        let accepted: Vec<(&Item, &FileReport)> = items
            .iter()
            .zip(reports)
            .filter(|(item, report)| !report.has_errors() && item.state != State::Gone)
            .collect();
        let names: Vec<Option<String>> = accepted
            .iter()
            .map(|(item, _)| item.path.as_deref().map(files::display_name))
            .collect();
        std::thread::scope(|scope| -> Result<()> {
            let (sender, prepared_rounds) = std::sync::mpsc::sync_channel(1);
            let (accepted, names) = (&accepted, &names);
            scope.spawn(move || {
                for (round, names) in accepted
                    .chunks(FILES_PER_ROUND)
                    .zip(names.chunks(FILES_PER_ROUND))
                {
                    let sheets: Vec<(&Sheet, &str, Option<&[u8]>)> = round
                        .iter()
                        .zip(names)
                        .flat_map(|((item, report), name)| {
                            let source = name.as_deref().unwrap_or(STDIN);
                            report
                                .sheets
                                .iter()
                                .map(move |c| (&c.sheet, source, item.path.as_deref()))
                        })
                        .collect();
                    let prepared = crate::parallel::map(&sheets, |(sheet, source, path)| {
                        Prepared::new(sheet, source, *path)
                    })
                    .into_iter()
                    .collect::<Result<Vec<_>>>();
                    if sender.send(prepared).is_err() {
                        break;
                    }
                }
            });
            let mut rounds = accepted.chunks(FILES_PER_ROUND).zip(prepared_rounds);
            for (round, prepared) in &mut rounds {
                let mut prepared = prepared?.into_iter();
                for (item, report) in round {
                    let sheets: Vec<Prepared> =
                        prepared.by_ref().take(report.sheets.len()).collect();
                    self.write_file(item, report, &sheets)?;
                }
            }
            Ok(())
        })
    }

    fn write_file(&mut self, item: &Item, report: &FileReport, sheets: &[Prepared]) -> Result<()> {
        if item.given.as_os_str() != "-" && item.path.is_none() {
            return Ok(());
        }
        let Some(path) = &item.path else {
            // Standard input: no file to keep in line with.
            for prepared in sheets {
                let outcome = store_sheet(self.tx, prepared, &self.now)?;
                self.push(prepared.id().to_owned(), &report.file, outcome);
            }
            return Ok(());
        };
        let name = files::display_name(path);
        if matches!(item.state, State::Unchanged | State::SameBytes) {
            for id in files::sheet_ids(self.tx, path)? {
                self.push(id, &report.file, Outcome::Unchanged);
            }
        } else {
            for prepared in sheets {
                let outcome = store_sheet(self.tx, prepared, &self.now)?;
                self.push(prepared.id().to_owned(), &report.file, outcome);
            }
            let kept: HashSet<&str> = sheets.iter().map(Prepared::id).collect();
            for id in files::sheet_ids(self.tx, path)? {
                if !kept.contains(id.as_str()) {
                    delete_sheet(self.tx, &id)?;
                    self.push(id, &report.file, Outcome::Removed);
                }
            }
        }
        if item.state != State::Unchanged
            && let Some(stamp) = item.stamp
        {
            let known = Known {
                name,
                hash: report.hash.clone(),
                stamp,
                checked_ns: self.checked_ns,
            };
            // Same bytes under a stamp that is still too recent to trust:
            // recording it again would change nothing but the time.
            let worth = match self.known.get(path) {
                Some(old)
                    if old.hash == known.hash && old.stamp == stamp && old.name == known.name =>
                {
                    known.unchanged(&stamp)
                }
                _ => true,
            };
            if worth {
                files::record(self.tx, path, &known)?;
            }
        }
        Ok(())
    }
}
