//! `pacte validate PATH...`: every finding about the files, no database.

use std::path::PathBuf;

use anyhow::Result;

use crate::cli::ValidateArgs;
use crate::exit::Exit;
use crate::render::{self, Format};
use crate::sheet::{Finding, Severity};

use super::Env;

pub struct Options {
    pub paths: Vec<PathBuf>,
    pub max_bytes: u64,
    pub strict: bool,
    pub format: Format,
}

impl From<ValidateArgs> for Options {
    fn from(args: ValidateArgs) -> Options {
        Options {
            paths: args.input.paths,
            max_bytes: args.input.max_size,
            strict: args.strict,
            format: args.format,
        }
    }
}

pub fn run(options: &Options, env: &mut Env) -> Result<Exit> {
    let reports = env.check_files(
        &options.paths,
        options.max_bytes,
        &crate::validate::check_everything,
    )?;
    let mut findings: Vec<Finding> = reports
        .iter()
        .flat_map(|r| r.findings.iter().cloned())
        .collect();
    if options.strict {
        for finding in &mut findings {
            finding.severity = Severity::Error;
        }
    }
    // The findings are this command's results: all of them are printed,
    // even with --quiet.
    let all: Vec<&Finding> = findings.iter().collect();
    let painter = env.out_painter();
    render::write_findings_as(env.out, &all, options.format, painter)?;
    let sheets: usize = reports.iter().map(|r| r.sheets.len()).sum();
    env.note(&format!(
        "{} checked, {} valid: {}",
        // Entries a folder walk passed over (a FIFO, a link out of the
        // folder) were not checked.
        render::plural(reports.iter().filter(|r| !r.skipped).count(), "file"),
        render::plural(sheets, "sheet"),
        render::tally(&findings)
    ))?;
    Ok(if findings.iter().any(Finding::is_error) {
        Exit::DataProblem
    } else {
        Exit::Success
    })
}
