//! The sync against an in-memory store, on real files in a temporary folder.

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
    let fixture = Fixture::new();
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
    let items = read::classify(std::slice::from_ref(&path), &known(i64::MAX / 2), false);
    assert_eq!(items[0].state, State::Unchanged);
    // A recent stamp, or --replace, means reading it.
    let items = read::classify(std::slice::from_ref(&path), &known(stamp.mtime_ns), false);
    assert_eq!(items[0].state, State::Read);
    let items = read::classify(std::slice::from_ref(&path), &known(i64::MAX / 2), true);
    assert_eq!(items[0].state, State::Read);
    // An unchanged item is never opened: a path that cannot be read
    // yields no finding.
    let mut items = read::classify(std::slice::from_ref(&path), &known(i64::MAX / 2), false);
    items[0].given = fixture.dir.path().join("absent.yaml");
    let ctx = Context {
        vocabularies: &fixture.vocabularies,
        today: jiff::civil::date(2026, 6, 1),
    };
    let reports = read::read_items(&mut items, &known(0), &ctx, &OPTIONS, &Progress::none());
    assert!(reports[0].findings.is_empty(), "{:?}", reports[0].findings);
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
