//! A small harness around the real `pacte` binary: a temporary directory
//! per test holding the files and the database, fixed environment (clock,
//! width, no colour preferences from the machine), and a hang guard.

use std::path::{Path, PathBuf};
use std::time::Duration;

use tempfile::TempDir;

pub const TODAY: &str = "2026-06-01";

pub struct TestEnv {
    dir: TempDir,
}

pub struct Output {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Output {
    /// Asserts the exit code, showing both streams when it differs.
    #[track_caller]
    pub fn expect(self, code: i32) -> Output {
        assert_eq!(
            self.code, code,
            "unexpected exit code\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout, self.stderr
        );
        self
    }

    pub fn lines(&self) -> Vec<&str> {
        self.stdout.lines().collect()
    }
}

impl TestEnv {
    pub fn new() -> TestEnv {
        TestEnv {
            dir: tempfile::tempdir().expect("temporary directory"),
        }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    pub fn db(&self) -> PathBuf {
        self.path("catalogue.db")
    }

    /// Writes a file (creating folders) and returns its path as a string.
    pub fn write(&self, relative: &str, contents: impl AsRef<[u8]>) -> String {
        let path = self.path(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create folder");
        }
        std::fs::write(&path, contents).expect("write file");
        path.display().to_string()
    }

    /// Copies the sample sheets into the test directory.
    pub fn examples(&self) -> String {
        let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/sheets");
        for entry in std::fs::read_dir(source).expect("examples/sheets") {
            let entry = entry.expect("entry");
            let name = entry.file_name();
            let contents = std::fs::read(entry.path()).expect("read example");
            self.write(&format!("sheets/{}", name.to_string_lossy()), contents);
        }
        self.path("sheets").display().to_string()
    }

    pub fn command(&self, args: &[&str]) -> assert_cmd::Command {
        let mut command = assert_cmd::Command::new(env!("CARGO_BIN_EXE_pacte"));
        command
            .args(args)
            .current_dir(self.root())
            .env("PACTE_DB", self.db())
            .env("PACTE_NOW", TODAY)
            .env("COLUMNS", "100")
            .env("HOME", self.root())
            .env("XDG_DATA_HOME", self.path("xdg-data"))
            .env_remove("NO_COLOR")
            .env_remove("TERM")
            .timeout(Duration::from_secs(20));
        command
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.run_with(self.command(args), None)
    }

    pub fn run_stdin(&self, args: &[&str], stdin: impl Into<Vec<u8>>) -> Output {
        self.run_with(self.command(args), Some(stdin.into()))
    }

    #[allow(clippy::unused_self)] // a method, so tests read `env.run_with(…)`
    pub fn run_with(&self, mut command: assert_cmd::Command, stdin: Option<Vec<u8>>) -> Output {
        if let Some(stdin) = stdin {
            command.write_stdin(stdin);
        }
        let output = command.output().expect("run pacte");
        let code = output.status.code().unwrap_or(-1);
        assert_ne!(
            code,
            101,
            "pacte panicked:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert_ne!(code, -1, "pacte was killed (hang or signal)");
        Output {
            code,
            stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
        }
    }

    /// Runs `pacte import` on each file at the same time, against this
    /// test's database, and asserts that every one succeeds.
    pub fn import_concurrently(&self, files: &[&str]) {
        use std::process::{Command, Stdio};
        let children: Vec<_> = files
            .iter()
            .map(|file| {
                Command::new(env!("CARGO_BIN_EXE_pacte"))
                    .args(["import", file])
                    .env("PACTE_DB", self.db())
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .expect("start pacte")
            })
            .collect();
        for child in children {
            let output = child.wait_with_output().expect("wait for pacte");
            assert_eq!(
                output.status.code(),
                Some(0),
                "{}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
    }

    /// Every row of every table, as text: two equal dumps mean equal content.
    pub fn dump(&self) -> String {
        self.dump_except("")
    }

    /// [`Self::dump`] without the time each file was last checked: a file
    /// written within the racy window of its stamp is read again by the next
    /// import and, once its stamp can be trusted, recorded as checked, so
    /// that column moves with the clock while nothing else may.
    pub fn dump_of_content(&self) -> String {
        self.dump_except("checked_ns")
    }

    fn dump_except(&self, skipped_column: &str) -> String {
        let conn = rusqlite::Connection::open(self.db()).expect("open database");
        let mut tables: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
            .unwrap()
            .query_map([], |row| row.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        tables.retain(|t| !t.starts_with("sqlite_"));
        let mut dump = String::new();
        for table in tables {
            let mut statement = conn
                .prepare(&format!("SELECT * FROM \"{table}\" ORDER BY 1, 2"))
                .unwrap();
            let columns: Vec<usize> = (0..statement.column_count())
                .filter(|&i| statement.column_name(i).is_ok_and(|n| n != skipped_column))
                .collect();
            let rows = statement
                .query_map([], |row| {
                    columns
                        .iter()
                        .map(|&i| row.get_ref(i).map(|v| format!("{v:?}")))
                        .collect::<Result<Vec<_>, _>>()
                })
                .unwrap();
            for row in rows {
                dump.push_str(&format!("{table}: {}\n", row.unwrap().join(" | ")));
            }
        }
        dump
    }

    /// Replaces `marker` by `c` in every text of the database, as a database
    /// written by an older pacte could hold text that validation now
    /// refuses. The stored JSON bodies get `c` as a JSON escape.
    pub fn plant(&self, marker: &str, c: char) {
        let conn = rusqlite::Connection::open(self.db()).expect("open database");
        let tables: Vec<String> = conn
            .prepare(
                "SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE '%VIRTUAL%'",
            )
            .unwrap()
            .query_map([], |row| row.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        for table in tables.iter().filter(|t| !t.starts_with("sqlite_")) {
            let columns: Vec<String> = conn
                .prepare(&format!(
                    "SELECT name FROM pragma_table_info('{table}') WHERE type = 'TEXT'"
                ))
                .unwrap()
                .query_map([], |row| row.get(0))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            for column in columns {
                let with = if table == "sheet_bodies" {
                    format!("\\u{:04x}", u32::from(c))
                } else {
                    c.to_string()
                };
                conn.execute(
                    &format!("UPDATE \"{table}\" SET \"{column}\" = replace(\"{column}\", ?1, ?2)"),
                    (marker, with),
                )
                .unwrap();
            }
        }
    }

    /// Sheets stored; 0 when no database was ever created.
    pub fn sheet_count(&self) -> i64 {
        if !self.db().exists() {
            return 0;
        }
        let conn = rusqlite::Connection::open(self.db()).expect("open database");
        conn.query_row("SELECT count(*) FROM sheets", [], |row| row.get(0))
            .unwrap()
    }
}

/// What the bash script asks `pacte` when the user presses tab.
pub fn complete(env: &TestEnv, words: &[&str]) -> Vec<String> {
    let mut command = env.command(&["--"]);
    command
        .args(words)
        .env("COMPLETE", "bash")
        .env("_CLAP_COMPLETE_INDEX", (words.len() - 1).to_string())
        .env("_CLAP_COMPLETE_COMP_TYPE", "9")
        .env("_CLAP_COMPLETE_SPACE", "true");
    let out = env.run_with(command, None).expect(0);
    out.stdout
        .split(['\u{b}', '\n'])
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A test environment with the sample sheets imported.
pub fn imported() -> TestEnv {
    let env = TestEnv::new();
    let sheets = env.examples();
    env.run(&["import", &sheets]).expect(0);
    env
}

/// A valid sheet with the given id, for tests that need many.
pub fn minimal_sheet(id: &str) -> String {
    format!(
        "id: {id}\ntitle: Action {id}\nstructure: Maison de l'Emploi de Test\nstatus: ongoing\n\
         themes: [ess]\nobjectives: [Tester]\ndescription: Une action de test.\n"
    )
}
