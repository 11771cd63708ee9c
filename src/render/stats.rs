//! Facet counts: a table with a bar per count on a terminal, or data.

use std::io::{self, Write};

use comfy_table::{
    Attribute, Cell, CellAlignment, ColumnConstraint, ContentArrangement, Table, presets,
};
use serde::Serialize;

use crate::sheet::Money;

use super::rows::{RowFormat, csv_safe, write_data};
use super::style::Painter;
use super::{format, sanitize};

/// One value of a facet as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatRow {
    /// The stored value (a code, a year, a name); empty for "none given".
    pub value: String,
    /// The French label of a theme, public or status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    pub sheets: i64,
    /// Summed `budget.total` of the counted sheets, when asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub budget: Option<Money>,
}

const BAR_WIDTH: i64 = 20;

fn bar(count: i64, max: i64) -> String {
    let eighths = if max == 0 {
        0
    } else {
        count * BAR_WIDTH * 8 / max
    };
    let mut bar = "█".repeat(usize::try_from(eighths / 8).unwrap_or(0));
    let partial =
        [" ", "▏", "▎", "▍", "▌", "▋", "▊", "▉"][usize::try_from(eighths % 8).unwrap_or(0)];
    if partial != " " {
        bar.push_str(partial);
    }
    bar
}

pub fn write_stats(
    out: &mut dyn Write,
    rows: &[StatRow],
    format: RowFormat,
    width: u16,
    painter: Painter,
) -> io::Result<()> {
    let with_budget = rows.iter().any(|r| r.budget.is_some());
    match format {
        RowFormat::Table => {
            if rows.is_empty() {
                return Ok(());
            }
            let max = rows.iter().map(|r| r.sheets).max().unwrap_or(0);
            let mut table = Table::new();
            let mut header = vec!["value", "label", "sheets", ""];
            if with_budget {
                header.push("budget");
            }
            table
                .load_style(presets::UTF8_FULL_CONDENSED)
                .set_content_arrangement(ContentArrangement::Dynamic)
                .set_width(width)
                .set_header(
                    header
                        .into_iter()
                        .map(|h| Cell::new(h).add_attribute(Attribute::Bold)),
                );
            // Values, counts and bars stay whole; labels wrap.
            for index in [0, 2, 3, 4] {
                if let Some(column) = table.column_mut(index) {
                    column.set_constraint(ColumnConstraint::ContentWidth);
                }
            }
            if painter.color {
                table.enforce_styling();
            } else {
                table.force_no_tty();
            }
            for row in rows {
                let value = if row.value.is_empty() {
                    "—"
                } else {
                    &row.value
                };
                let mut cells = vec![
                    Cell::new(sanitize::cell(value)),
                    Cell::new(sanitize::cell(row.label.as_deref().unwrap_or(""))),
                    Cell::new(row.sheets).set_alignment(CellAlignment::Right),
                    Cell::new(bar(row.sheets, max)),
                ];
                if let Some(budget) = row.budget {
                    cells.push(Cell::new(budget).set_alignment(CellAlignment::Right));
                }
                table.add_row(cells);
            }
            writeln!(out, "{table}")
        }
        RowFormat::Tsv => {
            for row in rows {
                write!(out, "{}\t{}", sanitize::cell(&row.value), row.sheets)?;
                if let Some(budget) = row.budget {
                    write!(out, "\t{}", format::amount_plain(budget))?;
                }
                writeln!(out)?;
            }
            Ok(())
        }
        RowFormat::Csv => {
            let mut writer = csv::Writer::from_writer(out);
            let mut header = vec!["value", "label", "sheets"];
            if with_budget {
                header.push("budget");
            }
            writer.write_record(header)?;
            for row in rows {
                let mut cells = vec![
                    csv_safe(&row.value).into_owned(),
                    csv_safe(row.label.as_deref().unwrap_or("")).into_owned(),
                    row.sheets.to_string(),
                ];
                if let Some(budget) = row.budget {
                    cells.push(format::amount_plain(budget));
                }
                writer.write_record(cells)?;
            }
            writer.flush()
        }
        RowFormat::Json | RowFormat::Jsonl | RowFormat::Yaml => write_data(out, rows, format),
        RowFormat::Ids => {
            for row in rows {
                writeln!(out, "{}", sanitize::cell(&row.value))?;
            }
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_largest_count() {
        assert_eq!(bar(10, 10).chars().count(), 20);
        assert_eq!(bar(5, 10).chars().count(), 10);
        assert_eq!(bar(0, 10), "");
        assert_eq!(bar(1, 160), "▏");
    }
}
