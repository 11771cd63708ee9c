//! Full-text search: how text becomes searchable words, how a user's query
//! becomes an FTS5 expression, the planner's decisions (thesaurus expansion,
//! typo correction, the any-word fallback), and how a hit's snippet is cut.
//!
//! Both the indexed text and the query pass through the same [`analyze`]
//! step (words split so that decomposed accents stay in their word; fold
//! case and accents after NFKD; feminine endings made masculine; a French
//! Snowball stemmer), so `economie` finds `Économie` and `formations` finds
//! `formation`. The store keeps only the analysed words in its FTS5 table
//! and runs the planned queries (it owns the SQL); snippets are cut from
//! the sheet's own text here.

mod analyze;
mod correct;
mod expand;
mod french;
mod index;
mod plan;
mod query;
mod snippet;

pub use analyze::{analyze, stem, words};
pub use correct::{Known, correction};
pub use expand::Expander;
pub use french::is_french;
pub use index::{IndexText, index_text};
pub use plan::{HANDFUL, is_question_word};
pub use query::{Query, QueryError};
pub use snippet::{Passage, snippet, spelling};
