//! The writing half of a sync, inside its transaction: one file at a
//! time, as the files come.

use std::collections::HashSet;

use anyhow::Result;
use rusqlite::Transaction;

use crate::parse::STDIN;
use crate::validate::FileReport;

use super::super::files::{self, ByPath, Known};
use super::super::import::{
    ImportReport, ImportedSheet, Outcome, Prepared, Ready, delete_sheet, store_sheet,
};
use super::read;
use super::{Item, State};

pub(super) struct Writer<'t> {
    pub(super) tx: &'t Transaction<'t>,
    pub(super) known: &'t ByPath<Known>,
    pub(super) now: String,
    pub(super) checked_ns: i64,
    pub(super) report: ImportReport,
    /// The ids of every file when the pass began, read at once when the
    /// call may have several files (one query instead of one per file).
    pub(super) ids: Option<ByPath<Vec<String>>>,
}

impl<'t> Writer<'t> {
    /// `ids`: the ids of every file, when read beforehand.
    pub(super) fn new(
        tx: &'t Transaction<'t>,
        known: &'t ByPath<Known>,
        ids: Option<ByPath<Vec<String>>>,
    ) -> Writer<'t> {
        Writer {
            tx,
            known,
            now: jiff::Timestamp::now().to_string(),
            checked_ns: files::now_ns(),
            report: ImportReport::default(),
            ids,
        }
    }

    /// The report of a file not read (unchanged, or named and gone); an
    /// unchanged one is written (its sheets reported) when `writing`.
    pub(super) fn write_unread(&mut self, item: &Item, writing: bool) -> Result<FileReport> {
        let report = read::empty_report(files::display_name(files::bytes(&item.given)));
        if item.state == State::Unchanged && writing {
            self.write_file(item, &report, &[], false)?;
        }
        Ok(report)
    }

    /// Takes out what is left of the sheets of files that are gone. Sheets
    /// that arrived in another file of this call were moved there already,
    /// so they are no longer the gone file's. The removals come first in
    /// the report, as they are the oldest news.
    pub(super) fn remove_files(&mut self, gone: &[Vec<u8>]) -> Result<()> {
        let mut removed = Vec::new();
        for path in gone {
            let name = self
                .known
                .get(path)
                .map_or_else(|| files::display_name(path), |k| k.name.clone());
            for id in files::sheet_ids(self.tx, path)? {
                delete_sheet(self.tx, &id)?;
                removed.push(ImportedSheet {
                    id,
                    source: name.clone(),
                    outcome: Outcome::Removed,
                });
            }
            files::forget(self.tx, path)?;
        }
        removed.append(&mut self.report.sheets);
        self.report.sheets = removed;
        Ok(())
    }

    fn push(&mut self, id: String, source: &str, outcome: Outcome) {
        self.report.sheets.push(ImportedSheet {
            id,
            source: source.to_owned(),
            outcome,
        });
    }

    /// Writes one accepted file: its sheets, the removal of those no
    /// longer in it, and what it looked like (so that an unchanged file
    /// is skipped next time). `same_bytes`: read, and as recorded.
    pub(super) fn write_file(
        &mut self,
        item: &Item,
        report: &FileReport,
        prepared: &[Prepared],
        same_bytes: bool,
    ) -> Result<()> {
        if item.given.as_os_str() != "-" && item.path.is_none() {
            return Ok(());
        }
        let Some(path) = &item.path else {
            // Standard input: no file to keep in line with.
            self.store(report, prepared, STDIN, None)?;
            return Ok(());
        };
        let held = match &mut self.ids {
            Some(by_file) => by_file.remove(path.as_slice()).unwrap_or_default(),
            None => files::sheet_ids(self.tx, path)?,
        };
        if item.state == State::Unchanged || same_bytes {
            for id in held {
                self.push(id, &report.file, Outcome::Unchanged);
            }
        } else {
            let source = files::display_name(path);
            self.store(report, prepared, &source, Some(path))?;
            let kept: HashSet<&str> = report.sheets.iter().map(|c| c.sheet.id.as_str()).collect();
            for id in held {
                // A sheet this file held may have moved to a file written
                // before it in this pass: it is that file's now.
                if !kept.contains(id.as_str())
                    && files::owner(self.tx, &id)?
                        .and_then(files::Owner::file)
                        .as_ref()
                        == Some(path)
                {
                    delete_sheet(self.tx, &id)?;
                    self.push(id, &report.file, Outcome::Removed);
                }
            }
        }
        if item.state != State::Unchanged
            && let Some(stamp) = item.stamp
        {
            let known = Known {
                name: files::display_name(path),
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

    fn store(
        &mut self,
        report: &FileReport,
        prepared: &[Prepared],
        source: &str,
        path: Option<&[u8]>,
    ) -> Result<()> {
        for (checked, prepared) in report.sheets.iter().zip(prepared) {
            let ready = Ready {
                sheet: &checked.sheet,
                prepared,
                source,
                path,
            };
            let outcome = store_sheet(self.tx, &ready, &self.now)?;
            self.push(checked.sheet.id.clone(), &report.file, outcome);
        }
        Ok(())
    }
}
