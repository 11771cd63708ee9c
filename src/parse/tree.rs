//! YAML events → a tree of positioned [`Node`]s.
//!
//! The tree keeps every scalar exactly as written (with whether it was plain
//! or quoted), so later stages decide types themselves: `01` stays `"01"`,
//! `yes` is never a boolean. Building refuses what DESIGN.md refuses: explicit
//! tags, merge keys, duplicate keys, non-text keys, nesting deeper than
//! [`MAX_DEPTH`] and alias expansion beyond [`MAX_EXPANDED`].

use std::collections::HashMap;
use std::fmt;

use saphyr_parser::{Event, Parser, ScalarStyle, Span, Tag};

/// Deeper nesting than this is never a sheet, and bounding it keeps every
/// later walk over the tree cheap.
pub const MAX_DEPTH: usize = 64;

/// Total size a document may reach once its aliases are expanded, counted as
/// scalar bytes plus one per node. A 1 MiB file of ordinary text never comes
/// near it; a "billion laughs" file reaches it after a few MiB of work.
pub const MAX_EXPANDED: usize = 4 * 1024 * 1024;

/// One-based line and column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
}

impl Pos {
    fn of(span: &Span) -> Pos {
        Pos {
            line: span.start.line(),
            col: span.start.col() + 1,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub kind: NodeKind,
    pub pos: Pos,
}

#[derive(Debug, Clone, PartialEq)]
pub enum NodeKind {
    /// `plain` is false for quoted and block scalars, which are always text.
    Scalar {
        text: String,
        plain: bool,
    },
    Seq(Vec<Node>),
    /// Entries in source order; keys are unique scalars.
    Map(Vec<(Node, Node)>),
}

impl Node {
    /// A plain empty scalar, `~` or `null`: YAML's way of writing nothing.
    pub fn is_null(&self) -> bool {
        matches!(&self.kind, NodeKind::Scalar { text, plain: true }
            if text.is_empty() || text == "~" || text == "null" || text == "Null" || text == "NULL")
    }

    pub fn as_scalar(&self) -> Option<&str> {
        match &self.kind {
            NodeKind::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }

    /// Scalar bytes plus one per node: the measure bounded by [`MAX_EXPANDED`].
    fn weight(&self) -> usize {
        match &self.kind {
            NodeKind::Scalar { text, .. } => text.len() + 1,
            NodeKind::Seq(items) => 1 + items.iter().map(Node::weight).sum::<usize>(),
            NodeKind::Map(entries) => {
                1 + entries
                    .iter()
                    .map(|(k, v)| k.weight() + v.weight())
                    .sum::<usize>()
            }
        }
    }
}

/// One YAML document of a file: its root node.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub root: Node,
}

/// A problem with the form of the YAML itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub pos: Pos,
    pub message: String,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.pos.line, self.pos.col, self.message)
    }
}

/// Parses every document of `text`, skipping empty ones.
///
/// Returns every refused feature found (tags, merge keys, duplicates), or the
/// first syntax error, since the parser cannot go on after one.
pub fn parse_documents(text: &str) -> Result<Vec<Document>, Vec<SyntaxError>> {
    let mut builder = Builder::default();
    for item in Parser::new_from_str(text) {
        match item {
            Ok((event, span)) => {
                if let Err(fatal) = builder.event(event, &span) {
                    builder.errors.push(fatal);
                    return Err(builder.errors);
                }
            }
            Err(err) => {
                let pos = Pos {
                    line: err.marker().line(),
                    col: err.marker().col() + 1,
                };
                builder.errors.push(SyntaxError {
                    pos,
                    message: explain_scan_error(err.info(), text, pos),
                });
                return Err(builder.errors);
            }
        }
    }
    if builder.errors.is_empty() {
        Ok(builder.documents)
    } else {
        Err(builder.errors)
    }
}

/// Adds a hint to the parser's own wording for the mistakes people make most.
fn explain_scan_error(info: &str, text: &str, pos: Pos) -> String {
    let line = text.lines().nth(pos.line.saturating_sub(1)).unwrap_or("");
    if info.contains("recursion limit") {
        return format!("the YAML is nested too deeply ({info})");
    }
    let hint = if line.contains('\t') || info.contains("tab") {
        "; YAML indents with spaces only: replace the tabs with spaces"
    } else if line.contains(" : ") || line.contains(": ") && info.contains("mapping values") {
        "; a ': ' inside a value starts a new key: put the whole text in quotes"
    } else {
        ""
    };
    format!("invalid YAML: {info}{hint}")
}

enum Frame {
    Seq {
        pos: Pos,
        anchor: usize,
        items: Vec<Node>,
    },
    Map {
        pos: Pos,
        anchor: usize,
        entries: Vec<(Node, Node)>,
        key: Option<Node>,
        seen: HashMap<String, usize>,
    },
}

#[derive(Default)]
struct Builder {
    stack: Vec<Frame>,
    anchors: HashMap<usize, Node>,
    documents: Vec<Document>,
    errors: Vec<SyntaxError>,
    expanded: usize,
}

impl Builder {
    fn event(&mut self, event: Event<'_>, span: &Span) -> Result<(), SyntaxError> {
        let pos = Pos::of(span);
        match event {
            Event::Scalar(text, style, anchor, tag) => {
                self.refuse_tag(tag.as_deref(), pos);
                let node = Node {
                    kind: NodeKind::Scalar {
                        text: text.into_owned(),
                        plain: style == ScalarStyle::Plain,
                    },
                    pos,
                };
                self.complete(node, anchor);
            }
            Event::SequenceStart(anchor, tag) => {
                self.refuse_tag(tag.as_deref(), pos);
                self.open(
                    Frame::Seq {
                        pos,
                        anchor,
                        items: Vec::new(),
                    },
                    pos,
                )?;
            }
            Event::MappingStart(anchor, tag) => {
                self.refuse_tag(tag.as_deref(), pos);
                self.open(
                    Frame::Map {
                        pos,
                        anchor,
                        entries: Vec::new(),
                        key: None,
                        seen: HashMap::new(),
                    },
                    pos,
                )?;
            }
            Event::SequenceEnd | Event::MappingEnd => self.close(),
            Event::Alias(id) => self.alias(id, pos)?,
            Event::DocumentStart(_) => {
                // Anchors belong to one document.
                self.anchors.clear();
                self.expanded = 0;
            }
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => {}
        }
        Ok(())
    }

    /// Ends the innermost sequence or mapping, which becomes a node of
    /// the one around it.
    fn close(&mut self) {
        let (node, anchor) = match self.stack.pop() {
            Some(Frame::Seq { pos, anchor, items }) => (
                Node {
                    kind: NodeKind::Seq(items),
                    pos,
                },
                anchor,
            ),
            Some(Frame::Map {
                pos,
                anchor,
                entries,
                ..
            }) => (
                Node {
                    kind: NodeKind::Map(entries),
                    pos,
                },
                anchor,
            ),
            None => return,
        };
        self.complete(node, anchor);
    }

    /// Puts a copy of an anchored node where an alias names it, within the
    /// bound on what aliases may expand to.
    fn alias(&mut self, id: usize, pos: Pos) -> Result<(), SyntaxError> {
        let Some(node) = self.anchors.get(&id) else {
            return Err(SyntaxError {
                pos,
                message: "alias to an anchor that is not defined before it".to_owned(),
            });
        };
        self.expanded += node.weight();
        if self.expanded > MAX_EXPANDED {
            return Err(SyntaxError {
                pos,
                message: format!(
                    "aliases expand this document beyond {} MiB; \
                     write the repeated text out or use fewer aliases",
                    MAX_EXPANDED / (1024 * 1024)
                ),
            });
        }
        let mut copy = node.clone();
        copy.pos = pos;
        self.complete(copy, 0);
        Ok(())
    }

    fn open(&mut self, frame: Frame, pos: Pos) -> Result<(), SyntaxError> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(SyntaxError {
                pos,
                message: format!("the YAML is nested more than {MAX_DEPTH} levels deep"),
            });
        }
        self.stack.push(frame);
        Ok(())
    }

    fn refuse_tag(&mut self, tag: Option<&Tag>, pos: Pos) {
        if let Some(tag) = tag {
            let shown = if tag.handle == "!" {
                format!("!{}", tag.suffix)
            } else if tag.is_yaml_core_schema() {
                format!("!!{}", tag.suffix)
            } else {
                format!("{}{}", tag.handle, tag.suffix)
            };
            self.errors.push(SyntaxError {
                pos,
                message: format!(
                    "explicit YAML tags like `{}` are not supported: remove the tag \
                     (quote the value if it must be read as text)",
                    crate::chars::excerpt(&shown)
                ),
            });
        }
    }

    fn complete(&mut self, node: Node, anchor: usize) {
        if anchor != 0 {
            self.anchors.insert(anchor, node.clone());
        }
        match self.stack.last_mut() {
            None => {
                if !node.is_null() {
                    self.documents.push(Document { root: node });
                }
            }
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map {
                entries, key, seen, ..
            }) => match key.take() {
                None => {
                    let Some(text) = node.as_scalar() else {
                        self.errors.push(SyntaxError {
                            pos: node.pos,
                            message: "a key must be plain text, not a list or a mapping".to_owned(),
                        });
                        *key = Some(node);
                        return;
                    };
                    if text == "<<" && matches!(node.kind, NodeKind::Scalar { plain: true, .. }) {
                        self.errors.push(SyntaxError {
                            pos: node.pos,
                            message: "merge keys (`<<`) are not supported: write the keys out"
                                .to_owned(),
                        });
                    } else if let Some(first) = seen.get(text) {
                        self.errors.push(SyntaxError {
                            pos: node.pos,
                            message: format!(
                                "duplicate key `{}` (first written at line {first}): \
                                 keep only one",
                                crate::chars::excerpt(text)
                            ),
                        });
                    } else {
                        seen.insert(text.to_owned(), node.pos.line);
                    }
                    *key = Some(node);
                }
                Some(k) => entries.push((k, node)),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use super::*;

    fn root(text: &str) -> Node {
        let mut docs = parse_documents(text).unwrap();
        assert_eq!(docs.len(), 1);
        docs.remove(0).root
    }

    fn first_error(text: &str) -> SyntaxError {
        parse_documents(text).unwrap_err().remove(0)
    }

    #[test]
    fn scalars_keep_their_spelling_and_position() {
        let node = root("id: 01\nphone: '0389'\n");
        let NodeKind::Map(entries) = node.kind else {
            panic!("not a map")
        };
        assert_eq!(entries[0].1.as_scalar(), Some("01"));
        assert_eq!(entries[1].1.pos, Pos { line: 2, col: 8 });
        assert!(matches!(
            entries[1].1.kind,
            NodeKind::Scalar { plain: false, .. }
        ));
    }

    #[test]
    fn empty_documents_are_skipped() {
        let docs = parse_documents("a: 1\n---\n---\nb: 2\n---\n").unwrap();
        assert_eq!(docs.len(), 2);
        assert!(parse_documents("").unwrap().is_empty());
    }

    #[test]
    fn duplicate_key_names_the_repeated_line() {
        let err = first_error("id: a\ntitle: x\nid: b\n");
        assert_eq!(err.pos.line, 3);
        assert!(err.message.contains("line 1"), "{}", err.message);
    }

    #[test]
    fn tags_and_merge_keys_are_refused() {
        assert!(
            first_error("a: !include x.yaml\n")
                .message
                .contains("!include")
        );
        assert!(
            first_error("a: !!python/object:os.system x\n")
                .message
                .contains("!!python/object")
        );
        assert!(
            first_error("a: &x {b: 1}\nc:\n  <<: *x\n")
                .message
                .contains("merge")
        );
    }

    #[test]
    fn plain_aliases_are_expanded() {
        let node = root("a: &x hello\nb: *x\n");
        let NodeKind::Map(entries) = node.kind else {
            panic!("not a map")
        };
        assert_eq!(entries[1].1.as_scalar(), Some("hello"));
    }

    #[test]
    fn alias_bombs_are_bounded() {
        let mut text = format!("a: &a \"{}\"\nb: [", "x".repeat(100_000));
        for _ in 0..10_000 {
            text.push_str("*a,");
        }
        text.push_str("]\n");
        assert!(first_error(&text).message.contains("aliases expand"));

        let mut nested = String::from("l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            let prev = i - 1;
            let items = vec![format!("*l{prev}"); 10].join(", ");
            writeln!(nested, "l{i}: &l{i} [{items}]").unwrap();
        }
        assert!(first_error(&nested).message.contains("aliases expand"));
    }

    #[test]
    fn deep_nesting_is_refused() {
        let text = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        let message = first_error(&text).message;
        assert!(message.contains("nested"), "{message}");
        let mut block = String::new();
        for depth in 0..100 {
            writeln!(block, "{}k{depth}:", " ".repeat(depth)).unwrap();
        }
        let message = first_error(&block).message;
        assert!(message.contains("nested"), "{message}");
    }

    #[test]
    fn tabs_get_a_hint() {
        let err = first_error("id: a\nobjectives:\n\t- x\n");
        assert!(err.message.contains("spaces"), "{}", err.message);
    }
}
