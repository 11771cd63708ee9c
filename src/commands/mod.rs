//! One file per command, dispatched from one `match`. A command reads its
//! options, calls the domain, hands the result to `render` and returns an
//! exit code. Results go to `out`, messages through `messages`.

mod authoring;
mod db;
mod diff;
mod edit;
mod export;
mod filter;
mod help;
mod import;
mod list;
mod related;
mod remove;
mod review;
mod search;
mod show;
mod site;
mod stats;
mod validate;
mod vocab;

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use indicatif::{ProgressBar, ProgressStyle};

use crate::cli::{self, Command};
use crate::exit::Exit;
pub use crate::render::Verbosity;
use crate::render::{self, ColorChoice, Format, Messages, Painter, use_color};
use crate::sheet::{Finding, Vocabularies};
use crate::store::{self, Access, Store};
use crate::validate::{Context, FileReport, Skip, check_inputs};

/// What every command may use: the output streams and what is known about
/// them, the database location, the vocabularies and today's date.
pub struct Env<'a> {
    pub out: &'a mut dyn Write,
    /// Everything said on standard error.
    pub messages: Messages<'a>,
    pub out_is_terminal: bool,
    pub err_is_terminal: bool,
    pub color: ColorChoice,
    /// `--wide`: tables show whole cells, wrapped.
    pub wide: bool,
    pub db: Option<PathBuf>,
    pub vocabularies: Vocabularies,
    pub today: jiff::civil::Date,
    pub verbosity: Verbosity,
}

impl Env<'_> {
    // Standard output is buffered and standard error is not: every message
    // flushes the results written before it, so that details come before
    // the summary on a terminal as in a pipe.

    /// A summary, a warning, a hint: not with `--quiet`.
    pub fn note(&mut self, text: &str) -> std::io::Result<()> {
        self.out.flush()?;
        self.messages.note(text)
    }

    /// Something went wrong (the exit code says so too).
    pub fn error(&mut self, text: &str) -> std::io::Result<()> {
        self.out.flush()?;
        self.messages.error(text)
    }

    /// What pacte does: only with `--verbose`.
    pub fn detail(&mut self, text: &str) -> std::io::Result<()> {
        self.out.flush()?;
        self.messages.detail(text)
    }

    /// Findings about files on standard error (warnings not with `--quiet`).
    pub fn findings(&mut self, findings: &[Finding]) -> std::io::Result<()> {
        self.out.flush()?;
        self.messages.findings(findings)
    }

    /// A progress bar on standard error, drawn only on a terminal and
    /// never with `--quiet`.
    pub fn progress_bar(&self, what: &'static str) -> ProgressBar {
        if !self.err_is_terminal || self.verbosity == Verbosity::Quiet {
            return ProgressBar::hidden();
        }
        let bar = ProgressBar::new(0);
        if let Ok(style) = ProgressStyle::with_template("{msg} {bar:30} {pos}/{len} files") {
            bar.set_style(style);
        }
        bar.set_message(what);
        bar
    }

    pub fn out_painter(&self) -> Painter {
        Painter {
            color: use_color(self.color, self.out_is_terminal),
        }
    }

    /// How tables and laid-out text fit standard output.
    pub fn screen(&self) -> render::Screen {
        render::Screen {
            width: usize::from(render::terminal_width(self.out_is_terminal)),
            wide: self.wide,
            painter: self.out_painter(),
        }
    }

    /// The store filter for filter flags, resolved with this catalogue's
    /// vocabularies; periods without an end run to this year.
    pub fn filter(
        &self,
        args: &crate::cli::FilterArgs,
    ) -> Result<crate::store::Filter, crate::exit::UsageError> {
        filter::filter(args, &self.vocabularies, i32::from(self.today.year()))
    }

    /// A table for people, TSV for programs.
    pub fn default_format(&self) -> Format {
        if self.out_is_terminal {
            Format::Table
        } else {
            Format::Tsv
        }
    }

    /// Reads and checks the files behind `paths`, with a progress bar, and
    /// says how many were read.
    /// Files for which `skip` says yes are read and hashed but not parsed.
    pub fn check_files(
        &mut self,
        paths: &[PathBuf],
        max_bytes: u64,
        skip: Skip,
    ) -> Result<Vec<FileReport>> {
        self.prepare_inputs(paths)?;
        let bar = self.progress_bar("checking");
        let reports = check_inputs(
            paths,
            max_bytes,
            &self.context(),
            &|count| bar.set_length(count as u64),
            &|| bar.inc(1),
            skip,
        );
        bar.finish_and_clear();
        self.detail(&format!(
            "{} read",
            crate::render::plural(reports.len(), "file")
        ))?;
        Ok(reports)
    }

    /// Refuses standard input named twice, and reads the vocabulary a
    /// folder of sheets may carry.
    fn prepare_inputs(&mut self, paths: &[PathBuf]) -> Result<()> {
        if paths.iter().filter(|p| p.as_os_str() == "-").count() > 1 {
            return Err(crate::exit::UsageError(
                "`-` (standard input) is given more than once: it can be read only once".to_owned(),
            )
            .into());
        }
        for path in paths.iter().filter(|p| p.is_dir()) {
            match crate::parse::vocabulary_file(path) {
                Ok(Some(file)) => {
                    self.vocabularies.extend_from_file(&file)?;
                    self.detail(&format!("vocabulary {}", file.display()))?;
                }
                Ok(None) => {}
                Err(skipped) => self.note(&format!("warning: vocabulary not read: {skipped}"))?,
            }
        }
        Ok(())
    }

    /// Brings the catalogue in line with these files, with a progress bar.
    pub fn sync(
        &mut self,
        store: &mut Store,
        paths: &[PathBuf],
        options: &store::SyncOptions,
    ) -> Result<store::SyncReport> {
        self.prepare_inputs(paths)?;
        // Each file counts once it is written, so the bar is full only
        // when the import is; a second pass starts it again.
        let bar = self.progress_bar("importing");
        let progress = store::Progress {
            on_count: &|count| {
                bar.set_length(count as u64);
                bar.set_position(0);
            },
            tick: &|| bar.inc(1),
        };
        let report = store.sync(paths, &self.context(), options, &progress)?;
        bar.finish_and_clear();
        self.detail(&format!(
            "{} read",
            crate::render::plural(report.files.len(), "file")
        ))?;
        Ok(report)
    }

    pub fn db_path(&self) -> Result<PathBuf> {
        match &self.db {
            Some(path) => Ok(path.clone()),
            None => store::default_path(),
        }
    }

    pub fn open_store(&mut self, access: Access) -> Result<Store> {
        let location = store::Location {
            path: self.db_path()?,
            explicit: self.db.is_some(),
        };
        self.detail(&format!("database {}", location.path.display()))?;
        let store = Store::open(&location, access)?;
        if store.is_placeholder() && self.err_is_terminal {
            self.note(&format!(
                "no catalogue yet at {}: it is empty until `pacte import SHEETS` creates it",
                location.path.display()
            ))?;
        }
        if let Some(sheets) = store.reindexed() {
            self.note(&format!(
                "the search index was made by another version of pacte: rebuilt it for {}",
                crate::render::plural(sheets, "sheet")
            ))?;
        }
        store.use_thesaurus(&self.vocabularies.thesaurus)?;
        Ok(store)
    }

    /// Opens the catalogue for a command that searches its index, saying
    /// so when the index is searched through a temporary copy.
    pub fn open_store_to_search(&mut self) -> Result<Store> {
        let store = self.open_store(Access::Read)?;
        if store.index_is_stale() {
            self.note(
                "the search index of the catalogue was made by another version of pacte: \
                 searching a copy rebuilt for this one (slower); `pacte db vacuum`, or any \
                 command that changes the catalogue, saves the rebuilt index",
            )?;
        }
        Ok(store)
    }

    pub fn context(&self) -> Context<'_> {
        Context {
            vocabularies: &self.vocabularies,
            today: self.today,
        }
    }
}

/// Says that no sheet has this id, suggesting the closest stored ones.
/// The ids named on the command line, with `-` replaced by the ids read
/// from standard input (one per line, blank lines skipped), duplicates
/// dropped, order kept. An empty pipe gives no ids, which is no error.
pub fn read_ids(ids: &[String], stdin: impl std::io::BufRead) -> Result<Vec<String>> {
    if ids.iter().filter(|id| *id == "-").count() > 1 {
        return Err(crate::exit::UsageError("`-` (standard input) given twice".to_owned()).into());
    }
    let mut all: Vec<String> = Vec::new();
    let mut stdin = Some(stdin);
    for id in ids {
        if id == "-" {
            let Some(input) = stdin.take() else { continue };
            for line in input.lines() {
                let line = line?;
                let line = line.trim();
                if !line.is_empty() && !all.iter().any(|known| known == line) {
                    all.push(line.to_owned());
                }
            }
        } else if !all.contains(id) {
            all.push(id.clone());
        }
    }
    Ok(all)
}

/// Says on standard error why a listing is empty (standard output stays
/// empty for pipelines): the catalogue is empty, or nothing matched.
pub fn say_why_empty(env: &mut Env, store: &Store, what: &str) -> Result<()> {
    let stored = store.ids()?.len();
    if stored == 0 {
        env.note(
            "the catalogue is empty; import sheets with `pacte import FOLDER` \
             (the samples: `pacte import examples/sheets`)",
        )?;
    } else {
        env.note(&format!(
            "no sheet matches {what}; {stored} in the catalogue"
        ))?;
    }
    Ok(())
}

fn not_found(env: &mut Env, store: &Store, id: &str) -> Result<Exit> {
    let ids = store.ids()?;
    let close = crate::sheet::suggest(id, ids.iter().map(String::as_str));
    let hint = if close.is_empty() {
        "; `pacte list --format ids` shows the stored ids".to_owned()
    } else {
        format!("; did you mean {}?", close.join(" or "))
    };
    env.error(&format!("no sheet with the id `{id}`{hint}"))?;
    Ok(Exit::DataProblem)
}

pub fn dispatch(command: Option<Command>, env: &mut Env) -> Result<Exit> {
    let Some(command) = command else {
        return help::overview(env);
    };
    match command {
        Command::Import(args) => import::run(&import::Options::from(args), env),
        Command::List(args) => list::run(&list::Options::from_args(&args, env)?, env),
        Command::Search(args) => search::run(&search::Options::from_args(&args, env)?, env),
        Command::Stats(args) => stats::run(&stats::Options::from_args(&args, env)?, env),
        Command::Related(args) => related::run(&related::Options::from_args(&args)?, env),
        Command::Review(args) => review::run(&review::Options::from_args(&args, env)?, env),
        Command::Diff(args) => diff::run(&diff::Options::from_args(&args)?, env),
        Command::Export(args) => export::run(&export::Options::from_args(args, env)?, env),
        Command::Site(args) => site::run(&site::Options::from_args(args, env)?, env),
        Command::New { id, out } => authoring::new(id.as_deref(), out.as_deref(), env),
        Command::Edit { id } => edit::run(&id, env),
        Command::Remove {
            ids,
            yes,
            from_file,
        } => remove::run(&ids, yes, from_file, env),
        Command::Convert { files, out } => authoring::convert(&files, out.as_deref(), env),
        Command::Schema => {
            let schema = crate::sheet::json_schema(&env.vocabularies);
            render::write_json(env.out, &schema)?;
            Ok(Exit::Success)
        }
        Command::Vocab(args) => vocab::run(&args, env),
        Command::Show(args) => show::run(&show::Options::from(args), env),
        Command::Validate(args) => validate::run(&validate::Options::from(args), env),
        Command::Db(command) => db::run(&command, env),
        Command::Completions { shell } => help::completions(shell, env),
        Command::Man => help::man(env),
    }
}

impl From<cli::Color> for ColorChoice {
    fn from(color: cli::Color) -> ColorChoice {
        match color {
            cli::Color::Auto => ColorChoice::Auto,
            cli::Color::Always => ColorChoice::Always,
            cli::Color::Never => ColorChoice::Never,
        }
    }
}
