//! The site's search against `pacte search`: every query of the relevance
//! collection (`tests/relevance/`) gives, in the page, the same first ten
//! sheets in the same order, over HTTP and from a folder on disk; and the
//! page's French stemmer agrees with the one of `pacte search` on every
//! word of the test catalogues.

use std::path::Path;

use serde_json::{Value, json};
use unicode_normalization::UnicodeNormalization;

use super::cdp::Browser;
use super::server::Server;
use crate::env::TestEnv;

/// The relevance collection's sheets imported (part B decomposed, as
/// `relevance.rs` stores it) and published.
fn published() -> (TestEnv, std::path::PathBuf) {
    let env = TestEnv::new();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/relevance");
    let a = std::fs::read_to_string(dir.join("sheets-a.yaml")).expect("sheets-a");
    let b = std::fs::read_to_string(dir.join("sheets-b.yaml")).expect("sheets-b");
    env.write("sheets/a.yaml", a);
    env.write("sheets/b.yaml", b.nfd().collect::<String>());
    env.run(&["import", &env.path("sheets").display().to_string()])
        .expect(0);
    let out = env.path("site");
    env.run(&["site", &out.display().to_string()]).expect(0);
    (env, out)
}

/// The queries of the collection, as `relevance.rs` types them.
fn queries() -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/relevance/queries.tsv");
    let text = std::fs::read_to_string(path).expect("queries.tsv");
    text.lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            if fields[0] == "decomposed" {
                fields[1].nfd().collect()
            } else {
                fields[1].to_owned()
            }
        })
        .collect()
}

/// Text as a URL query value.
pub(super) fn encoded(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The ids of the first ten results the page shows for `query`, in order.
fn page_top_ten(browser: &mut Browser, base: &str, query: &str) -> Vec<String> {
    let url = format!("{base}recherche/index.html?q={}", encoded(query));
    browser.navigate(&url);
    let done = format!(
        "location.href === {} && document.readyState === 'complete' && \
         document.getElementById('search-status').textContent.includes('pour')",
        Value::from(url.as_str())
    );
    let links = browser.wait_for(
        &done,
        "Array.from(document.querySelectorAll('#results h2 a')).slice(0, 10)\
         .map(a => a.getAttribute('href'))",
    );
    links
        .as_array()
        .expect("links")
        .iter()
        .filter_map(|h| {
            let page = h.as_str()?.trim_end_matches("index.html");
            page.trim_end_matches('/').rsplit('/').next()
        })
        .map(str::to_owned)
        .collect()
}

fn terminal_top_ten(env: &TestEnv, query: &str) -> Vec<String> {
    let args = ["search", "--format", "ids", "--limit", "10", "--", query];
    let out = env.run(&args).expect(0);
    out.lines().iter().map(|l| (*l).to_owned()).collect()
}

#[test]
fn every_relevance_query_finds_the_top_ten_of_pacte_search_in_the_page() {
    let test = "every_relevance_query_finds_the_top_ten_of_pacte_search_in_the_page";
    let Some(executable) = super::browser_or_skip(test) else {
        return;
    };
    let (env, out) = published();
    let server = Server::start(&out);
    let mut browser = Browser::launch(&executable);
    let from_disk = format!("file://{}/", out.display());
    let mut differences = Vec::new();
    let queries = queries();
    assert!(queries.len() >= 40);
    for query in &queries {
        let expected = terminal_top_ten(&env, query);
        for base in [server.base.as_str(), from_disk.as_str()] {
            let found = page_top_ten(&mut browser, base, query);
            if found != expected {
                differences.push(format!(
                    "{query} ({base}):\n  page     {found:?}\n  terminal {expected:?}"
                ));
            }
        }
    }
    assert!(
        differences.is_empty(),
        "{} differences:\n{}",
        differences.len(),
        differences.join("\n")
    );
    assert!(
        browser.problems.is_empty(),
        "the browser reported problems: {:#?}",
        browser.problems
    );
}

/// Every word of the example and relevance sheets, as the analyzer hands
/// them to the stemmer (folded, feminine endings kept: both forms occur)
/// and as written in lower case (accents exercise the other rules).
fn test_words() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut texts = Vec::new();
    for dir in ["examples/sheets", "tests/relevance"] {
        for entry in std::fs::read_dir(root.join(dir)).expect("folder") {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|e| e == "yaml") {
                texts.push(std::fs::read_to_string(path).expect("sheet"));
            }
        }
    }
    let mut words: Vec<String> = texts
        .iter()
        .flat_map(|text| pacte::search::words(text).map(|(_, w)| w))
        .flat_map(|w| [pacte::sheet::fold(w), w.to_lowercase()])
        .collect();
    words.sort();
    words.dedup();
    words
}

#[test]
fn the_page_stems_every_word_of_the_test_catalogues_like_pacte_search() {
    let test = "the_page_stems_every_word_of_the_test_catalogues_like_pacte_search";
    let Some(executable) = super::browser_or_skip(test) else {
        return;
    };
    let (_env, out) = published();
    let mut browser = Browser::launch(&executable);
    let url = format!("file://{}/recherche/index.html", out.display());
    browser.navigate(&url);
    browser.wait_for("typeof window.pacteStem === 'function'", "true");
    let words = test_words();
    assert!(words.len() > 1000, "{} words", words.len());
    let stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::French);
    let page = browser.eval(&format!("{}.map(w => window.pacteStem(w))", json!(words)));
    let page = page.as_array().expect("stems");
    let differences: Vec<String> = words
        .iter()
        .zip(page)
        .filter(|(word, stem)| stem.as_str() != Some(stemmer.stem(word).as_ref()))
        .map(|(word, stem)| format!("{word}: page {stem}, rust {}", stemmer.stem(word)))
        .collect();
    assert!(
        differences.is_empty(),
        "{} of {} words differ:\n{}",
        differences.len(),
        words.len(),
        differences.join("\n")
    );
}

/// Sixty sheets that all hold the word "passerelle", with a territory.
fn sixty_sheets() -> String {
    (0..60)
        .map(|n| {
            format!(
                "id: passerelle-{n:02}\ntitle: Passerelle numéro {n}\n\
                 structure: Maison de l'Emploi du Val\nterritory: Pays du Val\n\
                 status: ongoing\nthemes: [formation]\nobjectives: [Former des jeunes]\n\
                 description: Une passerelle vers l'emploi pour {n} jeunes du territoire.\n"
            )
        })
        .collect::<Vec<_>>()
        .join("---\n")
}

#[test]
fn results_read_as_title_place_and_labelled_snippet_fifty_at_a_time() {
    let test = "results_read_as_title_place_and_labelled_snippet_fifty_at_a_time";
    let Some(executable) = super::browser_or_skip(test) else {
        return;
    };
    let env = TestEnv::new();
    env.write("sheets/all.yaml", sixty_sheets());
    env.run(&["import", &env.path("sheets").display().to_string()])
        .expect(0);
    let out = env.path("site");
    env.run(&["site", &out.display().to_string()]).expect(0);
    let mut browser = Browser::launch(&executable);
    let base = format!("file://{}/", out.display());
    let found = page_top_ten(&mut browser, &base, "passerelle");
    assert_eq!(found.len(), 10);
    let shown = browser.eval("document.querySelectorAll('#results > li').length");
    assert_eq!(shown, 50);
    let status = browser.eval("document.getElementById('search-status').textContent");
    assert_eq!(
        status,
        "60 fiches trouvées pour « passerelle » ; les 50 premières sont affichées."
    );
    // The first result: its title, where the action runs, and the passage
    // that matched under its label, the word marked; no technical id.
    let where_ = browser.eval("document.querySelector('#results .where').textContent");
    assert_eq!(where_, "Maison de l'Emploi du Val — Pays du Val");
    let snippet = browser.wait_for(
        "document.querySelector('#results .snippet mark') !== null",
        "document.querySelector('#results .snippet').textContent",
    );
    assert_eq!(snippet, "Titre : Passerelle numéro 0");
    let shown_text = browser.eval("document.getElementById('results').textContent");
    assert!(
        !shown_text.as_str().unwrap().contains("passerelle-00"),
        "{shown_text}"
    );
    // "More" shows the rest.
    browser.eval("document.getElementById('more').click()");
    browser.wait_for(
        "document.querySelectorAll('#results > li').length === 60",
        "true",
    );
    assert_eq!(browser.eval("document.getElementById('more').hidden"), true);

    // A malformed query says what is wrong instead of finding nothing.
    let url = format!("{base}recherche/index.html?q=%22clause");
    browser.navigate(&url);
    let done = format!(
        "location.href === {} && document.readyState === 'complete' && \
         document.getElementById('search-status').textContent.includes('guillemet')",
        Value::from(url.as_str())
    );
    let status = browser.wait_for(
        &done,
        "document.getElementById('search-status').textContent",
    );
    assert!(
        status.as_str().unwrap().contains("jamais fermée"),
        "{status}"
    );
    assert!(
        browser.problems.is_empty(),
        "the browser reported problems: {:#?}",
        browser.problems
    );
}
