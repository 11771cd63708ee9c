//! Importing validated sheets: one transaction per call, insert or update
//! by id, unchanged sheets left untouched.
//!
//! A sheet is unchanged when its canonical JSON hashes the same and it comes
//! from the same source; then nothing is written, so re-importing an
//! unchanged folder leaves the database as it was. The costly preparation of
//! a sheet (its JSON, hash and search words) is done by [`Prepared::new`],
//! which callers may run on every core; the writer only writes.

use anyhow::{Context, Result};
use rusqlite::types::Value;
use rusqlite::{Transaction, TransactionBehavior, params};

use crate::parse::content_hash;
use crate::search::{IndexText, index_text};
use crate::sheet::{Sheet, fold};

use super::Store;

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

/// A sheet in the form the store keeps it.
pub struct Prepared<'a> {
    sheet: &'a Sheet,
    source: &'a str,
    body: String,
    hash: String,
    index: IndexText,
}

impl<'a> Prepared<'a> {
    pub fn new(sheet: &'a Sheet, source: &'a str) -> Result<Prepared<'a>> {
        let body = serde_json::to_string(sheet)?;
        Ok(Prepared {
            sheet,
            source,
            hash: content_hash(body.as_bytes()),
            body,
            index: index_text(sheet),
        })
    }
}

/// One import in progress: an open write transaction.
pub struct ImportBatch<'s> {
    tx: Transaction<'s>,
    now: String,
    dry_run: bool,
    report: ImportReport,
}

impl Store {
    /// Starts an import. IMMEDIATE takes the write lock up front: a
    /// transaction that starts by reading and upgrades later fails at once
    /// ("database is locked") when another import holds the lock, instead
    /// of waiting its turn.
    pub fn begin_import(&mut self, dry_run: bool) -> Result<ImportBatch<'_>> {
        // Safe with the write-ahead log: a crash loses at most the last
        // transaction, never the file's consistency.
        self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        Ok(ImportBatch {
            tx,
            now: jiff::Timestamp::now().to_string(),
            dry_run,
            report: ImportReport::default(),
        })
    }

    /// Stores every sheet, each with the name of the file it came from, in
    /// one transaction. With `dry_run` the transaction is rolled back: the
    /// report says what would change and nothing does.
    pub fn import(&mut self, sheets: &[(&Sheet, &str)], dry_run: bool) -> Result<ImportReport> {
        let prepared = sheets
            .iter()
            .map(|(sheet, source)| Prepared::new(sheet, source))
            .collect::<Result<Vec<_>>>()?;
        let mut batch = self.begin_import(dry_run)?;
        batch.add(&prepared)?;
        batch.finish()
    }

    /// The content hash of every imported file, by source.
    pub fn file_hashes(&self) -> Result<std::collections::HashMap<String, String>> {
        let mut statement = self.conn.prepare("SELECT source, hash FROM files")?;
        let rows = statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

impl ImportBatch<'_> {
    pub fn add(&mut self, sheets: &[Prepared]) -> Result<()> {
        for prepared in sheets {
            let outcome = upsert(&self.tx, prepared, &self.now)
                .with_context(|| format!("storing the sheet `{}`", prepared.sheet.id))?;
            self.report.sheets.push(ImportedSheet {
                id: prepared.sheet.id.clone(),
                source: prepared.source.to_owned(),
                outcome,
            });
        }
        Ok(())
    }

    /// Reports the sheets of a file that was skipped as unchanged.
    pub fn unchanged_file(&mut self, source: &str) -> Result<()> {
        let mut statement = self
            .tx
            .prepare_cached("SELECT id FROM sheets WHERE source = ?1 ORDER BY rowid")?;
        let ids = statement.query_map([source], |row| row.get::<_, String>(0))?;
        for id in ids {
            self.report.sheets.push(ImportedSheet {
                id: id?,
                source: source.to_owned(),
                outcome: Outcome::Unchanged,
            });
        }
        Ok(())
    }

    /// Records a file as imported whole: its sheets that are no longer in it
    /// are removed, and its hash is kept to skip it while it is unchanged.
    pub fn file_done(&mut self, source: &str, hash: &str, ids: &[&str]) -> Result<()> {
        let keep = Value::Text(serde_json::to_string(ids)?);
        let mut gone = self.tx.prepare_cached(
            "SELECT id FROM sheets WHERE source = ?1 AND id NOT IN (SELECT value FROM json_each(?2))",
        )?;
        let removed: Vec<String> = gone
            .query_map(params![source, keep], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for id in removed {
            super::search::unindex_sheet(&self.tx, &id)?;
            self.tx
                .prepare_cached("DELETE FROM sheets WHERE id = ?1")?
                .execute([&id])?;
            self.report.sheets.push(ImportedSheet {
                id,
                source: source.to_owned(),
                outcome: Outcome::Removed,
            });
        }
        self.tx
            .prepare_cached(
                "INSERT INTO files (source, hash) VALUES (?1, ?2)
                 ON CONFLICT (source) DO UPDATE SET hash = excluded.hash",
            )?
            .execute([source, hash])?;
        Ok(())
    }

    pub fn finish(self) -> Result<ImportReport> {
        if self.dry_run {
            self.tx.rollback()?;
        } else {
            self.tx.commit()?;
        }
        Ok(self.report)
    }
}

fn upsert(tx: &Transaction, prepared: &Prepared, now: &str) -> Result<Outcome> {
    let Prepared {
        sheet,
        source,
        body,
        hash,
        index,
    } = prepared;
    let existing: Option<(String, String)> = tx
        .prepare_cached("SELECT hash, source FROM sheets WHERE id = ?1")?
        .query_row([&sheet.id], |row| Ok((row.get(0)?, row.get(1)?)))
        .map(Some)
        .or_else(|err| match err {
            rusqlite::Error::QueryReturnedNoRows => Ok(None),
            other => Err(other),
        })?;
    let outcome = match &existing {
        None => Outcome::Added,
        Some((old_hash, old_source)) if old_hash == hash && old_source == source => {
            return Ok(Outcome::Unchanged);
        }
        Some(_) => Outcome::Updated,
    };
    if outcome == Outcome::Updated {
        // The index is keyed by rowid and holds no copy of the text: the
        // old words must go before the row changes.
        super::search::unindex_sheet(tx, &sheet.id)?;
        clear_children(tx, &sheet.id)?;
    }
    tx.prepare_cached(
        "INSERT INTO sheets (id, title, structure, structure_key, territory, department, status,
             reproducible, period_start, period_end, staff_fte, budget_cents, updated, hash,
             source, imported_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)
         ON CONFLICT (id) DO UPDATE SET
             title = excluded.title, structure = excluded.structure,
             structure_key = excluded.structure_key, territory = excluded.territory,
             department = excluded.department, status = excluded.status,
             reproducible = excluded.reproducible, period_start = excluded.period_start,
             period_end = excluded.period_end, staff_fte = excluded.staff_fte,
             budget_cents = excluded.budget_cents, updated = excluded.updated,
             hash = excluded.hash, source = excluded.source,
             imported_at = excluded.imported_at",
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
    ])?;
    tx.prepare_cached(
        "INSERT INTO sheet_bodies (sheet_id, body) VALUES (?1, ?2)
         ON CONFLICT (sheet_id) DO UPDATE SET body = excluded.body",
    )?
    .execute(params![sheet.id, body])?;
    insert_children(tx, sheet)?;
    super::search::index_sheet(tx, &sheet.id, index)?;
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

/// Writes the normalised rows of one sheet.
fn insert_children(tx: &Transaction, sheet: &Sheet) -> Result<()> {
    let mut themes = tx.prepare_cached(
        "INSERT INTO sheet_themes (sheet_id, position, code) VALUES (?1, ?2, ?3)",
    )?;
    for (position, code) in (0_i64..).zip(&sheet.themes) {
        themes.execute(params![sheet.id, position, code])?;
    }
    let mut publics = tx.prepare_cached(
        "INSERT INTO sheet_publics (sheet_id, position, code) VALUES (?1, ?2, ?3)",
    )?;
    for (position, code) in (0_i64..).zip(&sheet.publics) {
        publics.execute(params![sheet.id, position, code])?;
    }
    if let Some(partners) = &sheet.partners {
        let mut insert = tx.prepare_cached(
            "INSERT INTO sheet_partners (sheet_id, role, position, name) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for (role, names) in [
            ("specific", &partners.specific),
            ("funder", &partners.funders),
            ("other", &partners.others),
        ] {
            for (position, name) in (0_i64..).zip(names) {
                insert.execute(params![sheet.id, role, position, name])?;
            }
        }
    }
    if let Some(budget) = &sheet.budget {
        let mut insert = tx.prepare_cached(
            "INSERT INTO sheet_funding (sheet_id, position, source, amount_cents) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for (position, line) in (0_i64..).zip(&budget.funding) {
            insert.execute(params![sheet.id, position, line.source, line.amount.cents])?;
        }
    }
    let mut contacts = tx.prepare_cached(
        "INSERT INTO sheet_contacts (sheet_id, position, name, role, email, phone)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (position, c) in (0_i64..).zip(&sheet.contacts) {
        contacts.execute(params![
            sheet.id, position, c.name, c.role, c.email, c.phone
        ])?;
    }
    Ok(())
}

impl Store {
    /// Removes these sheets, in one transaction. Their files are forgotten
    /// too, so that importing them again brings the sheets back.
    pub fn remove(&mut self, ids: &[&str]) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        for id in ids {
            tx.prepare_cached(
                "DELETE FROM files WHERE source = (SELECT source FROM sheets WHERE id = ?1)",
            )?
            .execute([id])?;
            super::search::unindex_sheet(&tx, id)?;
            tx.prepare_cached("DELETE FROM sheets WHERE id = ?1")?
                .execute([id])?;
        }
        tx.commit()?;
        Ok(())
    }
}
