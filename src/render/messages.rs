//! Findings and import reports, for people and for scripts.

use std::fmt::Write as _;
use std::io::{self, Write};

use crate::sheet::{Finding, Severity};
use crate::store::{ImportReport, Outcome};

use super::style::Painter;
use super::{format, sanitize};

/// `file:line:col: severity: message`, one per line (`file: …` when the
/// position is unknown).
pub fn write_findings(
    out: &mut dyn Write,
    findings: &[&Finding],
    painter: Painter,
) -> io::Result<()> {
    for finding in findings {
        let place = if finding.line == 0 {
            sanitize::cell(&finding.file).into_owned()
        } else {
            format!(
                "{}:{}:{}",
                sanitize::cell(&finding.file),
                finding.line,
                finding.column
            )
        };
        writeln!(
            out,
            "{place}: {}: {}",
            painter.severity(finding.severity),
            sanitize::cell(&finding.message)
        )?;
    }
    Ok(())
}

pub fn write_findings_json(out: &mut dyn Write, findings: &[&Finding]) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, findings)?;
    writeln!(out)
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

/// One line per sheet: `outcome<TAB>id<TAB>file`.
pub fn write_import_report(out: &mut dyn Write, report: &ImportReport) -> io::Result<()> {
    for sheet in &report.sheets {
        writeln!(
            out,
            "{}\t{}\t{}",
            sheet.outcome.as_str(),
            sheet.id,
            sanitize::cell(&sheet.source)
        )?;
    }
    Ok(())
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

/// `pacte db info`, one `name: value` line each.
pub fn write_db_info(out: &mut dyn Write, info: &crate::store::Info) -> io::Result<()> {
    writeln!(out, "path: {}", sanitize::cell(&info.path))?;
    writeln!(out, "schema version: {}", info.schema_version)?;
    writeln!(out, "sheets: {}", info.sheets)?;
    writeln!(out, "size: {} bytes", info.size_bytes)?;
    writeln!(
        out,
        "last import: {}",
        info.last_import
            .as_deref()
            .map_or("never".into(), format::timestamp)
    )
}
