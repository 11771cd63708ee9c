//! What changed between two catalogues: a text list for the terminal, JSON
//! for scripts, and Markdown ready for a "what's new" newsletter.
//!
//! A changed key shows `old → new` when both values are short (one line,
//! at most [`SHORT`] characters); a long text is only said to have changed.

use std::io::{self, Write};

use serde_json::Value;

use crate::diff::{Diff, FieldChange, Summary};
use crate::sheet::layout::{Key, key_label};

use super::markdown::inline;
use super::sanitize;
use super::style::Painter;

/// The longest value shown in full.
const SHORT: usize = 60;

/// The French name of a key, from the one layout of a sheet.
fn label(key: &str) -> &'static str {
    Key::ALL
        .into_iter()
        .find(|k| k.name() == key)
        .map_or("", key_label)
}

/// A value on one line: scalars as they are, lists joined with `, `,
/// objects as `key: value` pairs. `None` when it would not be short.
fn short(value: &Value) -> Option<String> {
    let text = match value {
        Value::Null => String::new(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items
            .iter()
            .map(|item| match item {
                Value::Object(_) | Value::Array(_) => None,
                scalar => short(scalar),
            })
            .collect::<Option<Vec<_>>>()?
            .join(", "),
        // A period reads as the sheet writes it: `2012–2014`, `2020–`.
        Value::Object(map) if map.contains_key("start") => format!(
            "{}–{}",
            map.get("start").and_then(short)?,
            map.get("end").and_then(short).unwrap_or_default()
        ),
        Value::Object(map) => map
            .iter()
            .map(|(k, v)| match v {
                Value::Object(_) => None,
                v => short(v).map(|v| format!("{k}: {v}")),
            })
            .collect::<Option<Vec<_>>>()?
            .join(", "),
    };
    (!text.contains('\n') && text.chars().count() <= SHORT).then_some(text)
}

/// `old → new`, `added: new`, `removed`, or `changed` for long values.
fn change(field: &FieldChange) -> String {
    match (&field.old, &field.new) {
        (None, Some(new)) => {
            short(new).map_or_else(|| "added".to_owned(), |n| format!("added: {n}"))
        }
        (Some(_), None) => "removed".to_owned(),
        (Some(old), Some(new)) => match (short(old), short(new)) {
            (Some(old), Some(new)) => format!("{old} → {new}"),
            _ => "changed".to_owned(),
        },
        (None, None) => String::new(),
    }
}

/// One line per sheet added, removed or changed, then one per changed key.
pub fn write_diff(out: &mut dyn Write, diff: &Diff, painter: Painter) -> io::Result<()> {
    let cell = |text: &str| sanitize::cell(text).into_owned();
    let line = |out: &mut dyn Write, what: &str, sheet: &Summary| {
        writeln!(
            out,
            "{}\t{}\t{}",
            painter.heading(what),
            cell(&sheet.id),
            cell(&sheet.title)
        )
    };
    for sheet in &diff.added {
        line(out, "added", sheet)?;
    }
    for sheet in &diff.removed {
        line(out, "removed", sheet)?;
    }
    for changed in &diff.changed {
        line(out, "changed", &changed.sheet)?;
        for field in &changed.fields {
            writeln!(out, "  {}: {}", field.key, cell(&change(field)))?;
        }
    }
    Ok(())
}

pub fn write_diff_json(out: &mut dyn Write, diff: &Diff) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, diff)?;
    writeln!(out)
}

/// A newsletter section in French: new sheets, updated sheets (with what
/// was updated), withdrawn sheets. Nothing for an empty group.
pub fn write_diff_markdown(out: &mut dyn Write, diff: &Diff) -> io::Result<()> {
    let item = |sheet: &Summary| {
        format!(
            "- **{}** — {} (`{}`)",
            inline(&sheet.title),
            inline(&sheet.structure),
            inline(&sheet.id)
        )
    };
    writeln!(out, "# Quoi de neuf dans le catalogue\n")?;
    if diff.is_empty() {
        writeln!(out, "Aucune fiche n'a changé.")?;
        return Ok(());
    }
    let mut first = true;
    let mut section = |out: &mut dyn Write, title: &str, count: usize| -> io::Result<()> {
        if !first {
            writeln!(out)?;
        }
        first = false;
        writeln!(out, "## {title} ({count})\n")
    };
    if !diff.added.is_empty() {
        section(out, "Nouvelles fiches", diff.added.len())?;
        for sheet in &diff.added {
            writeln!(out, "{}", item(sheet))?;
        }
    }
    if !diff.changed.is_empty() {
        section(out, "Fiches mises à jour", diff.changed.len())?;
        for changed in &diff.changed {
            let keys: Vec<&str> = changed.fields.iter().map(|f| label(f.key)).collect();
            writeln!(out, "{} : {}", item(&changed.sheet), keys.join(", "))?;
        }
    }
    if !diff.removed.is_empty() {
        section(out, "Fiches retirées", diff.removed.len())?;
        for sheet in &diff.removed {
            writeln!(out, "{}", item(sheet))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(old: Option<Value>, new: Option<Value>) -> FieldChange {
        FieldChange {
            key: "status",
            old,
            new,
        }
    }

    #[test]
    fn short_values_are_shown_and_long_ones_are_not() {
        let s = |t: &str| Some(Value::from(t));
        assert_eq!(
            change(&field(s("ongoing"), s("finished"))),
            "ongoing → finished"
        );
        assert_eq!(change(&field(None, s("2026-05-01"))), "added: 2026-05-01");
        assert_eq!(change(&field(s("x"), None)), "removed");
        let long = "mot ".repeat(20);
        assert_eq!(change(&field(s("court"), s(&long))), "changed");
        assert_eq!(change(&field(s("a\nb"), s("c"))), "changed");
        let period = serde_json::json!({"start": 2012, "end": 2014});
        assert_eq!(short(&period).as_deref(), Some("2012–2014"));
        assert_eq!(
            short(&serde_json::json!({"start": 2020})).as_deref(),
            Some("2020–")
        );
        let themes = serde_json::json!(["ess", "iae"]);
        assert_eq!(short(&themes).as_deref(), Some("ess, iae"));
        let contacts = serde_json::json!([{"name": "A"}]);
        assert_eq!(short(&contacts), None);
    }

    #[test]
    fn every_key_has_a_french_label() {
        for key in crate::sheet::KEYS {
            assert!(!label(key).is_empty(), "{key}");
            assert_ne!(label(key), key, "{key}");
        }
    }
}
