//! `pacte new` and `pacte convert`: starting sheets, from scratch or from
//! the old catalogue.

use std::path::Path;

use anyhow::{Context, Result};

use crate::exit::{Exit, UsageError};
use crate::output;
use crate::render;
use crate::sheet::{Finding, Severity, template};
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
            // A missing folder is created, as `export --out` does; a
            // template never overwrites a sheet (nor anything else).
            let folder = path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .with_context(|| format!("cannot create {}: not a file name", path.display()))?;
            output::Tree::open(folder, true)?.create_new(name, text.as_bytes())?;
            env.note(&format!("template written to {}", path.display()))?;
        }
    }
    Ok(Exit::Success)
}

pub fn convert(files: &[std::path::PathBuf], out: Option<&Path>, env: &mut Env) -> Result<Exit> {
    let mut failed = false;
    let mut written = 0;
    // The folder is opened (and locked) once; each draft is a new file in
    // it, never through a link, never over an existing file.
    let tree = match out {
        Some(dir) => {
            let tree = output::Tree::open(dir, true)?;
            let lock = tree.lock()?;
            Some((tree, lock))
        }
        None => None,
    };
    for (index, file) in files.iter().enumerate() {
        let source = match crate::parse::Source::read(file, crate::parse::DEFAULT_MAX_BYTES) {
            Ok(source) => source,
            Err(err) => {
                let finding = file_finding(&file.display().to_string(), Severity::Error, err);
                env.findings(&[finding])?;
                failed = true;
                continue;
            }
        };
        let draft = crate::legacy::convert(&source.text);
        let warnings: Vec<Finding> = draft
            .warnings
            .iter()
            .map(|warning| file_finding(&source.name, Severity::Warning, warning))
            .collect();
        env.findings(&warnings)?;
        match &tree {
            None => {
                if index > 0 {
                    writeln!(env.out, "---")?;
                }
                env.out.write_all(draft.yaml.as_bytes())?;
            }
            Some((tree, _)) => {
                let stem = file
                    .file_stem()
                    .map_or_else(|| "stdin".into(), |s| s.to_string_lossy().into_owned());
                tree.create_new(&format!("{stem}.yaml"), draft.yaml.as_bytes())?;
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

/// A finding about a whole page given to `convert`.
fn file_finding(file: &str, severity: Severity, message: impl std::fmt::Display) -> Finding {
    Finding {
        file: file.to_owned(),
        line: 0,
        column: 0,
        severity,
        code: "convert",
        message: message.to_string(),
    }
}
