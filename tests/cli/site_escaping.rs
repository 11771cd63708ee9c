//! `pacte site` given text written to break out of its pages: every field a
//! page shows, the labels of a vocabulary, the site's name and its publisher
//! carry `<script>`, both quotes, `&` and `</script>`. Every page type must
//! show them as text, made only of the site's own tags, and the data files
//! the scripts read must hold them as data.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

use crate::env::TestEnv;

/// Text that would run a script, close an attribute or end a script
/// element if it reached a page as it is.
pub const HOSTILE: &str = "<script>alert('x')</script> \"q\" & </script>";

/// [`HOSTILE`] as a page shows it.
const ESCAPED: &str = "&lt;script&gt;alert('x')&lt;/script&gt; &quot;q&quot; &amp; &lt;/script&gt;";

/// [`HOSTILE`] in Markdown text, where pulldown-cmark leaves the double
/// quote as it is (outside a tag it ends nothing).
const ESCAPED_MARKDOWN: &str =
    "&lt;script&gt;alert('x')&lt;/script&gt; \"q\" &amp; &lt;/script&gt;";

/// `label` followed by the hostile text, as a YAML scalar.
fn field(label: &str) -> String {
    serde_json::to_string(&format!("{label} {HOSTILE}")).unwrap()
}

/// A sheet with the hostile text in every field a page shows.
fn hostile_sheet() -> String {
    let description = serde_json::to_string(&format!(
        "Description {HOSTILE}. Voir [ici](javascript:alert(1)), <img src=x onerror=alert(2)> \
         et [le site](https://example.org/a?b=1&c=\"2\")."
    ))
    .unwrap();
    let results = serde_json::to_string(&format!(
        "Résultats {HOSTILE}\n\n- [js](JavaScript:alert(3))\n- <b>gras</b>"
    ))
    .unwrap();
    let url = serde_json::to_string("https://example.org/r?a=1&b=\"2\"'x'<y>").unwrap();
    format!(
        "id: piege\ntitle: {}\nstructure: {}\nterritory: {}\ndepartment: \"68\"\n\
         status: ongoing\nthemes: [piege-theme, ess]\npublics: [piege-public]\n\
         partners: {{specific: [{}], funders: [{}], others: [{}]}}\n\
         objectives: [{}]\ndescription: {description}\nmeans: {}\nresults: {results}\n\
         tools: [{}]\nadded_value: {}\n\
         contacts: [{{name: {}, role: {}, email: contact@example.org}}]\n\
         transfer: {{success_factors: [{}], difficulties: [{}]}}\n\
         updated: 2024-03-01\nlinks: [{{title: {}, url: {url}}}, {{url: {url}}}]\n",
        field("Titre"),
        field("Structure"),
        field("Territoire"),
        field("Partenaire"),
        field("Financeur"),
        field("Autre"),
        field("Objectif"),
        field("Moyens"),
        field("Outil"),
        field("Valeur"),
        field("Nom"),
        field("Rôle"),
        field("Facteur"),
        field("Difficulté"),
        field("Lien"),
    )
}

/// A vocabulary whose labels are hostile, and a second sheet sharing the
/// terms (so the first is among its related sheets).
fn catalogue(env: &TestEnv) -> String {
    env.write(
        "fiches/vocabulary.yaml",
        format!(
            "themes:\n  - code: piege-theme\n    label: {}\npublics:\n  - code: piege-public\n    label: {}\n",
            field("Thème"),
            field("Public")
        ),
    );
    env.write("fiches/piege.yaml", hostile_sheet());
    env.write(
        "fiches/voisin.yaml",
        "id: voisin\ntitle: Voisin\nstructure: Ailleurs\nstatus: finished\n\
         themes: [piege-theme]\npublics: [piege-public]\nobjectives: [Tester]\n\
         description: Une action voisine.\n",
    );
    env.path("fiches").display().to_string()
}

/// The whole site built from the hostile catalogue, with a hostile name
/// and publisher, by path.
pub fn built(env: &TestEnv) -> BTreeMap<String, String> {
    let folder = catalogue(env);
    env.run(&["import", &folder]).expect(0);
    let out = env.path("site").display().to_string();
    let title = format!("Catalogue {HOSTILE}");
    let publisher = format!("Éditeur {HOSTILE}");
    let vocab = format!("{folder}/vocabulary.yaml");
    env.run(&[
        "site",
        &out,
        "--vocab",
        &vocab,
        "--title",
        &title,
        "--publisher",
        &publisher,
    ])
    .expect(0);
    crate::site::files(&env.path("site"))
        .into_iter()
        .map(|(path, bytes)| (path, String::from_utf8(bytes).unwrap()))
        .collect()
}

/// The tags the site writes, its templates' and Markdown's.
#[rustfmt::skip]
const TAGS: &[&str] = &[
    "html", "head", "meta", "title", "link", "script", "body", "a", "header", "div", "nav", "ul",
    "ol", "li", "main", "h1", "h2", "h3", "form", "label", "input", "button", "details", "summary",
    "fieldset", "legend", "span", "section", "select", "option", "p", "article", "dl", "dt", "dd",
    "footer", "noscript", "strong", "em", "code", "pre", "blockquote", "hr", "br",
];

/// The attributes the site writes; no event handler among them.
#[rustfmt::skip]
const ATTRIBUTES: &[&str] = &[
    "action", "aria-current", "aria-label", "aria-labelledby", "aria-live", "autocomplete",
    "charset", "class", "content", "data-key", "defer", "for", "hidden", "href", "http-equiv", "id",
    "lang", "method", "name", "property", "rel", "role", "src", "type", "value",
];

type Tag<'a> = (&'a str, Vec<(&'a str, &'a str)>);

/// Reads one tag after its `<`: its name and `name="value"` attributes up
/// to its `>`, and what follows; panics on anything else.
fn read_tag<'a>(path: &str, rest: &'a str) -> (Tag<'a>, &'a str) {
    let rest = rest.strip_prefix('/').unwrap_or(rest);
    let end = rest.find(|c: char| !c.is_ascii_alphanumeric()).unwrap();
    let (name, mut rest) = rest.split_at(end);
    assert!(TAGS.contains(&name), "{path}: a <{name}> tag");
    let mut attributes = Vec::new();
    loop {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix('>') {
            return ((name, attributes), after);
        }
        let end = rest.find(['=', ' ', '>']).unwrap();
        let (attribute, after) = rest.split_at(end);
        assert!(
            ATTRIBUTES.contains(&attribute),
            "{path}: <{name} {attribute}>"
        );
        let Some(quoted) = after.strip_prefix("=\"") else {
            attributes.push((attribute, ""));
            rest = after;
            continue;
        };
        let close = quoted.find('"').unwrap();
        let value = &quoted[..close];
        assert!(
            !value.contains(['<', '>']),
            "{path}: {attribute}=\"{value}\""
        );
        attributes.push((attribute, value));
        rest = &quoted[close + 1..];
    }
}

/// Text between tags holds no markup character but through an entity.
fn assert_plain_text(path: &str, text: &str) {
    assert!(!text.contains('>'), "{path}: {text}");
    for (i, _) in text.match_indices('&') {
        let entity = &text[i..text[i..].find(';').map_or(text.len(), |end| i + end + 1)];
        assert!(
            ["&amp;", "&lt;", "&gt;", "&quot;"].contains(&entity),
            "{path}: `{entity}` is not an entity, in the text {text:?}"
        );
    }
}

/// Every opening tag of a page, after checking the page is made of the site's
/// tags and attributes, with text between them.
fn tags<'a>(path: &str, html: &'a str) -> Vec<Tag<'a>> {
    let mut rest = html
        .strip_prefix("<!DOCTYPE html>")
        .unwrap_or_else(|| panic!("{path}: no doctype"));
    let mut found = Vec::new();
    while let Some(start) = rest.find('<') {
        assert_plain_text(path, &rest[..start]);
        let inside = &rest[start + 1..];
        let (tag, after) = read_tag(path, inside);
        if !inside.starts_with('/') {
            found.push(tag);
        }
        rest = after;
    }
    assert_plain_text(path, rest);
    found
}

/// Scripts come from the site's assets; links to elsewhere are web
/// addresses, opened without the page's context.
fn assert_safe_tags(path: &str, html: &str) {
    for (name, attributes) in tags(path, html) {
        let get = |wanted: &str| {
            attributes
                .iter()
                .find(|(a, _)| *a == wanted)
                .map(|(_, v)| *v)
        };
        if name == "script" {
            let src = get("src").unwrap_or_default();
            assert!(
                src.trim_start_matches("../").starts_with("assets/") && !src.contains(':'),
                "{path}: <script src=\"{src}\">"
            );
        }
        if let Some(href) = get("href").filter(|href| href.contains(':')) {
            assert!(
                href.starts_with("https://") || href.starts_with("http://"),
                "{path}: href=\"{href}\""
            );
            assert_eq!(get("rel"), Some("noopener noreferrer"), "{path}: {href}");
        }
    }
}

#[test]
fn hostile_text_is_escaped_on_every_page_type() {
    let env = TestEnv::new();
    let files = built(&env);
    let pages: Vec<(&String, &String)> = files
        .iter()
        .filter(|(path, _)| Path::new(path).extension().is_some_and(|e| e == "html"))
        .collect();
    assert!(pages.len() >= 6, "{:?}", files.keys());
    for (path, html) in &pages {
        assert_safe_tags(path, html);
        // The site's name and publisher, on every page.
        for shown in [
            format!("Catalogue {ESCAPED}"),
            format!("publié par Éditeur {ESCAPED}."),
        ] {
            assert!(html.contains(&shown), "{path}: {shown}");
        }
    }
    let expect = |path: &str, labels: &[&str]| {
        let html = &files[path];
        for label in labels {
            let escaped = match *label {
                "Description" | "Résultats" | "Valeur" if path.starts_with("fiches/") => {
                    ESCAPED_MARKDOWN
                }
                _ => ESCAPED,
            };
            let shown = format!("{label} {escaped}");
            assert!(html.contains(&shown), "{path}: {shown} missing\n{html}");
        }
    };
    let card = ["Titre", "Structure", "Territoire", "Description", "Thème"];
    expect("index.html", &card);
    expect("index.html", &["Public"]);
    expect("themes/piege-theme/index.html", &card);
    expect("publics/piege-public/index.html", &card);
    expect("publics/piege-public/index.html", &["Public"]);
    expect("recherche/index.html", &[]);
    expect("fiches/voisin/index.html", &["Titre", "Structure", "Thème"]);
    let sheet = [
        "Titre",
        "Structure",
        "Territoire",
        "Thème",
        "Public",
        "Partenaire",
        "Financeur",
        "Autre",
        "Objectif",
        "Description",
        "Moyens",
        "Résultats",
        "Outil",
        "Valeur",
        "Nom",
        "Rôle",
        "Facteur",
        "Difficulté",
        "Lien",
    ];
    expect("fiches/piege/index.html", &sheet);
}

#[test]
fn only_web_addresses_become_links_and_their_quotes_stay_inside() {
    let env = TestEnv::new();
    let files = built(&env);
    let page = &files["fiches/piege/index.html"];
    let url = "https://example.org/r?a=1&amp;b=&quot;2&quot;'x'&lt;y&gt;";
    let link = format!("<a href=\"{url}\" rel=\"noopener noreferrer\">Lien {ESCAPED}</a>");
    assert!(page.contains(&link), "{page}");
    // A link without a title shows its address.
    assert!(
        page.contains(&format!("rel=\"noopener noreferrer\">{url}</a>")),
        "{page}"
    );
    // Markdown's links to scripts keep their words and lose their address.
    for (words, address) in [
        ("ici", "javascript:alert(1)"),
        ("js", "JavaScript:alert(3)"),
    ] {
        assert!(page.contains(words), "{page}");
        assert!(!page.contains(address), "{page}");
    }
    assert!(
        page.contains("&lt;img src=x onerror=alert(2)&gt;"),
        "{page}"
    );
    assert!(page.contains("&lt;b&gt;gras&lt;/b&gt;"), "{page}");
    // A `javascript:` address in `links` never reaches a page: the sheet is refused.
    let refused = hostile_sheet().replace(
        "links: [{title:",
        "links: [{url: \"javascript:alert(4)\"}, {title:",
    );
    let file = env.write("refused/piege.yaml", refused);
    let output = env.run(&["import", &file]).expect(1);
    assert!(
        output
            .stderr
            .contains("`javascript:` links are not allowed"),
        "{}",
        output.stderr
    );
}

/// The value of a data file of the site: `prefix` then JSON then `suffix`,
/// so the file is one statement whose text cannot end early.
fn data(file: &str, prefix: &str, suffix: &str) -> Value {
    let json = file
        .strip_prefix(prefix)
        .and_then(|rest| rest.strip_suffix(suffix))
        .unwrap_or_else(|| panic!("{file}"));
    serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}: {json}"))
}

/// The strings of a JSON value, depth first.
fn strings(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(text) => out.push(text.clone()),
        Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        Value::Object(map) => map.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

#[test]
fn the_scripts_data_holds_hostile_text_as_data() {
    let env = TestEnv::new();
    let files = built(&env);
    let catalogue = data(
        &files["assets/catalogue-data.js"],
        "window.pacteCatalogue = ",
        ";\n",
    );
    let mut texts = Vec::new();
    strings(&catalogue, &mut texts);
    for label in ["Titre", "Thème", "Public"] {
        let wanted = format!("{label} {HOSTILE}");
        assert!(texts.contains(&wanted), "{wanted} not in {texts:?}");
    }
    // The search page's results and snippets.
    let mut texts = Vec::new();
    for (path, file) in files
        .iter()
        .filter(|(p, _)| Path::new(p).starts_with("search"))
    {
        let key = path
            .strip_prefix("search/")
            .and_then(|p| p.strip_suffix(".js"))
            .unwrap();
        let prefix = format!("pacteSearchData({},", Value::from(key));
        strings(&data(file, &prefix, ");\n"), &mut texts);
    }
    for label in ["Titre", "Structure", "Territoire", "Objectif", "Moyens"] {
        let wanted = format!("{label} {HOSTILE}");
        assert!(
            texts.iter().any(|t| t.contains(&wanted)),
            "{wanted} not in the search index"
        );
    }
}
