//! The published catalogue as its readers get it: opened from a folder on
//! disk or served under a sub-path, filtered from the address, paged at
//! 10 000 sheets, and checked for accessibility with axe-core.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::{Value, json};

use super::cdp::Browser;
use super::server::Server;
use crate::env::TestEnv;

/// The examples imported and published into `site/catalogue/` (so that the
/// server, serving `site/`, puts it under a sub-path); `None` when the
/// browser tests are skipped.
fn published(test: &str) -> Option<(TestEnv, PathBuf, Browser)> {
    let executable = super::browser_or_skip(test)?;
    let env = TestEnv::new();
    let sheets = env.examples();
    env.run(&["import", &sheets]).expect(0);
    let out = env.path("site/catalogue");
    env.run(&[
        "site",
        &out.display().to_string(),
        "--publisher",
        "la Maison de l'Emploi de Test",
    ])
    .expect(0);
    let browser = Browser::launch(&executable);
    Some((env, out, browser))
}

fn file_url(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// Opens `url` and waits until it has loaded and `ready` holds.
fn open(browser: &mut Browser, url: &str, ready: &str) {
    browser.navigate(url);
    let loaded = format!(
        "location.href === new URL({}).href && document.readyState === 'complete' && ({ready})",
        Value::from(url)
    );
    browser.wait_for(&loaded, "true");
}

/// The ids of the sheets whose cards are shown, sorted.
fn shown_ids(browser: &mut Browser) -> Vec<String> {
    let hrefs = browser.eval(
        "Array.from(document.querySelectorAll('#cards > li h3 a')).map(a => a.getAttribute('href'))",
    );
    let mut ids: Vec<String> = hrefs
        .as_array()
        .expect("links")
        .iter()
        .filter_map(|h| h.as_str())
        .map(|h| {
            assert!(
                h.starts_with("fiches/") && h.ends_with("/index.html"),
                "{h}"
            );
            h.trim_start_matches("fiches/")
                .trim_end_matches("/index.html")
                .to_owned()
        })
        .collect();
    ids.sort();
    ids
}

fn listed(env: &TestEnv, filters: &[&str]) -> Vec<String> {
    let mut args = vec!["list", "--format", "ids"];
    args.extend(filters);
    let mut ids: Vec<String> = env
        .run(&args)
        .expect(0)
        .lines()
        .iter()
        .map(|l| (*l).to_owned())
        .collect();
    ids.sort();
    ids
}

/// The filters have loaded the data file and drawn the cards.
const FILTERED: &str = "window.pacteCatalogue && !document.getElementById('summary').textContent.includes('Chargement')";

#[track_caller]
fn assert_no_problems(browser: &Browser) {
    assert!(
        browser.problems.is_empty(),
        "the browser reported problems: {:#?}",
        browser.problems
    );
}

/// From the index to a sheet and back, by clicking, on one base address.
fn index_to_sheet_and_back(browser: &mut Browser, base: &str) {
    let index = format!("{base}index.html");
    open(browser, &index, "document.querySelector('#cards a')");
    let (href, title) = {
        let link = browser.eval(
            "(() => { const a = document.querySelector('#cards a'); return [a.href, a.textContent]; })()",
        );
        (link[0].as_str().unwrap().to_owned(), link[1].clone())
    };
    assert!(href.starts_with(base), "{href} is not under {base}");
    browser.leave_by("document.querySelector('#cards a').click()");
    browser.wait_for(
        &format!(
            "location.href === {} && document.readyState === 'complete'",
            Value::from(href.as_str())
        ),
        "true",
    );
    assert_eq!(
        browser.eval("document.querySelector('h1').textContent"),
        title
    );
    // The breadcrumb leads back to the catalogue, then history does too.
    let crumb = browser.eval("document.querySelector('.breadcrumb a').href");
    assert_eq!(crumb, json!(index));
    browser.leave_by("history.back()");
    browser.wait_for(
        &format!(
            "location.href === {} && document.readyState === 'complete' && document.querySelector('#cards a')",
            Value::from(index.as_str())
        ),
        "true",
    );
    // Every link of the page leads to a file of the site.
    let links = browser
        .eval("Array.from(document.querySelectorAll('a[href]')).map(a => a.getAttribute('href'))");
    for link in links.as_array().unwrap() {
        let link = link.as_str().unwrap();
        assert!(
            !link.starts_with('/') && (link.starts_with('#') || link.contains(".html")),
            "{link}"
        );
    }
}

#[test]
fn readers_go_from_the_index_to_a_sheet_and_back_from_disk_and_under_a_sub_path() {
    let Some((env, out, mut browser)) =
        published("readers_go_from_the_index_to_a_sheet_and_back_from_disk_and_under_a_sub_path")
    else {
        return;
    };
    index_to_sheet_and_back(&mut browser, &format!("{}/", file_url(&out)));
    let server = Server::start(&env.path("site"));
    index_to_sheet_and_back(&mut browser, &format!("{}catalogue/", server.base));
    assert_no_problems(&browser);
    // The search form leads to the search page's file, from disk too.
    open(
        &mut browser,
        &format!("{}/index.html", file_url(&out)),
        "document.querySelector('#q')",
    );
    browser.leave_by("document.getElementById('q').value = 'emploi'; document.querySelector('.search-form').submit()");
    browser.wait_for(
        "location.pathname.endsWith('/recherche/index.html') && location.search === '?q=emploi'",
        "true",
    );
}

#[test]
fn filter_values_in_the_address_read_like_the_command_line() {
    let Some((env, out, mut browser)) =
        published("filter_values_in_the_address_read_like_the_command_line")
    else {
        return;
    };
    let base = format!("{}/index.html", file_url(&out));
    let mobility = listed(&env, &["--theme", "mobilite"]);
    assert!(!mobility.is_empty());
    for spelling in ["Mobilit%C3%A9", "MOBILITE", "mobilite", "Mobilite%CC%81"] {
        open(&mut browser, &format!("{base}?theme={spelling}"), FILTERED);
        assert_eq!(shown_ids(&mut browser), mobility, "{spelling}");
        let chips = browser.eval("document.getElementById('chips').innerText");
        assert!(chips.as_str().unwrap().contains("Mobilité"), "{chips}");
        assert_eq!(
            browser.eval("document.getElementById('notice').hidden"),
            true
        );
        let checked = browser.eval(
            "Array.from(document.querySelectorAll('#facets input:checked')).map(i => i.value)",
        );
        assert_eq!(checked, json!(["mobilite"]), "{spelling}");
    }
    // An alias and a status in French words, a department in lower case.
    open(
        &mut browser,
        &format!("{base}?theme=ESS&status=termin%C3%A9e"),
        FILTERED,
    );
    assert_eq!(
        shown_ids(&mut browser),
        listed(&env, &["--theme", "ess", "--status", "finished"])
    );
    // An unknown value is said, with the closest known one.
    open(&mut browser, &format!("{base}?theme=mobilit"), FILTERED);
    let notice = browser.eval("document.getElementById('notice').innerText");
    let notice = notice.as_str().unwrap();
    assert!(
        notice.contains("« mobilit » n’est pas un thème"),
        "{notice}"
    );
    assert!(notice.contains("Vouliez-vous dire Mobilité ?"), "{notice}");
    assert_eq!(shown_ids(&mut browser), listed(&env, &[]));
    browser.leave_by("document.querySelector('#notice a').click()");
    browser.wait_for("location.search === '?theme=mobilite'", "true");
    open(&mut browser, &format!("{base}?theme=zzzz"), FILTERED);
    let notice = browser.eval("document.getElementById('notice').innerText");
    assert!(
        !notice.as_str().unwrap().contains("Vouliez-vous"),
        "{notice}"
    );
    assert_no_problems(&browser);
}

#[test]
fn chips_remove_filters_and_every_way_back_clears_them() {
    let Some((env, out, mut browser)) =
        published("chips_remove_filters_and_every_way_back_clears_them")
    else {
        return;
    };
    let base = format!("{}/index.html", file_url(&out));
    open(
        &mut browser,
        &format!("{base}?status=ongoing&theme=ess"),
        FILTERED,
    );
    assert_eq!(
        browser.eval("document.querySelectorAll('#chips .chip').length"),
        2
    );
    browser.eval("document.querySelector('#chips .chip').click()");
    assert_eq!(browser.eval("location.search"), "?status=ongoing");
    assert_eq!(
        shown_ids(&mut browser),
        listed(&env, &["--status", "ongoing"])
    );
    browser.eval("document.getElementById('clear-all').click()");
    assert_eq!(browser.eval("location.search"), "");
    assert_eq!(shown_ids(&mut browser), listed(&env, &[]));
    assert_eq!(
        browser.eval("document.getElementById('chips').hidden"),
        true
    );
    // "Toutes les fiches" in the header leaves a filtered page for the
    // whole catalogue.
    open(&mut browser, &format!("{base}?theme=ess"), FILTERED);
    browser.leave_by("document.querySelector('.site-header nav a').click()");
    browser.wait_for(
        &format!(
            "location.href === {} && document.readyState === 'complete'",
            Value::from(base.as_str())
        ),
        "true",
    );
    assert_eq!(shown_ids(&mut browser), listed(&env, &[]));
    // Sorted by last update: the newest first.
    open(&mut browser, &format!("{base}?sort=updated"), FILTERED);
    let first = browser.eval("document.querySelector('#cards a').getAttribute('href')");
    let newest = env
        .run(&["list", "--format", "ids", "--sort", "updated", "--reverse"])
        .expect(0);
    assert_eq!(
        first,
        json!(format!("fiches/{}/index.html", newest.lines()[0]))
    );
    assert_no_problems(&browser);
}

#[test]
fn cards_drawn_by_the_script_are_the_cards_pacte_writes() {
    let Some((_env, out, mut browser)) =
        published("cards_drawn_by_the_script_are_the_cards_pacte_writes")
    else {
        return;
    };
    let base = format!("{}/index.html", file_url(&out));
    let cards = "Array.from(document.querySelectorAll('#cards > li')).map(li => li.outerHTML)";
    open(&mut browser, &base, "document.querySelector('#cards li')");
    let written = browser.eval(cards);
    open(&mut browser, &format!("{base}?page=1"), FILTERED);
    assert_eq!(browser.eval(cards), written);
    assert_no_problems(&browser);
}

#[test]
fn on_a_phone_the_count_and_the_way_to_the_sheets_stay_in_view() {
    let Some((_env, out, mut browser)) =
        published("on_a_phone_the_count_and_the_way_to_the_sheets_stay_in_view")
    else {
        return;
    };
    browser.phone_width(390);
    let base = format!("{}/index.html", file_url(&out));
    open(
        &mut browser,
        &base,
        "!document.getElementById('filters').hidden",
    );
    browser.eval("document.querySelector('#filters summary').click()");
    // Tick a box far down the filters.
    browser.eval(
        "(() => { const boxes = document.querySelectorAll('#facets input'); \
         const box = boxes[boxes.length - 1]; box.scrollIntoView(); box.click(); })()",
    );
    browser.wait_for(FILTERED, "true");
    let bar = browser.eval(
        "(() => { const r = document.getElementById('filters-count').getBoundingClientRect(); \
         return [r.top, r.bottom, innerHeight, document.getElementById('filters-count').textContent]; })()",
    );
    let (top, bottom, height) = (
        bar[0].as_f64().unwrap(),
        bar[1].as_f64().unwrap(),
        bar[2].as_f64().unwrap(),
    );
    assert!(
        top >= 0.0 && bottom <= height,
        "the count is out of view: {bar}"
    );
    assert!(bar[3].as_str().unwrap().contains(" sur 11"), "{bar}");
    assert_no_problems(&browser);
}

#[test]
fn a_printed_sheet_names_the_catalogue_its_address_and_date() {
    let Some((_env, out, mut browser)) =
        published("a_printed_sheet_names_the_catalogue_its_address_and_date")
    else {
        return;
    };
    let page = format!(
        "{}/fiches/garage-solidaire-doubs/index.html",
        file_url(&out)
    );
    open(
        &mut browser,
        &page,
        "document.getElementById('print-address').textContent",
    );
    browser.call("Emulation.setEmulatedMedia", &json!({"media": "print"}));
    let note = browser.eval(
        "(() => { const n = document.querySelector('.print-note'); \
         return getComputedStyle(n).display === 'none' ? '' : n.innerText; })()",
    );
    let note = note.as_str().unwrap();
    assert!(note.contains("Catalogue des fiches action"), "{note}");
    assert!(note.contains(&page), "{note}");
    assert!(note.contains("Mise à jour le"), "{note}");
}

/// axe-core's script: `PACTE_AXE`, else where `.ci/run` installs it.
fn axe_script() -> Option<String> {
    let path = std::env::var_os("PACTE_AXE").map_or_else(
        || {
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("target/ci-node/node_modules/axe-core/axe.min.js")
        },
        PathBuf::from,
    );
    let script = std::fs::read_to_string(&path).ok();
    if script.is_none() {
        assert!(
            std::env::var(super::REQUIRED_VARIABLE).as_deref() != Ok("required"),
            "{}=required but axe-core is not at {} (run .ci/run or set PACTE_AXE)",
            super::REQUIRED_VARIABLE,
            path.display()
        );
        eprintln!(
            "SKIPPED accessibility check: axe-core not found at {} (install it with \
             `npm install --prefix target/ci-node axe-core` or set PACTE_AXE)",
            path.display()
        );
    }
    script
}

#[test]
fn axe_finds_no_violation_on_the_index_a_sheet_and_search() {
    let Some(axe) = axe_script() else {
        return;
    };
    let Some((_env, out, mut browser)) =
        published("axe_finds_no_violation_on_the_index_a_sheet_and_search")
    else {
        return;
    };
    let server = Server::start(&out);
    let run_axe = |browser: &mut Browser| {
        // Injected through the protocol: the pages' policy forbids it.
        browser.call(
            "Runtime.evaluate",
            &json!({"expression": axe, "returnByValue": true}),
        );
        browser.eval(
            "axe.run(document, {resultTypes: ['violations']}).then(r => r.violations.map(v => \
             v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', ')))",
        )
    };
    // The check can fail: a page without language or image text does.
    open(
        &mut browser,
        "data:text/html,<title>x</title><img src=x.png>",
        "document.querySelector('img')",
    );
    let found = run_axe(&mut browser);
    assert!(
        found.to_string().contains("image-alt"),
        "axe did not run: {found}"
    );
    for (path, ready) in [
        ("index.html", "!document.getElementById('filters').hidden"),
        ("index.html?theme=ess&theme=zzz", FILTERED),
        (
            "fiches/pacte-ess/index.html",
            "document.querySelector('h1')",
        ),
        ("themes/ess/index.html", "document.querySelector('h1')"),
        (
            "recherche/index.html?q=emploi",
            "document.getElementById('search-status').textContent.includes('pour')",
        ),
    ] {
        open(&mut browser, &format!("{}{path}", server.base), ready);
        let violations = run_axe(&mut browser);
        assert_eq!(violations, json!([]), "{path}");
    }
}

/// A catalogue of `count` sheets of realistic length for their cards:
/// titles, structures, a first sentence, themes, publics, departments,
/// statuses and dates spread like a real catalogue's.
fn write_catalogue(env: &TestEnv, count: usize) -> String {
    let themes = pacte::sheet::Vocabularies::builtin();
    let theme_codes: Vec<&str> = themes
        .themes
        .terms()
        .iter()
        .map(|t| t.code.as_str())
        .collect();
    let public_codes: Vec<&str> = themes
        .publics
        .terms()
        .iter()
        .map(|t| t.code.as_str())
        .collect();
    let departments = [
        "01", "13", "25", "2A", "33", "44", "59", "67", "68", "69", "75", "971",
    ];
    let statuses = ["planned", "ongoing", "finished", "abandoned"];
    let words = [
        "insertion",
        "économie",
        "solidaire",
        "territoire",
        "compétences",
        "formation",
        "accompagnement",
        "entreprises",
        "parcours",
        "métiers",
        "réseau",
        "diagnostic",
        "mobilité",
        "jeunes",
        "salariés",
        "associations",
        "numérique",
        "transition",
    ];
    let mut state: u64 = 42;
    let mut next = move |n: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        usize::try_from(state >> 33).unwrap_or(0) % n
    };
    let mut file = String::new();
    for i in 0..count {
        let phrase = |next: &mut dyn FnMut(usize) -> usize, n: usize| {
            (0..n)
                .map(|_| words[next(words.len())])
                .collect::<Vec<_>>()
                .join(" ")
        };
        let title = format!("Action {i} : {}", phrase(&mut next, 6));
        let first = format!("Un dispositif pour {}.", phrase(&mut next, 18));
        let themes: Vec<&str> = (0..=next(3))
            .map(|_| theme_codes[next(theme_codes.len())])
            .collect();
        let publics: Vec<&str> = (0..next(4))
            .map(|_| public_codes[next(public_codes.len())])
            .collect();
        let mut themes = themes;
        themes.sort_unstable();
        themes.dedup();
        let mut publics = publics;
        publics.sort_unstable();
        publics.dedup();
        file.push_str(&format!(
            "id: action-{i:05}\ntitle: \"{title}\"\nstructure: \"Maison de l'Emploi {}\"\n\
             territory: \"Bassin {}\"\ndepartment: \"{}\"\nstatus: {}\nreproducible: {}\n\
             period: {{start: {}, end: 2024}}\nthemes: [{}]\npublics: [{}]\n\
             objectives: [\"{}\"]\ndescription: \"{first} {}.\"\nupdated: 2024-{:02}-{:02}\n---\n",
            next(300),
            next(500),
            departments[next(departments.len())],
            statuses[next(4)],
            next(2) == 0,
            2010 + next(14),
            themes.join(", "),
            publics.join(", "),
            phrase(&mut next, 5),
            phrase(&mut next, 40),
            1 + next(12),
            1 + next(28),
        ));
        if i % 500 == 499 {
            env.write(&format!("big/part-{:03}.yaml", i / 500), &file);
            file.clear();
        }
    }
    if !file.is_empty() {
        env.write("big/last.yaml", &file);
    }
    env.path("big").display().to_string()
}

/// The page weights, element counts and filter time at 10 000 sheets.
#[test]
fn ten_thousand_sheets_make_light_pages_and_a_quick_filter() {
    let Some(executable) =
        super::browser_or_skip("ten_thousand_sheets_make_light_pages_and_a_quick_filter")
    else {
        return;
    };
    let env = TestEnv::new();
    let sheets = write_catalogue(&env, 10_000);
    let slow = |args: &[&str]| {
        let mut command = env.command(args);
        command.timeout(Duration::from_secs(900));
        env.run_with(command, None).expect(0)
    };
    slow(&["import", "--quiet", &sheets]);
    let out = env.path("site");
    slow(&["site", &out.display().to_string()]);

    // Weights on disk.
    let mut pages = vec![out.clone()];
    let mut heaviest = (0_u64, PathBuf::new());
    let mut count = 0;
    while let Some(dir) = pages.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pages.push(path);
            } else if path.extension().is_some_and(|e| e == "html") {
                count += 1;
                let size = std::fs::metadata(&path).unwrap().len();
                if size > heaviest.0 {
                    heaviest = (size, path);
                }
            }
        }
    }
    assert!(count > 10_200, "{count} pages");
    assert!(
        heaviest.0 <= 300_000,
        "{} is {} bytes",
        heaviest.1.display(),
        heaviest.0
    );
    let index = std::fs::metadata(out.join("index.html")).unwrap().len();
    assert!(index <= 200_000, "the index is {index} bytes");
    assert!(out.join("index-200.html").is_file());
    assert!(!out.join("index-201.html").exists());

    let mut browser = Browser::launch(&executable);
    let base = format!("{}/index.html", file_url(&out));
    open(
        &mut browser,
        &base,
        "!document.getElementById('filters').hidden",
    );
    let elements = browser.eval("document.getElementsByTagName('*').length");
    assert!(elements.as_u64().unwrap() <= 3_000, "{elements} elements");
    // The first filter loads the data; the next ones are timed.
    browser.eval("document.querySelector('#facets input[name=theme]').click()");
    browser.wait_for(FILTERED, "true");
    let mut best = f64::INFINITY;
    for selector in [
        "#facets input[name=status]",
        "#facets input[name=public]",
        "#facets input[name=department]",
    ] {
        let took = browser.eval(&format!(
            "(() => {{ const t = performance.now(); document.querySelector('{selector}').click(); \
             document.body.offsetHeight; return performance.now() - t; }})()"
        ));
        best = best.min(took.as_f64().unwrap());
    }
    eprintln!(
        "10 000 sheets: index {index} bytes, {elements} elements, heaviest page {} bytes ({}), filter {best:.1} ms",
        heaviest.0,
        heaviest.1.display()
    );
    assert!(best <= 100.0, "a filter took {best} ms");
    let shown = browser.eval("document.querySelectorAll('#cards > li').length");
    assert!(shown.as_u64().unwrap() <= 50, "{shown} cards on one page");
    assert_no_problems(&browser);
}
