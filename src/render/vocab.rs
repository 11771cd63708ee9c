//! The vocabularies, as a table or data.

use std::io::{self, Write};

use comfy_table::{Attribute, Cell, ColumnConstraint, ContentArrangement, Table, presets};
use serde::Serialize;

use crate::sheet::Term;

use super::rows::{RowFormat, csv_safe, write_data};
use super::sanitize;

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
    width: u16,
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
            let mut table = Table::new();
            table
                .load_style(presets::UTF8_FULL_CONDENSED)
                .set_content_arrangement(ContentArrangement::Dynamic)
                .set_width(width)
                .force_no_tty()
                .set_header(
                    ["kind", "code", "label", "aliases"]
                        .map(|h| Cell::new(h).add_attribute(Attribute::Bold)),
                );
            for index in [0, 1] {
                if let Some(column) = table.column_mut(index) {
                    column.set_constraint(ColumnConstraint::ContentWidth);
                }
            }
            for row in rows {
                table.add_row(cells(row));
            }
            writeln!(out, "{table}")
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
