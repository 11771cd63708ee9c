//! Partner and funder names compared through the thesaurus: one body
//! written two ways is one funder for filters, statistics and "related",
//! while the sheets keep their own spelling.

use crate::env::{TestEnv, minimal_sheet};

fn with_funders(id: &str, funders: &str) -> String {
    format!("{}partners:\n  funders: [{funders}]\n", minimal_sheet(id))
}

fn catalogue() -> TestEnv {
    let env = TestEnv::new();
    let yaml = [
        with_funders("sigle", "FSE, Région"),
        with_funders("long", "Fonds Social Européen"),
        with_funders("ancien", "DIRECCTE Grand Est, Pôle emploi"),
        with_funders("aucun", "Mairie"),
    ]
    .join("---\n");
    env.write("a.yaml", yaml);
    env.run(&["import", &env.path("a.yaml").display().to_string()])
        .expect(0);
    env
}

#[test]
fn a_funder_filter_finds_every_name_of_the_body() {
    let env = catalogue();
    for name in ["FSE", "fonds social europeen", "Fonds social"] {
        let out = env
            .run(&["list", "--funder", name, "--format", "ids"])
            .expect(0);
        assert_eq!(out.lines(), vec!["long", "sigle"], "{name}");
    }
    let out = env
        .run(&["list", "--funder", "DREETS", "--format", "ids"])
        .expect(0);
    assert_eq!(out.lines(), vec!["ancien"]);
    // A part of a name the thesaurus knows still finds it.
    let out = env
        .run(&["list", "--funder", "emploi", "--format", "ids"])
        .expect(0);
    assert_eq!(out.lines(), vec!["ancien"]);
}

#[test]
fn statistics_count_one_body_once() {
    let env = catalogue();
    let out = env.run(&["stats", "--by", "funder"]).expect(0);
    let fse: Vec<&str> = out
        .lines()
        .into_iter()
        .filter(|l| l.starts_with("FSE") || l.starts_with("Fonds"))
        .collect();
    assert_eq!(fse, vec!["FSE\t2"], "{}", out.stdout);
}

#[test]
fn related_sheets_share_a_funder_under_either_name_and_text_is_kept() {
    let env = catalogue();
    let out = env.run(&["related", "long", "--format", "json"]).expect(0);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&out.stdout).unwrap();
    let sigle = rows.iter().find(|r| r["id"] == "sigle").expect("related");
    assert!(sigle["reason"].as_str().unwrap().contains("FSE"), "{sigle}");
    let shown = env.run(&["show", "long"]).expect(0);
    assert!(shown.stdout.contains("Fonds Social Européen"));
}
