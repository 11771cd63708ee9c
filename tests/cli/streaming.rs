//! The import writes files as they are read: every rule of the sync must
//! hold when the files that decide it are far apart in a large folder,
//! long after the first ones were written.

use std::process::{Command, Stdio};

use crate::env::{TestEnv, minimal_sheet};

/// How many files make a folder large: several windows of files read
/// ahead of the writer.
const MANY: usize = 400;

/// A folder `name` of `MANY` valid files, `f0000.yaml` onwards, each with
/// the sheet `s0000` onwards.
fn large_folder(env: &TestEnv, name: &str) -> String {
    for i in 0..MANY {
        env.write(
            &format!("{name}/f{i:04}.yaml"),
            minimal_sheet(&format!("s{i:04}")),
        );
    }
    env.path(name).to_str().unwrap().to_owned()
}

/// A count of sheets as the catalogue gives it.
fn sheets(count: usize) -> i64 {
    i64::try_from(count).unwrap()
}

fn last_file(name: &str) -> String {
    format!("{name}/f{:04}.yaml", MANY - 1)
}

/// A catalogue holding one sheet that no import below touches.
fn with_one_sheet(env: &TestEnv) {
    let other = env.write("other.yaml", minimal_sheet("already-there"));
    env.run(&["import", &other]).expect(0);
}

#[test]
fn two_files_sharing_an_id_far_apart_are_both_refused() {
    let env = TestEnv::new();
    with_one_sheet(&env);
    let dir = large_folder(&env, "big");
    env.write("big/f0001.yaml", minimal_sheet("twin"));
    env.write(&last_file("big"), minimal_sheet("twin"));
    let before = env.dump();
    let out = env.run(&["import", &dir]).expect(1);
    assert!(out.stderr.contains("nothing imported"), "{}", out.stderr);
    assert_eq!(env.dump(), before);
    for (file, other) in [("f0001.yaml", "f0399.yaml"), ("f0399.yaml", "f0001.yaml")] {
        assert!(
            out.stderr.lines().any(|l| l.contains(file)
                && l.contains("the id `twin` is also used at")
                && l.contains(other)),
            "{}",
            out.stderr
        );
    }
    // With --keep-going, the first was written before the second came:
    // it is taken back, and every other file lands.
    let out = env.run(&["import", "--keep-going", &dir]).expect(1);
    assert!(
        out.stderr.contains("2 files not imported"),
        "{}",
        out.stderr
    );
    assert_eq!(env.sheet_count(), 1 + sheets(MANY) - 2);
    let out = env.run(&["show", "twin"]).expect(1);
    assert!(out.stdout.is_empty(), "{}", out.stdout);
    assert_eq!(
        env.run(&["list", "--format", "ids"]).lines().len(),
        MANY - 1
    );
}

#[test]
fn a_failure_late_in_the_stream_leaves_the_catalogue_untouched() {
    let env = TestEnv::new();
    with_one_sheet(&env);
    let dir = large_folder(&env, "big");
    env.write(&last_file("big"), "id: broken\n");
    let before = env.dump();
    let out = env.run(&["import", &dir]).expect(1);
    assert!(out.stderr.contains("nothing imported"), "{}", out.stderr);
    assert!(out.stdout.is_empty(), "{}", out.stdout);
    assert_eq!(env.dump(), before);
    // The same with a dry run, and then --keep-going lands the others.
    env.run(&["import", "--dry-run", &dir]).expect(1);
    assert_eq!(env.dump(), before);
    let out = env.run(&["import", "--keep-going", &dir]).expect(1);
    assert_eq!(out.lines().len(), MANY - 1, "{}", out.stdout);
    assert_eq!(env.sheet_count(), sheets(MANY));
}

#[test]
fn a_dry_run_of_a_large_folder_reports_everything_and_stores_nothing() {
    let env = TestEnv::new();
    with_one_sheet(&env);
    let dir = large_folder(&env, "big");
    let before = env.dump();
    let out = env.run(&["import", "--dry-run", &dir]).expect(0);
    assert_eq!(out.lines().len(), MANY, "{}", out.stdout);
    assert!(out.lines().iter().all(|l| l.starts_with("added\t")));
    assert_eq!(env.dump(), before);
}

#[test]
fn removals_changes_and_unchanged_files_in_a_large_folder() {
    let env = TestEnv::new();
    let dir = large_folder(&env, "big");
    env.run(&["import", &dir]).expect(0);
    std::fs::remove_file(env.path("big/f0000.yaml")).unwrap();
    env.write(
        &last_file("big"),
        minimal_sheet("s0399").replace("Action s0399", "Renamed"),
    );
    // A sheet moves from a late file to an early one: not a removal.
    env.write(
        "big/f0002.yaml",
        format!("{}---\n{}", minimal_sheet("s0002"), minimal_sheet("s0300")),
    );
    env.write("big/f0300.yaml", minimal_sheet("new-in-300"));
    let out = env.run(&["import", &dir]).expect(0);
    let lines = out.lines();
    let news: Vec<&&str> = lines
        .iter()
        .filter(|l| !l.starts_with("unchanged\t"))
        .collect();
    assert_eq!(
        lines[0],
        format!("removed\ts0000\t{dir}/f0000.yaml"),
        "{news:?}"
    );
    assert!(lines.contains(&format!("updated\ts0399\t{dir}/f0399.yaml").as_str()));
    assert!(lines.contains(&format!("updated\ts0300\t{dir}/f0002.yaml").as_str()));
    assert!(lines.contains(&format!("added\tnew-in-300\t{dir}/f0300.yaml").as_str()));
    assert_eq!(
        lines
            .iter()
            .filter(|l| l.starts_with("unchanged\t"))
            .count(),
        MANY - 3,
        "{news:?}"
    );
    assert_eq!(env.sheet_count(), sheets(MANY));
}

#[test]
fn an_id_taken_from_a_later_file_that_still_holds_it_is_refused() {
    let env = TestEnv::new();
    let dir = large_folder(&env, "big");
    env.run(&["import", &dir]).expect(0);
    // f0001 claims the sheet of f0399, which is rewritten with the same
    // bytes: it still holds it, but that is known only when it is read.
    env.write(
        "big/f0001.yaml",
        minimal_sheet("s0399").replace("Action s0399", "Taken"),
    );
    env.write(&last_file("big"), minimal_sheet("s0399"));
    let before = env.dump();
    let out = env.run(&["import", &dir]).expect(1);
    assert!(
        out.stderr.contains("f0001.yaml")
            && out
                .stderr
                .contains("the id `s0399` already belongs to a sheet imported from")
            && out.stderr.contains("f0399.yaml"),
        "{}",
        out.stderr
    );
    assert_eq!(env.dump(), before);
    // With --keep-going, f0001 was written before f0399 was read: it is
    // taken back and the rest lands; s0001 leaves with its file's change
    // refused, so it stays as it was.
    let out = env.run(&["import", "--keep-going", &dir]).expect(1);
    assert!(out.stderr.contains("1 file not imported"), "{}", out.stderr);
    assert!(out.stdout.contains("\ts0399\t") && !out.stdout.contains("f0001.yaml"));
    let shown = env.run(&["show", "s0399", "--format", "json"]).expect(0);
    assert!(shown.stdout.contains("Action s0399"), "{}", shown.stdout);
    env.run(&["show", "s0001"]).expect(0);
    assert_eq!(env.sheet_count(), sheets(MANY));
}

#[test]
fn an_interrupted_import_leaves_the_catalogue_untouched() {
    let env = TestEnv::new();
    with_one_sheet(&env);
    // Larger than the others, so that the import is still writing when
    // the interrupt comes.
    for i in 0..2000 {
        env.write(
            &format!("huge/f{i:04}.yaml"),
            minimal_sheet(&format!("s{i:04}")),
        );
    }
    let before = env.dump();
    let child = Command::new(env!("CARGO_BIN_EXE_pacte"))
        .args(["import", env.path("huge").to_str().unwrap()])
        .env("PACTE_DB", env.db())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start pacte");
    // The journal exists once the first sheet is written.
    let journal = std::path::PathBuf::from(format!("{}-journal", env.db().display()));
    let started = std::time::Instant::now();
    while !journal.exists() && started.elapsed() < std::time::Duration::from_secs(60) {
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    assert!(journal.exists(), "the import never started writing");
    std::thread::sleep(std::time::Duration::from_millis(50));
    let pid = i32::try_from(child.id()).unwrap();
    // SAFETY: `kill` with a live child's pid and a valid signal number.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGINT) }, 0);
    let output = child.wait_with_output().expect("wait for pacte");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(130), "{stderr}");
    assert!(
        stderr.contains("interrupted: nothing was imported"),
        "{stderr}"
    );
    // Rolled back by pacte itself: no journal is left for the next
    // reader, which sees the catalogue as it was.
    assert!(!journal.exists());
    assert_eq!(
        env.run(&["list", "--format", "ids"]).expect(0).lines(),
        ["already-there"]
    );
    assert_eq!(env.dump(), before);
    env.run(&["import", env.path("huge").to_str().unwrap()])
        .expect(0);
    assert_eq!(env.sheet_count(), 2001);
}
