//! HTML for the static site: the page shell, escaping, links, and the pages
//! themselves (a sheet, the catalogue, listings, search).
//!
//! Invariants: pages are written with maud's [`html!`] templates, which
//! escape every value they are given, so sheet text cannot become markup
//! however it is spelled. Markup that is already HTML enters a template in
//! one place only, [`markdown::markdown`] (pulldown-cmark's output, with raw
//! HTML turned into text); a unit test below keeps it so. The templates
//! write their line breaks (`"\n"`) between block elements themselves, so
//! that a page's source reads line by line and two builds compare with
//! `diff`. A link to elsewhere is written only for an `http`/`https`
//! address, with `rel="noopener noreferrer"`; pages refer to each other and to their assets
//! by relative addresses that name a file (`../../index.html`, never `/` or a
//! bare folder), so the same folder works on any host, under any path and
//! opened from disk; nothing is loaded from outside the site, which the
//! Content-Security-Policy of every page enforces. Headings go down one
//! level at a time. Output depends only on its input: no clock, no
//! randomness, no hash-map order.

mod cards;
mod catalogue;
mod markdown;
mod place;
mod script_data;
mod sheet;

use std::borrow::Cow;
use std::fmt::Write as _;

use maud::{DOCTYPE, Markup, html};

pub use cards::{PAGE_SIZE, Paging, Summaries, page_file, summary};
pub use catalogue::{
    FacetGroup, FacetValue, Listing, write_index, write_listing, write_search_page,
};
pub use place::{department as department_label, department_name};
pub use script_data::{DATA_FILE, write_script_data};
pub use sheet::{RelatedSheet, write_sheet_page};

/// What pages may load: their own scripts, styles and data from the site
/// itself; nothing else, no inline code.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; \
     style-src 'self'; img-src 'self'; connect-src 'self'; worker-src 'self'; form-action 'self'; base-uri 'none'";

/// Text made safe inside HTML content and quoted attribute values, for the
/// rare text written outside a template (the sitemap's addresses): the same
/// escaping as every `(…)` of an [`html!`] template.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.contains(['&', '<', '>', '"']) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let _ = maud::Escaper::new(&mut out).write_str(text);
    Cow::Owned(out)
}

/// Whether an address may be linked to: `http` or `https` only (any case),
/// with something after the scheme.
pub fn is_web_address(url: &str) -> bool {
    let url = url.trim();
    let Some((scheme, rest)) = url.split_once(':') else {
        return false;
    };
    (scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https"))
        && rest.starts_with("//")
        && rest.len() > 2
}

/// A link to elsewhere, or the plain text when the address is not a web
/// address.
pub fn external_link(url: &str, text: &str) -> Markup {
    html! {
        @if is_web_address(url) {
            a href=(url.trim()) rel="noopener noreferrer" { (text) }
        } @else {
            (text)
        }
    }
}

/// What every page shares: the site's name, its publisher, and its public
/// address when known.
#[derive(Debug, Clone)]
pub struct Shell<'a> {
    pub site_title: &'a str,
    /// Who publishes the catalogue, named in every page's footer.
    pub publisher: Option<&'a str>,
    /// The site's public address, ending with `/`, for canonical links.
    pub base_url: Option<&'a str>,
}

impl Shell<'_> {
    /// The public address of a page, when the site's is known: a folder's
    /// `index.html` is left out, as servers give it for the folder.
    pub fn public_address(&self, path: &str) -> Option<String> {
        self.base_url
            .map(|base| format!("{base}{}", path.strip_suffix("index.html").unwrap_or(path)))
    }
}

/// One page's place and head.
pub struct PageHead<'a> {
    /// The `<title>`; the site's name is added after it.
    pub title: &'a str,
    /// The page's file under the root: `index.html` for the home page,
    /// `fiches/pacte-ess/index.html` for a sheet.
    pub path: &'a str,
    /// What the page is about, in a sentence or two, for search engines and
    /// link previews.
    pub description: &'a str,
    /// Scripts under `assets/`, as (file, is a module).
    pub scripts: &'a [(&'a str, bool)],
}

impl PageHead<'_> {
    /// The relative prefix that leads from this page back to the root.
    pub fn root(&self) -> String {
        "../".repeat(self.path.matches('/').count())
    }
}

/// The `<head>`'s elements: title, description and link previews, icon and
/// stylesheet, canonical address, scripts.
fn head_elements(shell: &Shell, head: &PageHead, root: &str) -> Markup {
    let title = if head.path == "index.html" {
        shell.site_title.to_owned()
    } else {
        format!("{} — {}", head.title, shell.site_title)
    };
    html! {
        meta charset="utf-8"; "\n"
        meta name="viewport" content="width=device-width, initial-scale=1"; "\n"
        meta http-equiv="Content-Security-Policy" content=(CONTENT_SECURITY_POLICY); "\n"
        meta name="referrer" content="no-referrer"; "\n"
        title { (title) } "\n"
        meta name="description" content=(head.description); "\n"
        meta property="og:type" content="website"; "\n"
        meta property="og:site_name" content=(shell.site_title); "\n"
        meta property="og:locale" content="fr_FR"; "\n"
        meta property="og:title" content=(head.title); "\n"
        meta property="og:description" content=(head.description); "\n"
        link rel="icon" href={ (root) "assets/icon.svg" } type="image/svg+xml"; "\n"
        link rel="stylesheet" href={ (root) "assets/style.css" }; "\n"
        @if let Some(address) = shell.public_address(head.path) {
            link rel="canonical" href=(address); "\n"
            meta property="og:url" content=(address); "\n"
        }
        @for (script, module) in head.scripts {
            script type=[module.then_some("module")] defer[!module]
                src={ (root) "assets/" (script) } {}
            "\n"
        }
    }
}

/// The header every page starts with: the way past it, the site's name,
/// the main navigation.
fn site_header(shell: &Shell, root: &str) -> Markup {
    html! {
        a class="skip" href="#contenu" { "Aller au contenu" } "\n"
        header class="site-header" {
            "\n"
            div class="wrap" {
                "\n"
                a class="site-name" href={ (root) "index.html" } { (shell.site_title) } "\n"
                nav aria-label="Navigation principale" {
                    ul {
                        li { a href={ (root) "index.html" } { "Toutes les fiches" } }
                        li { a href={ (root) "recherche/index.html" } { "Recherche" } }
                    }
                }
                "\n"
            }
            "\n"
        }
        "\n"
    }
}

/// A whole page: head, header with navigation, the main content that
/// `main` draws (given the prefix back to the root), footer.
pub fn page(shell: &Shell, head: &PageHead, main: impl FnOnce(&str) -> Markup) -> String {
    let root = head.root();
    html! {
        (DOCTYPE) "\n"
        html lang="fr" {
            "\n"
            head { "\n" (head_elements(shell, head, &root)) }
            "\n"
            body {
                "\n"
                (site_header(shell, &root))
                main id="contenu" { "\n" (main(&root)) }
                "\n"
                (footer(shell, &root))
            }
            "\n"
        }
        "\n"
    }
    .into_string()
}

/// The footer, for readers: whose catalogue this is and what the site
/// does with them (nothing).
fn footer(shell: &Shell, root: &str) -> Markup {
    html! {
        footer class="site-footer" {
            "\n"
            div class="wrap" {
                "\n"
                p class="site-owner" {
                    a href={ (root) "index.html" } { (shell.site_title) }
                    @if let Some(publisher) = shell.publisher {
                        ", publié par " (publisher) "."
                    }
                }
                "\n"
                p {
                    "Chaque fiche décrit une action menée sur un territoire, telle que la structure \
                     qui la porte l’a rédigée ; pour en savoir plus sur une action, écrivez aux \
                     contacts indiqués sur sa fiche."
                }
                "\n"
                p {
                    "Ce site ne dépose pas de cookie, ne mesure pas votre visite et ne charge \
                     rien depuis un autre site."
                }
                "\n"
            }
            "\n"
        }
        "\n"
    }
}

/// A code or id as one path segment and one token of a `data-` list:
/// itself when it is made of ASCII letters, digits and hyphens
/// (every id, every built-in code), else each other character as `_xx`
/// hexadecimal bytes, so the result is always safe and never ambiguous.
pub fn path_segment(code: &str) -> Cow<'_, str> {
    if !code.is_empty() && code.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
        return Cow::Borrowed(code);
    }
    let mut out = String::with_capacity(code.len() * 3);
    for b in code.bytes() {
        if b.is_ascii_alphanumeric() || b == b'-' {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "_{b:02x}");
        }
    }
    Cow::Owned(out)
}

/// Singular or plural French noun after a count: `1 fiche`, `3 fiches`,
/// `10 000 fiches` (thousands apart by a narrow no-break space, as the
/// page's script writes them too).
pub fn count_of(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{} {noun}s", thousands(count))
    }
}

/// `10 000`, with a narrow no-break space between groups of three digits.
pub fn thousands(count: usize) -> String {
    let digits = count.to_string();
    let mut out = String::with_capacity(digits.len() + 8);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{202f}');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_are_escaped() {
        assert_eq!(
            escape("<script>alert(\"x\" & 'y')</script>"),
            "&lt;script&gt;alert(&quot;x&quot; &amp; 'y')&lt;/script&gt;"
        );
        assert!(matches!(escape("Économie l'été"), Cow::Borrowed(_)));
    }

    #[test]
    fn only_web_addresses_become_links() {
        for url in ["https://example.org", "HTTP://a.fr/x", " https://a.fr "] {
            assert!(is_web_address(url), "{url}");
        }
        for url in [
            "javascript:alert(1)",
            "data:text/html,x",
            "//a.fr",
            "https:",
            "ftp://a",
        ] {
            assert!(!is_web_address(url), "{url}");
        }
        assert_eq!(
            external_link("javascript:alert(1)", "<b>").into_string(),
            "&lt;b&gt;"
        );
        assert_eq!(
            external_link("https://a.fr/?a=1&b=\"2\"", "A").into_string(),
            "<a href=\"https://a.fr/?a=1&amp;b=&quot;2&quot;\" rel=\"noopener noreferrer\">A</a>"
        );
    }

    /// The one way around the templates' escaping is maud's `PreEscaped`;
    /// only the Markdown renderer may take it, once.
    #[test]
    fn only_the_markdown_renderer_inserts_markup_as_it_is() {
        let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/src/render/html");
        let mut sources = Vec::new();
        for entry in std::fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            let file = path.file_name().unwrap().to_string_lossy().into_owned();
            sources.push((file, std::fs::read_to_string(&path).unwrap()));
        }
        assert!(sources.len() >= 7, "{} files", sources.len());
        for (file, source) in &sources {
            let code = source.split("#[cfg(test)]").next().unwrap_or_default();
            let uses: usize = code
                .lines()
                .filter(|line| !line.trim_start().starts_with("//"))
                .map(|line| line.matches("PreEscaped").count())
                .sum();
            // Its import and its one use.
            let allowed = if file == "markdown.rs" { 2 } else { 0 };
            assert_eq!(uses, allowed, "{file} inserts markup without escaping");
        }
    }

    #[test]
    fn counts_read_the_french_way() {
        assert_eq!(count_of(1, "fiche"), "1 fiche");
        assert_eq!(count_of(0, "fiche"), "0 fiches");
        assert_eq!(count_of(999, "fiche"), "999 fiches");
        assert_eq!(count_of(10_000, "fiche"), "10\u{202f}000 fiches");
        assert_eq!(thousands(1_234_567), "1\u{202f}234\u{202f}567");
    }

    #[test]
    fn codes_become_safe_segments() {
        assert_eq!(path_segment("pacte-ess"), "pacte-ess");
        assert_eq!(path_segment("2A"), "2A");
        assert_eq!(path_segment("../x y"), "_2e_2e_2fx_20y");
        assert_eq!(path_segment("é"), "_c3_a9");
        assert_eq!(path_segment(""), "");
    }

    #[test]
    fn the_root_prefix_follows_the_depth() {
        let head = |path| PageHead {
            title: "",
            path,
            description: "",
            scripts: &[],
        };
        assert_eq!(head("index.html").root(), "");
        assert_eq!(head("index-2.html").root(), "");
        assert_eq!(head("recherche/index.html").root(), "../");
        assert_eq!(head("fiches/pacte-ess/index.html").root(), "../../");
    }
}
