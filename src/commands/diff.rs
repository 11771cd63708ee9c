//! `pacte diff OLD NEW`: what changed between two states of the catalogue.
//! Each side is a folder or file of sheets (read and checked as `validate`
//! does), a pacte database (read only), or `git:REV[:PATH]`, the sheet
//! files of a git revision, taken out into a private temporary folder
//! ([`crate::parse::git`]) removed however pacte ends.

use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::cli::DiffArgs;
use crate::exit::{Exit, UsageError};
use crate::render::{self, Format};
use crate::sheet::{Finding, Sheet};
use crate::store::{Access, Filter, Location, Order, Store};
use crate::validate::{Context, check_everything, check_inputs};

use super::Env;

/// Where one side of the comparison comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Side {
    Files(PathBuf),
    Database(PathBuf),
    /// A revision, and the folder in it, as `git archive` takes it.
    Git(String),
}

const GIT_PREFIX: &str = "git:";
/// The first bytes of every SQLite file.
const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

impl Side {
    pub fn parse(text: &str) -> Result<Side, UsageError> {
        if let Some(rev) = text.strip_prefix(GIT_PREFIX) {
            // A revision starting with `-` would be read by git as an option.
            if rev.is_empty() || rev.starts_with('-') {
                return Err(UsageError(format!(
                    "`{text}`: write git:REV or git:REV:FOLDER, such as git:HEAD~1 or git:v1.0:sheets"
                )));
            }
            return Ok(Side::Git(rev.to_owned()));
        }
        let path = PathBuf::from(text);
        Ok(if is_database(&path) {
            Side::Database(path)
        } else {
            Side::Files(path)
        })
    }
}

fn is_database(path: &Path) -> bool {
    let mut head = [0u8; 16];
    path.is_file()
        && std::fs::File::open(path)
            .and_then(|mut file| file.read_exact(&mut head))
            .is_ok()
        && &head == SQLITE_MAGIC
}

pub struct Options {
    pub old: Side,
    pub new: Side,
    pub max_bytes: u64,
    pub format: Option<Format>,
}

impl Options {
    pub fn from_args(args: &DiffArgs) -> Result<Options> {
        Ok(Options {
            old: Side::parse(&args.old)?,
            new: Side::parse(&args.new)?,
            max_bytes: args.max_size,
            format: args.format,
        })
    }
}

pub fn run(options: &Options, env: &mut Env) -> Result<Exit> {
    let Some(old) = load(&options.old, options.max_bytes, env)? else {
        return Ok(Exit::DataProblem);
    };
    let Some(new) = load(&options.new, options.max_bytes, env)? else {
        return Ok(Exit::DataProblem);
    };
    let diff = crate::diff::diff(&old, &new)?;
    let format = options.format.unwrap_or(env.default_format());
    let screen = env.screen();
    render::write_diff(env.out, &diff, format, screen)?;
    env.note(&format!(
        "{} added, {} removed, {} changed, {} unchanged",
        diff.added.len(),
        diff.removed.len(),
        diff.changed.len(),
        diff.unchanged
    ))?;
    Ok(Exit::Success)
}

/// The sheets of one side; `None` when its files have errors, which are
/// then reported.
fn load(side: &Side, max_bytes: u64, env: &mut Env) -> Result<Option<Vec<Sheet>>> {
    match side {
        Side::Database(path) => {
            env.detail(&format!("database {}", path.display()))?;
            let location = Location {
                path: path.clone(),
                explicit: true,
            };
            let store = Store::open(&location, Access::Read)?;
            Ok(Some(store.sheets(
                &Filter::default(),
                Order::default(),
                None,
            )?))
        }
        Side::Files(path) => read_files(path, max_bytes, env),
        Side::Git(rev) => {
            let folder = crate::output::PrivateDir::new("pacte-diff-")?;
            let extracted = crate::parse::git::extract(rev, folder.path(), max_bytes)?;
            for (path, reason) in &extracted.skipped {
                env.note(&format!("warning: git:{rev}: {path}: {reason}"))?;
            }
            read_files(folder.path(), max_bytes, env)
        }
    }
}

/// Reads and checks files as `validate` does, with the folder's own
/// vocabulary; each side gets its own, as the two states may differ.
fn read_files(path: &Path, max_bytes: u64, env: &mut Env) -> Result<Option<Vec<Sheet>>> {
    let mut vocabularies = env.vocabularies.clone();
    if path.is_dir() {
        match crate::parse::vocabulary_file(path) {
            Ok(Some(own)) => vocabularies.extend_from_file(&own)?,
            Ok(None) => {}
            Err(skipped) => env.note(&format!("warning: vocabulary not read: {skipped}"))?,
        }
    }
    let context = Context {
        vocabularies: &vocabularies,
        today: env.today,
    };
    let reports = check_inputs(
        &[path.to_owned()],
        max_bytes,
        &context,
        &|_| {},
        &|| {},
        &check_everything,
    );
    let errors: Vec<&Finding> = reports
        .iter()
        .flat_map(|r| r.findings.iter().filter(|f| f.is_error()))
        .collect();
    if !errors.is_empty() {
        let errors: Vec<Finding> = errors.into_iter().cloned().collect();
        env.findings(&errors)?;
        env.error(&format!(
            "{} has errors: fix them, or compare databases instead",
            path.display()
        ))?;
        return Ok(None);
    }
    Ok(Some(
        reports
            .into_iter()
            .flat_map(|r| r.sheets.into_iter().map(|c| c.sheet))
            .collect(),
    ))
}
