//! The whole sheet laid out for reading, in the order and with the French
//! headings of the original catalogue. Empty sections are left out; text is
//! wrapped to the given width and passed through [`sanitize::text`].

use std::io::{self, Write};

use crate::sheet::{Sheet, Vocabularies};

use super::sanitize;
use super::style::Painter;

const INDENT: &str = "  ";

struct Layout<'a> {
    out: &'a mut dyn Write,
    width: usize,
    painter: Painter,
}

impl Layout<'_> {
    fn heading(&mut self, title: &str) -> io::Result<()> {
        writeln!(self.out)?;
        writeln!(self.out, "{}", self.painter.heading(&title.to_uppercase()))
    }

    /// Text reflowed and wrapped, every line starting with `first` then
    /// `rest`. Lines are joined into paragraphs as Markdown does: a blank
    /// line separates paragraphs and a list item (`- `, `* `, `1. `) starts a
    /// new one, whose continuation lines hang under its text.
    fn paragraphs(&mut self, text: &str, first: &str, rest: &str) -> io::Result<()> {
        self.paragraphs_safe(&sanitize::text(text), first, rest)
    }

    /// [`Layout::paragraphs`] for text already safe for the terminal, such
    /// as pacte's own words with colour codes (which wrapping does not count).
    fn paragraphs_safe(&mut self, text: &str, first: &str, rest: &str) -> io::Result<()> {
        let mut lead = first.to_owned();
        for block in blocks(text) {
            match block {
                Block::Blank => writeln!(self.out)?,
                Block::Text { marker, body } => {
                    let hang = format!("{rest}{}", " ".repeat(marker.chars().count()));
                    let options = textwrap::Options::new(self.width.max(20))
                        .initial_indent(&lead)
                        .subsequent_indent(&hang)
                        .break_words(false);
                    let body = format!("{marker}{body}");
                    for line in textwrap::wrap(&body, options) {
                        writeln!(self.out, "{}", line.trim_end())?;
                    }
                }
            }
            rest.clone_into(&mut lead);
        }
        Ok(())
    }

    fn labelled(&mut self, label: &str, text: &str) -> io::Result<()> {
        let first = format!("{INDENT}{label} : ");
        self.paragraphs(text, &first, "      ")
    }

    fn label(&mut self, label: &str) -> io::Result<()> {
        self.paragraphs_safe(&format!("{label} :"), INDENT, "      ")
    }

    fn bullets(&mut self, items: &[String], indent: &str) -> io::Result<()> {
        let first = format!("{indent}• ");
        let rest = format!("{indent}  ");
        for item in items {
            self.paragraphs(item, &first, &rest)?;
        }
        Ok(())
    }

    fn block(&mut self, text: &str) -> io::Result<()> {
        self.paragraphs(text, INDENT, INDENT)
    }
}

pub fn write_sheet(
    out: &mut dyn Write,
    sheet: &Sheet,
    vocabularies: &Vocabularies,
    width: usize,
    painter: Painter,
) -> io::Result<()> {
    let mut l = Layout {
        out,
        width,
        painter,
    };
    let title = sanitize::text(&sheet.title).into_owned();
    l.paragraphs(&title, "", "")?;
    writeln!(l.out, "{}", painter.dim(&sheet.id))?;

    l.heading("Présentation générale")?;
    l.labelled("Structure menant l'action", &sheet.structure)?;
    let place = match (&sheet.territory, &sheet.department) {
        (Some(territory), Some(department)) => Some(format!("{territory} ({department})")),
        (Some(territory), None) => Some(territory.clone()),
        (None, Some(department)) => Some(format!("département {department}")),
        (None, None) => None,
    };
    if let Some(place) = place {
        l.labelled("Territoire", &place)?;
    }
    let mut status = format!("Action {}", sheet.status.label());
    if sheet.reproducible {
        status.push_str(", reproductible");
    }
    let status = format!(
        "{INDENT}Statut de l'action : {}",
        painter.status(sheet.status, &status)
    );
    l.paragraphs_safe(&status, "", "      ")?;
    if let Some(period) = sheet.period {
        let text = match period.end {
            Some(end) if end != period.start => format!("{} – {end}", period.start),
            Some(_) => period.start.to_string(),
            None => format!("depuis {}", period.start),
        };
        l.labelled("Période", &text)?;
    }

    l.heading("Thèmes")?;
    let themes: Vec<String> = sheet
        .themes
        .iter()
        .map(|c| vocabularies.themes.label(c).to_owned())
        .collect();
    l.bullets(&themes, INDENT)?;

    if !sheet.publics.is_empty() {
        l.heading("Publics")?;
        let publics: Vec<String> = sheet
            .publics
            .iter()
            .map(|c| vocabularies.publics.label(c).to_owned())
            .collect();
        l.bullets(&publics, INDENT)?;
    }

    if let Some(partners) = sheet.partners.as_ref().filter(|p| !p.is_empty()) {
        l.heading("Partenaires")?;
        for (label, names) in [
            ("Partenaires spécifiques", &partners.specific),
            ("Partenaires financiers", &partners.funders),
            ("Autres partenaires", &partners.others),
        ] {
            if !names.is_empty() {
                l.labelled(label, &names.join(", "))?;
            }
        }
    }

    l.heading("Description")?;
    l.label("Objectifs de l'action")?;
    l.bullets(&sheet.objectives, "    ")?;
    l.label("Description du dispositif ou de l'action mis en place")?;
    l.paragraphs(&sheet.description, "    ", "    ")?;

    if sheet.means.is_some() || sheet.staff_fte.is_some() || sheet.budget.is_some() {
        l.heading("Moyens")?;
        if let Some(means) = &sheet.means {
            l.labelled("Moyens mis en œuvre", means)?;
        }
        if let Some(fte) = sheet.staff_fte {
            let fte = fte.to_string().replace('.', ",");
            l.labelled("Ressources humaines", &format!("{fte} ETP"))?;
        }
        if let Some(budget) = &sheet.budget {
            l.labelled("Budget", &budget.total.to_string())?;
            for line in &budget.funding {
                l.paragraphs(
                    &format!("dont {} : {}", line.source, line.amount),
                    "    ",
                    "      ",
                )?;
            }
        }
    }
    if let Some(results) = &sheet.results {
        l.heading("Résultats")?;
        l.block(results)?;
    }
    if !sheet.tools.is_empty() {
        l.heading("Outils")?;
        l.bullets(&sheet.tools, INDENT)?;
    }
    if let Some(added_value) = &sheet.added_value {
        l.heading("Valeur ajoutée")?;
        l.block(added_value)?;
    }
    if !sheet.contacts.is_empty() {
        l.heading("Porteur du projet")?;
        for contact in &sheet.contacts {
            let name = match &contact.role {
                Some(role) => format!("{} — {role}", contact.name),
                None => contact.name.clone(),
            };
            l.paragraphs(&name, INDENT, "    ")?;
            for detail in [&contact.email, &contact.phone].into_iter().flatten() {
                l.paragraphs(detail, "    ", "    ")?;
            }
        }
    }
    if let Some(transfer) = &sheet.transfer {
        l.heading("Conditions de transfert")?;
        if !transfer.success_factors.is_empty() {
            l.label("Facteurs de réussite")?;
            l.bullets(&transfer.success_factors, "    ")?;
        }
        if !transfer.difficulties.is_empty() {
            l.label("Difficultés rencontrées")?;
            l.bullets(&transfer.difficulties, "    ")?;
        }
    }
    if let Some(updated) = &sheet.updated {
        l.heading("Mise à jour")?;
        l.block(updated)?;
    }
    if !sheet.links.is_empty() {
        l.heading("Liens")?;
        let links: Vec<String> = sheet
            .links
            .iter()
            .map(|link| match &link.title {
                Some(title) => format!("{title} — {}", link.url),
                None => link.url.clone(),
            })
            .collect();
        l.bullets(&links, INDENT)?;
    }
    Ok(())
}

enum Block<'a> {
    Blank,
    /// One paragraph or list item: its marker (`- `, `2. `, or empty) and its
    /// words, joined from the source lines.
    Text {
        marker: &'a str,
        body: String,
    },
}

fn list_marker(line: &str) -> Option<&str> {
    let trimmed = line.trim_start();
    let offset = line.len() - trimmed.len();
    if trimmed.starts_with("- ") || trimmed.starts_with("* ") || trimmed.starts_with("• ") {
        let width = trimmed.chars().next().map_or(1, char::len_utf8) + 1;
        return Some(&line[offset..offset + width]);
    }
    let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
    (digits > 0 && trimmed[digits..].starts_with(". ")).then(|| &line[offset..offset + digits + 2])
}

fn blocks(text: &str) -> Vec<Block<'_>> {
    let mut blocks: Vec<Block> = Vec::new();
    let mut previous_blank = true;
    for line in text.trim_end().lines() {
        if line.trim().is_empty() {
            if !previous_blank {
                blocks.push(Block::Blank);
            }
            previous_blank = true;
            continue;
        }
        if let Some(marker) = list_marker(line) {
            let body = line.trim_start()[marker.len()..].trim().to_owned();
            blocks.push(Block::Text { marker, body });
        } else if let (false, Some(Block::Text { body, .. })) = (previous_blank, blocks.last_mut())
        {
            body.push(' ');
            body.push_str(line.trim());
        } else {
            blocks.push(Block::Text {
                marker: "",
                body: line.trim().to_owned(),
            });
        }
        previous_blank = false;
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lay_out(text: &str, width: usize) -> String {
        let mut out = Vec::new();
        let mut layout = Layout {
            out: &mut out,
            width,
            painter: Painter { color: false },
        };
        layout.paragraphs(text, "> ", "  ").unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn lines_of_a_paragraph_are_joined_and_rewrapped() {
        assert_eq!(
            lay_out("un deux\ntrois quatre", 40),
            "> un deux trois quatre\n"
        );
        assert_eq!(lay_out("un\n\ndeux", 40), "> un\n\n  deux\n");
    }

    #[test]
    fn list_items_hang_under_their_text() {
        let text = "- premier point assez long pour passer\n  à la ligne\n- second";
        assert_eq!(
            lay_out(text, 24),
            "> - premier point assez\n    long pour passer à\n    la ligne\n  - second\n"
        );
        assert_eq!(lay_out("1. un\n2. deux", 40), "> 1. un\n  2. deux\n");
    }

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(lay_out("a\u{1b}[31mb", 40), "> a\\u{1b}[31mb\n");
    }
}
