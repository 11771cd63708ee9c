//! Listings: one sheet per row, in every format `list` and `search` offer.
//!
//! Line-based text formats (table, TSV) escape sheet text; CSV guards cells
//! against spreadsheet formulas; JSON and YAML keep the exact text.

use std::borrow::Cow;
use std::io::{self, Write};

use comfy_table::{Attribute, Cell, Color, ColumnConstraint, ContentArrangement, Table, presets};
use serde::Serialize;

use crate::sheet::Status;
use crate::store::ListRow;

use super::style::Painter;
use super::{format, sanitize};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowFormat {
    Table,
    Tsv,
    Csv,
    Json,
    Jsonl,
    Yaml,
    Ids,
}

/// A column of the line-based formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Id,
    Title,
    Structure,
    Territory,
    Department,
    Status,
    Reproducible,
    Themes,
    Publics,
    Period,
    Budget,
    Updated,
}

impl Column {
    pub const ALL: [Column; 12] = [
        Column::Id,
        Column::Title,
        Column::Structure,
        Column::Territory,
        Column::Department,
        Column::Status,
        Column::Reproducible,
        Column::Themes,
        Column::Publics,
        Column::Period,
        Column::Budget,
        Column::Updated,
    ];

    pub const DEFAULT: [Column; 6] = [
        Column::Id,
        Column::Title,
        Column::Structure,
        Column::Status,
        Column::Themes,
        Column::Period,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Column::Id => "id",
            Column::Title => "title",
            Column::Structure => "structure",
            Column::Territory => "territory",
            Column::Department => "department",
            Column::Status => "status",
            Column::Reproducible => "reproducible",
            Column::Themes => "themes",
            Column::Publics => "publics",
            Column::Period => "period",
            Column::Budget => "budget",
            Column::Updated => "updated",
        }
    }

    pub fn parse(name: &str) -> Option<Column> {
        Column::ALL.into_iter().find(|c| c.name() == name)
    }

    /// The cell's text; lists joined with `separator`.
    fn text(self, row: &ListRow, separator: &str) -> String {
        match self {
            Column::Id => row.id.clone(),
            Column::Title => row.title.clone(),
            Column::Structure => row.structure.clone(),
            Column::Territory => row.territory.clone().unwrap_or_default(),
            Column::Department => row.department.clone().unwrap_or_default(),
            Column::Status => row.status.code().to_owned(),
            Column::Reproducible => row.reproducible.to_string(),
            Column::Themes => row.themes.join(separator),
            Column::Publics => row.publics.join(separator),
            Column::Period => format::period_short(row.period),
            Column::Budget => row.budget.map(format::amount_plain).unwrap_or_default(),
            Column::Updated => row.updated.clone().unwrap_or_default(),
        }
    }

    /// Columns that are never wrapped in a table: a cut id cannot be copied.
    fn keep_whole(self) -> bool {
        matches!(
            self,
            Column::Id | Column::Status | Column::Period | Column::Department
        )
    }
}

/// A row with something to show beside it (a search snippet, a score).
pub trait Listed: Serialize {
    fn row(&self) -> &ListRow;
    /// Extra cells after the columns: header and text.
    fn extra(&self) -> Vec<(&'static str, String)> {
        Vec::new()
    }
}

impl Listed for ListRow {
    fn row(&self) -> &ListRow {
        self
    }
}

pub fn write_rows<T: Listed>(
    out: &mut dyn Write,
    rows: &[T],
    format: RowFormat,
    columns: &[Column],
    width: u16,
    painter: Painter,
) -> io::Result<()> {
    match format {
        RowFormat::Table => write_table(out, rows, columns, width, painter),
        RowFormat::Tsv => write_tsv(out, rows, columns),
        RowFormat::Csv => write_csv(out, rows, columns),
        RowFormat::Json | RowFormat::Jsonl | RowFormat::Yaml => write_data(out, rows, format),
        RowFormat::Ids => {
            for row in rows {
                writeln!(out, "{}", row.row().id)?;
            }
            Ok(())
        }
    }
}

/// The data formats, shared by every listing: a JSON array, one JSON object
/// per line, or a YAML list (nothing at all for no rows, like the others).
pub(super) fn write_data<T: Serialize>(
    out: &mut dyn Write,
    rows: &[T],
    format: RowFormat,
) -> io::Result<()> {
    match format {
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
        RowFormat::Yaml if !rows.is_empty() => {
            let yaml = yaml_serde::to_string(rows).map_err(io::Error::other)?;
            out.write_all(yaml.as_bytes())
        }
        _ => Ok(()),
    }
}

fn write_table<T: Listed>(
    out: &mut dyn Write,
    rows: &[T],
    columns: &[Column],
    width: u16,
    painter: Painter,
) -> io::Result<()> {
    let Some(first) = rows.first() else {
        return Ok(());
    };
    let extra_headers: Vec<&str> = first.extra().iter().map(|(h, _)| *h).collect();
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width)
        .set_header(
            columns
                .iter()
                .map(|c| c.name())
                .chain(extra_headers.iter().copied())
                .map(|h| Cell::new(h).add_attribute(Attribute::Bold)),
        );
    for (index, column) in columns.iter().enumerate() {
        if column.keep_whole()
            && let Some(table_column) = table.column_mut(index)
        {
            table_column.set_constraint(ColumnConstraint::ContentWidth);
        }
    }
    if painter.color {
        table.enforce_styling();
    } else {
        table.force_no_tty();
    }
    for listed in rows {
        let row = listed.row();
        let mut cells: Vec<Cell> = columns
            .iter()
            .map(|column| {
                // Spaces let the table wrap between list items, not inside one.
                let cell = Cell::new(sanitize::cell(&column.text(row, ", ")));
                if *column == Column::Status {
                    cell.fg(status_color(row.status))
                } else {
                    cell
                }
            })
            .collect();
        cells.extend(
            listed
                .extra()
                .into_iter()
                .map(|(_, text)| Cell::new(sanitize::cell(&text))),
        );
        table.add_row(cells);
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
fn write_tsv<T: Listed>(out: &mut dyn Write, rows: &[T], columns: &[Column]) -> io::Result<()> {
    for listed in rows {
        let row = listed.row();
        let mut cells: Vec<String> = columns
            .iter()
            .map(|c| sanitize::cell(&c.text(row, ",")).into_owned())
            .collect();
        cells.extend(
            listed
                .extra()
                .into_iter()
                .map(|(_, t)| sanitize::cell(&t).into_owned()),
        );
        writeln!(out, "{}", cells.join("\t"))?;
    }
    Ok(())
}

fn write_csv<T: Listed>(out: &mut dyn Write, rows: &[T], columns: &[Column]) -> io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    let extra_headers: Vec<&str> = rows
        .first()
        .map(|r| r.extra().iter().map(|(h, _)| *h).collect())
        .unwrap_or_default();
    writer.write_record(columns.iter().map(|c| c.name()).chain(extra_headers))?;
    for listed in rows {
        let row = listed.row();
        let cells = columns
            .iter()
            .map(|c| c.text(row, " | "))
            .chain(listed.extra().into_iter().map(|(_, t)| t));
        writer.write_record(cells.map(|c| csv_cell(&c)))?;
    }
    writer.flush()
}

/// A CSV cell: controls other than tab and line breaks made visible (a
/// stored sheet may predate the rule that refuses them), then guarded
/// against formulas.
pub fn csv_cell(text: &str) -> String {
    csv_safe(&sanitize::text(text)).into_owned()
}

/// A cell a spreadsheet will not run: text starting with `=`, `+`, `-`, `@`,
/// tab or CR gets a leading `'`, unless it is a plain number.
pub fn csv_safe(cell: &str) -> Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && cell.parse::<f64>().is_err() {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
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
    fn every_column_parses_back_from_its_name() {
        for column in Column::ALL {
            assert_eq!(Column::parse(column.name()), Some(column));
        }
        assert_eq!(Column::parse("titre"), None);
    }
}
