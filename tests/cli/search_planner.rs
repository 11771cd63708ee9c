//! The search planner: thesaurus expansion, typo correction, the any-word
//! completion of long questions, and `--exact` turning them off.

use crate::env::{TestEnv, minimal_sheet};
use crate::search::ids;

fn catalogue(sheets: &[(&str, &str, &str)]) -> TestEnv {
    let env = TestEnv::new();
    let mut yaml = String::new();
    for (id, title, description) in sheets {
        yaml.push_str(&format!(
            "---\n{}",
            minimal_sheet(id)
                .replace(&format!("title: Action {id}"), &format!("title: {title}"))
                .replace("Une action de test.", description)
        ));
    }
    env.write("sheets.yaml", yaml);
    env.run(&["import", &env.path("sheets.yaml").display().to_string()])
        .expect(0);
    env
}

#[test]
fn acronyms_find_long_forms_with_the_literal_term_first() {
    let env = catalogue(&[
        (
            "long",
            "Cofinancé par le Fonds social européen",
            "Un chantier.",
        ),
        ("sigle", "Un atelier", "Financé par le FSE."),
        ("ailleurs", "Un garage", "Rien à voir."),
    ]);
    assert_eq!(ids(&env, &["FSE"]), vec!["sigle", "long"]);
    assert_eq!(ids(&env, &["fonds social européen"]), vec!["long", "sigle"]);
    assert_eq!(ids(&env, &["FSE", "--exact"]), vec!["sigle"]);
}

#[test]
fn former_names_and_catalogue_entries_expand_too() {
    let env = catalogue(&[
        ("ancien", "Job dating", "Organisé avec Pôle emploi."),
        ("nouveau", "Recrutement", "Organisé avec France Travail."),
        (
            "local",
            "Mobilité",
            "Avec la plateforme de mobilité du bassin.",
        ),
    ]);
    assert_eq!(ids(&env, &["france travail"]), vec!["nouveau", "ancien"]);
    let vocab = env.write(
        "vocabulary.yaml",
        "thesaurus:\n  - {name: plateforme de mobilité, also: [PFM]}\n",
    );
    assert!(ids(&env, &["PFM"]).is_empty());
    assert_eq!(ids(&env, &["--vocab", &vocab, "PFM"]), vec!["local"]);
}

#[test]
fn a_typo_is_corrected_from_the_index_and_said_on_stderr() {
    let env = catalogue(&[
        (
            "a",
            "Accompagnement des créateurs",
            "Un accompagnement renforcé.",
        ),
        ("b", "Recyclerie solidaire", "Une recyclerie."),
    ]);
    let out = env
        .run(&["search", "--format", "ids", "acompagnement"])
        .expect(0);
    assert_eq!(out.lines(), vec!["a"]);
    assert!(
        out.stderr
            .contains("showing results for \"accompagnement\""),
        "{}",
        out.stderr
    );
    let out = env
        .run(&["search", "--format", "json", "recyclrie"])
        .expect(0);
    let hits: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(hits[0]["id"], "b");
    assert_eq!(hits[0]["showing_results_for"], "recyclerie");
    assert!(!hits[0]["hits"].as_array().unwrap().is_empty(), "{hits}");
    let out = env
        .run(&["search", "--format", "ids", "--exact", "recyclrie"])
        .expect(0);
    assert!(out.stdout.is_empty() && !out.stderr.contains("showing"));
}

#[test]
fn a_correct_query_is_not_corrected() {
    let env = catalogue(&[("a", "Recyclerie", "Une recyclerie.")]);
    let out = env
        .run(&["search", "--format", "json", "recyclerie"])
        .expect(0);
    assert!(!out.stdout.contains("showing_results_for"));
    assert!(!out.stderr.contains("showing"));
}

#[test]
fn long_questions_fall_back_to_any_word_all_words_first() {
    let env = catalogue(&[
        (
            "permis",
            "Passer le permis",
            "Des jeunes sans permis de conduire.",
        ),
        (
            "stage",
            "Trouver un stage",
            "Des stages en entreprise pour les jeunes.",
        ),
        ("tout", "Permis et stage", "Le permis pour aller en stage."),
        ("autre", "Cuisine", "Rien à voir."),
    ]);
    let question = "comment trouver un stage quand on n'a pas le permis";
    let found = ids(&env, &[question]);
    assert_eq!(found.len(), 3, "{found:?}");
    assert!(!found.contains(&"autre".to_owned()));
    assert!(ids(&env, &["--exact", question]).is_empty());
    let out = env.run(&["search", "--format", "ids", question]).expect(0);
    assert!(
        out.stderr.contains("sheets holding some of them follow"),
        "{}",
        out.stderr
    );
    // The sheet holding every word comes first, then the others.
    let few = "le permis pour un stage";
    assert_eq!(ids(&env, &["--exact", few]), vec!["tout"]);
    assert_eq!(ids(&env, &[few])[0], "tout");
    let out = env.run(&["search", "--format", "jsonl", few]).expect(0);
    let flags: Vec<bool> = out
        .lines()
        .iter()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["any_word"] == true)
        .collect();
    assert_eq!(flags, vec![false, true, true]);
}

#[test]
fn a_typo_in_the_first_letter_is_corrected_too() {
    let env = catalogue(&[("a", "Covoiturage", "Du covoiturage entre voisins.")]);
    assert_eq!(ids(&env, &["xovoiturage"]), vec!["a"]);
}

#[test]
fn a_thesaurus_entry_joining_two_entries_is_refused() {
    let env = catalogue(&[("a", "Un garage", "Rien.")]);
    let vocab = env.write(
        "vocabulary.yaml",
        "thesaurus:\n  - {name: FSE, also: [DREETS]}\n",
    );
    let out = env.run(&["--vocab", &vocab, "search", "garage"]).expect(1);
    assert!(out.stderr.contains("names both"), "{}", out.stderr);
    assert!(out.stderr.contains("vocabulary.yaml"), "{}", out.stderr);
}
