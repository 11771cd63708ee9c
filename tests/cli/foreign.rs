//! Catalogues from elsewhere: schema objects pacte did not create are
//! reported by `db check` and stop every writing command.

use crate::env::{TestEnv, minimal_sheet};

fn planted(sql: &str) -> TestEnv {
    let env = TestEnv::new();
    env.write("sheets/a.yaml", minimal_sheet("a"));
    env.run(&["import", "sheets"]).expect(0);
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    conn.execute_batch(sql).unwrap();
    env
}

#[test]
fn a_foreign_trigger_is_reported_and_never_runs() {
    let env = planted(
        "CREATE TRIGGER evil AFTER INSERT ON sheets \
         BEGIN UPDATE sheets SET title = 'pwned'; END;",
    );
    let out = env.run(&["db", "check"]).expect(1);
    let said = format!("{}{}", out.stdout, out.stderr);
    assert!(said.contains("trigger") && said.contains("evil"), "{said}");
    env.write("sheets/b.yaml", minimal_sheet("b"));
    let out = env.run(&["import", "sheets"]).expect(1);
    assert!(out.stderr.contains("did not create"), "{}", out.stderr);
    assert!(out.stderr.contains("evil"), "{}", out.stderr);
    let out = env.run(&["list", "--format", "tsv"]).expect(0);
    assert!(!out.stdout.contains("pwned"));
    assert_eq!(env.sheet_count(), 1, "nothing was imported");
}

#[test]
fn foreign_views_indexes_and_tables_are_reported() {
    for (sql, name) in [
        ("CREATE VIEW spy AS SELECT * FROM sheets;", "spy"),
        ("CREATE INDEX odd ON sheets (title);", "odd"),
        ("CREATE TABLE notes (x TEXT);", "notes"),
    ] {
        let env = planted(sql);
        let out = env.run(&["db", "check"]).expect(1);
        let said = format!("{}{}", out.stdout, out.stderr);
        assert!(said.contains(name), "{said}");
        let out = env.run(&["remove", "a"]).expect(1);
        assert!(out.stderr.contains(name), "{}", out.stderr);
    }
}

#[test]
fn pactes_own_catalogue_is_sound() {
    let env = TestEnv::new();
    env.write("sheets/a.yaml", minimal_sheet("a"));
    env.run(&["import", "sheets"]).expect(0);
    env.run(&["db", "check"]).expect(0);
    env.run(&["db", "vacuum"]).expect(0);
    env.run(&["db", "check"]).expect(0);
}
