//! The browser-side search index, built by Pagefind from the sheet pages.
//!
//! Pagefind reads the part of each page marked `data-pagefind-body` (the
//! sheet itself, not the navigation or the related sheets), stems it as
//! French and writes a chunked index that the search page's script fetches
//! piece by piece. Only the files that script needs are kept (not
//! Pagefind's ready-made interfaces, which pacte does not use).

use anyhow::{Context, Result};
use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

use super::SiteFile;

/// Whether a path of the site belongs to the index.
pub fn is_index_file(path: &str) -> bool {
    path.starts_with(FOLDER)
}

/// Where the index lives under the site's root.
pub const FOLDER: &str = "pagefind/";

/// Pagefind's files that the search page does not load.
fn is_needed(name: &str) -> bool {
    !(name.contains("-ui.")
        || name.contains("highlight")
        || name.starts_with("playground")
        || name.starts_with("pagefind-component"))
}

/// The index files for these pages, under [`FOLDER`].
pub fn index(pages: &[SiteFile]) -> Result<Vec<SiteFile>> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .context("cannot start the search indexer")?;
    runtime.block_on(async {
        let config = PagefindServiceConfig::builder()
            .force_language("fr".to_owned())
            .build();
        let mut index = PagefindIndex::new(Some(config)).context("cannot set up Pagefind")?;
        for page in pages {
            let html = String::from_utf8_lossy(&page.bytes).into_owned();
            index
                .add_html_file(Some(page.path.clone()), None, html)
                .await
                .with_context(|| format!("cannot index {}", page.path))?;
        }
        let files = if pages.is_empty() {
            Vec::new()
        } else {
            index
                .get_files()
                .await
                .context("cannot build the search index")?
        };
        Ok(files
            .into_iter()
            .filter_map(|file| {
                let name = file.filename.to_string_lossy().replace('\\', "/");
                is_needed(&name).then(|| SiteFile {
                    path: format!("{FOLDER}{name}"),
                    bytes: file.contents,
                })
            })
            .collect())
    })
}
