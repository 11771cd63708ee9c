//! `pacte import PATH...`: bring the catalogue in line with these files.
//! The store's sync does the work; this file turns flags into options and
//! hands the outcome to `render`.

use std::path::PathBuf;

use anyhow::Result;

use crate::cli::ImportArgs;
use crate::exit::Exit;
use crate::render;
use crate::store::{Access, SyncOptions};

use super::Env;

pub struct Options {
    pub paths: Vec<PathBuf>,
    pub sync: SyncOptions,
}

impl From<ImportArgs> for Options {
    fn from(args: ImportArgs) -> Options {
        Options {
            paths: args.input.paths,
            sync: SyncOptions {
                max_bytes: args.input.max_size,
                keep_going: args.keep_going,
                dry_run: args.dry_run,
                replace: args.replace,
            },
        }
    }
}

pub fn run(options: &Options, env: &mut Env) -> Result<Exit> {
    let access = if options.sync.dry_run {
        Access::Preview
    } else {
        Access::Write
    };
    let mut store = env.open_store(access)?;
    let report = env.sync(&mut store, &options.paths, &options.sync)?;
    let findings: Vec<_> = report
        .files
        .iter()
        .flat_map(|r| r.findings.iter().cloned())
        .collect();
    env.findings(&findings)?;
    if report.failed > 0 && !options.sync.keep_going {
        env.error(&format!(
            "nothing imported: {} in {} (fix them, or use --keep-going to import the valid files)",
            render::tally(&findings),
            render::plural(report.failed, "file"),
        ))?;
        return Ok(Exit::DataProblem);
    }
    let (format, screen) = (env.default_format(), env.screen());
    render::write_import_report(env.out, &report.sheets, format, screen)?;
    env.note(&render::import_summary(
        &report.sheets,
        options.sync.dry_run,
    ))?;
    if report.failed > 0 {
        env.error(&format!(
            "{} not imported because of errors",
            render::plural(report.failed, "file")
        ))?;
        return Ok(Exit::DataProblem);
    }
    Ok(Exit::Success)
}
