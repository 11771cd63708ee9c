//! The vocabularies, as a table or data.

use std::io::{self, Write};

use serde::Serialize;

use crate::sheet::Term;

use super::Screen;
use super::rows::{RowFormat, csv_safe, write_data};
use super::sanitize;
use super::table::{self, Cell, Fit, Spec};

#[derive(Debug, Clone, Serialize)]
pub struct VocabRow {
    /// `theme` or `public`.
    pub kind: &'static str,
    #[serde(flatten)]
    pub term: Term,
}

pub fn write_vocab(
    out: &mut dyn Write,
    rows: &[VocabRow],
    format: RowFormat,
    screen: Screen,
) -> io::Result<()> {
    // A vocabulary file is user text like a sheet: every cell is escaped.
    let cells = |row: &VocabRow| {
        [
            row.kind.to_owned(),
            sanitize::cell(&row.term.code).into_owned(),
            sanitize::cell(&row.term.label).into_owned(),
            sanitize::cell(&row.term.aliases.join(", ")).into_owned(),
        ]
    };
    match format {
        RowFormat::Table => {
            let spec = |header, fit, priority| Spec {
                header,
                fit,
                priority,
                right: false,
            };
            let specs = [
                spec("kind", Fit::Fixed, 3),
                spec("code", Fit::Capped, 0),
                spec("label", Fit::Flex { main: true }, 0),
                spec("aliases", Fit::Flex { main: false }, 4),
            ];
            let cells: Vec<Vec<Cell>> = rows
                .iter()
                .map(|row| cells(row).into_iter().map(Cell::new).collect())
                .collect();
            table::write_table(out, &specs, &cells, screen)
        }
        RowFormat::Tsv => {
            for row in rows {
                writeln!(out, "{}", cells(row).join("\t"))?;
            }
            Ok(())
        }
        RowFormat::Csv => {
            let mut writer = csv::Writer::from_writer(out);
            writer.write_record(["kind", "code", "label", "aliases"])?;
            for row in rows {
                writer.write_record(cells(row).iter().map(|c| csv_safe(c).into_owned()))?;
            }
            writer.flush()
        }
        RowFormat::Json | RowFormat::Jsonl | RowFormat::Yaml => write_data(out, rows, format),
        RowFormat::Ids => {
            for row in rows {
                writeln!(out, "{}", sanitize::cell(&row.term.code))?;
            }
            Ok(())
        }
    }
}
