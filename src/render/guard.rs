//! Nothing obeyed: no line of human output may read, to a CI runner, as a
//! command. GitHub Actions runs a line that starts with `::` (after
//! optional whitespace) as a workflow command (`::add-mask::`,
//! `::stop-commands::`, `::error …`), and Azure Pipelines one that starts
//! with `##[` or `##vso[`.
//!
//! The rule, one for every human format (tables, TSV, ids, `show`, the
//! review, `stats`, `diff`, findings, messages): when a line, after its
//! leading spaces, tabs and colour codes, starts with one of these, its
//! first character is written escaped as the sanitiser writes controls,
//! `\u{3a}` for `:` and `\u{23}` for `#`. Text in the middle of a line is
//! left alone: runners read commands only at the start. Markdown (`export
//! --format markdown`, `diff --format markdown`) follows the same rule in
//! its own escaping, a backslash (`\::`, `\##`), which a Markdown reader
//! shows as the character itself.
//!
//! [`Guard`] applies the rule to whatever is written through it, line by
//! line, so the rule holds however a printer lays its lines out (a word
//! moved to the start of a line by wrapping included). Machine formats
//! (JSON, YAML, CSV, and `validate --format github`, whose
//! commands are meant to be obeyed and escape their own text) do not pass
//! through it.

use std::borrow::Cow;
use std::io::{self, Write};

/// What runners read as a command at the start of a line.
const COMMANDS: [&[u8]; 3] = [b"::", b"##[", b"##vso["];

/// Where the text of a line starts: after spaces, tabs and ANSI escape
/// sequences (pacte's own colours).
fn text_start(line: &[u8]) -> usize {
    let mut at = 0;
    while at < line.len() {
        match line[at] {
            b' ' | b'\t' => at += 1,
            0x1b if line.get(at + 1) == Some(&b'[') => {
                at += 2;
                while at < line.len() && !(0x40..=0x7e).contains(&line[at]) {
                    at += 1;
                }
                at += 1;
            }
            _ => break,
        }
    }
    at.min(line.len())
}

/// `line` (without its line end) with the rule applied: escaped as the
/// sanitiser escapes, or for Markdown with a backslash.
fn escape_line(line: &[u8], markdown: bool) -> Cow<'_, [u8]> {
    let at = text_start(line);
    let rest = &line[at..];
    if !COMMANDS.iter().any(|command| rest.starts_with(command)) {
        return Cow::Borrowed(line);
    }
    let escaped: &[u8] = match (markdown, rest[0]) {
        (true, b':') => b"\\:",
        (true, _) => b"\\#",
        (false, b':') => b"\\u{3a}",
        (false, _) => b"\\u{23}",
    };
    let mut out = Vec::with_capacity(line.len() + escaped.len());
    out.extend_from_slice(&line[..at]);
    out.extend_from_slice(escaped);
    out.extend_from_slice(&rest[1..]);
    Cow::Owned(out)
}

/// A writer that applies the rule to each line written through it. A line
/// is passed on when it ends, or at [`Write::flush`]; what is left is
/// passed on when the guard is dropped.
pub struct Guard<'a> {
    inner: &'a mut dyn Write,
    pending: Vec<u8>,
    markdown: bool,
}

impl<'a> Guard<'a> {
    pub fn new(inner: &'a mut dyn Write) -> Guard<'a> {
        Guard {
            inner,
            pending: Vec::new(),
            markdown: false,
        }
    }

    /// A guard for Markdown, which escapes with a backslash.
    pub fn markdown(inner: &'a mut dyn Write) -> Guard<'a> {
        Guard {
            inner,
            pending: Vec::new(),
            markdown: true,
        }
    }

    fn pass_on(&mut self) -> io::Result<()> {
        let (body, end): (&[u8], &[u8]) = match self.pending.strip_suffix(b"\n") {
            Some(body) => (body, b"\n"),
            None => (&self.pending, b""),
        };
        self.inner.write_all(&escape_line(body, self.markdown))?;
        self.inner.write_all(end)?;
        self.pending.clear();
        Ok(())
    }
}

impl Write for Guard<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut rest = buf;
        while let Some(end) = rest.iter().position(|&b| b == b'\n') {
            self.pending.extend_from_slice(&rest[..=end]);
            self.pass_on()?;
            rest = &rest[end + 1..];
        }
        self.pending.extend_from_slice(rest);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.pending.is_empty() {
            self.pass_on()?;
        }
        self.inner.flush()
    }
}

impl Drop for Guard<'_> {
    fn drop(&mut self) {
        if !self.pending.is_empty() {
            // An error here was already an error of the writes before it.
            let _ = self.pass_on();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guarded(text: &str) -> String {
        let mut out = Vec::new();
        let mut guard = Guard::new(&mut out);
        guard.write_all(text.as_bytes()).unwrap();
        drop(guard);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn commands_at_the_start_of_a_line_are_escaped() {
        assert_eq!(guarded("::add-mask::x\n"), "\\u{3a}:add-mask::x\n");
        assert_eq!(
            guarded("ok\n  ::error file=x::y\n"),
            "ok\n  \\u{3a}:error file=x::y\n"
        );
        assert_eq!(guarded("\t##[group]x"), "\t\\u{23}#[group]x");
        assert_eq!(
            guarded("##vso[task.setvariable]x\n"),
            "\\u{23}#vso[task.setvariable]x\n"
        );
        assert_eq!(
            guarded("\u{1b}[1m::stop-commands::t\u{1b}[0m\n"),
            "\u{1b}[1m\\u{3a}:stop-commands::t\u{1b}[0m\n"
        );
    }

    #[test]
    fn markdown_escapes_with_a_backslash() {
        let mut out = Vec::new();
        let mut guard = Guard::markdown(&mut out);
        guard.write_all(b"::error::x\n##[group]\n").unwrap();
        drop(guard);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "\\::error::x\n\\##[group]\n"
        );
    }

    #[test]
    fn the_middle_of_a_line_and_harmless_starts_are_kept() {
        for text in ["a ::error::x\n", ": x\n", "# titre\n", "#[x]\n", "\n", ""] {
            assert_eq!(guarded(text), text);
        }
    }

    #[test]
    fn lines_split_across_writes_are_seen_whole() {
        let mut out = Vec::new();
        let mut guard = Guard::new(&mut out);
        for piece in ["  :", ":err", "or\n:", ":x\n"] {
            guard.write_all(piece.as_bytes()).unwrap();
        }
        guard.flush().unwrap();
        drop(guard);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "  \\u{3a}:error\n\\u{3a}:x\n"
        );
    }
}
