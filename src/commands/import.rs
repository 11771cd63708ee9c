//! `pacte import PATH...`: validate every file, then store the sheets in one
//! transaction. Any error imports nothing, unless `--keep-going`, which
//! stores the files without errors and still exits 1.

use std::path::PathBuf;

use anyhow::Result;

use crate::cli::ImportArgs;
use crate::exit::Exit;
use crate::render;
use crate::sheet::Sheet;
use crate::store::Access;
use crate::validate::{FileReport, check_owners};

use super::Env;

pub struct Options {
    pub paths: Vec<PathBuf>,
    pub max_bytes: u64,
    pub keep_going: bool,
    pub dry_run: bool,
    pub replace: bool,
}

impl From<ImportArgs> for Options {
    fn from(args: ImportArgs) -> Options {
        Options {
            paths: args.input.paths,
            max_bytes: args.input.max_size,
            keep_going: args.keep_going,
            dry_run: args.dry_run,
            replace: args.replace,
        }
    }
}

pub fn run(options: &Options, env: &mut Env) -> Result<Exit> {
    let mut reports = env.check_files(&options.paths, options.max_bytes)?;
    let mut store = env.open_store(Access::Write)?;
    if !options.replace {
        let ids = reports
            .iter()
            .flat_map(|r| r.sheets.iter().map(|c| c.sheet.id.as_str()));
        let owners = store.owners(ids)?;
        check_owners(&mut reports, &owners);
    }
    let findings: Vec<_> = reports
        .iter()
        .flat_map(|r| r.findings.iter().cloned())
        .collect();
    let painter = env.err_painter();
    let shown = env.shown(&findings);
    render::write_findings(env.err, &shown, painter)?;

    let failed = reports.iter().filter(|r| r.has_errors()).count();
    if failed > 0 && !options.keep_going {
        writeln!(
            env.err,
            "pacte: nothing imported: {} in {} (fix them, or use --keep-going to import the valid files)",
            render::tally(&findings),
            render::plural(failed, "file"),
        )?;
        return Ok(Exit::DataProblem);
    }
    let accepted: Vec<&FileReport> = reports.iter().filter(|r| !r.has_errors()).collect();
    let sheets: Vec<(&Sheet, &str)> = accepted
        .iter()
        .flat_map(|r| r.sheets.iter().map(|c| (&c.sheet, r.source.as_str())))
        .collect();
    let mut report = store.import(&sheets, options.dry_run)?;
    // The store knows files by canonical path; people know them by the name
    // they typed.
    let typed = accepted
        .iter()
        .flat_map(|r| r.sheets.iter().map(|_| r.file.as_str()));
    for (imported, file) in report.sheets.iter_mut().zip(typed) {
        file.clone_into(&mut imported.source);
    }
    render::write_import_report(env.out, &report)?;
    env.note(&render::import_summary(&report, options.dry_run))?;
    if failed > 0 {
        writeln!(
            env.err,
            "pacte: {} not imported because of errors",
            render::plural(failed, "file")
        )?;
        return Ok(Exit::DataProblem);
    }
    Ok(Exit::Success)
}
