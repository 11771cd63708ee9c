//! `pacte stats --by FACET`: how many selected sheets have each value.

use anyhow::Result;

use crate::cli::{self, StatsArgs};
use crate::exit::Exit;
use crate::render::{self, Format, StatRow};
use crate::sheet::Status;
use crate::store::{Access, Facet, Filter};

use super::Env;

pub struct Options {
    pub facet: Facet,
    pub sum_budget: bool,
    pub filter: Filter,
    pub format: Option<Format>,
}

impl Options {
    pub fn from_args(args: &StatsArgs, env: &Env) -> Result<Options> {
        Ok(Options {
            facet: match args.by {
                cli::Facet::Theme => Facet::Theme,
                cli::Facet::Public => Facet::Public,
                cli::Facet::Status => Facet::Status,
                cli::Facet::Department => Facet::Department,
                cli::Facet::Funder => Facet::Funder,
                cli::Facet::Year => Facet::Year,
                cli::Facet::Structure => Facet::Structure,
            },
            sum_budget: args.sum.is_some(),
            filter: env.filter(&args.filter)?,
            format: super::list::row_format(&args.output)?,
        })
    }
}

pub fn run(options: &Options, env: &mut Env) -> Result<Exit> {
    let store = env.open_store(Access::Read)?;
    let counts = store.stats(options.facet, &options.filter)?;
    if counts.is_empty() {
        super::say_why_empty(env, &store, "these filters")?;
    }
    let rows: Vec<StatRow> = counts
        .into_iter()
        .map(|count| StatRow {
            label: match options.facet {
                Facet::Theme => Some(env.vocabularies.themes.label(&count.value).to_owned()),
                Facet::Public => Some(env.vocabularies.publics.label(&count.value).to_owned()),
                Facet::Status => Status::parse(&count.value).map(|s| s.label().to_owned()),
                _ => None,
            },
            budget: count.budget.filter(|_| options.sum_budget),
            value: count.value,
            sheets: count.sheets,
        })
        .collect();
    let format = options.format.unwrap_or(env.default_format());
    let screen = env.screen();
    render::write_stats(env.out, &rows, format, screen)?;
    Ok(Exit::Success)
}
