//! The options of the commands that read the catalogue: filters, order
//! and output of rows (`list`, `search`, `stats`, `related`), `show` and
//! `vocab`.

use clap::{Args, ValueEnum};
use clap_complete::engine::ArgValueCandidates;

use crate::render::Format;

#[derive(Debug, Args)]
#[command(next_help_heading = "Filters")]
pub struct FilterArgs {
    /// Only sheets with this theme (code, label or alias; a comma means any of several; repeat to require all)
    #[arg(long, value_name = "THEME", add = ArgValueCandidates::new(super::complete::theme_codes))]
    pub theme: Vec<String>,

    /// Only sheets for this public (code, label or alias; commas and repeats as for --theme)
    #[arg(long, value_name = "PUBLIC", add = ArgValueCandidates::new(super::complete::public_codes))]
    pub public: Vec<String>,

    /// Only sheets with this status (planned, ongoing, finished, abandoned, or the French words)
    #[arg(long, value_name = "STATUS", add = ArgValueCandidates::new(super::complete::status_codes))]
    pub status: Vec<String>,

    /// Only sheets whose structure contains this text (case and accents ignored)
    #[arg(long, value_name = "TEXT")]
    pub structure: Vec<String>,

    /// Only sheets whose territory contains this text (case and accents ignored)
    #[arg(long, value_name = "TEXT")]
    pub territory: Vec<String>,

    /// Only sheets in this department (68, 2A, 971; commas for any of several)
    #[arg(long, value_name = "CODE", add = ArgValueCandidates::new(super::complete::department_codes))]
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
    #[arg(add = ArgValueCandidates::new(super::complete::stored_ids))]
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
    #[arg(required = true, value_name = "ID", add = ArgValueCandidates::new(super::complete::stored_ids))]
    pub ids: Vec<String>,

    /// Never send the text through a pager
    #[arg(long)]
    pub no_pager: bool,

    /// Output format: the laid-out text, or the stored sheet as YAML or JSON
    #[arg(long, short = 'f', default_value = "text", value_name = "FORMAT",
          value_parser = Format::parser(&[Format::Text, Format::Yaml, Format::Json]))]
    pub format: Format,
}
