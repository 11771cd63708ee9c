//! `pacte export`: the selected sheets written out, to standard output, to
//! a file, or one canonical YAML file per sheet in a folder.
//!
//! `--out -` is standard output. Files are written by
//! [`render::atomic::replace_file`]: under a temporary name beside the
//! target, renamed into place, keeping the permissions and links of what
//! stood there, and writing straight into devices and pipes.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::cli::ExportArgs;
use crate::exit::Exit;
use crate::render::{self, Format};
use crate::sheet::{Sheet, Vocabularies};
use crate::store::{Access, Filter, Order};

use super::Env;

pub struct Options {
    pub filter: Filter,
    pub order: Order,
    pub limit: Option<u64>,
    pub format: Format,
    pub out: Option<PathBuf>,
    pub redact: bool,
}

impl Options {
    pub fn from_args(args: ExportArgs, env: &Env) -> Result<Options> {
        Ok(Options {
            filter: env.filter(&args.filter)?,
            order: super::filter::order(&args.order),
            limit: args.order.limit,
            format: args.format.with_excel(args.excel)?,
            out: args.out,
            redact: args.redact_contacts,
        })
    }
}

/// Whether `--out` names a folder: one that exists, or a path ending with a
/// separator.
fn is_folder(path: &Path) -> bool {
    path.is_dir()
        || path
            .as_os_str()
            .to_string_lossy()
            .ends_with(['/', std::path::MAIN_SEPARATOR])
}

pub fn run(options: &Options, env: &mut Env) -> Result<Exit> {
    let store = env.open_store(Access::Read)?;
    let mut sheets = store.sheets(&options.filter, options.order, options.limit)?;
    if options.redact {
        sheets = sheets.iter().map(Sheet::redacted).collect();
    }
    match &options.out {
        Some(path) if path.as_os_str() == "-" => {
            render_all(env.out, &sheets, options, &env.vocabularies)?;
        }
        Some(dir) if is_folder(dir) => {
            if options.format != Format::Yaml {
                bail!(crate::exit::UsageError(
                    "a folder receives one YAML file per sheet: use --format yaml, or give a file name".to_owned()
                ));
            }
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create the folder {}", dir.display()))?;
            for sheet in &sheets {
                let path = dir.join(format!("{}.yaml", sheet.id));
                render::atomic::replace_file(&path, render::sheet_yaml(sheet)?.as_bytes())?;
            }
            env.note(&format!(
                "{} written to {}",
                render::plural(sheets.len(), "sheet"),
                dir.display()
            ))?;
        }
        Some(file) => {
            let mut buffer = Vec::new();
            render_all(&mut buffer, &sheets, options, &env.vocabularies)?;
            render::atomic::replace_file(file, &buffer)?;
            env.note(&format!(
                "{} written to {}",
                render::plural(sheets.len(), "sheet"),
                file.display()
            ))?;
        }
        None => render_all(env.out, &sheets, options, &env.vocabularies)?,
    }
    Ok(Exit::Success)
}

fn render_all(
    out: &mut dyn Write,
    sheets: &[Sheet],
    options: &Options,
    vocabularies: &Vocabularies,
) -> std::io::Result<()> {
    render::write_sheets(out, sheets, options.format, vocabularies)
}
