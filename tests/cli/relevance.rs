//! Ranking quality on a small relevance collection (`tests/relevance/`):
//! invented sheets and queries of twelve kinds, each with the sheets a reader
//! would expect. The test computes the mean reciprocal rank and the recall
//! in the first ten hits, prints them per kind, and fails below floors set
//! from measurements (`bench/RELEVANCE.md`).

use std::collections::BTreeMap;
use std::path::Path;

use unicode_normalization::UnicodeNormalization;

use crate::env::TestEnv;

const FLOOR_MRR: f64 = 0.92;
const FLOOR_RECALL: f64 = 0.92;
const MAX_EMPTY: usize = 1;

struct Case {
    kind: String,
    query: String,
    relevant: Vec<String>,
}

fn collection() -> Vec<Case> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/relevance/queries.tsv");
    let text = std::fs::read_to_string(path).expect("queries.tsv");
    text.lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!(fields.len(), 3, "{line}");
            let query = if fields[0] == "decomposed" {
                fields[1].nfd().collect()
            } else {
                fields[1].to_owned()
            };
            Case {
                kind: fields[0].to_owned(),
                query,
                relevant: fields[2].split(' ').map(str::to_owned).collect(),
            }
        })
        .collect()
}

/// Sums per kind: queries, reciprocal ranks, recalls, queries with nothing
/// relevant in the first ten.
#[derive(Default)]
struct Tally {
    queries: usize,
    reciprocal: f64,
    recall: f64,
    empty: usize,
}

#[allow(clippy::cast_precision_loss)] // a few dozen queries
fn measure(env: &TestEnv, case: &Case) -> (f64, f64) {
    let out = env
        .run(&[
            "search",
            "--format",
            "ids",
            "--limit",
            "10",
            "--",
            &case.query,
        ])
        .expect(0);
    let found: Vec<&str> = out.lines();
    let first = found
        .iter()
        .position(|id| case.relevant.iter().any(|r| r == id));
    let reciprocal = first.map_or(0.0, |rank| 1.0 / (rank + 1) as f64);
    let hits = case
        .relevant
        .iter()
        .filter(|r| found.contains(&r.as_str()))
        .count();
    let recall = hits as f64 / case.relevant.len().min(10) as f64;
    if first != Some(0) {
        eprintln!("{:<11} {:<45} → {found:?}", case.kind, case.query);
    }
    (reciprocal, recall)
}

#[test]
#[allow(clippy::cast_precision_loss)]
fn ranking_meets_the_measured_floors() {
    let env = TestEnv::new();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/relevance");
    let a = std::fs::read_to_string(dir.join("sheets-a.yaml")).expect("sheets-a");
    let b = std::fs::read_to_string(dir.join("sheets-b.yaml")).expect("sheets-b");
    let c = std::fs::read_to_string(dir.join("sheets-c.yaml")).expect("sheets-c");
    // Part B is stored decomposed, as some macOS tools save text.
    let b: String = b.nfd().collect();
    env.write("sheets/a.yaml", a);
    env.write("sheets/b.yaml", b);
    env.write("sheets/c.yaml", c);
    env.run(&["import", &env.path("sheets").display().to_string()])
        .expect(0);

    let cases = collection();
    let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
    for case in &cases {
        let (reciprocal, recall) = measure(&env, case);
        for key in [case.kind.clone(), "all".to_owned()] {
            let tally = tallies.entry(key).or_default();
            tally.queries += 1;
            tally.reciprocal += reciprocal;
            tally.recall += recall;
            tally.empty += usize::from(reciprocal == 0.0);
        }
    }
    eprintln!("| kind | queries | MRR | recall@10 | nothing relevant |");
    eprintln!("|---|---|---|---|---|");
    for (kind, t) in &tallies {
        let n = t.queries as f64;
        eprintln!(
            "| {kind} | {} | {:.2} | {:.2} | {} |",
            t.queries,
            t.reciprocal / n,
            t.recall / n,
            t.empty
        );
    }
    let all = &tallies["all"];
    let n = all.queries as f64;
    assert!(all.queries >= 40);
    assert!(
        all.reciprocal / n >= FLOOR_MRR,
        "MRR fell below {FLOOR_MRR}"
    );
    assert!(
        all.recall / n >= FLOOR_RECALL,
        "recall@10 fell below {FLOOR_RECALL}"
    );
    assert!(
        all.empty <= MAX_EMPTY,
        "{} queries found nothing relevant",
        all.empty
    );
}
