//! Whole sheets out: canonical YAML, JSON, CSV for spreadsheets and a
//! Markdown document.
//!
//! YAML is the canonical form: keys in schema order, absent values left out,
//! so that export → import → export gives the same bytes.

use std::fmt::Write as _;
use std::io::{self, Write};

use crate::sheet::{Money, Sheet, Vocabularies};

use super::rows::csv_safe;
use super::sanitize;

/// One sheet as canonical YAML.
pub fn sheet_yaml(sheet: &Sheet) -> io::Result<String> {
    yaml_serde::to_string(sheet).map_err(io::Error::other)
}

/// Every sheet as YAML documents separated by `---`.
pub fn write_yaml_stream(out: &mut dyn Write, sheets: &[Sheet]) -> io::Result<()> {
    for (index, sheet) in sheets.iter().enumerate() {
        if index > 0 {
            writeln!(out, "---")?;
        }
        out.write_all(sheet_yaml(sheet)?.as_bytes())?;
    }
    Ok(())
}

pub fn write_json(out: &mut dyn Write, sheets: &[Sheet], lines: bool) -> io::Result<()> {
    if lines {
        for sheet in sheets {
            serde_json::to_writer(&mut *out, sheet)?;
            writeln!(out)?;
        }
        Ok(())
    } else {
        serde_json::to_writer_pretty(&mut *out, sheets)?;
        writeln!(out)
    }
}

/// How CSV is laid out: the common form, or what French spreadsheet
/// software opens directly (`;`, a byte-order mark, CRLF).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CsvDialect {
    Standard,
    Excel,
}

const CSV_HEADER: [&str; 28] = [
    "id",
    "title",
    "structure",
    "territory",
    "department",
    "status",
    "reproducible",
    "period_start",
    "period_end",
    "themes",
    "publics",
    "partners_specific",
    "partners_funders",
    "partners_others",
    "objectives",
    "description",
    "means",
    "staff_fte",
    "budget_total",
    "budget_funding",
    "results",
    "tools",
    "added_value",
    "contacts",
    "success_factors",
    "difficulties",
    "updated",
    "links",
];

/// The separator of list items inside one CSV cell.
const ITEMS: &str = " | ";

fn amount(money: Money) -> String {
    let text = format!("{}.{:02}", money.cents / 100, money.cents % 100);
    text.strip_suffix(".00").map(str::to_owned).unwrap_or(text)
}

fn csv_cells(sheet: &Sheet) -> [String; 28] {
    let join = |items: &[String]| items.join(ITEMS);
    let partners = sheet.partners.clone().unwrap_or_default();
    let transfer = sheet.transfer.clone().unwrap_or_default();
    [
        sheet.id.clone(),
        sheet.title.clone(),
        sheet.structure.clone(),
        sheet.territory.clone().unwrap_or_default(),
        sheet.department.clone().unwrap_or_default(),
        sheet.status.code().to_owned(),
        sheet.reproducible.to_string(),
        sheet
            .period
            .map(|p| p.start.to_string())
            .unwrap_or_default(),
        sheet
            .period
            .and_then(|p| p.end)
            .map(|e| e.to_string())
            .unwrap_or_default(),
        join(&sheet.themes),
        join(&sheet.publics),
        join(&partners.specific),
        join(&partners.funders),
        join(&partners.others),
        join(&sheet.objectives),
        sheet.description.clone(),
        sheet.means.clone().unwrap_or_default(),
        sheet.staff_fte.map(|f| f.to_string()).unwrap_or_default(),
        sheet
            .budget
            .as_ref()
            .map(|b| amount(b.total))
            .unwrap_or_default(),
        sheet
            .budget
            .iter()
            .flat_map(|b| {
                b.funding
                    .iter()
                    .map(|f| format!("{}: {}", f.source, amount(f.amount)))
            })
            .collect::<Vec<_>>()
            .join(ITEMS),
        sheet.results.clone().unwrap_or_default(),
        join(&sheet.tools),
        sheet.added_value.clone().unwrap_or_default(),
        sheet
            .contacts
            .iter()
            .map(|c| {
                [
                    Some(c.name.as_str()),
                    c.role.as_deref(),
                    c.email.as_deref(),
                    c.phone.as_deref(),
                ]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", ")
            })
            .collect::<Vec<_>>()
            .join(ITEMS),
        join(&transfer.success_factors),
        join(&transfer.difficulties),
        sheet.updated.clone().unwrap_or_default(),
        sheet
            .links
            .iter()
            .map(|l| match &l.title {
                Some(title) => format!("{title} <{}>", l.url),
                None => l.url.clone(),
            })
            .collect::<Vec<_>>()
            .join(ITEMS),
    ]
}

/// One row per sheet, list fields joined with ` | `, every cell guarded
/// against formulas.
pub fn write_csv(out: &mut dyn Write, sheets: &[Sheet], dialect: CsvDialect) -> io::Result<()> {
    let mut builder = csv::WriterBuilder::new();
    if dialect == CsvDialect::Excel {
        out.write_all("\u{feff}".as_bytes())?;
        builder.delimiter(b';').terminator(csv::Terminator::CRLF);
    }
    let mut writer = builder.from_writer(out);
    writer.write_record(CSV_HEADER)?;
    for sheet in sheets {
        writer.write_record(csv_cells(sheet).iter().map(|c| csv_safe(c).into_owned()))?;
    }
    writer.flush()
}

/// A GitHub-style heading anchor: lowercase, spaces to hyphens, other
/// punctuation dropped.
fn anchor(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// Text for one line of Markdown: its own line breaks become spaces.
pub(super) fn inline(text: &str) -> String {
    sanitize::text(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A readable document: a title, a table of contents, one section per
/// sheet with the headings of the original catalogue.
pub fn write_markdown(
    out: &mut dyn Write,
    sheets: &[Sheet],
    vocabularies: &Vocabularies,
) -> io::Result<()> {
    let mut doc = String::from("# Catalogue des fiches action\n\n");
    for sheet in sheets {
        let _ = writeln!(doc, "- [{}](#{})", inline(&sheet.title), anchor(&sheet.id));
    }
    for sheet in sheets {
        let _ = write!(
            doc,
            "\n<a id=\"{}\"></a>\n\n## {}\n\n",
            anchor(&sheet.id),
            inline(&sheet.title)
        );
        let mut status = format!("Action {}", sheet.status.label());
        if sheet.reproducible {
            status.push_str(", reproductible");
        }
        let _ = writeln!(doc, "- **Structure** : {}", inline(&sheet.structure));
        if let Some(territory) = &sheet.territory {
            let _ = writeln!(doc, "- **Territoire** : {}", inline(territory));
        }
        if let Some(department) = &sheet.department {
            let _ = writeln!(doc, "- **Département** : {department}");
        }
        let _ = writeln!(doc, "- **Statut** : {status}");
        if let Some(period) = sheet.period {
            let end = period.end.map_or_else(|| "…".to_owned(), |e| e.to_string());
            let _ = writeln!(doc, "- **Période** : {} – {end}", period.start);
        }
        let themes: Vec<&str> = sheet
            .themes
            .iter()
            .map(|c| vocabularies.themes.label(c))
            .collect();
        let _ = writeln!(doc, "- **Thèmes** : {}", themes.join(", "));
        if !sheet.publics.is_empty() {
            let publics: Vec<&str> = sheet
                .publics
                .iter()
                .map(|c| vocabularies.publics.label(c))
                .collect();
            let _ = writeln!(doc, "- **Publics** : {}", publics.join(", "));
        }
        if let Some(partners) = sheet.partners.as_ref().filter(|p| !p.is_empty()) {
            for (label, names) in [
                ("Partenaires spécifiques", &partners.specific),
                ("Partenaires financiers", &partners.funders),
                ("Autres partenaires", &partners.others),
            ] {
                if !names.is_empty() {
                    let names: Vec<String> = names.iter().map(|n| inline(n)).collect();
                    let _ = writeln!(doc, "- **{label}** : {}", names.join(", "));
                }
            }
        }
        let _ = write!(doc, "\n### Objectifs\n\n");
        for objective in &sheet.objectives {
            let _ = writeln!(doc, "- {}", inline(objective));
        }
        let _ = write!(
            doc,
            "\n### Description\n\n{}\n",
            sanitize::text(sheet.description.trim_end())
        );
        if sheet.means.is_some() || sheet.staff_fte.is_some() || sheet.budget.is_some() {
            let _ = write!(doc, "\n### Moyens\n\n");
            if let Some(means) = &sheet.means {
                let _ = writeln!(doc, "{}\n", sanitize::text(means.trim_end()));
            }
            if let Some(fte) = sheet.staff_fte {
                let _ = writeln!(
                    doc,
                    "- Ressources humaines : {} ETP",
                    fte.to_string().replace('.', ",")
                );
            }
            if let Some(budget) = &sheet.budget {
                let _ = writeln!(doc, "- Budget : {}", budget.total);
                for line in &budget.funding {
                    let _ = writeln!(doc, "  - dont {} : {}", inline(&line.source), line.amount);
                }
            }
        }
        for (heading, text) in [
            ("Résultats", &sheet.results),
            ("Valeur ajoutée", &sheet.added_value),
        ] {
            if let Some(text) = text {
                let _ = write!(
                    doc,
                    "\n### {heading}\n\n{}\n",
                    sanitize::text(text.trim_end())
                );
            }
        }
        if !sheet.tools.is_empty() {
            let _ = write!(doc, "\n### Outils\n\n");
            for tool in &sheet.tools {
                let _ = writeln!(doc, "- {}", inline(tool));
            }
        }
        if !sheet.contacts.is_empty() {
            let _ = write!(doc, "\n### Porteur du projet\n\n");
            for contact in &sheet.contacts {
                let details: Vec<String> = [
                    contact.role.as_ref(),
                    contact.email.as_ref(),
                    contact.phone.as_ref(),
                ]
                .into_iter()
                .flatten()
                .map(|d| inline(d))
                .collect();
                let _ = writeln!(
                    doc,
                    "- {}{}",
                    inline(&contact.name),
                    if details.is_empty() {
                        String::new()
                    } else {
                        format!(" — {}", details.join(", "))
                    }
                );
            }
        }
        if let Some(transfer) = &sheet.transfer {
            let _ = write!(doc, "\n### Conditions de transfert\n");
            for (label, items) in [
                ("Facteurs de réussite", &transfer.success_factors),
                ("Difficultés rencontrées", &transfer.difficulties),
            ] {
                if !items.is_empty() {
                    let _ = write!(doc, "\n**{label}**\n\n");
                    for item in items {
                        let _ = writeln!(doc, "- {}", inline(item));
                    }
                }
            }
        }
        if let Some(updated) = &sheet.updated {
            let _ = write!(doc, "\n### Mise à jour\n\n{updated}\n");
        }
        if !sheet.links.is_empty() {
            let _ = write!(doc, "\n### Liens\n\n");
            for link in &sheet.links {
                let title = link
                    .title
                    .as_deref()
                    .map_or_else(|| link.url.clone(), inline);
                let _ = writeln!(doc, "- [{title}]({})", link.url);
            }
        }
    }
    out.write_all(doc.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_follow_heading_rules() {
        assert_eq!(anchor("pacte-ess"), "pacte-ess");
        assert_eq!(anchor("Un titre, accentué"), "un-titre-accentué");
    }

    #[test]
    fn amounts_keep_cents_only_when_needed() {
        assert_eq!(amount(Money { cents: 15_300_000 }), "153000");
        assert_eq!(amount(Money { cents: 21_000_050 }), "210000.50");
    }
}
