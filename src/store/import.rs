//! Importing validated sheets: one transaction per call, insert or update
//! by id, unchanged sheets left untouched.
//!
//! A sheet is unchanged when its canonical JSON hashes the same and it comes
//! from the same source; then nothing is written, so re-importing an
//! unchanged folder leaves the database as it was.

use std::fmt::Write as _;

use anyhow::{Context, Result};
use rusqlite::{Transaction, TransactionBehavior, params};
use sha2::{Digest, Sha256};

use crate::sheet::{Sheet, fold};

use super::Store;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Added,
    Updated,
    Unchanged,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Added => "added",
            Outcome::Updated => "updated",
            Outcome::Unchanged => "unchanged",
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

impl Store {
    /// Stores every sheet, each with the name of the file it came from, in
    /// one transaction. With `dry_run` the transaction is rolled back: the
    /// report says what would change and nothing does.
    pub fn import(&mut self, sheets: &[(&Sheet, &str)], dry_run: bool) -> Result<ImportReport> {
        let now = jiff::Timestamp::now().to_string();
        // IMMEDIATE takes the write lock up front: a transaction that starts
        // by reading and upgrades later fails at once ("database is locked")
        // when another import holds the lock, instead of waiting its turn.
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut report = ImportReport::default();
        for (sheet, source) in sheets {
            let outcome = upsert(&tx, sheet, source, &now)
                .with_context(|| format!("storing the sheet `{}`", sheet.id))?;
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

fn upsert(tx: &Transaction, sheet: &Sheet, source: &str, now: &str) -> Result<Outcome> {
    let body = serde_json::to_string(sheet)?;
    let hash =
        Sha256::digest(body.as_bytes())
            .iter()
            .fold(String::with_capacity(64), |mut hex, byte| {
                let _ = write!(hex, "{byte:02x}");
                hex
            });
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
        Some((old_hash, old_source)) if *old_hash == hash && old_source == source => {
            return Ok(Outcome::Unchanged);
        }
        Some(_) => Outcome::Updated,
    };
    tx.prepare_cached(
        "INSERT INTO sheets (id, title, structure, structure_key, territory, department, status,
             reproducible, period_start, period_end, staff_fte, budget_cents, updated, body, hash,
             source, imported_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)
         ON CONFLICT (id) DO UPDATE SET
             title = excluded.title, structure = excluded.structure,
             structure_key = excluded.structure_key, territory = excluded.territory,
             department = excluded.department, status = excluded.status,
             reproducible = excluded.reproducible, period_start = excluded.period_start,
             period_end = excluded.period_end, staff_fte = excluded.staff_fte,
             budget_cents = excluded.budget_cents, updated = excluded.updated,
             body = excluded.body, hash = excluded.hash, source = excluded.source,
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
        body,
        hash,
        source,
        now,
    ])?;
    replace_children(tx, sheet)?;
    super::search::index_sheet(tx, sheet)?;
    Ok(outcome)
}

/// Rewrites the normalised rows of one sheet.
fn replace_children(tx: &Transaction, sheet: &Sheet) -> Result<()> {
    for table in [
        "DELETE FROM sheet_themes WHERE sheet_id = ?1",
        "DELETE FROM sheet_publics WHERE sheet_id = ?1",
        "DELETE FROM sheet_partners WHERE sheet_id = ?1",
        "DELETE FROM sheet_funding WHERE sheet_id = ?1",
        "DELETE FROM sheet_contacts WHERE sheet_id = ?1",
    ] {
        tx.prepare_cached(table)?.execute([&sheet.id])?;
    }
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
