//! Where pacte writes and what it reads: a link in every place a path is
//! used, a FIFO and a device wherever a file is read, modes, temporary
//! files, locks and signals.

use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::env::{TestEnv, minimal_sheet};

fn imported(ids: &[&str]) -> TestEnv {
    let env = TestEnv::new();
    for id in ids {
        env.write(&format!("sheets/{id}.yaml"), minimal_sheet(id));
    }
    env.run(&["import", "sheets"]).expect(0);
    env
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success());
}

/// This process's umask (the tests run pacte with the same).
fn umask() -> u32 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("Umask:"))
        .map(|v| u32::from_str_radix(v.trim(), 8).unwrap())
        .unwrap()
}

/// 0666 less the umask.
fn usual_mode() -> u32 {
    0o666 & !umask()
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

#[test]
fn a_manifest_line_through_a_link_deletes_nothing_outside() {
    let env = imported(&["a"]);
    env.run(&["site", "out"]).expect(0);
    env.write("elsewhere/notes.txt", "keep me");
    env.write("elsewhere/other.txt", "keep me too");
    symlink("../elsewhere", env.path("out/x")).unwrap();
    std::fs::create_dir(env.path("out/folder")).unwrap();
    let manifest = env.path("out/.pacte-site");
    let mut text = std::fs::read_to_string(&manifest).unwrap();
    text.push_str("x/notes.txt\nx\n../elsewhere/other.txt\n/etc/hostname\nfolder\n");
    std::fs::write(&manifest, text).unwrap();
    let out = env.run(&["site", "out"]).expect(0);
    assert!(env.path("elsewhere/notes.txt").exists());
    assert!(env.path("elsewhere/other.txt").exists());
    assert!(env.path("out/folder").is_dir());
    for line in [
        "x/notes.txt",
        "../elsewhere/other.txt",
        "/etc/hostname",
        "folder",
    ] {
        assert!(
            out.stderr.contains(&format!("`{line}`")),
            "{line}: {}",
            out.stderr
        );
    }
    assert!(out.stderr.contains(".pacte-site, line"), "{}", out.stderr);
}

#[test]
fn a_linked_folder_in_the_site_receives_nothing() {
    let env = imported(&["a"]);
    std::fs::create_dir_all(env.path("elsewhere")).unwrap();
    std::fs::create_dir_all(env.path("out")).unwrap();
    symlink("../elsewhere", env.path("out/fiches")).unwrap();
    let out = env.run(&["site", "out"]).expect(1);
    assert!(out.stderr.contains("out/fiches"), "{}", out.stderr);
    assert_eq!(std::fs::read_dir(env.path("elsewhere")).unwrap().count(), 0);
}

#[test]
fn a_link_planted_in_the_search_index_is_never_published() {
    let env = imported(&["a", "b"]);
    env.run(&["site", "out"]).expect(0);
    env.write("secret.txt", "root:$6$secret");
    let index = std::fs::read_dir(env.path("out/search"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.is_file())
        .unwrap();
    std::fs::remove_file(&index).unwrap();
    symlink(env.path("secret.txt"), &index).unwrap();
    let out = env.run(&["site", "out"]);
    assert_ne!(out.code, 101);
    let kind = std::fs::symlink_metadata(&index).unwrap().file_type();
    if kind.is_file() {
        let bytes = std::fs::read(&index).unwrap();
        assert!(!String::from_utf8_lossy(&bytes).contains("secret"));
    }
    assert_eq!(
        std::fs::read_to_string(env.path("secret.txt")).unwrap(),
        "root:$6$secret"
    );
}

#[test]
fn a_special_manifest_is_refused_without_waiting() {
    let env = imported(&["a"]);
    std::fs::create_dir_all(env.path("fifo")).unwrap();
    mkfifo(&env.path("fifo/.pacte-site"));
    let out = env.run(&["site", "fifo"]).expect(1);
    assert!(out.stderr.contains(".pacte-site"), "{}", out.stderr);
    std::fs::create_dir_all(env.path("zero")).unwrap();
    symlink("/dev/zero", env.path("zero/.pacte-site")).unwrap();
    let out = env.run(&["site", "zero"]).expect(1);
    assert!(out.stderr.contains(".pacte-site"), "{}", out.stderr);
}

#[test]
fn site_files_get_the_usual_modes_and_leftovers_go() {
    let env = imported(&["a"]);
    env.run(&["site", "out"]).expect(0);
    assert_eq!(mode(&env.path("out/index.html")), usual_mode());
    assert_eq!(mode(&env.path("out/fiches/a/index.html")), usual_mode());
    // What an interrupted build leaves, and a file 0600 from an old build.
    env.write("out/.index.html.ab12cd.tmp", "half");
    env.write("out/fiches/a/.index.html.x1y2z3.tmp", "half");
    env.write("out/.tmpAbC123", "half");
    std::fs::set_permissions(
        env.path("out/index.html"),
        std::fs::Permissions::from_mode(0o600),
    )
    .unwrap();
    env.run(&["site", "out"]).expect(0);
    for left in [
        "out/.index.html.ab12cd.tmp",
        "out/fiches/a/.index.html.x1y2z3.tmp",
        "out/.tmpAbC123",
    ] {
        assert!(!env.path(left).exists(), "{left}");
    }
    assert_eq!(mode(&env.path("out/index.html")), usual_mode());
}

#[test]
fn a_folder_being_written_is_refused_to_a_second_writer() {
    let env = imported(&["a"]);
    std::fs::create_dir_all(env.path("out")).unwrap();
    let Ok(mut holder) = Command::new("flock")
        .arg(env.path("out"))
        .args(["sleep", "30"])
        .stdout(Stdio::null())
        .spawn()
    else {
        eprintln!("skipped: no flock command");
        return;
    };
    let started = Instant::now();
    loop {
        let out = env.run(&["site", "out"]);
        if out.code == 1 {
            assert!(out.stderr.contains("another pacte"), "{}", out.stderr);
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(10), "never locked");
        std::thread::sleep(Duration::from_millis(50));
    }
    for args in [
        &["export", "--out", "out/"][..],
        &["convert", "--out", "out", "x.html"],
    ] {
        if args[0] == "convert" {
            env.write("x.html", "<h1>Titre</h1>");
        }
        let out = env.run(args).expect(1);
        assert!(out.stderr.contains("another pacte"), "{}", out.stderr);
    }
    let _ = holder.kill();
    let _ = holder.wait();
}

#[test]
fn export_into_a_folder_never_writes_through_a_link() {
    let env = imported(&["a", "b"]);
    env.write("victim", "precious");
    std::fs::create_dir_all(env.path("dir")).unwrap();
    symlink("../victim", env.path("dir/a.yaml")).unwrap();
    let out = env.run(&["export", "--out", "dir/"]).expect(1);
    assert!(out.stderr.contains("dir/a.yaml"), "{}", out.stderr);
    assert_eq!(
        std::fs::read_to_string(env.path("victim")).unwrap(),
        "precious"
    );
    assert!(!env.path("dir/b.yaml").exists(), "nothing is written");
    std::fs::create_dir_all(env.path("fifo-dir")).unwrap();
    mkfifo(&env.path("fifo-dir/a.yaml"));
    env.run(&["export", "--out", "fifo-dir/"]).expect(1);
    std::fs::create_dir_all(env.path("up/real")).unwrap();
    symlink("real", env.path("up/linked")).unwrap();
    env.run(&["export", "--out", "up/linked/"]).expect(0);
    assert!(
        env.path("up/real/a.yaml").exists(),
        "the folder named is the user's"
    );
    let written = env.path("up/real/a.yaml");
    assert_eq!(mode(&written), usual_mode());
}

#[test]
fn an_id_that_is_not_a_slug_names_no_file_and_db_check_says_so() {
    let env = imported(&["a"]);
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    conn.pragma_update(None, "foreign_keys", false).unwrap();
    conn.execute("UPDATE sheets SET id = '../../x' WHERE id = 'a'", [])
        .unwrap();
    conn.execute(
        "UPDATE sheet_bodies SET sheet_id = '../../x', \
         body = replace(body, '\"id\":\"a\"', '\"id\":\"../../x\"')",
        [],
    )
    .unwrap();
    drop(conn);
    let out = env.run(&["db", "check"]).expect(1);
    assert!(
        out.stdout.contains("../../x") || out.stderr.contains("../../x"),
        "{}{}",
        out.stdout,
        out.stderr
    );
    std::fs::create_dir_all(env.path("deep/er/dir")).unwrap();
    env.run(&["export", "--out", "deep/er/dir/"]).expect(1);
    assert!(!env.path("deep/x.yaml").exists());
    assert!(!env.path("x.yaml").exists());
    env.run(&["site", "deep/er/site"]).expect(1);
    assert!(!env.path("deep/er/x").exists());
}

#[test]
fn convert_and_new_create_only_new_files_never_through_links() {
    let env = TestEnv::new();
    env.write("page.html", "<h1>Titre</h1>");
    env.write("victim", "precious");
    std::fs::create_dir_all(env.path("drafts")).unwrap();
    symlink("../victim", env.path("drafts/page.yaml")).unwrap();
    env.run(&["convert", "--out", "drafts", "page.html"])
        .expect(1);
    assert_eq!(
        std::fs::read_to_string(env.path("victim")).unwrap(),
        "precious"
    );
    symlink("victim", env.path("new.yaml")).unwrap();
    env.run(&["new", "x", "--out", "new.yaml"]).expect(1);
    assert_eq!(
        std::fs::read_to_string(env.path("victim")).unwrap(),
        "precious"
    );
    env.run(&["new", "x", "--out", "made/x.yaml"]).expect(0);
    assert_eq!(mode(&env.path("made/x.yaml")), usual_mode());
}

/// An editor that records its file and waits, for a signal to come.
fn waiting_editor(env: &TestEnv) -> String {
    // The path is written whole before it appears (`mv`): the test never
    // reads it half-written.
    let path = env.write(
        "wait.sh",
        "#!/bin/sh\necho \"$1\" > \"$STATE.tmp\"\nmv \"$STATE.tmp\" \"$STATE.path\"\nsleep 20\n",
    );
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

#[test]
fn the_private_copy_of_an_edit_goes_on_every_signal() {
    let env = imported(&["a"]);
    let editor = waiting_editor(&env);
    for (signal, name) in [(15, "TERM"), (1, "HUP"), (2, "INT")] {
        let _ = std::fs::remove_file(env.path("calls.path"));
        let mut child = Command::new(env!("CARGO_BIN_EXE_pacte"))
            .args(["edit", "a"])
            .current_dir(env.root())
            .env("PACTE_DB", env.db())
            .env("EDITOR", &editor)
            .env("STATE", env.path("calls"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let started = Instant::now();
        while !env.path("calls.path").exists() {
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "the editor never ran"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        let copy = std::fs::read_to_string(env.path("calls.path")).unwrap();
        let copy = Path::new(copy.trim()).to_owned();
        assert!(copy.exists());
        Command::new("kill")
            .args([format!("-{name}"), child.id().to_string()])
            .status()
            .unwrap();
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(128 + signal), "SIG{name}");
        assert!(!copy.exists(), "SIG{name}: {} was left", copy.display());
        assert!(
            !copy.parent().unwrap().exists(),
            "SIG{name}: its folder was left"
        );
    }
}

fn git(env: &TestEnv, args: &[&str]) -> bool {
    Command::new("git")
        .args(args)
        .current_dir(env.root())
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.org")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.org")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

#[test]
fn diff_reads_no_vocabulary_link_in_a_folder_or_a_revision() {
    let env = TestEnv::new();
    env.write(
        "secret",
        "themes:\n  - {code: root-6-secret, label: root:$6$secret}\n",
    );
    env.write("old/a.yaml", minimal_sheet("a"));
    env.write("new/a.yaml", minimal_sheet("a"));
    symlink("../secret", env.path("new/vocabulary.yaml")).unwrap();
    let out = env.run(&["diff", "old", "new"]).expect(0);
    assert!(
        !out.stdout.contains("secret") && !out.stderr.contains("$6$"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("vocabulary"),
        "a skipped link is said: {}",
        out.stderr
    );

    if !git(&env, &["init", "-q", "repo"]) {
        eprintln!("skipped: no git");
        return;
    }
    env.write("repo/sheets/a.yaml", minimal_sheet("a"));
    env.write("repo/notes.txt", "not a sheet");
    symlink("../../secret", env.path("repo/sheets/vocabulary.yaml")).unwrap();
    let repo = env.path("repo");
    let git_in = |args: &[&str]| {
        Command::new("git")
            .args(args)
            .current_dir(&repo)
            .env("GIT_AUTHOR_NAME", "t")
            .env("GIT_AUTHOR_EMAIL", "t@example.org")
            .env("GIT_COMMITTER_NAME", "t")
            .env("GIT_COMMITTER_EMAIL", "t@example.org")
            .output()
            .unwrap()
    };
    git_in(&["add", "-A"]);
    git_in(&["commit", "-qm", "x"]);
    let tmp = env.path("tmp");
    std::fs::create_dir_all(&tmp).unwrap();
    let mut command = env.command(&["diff", "git:HEAD:sheets", "sheets"]);
    command.current_dir(&repo).env("TMPDIR", &tmp);
    let out = env.run_with(command, None).expect(0);
    assert!(!out.stderr.contains("$6$"), "{}", out.stderr);
    assert!(out.stderr.contains("vocabulary.yaml"), "{}", out.stderr);
    assert_eq!(
        std::fs::read_dir(&tmp).unwrap().count(),
        0,
        "the extraction is removed"
    );
}

#[test]
fn fifos_and_devices_are_never_read_as_vocabularies() {
    let env = TestEnv::new();
    env.write("sheets/a.yaml", minimal_sheet("a"));
    mkfifo(&env.path("sheets/vocabulary.yaml"));
    let out = env.run(&["validate", "sheets"]).expect(0);
    assert!(out.stderr.contains("vocabulary"), "{}", out.stderr);
    mkfifo(&env.path("fifo.yaml"));
    for vocab in ["fifo.yaml", "/dev/zero", "/dev/null"] {
        let out = env.run(&["--vocab", vocab, "validate", "sheets"]);
        assert_ne!(out.code, 0, "{vocab}");
        assert!(out.stderr.contains("vocabulary"), "{vocab}: {}", out.stderr);
    }
}

#[test]
fn vocabulary_files_meet_the_parsers_limits() {
    let env = TestEnv::new();
    env.write("sheets/a.yaml", minimal_sheet("a"));
    let mut aliases = String::from("themes:\n  - code: x\n    label: X\n    aliases:\n      - &a ");
    aliases.push_str(&"y".repeat(40_000));
    aliases.push('\n');
    for _ in 0..3000 {
        aliases.push_str("      - *a\n");
    }
    env.write("aliases.yaml", &aliases);
    let out = env
        .run(&["--vocab", "aliases.yaml", "validate", "sheets"])
        .expect(1);
    assert!(out.stderr.contains("alias"), "{}", out.stderr);
    let depth = 100_000;
    let nested = format!("themes: {}{}\n", "[".repeat(depth), "]".repeat(depth));
    env.write("nested.yaml", &nested);
    let out = env
        .run(&["--vocab", "nested.yaml", "validate", "sheets"])
        .expect(1);
    assert!(out.stderr.contains("nested"), "{}", out.stderr);
    env.write("sheets/vocabulary.yaml", &aliases);
    env.run(&["validate", "sheets"]).expect(1);
}

#[test]
fn a_first_site_is_built_beside_its_place_and_leaves_nothing_else() {
    let env = imported(&["a", "b"]);
    env.run(&["site", "new/deeper/out"]).expect(0);
    assert!(env.path("new/deeper/out/fiches/a/index.html").is_file());
    let beside: Vec<String> = std::fs::read_dir(env.path("new/deeper"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(beside, ["out"], "no staging folder is left");
    assert_eq!(mode(&env.path("new/deeper/out")), 0o777 & !umask());
    assert_eq!(mode(&env.path("new/deeper/out/index.html")), usual_mode());
    let again = env.run(&["site", "new/deeper/out"]).expect(0);
    assert!(again.stderr.contains("nothing changed"), "{}", again.stderr);
}
