//! Findings and import reports, for people and for scripts.

use std::fmt::Write as _;
use std::io::{self, Write};

use crate::sheet::{Finding, Severity};
use crate::store::{ImportReport, Outcome};

use super::guard::Guard;
use super::sanitize;
use super::style::Painter;

/// `file:line:col: severity: message`, one per line (`file: …` when the
/// position is unknown).
pub fn write_findings(
    out: &mut dyn Write,
    findings: &[&Finding],
    painter: Painter,
) -> io::Result<()> {
    let out = &mut Guard::new(out);
    for finding in findings {
        let place = if finding.line == 0 {
            sanitize::message(&finding.file).into_owned()
        } else {
            format!(
                "{}:{}:{}",
                sanitize::message(&finding.file),
                finding.line,
                finding.column
            )
        };
        writeln!(
            out,
            "{place}: {}: {}",
            painter.severity(finding.severity),
            sanitize::message(&finding.message)
        )?;
    }
    out.flush()
}

/// Findings in the given format: `file:line:col:` lines, a JSON array, or
/// GitHub workflow commands.
pub fn write_findings_as(
    out: &mut dyn Write,
    findings: &[&Finding],
    format: super::Format,
    painter: Painter,
) -> io::Result<()> {
    match format {
        super::Format::Json => super::data::write_json(out, findings),
        super::Format::Github => super::github::write_findings_github(out, findings),
        _ => write_findings(out, findings, painter),
    }
}

/// Counts of errors and warnings, as a sentence.
pub fn tally(findings: &[Finding]) -> String {
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let warnings = findings.len() - errors;
    format!(
        "{} and {}",
        plural(errors, "error"),
        plural(warnings, "warning")
    )
}

pub fn plural(count: usize, word: &str) -> String {
    if count == 1 {
        format!("1 {word}")
    } else {
        format!("{count} {word}s")
    }
}

pub fn import_summary(report: &ImportReport, dry_run: bool) -> String {
    let mut counts = format!(
        "{} added, {} updated, {} unchanged",
        report.count(Outcome::Added),
        report.count(Outcome::Updated),
        report.count(Outcome::Unchanged)
    );
    let removed = report.count(Outcome::Removed);
    if removed > 0 {
        let _ = write!(counts, ", {removed} removed");
    }
    if dry_run {
        format!("dry run, nothing written: would be {counts}")
    } else if report
        .sheets
        .iter()
        .all(|s| s.outcome == Outcome::Unchanged)
    {
        format!("nothing to change: {counts}")
    } else {
        format!("imported: {counts}")
    }
}
