//! The sheet files of a git revision, for `diff git:REV[:FOLDER]`, taken
//! out into a private folder where the walk then reads them.
//!
//! Invariants: only what a folder walk would read is taken out — regular
//! files (git modes 100644 and 100755) named `*.yaml` or `*.yml`, outside
//! hidden folders, and the catalogue's vocabulary file; a committed
//! symbolic link is never written (it is reported, so a vocabulary link is
//! said, not silently ignored), nor a submodule; a file over the size limit
//! is refused before its content is read. Files are written through the
//! output tree, so nothing lands outside the private folder.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};

use anyhow::{Context, Result, bail};

use crate::output::{Tree, plain_parts};

use super::VOCABULARY_FILE;

/// What was left out of a revision, as `(path, reason)`.
#[derive(Debug, Default)]
pub struct Extracted {
    pub files: usize,
    pub skipped: Vec<(String, String)>,
}

/// One entry of `git ls-tree`.
struct Entry {
    mode: String,
    object: String,
    size: Option<u64>,
    path: String,
}

/// Takes the sheet files of `rev` (a revision, or `REV:FOLDER`) out into
/// the folder `into`.
pub fn extract(rev: &str, into: &Path, max_bytes: u64) -> Result<Extracted> {
    let listing = Command::new("git")
        .args(["ls-tree", "-r", "-l", "-z", rev, "--"])
        .stdin(Stdio::null())
        .output()
        .context("cannot run git: is it installed and on the PATH?")?;
    if !listing.status.success() {
        bail!(
            "git:{rev}: {}",
            crate::chars::excerpt(String::from_utf8_lossy(&listing.stderr).trim())
        );
    }
    let mut extracted = Extracted::default();
    let mut wanted = Vec::new();
    for record in listing.stdout.split(|b| *b == 0).filter(|r| !r.is_empty()) {
        let record = String::from_utf8_lossy(record);
        let Some(entry) = parse_entry(&record) else {
            continue;
        };
        if !is_wanted_name(&entry.path) {
            continue;
        }
        match entry.mode.as_str() {
            "100644" | "100755" => {}
            "120000" => {
                extracted.skipped.push((
                    entry.path,
                    "a symbolic link in the revision: not read".to_owned(),
                ));
                continue;
            }
            _ => continue,
        }
        if entry.size.is_some_and(|size| size > max_bytes) {
            bail!(
                "git:{rev}: {} is larger than the limit of {max_bytes} bytes; \
                 raise the limit with --max-size",
                crate::chars::excerpt(&entry.path)
            );
        }
        wanted.push(entry);
    }
    let tree = Tree::open(into, false)?;
    write_blobs(rev, &tree, &wanted, max_bytes)?;
    extracted.files = wanted.len();
    Ok(extracted)
}

/// `MODE TYPE OBJECT SIZE\tPATH`.
fn parse_entry(record: &str) -> Option<Entry> {
    let (head, path) = record.split_once('\t')?;
    let mut fields = head.split_whitespace();
    let mode = fields.next()?.to_owned();
    let kind = fields.next()?;
    let object = fields.next()?.to_owned();
    let size = fields.next().and_then(|s| s.parse().ok());
    (kind == "blob").then(|| Entry {
        mode,
        object,
        size,
        path: path.to_owned(),
    })
}

/// A sheet file or the top vocabulary file, outside hidden folders, as a
/// plain relative path.
fn is_wanted_name(path: &str) -> bool {
    let Some(parts) = plain_parts(path) else {
        return false;
    };
    if parts.iter().any(|p| p.starts_with('.')) {
        return false;
    }
    let name = parts.last().copied().unwrap_or_default();
    let is_sheet = Path::new(name)
        .extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("yaml") || ext.eq_ignore_ascii_case("yml"));
    path == VOCABULARY_FILE || (name != VOCABULARY_FILE && is_sheet)
}

/// Reads the wanted blobs through one `git cat-file --batch` and writes
/// each into the tree.
fn write_blobs(rev: &str, tree: &Tree, wanted: &[Entry], max_bytes: u64) -> Result<()> {
    if wanted.is_empty() {
        return Ok(());
    }
    let mut git = Command::new("git")
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .context("cannot run git: is it installed and on the PATH?")?;
    let mut stdin = git.stdin.take().context("cannot write to git")?;
    let objects: Vec<String> = wanted.iter().map(|e| e.object.clone()).collect();
    // Written from another thread: git answers while it reads, and both
    // pipes would fill otherwise.
    let feeder = std::thread::spawn(move || {
        for object in objects {
            if writeln!(stdin, "{object}").is_err() {
                break;
            }
        }
    });
    let mut answers = BufReader::new(git.stdout.take().context("cannot read from git")?);
    let result = (|| -> Result<()> {
        for entry in wanted {
            let mut header = String::new();
            answers.read_line(&mut header)?;
            let size: u64 = header
                .split_whitespace()
                .nth(2)
                .and_then(|s| s.parse().ok())
                .with_context(|| format!("git:{rev}: cannot read {}", entry.path))?;
            if size > max_bytes {
                bail!("git:{rev}: {} is larger than the limit", entry.path);
            }
            let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
            (&mut answers).take(size).read_to_end(&mut bytes)?;
            let mut newline = [0u8; 1];
            answers.read_exact(&mut newline)?;
            tree.create_new(&entry.path, &bytes)?;
        }
        Ok(())
    })();
    drop(answers);
    let _ = feeder.join();
    let _ = git.wait();
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_sheet_files_and_the_vocabulary_are_wanted() {
        for path in ["a.yaml", "sub/b.YML", "vocabulary.yaml"] {
            assert!(is_wanted_name(path), "{path}");
        }
        for path in [
            "README.md",
            ".github/ci.yaml",
            "sub/vocabulary.yaml",
            "../x.yaml",
            "a/./b.yaml",
        ] {
            assert!(!is_wanted_name(path), "{path}");
        }
    }
}
