//! Integration tests: the real binary on real files and a real SQLite
//! database in a temporary directory.

// Building fixture text with `format!` is clearer than `write!` in tests.
#![allow(clippy::format_push_string, clippy::format_collect)]

mod env;

mod analyzer;
mod authoring;
mod browser;
mod catalogue;
mod controls;
mod convert;
mod database;
mod diff;
mod edit;
mod export;
mod foreign;

mod github;
mod help;
mod hostile;
mod import;
mod interface;
mod layout;
mod list;
mod names;
mod obeyed;
mod pipelines;
mod redaction;
mod registry;
mod regression;
mod relevance;
mod review;
mod roundtrip;
mod safety;
mod schema;
mod search;
mod search_meaning;
mod search_planner;
mod show;
mod site;
mod site_escaping;
mod stats;
mod streaming;
mod sync;
mod table;
mod targets;
mod terminal;
mod trees;
mod unicode;
mod validate;
mod walk;
