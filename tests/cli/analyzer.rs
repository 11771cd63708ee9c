//! A search index filled by another version of the analyzer: the next
//! command that writes rebuilds it by itself, and a reading command still
//! finds what a rebuilt index would, without touching the file.

use std::path::Path;

use crate::env::TestEnv;
use crate::search::ids;

fn imported() -> TestEnv {
    let env = TestEnv::new();
    let sheets = env.examples();
    env.run(&["import", &sheets]).expect(0);
    env
}

/// Makes the catalogue look filled by another analyzer: another
/// fingerprint, and an index whose words are not the sheets' (each sheet
/// indexed under one word of nonsense).
pub fn make_stale(db: &Path) {
    let conn = rusqlite::Connection::open(db).unwrap();
    let changed = conn
        .execute(
            "UPDATE catalogue_meta SET value = 'an older analyzer' WHERE key = 'analyzer'",
            [],
        )
        .unwrap();
    assert_eq!(changed, 1, "the catalogue stores no analyzer fingerprint");
    conn.execute_batch(
        "DELETE FROM sheet_search;
         INSERT INTO sheet_search (rowid, title, objectives, terms, body, people)
             SELECT rowid, 'zzgarble', '', '', '', '' FROM sheets;",
    )
    .unwrap();
}

fn stored_fingerprint(env: &TestEnv) -> String {
    rusqlite::Connection::open(env.db())
        .unwrap()
        .query_row(
            "SELECT value FROM catalogue_meta WHERE key = 'analyzer'",
            [],
            |row| row.get(0),
        )
        .unwrap()
}

#[test]
fn the_next_write_rebuilds_an_index_another_analyzer_filled() {
    let env = imported();
    let emplois = ids(&env, &["emplois", "--exact"]);
    assert!(emplois.len() >= 3, "{emplois:?}");
    let fingerprint = stored_fingerprint(&env);
    make_stale(&env.db());
    // Re-importing unchanged files writes no sheet, but the catalogue is
    // opened for writing: that is when the index is rebuilt.
    let out = env.run(&["import", &env.path("sheets").display().to_string()]);
    let out = out.expect(0);
    assert!(
        out.stderr.contains(
            "the search index was made by another version of pacte: rebuilt it for 11 sheets"
        ),
        "{}",
        out.stderr
    );
    assert_eq!(stored_fingerprint(&env), fingerprint);
    assert_eq!(ids(&env, &["emplois", "--exact"]), emplois);
    assert_eq!(ids(&env, &["zzgarble", "--exact"]), Vec::<String>::new());
    // Once is enough.
    let out = env.run(&["db", "vacuum"]).expect(0);
    assert!(!out.stderr.contains("rebuilt"), "{}", out.stderr);
}

#[test]
fn a_search_on_a_stale_index_finds_what_a_rebuilt_one_would_and_leaves_the_file() {
    let env = imported();
    let emplois = ids(&env, &["emplois", "--exact"]);
    let planned = env.run(&["search", "formation"]).expect(0).stdout;
    let related = env.run(&["related", "pacte-ess"]).expect(0).stdout;
    make_stale(&env.db());
    let before = std::fs::read(env.db()).unwrap();

    assert_eq!(ids(&env, &["emplois", "--exact"]), emplois);
    assert_eq!(ids(&env, &["zzgarble", "--exact"]), Vec::<String>::new());
    let out = env.run(&["search", "formation"]).expect(0);
    assert_eq!(out.stdout, planned);
    assert!(
        out.stderr.contains("made by another version of pacte")
            && out.stderr.contains("`pacte db vacuum`"),
        "{}",
        out.stderr
    );
    let out = env.run(&["related", "pacte-ess"]).expect(0);
    assert_eq!(out.stdout, related);
    // Commands that do not search say nothing of the index.
    let out = env.run(&["list"]).expect(0);
    assert!(!out.stderr.contains("index"), "{}", out.stderr);
    assert_eq!(std::fs::read(env.db()).unwrap(), before, "reading wrote");

    env.run(&["db", "vacuum"]).expect(0);
    let out = env.run(&["search", "formation"]).expect(0);
    assert_eq!(out.stdout, planned);
    assert!(!out.stderr.contains("index"), "{}", out.stderr);
}

#[test]
fn a_catalogue_from_before_the_fingerprint_is_indexed_once_on_upgrade() {
    let env = imported();
    let emplois = ids(&env, &["emplois", "--exact"]);
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    conn.execute_batch("DROP TABLE catalogue_meta; DELETE FROM sheet_search;")
        .unwrap();
    conn.pragma_update(None, "user_version", pacte::store::latest_version() - 1)
        .unwrap();
    drop(conn);
    // A reading command upgrades the schema (a write), which fills the
    // index with this analyzer.
    assert_eq!(ids(&env, &["emplois", "--exact"]), emplois);
    let out = env.run(&["search", "emplois"]).expect(0);
    assert!(!out.stderr.contains("index"), "{}", out.stderr);
}
