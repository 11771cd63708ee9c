//! One test per bug found, named after what broke.

use crate::env::{TestEnv, minimal_sheet};

/// A tiny FTE is written `1e-7` by the YAML writer; reading it back failed.
#[test]
fn staff_fte_written_with_an_exponent_reads_back() {
    let env = TestEnv::new();
    let file = env.write("a.yaml", minimal_sheet("a") + "staff_fte: 0.0000001\n");
    env.run(&["import", &file]).expect(0);
    let yaml = env.run(&["show", "a", "--format", "yaml"]).expect(0).stdout;
    assert!(
        yaml.contains("staff_fte: 1.0e-7") || yaml.contains("staff_fte: 1e-7"),
        "{yaml}"
    );
    let back = env.write("back.yaml", &yaml);
    env.run(&["validate", &back]).expect(0);
}

/// Stored JSON lost the last digit of some floats, so a sheet changed on
/// its way through the database.
#[test]
fn floats_survive_the_database_exactly() {
    let env = TestEnv::new();
    let file = env.write(
        "a.yaml",
        minimal_sheet("a") + "staff_fte: 1623.4782868378907\n",
    );
    env.run(&["import", &file]).expect(0);
    let json = env.run(&["show", "a", "--format", "json"]).expect(0).stdout;
    assert!(json.contains("1623.4782868378907"), "{json}");
}

/// U+2028 written by the YAML writer came back with extra spaces.
#[test]
fn unicode_line_separators_are_refused_with_a_reason() {
    let env = TestEnv::new();
    let file = env.write(
        "a.yaml",
        minimal_sheet("a").replace("title: Action a", "title: \"Ligne\\u2028suite\""),
    );
    let out = env.run(&["validate", &file]).expect(1);
    assert!(out.stdout.contains("U+2028"), "{}", out.stdout);
}

/// Two imports at once: the second failed with "database is locked"
/// instead of waiting, because its transaction started as a read.
#[test]
fn a_second_import_waits_for_the_first() {
    let env = TestEnv::new();
    let many = |prefix: &str| -> String {
        (0..200)
            .map(|i| format!("{}---\n", minimal_sheet(&format!("{prefix}-{i}"))))
            .collect()
    };
    let a = env.write("a.yaml", many("a"));
    let b = env.write("b.yaml", many("b"));
    // Both start on an existing database, which is where reads came first.
    env.run(&["import", &env.write("seed.yaml", minimal_sheet("seed"))])
        .expect(0);
    env.import_concurrently(&[&a, &b]);
    assert_eq!(env.sheet_count(), 401);
}

/// The links label of an old page runs to the next colon; when that colon
/// was another label's, the two parts overlapped and slicing panicked.
#[test]
fn a_label_inside_the_links_label_does_not_crash_convert() {
    let env = TestEnv::new();
    let page = env.write(
        "page.txt",
        "Titre\nLiens hypertextes des documents disponibles Porteur du projet : x\n",
    );
    // A page that is not a sheet still gives a draft, with what could not
    // be mapped kept rather than dropped, and only warnings.
    let out = env.run(&["convert", &page]).expect(0);
    assert!(out.stdout.contains("title: Titre"), "{}", out.stdout);
    assert!(
        out.stdout
            .lines()
            .any(|line| line.starts_with('#') && line.ends_with(": x")),
        "{}",
        out.stdout
    );
}
