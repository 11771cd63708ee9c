//! Opening the catalogue: reading never writes, a missing or read-only
//! catalogue, and the messages a person can act on when the file or the
//! disk is not as expected.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use crate::env::{TestEnv, minimal_sheet};

/// Files beside the catalogue other than the catalogue itself.
fn side_files(env: &TestEnv) -> Vec<String> {
    std::fs::read_dir(env.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("catalogue.db-") || name.ends_with("-journal"))
        .collect()
}

#[test]
fn reading_commands_leave_no_side_files() {
    let env = TestEnv::new();
    let sheets = env.examples();
    env.run(&["import", &sheets]).expect(0);
    assert_eq!(side_files(&env), Vec::<String>::new());
    for args in [
        &["list"][..],
        &["show", "pacte-ess"],
        &["search", "emploi"],
        &["db", "info"],
        &["db", "check"],
        &["db", "status"],
        &["import", "--dry-run", &sheets],
    ] {
        env.run(args).expect(0);
        assert_eq!(side_files(&env), Vec::<String>::new(), "after {args:?}");
    }
}

#[test]
fn a_named_catalogue_that_does_not_exist_is_an_error_and_is_not_created() {
    let env = TestEnv::new();
    for args in [
        &["list"][..],
        &["show", "x"],
        &["search", "emploi"],
        &["db", "check"],
        &["db", "status"],
    ] {
        let mut full = vec!["--db", "faute/x.db"];
        full.extend_from_slice(args);
        let out = env.run(&full).expect(1);
        assert!(
            out.stderr.contains("no catalogue at faute/x.db")
                && out.stderr.contains("pacte --db faute/x.db import"),
            "{args:?}: {}",
            out.stderr
        );
    }
    let out = env
        .run(&["--db", "faute/x.db", "import", "--dry-run", &env.examples()])
        .expect(0);
    assert!(out.stderr.contains("would be 11 added"), "{}", out.stderr);
    assert!(!env.path("faute").exists(), "a folder was created");
}

#[test]
fn the_default_catalogue_not_created_yet_reads_as_empty() {
    let env = TestEnv::new();
    let mut command = env.command(&["list", "--format", "ids"]);
    command.env_remove("PACTE_DB");
    let out = env.run_with(command, None).expect(0);
    assert_eq!(out.stdout, "");
    assert!(
        !env.path("xdg-data").exists(),
        "reading created the data folder"
    );
}

#[test]
fn a_catalogue_path_that_is_a_folder_says_so() {
    let env = TestEnv::new();
    std::fs::create_dir_all(env.path("dossier")).unwrap();
    let out = env.run(&["--db", "dossier", "list"]).expect(1);
    assert!(out.stderr.contains("is a folder"), "{}", out.stderr);
    assert!(out.stderr.contains("dossier/pacte.db"), "{}", out.stderr);
}

/// Runs pacte as an unprivileged user when this test runs as root (where
/// file permissions do not apply); `None` when that is impossible.
fn unprivileged(env: &TestEnv, args: &[&str]) -> Option<crate::env::Output> {
    let probe = env.path("uid-probe");
    std::fs::write(&probe, "").unwrap();
    let root = std::os::unix::fs::MetadataExt::uid(&std::fs::metadata(&probe).unwrap()) == 0;
    std::fs::remove_file(&probe).unwrap();
    let mut command = if root {
        let mut command = assert_cmd::Command::new("setpriv");
        command.args(["--reuid=65534", "--regid=65534", "--clear-groups"]);
        command.arg(env!("CARGO_BIN_EXE_pacte"));
        command
    } else {
        assert_cmd::Command::new(env!("CARGO_BIN_EXE_pacte"))
    };
    command
        .args(args)
        .current_dir(env.root())
        .env("PACTE_DB", env.path("ro/catalogue.db"))
        .env("PACTE_NOW", crate::env::TODAY)
        .env("HOME", env.root());
    let output = command.output().ok()?;
    if root && output.status.code() == Some(127) {
        return None;
    }
    Some(crate::env::Output {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    })
}

fn write_protect(env: &TestEnv, wal: bool) -> bool {
    write_protect_after(env, wal, |_| {})
}

/// [`write_protect`], with a change made to the catalogue before it is
/// protected.
fn write_protect_after(env: &TestEnv, wal: bool, change: impl Fn(&Path)) -> bool {
    let sheets = env.examples();
    let db = env.path("ro/catalogue.db");
    env.run(&["--db", db.to_str().unwrap(), "import", &sheets])
        .expect(0);
    change(&db);
    if wal {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.pragma_update(None, "journal_mode", "wal").unwrap();
    }
    std::fs::set_permissions(env.root(), std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o444)).unwrap();
    std::fs::set_permissions(env.path("ro"), std::fs::Permissions::from_mode(0o555)).unwrap();
    // The set-up must really forbid writing, or the test proves nothing.
    match unprivileged(env, &["db", "path"]) {
        None => false,
        Some(_) => Path::new(&db).metadata().unwrap().permissions().mode() & 0o222 == 0,
    }
}

fn check_read_only(wal: bool) {
    let env = TestEnv::new();
    if !write_protect(&env, wal) {
        eprintln!("skipped: cannot run pacte as an unprivileged user here");
        return;
    }
    let before = std::fs::read(env.path("ro/catalogue.db")).unwrap();
    for args in [
        &["list", "--format", "ids"][..],
        &["show", "pacte-ess"],
        &["search", "emploi"],
        &["db", "info"],
        &["db", "check"],
    ] {
        let out = unprivileged(&env, args).unwrap();
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
        assert!(!out.stdout.is_empty(), "{args:?}");
    }
    let out = unprivileged(&env, &["db", "status"]).unwrap();
    assert_eq!(out.code, 0, "{}", out.stderr);
    let sheet = env.write("new.yaml", minimal_sheet("nouvelle"));
    let out = unprivileged(&env, &["import", &sheet]).unwrap();
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(out.stderr.matches("read-only").count(), 1, "{}", out.stderr);
    assert!(out.stderr.contains("reading commands"), "{}", out.stderr);
    let listing: Vec<_> = std::fs::read_dir(env.path("ro")).unwrap().collect();
    assert_eq!(listing.len(), 1, "side files appeared");
    assert_eq!(std::fs::read(env.path("ro/catalogue.db")).unwrap(), before);
}

#[test]
fn a_write_protected_catalogue_is_readable_and_refuses_writes_once() {
    check_read_only(false);
}

#[test]
fn a_write_protected_catalogue_left_in_wal_mode_is_readable_too() {
    check_read_only(true);
}

#[test]
fn a_write_protected_catalogue_with_an_index_another_analyzer_filled_is_searched_right() {
    for wal in [false, true] {
        let env = TestEnv::new();
        if !write_protect_after(&env, wal, crate::analyzer::make_stale) {
            eprintln!("skipped: cannot run pacte as an unprivileged user here");
            return;
        }
        let before = std::fs::read(env.path("ro/catalogue.db")).unwrap();
        let out = unprivileged(&env, &["search", "emplois", "--format", "ids"]).unwrap();
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(out.stdout.lines().count() >= 3, "{}", out.stdout);
        assert!(
            out.stderr.contains("another version of pacte"),
            "{}",
            out.stderr
        );
        let out = unprivileged(&env, &["search", "zzgarble", "--exact"]).unwrap();
        assert_eq!(out.stdout, "", "{}", out.stderr);
        assert_eq!(std::fs::read(env.path("ro/catalogue.db")).unwrap(), before);
        assert_eq!(std::fs::read_dir(env.path("ro")).unwrap().count(), 1);
    }
}

fn journal(db: &Path) -> std::path::PathBuf {
    std::path::PathBuf::from(format!("{}-journal", db.display()))
}

/// Leaves the catalogue as a writer that stopped half-way leaves it: pages
/// of an unfinished transaction in the file, their originals in a hot
/// journal beside it.
fn leave_half_written(db: &Path) {
    let scratch = db.with_extension("scratch");
    std::fs::copy(db, &scratch).unwrap();
    let conn = rusqlite::Connection::open(&scratch).unwrap();
    conn.execute_batch(
        "PRAGMA cache_size = 1; BEGIN;
         UPDATE sheets SET title = 'MOITIE ' || title;
         UPDATE sheet_bodies SET body = body || ' ';",
    )
    .unwrap();
    std::fs::copy(&scratch, db).unwrap();
    std::fs::copy(journal(&scratch), journal(db)).unwrap();
    conn.execute_batch("ROLLBACK").unwrap();
    drop(conn);
    std::fs::remove_file(&scratch).unwrap();
    // The file itself must really be half-written, or the test proves
    // nothing: read as it is, it shows the unfinished titles.
    let as_it_is = rusqlite::Connection::open_with_flags(
        format!("file:{}?immutable=1", db.display()),
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_URI,
    )
    .unwrap();
    let half: i64 = as_it_is
        .query_row(
            "SELECT count(*) FROM sheets WHERE title LIKE 'MOITIE%'",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert!(half > 0, "the set-up left no half-written page");
}

#[test]
fn a_journal_left_by_a_crash_is_rolled_back_before_reading() {
    let env = TestEnv::new();
    env.run(&["import", &env.examples()]).expect(0);
    let before = env.run(&["list", "--format", "tsv"]).expect(0).stdout;
    leave_half_written(&env.db());
    let out = env.run(&["list", "--format", "tsv"]).expect(0);
    assert_eq!(out.stdout, before);
    assert!(!journal(&env.db()).exists());
}

#[test]
fn a_write_protected_catalogue_left_half_written_is_refused_not_read() {
    let env = TestEnv::new();
    if !write_protect_after(&env, false, leave_half_written) {
        eprintln!("skipped: cannot run pacte as an unprivileged user here");
        return;
    }
    for args in [&["list", "--format", "ids"][..], &["search", "emploi"]] {
        let out = unprivileged(&env, args).unwrap();
        assert_eq!(out.code, 1, "{args:?}: {}", out.stderr);
        assert_eq!(out.stdout, "", "{args:?}");
        assert!(
            out.stderr.contains("left its journal")
                && out
                    .stderr
                    .contains(&env.path("ro/catalogue.db").display().to_string())
                && out.stderr.contains("where it may write"),
            "{}",
            out.stderr
        );
    }
    assert!(journal(&env.path("ro/catalogue.db")).exists());
}

#[test]
fn a_full_disk_says_which_disk_and_that_nothing_changed() {
    let env = TestEnv::new();
    let first = env.write("a.yaml", minimal_sheet("a"));
    env.run(&["import", &first]).expect(0);
    let before = env.dump();
    let many: String = (0..400)
        .map(|i| format!("---\n{}", minimal_sheet(&format!("s{i}"))))
        .collect();
    let file = env.write("many.yaml", many);
    let mut command = env.command(&["import", &file]);
    command.env("PACTE_TEST_MAX_PAGES", "40");
    let out = env.run_with(command, None).expect(1);
    assert!(out.stderr.contains("is full"), "{}", out.stderr);
    assert!(
        out.stderr.contains(&env.root().display().to_string()),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("nothing was changed"), "{}", out.stderr);
    assert_eq!(env.dump(), before);
}

#[test]
fn a_catalogue_held_by_another_program_names_it_after_waiting() {
    let env = TestEnv::new();
    let file = env.write("a.yaml", minimal_sheet("a"));
    env.run(&["import", &file]).expect(0);
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    conn.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let other = env.write("b.yaml", minimal_sheet("b"));
    let mut command = env.command(&["import", &other]);
    command.env("PACTE_TEST_BUSY_MS", "300");
    let out = env.run_with(command, None).expect(1);
    assert!(
        out.stderr.contains("another program holds the catalogue"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("try again"), "{}", out.stderr);
    conn.execute_batch("ROLLBACK").unwrap();
    drop(conn);
    env.run(&["import", &other]).expect(0);
}

#[test]
fn a_truncated_catalogue_is_reported_without_a_circular_hint() {
    let env = TestEnv::new();
    let sheets = env.examples();
    env.run(&["import", &sheets]).expect(0);
    let bytes = std::fs::read(env.db()).unwrap();
    std::fs::write(env.db(), &bytes[..bytes.len() / 2]).unwrap();
    let out = env.run(&["db", "check"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let all = format!("{}{}", out.stdout, out.stderr);
    assert!(!all.contains("db check"), "{all}");
    assert!(all.contains("pacte import"), "{all}");
}

#[test]
fn a_schema_version_changed_by_hand_is_explained() {
    for version in ["-3", "2"] {
        let env = TestEnv::new();
        let file = env.write("a.yaml", minimal_sheet("a"));
        env.run(&["import", &file]).expect(0);
        let conn = rusqlite::Connection::open(env.db()).unwrap();
        conn.execute_batch(&format!("PRAGMA user_version = {version}"))
            .unwrap();
        drop(conn);
        let out = env.run(&["import", &file]).expect(1);
        assert!(
            out.stderr.contains("changed by hand"),
            "{version}: {}",
            out.stderr
        );
        assert!(
            out.stderr.contains("restore the file"),
            "{version}: {}",
            out.stderr
        );
    }
}
