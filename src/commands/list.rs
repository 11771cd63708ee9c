//! `pacte list`: the stored sheets, filtered and ordered, as a table or a
//! machine format.

use anyhow::Result;

use crate::cli::{ListArgs, ListFormat, OutputArgs};
use crate::exit::{Exit, UsageError};
use crate::render::{self, Column, RowFormat};
use crate::store::{Access, Filter, Order};

use super::Env;

pub struct Options {
    pub filter: Filter,
    pub order: Order,
    pub limit: Option<u64>,
    pub columns: Option<Vec<Column>>,
    /// `None`: a table on a terminal, TSV otherwise.
    pub format: Option<RowFormat>,
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
pub fn row_format(output: &OutputArgs) -> Result<Option<RowFormat>> {
    if output.excel && output.format != Some(ListFormat::Csv) {
        return Err(UsageError("--excel applies to --format csv only".to_owned()).into());
    }
    Ok(output.format.map(|format| match format {
        ListFormat::Table => RowFormat::Table,
        ListFormat::Tsv => RowFormat::Tsv,
        ListFormat::Csv if output.excel => RowFormat::ExcelCsv,
        ListFormat::Csv => RowFormat::Csv,
        ListFormat::Json => RowFormat::Json,
        ListFormat::Jsonl => RowFormat::Jsonl,
        ListFormat::Yaml => RowFormat::Yaml,
        ListFormat::Ids => RowFormat::Ids,
    }))
}

pub fn run(options: &Options, env: &mut Env) -> Result<Exit> {
    let store = env.open_store(Access::Read)?;
    let rows = store.list(&options.filter, options.order, options.limit)?;
    if rows.is_empty() {
        super::say_why_empty(env, &store, "these filters")?;
    }
    let format = options.format.unwrap_or(env.default_row_format());
    let columns = options.columns.as_deref().unwrap_or(&Column::DEFAULT);
    let screen = env.screen();
    render::write_rows(env.out, &rows, format, columns, screen)?;
    Ok(Exit::Success)
}
