//! One pass of a sync over its files: read, checked and prepared on every
//! core, decided and written in order as they come, with only a window of
//! files in memory.
//!
//! Invariants:
//! - files are decided ([`Claims`]) and written in the order given, each
//!   completely before the next;
//! - once a file fails without `keep_going`, nothing more is written or
//!   prepared, but every file is still read so that every finding is
//!   reported (the caller then stores nothing);
//! - a file refused after it was written (an id claimed again later) stops
//!   the writing too: the pass says so, and the caller takes the writes
//!   back and goes again, refusing it from the start.

use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::Result;
use rusqlite::Transaction;

use crate::validate::{Context, FileReport};

use super::super::files::{ByPath, Known};
use super::super::import::ImportReport;
use super::claims::Claims;
use super::interrupt::Watch;
use super::read::{self, ReadFile};
use super::write::Writer;
use super::{Item, Progress, State, SyncOptions};

/// How many files may be read ahead of the writer: enough to keep every
/// core busy while the writer works, few enough that memory stays small
/// whatever the size of the catalogue.
const WINDOW: usize = 64;

/// What a pass is given.
pub(super) struct Inputs<'a> {
    pub(super) items: &'a [Item],
    pub(super) known: &'a ByPath<Known>,
    pub(super) gone: &'a [Vec<u8>],
    pub(super) ctx: &'a Context<'a>,
    pub(super) options: &'a SyncOptions,
    pub(super) progress: &'a Progress<'a>,
    /// Whether the folders could be walked without an error.
    pub(super) walked: bool,
    pub(super) watch: &'a Watch,
}

pub(super) struct Pass {
    /// One per item, in order; refused files have no sheets.
    pub(super) reports: Vec<FileReport>,
    pub(super) sheets: ImportReport,
    /// Whether every accepted file was written.
    pub(super) complete: bool,
    /// Files refused after they were written, if any: the pass must be
    /// taken back and made again refusing these (and the others refused).
    pub(super) again: Option<HashSet<usize>>,
}

/// Runs one pass; `refused` are files refused by an earlier pass, which
/// this one does not write; `ids`, the ids of every file as the pass
/// begins, when they were read at once.
pub(super) fn run(
    tx: &Transaction,
    inputs: &Inputs,
    refused: &HashSet<usize>,
    ids: Option<ByPath<Vec<String>>>,
) -> Result<Pass> {
    let Inputs {
        items,
        known,
        options,
        ..
    } = *inputs;
    let writing = AtomicBool::new(inputs.walked || options.keep_going);
    let mut writer = Writer::new(tx, known, ids);
    let mut claims = Claims::new(items, inputs.gone, options.replace);
    let mut reports = Vec::with_capacity(items.len());
    let to_read: Vec<usize> = (0..items.len())
        .filter(|&i| items[i].state == State::Read)
        .collect();
    (inputs.progress.on_count)(items.len());
    {
        let mut next = 0;
        let mut take = |index: usize, read: Option<ReadFile>| -> Result<()> {
            inputs.watch.check()?;
            // Files not read (unchanged, or named and gone) come in between.
            while next < index {
                reports.push(writer.write_unread(&items[next], writing.load(Ordering::Relaxed))?);
                (inputs.progress.tick)();
                next += 1;
            }
            let Some(ReadFile {
                mut report,
                same_bytes,
                prepared,
            }) = read
            else {
                return Ok(());
            };
            let accepted =
                claims.decide(tx, index, &report, same_bytes)? && !refused.contains(&index);
            if (!accepted && !options.keep_going) || claims.refused_late() {
                writing.store(false, Ordering::Relaxed);
            }
            if accepted && writing.load(Ordering::Relaxed) {
                writer.write_file(&items[index], &report, &prepared?, same_bytes)?;
                claims.wrote(index);
            }
            // Written: the claims keep the ids, the sheets can go.
            report.sheets = Vec::new();
            reports.push(report);
            (inputs.progress.tick)();
            next += 1;
            Ok(())
        };
        crate::parallel::stream(
            &to_read,
            WINDOW,
            |&index| {
                let prepare = writing.load(Ordering::Relaxed);
                read::read_one(&items[index], known, inputs.ctx, options, prepare)
            },
            |k, read| take(to_read[k], Some(read)),
        )?;
        take(items.len(), None)?;
    }
    // Without --keep-going a refusal stores nothing: no need to go again.
    let again = (options.keep_going && claims.refused_late()).then(|| claims.refused().clone());
    let complete = writing.load(Ordering::Relaxed);
    claims.finish(&mut reports);
    if complete {
        writer.remove_files(inputs.gone)?;
    }
    Ok(Pass {
        reports,
        sheets: writer.report,
        complete,
        again,
    })
}
