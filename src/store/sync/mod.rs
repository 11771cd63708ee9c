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
//! - files are read, checked and prepared on every core and written in
//!   the order given as they come ([`pass`]), with a bounded window of
//!   files in memory whatever the size of the catalogue; a file written
//!   and refused later (an id claimed again further on) is taken back by
//!   going again from a savepoint, refusing it from the start;
//! - an interrupt (Ctrl-C) stops the writing at the next file and rolls
//!   the transaction back ([`interrupt`]).

mod claims;
mod interrupt;
mod pass;
mod read;
#[cfg(test)]
mod tests;
mod write;

use std::collections::HashSet;
use std::path::PathBuf;

use anyhow::{Result, bail};
use rusqlite::TransactionBehavior;

use crate::validate::{Context, FileReport};

use super::Store;
use super::files::{self, Stamp};
use super::import::ImportReport;

/// A pass is made again when a file written had to be refused later; a
/// second pass knows every refusal, so a third means the files are
/// changing under the import.
const MAX_PASSES: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SyncOptions {
    pub keep_going: bool,
    pub dry_run: bool,
    /// Let files take over ids that other files hold, and read every file.
    pub replace: bool,
    pub max_bytes: u64,
}

/// Callbacks for a progress display: the number of files (counting
/// starts again from zero), then one tick per file checked and written.
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
    /// Every file read or skipped, in the order given, with its findings
    /// (its sheets are not kept: they went to the catalogue as they came).
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
    /// To be read: parsed unless its bytes hash as recorded.
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
            self.scratch_copy().and_then(|mut copy| {
                copy.with_sync_settings(|store| store.sync_in(inputs, ctx, options, progress))
            })
        } else {
            self.with_sync_settings(|store| store.sync_in(inputs, ctx, options, progress))
        };
        result.map_err(|err| super::open::explain(err, &path))
    }

    /// Runs `sync` with the connection set for a sync, and foreign keys
    /// checked again afterwards.
    fn with_sync_settings(
        &mut self,
        sync: impl FnOnce(&mut Store) -> Result<SyncReport>,
    ) -> Result<SyncReport> {
        // Safe with a journal: a crash loses at most the last transaction,
        // never the file's consistency.
        self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        // A sync reads each page it needs once (the file records, the ids);
        // mapping the catalogue would cost a page fault per page and the
        // unmapping of all of them at the end, more than reading them.
        self.conn.pragma_update(None, "mmap_size", 0)?;
        // The writer stores a sheet before the rows that hang on it and
        // takes those out itself before the sheet, so checking every row's
        // sheet (a look-up per row) would only repeat what it does.
        self.conn.pragma_update(None, "foreign_keys", false)?;
        // Writing a sheet, changing or taking one out use some twenty
        // statements in turn, and the rows that hang on a sheet up to five
        // per table (see `rows`): all must stay prepared.
        self.conn.set_prepared_statement_cache_capacity(96);
        let result = sync(self);
        self.conn.pragma_update(None, "foreign_keys", true)?;
        result
    }

    fn sync_in(
        &mut self,
        inputs: &[PathBuf],
        ctx: &Context,
        options: &SyncOptions,
        progress: &Progress,
    ) -> Result<SyncReport> {
        // Watched from before the transaction, so the watch ends after its
        // rollback.
        let watch = interrupt::Watch::start();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        // A call that may have several files reads the ids of every file at
        // once (one query instead of one per file).
        let several = inputs.len() > 1 || inputs.iter().any(|p| p.is_dir());
        let Survey {
            known,
            mut ids,
            found:
                read::Found {
                    mut expanded,
                    looked_up,
                },
        } = survey(&tx, inputs, several)?;
        let items = read::classify(
            &expanded.files,
            std::mem::take(&mut expanded.real),
            looked_up,
            &known,
            options.replace,
        );
        let gone = read::gone_from_folders(inputs, &items, &known);
        let pass_inputs = pass::Inputs {
            items: &items,
            known: &known,
            gone: &gone,
            ctx,
            options,
            progress,
            walked: expanded.problems.is_empty(),
            watch: &watch,
        };
        // A pass that must be made again takes its writes back to here.
        tx.execute_batch("SAVEPOINT pass")?;
        let mut refused = HashSet::new();
        let mut passes = 0;
        let pass = loop {
            // A pass made again begins from the same catalogue as the first.
            let pass_ids = match ids.take() {
                None if several => Some(files::ids_by_file(&tx)?),
                taken => taken,
            };
            let pass = pass::run(&tx, &pass_inputs, &refused, pass_ids)?;
            let Some(again) = pass.again else { break pass };
            passes += 1;
            if passes == MAX_PASSES {
                bail!(
                    "files kept changing while they were imported: nothing was imported; \
                     import them again once they are settled"
                );
            }
            tx.execute_batch("ROLLBACK TO pass")?;
            refused.extend(again);
        };
        let mut reports = pass.reports;
        for (path, message) in expanded.problems {
            reports.push(read::failed_report(&path, message));
        }
        let failed = reports.iter().filter(|r| r.has_errors()).count();
        let mut report = SyncReport {
            failed,
            files: reports,
            ..SyncReport::default()
        };
        if pass.complete && (failed == 0 || options.keep_going) {
            report.sheets = pass.sheets;
            report.stored = true;
            watch.check()?;
            tx.execute_batch("RELEASE pass")?;
            tx.commit()?;
        }
        report.stored &= !options.dry_run;
        Ok(report)
    }
}

/// What a sync knows before its first pass: the catalogue's records of
/// its files, the ids each holds (for a call that may have several files),
/// and the files found.
struct Survey {
    known: files::ByPath<files::Known>,
    ids: Option<files::ByPath<Vec<String>>>,
    found: read::Found,
}

/// The catalogue's records, read while another thread walks the inputs
/// and looks every file up: neither needs the other.
fn survey(tx: &rusqlite::Transaction, inputs: &[PathBuf], several: bool) -> Result<Survey> {
    std::thread::scope(|scope| {
        let finding = scope.spawn(|| read::find(inputs));
        let records = files::load(tx).and_then(|known| {
            let ids = several.then(|| files::ids_by_file(tx)).transpose()?;
            Ok((known, ids))
        });
        let found = finding
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        records.map(|(known, ids)| Survey { known, ids, found })
    })
}
