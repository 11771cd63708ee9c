//! `pacte site`: the files it writes, read as HTML text.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, SystemTime};

use crate::env::{TestEnv, minimal_sheet};

fn imported() -> TestEnv {
    let env = TestEnv::new();
    let sheets = env.examples();
    env.run(&["import", &sheets]).expect(0);
    env
}

fn site(env: &TestEnv, out: &str, extra: &[&str]) -> String {
    let path = env.path(out).display().to_string();
    let mut args = vec!["site", path.as_str()];
    args.extend(extra);
    env.run(&args).expect(0);
    path
}

/// Every file of the site under `dir`, by path relative to it: the
/// manifest is pacte's bookkeeping, not part of the site (it records each
/// file's size, time and inode, so it changes whenever a file is written).
pub fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut found = BTreeMap::new();
    let mut pending = vec![dir.to_owned()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let relative = path.strip_prefix(dir).unwrap().display().to_string();
                if relative != ".pacte-site" {
                    found.insert(relative, std::fs::read(&path).unwrap());
                }
            }
        }
    }
    found
}

fn pages(dir: &Path) -> BTreeMap<String, String> {
    files(dir)
        .into_iter()
        .filter(|(path, _)| Path::new(path).extension().is_some_and(|e| e == "html"))
        .map(|(path, bytes)| (path, String::from_utf8(bytes).unwrap()))
        .collect()
}

/// The values of `attribute="…"` in a page.
fn attributes<'a>(html: &'a str, attribute: &str) -> Vec<&'a str> {
    let marker = format!(" {attribute}=\"");
    html.match_indices(&marker)
        .filter_map(|(i, m)| html[i + m.len()..].split('"').next())
        .collect()
}

fn ids(env: &TestEnv, filters: &[&str]) -> Vec<String> {
    let mut args = vec!["list", "--format", "ids"];
    args.extend(filters);
    env.run(&args)
        .expect(0)
        .lines()
        .iter()
        .map(|l| (*l).to_owned())
        .collect()
}

#[test]
fn every_sheet_gets_a_page_and_a_card_on_the_index() {
    let env = imported();
    let out = site(&env, "site", &[]);
    let pages = pages(Path::new(&out));
    let all = ids(&env, &[]);
    assert_eq!(all.len(), 11);
    let index = &pages["index.html"];
    for id in &all {
        assert!(
            pages.contains_key(&format!("fiches/{id}/index.html")),
            "{id}"
        );
    }
    // The first page of the catalogue holds every card when they fit on it.
    for id in &all {
        assert!(
            index.contains(&format!("href=\"fiches/{id}/index.html\"")),
            "{id}"
        );
    }
    let sheet_pages = pages.keys().filter(|p| p.starts_with("fiches/")).count();
    assert_eq!(sheet_pages, all.len());
    // Facet counts: as many as `pacte list` finds.
    let ess = ids(&env, &["--theme", "ess"]).len();
    assert!(
        index.contains(&format!(
            "name=\"theme\" value=\"ess\"><label for=\"f-theme-0\">Économie sociale et solidaire \
             <span class=\"count\" id=\"f-theme-0-count\">{ess}</span></label>"
        )),
        "{index}"
    );
    for facet in ["theme", "public", "status", "department", "reproducible"] {
        assert!(index.contains(&format!("name=\"{facet}\"")), "{facet}");
    }
    // A page per theme and per public, listing their sheets.
    let mobility = &pages["themes/mobilite/index.html"];
    for id in ids(&env, &["--theme", "mobilite"]) {
        assert!(
            mobility.contains(&format!("href=\"../../fiches/{id}/index.html\"")),
            "{id}"
        );
    }
    // Related sheets link to published pages.
    let page = &pages["fiches/pacte-ess/index.html"];
    assert!(
        page.contains("<h2 id=\"related\">Fiches proches</h2>"),
        "{page}"
    );
    let related: Vec<&str> = attributes(page, "href")
        .into_iter()
        .filter_map(|h| h.strip_prefix("../../fiches/"))
        .filter_map(|h| h.strip_suffix("index.html"))
        .collect();
    assert!(!related.is_empty() && related.len() <= 5, "{related:?}");
    for link in related {
        assert!(
            pages.contains_key(&format!("fiches/{link}index.html")),
            "{link}"
        );
    }
    assert!(pages.contains_key("publics/jeunes/index.html"));
    assert!(pages.contains_key("recherche/index.html"));
    assert!(files(Path::new(&out)).contains_key("search/meta.js"));
}

#[test]
fn every_page_is_french_with_one_heading_and_a_content_security_policy() {
    let env = imported();
    let out = site(&env, "site", &[]);
    for (path, html) in pages(Path::new(&out)) {
        assert!(
            html.starts_with("<!DOCTYPE html>\n<html lang=\"fr\">"),
            "{path}"
        );
        assert_eq!(html.matches("<h1").count(), 1, "{path}");
        assert!(
            html.contains(
                "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
                 script-src 'self';"
            ),
            "{path}: scripts from the site only"
        );
        for landmark in ["<header", "<main id=\"contenu\"", "<footer", "<nav"] {
            assert!(html.contains(landmark), "{path}: {landmark}");
        }
    }
}

#[test]
fn the_same_catalogue_gives_the_same_site_byte_for_byte() {
    let env = imported();
    let first = site(&env, "first", &[]);
    let second = site(&env, "second", &[]);
    let (a, b) = (files(Path::new(&first)), files(Path::new(&second)));
    assert!(a.len() > 40, "{}", a.len());
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, bytes) in &a {
        assert!(bytes == &b[path], "{path} differs between two builds");
    }
}

fn modified(path: &Path) -> SystemTime {
    std::fs::metadata(path).unwrap().modified().unwrap()
}

#[test]
fn a_rebuild_rewrites_only_the_pages_that_changed() {
    let env = imported();
    let out = site(&env, "site", &[]);
    let out = Path::new(&out);
    let long_ago = SystemTime::now() - Duration::from_secs(3600);
    for path in files(out).keys() {
        let file = std::fs::File::options()
            .write(true)
            .open(out.join(path))
            .unwrap();
        file.set_modified(long_ago).unwrap();
    }
    let unchanged = env.run(&["site", &out.display().to_string()]).expect(0);
    assert!(
        unchanged.stderr.contains(" 0 files written"),
        "{}",
        unchanged.stderr
    );
    assert!(
        files(out)
            .keys()
            .all(|p| modified(&out.join(p)) == long_ago)
    );

    // One sheet's objective changes (the cards do not show it).
    let sheet = env.path("sheets/atelier-cv.yaml");
    let text = std::fs::read_to_string(&sheet).unwrap();
    let text = text.replacen("objectives: ", "objectives: Nouveau paragraphe. ", 1);
    assert!(text.contains("Nouveau paragraphe"));
    std::fs::write(&sheet, text).unwrap();
    env.run(&["import", &sheet.display().to_string()]).expect(0);
    env.run(&["site", &out.display().to_string()]).expect(0);
    let page = out.join("fiches/atelier-cv-numerique/index.html");
    assert!(
        std::fs::read_to_string(&page)
            .unwrap()
            .contains("Nouveau paragraphe")
    );
    assert!(modified(&page) > long_ago);
    for kept in [
        "fiches/pacte-ess/index.html",
        "index.html",
        "assets/style.css",
    ] {
        assert_eq!(modified(&out.join(kept)), long_ago, "{kept} was rewritten");
    }
}

#[test]
fn a_damaged_search_index_is_rebuilt_whole() {
    let env = imported();
    let out = site(&env, "site", &[]);
    let fresh = files(Path::new(&out));
    let meta = env.path("site/search/meta.js");
    std::fs::remove_file(&meta).unwrap();
    let part = fresh
        .keys()
        .find(|p| p.starts_with("search/p/"))
        .expect("a part of the index");
    std::fs::write(env.path(&format!("site/{part}")), "abîmé").unwrap();
    env.run(&["site", &out]).expect(0);
    assert_eq!(files(Path::new(&out)), fresh);
}

#[test]
fn files_pacte_did_not_write_are_never_touched() {
    let env = imported();
    env.write("site/README.txt", "mes notes");
    env.write("site/fiches/garder.txt", "à garder");
    let out = site(&env, "site", &[]);
    assert_eq!(
        std::fs::read_to_string(env.path("site/README.txt")).unwrap(),
        "mes notes"
    );

    // A removed sheet's page goes; the other file in its folder stays.
    env.write("site/fiches/pacte-ess/photo.txt", "à moi");
    env.run(&["remove", "--yes", "atelier-cv-numerique", "pacte-ess"])
        .expect(0);
    let output = env.run(&["site", &out]).expect(0);
    assert!(output.stderr.contains("removed"), "{}", output.stderr);
    assert!(!env.path("site/fiches/atelier-cv-numerique").exists());
    assert!(!env.path("site/fiches/pacte-ess/index.html").exists());
    assert!(env.path("site/fiches/pacte-ess/photo.txt").exists());
    assert!(env.path("site/fiches/garder.txt").exists());

    // A file in the way stops the build before anything is written.
    let other = env.path("other");
    env.write("other/index.html", "<p>mon site</p>");
    let refused = env.run(&["site", &other.display().to_string()]).expect(1);
    assert!(
        refused
            .stderr
            .contains("index.html already exists and was not written by pacte"),
        "{}",
        refused.stderr
    );
    assert_eq!(files(&other).len(), 1);
    assert_eq!(
        std::fs::read_to_string(other.join("index.html")).unwrap(),
        "<p>mon site</p>"
    );

    let file = env.write("a-file", "x");
    let refused = env.run(&["site", &file]).expect(1);
    assert!(
        refused.stderr.contains("is not a folder"),
        "{}",
        refused.stderr
    );
}

#[test]
fn a_manifest_cannot_send_pacte_outside_the_site() {
    let env = imported();
    env.write("victim.txt", "précieux");
    let out = site(&env, "site", &[]);
    let manifest = env.path("site/.pacte-site");
    let mut text = std::fs::read_to_string(&manifest).unwrap();
    text.push_str("../victim.txt\n/etc/hostname\n");
    std::fs::write(&manifest, text).unwrap();
    env.run(&["site", &out]).expect(0);
    assert_eq!(
        std::fs::read_to_string(env.path("victim.txt")).unwrap(),
        "précieux"
    );
}

#[test]
fn sheet_text_is_escaped_and_only_web_links_are_written() {
    let env = TestEnv::new();
    let hostile = minimal_sheet("piege")
        .replace(
            "title: Action piege",
            "title: \"<script>alert('titre')</script> & co\"",
        )
        .replace(
            "description: Une action de test.",
            "description: \"Voir [ici](javascript:alert(1)), <img src=x onerror=alert(2)>, \
             ![pixel](https://tracker.example/p.png) et [le site](https://example.org/a?b=1&c=2).\"",
        )
        + "links:\n  - title: \"Rapport <b>final</b>\"\n    url: https://example.org/rapport\"onmouseover=\"x\n";
    let file = env.write("piege.yaml", hostile);
    env.run(&["import", &file]).expect(0);
    let out = site(&env, "site", &[]);
    let pages = pages(Path::new(&out));
    let page = &pages["fiches/piege/index.html"];
    assert!(
        page.contains("&lt;script&gt;alert('titre')&lt;/script&gt; &amp; co"),
        "{page}"
    );
    assert!(
        page.contains("&lt;img src=x onerror=alert(2)&gt;"),
        "{page}"
    );
    assert!(page.contains("Rapport &lt;b&gt;final&lt;/b&gt;"), "{page}");
    assert!(!page.contains("tracker.example"), "{page}");
    for (path, html) in &pages {
        assert!(!html.contains("<script>alert"), "{path}");
        assert!(!html.contains("href=\"javascript"), "{path}");
        assert!(!html.contains("<img"), "{path}");
        for href in attributes(html, "href") {
            if href.contains(':') {
                assert!(
                    href.starts_with("https://") || href.starts_with("http://"),
                    "{path}: {href}"
                );
                let tag_end = html.find(&format!("href=\"{href}\"")).unwrap();
                let rest = &html[tag_end..];
                assert!(
                    rest[..rest.find('>').unwrap()].contains("rel=\"noopener noreferrer\""),
                    "{path}: {href}"
                );
            }
        }
        // Nothing is loaded from elsewhere.
        for src in attributes(html, "src") {
            assert!(
                !src.contains(':') && !src.starts_with("//"),
                "{path}: {src}"
            );
        }
    }
    assert!(page.contains(
        "<a href=\"https://example.org/a?b=1&amp;c=2\" rel=\"noopener noreferrer\">le site</a>"
    ));
    assert!(
        page.contains("href=\"https://example.org/rapport&quot;onmouseover=&quot;x\""),
        "{page}"
    );
}

#[test]
fn contacts_can_be_left_out() {
    let env = imported();
    let open = site(&env, "open", &[]);
    let page =
        std::fs::read_to_string(Path::new(&open).join("fiches/pacte-ess/index.html")).unwrap();
    assert!(page.contains("direction@mefthurdoller.fr"));
    assert!(page.contains("Florence Faivre"));
    let redacted = site(&env, "redacted", &["--redact-contacts"]);
    for (path, html) in pages(Path::new(&redacted)) {
        assert!(!html.contains("mefthurdoller.fr"), "{path}");
        assert!(!html.contains("Florence Faivre"), "{path}");
    }
}

#[test]
fn filters_title_and_base_url_shape_the_site() {
    let env = imported();
    let out = site(
        &env,
        "site",
        &[
            "--theme",
            "mobilite",
            "--title",
            "Fiches <mobilité>",
            "--base-url",
            "https://fiches.example.org/mobilite",
        ],
    );
    let pages = pages(Path::new(&out));
    let sheets: Vec<&String> = pages.keys().filter(|p| p.starts_with("fiches/")).collect();
    assert_eq!(sheets.len(), ids(&env, &["--theme", "mobilite"]).len());
    let index = &pages["index.html"];
    assert!(
        index.contains("<h1>Fiches &lt;mobilité&gt;</h1>"),
        "{index}"
    );
    assert!(
        index.contains("<link rel=\"canonical\" href=\"https://fiches.example.org/mobilite/\">")
    );
    let sitemap = std::fs::read_to_string(Path::new(&out).join("sitemap.xml")).unwrap();
    assert!(
        sitemap.contains(
            "<loc>https://fiches.example.org/mobilite/fiches/garage-solidaire-doubs/</loc>"
        ),
        "{sitemap}"
    );

    let refused = env
        .run(&["site", &out, "--base-url", "ftp://x.org"])
        .expect(2);
    assert!(
        refused
            .stderr
            .contains("--base-url needs an http or https address"),
        "{}",
        refused.stderr
    );
    env.run(&["site", &out, "--title", " "]).expect(2);
}

/// `<hN` levels of a page, in order.
fn heading_levels(html: &str) -> Vec<u8> {
    html.match_indices("<h")
        .filter_map(|(i, _)| html.as_bytes().get(i + 2).copied())
        .filter(u8::is_ascii_digit)
        .map(|b| b - b'0')
        .collect()
}

#[test]
fn every_link_names_a_file_of_the_site_and_headings_never_skip_a_level() {
    let env = imported();
    let out = site(
        &env,
        "site",
        &["--publisher", "la Maison de l'Emploi <Test>"],
    );
    let pages = pages(Path::new(&out));
    let files = files(Path::new(&out));
    for (path, html) in &pages {
        let folder = Path::new(path).parent().unwrap();
        for href in attributes(html, "href")
            .into_iter()
            .chain(attributes(html, "src"))
            .chain(attributes(html, "action"))
        {
            if href.starts_with("http") || href.starts_with('#') {
                continue;
            }
            assert!(!href.starts_with('/'), "{path}: {href}");
            let file = href.split(['?', '#']).next().unwrap();
            let target = folder.join(file);
            let mut parts: Vec<&str> = Vec::new();
            for part in target.iter().map(|p| p.to_str().unwrap()) {
                if part == ".." {
                    assert!(parts.pop().is_some(), "{path}: {href} leaves the site");
                } else {
                    parts.push(part);
                }
            }
            let target = parts.join("/");
            assert!(
                files.contains_key(&target),
                "{path}: {href} names no file ({target})"
            );
        }
        let levels = heading_levels(html);
        assert_eq!(levels.first(), Some(&1), "{path}");
        for pair in levels.windows(2) {
            assert!(
                pair[1] <= pair[0] + 1,
                "{path}: h{} after h{}",
                pair[1],
                pair[0]
            );
        }
        assert!(
            html.contains("publié par la Maison de l'Emploi &lt;Test&gt;."),
            "{path}"
        );
        assert!(
            html.contains("<meta name=\"description\" content=\""),
            "{path}"
        );
    }
    // A sheet's description and link preview come from its own text.
    let page = &pages["fiches/atelier-cv-numerique/index.html"];
    for tag in [
        "<meta name=\"description\" content=\"Un atelier hebdomadaire de deux heures, sur inscription.\">",
        "<meta property=\"og:title\" content=\"Atelier CV numérique\">",
        "<meta property=\"og:description\" content=\"Un atelier hebdomadaire de deux heures, sur inscription.\">",
    ] {
        assert!(page.contains(tag), "{tag}");
    }
    let empty = env.run(&["site", &out, "--publisher", " "]).expect(2);
    assert!(
        empty.stderr.contains("--publisher needs some text"),
        "{}",
        empty.stderr
    );
}

#[test]
fn long_listings_are_cut_into_linked_pages_of_fifty() {
    let env = TestEnv::new();
    let sheets: String = (0..120)
        .map(|i| minimal_sheet(&format!("action-{i:03}")) + "---\n")
        .collect();
    let file = env.write("many.yaml", sheets);
    env.run(&["import", &file]).expect(0);
    let out = site(&env, "site", &[]);
    let pages = pages(Path::new(&out));
    let cards = |html: &str| html.matches("<li class=\"card\">").count();
    assert_eq!(cards(&pages["index.html"]), 50);
    assert_eq!(cards(&pages["index-2.html"]), 50);
    assert_eq!(cards(&pages["index-3.html"]), 20);
    assert!(!pages.contains_key("index-4.html"));
    assert!(
        pages["index.html"]
            .contains("<h2 class=\"summary\" id=\"summary\" aria-live=\"polite\">120 fiches</h2>")
    );
    let second = &pages["index-2.html"];
    assert!(
        second.contains("<a href=\"index.html\" rel=\"prev\">"),
        "{second}"
    );
    assert!(
        second.contains("<a href=\"index-3.html\" rel=\"next\">"),
        "{second}"
    );
    assert!(second.contains("Page 2 sur 3"), "{second}");
    // Facet counts are the whole catalogue's on every page.
    assert!(
        second.contains("id=\"f-theme-0-count\">120</span>"),
        "{second}"
    );
    assert_eq!(cards(&pages["themes/ess/index-3.html"]), 20);
    // The cards of the pages, in order, are every sheet once, by title.
    let mut ids = Vec::new();
    for page in ["index.html", "index-2.html", "index-3.html"] {
        for href in attributes(&pages[page], "href") {
            if let Some(id) = href.strip_prefix("fiches/") {
                ids.push(id.trim_end_matches("/index.html").to_owned());
            }
        }
    }
    let expected: Vec<String> = (0..120).map(|i| format!("action-{i:03}")).collect();
    assert_eq!(ids, expected);
}

/// Each file's inode and modification time, the manifest included.
fn stamps(dir: &Path) -> BTreeMap<String, (u64, SystemTime)> {
    use std::os::unix::fs::MetadataExt;
    let mut found = BTreeMap::new();
    let mut pending = vec![dir.to_owned()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            let meta = std::fs::symlink_metadata(&path).unwrap();
            if meta.is_dir() {
                pending.push(path);
            } else {
                let relative = path.strip_prefix(dir).unwrap().display().to_string();
                found.insert(relative, (meta.ino(), meta.modified().unwrap()));
            }
        }
    }
    found
}

/// The files whose inode or time changed between two looks.
fn touched(
    before: &BTreeMap<String, (u64, SystemTime)>,
    after: &BTreeMap<String, (u64, SystemTime)>,
) -> Vec<String> {
    after
        .iter()
        .filter(|(path, stamp)| before.get(*path) != Some(stamp))
        .map(|(path, _)| path.clone())
        .collect()
}

#[test]
fn a_rebuild_with_nothing_changed_writes_nothing_and_a_change_rewrites_what_it_changes() {
    let env = imported();
    let out = site(&env, "site", &[]);
    let dir = Path::new(&out);
    let first = stamps(dir);
    let again = env.run(&["site", &out]).expect(0);
    assert!(
        again
            .stderr
            .contains("nothing changed since the last build"),
        "{}",
        again.stderr
    );
    assert_eq!(stamps(dir), first, "a rebuild with nothing changed wrote");

    // A changed sheet: its page is rewritten, not another sheet's.
    let sheet = env.path("sheets/atelier-cv.yaml");
    let text = std::fs::read_to_string(&sheet).unwrap();
    std::fs::write(
        &sheet,
        text.replacen("objectives: ", "objectives: Revu. ", 1),
    )
    .unwrap();
    env.run(&["import", &sheet.display().to_string()]).expect(0);
    let built = env.run(&["site", &out]).expect(0);
    assert!(built.stderr.contains("unchanged"), "{}", built.stderr);
    let after_sheet = stamps(dir);
    let changed = touched(&first, &after_sheet);
    assert!(changed.contains(&"fiches/atelier-cv-numerique/index.html".to_owned()));
    assert!(!changed.contains(&"fiches/pacte-ess/index.html".to_owned()));
    assert!(!changed.contains(&"assets/style.css".to_owned()));

    // A changed option: every page shows the title.
    env.run(&["site", &out, "--title", "Autre titre"]).expect(0);
    let after_option = stamps(dir);
    let changed = touched(&after_sheet, &after_option);
    assert!(changed.contains(&"index.html".to_owned()), "{changed:?}");
    assert!(changed.contains(&"fiches/pacte-ess/index.html".to_owned()));
    assert!(!changed.contains(&"assets/style.css".to_owned()));

    // A file removed by hand comes back, and nothing else is written.
    let removed = dir.join("fiches/pacte-ess/index.html");
    let page = std::fs::read(&removed).unwrap();
    std::fs::remove_file(&removed).unwrap();
    let built = env.run(&["site", &out, "--title", "Autre titre"]).expect(0);
    assert!(
        built.stderr.contains(": 1 file written"),
        "{}",
        built.stderr
    );
    assert_eq!(std::fs::read(&removed).unwrap(), page);
    let changed = touched(&after_option, &stamps(dir));
    assert_eq!(
        changed,
        [".pacte-site", "fiches/pacte-ess/index.html"],
        "only the missing page and the manifest are written"
    );

    // `--full` draws and compares every page, and writes none.
    let before_full = stamps(dir);
    let full = env
        .run(&["site", &out, "--title", "Autre titre", "--full"])
        .expect(0);
    assert!(full.stderr.contains(": 0 files written"), "{}", full.stderr);
    assert_eq!(stamps(dir), before_full);
}
