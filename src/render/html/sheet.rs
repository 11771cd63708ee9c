//! One sheet as a web page: the sections of the one layout
//! ([`crate::sheet::layout`]) in their order, with their French labels, each
//! line carrying the key it shows (`data-key`), then the related sheets.
//! This file knows how each kind of value reads in HTML, never which
//! sections or labels there are.

use std::fmt::Write as _;

use crate::render::format;
use crate::sheet::layout::{Line, Value, lay_out};
use crate::sheet::{Contact, Sheet, Vocabularies};

use super::{
    PageHead, Shell, escape, markdown::write_markdown, path_segment, write_external_link,
    write_page,
};

/// A sheet shown under "Fiches proches".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelatedSheet {
    pub id: String,
    pub title: String,
    pub structure: String,
}

/// `Pays Thur Doller (68) · 2012 – 2014`, or what the sheet gives of it.
pub(super) fn place_and_period(sheet: &Sheet) -> String {
    let place = format::place(sheet.territory.as_deref(), sheet.department.as_deref());
    [
        Some(place).filter(|p| !p.is_empty()),
        sheet.period.map(format::period_long),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ")
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
        } => out.push_str(&escape(&format::place(*territory, *department))),
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

/// Labelled lines are a description list; a line without a label (its
/// section's heading says what it is) stands on its own.
fn write_lines(out: &mut String, lines: &[Line]) {
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
                write_value(out, &line.value);
                out.push_str("</dd></div>\n");
            }
            None => {
                if in_list {
                    out.push_str("</dl>\n");
                    in_list = false;
                }
                let _ = write!(out, "<div data-key=\"{key}\">");
                write_value(out, &line.value);
                out.push_str("</div>\n");
            }
        }
    }
    if in_list {
        out.push_str("</dl>\n");
    }
}

/// The page of one sheet.
pub fn write_sheet_page(
    shell: &Shell,
    sheet: &Sheet,
    vocabularies: &Vocabularies,
    related: &[RelatedSheet],
) -> String {
    let path = format!("fiches/{}/", path_segment(&sheet.id));
    let head = PageHead {
        title: &sheet.title,
        path: &path,
        scripts: &[],
    };
    let laid = lay_out(sheet, vocabularies);
    let mut out = String::new();
    write_page(&mut out, shell, &head, |out, root| {
        let _ = write!(
            out,
            "<article class=\"sheet\" data-pagefind-body>\n<h1>{}</h1>\n<p class=\"id\">{}</p>\n",
            escape(laid.title),
            escape(laid.id)
        );
        for (i, section) in laid.sections.iter().enumerate() {
            let _ = writeln!(
                out,
                "<section aria-labelledby=\"s{i}\">\n<h2 id=\"s{i}\">{}</h2>",
                escape(section.heading)
            );
            write_lines(out, &section.lines);
            out.push_str("</section>\n");
        }
        out.push_str("</article>\n");
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
            "<li><a href=\"{root}fiches/{}/\">{}</a> — {}</li>",
            path_segment(&other.id),
            escape(&other.title),
            escape(&other.structure)
        );
    }
    out.push_str("</ul>\n</nav>\n");
}
