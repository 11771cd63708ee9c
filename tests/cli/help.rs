//! Help is grouped under headings, and every mistake reads `pacte: …`.

use crate::env::TestEnv;

/// The headings of a help text, in order.
fn headings(help: &str) -> Vec<&str> {
    help.lines()
        .filter(|l| {
            l.ends_with(':') && !l.starts_with(' ') && !l.contains(' ') || *l == "Global options:"
        })
        .collect()
}

#[test]
fn options_sit_under_headings_the_global_ones_last() {
    let env = TestEnv::new();
    let help = env.run(&["list", "--help"]).expect(0).stdout;
    assert_eq!(
        headings(&help),
        [
            "Options:",
            "Filters:",
            "Output:",
            "Global options:",
            "Examples:"
        ],
        "{help}"
    );
    let global = help.find("Global options:").unwrap();
    let filters = help.find("Filters:").unwrap();
    for flag in [
        "--db",
        "--vocab",
        "--color",
        "--quiet",
        "--verbose",
        "--wide",
    ] {
        assert!(
            help.find(flag).unwrap() > global,
            "{flag} not under Global options"
        );
    }
    for flag in ["--theme", "--funder", "--year"] {
        let at = help.find(flag).unwrap();
        assert!(at > filters && at < global, "{flag} not under Filters");
    }
    for command in ["search", "stats", "related", "vocab", "show", "export"] {
        let help = env.run(&[command, "--help"]).expect(0).stdout;
        let global = help.find("Global options:").unwrap();
        assert!(help.find("--quiet").unwrap() > global, "{command}");
    }
}

#[test]
fn the_overview_follows_the_order_people_use_commands_in() {
    let env = TestEnv::new();
    let help = env.run(&["--help"]).expect(0).stdout;
    let at = |name: &str| {
        help.find(&format!("\n  {name} "))
            .unwrap_or_else(|| panic!("{name} missing"))
    };
    let order = [
        "import", "list", "search", "show", "validate", "export", "stats",
    ];
    let positions: Vec<usize> = order.iter().map(|c| at(c)).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{help}");
}

#[test]
fn command_line_mistakes_read_like_every_other_message() {
    let env = TestEnv::new();
    let out = env.run(&["list", "--bogus"]).expect(2);
    assert!(out.stderr.starts_with("pacte: "), "{}", out.stderr);
    assert!(!out.stderr.contains("error:"), "{}", out.stderr);
    let out = env.run(&["list", "--excel"]).expect(2);
    assert!(out.stderr.starts_with("pacte: "), "{}", out.stderr);
}

#[test]
fn the_manual_page_is_whole_and_names_no_missing_page() {
    let env = TestEnv::new();
    let page = env.run(&["man"]).expect(0).stdout;
    assert!(!page.contains("(1)"), "refers to another page");
    for command in [
        "IMPORT", "LIST", "SEARCH", "SHOW", "VALIDATE", "EXPORT", "DB",
    ] {
        assert!(
            page.contains(&format!(".SH \"PACTE {command}\"")),
            "no section for {command}"
        );
    }
    assert!(page.contains("\\-\\-theme"), "list's filters are missing");
}
