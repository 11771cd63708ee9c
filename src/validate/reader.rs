//! Reading typed values out of positioned YAML nodes while collecting
//! findings.
//!
//! Every reader either returns a value or records why not, at the node's
//! position, and carries on: one pass finds every problem of a document.

use crate::chars::{excerpt, is_blank, is_forbidden_control};
use crate::parse::{Node, NodeKind, Pos};
use crate::sheet::{Finding, Severity, suggest};

pub struct Reader<'a> {
    file: &'a str,
    pub findings: Vec<Finding>,
    /// How many of `findings` are errors: asked after every value, so it is
    /// kept rather than counted (counting made a file of many warnings
    /// quadratic).
    errors: usize,
}

impl<'a> Reader<'a> {
    pub fn new(file: &'a str) -> Reader<'a> {
        Reader {
            file,
            findings: Vec::new(),
            errors: 0,
        }
    }

    pub fn error_count(&self) -> usize {
        self.errors
    }

    pub fn error(&mut self, pos: Pos, code: &'static str, message: impl Into<String>) {
        self.push(pos, Severity::Error, code, message.into());
    }

    pub fn warning(&mut self, pos: Pos, code: &'static str, message: impl Into<String>) {
        self.push(pos, Severity::Warning, code, message.into());
    }

    fn push(&mut self, pos: Pos, severity: Severity, code: &'static str, message: String) {
        if severity == Severity::Error {
            self.errors += 1;
        }
        self.findings.push(Finding {
            file: self.file.to_owned(),
            line: pos.line,
            column: pos.col,
            severity,
            code,
            message,
        });
    }

    /// A scalar's text; `None` for a null (silently) or for a list or mapping
    /// (with an error).
    pub fn scalar<'n>(&mut self, node: &'n Node, what: &str) -> Option<&'n str> {
        match &node.kind {
            _ if node.is_null() => None,
            NodeKind::Scalar { text, .. } => self.allowed_characters(node, text, what),
            NodeKind::Map(entries) => {
                let message = match entries.as_slice() {
                    [(key, value)] if key.as_scalar().is_some() && value.as_scalar().is_some() => {
                        format!(
                            "`{what}` should be text, but YAML read `{}: {}` as a key and a value \
                         because of the ': ' inside it: put the whole text in quotes",
                            excerpt(key.as_scalar().unwrap_or_default()),
                            excerpt(value.as_scalar().unwrap_or_default())
                        )
                    }
                    _ => format!("`{what}` should be text, not a mapping"),
                };
                self.error(node.pos, "type", message);
                None
            }
            NodeKind::Seq(_) => {
                self.error(
                    node.pos,
                    "type",
                    format!("`{what}` should be text, not a list"),
                );
                None
            }
        }
    }

    /// Refuses, in every scalar whatever it holds, the characters no text
    /// of a sheet may contain: NUL and the other control characters (but
    /// tab and line breaks), written raw or as YAML escapes.
    fn allowed_characters<'n>(
        &mut self,
        node: &Node,
        text: &'n str,
        what: &str,
    ) -> Option<&'n str> {
        if !may_hold_refused(text) {
            return Some(text);
        }
        if text.contains('\0') {
            self.error(
                node.pos,
                "nul",
                format!("`{what}` contains a NUL character"),
            );
            return None;
        }
        if let Some(c) = text.chars().find(|c| is_forbidden_control(*c)) {
            self.error(
                node.pos,
                "control",
                format!(
                    "`{what}` contains the control character U+{:04X}, which text may not hold \
                     (terminals obey such characters): remove it",
                    u32::from(c)
                ),
            );
            return None;
        }
        Some(text)
    }

    /// Text without Unicode line separators; blank text (white space and
    /// invisible characters only) counts as absent.
    pub fn text(&mut self, node: &Node, what: &str) -> Option<String> {
        let text = self.scalar(node, what)?;
        // YAML 1.1 writers (libyaml among them) fold these as line breaks and
        // YAML 1.2 readers keep them as text: such text cannot round-trip.
        if may_hold_refused(text) && text.contains(['\u{2028}', '\u{2029}']) {
            self.error(
                node.pos,
                "separator",
                format!(
                    "`{what}` contains a Unicode line or paragraph separator (U+2028 or U+2029), \
                     often pasted from a web page: replace it with an ordinary line break"
                ),
            );
            return None;
        }
        (!is_blank(text)).then(|| text.to_owned())
    }

    /// Like [`Reader::text`], with an error when absent or blank.
    pub fn required_text(&mut self, node: Option<&Node>, at: Pos, what: &str) -> Option<String> {
        let Some(node) = node else {
            self.missing(at, what);
            return None;
        };
        let before = self.error_count();
        let text = self.text(node, what);
        if text.is_none() && self.error_count() == before {
            self.error(node.pos, "blank", format!("`{what}` must not be empty"));
        }
        text
    }

    pub fn missing(&mut self, at: Pos, what: &str) {
        self.error(
            at,
            "missing-key",
            format!("the required key `{what}` is missing"),
        );
    }

    /// A list of text; a single scalar is a one-item list, null is empty.
    pub fn text_list(&mut self, node: &Node, what: &str) -> Vec<String> {
        match &node.kind {
            NodeKind::Seq(items) => items
                .iter()
                .enumerate()
                .filter_map(|(i, item)| {
                    let item_what = format!("{what}[{}]", i + 1);
                    if item.is_null() {
                        self.warning(
                            item.pos,
                            "empty-item",
                            format!("`{item_what}` is empty and is left out"),
                        );
                    }
                    self.text(item, &item_what)
                })
                .collect(),
            _ => self.text(node, what).into_iter().collect(),
        }
    }

    /// The entries of a mapping whose keys must be among `keys`; unknown keys
    /// are errors with a suggestion. `None` (with an error) for a non-mapping.
    pub fn mapping<'n>(
        &mut self,
        node: &'n Node,
        what: &str,
        keys: &[&str],
    ) -> Option<Vec<(&'n str, &'n Node)>> {
        let NodeKind::Map(entries) = &node.kind else {
            if !node.is_null() {
                let found = if matches!(node.kind, NodeKind::Seq(_)) {
                    "a list"
                } else {
                    "text"
                };
                self.error(
                    node.pos,
                    "type",
                    format!(
                        "`{what}` should be a mapping of {}, not {found}",
                        keys.join(", ")
                    ),
                );
            }
            return None;
        };
        let mut known = Vec::with_capacity(entries.len());
        for (key, value) in entries {
            let Some(name) = key.as_scalar() else {
                continue;
            };
            if keys.contains(&name) {
                known.push((name, value));
            } else {
                let close = suggest(name, keys.iter().copied());
                let hint = match close.first() {
                    Some(best) => format!("; did you mean `{best}`?"),
                    None => format!("; the keys here are: {}", keys.join(", ")),
                };
                let place = if what.is_empty() {
                    String::new()
                } else {
                    format!(" in `{what}`")
                };
                self.error(
                    key.pos,
                    "unknown-key",
                    format!("unknown key `{}`{place}{hint}", excerpt(name)),
                );
            }
        }
        Some(known)
    }

    /// A plain `true` or `false`.
    pub fn boolean(&mut self, node: &Node, what: &str) -> Option<bool> {
        match &node.kind {
            NodeKind::Scalar { text, plain: true } if text == "true" => Some(true),
            NodeKind::Scalar { text, plain: true } if text == "false" => Some(false),
            _ if node.is_null() => None,
            _ => {
                let shown = excerpt(node.as_scalar().unwrap_or("this value"));
                self.error(
                    node.pos,
                    "type",
                    format!("`{what}` must be true or false, not `{shown}`"),
                );
                None
            }
        }
    }

    /// A scalar checked by `check`; its message becomes the finding.
    pub fn value<T>(
        &mut self,
        node: &Node,
        what: &str,
        code: &'static str,
        check: impl FnOnce(&str) -> Result<T, String>,
    ) -> Option<T> {
        let text = self.scalar(node, what)?;
        match check(text.trim()) {
            Ok(value) => Some(value),
            Err(message) => {
                self.error(node.pos, code, format!("{what}: {message}"));
                None
            }
        }
    }
}

/// Whether `text` may hold a character that [`Reader`] refuses (a control
/// character, or a line or paragraph separator): one pass over its bytes
/// that most text passes at once. Those characters are encoded with a
/// byte below 0x20, DEL, or the lead bytes 0xC2 (U+0080 to U+00BF) and
/// 0xE2 (U+2000 to U+2FFF); any of those sends the text to the exact checks.
fn may_hold_refused(text: &str) -> bool {
    text.bytes().any(|b| {
        (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || matches!(b, 0x7F | 0xC2 | 0xE2)
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_quick_pass_lets_no_refused_character_through() {
        let mut buffer = [0_u8; 4];
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let refused =
                crate::chars::is_forbidden_control(c) || matches!(c, '\u{2028}' | '\u{2029}');
            if refused {
                assert!(super::may_hold_refused(c.encode_utf8(&mut buffer)), "{c:?}");
            }
        }
        assert!(!super::may_hold_refused(
            "Économie sociale et solidaire\n\ttab"
        ));
    }
}
