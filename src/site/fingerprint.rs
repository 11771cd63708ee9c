//! What a site is built from, as one short text kept in the folder's
//! manifest: when the next build is made from the same, and the files are
//! as that build left them, nothing needs to be made again.
//!
//! Invariant: everything that decides a byte of the site is in it: the
//! program (its version and the executable itself, whose size and time
//! change with every build of it), the options, the vocabularies and the
//! thesaurus (the built-in ones and the catalogue's own), and each
//! published sheet by id and the hash of its stored content. The assets
//! and the page layouts are compiled into the executable. Nothing else
//! (no clock, no machine) reaches a page.

use serde::Serialize;

use crate::search::Expander;
use crate::sheet::{Term, Vocabularies};

use super::Options;

#[derive(Serialize)]
struct Inputs<'a> {
    version: &'static str,
    program: String,
    title: &'a str,
    publisher: Option<&'a str>,
    base_url: Option<&'a str>,
    redact: bool,
    themes: &'a [Term],
    publics: &'a [Term],
    thesaurus: &'a [Vec<Vec<String>>],
    sheets: &'a [(String, String)],
}

/// The fingerprint of a site of the sheets `hashes` lists (id and stored
/// content hash, by id) with these vocabularies and options.
pub fn fingerprint(
    hashes: &[(String, String)],
    vocabularies: &Vocabularies,
    options: &Options,
) -> String {
    let expander = Expander::new(&vocabularies.thesaurus);
    let inputs = Inputs {
        version: env!("CARGO_PKG_VERSION"),
        program: program(),
        title: &options.title,
        publisher: options.publisher.as_deref(),
        base_url: options.base_url.as_deref(),
        redact: options.redact,
        themes: vocabularies.themes.terms(),
        publics: vocabularies.publics.terms(),
        thesaurus: expander.entries(),
        sheets: hashes,
    };
    let text = serde_json::to_vec(&inputs).unwrap_or_default();
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(&text))
}

/// The running executable, as its path, size and modification time; when
/// it cannot be known, something no later build repeats, so that nothing
/// is ever taken as unchanged.
fn program() -> String {
    let meta = std::env::current_exe().and_then(|exe| {
        let meta = std::fs::metadata(&exe)?;
        Ok((exe, meta.len(), meta.modified()?))
    });
    match meta {
        Ok((exe, size, modified)) => format!("{} {size} {modified:?}", exe.display()),
        Err(_) => format!("{} {:?}", std::process::id(), std::time::SystemTime::now()),
    }
}
