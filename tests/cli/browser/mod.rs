//! Browser tests: the site built by `pacte site`, served on 127.0.0.1 by a
//! small server thread, driven in headless Chromium through the DevTools
//! protocol (over a pipe, so no WebSocket library is needed).
//!
//! Without a browser these tests say they were skipped and pass, unless
//! `PACTE_BROWSER_TESTS=required` (as in CI), where a missing browser fails.

mod agreement;
mod cdp;
mod hostile;
mod pages;
mod readers;
mod search;
mod server;

use std::io::Write;
use std::path::PathBuf;
use std::process::Command;

/// Set to `required` to fail, instead of skipping, when no browser is found.
pub const REQUIRED_VARIABLE: &str = "PACTE_BROWSER_TESTS";

/// The Chromium to drive: `PACTE_CHROMIUM`, else `chromium` or
/// `chromium-browser` on the PATH.
pub fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("PACTE_CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| ["chromium", "chromium-browser"].map(|name| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

/// The browser, or `None` after saying the test is skipped; panics when
/// browser tests are required.
pub fn browser_or_skip(test: &str) -> Option<PathBuf> {
    let found = chromium();
    if found.is_none() {
        assert!(
            std::env::var(REQUIRED_VARIABLE).as_deref() != Ok("required"),
            "{REQUIRED_VARIABLE}=required but no Chromium was found (install the `chromium` package \
             or set PACTE_CHROMIUM)"
        );
        // Written to the process's standard error, which the test harness
        // does not capture, so the skip shows in every `cargo test` run.
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED browser test `{test}`: no Chromium found (install `chromium` or set \
             PACTE_CHROMIUM; {REQUIRED_VARIABLE}=required makes this a failure)"
        );
    }
    found
}

/// The flags every run of the browser gets: no sandbox (tests may run as
/// root in containers), nothing fetched behind our back, a fresh profile.
pub fn base_args(profile: &std::path::Path) -> Vec<String> {
    [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .chain([format!("--user-data-dir={}", profile.display())])
    .collect()
}

/// Prints a page to PDF with the browser's own printing and returns the
/// number of pages.
pub fn print_to_pdf(browser: &std::path::Path, url: &str, dir: &std::path::Path) -> usize {
    let pdf = dir.join("printed.pdf");
    let profile = tempfile::tempdir().expect("profile folder");
    let status = Command::new(browser)
        .args(base_args(profile.path()))
        .arg("--no-pdf-header-footer")
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("run chromium");
    assert!(status.success(), "chromium --print-to-pdf failed");
    let bytes = std::fs::read(&pdf).expect("the PDF");
    pdf_page_count(&bytes)
}

/// Pages of a PDF as Chromium writes it: one `/Type /Page` object each.
fn pdf_page_count(bytes: &[u8]) -> usize {
    let text = String::from_utf8_lossy(bytes);
    text.match_indices("/Type /Page")
        .filter(|(i, m)| !text[i + m.len()..].starts_with('s'))
        .count()
}
