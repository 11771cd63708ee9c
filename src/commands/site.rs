//! `pacte site OUT`: the selected sheets as a static web catalogue in OUT.

use std::path::PathBuf;

use anyhow::Result;

use crate::cli::SiteArgs;
use crate::exit::{Exit, UsageError};
use crate::render;
use crate::sheet::Sheet;
use crate::site;
use crate::store::{Access, Filter, Order, SortKey};

use super::Env;

pub struct Options {
    pub out: PathBuf,
    pub filter: Filter,
    /// Build every page even when nothing seems to have changed.
    pub full: bool,
    pub site: site::Options,
}

impl Options {
    pub fn from_args(args: SiteArgs, env: &Env) -> Result<Options> {
        for (flag, value) in [("--title", &args.title), ("--base-url", &args.base_url)] {
            if let Some(value) = value {
                refuse_control_characters(flag, value)?;
            }
        }
        let base_url = match args.base_url {
            Some(url) if render::html::is_web_address(&url) => {
                let url = url.trim().to_owned();
                Some(if url.ends_with('/') {
                    url
                } else {
                    format!("{url}/")
                })
            }
            Some(url) => {
                return Err(UsageError(format!(
                    "--base-url needs an http or https address, such as https://{}",
                    url.trim_start_matches("//")
                ))
                .into());
            }
            None => None,
        };
        let title = args
            .title
            .map_or_else(|| site::DEFAULT_TITLE.to_owned(), |t| t.trim().to_owned());
        if title.is_empty() {
            return Err(UsageError("--title needs some text".to_owned()).into());
        }
        let publisher = match args.publisher.map(|p| p.trim().to_owned()) {
            Some(p) if p.is_empty() => {
                return Err(UsageError("--publisher needs some text".to_owned()).into());
            }
            Some(p) if p.chars().any(char::is_control) => {
                return Err(UsageError(
                    "--publisher is one line of text, without control characters".to_owned(),
                )
                .into());
            }
            publisher => publisher,
        };
        Ok(Options {
            out: args.out,
            filter: env.filter(&args.filter)?,
            full: args.full,
            site: site::Options {
                title,
                publisher,
                base_url,
                redact: args.redact_contacts,
            },
        })
    }
}

/// Text that ends up in every page is one line of plain text: a control
/// character, a line or paragraph separator or a bidirectional override
/// would be written raw into the pages (and into a terminal that shows
/// them).
fn refuse_control_characters(flag: &str, value: &str) -> Result<(), UsageError> {
    match value.chars().find(|&c| {
        c.is_control()
            || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    }) {
        Some(c) => Err(UsageError(format!(
            "{flag} holds the control character {}: give one line of plain text",
            c.escape_unicode()
        ))),
        None => Ok(()),
    }
}

pub fn run(options: &Options, env: &mut Env) -> Result<Exit> {
    let store = env.open_store(Access::Read)?;
    let order = Order {
        key: SortKey::Id,
        reverse: false,
    };
    let vocabularies = &env.vocabularies;
    let outcome = store.snapshot(|store| {
        let hashes = store.content_hashes(&options.filter)?;
        let built_from = site::fingerprint(&hashes, vocabularies, &options.site);
        if !options.full
            && let Some(files) = site::unchanged(&options.out, &built_from)?
        {
            return Ok(Outcome::Unchanged(hashes.len(), files));
        }
        let source = |each: &mut dyn FnMut(Sheet) -> Result<()>| {
            store.each_sheet(&options.filter, order, None, |sheet| {
                super::export::check_stored_ids(std::slice::from_ref(&sheet))?;
                each(sheet)
            })
        };
        let written = site::publish(
            &options.out,
            &source,
            vocabularies,
            &options.site,
            &built_from,
        )?;
        Ok(Outcome::Built(hashes.len(), written))
    })?;
    match outcome {
        Outcome::Unchanged(sheets, files) => env.note(&format!(
            "{} published in {}: nothing changed since the last build, {} left as they were",
            render::plural(sheets, "sheet"),
            options.out.display(),
            render::plural(files, "file"),
        ))?,
        Outcome::Built(sheets, written) => {
            for warning in &written.warnings {
                env.note(&format!("warning: {warning}"))?;
            }
            env.note(&format!(
                "{} published in {}: {} written, {} unchanged, {} removed",
                render::plural(sheets, "sheet"),
                options.out.display(),
                render::plural(written.written, "file"),
                written.unchanged,
                written.removed
            ))?;
        }
    }
    Ok(Exit::Success)
}

enum Outcome {
    /// Sheets, and files left as they were.
    Unchanged(usize, usize),
    Built(usize, crate::output::Published),
}
