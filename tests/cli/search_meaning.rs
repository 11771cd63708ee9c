//! What readers mean when the catalogue says it otherwise: everyday words
//! the sheets never use, typo correction that leaves French alone, short
//! words and their plurals, on the sample catalogue.

use crate::env::TestEnv;
use crate::search::ids;

fn examples() -> TestEnv {
    let env = TestEnv::new();
    let sheets = env.examples();
    env.run(&["import", &sheets]).expect(0);
    env
}

#[test]
fn everyday_words_reach_the_sheets_that_use_the_field_s_words() {
    let env = examples();
    for (query, wanted) in [
        ("curriculum vitae", "atelier-cv-numerique"),
        ("quinquagénaires", "job-dating-seniors"),
        ("banlieue", "couveuse-quartiers-saint-denis"),
        ("usine", "revitalisation-textile-vosges"),
        ("auto-entrepreneur", "couveuse-quartiers-saint-denis"),
    ] {
        let found = ids(&env, &[query]);
        assert!(found.contains(&wanted.to_owned()), "{query}: {found:?}");
        assert!(ids(&env, &["--exact", query]).is_empty(), "{query}");
    }
}

#[test]
fn french_words_are_never_corrected() {
    let env = examples();
    for word in ["usine", "ménage", "auto-entrepreneur"] {
        let out = env.run(&["search", "--format", "ids", word]).expect(0);
        assert!(
            !out.stderr.contains("results for"),
            "{word}: {}",
            out.stderr
        );
    }
    // `usine` is not bent into the project name BUSIN, nor `ménage` into
    // `aménagements`.
    assert!(!ids(&env, &["ménage"]).contains(&"maintien-emploi-handicap-corse".to_owned()));
    assert_eq!(ids(&env, &["usine"]), vec!["revitalisation-textile-vosges"]);
}

#[test]
fn a_rare_word_is_searched_beside_its_frequent_correction() {
    let env = TestEnv::new();
    let mut yaml = String::new();
    for (id, text) in [
        ("typo", "Un acompagnement vers l'emploi."),
        ("a", "Un accompagnement des jeunes."),
        ("b", "Un accompagnement des seniors."),
        ("c", "Un accompagnement des femmes."),
    ] {
        yaml.push_str(&format!(
            "---\n{}",
            crate::env::minimal_sheet(id).replace("Une action de test.", text)
        ));
    }
    env.write("s.yaml", yaml);
    env.run(&["import", &env.path("s.yaml").display().to_string()])
        .expect(0);
    let out = env
        .run(&["search", "--format", "ids", "acompagnement"])
        .expect(0);
    let mut found = out.lines();
    assert_eq!(found[0], "typo", "the literal match ranks first");
    found.sort_unstable();
    assert_eq!(found, vec!["a", "b", "c", "typo"]);
    assert!(
        out.stderr.contains("also showing results for"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_short_word_finds_its_plural_and_the_plural_its_singular() {
    let env = examples();
    let singular = ids(&env, &["--exact", "emploi"]);
    assert!(singular.len() >= 5, "{singular:?}");
    assert_eq!(ids(&env, &["--exact", "emplois"]), singular);
}

#[test]
fn json_says_which_words_were_added_and_why() {
    let env = examples();
    let out = env
        .run(&["search", "--format", "json", "banlieue"])
        .expect(0);
    let hits: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(hits[0]["id"], "couveuse-quartiers-saint-denis");
    let added = &hits[0]["added_words"][0];
    assert_eq!(added["for"], "banlieue");
    assert_eq!(added["because"], "thesaurus");
    assert_eq!(
        added["from"][0],
        "quartier prioritaire de la politique de la ville"
    );
    assert!(
        added["words"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w == "QPV"),
        "{added}"
    );
    // A literal match adds nothing.
    let out = env
        .run(&["search", "--format", "json", "couveuse"])
        .expect(0);
    let hits: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(hits[0]["id"], "couveuse-quartiers-saint-denis");
    assert!(hits[0].get("added_words").is_none(), "{}", hits[0]);
}

#[test]
fn a_word_no_sheet_holds_reaches_sheets_through_the_words_of_the_first_hits() {
    let env = TestEnv::new();
    let mut yaml = String::new();
    for (id, title, text) in [
        (
            "seed",
            "Prêt de vélos et de trottinettes",
            "Pour aller au travail.",
        ),
        (
            "near",
            "Atelier de réparation de trottinettes",
            "Un atelier associatif.",
        ),
        ("other", "Cuisine", "Rien à voir."),
        ("more", "Une laverie", "Rien à voir non plus."),
    ] {
        yaml.push_str(&format!(
            "---\n{}",
            crate::env::minimal_sheet(id)
                .replace(&format!("title: Action {id}"), &format!("title: {title}"))
                .replace("Une action de test.", text)
        ));
    }
    env.write("s.yaml", yaml);
    env.run(&["import", &env.path("s.yaml").display().to_string()])
        .expect(0);
    // No sheet holds `gyropodes`: `vélos` finds the seed, whose words
    // (`trottinettes`) find the other sheet, listed after it.
    let out = env
        .run(&["search", "--format", "json", "vélos gyropodes"])
        .expect(0);
    let hits: Vec<serde_json::Value> = serde_json::from_str(&out.stdout).unwrap();
    let ids: Vec<&str> = hits.iter().map(|h| h["id"].as_str().unwrap()).collect();
    assert_eq!(ids, vec!["seed", "near"], "{}", out.stdout);
    let added = &hits[1]["added_words"][0];
    assert_eq!(added["because"], "association");
    assert_eq!(added["from"][0], "seed");
    assert!(
        added["words"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w == "trottinettes"),
        "{added}"
    );
}

#[test]
fn question_words_do_not_decide_the_ranking() {
    let env = TestEnv::new();
    let mut yaml = String::new();
    for (id, title, text) in [
        ("comment", "Comment faire", "Un guide pour tout faire."),
        (
            "sujet",
            "Logement des saisonniers",
            "Des logements pour les saisonniers.",
        ),
    ] {
        yaml.push_str(&format!(
            "---\n{}",
            crate::env::minimal_sheet(id)
                .replace(&format!("title: Action {id}"), &format!("title: {title}"))
                .replace("Une action de test.", text)
        ));
    }
    env.write("s.yaml", yaml);
    env.run(&["import", &env.path("s.yaml").display().to_string()])
        .expect(0);
    let found = ids(&env, &["comment faire pour loger les saisonniers"]);
    assert_eq!(found[0], "sujet", "{found:?}");
    assert!(!found.contains(&"comment".to_owned()), "{found:?}");
    // Alone, a question word is still searched.
    assert_eq!(ids(&env, &["comment"]), vec!["comment"]);
}
