//! `pacte search QUERY`: full-text search, ranked, with snippets.

use anyhow::Result;
use serde::Serialize;

use crate::cli::SearchArgs;
use crate::exit::{Exit, UsageError};
use crate::render::{self, Column, Listed, RowFormat, Snippet, Value};
use crate::search::{Query, snippet};
use crate::store::{Access, Filter, ListRow};

use super::Env;

pub struct Options {
    pub query: Query,
    pub filter: Filter,
    pub limit: Option<u64>,
    pub columns: Option<Vec<Column>>,
    pub format: Option<RowFormat>,
}

impl Options {
    pub fn from_args(args: &SearchArgs, env: &Env) -> Result<Options> {
        let query = Query::parse(&args.query.join(" "))
            .map_err(|err| UsageError(format!("the query is not valid: {err}")))?;
        Ok(Options {
            query,
            filter: env.filter(&args.filter)?,
            limit: args.limit,
            columns: super::filter::columns(&args.columns)?,
            format: super::list::row_format(&args.output)?,
        })
    }
}

/// A hit as shown: the sheet's row, its score and its snippet.
#[derive(Debug, Serialize)]
struct Found {
    #[serde(flatten)]
    row: ListRow,
    #[serde(serialize_with = "render::format::serialize_score")]
    score: f64,
    #[serde(flatten)]
    snippet: Snippet,
}

impl Listed for Found {
    fn row(&self) -> &ListRow {
        &self.row
    }

    fn extra(&self) -> Vec<(&'static str, Value)> {
        vec![("snippet", Value::Marked(self.snippet.clone()))]
    }
}

const DEFAULT_COLUMNS: [Column; 3] = [Column::Id, Column::Title, Column::Status];

pub fn run(options: &Options, env: &mut Env) -> Result<Exit> {
    let store = env.open_store(Access::Read)?;
    let hits = store.search(&options.query, &options.filter, options.limit)?;
    if hits.is_empty() {
        super::say_why_empty(env, &store, "this search")?;
    }
    let mut found = Vec::with_capacity(hits.len());
    for hit in hits {
        let snippet = match store.get(&hit.row.id)? {
            Some(sheet) => Snippet::from_marked(&snippet(&sheet, &options.query)),
            None => Snippet::default(),
        };
        found.push(Found {
            row: hit.row,
            score: hit.score,
            snippet,
        });
    }
    let format = options.format.unwrap_or(env.default_row_format());
    let columns = options.columns.as_deref().unwrap_or(&DEFAULT_COLUMNS);
    let screen = env.screen();
    render::write_rows(env.out, &found, format, columns, screen)?;
    Ok(Exit::Success)
}
