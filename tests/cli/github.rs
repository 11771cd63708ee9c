//! `pacte validate --format github`: workflow commands that annotate the
//! lines of a pull request, escaped as the runner's syntax requires.

use crate::env::{TestEnv, minimal_sheet};

#[test]
fn errors_and_warnings_become_workflow_commands_with_escaped_values() {
    let env = TestEnv::new();
    // A file name holding `,` and `:`, a message holding `%` (the value's CR
    // and LF are cut from the excerpt a message quotes; their escaping is
    // tested with the escaping functions), and a message holding `,` and
    // `:` (left alone outside properties).
    let sheet = minimal_sheet("a").replace("themes: [ess]", "themes: [\"50%\\r\\nbad\"]")
        + "contacts: [{name: X, email: \"x,y:z\"}]\n";
    env.write("sheets/a,b:c.yaml", sheet);
    let out = env
        .run(&["validate", "--format", "github", "sheets"])
        .expect(1);
    assert_eq!(
        out.lines(),
        [
            "::error file=sheets/a%2Cb%3Ac.yaml,line=5,col=10,title=vocabulary::themes: \
             unknown theme `50%25…`: `pacte vocab` lists the known themes",
            "::warning file=sheets/a%2Cb%3Ac.yaml,line=8,col=29,title=email::contacts[1].email: \
             `x,y:z` does not look like an email address",
        ]
    );
    assert!(
        out.stderr.contains("1 error and 1 warning"),
        "{}",
        out.stderr
    );
}

#[test]
fn strict_turns_warnings_into_errors_and_unplaced_problems_have_no_line() {
    let env = TestEnv::new();
    let file = env.write(
        "w.yaml",
        minimal_sheet("w") + "contacts: [{name: X, email: nope}]\n",
    );
    let out = env
        .run(&["validate", "--format", "github", &file])
        .expect(0);
    assert!(out.stdout.starts_with("::warning file="), "{}", out.stdout);
    let out = env
        .run(&["validate", "--strict", "--format", "github", &file])
        .expect(1);
    assert!(out.stdout.starts_with("::error file="), "{}", out.stdout);

    env.write("empty/readme.txt", "not a sheet");
    let out = env
        .run(&["validate", "--format", "github", "empty"])
        .expect(1);
    assert_eq!(
        out.lines(),
        ["::error file=empty,title=input::the folder holds no .yaml or .yml file"]
    );
}

#[test]
fn valid_files_print_nothing() {
    let env = TestEnv::new();
    let sheets = env.examples();
    let out = env
        .run(&["validate", "--format", "github", &sheets])
        .expect(0);
    assert!(out.stdout.is_empty(), "{}", out.stdout);
}
