//! `pacte import PATH...`: validate every file, then store the sheets in one
//! transaction. Any error imports nothing, unless `--keep-going`, which
//! stores the files without errors and still exits 1.

use std::collections::HashMap;
use std::path::PathBuf;

use anyhow::Result;

use crate::cli::ImportArgs;
use crate::exit::Exit;
use crate::parallel;
use crate::parse::STDIN;
use crate::render;
use crate::sheet::Sheet;
use crate::store::{Access, Prepared};
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

/// How many files are prepared on every core between two writes: enough
/// to keep the cores busy, few enough to bound memory.
const FILES_PER_ROUND: usize = 256;

pub fn run(options: &Options, env: &mut Env) -> Result<Exit> {
    let mut store = env.open_store(Access::Write)?;
    // A file whose bytes are those last imported from the same place is not
    // parsed again. --replace reads everything, since it may move sheets
    // from one file to another.
    let known = if options.replace {
        HashMap::new()
    } else {
        store.file_hashes()?
    };
    let skip = |source: &str, hash: &str| known.get(source).is_some_and(|known| known == hash);
    let mut reports = env.check_files(&options.paths, options.max_bytes, &skip)?;
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
    let mut batch = store.begin_import(options.dry_run)?;
    // The next round is prepared on the other cores while this one is
    // written: the writer, which must be alone, never waits for JSON,
    // hashes or search words.
    std::thread::scope(|scope| -> Result<()> {
        let (sender, prepared_rounds) = std::sync::mpsc::sync_channel(1);
        scope.spawn(|| {
            for round in accepted.chunks(FILES_PER_ROUND) {
                let sheets: Vec<(&Sheet, &str)> = round
                    .iter()
                    .flat_map(|r| r.sheets.iter().map(|c| (&c.sheet, r.source.as_str())))
                    .collect();
                let prepared =
                    parallel::map(&sheets, |(sheet, source)| Prepared::new(sheet, source))
                        .into_iter()
                        .collect::<Result<Vec<_>>>();
                if sender.send(prepared).is_err() {
                    break;
                }
            }
            drop(sender);
        });
        for (round, prepared) in accepted.chunks(FILES_PER_ROUND).zip(prepared_rounds) {
            batch.add(&prepared?)?;
            for report in round {
                if report.skipped {
                    batch.unchanged_file(&report.source)?;
                } else if report.source != STDIN {
                    let ids: Vec<&str> =
                        report.sheets.iter().map(|c| c.sheet.id.as_str()).collect();
                    batch.file_done(&report.source, &report.hash, &ids)?;
                }
            }
        }
        Ok(())
    })?;
    let mut report = batch.finish()?;
    // The store knows files by canonical path; people know them by the name
    // they typed.
    let typed: HashMap<&str, &str> = accepted
        .iter()
        .map(|r| (r.source.as_str(), r.file.as_str()))
        .collect();
    for imported in &mut report.sheets {
        if let Some(file) = typed.get(imported.source.as_str()) {
            (*file).clone_into(&mut imported.source);
        }
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
