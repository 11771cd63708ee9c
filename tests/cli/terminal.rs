//! The binary on a real pseudo-terminal (through util-linux `script`), at
//! the sizes people use: the default table, the pager.

use crate::env::{TestEnv, imported};

/// Runs pacte on a pseudo-terminal of `columns` × `rows`; what it printed,
/// line ends as written by the program. A run that hangs fails after a
/// minute.
fn on_terminal(env: &TestEnv, columns: u16, rows: u16, args: &str, pager: &str) -> String {
    let line = format!(
        "stty cols {columns} rows {rows}; timeout --foreground 60 {} {args}",
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

#[test]
fn the_import_report_is_a_table_on_a_terminal_and_tab_separated_when_piped() {
    let env = TestEnv::new();
    let long = "une-action-au-nom-assez-long-pour-etre-coupee-a-60-colonnes";
    env.write("sheets/a.yaml", crate::env::minimal_sheet(long));
    let text = on_terminal(&env, 60, 50, "-q import sheets", "cat");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(lines[0].starts_with("outcome  id"), "{text}");
    assert!(lines[1].starts_with("added  "), "{text}");
    assert!(lines[1].contains('…'), "a long id is cut: {text}");
    for line in &lines {
        assert!(
            unicode_width::UnicodeWidthStr::width(*line) <= 60,
            "{line:?}"
        );
    }
    std::fs::write(env.path("sheets/a.yaml"), crate::env::minimal_sheet("b")).unwrap();
    let piped = env.run(&["import", "sheets"]).expect(0).stdout;
    assert!(piped.starts_with("added\tb\t"), "{piped}");
    assert!(piped.contains(&format!("removed\t{long}\t")), "{piped}");
}

/// Regression: with standard error locked by the main thread, a worker
/// thread drawing the progress bar waited for it forever.
#[test]
fn import_with_a_progress_bar_on_a_terminal_finishes() {
    let env = TestEnv::new();
    for n in 0..40 {
        env.write(
            &format!("sheets/s{n}.yaml"),
            crate::env::minimal_sheet(&format!("s{n}")),
        );
    }
    let text = on_terminal(&env, 80, 40, "import sheets", "cat");
    assert!(text.contains("imported: 40 added"), "{text}");
}
