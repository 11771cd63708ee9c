//! The pages that list sheets: the catalogue at the root (`index.html`,
//! `index-2.html`, … a page of cards each, with the facets), and the pages
//! of each theme under `themes/` and each public under `publics/` (paged
//! the same way); with them the search page, the catalogue's data file, the
//! assets and the sitemap.
//!
//! Listings show sheets by title (folded, so accents and capitals do not
//! reorder them), then by id. Pages are handed on one at a time as they
//! are drawn ([`Listings::write`]), and their paths are known before
//! ([`Listings::paths`]), from the same counts.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use anyhow::Result;

use crate::render::html::{
    self, DATA_FILE, Listing, PAGE_SIZE, Paging, Shell, Summaries, page_file, path_segment,
    write_index, write_listing, write_script_data, write_search_page,
};
use crate::sheet::{Sheet, Vocabularies, fold};

use super::paths::{self, ASSETS, SEARCH_PAGE, SITEMAP};
use super::{Options, Put, SiteFile, facets::facets};

/// The published sheets in the order of the listings, and by theme and
/// public.
pub struct Listings<'a> {
    all: Vec<&'a Sheet>,
    /// The summary of each sheet, for its cards and its own page.
    summaries: Summaries,
    themes: BTreeMap<&'a str, Vec<&'a Sheet>>,
    publics: BTreeMap<&'a str, Vec<&'a Sheet>>,
}

impl<'a> Listings<'a> {
    pub fn new(sheets: &'a [Sheet]) -> Listings<'a> {
        let keys: Vec<String> = sheets.iter().map(|s| fold(&s.title)).collect();
        let mut order: Vec<usize> = (0..sheets.len()).collect();
        order.sort_by(|&a, &b| {
            keys[a]
                .cmp(&keys[b])
                .then_with(|| sheets[a].id.cmp(&sheets[b].id))
        });
        let all: Vec<&Sheet> = order.into_iter().map(|i| &sheets[i]).collect();
        Listings {
            summaries: Summaries::new(&all),
            themes: grouped(&all, |s| &s.themes),
            publics: grouped(&all, |s| &s.publics),
            all,
        }
    }

    /// The summaries of the sheets' cards, which their pages show too.
    pub fn summaries(&self) -> &Summaries {
        &self.summaries
    }

    /// Every path [`Listings::write`] writes.
    pub fn paths(&self, options: &Options) -> Vec<String> {
        let mut out: Vec<String> = pages_of("", self.all.len()).collect();
        for (code, members) in &self.themes {
            out.extend(pages_of(&paths::theme(code), members.len()));
        }
        for (code, members) in &self.publics {
            out.extend(pages_of(&paths::public(code), members.len()));
        }
        out.extend([SEARCH_PAGE.to_owned(), DATA_FILE.to_owned()]);
        out.extend(ASSETS.iter().map(|(path, _)| (*path).to_owned()));
        if options.base_url.is_some() {
            out.push(SITEMAP.to_owned());
        }
        out
    }

    /// Draws every listing page, the search page, the data file, the
    /// assets and the sitemap, handing each to `put` as it is made; the
    /// listing pages, thousands in a large catalogue, on every core.
    pub fn write(&self, shell: &Shell, vocabularies: &Vocabularies, put: &Put) -> Result<()> {
        let groups = facets(&self.all, vocabularies);
        let summaries = &self.summaries;
        let lists = self.lists(shell, vocabularies);
        let pages: Vec<(&List, usize)> = lists
            .iter()
            .flat_map(|list| (1..=Paging::pages(list.sheets.len())).map(move |n| (list, n)))
            .collect();
        crate::parallel::try_each(&pages, |_, &(list, number)| {
            let start = (number - 1) * PAGE_SIZE;
            let sheets = list.sheets;
            let listing = Listing {
                folder: &list.folder,
                heading: &list.heading,
                total: sheets.len(),
                sheets: &sheets[start.min(sheets.len())..(start + PAGE_SIZE).min(sheets.len())],
                paging: Paging {
                    number,
                    count: Paging::pages(sheets.len()),
                },
                filter: list.filter.as_ref().map(|(f, v)| (*f, v.as_str())),
                summaries,
            };
            let text = if list.filter.is_none() {
                write_index(shell, &listing, &groups, vocabularies)
            } else {
                write_listing(shell, &listing, vocabularies)
            };
            put(file(format!("{}{}", list.folder, page_file(number)), text))
        })?;
        put(file(SEARCH_PAGE.to_owned(), write_search_page(shell)))?;
        put(file(
            DATA_FILE.to_owned(),
            write_script_data(&self.all, summaries, vocabularies),
        ))?;
        for (path, text) in ASSETS {
            put(file(path.to_owned(), text.to_owned()))?;
        }
        if let Some(base) = shell.base_url {
            put(sitemap(base, &self.all))?;
        }
        Ok(())
    }

    /// The catalogue (the one list without a filter), then the list of
    /// each theme and each public.
    fn lists(&self, shell: &Shell, vocabularies: &Vocabularies) -> Vec<List<'_, 'a>> {
        let mut lists = vec![List {
            folder: String::new(),
            heading: shell.site_title.to_owned(),
            sheets: &self.all,
            filter: None,
        }];
        let vocabularies_pages = [
            (
                "Thème",
                "theme",
                &self.themes,
                &vocabularies.themes,
                paths::theme as fn(&str) -> String,
            ),
            (
                "Public",
                "public",
                &self.publics,
                &vocabularies.publics,
                paths::public,
            ),
        ];
        for (noun, facet, groups, vocabulary, folder) in vocabularies_pages {
            for (code, members) in groups {
                lists.push(List {
                    folder: folder(code),
                    heading: format!("{noun} : {}", vocabulary.label(code)),
                    sheets: members,
                    filter: Some((facet, path_segment(code).into_owned())),
                });
            }
        }
        lists
    }
}

/// One listing, paged.
struct List<'l, 'a> {
    folder: String,
    heading: String,
    sheets: &'l [&'a Sheet],
    /// `(facet, value)` of the catalogue's filter giving the same sheets.
    filter: Option<(&'static str, String)>,
}

fn file(path: String, text: String) -> SiteFile {
    SiteFile {
        path,
        bytes: text.into_bytes(),
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

/// The paths of the pages a listing of `total` sheets in `folder` takes.
fn pages_of(folder: &str, total: usize) -> impl Iterator<Item = String> + '_ {
    (1..=Paging::pages(total)).map(move |number| format!("{folder}{}", page_file(number)))
}

/// `sitemap.xml`, for search engines, when the public address is known.
fn sitemap(base: &str, sheets: &[&Sheet]) -> SiteFile {
    let mut ids: Vec<&str> = sheets.iter().map(|s| s.id.as_str()).collect();
    ids.sort_unstable();
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let base = html::escape(base);
    let _ = writeln!(xml, "<url><loc>{base}</loc></url>");
    for id in ids {
        let _ = writeln!(
            xml,
            "<url><loc>{base}fiches/{}/</loc></url>",
            path_segment(id)
        );
    }
    xml.push_str("</urlset>\n");
    file(SITEMAP.to_owned(), xml)
}
