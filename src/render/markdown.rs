//! A sheet as Markdown, following the one layout, with every piece of sheet
//! text escaped.
//!
//! Invariants: sheet text never becomes HTML (`<`, `>` and `&` are written as
//! entities) and never becomes a link or an image (`[`, `]` are escaped); the
//! only links are the sheet's `links`, written only when their target is
//! http or https, with every character that could end the target
//! percent-encoded. One-line text also has its emphasis, code and
//! heading marks escaped; the Markdown fields (`description`, `results`,
//! `added_value`) keep their paragraphs, lists and emphasis.

use std::fmt::Write as _;

use crate::sheet::layout::{LaidOut, Line, Value};
use crate::sheet::{Contact, Link};

use super::{format, sanitize};

/// A GitHub-style heading anchor: lowercase, spaces to hyphens, other
/// punctuation dropped.
pub fn anchor(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// `<`, `>` and `&` as entities, `[` and `]` escaped: no HTML, no link.
fn push_guarded(out: &mut String, c: char) -> bool {
    match c {
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '&' => out.push_str("&amp;"),
        '[' | ']' => {
            out.push('\\');
            out.push(c);
        }
        _ => return false,
    }
    true
}

/// Text for one line of Markdown: its own line breaks become spaces and
/// every mark Markdown would read is escaped.
pub fn inline(text: &str) -> String {
    let text = sanitize::text(text);
    let mut out = String::with_capacity(text.len() + 8);
    for (index, word) in text.split_whitespace().enumerate() {
        if index > 0 {
            out.push(' ');
        }
        for c in word.chars() {
            if push_guarded(&mut out, c) {
                continue;
            }
            if matches!(
                c,
                '\\' | '`' | '*' | '_' | '#' | '|' | '~' | '!' | '(' | ')' | '{' | '}'
            ) {
                out.push('\\');
            }
            out.push(c);
        }
    }
    // A line that starts like a list item or a numbered one stays a line:
    // the marker's punctuation is escaped (a backslash before a digit would
    // be shown as is).
    if out.starts_with(['-', '+', '=']) {
        out.insert(0, '\\');
    } else if let Some((head, _)) = out.split_once('.')
        && !head.is_empty()
        && head.bytes().all(|b| b.is_ascii_digit())
    {
        let at = head.len();
        out.insert(at, '\\');
    }
    out
}

/// Markdown text from a sheet: its structure kept, HTML and links not.
fn prose(text: &str) -> String {
    let text = sanitize::text(text.trim_end());
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if !push_guarded(&mut out, c) {
            out.push(c);
        }
    }
    out
}

/// The target of a link, or `None` when it is not http or https. Spaces,
/// brackets, quotes, backslashes, controls and non-ASCII are percent-encoded
/// so the target cannot end early or smuggle another one.
pub fn link_target(url: &str) -> Option<String> {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    if !(lower.starts_with("http://") || lower.starts_with("https://")) {
        return None;
    }
    let mut out = String::with_capacity(url.len());
    for byte in url.bytes() {
        let keep = byte.is_ascii_graphic()
            && !matches!(
                byte,
                b'(' | b')'
                    | b'<'
                    | b'>'
                    | b'"'
                    | b'\''
                    | b'\\'
                    | b'['
                    | b']'
                    | b'`'
                    | b'{'
                    | b'}'
                    | b'|'
                    | b'^'
            );
        if keep {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    Some(out)
}

fn link(link: &Link) -> String {
    let title = link.title.as_deref().map(inline);
    match link_target(&link.url) {
        Some(target) => format!("[{}]({target})", title.unwrap_or_else(|| inline(&link.url))),
        None => match title {
            Some(title) => format!("{title} — {}", inline(&link.url)),
            None => inline(&link.url),
        },
    }
}

fn contact(contact: &Contact) -> String {
    let details: Vec<String> = [&contact.role, &contact.email, &contact.phone]
        .into_iter()
        .flatten()
        .map(|d| inline(d))
        .collect();
    if details.is_empty() {
        inline(&contact.name)
    } else {
        format!("{} — {}", inline(&contact.name), details.join(", "))
    }
}

/// One-line values: shown as `- **label** : value` list items.
fn one_line(value: &Value) -> Option<String> {
    Some(match value {
        Value::Text(text) => inline(text),
        Value::Names(names) => names
            .iter()
            .map(|n| inline(n))
            .collect::<Vec<_>>()
            .join(", "),
        Value::Place {
            territory,
            department,
        } => inline(&format::place(*territory, *department)),
        Value::Status {
            status,
            reproducible,
        } => format::status(*status, *reproducible),
        Value::Period(period) => format::period_long(*period),
        Value::Staff(fte) => format::staff(*fte),
        Value::Budget { total, funding } => {
            let mut text = format::amount(*total);
            for line in *funding {
                let _ = write!(
                    text,
                    "\n  - {}",
                    format::funding(&inline(&line.source), line.amount)
                );
            }
            text
        }
        Value::Items(_) | Value::Prose(_) | Value::Contacts(_) | Value::Links(_) => return None,
    })
}

fn block(doc: &mut String, line: &Line) {
    if let Some(label) = line.label {
        let _ = write!(doc, "**{label}**\n\n");
    }
    let items: Vec<String> = match &line.value {
        Value::Items(items) => items.iter().map(|i| inline(i)).collect(),
        Value::Contacts(contacts) => contacts.iter().map(contact).collect(),
        Value::Links(links) => links.iter().map(link).collect(),
        Value::Prose(text) => {
            let _ = writeln!(doc, "{}", prose(text));
            return;
        }
        _ => Vec::new(),
    };
    for item in items {
        let _ = writeln!(doc, "- {item}");
    }
}

/// Appends one sheet: an anchor, its title, then its sections.
pub fn sheet(doc: &mut String, laid: &LaidOut) {
    let _ = write!(
        doc,
        "\n<a id=\"{}\"></a>\n\n## {}\n",
        anchor(laid.id),
        inline(laid.title)
    );
    for section in &laid.sections {
        let _ = write!(doc, "\n### {}\n", section.heading);
        let mut previous_one_line = false;
        for line in &section.lines {
            match (one_line(&line.value), line.label) {
                (Some(text), Some(label)) => {
                    if !previous_one_line {
                        doc.push('\n');
                    }
                    let _ = writeln!(doc, "- **{label}** : {text}");
                    previous_one_line = true;
                }
                (Some(text), None) => {
                    let _ = write!(doc, "\n{text}\n");
                    previous_one_line = false;
                }
                (None, _) => {
                    doc.push('\n');
                    block(doc, line);
                    previous_one_line = false;
                }
            }
        }
    }
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
    fn inline_text_cannot_make_html_or_links() {
        assert_eq!(
            inline("<script>alert(1)</script>"),
            "&lt;script&gt;alert\\(1\\)&lt;/script&gt;"
        );
        assert_eq!(
            inline("[clic](javascript:alert(1))"),
            "\\[clic\\]\\(javascript:alert\\(1\\)\\)"
        );
        assert_eq!(inline("**gras** _x_"), "\\*\\*gras\\*\\* \\_x\\_");
        assert_eq!(inline("- pas une liste"), "\\- pas une liste");
        assert_eq!(inline("1. pas une liste"), "1\\. pas une liste");
        assert_eq!(inline("2014) fin"), "2014\\) fin");
        assert_eq!(inline("Économie\nsociale"), "Économie sociale");
    }

    #[test]
    fn prose_keeps_lists_but_not_html_or_links() {
        assert_eq!(
            prose("- un *point*\n<img src=x onerror=alert(1)> [a](b)"),
            "- un *point*\n&lt;img src=x onerror=alert(1)&gt; \\[a\\](b)"
        );
    }

    #[test]
    fn only_web_links_are_written_and_their_targets_cannot_end_early() {
        assert_eq!(link_target("javascript:alert(1)"), None);
        assert_eq!(link_target("data:text/html,x"), None);
        assert_eq!(
            link_target("https://a.fr/x) [y](javascript:z"),
            Some("https://a.fr/x%29%20%5By%5D%28javascript:z".to_owned())
        );
        assert_eq!(
            link_target("HTTPS://é.fr").as_deref(),
            Some("HTTPS://%C3%A9.fr")
        );
        let evil = Link {
            title: Some("clic](javascript:alert(1))".to_owned()),
            url: "javascript:alert(1)".to_owned(),
        };
        assert!(!link(&evil).contains("]("), "{}", link(&evil));
    }
}
