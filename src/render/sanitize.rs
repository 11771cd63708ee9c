//! Making sheet text safe for a terminal.
//!
//! Sheets are written by many hands; a title holding `ESC [ 2 J` must not
//! clear someone's screen, and a right-to-left override must not disguise
//! text. Human output passes every piece of sheet text through here.
//! JSON and YAML output keep the exact text and never come here.

use std::borrow::Cow;
use std::fmt::Write as _;

/// C0 and C1 controls (but tab and newline), DEL, and the bidirectional
/// embeddings, overrides and isolates.
fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Text for a multi-line layout: newlines and tabs kept, anything else that
/// could drive the terminal shown as `\u{…}`.
pub fn text(input: &str) -> Cow<'_, str> {
    if !input.chars().any(is_unsafe) {
        return Cow::Borrowed(input);
    }
    let mut out = String::with_capacity(input.len() + 8);
    for c in input.chars() {
        if is_unsafe(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Text for one cell of a line-based output (TSV, table): also escapes
/// backslash, tab, newline and carriage return, so each record stays on one
/// line and the escaping can be undone.
pub fn cell(input: &str) -> Cow<'_, str> {
    one_line(input, is_unsafe, true)
}

/// Text for a message about the input (findings, errors, notes): one line,
/// with controls, tabs and line breaks escaped like [`cell`] does, and also
/// every invisible or formatting character (zero-width spaces, joiners,
/// byte-order marks, bidirectional marks) shown as `\u{…}`, so that
/// "unknown key `title\u{200b}`" tells what differs from `title`.
/// Backslashes stay as they are: a message is read, not parsed back.
pub fn message(input: &str) -> Cow<'_, str> {
    one_line(
        input,
        |c| is_unsafe(c) || crate::chars::is_invisible(c),
        false,
    )
}

/// `input` on one line: tab and line breaks written `\t`, `\n`, `\r`,
/// backslash doubled when `backslash` is set, and what `hidden` selects
/// written `\u{…}`.
fn one_line(input: &str, hidden: impl Fn(char) -> bool, backslash: bool) -> Cow<'_, str> {
    let escaped =
        |c: char| hidden(c) || matches!(c, '\t' | '\n' | '\r') || (backslash && c == '\\');
    if !input.chars().any(escaped) {
        return Cow::Borrowed(input);
    }
    let mut out = String::with_capacity(input.len() + 8);
    for c in input.chars() {
        match c {
            '\\' if backslash => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if hidden(c) => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_are_made_visible() {
        assert_eq!(text("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(text("bell\u{7}"), "bell\\u{7}");
        assert_eq!(text("c1\u{9b}x"), "c1\\u{9b}x");
        assert_eq!(text("abc\u{202e}def"), "abc\\u{202e}def");
        assert_eq!(text("iso\u{2066}x"), "iso\\u{2066}x");
        assert_eq!(text("line\nnext\ttab"), "line\nnext\ttab");
        assert!(matches!(text("Économie"), Cow::Borrowed(_)));
    }

    #[test]
    fn messages_show_invisible_characters() {
        assert_eq!(
            message("unknown key `title\u{200b}`"),
            "unknown key `title\\u{200b}`"
        );
        assert_eq!(
            message("a\u{feff}b\u{2060}c\u{ad}"),
            "a\\u{feff}b\\u{2060}c\\u{ad}"
        );
        assert_eq!(message("x\u{1b}[2J\ny"), "x\\u{1b}[2J\\ny");
        assert_eq!(message("C:\\dossier"), "C:\\dossier");
        assert!(matches!(message("Économie"), Cow::Borrowed(_)));
    }

    #[test]
    fn cells_stay_on_one_line() {
        assert_eq!(cell("a\tb\nc\\d\re"), "a\\tb\\nc\\\\d\\re");
        assert_eq!(cell("x\u{1b}y"), "x\\u{1b}y");
    }
}
