//! Which pages the site has and where they live: the catalogue at the root
//! (`index.html`, `index-2.html`, … a page of cards each), a page per sheet
//! under `fiches/`, per theme under `themes/` and per public under
//! `publics/` (paged the same way), the search page, the assets, the
//! catalogue's data file and the search index.
//!
//! Every path is relative to the site's root, with `/` separators, made of
//! [`path_segment`]s, so no sheet text can lead a file outside the site.
//! Listings show sheets by title (folded, so accents and capitals do not
//! reorder them), then by id.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use anyhow::Result;

use crate::render::html::{
    self, DATA_FILE, Listing, PAGE_SIZE, Paging, RelatedSheet, Shell, page_file, path_segment,
    write_index, write_listing, write_script_data, write_search_page, write_sheet_page,
};
use crate::sheet::{Sheet, Vocabularies, fold};

use super::{Options, SiteFile, facets::facets, search_index};

/// The stylesheet and scripts, compiled into the binary.
const ASSETS: [(&str, &str); 7] = [
    (
        "assets/icon.svg",
        include_str!("../../assets/site/icon.svg"),
    ),
    (
        "assets/style.css",
        include_str!("../../assets/site/style.css"),
    ),
    (
        "assets/catalogue.js",
        include_str!("../../assets/site/catalogue.js"),
    ),
    (
        "assets/sheet.js",
        include_str!("../../assets/site/sheet.js"),
    ),
    (
        "assets/search.js",
        include_str!("../../assets/site/search.js"),
    ),
    (
        "assets/search-engine.js",
        include_str!("../../assets/site/search-engine.js"),
    ),
    (
        "assets/search-stem.js",
        include_str!("../../assets/site/search-stem.js"),
    ),
];

/// The page of a sheet.
pub fn sheet(id: &str) -> String {
    format!("fiches/{}/index.html", path_segment(id))
}

/// The folder of a theme's pages.
pub fn theme(code: &str) -> String {
    format!("themes/{}/", path_segment(code))
}

/// The folder of a public's pages.
pub fn public(code: &str) -> String {
    format!("publics/{}/", path_segment(code))
}

fn file(path: String, html: String) -> SiteFile {
    SiteFile {
        path,
        bytes: html.into_bytes(),
    }
}

/// Sheets by code, for the pages of one vocabulary.
fn grouped<'a>(
    sheets: &[&'a Sheet],
    codes: impl Fn(&'a Sheet) -> &'a [String],
) -> BTreeMap<&'a str, Vec<&'a Sheet>> {
    let mut groups: BTreeMap<&str, Vec<&Sheet>> = BTreeMap::new();
    for sheet in sheets {
        for code in codes(sheet) {
            groups.entry(code.as_str()).or_default().push(sheet);
        }
    }
    groups
}

/// The pages of one listing, each drawn by `write` from its [`Listing`].
fn paged(
    folder: &str,
    heading: &str,
    sheets: &[&Sheet],
    filter: Option<(&str, &str)>,
    mut write: impl FnMut(&Listing) -> String,
) -> Vec<SiteFile> {
    let count = Paging::pages(sheets.len());
    (1..=count)
        .map(|number| {
            let start = (number - 1) * PAGE_SIZE;
            let page = &sheets[start.min(sheets.len())..(start + PAGE_SIZE).min(sheets.len())];
            let listing = Listing {
                folder,
                heading,
                total: sheets.len(),
                sheets: page,
                paging: Paging { number, count },
                filter,
            };
            file(format!("{folder}{}", page_file(number)), write(&listing))
        })
        .collect()
}

/// Every file of the site, sorted by path. `related` gives each sheet's
/// related sheets, best first.
pub fn build(
    sheets: &[Sheet],
    related: &HashMap<String, Vec<RelatedSheet>>,
    vocabularies: &Vocabularies,
    options: &Options,
) -> Result<Vec<SiteFile>> {
    let shell = Shell {
        site_title: &options.title,
        publisher: options.publisher.as_deref(),
        base_url: options.base_url.as_deref(),
    };
    let mut all: Vec<&Sheet> = sheets.iter().collect();
    let keys: HashMap<&str, String> = sheets
        .iter()
        .map(|s| (s.id.as_str(), fold(&s.title)))
        .collect();
    all.sort_by(|a, b| {
        keys[a.id.as_str()]
            .cmp(&keys[b.id.as_str()])
            .then_with(|| a.id.cmp(&b.id))
    });
    let mut files = Vec::with_capacity(sheets.len() * 11 / 10 + 64);
    let groups = facets(&all, vocabularies);
    files.extend(paged("", &options.title, &all, None, |listing| {
        write_index(&shell, listing, &groups, vocabularies)
    }));
    files.push(file(
        "recherche/index.html".to_owned(),
        write_search_page(&shell),
    ));
    files.push(SiteFile {
        path: DATA_FILE.to_owned(),
        bytes: write_script_data(&all, vocabularies).into_bytes(),
    });

    let mut sheet_pages = Vec::with_capacity(sheets.len());
    for sheet in sheets {
        let none = Vec::new();
        let others = related.get(&sheet.id).unwrap_or(&none);
        sheet_pages.push(file(
            self::sheet(&sheet.id),
            write_sheet_page(&shell, sheet, vocabularies, others),
        ));
    }
    files.extend(search_index::index(sheets, &vocabularies.thesaurus));
    files.extend(sheet_pages);

    for (code, members) in grouped(&all, |s| &s.themes) {
        let heading = format!("Thème : {}", vocabularies.themes.label(code));
        let value = path_segment(code);
        files.extend(paged(
            &theme(code),
            &heading,
            &members,
            Some(("theme", &value)),
            |listing| write_listing(&shell, listing, vocabularies),
        ));
    }
    for (code, members) in grouped(&all, |s| &s.publics) {
        let heading = format!("Public : {}", vocabularies.publics.label(code));
        let value = path_segment(code);
        files.extend(paged(
            &public(code),
            &heading,
            &members,
            Some(("public", &value)),
            |listing| write_listing(&shell, listing, vocabularies),
        ));
    }
    for (path, text) in ASSETS {
        files.push(SiteFile {
            path: path.to_owned(),
            bytes: text.as_bytes().to_vec(),
        });
    }
    if let Some(base) = &options.base_url {
        files.push(sitemap(base, sheets));
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// `sitemap.xml`, for search engines, when the public address is known.
fn sitemap(base: &str, sheets: &[Sheet]) -> SiteFile {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let base = html::escape(base);
    let _ = writeln!(xml, "<url><loc>{base}</loc></url>");
    for sheet in sheets {
        let _ = writeln!(
            xml,
            "<url><loc>{base}fiches/{}/</loc></url>",
            path_segment(&sheet.id)
        );
    }
    xml.push_str("</urlset>\n");
    SiteFile {
        path: "sitemap.xml".to_owned(),
        bytes: xml.into_bytes(),
    }
}
