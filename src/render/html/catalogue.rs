//! The pages that list sheets: the catalogue (cards and facets), a page per
//! theme or public, and the search page.

use std::fmt::Write as _;

use crate::sheet::{Sheet, Vocabularies};

use super::{PageHead, Shell, count_of, escape, path_segment, sheet::place_and_period, write_page};

/// One value of a facet with the number of sheets that have it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetValue {
    /// The value in URLs and on cards (see [`path_segment`]).
    pub value: String,
    pub label: String,
    pub count: usize,
    /// The page listing these sheets, under the root, when there is one.
    pub page: Option<String>,
}

/// A facet: its name in URLs (`theme`), its legend, its values in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetGroup {
    pub name: &'static str,
    pub legend: &'static str,
    pub values: Vec<FacetValue>,
}

/// A page listing some sheets (a theme's, a public's).
pub struct Listing<'a> {
    pub path: &'a str,
    pub heading: &'a str,
    pub sheets: &'a [&'a Sheet],
}

const SEARCH_FORM: &str = "<form class=\"search-form\" role=\"search\" action=\"{root}recherche/\" method=\"get\">\
     <label for=\"q\">Rechercher dans les fiches</label>\
     <input type=\"search\" id=\"q\" name=\"q\" autocomplete=\"off\">\
     <button type=\"submit\">Rechercher</button></form>\n";

fn write_search_form(out: &mut String, root: &str) {
    out.push_str(&SEARCH_FORM.replace("{root}", root));
}

/// The facet values a card carries, for the page's script.
fn write_card(out: &mut String, sheet: &Sheet, vocabularies: &Vocabularies, root: &str) {
    let tokens = |codes: &[String]| -> String {
        codes
            .iter()
            .map(|c| path_segment(c).into_owned())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let _ = write!(
        out,
        "<li class=\"card\" data-theme=\"{}\" data-public=\"{}\" data-status=\"{}\" \
         data-department=\"{}\" data-reproducible=\"{}\">\n<h3><a href=\"{root}fiches/{}/\">{}</a></h3>\n",
        escape(&tokens(&sheet.themes)),
        escape(&tokens(&sheet.publics)),
        sheet.status.code(),
        escape(
            &sheet
                .department
                .as_deref()
                .map(path_segment)
                .unwrap_or_default()
        ),
        sheet.reproducible,
        path_segment(&sheet.id),
        escape(&sheet.title),
    );
    let _ = writeln!(out, "<p class=\"meta\">{}</p>", escape(&sheet.structure));
    let details = place_and_period(sheet);
    if !details.is_empty() {
        let _ = writeln!(out, "<p class=\"meta\">{}</p>", escape(&details));
    }
    let _ = writeln!(
        out,
        "<p class=\"status\">{}</p>",
        escape(&crate::render::format::status(
            sheet.status,
            sheet.reproducible
        ))
    );
    out.push_str("<ul class=\"tags\" aria-label=\"Thèmes\">");
    for code in &sheet.themes {
        let _ = write!(out, "<li>{}</li>", escape(vocabularies.themes.label(code)));
    }
    out.push_str("</ul>\n</li>\n");
}

fn write_cards(out: &mut String, sheets: &[&Sheet], vocabularies: &Vocabularies, root: &str) {
    out.push_str("<ul class=\"cards\" id=\"cards\">\n");
    for sheet in sheets {
        write_card(out, sheet, vocabularies, root);
    }
    out.push_str("</ul>\n");
}

fn write_facets(out: &mut String, facets: &[FacetGroup]) {
    // Shown by the script, which makes it work; without it the browse
    // links below lead to the same sheets.
    out.push_str(
        "<details class=\"filters\" id=\"filters\" hidden>\n<summary>Filtrer les fiches</summary>\n\
         <form class=\"facets\" id=\"facets\" aria-label=\"Filtrer les fiches\">\n",
    );
    for group in facets {
        let _ = write!(
            out,
            "<fieldset>\n<legend>{}</legend>\n<ul>\n",
            escape(group.legend)
        );
        for (i, value) in group.values.iter().enumerate() {
            let id = format!("f-{}-{i}", group.name);
            let _ = writeln!(
                out,
                "<li><input type=\"checkbox\" id=\"{id}\" name=\"{}\" value=\"{}\">\
                 <label for=\"{id}\">{}</label> <span class=\"count\" id=\"{id}-count\">{}</span></li>",
                group.name,
                escape(&value.value),
                escape(&value.label),
                value.count
            );
        }
        out.push_str("</ul>\n</fieldset>\n");
    }
    out.push_str(
        "<button type=\"button\" class=\"secondary\" id=\"facets-reset\">Tout afficher</button>\n</form>\n</details>\n",
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
                "<li><a href=\"{root}{}\">{}</a> <span class=\"count\">{}</span></li>",
                escape(value.page.as_deref().unwrap_or_default()),
                escape(&value.label),
                value.count
            );
        }
        out.push_str("</ul>\n</details>\n</nav>\n");
    }
}

/// The home page: every sheet as a card, the facets, and links to the
/// theme and public pages.
pub fn write_index(
    shell: &Shell,
    sheets: &[&Sheet],
    facets: &[FacetGroup],
    vocabularies: &Vocabularies,
) -> String {
    let head = PageHead {
        title: shell.site_title,
        path: "",
        scripts: &[("catalogue.js", false)],
    };
    let mut out = String::new();
    write_page(&mut out, shell, &head, |out, root| {
        let _ = writeln!(out, "<h1>{}</h1>", escape(shell.site_title));
        write_search_form(out, root);
        out.push_str("<div class=\"catalogue\">\n<aside aria-label=\"Filtres\">\n");
        write_facets(out, facets);
        write_browse(out, facets, root);
        out.push_str("</aside>\n<section aria-labelledby=\"summary\">\n");
        let _ = writeln!(
            out,
            "<h2 class=\"summary\" id=\"summary\" aria-live=\"polite\">{}</h2>",
            count_of(sheets.len(), "fiche")
        );
        write_cards(out, sheets, vocabularies, root);
        out.push_str("</section>\n</div>\n");
    });
    out
}

/// A page of the sheets of one theme or public, reachable without scripts.
pub fn write_listing(shell: &Shell, listing: &Listing, vocabularies: &Vocabularies) -> String {
    let head = PageHead {
        title: listing.heading,
        path: listing.path,
        scripts: &[],
    };
    let mut out = String::new();
    write_page(&mut out, shell, &head, |out, root| {
        let _ = writeln!(
            out,
            "<h1>{}</h1>\n<p class=\"summary\">{}</p>",
            escape(listing.heading),
            count_of(listing.sheets.len(), "fiche")
        );
        write_cards(out, listing.sheets, vocabularies, root);
    });
    out
}

/// The search page; its script asks the browser-side index.
pub fn write_search_page(shell: &Shell) -> String {
    let head = PageHead {
        title: "Recherche",
        path: "recherche/",
        scripts: &[("search.js", true)],
    };
    let mut out = String::new();
    write_page(&mut out, shell, &head, |out, root| {
        out.push_str("<h1>Rechercher une fiche</h1>\n");
        out.push_str(
            &SEARCH_FORM
                .replace("{root}", root)
                .replace("<form ", "<form id=\"search-form\" "),
        );
        out.push_str(
            "<p id=\"search-status\" role=\"status\"></p>\n\
             <noscript><p>La recherche a besoin de JavaScript. Sans lui, toutes les fiches \
             restent accessibles depuis l'accueil et les pages par thème et par public.</p></noscript>\n\
             <ol class=\"results\" id=\"results\"></ol>\n",
        );
    });
    out
}
