//! `pacte related ID`: the sheets most like one sheet, with the reason.

use anyhow::Result;
use serde::Serialize;

use crate::cli::RelatedArgs;
use crate::exit::Exit;
use crate::render::{self, Format, ListField, Listed, Value};
use crate::sheet::layout::{Key, sub};
use crate::store::{ListRow, Shared};

use super::Env;

pub struct Options {
    pub id: String,
    pub limit: usize,
    pub columns: Option<Vec<ListField>>,
    pub format: Option<Format>,
}

impl Options {
    pub fn from_args(args: &RelatedArgs) -> Result<Options> {
        Ok(Options {
            id: args.id.clone(),
            limit: usize::try_from(args.limit).unwrap_or(usize::MAX),
            columns: super::filter::columns(&args.columns)?,
            format: super::list::row_format(&args.output)?,
        })
    }
}

#[derive(Debug, Serialize)]
struct Related {
    #[serde(flatten)]
    row: ListRow,
    #[serde(serialize_with = "render::format::serialize_score")]
    score: f64,
    /// Why: what the two sheets share.
    reason: String,
}

impl Listed for Related {
    fn row(&self) -> &ListRow {
        &self.row
    }

    fn extra(&self) -> Vec<(&'static str, Value)> {
        vec![
            ("score", render::format::score(self.score).into()),
            ("reason", self.reason.as_str().into()),
        ]
    }
}

fn reason(shared: &Shared) -> String {
    let mut parts = Vec::new();
    for (name, set) in [
        (Key::Themes.name(), &shared.themes),
        (Key::Publics.name(), &shared.publics),
        (Key::Partners.name(), &shared.partners),
        (sub::FUNDERS, &shared.funders),
    ] {
        if !set.is_empty() {
            parts.push(format!(
                "{name}: {}",
                set.iter().cloned().collect::<Vec<_>>().join(", ")
            ));
        }
    }
    if shared.words >= 0.1 {
        parts.push("similar words".to_owned());
    }
    parts.join("; ")
}

const DEFAULT_COLUMNS: [ListField; 2] = [ListField::Id, ListField::Title];

pub fn run(options: &Options, env: &mut Env) -> Result<Exit> {
    let store = env.open_store_to_search()?;
    let Some(sheet) = store.get(&options.id)? else {
        return super::not_found(env, &store, &options.id);
    };
    let related: Vec<Related> = store
        .related(&sheet, options.limit)?
        .into_iter()
        .map(|relation| Related {
            reason: reason(&relation.shared),
            score: (relation.score * 100.0).round() / 100.0,
            row: relation.row,
        })
        .collect();
    let format = options.format.unwrap_or(env.default_format());
    let columns = options.columns.as_deref().unwrap_or(&DEFAULT_COLUMNS);
    let screen = env.screen();
    render::write_rows(env.out, &related, format, columns, screen)?;
    Ok(Exit::Success)
}
