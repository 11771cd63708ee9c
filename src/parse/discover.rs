//! Turning the paths a user gives into the list of files to read.
//!
//! Folders are walked recursively in name order (so output is stable),
//! taking `*.yaml` and `*.yml` and skipping hidden entries such as `.git`.
//! `-` stands for standard input and is kept as given.

use std::path::{Path, PathBuf};

#[derive(Debug, Default)]
pub struct Expanded {
    pub files: Vec<PathBuf>,
    /// Paths that gave no file, with the reason, as `(path, message)`.
    pub problems: Vec<(String, String)>,
}

pub fn expand(paths: &[PathBuf]) -> Expanded {
    let mut expanded = Expanded::default();
    for path in paths {
        if path.as_os_str() != "-" && path.is_dir() {
            let before = expanded.files.len();
            walk(path, &mut expanded);
            if expanded.files.len() == before {
                expanded.problems.push((
                    path.display().to_string(),
                    "the folder holds no .yaml or .yml file".to_owned(),
                ));
            }
        } else {
            expanded.files.push(path.clone());
        }
    }
    // A file named twice (`pacte import a.yaml .`) is read once.
    let mut seen = std::collections::HashSet::new();
    expanded.files.retain(|file| {
        file.as_os_str() == "-"
            || seen.insert(std::fs::canonicalize(file).unwrap_or_else(|_| file.clone()))
    });
    expanded
}

fn walk(dir: &Path, expanded: &mut Expanded) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) => {
            expanded.problems.push((
                dir.display().to_string(),
                format!("cannot read the folder: {err}"),
            ));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| e.path())
        .collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            walk(&path, expanded);
        } else if path
            .file_name()
            .is_some_and(|n| n == crate::sheet::VOCABULARY_FILE)
        {
            // A catalogue's vocabulary, not a sheet.
        } else if path
            .extension()
            .is_some_and(|ext| ext.eq_ignore_ascii_case("yaml") || ext.eq_ignore_ascii_case("yml"))
        {
            expanded.files.push(path);
        }
    }
}
