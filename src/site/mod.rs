//! The static web catalogue: which pages a set of sheets gives, their facet
//! counts, the browser-side search index, and writing it all into a folder
//! that may already hold an earlier build.
//!
//! Invariants: the same sheets and options give the same files, byte for
//! byte (no clock, no hash-map order reaches a page); pages are drawn by
//! [`crate::render::html`] from the one layout of a sheet; only files pacte
//! wrote before are replaced or removed in the folder (see [`writer`]).

mod facets;
mod pages;
mod related;
mod search_encode;
mod search_french;
mod search_index;
mod search_postings;
mod writer;

pub use pages::build;
pub use related::related;
pub use writer::{MANIFEST, Written, earlier_index, write};

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
}

/// The default name of the site.
pub const DEFAULT_TITLE: &str = "Catalogue des fiches action";

/// One file of the site: its path under the root (with `/`) and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteFile {
    pub path: String,
    pub bytes: Vec<u8>,
}
