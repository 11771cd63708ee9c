//! The review report: grouped text for people, JSON and CSV for scripts.
//!
//! Text and CSV share the sentences that explain a finding, so a finding
//! reads the same in both; sheet text is sanitised in text and guarded
//! against formulas in CSV, and JSON keeps it exact.

use std::io::{self, Write};

use crate::review::{ContactRef, Duplicate, Report, SECTIONS, Stale, StaleReason};
use crate::sheet::Vocabularies;

use super::csv::{CsvDialect, write_csv};
use super::guard::Guard;
use super::style::Painter;
use super::{Format, Screen, data, sanitize, wrap};

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

/// The report in the given format: grouped text for people, the whole
/// report as JSON, or one CSV row per finding.
pub fn write_review(
    out: &mut dyn Write,
    report: &Report,
    vocabularies: &Vocabularies,
    thresholds: Thresholds,
    format: Format,
    screen: Screen,
) -> io::Result<()> {
    match format {
        Format::Json => data::write_json(out, report),
        Format::Csv => {
            write_review_csv(out, report, vocabularies, thresholds, CsvDialect::Standard)
        }
        Format::ExcelCsv => {
            write_review_csv(out, report, vocabularies, thresholds, CsvDialect::Excel)
        }
        _ => {
            let out = &mut Guard::new(out);
            write_review_text(&mut Text { out, screen }, report, vocabularies, thresholds)?;
            out.flush()
        }
    }
}

/// The text report's writer: every line wrapped at the screen's width on
/// word boundaries, continuation lines hanging under their first.
struct Text<'a> {
    out: &'a mut dyn Write,
    screen: Screen,
}

impl Text<'_> {
    /// `lead` (pacte's words or escaped text) then `text` (sheet text,
    /// escaped here), painted dim when `dim`; continuation lines indented
    /// by `hang`.
    fn line(&mut self, lead: &str, text: &str, hang: &str, dim: bool) -> io::Result<()> {
        let mut styled = wrap::Styled::default();
        let style = dim.then(|| anstyle::Style::new().dimmed());
        styled.push(&sanitize::cell(text), style);
        let lead_width = unicode_width::UnicodeWidthStr::width(lead);
        // A lead wider than half the line would leave the text a sliver:
        // the text then starts on its own line.
        if lead_width > self.screen.width / 2 {
            writeln!(self.out, "{}", lead.trim_end())?;
            for line in wrap::styled(&styled, self.screen.width, hang, hang, self.screen.painter) {
                writeln!(self.out, "{line}")?;
            }
            return Ok(());
        }
        for line in wrap::styled(&styled, self.screen.width, lead, hang, self.screen.painter) {
            writeln!(self.out, "{line}")?;
        }
        Ok(())
    }

    fn heading(&mut self, title: &str, count: usize) -> io::Result<()> {
        heading(self.out, self.screen.painter, title, count)
    }
}

fn write_review_text(
    text: &mut Text,
    report: &Report,
    vocabularies: &Vocabularies,
    thresholds: Thresholds,
) -> io::Result<()> {
    let painter = text.screen.painter;
    let title = format!(
        "Review of {}: {} % complete on average",
        super::plural(report.sheets, "sheet"),
        report.completeness
    );
    for line in wrap::prose(&title, text.screen.width, "", "") {
        writeln!(text.out, "{}", painter.heading(&line))?;
    }
    write_stale_and_incomplete(text, report, thresholds)?;
    write_duplicates_and_variants(text, report)?;
    write_unused(text, report, vocabularies)
}

fn cell(text: &str) -> String {
    sanitize::cell(text).into_owned()
}

fn write_stale_and_incomplete(
    text: &mut Text,
    report: &Report,
    thresholds: Thresholds,
) -> io::Result<()> {
    text.heading("Stale sheets", report.stale.len())?;
    for stale in &report.stale {
        text.line(
            &format!("  {}  ", cell(&stale.id)),
            &stale.title,
            "    ",
            true,
        )?;
        text.line("    ", &reasons(stale, thresholds), "    ", false)?;
        text.line("    write to: ", &write_to(stale), "      ", false)?;
    }

    text.heading("Incomplete sheets", report.incomplete.len())?;
    if !report.incomplete.is_empty() {
        let below = format!(
            "below {} % of the recommended sections",
            thresholds.min_completeness
        );
        text.line("  ", &below, "  ", true)?;
    }
    let width = report
        .incomplete
        .iter()
        .map(|s| cell(&s.id).chars().count())
        .max()
        .unwrap_or(0);
    for sheet in &report.incomplete {
        let lead = format!("  {:width$}  {:>3} %  ", cell(&sheet.id), sheet.score);
        let lacks = format!("lacks {}", missing(&sheet.missing));
        text.line(&lead, &lacks, "    ", false)?;
    }
    Ok(())
}

fn write_duplicates_and_variants(text: &mut Text, report: &Report) -> io::Result<()> {
    text.heading("Probable duplicates", report.duplicates.len())?;
    for group in &report.duplicates {
        let how = alike(group.title_similarity, group.text_similarity);
        let sentence = match group.members.as_slice() {
            [first, second] => format!(
                "{} and {}, both by {}: {how}",
                first.id, second.id, group.structure
            ),
            members => format!(
                "{} sheets, all by {}: {how}",
                members.len(),
                group.structure
            ),
        };
        text.line("  ", &sentence, "    ", false)?;
        let with_ids = group.members.len() > 2;
        for side in &group.members {
            let lead = if with_ids {
                format!("    {}  {}  ", cell(&side.id), cell(&side.source))
            } else {
                format!("    {}  ", cell(&side.source))
            };
            text.line(&lead, &side.title, "      ", true)?;
        }
    }

    text.heading(
        "Organisation names spelled several ways",
        report.variants.len(),
    )?;
    for variant in &report.variants {
        let name = format!(
            "{} ({})",
            variant.name,
            super::plural(variant.sheets, "sheet")
        );
        text.line("  ", &name, "    ", false)?;
        for alias in &variant.aliases {
            let add = format!(
                "add the alias \"{}\" ({})",
                alias.spelling,
                super::plural(alias.sheets, "sheet")
            );
            text.line("    ", &add, "      ", false)?;
        }
    }
    Ok(())
}

fn write_unused(text: &mut Text, report: &Report, vocabularies: &Vocabularies) -> io::Result<()> {
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
        text.heading(title, codes.len())?;
        for code in codes {
            text.line(
                &format!("  {}  ", cell(code)),
                vocabulary.label(code),
                "    ",
                true,
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

const CSV_HEADER: [&str; 7] = [
    "finding", "id", "title", "score", "detail", "contact", "file",
];

/// One row of the review's CSV, by the columns of [`CSV_HEADER`]; what a
/// finding does not say is left empty.
#[derive(Default)]
struct CsvRow {
    finding: &'static str,
    id: String,
    title: String,
    score: String,
    detail: String,
    contact: String,
    file: String,
}

impl CsvRow {
    fn cells(self) -> [String; 7] {
        let CsvRow {
            finding,
            id,
            title,
            score,
            detail,
            contact,
            file,
        } = self;
        [finding.to_owned(), id, title, score, detail, contact, file]
    }
}

/// One row per finding, under [`CSV_HEADER`].
fn write_review_csv(
    out: &mut dyn Write,
    report: &Report,
    vocabularies: &Vocabularies,
    thresholds: Thresholds,
    dialect: CsvDialect,
) -> io::Result<()> {
    let mut rows: Vec<CsvRow> = Vec::new();
    rows.extend(report.stale.iter().map(|stale| CsvRow {
        finding: "stale",
        id: stale.id.clone(),
        title: stale.title.clone(),
        detail: reasons(stale, thresholds),
        contact: write_to(stale),
        ..CsvRow::default()
    }));
    rows.extend(report.incomplete.iter().map(|sheet| CsvRow {
        finding: "incomplete",
        id: sheet.id.clone(),
        title: sheet.title.clone(),
        score: sheet.score.to_string(),
        detail: format!("lacks {}", missing(&sheet.missing)),
        ..CsvRow::default()
    }));
    for group in &report.duplicates {
        rows.extend(duplicate_rows(group));
    }
    for variant in &report.variants {
        rows.extend(variant.aliases.iter().map(|alias| CsvRow {
            finding: "variant",
            title: variant.name.clone(),
            detail: format!("add the alias \"{}\"", alias.spelling),
            ..CsvRow::default()
        }));
    }
    for (finding, codes, vocabulary) in [
        ("unused-theme", &report.unused_themes, &vocabularies.themes),
        (
            "unused-public",
            &report.unused_publics,
            &vocabularies.publics,
        ),
    ] {
        rows.extend(codes.iter().map(|code| CsvRow {
            finding,
            title: code.clone(),
            detail: vocabulary.label(code).to_owned(),
            ..CsvRow::default()
        }));
    }
    write_csv(
        out,
        dialect,
        &CSV_HEADER,
        rows.into_iter().map(CsvRow::cells),
    )
}

/// A row per member of a group of probable duplicates, naming the others.
fn duplicate_rows(group: &Duplicate) -> impl Iterator<Item = CsvRow> + '_ {
    group.members.iter().enumerate().map(move |(index, this)| {
        // Named others: a few, so that a large group stays linear.
        let others: Vec<&str> = group
            .members
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != index)
            .map(|(_, m)| m.id.as_str())
            .take(3)
            .collect();
        let more = group.members.len() - 1 - others.len();
        let named = if more == 0 {
            others.join(", ")
        } else {
            format!("{} and {more} others", others.join(", "))
        };
        CsvRow {
            finding: "duplicate",
            id: this.id.clone(),
            title: this.title.clone(),
            detail: format!(
                "probably the same as {named}: {}",
                alike(group.title_similarity, group.text_similarity)
            ),
            file: this.source.clone(),
            ..CsvRow::default()
        }
    })
}
