//! `pacte export`: the selected sheets written out, to standard output, to
//! a file, or one canonical YAML file per sheet in a folder.
//!
//! `--out -` is standard output. Files are written through the output tree
//! ([`crate::output`]): a file the user named by what stands there (a link
//! followed, a device or pipe written into); a folder opened once, each
//! sheet's file written inside it, never through a link, one export at a
//! time.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

use crate::cli::ExportArgs;
use crate::exit::Exit;
use crate::output;
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
            write_folder(dir, &sheets)?;
            env.note(&format!(
                "{} written to {}",
                render::plural(sheets.len(), "sheet"),
                dir.display()
            ))?;
        }
        Some(file) => {
            let mut buffer = Vec::new();
            render_all(&mut buffer, &sheets, options, &env.vocabularies)?;
            crate::output::replace_file(file, &buffer)?;
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

/// Ids read from a catalogue are checked again before anything is named
/// after them: a damaged or foreign catalogue may hold `../../x`.
pub(super) fn check_stored_ids(sheets: &[Sheet]) -> Result<()> {
    for sheet in sheets {
        if let Err(why) = crate::validate::fields::id(&sheet.id) {
            bail!(
                "the catalogue holds the id `{}`, which {why}: no file is named after it; \
                 nothing was written; see `pacte db check`",
                crate::chars::excerpt(&sheet.id.escape_debug().to_string())
            );
        }
    }
    Ok(())
}

/// One `ID.yaml` per sheet in the folder `dir`. Every name is checked
/// before anything is written: an id that is not a slug (a damaged or
/// foreign catalogue) or a name held by a link, folder or special file
/// stops the export with nothing written.
fn write_folder(dir: &Path, sheets: &[Sheet]) -> Result<()> {
    let tree = output::Tree::open(dir, true)?;
    let _lock = tree.lock()?;
    check_stored_ids(sheets)?;
    let mut names = Vec::with_capacity(sheets.len());
    for sheet in sheets {
        let name = format!("{}.yaml", sheet.id);
        match tree.entry(&name)? {
            output::Entry::Missing | output::Entry::File => {}
            _ => bail!(
                "{} is a symbolic link, a folder or a special file: pacte writes only \
                 regular files in a folder; nothing was written",
                tree.shown(&name).display()
            ),
        }
        names.push(name);
    }
    for (sheet, name) in sheets.iter().zip(&names) {
        tree.write(
            name,
            render::sheet_yaml(sheet)?.as_bytes(),
            output::How::IN_FOLDER,
        )?;
    }
    Ok(())
}

fn render_all(
    out: &mut dyn Write,
    sheets: &[Sheet],
    options: &Options,
    vocabularies: &Vocabularies,
) -> std::io::Result<()> {
    render::write_sheets(out, sheets, options.format, vocabularies)
}
