//! Facet counts: a table with a bar per count on a terminal, or data.

use std::io::{self, Write};

use serde::Serialize;

use crate::sheet::Money;

use super::Screen;
use super::rows::{RowFormat, csv_cell, write_data};
use super::table::{self, Cell, Fit, Spec};
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

/// Values and counts stay whole; labels share the rest; the bar goes
/// before the label when space runs out. A label column only when some
/// value has a label.
fn write_table(out: &mut dyn Write, rows: &[StatRow], screen: Screen) -> io::Result<()> {
    let with_budget = rows.iter().any(|r| r.budget.is_some());
    let with_label = rows.iter().any(|r| r.label.is_some());
    let max = rows.iter().map(|r| r.sheets).max().unwrap_or(0);
    let spec = |header, fit, priority, right| Spec {
        header,
        fit,
        priority,
        right,
    };
    let mut specs = vec![spec("value", Fit::Capped, 0, false)];
    if with_label {
        specs.push(spec("label", Fit::Flex { main: true }, 3, false));
    }
    specs.push(spec("sheets", Fit::Fixed, 0, true));
    specs.push(spec("", Fit::Fixed, 2, false));
    if with_budget {
        specs.push(spec("budget", Fit::Fixed, 1, true));
    }
    let cells: Vec<Vec<Cell>> = rows
        .iter()
        .map(|row| {
            let value = if row.value.is_empty() {
                "—"
            } else {
                &row.value
            };
            let mut cells = vec![Cell::new(sanitize::cell(value))];
            if with_label {
                cells.push(Cell::new(sanitize::cell(
                    row.label.as_deref().unwrap_or(""),
                )));
            }
            cells.push(Cell::new(row.sheets.to_string()));
            cells.push(Cell::new(bar(row.sheets, max)));
            if with_budget {
                cells.push(Cell::new(
                    row.budget.map(format::amount).unwrap_or_default(),
                ));
            }
            cells
        })
        .collect();
    table::write_table(out, &specs, &cells, screen)
}

pub fn write_stats(
    out: &mut dyn Write,
    rows: &[StatRow],
    format: RowFormat,
    screen: Screen,
) -> io::Result<()> {
    let with_budget = rows.iter().any(|r| r.budget.is_some());
    match format {
        RowFormat::Table => write_table(out, rows, screen),
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
                    csv_cell(&row.value),
                    csv_cell(row.label.as_deref().unwrap_or("")),
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
