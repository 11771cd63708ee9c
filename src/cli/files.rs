//! The options of the commands that read sheet files or write files:
//! `import`, `validate`, `export`, `site`, `review` and `diff`.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use crate::render::Format;

use super::rows::{FilterArgs, OrderArgs};

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
