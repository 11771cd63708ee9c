use crate::env::{TestEnv, minimal_sheet};

#[test]
fn importing_the_examples_reports_each_sheet_as_added() {
    let env = TestEnv::new();
    let sheets = env.examples();
    let out = env.run(&["import", &sheets]).expect(0);
    assert_eq!(out.lines().len(), 11, "{}", out.stdout);
    assert!(
        out.lines().iter().all(|l| l.starts_with("added\t")),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("added\tpacte-ess\t"), "{}", out.stdout);
    assert!(
        out.stderr.contains("11 added, 0 updated, 0 unchanged"),
        "{}",
        out.stderr
    );
    assert_eq!(env.sheet_count(), 11);
}

#[test]
fn reimporting_unchanged_files_changes_nothing_and_says_so() {
    let env = TestEnv::new();
    let sheets = env.examples();
    env.run(&["import", &sheets]).expect(0);
    let before = env.dump_of_content();
    let out = env.run(&["import", &sheets]).expect(0);
    assert!(
        out.lines().iter().all(|l| l.starts_with("unchanged\t")),
        "{}",
        out.stdout
    );
    assert!(out.stderr.contains("nothing to change"), "{}", out.stderr);
    assert_eq!(env.dump_of_content(), before);
}

#[test]
fn a_changed_sheet_is_updated() {
    let env = TestEnv::new();
    let file = env.write("a.yaml", minimal_sheet("a"));
    env.run(&["import", &file]).expect(0);
    env.write(
        "a.yaml",
        minimal_sheet("a").replace("Action a", "Action renommée"),
    );
    let out = env.run(&["import", &file]).expect(0);
    assert!(out.stdout.starts_with("updated\ta\t"), "{}", out.stdout);
    let out = env.run(&["show", "a", "--format", "json"]).expect(0);
    assert!(out.stdout.contains("Action renommée"));
}

#[test]
fn one_invalid_sheet_in_a_folder_imports_nothing() {
    let env = TestEnv::new();
    env.write("in/a.yaml", minimal_sheet("a"));
    env.write(
        "in/b.yaml",
        minimal_sheet("b").replace("status: ongoing", "status: fini"),
    );
    env.write("in/c.yaml", minimal_sheet("c"));
    let out = env
        .run(&["import", &env.path("in").display().to_string()])
        .expect(1);
    assert!(
        out.stderr
            .contains("b.yaml:4:9: error: unknown status `fini`"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("nothing imported"), "{}", out.stderr);
    assert!(out.stdout.is_empty());
    assert_eq!(env.sheet_count(), 0);
}

#[test]
fn keep_going_imports_the_valid_files_and_still_fails() {
    let env = TestEnv::new();
    let good = env.write("good.yaml", minimal_sheet("good"));
    let bad = env.write(
        "bad.yaml",
        format!("{}---\n{}", minimal_sheet("ok-in-bad-file"), "id: x\n"),
    );
    let out = env.run(&["import", "--keep-going", &good, &bad]).expect(1);
    assert_eq!(out.lines(), vec![format!("added\tgood\t{good}")]);
    assert!(out.stderr.contains("1 file not imported"), "{}", out.stderr);
    assert_eq!(env.sheet_count(), 1);
}

#[test]
fn dry_run_reports_without_writing() {
    let env = TestEnv::new();
    let file = env.write("a.yaml", minimal_sheet("a"));
    let out = env.run(&["import", "--dry-run", &file]).expect(0);
    assert!(out.stdout.starts_with("added\ta\t"));
    assert!(out.stderr.contains("dry run"), "{}", out.stderr);
    assert_eq!(env.sheet_count(), 0);
}

#[test]
fn standard_input_and_multi_document_files_are_imported() {
    let env = TestEnv::new();
    let input = format!("{}---\n{}---\n", minimal_sheet("un"), minimal_sheet("deux"));
    let out = env.run_stdin(&["import", "-"], input).expect(0);
    assert_eq!(
        out.lines(),
        vec!["added\tun\t<stdin>", "added\tdeux\t<stdin>"]
    );
}

#[test]
fn the_same_id_twice_in_one_call_rejects_both() {
    let env = TestEnv::new();
    let a = env.write("a.yaml", minimal_sheet("same"));
    let b = env.write("b.yaml", minimal_sheet("same"));
    let out = env.run(&["import", &a, &b]).expect(1);
    assert!(
        out.stderr.contains(&format!(
            "a.yaml:1:1: error: the id `same` is also used at {b}:1"
        )),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains(&format!(
            "b.yaml:1:1: error: the id `same` is also used at {a}:1"
        )),
        "{}",
        out.stderr
    );
    assert_eq!(env.sheet_count(), 0);
}

#[test]
fn the_database_and_its_folder_are_created_in_the_data_directory_by_default() {
    let env = TestEnv::new();
    let file = env.write("a.yaml", minimal_sheet("a"));
    let mut command = env.command(&["import", &file]);
    command.env_remove("PACTE_DB");
    env.run_with(command, None).expect(0);
    assert!(env.path("xdg-data/pacte/pacte.db").is_file());
    assert!(!env.db().exists());
}

#[test]
fn db_flag_overrides_the_environment() {
    let env = TestEnv::new();
    let file = env.write("a.yaml", minimal_sheet("a"));
    let other = env.path("sub/dir/other.db").display().to_string();
    env.run(&["--db", &other, "import", &file]).expect(0);
    assert!(env.path("sub/dir/other.db").is_file());
    assert!(!env.db().exists());
}

#[test]
fn a_folder_without_sheets_is_an_error() {
    let env = TestEnv::new();
    env.write("empty/readme.txt", "nothing here");
    let out = env
        .run(&["import", &env.path("empty").display().to_string()])
        .expect(1);
    assert!(
        out.stderr.contains("holds no .yaml or .yml file"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_file_cannot_take_another_files_id_unless_replace() {
    let env = TestEnv::new();
    let first = env.write("first.yaml", minimal_sheet("shared"));
    let second = env.write(
        "second.yaml",
        minimal_sheet("shared").replace("Action shared", "Autre"),
    );
    env.run(&["import", &first]).expect(0);
    let out = env.run(&["import", &second]).expect(1);
    assert!(
        out.stderr.contains(
            "second.yaml:1:1: error: the id `shared` already belongs to a sheet imported from"
        ),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("first.yaml"), "{}", out.stderr);
    assert!(out.stderr.contains("--replace"), "{}", out.stderr);
    let out = env.run(&["import", "--replace", &second]).expect(0);
    assert!(
        out.stdout.starts_with("updated\tshared\t"),
        "{}",
        out.stdout
    );
    assert!(
        env.run(&["show", "shared"])
            .expect(0)
            .stdout
            .starts_with("Autre")
    );
}

#[test]
fn the_same_file_under_another_spelling_is_still_the_same_file() {
    let env = TestEnv::new();
    env.write("dir/a.yaml", minimal_sheet("a"));
    env.run(&["import", "dir/a.yaml"]).expect(0);
    let out = env.run(&["import", "./dir/../dir/a.yaml"]).expect(0);
    assert_eq!(out.stdout, "unchanged\ta\t./dir/../dir/a.yaml\n");
}

#[test]
fn unchanged_files_are_not_parsed_again() {
    let env = TestEnv::new();
    let file = env.write("a.yaml", minimal_sheet("a"));
    env.run(&["import", &file]).expect(0);
    // Same bytes: skipped before parsing, so a rule change cannot show; but
    // the report still names the file's sheets as unchanged.
    let out = env.run(&["import", &file]).expect(0);
    assert_eq!(out.stdout, format!("unchanged\ta\t{file}\n"));
    // --replace reads every file again.
    let out = env.run(&["import", "--replace", &file]).expect(0);
    assert_eq!(out.stdout, format!("unchanged\ta\t{file}\n"));
}

#[test]
fn a_sheet_taken_out_of_its_file_is_removed() {
    let env = TestEnv::new();
    let file = env.write(
        "two.yaml",
        format!("{}---\n{}", minimal_sheet("un"), minimal_sheet("deux")),
    );
    env.run(&["import", &file]).expect(0);
    env.write("two.yaml", minimal_sheet("un"));
    let out = env.run(&["import", &file]).expect(0);
    assert!(out.stdout.contains("removed\tdeux\t"), "{}", out.stdout);
    assert!(out.stderr.contains("1 removed"), "{}", out.stderr);
    assert_eq!(env.sheet_count(), 1);
    let out = env.run(&["search", "action", "--format", "ids"]).expect(0);
    assert_eq!(out.stdout, "un\n", "the index follows removals");
}

#[test]
fn a_file_named_twice_is_read_once() {
    let env = TestEnv::new();
    let file = env.write("dir/a.yaml", minimal_sheet("a"));
    let out = env
        .run(&["import", &file, &env.path("dir").display().to_string()])
        .expect(0);
    assert_eq!(out.lines().len(), 1, "{}", out.stdout);
}
