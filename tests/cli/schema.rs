//! `pacte schema` against a JSON Schema validator.

use serde::Deserialize;

use crate::env::TestEnv;

fn documents(yaml: &str) -> Vec<serde_json::Value> {
    yaml_serde::Deserializer::from_str(yaml)
        .map(|document| serde_json::Value::deserialize(document).unwrap())
        .filter(|value| !value.is_null())
        .collect()
}

fn validator(env: &TestEnv) -> jsonschema::Validator {
    let out = env.run(&["schema"]).expect(0);
    let schema: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    jsonschema::draft202012::new(&schema).unwrap()
}

#[test]
fn every_example_sheet_satisfies_the_schema() {
    let env = TestEnv::new();
    let validator = validator(&env);
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/sheets");
    let mut count = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        for sheet in documents(&std::fs::read_to_string(&path).unwrap()) {
            let errors: Vec<String> = validator
                .iter_errors(&sheet)
                .map(|e| e.to_string())
                .collect();
            assert!(errors.is_empty(), "{}: {errors:?}", path.display());
            count += 1;
        }
    }
    assert_eq!(count, 11);
}

#[test]
fn invalid_sheets_fail_the_schema() {
    let env = TestEnv::new();
    let validator = validator(&env);
    let base = "id: ok\ntitle: T\nstructure: S\nstatus: ongoing\nthemes: [ess]\nobjectives: [o]\ndescription: d\n";
    assert!(validator.is_valid(&documents(base)[0]));
    for (what, yaml) in [
        ("missing description", base.replace("description: d\n", "")),
        ("unknown key", format!("{base}titel: x\n")),
        ("bad id", base.replace("id: ok", "id: Pas Bon")),
        ("text boolean", format!("{base}reproducible: oui\n")),
        (
            "unknown status",
            base.replace("status: ongoing", "status: done"),
        ),
        ("negative amount", format!("{base}budget: {{total: -3}}\n")),
        (
            "javascript link",
            format!("{base}links: [{{url: \"javascript:alert(1)\"}}]\n"),
        ),
        ("department 20", format!("{base}department: \"20\"\n")),
        (
            "year out of range",
            format!("{base}period: {{start: 1850}}\n"),
        ),
    ] {
        assert!(
            !validator.is_valid(&documents(&yaml)[0]),
            "{what} passed the schema"
        );
    }
}
