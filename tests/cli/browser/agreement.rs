//! The site's search against `pacte search` on an adversarial collection
//! (`tests/relevance/adversarial/`: ligatures, apostrophes, dotted acronyms,
//! hyphens, numbers, Markdown, a very long field, exact ties, the
//! catalogue's own thesaurus) and the queries of `queries.tsv` there:
//! typos, acronyms, quotes left open, operators written literally, emoji,
//! punctuation alone, spaces around. For each query the page must show the
//! same first ten sheets in the same order, or the same kind of error, as
//! the terminal; for the whole catalogue over HTTP and from a folder on
//! disk, and from disk for published subsets (filters, `--redact-contacts`),
//! where the page ranks within what is published: the terminal's answer is
//! then that of a catalogue holding only the published sheets, as
//! `pacte export` writes them with the same options.

use std::path::{Path, PathBuf};

use serde_json::Value;

use super::cdp::Browser;
use super::search::encoded;
use super::server::Server;
use crate::env::TestEnv;

fn collection() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/relevance/adversarial")
}

/// The queries, each with everything after the first tab kept as typed.
fn queries() -> Vec<String> {
    let text = std::fs::read_to_string(collection().join("queries.tsv")).expect("queries.tsv");
    text.lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(|line| line.split_once('\t').expect("kind<TAB>query").1.to_owned())
        .collect()
}

/// What a face answers: the first ten ids, or the kind of error.
#[derive(Debug, PartialEq, Eq)]
enum Answer {
    Found(Vec<String>),
    Error(&'static str),
}

/// The kinds of malformed query, as each face words them.
const ERRORS: [(&str, &str, &str); 5] = [
    ("never closed", "jamais fermée", "open quote"),
    ("each side", "de chaque côté", "OR alone"),
    ("excluded word", "mot exclu", "OR with an exclusion"),
    ("at least one word", "au moins un mot", "only exclusions"),
    ("prefix", "début de mot", "bad prefix"),
];
const NO_WORD: (&str, &str, &str) = ("no word", "aucun mot", "no word");

fn kind_of(message: &str, terminal: bool) -> &'static str {
    ERRORS
        .iter()
        .chain([&NO_WORD])
        .find(|(english, french, _)| message.contains(if terminal { english } else { french }))
        .map_or("unknown error", |(_, _, kind)| kind)
}

/// A catalogue with the collection, and its vocabulary file.
struct Catalogue {
    env: TestEnv,
    vocab: String,
}

impl Catalogue {
    fn new(sheets: &Path) -> Catalogue {
        let env = TestEnv::new();
        let vocab = collection().join("vocabulary.yaml").display().to_string();
        env.run(&["--vocab", &vocab, "import", &sheets.display().to_string()])
            .expect(0);
        Catalogue { env, vocab }
    }

    fn answer(&self, query: &str) -> Answer {
        let args = [
            "--vocab",
            &self.vocab,
            "search",
            "--format",
            "ids",
            "--limit",
            "10",
            "--",
            query,
        ];
        let out = self.env.run(&args);
        match out.code {
            0 => Answer::Found(out.lines().iter().map(|l| (*l).to_owned()).collect()),
            _ if out.stderr.contains("no sheet matches") => Answer::Found(Vec::new()),
            _ => Answer::Error(kind_of(&out.stderr, true)),
        }
    }

    /// The site with `options`, and a catalogue of only what it publishes.
    fn publish(&self, options: &[&str]) -> (PathBuf, Catalogue) {
        let out = self
            .env
            .path(&format!("site{}", options.join("").replace('-', "")));
        let mut args = vec!["--vocab", &self.vocab, "site"];
        let folder = out.display().to_string();
        args.push(&folder);
        args.extend(options);
        self.env.run(&args).expect(0);
        let exported = self
            .env
            .path(&format!("export{}", options.join("").replace('-', "")));
        let folder = exported.display().to_string();
        let mut args = vec!["--vocab", &self.vocab, "export", "--out", &folder];
        args.extend(options);
        self.env.run(&args).expect(0);
        (out, Catalogue::new(&exported))
    }
}

fn page_answer(browser: &mut Browser, base: &str, query: &str) -> Answer {
    let url = format!("{base}recherche/index.html?q={}", encoded(query));
    browser.navigate(&url);
    let status = "document.getElementById('search-status').textContent";
    let settled = format!(
        "location.href === {} && document.readyState === 'complete' && {status} !== '' && \
         {status} !== 'Recherche en cours…'",
        Value::from(url.as_str())
    );
    let said = browser.wait_for(&settled, status);
    let said = said.as_str().expect("status");
    if said.starts_with("Tapez") {
        return Answer::Error(NO_WORD.2);
    }
    if !said.contains(" pour « ") {
        return Answer::Error(kind_of(said, false));
    }
    let links = browser.eval(
        "Array.from(document.querySelectorAll('#results h2 a')).slice(0, 10)\
         .map(a => a.getAttribute('href'))",
    );
    let ids = links
        .as_array()
        .expect("links")
        .iter()
        .filter_map(|h| {
            let page = h.as_str()?.trim_end_matches("index.html");
            page.trim_end_matches('/').rsplit('/').next()
        })
        .map(str::to_owned)
        .collect();
    Answer::Found(ids)
}

/// The queries picked by `picked` (by their place in the list) in `site`
/// against `reference`: from disk, and over HTTP too when `over_http` (the
/// two load the same index files differently).
fn differences(
    browser: &mut Browser,
    site: &Path,
    reference: &Catalogue,
    label: &str,
    over_http: bool,
    picked: impl Fn(usize) -> bool,
) -> Vec<String> {
    let server = over_http.then(|| Server::start(site));
    let mut bases = vec![format!("file://{}/", site.display())];
    bases.extend(server.iter().map(|s| s.base.clone()));
    let mut out = Vec::new();
    for (place, query) in queries().into_iter().enumerate() {
        if !picked(place) {
            continue;
        }
        let expected = reference.answer(&query);
        for base in &bases {
            let found = page_answer(browser, base, &query);
            if found != expected {
                let scheme = &base[..4];
                out.push(format!(
                    "[{label}, {scheme}] {query:?}:\n  page     {found:?}\n  terminal {expected:?}"
                ));
            }
        }
    }
    out
}

#[test]
fn the_page_answers_every_adversarial_query_like_pacte_search() {
    let test = "the_page_answers_every_adversarial_query_like_pacte_search";
    let Some(executable) = super::browser_or_skip(test) else {
        return;
    };
    assert!(queries().len() >= 100);
    let whole = Catalogue::new(&collection().join("sheets.yaml"));
    let mut browser = Browser::launch(&executable);
    let mut found = Vec::new();
    let (site, _) = whole.publish(&[]);
    found.extend(differences(
        &mut browser,
        &site,
        &whole,
        "all",
        true,
        |_| true,
    ));
    // Each published subset answers a third of the queries, a different
    // third each, so every query meets a subset and the test stays short.
    let subsets = [
        &["--theme", "mobilite"][..],
        &["--department", "68", "--redact-contacts"][..],
        &["--redact-contacts"][..],
    ];
    for (turn, options) in subsets.iter().enumerate() {
        let (site, reference) = whole.publish(options);
        found.extend(differences(
            &mut browser,
            &site,
            &reference,
            &options.join(" "),
            false,
            |place| place % subsets.len() == turn,
        ));
    }
    assert!(
        found.is_empty(),
        "{} differences:\n{}",
        found.len(),
        found.join("\n")
    );
    assert!(
        browser.problems.is_empty(),
        "the browser reported problems: {:#?}",
        browser.problems
    );
}
