//! Listings: one sheet per row, in every format `list` offers.
//!
//! Line-based text formats (table, TSV) escape sheet text; CSV guards cells
//! against spreadsheet formulas; JSON keeps the exact text.

use std::io::{self, Write};

use comfy_table::{Attribute, Cell, Color, ColumnConstraint, ContentArrangement, Table, presets};

use crate::sheet::{Period, Status};
use crate::store::ListRow;

use super::sanitize;
use super::style::Painter;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowFormat {
    Table,
    Tsv,
    Csv,
    Json,
    Jsonl,
}

const HEADERS: [&str; 6] = ["id", "title", "structure", "status", "themes", "period"];

pub fn write_rows(
    out: &mut dyn Write,
    rows: &[ListRow],
    format: RowFormat,
    width: u16,
    painter: Painter,
) -> io::Result<()> {
    match format {
        RowFormat::Table => write_table(out, rows, width, painter),
        RowFormat::Tsv => write_tsv(out, rows),
        RowFormat::Csv => write_csv(out, rows),
        RowFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, rows)?;
            writeln!(out)
        }
        RowFormat::Jsonl => {
            for row in rows {
                serde_json::to_writer(&mut *out, row)?;
                writeln!(out)?;
            }
            Ok(())
        }
    }
}

fn period_text(period: Option<Period>) -> String {
    match period {
        None => String::new(),
        Some(Period { start, end: None }) => format!("{start}–"),
        Some(Period {
            start,
            end: Some(end),
        }) if end == start => start.to_string(),
        Some(Period {
            start,
            end: Some(end),
        }) => format!("{start}–{end}"),
    }
}

fn fields(row: &ListRow) -> [String; 6] {
    [
        row.id.clone(),
        row.title.clone(),
        row.structure.clone(),
        row.status.code().to_owned(),
        row.themes.join(","),
        period_text(row.period),
    ]
}

fn write_table(
    out: &mut dyn Write,
    rows: &[ListRow],
    width: u16,
    painter: Painter,
) -> io::Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width)
        .set_header(
            HEADERS
                .iter()
                .map(|h| Cell::new(h).add_attribute(Attribute::Bold)),
        );
    // Ids, statuses and periods are never wrapped: a cut id cannot be copied.
    for index in [0, 3, 5] {
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
        let cells = fields(row).map(|text| sanitize::cell(&text).into_owned());
        let [id, title, structure, status, _, period] = cells;
        // Spaces let the table wrap between themes rather than inside one.
        let themes = row.themes.join(", ");
        table.add_row(vec![
            Cell::new(id),
            Cell::new(title),
            Cell::new(structure),
            Cell::new(status).fg(status_color(row.status)),
            Cell::new(themes),
            Cell::new(period),
        ]);
    }
    writeln!(out, "{table}")
}

fn status_color(status: Status) -> Color {
    match status {
        Status::Planned => Color::Blue,
        Status::Ongoing => Color::Green,
        Status::Finished => Color::Cyan,
        Status::Abandoned => Color::DarkGrey,
    }
}

/// No header: one line per sheet, so `wc -l` counts sheets and `cut -f1`
/// gives ids.
fn write_tsv(out: &mut dyn Write, rows: &[ListRow]) -> io::Result<()> {
    for row in rows {
        let cells = fields(row);
        let line: Vec<_> = cells.iter().map(|c| sanitize::cell(c)).collect();
        writeln!(out, "{}", line.join("\t"))?;
    }
    Ok(())
}

fn write_csv(out: &mut dyn Write, rows: &[ListRow]) -> io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(HEADERS)?;
    for row in rows {
        writer.write_record(fields(row).iter().map(|c| csv_safe(c).into_owned()))?;
    }
    writer.flush()
}

/// A cell a spreadsheet will not run: text starting with `=`, `+`, `-`, `@`,
/// tab or CR gets a leading `'`, unless it is a plain number.
pub fn csv_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && cell.parse::<f64>().is_err() {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_defused_but_numbers_are_not() {
        assert_eq!(csv_safe("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(csv_safe("+33 3 89"), "'+33 3 89");
        assert_eq!(csv_safe("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_safe("\tcmd"), "'\tcmd");
        assert_eq!(csv_safe("-12.5"), "-12.5");
        assert_eq!(csv_safe("Économie"), "Économie");
    }

    #[test]
    fn periods() {
        assert_eq!(
            period_text(Some(Period {
                start: 2012,
                end: Some(2014)
            })),
            "2012–2014"
        );
        assert_eq!(
            period_text(Some(Period {
                start: 2020,
                end: None
            })),
            "2020–"
        );
        assert_eq!(period_text(None), "");
    }
}
