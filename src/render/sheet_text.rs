//! The whole sheet for reading on a terminal, following the one layout
//! ([`crate::sheet::layout`]): this file decides only how each kind of value
//! looks. Empty sections are left out; text is wrapped to the given width and
//! passed through [`sanitize::text`]; colour never spans a line break.

use std::io::{self, Write};

use anstyle::Style;

use crate::sheet::layout::{self, Line, Value};
use crate::sheet::{Sheet, Vocabularies};

use super::guard::Guard;
use super::style::{self, Painter};
use super::{format, sanitize, wrap};

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

    /// [`Layout::paragraphs`] for text already safe for the terminal
    /// (pacte's own words).
    fn paragraphs_safe(&mut self, text: &str, first: &str, rest: &str) -> io::Result<()> {
        let mut lead = first.to_owned();
        for block in blocks(text) {
            match block {
                Block::Blank => writeln!(self.out)?,
                Block::Text { marker, body } => {
                    // Every bulleted list reads the same: `•`.
                    let marker = match marker.trim_end() {
                        "-" | "*" => "• ",
                        _ => marker,
                    };
                    let hang = format!("{rest}{}", " ".repeat(marker.chars().count()));
                    let body = format!("{marker}{body}");
                    for line in wrap::prose(&body, self.width, &lead, &hang) {
                        writeln!(self.out, "{line}")?;
                    }
                }
            }
            rest.clone_into(&mut lead);
        }
        Ok(())
    }

    /// Text after its label, or alone under the heading when it has none.
    fn labelled(&mut self, label: &str, text: &str) -> io::Result<()> {
        if label.is_empty() {
            return self.paragraphs(text, INDENT, INDENT);
        }
        let first = format!("{INDENT}{label} : ");
        self.paragraphs(text, &first, "      ")
    }

    /// [`Layout::labelled`] with the value painted: wrapping sees the plain
    /// text, and each line's colour ends on that line.
    fn labelled_painted(&mut self, label: &str, text: &str, style: Style) -> io::Result<()> {
        let first = format!("{INDENT}{label} : ");
        let mut styled = wrap::Styled::default();
        styled.push(&sanitize::text(text), Some(style));
        for line in wrap::styled(&styled, self.width, &first, "      ", self.painter) {
            writeln!(self.out, "{line}")?;
        }
        Ok(())
    }

    fn label(&mut self, label: &str) -> io::Result<()> {
        self.paragraphs_safe(&format!("{label} :"), INDENT, "      ")
    }

    fn bullets(&mut self, items: &[&str], indent: &str) -> io::Result<()> {
        let first = format!("{indent}• ");
        let rest = format!("{indent}  ");
        for item in items {
            self.paragraphs(item, &first, &rest)?;
        }
        Ok(())
    }
}

pub fn write_sheet(
    out: &mut dyn Write,
    sheet: &Sheet,
    vocabularies: &Vocabularies,
    width: usize,
    painter: Painter,
) -> io::Result<()> {
    let out = &mut Guard::new(out);
    let mut l = Layout {
        out,
        width,
        painter,
    };
    let laid = layout::lay_out(sheet, vocabularies);
    l.paragraphs(laid.title, "", "")?;
    writeln!(l.out, "{}", painter.dim(&sanitize::text(laid.id)))?;
    for section in &laid.sections {
        l.heading(section.heading)?;
        for line in &section.lines {
            l.line(line)?;
        }
    }
    Ok(())
}

impl Layout<'_> {
    /// One line of the layout: labelled values on the label's line, lists
    /// and prose under their label (or right under the heading).
    fn line(&mut self, line: &Line) -> io::Result<()> {
        // Content under a label is indented one step further.
        let under = if line.label.is_some() { "    " } else { INDENT };
        let block = matches!(
            line.value,
            Value::Items(_) | Value::Prose(_) | Value::Contacts(_) | Value::Links(_)
        );
        if let (true, Some(label)) = (block, line.label) {
            self.label(label)?;
        }
        let label = line.label.unwrap_or_default();
        match &line.value {
            Value::Text(text) => self.labelled(label, text),
            Value::Names(names) => self.labelled(label, &names.join(", ")),
            Value::Place {
                territory,
                department,
            } => self.labelled(label, &format::place(*territory, *department)),
            Value::Status {
                status,
                reproducible,
            } => {
                let text = format::status(*status, *reproducible);
                let style = style::status_style(*status);
                self.labelled_painted(label, &text, style)
            }
            Value::Period(period) => self.labelled(label, &format::period_long(*period)),
            Value::Staff(fte) => self.labelled(label, &format::staff(*fte)),
            Value::Budget { total, funding } => {
                self.labelled(label, &format::amount(*total))?;
                for line in *funding {
                    let text = format::funding(&line.source, line.amount);
                    self.paragraphs(&text, "    ", "      ")?;
                }
                Ok(())
            }
            Value::Items(items) => self.bullets(items, under),
            Value::Prose(text) => super::sheet_markdown::Prose {
                out: &mut *self.out,
                width: self.width,
                painter: self.painter,
                indent: under,
            }
            .write(text),
            Value::Contacts(contacts) => {
                for contact in *contacts {
                    let name = match &contact.role {
                        Some(role) => format!("{} — {role}", contact.name),
                        None => contact.name.clone(),
                    };
                    self.paragraphs(&name, under, "    ")?;
                    for detail in [&contact.email, &contact.phone].into_iter().flatten() {
                        self.paragraphs(detail, "    ", "    ")?;
                    }
                }
                Ok(())
            }
            Value::Links(links) => {
                let links: Vec<String> = links
                    .iter()
                    .map(|link| match &link.title {
                        Some(title) => format!("{title} — {}", link.url),
                        None => link.url.clone(),
                    })
                    .collect();
                let links: Vec<&str> = links.iter().map(String::as_str).collect();
                self.bullets(&links, under)
            }
        }
    }
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
            "> • premier point assez\n    long pour passer à\n    la ligne\n  • second\n"
        );
        assert_eq!(lay_out("1. un\n2. deux", 40), "> 1. un\n  2. deux\n");
    }

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(lay_out("a\u{1b}[31mb", 40), "> a\\u{1b}[31mb\n");
    }
}
