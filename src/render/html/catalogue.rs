//! The pages that list sheets: the catalogue (facets, a page of cards),
//! the pages of one theme or public, and the search page's shell.
//!
//! Every page of the catalogue shows the facet counts of the whole
//! catalogue and one page of cards; the script reads the data file when a
//! reader filters or sorts, and redraws the cards, counts and page links.
//! Without the script, the pages and the theme and public pages lead to
//! every sheet.

use std::fmt::Write as _;

use crate::sheet::{Sheet, Vocabularies};

use super::cards::{Paging, write_cards, write_pagination};
use super::{PageHead, Shell, count_of, escape, page_file, thousands, write_page};

/// One value of a facet with the number of sheets that have it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetValue {
    /// The value in URLs and in the data file (see [`super::path_segment`]).
    pub value: String,
    pub label: String,
    pub count: usize,
    /// The folder of the pages listing these sheets, under the root, when
    /// there is one (`themes/ess/`).
    pub page: Option<String>,
}

/// A facet: its name in URLs (`theme`), its legend, its values in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetGroup {
    pub name: &'static str,
    pub legend: &'static str,
    pub values: Vec<FacetValue>,
}

/// One page of a listing: the cards it shows and where it stands.
pub struct Listing<'a> {
    /// The listing's folder under the root (`""`, `themes/ess/`).
    pub folder: &'a str,
    /// The page's heading (the catalogue's name, `Thème : Mobilité`).
    pub heading: &'a str,
    /// The sheets of the whole listing.
    pub total: usize,
    /// The sheets of this page.
    pub sheets: &'a [&'a Sheet],
    pub paging: Paging,
    /// `(facet, value)` of the catalogue's filter giving the same sheets,
    /// for a theme or public page.
    pub filter: Option<(&'a str, &'a str)>,
}

impl Listing<'_> {
    fn path(&self) -> String {
        format!("{}{}", self.folder, page_file(self.paging.number))
    }

    /// `Page 2 sur 200` after the heading, in the page's title.
    fn title(&self) -> String {
        if self.paging.count > 1 {
            format!(
                "{} (page {} sur {})",
                self.heading, self.paging.number, self.paging.count
            )
        } else {
            self.heading.to_owned()
        }
    }
}

const SEARCH_FORM: &str = "<form class=\"search-form\" role=\"search\" action=\"{action}\" method=\"get\">\
     <label for=\"q\">Rechercher dans les fiches</label>\
     <input type=\"search\" id=\"q\" name=\"q\" autocomplete=\"off\">\
     <button type=\"submit\">Rechercher</button></form>\n";

fn write_search_form(out: &mut String, root: &str) {
    out.push_str(&SEARCH_FORM.replace("{action}", &format!("{root}recherche/index.html")));
}

fn write_facets(out: &mut String, facets: &[FacetGroup], total: usize) {
    // Shown by the script, which makes it work; without it the page links
    // and the browse links below lead to the same sheets.
    out.push_str(
        "<details class=\"filters\" id=\"filters\" hidden>\n<summary>Filtrer les fiches</summary>\n\
         <form class=\"facets\" id=\"facets\" aria-label=\"Filtrer les fiches\">\n",
    );
    for group in facets {
        let long = if group.values.len() > 20 {
            " class=\"long\""
        } else {
            ""
        };
        let _ = write!(
            out,
            "<fieldset{long}>\n<legend>{}</legend>\n<ul>\n",
            escape(group.legend)
        );
        for (i, value) in group.values.iter().enumerate() {
            let id = format!("f-{}-{i}", group.name);
            let _ = writeln!(
                out,
                "<li><input type=\"checkbox\" id=\"{id}\" name=\"{}\" value=\"{}\">\
                 <label for=\"{id}\">{} <span class=\"count\" id=\"{id}-count\">{}</span></label></li>",
                group.name,
                escape(&value.value),
                escape(&value.label),
                thousands(value.count)
            );
        }
        out.push_str("</ul>\n</fieldset>\n");
    }
    let _ = write!(
        out,
        "<div class=\"filters-bar\"><span id=\"filters-count\">{}</span> \
         <a class=\"button\" href=\"#resultats\">Voir les fiches</a></div>\n</form>\n</details>\n",
        count_of(total, "fiche")
    );
}

fn write_browse(out: &mut String, facets: &[FacetGroup], root: &str) {
    for group in facets {
        let pages: Vec<&FacetValue> = group.values.iter().filter(|v| v.page.is_some()).collect();
        if pages.is_empty() {
            continue;
        }
        let title = format!("Parcourir par {}", group.legend.to_lowercase());
        let _ = write!(
            out,
            "<nav class=\"browse\" aria-label=\"{0}\">\n<details>\n<summary>{0}</summary>\n<ul>\n",
            escape(&title)
        );
        for value in pages {
            let _ = writeln!(
                out,
                "<li><a href=\"{root}{}index.html\">{}</a> <span class=\"count\">{}</span></li>",
                escape(value.page.as_deref().unwrap_or_default()),
                escape(&value.label),
                thousands(value.count)
            );
        }
        out.push_str("</ul>\n</details>\n</nav>\n");
    }
}

/// The sort control, the notice of unknown filter values and the active
/// filters, all shown by the catalogue's script.
const TOOLS: &str = "<div class=\"tools\" id=\"tools\" hidden>\
     <label for=\"sort\">Trier par</label> <select id=\"sort\">\
     <option value=\"title\">titre</option>\
     <option value=\"updated\">dernière mise à jour</option></select></div>\n";
const NOTICES: &str = "<div class=\"notice\" id=\"notice\" role=\"status\" hidden></div>\n\
     <div class=\"chips\" id=\"chips\" hidden></div>\n";

/// The count, (on the catalogue) the sort and the active filters, and one
/// page of cards.
fn write_results(
    out: &mut String,
    listing: &Listing,
    vocabularies: &Vocabularies,
    root: &str,
    tools: bool,
) {
    let _ = write!(
        out,
        "<div class=\"results-head\">\n<h2 class=\"summary\" id=\"summary\" aria-live=\"polite\">{}</h2>\n",
        count_of(listing.total, "fiche")
    );
    if tools {
        out.push_str(TOOLS);
    }
    if listing.paging.count > 1 {
        let _ = writeln!(
            out,
            "<p class=\"page-note\" id=\"page-note\">Page {} sur {}</p>",
            listing.paging.number, listing.paging.count
        );
    }
    out.push_str("</div>\n");
    if tools {
        out.push_str(NOTICES);
    }
    write_cards(out, listing.sheets, vocabularies, root);
    write_pagination(out, listing.paging);
}

/// One page of the catalogue: the facets, links to the theme and public
/// pages, and one page of cards.
pub fn write_index(
    shell: &Shell,
    listing: &Listing,
    facets: &[FacetGroup],
    vocabularies: &Vocabularies,
) -> String {
    let description = format!(
        "{} d’actions pour l’emploi et l’insertion, à parcourir par thème et par public, \
         à filtrer et à rechercher.",
        count_of(listing.total, "fiche")
    );
    let path = listing.path();
    let title = listing.title();
    let head = PageHead {
        title: &title,
        path: &path,
        description: &description,
        scripts: &[("catalogue.js", false)],
    };
    let mut out = String::new();
    write_page(&mut out, shell, &head, |out, root| {
        let _ = writeln!(out, "<h1>{}</h1>", escape(listing.heading));
        write_search_form(out, root);
        out.push_str("<div class=\"catalogue\">\n<div class=\"catalogue-side\">\n");
        write_facets(out, facets, listing.total);
        write_browse(out, facets, root);
        out.push_str(
            "</div>\n<section class=\"listing\" id=\"resultats\" aria-labelledby=\"summary\">\n",
        );
        write_results(out, listing, vocabularies, root, true);
        out.push_str("</section>\n</div>\n");
    });
    out
}

/// A page of the sheets of one theme or public, reachable without scripts.
pub fn write_listing(shell: &Shell, listing: &Listing, vocabularies: &Vocabularies) -> String {
    let description = format!(
        "{} : {}.",
        listing.heading,
        count_of(listing.total, "fiche")
    );
    let path = listing.path();
    let title = listing.title();
    let head = PageHead {
        title: &title,
        path: &path,
        description: &description,
        scripts: &[],
    };
    let mut out = String::new();
    write_page(&mut out, shell, &head, |out, root| {
        let _ = writeln!(
            out,
            "<nav class=\"breadcrumb\" aria-label=\"Fil d’Ariane\"><ol>\
             <li><a href=\"{root}index.html\">{}</a></li>\
             <li><span aria-current=\"page\">{}</span></li></ol></nav>\n<h1>{}</h1>",
            escape(shell.site_title),
            escape(listing.heading),
            escape(listing.heading)
        );
        if let Some((facet, value)) = listing.filter {
            let _ = writeln!(
                out,
                "<p><a href=\"{root}index.html?{facet}={}\">Filtrer ces fiches dans le catalogue</a></p>",
                escape(value)
            );
        }
        write_results(out, listing, vocabularies, root, false);
    });
    out
}

/// The search page; its script asks the browser-side index.
pub fn write_search_page(shell: &Shell) -> String {
    let head = PageHead {
        title: "Recherche",
        path: "recherche/index.html",
        description: "Rechercher dans le texte de toutes les fiches, avec ou sans accents.",
        scripts: &[
            ("search-stem.js", false),
            ("search-engine.js", false),
            ("search.js", false),
        ],
    };
    let mut out = String::new();
    write_page(&mut out, shell, &head, |out, _root| {
        out.push_str("<h1>Rechercher une fiche</h1>\n");
        out.push_str(
            &SEARCH_FORM
                .replace("{action}", "index.html")
                .replace("<form ", "<form id=\"search-form\" "),
        );
        out.push_str(
            "<p id=\"search-status\" role=\"status\"></p>\n\
             <p id=\"search-note\"></p>\n\
             <noscript><p>La recherche a besoin de JavaScript. Sans lui, toutes les fiches \
             restent accessibles depuis l'accueil et les pages par thème et par public.</p></noscript>\n\
             <ol class=\"results\" id=\"results\"></ol>\n\
             <button type=\"button\" id=\"more\" hidden>Plus de fiches</button>\n",
        );
    });
    out
}
