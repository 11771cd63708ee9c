//! `pacte db path|info|check|vacuum`: the database file itself.

use anyhow::Result;

use crate::cli::{DbCommand, TextOrJson};
use crate::exit::Exit;
use crate::render;
use crate::store::Access;

use super::Env;

pub fn run(command: &DbCommand, env: &mut Env) -> Result<Exit> {
    match command {
        DbCommand::Path => {
            writeln!(env.out, "{}", env.db_path()?.display())?;
        }
        DbCommand::Info { format } => {
            let info = env.open_store(Access::Read)?.info()?;
            match format {
                TextOrJson::Text => render::write_db_info(env.out, &info)?,
                TextOrJson::Json => {
                    serde_json::to_writer_pretty(&mut *env.out, &info)?;
                    writeln!(env.out)?;
                }
            }
        }
        DbCommand::Check => {
            let health = env.open_store(Access::Read)?.health()?;
            if !health.problems.is_empty() {
                for problem in &health.problems {
                    writeln!(env.out, "{}", render::sanitize::cell(problem))?;
                }
                writeln!(
                    env.err,
                    "pacte: the database is damaged: rebuild it with `pacte import` from your sheet files"
                )?;
                return Ok(Exit::DataProblem);
            }
            writeln!(env.out, "ok")?;
        }
        DbCommand::Vacuum => {
            env.open_store(Access::Write)?.vacuum()?;
            env.note("database compacted")?;
        }
    }
    Ok(Exit::Success)
}
