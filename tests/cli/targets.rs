//! What `export --out` does to what stands at the target path: standard
//! output for `-`, a file replaced keeping its mode, links followed, pipes
//! written into, read-only folders refused, no temporary file left after an
//! interrupt; and standard output that cannot be written.

#![cfg(unix)]

use std::os::unix::fs::{MetadataExt, PermissionsExt, symlink};
use std::process::{Command, Stdio};

use crate::env::{TODAY, TestEnv, minimal_sheet};

fn with_sheets(count: usize) -> TestEnv {
    let env = TestEnv::new();
    let text: String = (0..count)
        .map(|i| format!("---\n{}", minimal_sheet(&format!("fiche-{i}"))))
        .collect();
    let file = env.write("all.yaml", text);
    env.run(&["import", &file]).expect(0);
    env
}

/// The real binary, not through the test harness, for set-ups that need
/// their own streams or signals.
fn pacte(env: &TestEnv, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_pacte"));
    command
        .args(args)
        .current_dir(env.root())
        .env("PACTE_DB", env.db())
        .env("PACTE_NOW", TODAY);
    command
}

#[test]
fn out_dash_is_standard_output() {
    let env = with_sheets(2);
    let out = env
        .run(&["export", "--format", "jsonl", "--out", "-"])
        .expect(0);
    assert_eq!(out.lines().len(), 2, "{}", out.stdout);
    assert!(!env.path("-").exists());
}

#[test]
fn a_private_file_stays_private_and_a_link_stays_a_link() {
    let env = with_sheets(2);
    let file = env.write("private.csv", "old");
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
    env.run(&["export", "--format", "csv", "--out", &file])
        .expect(0);
    let meta = std::fs::metadata(&file).unwrap();
    assert_eq!(meta.mode() & 0o777, 0o600);
    assert!(std::fs::read_to_string(&file).unwrap().contains("fiche-1"));

    symlink("private.csv", env.path("link.csv")).unwrap();
    env.run(&["export", "--format", "json", "--out", "link.csv"])
        .expect(0);
    let link = std::fs::symlink_metadata(env.path("link.csv")).unwrap();
    assert!(link.file_type().is_symlink());
    assert!(std::fs::read_to_string(&file).unwrap().starts_with('['));
    assert_eq!(std::fs::metadata(&file).unwrap().mode() & 0o777, 0o600);
}

#[test]
fn hard_links_keep_sharing_the_content() {
    let env = with_sheets(1);
    let file = env.write("a.yaml", "old");
    std::fs::hard_link(&file, env.path("b.yaml")).unwrap();
    env.run(&["export", "--out", &file]).expect(0);
    let b = std::fs::read_to_string(env.path("b.yaml")).unwrap();
    assert!(b.contains("id: fiche-0"), "{b}");
}

#[test]
fn a_pipe_is_written_into_not_replaced() {
    let env = with_sheets(2);
    let fifo = env.path("pipe");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    // The reader waits on its own thread; if the pipe were replaced it
    // would wait forever, so the test gives up after a while instead.
    let (sender, received) = std::sync::mpsc::channel();
    {
        let fifo = fifo.clone();
        std::thread::spawn(move || sender.send(std::fs::read_to_string(fifo).unwrap()));
    }
    env.run(&["export", "--format", "jsonl", "--out", "pipe"])
        .expect(0);
    let kind = std::fs::symlink_metadata(&fifo).unwrap().file_type();
    assert!(
        std::os::unix::fs::FileTypeExt::is_fifo(&kind),
        "the pipe was replaced"
    );
    let text = received
        .recv_timeout(std::time::Duration::from_secs(10))
        .expect("the export went into the pipe");
    assert_eq!(text.lines().count(), 2);
}

#[test]
fn a_folder_as_target_file_and_a_socket_are_refused() {
    let env = with_sheets(1);
    std::fs::create_dir(env.path("dir")).unwrap();
    let out = env
        .run(&["export", "--format", "csv", "--out", "dir"])
        .expect(2);
    assert!(out.stderr.contains("a folder receives"), "{}", out.stderr);
    let _socket = std::os::unix::net::UnixListener::bind(env.path("sock")).unwrap();
    let out = env
        .run(&["export", "--format", "csv", "--out", "sock"])
        .expect(1);
    assert!(out.stderr.contains("cannot write sock"), "{}", out.stderr);
    let kind = std::fs::symlink_metadata(env.path("sock"))
        .unwrap()
        .file_type();
    assert!(std::os::unix::fs::FileTypeExt::is_socket(&kind));
}

/// As root every folder is writable: the export then runs as `nobody`
/// through `setpriv`, so that the refusal is checked in CI too.
#[test]
fn a_read_only_folder_is_refused_and_its_file_left_alone() {
    let env = with_sheets(1);
    std::fs::create_dir(env.path("ro")).unwrap();
    let file = env.write("ro/out.csv", "old");
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o666)).unwrap();
    std::fs::set_permissions(env.path("ro"), std::fs::Permissions::from_mode(0o555)).unwrap();
    // The database (and its journal files) stay usable by `nobody`.
    std::fs::set_permissions(env.root(), std::fs::Permissions::from_mode(0o777)).unwrap();
    for entry in std::fs::read_dir(env.root()).unwrap() {
        let path = entry.unwrap().path();
        if path.to_string_lossy().contains("catalogue.db") {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o666)).unwrap();
        }
    }
    let root = std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0);
    let mut command = if root {
        let mut command = Command::new("setpriv");
        command
            .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
            .arg(env!("CARGO_BIN_EXE_pacte"));
        command
    } else {
        Command::new(env!("CARGO_BIN_EXE_pacte"))
    };
    let output = command
        .args(["export", "--format", "csv", "--out", "ro/out.csv"])
        .current_dir(env.root())
        .env("PACTE_DB", env.db())
        .env("PACTE_NOW", TODAY)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    if stderr.contains("database") {
        eprintln!("skipped: the database cannot be read as nobody here: {stderr}");
        return;
    }
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("cannot create a file in ro"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "old");
}

#[test]
fn an_interrupted_export_leaves_no_temporary_file() {
    let env = with_sheets(3000);
    std::fs::create_dir(env.path("out")).unwrap();
    let mut child = pacte(&env, &["export", "--out", "out/"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Interrupt once the first files are there, well before the last.
    let started = std::time::Instant::now();
    while std::fs::read_dir(env.path("out")).unwrap().count() < 20
        && started.elapsed().as_secs() < 20
    {
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    let pid = i32::try_from(child.id()).unwrap();
    // SAFETY: sends a signal to our own child.
    unsafe {
        libc::kill(pid, libc::SIGINT);
    }
    let status = child.wait().unwrap();
    let left: Vec<String> = std::fs::read_dir(env.path("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with('.'))
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
    let written = std::fs::read_dir(env.path("out")).unwrap().count();
    if written < 3000 {
        assert_eq!(status.code(), Some(130), "{status:?}");
    }
}

#[test]
fn a_full_standard_output_is_named() {
    let env = with_sheets(1);
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let output = pacte(&env, &["list"]).stdout(full).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("pacte: cannot write to standard output: No space left on device"),
        "{stderr}"
    );
}

#[test]
fn a_closed_pipe_stays_silent() {
    let env = with_sheets(3000);
    let mut child = pacte(&env, &["list"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
