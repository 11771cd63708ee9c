//! Writing validated sheets: insert or update by id, unchanged sheets left
//! untouched. Which sheets to write, and when, is the sync's business
//! ([`super::sync`]).
//!
//! A sheet is unchanged when its canonical JSON hashes the same and it comes
//! from the same source; then nothing is written, so re-importing an
//! unchanged folder leaves the database as it was. The costly preparation of
//! a sheet (its JSON, hash and search words) is done by [`Prepared::new`],
//! which callers run on every core; the writer only writes.

use anyhow::{Context, Result};
use rusqlite::types::ValueRef;
use rusqlite::{Transaction, TransactionBehavior, params};

use crate::parse::content_hash;
use crate::search::{IndexText, index_text};
use crate::sheet::{Sheet, fold};

use super::Store;
use super::rows::{self, Table};

static THEMES: Table = Table::new("sheet_themes", &["sheet_id", "position", "code"]);
static PUBLICS: Table = Table::new("sheet_publics", &["sheet_id", "position", "code"]);
static PARTNERS: Table = Table::new("sheet_partners", &["sheet_id", "role", "position", "name"]);
static FUNDING: Table = Table::new(
    "sheet_funding",
    &["sheet_id", "position", "source", "amount_cents"],
);
static CONTACTS: Table = Table::new(
    "sheet_contacts",
    &["sheet_id", "position", "name", "role", "email", "phone"],
);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Added,
    Updated,
    Unchanged,
    /// Gone from the file it came from, so gone from the store.
    Removed,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Added => "added",
            Outcome::Updated => "updated",
            Outcome::Unchanged => "unchanged",
            Outcome::Removed => "removed",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedSheet {
    pub id: String,
    pub source: String,
    pub outcome: Outcome,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub sheets: Vec<ImportedSheet>,
}

impl ImportReport {
    pub fn count(&self, outcome: Outcome) -> usize {
        self.sheets.iter().filter(|s| s.outcome == outcome).count()
    }
}

/// What the store keeps of a sheet besides its fields: its JSON, the
/// hash of that JSON and its search words. Costly to make and independent
/// of the catalogue, so it is made on any core, before the writer needs it.
pub struct Prepared {
    body: String,
    hash: String,
    index: IndexText,
}

impl Prepared {
    pub fn new(sheet: &Sheet) -> Result<Prepared> {
        let body = serde_json::to_string(sheet)?;
        Ok(Prepared {
            hash: content_hash(body.as_bytes()),
            body,
            index: index_text(sheet),
        })
    }
}

/// A sheet ready to be written, and where it comes from.
pub(super) struct Ready<'a> {
    pub(super) sheet: &'a Sheet,
    pub(super) prepared: &'a Prepared,
    /// The name people know the source by.
    pub(super) source: &'a str,
    /// The canonical path of its file, as bytes; `None` for standard input.
    pub(super) path: Option<&'a [u8]>,
}

impl Store {
    /// Stores sheets that come from no file (as standard input does), each
    /// under the given source name, in one transaction; with `dry_run`
    /// nothing is kept. Files go through [`Store::sync`].
    pub fn import(&mut self, sheets: &[(&Sheet, &str)], dry_run: bool) -> Result<ImportReport> {
        let now = jiff::Timestamp::now().to_string();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut report = ImportReport::default();
        for (sheet, source) in sheets {
            let prepared = Prepared::new(sheet)?;
            let ready = Ready {
                sheet,
                prepared: &prepared,
                source,
                path: None,
            };
            let outcome = store_sheet(&tx, &ready, &now)?;
            report.sheets.push(ImportedSheet {
                id: sheet.id.clone(),
                source: (*source).to_owned(),
                outcome,
            });
        }
        if dry_run {
            tx.rollback()?;
        } else {
            tx.commit()?;
        }
        Ok(report)
    }
}

/// Inserts or updates one sheet; nothing is written when it is unchanged.
pub(super) fn store_sheet(tx: &Transaction, ready: &Ready, now: &str) -> Result<Outcome> {
    upsert(tx, ready, now).with_context(|| format!("storing the sheet `{}`", ready.sheet.id))
}

/// Takes a sheet out of the catalogue, index included.
pub(super) fn delete_sheet(tx: &Transaction, id: &str) -> Result<()> {
    super::index::unindex_sheet(tx, id)?;
    // A sync writes without foreign keys (see `sync`), so the rows that
    // hang on the sheet go by hand rather than by cascade.
    clear_children(tx, id)?;
    tx.prepare_cached("DELETE FROM sheet_bodies WHERE sheet_id = ?1")?
        .execute([id])?;
    tx.prepare_cached("DELETE FROM sheets WHERE id = ?1")?
        .execute([id])?;
    Ok(())
}

fn upsert(tx: &Transaction, ready: &Ready, now: &str) -> Result<Outcome> {
    let Ready {
        sheet,
        prepared: Prepared { body, hash, index },
        source,
        path,
    } = ready;
    let existing: Option<(i64, String, String, Option<Vec<u8>>)> = tx
        .prepare_cached("SELECT rowid, hash, source, path FROM sheets WHERE id = ?1")?
        .query_row([&sheet.id], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
        })
        .map(Some)
        .or_else(|err| match err {
            rusqlite::Error::QueryReturnedNoRows => Ok(None),
            other => Err(other),
        })?;
    let outcome = match &existing {
        None => Outcome::Added,
        Some((_, old_hash, old_source, old_path))
            if old_hash == hash && old_source == source && old_path.as_deref() == *path =>
        {
            return Ok(Outcome::Unchanged);
        }
        Some(_) => Outcome::Updated,
    };
    if outcome == Outcome::Updated {
        // The index is keyed by rowid and holds no copy of the text: the
        // old words must go before the row changes.
        super::index::unindex_sheet(tx, &sheet.id)?;
        clear_children(tx, &sheet.id)?;
    }
    tx.prepare_cached(
        "INSERT INTO sheets (id, title, structure, structure_key, territory, department, status,
             reproducible, period_start, period_end, staff_fte, budget_cents, updated, hash,
             source, imported_at, path)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)
         ON CONFLICT (id) DO UPDATE SET
             title = excluded.title, structure = excluded.structure,
             structure_key = excluded.structure_key, territory = excluded.territory,
             department = excluded.department, status = excluded.status,
             reproducible = excluded.reproducible, period_start = excluded.period_start,
             period_end = excluded.period_end, staff_fte = excluded.staff_fte,
             budget_cents = excluded.budget_cents, updated = excluded.updated,
             hash = excluded.hash, source = excluded.source,
             imported_at = excluded.imported_at, path = excluded.path",
    )?
    .execute(params![
        sheet.id,
        sheet.title,
        sheet.structure,
        fold(&sheet.structure),
        sheet.territory,
        sheet.department,
        sheet.status.code(),
        sheet.reproducible,
        sheet.period.map(|p| p.start),
        sheet.period.and_then(|p| p.end),
        sheet.staff_fte,
        sheet.budget.as_ref().map(|b| b.total.cents),
        sheet.updated,
        hash,
        source,
        now,
        path,
    ])?;
    // An update keeps the row and its rowid. (`RETURNING rowid` on the
    // insert was measured to cost 13 % more work on a cold import.)
    let rowid = existing.map_or_else(|| tx.last_insert_rowid(), |(rowid, ..)| rowid);
    tx.prepare_cached(
        "INSERT INTO sheet_bodies (sheet_id, body) VALUES (?1, ?2)
         ON CONFLICT (sheet_id) DO UPDATE SET body = excluded.body",
    )?
    .execute(params![sheet.id, body])?;
    insert_children(tx, sheet)?;
    super::index::index_sheet(tx, rowid, index)?;
    Ok(outcome)
}

fn clear_children(tx: &Transaction, id: &str) -> Result<()> {
    for table in [
        "DELETE FROM sheet_themes WHERE sheet_id = ?1",
        "DELETE FROM sheet_publics WHERE sheet_id = ?1",
        "DELETE FROM sheet_partners WHERE sheet_id = ?1",
        "DELETE FROM sheet_funding WHERE sheet_id = ?1",
        "DELETE FROM sheet_contacts WHERE sheet_id = ?1",
    ] {
        tx.prepare_cached(table)?.execute([id])?;
    }
    Ok(())
}

/// Writes the normalised rows of one sheet, several rows a statement.
fn insert_children(tx: &Transaction, sheet: &Sheet) -> Result<()> {
    let id = ValueRef::from(sheet.id.as_str());
    let mut values: Vec<ValueRef<'_>> = Vec::new();
    for (position, code) in (0_i64..).zip(&sheet.themes) {
        values.extend([
            id,
            ValueRef::Integer(position),
            ValueRef::from(code.as_str()),
        ]);
    }
    rows::insert(tx, &THEMES, &values)?;
    values.clear();
    for (position, code) in (0_i64..).zip(&sheet.publics) {
        values.extend([
            id,
            ValueRef::Integer(position),
            ValueRef::from(code.as_str()),
        ]);
    }
    rows::insert(tx, &PUBLICS, &values)?;
    if let Some(partners) = &sheet.partners {
        values.clear();
        for (role, names) in [
            ("specific", &partners.specific),
            ("funder", &partners.funders),
            ("other", &partners.others),
        ] {
            for (position, name) in (0_i64..).zip(names) {
                values.extend([
                    id,
                    ValueRef::from(role),
                    ValueRef::Integer(position),
                    ValueRef::from(name.as_str()),
                ]);
            }
        }
        rows::insert(tx, &PARTNERS, &values)?;
    }
    if let Some(budget) = &sheet.budget {
        values.clear();
        for (position, line) in (0_i64..).zip(&budget.funding) {
            values.extend([
                id,
                ValueRef::Integer(position),
                ValueRef::from(line.source.as_str()),
                ValueRef::Integer(line.amount.cents),
            ]);
        }
        rows::insert(tx, &FUNDING, &values)?;
    }
    values.clear();
    for (position, c) in (0_i64..).zip(&sheet.contacts) {
        values.extend([
            id,
            ValueRef::Integer(position),
            ValueRef::from(c.name.as_str()),
            optional(c.role.as_deref()),
            optional(c.email.as_deref()),
            optional(c.phone.as_deref()),
        ]);
    }
    rows::insert(tx, &CONTACTS, &values)
}

/// A text that may be absent, as SQL's NULL.
fn optional(text: Option<&str>) -> ValueRef<'_> {
    text.map_or(ValueRef::Null, ValueRef::from)
}
