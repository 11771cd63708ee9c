//! Pipelines: ids from standard input, several ids, filters where a comma
//! means any of several values.

use crate::env::imported;

#[test]
fn show_takes_several_ids_and_ids_from_standard_input() {
    let env = imported();
    let ids = env
        .run(&["list", "--theme", "ess", "--format", "ids"])
        .expect(0)
        .stdout;
    assert_eq!(ids.lines().count(), 2, "{ids}");
    let piped = env.run_stdin(&["show", "-"], ids.clone()).expect(0);
    assert_eq!(piped.stdout.matches("PRÉSENTATION GÉNÉRALE").count(), 2);
    let named = env
        .run(&[
            "show",
            "pacte-ess",
            "club-rh-associations",
            "--format",
            "json",
        ])
        .expect(0);
    let sheets: serde_json::Value = serde_json::from_str(&named.stdout).unwrap();
    assert_eq!(sheets.as_array().unwrap().len(), 2);
    let yaml = env
        .run_stdin(&["show", "-", "--format", "yaml"], ids)
        .expect(0);
    assert_eq!(yaml.stdout.matches("\n---\n").count(), 1, "{}", yaml.stdout);
    // One id alone still gives one object.
    let one = env
        .run(&["show", "pacte-ess", "--format", "json"])
        .expect(0);
    assert!(one.stdout.starts_with('{'), "{}", one.stdout);
}

#[test]
fn an_empty_pipe_of_ids_is_no_error() {
    let env = imported();
    let out = env.run_stdin(&["show", "-"], "").expect(0);
    assert!(out.stdout.is_empty());
    let out = env.run_stdin(&["remove", "-", "--yes"], "").expect(0);
    assert!(out.stdout.is_empty());
    assert_eq!(env.sheet_count(), 11);
}

#[test]
fn a_missing_id_among_several_is_reported_and_the_others_shown() {
    let env = imported();
    let out = env.run(&["show", "pacte-ess", "pacte-es"]).expect(1);
    assert!(out.stdout.contains("PACTE ESS"), "{}", out.stdout);
    assert!(out.stderr.contains("`pacte-es`"), "{}", out.stderr);
}

#[test]
fn remove_reads_ids_from_standard_input() {
    let env = imported();
    let ids = env
        .run(&["list", "--status", "abandoned", "--format", "ids"])
        .expect(0)
        .stdout;
    let refused = env.run_stdin(&["remove", "-"], ids.clone()).expect(2);
    assert!(refused.stderr.contains("--yes"), "{}", refused.stderr);
    let out = env.run_stdin(&["remove", "-", "--yes"], ids).expect(0);
    assert_eq!(out.stdout, "removed\tobservatoire-emploi-vallee\n");
    assert_eq!(env.sheet_count(), 10);
}

#[test]
fn a_comma_means_any_of_several_in_every_filter() {
    let env = imported();
    let ids = |args: &[&str]| {
        let mut all = vec!["list"];
        all.extend(args);
        all.extend(["--format", "ids"]);
        env.run(&all).expect(0).stdout
    };
    for (flag, first, second) in [
        ("--funder", "FSE", "Agefiph"),
        ("--structure", "PLIE", "Réseau"),
        ("--territory", "Thur", "Plaine"),
        ("--partner", "SERFA", "Roule Ma Poule"),
        ("--year", "2013", "2022"),
    ] {
        let a = ids(&[flag, first]);
        let b = ids(&[flag, second]);
        let either = ids(&[flag, &format!("{first},{second}")]);
        assert!(!a.is_empty() && !b.is_empty(), "{flag}: {a:?} {b:?}");
        for id in a.lines().chain(b.lines()) {
            assert!(either.contains(id), "{flag} {first},{second}: {id} missing");
        }
    }
}

#[test]
fn empty_filter_values_are_usage_errors() {
    let env = imported();
    for flag in [
        "--theme",
        "--public",
        "--status",
        "--structure",
        "--territory",
        "--department",
        "--partner",
        "--funder",
        "--year",
        "--updated-since",
    ] {
        for value in ["", " ", ","] {
            let out = env.run(&["list", flag, value]).expect(2);
            assert!(
                out.stderr.contains(flag),
                "{flag} {value:?}: {}",
                out.stderr
            );
        }
    }
}

#[test]
fn an_empty_result_says_why_on_standard_error_only() {
    let env = imported();
    let out = env
        .run(&["list", "--theme", "iae", "--status", "planned"])
        .expect(0);
    assert!(out.stdout.is_empty());
    assert_eq!(
        out.stderr,
        "pacte: no sheet matches these filters; 11 in the catalogue\n"
    );
    let out = env.run(&["search", "zzzzz"]).expect(0);
    assert!(out.stdout.is_empty());
    assert!(
        out.stderr.contains("no sheet matches this search"),
        "{}",
        out.stderr
    );
    let quiet = env
        .run(&["list", "--theme", "iae", "--status", "planned", "-q"])
        .expect(0);
    assert!(quiet.stderr.is_empty(), "{}", quiet.stderr);
    // No catalogue yet at the default place: an empty catalogue.
    let empty = crate::env::TestEnv::new();
    let mut command = empty.command(&["list"]);
    command.env_remove("PACTE_DB");
    let out = empty.run_with(command, None).expect(0);
    assert!(out.stdout.is_empty());
    assert!(
        out.stderr.contains("pacte import examples/sheets"),
        "{}",
        out.stderr
    );
}

#[test]
fn json_rows_leave_absent_values_out() {
    let env = imported();
    let out = env
        .run(&["list", "--format", "jsonl", "--theme", "acces-emploi"])
        .expect(0);
    let without = out
        .lines()
        .into_iter()
        .find(|l| l.contains("atelier-cv-numerique"))
        .unwrap()
        .to_owned();
    assert!(!without.contains("\"publics\":[]"), "{without}");
    assert!(!without.contains("null"), "{without}");
}

#[test]
fn new_creates_the_folder_it_writes_into() {
    let env = crate::env::TestEnv::new();
    let path = env.path("sheets/2026/mon-action.yaml");
    env.run(&["new", "mon-action", "--out", &path.display().to_string()])
        .expect(0);
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("id: mon-action")
    );
}

#[test]
fn db_info_shows_the_schema_it_holds_and_times_to_the_second() {
    let env = imported();
    let text = env.run(&["db", "info"]).expect(0).stdout;
    let json = env
        .run(&["db", "info", "--format", "json"])
        .expect(0)
        .stdout;
    let info: serde_json::Value = serde_json::from_str(&json).unwrap();
    let version = info["schema_version"].as_i64().unwrap();
    assert!(
        text.contains(&format!("schema version: {version}\n")),
        "{text}"
    );
    let last = text
        .lines()
        .find_map(|l| l.strip_prefix("last import: "))
        .unwrap();
    assert!(!last.contains('.'), "{last}");
    assert!(last.ends_with('Z') && last.len() == 20, "{last}");
}
