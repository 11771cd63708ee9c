//! One file per command, dispatched from one `match`. A command reads its
//! options, calls the domain, hands the result to `render` and returns an
//! exit code. Results go to `out`, messages to `err`.

mod db;
mod filter;
mod import;
mod list;
mod related;
mod search;
mod show;
mod stats;
mod validate;
mod vocab;

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;

use crate::cli::{self, Command};
use crate::exit::Exit;
use crate::render::{ColorChoice, Painter, RowFormat, use_color};
use crate::sheet::Vocabularies;
use crate::store::{self, Access, Store};
use crate::validate::Context;

/// What every command may use: the output streams and what is known about
/// them, the database location, the vocabularies and today's date.
pub struct Env<'a> {
    pub out: &'a mut dyn Write,
    pub err: &'a mut dyn Write,
    pub out_is_terminal: bool,
    pub err_is_terminal: bool,
    pub color: ColorChoice,
    pub db: Option<PathBuf>,
    pub vocabularies: Vocabularies,
    pub today: jiff::civil::Date,
}

impl Env<'_> {
    pub fn out_painter(&self) -> Painter {
        Painter {
            color: use_color(self.color, self.out_is_terminal),
        }
    }

    pub fn err_painter(&self) -> Painter {
        Painter {
            color: use_color(self.color, self.err_is_terminal),
        }
    }

    /// A table for people, TSV for programs.
    pub fn default_row_format(&self) -> RowFormat {
        if self.out_is_terminal {
            RowFormat::Table
        } else {
            RowFormat::Tsv
        }
    }

    pub fn db_path(&self) -> Result<PathBuf> {
        match &self.db {
            Some(path) => Ok(path.clone()),
            None => store::default_path(),
        }
    }

    pub fn open_store(&self, access: Access) -> Result<Store> {
        Store::open(&self.db_path()?, access)
    }

    pub fn context(&self) -> Context<'_> {
        Context {
            vocabularies: &self.vocabularies,
            today: self.today,
        }
    }
}

/// Says that no sheet has this id, suggesting the closest stored ones.
fn not_found(env: &mut Env, store: &Store, id: &str) -> Result<Exit> {
    let ids = store.ids()?;
    let close = crate::sheet::suggest(id, ids.iter().map(String::as_str));
    let hint = if close.is_empty() {
        "; `pacte list` shows the stored ids".to_owned()
    } else {
        format!("; did you mean {}?", close.join(" or "))
    };
    writeln!(
        env.err,
        "pacte: no sheet with the id `{}`{hint}",
        crate::render::sanitize::cell(id)
    )?;
    Ok(Exit::DataProblem)
}

pub fn dispatch(command: Command, env: &mut Env) -> Result<Exit> {
    match command {
        Command::Import(args) => import::run(&import::Options::from(args), env),
        Command::List(args) => list::run(&list::Options::from_args(&args, env)?, env),
        Command::Search(args) => search::run(&search::Options::from_args(&args, env)?, env),
        Command::Stats(args) => stats::run(&stats::Options::from_args(&args, env)?, env),
        Command::Related(args) => related::run(&related::Options::from_args(&args)?, env),
        Command::Vocab(args) => vocab::run(&args, env),
        Command::Show(args) => show::run(&show::Options::from(args), env),
        Command::Validate(args) => validate::run(&validate::Options::from(args), env),
        Command::Db(command) => db::run(&command, env),
    }
}

impl From<cli::Color> for ColorChoice {
    fn from(color: cli::Color) -> ColorChoice {
        match color {
            cli::Color::Auto => ColorChoice::Auto,
            cli::Color::Always => ColorChoice::Always,
            cli::Color::Never => ColorChoice::Never,
        }
    }
}
