//! Who owns an id, decided inside the write transaction.

use std::collections::{HashMap, HashSet};

use anyhow::Result;
use rusqlite::Transaction;

use crate::sheet::{Finding, Severity};
use crate::validate::FileReport;

use super::super::files;
use super::{Item, State};

/// Refuses sheets whose id the catalogue holds from another file, read
/// inside the write transaction. Standard input is the exception both
/// ways: piping a sheet in is an explicit choice to replace. A sheet that
/// moves between two files of one call, or out of a file that is gone, is
/// not taken from anyone.
pub(super) fn check_ownership(
    tx: &Transaction,
    items: &[Item],
    reports: &mut [FileReport],
    gone: &[Vec<u8>],
    replace: bool,
) -> Result<()> {
    let mut now_held: HashMap<&[u8], HashSet<&str>> = HashMap::new();
    let mut read: HashSet<&[u8]> = gone.iter().map(Vec::as_slice).collect();
    for (item, report) in items.iter().zip(reports.iter()) {
        if let (Some(path), State::Read) = (&item.path, item.state) {
            read.insert(path);
            now_held
                .entry(path)
                .or_default()
                .extend(report.sheets.iter().map(|c| c.sheet.id.as_str()));
        }
    }
    // Each id once among the files of this call (the batch check says so
    // for the files it read together; this covers the ones read alone).
    let mut claimed: HashMap<&str, &[u8]> = HashMap::new();
    let mut taken_by: Vec<(usize, Vec<Finding>)> = Vec::new();
    for (index, (item, report)) in items.iter().zip(reports.iter()).enumerate() {
        let Some(path) = &item.path else { continue };
        if replace || item.state != State::Read {
            continue;
        }
        let mut taken = Vec::new();
        for checked in &report.sheets {
            let id = checked.sheet.id.as_str();
            if let Some(other) = claimed.insert(id, path).filter(|other| other != path) {
                taken.push(taken_finding(report, checked, other, "also in this import"));
                continue;
            }
            let Some(files::Owner::File(owner)) = files::owner(tx, id)? else {
                continue;
            };
            let moved = read.contains(owner.as_slice())
                && !now_held
                    .get(owner.as_slice())
                    .is_some_and(|ids| ids.contains(checked.sheet.id.as_str()));
            if owner == *path || moved {
                continue;
            }
            taken.push(taken_finding(report, checked, &owner, "imported"));
        }
        if !taken.is_empty() {
            taken_by.push((index, taken));
        }
    }
    for (index, taken) in taken_by {
        reports[index].findings.extend(taken);
        reports[index].sheets.clear();
    }
    Ok(())
}

fn taken_finding(
    report: &FileReport,
    checked: &crate::validate::Checked,
    owner: &[u8],
    how: &str,
) -> Finding {
    Finding {
        file: report.file.clone(),
        line: checked.pos.line,
        column: checked.pos.col,
        severity: Severity::Error,
        code: "id-taken",
        message: format!(
            "the id `{}` already belongs to a sheet {how} from {}: \
             choose another id, or use --replace to replace that sheet",
            checked.sheet.id,
            files::display_name(owner)
        ),
    }
}
