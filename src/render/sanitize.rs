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
    if !input
        .chars()
        .any(|c| is_unsafe(c) || matches!(c, '\\' | '\t' | '\n' | '\r'))
    {
        return Cow::Borrowed(input);
    }
    let mut out = String::with_capacity(input.len() + 8);
    for c in input.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if is_unsafe(c) => {
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
    fn cells_stay_on_one_line() {
        assert_eq!(cell("a\tb\nc\\d\re"), "a\\tb\\nc\\\\d\\re");
        assert_eq!(cell("x\u{1b}y"), "x\\u{1b}y");
    }
}
