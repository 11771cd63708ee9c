//! The static web catalogue: which pages a set of sheets gives, their facet
//! counts, the browser-side search index, and writing it all into a folder
//! that may already hold an earlier build.
//!
//! Invariants: the same sheets and options give the same files, byte for
//! byte (no clock, no hash-map order reaches a page); pages are drawn by
//! [`crate::render::html`] from the one layout of a sheet; only files pacte
//! wrote before are replaced or removed in the folder (see
//! [`crate::output::publish`]).

mod facets;
mod pages;
mod related;
mod search_encode;
mod search_french;
mod search_index;
mod search_postings;

pub use pages::build;
pub use related::related;

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

/// The list of files pacte wrote, one path a line, kept in the site folder.
pub const MANIFEST: &str = ".pacte-site";

/// Writes `files` into the folder `dir` through the output tree, which
/// replaces or removes only what an earlier build wrote there.
pub fn write(
    dir: &std::path::Path,
    files: &[SiteFile],
) -> anyhow::Result<crate::output::Published> {
    let files: Vec<(&str, &[u8])> = files
        .iter()
        .map(|f| (f.path.as_str(), f.bytes.as_slice()))
        .collect();
    crate::output::publish(dir, MANIFEST, &files)
}

/// The search index that an earlier build wrote into `dir`, when that build
/// had exactly these sheet pages (same paths, same bytes), so the index would
/// come out the same; `None` when anything differs or cannot be read as a
/// regular file pacte wrote.
pub fn earlier_index(dir: &std::path::Path, sheet_pages: &[SiteFile]) -> Option<Vec<SiteFile>> {
    let owned = crate::output::read_owned(dir, MANIFEST).ok()??;
    let earlier_pages = owned
        .paths
        .iter()
        .filter(|p| p.starts_with("fiches/"))
        .count();
    if earlier_pages != sheet_pages.len()
        || !sheet_pages
            .iter()
            .all(|page| owned.holds(&page.path, &page.bytes))
    {
        return None;
    }
    let index: Vec<SiteFile> = owned
        .paths
        .iter()
        .filter(|p| search_index::is_index_file(p))
        .map(|path| {
            owned.read(path).map(|bytes| SiteFile {
                path: path.clone(),
                bytes,
            })
        })
        .collect::<Option<_>>()?;
    (!index.is_empty()).then_some(index)
}
