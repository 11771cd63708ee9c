//! What a folder walk reads, set up with what a file cannot hold: symbolic
//! link loops, links out of the folder, FIFOs, paths deeper than the system
//! allows. Each run is bounded by the harness's 20-second guard, so a hang
//! fails the test instead of blocking the suite.

#![cfg(unix)]

use std::os::unix::fs::symlink;
use std::process::Command;

use crate::env::{TestEnv, minimal_sheet};

fn mkfifo(path: &std::path::Path) {
    let status = Command::new("mkfifo").arg(path).status().expect("mkfifo");
    assert!(status.success());
}

#[test]
fn folder_links_that_loop_end_the_walk() {
    let env = TestEnv::new();
    env.write("sheets/a.yaml", minimal_sheet("a"));
    env.write("sheets/sub/b.yaml", minimal_sheet("b"));
    symlink(".", env.path("sheets/loop1")).unwrap();
    symlink(".", env.path("sheets/loop2")).unwrap();
    symlink("..", env.path("sheets/sub/up.yaml")).unwrap();
    let out = env.run(&["validate", "sheets"]).expect(0);
    assert!(out.stderr.contains("2 files checked"), "{}", out.stderr);
    let out = env.run(&["import", "sheets"]).expect(0);
    assert_eq!(out.lines().len(), 2, "{}", out.stdout);
}

#[test]
fn a_fifo_in_a_folder_is_reported_and_skipped() {
    let env = TestEnv::new();
    env.write("sheets/a.yaml", minimal_sheet("a"));
    mkfifo(&env.path("sheets/x.yaml"));
    symlink("x.yaml", env.path("sheets/y.yaml")).unwrap();
    let out = env.run(&["validate", "sheets"]).expect(0);
    assert!(
        out.stdout
            .contains("sheets/x.yaml: warning: a FIFO (named pipe), not a regular file"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("sheets/y.yaml: warning: a symbolic link to a FIFO"),
        "{}",
        out.stdout
    );
    assert!(out.stderr.contains("1 file checked"), "{}", out.stderr);
    let out = env.run(&["import", "sheets"]).expect(0);
    assert_eq!(out.lines(), vec![format!("added\ta\tsheets/a.yaml")]);
}

#[test]
fn a_fifo_named_on_the_command_line_is_refused() {
    let env = TestEnv::new();
    mkfifo(&env.path("x.yaml"));
    let out = env.run(&["validate", "x.yaml"]).expect(1);
    assert!(
        out.stdout
            .contains("x.yaml:1:1: error: this is not a regular file")
            && out.stdout.contains("give `-`"),
        "{}",
        out.stdout
    );
    let out = env.run(&["import", "x.yaml"]).expect(1);
    assert!(out.stderr.contains("not a regular file"), "{}", out.stderr);
}

#[test]
fn a_link_out_of_the_folder_is_not_read() {
    let env = TestEnv::new();
    env.write("sheets/a.yaml", minimal_sheet("a"));
    // Stands for /etc/shadow: not YAML, and secret.
    let secret = env.write("secret", "root:$6$SECRETHASH:19000:0:99999:7:::\n");
    symlink(&secret, env.path("sheets/shadow.yaml")).unwrap();
    let out = env.run(&["validate", "sheets"]).expect(0);
    assert!(!out.stdout.contains("SECRETHASH"), "{}", out.stdout);
    assert!(
        out.stdout
            .contains("sheets/shadow.yaml: warning: a symbolic link to")
            && out.stdout.contains("outside the folder: not read"),
        "{}",
        out.stdout
    );
    // Named on the command line, the link is the user's choice; what is
    // not YAML is still quoted only as a short excerpt.
    let out = env.run(&["validate", "sheets/shadow.yaml"]).expect(1);
    assert!(
        out.stdout.contains("unknown key `root:$6$") && !out.stdout.contains("99999:7"),
        "{}",
        out.stdout
    );
}

#[test]
fn a_link_to_a_file_inside_the_folder_is_followed_once() {
    let env = TestEnv::new();
    env.write("sheets/real/a.yaml", minimal_sheet("a"));
    symlink("real/a.yaml", env.path("sheets/alias.yaml")).unwrap();
    let out = env.run(&["import", "sheets"]).expect(0);
    assert_eq!(out.lines().len(), 1, "{}", out.stdout);
}

#[test]
fn paths_deeper_than_the_system_allows_are_reported() {
    let env = TestEnv::new();
    env.write("sheets/a.yaml", minimal_sheet("a"));
    // 50 levels of 100-character names: over the 4096-byte path limit, so
    // they are made one level at a time, relative to the level above.
    let name = std::ffi::CString::new("d".repeat(100)).unwrap();
    let root = std::ffi::CString::new(env.path("sheets").display().to_string()).unwrap();
    // SAFETY: plain system calls on descriptors this test owns; each is
    // checked and closed.
    unsafe {
        let mut dir = libc::open(root.as_ptr(), libc::O_DIRECTORY | libc::O_RDONLY);
        assert!(dir >= 0);
        for _ in 0..50 {
            assert_eq!(libc::mkdirat(dir, name.as_ptr(), 0o755), 0);
            let next = libc::openat(dir, name.as_ptr(), libc::O_DIRECTORY | libc::O_RDONLY);
            assert!(next >= 0);
            libc::close(dir);
            dir = next;
        }
        let file = libc::openat(
            dir,
            c"deep.yaml".as_ptr(),
            libc::O_CREAT | libc::O_WRONLY,
            0o644,
        );
        assert!(file >= 0);
        libc::close(file);
        libc::close(dir);
    }
    let out = env.run(&["validate", "sheets"]).expect(1);
    assert!(
        out.stdout.contains("error: cannot read this entry") && out.stdout.contains("too long"),
        "{}",
        out.stdout
    );
    // The rest of the folder is still checked.
    assert!(out.stderr.contains("files checked"), "{}", out.stderr);
}

#[test]
fn standard_input_twice_is_a_usage_error() {
    let env = TestEnv::new();
    let out = env
        .run_stdin(&["import", "-", "-"], minimal_sheet("a"))
        .expect(2);
    assert!(
        out.stderr
            .contains("`-` (standard input) is given more than once"),
        "{}",
        out.stderr
    );
    assert_eq!(env.sheet_count(), 0);
    env.run_stdin(&["validate", "-", "-"], minimal_sheet("a"))
        .expect(2);
}

#[test]
fn a_vocabulary_file_is_read_like_a_sheet() {
    let env = TestEnv::new();
    mkfifo(&env.path("vocabulary.yaml"));
    let out = env.run(&["--vocab", "vocabulary.yaml", "vocab"]).expect(1);
    assert!(out.stderr.contains("not a regular file"), "{}", out.stderr);
    // Not a vocabulary at all: its content is quoted only in part.
    let secret = env.write(
        "shadow",
        format!("root:$6${}:19000:0:99999:7:::\n", "S".repeat(300)),
    );
    let out = env.run(&["--vocab", &secret, "vocab"]).expect(1);
    assert!(
        out.stderr.contains("unknown field `root:$6$"),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains(&"S".repeat(40)), "{}", out.stderr);
}

#[test]
fn a_folder_vocabulary_that_links_out_of_the_folder_is_not_read() {
    let env = TestEnv::new();
    let outside = env.write(
        "elsewhere.yaml",
        "themes:\n  - {code: secret-theme, label: Secret}\n",
    );
    env.write(
        "sheets/a.yaml",
        minimal_sheet("a").replace("themes: [ess]", "themes: [secret-theme]"),
    );
    symlink(&outside, env.path("sheets/vocabulary.yaml")).unwrap();
    let out = env.run(&["validate", "sheets"]).expect(1);
    assert!(
        out.stdout.contains("unknown theme `secret-theme`"),
        "{}",
        out.stdout
    );
    // The same file inside the folder is read.
    std::fs::remove_file(env.path("sheets/vocabulary.yaml")).unwrap();
    std::fs::copy(&outside, env.path("sheets/vocabulary.yaml")).unwrap();
    env.run(&["validate", "sheets"]).expect(0);
}

#[test]
fn files_reached_twice_through_links_are_read_once() {
    let env = TestEnv::new();
    env.write("sheets/sub/a.yaml", minimal_sheet("a"));
    symlink("sub/a.yaml", env.path("sheets/alias.yaml")).unwrap();
    symlink("sheets", env.path("door")).unwrap();
    let out = env
        .run(&["import", "door/sub/a.yaml", "sheets", "door"])
        .expect(0);
    assert_eq!(out.lines(), vec![format!("added\ta\tdoor/sub/a.yaml")]);
}
