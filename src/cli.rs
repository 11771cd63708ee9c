//! Command-line definitions (clap types only). They are turned into plain
//! option structs in `commands` before any work is done.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
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
        #[arg(add = ArgValueCandidates::new(crate::commands::stored_ids))]
        id: String,
    },
    /// Remove sheets from the catalogue (and with --from-file from their files)
    #[command(
        after_help = "Examples:\n  pacte remove ancienne-action\n  pacte remove --from-file ancienne-action\n  pacte list --status abandoned --format ids | pacte remove --yes -"
    )]
    #[command(display_order = 9)]
    Remove {
        /// The ids of the sheets to remove; `-` reads ids from standard input, one per line
        #[arg(required = true, value_name = "ID", add = ArgValueCandidates::new(crate::commands::stored_ids))]
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

#[derive(Debug, Args)]
pub struct InputArgs {
    /// YAML files or folders (searched recursively for *.yaml and *.yml); - reads standard input
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Refuse files larger than this many bytes
    #[arg(long, value_name = "BYTES", default_value_t = crate::parse::DEFAULT_MAX_BYTES)]
    pub max_size: u64,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// Import the valid files even when others have errors (still exits 1)
    #[arg(long, short = 'k')]
    pub keep_going: bool,

    /// Report what would change without writing anything
    #[arg(long, short = 'n')]
    pub dry_run: bool,

    /// Let a file replace sheets that were imported from another file under the same id
    #[arg(long)]
    pub replace: bool,
}

#[derive(Debug, Args)]
#[command(next_help_heading = "Filters")]
pub struct FilterArgs {
    /// Only sheets with this theme (code, label or alias; a comma means any of several; repeat to require all)
    #[arg(long, value_name = "THEME", add = ArgValueCandidates::new(crate::commands::theme_codes))]
    pub theme: Vec<String>,

    /// Only sheets for this public (code, label or alias; commas and repeats as for --theme)
    #[arg(long, value_name = "PUBLIC", add = ArgValueCandidates::new(crate::commands::public_codes))]
    pub public: Vec<String>,

    /// Only sheets with this status (planned, ongoing, finished, abandoned, or the French words)
    #[arg(long, value_name = "STATUS", add = ArgValueCandidates::new(crate::commands::status_codes))]
    pub status: Vec<String>,

    /// Only sheets whose structure contains this text (case and accents ignored)
    #[arg(long, value_name = "TEXT")]
    pub structure: Vec<String>,

    /// Only sheets whose territory contains this text (case and accents ignored)
    #[arg(long, value_name = "TEXT")]
    pub territory: Vec<String>,

    /// Only sheets in this department (68, 2A, 971; commas for any of several)
    #[arg(long, value_name = "CODE", add = ArgValueCandidates::new(crate::commands::department_codes))]
    pub department: Vec<String>,

    /// Only sheets with a partner (of any kind) whose name contains this text
    #[arg(long, value_name = "TEXT")]
    pub partner: Vec<String>,

    /// Only sheets with a funder (financial partner or funding line) whose name contains this text
    #[arg(long, value_name = "TEXT")]
    pub funder: Vec<String>,

    /// Only sheets whose period covers this year
    #[arg(long, value_name = "YEAR")]
    pub year: Vec<String>,

    /// Only sheets updated on or after this date (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub updated_since: Option<String>,

    /// Only sheets marked reproducible
    #[arg(long)]
    pub reproducible: bool,
}

#[derive(Debug, Args)]
#[command(next_help_heading = "Output")]
pub struct OrderArgs {
    /// Order of the rows
    #[arg(long, value_enum, default_value_t = SortKey::Id, value_name = "KEY")]
    pub sort: SortKey,

    /// Reverse the order
    #[arg(long, short = 'r')]
    pub reverse: bool,

    /// Show at most this many rows
    #[arg(long, short = 'l', value_name = "N")]
    pub limit: Option<u64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortKey {
    Id,
    Title,
    Updated,
    Start,
    Budget,
}

/// How rows are written, for every command that lists rows.
#[derive(Debug, Args)]
#[command(next_help_heading = "Output")]
pub struct OutputArgs {
    /// Output format [default: table on a terminal, tsv otherwise]
    #[arg(long, short = 'f', value_name = "FORMAT", value_parser = Format::parser(Format::ROWS))]
    pub format: Option<Format>,

    /// With csv: `;` as separator, a byte-order mark and CRLF, for French spreadsheet software
    #[arg(long)]
    pub excel: bool,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub filter: FilterArgs,

    #[command(flatten)]
    pub order: OrderArgs,

    /// Columns for table, tsv and csv, comma-separated (id,title,structure,territory,department,status,reproducible,themes,publics,period,budget,updated)
    #[arg(
        long,
        short = 'c',
        value_name = "COLUMNS",
        value_delimiter = ',',
        help_heading = "Output"
    )]
    pub columns: Vec<String>,

    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query; several arguments are joined with spaces
    #[arg(required = true, value_name = "QUERY")]
    pub query: Vec<String>,

    #[command(flatten)]
    pub filter: FilterArgs,

    /// Show at most this many hits
    #[arg(long, short = 'l', value_name = "N", help_heading = "Output")]
    pub limit: Option<u64>,

    /// Search the words as typed: no thesaurus expansion, no typo
    /// correction, no any-word completion
    #[arg(long)]
    pub exact: bool,

    /// Columns for table, tsv and csv, before the snippet (see `pacte list --help`)
    #[arg(
        long,
        short = 'c',
        value_name = "COLUMNS",
        value_delimiter = ',',
        help_heading = "Output"
    )]
    pub columns: Vec<String>,

    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// What to count sheets by
    #[arg(long, value_enum, default_value_t = Facet::Theme, value_name = "FACET")]
    pub by: Facet,

    /// Also sum this amount over the counted sheets
    #[arg(long, value_enum, value_name = "AMOUNT")]
    pub sum: Option<Amount>,

    #[command(flatten)]
    pub filter: FilterArgs,

    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Facet {
    Theme,
    Public,
    Status,
    Department,
    Funder,
    Year,
    Structure,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Amount {
    /// `budget.total`
    Budget,
}

#[derive(Debug, Args)]
pub struct RelatedArgs {
    /// The sheet to compare with
    #[arg(add = ArgValueCandidates::new(crate::commands::stored_ids))]
    pub id: String,

    /// Show at most this many sheets
    #[arg(long, short = 'l', value_name = "N", default_value_t = 10)]
    pub limit: u64,

    /// Columns for table, tsv and csv, before the score and the reason
    #[arg(
        long,
        short = 'c',
        value_name = "COLUMNS",
        value_delimiter = ',',
        help_heading = "Output"
    )]
    pub columns: Vec<String>,

    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub filter: FilterArgs,

    #[command(flatten)]
    pub order: OrderArgs,

    /// Output format
    #[arg(long, short = 'f', default_value = "yaml", value_name = "FORMAT",
          value_parser = Format::parser(&[Format::Yaml, Format::Json, Format::Jsonl, Format::Csv, Format::Markdown]))]
    pub format: Format,

    /// Write to this file, or (for yaml) one ID.yaml per sheet into this folder when it exists or ends with /; default: standard output
    #[arg(long, short = 'o', value_name = "PATH")]
    pub out: Option<PathBuf>,

    /// CSV for French spreadsheet software: `;` separator, byte-order mark, CRLF
    #[arg(long)]
    pub excel: bool,

    /// Leave out contacts (names, roles, emails, phones) and hide email addresses in the text
    #[arg(long)]
    pub redact_contacts: bool,
}

#[derive(Debug, Args)]
pub struct SiteArgs {
    /// The folder to write the site into (created if needed; only files an earlier `pacte site` wrote there are replaced or removed)
    #[arg(value_name = "OUT")]
    pub out: PathBuf,

    /// Leave out contacts (names, roles, emails, phones) and hide email addresses in the text
    #[arg(long)]
    pub redact_contacts: bool,

    /// The site's name, shown on every page [default: Catalogue des fiches action]
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,

    /// Who publishes the catalogue, named in every page's footer ("la Maison de l'Emploi du Pays Thur Doller")
    #[arg(long, value_name = "TEXT")]
    pub publisher: Option<String>,

    /// The address the site will be served from (http or https), for canonical links and a sitemap
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,

    /// Draw every page and compare it with the folder, even when nothing seems to have changed since the last build
    #[arg(long)]
    pub full: bool,

    #[command(flatten)]
    pub filter: FilterArgs,
}

#[derive(Debug, Args)]
pub struct VocabArgs {
    /// Which vocabulary [default: both]
    #[arg(value_enum)]
    pub which: Option<VocabKind>,

    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum VocabKind {
    Themes,
    Publics,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The ids of the sheets; `-` reads ids from standard input, one per line
    #[arg(required = true, value_name = "ID", add = ArgValueCandidates::new(crate::commands::stored_ids))]
    pub ids: Vec<String>,

    /// Never send the text through a pager
    #[arg(long)]
    pub no_pager: bool,

    /// Output format: the laid-out text, or the stored sheet as YAML or JSON
    #[arg(long, short = 'f', default_value = "text", value_name = "FORMAT",
          value_parser = Format::parser(&[Format::Text, Format::Yaml, Format::Json]))]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// Treat warnings as errors
    #[arg(long)]
    pub strict: bool,

    /// Output format of the findings: text, json, or github (workflow commands that annotate a pull request)
    #[arg(long, short = 'f', default_value = "text", value_name = "FORMAT",
          value_parser = Format::parser(&[Format::Text, Format::Json, Format::Github]))]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct ReviewArgs {
    #[command(flatten)]
    pub filter: FilterArgs,

    /// A sheet not updated for longer than this is stale: months or years, such as 18m, 24m, 2y
    #[arg(long, value_name = "AGE", default_value = "18m")]
    pub older_than: String,

    /// Sheets filling less than this percentage of the recommended sections are incomplete
    #[arg(long, value_name = "PERCENT", default_value_t = 100,
          value_parser = clap::value_parser!(u8).range(0..=100))]
    pub min_completeness: u8,

    /// Exit 1 when the report holds findings of these kinds (comma-separated)
    #[arg(long, value_enum, value_delimiter = ',', value_name = "KINDS")]
    pub fail_on: Vec<FailOn>,

    /// Output format: a report grouped by kind of finding, the whole report as one JSON object, or one CSV row per finding
    #[arg(long, short = 'f', default_value = "text", value_name = "FORMAT",
          value_parser = Format::parser(&[Format::Text, Format::Json, Format::Csv]))]
    pub format: Format,

    /// With csv: `;` as separator, a byte-order mark and CRLF, for French spreadsheet software
    #[arg(long)]
    pub excel: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Stale,
    Incomplete,
    Duplicates,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The earlier state: a folder or file of sheets, a database, or git:REV[:FOLDER]
    pub old: String,

    /// The later state, in the same forms
    pub new: String,

    /// Refuse sheet files larger than this many bytes
    #[arg(long, value_name = "BYTES", default_value_t = crate::parse::DEFAULT_MAX_BYTES)]
    pub max_size: u64,

    /// Output format: one row per sheet added or removed and per key changed (table or tsv), every change with both values (json), or a "what's new" section for a newsletter in French (markdown) [default: table on a terminal, tsv otherwise]
    #[arg(long, short = 'f', value_name = "FORMAT",
          value_parser = Format::parser(&[Format::Table, Format::Tsv, Format::Json, Format::Markdown]))]
    pub format: Option<Format>,
}
