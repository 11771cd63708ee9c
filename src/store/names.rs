//! Partner and funder names compared through the thesaurus.
//!
//! `pacte_name_key(text)` is the SQL face of
//! [`crate::sheet::Thesaurus::name_key`]: filters, statistics and "related"
//! compare names by it, so "FSE" and "Fonds Social Européen" are one funder.
//! The stored names are never rewritten. Every connection gets the
//! built-in thesaurus; [`Store::use_thesaurus`] swaps in a catalogue's.

use std::sync::{Arc, OnceLock};

use rusqlite::Connection;
use rusqlite::functions::FunctionFlags;

use crate::sheet::Thesaurus;

use super::Store;

/// The thesaurus a connection compares names through.
enum Names {
    /// The built-in one, parsed at the first comparison only: most
    /// commands never compare a name, and every command opens the store.
    Builtin,
    Own(Arc<Thesaurus>),
}

fn register(conn: &Connection, names: Names) -> rusqlite::Result<()> {
    static BUILTIN: OnceLock<Thesaurus> = OnceLock::new();
    conn.create_scalar_function(
        "pacte_name_key",
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        move |ctx| {
            let thesaurus = match &names {
                Names::Builtin => BUILTIN.get_or_init(Thesaurus::builtin),
                Names::Own(thesaurus) => thesaurus,
            };
            let text: Option<String> = ctx.get(0)?;
            Ok(text.map(|t| thesaurus.name_key(&t)))
        },
    )
}

/// Adds `pacte_name_key` with the built-in thesaurus.
pub(super) fn add_name_key(conn: &Connection) -> rusqlite::Result<()> {
    register(conn, Names::Builtin)
}

impl Store {
    /// Compares names through `thesaurus` (the built-in one completed by a
    /// catalogue's vocabulary file) from now on.
    pub fn use_thesaurus(&self, thesaurus: &Thesaurus) -> anyhow::Result<()> {
        register(&self.conn, Names::Own(Arc::new(thesaurus.clone())))?;
        Ok(())
    }
}
