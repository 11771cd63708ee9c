//! The database file: shared between processes, refused when foreign,
//! damaged or newer, never modified by a refusal or by a reading command.

use crate::env::{TestEnv, minimal_sheet};

fn many(prefix: &str, count: usize) -> String {
    (0..count)
        .map(|i| format!("{}---\n", minimal_sheet(&format!("{prefix}-{i}"))))
        .collect()
}

#[test]
fn two_imports_at_once_both_land() {
    let env = TestEnv::new();
    let a = env.write("a.yaml", many("a", 300));
    let b = env.write("b.yaml", many("b", 300));
    env.import_concurrently(&[&a, &b]);
    assert_eq!(env.sheet_count(), 600);
}

#[test]
fn a_foreign_sqlite_file_is_refused_and_left_alone() {
    let env = TestEnv::new();
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    conn.execute_batch("CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES ('mine');")
        .unwrap();
    drop(conn);
    let before = std::fs::read(env.db()).unwrap();
    let file = env.write("a.yaml", minimal_sheet("a"));
    let out = env.run(&["import", &file]).expect(1);
    assert!(
        out.stderr.contains("not a pacte database"),
        "{}",
        out.stderr
    );
    let out = env.run(&["list"]).expect(1);
    assert!(
        out.stderr.contains("not a pacte database"),
        "{}",
        out.stderr
    );
    assert_eq!(std::fs::read(env.db()).unwrap(), before);
}

#[test]
fn a_file_that_is_not_a_database_is_refused_and_left_alone() {
    let env = TestEnv::new();
    let garbage = "ceci n'est pas une base de données\n".repeat(200);
    std::fs::write(env.db(), &garbage).unwrap();
    let file = env.write("a.yaml", minimal_sheet("a"));
    for args in [
        vec!["import", file.as_str()],
        vec!["list"],
        vec!["show", "a"],
        vec!["db", "info"],
    ] {
        let out = env.run(&args).expect(1);
        assert!(
            out.stderr
                .contains("not a SQLite database, or it is damaged"),
            "{args:?}: {}",
            out.stderr
        );
    }
    assert_eq!(std::fs::read_to_string(env.db()).unwrap(), garbage);
}

#[test]
fn a_database_from_a_newer_pacte_is_refused_and_left_alone() {
    let env = TestEnv::new();
    let file = env.write("a.yaml", minimal_sheet("a"));
    env.run(&["import", &file]).expect(0);
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    conn.pragma_update(None, "journal_mode", "delete").unwrap();
    drop(conn);
    let before = std::fs::read(env.db()).unwrap();
    for args in [vec!["import", file.as_str()], vec!["list"]] {
        let out = env.run(&args).expect(1);
        assert!(
            out.stderr.contains("written by a newer pacte (schema 99"),
            "{}",
            out.stderr
        );
    }
    assert_eq!(std::fs::read(env.db()).unwrap(), before);
}

#[test]
fn reading_commands_never_write() {
    let env = TestEnv::new();
    let sheets = env.examples();
    env.run(&["import", &sheets]).expect(0);
    // Fold the write-ahead log into the file so that any later write shows.
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    conn.pragma_update(None, "wal_checkpoint", "TRUNCATE")
        .unwrap();
    drop(conn);
    let before = std::fs::read(env.db()).unwrap();
    env.run(&["list", "--theme", "ess"]).expect(0);
    env.run(&["show", "pacte-ess"]).expect(0);
    env.run(&["db", "info"]).expect(0);
    env.run(&["db", "check"]).expect(0);
    assert_eq!(std::fs::read(env.db()).unwrap(), before);
    let wal = env.path("catalogue.db-wal");
    assert!(!wal.exists() || std::fs::metadata(&wal).unwrap().len() == 0);
}

#[test]
fn db_info_reports_the_figures() {
    let env = TestEnv::new();
    let sheets = env.examples();
    env.run(&["import", &sheets]).expect(0);
    let out = env.run(&["db", "info", "--format", "json"]).expect(0);
    let info: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(info["sheets"], 11);
    assert_eq!(info["schema_version"], pacte::store::latest_version());
    assert_eq!(info["path"], env.db().display().to_string());
    assert!(info["size_bytes"].as_i64().unwrap() > 4096);
    assert!(info["last_import"].as_str().unwrap().starts_with("20"));
    let text = env.run(&["db", "info"]).expect(0).stdout;
    assert!(text.contains("sheets: 11\n"), "{text}");
}

#[test]
fn db_path_follows_the_options() {
    let env = TestEnv::new();
    let out = env.run(&["db", "path"]).expect(0);
    assert_eq!(out.stdout.trim_end(), env.db().display().to_string());
    let out = env.run(&["--db", "elsewhere.db", "db", "path"]).expect(0);
    assert_eq!(out.stdout, "elsewhere.db\n");
    assert!(!env.db().exists(), "db path must not create the database");
}

#[test]
fn db_check_finds_damage() {
    let env = TestEnv::new();
    let file = env.write("many.yaml", many("s", 400));
    env.run(&["import", &file]).expect(0);
    env.run(&["db", "vacuum"]).expect(0);
    let out = env.run(&["db", "check"]).expect(0);
    assert_eq!(out.stdout, "ok\n");
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    conn.pragma_update(None, "wal_checkpoint", "TRUNCATE")
        .unwrap();
    drop(conn);
    // Scribble over the first page of the sheets table (its root), which
    // every listing reads.
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    let root: i64 = conn
        .query_row(
            "SELECT rootpage FROM sqlite_schema WHERE name = 'sheets'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let page_size: i64 = conn
        .query_row("PRAGMA page_size", [], |r| r.get(0))
        .unwrap();
    drop(conn);
    let mut bytes = std::fs::read(env.db()).unwrap();
    let start = usize::try_from((root - 1) * page_size).unwrap();
    for byte in &mut bytes[start..start + usize::try_from(page_size).unwrap()] {
        *byte = 0x5a;
    }
    std::fs::write(env.db(), bytes).unwrap();
    let out = env.run(&["db", "check"]).expect(1);
    assert!(!out.stdout.is_empty(), "no problem listed");
    assert!(
        out.stderr.contains("the database is damaged"),
        "{}",
        out.stderr
    );
    let out = env.run(&["list"]).expect(1);
    assert!(
        out.stderr.contains("`pacte db check` shows where"),
        "{}",
        out.stderr
    );
}
