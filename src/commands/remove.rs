//! `pacte remove ID...`: take sheets out of the catalogue, and with
//! `--from-file` out of their files too. What happens to files is the
//! store's business ([`crate::store::Store::remove`]).

use std::io::{BufRead, IsTerminal};

use anyhow::Result;

use crate::exit::{Exit, UsageError};
use crate::render;
use crate::store::Access;

use super::Env;

pub fn run(ids: &[String], yes: bool, from_files: bool, env: &mut Env) -> Result<Exit> {
    let reads_stdin = ids.iter().any(|id| id == "-");
    let ids = super::read_ids(ids, std::io::stdin().lock())?;
    if ids.is_empty() {
        env.note("no ids on standard input: nothing removed")?;
        return Ok(Exit::Success);
    }
    if reads_stdin && !yes {
        return Err(UsageError(
            "removing ids read from standard input needs --yes (there is no terminal to confirm on)"
                .to_owned(),
        )
        .into());
    }
    let mut store = env.open_store(Access::Write)?;
    let stored = store.ids()?;
    let mut wanted: Vec<&str> = Vec::new();
    for id in &ids {
        if !stored.contains(id) {
            return super::not_found(env, &store, id);
        }
        if !wanted.contains(&id.as_str()) {
            wanted.push(id);
        }
    }
    if !yes && !confirm(&wanted, from_files, env)? {
        env.note("nothing removed")?;
        return Ok(Exit::Success);
    }
    let removed = store.remove(&wanted, from_files, &env.context())?;
    for sheet in &removed {
        writeln!(env.out, "removed\t{}", sheet.id)?;
    }
    for sheet in &removed {
        if let Some(file) = &sheet.still_in {
            env.note(&format!(
                "`{}` came from {}: the next import of that file brings it back unless it is \
                 taken out of the file (use --from-file to do both at once)",
                sheet.id,
                render::sanitize::cell(file)
            ))?;
        }
        if let Some(file) = &sheet.taken_from {
            env.note(&format!(
                "`{}` taken out of {}",
                sheet.id,
                render::sanitize::cell(file)
            ))?;
        }
    }
    env.note(&format!(
        "{} removed",
        render::plural(removed.len(), "sheet")
    ))?;
    Ok(Exit::Success)
}

fn confirm(wanted: &[&str], from_files: bool, env: &mut Env) -> Result<bool> {
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        return Err(UsageError(
            "removing sheets without a terminal to confirm on needs --yes".to_owned(),
        )
        .into());
    }
    env.out.flush()?;
    env.messages.ask(&format!(
        "remove {} ({}){}? [y/N]",
        render::plural(wanted.len(), "sheet"),
        wanted.join(", "),
        if from_files {
            " from the catalogue and their files"
        } else {
            ""
        }
    ))?;
    let mut answer = String::new();
    stdin.lock().read_line(&mut answer)?;
    Ok(matches!(
        answer.trim(),
        "y" | "Y" | "yes" | "o" | "O" | "oui"
    ))
}
