//! The data file of the catalogue page's script: every published sheet as a
//! card's worth of text and its facet values, and the names readers may
//! give a filter value in the address.
//!
//! It is a script (`window.pacteCatalogue = {…};`) rather than JSON so the
//! page can load it with a `<script>` element, which works from a folder on
//! disk where a fetch of a local file is refused. The script only looks
//! things up: the names of each value are folded here by [`fold`], and the
//! folding's own character classes (what is dropped, what separates words,
//! what is an apostrophe) are exported with them, so a label, an alias, an
//! accent or a capital in `?theme=` reads as `pacte list --theme` reads it.
//!
//! Invariants: sheets are in the order of the static pages (by title), so
//! the script's first page sorted by title is the static first page; the
//! text is data, never markup (the script sets it as text); output is
//! deterministic (sorted maps only).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde_json::{Value, json};

use crate::chars::is_invisible;
use crate::render::format;
use crate::sheet::{
    APOSTROPHES, SEPARATORS, STATUSES, Sheet, Status, Vocabularies, Vocabulary, fold,
};

use super::cards::{Summaries, details};
use super::path_segment;
use super::place::{department, departments};

/// Where the data file lives under the site's root.
pub const DATA_FILE: &str = "assets/catalogue-data.js";

/// The values of one facet: each term's value in URLs, its label, and every
/// folded name that means it.
#[derive(Default)]
struct Terms {
    values: Vec<String>,
    labels: Vec<String>,
    names: BTreeMap<String, usize>,
    index: BTreeMap<String, usize>,
}

impl Terms {
    fn add<'a>(&mut self, code: &str, label: String, names: impl IntoIterator<Item = &'a str>) {
        let position = self.values.len();
        let value = path_segment(code).into_owned();
        for name in names {
            self.names.entry(fold(name)).or_insert(position);
        }
        for name in [code, label.as_str(), value.as_str()] {
            self.names.entry(fold(name)).or_insert(position);
        }
        self.index.insert(code.to_owned(), position);
        self.values.push(value);
        self.labels.push(label);
    }

    /// A code of a sheet that the vocabulary no longer has keeps its code
    /// as its label.
    fn position(&mut self, code: &str) -> usize {
        if let Some(&position) = self.index.get(code) {
            return position;
        }
        self.add(code, code.to_owned(), []);
        self.values.len() - 1
    }

    fn json(&self) -> Value {
        json!({"values": self.values, "labels": self.labels, "names": self.names})
    }
}

fn vocabulary_terms(vocabulary: &Vocabulary) -> Terms {
    let mut terms = Terms::default();
    for term in vocabulary.terms() {
        terms.add(
            &term.code,
            term.label.clone(),
            term.aliases.iter().map(String::as_str),
        );
    }
    terms
}

fn status_terms() -> Terms {
    let mut terms = Terms::default();
    for status in STATUSES {
        terms.add(
            status.code(),
            format::status(status, false),
            std::iter::once(status.label()).chain(status.aliases().iter().copied()),
        );
    }
    terms
}

fn department_terms() -> Terms {
    let mut terms = Terms::default();
    for (code, name) in departments() {
        terms.add(code, department(code), [name]);
    }
    terms
}

fn reproducible_terms() -> Terms {
    let mut terms = Terms::default();
    terms.add("true", "Reproductible".to_owned(), ["oui", "reproductible"]);
    terms.add("false", "Non précisé".to_owned(), ["non"]);
    terms
}

/// Runs of characters where `test` holds, as a regular-expression class
/// (`\u{200b}-\u{200f}…`), for the script's folding.
fn class(test: impl Fn(char) -> bool) -> String {
    let mut out = String::new();
    let mut start: Option<char> = None;
    let mut previous = '\0';
    let close = |out: &mut String, from: char, to: char| {
        let _ = write!(out, "\\u{{{:x}}}", u32::from(from));
        if to != from {
            let _ = write!(out, "-\\u{{{:x}}}", u32::from(to));
        }
    };
    for c in (0..=0x10_FFFF_u32).filter_map(char::from_u32) {
        match (test(c), start) {
            (true, None) => start = Some(c),
            (false, Some(from)) => {
                close(&mut out, from, previous);
                start = None;
            }
            _ => {}
        }
        previous = c;
    }
    if let Some(from) = start {
        close(&mut out, from, previous);
    }
    out
}

/// How the script folds a name, as data.
fn folding() -> Value {
    json!({
        "drop": class(is_invisible),
        "space": class(|c| c.is_whitespace() || SEPARATORS.contains(&c)),
        "apostrophe": APOSTROPHES.iter().collect::<String>(),
    })
}

fn status_position(status: Status) -> usize {
    STATUSES.iter().position(|s| *s == status).unwrap_or(0)
}

/// The whole data file for these sheets, in the order of the pages.
pub fn write_script_data(
    sheets: &[&Sheet],
    summaries: &Summaries,
    vocabularies: &Vocabularies,
) -> String {
    let mut themes = vocabulary_terms(&vocabularies.themes);
    let mut publics = vocabulary_terms(&vocabularies.publics);
    let statuses = status_terms();
    let mut departments = department_terms();
    let reproducible = reproducible_terms();
    let rows: Vec<Value> = sheets
        .iter()
        .map(|sheet| {
            let theme_positions: Vec<usize> =
                sheet.themes.iter().map(|c| themes.position(c)).collect();
            let public_positions: Vec<usize> =
                sheet.publics.iter().map(|c| publics.position(c)).collect();
            let department = sheet
                .department
                .as_deref()
                .map_or(-1, |c| i64::try_from(departments.position(c)).unwrap_or(-1));
            let details = details(sheet);
            let meta = if details.is_empty() {
                sheet.structure.clone()
            } else {
                format!("{} · {details}", sheet.structure)
            };
            json!([
                path_segment(&sheet.id),
                sheet.title,
                summaries.of(sheet),
                meta,
                status_position(sheet.status),
                u8::from(sheet.reproducible),
                theme_positions,
                public_positions,
                department,
                sheet.updated.as_deref().unwrap_or_default(),
            ])
        })
        .collect();
    let status_texts: Vec<[String; 2]> = STATUSES
        .iter()
        .map(|s| [format::status(*s, false), format::status(*s, true)])
        .collect();
    let data = json!({
        "fold": folding(),
        "facets": {
            "theme": themes.json(),
            "public": publics.json(),
            "status": statuses.json(),
            "department": departments.json(),
            "reproducible": reproducible.json(),
        },
        "statusText": status_texts,
        "sheets": rows,
    });
    format!("window.pacteCatalogue = {data};\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_fold_to_their_value() {
        let terms = vocabulary_terms(&Vocabularies::builtin().themes);
        let position = |name: &str| terms.names.get(&fold(name)).copied();
        let mobility = terms.values.iter().position(|v| v == "mobilite");
        assert!(mobility.is_some());
        for name in ["Mobilité", "MOBILITE", "mobilite"] {
            assert_eq!(position(name), mobility, "{name}");
        }
        let departments = department_terms();
        let corsica = departments.values.iter().position(|v| v == "2A");
        assert_eq!(departments.names.get(&fold("2a")).copied(), corsica);
        assert_eq!(
            departments.names.get(&fold("Corse-du-Sud")).copied(),
            corsica
        );
        let statuses = status_terms();
        assert_eq!(statuses.names.get(&fold("terminée")).copied(), Some(2));
    }

    #[test]
    fn classes_are_runs_of_characters() {
        assert_eq!(
            class(|c| matches!(c, 'a'..='c' | 'x')),
            "\\u{61}-\\u{63}\\u{78}"
        );
        assert!(class(is_invisible).contains("\\u{200b}-\\u{200f}"));
    }
}
