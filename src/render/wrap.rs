//! The one text wrapper (textwrap underneath): prose, table cells and
//! styled text are broken between words at the display width of the
//! terminal, measured as it shows them (accents, CJK, emoji).
//!
//! Invariants: a line is never wider than the width unless one word is
//! (prose keeps words whole; a table cell breaks them); styles are applied
//! after wrapping, line by line, so colour never spans a line break and
//! never counts in the width.

use std::ops::Range;

use anstyle::Style;

use super::style::Painter;

/// The narrowest text is wrapped to, whatever the terminal says.
const NARROWEST: usize = 20;

fn options<'a>(
    width: usize,
    first: &'a str,
    rest: &'a str,
    break_words: bool,
) -> textwrap::Options<'a> {
    textwrap::Options::new(width)
        .initial_indent(first)
        .subsequent_indent(rest)
        .break_words(break_words)
}

/// Prose: lines of at most `width` columns (at least [`NARROWEST`]), the
/// first starting with `first`, the others with `rest`; words are kept
/// whole (a long address overflows rather than being cut).
pub fn prose(text: &str, width: usize, first: &str, rest: &str) -> Vec<String> {
    textwrap::wrap(text, options(width.max(NARROWEST), first, rest, false))
        .into_iter()
        .map(|line| line.trim_end().to_owned())
        .collect()
}

/// A table cell: lines of at most `width` columns, a word longer than the
/// column broken inside. Always at least one line.
pub fn cell(text: &str, width: usize) -> Vec<String> {
    let lines: Vec<String> = textwrap::wrap(text, options(width.max(1), "", "", true))
        .into_iter()
        .map(|line| line.trim_end().to_owned())
        .collect();
    if lines.is_empty() {
        vec![String::new()]
    } else {
        lines
    }
}

/// Text with styled parts (byte ranges of `text`), already safe for the
/// terminal and on one line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Styled {
    pub text: String,
    pub spans: Vec<(Range<usize>, Style)>,
}

impl Styled {
    /// Appends text, styled when `style` is given.
    pub fn push(&mut self, text: &str, style: Option<Style>) {
        let start = self.text.len();
        self.text.push_str(text);
        if let Some(style) = style.filter(|_| !text.is_empty()) {
            self.spans.push((start..self.text.len(), style));
        }
    }
}

/// [`prose`] for styled text: each line painted where its part of the text
/// is styled, the indents never.
pub fn styled(
    text: &Styled,
    width: usize,
    first: &str,
    rest: &str,
    painter: Painter,
) -> Vec<String> {
    let lines = prose(&text.text, width, first, rest);
    let mut cursor = 0;
    let mut out = Vec::with_capacity(lines.len());
    for (index, line) in lines.iter().enumerate() {
        let lead = if index == 0 { first } else { rest };
        let content = line
            .strip_prefix(lead)
            .or_else(|| line.strip_prefix(lead.trim_end()))
            .unwrap_or(line);
        // Each line is a slice of the text, in order: find where.
        let Some(start) = text.text[cursor..].find(content).map(|at| at + cursor) else {
            out.push(line.clone());
            continue;
        };
        let end = start + content.len();
        cursor = end;
        let mut shown = line[..line.len() - content.len()].to_owned();
        shown.push_str(&paint_range(text, start..end, painter));
        out.push(shown);
    }
    out
}

/// `text.text[range]` with the spans that fall in it painted.
fn paint_range(text: &Styled, range: Range<usize>, painter: Painter) -> String {
    let mut out = String::new();
    let mut at = range.start;
    for (span, style) in &text.spans {
        let start = span.start.clamp(at, range.end);
        let end = span.end.clamp(start, range.end);
        if start == end {
            continue;
        }
        out.push_str(&text.text[at..start]);
        out.push_str(&painter.paint(*style, &text.text[start..end]));
        at = end;
    }
    out.push_str(&text.text[at..range.end]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_breaks_between_words_and_hangs() {
        assert_eq!(
            prose("un deux trois quatre cinq six sept huit", 20, "> ", "  "),
            ["> un deux trois", "  quatre cinq six", "  sept huit"]
        );
    }

    #[test]
    fn cells_break_long_words() {
        assert_eq!(cell("un deux trois", 7), ["un deux", "trois"]);
        assert_eq!(cell("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(cell("", 4), [""]);
    }

    #[test]
    fn styles_end_on_their_line() {
        let mut text = Styled::default();
        text.push("avant ", None);
        text.push(
            "un passage en gras qui passe à la ligne",
            Some(Style::new().bold()),
        );
        let lines = styled(&text, 24, "", "", Painter { color: true });
        assert!(lines.len() > 1, "{lines:?}");
        for line in &lines {
            assert_eq!(
                line.matches("\u{1b}[1m").count(),
                line.matches("\u{1b}[0m").count(),
                "{line:?}"
            );
        }
        let plain = styled(&text, 24, "", "", Painter { color: false });
        assert_eq!(plain, prose(&text.text, 24, "", ""));
    }
}
