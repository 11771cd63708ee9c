//! One sheet as a web page: the sections of the one layout
//! ([`crate::sheet::layout`]) in their order, with their French labels, each
//! line carrying the key it shows (`data-key`), then the related sheets.
//! The first section (who, where, when, at what stage) is drawn as a box of
//! key facts beside the text on a wide screen, with the budget's total and
//! whom to contact added to it. This file knows how each kind of value
//! reads in HTML, never which sections or labels there are.

use maud::{Markup, html};

use crate::render::format;
use crate::sheet::layout::{Key, Line, Section, Value, lay_out};
use crate::sheet::{Contact, Sheet, Vocabularies};

use super::{
    PageHead, Shell, cards::Summaries, external_link, markdown::markdown, page, path_segment,
    place::place,
};

/// A sheet shown under "Fiches proches".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelatedSheet {
    pub id: String,
    pub title: String,
    pub structure: String,
}

fn list<'a>(items: impl IntoIterator<Item = &'a str>) -> Markup {
    html! { ul { @for item in items { li { (item) } } } }
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
fn value(value: &Value) -> Markup {
    match value {
        Value::Text(text) => html! { (text) },
        Value::Names(names) => html! { (names.join(", ")) },
        Value::Items(items) => list(items.iter().copied()),
        Value::Prose(text) => markdown(text),
        Value::Place {
            territory,
            department,
        } => html! { (place(*territory, *department)) },
        Value::Status {
            status,
            reproducible,
        } => html! { (format::status(*status, *reproducible)) },
        Value::Period(period) => html! { (format::period_long(*period)) },
        Value::Staff(fte) => html! { (format::staff(*fte)) },
        Value::Budget { total, funding } => {
            let lines: Vec<String> = funding
                .iter()
                .map(|f| format::funding(&f.source, f.amount))
                .collect();
            html! {
                (format::amount(*total))
                @if !lines.is_empty() { (list(lines.iter().map(String::as_str))) }
            }
        }
        Value::Contacts(contacts) => {
            let lines: Vec<String> = contacts.iter().map(contact_text).collect();
            list(lines.iter().map(String::as_str))
        }
        Value::Links(links) => html! {
            ul {
                @for link in *links {
                    li { (external_link(&link.url, link.title.as_deref().unwrap_or(&link.url))) }
                }
            }
        },
    }
}

/// Themes and publics link to the pages that list their sheets.
fn terms(folder: &str, codes: &[String], labels: &[&str], root: &str) -> Markup {
    html! {
        ul class="terms" {
            @for (code, label) in codes.iter().zip(labels) {
                li { a href={ (root) (folder) "/" (path_segment(code)) "/index.html" } { (label) } }
            }
        }
    }
}

/// A line's value, with themes and publics as links.
fn line_value(line: &Line, sheet: &Sheet, root: &str) -> Markup {
    match (line.key, &line.value) {
        (Key::Themes, Value::Items(labels)) => terms("themes", &sheet.themes, labels, root),
        (Key::Publics, Value::Items(labels)) => terms("publics", &sheet.publics, labels, root),
        (_, other) => value(other),
    }
}

/// Labelled lines are a description list; a line without a label (its
/// section's heading says what it is) stands on its own.
fn lines(lines: &[Line], sheet: &Sheet, root: &str) -> Markup {
    html! {
        @for run in lines.chunk_by(|a, b| a.label.is_some() == b.label.is_some()) {
            @if run[0].label.is_some() {
                dl {
                    "\n"
                    @for line in run {
                        div data-key=(line.key.name()) {
                            dt { (line.label.unwrap_or_default()) }
                            dd { (line_value(line, sheet, root)) }
                        }
                        "\n"
                    }
                }
                "\n"
            } @else {
                @for line in run {
                    div data-key=(line.key.name()) { (line_value(line, sheet, root)) } "\n"
                }
            }
        }
    }
}

/// The box of key facts: the first section's lines, then the budget's
/// total and whom to contact when the sheet gives them.
fn key_facts(section: &Section, all: &[Section], sheet: &Sheet, root: &str) -> Markup {
    let mut shown = section.lines.clone();
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
        shown.push(Line {
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
        shown.push(Line {
            label: Some(if contacts.len() == 1 {
                "Contact"
            } else {
                "Contacts"
            }),
            ..line.clone()
        });
    }
    html! {
        section class="key-facts" aria-labelledby="s0" {
            "\n"
            h2 id="s0" { (section.heading) } "\n"
            (lines(&shown, sheet, root))
        }
        "\n"
    }
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
fn breadcrumb(shell: &Shell, sheet: &Sheet, vocabularies: &Vocabularies, root: &str) -> Markup {
    html! {
        nav class="breadcrumb" aria-label="Fil d’Ariane" {
            ol {
                li { a href={ (root) "index.html" } { (shell.site_title) } }
                @if let Some(theme) = sheet.themes.first() {
                    li {
                        a href={ (root) "themes/" (path_segment(theme)) "/index.html" } {
                            (vocabularies.themes.label(theme))
                        }
                    }
                }
                li { span aria-current="page" { (sheet.title) } }
            }
        }
        "\n"
    }
}

/// What a printed sheet says of where it comes from: the catalogue, the
/// page's address (filled in by a script when the public address is not
/// known) and the date of the sheet.
fn print_note(shell: &Shell, sheet: &Sheet, path: &str) -> Markup {
    html! {
        p class="print-note" {
            "Fiche du catalogue « " (shell.site_title) " »"
            @match shell.public_address(path) {
                Some(address) => { ", " span id="print-address" { (address) } }
                None => { span id="print-address" {} }
            }
            "."
            @if let Some(date) = &sheet.updated { " Mise à jour le " (french_date(date)) "." }
        }
        "\n"
    }
}

/// The page of one sheet; its description for previews is its summary
/// among `summaries` (drawn now if it is not there).
pub fn write_sheet_page(
    shell: &Shell,
    sheet: &Sheet,
    vocabularies: &Vocabularies,
    related: &[RelatedSheet],
    summaries: &Summaries,
) -> String {
    let path = format!("fiches/{}/index.html", path_segment(&sheet.id));
    let description = summaries.of(sheet);
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
    page(shell, &head, |root| {
        html! {
            (breadcrumb(shell, sheet, vocabularies, root))
            article class="sheet" {
                "\n"
                header class="sheet-head" {
                    "\n"
                    h1 { (laid.title) } "\n"
                    (print_note(shell, sheet, &path))
                    p class="id" {
                        "Fiche " (laid.id)
                        @if let Some(date) = &sheet.updated {
                            " · mise à jour le " (french_date(date))
                        }
                    }
                    "\n"
                }
                "\n"
                @if let Some((first, _)) = laid.sections.split_first() {
                    (key_facts(first, &laid.sections, sheet, root))
                }
                div class="sheet-text" {
                    "\n"
                    @for (i, section) in laid.sections.iter().enumerate().skip(1) {
                        section aria-labelledby={ "s" (i) } {
                            "\n"
                            h2 id={ "s" (i) } { (section.heading) } "\n"
                            (lines(&section.lines, sheet, root))
                        }
                        "\n"
                    }
                }
                "\n"
            }
            "\n"
            (related_sheets(related, root))
        }
    })
}

fn related_sheets(related: &[RelatedSheet], root: &str) -> Markup {
    html! {
        @if !related.is_empty() {
            nav class="related" aria-labelledby="related" {
                "\n"
                h2 id="related" { "Fiches proches" } "\n"
                ul {
                    "\n"
                    @for other in related {
                        li {
                            a href={ (root) "fiches/" (path_segment(&other.id)) "/index.html" } {
                                (other.title)
                            }
                            " — " (other.structure)
                        }
                        "\n"
                    }
                }
                "\n"
            }
            "\n"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Validation refuses such addresses; the page would not link them
    /// either.
    #[test]
    fn a_script_address_never_becomes_a_link() {
        let sheet: Sheet = serde_json::from_value(serde_json::json!({
            "id": "a", "title": "t", "structure": "s", "status": "ongoing",
            "themes": ["ess"], "objectives": ["o"], "description": "d",
            "links": [
                {"title": "<b>x</b>", "url": "javascript:alert(1)"},
                {"url": " JavaScript:alert(2)"},
                {"title": "y", "url": "https://a.fr/\"onclick=\"alert(3)"},
            ],
        }))
        .unwrap();
        let shell = Shell {
            site_title: "S",
            publisher: None,
            base_url: None,
        };
        let page = write_sheet_page(
            &shell,
            &sheet,
            &Vocabularies::builtin(),
            &[],
            &Summaries::default(),
        );
        assert!(!page.contains("href=\"javascript"), "{page}");
        assert!(!page.contains("href=\" JavaScript"), "{page}");
        assert!(page.contains("<li>&lt;b&gt;x&lt;/b&gt;</li>"), "{page}");
        assert!(page.contains("<li> JavaScript:alert(2)</li>"), "{page}");
        assert!(
            page.contains("href=\"https://a.fr/&quot;onclick=&quot;alert(3)\""),
            "{page}"
        );
    }
}
