//! Help is grouped under headings, and every mistake reads `pacte: …`.

use crate::env::{TestEnv, complete};

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

#[test]
fn completion_offers_filter_values_and_ids_from_the_db_on_the_line() {
    let env = TestEnv::new();
    let themes = complete(&env, &["pacte", "list", "--theme", "g"]);
    assert_eq!(themes, ["gptec"], "{themes:?}");
    let statuses = complete(&env, &["pacte", "list", "--status", ""]);
    assert_eq!(statuses, ["planned", "ongoing", "finished", "abandoned"]);
    let departments = complete(&env, &["pacte", "list", "--department", "2"]);
    assert!(departments.contains(&"2A".to_owned()), "{departments:?}");
    assert!(!departments.contains(&"20".to_owned()), "{departments:?}");
    let publics = complete(&env, &["pacte", "list", "--public", "sen"]);
    assert_eq!(publics, ["seniors"], "{publics:?}");
    // Ids come from the database named on the line, not PACTE_DB.
    let other = env.path("autre.db").display().to_string();
    let sheets = env.examples();
    let mut import = env.command(&["import", &sheets, "--db", &other]);
    import.env_remove("PACTE_DB");
    env.run_with(import, None).expect(0);
    let ids = complete(&env, &["pacte", "show", "--db", &other, "pacte-"]);
    assert_eq!(ids, ["pacte-ess"], "{ids:?}");
}
