//! `pacte list`: the stored sheets, filtered and ordered, as a table or a
//! machine format.

use anyhow::Result;

use crate::cli::{ListArgs, OutputArgs};
use crate::exit::{Exit, UsageError};
use crate::render::{self, Format, ListField};
use crate::store::{Access, Filter, Order};

use super::Env;

pub struct Options {
    pub filter: Filter,
    pub order: Order,
    pub limit: Option<u64>,
    pub columns: Option<Vec<ListField>>,
    /// `None`: a table on a terminal, TSV otherwise.
    pub format: Option<Format>,
}

impl Options {
    pub fn from_args(args: &ListArgs, env: &Env) -> Result<Options> {
        Ok(Options {
            filter: env.filter(&args.filter)?,
            order: super::filter::order(&args.order),
            limit: args.order.limit,
            columns: super::filter::columns(&args.columns)?,
            format: row_format(&args.output)?,
        })
    }
}

/// The format asked for (`None`: the default for where output goes);
/// `--excel` only with `--format csv`.
pub fn row_format(output: &OutputArgs) -> Result<Option<Format>> {
    match output.format {
        Some(format) => Ok(Some(format.with_excel(output.excel)?)),
        None if output.excel => {
            Err(UsageError("--excel applies to --format csv only".to_owned()).into())
        }
        None => Ok(None),
    }
}

pub fn run(options: &Options, env: &mut Env) -> Result<Exit> {
    let store = env.open_store(Access::Read)?;
    let rows = store.list(&options.filter, options.order, options.limit)?;
    if rows.is_empty() {
        super::say_why_empty(env, &store, "these filters")?;
    }
    let format = options.format.unwrap_or(env.default_format());
    let columns = options.columns.as_deref().unwrap_or(&ListField::DEFAULT);
    let screen = env.screen();
    render::write_rows(env.out, &rows, format, columns, screen)?;
    Ok(Exit::Success)
}
