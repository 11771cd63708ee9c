//! One sheet as a web page: the sections of the one layout
//! ([`crate::sheet::layout`]) in their order, with their French labels, each
//! line carrying the key it shows (`data-key`), then the related sheets.
//! The first section (who, where, when, at what stage) is drawn as a box of
//! key facts beside the text on a wide screen, with the budget's total and
//! whom to contact added to it. This file knows how each kind of value
//! reads in HTML, never which sections or labels there are.

use std::fmt::Write as _;

use crate::render::format;
use crate::sheet::layout::{Key, Line, Section, Value, lay_out};
use crate::sheet::{Contact, Sheet, Vocabularies};

use super::{
    PageHead, Shell, cards::summary, escape, markdown::write_markdown, path_segment, place::place,
    write_external_link, write_page,
};

/// A sheet shown under "Fiches proches".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelatedSheet {
    pub id: String,
    pub title: String,
    pub structure: String,
}

fn write_list<'a>(out: &mut String, items: impl IntoIterator<Item = &'a str>) {
    out.push_str("<ul>");
    for item in items {
        let _ = write!(out, "<li>{}</li>", escape(item));
    }
    out.push_str("</ul>");
}

fn contact_text(contact: &Contact) -> String {
    let details: Vec<&str> = [&contact.role, &contact.email, &contact.phone]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect();
    if details.is_empty() {
        contact.name.clone()
    } else {
        format!("{} — {}", contact.name, details.join(", "))
    }
}

/// The HTML of one value.
fn write_value(out: &mut String, value: &Value) {
    match value {
        Value::Text(text) => out.push_str(&escape(text)),
        Value::Names(names) => out.push_str(&escape(&names.join(", "))),
        Value::Items(items) => write_list(out, items.iter().copied()),
        Value::Prose(text) => write_markdown(out, text),
        Value::Place {
            territory,
            department,
        } => out.push_str(&escape(&place(*territory, *department))),
        Value::Status {
            status,
            reproducible,
        } => out.push_str(&escape(&format::status(*status, *reproducible))),
        Value::Period(period) => out.push_str(&escape(&format::period_long(*period))),
        Value::Staff(fte) => out.push_str(&escape(&format::staff(*fte))),
        Value::Budget { total, funding } => {
            out.push_str(&escape(&format::amount(*total)));
            if !funding.is_empty() {
                let lines: Vec<String> = funding
                    .iter()
                    .map(|f| format::funding(&f.source, f.amount))
                    .collect();
                write_list(out, lines.iter().map(String::as_str));
            }
        }
        Value::Contacts(contacts) => {
            let lines: Vec<String> = contacts.iter().map(contact_text).collect();
            write_list(out, lines.iter().map(String::as_str));
        }
        Value::Links(links) => {
            out.push_str("<ul>");
            for link in *links {
                out.push_str("<li>");
                write_external_link(out, &link.url, link.title.as_deref().unwrap_or(&link.url));
                out.push_str("</li>");
            }
            out.push_str("</ul>");
        }
    }
}

/// Themes and publics link to the pages that list their sheets.
fn write_terms(out: &mut String, folder: &str, codes: &[String], labels: &[&str], root: &str) {
    out.push_str("<ul class=\"terms\">");
    for (code, label) in codes.iter().zip(labels) {
        let _ = write!(
            out,
            "<li><a href=\"{root}{folder}/{}/index.html\">{}</a></li>",
            path_segment(code),
            escape(label)
        );
    }
    out.push_str("</ul>");
}

/// A line's value, with themes and publics as links.
fn write_line_value(out: &mut String, line: &Line, sheet: &Sheet, root: &str) {
    match (line.key, &line.value) {
        (Key::Themes, Value::Items(labels)) => {
            write_terms(out, "themes", &sheet.themes, labels, root);
        }
        (Key::Publics, Value::Items(labels)) => {
            write_terms(out, "publics", &sheet.publics, labels, root);
        }
        (_, value) => write_value(out, value),
    }
}

/// Labelled lines are a description list; a line without a label (its
/// section's heading says what it is) stands on its own.
fn write_lines(out: &mut String, lines: &[Line], sheet: &Sheet, root: &str) {
    let mut in_list = false;
    for line in lines {
        let key = line.key.name();
        match line.label {
            Some(label) => {
                if !in_list {
                    out.push_str("<dl>\n");
                    in_list = true;
                }
                let _ = write!(
                    out,
                    "<div data-key=\"{key}\"><dt>{}</dt><dd>",
                    escape(label)
                );
                write_line_value(out, line, sheet, root);
                out.push_str("</dd></div>\n");
            }
            None => {
                if in_list {
                    out.push_str("</dl>\n");
                    in_list = false;
                }
                let _ = write!(out, "<div data-key=\"{key}\">");
                write_line_value(out, line, sheet, root);
                out.push_str("</div>\n");
            }
        }
    }
    if in_list {
        out.push_str("</dl>\n");
    }
}

/// The box of key facts: the first section's lines, then the budget's
/// total and whom to contact when the sheet gives them.
fn write_key_facts(
    out: &mut String,
    section: &Section,
    all: &[Section],
    sheet: &Sheet,
    root: &str,
) {
    let _ = writeln!(
        out,
        "<section class=\"key-facts\" aria-labelledby=\"s0\">\n<h2 id=\"s0\">{}</h2>",
        escape(section.heading)
    );
    let mut lines = section.lines.clone();
    let find = |key: Key| {
        all.iter()
            .skip(1)
            .flat_map(|s| s.lines.iter())
            .find(|l| l.key == key)
    };
    if let Some(Line {
        field,
        value: Value::Budget { total, .. },
        ..
    }) = find(Key::Budget)
    {
        lines.push(Line {
            field: *field,
            key: Key::Budget,
            label: Some("Budget"),
            value: Value::Budget {
                total: *total,
                funding: &[],
            },
        });
    }
    if let Some(
        line @ Line {
            value: Value::Contacts(contacts),
            ..
        },
    ) = find(Key::Contacts)
    {
        lines.push(Line {
            label: Some(if contacts.len() == 1 {
                "Contact"
            } else {
                "Contacts"
            }),
            ..line.clone()
        });
    }
    write_lines(out, &lines, sheet, root);
    out.push_str("</section>\n");
}

/// `2024-03-15` as `15 mars 2024`; other text as it is.
fn french_date(date: &str) -> String {
    const MONTHS: [&str; 12] = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    let mut parts = date.splitn(3, '-');
    let (Some(year), Some(month), Some(day)) = (parts.next(), parts.next(), parts.next()) else {
        return date.to_owned();
    };
    match (month.parse::<usize>(), day.parse::<u32>()) {
        (Ok(month @ 1..=12), Ok(day)) => {
            let day = if day == 1 {
                "1er".to_owned()
            } else {
                day.to_string()
            };
            format!("{day} {} {year}", MONTHS[month - 1])
        }
        _ => date.to_owned(),
    }
}

/// The trail from the catalogue to this sheet, through its first theme.
fn write_breadcrumb(
    out: &mut String,
    shell: &Shell,
    sheet: &Sheet,
    vocabularies: &Vocabularies,
    root: &str,
) {
    let _ = write!(
        out,
        "<nav class=\"breadcrumb\" aria-label=\"Fil d’Ariane\"><ol>\
         <li><a href=\"{root}index.html\">{}</a></li>",
        escape(shell.site_title)
    );
    if let Some(theme) = sheet.themes.first() {
        let _ = write!(
            out,
            "<li><a href=\"{root}themes/{}/index.html\">{}</a></li>",
            path_segment(theme),
            escape(vocabularies.themes.label(theme))
        );
    }
    let _ = writeln!(
        out,
        "<li><span aria-current=\"page\">{}</span></li></ol></nav>",
        escape(&sheet.title)
    );
}

/// What a printed sheet says of where it comes from: the catalogue, the
/// page's address (filled in by a script when the public address is not
/// known) and the date of the sheet.
fn write_print_note(out: &mut String, shell: &Shell, sheet: &Sheet, path: &str) {
    let _ = write!(
        out,
        "<p class=\"print-note\">Fiche du catalogue « {} »",
        escape(shell.site_title)
    );
    match shell.public_address(path) {
        Some(address) => {
            let _ = write!(
                out,
                ", <span id=\"print-address\">{}</span>",
                escape(&address)
            );
        }
        None => out.push_str("<span id=\"print-address\"></span>"),
    }
    match &sheet.updated {
        Some(date) => {
            let _ = writeln!(out, ". Mise à jour le {}.</p>", escape(&french_date(date)));
        }
        None => out.push_str(".</p>\n"),
    }
}

/// The page of one sheet.
pub fn write_sheet_page(
    shell: &Shell,
    sheet: &Sheet,
    vocabularies: &Vocabularies,
    related: &[RelatedSheet],
) -> String {
    let path = format!("fiches/{}/index.html", path_segment(&sheet.id));
    let description = summary(sheet);
    let scripts: &[(&str, bool)] = if shell.base_url.is_some() {
        &[]
    } else {
        &[("sheet.js", false)]
    };
    let head = PageHead {
        title: &sheet.title,
        path: &path,
        description: &description,
        scripts,
    };
    let laid = lay_out(sheet, vocabularies);
    let mut out = String::new();
    write_page(&mut out, shell, &head, |out, root| {
        write_breadcrumb(out, shell, sheet, vocabularies, root);
        let _ = write!(
            out,
            "<article class=\"sheet\">\n<header class=\"sheet-head\">\n<h1>{}</h1>\n",
            escape(laid.title),
        );
        write_print_note(out, shell, sheet, &path);
        let _ = write!(out, "<p class=\"id\">Fiche {}", escape(laid.id));
        if let Some(date) = &sheet.updated {
            let _ = write!(out, " · mise à jour le {}", escape(&french_date(date)));
        }
        out.push_str("</p>\n</header>\n");
        if let Some((first, _)) = laid.sections.split_first() {
            write_key_facts(out, first, &laid.sections, sheet, root);
        }
        out.push_str("<div class=\"sheet-text\">\n");
        for (i, section) in laid.sections.iter().enumerate().skip(1) {
            let _ = writeln!(
                out,
                "<section aria-labelledby=\"s{i}\">\n<h2 id=\"s{i}\">{}</h2>",
                escape(section.heading)
            );
            write_lines(out, &section.lines, sheet, root);
            out.push_str("</section>\n");
        }
        out.push_str("</div>\n</article>\n");
        write_related(out, related, root);
    });
    out
}

fn write_related(out: &mut String, related: &[RelatedSheet], root: &str) {
    if related.is_empty() {
        return;
    }
    out.push_str(
        "<nav class=\"related\" aria-labelledby=\"related\">\n<h2 id=\"related\">Fiches proches</h2>\n<ul>\n",
    );
    for other in related {
        let _ = writeln!(
            out,
            "<li><a href=\"{root}fiches/{}/index.html\">{}</a> — {}</li>",
            path_segment(&other.id),
            escape(&other.title),
            escape(&other.structure)
        );
    }
    out.push_str("</ul>\n</nav>\n");
}
