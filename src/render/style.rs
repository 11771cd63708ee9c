//! Colour: when to use it and the few styles pacte uses.
//!
//! Colour is on only when asked (`--color always`) or when `auto` finds a
//! terminal, `NO_COLOR` unset or empty, and `TERM` other than `dumb`.

use anstyle::{AnsiColor, Style};

use crate::sheet::{Severity, Status};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

/// Whether to colour a stream, given whether it is a terminal.
pub fn use_color(choice: ColorChoice, is_terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            is_terminal
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::env::var_os("TERM").is_none_or(|t| t != "dumb")
        }
    }
}

/// Paints text when colour is on, and leaves it alone otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Painter {
    pub color: bool,
}

impl Painter {
    pub fn paint(self, style: Style, text: &str) -> String {
        if self.color {
            format!("{style}{text}{style:#}")
        } else {
            text.to_owned()
        }
    }

    pub fn heading(self, text: &str) -> String {
        self.paint(Style::new().bold(), text)
    }

    /// A search hit.
    pub fn hit(self, text: &str) -> String {
        self.paint(
            Style::new().bold().fg_color(Some(AnsiColor::Yellow.into())),
            text,
        )
    }

    pub fn dim(self, text: &str) -> String {
        self.paint(Style::new().dimmed(), text)
    }

    pub fn status(self, status: Status, text: &str) -> String {
        self.paint(status_style(status), text)
    }

    pub fn severity(self, severity: Severity) -> String {
        let color = match severity {
            Severity::Error => AnsiColor::Red,
            Severity::Warning => AnsiColor::Yellow,
        };
        self.paint(
            Style::new().fg_color(Some(color.into())).bold(),
            severity.as_str(),
        )
    }
}

pub fn status_style(status: Status) -> Style {
    let color = match status {
        Status::Planned => AnsiColor::Blue,
        Status::Ongoing => AnsiColor::Green,
        Status::Finished => AnsiColor::Cyan,
        Status::Abandoned => AnsiColor::BrightBlack,
    };
    Style::new().fg_color(Some(color.into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_and_always_ignore_the_terminal() {
        assert!(!use_color(ColorChoice::Never, true));
        assert!(use_color(ColorChoice::Always, false));
        assert!(!use_color(ColorChoice::Auto, false));
    }

    #[test]
    fn painting_off_leaves_text_alone() {
        assert_eq!(Painter { color: false }.heading("x"), "x");
        assert!(Painter { color: true }.heading("x").contains('\u{1b}'));
    }
}
