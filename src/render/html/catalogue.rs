//! The pages that list sheets: the catalogue (facets, a page of cards),
//! the pages of one theme or public, and the search page's shell.
//!
//! Every page of the catalogue shows the facet counts of the whole
//! catalogue and one page of cards; the script reads the data file when a
//! reader filters or sorts, and redraws the cards, counts and page links.
//! Without the script, the pages and the theme and public pages lead to
//! every sheet.

use maud::{Markup, html};

use crate::sheet::{Sheet, Vocabularies};

use super::cards::{Paging, Summaries, cards, pagination};
use super::{PageHead, Shell, count_of, page, page_file, thousands};

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
    /// The summaries of the sheets' cards.
    pub summaries: &'a Summaries,
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

/// The search box, sending its words to the search page at `action`.
fn search_form(id: Option<&str>, action: &str) -> Markup {
    html! {
        form id=[id] class="search-form" role="search" action=(action) method="get" {
            label for="q" { "Rechercher dans les fiches" }
            input type="search" id="q" name="q" autocomplete="off";
            button type="submit" { "Rechercher" }
        }
        "\n"
    }
}

/// The checkboxes of one facet.
fn facet(group: &FacetGroup) -> Markup {
    html! {
        fieldset class=[(group.values.len() > 20).then_some("long")] {
            "\n"
            legend { (group.legend) } "\n"
            ul {
                "\n"
                @for (i, value) in group.values.iter().enumerate() {
                    @let id = format!("f-{}-{i}", group.name);
                    li {
                        input type="checkbox" id=(id) name=(group.name) value=(value.value);
                        label for=(id) {
                            (value.label) " "
                            span class="count" id={ (id) "-count" } { (thousands(value.count)) }
                        }
                    }
                    "\n"
                }
            }
            "\n"
        }
        "\n"
    }
}

fn facets_form(facets: &[FacetGroup], total: usize) -> Markup {
    // Shown by the script, which makes it work; without it the page links
    // and the browse links below lead to the same sheets.
    html! {
        details class="filters" id="filters" hidden {
            "\n"
            summary { "Filtrer les fiches" } "\n"
            form class="facets" id="facets" aria-label="Filtrer les fiches" {
                "\n"
                @for group in facets { (facet(group)) }
                div class="filters-bar" {
                    span id="filters-count" { (count_of(total, "fiche")) } " "
                    a class="button" href="#resultats" { "Voir les fiches" }
                }
                "\n"
            }
            "\n"
        }
        "\n"
    }
}

fn browse(facets: &[FacetGroup], root: &str) -> Markup {
    html! {
        @for group in facets {
            @let pages: Vec<(&FacetValue, &str)> = group
                .values
                .iter()
                .filter_map(|v| Some((v, v.page.as_deref()?)))
                .collect();
            @if !pages.is_empty() {
                @let title = format!("Parcourir par {}", group.legend.to_lowercase());
                nav class="browse" aria-label=(title) {
                    "\n"
                    details {
                        "\n"
                        summary { (title) } "\n"
                        ul {
                            "\n"
                            @for (value, page) in pages {
                                li {
                                    a href={ (root) (page) "index.html" } { (value.label) } " "
                                    span class="count" { (thousands(value.count)) }
                                }
                                "\n"
                            }
                        }
                        "\n"
                    }
                    "\n"
                }
                "\n"
            }
        }
    }
}

/// The sort control, shown by the catalogue's script.
fn tools() -> Markup {
    html! {
        div class="tools" id="tools" hidden {
            label for="sort" { "Trier par" } " "
            select id="sort" {
                option value="title" { "titre" }
                option value="updated" { "dernière mise à jour" }
            }
        }
        "\n"
    }
}

/// The notice of unknown filter values and the active filters, shown by
/// the catalogue's script.
fn notices() -> Markup {
    html! {
        div class="notice" id="notice" role="status" hidden {} "\n"
        div class="chips" id="chips" hidden {} "\n"
    }
}

/// The count, (on the catalogue) the sort and the active filters, and one
/// page of cards.
fn results(listing: &Listing, vocabularies: &Vocabularies, root: &str, tools: bool) -> Markup {
    html! {
        div class="results-head" {
            "\n"
            h2 class="summary" id="summary" aria-live="polite" {
                (count_of(listing.total, "fiche"))
            }
            "\n"
            @if tools { (self::tools()) }
            @if listing.paging.count > 1 {
                p class="page-note" id="page-note" {
                    "Page " (listing.paging.number) " sur " (listing.paging.count)
                }
                "\n"
            }
        }
        "\n"
        @if tools { (notices()) }
        (cards(listing.sheets, listing.summaries, vocabularies, root))
        (pagination(listing.paging))
    }
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
    page(shell, &head, |root| {
        html! {
            h1 { (listing.heading) } "\n"
            (search_form(None, &format!("{root}recherche/index.html")))
            div class="catalogue" {
                "\n"
                div class="catalogue-side" {
                    "\n"
                    (facets_form(facets, listing.total))
                    (browse(facets, root))
                }
                "\n"
                section class="listing" id="resultats" aria-labelledby="summary" {
                    "\n"
                    (results(listing, vocabularies, root, true))
                }
                "\n"
            }
            "\n"
        }
    })
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
    page(shell, &head, |root| {
        html! {
            nav class="breadcrumb" aria-label="Fil d’Ariane" {
                ol {
                    li { a href={ (root) "index.html" } { (shell.site_title) } }
                    li { span aria-current="page" { (listing.heading) } }
                }
            }
            "\n"
            h1 { (listing.heading) } "\n"
            @if let Some((facet, value)) = listing.filter {
                p {
                    a href={ (root) "index.html?" (facet) "=" (value) } {
                        "Filtrer ces fiches dans le catalogue"
                    }
                }
                "\n"
            }
            (results(listing, vocabularies, root, false))
        }
    })
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
    page(shell, &head, |_root| {
        html! {
            h1 { "Rechercher une fiche" } "\n"
            (search_form(Some("search-form"), "index.html"))
            p id="search-status" role="status" {} "\n"
            p id="search-note" {} "\n"
            noscript {
                p {
                    "La recherche a besoin de JavaScript. Sans lui, toutes les fiches restent \
                     accessibles depuis l'accueil et les pages par thème et par public."
                }
            }
            "\n"
            ol class="results" id="results" {} "\n"
            button type="button" id="more" hidden { "Plus de fiches" } "\n"
        }
    })
}
