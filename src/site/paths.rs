//! Where the site's files live, relative to its root, with `/` separators,
//! made of [`path_segment`]s so no sheet text can lead a file outside the
//! site; and the assets compiled into the binary.

use crate::render::html::path_segment;

/// The stylesheet and scripts, compiled into the binary.
pub const ASSETS: [(&str, &str); 7] = [
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

/// The search page.
pub const SEARCH_PAGE: &str = "recherche/index.html";

/// The list of pages for search engines, written when the public address
/// is known.
pub const SITEMAP: &str = "sitemap.xml";

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
