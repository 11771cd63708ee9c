use crate::env::TestEnv;

fn imported() -> TestEnv {
    let env = TestEnv::new();
    let sheets = env.examples();
    env.run(&["import", &sheets]).expect(0);
    env
}

#[test]
fn the_reference_sheet_shows_contacts_budget_and_transfer() {
    let env = imported();
    let out = env.run(&["show", "pacte-ess"]).expect(0);
    let text = &out.stdout;
    for expected in [
        "PRÉSENTATION GÉNÉRALE",
        "Statut de l'action : Action terminée, reproductible",
        "Période : 2012 – 2014",
        "Florence Faivre — Directrice",
        "direction@mefthurdoller.fr",
        "Samira Homrani — Chargée de mission GPTEC",
        "formation@mefthurdoller.fr",
        "Budget : 153\u{202f}000 €",
        "dont FSE : 47\u{202f}000 €",
        "dont État / CPO et appel à projets GPTEC : 102\u{202f}000 €",
        "dont Collectivités locales : 4\u{202f}000 €",
        "Ressources humaines : 1,7 ETP",
        "Facteurs de réussite :",
        "Difficultés rencontrées :",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
}

#[test]
fn sections_follow_the_catalogue_order_and_empty_ones_are_left_out() {
    let env = imported();
    let text = env.run(&["show", "pacte-ess"]).expect(0).stdout;
    let order = [
        "PRÉSENTATION GÉNÉRALE",
        "THÈMES",
        "PUBLICS",
        "PARTENAIRES",
        "DESCRIPTION",
        "MOYENS",
        "RÉSULTATS",
        "OUTILS",
        "VALEUR AJOUTÉE",
        "PORTEUR DU PROJET",
        "CONDITIONS DE TRANSFERT",
    ];
    let positions: Vec<usize> = order
        .iter()
        .map(|h| text.find(h).unwrap_or_else(|| panic!("{h}")))
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
    let minimal = env.run(&["show", "atelier-cv-numerique"]).expect(0).stdout;
    for absent in [
        "PUBLICS",
        "PARTENAIRES",
        "MOYENS",
        "PORTEUR DU PROJET",
        "LIENS",
        "MISE À JOUR",
    ] {
        assert!(
            !minimal.contains(absent),
            "{absent} shown for a minimal sheet:\n{minimal}"
        );
    }
}

#[test]
fn text_is_wrapped_to_the_width() {
    let env = imported();
    let mut command = env.command(&["show", "pacte-ess"]);
    command.env("COLUMNS", "50");
    let out = env.run_with(command, None).expect(0);
    for line in out.lines() {
        assert!(line.chars().count() <= 50, "too wide: {line:?}");
    }
}

#[test]
fn yaml_and_json_give_the_stored_sheet() {
    let env = imported();
    let yaml = env
        .run(&["show", "pacte-ess", "--format", "yaml"])
        .expect(0)
        .stdout;
    assert!(yaml.starts_with("id: pacte-ess\n"), "{yaml}");
    assert!(yaml.contains("department: '68'"), "{yaml}");
    let json = env
        .run(&["show", "pacte-ess", "--format", "json"])
        .expect(0)
        .stdout;
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["budget"]["total"], 153_000);
    assert_eq!(value["staff_fte"], 1.7);
    assert_eq!(value["contacts"][1]["phone"], "03 89 35 35 70");
}

#[test]
fn the_yaml_shown_imports_back_unchanged() {
    let env = imported();
    let yaml = env
        .run(&["show", "pacte-ess", "--format", "yaml"])
        .expect(0)
        .stdout;
    let file = env.write("back/pacte-ess.yaml", &yaml);
    env.run(&["validate", &file]).expect(0);
    let mut command = env.command(&["import", &file]);
    command.env("PACTE_DB", env.path("second.db"));
    env.run_with(command, None).expect(0);
    let mut command = env.command(&["show", "pacte-ess", "--format", "yaml"]);
    command.env("PACTE_DB", env.path("second.db"));
    assert_eq!(env.run_with(command, None).expect(0).stdout, yaml);
}

#[test]
fn an_unknown_id_suggests_close_ones() {
    let env = imported();
    let out = env.run(&["show", "pacte-es"]).expect(1);
    assert!(
        out.stderr
            .contains("no sheet with the id `pacte-es`; did you mean pacte-ess?"),
        "{}",
        out.stderr
    );
    assert!(out.stdout.is_empty());
    // With nothing close, the hint names the listing that shows whole
    // ids, whatever the width of the terminal.
    let out = env.run(&["show", "zzzz"]).expect(1);
    assert!(
        out.stderr
            .contains("`pacte list --format ids` shows the stored ids"),
        "{}",
        out.stderr
    );
}

#[test]
fn markdown_is_rendered_bold_as_bold_and_lists_with_bullets() {
    let env = imported();
    let plain = env.run(&["show", "pacte-ess"]).expect(0).stdout;
    assert!(!plain.contains("**"), "{plain}");
    assert!(
        plain.contains("  Montage (2012 – 2014). Un diagnostic"),
        "{plain}"
    );
    // Résultats: a Markdown list, shown like every other list.
    let results = plain.split("RÉSULTATS").nth(1).unwrap();
    assert!(results.contains("\n  • Formation-action :"), "{results}");
    assert!(!results.contains("\n  - "), "{results}");
    let coloured = env
        .run(&["show", "pacte-ess", "--color", "always"])
        .expect(0)
        .stdout;
    assert!(
        coloured.contains("\u{1b}[1mMontage (2012 – 2014).\u{1b}[0m"),
        "{coloured}"
    );
}
