//! The sync against an in-memory store, on real files in a temporary folder.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::*;
use crate::sheet::Vocabularies;
use crate::store::Outcome;

fn sheet(id: &str) -> String {
    format!(
        "id: {id}\ntitle: Action {id}\nstructure: Maison de l'Emploi\nstatus: ongoing\n\
         themes: [ess]\nobjectives: [Tester]\ndescription: Une action.\n"
    )
}

struct Fixture {
    dir: tempfile::TempDir,
    store: Store,
    vocabularies: Vocabularies,
}

impl Fixture {
    fn new() -> Fixture {
        Fixture {
            dir: tempfile::tempdir().unwrap(),
            store: Store::open_in_memory().unwrap(),
            vocabularies: Vocabularies::builtin(),
        }
    }

    fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        path
    }

    fn sync_with(&mut self, paths: &[&Path], options: SyncOptions) -> SyncReport {
        let ctx = Context {
            vocabularies: &self.vocabularies,
            today: jiff::civil::date(2026, 6, 1),
        };
        let paths: Vec<PathBuf> = paths.iter().map(|p| p.to_path_buf()).collect();
        self.store
            .sync(&paths, &ctx, &options, &Progress::none())
            .unwrap()
    }

    fn sync(&mut self, paths: &[&Path]) -> SyncReport {
        self.sync_with(paths, OPTIONS)
    }

    fn outcomes(report: &SyncReport) -> Vec<(String, Outcome)> {
        let mut outcomes: Vec<_> = report
            .sheets
            .sheets
            .iter()
            .map(|s| (s.id.clone(), s.outcome))
            .collect();
        outcomes.sort_by(|a, b| a.0.cmp(&b.0));
        outcomes
    }

    fn ids(&self) -> Vec<String> {
        self.store.ids().unwrap()
    }
}

const OPTIONS: SyncOptions = SyncOptions {
    keep_going: false,
    dry_run: false,
    replace: false,
    max_bytes: crate::parse::DEFAULT_MAX_BYTES,
};

fn owned(pairs: &[(&str, Outcome)]) -> Vec<(String, Outcome)> {
    pairs.iter().map(|(id, o)| ((*id).to_owned(), *o)).collect()
}

#[test]
fn a_file_with_a_trusted_stamp_is_not_read_at_all() {
    let mut fixture = Fixture::new();
    let path = fixture.write("a.yaml", &sheet("a"));
    let meta = std::fs::metadata(&path).unwrap();
    let stamp = Stamp::of(&meta);
    let canonical = std::fs::canonicalize(&path).unwrap();
    let key = files::bytes(&canonical).to_vec();
    let known = |checked_ns| {
        files::ByPath::from_iter([(
            key.clone(),
            files::Known {
                name: String::new(),
                hash: "h".to_owned(),
                stamp,
                checked_ns,
            },
        )])
    };
    let items = read::classify(
        std::slice::from_ref(&path),
        Vec::new(),
        read::look_up(std::slice::from_ref(&path)),
        &known(i64::MAX / 2),
        false,
    );
    assert_eq!(items[0].state, State::Unchanged);
    // A recent stamp, or --replace, means reading it.
    let items = read::classify(
        std::slice::from_ref(&path),
        Vec::new(),
        read::look_up(std::slice::from_ref(&path)),
        &known(stamp.mtime_ns),
        false,
    );
    assert_eq!(items[0].state, State::Read);
    let items = read::classify(
        std::slice::from_ref(&path),
        Vec::new(),
        read::look_up(std::slice::from_ref(&path)),
        &known(i64::MAX / 2),
        true,
    );
    assert_eq!(items[0].state, State::Read);
    // An unchanged item is never opened: a path that cannot be read
    // yields no finding.
    let mut items = read::classify(
        std::slice::from_ref(&path),
        Vec::new(),
        read::look_up(std::slice::from_ref(&path)),
        &known(i64::MAX / 2),
        false,
    );
    items[0].given = fixture.dir.path().join("absent.yaml");
    let ctx = Context {
        vocabularies: &fixture.vocabularies,
        today: jiff::civil::date(2026, 6, 1),
    };
    let known = known(0);
    let inputs = pass::Inputs {
        items: &items,
        known: &known,
        gone: &[],
        ctx: &ctx,
        options: &OPTIONS,
        progress: &Progress::none(),
        walked: true,
        watch: &interrupt::Watch::start(),
    };
    let tx = fixture.store.conn.transaction().unwrap();
    let pass = pass::run(&tx, &inputs, &HashSet::new(), None).unwrap();
    assert!(
        pass.reports[0].findings.is_empty(),
        "{:?}",
        pass.reports[0].findings
    );
}

#[test]
fn unchanged_files_are_reported_unchanged_and_changes_are_seen() {
    let mut f = Fixture::new();
    let a = f.write("a.yaml", &format!("{}---\n{}", sheet("a1"), sheet("a2")));
    let report = f.sync(&[&a]);
    assert_eq!(
        Fixture::outcomes(&report),
        owned(&[("a1", Outcome::Added), ("a2", Outcome::Added)])
    );
    let report = f.sync(&[&a]);
    assert_eq!(
        Fixture::outcomes(&report),
        owned(&[("a1", Outcome::Unchanged), ("a2", Outcome::Unchanged)])
    );
    f.write("a.yaml", &sheet("a1").replace("Tester", "Changer"));
    let report = f.sync(&[&a]);
    assert_eq!(
        Fixture::outcomes(&report),
        owned(&[("a1", Outcome::Updated), ("a2", Outcome::Removed)])
    );
    assert_eq!(f.ids(), ["a1"]);
}

#[test]
fn an_id_held_by_another_file_is_refused_unless_replace() {
    let mut f = Fixture::new();
    let a = f.write("a.yaml", &sheet("x"));
    let b = f.write("b.yaml", &sheet("x"));
    f.sync(&[&a]);
    let report = f.sync(&[&b]);
    assert!(!report.stored);
    assert_eq!(report.failed, 1);
    let finding = &report.files[0].findings[0];
    assert_eq!(finding.code, "id-taken");
    assert!(finding.message.contains("a.yaml"), "{}", finding.message);
    let report = f.sync_with(
        &[&b],
        SyncOptions {
            replace: true,
            ..OPTIONS
        },
    );
    assert!(report.stored);
    assert_eq!(
        Fixture::outcomes(&report),
        owned(&[("x", Outcome::Updated)])
    );
}

#[test]
fn keep_going_stores_the_good_files_only() {
    let mut f = Fixture::new();
    let good = f.write("good.yaml", &sheet("good"));
    let bad = f.write("bad.yaml", "id: bad\n");
    let report = f.sync(&[&good, &bad]);
    assert!(!report.stored);
    assert!(f.ids().is_empty());
    let report = f.sync_with(
        &[&good, &bad],
        SyncOptions {
            keep_going: true,
            ..OPTIONS
        },
    );
    assert!(report.stored);
    assert_eq!(report.failed, 1);
    assert_eq!(f.ids(), ["good"]);
}

#[test]
fn a_dry_run_reports_the_same_outcomes_and_stores_nothing() {
    let mut f = Fixture::new();
    let a = f.write("a.yaml", &sheet("a"));
    let report = f.sync_with(
        &[&a],
        SyncOptions {
            dry_run: true,
            ..OPTIONS
        },
    );
    assert!(!report.stored);
    assert_eq!(Fixture::outcomes(&report), owned(&[("a", Outcome::Added)]));
    assert!(f.ids().is_empty());
}

#[test]
fn files_gone_from_a_folder_take_their_sheets_and_moves_are_allowed() {
    let mut f = Fixture::new();
    f.write("d/a.yaml", &sheet("a"));
    f.write("d/b.yaml", &sheet("b"));
    let folder = f.dir.path().join("d");
    f.sync(&[&folder]);
    std::fs::remove_file(folder.join("a.yaml")).unwrap();
    std::fs::rename(folder.join("b.yaml"), folder.join("c.yaml")).unwrap();
    let report = f.sync(&[&folder]);
    assert!(report.stored, "{:?}", report.files);
    assert_eq!(
        Fixture::outcomes(&report),
        owned(&[("a", Outcome::Removed), ("b", Outcome::Updated)])
    );
    assert_eq!(f.ids(), ["b"]);
}

/// Syncs `paths` counting the progress calls: (how many times counting
/// started, ticks).
fn sync_counting(
    f: &mut Fixture,
    paths: &[&Path],
    options: SyncOptions,
) -> (SyncReport, usize, usize) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let (starts, ticks) = (AtomicUsize::new(0), AtomicUsize::new(0));
    let ctx = Context {
        vocabularies: &f.vocabularies,
        today: jiff::civil::date(2026, 6, 1),
    };
    let progress = Progress {
        on_count: &|count| {
            assert_eq!(count, paths.len());
            starts.fetch_add(1, Ordering::SeqCst);
            ticks.store(0, Ordering::SeqCst);
        },
        tick: &|| {
            ticks.fetch_add(1, Ordering::SeqCst);
        },
    };
    let paths: Vec<PathBuf> = paths.iter().map(|p| p.to_path_buf()).collect();
    let report = f.store.sync(&paths, &ctx, &options, &progress).unwrap();
    (report, starts.into_inner(), ticks.into_inner())
}

#[test]
fn progress_counts_every_file_once_it_is_done() {
    let mut f = Fixture::new();
    let files: Vec<PathBuf> = (0..300)
        .map(|i| f.write(&format!("f{i:03}.yaml"), &sheet(&format!("s{i:03}"))))
        .collect();
    let paths: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    let (report, starts, ticks) = sync_counting(&mut f, &paths, OPTIONS);
    assert!(report.stored);
    assert_eq!((starts, ticks), (1, 300));
    // Unchanged files count too.
    let (_, starts, ticks) = sync_counting(&mut f, &paths, OPTIONS);
    assert_eq!((starts, ticks), (1, 300));
}

#[test]
fn keep_going_takes_back_a_written_file_refused_later_and_goes_again() {
    let mut f = Fixture::new();
    let mut files: Vec<PathBuf> = (0..300)
        .map(|i| f.write(&format!("f{i:03}.yaml"), &sheet(&format!("s{i:03}"))))
        .collect();
    files[3] = f.write("f003.yaml", &sheet("twin"));
    files[297] = f.write("f297.yaml", &sheet("twin"));
    let paths: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    let keep_going = SyncOptions {
        keep_going: true,
        ..OPTIONS
    };
    let (report, starts, ticks) = sync_counting(&mut f, &paths, keep_going);
    // The first pass wrote f003 before f297 came; the second refused it
    // from the start.
    assert_eq!((starts, ticks), (2, 300));
    assert!(report.stored);
    assert_eq!(report.failed, 2);
    for (index, other) in [(3, "f297.yaml:1"), (297, "f003.yaml:1")] {
        let finding = &report.files[index].findings[0];
        assert_eq!(finding.code, "duplicate-id");
        assert!(finding.message.contains(other), "{}", finding.message);
    }
    let ids = f.ids();
    assert_eq!(ids.len(), 298);
    assert!(!ids.contains(&"twin".to_owned()));
    assert_eq!(report.sheets.count(Outcome::Added), 298);
    // Without --keep-going, nothing is stored and no second pass is made.
    let mut g = Fixture::new();
    let files: Vec<PathBuf> = files
        .iter()
        .map(|p| {
            g.write(
                p.file_name().unwrap().to_str().unwrap(),
                &std::fs::read_to_string(p).unwrap(),
            )
        })
        .collect();
    let paths: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    let (report, starts, _) = sync_counting(&mut g, &paths, OPTIONS);
    assert_eq!(starts, 1);
    assert!(!report.stored);
    assert!(report.sheets.sheets.is_empty());
    assert!(g.ids().is_empty());
}

#[test]
fn an_id_claimed_twice_in_one_file_refuses_that_file() {
    let mut f = Fixture::new();
    let a = f.write("a.yaml", &format!("{}---\n{}", sheet("x"), sheet("x")));
    let b = f.write("b.yaml", &sheet("b"));
    let report = f.sync_with(
        &[&a, &b],
        SyncOptions {
            keep_going: true,
            ..OPTIONS
        },
    );
    assert_eq!(report.failed, 1);
    assert_eq!(report.files[0].findings[0].code, "duplicate-id");
    assert_eq!(f.ids(), ["b"]);
}

#[test]
fn removals_leave_no_rows_behind_and_foreign_keys_come_back_on() {
    let mut f = Fixture::new();
    let a = f.write(
        "s/a.yaml",
        &format!("{}---\n{}", sheet("a-1"), sheet("a-2")),
    );
    f.write("s/b.yaml", &sheet("b-1"));
    let folder = f.dir.path().join("s");
    f.sync(&[&folder]);
    std::fs::write(&a, sheet("a-1").replace("Action", "Changed")).unwrap();
    std::fs::remove_file(folder.join("b.yaml")).unwrap();
    let report = f.sync(&[&folder]);
    assert_eq!(
        Fixture::outcomes(&report),
        owned(&[
            ("a-1", Outcome::Updated),
            ("a-2", Outcome::Removed),
            ("b-1", Outcome::Removed)
        ])
    );
    let conn = &f.store.conn;
    let on: i64 = conn
        .query_row("PRAGMA foreign_keys", [], |row| row.get(0))
        .unwrap();
    assert_eq!(on, 1);
    let orphans: i64 = conn
        .query_row(
            "SELECT (SELECT count(*) FROM pragma_foreign_key_check)
                  + (SELECT count(*) FROM sheet_themes WHERE sheet_id <> 'a-1')
                  + (SELECT count(*) FROM sheet_bodies WHERE sheet_id <> 'a-1')",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(orphans, 0);
    assert_eq!(f.ids(), vec!["a-1"]);
}

#[test]
fn a_sheet_moved_to_a_file_written_earlier_stays() {
    let mut f = Fixture::new();
    f.write("m/b.yaml", &format!("{}---\n{}", sheet("x"), sheet("y")));
    let folder = f.dir.path().join("m");
    f.sync(&[&folder]);
    // `a.yaml` comes first: it takes `y` before `b.yaml`, which gave it up.
    f.write("m/a.yaml", &sheet("y"));
    f.write("m/b.yaml", &sheet("x").replace("Action", "Changed"));
    let report = f.sync(&[&folder]);
    assert!(report.stored, "{:?}", report.files);
    assert_eq!(
        Fixture::outcomes(&report),
        owned(&[("x", Outcome::Updated), ("y", Outcome::Updated)])
    );
    assert_eq!(f.ids(), ["x", "y"]);
}
