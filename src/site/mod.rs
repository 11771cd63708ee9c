//! The static web catalogue: which pages a set of sheets gives, their facet
//! counts, the browser-side search index, and writing it all into a folder
//! that may already hold an earlier build.
//!
//! Invariants: the same sheets and options give the same files, byte for
//! byte (no clock, no hash-map order reaches a page); pages are drawn by
//! [`crate::render::html`] from the one layout of a sheet; files are
//! handed to the output tree as they are made, and only files pacte wrote
//! before are replaced or removed in the folder (see
//! [`crate::output::Publisher`]); the folder's manifest names what the
//! build was made from ([`fingerprint`]), so a build from the same, into a
//! folder left as it was, has nothing to do.

mod build;
mod facets;
mod fingerprint;
mod pages;
mod paths;
mod related;
mod search_analysis;
mod search_encode;
mod search_french;
mod search_index;
mod search_postings;

pub use build::publish;
pub use fingerprint::fingerprint;

use anyhow::Result;

use crate::sheet::Sheet;

/// What the site looks like, besides its sheets.
#[derive(Debug, Clone)]
pub struct Options {
    /// The name in every page's header and the home page's heading.
    pub title: String,
    /// Who publishes the catalogue, named in every page's footer.
    pub publisher: Option<String>,
    /// The public address, ending with `/`, for canonical links and the
    /// sitemap.
    pub base_url: Option<String>,
    /// Contacts left out of the pages and the search index.
    pub redact: bool,
}

/// The default name of the site.
pub const DEFAULT_TITLE: &str = "Catalogue des fiches action";

/// One file of the site: its path under the root (with `/`) and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Where the files of the site go, one at a time, as they are made, from
/// any thread.
pub type Put<'a> = dyn Fn(SiteFile) -> Result<()> + Sync + 'a;

/// The published sheets, handed one at a time, in the order of their ids,
/// to the function given, the same each time it is called (each call is a
/// pass over the catalogue).
pub type Source<'a> = dyn Fn(&mut dyn FnMut(Sheet) -> Result<()>) -> Result<()> + 'a;

/// The list of files pacte wrote, one path a line, kept in the site folder.
pub const MANIFEST: &str = ".pacte-site";

/// When the folder `dir` holds what a build made from `built_from` left
/// there, untouched: the number of its files.
pub fn unchanged(dir: &std::path::Path, built_from: &str) -> Result<Option<usize>> {
    crate::output::unchanged_since(dir, MANIFEST, built_from)
}
