//! pacte: a command-line catalogue of action sheets.
//!
//! The data flows through one module per step: [`parse`] (bytes → positioned
//! YAML), [`validate`] (YAML → [`sheet::Sheet`] and findings), [`store`]
//! (SQLite), [`render`] (everything printed). [`commands`] wires them to
//! the command line defined in [`cli`].

pub mod chars;
pub mod cli;
pub mod commands;
pub mod diff;
pub mod exit;
pub mod legacy;
pub mod output;
pub mod parallel;
pub mod parse;
pub mod render;
pub mod review;
pub mod search;
pub mod sheet;
pub mod site;
pub mod store;
pub mod validate;

use std::io::{IsTerminal, Write};

use anyhow::{Context, Result};
use clap::Parser;

use crate::exit::{Exit, UsageError};

/// Environment variable that fixes "today" (`YYYY-MM-DD`), so that tests of
/// date rules do not depend on the clock.
pub const NOW_VARIABLE: &str = "PACTE_NOW";

/// Runs pacte with the process's arguments and streams.
pub fn main() -> std::process::ExitCode {
    // Answers the shell when it asks for completions (and exits); does
    // nothing otherwise.
    clap_complete::CompleteEnv::with_factory(<cli::Cli as clap::CommandFactory>::command)
        .var(cli::COMPLETE_VARIABLE)
        .complete();
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            // clap prints help and version to stdout (exit 0); mistakes go
            // to stderr (exit 2) in pacte's own style, `pacte: …`.
            if !err.use_stderr() {
                let _ = err.print();
                return Exit::Success.into();
            }
            let text = err.render().to_string();
            let text = text.strip_prefix("error: ").unwrap_or(&text);
            let mut stderr = std::io::stderr();
            let mut messages = render::Messages::new(
                &mut stderr,
                render::Painter { color: false },
                render::Verbosity::Quiet,
            );
            let _ = messages.usage(text);
            return Exit::Usage.into();
        }
    };
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    let out_is_terminal = stdout.is_terminal();
    let err_is_terminal = stderr.is_terminal();
    let mut out = std::io::BufWriter::new(Labelled(stdout.lock()));
    // Not locked for the whole run: the progress bar draws from the worker
    // threads that check files, and a lock held here would block them forever.
    let mut err = stderr;
    let painter = render::Painter {
        color: render::use_color(cli.color.into(), err_is_terminal),
    };
    let result = run(cli, &mut out, &mut err, out_is_terminal, err_is_terminal);
    // The results printed before an error come before it.
    let flushed = out.flush();
    let result = result.and_then(|exit| flushed.map(|()| exit).map_err(Into::into));
    let mut messages = render::Messages::new(&mut err, painter, render::Verbosity::Quiet);
    match result {
        Ok(exit) => exit.into(),
        Err(error) if is_broken_pipe(&error) => Exit::Success.into(),
        Err(error) => {
            let _ = messages.error(&format!("{error:#}"));
            if store::is_corruption(&error) {
                let _ = messages.error(
                    "the database file is damaged: `pacte db check` shows where; \
                     rebuild it with `pacte import` from your sheet files",
                );
            }
            if error.downcast_ref::<UsageError>().is_some() {
                Exit::Usage.into()
            } else if let Some(interrupted) = error.downcast_ref::<exit::Interrupted>() {
                interrupted.code().into()
            } else {
                Exit::DataProblem.into()
            }
        }
    }
}

/// Runs one parsed command line against the given streams.
pub fn run(
    cli: cli::Cli,
    out: &mut dyn Write,
    err: &mut dyn Write,
    out_is_terminal: bool,
    err_is_terminal: bool,
) -> Result<Exit> {
    let mut vocabularies = sheet::Vocabularies::builtin();
    if let Some(path) = &cli.vocab {
        vocabularies.extend_from_file(path)?;
    }
    let verbosity = verbosity(&cli);
    let painter = render::Painter {
        color: render::use_color(cli.color.into(), err_is_terminal),
    };
    let mut env = commands::Env {
        out,
        messages: render::Messages::new(err, painter, verbosity),
        out_is_terminal,
        err_is_terminal,
        color: cli.color.into(),
        wide: cli.wide,
        db: cli.db,
        vocabularies,
        today: today()?,
        verbosity,
    };
    commands::dispatch(cli.command, &mut env)
}

fn verbosity(cli: &cli::Cli) -> render::Verbosity {
    if cli.quiet {
        render::Verbosity::Quiet
    } else if cli.verbose {
        render::Verbosity::Verbose
    } else {
        render::Verbosity::Normal
    }
}

fn today() -> Result<jiff::civil::Date> {
    match std::env::var(NOW_VARIABLE) {
        Ok(text) => text
            .parse()
            .with_context(|| format!("{NOW_VARIABLE} must be a date (YYYY-MM-DD), not `{text}`")),
        Err(_) => Ok(jiff::ZonedDateTime::now().date()),
    }
}

/// Standard output, whose errors say it was standard output that failed
/// (`pacte list > /dev/full`: "cannot write to standard output: No space
/// left on device"). The kind of error is kept, so a closed pipe is still
/// recognised.
struct Labelled<W>(W);

impl<W: Write> Write for Labelled<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.write(buf).map_err(label)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush().map_err(label)
    }
}

fn label(err: std::io::Error) -> std::io::Error {
    if err.kind() == std::io::ErrorKind::BrokenPipe {
        return err;
    }
    std::io::Error::new(
        err.kind(),
        format!("cannot write to standard output: {err}"),
    )
}

/// A closed pipe (`pacte list | head -1`) is the reader's choice, not an
/// error.
fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
