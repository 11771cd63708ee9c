//! Checks over a whole call: reading every path, and the rule that one id
//! may appear only once among all the sheets given together.

use std::collections::HashMap;
use std::path::Path;

use crate::sheet::{Finding, Severity};

use super::{Context, FileReport, Skip, check_path};

/// Checks every file, calling `progress` after each; a sheet id found in
/// two places makes both files fail, each finding naming the other place.
pub fn check_batch(
    paths: &[impl AsRef<Path> + Sync],
    max_bytes: u64,
    ctx: &Context,
    progress: &(dyn Fn() + Sync),
    skip: Skip,
) -> Vec<FileReport> {
    let mut reports = check_all(paths, max_bytes, ctx, progress, skip);

    let mut places = Places::new();
    for (file_index, report) in reports.iter().enumerate() {
        for checked in &report.sheets {
            places
                .entry(checked.sheet.id.clone())
                .or_default()
                .push((file_index, checked.pos.line));
        }
    }
    mark_duplicates(places, &mut reports);
    for report in &mut reports {
        if report.has_errors() {
            report.sheets.clear();
        }
    }
    reports
}

/// Where each sheet id of a call appears: the index of its file's report
/// and the line its document starts on.
pub type Places = HashMap<String, Vec<(usize, usize)>>;

/// Gives every report holding an id found in more than one place a
/// finding that names the other places, ids taken in order.
pub fn mark_duplicates(places: Places, reports: &mut [FileReport]) {
    let mut duplicates: Vec<(String, Vec<(usize, usize)>)> =
        places.into_iter().filter(|(_, at)| at.len() > 1).collect();
    duplicates.sort();
    for (id, at) in duplicates {
        for &(file_index, line) in &at {
            let others: Vec<String> = at
                .iter()
                .filter(|other| **other != (file_index, line))
                .map(|&(f, l)| format!("{}:{l}", reports[f].file))
                .collect();
            let report = &mut reports[file_index];
            report.findings.push(Finding {
                file: report.file.clone(),
                line,
                column: 1,
                severity: Severity::Error,
                code: "duplicate-id",
                message: format!(
                    "the id `{id}` is also used at {}: ids must be unique",
                    others.join(", ")
                ),
            });
        }
    }
}

/// Files are independent until the cross-file rules, so they are read and
/// checked on every core; reports come back in the order of `paths`.
fn check_all(
    paths: &[impl AsRef<Path> + Sync],
    max_bytes: u64,
    ctx: &Context,
    progress: &(dyn Fn() + Sync),
    skip: Skip,
) -> Vec<FileReport> {
    crate::parallel::map(paths, |path| {
        let report = check_path(path.as_ref(), max_bytes, ctx, skip);
        progress();
        report
    })
}

/// Expands folders and checks every file found; a folder with no sheet file,
/// or one that cannot be read, becomes a failed report of its own, and an
/// entry the walk does not read (a FIFO, a link out of the folder) a report
/// with a warning and nothing else.
/// `on_count` learns how many files there are before `progress` is called.
pub fn check_inputs(
    paths: &[std::path::PathBuf],
    max_bytes: u64,
    ctx: &Context,
    on_count: &dyn Fn(usize),
    progress: &(dyn Fn() + Sync),
    skip: Skip,
) -> Vec<FileReport> {
    let expanded = crate::parse::expand(paths);
    on_count(expanded.files.len());
    let mut reports = check_batch(&expanded.files, max_bytes, ctx, progress, skip);
    for (path, message) in expanded.problems {
        reports.push(FileReport::failed(path, 0, 0, "input", message));
    }
    for (path, message) in expanded.skipped {
        reports.push(FileReport::passed_over(path, message));
    }
    reports
}
