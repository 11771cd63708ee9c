//! `pacte list`: the stored sheets, filtered, as a table or a machine format.

use anyhow::Result;

use crate::cli::{ListArgs, ListFormat};
use crate::exit::Exit;
use crate::render::{self, RowFormat};
use crate::sheet::Vocabularies;
use crate::store::{Access, Filter};

use super::Env;

pub struct Options {
    pub filter: Filter,
    /// `None`: a table on a terminal, TSV otherwise.
    pub format: Option<RowFormat>,
}

impl Options {
    pub fn from_args(args: &ListArgs, vocabularies: &Vocabularies) -> Result<Options> {
        Ok(Options {
            filter: super::filter::from_args(&args.filter, vocabularies)?,
            format: args.format.map(|f| match f {
                ListFormat::Table => RowFormat::Table,
                ListFormat::Tsv => RowFormat::Tsv,
                ListFormat::Csv => RowFormat::Csv,
                ListFormat::Json => RowFormat::Json,
                ListFormat::Jsonl => RowFormat::Jsonl,
            }),
        })
    }
}

pub fn run(options: &Options, env: &mut Env) -> Result<Exit> {
    let store = env.open_store(Access::Read)?;
    let rows = store.list(&options.filter)?;
    let format = options.format.unwrap_or(if env.out_is_terminal {
        RowFormat::Table
    } else {
        RowFormat::Tsv
    });
    let width = render::terminal_width(env.out_is_terminal);
    let painter = env.out_painter();
    render::write_rows(env.out, &rows, format, width, painter)?;
    Ok(Exit::Success)
}
