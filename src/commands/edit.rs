//! `pacte edit ID`: the sheet in the user's editor, checked on every save,
//! stored only once valid.
//!
//! The editor works on a private copy of the sheet's own document in its
//! file (or of the stored sheet, for one that came from standard input).
//! Errors are written as comments at the top of the copy and the editor
//! opens again; saving without a change, or emptying the file, gives up,
//! and then nothing changes. Where the valid sheet is saved is the store's
//! business ([`crate::store::Store::save_edit`]).

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::exit::{Exit, UsageError};
use crate::output;
use crate::parse::{Source, decode};
use crate::render;
use crate::sheet::Sheet;
use crate::store::{Access, Home};
use crate::validate::check_source;

use super::Env;

/// Lines pacte adds at the top of the copy; removed before checking.
const MARK: &str = "# pacte: ";

fn editor() -> Result<Vec<String>> {
    let command = std::env::var("VISUAL")
        .ok()
        .filter(|v| !v.trim().is_empty())
        .or_else(|| {
            std::env::var("EDITOR")
                .ok()
                .filter(|v| !v.trim().is_empty())
        })
        .ok_or_else(|| {
            UsageError(
                "set VISUAL or EDITOR to the editor to use (for example EDITOR=nano)".to_owned(),
            )
        })?;
    Ok(command.split_whitespace().map(str::to_owned).collect())
}

fn run_editor(editor: &[String], path: &Path) -> Result<bool> {
    let status = Command::new(&editor[0])
        .args(&editor[1..])
        .arg(path)
        .status()
        .with_context(|| format!("cannot start the editor `{}`", editor[0]))?;
    Ok(status.success())
}

fn without_marks(text: &str) -> String {
    let mut kept = String::with_capacity(text.len());
    for line in text.lines().filter(|line| !line.starts_with(MARK)) {
        kept.push_str(line);
        kept.push('\n');
    }
    kept
}

pub fn run(id: &str, env: &mut Env) -> Result<Exit> {
    let editor = editor()?;
    let mut store = env.open_store(Access::Write)?;
    let Some(home) = store.home_of(id, &env.context())? else {
        return super::not_found(env, &store, id);
    };
    let original = match &home {
        Home::File(place) => place.document().to_owned(),
        Home::Catalogue => match store.get(id)? {
            Some(stored) => render::sheet_yaml(&stored)?,
            None => return super::not_found(env, &store, id),
        },
    };
    // A private copy (created exclusively, readable by its owner only),
    // removed however this function ends, Ctrl-C, SIGTERM and SIGHUP
    // included.
    let name = match crate::validate::fields::id(id) {
        Ok(_) => format!("{id}.yaml"),
        Err(_) => "sheet.yaml".to_owned(),
    };
    let copy = output::PrivateFile::new("pacte-edit-", &name, original.as_bytes())
        .context("cannot create the copy to edit")?;
    let Some((text, sheet)) = edit_loop(&editor, copy.path(), id, env)? else {
        env.note(&format!("nothing changed: `{id}` is as it was"))?;
        return Ok(Exit::Success);
    };
    let report = match store.save_edit(&home, &text, &sheet, &env.context()) {
        Ok(report) => report,
        Err(err) => {
            // The edit was not saved: keep it rather than lose it.
            std::fs::write(copy.path(), &text)?;
            let kept = copy.keep()?;
            return Err(err.context(format!("your edit is kept in {}", kept.display())));
        }
    };
    let (format, screen) = (env.default_format(), env.screen());
    render::write_import_report(env.out, &report, format, screen)?;
    let place = match &home {
        Home::File(place) => render::sanitize::cell(&place.name).into_owned(),
        Home::Catalogue => "the catalogue".to_owned(),
    };
    env.note(&format!("`{id}` saved to {place}"))?;
    Ok(Exit::Success)
}

/// The copy as the editor left it, or why it cannot be used.
fn read_copy(copy: &Path) -> Result<String> {
    let bytes = std::fs::read(copy).map_err(|err| {
        anyhow::anyhow!(
            "the editor removed or hid the copy {} ({err}): nothing changed",
            copy.display()
        )
    })?;
    decode(&bytes).map_err(|err| {
        anyhow::anyhow!(
            "the editor saved the sheet in another encoding than UTF-8 (line {}): \
             nothing changed; set the editor to save UTF-8 and edit again",
            err.line
        )
    })
}

/// Opens the editor until the copy holds a valid sheet with the same id;
/// `None` when the user gives up.
fn edit_loop(
    editor: &[String],
    copy: &Path,
    id: &str,
    env: &Env,
) -> Result<Option<(String, Sheet)>> {
    let mut last = read_copy(copy)?;
    loop {
        if !run_editor(editor, copy)? {
            bail!("the editor failed: nothing changed");
        }
        let saved = read_copy(copy)?;
        let text = without_marks(&saved);
        // Saved as it was opened, or emptied: the user gives up.
        if text.trim().is_empty() || saved == last {
            return Ok(None);
        }
        let source = Source::from_text(copy.display().to_string(), text.clone());
        let report = check_source(&source, &env.context());
        let mut problems: Vec<(Option<(usize, usize)>, String)> = report
            .findings
            .iter()
            .filter(|f| f.is_error())
            .map(|f| {
                (
                    (f.line > 0).then_some((f.line, f.column)),
                    f.message.clone(),
                )
            })
            .collect();
        if problems.is_empty() {
            match report.sheets.as_slice() {
                [one] if one.sheet.id == id => return Ok(Some((text, one.sheet.clone()))),
                [one] => problems.push((
                    None,
                    format!(
                        "the id must stay `{id}`, not `{}`: a new sheet goes in a new file",
                        one.sheet.id
                    ),
                )),
                _ => problems.push((None, "the file must hold exactly this one sheet".to_owned())),
            }
        }
        let marked = marked_copy(&problems, &text);
        std::fs::write(copy, &marked)?;
        last = marked;
    }
}

/// The text under comments that say what is wrong. The findings count
/// lines in `text`; the comments push it down, so each line number is
/// shifted by their count to name the line the user sees in the editor.
fn marked_copy(problems: &[(Option<(usize, usize)>, String)], text: &str) -> String {
    const HEADER: [&str; 2] = [
        "this sheet is not saved yet. Fix the errors below and save,",
        "or save without a change (or empty the file) to give up.",
    ];
    let shift = HEADER.len() + problems.len();
    let mut marked = String::with_capacity(text.len() + 80 * shift);
    for line in HEADER {
        let _ = writeln!(marked, "{MARK}{line}");
    }
    for (place, message) in problems {
        let message = message.replace('\n', " ");
        let _ = match place {
            Some((line, column)) => writeln!(
                marked,
                "{MARK}error: line {}, column {column}: {message}",
                line + shift
            ),
            None => writeln!(marked, "{MARK}error: {message}"),
        };
    }
    marked.push_str(text);
    marked
}
