//! Splitting a legacy page into its labelled parts: the labels come from
//! the layout (each line's catalogue label), the values run until the next
//! label.

use crate::sheet::layout::{self, Field, Key};

use super::fields;

/// Labels of the old catalogue, in the order of the one layout, with the
/// line each one feeds. The pages spelled "œuvre" both ways.
fn labels() -> Vec<(String, Part)> {
    let mut labels = Vec::new();
    for spec in layout::sections().iter().flat_map(|s| s.lines.iter()) {
        if let Some(label) = spec.line.catalogue.filter(|_| spec.field != links()) {
            labels.push((label.to_owned(), spec.field));
            if label.contains('œ') {
                labels.push((label.replace('œ', "oe"), spec.field));
            }
        }
    }
    labels
}

/// The part of the links, which ends its page.
fn links() -> Part {
    Field::of(Key::Links)
}

/// The links label ends its page and has no colon of its own.
fn links_label() -> &'static str {
    label_of(links())
}

/// The catalogue's label of a line.
pub fn label_of(field: Field) -> &'static str {
    layout::sections()
        .iter()
        .flat_map(|s| s.lines.iter())
        .find(|l| l.field == field)
        .and_then(|l| l.line.catalogue)
        .unwrap_or_default()
}

const HEADINGS: [&str; 5] = [
    "PRESENTATION GENERALE",
    "THEMES",
    "PUBLICS",
    "PARTENAIRES",
    "DESCRIPTION",
];

/// Lines of the site around the sheet, not part of it.
const CHROME: [&str; 3] = [
    "Se souvenir de moi",
    "Mot de passe oublié ?",
    "menu accueil",
];

/// A part of a page is named after the line of the layout it feeds; the
/// carrier part feeds `contacts` (and `structure` when missing), the transfer
/// part both transfer lists.
pub type Part = Field;

/// The labelled parts of a page, in order, values with their line breaks.
pub fn parts(text: &str) -> (String, Vec<(Part, String)>) {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !CHROME.contains(l) && !HEADINGS.contains(l))
        .collect();
    let title = lines.first().map(|l| (*l).to_owned()).unwrap_or_default();
    let body = lines.get(1..).unwrap_or_default().join("\n");
    let mut found: Vec<(usize, usize, Part)> = Vec::new();
    for (label, part) in labels() {
        let marker = format!("{label} :");
        let mut from = 0;
        while let Some(at) = body[from..].find(&marker) {
            found.push((from + at, from + at + marker.len(), part));
            from += at + marker.len();
        }
    }
    let links_at = links_label();
    if let Some(at) = body.find(links_at).filter(|_| !links_at.is_empty()) {
        let end = body[at..]
            .find(':')
            .map_or(at + links_at.len(), |c| at + c + 1);
        found.push((at, end, links()));
    }
    found.sort_by_key(|(start, ..)| *start);
    // A label may stand inside another's span (the links label runs to the
    // next colon, which can be another label's): keep the first, so that
    // every part ends before the next begins.
    let mut kept: Vec<(usize, usize, Part)> = Vec::with_capacity(found.len());
    for item in found {
        if kept.last().is_none_or(|last| item.0 >= last.1) {
            kept.push(item);
        }
    }
    let found = kept;
    let mut parts = Vec::new();
    for (index, (_, end, part)) in found.iter().enumerate() {
        let next = found
            .get(index + 1)
            .map_or(body.len(), |(start, ..)| *start);
        let value = fields::breaks(body[*end..next].trim());
        if !value.trim().is_empty() {
            parts.push((*part, value.trim().to_owned()));
        }
    }
    (title, parts)
}

/// The page as plain lines: every kind of line break (CR, CRLF, NEL,
/// vertical tab, form feed, the Unicode line and paragraph separators)
/// becomes `\n`, a tab a space, and any other control character or
/// bidirectional override is dropped. So a draft never carries a control
/// character, and text kept in a comment cannot end the comment early.
pub fn plain_lines(page: &str) -> String {
    let mut out = String::with_capacity(page.len());
    let mut chars = page.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\n' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}' => out.push('\n'),
            '\t' => out.push(' '),
            c if c.is_control()
                || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}') => {}
            c => out.push(c),
        }
    }
    out
}
