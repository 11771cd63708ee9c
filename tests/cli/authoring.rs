use crate::env::{TestEnv, minimal_sheet};

#[test]
fn the_template_validates_once_filled_in() {
    let env = TestEnv::new();
    let out = env.run(&["new", "mon-action"]).expect(0);
    let template = out.stdout;
    assert!(template.contains("id: mon-action\n"));
    assert!(
        template.contains("#   ess (Économie sociale et solidaire)"),
        "{template}"
    );
    assert!(template.contains("#   jeunes (Jeunes)"), "{template}");
    // As printed, the empty required values are refused.
    let blank = env.write("blank.yaml", &template);
    let out = env.run(&["validate", &blank]).expect(1);
    assert!(
        out.stdout.contains("`title` must not be empty"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("at least one theme is required"),
        "{}",
        out.stdout
    );
    // The status is the writer's to choose, never prefilled.
    assert!(template.contains("\nstatus: \"\"\n"), "{template}");
    // Filled in (and with optional keys uncommented), it is a valid sheet.
    let filled = template
        .replace("status: \"\"", "status: ongoing")
        .replace("title: \"\"", "title: Mon action")
        .replace("structure: \"\"", "structure: Maison de l'Emploi")
        .replace("themes: []", "themes: [ESS]")
        .replace("objectives: []", "objectives: [Essayer]")
        .replace("description: \"\"", "description: Un essai.")
        .replace("# staff_fte: 1.5", "staff_fte: 1.5")
        .replace(
            "# period:\n#   start: 2024\n#   end: 2025",
            "period:\n  start: 2024\n  end: 2025",
        );
    let file = env.write("filled.yaml", filled);
    let out = env.run(&["validate", &file]).expect(0);
    assert!(out.stdout.is_empty(), "{}", out.stdout);
}

#[test]
fn new_never_overwrites_and_checks_the_id() {
    let env = TestEnv::new();
    let path = env.write("exists.yaml", "id: keep\n");
    let out = env.run(&["new", "x", "--out", &path]).expect(1);
    assert!(out.stderr.contains("must not exist yet"), "{}", out.stderr);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "id: keep\n");
    let fresh = env.path("fresh.yaml").display().to_string();
    env.run(&["new", "x", "--out", &fresh]).expect(0);
    assert!(std::fs::read_to_string(&fresh).unwrap().contains("id: x\n"));
    let out = env.run(&["new", "Mon Action"]).expect(2);
    assert!(out.stderr.contains("`mon-action`"), "{}", out.stderr);
}

#[test]
fn remove_takes_sheets_out_and_a_reimport_brings_them_back() {
    let env = TestEnv::new();
    let file = env.write(
        "a.yaml",
        format!("{}---\n{}", minimal_sheet("un"), minimal_sheet("deux")),
    );
    env.run(&["import", &file]).expect(0);
    let out = env.run(&["remove", "un"]).expect(2);
    assert!(out.stderr.contains("needs --yes"), "{}", out.stderr);
    assert_eq!(env.sheet_count(), 2);
    let out = env.run(&["remove", "--yes", "un"]).expect(0);
    assert_eq!(out.stdout, "removed\tun\n");
    assert_eq!(env.sheet_count(), 1);
    let out = env.run(&["search", "action", "--format", "ids"]).expect(0);
    assert_eq!(out.stdout, "deux\n");
    let out = env.run(&["import", &file]).expect(0);
    assert!(out.stdout.contains("added\tun\t"), "{}", out.stdout);
    let out = env.run(&["remove", "--yes", "deux", "trois"]).expect(1);
    assert!(
        out.stderr.contains("no sheet with the id `trois`"),
        "{}",
        out.stderr
    );
    assert_eq!(
        env.sheet_count(),
        2,
        "nothing is removed when one id is unknown"
    );
}

const EXTRA: &str = "themes:\n  - code: economie-circulaire\n    label: Économie circulaire\n    aliases: [réemploi]\npublics:\n  - {code: artisans, label: Artisans}\n";

#[test]
fn a_vocabulary_file_beside_the_sheets_adds_terms() {
    let env = TestEnv::new();
    env.write("catalogue/vocabulary.yaml", EXTRA);
    env.write(
        "catalogue/a.yaml",
        minimal_sheet("a").replace("themes: [ess]", "themes: [Réemploi]") + "publics: [artisans]\n",
    );
    let folder = env.path("catalogue").display().to_string();
    let out = env.run(&["validate", &folder]).expect(0);
    assert!(
        out.stderr.contains("1 file checked, 1 sheet valid"),
        "{}",
        out.stderr
    );
    env.run(&["import", &folder]).expect(0);
    // Queries know the extra terms through --vocab (or PACTE_VOCAB).
    let vocab = env.path("catalogue/vocabulary.yaml").display().to_string();
    let out = env
        .run(&[
            "--vocab",
            &vocab,
            "list",
            "--theme",
            "économie circulaire",
            "--format",
            "ids",
        ])
        .expect(0);
    assert_eq!(out.stdout, "a\n");
    env.run(&["list", "--theme", "economie-circulaire"])
        .expect(2);
    let out = env
        .run(&["--vocab", &vocab, "vocab", "publics", "--format", "ids"])
        .expect(0);
    assert!(out.lines().contains(&"artisans"));
    // Without the file, the sheet's terms are unknown.
    let alone = env.write(
        "alone/a.yaml",
        minimal_sheet("a").replace("themes: [ess]", "themes: [Réemploi]"),
    );
    env.run(&["validate", &alone]).expect(1);
}

#[test]
fn a_bad_vocabulary_file_is_an_error() {
    let env = TestEnv::new();
    let bad = env.write("bad.yaml", "themes:\n  - {code: doublon, label: ESS}\n");
    let out = env.run(&["--vocab", &bad, "vocab"]).expect(1);
    assert!(
        out.stderr.contains("in the vocabulary file"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("`ESS`"), "{}", out.stderr);
}
