//! The field registry honoured by every command that reads fields: a sheet
//! written from the registry itself, giving every field a value of its kind
//! with a word of its own, goes through validation, the template, the JSON
//! Schema, `show`, the exports, the search index, redaction, the
//! completeness report and the converter. A field declared in the registry
//! and forgotten by one of them fails here.

use pacte::sheet::FIELDS;
use pacte::sheet::kind::{Counts, Csv, Item, Kind, Legacy, Privacy, Show, Text, Vocab};
use pacte::sheet::registry::Def;

use crate::env::{TestEnv, minimal_sheet};

/// A word found nowhere else, one per field.
fn marker(def: &Def) -> String {
    format!("zorg{}", char::from(b'a' + def.key as u8))
}

/// Contact details written into every free text, which redaction removes.
const EMAIL: &str = "jean.dupont@exemple.org";
const PHONE: &str = "03 89 35 35 70";
/// The contact's name, left out with the contacts.
const CONTACT: &str = "Claire Martin";

/// Free text with the field's marker and contact details.
fn free(def: &Def) -> String {
    format!("\"{} écrire à {EMAIL} ou au {PHONE}\"", marker(def))
}

/// The field's value in YAML, on the line of its key.
fn value(def: &Def) -> String {
    let free = free(def);
    match def.kind {
        Kind::Text(Text::Slug, _) | Kind::OptText(Text::Slug, _) => "registre".to_owned(),
        Kind::Text(Text::Plain | Text::Prose, _) | Kind::OptText(Text::Plain | Text::Prose, _) => {
            free
        }
        Kind::Text(Text::Department, _) | Kind::OptText(Text::Department, _) => "\"68\"".into(),
        Kind::Text(Text::Date, _) | Kind::OptText(Text::Date, _) => "2026-01-01".to_owned(),
        Kind::List(Item::Plain, ..) => format!("[{free}]"),
        Kind::List(Item::Term(Vocab::Themes), ..) => "[ess]".to_owned(),
        Kind::List(Item::Term(Vocab::Publics), ..) => "[jeunes]".to_owned(),
        Kind::Status(_) => "ongoing".to_owned(),
        Kind::Flag(_) => "true".to_owned(),
        Kind::Period(_) => "{start: 2020, end: 2022}".to_owned(),
        Kind::Staff(_) => "1.5".to_owned(),
        Kind::Partners(_) | Kind::Transfer(_) => {
            let parts: Vec<String> = def
                .kind
                .parts()
                .iter()
                .map(|p| format!("{p}: [{free}]"))
                .collect();
            format!("{{{}}}", parts.join(", "))
        }
        Kind::Budget(_) => format!("{{total: 10, funding: [{{source: {free}, amount: 10}}]}}"),
        Kind::Contacts(_) => format!(
            "[{{name: {CONTACT}, role: {}, email: claire.martin@exemple.org, phone: \"0612345678\"}}]",
            marker(def)
        ),
        Kind::Links(_) => format!(
            "[{{title: {}, url: \"https://www.exemple.org/{}\"}}]",
            marker(def),
            marker(def)
        ),
    }
}

fn full_sheet() -> String {
    FIELDS
        .iter()
        .map(|def| format!("{}: {}\n", def.name, value(def)))
        .collect()
}

/// Whether the field's value carries its marker (codes and numbers do not).
fn marked(def: &Def) -> bool {
    value(def).contains(&marker(def))
}

fn imported() -> TestEnv {
    let env = TestEnv::new();
    let full = env.write("sheets/registre.yaml", full_sheet());
    let out = env.run(&["validate", &full]).expect(0);
    assert!(
        out.stderr.contains("0 errors and 0 warnings"),
        "{}",
        out.stderr
    );
    env.run(&["import", &full]).expect(0);
    env
}

#[test]
fn every_field_is_read_and_written_back() {
    let env = imported();
    let yaml = env.run(&["export", "--format", "yaml"]).expect(0).stdout;
    let keys: Vec<&str> = yaml
        .lines()
        .filter(|l| !l.starts_with([' ', '-']))
        .filter_map(|l| l.split(':').next())
        .collect();
    let names: Vec<&str> = FIELDS.iter().map(|d| d.name).collect();
    assert_eq!(keys, names);
    let json = env.run(&["export", "--format", "json"]).expect(0).stdout;
    for def in FIELDS.iter().filter(|d| marked(d)) {
        assert!(json.contains(&marker(def)), "{} lost:\n{json}", def.name);
    }
}

#[test]
fn every_field_is_in_the_template_and_the_schema() {
    let env = TestEnv::new();
    let template = env.run(&["new", "x"]).expect(0).stdout;
    let schema: serde_json::Value =
        serde_json::from_str(&env.run(&["schema"]).expect(0).stdout).unwrap();
    for def in FIELDS {
        let line = format!("{}:", def.name);
        let written = template
            .lines()
            .any(|l| l.strip_prefix("# ").unwrap_or(l).starts_with(&line));
        assert!(written, "{} not in the template", def.name);
        assert!(
            schema["properties"].get(def.name).is_some(),
            "{} not in the schema",
            def.name
        );
        let required = schema["required"]
            .as_array()
            .unwrap()
            .iter()
            .any(|k| k == def.name);
        assert_eq!(required, def.kind.required(), "{}", def.name);
    }
}

#[test]
fn every_shown_field_is_shown() {
    let env = imported();
    let show = env.run(&["show", "registre"]).expect(0).stdout;
    let markdown = env
        .run(&["export", "--format", "markdown"])
        .expect(0)
        .stdout;
    for def in FIELDS {
        // `show` writes headings in capitals.
        for text in [show.to_lowercase(), markdown.to_lowercase()] {
            if let Show::Lines { section, lines } = def.show {
                let section = section.to_lowercase();
                assert!(text.contains(&section), "{section} not shown:\n{text}");
                for label in lines.iter().filter_map(|l| l.label) {
                    let label = label.to_lowercase();
                    assert!(text.contains(&label), "{label} not shown:\n{text}");
                }
            }
            if marked(def) {
                assert!(
                    text.contains(&marker(def)),
                    "{} not shown:\n{text}",
                    def.name
                );
            }
        }
    }
}

#[test]
fn every_field_has_its_csv_columns() {
    let env = imported();
    let csv = env.run(&["export", "--format", "csv"]).expect(0).stdout;
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let row: Vec<String> = reader
        .records()
        .next()
        .unwrap()
        .unwrap()
        .iter()
        .map(String::from)
        .collect();
    let mut expected = Vec::new();
    for def in FIELDS {
        let parts = def.kind.parts();
        match (parts.is_empty(), def.csv) {
            (true, _) => expected.push(def.name.to_owned()),
            (false, Csv::Key) => expected.extend(parts.iter().map(|p| format!("{}_{p}", def.name))),
            (false, Csv::Parts) => expected.extend(parts.iter().map(|p| (*p).to_owned())),
        }
        if marked(def) {
            assert!(
                row.iter().any(|c| c.contains(&marker(def))),
                "{} not in {row:?}",
                def.name
            );
        }
    }
    assert_eq!(header, expected);
    assert_eq!(row.len(), header.len());
}

#[test]
fn every_searched_field_is_found_by_its_words() {
    let env = imported();
    for def in FIELDS.iter().filter(|d| marked(d)) {
        let out = env.run(&["search", &marker(def), "--format", "ids"]);
        assert_eq!(
            out.stdout.trim() == "registre",
            def.search.is_some(),
            "{}: {}",
            def.name,
            out.stdout
        );
    }
}

#[test]
fn redaction_cleans_every_public_text_and_leaves_out_the_rest() {
    let env = imported();
    let json = env
        .run(&["export", "--format", "json", "--redact-contacts"])
        .expect(0)
        .stdout;
    assert!(!json.contains(EMAIL), "{json}");
    assert!(!json.contains(PHONE), "{json}");
    assert!(!json.contains(CONTACT), "{json}");
    let sheet: serde_json::Value = serde_json::from_str(&json).unwrap();
    let sheet = sheet.get(0).unwrap_or(&sheet);
    for def in FIELDS {
        let published = sheet.get(def.name).map(ToString::to_string);
        match def.privacy {
            // Cleaned, not left out: its own words are still there.
            Privacy::Public if marked(def) => assert!(
                published.is_some_and(|p| p.contains(&marker(def))),
                "{} left out",
                def.name
            ),
            Privacy::Public => {}
            Privacy::Contact | Privacy::Personal => {
                assert!(published.is_none(), "{} published", def.name);
            }
        }
    }
}

#[test]
fn completeness_counts_the_declared_fields() {
    let env = imported();
    let bare = env.write("sheets/nu.yaml", minimal_sheet("nu"));
    env.run(&["import", &bare]).expect(0);
    let out = env
        .run(&["review", "--format", "json", "--min-completeness", "100"])
        .expect(0);
    let report: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let incomplete = report["incomplete"].as_array().unwrap();
    assert_eq!(incomplete.len(), 1, "{incomplete:?}");
    assert_eq!(incomplete[0]["id"], "nu");
    let codes: Vec<&str> = FIELDS
        .iter()
        .filter_map(|d| match d.counts {
            Counts::Part { code, .. } => Some(code),
            Counts::No | Counts::Joined => None,
        })
        .collect();
    assert_eq!(incomplete[0]["missing"], serde_json::json!(codes));
}

#[test]
fn the_converter_reads_every_field_it_is_told_to() {
    let env = TestEnv::new();
    let mut page = String::from("Une action de l'ancien catalogue\n");
    let mut expected = Vec::new();
    for def in FIELDS {
        let catalogue = match def.show {
            Show::Lines { lines, .. } => lines.first().and_then(|l| l.catalogue),
            Show::Heading(_) | Show::Joined(_) => None,
        };
        if let (Some(label), false) = (catalogue, def.legacy == Legacy::Own) {
            page.push_str(&format!("{label} : {}\n", marker(def)));
            expected.push(def);
        }
    }
    assert!(!expected.is_empty());
    let file = env.write("page.txt", page);
    let out = env.run(&["convert", &file]).expect(0);
    let draft: serde_json::Value = yaml_serde::from_str(&out.stdout).unwrap();
    for def in expected {
        assert!(
            draft[def.name].to_string().contains(&marker(def)),
            "{} not converted:\n{}",
            def.name,
            out.stdout
        );
    }
}
