//! Partner and funder names compared through the thesaurus.
//!
//! `pacte_name_key(text)` is the SQL face of
//! [`crate::sheet::Thesaurus::name_key`]: filters, statistics and "related"
//! compare names by it, so "FSE" and "Fonds Social Européen" are one funder.
//! The stored names are never rewritten. Every connection gets the
//! built-in thesaurus; [`Store::use_thesaurus`] swaps in a catalogue's.

use rusqlite::Connection;
use rusqlite::functions::FunctionFlags;

use crate::sheet::{Thesaurus, Vocabularies};

use super::Store;

fn register(
    conn: &Connection,
    key: impl Fn(&str) -> String + Send + 'static,
) -> rusqlite::Result<()> {
    conn.create_scalar_function(
        "pacte_name_key",
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        move |ctx| {
            let text: Option<String> = ctx.get(0)?;
            Ok(text.map(|t| key(&t)))
        },
    )
}

/// Adds `pacte_name_key` with the built-in thesaurus.
pub(super) fn add_name_key(conn: &Connection) -> rusqlite::Result<()> {
    register(conn, |name| {
        Vocabularies::compiled().thesaurus.name_key(name)
    })
}

impl Store {
    /// Compares names through `thesaurus` (the built-in one completed by a
    /// catalogue's vocabulary file) from now on.
    pub fn use_thesaurus(&self, thesaurus: &Thesaurus) -> anyhow::Result<()> {
        let thesaurus = thesaurus.clone();
        register(&self.conn, move |name| thesaurus.name_key(name))?;
        Ok(())
    }
}
