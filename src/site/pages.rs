//! Which pages the site has and where they live: the catalogue at the root,
//! a page per sheet under `fiches/`, per theme under `themes/`, per public
//! under `publics/`, the search page, the assets and the search index.
//!
//! Every path is relative to the site's root, with `/` separators, made of
//! [`path_segment`]s, so no sheet text can lead a file outside the site.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use anyhow::Result;

use crate::render::html::{
    self, Listing, RelatedSheet, Shell, path_segment, write_index, write_listing,
    write_search_page, write_sheet_page,
};
use crate::sheet::{Sheet, Vocabularies};

use super::{Options, SiteFile, facets::facets, search_index};

/// The stylesheet and scripts, compiled into the binary.
const ASSETS: [(&str, &str); 4] = [
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
        "assets/search.js",
        include_str!("../../assets/site/search.js"),
    ),
];

pub fn sheet(id: &str) -> String {
    format!("fiches/{}/", path_segment(id))
}

pub fn theme(code: &str) -> String {
    format!("themes/{}/", path_segment(code))
}

pub fn public(code: &str) -> String {
    format!("publics/{}/", path_segment(code))
}

fn page(path: &str, html: String) -> SiteFile {
    SiteFile {
        path: format!("{path}index.html"),
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

/// Every file of the site, sorted by path. `sheets` are in the catalogue's
/// order; `related` gives each sheet's related sheets, best first.
/// `earlier_index` returns the search index of an earlier build made from
/// exactly these sheet pages, if there is one, to save rebuilding it.
pub fn build(
    sheets: &[Sheet],
    related: &HashMap<String, Vec<RelatedSheet>>,
    vocabularies: &Vocabularies,
    options: &Options,
    earlier_index: impl FnOnce(&[SiteFile]) -> Option<Vec<SiteFile>>,
) -> Result<Vec<SiteFile>> {
    let shell = Shell {
        site_title: &options.title,
        base_url: options.base_url.as_deref(),
    };
    let all: Vec<&Sheet> = sheets.iter().collect();
    let mut files = Vec::with_capacity(sheets.len() + 64);
    let groups = facets(&all, vocabularies);
    files.push(page("", write_index(&shell, &all, &groups, vocabularies)));
    files.push(page("recherche/", write_search_page(&shell)));

    let mut sheet_pages = Vec::with_capacity(sheets.len());
    for sheet in sheets {
        let none = Vec::new();
        let others = related.get(&sheet.id).unwrap_or(&none);
        sheet_pages.push(page(
            &self::sheet(&sheet.id),
            write_sheet_page(&shell, sheet, vocabularies, others),
        ));
    }
    match earlier_index(&sheet_pages) {
        Some(index) => files.extend(index),
        None => files.extend(search_index::index(&sheet_pages)?),
    }
    files.extend(sheet_pages);

    for (code, members) in grouped(&all, |s| &s.themes) {
        let heading = format!("Thème : {}", vocabularies.themes.label(code));
        let listing = Listing {
            path: &theme(code),
            heading: &heading,
            sheets: &members,
        };
        files.push(page(
            listing.path,
            write_listing(&shell, &listing, vocabularies),
        ));
    }
    for (code, members) in grouped(&all, |s| &s.publics) {
        let heading = format!("Public : {}", vocabularies.publics.label(code));
        let listing = Listing {
            path: &public(code),
            heading: &heading,
            sheets: &members,
        };
        files.push(page(
            listing.path,
            write_listing(&shell, &listing, vocabularies),
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
            "<url><loc>{base}{}</loc></url>",
            self::sheet(&sheet.id)
        );
    }
    xml.push_str("</urlset>\n");
    SiteFile {
        path: "sitemap.xml".to_owned(),
        bytes: xml.into_bytes(),
    }
}
