//! What the command line says about itself: the overview printed by a bare
//! `pacte`, completion scripts and the manual page.

use anyhow::Result;
use clap::CommandFactory;
use clap_complete::env::{Bash, Elvish, EnvCompleter, Fish, Powershell, Zsh};

use crate::cli::{COMPLETE_VARIABLE, Cli, Shell};
use crate::exit::Exit;

use super::Env;

const OVERVIEW: &str = "\
pacte keeps action sheets (fiches action) as YAML files and in a local SQLite
catalogue that you can list, search and read.

  pacte import PATH...      load sheets (files, folders, - for stdin)
  pacte list                list sheets; filter with --theme, --status, …
  pacte search QUERY        full-text search
  pacte show ID...          read sheets (- for ids on stdin)
  pacte validate PATH...    check sheet files, no database needed
  pacte export              write sheets out (YAML, JSON, CSV, Markdown)
  pacte site OUT            publish a static web catalogue to browse and search
  pacte new, edit, remove   write, change or take out a sheet
  pacte convert FILE...     turn pages of the old catalogue into drafts
  pacte review              stale, incomplete and duplicate sheets
  pacte diff OLD NEW        what changed between two states of the catalogue
  pacte stats, related, vocab, schema, db, completions, man

Start with: pacte import examples/sheets && pacte list
More: pacte --help, pacte COMMAND --help
";

pub fn overview(env: &mut Env) -> Result<Exit> {
    env.out.write_all(OVERVIEW.as_bytes())?;
    Ok(Exit::Success)
}

/// A script that asks `pacte` itself for completions as the user types, so
/// that sheet ids come from the database.
pub fn completions(shell: Shell, env: &mut Env) -> Result<Exit> {
    let completer: &dyn EnvCompleter = match shell {
        Shell::Bash => &Bash,
        Shell::Zsh => &Zsh,
        Shell::Fish => &Fish,
        Shell::Powershell => &Powershell,
        Shell::Elvish => &Elvish,
    };
    completer.write_registration(COMPLETE_VARIABLE, "pacte", "pacte", "pacte", env.out)?;
    Ok(Exit::Success)
}

/// One self-contained manual page: pacte's own sections, then a section per
/// command (its synopsis, description and options as subsections), so it
/// names no other page that does not exist.
pub fn man(env: &mut Env) -> Result<Exit> {
    let mut command = Cli::command();
    command.build();
    let page = clap_mangen::Man::new(command.clone());
    page.render_title(env.out)?;
    page.render_name_section(env.out)?;
    page.render_synopsis_section(env.out)?;
    page.render_description_section(env.out)?;
    page.render_options_section(env.out)?;
    let globals: Vec<String> = command
        .get_arguments()
        .filter(|a| a.is_global_set())
        .map(|a| a.get_id().to_string())
        .collect();
    for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
        let name = format!("pacte {}", sub.get_name());
        let mut sub = sub.clone().bin_name(name.clone());
        for id in &globals {
            if sub.get_arguments().any(|a| a.get_id() == id.as_str()) {
                sub = sub.mut_arg(id.as_str(), |a| a.hide(true));
            }
        }
        writeln!(env.out, ".SH \"{}\"", name.to_uppercase())?;
        let sub_page = clap_mangen::Man::new(sub);
        let mut text = Vec::new();
        sub_page.render_synopsis_section(&mut text)?;
        sub_page.render_description_section(&mut text)?;
        sub_page.render_options_section(&mut text)?;
        sub_page.render_extra_section(&mut text)?;
        let text = String::from_utf8_lossy(&text).replace("\n.SH ", "\n.SS ");
        let text = text
            .strip_prefix(".SH ")
            .map_or(text.clone(), |rest| format!(".SS {rest}"));
        env.out.write_all(text.as_bytes())?;
    }
    Ok(Exit::Success)
}
