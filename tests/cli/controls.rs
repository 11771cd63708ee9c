//! Text that a page or a draft would carry raw: options that reach pages
//! refuse control characters, and drafts never carry one.

use crate::env::{TestEnv, minimal_sheet};

/// Control characters and the invisible ones that act like them.
const CONTROLS: [char; 12] = [
    '\u{1b}', '\r', '\n', '\u{7}', '\u{8}', '\u{7f}', '\u{85}', '\u{9b}', '\u{2028}', '\u{2029}',
    '\u{202e}', '\u{2066}',
];

#[test]
fn options_that_reach_pages_refuse_control_characters() {
    let env = TestEnv::new();
    env.write("sheets/a.yaml", minimal_sheet("a"));
    env.run(&["import", "sheets"]).expect(0);
    for c in CONTROLS {
        let title = format!("Catalogue{c}]0;pwned");
        let out = env.run(&["site", "out", "--title", &title]).expect(2);
        assert!(out.stderr.contains("--title"), "{c:?}: {}", out.stderr);
        let url = format!("https://example.org/{c}x");
        let out = env.run(&["site", "out", "--base-url", &url]).expect(2);
        assert!(out.stderr.contains("--base-url"), "{c:?}: {}", out.stderr);
    }
    assert!(!env.path("out").exists(), "nothing was written");
    env.run(&["site", "out", "--title", "Fiches du Haut-Rhin"])
        .expect(0);
}

#[test]
fn drafts_carry_no_control_character_and_comments_stay_comments() {
    let env = TestEnv::new();
    for (index, c) in CONTROLS.iter().chain(&['\u{b}', '\u{c}']).enumerate() {
        let page = format!(
            "Un forum pour l'emploi\nLiens : aucun{c}links:{c}  - https://evil.example.org/{c}\
             \u{1b}]52;c;cm0gLXJmIH4=\u{7}\u{1b}[2J\nBudget : inconnu{c}id: injected\n"
        );
        let path = env.write(&format!("page{index}.txt"), page);
        let out = env.run(&["convert", &path]).expect(0);
        let bad: Vec<char> = out
            .stdout
            .chars()
            .filter(|&ch| {
                (ch.is_control() && ch != '\n')
                    || matches!(ch, '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
            })
            .collect();
        assert!(bad.is_empty(), "{c:?}: {bad:?} in\n{}", out.stdout);
        let value: serde_json::Value = yaml_serde::from_str(&out.stdout).unwrap();
        assert!(value.get("links").is_none(), "{c:?}: {}", out.stdout);
        assert_ne!(value["id"], "injected", "{c:?}: {}", out.stdout);
        for line in out.stdout.lines().filter(|l| l.contains("evil")) {
            assert!(line.starts_with('#'), "{c:?}: {line}");
        }
    }
}
