//! `pacte new` and `pacte convert`: starting sheets, from scratch or from
//! the old catalogue.

use std::path::Path;

use anyhow::{Context, Result};

use crate::exit::{Exit, UsageError};
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

pub fn convert(files: &[std::path::PathBuf], out: Option<&Path>, env: &mut Env) -> Result<Exit> {
    let mut failed = false;
    let mut written = 0;
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
