//! `pacte review`: the health report of the stored catalogue.

use anyhow::Result;

use crate::cli::{FailOn, ReviewArgs};
use crate::exit::{Exit, UsageError};
use crate::render::{self, Format, Thresholds};
use crate::review::{self, Age, Kind};
use crate::store::{Access, Filter};

use super::Env;

pub struct Options {
    pub filter: Filter,
    pub older_than: Age,
    pub min_completeness: u8,
    pub fail_on: Vec<Kind>,
    pub format: Format,
}

impl Options {
    pub fn from_args(args: &ReviewArgs, env: &Env) -> Result<Options> {
        Ok(Options {
            filter: env.filter(&args.filter)?,
            older_than: Age::parse(&args.older_than)
                .map_err(|m| UsageError(format!("--older-than: {m}")))?,
            min_completeness: args.min_completeness,
            fail_on: args
                .fail_on
                .iter()
                .map(|kind| match kind {
                    FailOn::Stale => Kind::Stale,
                    FailOn::Incomplete => Kind::Incomplete,
                    FailOn::Duplicates => Kind::Duplicates,
                })
                .collect(),
            format: args.format.with_excel(args.excel)?,
        })
    }
}

pub fn run(options: &Options, env: &mut Env) -> Result<Exit> {
    let store = env.open_store(Access::Read)?;
    let mut sheets = store.sourced_sheets(&options.filter)?;
    // Paths under the current folder are shown as the user would type them.
    if let Ok(here) = std::env::current_dir() {
        for sheet in &mut sheets {
            if let Ok(relative) = std::path::Path::new(&sheet.source).strip_prefix(&here) {
                sheet.source = relative.display().to_string();
            }
        }
    }
    // A variant the thesaurus already joins is known, not worth reporting.
    let thesaurus = &env.vocabularies.thesaurus;
    let report = review::review(
        &sheets,
        &env.vocabularies,
        &review::Options {
            older_than: options.older_than,
            min_completeness: options.min_completeness,
            today: env.today,
        },
        &|a, b| thesaurus.name_key(a) == thesaurus.name_key(b),
    );
    let thresholds = Thresholds {
        older_than: options.older_than,
        min_completeness: options.min_completeness,
    };
    let screen = env.screen();
    render::write_review(
        env.out,
        &report,
        &env.vocabularies,
        thresholds,
        options.format,
        screen,
    )?;
    let failed: Vec<&str> = options
        .fail_on
        .iter()
        .filter(|kind| report.has(**kind))
        .map(|kind| kind.name())
        .collect();
    if failed.is_empty() {
        Ok(Exit::Success)
    } else {
        env.note(&format!("the review found {}", failed.join(", ")))?;
        Ok(Exit::DataProblem)
    }
}
