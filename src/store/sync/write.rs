//! The writing half of a sync, inside its transaction.

use std::collections::HashSet;

use anyhow::Result;
use rusqlite::Transaction;

use crate::parse::STDIN;
use crate::sheet::Sheet;
use crate::validate::FileReport;

use super::super::files::{self, ByPath, Known};
use super::super::import::{
    ImportReport, ImportedSheet, Outcome, Prepared, delete_sheet, store_sheet,
};
use super::{Item, State};

/// How many files are prepared on every core between two writes: enough
/// to keep the cores busy, few enough to bound memory.
const FILES_PER_ROUND: usize = 256;

/// The writing half of a sync, inside its transaction.
pub(super) struct Writer<'t> {
    pub(super) tx: &'t Transaction<'t>,
    pub(super) known: &'t ByPath<Known>,
    pub(super) now: String,
    pub(super) checked_ns: i64,
    pub(super) report: &'t mut ImportReport,
    /// The ids of every file, read at once when many files are unchanged.
    pub(super) unchanged: Option<ByPath<Vec<String>>>,
}

impl Writer<'_> {
    /// Takes out the sheets of files that are gone, except those that
    /// arrive from another file in this same call: those are moves.
    pub(super) fn remove_files(&mut self, gone: &[Vec<u8>], reports: &[FileReport]) -> Result<()> {
        let arriving: HashSet<&str> = reports
            .iter()
            .filter(|r| !r.has_errors())
            .flat_map(|r| r.sheets.iter().map(|c| c.sheet.id.as_str()))
            .collect();
        for path in gone {
            let name = self
                .known
                .get(path)
                .map_or_else(|| files::display_name(path), |k| k.name.clone());
            for id in files::sheet_ids(self.tx, path)? {
                if !arriving.contains(id.as_str()) {
                    delete_sheet(self.tx, &id)?;
                    self.push(id, &name, Outcome::Removed);
                }
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
    pub(super) fn write(&mut self, items: &[Item], reports: &[FileReport]) -> Result<()> {
        let unchanged = items
            .iter()
            .filter(|i| matches!(i.state, State::Unchanged | State::SameBytes))
            .count();
        if unchanged > 1 {
            self.unchanged = Some(files::ids_by_file(self.tx)?);
        }
        let accepted: Vec<(&Item, &FileReport)> = items
            .iter()
            .zip(reports)
            .filter(|(item, report)| !report.has_errors() && item.state != State::Gone)
            .collect();
        let names: Vec<Option<String>> = accepted
            .iter()
            // Only files with sheets to store need a name for them.
            .map(|(item, report)| {
                item.path
                    .as_deref()
                    .filter(|_| !report.sheets.is_empty())
                    .map(files::display_name)
            })
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
        if matches!(item.state, State::Unchanged | State::SameBytes) {
            let ids = match &mut self.unchanged {
                Some(by_file) => by_file.remove(path.as_slice()).unwrap_or_default(),
                None => files::sheet_ids(self.tx, path)?,
            };
            for id in ids {
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
}
