//! `pacte search QUERY`: full-text search, planned (thesaurus, typo
//! correction, any-word completion), ranked, with snippets.

use anyhow::Result;
use serde::Serialize;

use crate::cli::SearchArgs;
use crate::exit::{Exit, UsageError};
use crate::render::{self, Format, ListField, Listed, Snippet, Value};
use crate::search::{Expander, Query, snippet, spelling};
use crate::store::{Added, Correction, Filter, ListRow, Plan, Planned, Store};

use super::Env;

pub struct Options {
    pub text: String,
    pub query: Query,
    pub exact: bool,
    pub filter: Filter,
    pub limit: Option<u64>,
    pub columns: Option<Vec<ListField>>,
    pub format: Option<Format>,
}

impl Options {
    pub fn from_args(args: &SearchArgs, env: &Env) -> Result<Options> {
        let text = args.query.join(" ");
        let query = Query::parse(&text)
            .map_err(|err| UsageError(format!("the query is not valid: {err}")))?;
        Ok(Options {
            text,
            query,
            exact: args.exact,
            filter: env.filter(&args.filter)?,
            limit: args.limit,
            columns: super::filter::columns(&args.columns)?,
            format: super::list::row_format(&args.output)?,
        })
    }
}

/// A hit as shown: the sheet's row, its score and its snippet, and how the
/// planner found it when that was not the query as typed.
#[derive(Debug, Serialize)]
struct Found {
    #[serde(flatten)]
    row: ListRow,
    #[serde(serialize_with = "render::format::serialize_score")]
    score: f64,
    #[serde(flatten)]
    snippet: Snippet,
    /// The query with its typos corrected, when it was.
    #[serde(skip_serializing_if = "Option::is_none")]
    showing_results_for: Option<String>,
    /// Found by the any-word completion: some words are missing.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    any_word: bool,
    /// The words the query that found it searched beyond those typed, and
    /// why (thesaurus, correction, association).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    added_words: Vec<Added>,
}

impl Listed for Found {
    fn row(&self) -> &ListRow {
        &self.row
    }

    fn extra(&self) -> Vec<(&'static str, Value)> {
        vec![("snippet", Value::Marked(self.snippet.clone()))]
    }
}

const DEFAULT_COLUMNS: [ListField; 3] = [ListField::Id, ListField::Title, ListField::Status];

pub fn run(options: &Options, env: &mut Env) -> Result<Exit> {
    let store = env.open_store_to_search()?;
    let expander = Expander::new(&env.vocabularies.thesaurus);
    let plan = Plan {
        expander: &expander,
        exact: options.exact,
    };
    let planned = store.search(
        &options.text,
        &options.query,
        &plan,
        &options.filter,
        options.limit,
    )?;
    let corrected = corrected_text(&store, options, &planned)?;
    if let Some(text) = &corrected {
        let kept = planned.corrections.iter().all(|c| c.kept);
        env.note(&format!(
            "{} \"{}\"",
            if kept {
                "also showing results for"
            } else {
                "showing results for"
            },
            render::sanitize::cell(text)
        ))?;
    }
    if planned.hits.iter().any(|h| h.any_word) {
        env.note("few sheets hold every word; sheets holding some of them follow")?;
    }
    if planned.hits.is_empty() {
        super::say_why_empty(env, &store, "this search")?;
    }
    let mut found = Vec::with_capacity(planned.hits.len());
    for hit in planned.hits {
        let snippet = match store.get(&hit.row.id)? {
            Some(sheet) => {
                let passage = snippet(&sheet, &planned.queries[hit.query]);
                Snippet {
                    text: passage.text,
                    hits: passage.hits,
                }
            }
            None => Snippet::default(),
        };
        found.push(Found {
            row: hit.row,
            score: hit.score,
            snippet,
            showing_results_for: corrected.clone(),
            any_word: hit.any_word,
            added_words: planned.added.get(hit.query).cloned().unwrap_or_default(),
        });
    }
    let format = options.format.unwrap_or(env.default_format());
    let columns = options.columns.as_deref().unwrap_or(&DEFAULT_COLUMNS);
    let screen = env.screen();
    render::write_rows(env.out, &found, format, columns, screen)?;
    Ok(Exit::Success)
}

/// The query as the planner corrected it, each corrected word spelled as
/// the first sheet holding it spells it.
fn corrected_text(store: &Store, options: &Options, planned: &Planned) -> Result<Option<String>> {
    if planned.corrections.is_empty() {
        return Ok(None);
    }
    let mut text = options.text.clone();
    for Correction { typed, term, .. } in &planned.corrections {
        let mut spelled = None;
        for hit in &planned.hits {
            if let Some(sheet) = store.get(&hit.row.id)? {
                spelled = spelling(&sheet, term);
                if spelled.is_some() {
                    break;
                }
            }
        }
        text = text.replacen(typed.as_str(), spelled.as_deref().unwrap_or(term), 1);
    }
    Ok(Some(text))
}
