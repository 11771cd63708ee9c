//! `pacte show ID`: one sheet, laid out for reading or as stored data.

use anyhow::Result;

use crate::cli::{ShowArgs, ShowFormat};
use crate::exit::Exit;
use crate::render;
use crate::store::Access;

use super::Env;

pub struct Options {
    pub id: String,
    pub format: ShowFormat,
}

impl From<ShowArgs> for Options {
    fn from(args: ShowArgs) -> Options {
        Options {
            id: args.id,
            format: args.format,
        }
    }
}

pub fn run(options: &Options, env: &mut Env) -> Result<Exit> {
    let store = env.open_store(Access::Read)?;
    let Some(sheet) = store.get(&options.id)? else {
        return super::not_found(env, &store, &options.id);
    };
    match options.format {
        ShowFormat::Text => {
            let width = usize::from(render::terminal_width(env.out_is_terminal)).min(100);
            let painter = env.out_painter();
            render::write_sheet(env.out, &sheet, &env.vocabularies, width, painter)?;
        }
        ShowFormat::Yaml => env
            .out
            .write_all(yaml_serde::to_string(&sheet)?.as_bytes())?,
        ShowFormat::Json => {
            serde_json::to_writer_pretty(&mut *env.out, &sheet)?;
            writeln!(env.out)?;
        }
    }
    Ok(Exit::Success)
}
