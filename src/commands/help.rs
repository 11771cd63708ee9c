//! What the command line says about itself: the overview printed by a bare
//! `pacte`, completion scripts and the manual page.

use anyhow::Result;
use clap::CommandFactory;
use clap_complete::engine::CompletionCandidate;
use clap_complete::env::{Bash, Elvish, EnvCompleter, Fish, Powershell, Zsh};

use crate::cli::{Cli, Shell};
use crate::exit::Exit;
use crate::sheet::{STATUSES, Vocabularies, Vocabulary};
use crate::store::{self, Access, Store};

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

/// The environment variable through which the shell asks for completions.
pub const COMPLETE_VARIABLE: &str = "COMPLETE";

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

/// The value of `--db` or `--vocab` on the command line being completed (the
/// shell passes its words to pacte as arguments).
fn option_on_line(flag: &str) -> Option<std::path::PathBuf> {
    let words: Vec<String> = std::env::args().collect();
    let prefix = format!("{flag}=");
    words.iter().enumerate().rev().find_map(|(i, word)| {
        if word == flag {
            words.get(i + 1).map(Into::into)
        } else {
            word.strip_prefix(&prefix).map(Into::into)
        }
    })
}

/// The vocabularies the command line being completed would use.
fn vocabularies() -> Vocabularies {
    let mut vocabularies = Vocabularies::builtin();
    let file =
        option_on_line("--vocab").or_else(|| std::env::var_os("PACTE_VOCAB").map(Into::into));
    if let Some(file) = file {
        // A broken file just means the built-in terms.
        let _ = vocabularies.extend_from_file(&file);
    }
    vocabularies
}

fn terms(vocabulary: &Vocabulary) -> Vec<CompletionCandidate> {
    vocabulary
        .terms()
        .iter()
        .map(|t| CompletionCandidate::new(&t.code).help(Some(t.label.clone().into())))
        .collect()
}

/// Theme codes, for completing `--theme`.
pub fn theme_codes() -> Vec<CompletionCandidate> {
    terms(&vocabularies().themes)
}

/// Public codes, for completing `--public`.
pub fn public_codes() -> Vec<CompletionCandidate> {
    terms(&vocabularies().publics)
}

/// Status codes, for completing `--status`.
pub fn status_codes() -> Vec<CompletionCandidate> {
    STATUSES
        .iter()
        .map(|s| CompletionCandidate::new(s.code()).help(Some(s.label().into())))
        .collect()
}

/// Every French department code, for completing `--department`.
pub fn department_codes() -> Vec<CompletionCandidate> {
    let metropolitan = (1..=95)
        .filter(|n| *n != 20)
        .map(|n| format!("{n:02}"))
        .chain(["2A".to_owned(), "2B".to_owned()]);
    let overseas = (971..=978)
        .chain([984, 986, 987, 988])
        .map(|n| n.to_string());
    metropolitan
        .chain(overseas)
        .map(CompletionCandidate::new)
        .collect()
}

/// The ids of the stored sheets, for completing `show` and `related`, from
/// the `--db` on the line being completed, else `PACTE_DB`, else the default
/// database. Any problem (no database yet, say) just means no candidates.
pub fn stored_ids() -> Vec<CompletionCandidate> {
    let path = match option_on_line("--db").or_else(|| std::env::var_os("PACTE_DB").map(Into::into))
    {
        Some(path) => path,
        None => match store::default_path() {
            Ok(path) => path,
            Err(_) => return Vec::new(),
        },
    };
    if !std::path::Path::new(&path).is_file() {
        return Vec::new();
    }
    let location = store::Location {
        path,
        explicit: false,
    };
    Store::open(&location, Access::Read)
        .and_then(|store| store.ids())
        .map(|ids| ids.into_iter().map(CompletionCandidate::new).collect())
        .unwrap_or_default()
}
