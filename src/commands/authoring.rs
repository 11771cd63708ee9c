//! `pacte new`, `pacte convert` and `pacte remove`: starting sheets, from
//! scratch or from the old catalogue, and taking sheets out.

use std::io::{BufRead, IsTerminal};
use std::path::Path;

use anyhow::{Context, Result};

use crate::exit::{Exit, UsageError};
use crate::render;
use crate::sheet::template;
use crate::store::Access;
use crate::validate::fields;

use super::Env;

pub fn new(id: Option<&str>, out: Option<&Path>, env: &mut Env) -> Result<Exit> {
    if let Some(id) = id {
        fields::id(id).map_err(UsageError)?;
    }
    let text = template(id.unwrap_or_default(), &env.vocabularies);
    match out {
        None => env.out.write_all(text.as_bytes())?,
        Some(path) => {
            // A missing folder is created, as `export --out` does.
            if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(folder)
                    .with_context(|| format!("cannot create the folder {}", folder.display()))?;
            }
            // `create_new` refuses an existing file: a template never
            // overwrites a sheet.
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(path)
                .with_context(|| {
                    format!("cannot create {} (it must not exist yet)", path.display())
                })?;
            std::io::Write::write_all(&mut file, text.as_bytes())
                .with_context(|| format!("cannot write {}", path.display()))?;
            env.note(&format!("template written to {}", path.display()))?;
        }
    }
    Ok(Exit::Success)
}

pub fn remove(ids: &[String], yes: bool, env: &mut Env) -> Result<Exit> {
    let reads_stdin = ids.iter().any(|id| id == "-");
    let ids = super::read_ids(ids, std::io::stdin().lock())?;
    if ids.is_empty() {
        env.note("no ids on standard input: nothing removed")?;
        return Ok(Exit::Success);
    }
    if reads_stdin && !yes {
        return Err(UsageError(
            "removing ids read from standard input needs --yes (there is no terminal to confirm on)"
                .to_owned(),
        )
        .into());
    }
    let mut store = env.open_store(Access::Write)?;
    let stored = store.ids()?;
    let mut wanted: Vec<&str> = Vec::new();
    for id in &ids {
        if !stored.contains(id) {
            return super::not_found(env, &store, id);
        }
        if !wanted.contains(&id.as_str()) {
            wanted.push(id);
        }
    }
    if !yes {
        let stdin = std::io::stdin();
        if !stdin.is_terminal() {
            return Err(UsageError(
                "removing sheets without a terminal to confirm on needs --yes".to_owned(),
            )
            .into());
        }
        write!(
            env.err,
            "remove {} ({})? [y/N] ",
            render::plural(wanted.len(), "sheet"),
            wanted.join(", ")
        )?;
        env.err.flush()?;
        let mut answer = String::new();
        stdin.lock().read_line(&mut answer)?;
        if !matches!(answer.trim(), "y" | "Y" | "yes" | "o" | "O" | "oui") {
            env.note("nothing removed")?;
            return Ok(Exit::Success);
        }
    }
    store.remove(&wanted)?;
    for id in &wanted {
        writeln!(env.out, "removed\t{id}")?;
    }
    env.note(&format!(
        "{} removed",
        render::plural(wanted.len(), "sheet")
    ))?;
    Ok(Exit::Success)
}

pub fn convert(files: &[std::path::PathBuf], out: Option<&Path>, env: &mut Env) -> Result<Exit> {
    let mut failed = false;
    let mut written = 0;
    for (index, file) in files.iter().enumerate() {
        let source = match crate::parse::Source::read(file, crate::parse::DEFAULT_MAX_BYTES) {
            Ok(source) => source,
            Err(err) => {
                writeln!(
                    env.err,
                    "{}: error: {}",
                    render::sanitize::cell(&file.display().to_string()),
                    err
                )?;
                failed = true;
                continue;
            }
        };
        let draft = crate::legacy::convert(&source.text);
        if env.verbosity != super::Verbosity::Quiet {
            for warning in &draft.warnings {
                writeln!(
                    env.err,
                    "{}: warning: {}",
                    render::sanitize::cell(&source.name),
                    render::sanitize::cell(warning)
                )?;
            }
        }
        match out {
            None => {
                if index > 0 {
                    writeln!(env.out, "---")?;
                }
                env.out.write_all(draft.yaml.as_bytes())?;
            }
            Some(dir) => {
                std::fs::create_dir_all(dir)
                    .with_context(|| format!("cannot create the folder {}", dir.display()))?;
                let stem = file
                    .file_stem()
                    .map_or_else(|| "stdin".into(), |s| s.to_string_lossy().into_owned());
                let path = dir.join(format!("{stem}.yaml"));
                let mut handle = std::fs::OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .open(&path)
                    .with_context(|| {
                        format!("cannot create {} (it must not exist yet)", path.display())
                    })?;
                std::io::Write::write_all(&mut handle, draft.yaml.as_bytes())?;
                written += 1;
            }
        }
    }
    if let Some(dir) = out {
        env.note(&format!(
            "{} written to {}",
            render::plural(written, "draft"),
            dir.display()
        ))?;
    }
    Ok(if failed {
        Exit::DataProblem
    } else {
        Exit::Success
    })
}
