//! Who may hold an id, decided file by file as a sync streams, inside its
//! write transaction.
//!
//! Invariants (the same as deciding over all files at once):
//! - an id claimed by two files (or twice in one) of a call refuses every
//!   file claiming it, each finding naming the other places;
//! - an id the catalogue holds from a file outside the call, or from a file
//!   of the call that still holds it unchanged, is refused with `id-taken`
//!   (unless `--replace`); a sheet moving out of a file read or gone in
//!   this call is not taken from anyone; standard input takes and gives
//!   freely.
//!
//! Files are decided in order, so a later file can refuse an earlier one
//! (a second claim, or the old owner found unchanged). When the earlier one
//! was already written, [`Claims::finish`] says so: the caller takes the
//! writes back and goes again knowing which files are refused.

use std::collections::{HashMap, HashSet};

use anyhow::Result;
use rusqlite::Transaction;

use crate::sheet::{Finding, Severity};
use crate::validate::{FileReport, Places, mark_duplicates};

use super::super::files;
use super::{Item, State};

/// A tentative move: a file took an id from a file of the call that had
/// not been read yet.
struct Pending {
    claimant: usize,
    id: String,
    line: usize,
    column: usize,
}

pub(super) struct Claims<'a> {
    items: &'a [Item],
    replace: bool,
    /// Each path of the call, by its first item.
    index_of: foldhash::HashMap<&'a [u8], usize>,
    gone: HashSet<&'a [u8]>,
    places: Places,
    /// Ids taken from a file of the call not yet read, by that file.
    pending: HashMap<usize, Vec<Pending>>,
    /// Files read whose bytes were as recorded (so not parsed).
    same_bytes: HashSet<usize>,
    /// Files decided so far; refusals of files already written.
    refused: HashSet<usize>,
    written: HashSet<usize>,
    refused_late: bool,
    taken: HashMap<usize, Vec<Finding>>,
}

impl<'a> Claims<'a> {
    pub(super) fn new(items: &'a [Item], gone: &'a [Vec<u8>], replace: bool) -> Claims<'a> {
        let mut index_of = foldhash::HashMap::default();
        index_of.reserve(items.len());
        for (index, item) in items.iter().enumerate() {
            if let Some(path) = &item.path {
                index_of.entry(path.as_slice()).or_insert(index);
            }
        }
        Claims {
            items,
            replace,
            index_of,
            gone: gone.iter().map(Vec::as_slice).collect(),
            places: Places::new(),
            pending: HashMap::new(),
            same_bytes: HashSet::new(),
            refused: HashSet::new(),
            written: HashSet::new(),
            refused_late: false,
            taken: HashMap::new(),
        }
    }

    /// Decides a file just read (`report` holds its sheets unless it has
    /// errors): whether it may be written. Call in the order of the items.
    pub(super) fn decide(
        &mut self,
        tx: &Transaction,
        index: usize,
        report: &FileReport,
        same_bytes: bool,
    ) -> Result<bool> {
        if same_bytes {
            self.same_bytes.insert(index);
        }
        self.settle_pending(index);
        let mut accepted = !report.has_errors();
        for checked in &report.sheets {
            let at = self.places.entry(checked.sheet.id.clone()).or_default();
            at.push((index, checked.pos.line));
            if at.len() > 1 {
                accepted = false;
                let others: Vec<usize> = at.iter().map(|&(file, _)| file).collect();
                for other in others {
                    self.refuse(other);
                }
            }
        }
        if accepted && !self.replace && self.items[index].state == State::Read {
            accepted = self.check_owners(tx, index, report)?;
        }
        if !accepted {
            self.refuse(index);
        }
        Ok(accepted)
    }

    /// Notes that a file's sheets were written.
    pub(super) fn wrote(&mut self, index: usize) {
        self.written.insert(index);
    }

    /// Whether a file already written was refused afterwards.
    pub(super) fn refused_late(&self) -> bool {
        self.refused_late
    }

    /// The files refused so far.
    pub(super) fn refused(&self) -> &HashSet<usize> {
        &self.refused
    }

    fn refuse(&mut self, index: usize) {
        if self.refused.insert(index) && self.written.contains(&index) {
            self.refused_late = true;
        }
    }

    /// The ids taken from this file before it was read: a file whose bytes
    /// are as recorded still holds them, so their takers are refused.
    /// Otherwise the file was parsed, and one still holding an id shares
    /// it with its taker (refused as a second claim).
    fn settle_pending(&mut self, index: usize) {
        let Some(pending) = self.pending.remove(&index) else {
            return;
        };
        if !self.same_bytes.contains(&index) {
            return;
        }
        let owner = self.items[index].path.clone().unwrap_or_default();
        for taker in pending {
            let finding = taken_finding(&taker.id, (taker.line, taker.column), &owner);
            self.taken.entry(taker.claimant).or_default().push(finding);
            self.refuse(taker.claimant);
        }
    }

    /// Refuses ids the catalogue holds from a file that keeps them.
    fn check_owners(
        &mut self,
        tx: &Transaction,
        index: usize,
        report: &FileReport,
    ) -> Result<bool> {
        let Some(path) = self.items[index].path.as_deref() else {
            return Ok(true);
        };
        let mut taken = Vec::new();
        for checked in &report.sheets {
            let Some(files::Owner::File(owner)) = files::owner(tx, &checked.sheet.id)? else {
                continue;
            };
            if owner == path || self.gone.contains(owner.as_slice()) {
                continue;
            }
            let keeps = match self.index_of.get(owner.as_slice()) {
                None => true,
                Some(&other) => match self.items[other].state {
                    State::Unchanged => true,
                    State::Gone => false,
                    State::Read if other > index => {
                        self.pending.entry(other).or_default().push(Pending {
                            claimant: index,
                            id: checked.sheet.id.clone(),
                            line: checked.pos.line,
                            column: checked.pos.col,
                        });
                        false
                    }
                    State::Read => self.same_bytes.contains(&other),
                },
            };
            if keeps {
                taken.push(taken_finding(
                    &checked.sheet.id,
                    (checked.pos.line, checked.pos.col),
                    &owner,
                ));
            }
        }
        if taken.is_empty() {
            return Ok(true);
        }
        self.taken.entry(index).or_default().extend(taken);
        Ok(false)
    }

    /// Adds the findings of the rules over the whole call to `reports`
    /// (one per item, in order): second claims, then ids taken (for files
    /// not already refused as second claims), and empties the sheets of
    /// every refused file.
    pub(super) fn finish(mut self, reports: &mut [FileReport]) {
        let places = std::mem::take(&mut self.places);
        let shared: HashSet<usize> = places
            .values()
            .filter(|at| at.len() > 1)
            .flat_map(|at| at.iter().map(|&(file, _)| file))
            .collect();
        mark_duplicates(places, reports);
        let mut taken: Vec<(usize, Vec<Finding>)> = self.taken.into_iter().collect();
        taken.sort_by_key(|(index, _)| *index);
        for (index, mut findings) in taken {
            if shared.contains(&index) {
                continue;
            }
            findings.sort_by_key(|f| (f.line, f.column));
            for finding in &mut findings {
                finding.file.clone_from(&reports[index].file);
            }
            reports[index].findings.extend(findings);
        }
        for index in self.refused {
            reports[index].sheets.clear();
        }
    }
}

/// The file name is set by [`Claims::finish`], which knows the report's.
fn taken_finding(id: &str, (line, column): (usize, usize), owner: &[u8]) -> Finding {
    Finding {
        file: String::new(),
        line,
        column,
        severity: Severity::Error,
        code: "id-taken",
        message: format!(
            "the id `{id}` already belongs to a sheet imported from {}: \
             choose another id, or use --replace to replace that sheet",
            files::display_name(owner)
        ),
    }
}
