//! The review report: grouped text for people, JSON and CSV for scripts.
//!
//! Text and CSV share the sentences that explain a finding, so a finding
//! reads the same in both; sheet text is sanitised in text and guarded
//! against formulas in CSV, and JSON keeps it exact.

use std::io::{self, Write};

use crate::review::{ContactRef, Report, SECTIONS, Stale, StaleReason};
use crate::sheet::Vocabularies;

use super::listing::csv_safe;
use super::sanitize;
use super::style::Painter;

/// How the findings were judged, for the sentences that explain them.
#[derive(Debug, Clone, Copy)]
pub struct Thresholds {
    pub older_than: crate::review::Age,
    pub min_completeness: u8,
}

fn reason(reason: &StaleReason, thresholds: Thresholds) -> String {
    match reason {
        StaleReason::NeverUpdated => "no update date".to_owned(),
        StaleReason::UpdatedLongAgo { updated } => {
            let months = thresholds.older_than.months;
            let age = if months.is_multiple_of(12) {
                super::plural(months as usize / 12, "year")
            } else {
                super::plural(months as usize, "month")
            };
            format!("last updated {updated}, more than {age} ago")
        }
        StaleReason::OngoingEnded { end } => {
            format!("ongoing, but its period ended in {end}")
        }
        StaleReason::PlannedStarted { start } => {
            format!("planned, but its period started in {start}")
        }
    }
}

fn reasons(stale: &Stale, thresholds: Thresholds) -> String {
    stale
        .reasons
        .iter()
        .map(|r| reason(r, thresholds))
        .collect::<Vec<_>>()
        .join("; ")
}

/// `Name <email>`, `Name (phone)` or the name alone.
fn contact(contact: &ContactRef) -> String {
    match (&contact.email, &contact.phone) {
        (Some(email), _) => format!("{} <{email}>", contact.name),
        (None, Some(phone)) => format!("{} ({phone})", contact.name),
        (None, None) => contact.name.clone(),
    }
}

fn write_to(stale: &Stale) -> String {
    stale.contact.as_ref().map_or_else(
        || format!("{} (the sheet names no contact)", stale.structure),
        contact,
    )
}

fn missing(codes: &[&str]) -> String {
    SECTIONS
        .iter()
        .filter(|s| codes.contains(&s.code))
        .map(|s| s.description)
        .collect::<Vec<_>>()
        .join(", ")
}

fn percent(value: f64) -> String {
    format!("{:.0} %", value * 100.0)
}

fn alike(title: f64, text: f64) -> String {
    format!(
        "titles {} alike, texts {} alike",
        percent(title),
        percent(text)
    )
}

/// The report for people, one group per kind of finding.
pub fn write_review(
    out: &mut dyn Write,
    report: &Report,
    vocabularies: &Vocabularies,
    thresholds: Thresholds,
    painter: Painter,
) -> io::Result<()> {
    let cell = |text: &str| sanitize::cell(text).into_owned();
    writeln!(
        out,
        "{}",
        painter.heading(&format!(
            "Review of {}: {} % complete on average",
            super::plural(report.sheets, "sheet"),
            report.completeness
        ))
    )?;

    heading(out, painter, "Stale sheets", report.stale.len())?;
    for stale in &report.stale {
        writeln!(
            out,
            "  {}  {}",
            cell(&stale.id),
            painter.dim(&cell(&stale.title))
        )?;
        writeln!(out, "    {}", reasons(stale, thresholds))?;
        writeln!(out, "    write to: {}", cell(&write_to(stale)))?;
    }

    heading(out, painter, "Incomplete sheets", report.incomplete.len())?;
    if !report.incomplete.is_empty() {
        writeln!(
            out,
            "  {}",
            painter.dim(&format!(
                "below {} % of the recommended sections",
                thresholds.min_completeness
            ))
        )?;
    }
    let width = report
        .incomplete
        .iter()
        .map(|s| cell(&s.id).chars().count())
        .max()
        .unwrap_or(0);
    for sheet in &report.incomplete {
        writeln!(
            out,
            "  {:width$}  {:>3} %  lacks {}",
            cell(&sheet.id),
            sheet.score,
            missing(&sheet.missing)
        )?;
    }

    heading(out, painter, "Probable duplicates", report.duplicates.len())?;
    for pair in &report.duplicates {
        writeln!(
            out,
            "  {} and {}, both by {}: {}",
            cell(&pair.first.id),
            cell(&pair.second.id),
            cell(&pair.structure),
            alike(pair.title_similarity, pair.text_similarity)
        )?;
        for side in [&pair.first, &pair.second] {
            writeln!(
                out,
                "    {}  {}",
                cell(&side.source),
                painter.dim(&cell(&side.title))
            )?;
        }
    }

    heading(
        out,
        painter,
        "Organisation names spelled several ways",
        report.variants.len(),
    )?;
    for variant in &report.variants {
        writeln!(
            out,
            "  {} ({})",
            cell(&variant.name),
            super::plural(variant.sheets, "sheet")
        )?;
        for alias in &variant.aliases {
            writeln!(
                out,
                "    add the alias \"{}\" ({})",
                cell(&alias.spelling),
                super::plural(alias.sheets, "sheet")
            )?;
        }
    }

    for (title, codes, vocabulary) in [
        (
            "Themes never used",
            &report.unused_themes,
            &vocabularies.themes,
        ),
        (
            "Publics never used",
            &report.unused_publics,
            &vocabularies.publics,
        ),
    ] {
        heading(out, painter, title, codes.len())?;
        for code in codes {
            writeln!(
                out,
                "  {}  {}",
                cell(code),
                painter.dim(&cell(vocabulary.label(code)))
            )?;
        }
    }
    Ok(())
}

fn heading(out: &mut dyn Write, painter: Painter, title: &str, count: usize) -> io::Result<()> {
    writeln!(out)?;
    if count == 0 {
        writeln!(out, "{}: none", painter.heading(title))
    } else {
        writeln!(out, "{} ({count})", painter.heading(title))
    }
}

pub fn write_review_json(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report)?;
    writeln!(out)
}

const CSV_HEADER: [&str; 7] = [
    "finding", "id", "title", "score", "detail", "contact", "file",
];

/// One row per finding, under [`CSV_HEADER`].
pub fn write_review_csv(
    out: &mut dyn Write,
    report: &Report,
    vocabularies: &Vocabularies,
    thresholds: Thresholds,
) -> io::Result<()> {
    let mut rows: Vec<[String; 7]> = Vec::new();
    let none = String::new;
    for stale in &report.stale {
        rows.push([
            "stale".to_owned(),
            stale.id.clone(),
            stale.title.clone(),
            none(),
            reasons(stale, thresholds),
            write_to(stale),
            none(),
        ]);
    }
    for sheet in &report.incomplete {
        rows.push([
            "incomplete".to_owned(),
            sheet.id.clone(),
            sheet.title.clone(),
            sheet.score.to_string(),
            format!("lacks {}", missing(&sheet.missing)),
            none(),
            none(),
        ]);
    }
    for pair in &report.duplicates {
        for (this, other) in [(&pair.first, &pair.second), (&pair.second, &pair.first)] {
            rows.push([
                "duplicate".to_owned(),
                this.id.clone(),
                this.title.clone(),
                none(),
                format!(
                    "probably the same as {}: {}",
                    other.id,
                    alike(pair.title_similarity, pair.text_similarity)
                ),
                none(),
                this.source.clone(),
            ]);
        }
    }
    for variant in &report.variants {
        for alias in &variant.aliases {
            rows.push([
                "variant".to_owned(),
                none(),
                variant.name.clone(),
                none(),
                format!("add the alias \"{}\"", alias.spelling),
                none(),
                none(),
            ]);
        }
    }
    for (finding, codes, vocabulary) in [
        ("unused-theme", &report.unused_themes, &vocabularies.themes),
        (
            "unused-public",
            &report.unused_publics,
            &vocabularies.publics,
        ),
    ] {
        for code in codes {
            rows.push([
                finding.to_owned(),
                none(),
                code.clone(),
                none(),
                vocabulary.label(code).to_owned(),
                none(),
                none(),
            ]);
        }
    }
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(CSV_HEADER)?;
    for row in rows {
        writer.write_record(row.iter().map(|c| csv_safe(c).into_owned()))?;
    }
    writer.flush()
}
