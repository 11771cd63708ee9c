//! Findings as GitHub Actions workflow commands, so that a pull request
//! shows each problem on the line it is about:
//!
//! ```text
//! ::error file=sheets/a.yaml,line=4,col=9,title=status::status: unknown status `done`
//! ```
//!
//! The runner reads one command per line and splits properties on `,` and
//! `:`, so every value is escaped as its syntax requires: `%`, CR and LF
//! everywhere, and also `:` and `,` in properties. Other control characters
//! are made visible as everywhere else, so no sheet text can start a second
//! command or drive the log viewer.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{self, Write};

use crate::sheet::{Finding, Severity};

use super::sanitize;

/// A message: `%`, CR and LF escaped.
pub fn escape_data(text: &str) -> Cow<'_, str> {
    escape(text, false)
}

/// A property value (`file=…`, `title=…`): also `:` and `,`.
pub fn escape_property(text: &str) -> Cow<'_, str> {
    escape(text, true)
}

fn escape(text: &str, property: bool) -> Cow<'_, str> {
    let special = |c: char| matches!(c, '%' | '\r' | '\n') || (property && matches!(c, ':' | ','));
    let escaped = if text.contains(special) {
        let mut out = String::with_capacity(text.len() + 8);
        for c in text.chars() {
            match c {
                '%' => out.push_str("%25"),
                '\r' => out.push_str("%0D"),
                '\n' => out.push_str("%0A"),
                ':' if property => out.push_str("%3A"),
                ',' if property => out.push_str("%2C"),
                c => out.push(c),
            }
        }
        Cow::Owned(out)
    } else {
        Cow::Borrowed(text)
    };
    // After the escaping no CR or LF is left; what remains unsafe (escape
    // sequences, bidirectional overrides) is shown as `\u{…}`, which holds
    // none of the characters escaped above.
    match sanitize::text(&escaped) {
        Cow::Borrowed(_) => escaped,
        Cow::Owned(safe) => Cow::Owned(safe),
    }
}

/// One `::error` or `::warning` command per finding; the position is left
/// out when it is not known.
pub fn write_findings_github(out: &mut dyn Write, findings: &[&Finding]) -> io::Result<()> {
    for finding in findings {
        let command = match finding.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut properties = format!("file={}", escape_property(&finding.file));
        if finding.line > 0 {
            let _ = write!(properties, ",line={},col={}", finding.line, finding.column);
        }
        let _ = write!(properties, ",title={}", escape_property(finding.code));
        writeln!(
            out,
            "::{command} {properties}::{}",
            escape_data(&finding.message)
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_escape_percent_and_line_ends_only() {
        assert_eq!(escape_data("50% done"), "50%25 done");
        assert_eq!(escape_data("a\r\nb"), "a%0D%0Ab");
        assert_eq!(escape_data("a: b, c"), "a: b, c");
        assert_eq!(escape_data("%0A"), "%250A");
        assert!(matches!(escape_data("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn properties_also_escape_colon_and_comma() {
        assert_eq!(escape_property("C:\\a,b.yaml"), "C%3A\\a%2Cb.yaml");
        assert_eq!(escape_property("x%\n"), "x%25%0A");
    }

    #[test]
    fn other_controls_are_made_visible() {
        assert_eq!(escape_data("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(escape_property("a\u{202e},b"), "a\\u{202e}%2Cb");
    }

    #[test]
    fn commands_carry_position_and_code() {
        let finding = |line| Finding {
            file: "s,1:a.yaml".to_owned(),
            line,
            column: 3,
            severity: Severity::Warning,
            code: "email",
            message: "line\nbreak".to_owned(),
        };
        let mut out = Vec::new();
        write_findings_github(&mut out, &[&finding(4), &finding(0)]).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "::warning file=s%2C1%3Aa.yaml,line=4,col=3,title=email::line%0Abreak\n\
             ::warning file=s%2C1%3Aa.yaml,title=email::line%0Abreak\n"
        );
    }
}
