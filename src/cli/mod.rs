//! Command-line definitions (clap types only). They are turned into plain
//! option structs in `commands` before any work is done.
//!
//! The command line is the top of the house: it may name the model, the
//! store and the output formats, and nothing below names it. What the
//! shell's completion asks (sheet ids, terms) is answered here too.

mod complete;
mod files;
mod rows;

pub use complete::COMPLETE_VARIABLE;
pub use files::{
    DiffArgs, ExportArgs, FailOn, ImportArgs, InputArgs, ReviewArgs, SiteArgs, ValidateArgs,
};
pub use rows::{
    Amount, Facet, FilterArgs, ListArgs, OrderArgs, OutputArgs, RelatedArgs, SearchArgs, ShowArgs,
    SortKey, StatsArgs, VocabArgs, VocabKind,
};

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use clap_complete::engine::ArgValueCandidates;

use crate::render::Format;

/// The help heading of the options every command takes.
const GLOBAL: &str = "Global options";

#[derive(Debug, Parser)]
#[command(
    name = "pacte",
    version,
    about = "A command-line catalogue of action sheets (fiches action) for employment and the social economy.",
    after_help = "Examples:\n  pacte import examples/sheets\n  pacte list --theme ESS\n  pacte show pacte-ess"
)]
pub struct Cli {
    /// Database file [default: the user's data directory, e.g. ~/.local/share/pacte/pacte.db]
    #[arg(long, global = true, env = "PACTE_DB", value_name = "PATH", help_heading = GLOBAL)]
    pub db: Option<PathBuf>,

    /// A vocabulary file adding themes and publics to the built-in ones
    #[arg(long, global = true, env = "PACTE_VOCAB", value_name = "FILE", help_heading = GLOBAL)]
    pub vocab: Option<PathBuf>,

    /// When to use colours
    #[arg(long, global = true, value_enum, default_value_t = Color::Auto, value_name = "WHEN", help_heading = GLOBAL)]
    pub color: Color,

    /// Tables: show whole cells, wrapped, instead of one line per row
    #[arg(long, global = true, help_heading = GLOBAL)]
    pub wide: bool,

    /// Print only results and errors: no summaries, warnings or progress
    #[arg(long, short = 'q', global = true, conflicts_with = "verbose", help_heading = GLOBAL)]
    pub quiet: bool,

    /// Also say what pacte does (database used, files read)
    #[arg(long, short = 'v', global = true, help_heading = GLOBAL)]
    pub verbose: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
#[allow(clippy::large_enum_variant)] // parsed once per run
pub enum Command {
    /// Import sheets from YAML files or folders into the database
    #[command(
        after_help = "Examples:\n  pacte import examples/sheets\n  pacte import --keep-going sheets/ new.yaml\n  cat sheet.yaml | pacte import -"
    )]
    #[command(display_order = 1)]
    Import(ImportArgs),
    /// List the stored sheets, optionally filtered
    #[command(
        after_help = "Examples:\n  pacte list --theme ESS\n  pacte list --status ongoing --public jeunes --format json\n  pacte list | cut -f1"
    )]
    #[command(display_order = 2)]
    List(ListArgs),
    /// Search the sheets' text (accents, case and plurals ignored)
    #[command(
        after_help = "Query syntax: words (all must match), \"exact phrase\", a OR b, -excluded, prefix*\n\nExamples:\n  pacte search économie solidaire\n  pacte search '\"clause sociale\" -BTP' --status ongoing\n  pacte search formation* --format json | jq '.[].id'"
    )]
    #[command(display_order = 3)]
    Search(SearchArgs),
    /// Count sheets per theme, public, status, department, funder, year or structure
    #[command(
        after_help = "Examples:\n  pacte stats --by theme\n  pacte stats --by funder --sum budget --status finished\n  pacte stats --by year --theme iae --format json"
    )]
    #[command(display_order = 11)]
    Stats(StatsArgs),
    /// Sheets most like one sheet: shared themes, publics, partners, funders and words
    #[command(
        after_help = "Examples:\n  pacte related pacte-ess\n  pacte related pacte-ess --limit 3 --format ids | xargs -n1 pacte show"
    )]
    #[command(display_order = 12)]
    Related(RelatedArgs),
    /// Write sheets out: canonical YAML (one file per sheet in a folder), JSON, CSV or Markdown
    #[command(
        after_help = "Examples:\n  pacte export --out sheets/\n  pacte export --format csv --excel --out catalogue.csv\n  pacte export --theme ess --format markdown --redact-contacts > ess.md"
    )]
    #[command(display_order = 6)]
    Export(ExportArgs),
    /// Review the catalogue: stale, incomplete and duplicate sheets, name variants, unused terms
    #[command(
        after_help = "Examples:\n  pacte review\n  pacte review --older-than 2y --department 68\n  pacte review --format csv > review.csv\n  pacte review --fail-on stale,duplicates   # exit 1 in CI when there are any"
    )]
    Review(ReviewArgs),
    /// What changed between two states of the catalogue: sheets added, removed and changed
    #[command(
        after_help = "OLD and NEW are folders or files of sheets, pacte databases, or git:REV[:FOLDER].\n\nExamples:\n  pacte diff old.db sheets/\n  pacte diff git:HEAD~10:sheets sheets/\n  pacte diff git:v1.0:sheets git:v1.1:sheets --format markdown > nouveautes.md"
    )]
    Diff(DiffArgs),
    /// Write the catalogue as a static web site: pages to browse, filter, search and print
    #[command(
        after_help = "Examples:\n  pacte site public/\n  pacte site public/ --theme ess --redact-contacts --title \"Fiches ESS\" --publisher \"Réseau ESS\"\n  pacte site public/ && python3 -m http.server -d public/"
    )]
    // Beside export, the other way to publish; ties sort by name.
    #[command(display_order = 6)]
    Site(SiteArgs),
    /// Print a blank sheet to fill in, with a comment on each key
    #[command(
        after_help = "Examples:\n  pacte new mon-action > mon-action.yaml\n  pacte new mon-action --out sheets/mon-action.yaml"
    )]
    #[command(display_order = 7)]
    New {
        /// The id of the new sheet
        id: Option<String>,
        /// Write to this file (never over an existing one) instead of standard output
        #[arg(long, short = 'o', value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Edit a sheet in $VISUAL or $EDITOR; it is checked on every save and stored once valid
    #[command(after_help = "Examples:\n  pacte edit pacte-ess\n  EDITOR=nano pacte edit pacte-ess")]
    #[command(display_order = 8)]
    Edit {
        /// The sheet's id
        #[arg(add = ArgValueCandidates::new(complete::stored_ids))]
        id: String,
    },
    /// Remove sheets from the catalogue (and with --from-file from their files)
    #[command(
        after_help = "Examples:\n  pacte remove ancienne-action\n  pacte remove --from-file ancienne-action\n  pacte list --status abandoned --format ids | pacte remove --yes -"
    )]
    #[command(display_order = 9)]
    Remove {
        /// The ids of the sheets to remove; `-` reads ids from standard input, one per line
        #[arg(required = true, value_name = "ID", add = ArgValueCandidates::new(complete::stored_ids))]
        ids: Vec<String>,
        /// Do not ask for confirmation (needed when standard input is not a terminal)
        #[arg(long, short = 'y')]
        yes: bool,
        /// Also take each sheet out of its file (a file left without sheets is deleted);
        /// otherwise the next import of that file brings the sheet back
        #[arg(long)]
        from_file: bool,
    },
    /// Turn pages of the old web catalogue (plain text) into schema-1 YAML drafts
    #[command(
        after_help = "Examples:\n  pacte convert page.txt > draft.yaml\n  pacte convert pages/*.txt --out drafts/"
    )]
    #[command(display_order = 10)]
    Convert {
        /// Text files holding one page each; - reads standard input
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Write one FILE.yaml draft per page into this folder (never over an existing file)
        #[arg(long, short = 'o', value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// Print the JSON Schema of a sheet, for editors that check YAML as it is typed
    #[command(
        after_help = "Examples:\n  pacte schema > pacte.schema.json\n  # then, at the top of a sheet:\n  # yaml-language-server: $schema=./pacte.schema.json"
    )]
    #[command(display_order = 14)]
    Schema,
    /// List the themes and publics that sheets may use
    #[command(after_help = "Examples:\n  pacte vocab\n  pacte vocab themes --format json")]
    #[command(display_order = 13)]
    Vocab(VocabArgs),
    /// Show sheets in full (`-` reads ids from standard input)
    #[command(
        after_help = "Examples:\n  pacte show pacte-ess\n  pacte show pacte-ess --format yaml > pacte-ess.yaml\n  pacte list --theme ess --format ids | pacte show -"
    )]
    #[command(display_order = 4)]
    Show(ShowArgs),
    /// Check sheet files without touching the database
    #[command(
        after_help = "Examples:\n  pacte validate sheets/\n  pacte validate --strict --format json sheets/ | jq '.[].message'\n  pacte validate --format github sheets/   # in a GitHub Actions step"
    )]
    #[command(display_order = 5)]
    Validate(ValidateArgs),
    /// Print a shell completion script (ids of stored sheets included)
    #[command(
        after_help = "Examples:\n  source <(pacte completions bash)\n  pacte completions fish > ~/.config/fish/completions/pacte.fish"
    )]
    #[command(display_order = 16)]
    Completions {
        /// The shell
        #[arg(value_enum)]
        shell: Shell,
    },
    /// Print the manual page (roff)
    #[command(
        after_help = "Examples:\n  pacte man | man -l -\n  pacte man > ~/.local/share/man/man1/pacte.1"
    )]
    #[command(display_order = 17)]
    Man,
    /// Look after the database file: where it is, what it holds, whether it is sound
    #[command(
        subcommand,
        after_help = "Examples:\n  pacte db path\n  pacte db info\n  pacte db check\n  pacte db status sheets/"
    )]
    #[command(display_order = 15)]
    Db(DbCommand),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Powershell,
    Elvish,
}

#[derive(Debug, Subcommand)]
pub enum DbCommand {
    /// Print the path of the database file
    Path,
    /// Show the schema version, number of sheets, size and last import
    Info {
        /// Output format
        #[arg(long, short = 'f', default_value = "text", value_name = "FORMAT",
              value_parser = Format::parser(&[Format::Text, Format::Json]))]
        format: Format,
    },
    /// Run SQLite's integrity check (exit 1 if the file is damaged)
    Check,
    /// List the files changed, moved or deleted since their import (and with
    /// PATHs, the sheet files there never imported)
    Status {
        /// Files or folders to look for new and moved sheet files
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Compact the file
    Vacuum,
}
