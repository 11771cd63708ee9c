//! Sheet text cannot drive a terminal or a spreadsheet.
//!
//! Validation refuses control characters in new sheets, but a database
//! written before that rule may hold them: the sheet below is imported with
//! markers (`⟦1b⟧`) that are then replaced in the database by the control
//! characters they name, as such an old database would hold them.

use crate::env::TestEnv;

const HOSTILE: &str = "id: piege
title: \"Titre ⟦1b⟧[2J⟦1b⟧]0;pwned⟦7⟧ effacé\"
structure: \"=HYPERLINK(\\\"http://evil.example\\\")\"
status: ongoing
themes: [ess]
objectives: [\"Texte \\u202Eesrever\\u2066 caché\", \"ligne\\tavec\\ttabulations\\net retour\"]
description: \"C1 ⟦9b⟧31m rouge ⟦7f⟧ fin\"
contacts:
  - {name: \"+33 3 89\", email: \"@cmd\"}
";

fn imported() -> TestEnv {
    let env = TestEnv::new();
    let file = env.write("piege.yaml", HOSTILE);
    env.run(&["import", &file]).expect(0);
    for code in [0x1b, 0x7, 0x9b, 0x7f] {
        let c = char::from_u32(code).unwrap();
        env.plant(&format!("⟦{code:x}⟧"), c);
    }
    env
}

#[track_caller]
fn assert_no_raw_controls(text: &str, keep_tabs: bool) {
    for c in text.chars() {
        let allowed = c == '\n' || (keep_tabs && c == '\t');
        assert!(
            allowed
                || !(c.is_control()
                    || ('\u{202a}'..='\u{202e}').contains(&c)
                    || ('\u{2066}'..='\u{2069}').contains(&c)),
            "raw {c:?} in:\n{text}"
        );
    }
}

#[test]
fn show_escapes_controls_and_bidi_overrides() {
    let env = imported();
    let out = env.run(&["show", "piege"]).expect(0);
    assert_no_raw_controls(&out.stdout, true);
    assert!(
        out.stdout
            .contains("Titre \\u{1b}[2J\\u{1b}]0;pwned\\u{7} effacé"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("\\u{202e}esrever\\u{2066}"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("C1 \\u{9b}31m rouge \\u{7f} fin"),
        "{}",
        out.stdout
    );
}

#[test]
fn tables_and_tsv_escape_and_stay_one_line_per_sheet() {
    let env = imported();
    let tsv = env.run(&["list"]).expect(0);
    assert_eq!(tsv.lines().len(), 1);
    assert_no_raw_controls(&tsv.stdout.replace('\t', " "), false);
    assert!(tsv.stdout.contains("Titre \\u{1b}[2J"), "{}", tsv.stdout);
    let table = env.run(&["list", "--format", "table"]).expect(0);
    assert_no_raw_controls(&table.stdout, false);
}

#[test]
fn tsv_cells_escape_tabs_and_newlines() {
    let env = TestEnv::new();
    let file = env.write(
        "t.yaml",
        "id: t\ntitle: \"un\\tdeux\\ntrois \\\\ quatre\"\nstructure: S\nstatus: ongoing\nthemes: ess\nobjectives: o\ndescription: d\n",
    );
    env.run(&["import", &file]).expect(0);
    let out = env.run(&["list"]).expect(0);
    assert_eq!(
        out.stdout,
        "t\tun\\tdeux\\ntrois \\\\ quatre\tS\tongoing\tess\t\n"
    );
}

#[test]
fn json_keeps_the_exact_text() {
    let env = imported();
    let out = env.run(&["show", "piege", "--format", "json"]).expect(0);
    let sheet: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(sheet["title"], "Titre \u{1b}[2J\u{1b}]0;pwned\u{7} effacé");
    assert_eq!(
        sheet["objectives"][0],
        "Texte \u{202e}esrever\u{2066} caché"
    );
    let rows = env.run(&["list", "--format", "json"]).expect(0);
    let rows: serde_json::Value = serde_json::from_str(&rows.stdout).unwrap();
    assert_eq!(rows[0]["structure"], "=HYPERLINK(\"http://evil.example\")");
}

#[test]
fn csv_cells_cannot_be_formulas() {
    let env = imported();
    let out = env.run(&["list", "--format", "csv"]).expect(0);
    let mut reader = csv::Reader::from_reader(out.stdout.as_bytes());
    let record = reader.records().next().unwrap().unwrap();
    assert_eq!(&record[2], "'=HYPERLINK(\"http://evil.example\")");
    assert!(
        record
            .iter()
            .all(|cell| !cell.starts_with(['=', '+', '-', '@'])),
        "{record:?}"
    );
}

#[test]
fn messages_escape_what_they_quote() {
    let env = TestEnv::new();
    let file = env.write("m.yaml", "id: m\n\"ti\\e[31mtle\": x\n");
    let out = env.run(&["validate", &file]).expect(1);
    assert_no_raw_controls(&out.stdout, false);
    assert!(
        out.stdout.contains("unknown key `ti\\u{1b}[31mtle`"),
        "{}",
        out.stdout
    );
    let out = env.run(&["show", "\u{1b}[2J"]).expect(1);
    assert_no_raw_controls(&out.stderr, false);
}
