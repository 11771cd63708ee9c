//! `pacte edit ID`: the sheet in the user's editor, checked on every save,
//! stored only once valid.
//!
//! The editor works on a copy. When the sheet came from a file that holds
//! it alone, that file is what is edited, and it is replaced (atomically)
//! once the copy is valid; otherwise the stored sheet is edited in its
//! canonical form. Errors are written as comments at the top of the copy
//! and the editor opens again; saving without a change, or emptying the
//! file, gives up, and then nothing changes.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::exit::{Exit, UsageError};
use crate::parse::Source;
use crate::render;
use crate::sheet::Sheet;
use crate::store::Access;
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
    let Some(stored) = store.get(id)? else {
        return super::not_found(env, &store, id);
    };
    let source = store.source_of(id)?.unwrap_or_default();
    // The file itself when it holds this sheet alone.
    let own_file = Path::new(&source)
        .is_file()
        .then(|| PathBuf::from(&source))
        .filter(|path| {
            let report = crate::validate::check_path(
                path,
                crate::parse::DEFAULT_MAX_BYTES,
                &env.context(),
                &crate::validate::check_everything,
            );
            report.sheets.len() == 1 && report.sheets[0].sheet.id == id
        });
    let original = match &own_file {
        Some(path) => std::fs::read_to_string(path)?,
        None => render::sheet_yaml(&stored)?,
    };
    let copy = std::env::temp_dir().join(format!("pacte-edit-{}-{id}.yaml", std::process::id()));
    std::fs::write(&copy, &original).with_context(|| format!("cannot write {}", copy.display()))?;
    let result = edit_loop(&editor, &copy, id, env);
    let _ = std::fs::remove_file(&copy);
    let Some((text, sheet)) = result? else {
        env.note(&format!("nothing changed: `{id}` is as it was"))?;
        return Ok(Exit::Success);
    };
    if sheet == stored {
        env.note(&format!("no change to `{id}`"))?;
        return Ok(Exit::Success);
    }
    if let Some(path) = &own_file {
        let temporary = path.with_extension("yaml.pacte-edit");
        std::fs::write(&temporary, &text)
            .and_then(|()| std::fs::rename(&temporary, path))
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    let report = store.import(&[(&sheet, &source)], false)?;
    render::write_import_report(env.out, &report)?;
    let place = own_file.map_or_else(|| "the database".to_owned(), |p| p.display().to_string());
    env.note(&format!("`{id}` saved to {place}"))?;
    Ok(Exit::Success)
}

/// Opens the editor until the copy holds a valid sheet with the same id;
/// `None` when the user gives up.
fn edit_loop(
    editor: &[String],
    copy: &Path,
    id: &str,
    env: &Env,
) -> Result<Option<(String, Sheet)>> {
    let mut last = std::fs::read_to_string(copy)?;
    loop {
        if !run_editor(editor, copy)? {
            bail!("the editor failed: nothing changed");
        }
        let saved = std::fs::read_to_string(copy)?;
        let text = without_marks(&saved);
        // Saved as it was opened, or emptied: the user gives up.
        if text.trim().is_empty() || saved == last {
            return Ok(None);
        }
        let source = Source::from_text(copy.display().to_string(), text.clone());
        let report = check_source(&source, &env.context());
        let mut problems: Vec<String> = report
            .findings
            .iter()
            .filter(|f| f.is_error())
            .map(|f| format!("line {}, column {}: {}", f.line, f.column, f.message))
            .collect();
        if problems.is_empty() {
            match report.sheets.as_slice() {
                [one] if one.sheet.id == id => return Ok(Some((text, one.sheet.clone()))),
                [one] => problems.push(format!(
                    "the id must stay `{id}`, not `{}`: a new sheet goes in a new file",
                    one.sheet.id
                )),
                _ => problems.push("the file must hold exactly this one sheet".to_owned()),
            }
        }
        let mut marked = format!(
            "{MARK}this sheet is not saved yet. Fix the errors below and save,\n{MARK}or save without a change (or empty the file) to give up.\n"
        );
        for problem in problems {
            let _ = writeln!(marked, "{MARK}error: {}", problem.replace('\n', " "));
        }
        marked.push_str(&text);
        std::fs::write(copy, &marked)?;
        last = marked;
    }
}
