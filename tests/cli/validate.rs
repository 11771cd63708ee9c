use crate::env::{TestEnv, minimal_sheet};

#[test]
fn the_examples_are_valid_and_no_database_is_touched() {
    let env = TestEnv::new();
    let sheets = env.examples();
    let out = env.run(&["validate", &sheets]).expect(0);
    assert!(out.stdout.is_empty(), "{}", out.stdout);
    assert!(
        out.stderr
            .contains("10 files checked, 11 sheets valid: 0 errors and 0 warnings"),
        "{}",
        out.stderr
    );
    assert!(!env.db().exists());
}

#[test]
fn findings_name_file_line_and_column() {
    let env = TestEnv::new();
    let file = env.write(
        "bad.yaml",
        "id: Bad Id\ntitel: x\nstructure: S\nstatus: ongoing\nthemes: [esss]\nobjectives: [o]\ndescription: d\n",
    );
    let out = env.run(&["validate", &file]).expect(1);
    let expected = [
        format!("{file}:1:5: error: id: `Bad Id` is not a valid id"),
        format!("{file}:2:1: error: unknown key `titel`; did you mean `title`?"),
        format!("{file}:1:1: error: the required key `title` is missing"),
        format!("{file}:5:10: error: themes: unknown theme `esss`: did you mean `ess`?"),
    ];
    for line in expected {
        assert!(
            out.stdout.contains(&line),
            "missing {line:?} in\n{}",
            out.stdout
        );
    }
    assert!(!env.db().exists());
}

#[test]
fn warnings_pass_unless_strict() {
    let env = TestEnv::new();
    let sheet =
        minimal_sheet("a") + "budget:\n  total: 100\n  funding:\n    - {source: FSE, amount: 60}\n";
    let file = env.write("a.yaml", sheet);
    let out = env.run(&["validate", &file]).expect(0);
    assert!(
        out.stdout
            .contains("warning: the funding lines add up to 60 €, not the total of 100 €"),
        "{}",
        out.stdout
    );
    env.run(&["validate", "--strict", &file]).expect(1);
}

#[test]
fn json_findings_parse_back() {
    let env = TestEnv::new();
    let file = env.write(
        "a.yaml",
        minimal_sheet("a").replace("status: ongoing", "status: done"),
    );
    let out = env.run(&["validate", "--format", "json", &file]).expect(1);
    let findings: Vec<serde_json::Value> = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0]["line"], 4);
    assert_eq!(findings[0]["severity"], "error");
    assert_eq!(findings[0]["code"], "status");
}

#[test]
fn vocab_lists_every_term() {
    let env = TestEnv::new();
    let out = env.run(&["vocab"]).expect(0);
    assert_eq!(out.lines().len(), 32);
    assert!(
        out.lines()
            .contains(&"theme\tess\tÉconomie sociale et solidaire\tESS"),
        "{}",
        out.stdout
    );
    let out = env.run(&["vocab", "publics", "--format", "json"]).expect(0);
    let terms: Vec<serde_json::Value> = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(terms.len(), 16);
    assert_eq!(terms[10]["aliases"], serde_json::json!(["RSA", "BRSA"]));
    let out = env.run(&["vocab", "themes", "--format", "ids"]).expect(0);
    assert_eq!(out.lines()[0], "ess");
    assert!(!env.db().exists(), "vocab needs no database");
}
