//! The example catalogue as a site, read in Chromium as a visitor would.

use serde_json::Value;

use super::cdp::Browser;
use super::server::Server;
use crate::env::TestEnv;

struct Site {
    env: TestEnv,
    server: Server,
    browser: Browser,
}

/// The examples imported and published, served, and a browser ready; `None`
/// when the browser tests are skipped.
fn site(test: &str) -> Option<Site> {
    let executable = super::browser_or_skip(test)?;
    let env = TestEnv::new();
    let sheets = env.examples();
    env.run(&["import", &sheets]).expect(0);
    let out = env.path("site");
    env.run(&["site", &out.display().to_string()]).expect(0);
    let server = Server::start(&out);
    let browser = Browser::launch(&executable);
    Some(Site {
        env,
        server,
        browser,
    })
}

impl Site {
    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.server.base)
    }

    /// Opens a page and waits until it has loaded and `ready` holds.
    fn open(&mut self, path: &str, ready: &str) {
        let url = self.url(path);
        self.browser.navigate(&url);
        let loaded = format!(
            "location.href === new URL({}).href && document.readyState === 'complete' && ({ready})",
            Value::from(url.as_str())
        );
        self.browser.wait_for(&loaded, "true");
    }

    /// The ids of the sheets whose cards are shown.
    fn shown_ids(&mut self) -> Vec<String> {
        let hrefs = self.browser.eval(
            "Array.from(document.querySelectorAll('#cards > li h3 a'))\
             .map(a => a.getAttribute('href'))",
        );
        ids_from_links(&hrefs)
    }

    /// `pacte list` with these filters, as ids in order.
    fn listed(&self, filters: &[&str]) -> Vec<String> {
        let mut args = vec!["list", "--format", "ids"];
        args.extend(filters);
        let mut ids: Vec<String> = self
            .env
            .run(&args)
            .expect(0)
            .lines()
            .iter()
            .map(|l| (*l).to_owned())
            .collect();
        ids.sort();
        ids
    }

    #[track_caller]
    fn assert_no_problems(&self) {
        assert!(
            self.browser.problems.is_empty(),
            "the browser reported problems: {:#?}",
            self.browser.problems
        );
    }
}

/// Sheet ids from links to their pages (`fiches/ID/index.html`, `/fiches/ID/`).
fn ids_from_links(hrefs: &Value) -> Vec<String> {
    let mut ids: Vec<String> = hrefs
        .as_array()
        .expect("a list of links")
        .iter()
        .filter_map(|h| h.as_str())
        .filter_map(|h| {
            h.trim_end_matches("index.html")
                .trim_end_matches('/')
                .rsplit('/')
                .next()
        })
        .map(str::to_owned)
        .collect();
    ids.sort();
    ids
}

const FACETS_READY: &str = "!document.getElementById('filters').hidden";

/// The address filters: the data file has loaded and the cards are drawn.
const FILTERED: &str = "window.pacteCatalogue && !document.getElementById('summary').textContent.includes('Chargement')";

#[test]
fn the_index_lists_every_sheet_and_filters_itself_from_the_url() {
    let Some(mut site) = site("the_index_lists_every_sheet_and_filters_itself_from_the_url") else {
        return;
    };
    site.open("", FACETS_READY);
    let all = site.listed(&[]);
    assert_eq!(all.len(), 11);
    assert_eq!(site.shown_ids(), all);

    site.open("?theme=mobilite", FILTERED);
    let mobility = site.listed(&["--theme", "mobilite"]);
    assert!(!mobility.is_empty() && mobility.len() < all.len());
    assert_eq!(site.shown_ids(), mobility);

    site.open("?theme=ess&status=finished", FILTERED);
    assert_eq!(
        site.shown_ids(),
        site.listed(&["--theme", "ess", "--status", "finished"])
    );
    let checked = site.browser.eval(
        "Array.from(document.querySelectorAll('#facets input:checked')).map(i => i.name + '=' + i.value)",
    );
    assert_eq!(checked, serde_json::json!(["theme=ess", "status=finished"]));
    site.assert_no_problems();
}

#[test]
fn clicking_a_facet_filters_and_puts_the_choice_in_the_url() {
    let Some(mut site) = site("clicking_a_facet_filters_and_puts_the_choice_in_the_url") else {
        return;
    };
    site.open("", FACETS_READY);
    site.browser
        .eval("document.querySelector('#facets input[name=status][value=ongoing]').click()");
    site.browser.wait_for(FILTERED, "true");
    assert_eq!(site.browser.eval("location.search"), "?status=ongoing");
    let ongoing = site.listed(&["--status", "ongoing"]);
    assert_eq!(site.shown_ids(), ongoing);
    let summary = site
        .browser
        .eval("document.getElementById('summary').textContent");
    assert_eq!(
        summary,
        format!("{} fiches sur 11", ongoing.len()),
        "the summary counts what is shown"
    );
    site.browser
        .eval("document.querySelector('#facets input[name=department][value=\"68\"]').click()");
    assert_eq!(
        site.browser.eval("location.search"),
        "?status=ongoing&department=68"
    );
    assert_eq!(
        site.shown_ids(),
        site.listed(&["--status", "ongoing", "--department", "68"])
    );
    site.browser
        .eval("document.getElementById('clear-all').click()");
    assert_eq!(site.browser.eval("location.search"), "");
    assert_eq!(site.shown_ids().len(), 11);
    site.assert_no_problems();
}

/// The links of the search results once the search has finished.
fn search(site: &mut Site, query: &str) -> Vec<String> {
    let path = format!("recherche/?q={}", query.replace(' ', "+"));
    site.open(
        &path,
        "document.getElementById('search-status').textContent.includes('pour')",
    );
    let hrefs = site.browser.eval(
        "Array.from(document.querySelectorAll('#results a')).map(a => a.getAttribute('href'))",
    );
    ids_from_links(&hrefs)
}

#[test]
fn the_search_page_finds_sheets_with_and_without_accents() {
    let Some(mut site) = site("the_search_page_finds_sheets_with_and_without_accents") else {
        return;
    };
    for query in ["économie solidaire", "economie solidaire", "ÉCONOMIE"] {
        let found = search(&mut site, query);
        assert!(
            found.contains(&"pacte-ess".to_owned()),
            "{query}: {found:?}"
        );
    }
    // A stemmed word: the sheet says "recrutements", the query "recrutement".
    let found = search(&mut site, "recrutement");
    assert!(found.contains(&"pacte-ess".to_owned()), "{found:?}");
    let found = search(&mut site, "zzzintrouvable");
    assert!(found.is_empty(), "{found:?}");
    let status = site
        .browser
        .eval("document.getElementById('search-status').textContent");
    assert_eq!(status, "Aucune fiche trouvée pour « zzzintrouvable ».");
    let snippet = site
        .browser
        .eval("document.querySelectorAll('#results mark').length");
    assert_eq!(snippet, 0);
    site.assert_no_problems();
}

#[test]
fn a_sheet_page_holds_the_seed_facts() {
    let Some(mut site) = site("a_sheet_page_holds_the_seed_facts") else {
        return;
    };
    site.open("fiches/pacte-ess/", "document.querySelector('h1')");
    let text = site.browser.eval("document.body.innerText");
    let text = text.as_str().expect("page text");
    for fact in [
        "PACTE ESS – Prévision & Appui aux Compétences Territoriales",
        "Maison de l'Emploi et de la Formation du Pays Thur Doller",
        "Montage (2012 – 2014).",
        "Action terminée, reproductible",
        "Pays Thur Doller — Haut-Rhin (68)",
        "2012 – 2014",
        "DIRECCTE UT-68, Fonds Social Européen",
        "153\u{202f}000 €",
        "dont FSE : 47\u{202f}000 €",
        "1,7 ETP",
        "Florence Faivre — Directrice, direction@mefthurdoller.fr",
        "Le diagnostic territorial",
        "Faire durer les actions faute de financements",
    ] {
        assert!(text.contains(fact), "missing `{fact}` in:\n{text}");
    }
    // The sections of the one layout, in order, each line with its key.
    let headings = site
        .browser
        .eval("Array.from(document.querySelectorAll('article h2')).map(h => h.textContent)");
    let stored = site
        .env
        .run(&["show", "pacte-ess", "--format", "json"])
        .expect(0);
    let sheet: pacte::sheet::Sheet = serde_json::from_str(&stored.stdout).expect("a sheet");
    let vocabularies = pacte::sheet::Vocabularies::builtin();
    let expected: Vec<&str> = pacte::sheet::layout::lay_out(&sheet, &vocabularies)
        .sections
        .iter()
        .map(|s| s.heading)
        .collect();
    assert!(expected.len() > 8, "{expected:?}");
    assert_eq!(headings, serde_json::json!(expected));
    assert_eq!(
        site.browser
            .eval("document.querySelector('[data-key=budget] dt').textContent"),
        "Budget"
    );
    assert_eq!(
        site.browser.eval("document.querySelectorAll('h1').length"),
        1
    );
    assert_eq!(site.browser.eval("document.documentElement.lang"), "fr");
    site.assert_no_problems();
}

#[test]
fn the_reference_sheet_prints_on_at_most_two_pages() {
    let Some(executable) =
        super::browser_or_skip("the_reference_sheet_prints_on_at_most_two_pages")
    else {
        return;
    };
    let Some(site) = site("the_reference_sheet_prints_on_at_most_two_pages") else {
        return;
    };
    let pages = super::print_to_pdf(&executable, &site.url("fiches/pacte-ess/"), site.env.root());
    assert!((1..=2).contains(&pages), "printed on {pages} pages");
}

#[test]
fn the_keyboard_reaches_everything_with_a_visible_focus() {
    let Some(mut site) = site("the_keyboard_reaches_everything_with_a_visible_focus") else {
        return;
    };
    site.open("", FACETS_READY);
    site.browser.press("Tab");
    assert_eq!(
        site.browser.eval("document.activeElement.textContent"),
        "Aller au contenu"
    );
    let outline = site
        .browser
        .eval("getComputedStyle(document.activeElement).outlineStyle");
    assert_eq!(outline, "solid", "the focused link shows a ring");
    // Tab on to the first filter and tick it with the space bar.
    let mut steps = 0;
    while site.browser.eval("document.activeElement.name") != "theme" {
        // The filters are folded on a narrow window: open them.
        if site.browser.eval(
            "document.activeElement.matches('#filters > summary') && !document.getElementById('filters').open",
        ) == true
        {
            site.browser.press(" ");
        }
        site.browser.press("Tab");
        steps += 1;
        assert!(steps < 20, "the filters are not reachable by Tab");
    }
    let value = site.browser.eval("document.activeElement.value");
    site.browser.press(" ");
    site.browser.wait_for(FILTERED, "true");
    assert_eq!(
        site.browser.eval("location.search"),
        format!("?theme={}", value.as_str().unwrap())
    );
    site.assert_no_problems();
}

#[test]
fn pages_fit_a_phone_and_read_without_javascript() {
    let Some(mut site) = site("pages_fit_a_phone_and_read_without_javascript") else {
        return;
    };
    site.browser.phone_width(390);
    for path in ["", "fiches/pacte-ess/", "recherche/", "themes/ess/"] {
        site.open(path, "document.querySelector('h1')");
        let width = site.browser.eval("document.documentElement.scrollWidth");
        assert!(
            width.as_u64().unwrap() <= 390,
            "{path}: {width} pixels wide"
        );
    }
    site.browser.without_scripts();
    site.open("?theme=mobilite", "document.querySelector('#cards')");
    assert_eq!(
        site.shown_ids().len(),
        11,
        "without scripts every sheet shows"
    );
    assert_eq!(
        site.browser
            .eval("document.getElementById('filters').hidden"),
        true
    );
    let browse = site.browser.eval(
        "Array.from(document.querySelectorAll('.browse a')).map(a => a.getAttribute('href'))",
    );
    assert!(
        browse
            .as_array()
            .unwrap()
            .iter()
            .any(|h| h == "themes/mobilite/index.html"),
        "{browse}"
    );
    site.assert_no_problems();
}
