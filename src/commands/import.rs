//! `pacte import PATH...`: validate every file, then store the sheets in one
//! transaction. Any error imports nothing, unless `--keep-going`, which
//! stores the files without errors and still exits 1.

use std::path::PathBuf;

use anyhow::Result;

use crate::cli::ImportArgs;
use crate::exit::Exit;
use crate::render;
use crate::sheet::Sheet;
use crate::validate::check_inputs;

use super::Env;

pub struct Options {
    pub paths: Vec<PathBuf>,
    pub max_bytes: u64,
    pub keep_going: bool,
    pub dry_run: bool,
}

impl From<ImportArgs> for Options {
    fn from(args: ImportArgs) -> Options {
        Options {
            paths: args.input.paths,
            max_bytes: args.input.max_size,
            keep_going: args.keep_going,
            dry_run: args.dry_run,
        }
    }
}

pub fn run(options: &Options, env: &mut Env) -> Result<Exit> {
    let reports = check_inputs(&options.paths, options.max_bytes, &env.context());
    let findings: Vec<_> = reports
        .iter()
        .flat_map(|r| r.findings.iter().cloned())
        .collect();
    let painter = env.err_painter();
    render::write_findings(env.err, &findings, painter)?;

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
    let sheets: Vec<(&Sheet, &str)> = reports
        .iter()
        .filter(|r| !r.has_errors())
        .flat_map(|r| r.sheets.iter().map(|c| (&c.sheet, r.file.as_str())))
        .collect();
    let mut store = env.open_store()?;
    let report = store.import(&sheets, options.dry_run)?;
    render::write_import_report(env.out, &report)?;
    writeln!(
        env.err,
        "{}",
        render::import_summary(&report, options.dry_run)
    )?;
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
