//! The catalogue of `site_escaping`, whose text is written to break out of
//! its pages, read in Chromium: the cards the catalogue's script draws, the
//! search page's results and snippets and a sheet's page show it as text,
//! and no element, script or blocked inline code comes of it.

use serde_json::Value;

use super::cdp::Browser;
use super::server::Server;
use crate::env::TestEnv;
use crate::site_escaping::{HOSTILE, built};

/// What the page would hold had any text become markup.
const INJECTED: &str = "document.querySelectorAll('script:not([src]), img, b, [onerror]').length";

/// Opens `path` and waits until `ready` holds.
fn open(browser: &mut Browser, base: &str, path: &str, ready: &str) {
    let url = format!("{base}{path}");
    browser.navigate(&url);
    let loaded = format!(
        "location.href === new URL({}).href && document.readyState === 'complete' && ({ready})",
        Value::from(url.as_str())
    );
    browser.wait_for(&loaded, "true");
    assert_eq!(browser.eval(INJECTED), 0, "{path}");
}

#[test]
fn hostile_text_stays_text_in_what_the_scripts_draw() {
    let test = "hostile_text_stays_text_in_what_the_scripts_draw";
    let Some(executable) = super::browser_or_skip(test) else {
        return;
    };
    let env = TestEnv::new();
    built(&env);
    let server = Server::start(&env.path("site"));
    let mut browser = Browser::launch(&executable);
    let title = Value::from(format!("Titre {HOSTILE}"));

    // Cards the catalogue's script draws from its data file: one of the
    // two sheets is ongoing.
    open(
        &mut browser,
        &server.base,
        "index.html?status=ongoing",
        "window.pacteCatalogue && document.querySelectorAll('#cards > li').length === 1",
    );
    let link = "document.querySelector('#cards a[href$=\"fiches/piege/index.html\"]').textContent";
    assert_eq!(browser.eval(link), title);
    let tags = browser.eval("document.querySelector('#cards .tags').textContent");
    assert!(tags.as_str().unwrap().contains(HOSTILE), "{tags}");

    // The search page's results and the passage that matched.
    open(
        &mut browser,
        &server.base,
        "recherche/index.html?q=titre",
        "document.querySelector('#results .snippet mark') !== null",
    );
    assert_eq!(
        browser.eval("document.querySelector('#results h2 a').textContent"),
        title
    );
    let place = browser.eval("document.querySelector('#results .where').textContent");
    assert_eq!(
        place,
        format!("Structure {HOSTILE} — Territoire {HOSTILE}").as_str()
    );
    let snippet = browser.eval("document.querySelector('#results .snippet').textContent");
    // (The passage is cut after a few words.)
    let passage = format!("Titre : Titre {}", &HOSTILE[..30]);
    assert!(snippet.as_str().unwrap().starts_with(&passage), "{snippet}");

    // The sheet's own page.
    open(
        &mut browser,
        &server.base,
        "fiches/piege/index.html",
        "true",
    );
    assert_eq!(
        browser.eval("document.querySelector('h1').textContent"),
        title
    );
    assert!(
        browser.problems.is_empty(),
        "the browser reported problems: {:#?}",
        browser.problems
    );
}
