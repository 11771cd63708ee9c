//! The binary on a real pseudo-terminal (through util-linux `script`), at
//! the sizes people use: the default table, the pager.

use crate::env::{TestEnv, imported};

/// Runs pacte on a pseudo-terminal of `columns` × `rows`; what it printed,
/// line ends as written by the program.
fn on_terminal(env: &TestEnv, columns: u16, rows: u16, args: &str, pager: &str) -> String {
    let line = format!(
        "stty cols {columns} rows {rows}; {} {args}",
        env!("CARGO_BIN_EXE_pacte")
    );
    let out = std::process::Command::new("script")
        .args(["-qec", &line, "/dev/null"])
        .current_dir(env.root())
        .env("PACTE_DB", env.db())
        .env("NO_COLOR", "1")
        .env("PAGER", pager)
        .env_remove("COLUMNS")
        .output()
        .expect("util-linux `script` runs the binary on a pseudo-terminal");
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout).unwrap().replace("\r\n", "\n")
}

#[test]
fn list_on_a_terminal_is_one_line_per_sheet_at_its_width() {
    let env = imported();
    for columns in [60, 80, 120] {
        let text = on_terminal(&env, columns, 50, "list", "cat");
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 12, "{columns}:\n{text}");
        assert!(lines[0].starts_with("id "), "{text}");
        for line in lines {
            let width = unicode_width::UnicodeWidthStr::width(line);
            assert!(width <= usize::from(columns), "{columns}: {line:?}");
        }
    }
}

#[test]
fn show_taller_than_the_terminal_goes_through_the_pager() {
    let env = imported();
    let marker = env.path("paged.txt");
    let pager = format!("cat > '{}'", marker.display());
    let shown = on_terminal(&env, 80, 10, "show pacte-ess", &pager);
    assert!(shown.is_empty(), "{shown}");
    let through_pager = std::fs::read_to_string(&marker).unwrap();
    assert!(
        through_pager.contains("PRÉSENTATION GÉNÉRALE"),
        "{through_pager}"
    );
    std::fs::remove_file(&marker).unwrap();
    let direct = on_terminal(&env, 80, 10, "show pacte-ess --no-pager", &pager);
    assert!(direct.contains("PRÉSENTATION GÉNÉRALE"));
    assert!(!marker.exists());
    // A sheet that fits the screen is printed, not paged.
    let tall = on_terminal(&env, 80, 400, "show pacte-ess", &pager);
    assert!(tall.contains("PRÉSENTATION GÉNÉRALE"));
    assert!(!marker.exists());
}
