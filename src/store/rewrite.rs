//! Changing sheets through their files: `edit` and `remove`.
//!
//! Invariant: files are the source of truth. A sheet that came from a file
//! is changed in that file (its own document only, every other byte kept)
//! and the file is then synced exactly as `import` would; only a sheet
//! that came from standard input is changed in the catalogue alone. A
//! sheet removed from the catalogue but still in its file marks that file
//! as to be read again, so the next import brings the sheet back instead of
//! skipping the file as unchanged.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use rusqlite::TransactionBehavior;

use crate::parse::{DEFAULT_MAX_BYTES, STDIN, Source, decode};
use crate::sheet::Sheet;
use crate::validate::{Context, FileReport, check_source};

use super::files;
use super::import::{ImportReport, delete_sheet};
use super::sync::{Progress, SyncOptions};
use super::{Store, documents};

/// Where a stored sheet is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Home {
    File(Place),
    /// Only in the catalogue: it came from standard input.
    Catalogue,
}

/// A sheet's document in its file, as the file is now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub path: PathBuf,
    /// The path for people.
    pub name: String,
    pub text: String,
    /// The sheet's document; the whole text when the sheet is alone.
    pub span: Range<usize>,
    pub alone: bool,
}

impl Place {
    /// The text of the sheet's own document.
    pub fn document(&self) -> &str {
        &self.text[self.span.clone()]
    }
}

/// What `remove` did to one sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removed {
    pub id: String,
    /// The file that still holds the sheet, when it was left there.
    pub still_in: Option<String>,
    /// The file the sheet was taken out of.
    pub taken_from: Option<String>,
}

impl Store {
    /// Finds where the sheet `id` is written; `None` if it is not stored.
    pub fn home_of(&self, id: &str, ctx: &Context) -> Result<Option<Home>> {
        match files::owner(&self.conn, id)? {
            None => Ok(None),
            Some(files::Owner::Stdin) => Ok(Some(Home::Catalogue)),
            Some(files::Owner::File(path)) => {
                place(&files::from_bytes(&path), id, ctx).map(|p| Some(Home::File(p)))
            }
        }
    }

    /// Saves an edited sheet where it lives: its document in its file is
    /// replaced and the file synced, or the catalogue is changed.
    pub fn save_edit(
        &mut self,
        home: &Home,
        text: &str,
        sheet: &Sheet,
        ctx: &Context,
    ) -> Result<ImportReport> {
        let Home::File(place) = home else {
            return self.import(&[(sheet, STDIN)], false);
        };
        let now =
            std::fs::read(&place.path).with_context(|| format!("cannot read {}", place.name))?;
        if now != place.text.as_bytes() {
            bail!(
                "{} changed while the sheet was being edited: nothing was saved; \
                 edit it again",
                place.name
            );
        }
        let new = if place.alone {
            text.to_owned()
        } else {
            documents::replace(&place.text, &place.span, text)
        };
        crate::output::replace_file(&place.path, new.as_bytes())
            .with_context(|| format!("cannot write {}", place.name))?;
        self.sync_files(std::slice::from_ref(&place.path), ctx)
    }

    /// Takes sheets out of the catalogue, and with `from_files` out of
    /// their files as well.
    pub fn remove(
        &mut self,
        ids: &[&str],
        from_files: bool,
        ctx: &Context,
    ) -> Result<Vec<Removed>> {
        let mut by_file: BTreeMap<Vec<u8>, Vec<&str>> = BTreeMap::new();
        let mut removed = Vec::new();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        for id in ids {
            let owner = files::owner(&tx, id)?.and_then(files::Owner::file);
            let exists = owner
                .as_ref()
                .is_some_and(|p| files::from_bytes(p).is_file());
            match owner {
                Some(path) if exists && from_files => {
                    by_file.entry(path).or_default().push(id);
                }
                owner => {
                    delete_sheet(&tx, id)?;
                    let still_in = match owner.filter(|_| exists) {
                        Some(path) => {
                            files::mark_stale(&tx, &path)?;
                            Some(files::display_name(&path))
                        }
                        None => None,
                    };
                    removed.push(Removed {
                        id: (*id).to_owned(),
                        still_in,
                        taken_from: None,
                    });
                }
            }
        }
        tx.commit()?;
        for (path, ids) in by_file {
            let path = files::from_bytes(&path);
            let name = files::display_name(files::bytes(&path));
            take_out(&path, &ids, ctx)?;
            self.sync_files(&[path], ctx)?;
            removed.extend(ids.iter().map(|id| Removed {
                id: (*id).to_owned(),
                still_in: None,
                taken_from: Some(name.clone()),
            }));
        }
        Ok(removed)
    }

    fn sync_files(&mut self, paths: &[PathBuf], ctx: &Context) -> Result<ImportReport> {
        let options = SyncOptions {
            keep_going: false,
            dry_run: false,
            replace: false,
            max_bytes: DEFAULT_MAX_BYTES,
        };
        let report = self.sync(paths, ctx, &options, &Progress::none())?;
        if let Some(problem) = report
            .files
            .iter()
            .flat_map(|f| &f.findings)
            .find(|f| f.is_error())
        {
            bail!(
                "{}:{}:{}: {} (the file was written; fix it and run `pacte import` on it)",
                problem.file,
                problem.line,
                problem.column,
                problem.message
            );
        }
        Ok(report.sheets)
    }
}

/// A file's name, text and check, or why its sheets cannot be changed.
fn read_checked(path: &Path, id: &str, ctx: &Context) -> Result<(String, String, FileReport)> {
    let name = files::display_name(files::bytes(path));
    let bytes = std::fs::read(path).with_context(|| {
        format!(
            "`{id}` came from {name}, which cannot be read now: \
             import its folder again to bring the catalogue in line"
        )
    })?;
    let text = decode(&bytes).map_err(|err| anyhow::anyhow!("{name}: {err}"))?;
    let report = check_source(&Source::from_text(name.clone(), text.clone()), ctx);
    if report.has_errors() {
        bail!(
            "{name} has errors now (see `pacte validate {name}`): \
             fix them before changing its sheets"
        );
    }
    Ok((name, text, report))
}

/// The document of the sheet `id` in a checked file.
fn span_of(text: &str, report: &FileReport, id: &str, name: &str) -> Result<Range<usize>> {
    let Some(checked) = report.sheets.iter().find(|c| c.sheet.id == id) else {
        bail!(
            "{name} no longer holds `{id}`: run `pacte import {name}` to bring the catalogue in line"
        );
    };
    documents::span_of_line(text, checked.pos.line)
        .with_context(|| format!("cannot find the document of `{id}` in {name}"))
}

/// Reads a file and finds the document of the sheet `id` in it.
fn place(path: &Path, id: &str, ctx: &Context) -> Result<Place> {
    let (name, text, report) = read_checked(path, id, ctx)?;
    let span = span_of(&text, &report, id, &name)?;
    let alone = report.sheets.len() == 1;
    Ok(Place {
        path: path.to_owned(),
        name,
        span: if alone { 0..text.len() } else { span },
        text,
        alone,
    })
}

/// Takes the documents of `ids` out of a file; deletes the file when no
/// sheet is left in it.
fn take_out(path: &Path, ids: &[&str], ctx: &Context) -> Result<()> {
    let (name, mut text, report) = read_checked(path, ids[0], ctx)?;
    let mut spans = ids
        .iter()
        .map(|id| span_of(&text, &report, id, &name))
        .collect::<Result<Vec<_>>>()?;
    if ids.len() >= report.sheets.len() {
        std::fs::remove_file(path).with_context(|| format!("cannot delete {name}"))?;
        return Ok(());
    }
    spans.sort_by_key(|s| std::cmp::Reverse(s.start));
    for span in spans {
        text = documents::take_out(&text, &span);
    }
    crate::output::replace_file(path, text.as_bytes())
        .with_context(|| format!("cannot write {name}"))
}
