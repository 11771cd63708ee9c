//! The Markdown of a sheet's prose (description, results, added value)
//! for the terminal, read with pulldown-cmark: paragraphs wrapped at the
//! width, `**bold**` in bold and `*emphasis*` in italics (plain text
//! without colour, never the marks), every bulleted list item marked `•`
//! and numbered ones with their number, continuation lines hanging under
//! the item's text, nested lists one step further in.
//!
//! Invariants: sheet text is sanitised ([`sanitize::text`]) before it is
//! laid out; styles end on the line they start (see [`wrap::styled`]).

use std::io::{self, Write};

use anstyle::Style;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use unicode_width::UnicodeWidthStr;

use super::sanitize;
use super::style::Painter;
use super::wrap::{self, Styled};

pub struct Prose<'a> {
    pub out: &'a mut dyn Write,
    pub width: usize,
    pub painter: Painter,
    /// What every line starts with.
    pub indent: &'a str,
}

#[derive(Default)]
struct State {
    /// One entry per open list: the next number, or `None` for bullets.
    lists: Vec<Option<u64>>,
    block: Styled,
    /// The marker of an item whose first block is not written yet.
    marker: Option<String>,
    bold: usize,
    italic: usize,
    links: Vec<String>,
    /// A blank line is due before the next paragraph outside lists.
    blank: bool,
    code: bool,
}

impl State {
    fn style(&self) -> Option<Style> {
        let mut style = Style::new();
        if self.bold > 0 {
            style = style.bold();
        }
        if self.italic > 0 {
            style = style.italic();
        }
        (self.bold + self.italic > 0).then_some(style)
    }

    /// Sheet text, sanitised, with runs of white space as one space.
    fn push(&mut self, text: &str) {
        let safe = sanitize::text(text);
        let mut words = String::with_capacity(safe.len());
        for c in safe.chars() {
            if c.is_whitespace() {
                let last = words
                    .chars()
                    .last()
                    .or_else(|| self.block.text.chars().last());
                if last.is_some_and(|l| l != ' ') {
                    words.push(' ');
                }
            } else {
                words.push(c);
            }
        }
        let style = self.style();
        self.block.push(&words, style);
    }
}

impl Prose<'_> {
    pub fn write(&mut self, markdown: &str) -> io::Result<()> {
        let mut state = State::default();
        for event in Parser::new(markdown) {
            self.event(&mut state, event)?;
        }
        self.flush(&mut state)
    }

    fn event(&mut self, state: &mut State, event: Event) -> io::Result<()> {
        match event {
            Event::Start(Tag::List(first)) => {
                self.flush(state)?;
                if state.lists.is_empty() && std::mem::take(&mut state.blank) {
                    writeln!(self.out)?;
                }
                state.lists.push(first);
            }
            Event::End(TagEnd::List(_)) => {
                self.flush(state)?;
                state.lists.pop();
                state.blank = state.lists.is_empty();
            }
            Event::Start(Tag::Item) => {
                self.flush(state)?;
                let marker = match state.lists.last_mut() {
                    Some(Some(number)) => {
                        *number += 1;
                        format!("{}. ", *number - 1)
                    }
                    _ => "• ".to_owned(),
                };
                state.marker = Some(marker);
            }
            Event::Start(Tag::Strong | Tag::Heading { .. }) => state.bold += 1,
            Event::End(TagEnd::Strong) => state.bold = state.bold.saturating_sub(1),
            Event::End(TagEnd::Heading(_)) => {
                state.bold = state.bold.saturating_sub(1);
                self.flush(state)?;
            }
            Event::Start(Tag::Emphasis) => state.italic += 1,
            Event::End(TagEnd::Emphasis) => state.italic = state.italic.saturating_sub(1),
            Event::Start(Tag::Link { dest_url, .. }) => state.links.push(dest_url.to_string()),
            Event::End(TagEnd::Link) => {
                // The address, when the text does not already show it.
                if let Some(url) = state
                    .links
                    .pop()
                    .filter(|u| !state.block.text.ends_with(u.as_str()))
                {
                    state.push(&format!(" ({url})"));
                }
            }
            Event::Start(Tag::CodeBlock(_)) => {
                self.flush(state)?;
                state.code = true;
            }
            Event::End(TagEnd::CodeBlock) => state.code = false,
            Event::Text(text) if state.code => self.code(state, &text)?,
            Event::Text(text) | Event::Code(text) | Event::Html(text) | Event::InlineHtml(text) => {
                state.push(&text);
            }
            Event::SoftBreak | Event::HardBreak => state.push(" "),
            Event::End(TagEnd::Paragraph | TagEnd::Item) | Event::Rule => self.flush(state)?,
            _ => {}
        }
        Ok(())
    }

    /// Where the lines of the current block start: the indent, a step per
    /// enclosing list, and the item's marker on its first line.
    fn leads(&self, state: &mut State) -> (String, String) {
        let depth = state.lists.len();
        let base = format!("{}{}", self.indent, "  ".repeat(depth.saturating_sub(1)));
        match state.marker.take() {
            Some(marker) => {
                let hang = " ".repeat(marker.width());
                (format!("{base}{marker}"), format!("{base}{hang}"))
            }
            None if depth > 0 => (format!("{base}  "), format!("{base}  ")),
            None => (base.clone(), base),
        }
    }

    fn flush(&mut self, state: &mut State) -> io::Result<()> {
        let text = state.block.text.trim_end().len();
        state.block.text.truncate(text);
        if state.block.text.is_empty() {
            state.block = Styled::default();
            return Ok(());
        }
        if state.lists.is_empty() && std::mem::take(&mut state.blank) {
            writeln!(self.out)?;
        }
        let (first, rest) = self.leads(state);
        let block = std::mem::take(&mut state.block);
        for line in wrap::styled(&block, self.width, &first, &rest, self.painter) {
            writeln!(self.out, "{line}")?;
        }
        state.blank = state.lists.is_empty();
        Ok(())
    }

    /// A code block: its lines as written, indented, not wrapped.
    fn code(&mut self, state: &mut State, text: &str) -> io::Result<()> {
        if std::mem::take(&mut state.blank) {
            writeln!(self.out)?;
        }
        for line in text.lines() {
            writeln!(
                self.out,
                "{}  {}",
                self.indent,
                sanitize::text(line).trim_end()
            )?;
        }
        state.blank = state.lists.is_empty();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(markdown: &str, width: usize, color: bool) -> String {
        let mut out = Vec::new();
        Prose {
            out: &mut out,
            width,
            painter: Painter { color },
            indent: "  ",
        }
        .write(markdown)
        .unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn bold_is_bold_and_never_its_marks() {
        assert_eq!(
            shown("**Montage.** Un diagnostic.", 40, false),
            "  Montage. Un diagnostic.\n"
        );
        assert_eq!(
            shown("**Montage.** Un diagnostic.", 40, true),
            "  \u{1b}[1mMontage.\u{1b}[0m Un diagnostic.\n"
        );
    }

    #[test]
    fn list_items_are_bulleted_and_hang_under_their_text() {
        let text = "Avant :\n\n- premier point assez long pour passer\n  à la ligne\n- second\n\n1. un\n2. deux";
        assert_eq!(
            shown(text, 26, false),
            "  Avant :\n\n  • premier point assez\n    long pour passer à\n    la ligne\n  • second\n\n  1. un\n  2. deux\n"
        );
    }

    #[test]
    fn paragraphs_are_joined_wrapped_and_separated() {
        assert_eq!(
            shown("un deux\ntrois quatre\n\ncinq", 40, false),
            "  un deux trois quatre\n\n  cinq\n"
        );
    }

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(shown("a\u{1b}[31mb", 40, false), "  a\\u{1b}[31mb\n");
    }
}
