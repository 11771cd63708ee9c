//! `pacte show ID...`: sheets laid out for reading, or as stored data.

use std::io::Write;

use anyhow::Result;

use crate::cli::ShowArgs;
use crate::exit::Exit;
use crate::render::{self, Format};
use crate::store::Access;

use super::Env;

pub struct Options {
    /// As given: `-` stands for the ids on standard input.
    pub ids: Vec<String>,
    pub format: Format,
    pub pager: bool,
}

impl From<ShowArgs> for Options {
    fn from(args: ShowArgs) -> Options {
        Options {
            ids: args.ids,
            format: args.format,
            pager: !args.no_pager,
        }
    }
}

pub fn run(options: &Options, env: &mut Env) -> Result<Exit> {
    let ids = super::read_ids(&options.ids, std::io::stdin().lock())?;
    if ids.is_empty() {
        return Ok(Exit::Success);
    }
    let store = env.open_store(Access::Read)?;
    let mut sheets = Vec::with_capacity(ids.len());
    let mut exit = Exit::Success;
    for id in &ids {
        match store.get(id)? {
            Some(sheet) => sheets.push(sheet),
            None => exit = super::not_found(env, &store, id)?,
        }
    }
    // One id alone gives one object, as scripts expect; several give a list.
    let one = options.ids.len() == 1 && options.ids[0] != "-";
    match options.format {
        Format::Text => {
            let screen = env.screen();
            let width = screen.width.min(100);
            let mut text = Vec::new();
            for (index, sheet) in sheets.iter().enumerate() {
                if index > 0 {
                    writeln!(text, "\n{}\n", "─".repeat(width.min(40)))?;
                }
                render::write_sheet(&mut text, sheet, &env.vocabularies, width, screen.painter)?;
            }
            if !(options.pager && env.out_is_terminal && render::page(&text)?) {
                env.out.write_all(&text)?;
            }
        }
        Format::Json if one => {
            if let Some(sheet) = sheets.first() {
                render::write_json(env.out, sheet)?;
            }
        }
        format => render::write_sheets(env.out, &sheets, format, &env.vocabularies)?,
    }
    Ok(exit)
}
