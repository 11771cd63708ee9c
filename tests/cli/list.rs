use crate::env::{TestEnv, minimal_sheet};

fn imported() -> TestEnv {
    let env = TestEnv::new();
    let sheets = env.examples();
    env.run(&["import", &sheets]).expect(0);
    env
}

fn ids_of(out: &crate::env::Output) -> Vec<String> {
    out.lines()
        .iter()
        .map(|l| l.split('\t').next().unwrap().to_owned())
        .collect()
}

#[test]
fn theme_filter_accepts_code_alias_and_label() {
    let env = imported();
    let by_alias = env.run(&["list", "--theme", "ESS"]).expect(0);
    assert_eq!(ids_of(&by_alias), vec!["club-rh-associations", "pacte-ess"]);
    let json = env
        .run(&[
            "list",
            "--theme",
            "économie sociale et solidaire",
            "--format",
            "json",
        ])
        .expect(0);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&json.stdout).unwrap();
    let ids: Vec<&str> = rows.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ids_of(&by_alias));
    assert_eq!(rows[1]["themes"], serde_json::json!(["ess", "gptec"]));
}

#[test]
fn piped_output_is_one_line_per_sheet_without_header() {
    let env = imported();
    let out = env.run(&["list"]).expect(0);
    assert_eq!(out.lines().len(), 11);
    assert!(
        out.lines().iter().all(|l| l.split('\t').count() == 6),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("pacte-ess\tPACTE ESS"),
        "{}",
        out.stdout
    );
}

#[test]
fn each_filter_selects_its_sheets() {
    let env = imported();
    let cases: &[(&[&str], &[&str])] = &[
        (&["--status", "abandoned"], &["observatoire-emploi-vallee"]),
        (
            &["--status", "en projet"],
            &["couveuse-quartiers-saint-denis"],
        ),
        (&["--public", "RQTH"], &["maintien-emploi-handicap-corse"]),
        (
            &["--structure", "reseau ess"],
            &["club-rh-associations", "recyclerie-formation"],
        ),
        (&["--structure", "MONTBELIARD"], &["garage-solidaire-doubs"]),
        (
            &["--theme", "iae", "--reproducible"],
            &["facilitateur-clauses-sud-alsace", "recyclerie-formation"],
        ),
        (
            &["--theme", "ess", "--theme", "gptec", "--status", "finished"],
            &["club-rh-associations", "pacte-ess"],
        ),
        (
            &["--theme", "mobilite,revitalisation"],
            &["garage-solidaire-doubs", "revitalisation-textile-vosges"],
        ),
        (&["--theme", "mobilite", "--status", "finished"], &[]),
    ];
    for (args, expected) in cases {
        let mut full = vec!["list"];
        full.extend_from_slice(args);
        let out = env.run(&full).expect(0);
        assert_eq!(ids_of(&out), *expected, "{args:?}");
    }
}

#[test]
fn no_match_is_empty_output_and_success() {
    let env = imported();
    let out = env
        .run(&["list", "--theme", "mobilite", "--status", "abandoned"])
        .expect(0);
    assert!(out.stdout.is_empty());
    let out = env
        .run(&[
            "list",
            "--theme",
            "mobilite",
            "--status",
            "abandoned",
            "--format",
            "table",
        ])
        .expect(0);
    assert!(out.stdout.is_empty());
}

#[test]
fn an_unknown_theme_is_a_usage_error_with_suggestions() {
    let env = imported();
    let out = env.run(&["list", "--theme", "esss"]).expect(2);
    assert!(
        out.stderr
            .contains("unknown theme `esss`; did you mean ess?"),
        "{}",
        out.stderr
    );
    let out = env.run(&["list", "--status", "finishd"]).expect(2);
    assert!(
        out.stderr.contains("did you mean finished?"),
        "{}",
        out.stderr
    );
}

#[test]
fn csv_and_jsonl_parse_back() {
    let env = imported();
    let out = env.run(&["list", "--format", "csv"]).expect(0);
    let mut reader = csv::Reader::from_reader(out.stdout.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        ["id", "title", "structure", "status", "themes", "period"]
    );
    assert_eq!(reader.records().count(), 11);
    let out = env.run(&["list", "--format", "jsonl"]).expect(0);
    for line in out.lines() {
        let row: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(row["id"].is_string());
    }
    assert_eq!(out.lines().len(), 11);
}

#[test]
fn the_table_has_borders_and_fits_the_width() {
    let env = imported();
    let out = env.run(&["list", "--format", "table"]).expect(0);
    assert!(out.stdout.starts_with('┌'), "{}", out.stdout);
    assert!(out.stdout.contains("pacte-ess"));
    for line in out.lines() {
        assert!(line.chars().count() <= 100, "too wide: {line}");
    }
    assert!(!out.stdout.contains('\u{1b}'), "colour without a terminal");
}

#[test]
fn a_closed_pipe_ends_quietly() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let env = TestEnv::new();
    let many: String = (0..3000)
        .map(|i| format!("{}---\n", minimal_sheet(&format!("s{i}"))))
        .collect();
    let file = env.write("many.yaml", many);
    env.run(&["import", "--max-size", "10000000", &file])
        .expect(0);
    let mut child = Command::new(env!("CARGO_BIN_EXE_pacte"))
        .args(["list"])
        .env("PACTE_DB", env.db())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0_u8; 16];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // The reader is gone: the rest of the listing meets a closed pipe.
    let output = child.wait_with_output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
