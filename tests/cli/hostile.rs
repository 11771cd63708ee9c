//! Every failure mode of bad input, from the fixture corpus in
//! `tests/fixtures/`: each gives its finding at its place, exit 1, no panic,
//! no hang (the harness kills a run after 20 s), and no raw control
//! character in the output.

use std::path::Path;

use crate::env::{Output, TestEnv, minimal_sheet};

/// (fixture, line, column, what the message must say)
const INVALID: &[(&str, usize, usize, &str)] = &[
    ("amount-three-decimals", 8, 17, "at most two decimals"),
    ("bad-id", 1, 5, "is not a valid id"),
    ("binary", 1, 1, "the file is binary"),
    ("blank-title", 2, 8, "`title` must not be empty"),
    ("boolean-oui", 8, 15, "must be true or false, not `oui`"),
    (
        "budget-without-total",
        9,
        3,
        "`budget.total` is missing (the funding lines add up to 149\u{202f}000 €)",
    ),
    (
        "c1-control",
        8,
        8,
        "`means` contains the control character U+009B",
    ),
    ("colon-in-list-item", 7, 5, "put the whole text in quotes"),
    (
        "contact-without-name",
        9,
        5,
        "`contacts[1].name` is missing",
    ),
    (
        "control-escape",
        2,
        8,
        "`title` contains the control character U+001B",
    ),
    (
        "control-in-link",
        9,
        24,
        "`links[1].url` contains the control character U+001B",
    ),
    (
        "control-raw",
        2,
        8,
        "`title` contains the control character U+001B",
    ),
    ("date-invalid", 8, 10, "not a day of the calendar"),
    ("date-timestamp", 8, 10, "a date has no time"),
    (
        "date-year-zero",
        8,
        10,
        "`0000-01-01` is not a date between 1900 and 2100",
    ),
    ("department-20", 8, 13, "write 2A or 2B"),
    (
        "department-plus",
        8,
        13,
        "`+5` is not a French department code",
    ),
    (
        "duplicate-key",
        8,
        1,
        "duplicate key `title` (first written at line 2)",
    ),
    ("empty-file", 1, 1, "the file holds no sheet"),
    ("fte-comma", 8, 12, "use a dot"),
    ("fte-negative", 8, 12, "is negative"),
    ("id-too-long", 1, 5, "keep it to 64"),
    ("latin1", 3, 31, "not valid UTF-8 (byte offset 62)"),
    (
        "line-separator",
        2,
        8,
        "line or paragraph separator (U+2028 or U+2029)",
    ),
    ("link-file", 9, 10, "`file:` links are not allowed"),
    (
        "link-javascript",
        9,
        24,
        "`javascript:` links are not allowed",
    ),
    (
        "link-without-scheme",
        9,
        10,
        "write `https://www.example.org`",
    ),
    ("list-for-text", 2, 8, "`title` should be text, not a list"),
    (
        "long-unknown-key",
        8,
        1,
        "unknown key `root:$6$Sel0123456789$HachageSec…`;",
    ),
    ("merge-key", 4, 3, "merge keys (`<<`) are not supported"),
    (
        "missing-required",
        1,
        1,
        "the required key `description` is missing",
    ),
    ("negative-amount", 11, 29, "cannot be negative"),
    ("not-a-mapping", 1, 1, "a sheet must be a mapping"),
    ("nul-escape", 2, 8, "NUL"),
    ("only-empty-documents", 1, 1, "the file holds no sheet"),
    (
        "period-order",
        8,
        28,
        "period.end (2012) is before period.start (2014)",
    ),
    (
        "same-id-twice-in-file",
        9,
        1,
        "the id `jumeau` is also used at",
    ),
    ("tabs", 7, 2, "replace the tabs with spaces"),
    (
        "tag-include",
        8,
        8,
        "tags like `!include` are not supported",
    ),
    ("tag-python", 8, 8, "`!!python/object:os.system`"),
    ("themes-empty", 5, 9, "at least one theme is required"),
    ("unclosed-quote", 2, 8, "invalid YAML"),
    (
        "unknown-key",
        2,
        1,
        "unknown key `titel`; did you mean `title`?",
    ),
    (
        "unknown-key-zero-width",
        8,
        1,
        "unknown key `territory\\u{200b}`; did you mean `territory`?",
    ),
    ("unknown-status", 4, 9, "unknown status `done`"),
    (
        "unknown-theme",
        5,
        10,
        "unknown theme `esss`: did you mean `ess`?",
    ),
    ("utf16", 1, 1, "convert it to UTF-8"),
    (
        "year-out-of-range",
        8,
        17,
        "not a year between 1900 and 2100",
    ),
    ("zero-width-title", 2, 8, "`title` must not be empty"),
];

const WARNINGS: &[(&str, usize, &str)] = &[
    ("bad-email", 9, "does not look like an email address"),
    ("bad-phone", 9, "does not look like a phone number"),
    (
        "duplicate-term",
        5,
        "names the theme `ess` again; it is kept once",
    ),
    (
        "funding-sum",
        9,
        "add up to 147\u{202f}000 €, not the total of 153\u{202f}000 €",
    ),
    ("future-update", 8, "2030-01-01 is in the future"),
    (
        "planned-in-the-past",
        1,
        "is planned but its period ended in 2012",
    ),
];

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
        .display()
        .to_string()
}

#[track_caller]
fn assert_safe(out: &Output) {
    for text in [&out.stdout, &out.stderr] {
        let raw = text
            .chars()
            .find(|c| c.is_control() && *c != '\n' && *c != '\t');
        assert_eq!(raw, None, "raw control character in output:\n{text}");
    }
}

#[test]
fn every_invalid_fixture_gives_its_finding() {
    let env = TestEnv::new();
    for (name, line, column, message) in INVALID {
        let file = fixture(&format!("invalid/{name}.yaml"));
        let out = env.run(&["validate", &file]).expect(1);
        let place = format!("{file}:{line}:{column}: error: ");
        let found = out
            .lines()
            .iter()
            .any(|l| l.starts_with(&place) && l.contains(message));
        assert!(
            found,
            "{name}: expected {place}…{message}\ngot:\n{}",
            out.stdout
        );
        assert_safe(&out);
    }
}

/// Files that once crashed pacte: each is checked and imported.
#[test]
fn inputs_that_crashed_are_checked() {
    let env = TestEnv::new();
    let dir = fixture("crash");
    let out = env.run(&["validate", &dir]).expect(0);
    assert_safe(&out);
    let out = env.run(&["import", "--keep-going", &dir]).expect(0);
    assert_eq!(out.lines().len(), 2, "{}", out.stdout);
}

#[test]
fn a_long_value_is_quoted_as_a_short_excerpt() {
    let env = TestEnv::new();
    let out = env
        .run(&["validate", &fixture("invalid/long-unknown-key.yaml")])
        .expect(1);
    assert!(!out.stdout.contains("QuiNeDoitPasFuir"), "{}", out.stdout);
}

#[test]
fn every_fixture_is_covered_by_the_table() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/invalid");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            e.unwrap()
                .path()
                .file_stem()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    let listed: Vec<&str> = INVALID.iter().map(|(name, ..)| *name).collect();
    assert_eq!(names, listed);
}

#[test]
fn warnings_leave_the_sheet_valid() {
    let env = TestEnv::new();
    for (name, line, message) in WARNINGS {
        let file = fixture(&format!("warnings/{name}.yaml"));
        let out = env.run(&["validate", &file]).expect(0);
        let place = format!("{file}:{line}:");
        let found = out
            .lines()
            .iter()
            .any(|l| l.starts_with(&place) && l.contains("warning: ") && l.contains(message));
        assert!(
            found,
            "{name}: expected {place}…{message}\ngot:\n{}",
            out.stdout
        );
        env.run(&["validate", "--strict", &file]).expect(1);
    }
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let env = TestEnv::new();
    let out = env.run(&["import", &fixture("bom.yaml")]).expect(0);
    assert!(
        out.stdout.starts_with("added\tavec-bom\t"),
        "{}",
        out.stdout
    );
}

#[test]
fn keep_going_lands_exactly_the_good_sheets_among_all_the_bad_ones() {
    let env = TestEnv::new();
    let good = env.write("good.yaml", minimal_sheet("bonne"));
    let bad = fixture("invalid");
    let out = env.run(&["import", &bad, &good]).expect(1);
    assert!(out.stderr.contains("nothing imported"), "{}", out.stderr);
    assert_eq!(env.sheet_count(), 0);
    let out = env.run(&["import", "--keep-going", &bad, &good]).expect(1);
    assert_eq!(out.lines(), vec![format!("added\tbonne\t{good}")]);
    assert_eq!(env.sheet_count(), 1);
    assert_safe(&out);
}

#[test]
fn alias_bombs_are_stopped() {
    let env = TestEnv::new();
    // The quiet kind: few aliases, each to one large string.
    let mut quiet =
        minimal_sheet("bombe") + &format!("means: &big \"{}\"\ntools: [", "x".repeat(100_000));
    quiet.push_str(&"*big, ".repeat(10_000));
    quiet.push_str("]\n");
    let file = env.write("quiet.yaml", quiet);
    let out = env.run(&["validate", &file]).expect(1);
    assert!(
        out.stdout
            .contains("aliases expand this document beyond 4 MiB"),
        "{}",
        out.stdout
    );

    // The classic kind: nested lists of aliases.
    let mut laughs = String::from("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (name, previous) in ["b", "c", "d", "e", "f", "g", "h", "i"]
        .iter()
        .zip(["a", "b", "c", "d", "e", "f", "g", "h"])
    {
        laughs.push_str(&format!(
            "{name}: &{name} [{}]\n",
            vec![format!("*{previous}"); 9].join(", ")
        ));
    }
    let file = env.write("laughs.yaml", laughs);
    let out = env.run(&["validate", &file]).expect(1);
    assert!(out.stdout.contains("aliases expand"), "{}", out.stdout);
}

#[test]
fn deep_nesting_is_refused() {
    let env = TestEnv::new();
    let file = env.write(
        "deep.yaml",
        format!("id: {}{}\n", "[".repeat(100_000), "]".repeat(100_000)),
    );
    let out = env.run(&["validate", &file]).expect(1);
    assert!(out.stdout.contains("nested too deeply"), "{}", out.stdout);
    let block: String = (0..200)
        .map(|depth| format!("{}k{depth}:\n", " ".repeat(depth)))
        .collect();
    let file = env.write("deep-block.yaml", block);
    let out = env.run(&["validate", &file]).expect(1);
    assert!(
        out.stdout.contains("nested more than 64 levels"),
        "{}",
        out.stdout
    );
}

#[test]
fn files_over_the_size_limit_are_refused_before_parsing() {
    let env = TestEnv::new();
    let big = minimal_sheet("grand") + &format!("means: \"{}\"\n", "é".repeat(600_000));
    let file = env.write("big.yaml", &big);
    let out = env.run(&["validate", &file]).expect(1);
    assert!(
        out.stdout
            .contains("larger than the limit of 1048576 bytes"),
        "{}",
        out.stdout
    );
    env.run(&["validate", "--max-size", "2000000", &file])
        .expect(0);
    let out = env.run_stdin(&["import", "-"], big).expect(1);
    assert!(
        out.stderr
            .contains("<stdin>:1:1: error: the file is larger than the limit"),
        "{}",
        out.stderr
    );
    let out = env
        .run_stdin(
            &["import", "--max-size", "100", "-"],
            minimal_sheet("petit"),
        )
        .expect(1);
    assert!(out.stderr.contains("limit of 100 bytes"), "{}", out.stderr);
}

#[test]
fn a_missing_file_is_reported_by_name() {
    let env = TestEnv::new();
    let out = env.run(&["validate", "nowhere.yaml"]).expect(1);
    assert!(
        out.stdout
            .starts_with("nowhere.yaml:1:1: error: cannot read the file"),
        "{}",
        out.stdout
    );
}

#[test]
fn vocabulary_codes_are_slugs_and_labels_plain_text() {
    let env = TestEnv::new();
    for (name, message) in [
        (
            "code-not-slug",
            "the theme code `economie, circulaire` is not a valid id",
        ),
        ("label-escape", "holds a control character or a line break"),
    ] {
        let file = fixture(&format!("vocabulary/{name}.yaml"));
        let out = env.run(&["--vocab", &file, "vocab"]).expect(1);
        assert!(out.stderr.contains(message), "{name}: {}", out.stderr);
        assert_safe(&out);
    }
}

/// Looking for the closest names costs the product of the lengths; a
/// megabyte-long unknown value once took minutes. The harness's 20-second
/// guard fails the test if it hangs again.
#[test]
fn huge_unknown_values_are_reported_without_hanging() {
    let env = TestEnv::new();
    let huge = "x".repeat(500_000);
    let sheet = format!(
        "id: a\ntitle: t\nstructure: s\nstatus: \"{huge}\"\nthemes: [\"{huge}\"]\n\
         objectives: [o]\ndescription: d\n"
    );
    let file = env.write("huge.yaml", sheet);
    let out = env.run(&["validate", &file]).expect(1);
    assert!(out.stdout.contains("unknown theme `xxxx"), "{}", out.stdout);
    assert!(out.stdout.len() < 2000, "{}", out.stdout.len());
}

/// Every value once counted all the findings so far: a file of many
/// warnings took quadratic time (20 000 contacts: 23 s). The harness's
/// 20-second guard fails the test if that comes back.
#[test]
fn many_warnings_are_reported_in_linear_time() {
    let env = TestEnv::new();
    let contacts: String = (0..25_000)
        .map(|_| "  - {name: a, phone: x, email: y}\n")
        .collect();
    let file = env.write(
        "many.yaml",
        minimal_sheet("many") + "contacts:\n" + &contacts,
    );
    let out = env.run(&["validate", &file]).expect(0);
    assert_eq!(out.lines().len(), 50_000);
}

/// Funding lines repeated through an alias add up past what 64 bits hold:
/// the sum saturates (debug builds panicked on the overflow) and the
/// message says only that it is more than the largest amount.
#[test]
fn funding_lines_beyond_any_total_do_not_overflow() {
    let env = TestEnv::new();
    let repeated = "*l, ".repeat(100_000);
    let sheet = minimal_sheet("gros")
        + "budget:\n  total: 1\n  funding: [&l {source: FSE, amount: 1000000000000}, "
        + &repeated
        + "]\n";
    let file = env.write("gros.yaml", sheet);
    let out = env.run(&["validate", &file]).expect(0);
    assert!(
        out.stdout
            .contains("add up to more than 1\u{202f}000\u{202f}000\u{202f}000\u{202f}000 €"),
        "{}",
        out.stdout
    );
}
