//! Positioned YAML → validated, normalised [`Sheet`]s plus findings.
//!
//! Validation never stops at the first problem: it reports every finding of
//! every document of a file, each with its position. A file yields sheets
//! only when it has no error; the batch check adds the rules that span files
//! (an id used twice in one call).

mod batch;
pub mod fields;
mod reader;
mod rules;
mod sections;
mod sheet;

use std::path::Path;

use crate::parse::{Pos, Source, parse_documents};
use crate::sheet::{FIELDS, Finding, Severity, Sheet, Vocabularies};

pub use batch::{Places, check_batch, check_inputs, mark_duplicates};

/// Never skips: every file is parsed and checked.
pub fn check_everything(_hash: &str) -> bool {
    false
}

/// What validation needs besides the file: the vocabularies and today's date
/// (for the rules about the future and the past).
pub struct Context<'a> {
    pub vocabularies: &'a Vocabularies,
    pub today: jiff::civil::Date,
}

/// A validated sheet and where its document starts.
#[derive(Debug, Clone)]
pub struct Checked {
    pub sheet: Sheet,
    pub pos: Pos,
}

/// Everything found in one file.
#[derive(Debug, Clone)]
pub struct FileReport {
    pub file: String,
    /// The file's sheets; empty whenever `findings` holds an error.
    pub sheets: Vec<Checked>,
    pub findings: Vec<Finding>,
    /// The hash of the file's bytes (empty when it could not be read).
    pub hash: String,
    /// The file was not parsed: the caller's `skip` knew its bytes.
    pub skipped: bool,
}

impl FileReport {
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(Finding::is_error)
    }

    fn failed(
        file: String,
        line: usize,
        column: usize,
        code: &'static str,
        message: String,
    ) -> Self {
        FileReport {
            findings: vec![Finding {
                file: file.clone(),
                line,
                column,
                severity: Severity::Error,
                code,
                message,
            }],
            file,
            sheets: Vec::new(),
            hash: String::new(),
            skipped: false,
        }
    }
}

impl FileReport {
    /// An entry of a folder that was not read on purpose: one warning, no
    /// sheet, no hash. It counts as skipped, so the store records
    /// nothing for it.
    fn passed_over(file: String, message: String) -> Self {
        let mut report = FileReport::failed(file, 0, 0, "skipped", message);
        for finding in &mut report.findings {
            finding.severity = Severity::Warning;
        }
        report.skipped = true;
        report
    }
}

/// Tells whether a file may be left unparsed, given the hash of its bytes.
pub type Skip<'a> = &'a (dyn Fn(&str) -> bool + Sync);

/// Reads and checks one file (`-` for standard input).
pub fn check_path(path: &Path, max_bytes: u64, ctx: &Context, skip: Skip) -> FileReport {
    match Source::read(path, max_bytes) {
        Ok(source) => {
            if skip(&source.hash) {
                return FileReport {
                    file: source.name,
                    sheets: Vec::new(),
                    findings: Vec::new(),
                    hash: source.hash,
                    skipped: true,
                };
            }
            check_source(&source, ctx)
        }
        Err(err) => FileReport::failed(
            if path.as_os_str() == "-" {
                "<stdin>".to_owned()
            } else {
                path.display().to_string()
            },
            err.line,
            err.col,
            "encoding",
            err.message,
        ),
    }
}

/// Checks the text of one file.
pub fn check_source(source: &Source, ctx: &Context) -> FileReport {
    let mut r = reader::Reader::new(&source.name);
    let documents = match parse_documents(&source.text) {
        Ok(documents) => documents,
        Err(errors) => {
            for err in errors {
                r.error(err.pos, "syntax", err.message);
            }
            return FileReport {
                file: source.name.clone(),
                sheets: Vec::new(),
                findings: r.findings,
                hash: source.hash.clone(),
                skipped: false,
            };
        }
    };
    if documents.is_empty() {
        let required: Vec<String> = FIELDS
            .iter()
            .filter(|def| def.kind.required())
            .map(|def| format!("`{}`", def.name))
            .collect();
        let (last, first) = required
            .split_last()
            .map_or(("", &[][..]), |(l, f)| (l.as_str(), f));
        r.error(
            Pos { line: 1, col: 1 },
            "empty",
            format!(
                "the file holds no sheet: write at least {} and {last} (see `examples/sheets/`)",
                first.join(", ")
            ),
        );
    }
    let mut sheets = Vec::new();
    for document in &documents {
        if let Some(sheet) = sheet::read_sheet(&mut r, &document.root, ctx) {
            rules::check(&mut r, &sheet, document.root.pos, ctx.today);
            sheets.push(Checked {
                sheet,
                pos: document.root.pos,
            });
        }
    }
    if r.error_count() > 0 {
        sheets.clear();
    }
    // Reported in reading order; the sort is stable, so findings at one
    // place keep the order in which they were made.
    r.findings.sort_by_key(|f| (f.line, f.column));
    FileReport {
        file: source.name.clone(),
        sheets,
        findings: r.findings,
        hash: source.hash.clone(),
        skipped: false,
    }
}
