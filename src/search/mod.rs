//! Full-text search: how text becomes searchable words, how a user's query
//! becomes an FTS5 expression, and how a hit's snippet is cut.
//!
//! Both the indexed text and the query pass through the same [`analyze`]
//! step (fold case and accents, then a French Snowball stemmer), so
//! `economie` finds `Économie` and `formations` finds `formation`. The store
//! keeps only the analysed words in its FTS5 table; snippets are cut from the
//! sheet's own text here.

mod analyze;
mod correct;
mod expand;
mod index;
mod plan;
mod query;
mod snippet;

pub use analyze::{analyze, stem, words};
pub use correct::{Known, correction};
pub use expand::Expander;
pub use index::{IndexText, index_text};
pub use plan::{HANDFUL, is_question_word};
pub use query::{Query, QueryError};
pub use snippet::{snippet, spelling};
