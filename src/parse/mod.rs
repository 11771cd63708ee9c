//! Source bytes → positioned YAML documents.
//!
//! This is the first arrow of the data flow. It owns everything about the
//! *form* of a file: size limit, encoding, YAML syntax and the YAML features
//! pacte refuses (tags, merge keys, duplicate keys, unbounded aliases). What
//! comes out is a tree of [`Node`]s that remember where they were written, so
//! that every later finding can name a line and column. It knows nothing of
//! sheets.

mod discover;
pub mod git;
mod source;
mod tree;

pub use discover::{Expanded, VOCABULARY_FILE, expand, vocabulary_file};
pub use source::{DEFAULT_MAX_BYTES, STDIN, Source, SourceError, content_hash, decode};
pub use tree::{Document, Node, NodeKind, Pos, SyntaxError, parse_documents};
