//! The catalogue and its files never disagree: races, source identity,
//! edits and removals that go through files, drift.

use std::os::unix::ffi::OsStrExt;
use std::process::{Command, Stdio};

use crate::env::{TestEnv, minimal_sheet};

/// Starts `pacte import FILE` for each file at once against `db`; returns
/// each exit code and standard error.
fn import_at_once(db: &std::path::Path, files: &[String]) -> Vec<(i32, String)> {
    let children: Vec<_> = files
        .iter()
        .map(|file| {
            Command::new(env!("CARGO_BIN_EXE_pacte"))
                .args(["import", file])
                .env("PACTE_DB", db)
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .expect("start pacte")
        })
        .collect();
    children
        .into_iter()
        .map(|child| {
            let output = child.wait_with_output().expect("wait for pacte");
            (
                output.status.code().unwrap_or(-1),
                String::from_utf8_lossy(&output.stderr).into_owned(),
            )
        })
        .collect()
}

#[test]
fn two_imports_claiming_one_id_exactly_one_wins() {
    let env = TestEnv::new();
    let files = vec![
        env.write("un/fiche.yaml", minimal_sheet("disputee")),
        env.write("deux/fiche.yaml", minimal_sheet("disputee")),
    ];
    let other = env.write("autre.yaml", minimal_sheet("autre"));
    for trial in 0..10 {
        let db = env.path(&format!("race-{trial}.db"));
        // The catalogue exists, so both start at once on equal terms.
        env.run(&["--db", db.to_str().unwrap(), "import", &other])
            .expect(0);
        let results = import_at_once(&db, &files);
        let won: Vec<_> = results.iter().filter(|(code, _)| *code == 0).collect();
        assert_eq!(won.len(), 1, "trial {trial}: {results:?}");
        let lost = results.iter().find(|(code, _)| *code != 0).unwrap();
        assert_eq!(lost.0, 1, "trial {trial}: {results:?}");
        assert!(
            lost.1.contains("already belongs to") && lost.1.contains("--replace"),
            "trial {trial}: {}",
            lost.1
        );
    }
}

#[test]
fn many_processes_can_start_on_a_catalogue_that_does_not_exist_yet() {
    let env = TestEnv::new();
    let files: Vec<String> = (0..5)
        .map(|i| env.write(&format!("f{i}.yaml"), minimal_sheet(&format!("s{i}"))))
        .collect();
    for trial in 0..8 {
        // The default place, where readers may come before the catalogue.
        let data = env.path(&format!("first-{trial}"));
        let start = |args: &[&str]| {
            Command::new(env!("CARGO_BIN_EXE_pacte"))
                .args(args)
                .env_remove("PACTE_DB")
                .env("HOME", &data)
                .env("XDG_DATA_HOME", &data)
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .expect("start pacte")
        };
        let mut children = Vec::new();
        for file in &files {
            children.push(start(&["import", file]));
            children.push(start(&["list"]));
        }
        for child in children {
            let output = child.wait_with_output().unwrap();
            assert_eq!(
                output.status.code(),
                Some(0),
                "trial {trial}: {}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
        let conn = rusqlite::Connection::open(data.join("pacte/pacte.db")).unwrap();
        let count: i64 = conn
            .query_row("SELECT count(*) FROM sheets", [], |r| r.get(0))
            .unwrap();
        assert_eq!(count, 5, "trial {trial}");
    }
}

#[test]
fn names_that_are_not_utf8_are_distinct_files_shown_escaped() {
    let env = TestEnv::new();
    let folder = env.path("noms");
    std::fs::create_dir_all(&folder).unwrap();
    for (byte, id) in [(0xff_u8, "nom-ff"), (0xfe, "nom-fe")] {
        let mut name = b"nom-".to_vec();
        name.push(byte);
        name.extend_from_slice(b".yaml");
        let path = folder.join(std::ffi::OsStr::from_bytes(&name));
        std::fs::write(path, minimal_sheet(id)).unwrap();
    }
    let dir = folder.to_str().unwrap();
    let out = env.run(&["import", dir]).expect(0);
    assert!(out.stderr.contains("2 added"), "{}", out.stderr);
    assert!(!out.stderr.contains("removed"), "{}", out.stderr);
    // A TSV cell doubles the backslash of the escape, as it does any other.
    assert!(out.stdout.contains("nom-\\\\xff.yaml"), "{}", out.stdout);
    assert!(out.stdout.contains("nom-\\\\xfe.yaml"), "{}", out.stdout);
    assert_eq!(env.sheet_count(), 2);
    let again = env.run(&["import", dir]).expect(0);
    assert!(
        again.stderr.contains("0 added, 0 updated, 2 unchanged"),
        "{}",
        again.stderr
    );
}

#[test]
fn a_file_is_the_same_file_from_any_folder_and_any_spelling() {
    let env = TestEnv::new();
    env.write("fiches/a.yaml", minimal_sheet("a"));
    env.write("ailleurs/.keep", "");
    env.run(&["import", "fiches/a.yaml"]).expect(0);
    let mut command = env.command(&["import", "../fiches/a.yaml"]);
    command.current_dir(env.path("ailleurs"));
    let out = env.run_with(command, None).expect(0);
    assert!(out.stdout.starts_with("unchanged\ta\t"), "{}", out.stdout);
    let out = env.run(&["import", "./fiches/../fiches/a.yaml"]).expect(0);
    assert!(out.stdout.starts_with("unchanged\ta\t"), "{}", out.stdout);
}

#[test]
fn a_sheet_may_move_from_one_file_to_another_in_one_import() {
    let env = TestEnv::new();
    env.write("s/a.yaml", minimal_sheet("voyageuse"));
    env.run(&["import", "s"]).expect(0);
    std::fs::rename(env.path("s/a.yaml"), env.path("s/b.yaml")).unwrap();
    let out = env.run(&["import", "s"]).expect(0);
    assert!(out.stdout.contains("s/b.yaml"), "{}", out.stdout);
    let status = env.run(&["db", "status"]).expect(0);
    assert_eq!(status.stdout, "", "{}", status.stderr);
}

#[test]
fn removing_a_sheet_still_in_its_file_says_the_next_import_brings_it_back() {
    let env = TestEnv::new();
    let text = format!(
        "{}---\n# garde\n{}",
        minimal_sheet("un"),
        minimal_sheet("deux")
    );
    let file = env.write("deux.yaml", &text);
    env.run(&["import", &file]).expect(0);
    let out = env.run(&["remove", "--yes", "deux"]).expect(0);
    assert!(
        out.stderr
            .contains("next import of that file brings it back"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("--from-file"), "{}", out.stderr);
    // Not silent: the drift report names the file, and import brings the
    // sheet back although the file's bytes did not change.
    let status = env.run(&["db", "status"]).expect(0);
    assert!(status.stdout.starts_with("behind\t"), "{}", status.stdout);
    let again = env.run(&["import", &file]).expect(0);
    assert!(again.stdout.contains("added\tdeux"), "{}", again.stdout);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
}

#[test]
fn remove_from_file_takes_out_only_that_document_or_the_lone_file() {
    let env = TestEnv::new();
    let un = format!("# le premier\n{}", minimal_sheet("un"));
    let trois = format!("# le dernier\n{}", minimal_sheet("trois"));
    let text = format!("{un}---\n{}---\n{trois}", minimal_sheet("deux"));
    let file = env.write("multi.yaml", &text);
    let lone = env.write("seule.yaml", minimal_sheet("seule"));
    env.run(&["import", &file, &lone]).expect(0);
    env.run(&["remove", "--yes", "--from-file", "deux", "seule"])
        .expect(0);
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        format!("{un}---\n{trois}")
    );
    assert!(!std::path::Path::new(&lone).exists());
    let ids = env.run(&["list", "--format", "ids"]).expect(0).stdout;
    assert_eq!(ids, "trois\nun\n");
    let again = env.run(&["import", &file]).expect(0);
    assert!(!again.stdout.contains("deux"), "{}", again.stdout);
    let status = env.run(&["db", "status"]).expect(0);
    assert_eq!(status.stdout, "");
}

#[test]
fn db_status_lists_changed_moved_deleted_and_new_files() {
    let env = TestEnv::new();
    env.write("s/change.yaml", minimal_sheet("change"));
    env.write("s/garde.yaml", minimal_sheet("garde"));
    env.write("s/part.yaml", minimal_sheet("part"));
    env.write("s/bouge.yaml", minimal_sheet("bouge"));
    env.run(&["import", "s"]).expect(0);
    let in_line = env.run(&["db", "status"]).expect(0);
    assert_eq!(in_line.stdout, "");
    assert!(in_line.stderr.contains("in line"), "{}", in_line.stderr);
    env.write(
        "s/change.yaml",
        minimal_sheet("change").replace("Tester", "Changer"),
    );
    std::fs::remove_file(env.path("s/part.yaml")).unwrap();
    std::fs::rename(env.path("s/bouge.yaml"), env.path("s/ici.yaml")).unwrap();
    env.write("s/neuve.yaml", minimal_sheet("neuve"));
    let root = std::fs::canonicalize(env.root()).unwrap();
    let at = |name: &str| root.join("s").join(name).display().to_string();
    let out = env.run(&["db", "status", "s"]).expect(0);
    let mut expected = vec![
        format!("changed\t{}\t", at("change.yaml")),
        format!("moved\t{}\t{}", at("bouge.yaml"), at("ici.yaml")),
        format!("new\t{}\t", at("neuve.yaml")),
        format!("deleted\t{}\t", at("part.yaml")),
    ];
    expected.sort_by_key(|line| line.split('\t').nth(1).unwrap().to_owned());
    assert_eq!(out.lines(), expected);
    // Without paths, a moved file can only be seen as deleted.
    let out = env.run(&["db", "status"]).expect(0);
    assert!(
        out.stdout
            .contains(&format!("deleted\t{}", at("bouge.yaml"))),
        "{}",
        out.stdout
    );
    // Importing the folder brings everything in line.
    env.run(&["import", "s"]).expect(0);
    assert_eq!(env.run(&["db", "status", "s"]).expect(0).stdout, "");
}
