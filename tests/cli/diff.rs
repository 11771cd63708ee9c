//! `pacte diff OLD NEW`: each kind of change, between folders, a database
//! and git revisions, in text, JSON and Markdown.

use std::io::Write;

use crate::env::{TestEnv, minimal_sheet};

/// An old and a new folder: `kept` is the same sheet written differently,
/// `gone` is removed, `fresh` is added, `moved` changes a short value
/// (status), a long one (description), gains a key and loses one.
fn two_states(env: &TestEnv) {
    env.write("old/kept.yaml", minimal_sheet("kept"));
    env.write(
        "new/kept.yaml",
        "# reordered, same sheet\ndescription: Une action de test.\n".to_owned()
            + &minimal_sheet("kept").replace("description: Une action de test.\n", ""),
    );
    env.write("old/gone.yaml", minimal_sheet("gone"));
    env.write("new/fresh.yaml", minimal_sheet("fresh"));
    env.write(
        "old/moved.yaml",
        minimal_sheet("moved") + "budget: {total: 1000}\n",
    );
    let long = "Une description bien plus longue, qui raconte l'action en détail \
                sur plusieurs phrases.";
    env.write(
        "new/moved.yaml",
        minimal_sheet("moved")
            .replace("status: ongoing", "status: finished")
            .replace(
                "description: Une action de test.",
                &format!("description: {long}"),
            )
            + "results: Trente personnes.\n",
    );
}

#[test]
fn text_lists_each_kind_of_change() {
    let env = TestEnv::new();
    two_states(&env);
    let out = env.run(&["diff", "old", "new"]).expect(0);
    assert_eq!(
        out.lines(),
        [
            "added\tfresh\t\tAction fresh",
            "removed\tgone\t\tAction gone",
            "changed\tmoved\t\tAction moved",
            "changed\tmoved\tstatus\tongoing → finished",
            "changed\tmoved\tdescription\tchanged",
            "changed\tmoved\tbudget\tremoved",
            "changed\tmoved\tresults\tadded: Trente personnes.",
        ]
    );
    assert!(
        out.stderr
            .contains("1 added, 1 removed, 1 changed, 1 unchanged"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_table_aligns_the_changes_for_people() {
    let env = TestEnv::new();
    two_states(&env);
    let mut command = env.command(&[
        "diff", "old", "new", "--format", "table", "--color", "always",
    ]);
    command.env("COLUMNS", "80");
    let out = env.run_with(command, None).expect(0);
    let plain = strip_ansi(&out.stdout);
    let lines: Vec<&str> = plain.lines().collect();
    assert!(lines[0].starts_with("change   id     key"), "{plain}");
    assert!(
        lines.contains(&"changed  moved  status       ongoing → finished"),
        "{plain}"
    );
    // The kind of change is coloured; no tab is left.
    assert!(out.stdout.contains("\u{1b}["), "{}", out.stdout);
    assert!(!out.stdout.contains('\t'), "{}", out.stdout);
}

fn strip_ansi(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn json_holds_both_values() {
    let env = TestEnv::new();
    two_states(&env);
    let out = env
        .run(&["diff", "--format", "json", "old", "new"])
        .expect(0);
    let diff: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(diff["added"][0]["id"], "fresh");
    assert_eq!(diff["removed"][0]["id"], "gone");
    assert_eq!(diff["unchanged"], 1);
    let fields = &diff["changed"][0]["fields"];
    assert_eq!(fields[0]["key"], "status");
    assert_eq!(fields[0]["old"], "ongoing");
    assert_eq!(fields[0]["new"], "finished");
    assert_eq!(fields[2]["key"], "budget");
    assert_eq!(fields[2]["old"]["total"], 1000);
    assert!(fields[2]["new"].is_null());
}

#[test]
fn markdown_is_a_newsletter_section() {
    let env = TestEnv::new();
    two_states(&env);
    let out = env
        .run(&["diff", "--format", "markdown", "old", "new"])
        .expect(0);
    let expected = "# Quoi de neuf dans le catalogue\n\n\
        ## Nouvelles fiches (1)\n\n\
        - **Action fresh** — Maison de l'Emploi de Test (`fresh`)\n\n\
        ## Fiches mises à jour (1)\n\n\
        - **Action moved** — Maison de l'Emploi de Test (`moved`) : Statut de l'action, Description du dispositif ou de l'action mis en place, Budget, Résultats\n\n\
        ## Fiches retirées (1)\n\n\
        - **Action gone** — Maison de l'Emploi de Test (`gone`)\n";
    assert_eq!(out.stdout, expected);
    let out = env
        .run(&["diff", "--format", "markdown", "old", "old"])
        .expect(0);
    assert!(
        out.stdout.contains("Aucune fiche n'a changé."),
        "{}",
        out.stdout
    );
}

#[test]
fn a_database_compares_with_files() {
    let env = TestEnv::new();
    two_states(&env);
    env.run(&["import", "old"]).expect(0);
    let db = env.db().display().to_string();
    let out = env.run(&["diff", &db, "new"]).expect(0);
    assert_eq!(out.lines()[0], "added\tfresh\t\tAction fresh");
    assert_eq!(out.lines().len(), 7);
    // Both sides databases: no change.
    let out = env.run(&["diff", &db, &db]).expect(0);
    assert!(out.stdout.is_empty(), "{}", out.stdout);
}

#[test]
fn files_with_errors_stop_the_comparison() {
    let env = TestEnv::new();
    two_states(&env);
    env.write("new/broken.yaml", "id: broken\n");
    let out = env.run(&["diff", "old", "new"]).expect(1);
    assert!(out.stdout.is_empty(), "{}", out.stdout);
    assert!(
        out.stderr.contains("broken.yaml:1:1: error"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("new has errors"), "{}", out.stderr);
    env.run(&["diff", "git:-x", "new"]).expect(2);
}

fn git(env: &TestEnv, args: &[&str]) -> bool {
    std::process::Command::new("git")
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.org"])
        .args(args)
        .current_dir(env.root())
        .output()
        .is_ok_and(|out| out.status.success())
}

/// Set to `required` (as `.ci/run` does) to fail, instead of skipping, when
/// git is not installed.
const GIT_REQUIRED_VARIABLE: &str = "PACTE_GIT_TESTS";

/// Whether git (and the `tar` that reads its archives) can be run; when they
/// cannot, says the test is skipped, or fails when git tests are required.
fn git_or_skip(env: &TestEnv, test: &str) -> bool {
    let tar = std::process::Command::new("tar")
        .arg("--version")
        .output()
        .is_ok_and(|out| out.status.success());
    if git(env, &["--version"]) && tar {
        return true;
    }
    assert!(
        std::env::var(GIT_REQUIRED_VARIABLE).as_deref() != Ok("required"),
        "{GIT_REQUIRED_VARIABLE}=required but git or tar cannot be run (install them)"
    );
    // The harness does not capture the process's standard error, so the
    // skip shows in every `cargo test` run.
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED `{test}`: git or tar cannot be run ({GIT_REQUIRED_VARIABLE}=required makes \
         this a failure)"
    );
    false
}

#[test]
fn git_revisions_are_read_with_git_archive() {
    let env = TestEnv::new();
    if !git_or_skip(&env, "git_revisions_are_read_with_git_archive") {
        return;
    }
    env.write("sheets/a.yaml", minimal_sheet("a"));
    env.write("sheets/b.yaml", minimal_sheet("b"));
    assert!(git(&env, &["init", "-q"]));
    assert!(git(&env, &["add", "."]));
    assert!(git(&env, &["commit", "-qm", "first"]));
    env.write(
        "sheets/a.yaml",
        minimal_sheet("a").replace("title: Action a", "title: Action a, revue"),
    );
    std::fs::remove_file(env.path("sheets/b.yaml")).unwrap();
    assert!(git(&env, &["commit", "-qam", "second"]));

    let out = env
        .run(&["diff", "git:HEAD~1:sheets", "git:HEAD:sheets"])
        .expect(0);
    assert_eq!(
        out.lines(),
        [
            "removed\tb\t\tAction b",
            "changed\ta\t\tAction a, revue",
            "changed\ta\ttitle\tAction a → Action a, revue",
        ]
    );
    let out = env.run(&["diff", "git:HEAD~1:sheets", "sheets"]).expect(0);
    assert_eq!(out.lines().len(), 3);
    let out = env.run(&["diff", "git:no-such-rev", "sheets"]).expect(1);
    assert!(out.stderr.contains("git:no-such-rev:"), "{}", out.stderr);
}
