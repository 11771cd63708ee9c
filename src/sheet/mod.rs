//! The action sheet: its type, its vocabularies and the findings made about it.
//!
//! This module owns what a sheet *is*. It never touches SQLite or the
//! terminal. Turning YAML into a [`Sheet`] is [`crate::validate`]'s work.

mod finding;
mod fold;
mod json_schema;
pub mod kind;
pub mod layout;
mod model;
mod redact;
pub mod registry;
mod slug;
mod template;
mod thesaurus;
mod vocabulary;

pub use crate::chars::is_invisible;
pub use finding::{Finding, Severity};
pub use fold::{APOSTROPHES, SEPARATORS, fold, suggest};
pub use json_schema::json_schema;
pub use kind::Privacy;
pub use model::{
    Budget, Contact, Funding, Link, MAX_EUROS, Money, Partners, Period, STATUSES, Sheet, Status,
    Transfer,
};
pub use registry::{FIELDS, KEYS, Key};
pub use slug::{MAX_ID_LEN, id};
pub use template::template;
pub use thesaurus::{Concept, Thesaurus};
pub use vocabulary::{Term, Vocabularies, Vocabulary};
