//! Facet counts: a table with a bar per count on a terminal, or data.

use std::io::{self, Write};

use serde::Serialize;

use crate::sheet::Money;

use super::listing::{Field, Listing, Value, write_listing};
use super::table::{Column, Fit};
use super::{Format, Screen};

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
/// value has a label; TSV keeps its columns: value, count, budget.
pub fn write_stats(
    out: &mut dyn Write,
    rows: &[StatRow],
    format: Format,
    screen: Screen,
) -> io::Result<()> {
    let with_budget = rows.iter().any(|r| r.budget.is_some());
    let with_label = rows.iter().any(|r| r.label.is_some());
    let max = rows.iter().map(|r| r.sheets).max().unwrap_or(0);
    let mut columns = vec![Column::new("value", Fit::Capped, 0)];
    if with_label {
        columns.push(Column {
            tsv: false,
            ..Column::new("label", Fit::Flex { main: true }, 3)
        });
    }
    columns.push(Column::new("sheets", Fit::Fixed, 0).right());
    columns.push(Column {
        table_only: true,
        ..Column::new("", Fit::Fixed, 2)
    });
    if with_budget {
        columns.push(Column::new("budget", Fit::Fixed, 1).right());
    }
    let cells = rows
        .iter()
        .map(|row| {
            let mut cells: Vec<Field> = vec![if row.value.is_empty() {
                Value::Missing.into()
            } else {
                row.value.as_str().into()
            }];
            if with_label {
                cells.push(row.label.clone().unwrap_or_default().into());
            }
            cells.push(row.sheets.to_string().into());
            cells.push(bar(row.sheets, max).into());
            if with_budget {
                cells.push(row.budget.map_or(Value::Missing, Value::Money).into());
            }
            cells
        })
        .collect();
    let listing = Listing {
        columns,
        rows: cells,
        ids: rows.iter().map(|r| r.value.clone()).collect(),
        data: rows,
    };
    write_listing(out, &listing, format, screen)
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
