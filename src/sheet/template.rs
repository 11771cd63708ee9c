//! The blank sheet that `pacte new` writes: every field of the registry
//! with its comment, an example following from its kind, and the known
//! terms of both vocabularies.
//!
//! Required values are left empty, so the template is refused until they
//! are written; optional keys are commented out.

use std::fmt::Write as _;

use super::Vocabularies;
use super::kind::{Item, Kind, Text, sub};
use super::registry::{Def, FIELDS};

/// The example value written after the key (`id` is the one given).
fn example(def: &Def, id: &str) -> String {
    let parts = |items: &[&str], value: &str| -> String {
        items.iter().fold(String::new(), |mut text, p| {
            let _ = write!(text, "\n  {p}: {value}");
            text
        })
    };
    match def.kind {
        Kind::Text(Text::Slug, _) => format!(" {id}"),
        Kind::Text(Text::Date, _) | Kind::OptText(Text::Date, _) => " 2026-01-01".to_owned(),
        Kind::Text(Text::Plain | Text::Prose | Text::Department, _)
        | Kind::OptText(Text::Slug | Text::Plain | Text::Prose | Text::Department, _)
        | Kind::Status(_) => " \"\"".to_owned(),
        Kind::List(..) => " []".to_owned(),
        Kind::Flag(_) => " false".to_owned(),
        Kind::Period(_) => format!("\n  {}: 2024\n  {}: 2025", sub::START, sub::END),
        Kind::Staff(_) => " 1.5".to_owned(),
        Kind::Partners(_) | Kind::Transfer(_) => parts(def.kind.parts(), "[]"),
        Kind::Budget(_) => format!(
            "\n  {}: 0\n  {}:\n    - {}: \"\"\n      {}: 0",
            sub::TOTAL,
            sub::FUNDING,
            sub::SOURCE,
            sub::AMOUNT
        ),
        Kind::Contacts(_) => format!(
            "\n  - {}: \"\"\n    {}: \"\"\n    {}: \"\"\n    {}: \"\"",
            sub::NAME,
            sub::ROLE,
            sub::EMAIL,
            sub::PHONE
        ),
        Kind::Links(_) => format!("\n  - {}: \"\"\n    {}: https://", sub::TITLE, sub::URL),
    }
}

/// A schema-1 sheet to fill in.
pub fn template(id: &str, vocabularies: &Vocabularies) -> String {
    let mut text = String::new();
    let _ = writeln!(
        text,
        "# A new action sheet. Fill in the empty values, remove the # before the\n\
         # optional keys you use, then check it with: pacte validate FILE\n"
    );
    let id = if id.is_empty() { "\"\"" } else { id };
    for def in FIELDS {
        if !def.template.is_empty() {
            let _ = writeln!(text, "# {}", def.template);
        }
        if let Kind::List(Item::Term(vocab), ..) = def.kind {
            let vocabulary = vocab.of(vocabularies);
            for term in vocabulary.terms() {
                let _ = writeln!(text, "#   {} ({})", term.code, term.label);
            }
        }
        let yaml = format!("{}:{}", def.name, example(def, id));
        let prefix = if def.kind.required() { "" } else { "# " };
        for line in yaml.lines() {
            let _ = writeln!(text, "{prefix}{line}");
        }
    }
    text
}
