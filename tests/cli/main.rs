//! Integration tests: the real binary on real files and a real SQLite
//! database in a temporary directory.

// Building fixture text with `format!` is clearer than `write!` in tests.
#![allow(clippy::format_push_string, clippy::format_collect)]

mod env;

mod authoring;
mod browser;
mod convert;
mod database;
mod edit;
mod export;
mod help;
mod hostile;
mod import;
mod interface;
mod layout;
mod list;
mod pipelines;
mod regression;
mod roundtrip;
mod safety;
mod schema;
mod search;
mod show;
mod site;
mod stats;
mod table;
mod terminal;
mod validate;
