use std::collections::BTreeMap;

use crate::env::{TestEnv, minimal_sheet};

fn imported() -> TestEnv {
    let env = TestEnv::new();
    let sheets = env.examples();
    env.run(&["import", &sheets]).expect(0);
    env
}

fn read_folder(path: &std::path::Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(path)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// export → import into an empty database → export, byte for byte.
fn assert_round_trip(env: &TestEnv) {
    let first = env.path("first");
    env.run(&["export", "--out", &format!("{}/", first.display())])
        .expect(0);
    let mut command = env.command(&["import", &first.display().to_string()]);
    command.env("PACTE_DB", env.path("second.db"));
    env.run_with(command, None).expect(0);
    let second = env.path("second");
    let mut command = env.command(&["export", "--out", &format!("{}/", second.display())]);
    command.env("PACTE_DB", env.path("second.db"));
    env.run_with(command, None).expect(0);
    let (a, b) = (read_folder(&first), read_folder(&second));
    assert!(!a.is_empty());
    assert_eq!(a, b);
}

#[test]
fn the_examples_round_trip_byte_for_byte() {
    let env = imported();
    assert_round_trip(&env);
    let files = read_folder(&env.path("first"));
    assert_eq!(files.len(), 11);
    let pacte = String::from_utf8(files["pacte-ess.yaml"].clone()).unwrap();
    assert!(pacte.starts_with("id: pacte-ess\ntitle: "), "{pacte}");
    assert!(pacte.contains("department: '68'"), "{pacte}");
}

#[test]
fn a_generated_corpus_round_trips() {
    let env = TestEnv::new();
    let mut corpus = String::new();
    for i in 0..60 {
        let mut sheet = minimal_sheet(&format!("gen-{i}"));
        sheet = sheet.replace(
            "Une action de test.",
            &format!(
                "\"Texte {i} : « guillemets », ligne\\nsuivante, #dièse, 'apostrophe', {}\"",
                "é".repeat(i)
            ),
        );
        if i % 2 == 0 {
            sheet.push_str(&format!(
                "department: \"{:02}\"\nstaff_fte: {}.5\n",
                i % 95 + 1,
                i
            ));
        }
        if i % 3 == 0 {
            sheet.push_str(&format!("budget:\n  total: {i}00.25\n  funding:\n    - {{source: \"Source: {i}\", amount: {i}00.25}}\n"));
        }
        if i % 5 == 0 {
            sheet.push_str("contacts:\n  - {name: \"Anne\", phone: \"0389000000\"}\nlinks:\n  - https://example.org/a?b=c\n");
        }
        if i % 7 == 0 {
            sheet.push_str("period: {start: 2001}\ntransfer:\n  difficulties: [\"yes\", \"no\", \"null\", \"~\", \"- tiret\"]\n");
        }
        corpus.push_str(&sheet);
        corpus.push_str("---\n");
    }
    let file = env.write("corpus.yaml", corpus);
    env.run(&["import", &file]).expect(0);
    assert_round_trip(&env);
}

#[test]
fn yaml_to_standard_output_is_a_stream_that_imports_back() {
    let env = imported();
    let out = env.run(&["export", "--theme", "ess"]).expect(0);
    assert_eq!(out.stdout.matches("\n---\n").count(), 1);
    let mut command = env.command(&["import", "-"]);
    command.env("PACTE_DB", env.path("other.db"));
    let back = env
        .run_with(command, Some(out.stdout.into_bytes()))
        .expect(0);
    assert_eq!(back.lines().len(), 2);
}

#[test]
fn json_and_jsonl_hold_whole_sheets() {
    let env = imported();
    let out = env
        .run(&["export", "--format", "json", "--theme", "ess"])
        .expect(0);
    let sheets: Vec<serde_json::Value> = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(
        sheets[1]["contacts"][0]["email"],
        "direction@mefthurdoller.fr"
    );
    let out = env.run(&["export", "--format", "jsonl"]).expect(0);
    assert_eq!(out.lines().len(), 11);
}

#[test]
fn csv_opens_as_a_table() {
    let env = imported();
    let out = env.run(&["export", "--format", "csv"]).expect(0);
    let mut reader = csv::Reader::from_reader(out.stdout.as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(headers.len(), 28);
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 11);
    let pacte = records.iter().find(|r| &r[0] == "pacte-ess").unwrap();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    assert_eq!(&pacte[column("themes")], "ess | gptec");
    assert_eq!(&pacte[column("budget_total")], "153000");
    assert!(pacte[column("budget_funding")].starts_with("FSE: 47000 | "));
    assert!(
        pacte[column("description")].contains('\n'),
        "multi-line cells stay whole"
    );
}

#[test]
fn excel_csv_has_a_bom_semicolons_and_crlf() {
    let env = imported();
    let file = env.path("catalogue.csv");
    env.run(&[
        "export",
        "--format",
        "csv",
        "--excel",
        "--out",
        &file.display().to_string(),
    ])
    .expect(0);
    let bytes = std::fs::read(&file).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBFid;title;structure;"));
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(text.contains("\r\n"));
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(text.as_bytes());
    assert_eq!(reader.records().count(), 11);
    env.run(&["export", "--format", "json", "--excel"])
        .expect(2);
}

#[test]
fn redacted_exports_hold_no_email_address() {
    let env = imported();
    let secret = minimal_sheet("secret").replace(
        "Une action de test.",
        "Écrire à claire.martin@example.org pour venir.",
    );
    let file = env.write("secret.yaml", secret + "contacts:\n  - {name: Claire Martin, phone: 0600000000, email: claire.martin@example.org}\n");
    env.run(&["import", &file]).expect(0);
    for format in ["yaml", "json", "jsonl", "csv", "markdown"] {
        let out = env
            .run(&["export", "--format", format, "--redact-contacts"])
            .expect(0);
        assert!(!out.stdout.contains('@'), "{format}: {}", out.stdout);
        assert!(!out.stdout.contains("Claire Martin"), "{format}");
        assert!(!out.stdout.contains("0600000000"), "{format}");
        // Markdown escapes the brackets so that they never make a link.
        let expected = if format == "markdown" {
            "Écrire à \\[adresse masquée\\] pour venir."
        } else {
            "Écrire à [adresse masquée] pour venir."
        };
        assert!(out.stdout.contains(expected), "{format}: {}", out.stdout);
    }
    let plain = env.run(&["export", "--format", "json"]).expect(0);
    assert!(plain.stdout.contains("claire.martin@example.org"));
}

#[test]
fn markdown_has_a_table_of_contents_and_sections() {
    let env = imported();
    let out = env.run(&["export", "--format", "markdown"]).expect(0);
    assert!(out.stdout.starts_with(
        "# Catalogue des fiches action\n\n- [Atelier CV numérique](#atelier-cv-numerique)\n"
    ));
    assert!(
        out.stdout
            .contains("<a id=\"pacte-ess\"></a>\n\n## PACTE ESS")
    );
    assert!(out.stdout.contains("  - dont FSE : 47\u{202f}000 €"));
    assert_eq!(out.stdout.matches("\n## ").count(), 11);
}

#[test]
fn filters_order_and_limit_apply() {
    let env = imported();
    let out = env
        .run(&[
            "export", "--format", "jsonl", "--status", "ongoing", "--sort", "title", "--limit", "2",
        ])
        .expect(0);
    let ids: Vec<String> = out
        .lines()
        .iter()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(ids, vec!["atelier-cv-numerique", "garage-solidaire-doubs"]);
}

#[test]
fn a_folder_takes_yaml_only() {
    let env = imported();
    let out = env
        .run(&[
            "export",
            "--format",
            "csv",
            "--out",
            &format!("{}/", env.path("dir").display()),
        ])
        .expect(2);
    assert!(
        out.stderr.contains("one YAML file per sheet"),
        "{}",
        out.stderr
    );
}
