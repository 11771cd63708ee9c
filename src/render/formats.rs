//! The one output format type. Every command's `--format` takes a subset
//! of it (declared with [`Format::parser`]), so a format is named, spelt and
//! documented once, and `--excel` is turned into the spreadsheet dialect of
//! CSV in one place ([`Format::with_excel`]).

use clap::ValueEnum;
use clap::builder::{PossibleValuesParser, TypedValueParser};

use crate::exit::UsageError;

// The variants carry plain comments, not doc comments: each `--format`
// says in its own help what its formats print, and the help lists only
// their names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    // Aligned columns fitted to the terminal
    Table,
    // Text laid out for reading
    Text,
    // Tab-separated lines without a header, for scripts
    Tsv,
    // Comma-separated values with a header row
    Csv,
    // CSV that French spreadsheet software opens directly (`--excel`).
    #[value(skip)]
    ExcelCsv,
    // JSON
    Json,
    // One JSON object per line
    Jsonl,
    // YAML
    Yaml,
    // One id per line, for xargs
    Ids,
    // A Markdown document
    Markdown,
    // GitHub Actions workflow commands that annotate a pull request
    Github,
}

impl Format {
    /// What every command listing rows offers.
    pub const ROWS: &[Format] = &[
        Format::Table,
        Format::Tsv,
        Format::Csv,
        Format::Json,
        Format::Jsonl,
        Format::Yaml,
        Format::Ids,
    ];

    /// A clap parser that takes only the given formats, and lists only
    /// them in the help.
    pub fn parser(allowed: &'static [Format]) -> impl TypedValueParser<Value = Format> {
        PossibleValuesParser::new(allowed.iter().filter_map(ValueEnum::to_possible_value)).map(
            move |name| {
                // The name is one of `allowed`: clap checked it.
                allowed
                    .iter()
                    .copied()
                    .find(|f| {
                        f.to_possible_value()
                            .is_some_and(|v| v.matches(&name, false))
                    })
                    .unwrap_or(allowed[0])
            },
        )
    }

    /// The format with `--excel` applied: CSV becomes its spreadsheet
    /// dialect; `--excel` with anything but CSV is a usage error.
    pub fn with_excel(self, excel: bool) -> Result<Format, UsageError> {
        match (self, excel) {
            (format, false) => Ok(format),
            (Format::Csv | Format::ExcelCsv, true) => Ok(Format::ExcelCsv),
            (_, true) => Err(UsageError(
                "--excel applies to --format csv only".to_owned(),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_applies_to_csv_only() {
        assert_eq!(Format::Csv.with_excel(true).unwrap(), Format::ExcelCsv);
        assert_eq!(Format::Json.with_excel(false).unwrap(), Format::Json);
        assert!(Format::Json.with_excel(true).is_err());
    }

    #[test]
    fn the_parser_takes_only_what_it_is_given() {
        let command = clap::Command::new("t").arg(
            clap::Arg::new("f")
                .long("format")
                .value_parser(Format::parser(&[Format::Text, Format::Json])),
        );
        let parsed = command
            .clone()
            .try_get_matches_from(["t", "--format", "json"])
            .unwrap();
        assert_eq!(parsed.get_one::<Format>("f"), Some(&Format::Json));
        assert!(
            command
                .try_get_matches_from(["t", "--format", "csv"])
                .is_err()
        );
    }
}
