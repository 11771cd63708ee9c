//! The command line itself: overview, help, completions, man page, colour,
//! quiet and verbose.

use crate::env::{TestEnv, complete, minimal_sheet};

const COMMANDS: [&str; 20] = [
    "import",
    "list",
    "search",
    "stats",
    "related",
    "vocab",
    "show",
    "validate",
    "completions",
    "man",
    "db",
    "db info",
    "db check",
    "db vacuum",
    "export",
    "new",
    "edit",
    "remove",
    "convert",
    "schema",
];

#[test]
fn a_bare_pacte_prints_an_overview() {
    let env = TestEnv::new();
    let out = env.run(&[]).expect(0);
    assert!(
        out.stdout.contains("pacte import PATH..."),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("pacte --help"), "{}", out.stdout);
    assert!(!env.db().exists());
}

#[test]
fn every_command_has_help_with_examples() {
    let env = TestEnv::new();
    for command in COMMANDS {
        let mut args: Vec<&str> = command.split(' ').collect();
        args.push("--help");
        let out = env.run(&args).expect(0);
        assert!(
            out.stdout.contains("Examples:") || command.starts_with("db "),
            "{command}: {}",
            out.stdout
        );
        assert!(out.stdout.contains("Usage: pacte"), "{command}");
    }
    let out = env.run(&["--help"]).expect(0);
    for command in [
        "import", "list", "search", "stats", "related", "vocab", "show", "validate", "db",
        "export", "new", "edit", "remove", "convert", "schema",
    ] {
        assert!(
            out.stdout.contains(&format!("  {command} ")),
            "{command} missing from --help"
        );
    }
}

#[test]
fn completion_scripts_for_every_shell() {
    let env = TestEnv::new();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = env.run(&["completions", shell]).expect(0);
        assert!(out.stdout.contains("pacte"), "{shell}: {}", out.stdout);
        assert!(out.stdout.contains("COMPLETE"), "{shell}: {}", out.stdout);
    }
    let bash = env.run(&["completions", "bash"]).expect(0).stdout;
    assert!(
        bash.contains("complete -o nospace -o bashdefault -F _clap_complete_pacte pacte")
            || bash.contains("-F _clap_complete_pacte pacte"),
        "{bash}"
    );
}

#[test]
fn completion_offers_commands_and_stored_ids() {
    let env = TestEnv::new();
    let sheets = env.examples();
    env.run(&["import", &sheets]).expect(0);
    assert!(complete(&env, &["pacte", "sea"]).contains(&"search".to_owned()));
    assert_eq!(
        complete(&env, &["pacte", "show", "pacte-"]),
        vec!["pacte-ess"]
    );
    let related = complete(&env, &["pacte", "related", "ga"]);
    assert_eq!(related, vec!["garage-solidaire-doubs"]);
}

#[test]
fn the_man_page_renders() {
    let env = TestEnv::new();
    let out = env.run(&["man"]).expect(0);
    assert!(out.stdout.contains(".TH pacte 1"), "{}", out.stdout);
    assert!(out.stdout.contains(".SH NAME"));
    // One page: a section per command, no pacte-COMMAND(1) pages named.
    for command in ["IMPORT", "SEARCH", "VALIDATE"] {
        assert!(
            out.stdout.contains(&format!(".SH \"PACTE {command}\"")),
            "{command}"
        );
    }
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let env = TestEnv::new();
    let sheets = env.examples();
    env.run(&["import", &sheets]).expect(0);
    let bad = env.write("bad.yaml", "id: x\n");
    for args in [
        vec!["list", "--format", "table"],
        vec!["show", "pacte-ess"],
        vec!["validate", bad.as_str()],
    ] {
        let plain = env.run(&args);
        assert!(
            !plain.stdout.contains('\u{1b}'),
            "{args:?} coloured when piped"
        );
        let mut never = args.clone();
        never.extend(["--color", "never"]);
        assert!(!env.run(&never).stdout.contains('\u{1b}'), "{args:?}");
        let mut always = args.clone();
        always.extend(["--color", "always"]);
        assert!(
            env.run(&always).stdout.contains('\u{1b}'),
            "{args:?} not coloured with --color always"
        );
    }
    // NO_COLOR concerns `auto`; piped output has no colour in any case.
    let mut command = env.command(&["list", "--format", "table"]);
    command.env("NO_COLOR", "1");
    assert!(!env.run_with(command, None).stdout.contains('\u{1b}'));
}

#[test]
fn quiet_keeps_results_and_errors_only() {
    let env = TestEnv::new();
    let warned = env.write(
        "w.yaml",
        minimal_sheet("w") + "contacts:\n  - {name: A, email: pas-un-courriel}\n",
    );
    let out = env.run(&["import", "-q", &warned]).expect(0);
    assert_eq!(out.stderr, "");
    assert!(out.stdout.starts_with("added\tw\t"));
    let bad = env.write("bad.yaml", "id: x\n");
    let out = env.run(&["import", "--quiet", &bad]).expect(1);
    assert!(
        out.stderr.contains("error: the required key"),
        "{}",
        out.stderr
    );
    let out = env.run(&["validate", "-q", &warned]).expect(0);
    assert!(
        out.stdout.contains("warning:"),
        "validate's findings are its results"
    );
    assert_eq!(out.stderr, "");
}

#[test]
fn verbose_says_which_database_and_files() {
    let env = TestEnv::new();
    let file = env.write("a.yaml", minimal_sheet("a"));
    let out = env.run(&["import", "-v", &file]).expect(0);
    assert!(
        out.stderr
            .contains(&format!("pacte: database {}", env.db().display())),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("pacte: 1 file read"), "{}", out.stderr);
    let out = env.run(&["list", "--verbose"]).expect(0);
    assert!(out.stderr.contains("pacte: database"), "{}", out.stderr);
    env.run(&["list", "-q", "-v"]).expect(2);
}

#[test]
fn no_progress_bar_when_stderr_is_not_a_terminal() {
    let env = TestEnv::new();
    let sheets = env.examples();
    let out = env.run(&["import", &sheets]).expect(0);
    assert_eq!(
        out.stderr,
        "pacte: imported: 11 added, 0 updated, 0 unchanged\n"
    );
    let out = env.run(&["validate", &sheets]).expect(0);
    assert_eq!(
        out.stderr,
        "pacte: 10 files checked, 11 sheets valid: 0 errors and 0 warnings\n"
    );
}

/// Runs pacte with both streams into one pipe, as a terminal or `2>&1`
/// shows them.
fn merged(env: &crate::env::TestEnv, args: &str) -> String {
    let line = format!("{} {args} 2>&1", env!("CARGO_BIN_EXE_pacte"));
    let out = std::process::Command::new("sh")
        .args(["-c", &line])
        .current_dir(env.root())
        .env("PACTE_DB", env.db())
        .env("PACTE_NOW", crate::env::TODAY)
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn details_come_before_the_summary() {
    let env = crate::env::TestEnv::new();
    env.examples();
    env.write("other/a.yaml", crate::env::minimal_sheet("a"));
    env.write("bad/x.yaml", "id: x\n");
    for (args, summary) in [
        ("import sheets", "pacte: imported: 11 added"),
        ("validate bad", "pacte: 1 file checked"),
        ("diff sheets other", "pacte: 1 added, 11 removed"),
    ] {
        let text = merged(&env, args);
        let last = text.lines().last().unwrap_or_default();
        assert!(last.starts_with(summary), "{args}: {last:?} in\n{text}");
        assert!(text.lines().count() > 2, "{args}:\n{text}");
    }
}
