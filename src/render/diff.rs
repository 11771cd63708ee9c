//! What changed between two catalogues: an aligned, coloured table on a
//! terminal, the same rows as TSV in a pipe (`change<TAB>id<TAB>key<TAB>
//! detail`: one line per sheet with an empty key, then one per key
//! changed), JSON
//! for scripts, and Markdown ready for a "what's new" newsletter.
//!
//! A changed key shows `old → new` when both values are short (one line,
//! at most [`SHORT`] characters); a long text is only said to have changed.

use std::io::{self, Write};

use serde_json::Value;

use crate::diff::{Diff, FieldChange, Summary};
use crate::sheet::layout::{Key, key_label};

use anstyle::{AnsiColor, Style};

use super::listing::{Field, Listing, write_listing};
use super::markdown::inline;
use super::table::{Column, Fit};
use super::{Format, Screen, data};

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

/// The diff in the given format.
pub fn write_diff(
    out: &mut dyn Write,
    diff: &Diff,
    format: Format,
    screen: Screen,
) -> io::Result<()> {
    match format {
        Format::Json => data::write_json(out, diff),
        Format::Markdown => {
            let mut out = super::guard::Guard::markdown(out);
            write_diff_markdown(&mut out, diff)?;
            out.flush()
        }
        _ => write_diff_rows(out, diff, format, screen),
    }
}

fn kind_style(color: AnsiColor) -> Style {
    Style::new().fg_color(Some(color.into())).bold()
}

/// One row per sheet added, removed or changed (its title as the detail)
/// and, after a changed sheet, one per key changed (`old → new`, or what
/// happened to a long value).
fn write_diff_rows(
    out: &mut dyn Write,
    diff: &Diff,
    format: Format,
    screen: Screen,
) -> io::Result<()> {
    let mut rows: Vec<Vec<Field>> = Vec::new();
    let mut ids = Vec::new();
    let mut row = |what: &'static str, color: AnsiColor, id: &str, key: &str, detail: String| {
        ids.push(id.to_owned());
        rows.push(vec![
            Field {
                value: what.into(),
                style: Some(kind_style(color)),
            },
            id.into(),
            key.into(),
            detail.into(),
        ]);
    };
    for sheet in &diff.added {
        row(
            "added",
            AnsiColor::Green,
            &sheet.id,
            "",
            sheet.title.clone(),
        );
    }
    for sheet in &diff.removed {
        row(
            "removed",
            AnsiColor::Red,
            &sheet.id,
            "",
            sheet.title.clone(),
        );
    }
    for changed in &diff.changed {
        let title = changed.sheet.title.clone();
        row("changed", AnsiColor::Yellow, &changed.sheet.id, "", title);
        for field in &changed.fields {
            let detail = change(field);
            row(
                "changed",
                AnsiColor::Yellow,
                &changed.sheet.id,
                field.key,
                detail,
            );
        }
    }
    let listing = Listing {
        columns: vec![
            Column::new("change", Fit::Fixed, 0),
            Column::new("id", Fit::Capped, 0),
            Column::new("key", Fit::Fixed, 0),
            Column::new("detail", Fit::Flex { main: true }, 0),
        ],
        rows,
        ids,
        data: &[] as &[()],
    };
    write_listing(out, &listing, format, screen)
}

/// A newsletter section in French: new sheets, updated sheets (with what
/// was updated), withdrawn sheets. Nothing for an empty group.
fn write_diff_markdown(out: &mut dyn Write, diff: &Diff) -> io::Result<()> {
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
