//! Nothing obeyed: no line of human output starts (after white space) with
//! what a CI runner reads as a command (`::` for GitHub Actions, `##[` and
//! `##vso[` for Azure Pipelines), whatever the sheets, files or arguments
//! hold. Such a line has its first character written `\u{3a}` or `\u{23}`.

use crate::env::{Output, TestEnv, minimal_sheet};

/// Every line that a runner would obey.
fn commands(text: &str) -> Vec<&str> {
    text.lines()
        .filter(|line| {
            let start = line.trim_start();
            start.starts_with("::") || start.starts_with("##[") || start.starts_with("##vso[")
        })
        .collect()
}

#[track_caller]
fn assert_nothing_obeyed(what: &str, out: &Output) {
    for (stream, text) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        let found = commands(text);
        assert!(found.is_empty(), "{what} ({stream}): {found:?} in\n{text}");
    }
}

/// Sheets whose text starts lines with runner commands: a funder spelt two
/// ways (so that review reports it), a structure, a title, a description
/// and an objective.
fn hostile(env: &TestEnv) -> String {
    let sheet = |id: &str, funder: &str| {
        minimal_sheet(id)
            .replace(
                "structure: Maison de l'Emploi de Test",
                "structure: \"::stop-commands::jeton\"",
            )
            .replace(
                "description: Une action de test.",
                "description: |\n  Une action de test.\n  ::error file=x::description\n\n  ##vso[task.setvariable variable=x]1\n\n  - ::add-mask::liste",
            )
            .replace("objectives: [Tester]", "objectives: [\"::warning::objectif\"]")
            + &format!("partners:\n  funders: [\"{funder}\"]\n")
    };
    env.write(
        "s/a.yaml",
        sheet("a", "::error file=x::Conseil départemental du Haut-Rhin"),
    );
    env.write(
        "s/b.yaml",
        sheet("b", "::error file=x::Conseil départemental du Haut-Rhin"),
    );
    env.write(
        "s/c.yaml",
        sheet("c", "::error file=x::Conseil Departemental Haut-Rhin"),
    );
    env.write(
        "s/d.yaml",
        minimal_sheet("d").replace("title: Action d", "title: \"##[error]titre\"")
            + "partners:\n  funders: [\"::add-mask::secret\"]\n",
    );
    "s".to_owned()
}

fn at(env: &TestEnv, width: u16, args: &[&str]) -> Output {
    let mut command = env.command(args);
    command.env("COLUMNS", width.to_string());
    env.run_with(command, None)
}

#[test]
fn no_human_output_reads_as_a_runner_command() {
    let env = TestEnv::new();
    let folder = hostile(&env);
    assert_nothing_obeyed("import", &env.run(&["import", &folder]).expect(0));
    let human: [&[&str]; 14] = [
        &["list"],
        &["list", "--format", "table"],
        &["list", "--format", "ids"],
        &["list", "-c", "structure,title"],
        &["search", "action"],
        &["search", "action", "--format", "table"],
        &["stats", "--by", "funder"],
        &["stats", "--by", "structure"],
        &["stats", "--by", "funder", "--format", "table"],
        &["stats", "--by", "structure", "--format", "ids"],
        &["show", "a", "c", "d", "--no-pager"],
        &["review"],
        &["vocab"],
        &["db", "status"],
    ];
    for args in human {
        for width in [40, 60, 80, 120] {
            let out = at(&env, width, args);
            assert_nothing_obeyed(&format!("{args:?} at {width}"), &out);
        }
    }
    // The review names the funder's two spellings, escaped.
    let review = at(&env, 120, &["review"]).expect(0).stdout;
    assert!(
        review.contains("  \\u{3a}:error file=x::Conseil départemental du Haut-Rhin (2 sheets)"),
        "{review}"
    );
    let stats = env.run(&["stats", "--by", "structure"]).expect(0).stdout;
    assert!(
        stats.starts_with("\\u{3a}:stop-commands::jeton\t3\n"),
        "{stats}"
    );
    let funders = env.run(&["stats", "--by", "funder"]).expect(0).stdout;
    assert!(
        funders.contains("\\u{3a}:add-mask::secret\t1\n"),
        "{funders}"
    );
}

#[test]
fn diff_validate_and_messages_obey_the_rule_too() {
    let env = TestEnv::new();
    let folder = hostile(&env);
    env.write("t/a.yaml", minimal_sheet("a"));
    for args in [
        &["diff", "t", folder.as_str()][..],
        &["diff", "t", folder.as_str(), "--format", "table"],
    ] {
        assert_nothing_obeyed(&format!("{args:?}"), &env.run(args).expect(0));
    }
    // A file named like a command, and a finding that quotes it.
    env.write("::error::x.yaml", "id: x\n");
    let out = env.run(&["validate", "::error::x.yaml"]).expect(1);
    assert_nothing_obeyed("validate", &out);
    assert!(
        out.stdout.starts_with("\\u{3a}:error::x.yaml:1:1: error"),
        "{}",
        out.stdout
    );
    // Messages start with `pacte: `; a usage error's other lines are
    // guarded too.
    env.run(&["import", &folder]).expect(0);
    // Markdown escapes its own way, with a backslash a reader does not see.
    let markdown = env.run(&["export", "--format", "markdown"]).expect(0);
    assert_nothing_obeyed("export --format markdown", &markdown);
    assert!(
        markdown.stdout.contains("\n\\::error file=x::description"),
        "{}",
        markdown.stdout
    );
    let args = ["diff", "t", folder.as_str(), "--format", "markdown"];
    assert_nothing_obeyed("diff --format markdown", &env.run(&args).expect(0));
    assert_nothing_obeyed("show", &env.run(&["show", "::error::x"]).expect(1));
    assert_nothing_obeyed("usage", &env.run(&["--::error::x"]).expect(2));
    // The GitHub format is meant to be obeyed, and escapes its own text.
    let github = env
        .run(&["validate", "--format", "github", "::error::x.yaml"])
        .expect(1);
    assert!(
        github
            .stdout
            .starts_with("::error file=%3A%3Aerror%3A%3Ax.yaml,"),
        "{}",
        github.stdout
    );
}
