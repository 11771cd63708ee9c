//! Full-text search: how text becomes searchable words, how a user's query
//! becomes an FTS5 expression, the planner's decisions (thesaurus expansion,
//! typo correction, question words, the weighted any-word completion,
//! associations learned from the first hits), and how a hit's snippet is
//! cut.
//!
//! Both the indexed text and the query pass through the same [`analyze`]
//! step (words split so that decomposed accents stay in their word; fold
//! case and accents after NFKD; feminine endings made masculine; a French
//! Snowball stemmer; the plural of short words folded), so `economie` finds
//! `Économie`, `formations` finds `formation` and `emplois` finds `emploi`.
//! The store keeps only the analysed words in its FTS5 table and runs the
//! planned queries (it owns the SQL); snippets are cut from the sheet's own
//! text here. Every rule the planner follows is data or a pure function of
//! this module, so the site's script can follow the same rules.

mod analyze;
mod associate;
mod correct;
mod expand;
mod export;
mod fingerprint;
mod french;
mod index;
mod plan;
mod query;
mod snippet;
mod tables;
mod weigh;

pub use analyze::{analyze, each_analysed, stem, words};
pub use associate::{SEEDS, associated};
pub use correct::{Known, MAX_CORRECTED, RARE, RARE_DOUBLED_BY, correction};
pub use expand::{Expander, Expansion};
pub use export::{Rules, index_tokens, rules};
pub use fingerprint::analyzer_fingerprint;
pub use french::{encode as encode_french, is_french, stems as french_stems};
pub use index::{IndexText, association_text, column_texts, index_text};
pub use plan::{HANDFUL, QUERY_STOP_WORDS, is_query_stop_word};
pub use query::{Query, QueryError};
pub use snippet::{Passage, snippet, snippet_fields, snippet_labels, spelling};
pub use tables::{PlannerTables, planner_tables};
pub use weigh::{GroupHits, rank};
