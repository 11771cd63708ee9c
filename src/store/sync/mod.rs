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

mod owners;
mod read;
#[cfg(test)]
mod tests;
mod write;

use std::path::PathBuf;

use anyhow::Result;
use rusqlite::TransactionBehavior;

use crate::validate::{Context, FileReport};

use super::Store;
use super::files::{self, Stamp};
use super::import::ImportReport;

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
pub(super) struct Item {
    pub(super) given: PathBuf,
    /// Canonical path; `None` for standard input or a path that cannot be
    /// resolved (reading it then reports why).
    pub(super) path: Option<Vec<u8>>,
    pub(super) stamp: Option<Stamp>,
    pub(super) state: State,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum State {
    /// The stamp matches: not read at all.
    Unchanged,
    /// Read; its hash matched, so not parsed.
    SameBytes,
    Read,
    /// Named, known, and no longer there.
    Gone,
}

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
        // A sync reads each page it needs once (the file records, the ids);
        // mapping the catalogue would cost a page fault per page and the
        // unmapping of all of them at the end, more than reading them.
        self.conn.pragma_update(None, "mmap_size", 0)?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let known = files::load(&tx)?;
        let expanded = crate::parse::expand(inputs);
        (progress.on_count)(expanded.files.len());
        let mut items = read::classify(&expanded.files, &known, options.replace);
        let mut reports = read::read_items(&mut items, &known, ctx, options, progress);
        for (path, message) in expanded.problems {
            reports.push(read::failed_report(&path, message));
            items.push(Item {
                given: PathBuf::new(),
                path: None,
                stamp: None,
                state: State::Read,
            });
        }
        let gone = read::gone_from_folders(inputs, &items, &known);
        owners::check_ownership(&tx, &items, &mut reports, &gone, options.replace)?;
        let failed = reports.iter().filter(|r| r.has_errors()).count();
        let mut report = SyncReport {
            failed,
            ..SyncReport::default()
        };
        if failed == 0 || options.keep_going {
            let mut writer = write::Writer {
                tx: &tx,
                known: &known,
                now: jiff::Timestamp::now().to_string(),
                checked_ns: files::now_ns(),
                report: &mut report.sheets,
                unchanged: None,
            };
            writer.remove_files(&gone, &reports)?;
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
