//! The blank sheet that `pacte new` writes: every key of schema 1 with a
//! comment saying what it holds, and the known terms of both vocabularies.
//!
//! Keys come from [`Key::ALL`]: a key added to the schema fails to compile
//! here until it has its comment and example.

use std::fmt::Write as _;

use super::Vocabularies;
use super::layout::{Key, sub};

/// What the template says about a key, and the example it writes (commented
/// out when the key is optional).
fn entry(key: Key, id: &str) -> (&'static str, String, bool) {
    let (comment, value, required) = match key {
        Key::Id => (
            "Identifier: lowercase letters, digits and hyphens, at most 64.",
            format!(" {id}"),
            true,
        ),
        Key::Title => ("The title of the action.", " \"\"".to_owned(), true),
        Key::Structure => (
            "The structure that leads the action.",
            " \"\"".to_owned(),
            true,
        ),
        Key::Territory => ("The territory it covers.", " \"\"".to_owned(), false),
        Key::Department => (
            "French department code: 01-95, 2A, 2B, 971-978, 984, 986-988.",
            " \"\"".to_owned(),
            false,
        ),
        Key::Status => (
            "planned, ongoing, finished or abandoned (or en projet, en cours, terminée, abandonnée).",
            " \"\"".to_owned(),
            true,
        ),
        Key::Reproducible => (
            "Whether another territory could run it: true or false.",
            " false".to_owned(),
            false,
        ),
        Key::Period => (
            "Years; the end may be left out while the action goes on.",
            format!("\n  {}: 2024\n  {}: 2025", sub::START, sub::END),
            false,
        ),
        Key::Themes => ("", " []".to_owned(), true),
        Key::Publics => ("", " []".to_owned(), false),
        Key::Partners => (
            "Partners of the action.",
            format!(
                "\n  {}: []\n  {}: []\n  {}: []",
                sub::SPECIFIC,
                sub::FUNDERS,
                sub::OTHERS
            ),
            false,
        ),
        Key::Objectives => ("At least one objective.", " []".to_owned(), true),
        Key::Description => ("What was done (Markdown).", " \"\"".to_owned(), true),
        Key::Means => ("Means used.", " \"\"".to_owned(), false),
        Key::StaffFte => ("Staff, in full-time equivalents.", " 1.5".to_owned(), false),
        Key::Budget => (
            "Budget in euros; the funding lines should add up to the total.",
            format!(
                "\n  {}: 0\n  {}:\n    - {}: \"\"\n      {}: 0",
                sub::TOTAL,
                sub::FUNDING,
                sub::SOURCE,
                sub::AMOUNT
            ),
            false,
        ),
        Key::Results => (
            "Quantitative and qualitative results (Markdown).",
            " \"\"".to_owned(),
            false,
        ),
        Key::Tools => (
            "Tools, methods, software produced.",
            " []".to_owned(),
            false,
        ),
        Key::AddedValue => (
            "Added value of the Maison de l'Emploi or the PLIE.",
            " \"\"".to_owned(),
            false,
        ),
        Key::Contacts => (
            "People to contact.",
            format!(
                "\n  - {}: \"\"\n    {}: \"\"\n    {}: \"\"\n    {}: \"\"",
                sub::NAME,
                sub::ROLE,
                sub::EMAIL,
                sub::PHONE
            ),
            false,
        ),
        Key::Transfer => (
            "What it takes to run it elsewhere.",
            format!(
                "\n  {}: []\n  {}: []",
                sub::SUCCESS_FACTORS,
                sub::DIFFICULTIES
            ),
            false,
        ),
        Key::Updated => (
            "Date of the last update, YYYY-MM-DD.",
            " 2026-01-01".to_owned(),
            false,
        ),
        Key::Links => (
            "Web pages (http or https).",
            format!("\n  - {}: \"\"\n    {}: https://", sub::TITLE, sub::URL),
            false,
        ),
    };
    (comment, format!("{}:{value}", key.name()), required)
}

/// A schema-1 sheet to fill in. Required values are left empty, so the
/// template is refused until they are written; optional keys are commented
/// out.
pub fn template(id: &str, vocabularies: &Vocabularies) -> String {
    let mut text = String::new();
    let _ = writeln!(
        text,
        "# A new action sheet. Fill in the empty values, remove the # before the\n\
         # optional keys you use, then check it with: pacte validate FILE\n"
    );
    let id = if id.is_empty() { "\"\"" } else { id };
    for key in Key::ALL {
        let (comment, yaml, required) = entry(key, id);
        if !comment.is_empty() {
            let _ = writeln!(text, "# {comment}");
        }
        let terms = match key {
            Key::Themes => Some((
                "At least one theme, by code, label or alias:",
                &vocabularies.themes,
            )),
            Key::Publics => Some(("Target publics:", &vocabularies.publics)),
            _ => None,
        };
        if let Some((intro, vocabulary)) = terms {
            let _ = writeln!(text, "# {intro}");
            for term in vocabulary.terms() {
                let _ = writeln!(text, "#   {} ({})", term.code, term.label);
            }
        }
        for line in yaml.lines() {
            let prefix = if required { "" } else { "# " };
            let _ = writeln!(text, "{prefix}{line}");
        }
    }
    text
}
