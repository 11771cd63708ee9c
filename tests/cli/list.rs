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
        (&["--territory", "thur doller"], &["pacte-ess"]),
        (
            &["--territory", "METROPOLE lilloise"],
            &["job-dating-seniors"],
        ),
        (
            &["--department", "68"],
            &["facilitateur-clauses-sud-alsace", "pacte-ess"],
        ),
        (
            &["--department", "2a,93"],
            &[
                "couveuse-quartiers-saint-denis",
                "maintien-emploi-handicap-corse",
            ],
        ),
        (&["--partner", "université"], &["pacte-ess"]),
        (
            &["--partner", "france travail"],
            &["facilitateur-clauses-sud-alsace", "job-dating-seniors"],
        ),
        (
            &["--funder", "FSE"],
            &["facilitateur-clauses-sud-alsace", "pacte-ess"],
        ),
        (
            &["--funder", "agefiph"],
            &["maintien-emploi-handicap-corse"],
        ),
        (&["--funder", "agir"], &[]),
        (&["--year", "2013"], &["pacte-ess"]),
        (
            &["--year", "2016"],
            &[
                "observatoire-emploi-vallee",
                "revitalisation-textile-vosges",
            ],
        ),
        (
            &["--year", "2016", "--year", "2018"],
            &["revitalisation-textile-vosges"],
        ),
        (&["--year", "2030"], &[]),
        (
            &["--updated-since", "2025-01-01"],
            &[
                "couveuse-quartiers-saint-denis",
                "garage-solidaire-doubs",
                "maintien-emploi-handicap-corse",
            ],
        ),
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

#[test]
fn sort_reverse_and_limit() {
    let env = imported();
    let out = env
        .run(&[
            "list",
            "--sort",
            "budget",
            "--reverse",
            "--limit",
            "3",
            "--format",
            "ids",
        ])
        .expect(0);
    assert_eq!(
        out.lines(),
        vec![
            "revitalisation-textile-vosges",
            "couveuse-quartiers-saint-denis",
            "garage-solidaire-doubs"
        ]
    );
    let out = env
        .run(&["list", "--sort", "start", "--format", "ids", "--limit", "2"])
        .expect(0);
    assert_eq!(out.lines(), vec!["pacte-ess", "observatoire-emploi-vallee"]);
    let out = env
        .run(&[
            "list", "--sort", "updated", "-r", "--format", "ids", "--limit", "1",
        ])
        .expect(0);
    assert_eq!(out.lines(), vec!["couveuse-quartiers-saint-denis"]);
    let out = env
        .run(&["list", "--sort", "title", "--format", "ids", "--limit", "1"])
        .expect(0);
    assert_eq!(out.lines(), vec!["atelier-cv-numerique"]);
    // Sheets without a budget come last in both directions.
    let out = env
        .run(&["list", "--sort", "budget", "--format", "ids"])
        .expect(0);
    assert_eq!(out.lines()[0], "facilitateur-clauses-sud-alsace");
    assert_eq!(out.lines()[4], "revitalisation-textile-vosges");
    assert_eq!(out.lines()[5], "atelier-cv-numerique");
}

#[test]
fn columns_choose_what_rows_show() {
    let env = imported();
    let out = env
        .run(&[
            "list",
            "--columns",
            "id,department,budget",
            "--theme",
            "ess",
        ])
        .expect(0);
    assert_eq!(
        out.lines(),
        vec!["club-rh-associations\t67\t", "pacte-ess\t68\t153000"]
    );
    let out = env
        .run(&[
            "list",
            "-c",
            "id,publics",
            "--format",
            "csv",
            "--theme",
            "gptec",
            "--limit",
            "1",
        ])
        .expect(0);
    assert_eq!(
        out.stdout,
        "id,publics\nclub-rh-associations,structures-ess | salaries\n"
    );
    let out = env.run(&["list", "--columns", "id,titre"]).expect(2);
    assert!(
        out.stderr
            .contains("unknown column `titre`: did you mean title?"),
        "{}",
        out.stderr
    );
}

#[test]
fn yaml_and_ids_formats() {
    let env = imported();
    let out = env
        .run(&["list", "--theme", "ess", "--format", "ids"])
        .expect(0);
    assert_eq!(out.stdout, "club-rh-associations\npacte-ess\n");
    let out = env
        .run(&["list", "--theme", "ess", "--format", "yaml"])
        .expect(0);
    let rows: Vec<serde_json::Value> = yaml_serde::from_str(&out.stdout).unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1]["budget"], 153_000);
    assert_eq!(rows[1]["department"], "68");
}

#[test]
fn bad_filter_values_are_usage_errors() {
    let env = imported();
    for (args, message) in [
        (
            vec!["list", "--year", "deux mille"],
            "--year: `deux mille` is not a year",
        ),
        (
            vec!["list", "--department", "20"],
            "--department: `20` is no longer a department",
        ),
        (
            vec!["list", "--updated-since", "hier"],
            "--updated-since: `hier` is not a date",
        ),
        (vec!["list", "--sort", "taille"], "invalid value 'taille'"),
    ] {
        let out = env.run(&args).expect(2);
        assert!(out.stderr.contains(message), "{args:?}: {}", out.stderr);
    }
}
