//! `pacte edit` with scripted editors.

use crate::env::{TestEnv, minimal_sheet};

/// An editor script; `$1` is the file to edit, `$STATE` counts the calls.
fn editor(env: &TestEnv, name: &str, body: &str) -> String {
    let path = env.write(name, format!("#!/bin/sh\nset -e\nn=$(cat \"$STATE\" 2>/dev/null || echo 0)\nn=$((n + 1))\necho $n > \"$STATE\"\n{body}\n"));
    let mut permissions = std::fs::metadata(&path).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut permissions, 0o755);
    std::fs::set_permissions(&path, permissions).unwrap();
    path
}

fn edit(env: &TestEnv, script: &str, id: &str) -> crate::env::Output {
    let mut command = env.command(&["edit", id]);
    command
        .env("EDITOR", script)
        .env_remove("VISUAL")
        .env("STATE", env.path("calls"));
    env.run_with(command, None)
}

fn calls(env: &TestEnv) -> String {
    std::fs::read_to_string(env.path("calls"))
        .unwrap()
        .trim()
        .to_owned()
}

#[test]
fn a_valid_edit_is_saved_to_the_file_and_the_database() {
    let env = TestEnv::new();
    let file = env.write("a.yaml", minimal_sheet("a"));
    env.run(&["import", &file]).expect(0);
    let script = editor(
        &env,
        "fix.sh",
        "sed -i 's/^title: .*/title: Titre corrigé/' \"$1\"",
    );
    let out = edit(&env, &script, "a").expect(0);
    assert!(out.stdout.starts_with("updated\ta\t"), "{}", out.stdout);
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("title: Titre corrigé\n")
    );
    assert!(
        env.run(&["show", "a"])
            .expect(0)
            .stdout
            .starts_with("Titre corrigé")
    );
    assert_eq!(calls(&env), "1");
}

#[test]
fn errors_reopen_the_editor_with_comments_until_fixed() {
    let env = TestEnv::new();
    let file = env.write("a.yaml", minimal_sheet("a"));
    env.run(&["import", &file]).expect(0);
    let script = editor(
        &env,
        "twice.sh",
        "if [ $n = 1 ]; then sed -i 's/^status: .*/status: fini/' \"$1\"; \
         else grep -q '^# pacte: error: line 7, column 9: unknown status' \"$1\"; \
         sed -i 's/^status: .*/status: finished/' \"$1\"; fi",
    );
    edit(&env, &script, "a").expect(0);
    assert_eq!(calls(&env), "2");
    let saved = std::fs::read_to_string(&file).unwrap();
    assert!(saved.contains("status: finished"), "{saved}");
    assert!(
        !saved.contains("# pacte:"),
        "the error comments are not saved: {saved}"
    );
    let json = env.run(&["show", "a", "--format", "json"]).expect(0).stdout;
    assert!(json.contains("\"status\": \"finished\""), "{json}");
}

#[test]
fn error_comments_name_the_line_the_user_sees_in_the_editor() {
    let env = TestEnv::new();
    let file = env.write("a.yaml", minimal_sheet("a"));
    env.run(&["import", &file]).expect(0);
    // Two errors, so the comments above the sheet are more than a header:
    // each reported line must hold the key it blames.
    let script = editor(
        &env,
        "lines.sh",
        "if [ $n = 1 ]; then sed -i -e 's/^status: .*/status: fini/' -e 's/^themes: .*/themes: nulle-part/' \"$1\"; \
         else \
           for key in status themes; do \
             l=$(sed -n \"s/^# pacte: error: line \\([0-9]*\\), column [0-9]*: .*$key.*/\\1/p\" \"$1\"); \
             test -n \"$l\"; \
             sed -n \"${l}p\" \"$1\" | grep -q \"^$key: \"; \
           done; \
           sed -i -e 's/^status: .*/status: finished/' -e 's/^themes: .*/themes: ess/' \"$1\"; \
         fi",
    );
    edit(&env, &script, "a").expect(0);
    assert_eq!(
        calls(&env),
        "2",
        "the second call found every line it was told"
    );
}

#[test]
fn giving_up_changes_nothing() {
    let env = TestEnv::new();
    let file = env.write("a.yaml", minimal_sheet("a"));
    env.run(&["import", &file]).expect(0);
    let before = env.dump();
    let script = editor(
        &env,
        "broken.sh",
        "if [ $n = 1 ]; then sed -i 's/^status: .*/status: fini/' \"$1\"; fi",
    );
    let out = edit(&env, &script, "a").expect(0);
    assert!(out.stderr.contains("nothing changed"), "{}", out.stderr);
    assert_eq!(calls(&env), "2");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), minimal_sheet("a"));
    assert_eq!(env.dump(), before);
}

#[test]
fn a_sheet_sharing_its_file_is_edited_in_its_own_document_only() {
    let env = TestEnv::new();
    let first = format!("# premier document\n{}", minimal_sheet("un"));
    let third = format!("{}# fin du fichier\n", minimal_sheet("trois"));
    let text = format!(
        "{first}---\n# le deuxième\n{}--- # suite\n{third}",
        minimal_sheet("deux")
    );
    let file = env.write("multi.yaml", &text);
    env.run(&["import", &file]).expect(0);
    let script = editor(
        &env,
        "fix.sh",
        "sed -i 's/^title: .*/title: Nouveau/' \"$1\"",
    );
    let out = edit(&env, &script, "deux").expect(0);
    assert!(out.stderr.contains("saved to"), "{}", out.stderr);
    let expected = text.replace("title: Action deux", "title: Nouveau");
    assert_ne!(expected, text);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), expected);
    assert!(
        env.run(&["show", "deux"])
            .expect(0)
            .stdout
            .starts_with("Nouveau")
    );
    // The file and the catalogue agree: importing it again changes nothing.
    let again = env.run(&["import", &file]).expect(0);
    assert!(
        again.lines().iter().all(|l| l.starts_with("unchanged\t")),
        "{}",
        again.stdout
    );
}

#[test]
fn a_sheet_from_standard_input_is_edited_in_the_catalogue() {
    let env = TestEnv::new();
    env.run_stdin(&["import", "-"], minimal_sheet("tube"))
        .expect(0);
    let script = editor(&env, "fix.sh", "sed -i 's/^title: .*/title: Piped/' \"$1\"");
    let out = edit(&env, &script, "tube").expect(0);
    assert!(
        out.stderr.contains("saved to the catalogue"),
        "{}",
        out.stderr
    );
    assert!(
        env.run(&["show", "tube"])
            .expect(0)
            .stdout
            .starts_with("Piped")
    );
}

#[test]
fn the_copy_is_private_and_removed_on_every_exit() {
    let env = TestEnv::new();
    let file = env.write("a.yaml", minimal_sheet("a"));
    env.run(&["import", &file]).expect(0);
    // The editor records the copy's path and mode, then fails.
    let script = editor(
        &env,
        "fail.sh",
        "stat -c %a \"$1\" > \"$STATE.mode\"\necho \"$1\" > \"$STATE.path\"\nexit 3",
    );
    let out = edit(&env, &script, "a").expect(1);
    assert!(out.stderr.contains("editor failed"), "{}", out.stderr);
    let mode = std::fs::read_to_string(env.path("calls.mode")).unwrap();
    assert_eq!(mode.trim(), "600");
    let copy = std::fs::read_to_string(env.path("calls.path")).unwrap();
    assert!(
        !std::path::Path::new(copy.trim()).exists(),
        "{copy} was left behind"
    );
}

#[test]
fn an_editor_that_deletes_the_copy_or_writes_another_encoding_changes_nothing() {
    let env = TestEnv::new();
    let file = env.write("a.yaml", minimal_sheet("a"));
    env.run(&["import", &file]).expect(0);
    let before = env.dump();
    let script = editor(&env, "rm.sh", "rm \"$1\"");
    let out = edit(&env, &script, "a").expect(1);
    assert!(
        out.stderr.contains("removed or hid the copy"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("nothing changed"), "{}", out.stderr);
    let script = editor(&env, "latin1.sh", "printf 'title: caf\\351\\n' >> \"$1\"");
    let out = edit(&env, &script, "a").expect(1);
    assert!(
        out.stderr.contains("another encoding than UTF-8"),
        "{}",
        out.stderr
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), minimal_sheet("a"));
    assert_eq!(env.dump(), before);
}

#[test]
fn no_editor_or_an_unknown_id_is_an_error() {
    let env = TestEnv::new();
    let file = env.write("a.yaml", minimal_sheet("a"));
    env.run(&["import", &file]).expect(0);
    let mut command = env.command(&["edit", "a"]);
    command.env_remove("EDITOR").env_remove("VISUAL");
    let out = env.run_with(command, None).expect(2);
    assert!(
        out.stderr.contains("set VISUAL or EDITOR"),
        "{}",
        out.stderr
    );
    let script = editor(&env, "noop.sh", "true");
    let out = edit(&env, &script, "b").expect(1);
    assert!(
        out.stderr.contains("no sheet with the id `b`"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_file_changed_during_the_edit_is_not_overwritten_and_the_edit_is_kept() {
    let env = TestEnv::new();
    let file = env.write("a.yaml", minimal_sheet("a"));
    env.run(&["import", &file]).expect(0);
    let before = env.dump();
    // The editor changes the copy while someone else changes the file.
    let script = editor(
        &env,
        "race.sh",
        &format!("sed -i 's/^title: .*/title: Mon titre/' \"$1\"\necho '# ajout' >> '{file}'"),
    );
    let out = edit(&env, &script, "a").expect(1);
    assert!(out.stderr.contains("changed while"), "{}", out.stderr);
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        format!("{}# ajout\n", minimal_sheet("a"))
    );
    assert_eq!(env.dump(), before);
    let kept = out
        .stderr
        .split("your edit is kept in ")
        .nth(1)
        .and_then(|rest| rest.split(':').next())
        .unwrap();
    let text = std::fs::read_to_string(kept.trim()).unwrap();
    assert!(text.contains("title: Mon titre"), "{text}");
    std::fs::remove_file(kept.trim()).unwrap();
}
