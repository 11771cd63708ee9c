//! Terminal tables: one line per row at any width, nothing wider than the
//! terminal, text cut with `…` on character boundaries.

use crate::env::{Output, TestEnv, imported, minimal_sheet};

fn table_at(env: &TestEnv, width: usize, args: &[&str]) -> Output {
    let mut all = args.to_vec();
    all.extend(["--format", "table"]);
    let mut command = env.command(&all);
    command.env("COLUMNS", width.to_string());
    env.run_with(command, None).expect(0)
}

/// Display width as a terminal counts it.
fn columns(line: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(line)
}

#[track_caller]
fn assert_fits(out: &Output, width: usize, rows: usize) {
    let lines = out.lines();
    assert_eq!(lines.len(), rows + 1, "one line per row:\n{}", out.stdout);
    for line in lines {
        assert!(columns(line) <= width, "wider than {width}: {line:?}");
    }
}

#[test]
fn every_listing_is_one_line_per_row_at_60_80_and_120_columns() {
    let env = imported();
    for width in [40, 60, 80, 120] {
        assert_fits(&table_at(&env, width, &["list"]), width, 11);
        let all = "id,title,structure,territory,department,status,reproducible,themes,publics,period,budget,updated";
        assert_fits(&table_at(&env, width, &["list", "-c", all]), width, 11);
        assert_fits(&table_at(&env, width, &["vocab"]), width, 32);
        let stats = table_at(&env, width, &["stats", "--by", "theme"]);
        for line in stats.lines() {
            assert!(columns(line) <= width, "{line:?}");
        }
        let found = table_at(&env, width, &["search", "emploi"]);
        for line in found.lines() {
            assert!(columns(line) <= width, "{line:?}");
        }
    }
}

#[test]
fn fixed_columns_stay_whole_and_low_priority_ones_go_first() {
    let env = imported();
    let narrow = table_at(&env, 80, &["list"]);
    let header = narrow.lines()[0].to_owned();
    assert!(!header.contains("structure"), "{header}");
    assert!(header.contains("status"), "{header}");
    let row = narrow
        .lines()
        .into_iter()
        .find(|l| l.starts_with("pacte-ess"))
        .unwrap()
        .to_owned();
    assert!(row.contains("finished"), "{row}");
    // Wide enough, the structure comes back and nothing is cut.
    let roomy = table_at(&env, 320, &["list"]);
    assert!(roomy.lines()[0].contains("structure"), "{}", roomy.stdout);
    assert!(!roomy.stdout.contains('…'), "{}", roomy.stdout);
}

#[test]
fn ids_are_whole_wherever_the_line_can_hold_them() {
    let env = imported();
    // The longest sample id, at the widths people use: other columns go
    // before an id is cut.
    for width in [60, 80, 120] {
        let out = table_at(&env, width, &["list"]);
        assert!(
            out.stdout.contains("facilitateur-clauses-sud-alsace "),
            "{width}:\n{}",
            out.stdout
        );
    }
    // Names counted by stats too: the bar goes before a name is cut.
    let out = table_at(&env, 60, &["stats", "--by", "structure"]);
    assert!(
        out.stdout
            .contains("Maison de l'Emploi de Lille Métropole "),
        "{}",
        out.stdout
    );
    // Two codes that share their first fourteen letters stay apart.
    let out = table_at(&env, 60, &["vocab", "themes"]);
    for code in ["developpement-economique ", "developpement-durable "] {
        assert!(out.stdout.contains(code), "{code}:\n{}", out.stdout);
    }
}

const TITLES: [(&str, &str); 4] = [
    (
        "accents",
        "Économie solidaire à l'échelle des quartiers prioritaires d'Île-de-France",
    ),
    (
        "combining",
        "E\u{301}conomie\u{301} sociale e\u{301}tendue a\u{300} toutes les e\u{301}quipes",
    ),
    (
        "cjk",
        "就業支援のための地域経済社会連帯プログラムと訓練の記録",
    ),
    (
        "emoji",
        "👩‍👩‍👧‍👦 Familles 🚲🚲🚲 mobilité solidaire 🌱🌱🌱 pour tous et toutes",
    ),
];

#[test]
fn titles_are_cut_with_an_ellipsis_on_character_boundaries() {
    let env = TestEnv::new();
    let mut yaml = String::new();
    for (id, title) in TITLES {
        yaml.push_str(&minimal_sheet(id).replace(&format!("Action {id}"), title));
        yaml.push_str("---\n");
    }
    let long_id = "un-identifiant-de-fiche-bien-plus-long-que-la-colonne";
    yaml.push_str(&minimal_sheet(long_id));
    let file = env.write("titles.yaml", yaml);
    env.run(&["import", &file]).expect(0);
    for width in [60, 80, 120] {
        let out = table_at(&env, width, &["list"]);
        assert_fits(&out, width, 5);
        for (id, title) in TITLES {
            let line = out
                .lines()
                .into_iter()
                .find(|l| l.starts_with(id))
                .unwrap()
                .to_owned();
            let shown = line[id.len()..].trim_start();
            let cut = shown.split("  ").next().unwrap();
            let kept = cut.strip_suffix('…').unwrap_or(cut);
            if kept.len() < title.len() {
                assert!(cut.ends_with('…'), "{width}: {line:?}");
            }
            // What is kept is a prefix of the title: no character split,
            // and a combining accent is never parted from its letter.
            assert!(title.starts_with(kept), "{width}: {kept:?} of {title:?}");
            let next = title[kept.len()..].chars().next();
            assert!(
                next.is_none_or(|c| unicode_width::UnicodeWidthChar::width(c) != Some(0)),
                "{width}: cut before a combining mark: {line:?}"
            );
        }
        // A long id is cut rather than widening the table, but only when
        // the line cannot hold it beside the title.
        assert_eq!(out.stdout.contains(long_id), width == 120, "{}", out.stdout);
        assert!(out.stdout.contains("un-identifiant-"), "{}", out.stdout);
    }
}

#[test]
fn a_900_kb_title_renders() {
    let env = TestEnv::new();
    let title = "x".repeat(900 * 1024);
    let sheet = minimal_sheet("enorme").replace("Action enorme", &title);
    let file = env.write("enorme.yaml", sheet);
    env.run(&["import", "--max-size", "2000000", &file])
        .expect(0);
    for width in [60, 120] {
        let out = table_at(&env, width, &["list"]);
        assert_fits(&out, width, 1);
        assert!(out.stdout.contains("xxx…"), "{}", out.stdout);
    }
    let wide = table_at(&env, 80, &["list", "--wide"]);
    for line in wide.lines() {
        assert!(columns(line) <= 80, "{line:?}");
    }
    assert!(wide.lines().len() > 1000);
}

#[test]
fn wide_shows_whole_cells_wrapped() {
    let env = imported();
    let out = table_at(&env, 80, &["list", "--wide", "-c", "id,title,structure"]);
    assert!(!out.stdout.contains('…'), "{}", out.stdout);
    let text: String = out.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        text.contains("revitalisation-textile-vosges"),
        "{}",
        out.stdout
    );
    for line in out.lines() {
        assert!(columns(line) <= 80, "{line:?}");
    }
}

#[test]
fn piped_output_stays_tab_separated() {
    let env = imported();
    let out = env.run(&["list"]).expect(0);
    assert_eq!(out.lines().len(), 11);
    assert!(out.lines().iter().all(|l| l.split('\t').count() == 6));
}

#[test]
fn every_csv_listing_offers_the_excel_dialect() {
    let env = imported();
    for args in [
        &["list"][..],
        &["search", "emploi"],
        &["related", "pacte-ess"],
        &["stats", "--by", "theme"],
        &["vocab"],
    ] {
        let mut all = args.to_vec();
        all.extend(["--format", "csv", "--excel"]);
        let out = env.run(&all).expect(0);
        assert!(out.stdout.starts_with('\u{feff}'), "{args:?}");
        assert!(
            out.stdout.contains(';') && out.stdout.contains("\r\n"),
            "{args:?}"
        );
        let mut without = args.to_vec();
        without.push("--excel");
        let refused = env.run(&without).expect(2);
        assert!(refused.stderr.contains("--excel"), "{}", refused.stderr);
    }
}

#[test]
fn stats_show_amounts_for_people_and_no_empty_label_column() {
    let env = imported();
    let out = table_at(&env, 80, &["stats", "--by", "year", "--sum", "budget"]);
    assert!(!out.lines()[0].contains("label"), "{}", out.stdout);
    assert!(out.stdout.contains(" €"), "{}", out.stdout);
    let csv = env
        .run(&["stats", "--by", "department", "--format", "csv"])
        .expect(0);
    assert!(csv.stdout.starts_with("value,sheets\n"), "{}", csv.stdout);
    let tsv = env
        .run(&["stats", "--by", "theme", "--sum", "budget"])
        .expect(0);
    assert!(!tsv.stdout.contains('€'), "{}", tsv.stdout);
}

#[test]
fn search_hits_are_coloured_on_a_terminal_and_positioned_in_json() {
    let env = imported();
    let mut command = env.command(&[
        "search",
        "solidaire",
        "--format",
        "table",
        "--color",
        "always",
    ]);
    command.env("COLUMNS", "100");
    let table = env.run_with(command, None).expect(0);
    assert!(!table.stdout.contains("**"), "{}", table.stdout);
    assert!(
        table.stdout.contains("\u{1b}[1m\u{1b}[33msolidaire"),
        "{}",
        table.stdout
    );
    let plain = table_at(&env, 100, &["search", "solidaire"]);
    assert!(!plain.stdout.contains("**"), "{}", plain.stdout);
    let json = env
        .run(&["search", "solidaire", "--format", "json"])
        .expect(0);
    let hits: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let hits = hits.as_array().unwrap();
    assert!(!hits.is_empty());
    for hit in hits {
        let snippet: Vec<char> = hit["snippet"].as_str().unwrap().chars().collect();
        assert!(!snippet.contains(&'*') || hit["hits"].as_array().unwrap().is_empty());
        for pair in hit["hits"].as_array().unwrap() {
            let start = usize::try_from(pair[0].as_u64().unwrap()).unwrap();
            let end = usize::try_from(pair[1].as_u64().unwrap()).unwrap();
            let word: String = snippet[start..end].iter().collect();
            assert!(word.to_lowercase().starts_with("solidaire"), "{word}");
        }
    }
    // TSV keeps the documented marks.
    let tsv = env.run(&["search", "solidaire"]).expect(0);
    assert!(tsv.stdout.contains("**"), "{}", tsv.stdout);
}

#[test]
fn scores_are_rounded_alike_in_search_and_related() {
    let env = imported();
    for args in [&["search", "emploi"][..], &["related", "pacte-ess"]] {
        let mut all = args.to_vec();
        all.extend(["--format", "json"]);
        let out = env.run(&all).expect(0);
        let rows: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
        for row in rows.as_array().unwrap() {
            let score = row["score"].as_f64().unwrap();
            let text = format!("{score:e}");
            let mantissa = text.split('e').next().unwrap().replace(['.', '-'], "");
            assert!(mantissa.len() <= 3, "{args:?}: {score} not rounded");
        }
    }
}

#[test]
fn stats_read_years_in_order_and_no_budget_is_not_zero() {
    let env = imported();
    let years = env.run(&["stats", "--by", "year"]).expect(0).stdout;
    let values: Vec<i32> = years
        .lines()
        .map(|l| l.split('\t').next().unwrap().parse().unwrap())
        .collect();
    assert!(values.windows(2).all(|w| w[0] < w[1]), "{years}");
    let json = env
        .run(&[
            "stats", "--by", "status", "--sum", "budget", "--format", "json",
        ])
        .expect(0);
    let rows: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let abandoned = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["value"] == "abandoned")
        .unwrap();
    assert!(abandoned.get("budget").is_none(), "{abandoned}");
    let table = table_at(&env, 80, &["stats", "--by", "status", "--sum", "budget"]);
    assert!(!table.stdout.contains(" 0 €"), "{}", table.stdout);
}

#[test]
fn search_snippets_stay_readable_at_60_80_and_120_columns() {
    let env = imported();
    let hits = env
        .run(&["search", "insertion", "--format", "ids"])
        .expect(0)
        .lines()
        .len();
    assert!(hits >= 3, "the examples have hits to show");
    for width in [60, 80] {
        // Narrow: one line per hit, its snippet on an indented line under it
        // with the whole width, not a sliver of a column.
        let out = table_at(&env, width, &["search", "insertion"]);
        let lines = out.lines();
        assert!(!lines[0].contains("snippet"), "{}", out.stdout);
        assert_eq!(lines.len(), 1 + 2 * hits, "{}", out.stdout);
        for pair in lines[1..].chunks(2) {
            assert!(!pair[0].starts_with(' '), "{}", out.stdout);
            let snippet = pair[1].strip_prefix("    ").expect("an indented snippet");
            assert!(
                columns(snippet) >= 40 || !snippet.ends_with('…'),
                "a snippet cut short at {width}: {snippet:?}"
            );
        }
        for line in &lines {
            assert!(columns(line) <= width, "wider than {width}: {line:?}");
        }
    }
    // Wide enough: the snippet is a column of the one line per hit.
    let out = table_at(&env, 120, &["search", "insertion"]);
    assert!(out.lines()[0].contains("snippet"), "{}", out.stdout);
    assert_fits(&out, 120, hits);
}
