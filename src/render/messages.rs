//! The one message writer, like ripgrep's: everything pacte says on
//! standard error goes through [`Messages`], and nothing else writes there
//! (the progress bar of file checks excepted, which draws itself).
//!
//! Invariants:
//! - every message line starts with `pacte: `, written here and nowhere
//!   else; findings start with their place (`file:line:col: error: …`), as
//!   compilers write them for editors;
//! - every message is sanitised ([`sanitize::message`]): one line, controls
//!   and invisible characters shown as `\u{…}`, whatever it quotes;
//! - `--quiet` keeps errors only; `--verbose` adds what pacte does;
//! - the severity of a finding is coloured when standard error takes
//!   colour (see [`super::use_color`]).

use std::io::{self, Write};

use crate::sheet::Finding;

use super::guard::Guard;
use super::sanitize;
use super::style::Painter;

/// How much pacte says on standard error besides errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verbosity {
    /// Errors only: no summaries, warnings or progress.
    Quiet,
    Normal,
    /// Also the database used and the files read.
    Verbose,
}

const PREFIX: &str = "pacte: ";

pub struct Messages<'a> {
    err: &'a mut dyn Write,
    painter: Painter,
    verbosity: Verbosity,
}

impl<'a> Messages<'a> {
    pub fn new(err: &'a mut dyn Write, painter: Painter, verbosity: Verbosity) -> Messages<'a> {
        Messages {
            err,
            painter,
            verbosity,
        }
    }

    fn say(&mut self, text: &str) -> io::Result<()> {
        writeln!(self.err, "{PREFIX}{}", sanitize::message(text))
    }

    /// Something went wrong: always said.
    pub fn error(&mut self, text: &str) -> io::Result<()> {
        self.say(text)
    }

    /// A summary, a warning, a hint: not with `--quiet`.
    pub fn note(&mut self, text: &str) -> io::Result<()> {
        if self.verbosity == Verbosity::Quiet {
            return Ok(());
        }
        self.say(text)
    }

    /// What pacte does (the database used, the files read): only with
    /// `--verbose`.
    pub fn detail(&mut self, text: &str) -> io::Result<()> {
        if self.verbosity != Verbosity::Verbose {
            return Ok(());
        }
        self.say(text)
    }

    /// Findings about files, one per line: errors always, warnings not
    /// with `--quiet`.
    pub fn findings(&mut self, findings: &[Finding]) -> io::Result<()> {
        let shown: Vec<&Finding> = findings
            .iter()
            .filter(|f| f.is_error() || self.verbosity != Verbosity::Quiet)
            .collect();
        super::write_findings(self.err, &shown, self.painter)
    }

    /// A question waiting for an answer on the same line.
    pub fn ask(&mut self, text: &str) -> io::Result<()> {
        write!(self.err, "{PREFIX}{} ", sanitize::message(text))?;
        self.err.flush()
    }

    /// A usage error as the command-line parser words it, on several lines
    /// (what was wrong, the usage, a tip): the first line prefixed, each
    /// line sanitised.
    pub fn usage(&mut self, text: &str) -> io::Result<()> {
        let mut guarded = Guard::new(&mut *self.err);
        for (index, line) in text.trim_end().lines().enumerate() {
            let prefix = if index == 0 { PREFIX } else { "" };
            writeln!(guarded, "{prefix}{}", sanitize::text(line))?;
        }
        guarded.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said(verbosity: Verbosity, say: impl Fn(&mut Messages) -> io::Result<()>) -> String {
        let mut err = Vec::new();
        let mut messages = Messages::new(&mut err, Painter { color: false }, verbosity);
        say(&mut messages).unwrap();
        String::from_utf8(err).unwrap()
    }

    #[test]
    fn every_message_is_prefixed_and_sanitised() {
        assert_eq!(
            said(Verbosity::Normal, |m| m.note("a\u{1b}[2J\nb")),
            "pacte: a\\u{1b}[2J\\nb\n"
        );
        assert_eq!(said(Verbosity::Normal, |m| m.error("x")), "pacte: x\n");
    }

    #[test]
    fn quiet_keeps_errors_and_verbose_adds_details() {
        assert_eq!(said(Verbosity::Quiet, |m| m.note("n")), "");
        assert_eq!(said(Verbosity::Quiet, |m| m.error("e")), "pacte: e\n");
        assert_eq!(said(Verbosity::Normal, |m| m.detail("d")), "");
        assert_eq!(said(Verbosity::Verbose, |m| m.detail("d")), "pacte: d\n");
    }

    #[test]
    fn usage_errors_keep_their_lines() {
        assert_eq!(
            said(Verbosity::Quiet, |m| m
                .usage("unexpected\n\nUsage: pacte\n")),
            "pacte: unexpected\n\nUsage: pacte\n"
        );
    }
}
