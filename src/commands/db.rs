//! `pacte db path|info|check|status|vacuum`: the catalogue file itself, and
//! how its files drifted since their import.

use anyhow::Result;

use crate::cli::DbCommand;
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
            render::write_db_info(env.out, &info, *format)?;
        }
        DbCommand::Check => {
            // Damage bad enough to stop the file from opening is a finding
            // of the check too, not an error that points back to it.
            let health = match env.open_store(Access::Read) {
                Ok(store) => store.health()?,
                Err(err) if crate::store::is_corruption(&err) => crate::store::Health {
                    problems: vec![format!("{err:#}")],
                },
                Err(err) => return Err(err),
            };
            if !health.problems.is_empty() {
                render::write_lines(env.out, &health.problems)?;
                env.error(
                    "the catalogue is damaged: move it aside (or delete it) and rebuild it \
                     with `pacte import` from your sheet files",
                )?;
                return Ok(Exit::DataProblem);
            }
            writeln!(env.out, "ok")?;
        }
        DbCommand::Status { paths } => {
            let drift = env.open_store(Access::Read)?.drift(paths)?;
            let (format, screen) = (env.default_format(), env.screen());
            render::write_drift(env.out, &drift, format, screen)?;
            if drift.is_empty() {
                env.note("the catalogue is in line with its files")?;
            } else {
                env.note(&format!(
                    "{} out of line: `pacte import` on them (or their folders) brings the catalogue in line",
                    render::plural(drift.len(), "file")
                ))?;
            }
        }
        DbCommand::Vacuum => {
            env.open_store(Access::Write)?.vacuum()?;
            env.note("database compacted")?;
        }
    }
    Ok(Exit::Success)
}
