//! The one layout of a sheet, and outputs that stay safe whatever a sheet or
//! a vocabulary holds.

use crate::env::{TestEnv, imported, minimal_sheet};

/// Puts text into a stored sheet behind pacte's back, as an older version
/// that accepted control characters would have stored it.
fn plant(env: &TestEnv, id: &str, title: &str) {
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    conn.execute("UPDATE sheets SET title = ?1 WHERE id = ?2", (title, id))
        .unwrap();
    let body: String = conn
        .query_row(
            "SELECT body FROM sheet_bodies WHERE sheet_id = ?1",
            [id],
            |row| row.get(0),
        )
        .unwrap();
    let mut value: serde_json::Value = serde_json::from_str(&body).unwrap();
    value["title"] = title.into();
    conn.execute(
        "UPDATE sheet_bodies SET body = ?1 WHERE sheet_id = ?2",
        (value.to_string(), id),
    )
    .unwrap();
}

#[track_caller]
fn assert_no_raw_escapes(text: &str) {
    assert!(
        !text
            .chars()
            .any(|c| matches!(c, '\u{1b}' | '\u{7}' | '\u{9b}')),
        "raw control in:\n{text}"
    );
}

#[test]
fn every_labelled_line_of_show_is_indented_alike() {
    let env = imported();
    let text = env.run(&["show", "pacte-ess"]).expect(0).stdout;
    for label in ["Structure menant l'action", "Statut de l'action", "Période"] {
        assert!(
            text.lines()
                .any(|l| l.starts_with(&format!("  {label} : "))),
            "{label} not indented like the others:\n{text}"
        );
    }
}

#[test]
fn colour_ends_on_the_line_it_starts() {
    let env = imported();
    let text = env
        .run(&["show", "pacte-ess", "--color", "always"])
        .expect(0)
        .stdout;
    assert!(text.contains('\u{1b}'), "no colour at all:\n{text}");
    for line in text.lines() {
        assert!(
            !line.starts_with("\u{1b}[0m"),
            "reset carried over: {line:?}"
        );
        let opened = line.matches("\u{1b}[").count() - line.matches("\u{1b}[0m").count();
        assert_eq!(
            opened,
            line.matches("\u{1b}[0m").count(),
            "unbalanced: {line:?}"
        );
    }
    let status = text
        .lines()
        .find(|l| l.contains("Statut de l'action"))
        .unwrap();
    assert!(status.ends_with("\u{1b}[0m"), "{status:?}");
}

#[test]
fn show_and_markdown_follow_the_same_order() {
    let env = imported();
    let shown = env.run(&["show", "pacte-ess"]).expect(0).stdout;
    let markdown = env
        .run(&["export", "--format", "markdown"])
        .expect(0)
        .stdout;
    let start = markdown.find("<a id=\"pacte-ess\">").unwrap();
    let end = markdown[start + 1..]
        .find("<a id=")
        .map_or(markdown.len(), |e| start + 1 + e);
    let markdown = &markdown[start..end];
    let headings: Vec<&str> = markdown
        .lines()
        .filter_map(|l| l.strip_prefix("### "))
        .collect();
    assert!(headings.len() >= 8, "{markdown}");
    let mut from = 0;
    for heading in &headings {
        let at = shown[from..]
            .find(&heading.to_uppercase())
            .unwrap_or_else(|| panic!("{heading} missing or out of order in show"));
        from += at;
    }
    for label in ["Structure menant l'action", "Statut de l'action"] {
        assert!(markdown.contains(&format!("- **{label}** : ")), "{label}");
    }
}

const INJECTION: &str = "id: piege-md
title: \"<script>alert(1)</script> [clic](javascript:alert(1))\"
structure: \"<img src=x onerror=alert(1)>\"
status: ongoing
themes: [ess]
objectives: [\"**gras** et `code`\"]
description: \"Voir <iframe src=x> et [ici](javascript:alert(2)).\"
links:
  - title: \"clic](javascript:alert(3)) [\"
    url: \"https://example.org/a)[b](javascript:alert(4)\"
";

#[test]
fn markdown_escapes_html_and_writes_only_web_links() {
    let env = TestEnv::new();
    let file = env.write("piege.yaml", INJECTION);
    env.run(&["import", &file]).expect(0);
    let out = env
        .run(&["export", "--format", "markdown"])
        .expect(0)
        .stdout;
    // An escaped bracket (`\]`) closes no link text.
    let unescaped = out.replace("\\]", "");
    for raw in [
        "<script",
        "<img",
        "<iframe",
        "](javascript",
        "(javascript:alert(4)",
    ] {
        assert!(!unescaped.contains(raw), "{raw} in:\n{out}");
    }
    assert!(out.contains("&lt;script&gt;"), "{out}");
    // The one link is the sheet's, to its web target, encoded.
    assert_eq!(out.matches("](http").count(), 1, "{out}");
    assert!(
        out.contains("](https://example.org/a%29%5Bb%5D%28javascript:alert%284%29)"),
        "{out}"
    );
}

#[test]
fn csv_never_carries_raw_controls_of_sheets_already_stored() {
    let env = TestEnv::new();
    let file = env.write("a.yaml", minimal_sheet("ancien"));
    env.run(&["import", &file]).expect(0);
    plant(&env, "ancien", "Titre \u{1b}[2J\u{1b}]0;pwned\u{7} effacé");
    for args in [
        &["list", "--format", "csv"][..],
        &["export", "--format", "csv"],
        &["export", "--format", "csv", "--excel"],
        &["list", "--format", "tsv"],
        &["list", "--format", "table"],
    ] {
        let out = env.run(args).expect(0);
        assert_no_raw_escapes(&out.stdout);
        assert!(
            out.stdout.contains("\\u{1b}[2J"),
            "{args:?}: {}",
            out.stdout
        );
    }
    let markdown = env.run(&["export", "--format", "markdown"]).expect(0);
    assert_no_raw_escapes(&markdown.stdout);
}

#[test]
fn vocab_never_prints_raw_escapes_from_a_vocabulary_file() {
    let env = TestEnv::new();
    let vocab = env.write(
        "vocabulary.yaml",
        "themes:\n  - code: piege\n    label: \"Piège \\e[2J\\e]52;c;Y2xpcA==\\a\"\n    aliases: [\"\\e]0;titre\\a\"]\n",
    );
    for format in ["table", "tsv", "csv", "json", "jsonl", "yaml", "ids"] {
        let out = env
            .command(&["vocab", "themes", "--vocab", &vocab, "--format", format])
            .output()
            .unwrap();
        assert_no_raw_escapes(&String::from_utf8_lossy(&out.stdout));
        assert_no_raw_escapes(&String::from_utf8_lossy(&out.stderr));
    }
}
