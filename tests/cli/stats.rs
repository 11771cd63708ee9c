use crate::env::TestEnv;

fn imported() -> TestEnv {
    let env = TestEnv::new();
    let sheets = env.examples();
    env.run(&["import", &sheets]).expect(0);
    env
}

fn counts(env: &TestEnv, args: &[&str]) -> Vec<(String, i64)> {
    let mut full = vec!["stats"];
    full.extend_from_slice(args);
    env.run(&full)
        .expect(0)
        .lines()
        .iter()
        .map(|line| {
            let mut cells = line.split('\t');
            (
                cells.next().unwrap().to_owned(),
                cells.next().unwrap().parse().unwrap(),
            )
        })
        .collect()
}

fn listed(env: &TestEnv, args: &[&str]) -> i64 {
    let mut full = vec!["list"];
    full.extend_from_slice(args);
    i64::try_from(env.run(&full).expect(0).lines().len()).unwrap()
}

#[test]
fn every_count_agrees_with_list() {
    let env = imported();
    for (facet, flag) in [
        ("theme", "--theme"),
        ("public", "--public"),
        ("status", "--status"),
        ("year", "--year"),
    ] {
        let found = counts(&env, &["--by", facet]);
        assert!(!found.is_empty(), "{facet}");
        for (value, count) in found {
            assert_eq!(listed(&env, &[flag, &value]), count, "{facet} {value}");
        }
    }
    for (value, count) in counts(&env, &["--by", "department"])
        .into_iter()
        .filter(|(v, _)| !v.is_empty())
    {
        assert_eq!(
            listed(&env, &["--department", &value]),
            count,
            "department {value}"
        );
    }
}

#[test]
fn filters_apply_to_statistics() {
    let env = imported();
    let by_status = counts(&env, &["--by", "status", "--theme", "ess,iae"]);
    let total: i64 = by_status.iter().map(|(_, n)| n).sum();
    assert_eq!(total, listed(&env, &["--theme", "ess,iae"]));
    assert_eq!(
        counts(
            &env,
            &["--by", "status", "--reproducible", "--status", "ongoing"]
        ),
        vec![("ongoing".to_owned(), 4)]
    );
    let with_none = counts(&env, &["--by", "department"]);
    let total: i64 = with_none.iter().map(|(_, n)| n).sum();
    assert_eq!(
        total, 11,
        "sheets without a department count under an empty value"
    );
}

#[test]
fn funders_merge_partners_and_funding_lines_and_sum_budgets() {
    let env = imported();
    let out = env
        .run(&["stats", "--by", "funder", "--sum", "budget"])
        .expect(0);
    assert!(out.lines().contains(&"FSE\t2\t249000"), "{}", out.stdout);
    assert!(
        out.lines()
            .contains(&"Conseil départemental du Doubs\t1\t210000.50"),
        "{}",
        out.stdout
    );
    let json = env
        .run(&[
            "stats", "--by", "theme", "--sum", "budget", "--format", "json",
        ])
        .expect(0);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&json.stdout).unwrap();
    let ess = rows.iter().find(|r| r["value"] == "ess").unwrap();
    assert_eq!(ess["label"], "Économie sociale et solidaire");
    assert_eq!(ess["sheets"], 2);
    assert_eq!(ess["budget"], 153_000);
}

#[test]
fn years_count_each_year_a_period_covers() {
    let env = imported();
    let years = counts(&env, &["--by", "year"]);
    let count = |year: &str| years.iter().find(|(y, _)| y == year).map_or(0, |(_, n)| *n);
    assert_eq!(count("2013"), 1);
    assert_eq!(count("2016"), 2);
    // Open periods run to the current year (fixed by the tests to 2026).
    assert_eq!(count("2026"), 4);
    assert_eq!(count("2028"), 1);
}

#[test]
fn the_table_has_bars() {
    let env = imported();
    let out = env
        .run(&["stats", "--by", "status", "--format", "table"])
        .expect(0);
    assert!(
        out.stdout.contains("████████████████████"),
        "{}",
        out.stdout
    );
    let csv = env
        .run(&["stats", "--by", "status", "--format", "csv"])
        .expect(0);
    let mut reader = csv::Reader::from_reader(csv.stdout.as_bytes());
    assert_eq!(reader.records().count(), 4);
}

#[test]
fn related_sheets_are_ranked_with_reasons() {
    let env = imported();
    let out = env
        .run(&["related", "pacte-ess", "--format", "json"])
        .expect(0);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(rows[0]["id"], "club-rh-associations");
    assert!(
        rows[0]["reason"]
            .as_str()
            .unwrap()
            .contains("themes: ess, gptec"),
        "{}",
        rows[0]
    );
    let scores: Vec<f64> = rows.iter().map(|r| r["score"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    assert!(rows.iter().all(|r| r["id"] != "pacte-ess"));
    let funders = rows
        .iter()
        .find(|r| r["id"] == "facilitateur-clauses-sud-alsace")
        .unwrap();
    assert!(
        funders["reason"].as_str().unwrap().contains("funders: FSE"),
        "{funders}"
    );
    let out = env
        .run(&["related", "pacte-ess", "--limit", "2", "--format", "ids"])
        .expect(0);
    assert_eq!(out.lines().len(), 2);
    let out = env.run(&["related", "pacte-es"]).expect(1);
    assert!(
        out.stderr.contains("did you mean pacte-ess?"),
        "{}",
        out.stderr
    );
}
