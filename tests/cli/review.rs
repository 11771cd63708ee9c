//! `pacte review`: each finding on a catalogue built for it, with the date
//! fixed at 2026-06-01 (so the default cutoff for staleness is 2024-12-01).

use crate::env::{TestEnv, minimal_sheet};

/// A sheet with every recommended section, updated recently; `extra`
/// lines replace the keys they name.
fn full_sheet(id: &str, replace: &[(&str, &str)]) -> String {
    let mut lines: Vec<String> = [
        format!("id: {id}"),
        format!("title: Action complète {id}"),
        "structure: PLIE du Pays de Test".to_owned(),
        "territory: Pays de Test".to_owned(),
        "status: ongoing".to_owned(),
        "period: {start: 2024, end: 2027}".to_owned(),
        "themes: [iae]".to_owned(),
        "publics: [jeunes]".to_owned(),
        "partners: {funders: [Conseil départemental du Haut-Rhin]}".to_owned(),
        format!("objectives: [Objectif propre à {id}]"),
        format!("description: Une description propre à {id}."),
        "means: Deux conseillers.".to_owned(),
        "budget: {total: 1000}".to_owned(),
        "results: Trente personnes accompagnées.".to_owned(),
        "contacts: [{name: Claire Martin, email: claire@plie.example}]".to_owned(),
        "transfer: {success_factors: [Un réseau d'employeurs]}".to_owned(),
        "updated: 2026-01-15".to_owned(),
    ]
    .into();
    for (key, line) in replace {
        let prefix = format!("{key}:");
        lines.retain(|l| !l.starts_with(&prefix));
        if !line.is_empty() {
            lines.push((*line).to_owned());
        }
    }
    lines.join("\n") + "\n"
}

fn catalogue(env: &TestEnv) {
    let files = [
        ("fresh.yaml", full_sheet("fresh", &[])),
        (
            "old.yaml",
            full_sheet("old", &[("updated", "updated: 2024-01-10")]),
        ),
        (
            "never.yaml",
            full_sheet(
                "never",
                &[
                    ("updated", ""),
                    (
                        "contacts",
                        "contacts: [{name: Paul Durand, phone: 03 89 00 00 00}]",
                    ),
                ],
            ),
        ),
        (
            "ended.yaml",
            full_sheet("ended", &[("period", "period: {start: 2019, end: 2025}")]),
        ),
        (
            "late.yaml",
            full_sheet(
                "late",
                &[
                    ("status", "status: planned"),
                    ("period", "period: {start: 2025}"),
                ],
            ),
        ),
        (
            "forum.yaml",
            full_sheet(
                "forum",
                &[
                    ("title", "title: Forum de l'emploi des seniors"),
                    (
                        "partners",
                        "partners: {funders: [Conseil Departemental Haut-Rhin]}",
                    ),
                ],
            ),
        ),
        (
            "old/forum-2019.yaml",
            full_sheet(
                "forum-2019",
                &[("title", "title: Forum emploi des seniors")],
            ),
        ),
        (
            "bare.yaml",
            minimal_sheet("bare").replace("[ess]", "[iae]") + "updated: 2026-05-01\n",
        ),
    ];
    for (name, text) in files {
        env.write(&format!("sheets/{name}"), text);
    }
    env.run(&["import", "sheets"]).expect(0);
}

#[test]
fn the_text_report_groups_every_kind_of_finding() {
    let env = TestEnv::new();
    catalogue(&env);
    let mut wide = env.command(&["review"]);
    wide.env("COLUMNS", "200");
    let out = env.run_with(wide, None).expect(0);
    let text = out.stdout;
    let expected = [
        "Review of 8 sheets: 86 % complete on average",
        "Stale sheets (4)",
        "  ended  Action complète ended\n    ongoing, but its period ended in 2025\n    \
         write to: Claire Martin <claire@plie.example>",
        "  late  Action complète late\n    planned, but its period started in 2025\n",
        "  never  Action complète never\n    no update date\n    \
         write to: Paul Durand (03 89 00 00 00)",
        "  old  Action complète old\n    last updated 2024-01-10, more than 18 months ago\n",
        "Incomplete sheets (2)",
        "  never   88 %  lacks a contact with an email",
        "  bare     0 %  lacks territory or department, period, publics, partners, means, \
         budget, results, a contact with an email, transfer conditions",
        "Probable duplicates (1)\n  forum and forum-2019, both by PLIE du Pays de Test: titles 86 % alike",
        "    sheets/old/forum-2019.yaml  Forum emploi des seniors",
        "Organisation names spelled several ways (1)\n  \
         Conseil départemental du Haut-Rhin (6 sheets)\n    \
         add the alias \"Conseil Departemental Haut-Rhin\" (1 sheet)",
        "Themes never used (15)",
        "  revitalisation  Conventions de revitalisation",
        "Publics never used (15)",
    ];
    for part in expected {
        assert!(text.contains(part), "missing {part:?} in\n{text}");
    }
    for fine in ["  fresh  ", "  forum  Action"] {
        assert!(!text.contains(fine), "{fine:?} is not stale:\n{text}");
    }
    assert!(!text.contains("  iae  "), "iae is used:\n{text}");
}

#[test]
fn the_text_report_is_wrapped_between_words_at_the_width() {
    let env = TestEnv::new();
    catalogue(&env);
    let mut command = env.command(&["review"]);
    command.env("COLUMNS", "60");
    let text = env.run_with(command, None).expect(0).stdout;
    for line in text.lines() {
        assert!(
            unicode_width::UnicodeWidthStr::width(line) <= 60,
            "{line:?} in\n{text}"
        );
    }
    // The long list of what a sheet lacks goes on, indented, on the next
    // lines, cut between words.
    assert!(
        text.contains("  bare     0 %  lacks territory or department, period,\n    publics,"),
        "{text}"
    );
}

#[test]
fn the_age_limit_is_an_option() {
    let env = TestEnv::new();
    catalogue(&env);
    let stale_ids = |age: &str| -> Vec<String> {
        let out = env
            .run(&["review", "--older-than", age, "--format", "json"])
            .expect(0);
        let report: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
        report["stale"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["id"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(stale_ids("2y"), ["ended", "late", "never", "old"]);
    assert_eq!(stale_ids("24m"), ["ended", "late", "never", "old"]);
    assert_eq!(stale_ids("3y"), ["ended", "late", "never"]);
    // Updated 2026-01-15: stale once the limit is under four and a half months.
    assert!(stale_ids("4m").contains(&"fresh".to_owned()));

    let out = env.run(&["review", "--older-than", "18"]).expect(2);
    assert!(
        out.stderr.contains("--older-than: `18` is not an age"),
        "{}",
        out.stderr
    );
}

#[test]
fn json_holds_scores_and_missing_sections() {
    let env = TestEnv::new();
    catalogue(&env);
    let out = env
        .run(&["review", "--format", "json", "--min-completeness", "80"])
        .expect(0);
    let report: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(report["sheets"], 8);
    assert_eq!(report["completeness"], 86);
    assert_eq!(report["incomplete"].as_array().unwrap().len(), 1);
    assert_eq!(report["incomplete"][0]["id"], "bare");
    assert_eq!(report["incomplete"][0]["score"], 0);
    assert_eq!(report["incomplete"][0]["missing"][0], "place");
    assert_eq!(report["stale"][2]["reasons"][0]["reason"], "never-updated");
    assert_eq!(report["duplicates"][0]["members"][0]["id"], "forum");
    assert_eq!(report["duplicates"][0]["members"][1]["id"], "forum-2019");
    assert_eq!(report["variants"][0]["aliases"][0]["sheets"], 1);
    assert!(
        report["unused_themes"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t != "iae")
    );
}

#[test]
fn csv_has_one_row_per_finding() {
    let env = TestEnv::new();
    catalogue(&env);
    let out = env.run(&["review", "--format", "csv"]).expect(0);
    let mut reader = csv::Reader::from_reader(out.stdout.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let count = |kind: &str| rows.iter().filter(|r| &r[0] == kind).count();
    assert_eq!(count("stale"), 4);
    assert_eq!(count("incomplete"), 2);
    assert_eq!(count("duplicate"), 2, "one row for each side of the pair");
    assert_eq!(count("variant"), 1);
    assert_eq!(count("unused-theme"), 15);
    assert_eq!(count("unused-public"), 15);
    let never = rows.iter().find(|r| &r[1] == "never").unwrap();
    assert_eq!(&never[5], "Paul Durand (03 89 00 00 00)");
}

#[test]
fn csv_has_the_excel_dialect_too() {
    let env = TestEnv::new();
    catalogue(&env);
    let out = env.run(&["review", "--format", "csv", "--excel"]).expect(0);
    assert!(
        out.stdout.starts_with("\u{feff}finding;id;title;"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("\r\nstale;"), "{}", out.stdout);
    let out = env.run(&["review", "--excel"]).expect(2);
    assert!(
        out.stderr.contains("--excel applies to --format csv"),
        "{}",
        out.stderr
    );
}

#[test]
fn fail_on_exits_1_only_for_the_kinds_found() {
    let env = TestEnv::new();
    catalogue(&env);
    let out = env
        .run(&["review", "--fail-on", "stale,duplicates"])
        .expect(1);
    assert!(
        out.stderr
            .contains("the review found stale sheets, probable duplicates"),
        "{}",
        out.stderr
    );
    env.run(&[
        "review",
        "--fail-on",
        "incomplete",
        "--min-completeness",
        "0",
    ])
    .expect(0);
    env.run(&["review", "--fail-on", "incomplete"]).expect(1);
    // Filters narrow the review: the fresh sheet alone has nothing to report.
    let out = env
        .run(&[
            "review",
            "--fail-on",
            "stale,incomplete,duplicates",
            "--funder",
            "départemental du",
            "--updated-since",
            "2026-01-01",
            "--status",
            "ongoing",
            "--year",
            "2027",
        ])
        .expect(0);
    assert!(
        out.stdout.starts_with("Review of 2 sheets"),
        "{}",
        out.stdout
    );
    env.run(&["review", "--fail-on", "everything"]).expect(2);
}

#[test]
fn sheet_text_is_escaped_in_the_report_and_guarded_in_csv() {
    let env = TestEnv::new();
    let file = env.write(
        "a.yaml",
        minimal_sheet("a").replace("title: Action a", "title: \"=cmd\\u202e2J\""),
    );
    env.run(&["import", &file]).expect(0);
    let out = env.run(&["review"]).expect(0);
    assert!(out.stdout.contains("=cmd\\u{202e}2J"), "{}", out.stdout);
    let out = env.run(&["review", "--format", "csv"]).expect(0);
    assert!(out.stdout.contains(",'=cmd"), "{}", out.stdout);
}

#[test]
fn a_spelling_the_thesaurus_joins_is_not_reported_as_a_variant() {
    let env = TestEnv::new();
    catalogue(&env);
    let vocabulary = env.write(
        "vocabulary.yaml",
        "thesaurus:\n  - name: Conseil départemental du Haut-Rhin\n    \
         also: [Conseil Departemental Haut-Rhin]\n    source: test\n",
    );
    let out = env.run(&["review"]).expect(0);
    assert!(
        out.stdout.contains("spelled several ways (1)"),
        "{}",
        out.stdout
    );
    let out = env.run(&["--vocab", &vocabulary, "review"]).expect(0);
    assert!(
        out.stdout.contains("spelled several ways: none"),
        "{}",
        out.stdout
    );
}
