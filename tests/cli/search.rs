use crate::env::{TestEnv, minimal_sheet};

fn imported() -> TestEnv {
    let env = TestEnv::new();
    let sheets = env.examples();
    env.run(&["import", &sheets]).expect(0);
    env
}

pub fn ids(env: &TestEnv, args: &[&str]) -> Vec<String> {
    let mut full = vec!["search"];
    full.extend_from_slice(args);
    full.extend_from_slice(&["--format", "ids"]);
    env.run(&full)
        .expect(0)
        .lines()
        .iter()
        .map(|s| (*s).to_owned())
        .collect()
}

#[test]
fn accents_case_and_plurals_are_ignored() {
    let env = imported();
    assert_eq!(
        ids(&env, &["economie sociale"]),
        ids(&env, &["ÉCONOMIE SOCIALES"])
    );
    assert!(ids(&env, &["economie", "sociale"]).contains(&"pacte-ess".to_owned()));
    let singular = ids(&env, &["formation"]);
    assert_eq!(singular, ids(&env, &["formations"]));
    assert!(
        singular.contains(&"club-rh-associations".to_owned()),
        "{singular:?}"
    );
    assert_eq!(ids(&env, &["solidaires"]), ids(&env, &["solidaire"]));
}

#[test]
fn each_query_form() {
    let env = imported();
    let cases: &[(&str, &[&str])] = &[
        ("\"clauses sociales\"", &["facilitateur-clauses-sud-alsace"]),
        ("garage handicap", &[]),
        ("mobilité handicap", &["pacte-ess"]),
        (
            "garage OR recyclerie",
            &["garage-solidaire-doubs", "recyclerie-formation"],
        ),
        (
            "réseau -recyclerie",
            &["club-rh-associations", "couveuse-quartiers-saint-denis"],
        ),
        ("réseau alsace -recyclerie", &["club-rh-associations"]),
        ("recycl*", &["recyclerie-formation"]),
        ("Varna Bulgarie", &["pacte-ess"]),
        ("introuvable", &[]),
    ];
    for (query, expected) in cases {
        let mut found = ids(&env, &[query, "--exact"]);
        found.sort();
        assert_eq!(found, *expected, "{query}");
    }
}

#[test]
fn a_title_match_outranks_a_body_match() {
    let env = TestEnv::new();
    let body = minimal_sheet("dans-le-texte")
        .replace("Une action de test.", "On y parle de couveuse en passant.");
    let title = minimal_sheet("dans-le-titre")
        .replace("title: Action dans-le-titre", "title: Couveuse d'activités");
    env.write("a.yaml", format!("{body}---\n{title}"));
    env.run(&["import", &env.path("a.yaml").display().to_string()])
        .expect(0);
    assert_eq!(
        ids(&env, &["couveuse"]),
        vec!["dans-le-titre", "dans-le-texte"]
    );
    let out = env
        .run(&["search", "couveuse", "--format", "json"])
        .expect(0);
    let hits: Vec<serde_json::Value> = serde_json::from_str(&out.stdout).unwrap();
    assert!(hits[0]["score"].as_f64().unwrap() > hits[1]["score"].as_f64().unwrap());
}

#[test]
fn snippets_mark_the_matched_words() {
    let env = imported();
    let out = env.run(&["search", "Varna", "--format", "json"]).expect(0);
    let hits: Vec<serde_json::Value> = serde_json::from_str(&out.stdout).unwrap();
    let snippet = hits[0]["snippet"].as_str().unwrap();
    // JSON gives the plain snippet and where the hits are, in characters.
    let chars: Vec<char> = snippet.chars().collect();
    let [start, end] =
        [0, 1].map(|i| usize::try_from(hits[0]["hits"][0][i].as_u64().unwrap()).unwrap());
    assert_eq!(chars[start..end].iter().collect::<String>(), "Varna");
    assert!(
        snippet.starts_with('…') && snippet.ends_with('…'),
        "{snippet}"
    );
    assert!(snippet.split_whitespace().count() <= 20, "{snippet}");
    let out = env.run(&["search", "formations"]).expect(0);
    assert!(out.stdout.contains("**formation**"), "{}", out.stdout);
}

#[test]
fn filters_narrow_a_search() {
    let env = imported();
    let all = ids(&env, &["insertion"]);
    assert!(all.len() >= 3, "{all:?}");
    assert_eq!(
        ids(&env, &["insertion", "--status", "finished"]),
        vec!["pacte-ess"]
    );
    assert_eq!(
        ids(&env, &["insertion", "--department", "67"]),
        vec!["recyclerie-formation"]
    );
    assert_eq!(ids(&env, &["insertion", "--limit", "1"]).len(), 1);
}

#[test]
fn malformed_queries_are_usage_errors() {
    let env = imported();
    for (query, message) in [
        ("\"clause sociale", "never closed"),
        ("ess OR", "`OR` needs a word on each side"),
        ("...", "no word"),
    ] {
        let out = env.run(&["search", query]).expect(2);
        assert!(out.stderr.contains(message), "{query}: {}", out.stderr);
        assert!(
            !out.stderr.contains("fts5"),
            "raw SQLite error: {}",
            out.stderr
        );
    }
    let out = env.run(&["search", "--", "-ess"]).expect(2);
    assert!(
        out.stderr.contains("at least one word to find"),
        "{}",
        out.stderr
    );
}

#[test]
fn formats_parse_back() {
    let env = imported();
    let out = env.run(&["search", "emploi", "--format", "csv"]).expect(0);
    let mut reader = csv::Reader::from_reader(out.stdout.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        ["id", "title", "status", "snippet"]
    );
    assert!(reader.records().count() > 3);
    let out = env
        .run(&["search", "emploi", "--format", "jsonl"])
        .expect(0);
    for line in out.lines() {
        let hit: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(!hit["hits"].as_array().unwrap().is_empty(), "{line}");
    }
}

#[test]
fn an_older_database_gets_its_index_on_first_use() {
    let env = imported();
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    conn.execute_batch("DROP TABLE catalogue_meta; DROP TABLE sheet_search; DROP TABLE source_files; DROP INDEX sheets_source; DROP INDEX sheets_path; ALTER TABLE sheets DROP COLUMN path; PRAGMA user_version = 1;")
        .unwrap();
    drop(conn);
    assert_eq!(ids(&env, &["Varna"]), vec!["pacte-ess"]);
    // Sections the first index left out are searched after the upgrade.
    assert_eq!(ids(&env, &["Faivre"]), vec!["pacte-ess"]);
    let out = env.run(&["db", "info", "--format", "json"]).expect(0);
    let info: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(info["schema_version"], pacte::store::latest_version());
}

#[test]
fn updated_sheets_are_found_by_their_new_words_only() {
    let env = TestEnv::new();
    let file = env.write(
        "a.yaml",
        minimal_sheet("a").replace("Une action de test.", "Ancien texte sur les abeilles."),
    );
    env.run(&["import", &file]).expect(0);
    assert_eq!(ids(&env, &["abeilles"]), vec!["a"]);
    env.write(
        "a.yaml",
        minimal_sheet("a").replace("Une action de test.", "Nouveau texte sur les jardins."),
    );
    env.run(&["import", &file]).expect(0);
    assert!(ids(&env, &["abeilles"]).is_empty());
    assert_eq!(ids(&env, &["jardin"]), vec!["a"]);
}

#[test]
fn transfer_contacts_and_term_labels_are_searched() {
    let env = imported();
    for query in [
        "hôtellerie-restauration",
        "Faivre",
        "chargée de mission",
        "assiduité des stagiaires",
    ] {
        assert_eq!(ids(&env, &[query])[0], "pacte-ess", "{query}");
        assert_eq!(ids(&env, &[query, "--exact"]), vec!["pacte-ess"], "{query}");
    }
    // The label of the public `habitants-qpv`, written nowhere in the text.
    assert!(ids(&env, &["QPV"]).contains(&"couveuse-quartiers-saint-denis".to_owned()));
}

#[test]
fn decomposed_accents_match_composed_ones_both_ways() {
    let env = TestEnv::new();
    let sheet = minimal_sheet("nfd").replace(
        "Une action de test.",
        "Des re\u{301}fugie\u{301}s apprennent la cuisine.",
    );
    env.write("a.yaml", sheet);
    env.run(&["import", &env.path("a.yaml").display().to_string()])
        .expect(0);
    assert_eq!(ids(&env, &["réfugiés"]), vec!["nfd"]);
    assert_eq!(ids(&env, &["re\u{301}fugie\u{301}s"]), vec!["nfd"]);
    assert_eq!(ids(&env, &["refugies"]), vec!["nfd"]);
}

#[test]
fn a_catalogue_with_the_three_column_index_is_reindexed() {
    let env = imported();
    // The index as it was before the migration that widened it (the
    // fifth): title, objectives and body only.
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    conn.execute_batch(
        "DROP TABLE catalogue_meta; DROP TABLE sheet_search_terms; DROP TABLE sheet_search;
         CREATE VIRTUAL TABLE sheet_search USING fts5 (title, objectives, body,
             content = '', contentless_delete = 1, tokenize = 'ascii');",
    )
    .unwrap();
    conn.pragma_update(None, "user_version", 4).unwrap();
    drop(conn);
    assert_eq!(ids(&env, &["Faivre", "--exact"]), vec!["pacte-ess"]);
    assert_eq!(ids(&env, &["hôtellerie", "--exact"]), vec!["pacte-ess"]);
}

#[test]
fn hits_land_on_the_matched_words_when_a_sheet_uses_markdown_bold() {
    let env = imported();
    let out = env
        .run(&["search", "formation", "--format", "json"])
        .expect(0);
    let hits: Vec<serde_json::Value> = serde_json::from_str(&out.stdout).unwrap();
    assert!(!hits.is_empty());
    for hit in &hits {
        let snippet: Vec<char> = hit["snippet"].as_str().unwrap().chars().collect();
        let id = &hit["id"];
        // The reader sees the words, never the Markdown marks.
        assert!(!snippet.contains(&'*'), "{id}: {snippet:?}");
        for pair in hit["hits"].as_array().unwrap() {
            let (start, end) = (
                usize::try_from(pair[0].as_u64().unwrap()).unwrap(),
                usize::try_from(pair[1].as_u64().unwrap()).unwrap(),
            );
            let word: String = snippet[start..end].iter().collect();
            assert!(
                word.to_lowercase().starts_with("formation"),
                "{id}: a hit on {word:?}"
            );
        }
    }
    let ess = hits.iter().find(|h| h["id"] == "pacte-ess").unwrap();
    assert!(!ess["hits"].as_array().unwrap().is_empty(), "{ess}");
}
