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
mod search_index;
mod writer;

use std::collections::{HashMap, HashSet};

use anyhow::Result;

use crate::render::html::RelatedSheet;
use crate::sheet::Sheet;
use crate::store::Store;

pub use pages::build;
pub use writer::{MANIFEST, Written, write};

/// How many related sheets a sheet page shows.
pub const RELATED: usize = 5;

/// What the site looks like, besides its sheets.
#[derive(Debug, Clone)]
pub struct Options {
    /// The name in every page's header and the home page's heading.
    pub title: String,
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

/// For each sheet, the published sheets most like it, best first: sheets
/// left out of the site are not linked to.
pub fn related(store: &Store, sheets: &[Sheet]) -> Result<HashMap<String, Vec<RelatedSheet>>> {
    let published: HashSet<&str> = sheets.iter().map(|s| s.id.as_str()).collect();
    let mut related = HashMap::with_capacity(sheets.len());
    for sheet in sheets {
        // Ask for more than shown, since some may not be published.
        let others = store
            .related(sheet, RELATED * 4)?
            .into_iter()
            .filter(|r| published.contains(r.row.id.as_str()))
            .take(RELATED)
            .map(|r| RelatedSheet {
                id: r.row.id,
                title: r.row.title,
                structure: r.row.structure,
            })
            .collect();
        related.insert(sheet.id.clone(), others);
    }
    Ok(related)
}
