//! Pages of the old web catalogue → schema-1 YAML drafts.
//!
//! A legacy page is plain text: some page chrome, the title, section
//! headings in capitals, and `Label :` parts whose values run until the next
//! label, sometimes several on one line, with ` \ ` standing for a line
//! break. The converter maps every part it knows to schema 1 and keeps every
//! other part as a YAML comment with a warning: nothing is dropped silently.
//! The draft is not expected to validate before a person adds an `id` and
//! the themes, which the old pages seldom give.

mod fields;
mod page;
mod parts;
mod propose;

pub use page::{Draft, convert};
